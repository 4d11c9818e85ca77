/* sc-replay.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-error.h"
#include "sc-net.h"
#include "sc-pipeline.h"
#include "sc-replay.h"

typedef struct
{
  const ScTrace   *trace;
  ScReplayOptions  options;
  ScReplayReport  *report;
  GCancellable    *cancellable;
  int              run;          /* the run in training, -1 before the first */
  guint            n_unit;       /* decisions and steps seen so far */
  guint            n_edge;
  guint            n_steps;
} Replay;

void
sc_replay_options_init (ScReplayOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (ScReplayOptions) {
    .mode = SC_REPLAY_CHAIN,
    .backend = SC_BACKEND_PORTABLE,
    .loss_rtol = 1e-5,
    .param_atol = 1e-6,
  };
}

const char *
sc_replay_kind_to_string (ScReplayKind kind)
{
  static const char *const names[SC_REPLAY_N_KINDS] = {
    [SC_REPLAY_TRAIN_LOSS] = "train loss",
    [SC_REPLAY_VAL_LOSS] = "val loss",
    [SC_REPLAY_VAL_ACC] = "val accuracy",
    [SC_REPLAY_BEST_EPOCH] = "best epoch",
    [SC_REPLAY_TEST_ACC] = "test accuracy",
    [SC_REPLAY_TEST_LOSS] = "test loss",
    [SC_REPLAY_PARAMS_START] = "params at start",
    [SC_REPLAY_FIRST_STEP] = "first step/epoch",
    [SC_REPLAY_PARAMS_BEST] = "params at best",
    [SC_REPLAY_MASKS] = "run masks",
    [SC_REPLAY_UNIT_SCORES] = "unit scores",
    [SC_REPLAY_UNIT_RANKING] = "unit ranking",
    [SC_REPLAY_UNIT_THRESHOLD] = "unit threshold",
    [SC_REPLAY_UNIT_MASK] = "unit mask",
    [SC_REPLAY_EDGE_THRESHOLD] = "edge threshold",
    [SC_REPLAY_EDGE_MASK] = "edge mask",
    [SC_REPLAY_STEP] = "steps (P, accept)",
    [SC_REPLAY_FINAL_MASK] = "final mask",
    [SC_REPLAY_FINAL_PARAMS] = "final params",
  };

  g_return_val_if_fail (kind < SC_REPLAY_N_KINDS, "?");
  return names[kind];
}

/* "run 7 (unit, step 9)" */
static char *
run_label (const Replay *self,
           int           index)
{
  const ScTraceRun *run;

  if (index < 0 || (guint) index >= self->trace->n_runs)
    return g_strdup_printf ("run %d", index);
  run = &self->trace->runs[index];
  if (run->step >= 0)
    return g_strdup_printf ("run %d (%s, step %d, P=%.17g)", index,
                            sc_trace_run_stage_to_string (run->stage), run->step, run->target);
  return g_strdup_printf ("run %d (%s)", index, sc_trace_run_stage_to_string (run->stage));
}

/* Records a divergence; the first one is kept for the report. A fatal one
 * (the runs no longer correspond) stops the pipeline. */
static void
diverge (Replay     *self,
         gboolean    fatal,
         const char *format,
         ...) G_GNUC_PRINTF (3, 4);

static void
diverge (Replay     *self,
         gboolean    fatal,
         const char *format,
         ...)
{
  va_list args;

  if (self->report->first_divergence == NULL)
    {
      va_start (args, format);
      self->report->first_divergence = g_strdup_vprintf (format, args);
      va_end (args);
    }
  if (fatal)
    g_cancellable_cancel (self->cancellable);
}

static gboolean
same_bits (double a,
           double b)
{
  return a == b || (isnan (a) && isnan (b));
}

/* Compares one number: exact counts bit-identical values; the difference is
 * relative (rel) or absolute. Returns FALSE when out of tolerance. */
static gboolean
tally (Replay       *self,
       ScReplayKind  kind,
       double        expected,
       double        got,
       gboolean      rel,
       double        tolerance)
{
  ScReplayTally *t = &self->report->tally[kind];
  double diff;

  t->n++;
  if (same_bits (expected, got))
    {
      t->n_exact++;
      return TRUE;
    }
  diff = fabs (got - expected);
  if (rel)
    diff /= MAX (fabs (expected), 1e-300);
  if (!(diff <= t->max_diff))
    t->max_diff = isnan (diff) ? INFINITY : diff;
  if (diff <= tolerance)
    return TRUE;
  t->n_bad++;
  return FALSE;
}

static void
check_number (Replay       *self,
              ScReplayKind  kind,
              double        expected,
              double        got,
              gboolean      rel,
              double        tolerance,
              gboolean      fatal,
              const char   *where,
              const char   *field)
{
  if (!tally (self, kind, expected, got, rel, tolerance))
    diverge (self, fatal, "%s: %s expected %.17g, got %.17g", where, field, expected, got);
}

/* Dense-shaped copies of a physical network's parameters (or of any pair of
 * physical arrays), with zeros where compaction dropped units. */
static void
scatter (const ScNet  *net,
         float * const *pw,
         float * const *pb,
         float        **dw,
         float        **db)
{
  for (guint k = 0; k + 1 < net->n_layers; k++)
    {
      memset (dw[k], 0, sizeof (float) * net->arch[k] * net->arch[k + 1]);
      memset (db[k], 0, sizeof (float) * net->arch[k + 1]);
      for (guint j = 0; j < net->width[k + 1]; j++)
        {
          guint oj = net->unit[k + 1][j];

          db[k][oj] = pb[k][j];
          for (guint i = 0; i < net->width[k]; i++)
            dw[k][(gsize) oj * net->arch[k] + net->unit[k][i]] =
              pw[k][(gsize) j * net->width[k] + i];
        }
    }
}

static void
check_param_arrays (Replay              *self,
                    ScReplayKind         kind,
                    const ScTraceParams *expected,
                    const ScNet         *net,
                    float * const       *pw,
                    float * const       *pb,
                    const char          *where,
                    const char          *field)
{
  const ScTrace *t = self->trace;
  guint n_w = t->n_layers - 1;
  g_autofree float **dw = g_new0 (float *, n_w);
  g_autofree float **db = g_new0 (float *, n_w);
  gboolean reported = FALSE;

  for (guint k = 0; k < n_w; k++)
    {
      dw[k] = g_new (float, (gsize) t->arch[k] * t->arch[k + 1]);
      db[k] = g_new (float, t->arch[k + 1]);
    }
  scatter (net, pw, pb, dw, db);

  for (guint k = 0; k < n_w; k++)
    {
      for (guint j = 0; j < t->arch[k + 1]; j++)
        {
          for (guint i = 0; i < t->arch[k]; i++)
            {
              gsize e = (gsize) j * t->arch[k] + i;

              if (!tally (self, kind, expected->w[k][e], dw[k][e], FALSE,
                          self->options.param_atol) && !reported)
                {
                  reported = TRUE;
                  diverge (self, FALSE, "%s: %s W[%u][%u][%u] expected %.9g, got %.9g",
                           where, field, k, j, i, expected->w[k][e], dw[k][e]);
                }
            }
          if (!tally (self, kind, expected->b[k][j], db[k][j], FALSE,
                      self->options.param_atol) && !reported)
            {
              reported = TRUE;
              diverge (self, FALSE, "%s: %s b[%u][%u] expected %.9g, got %.9g",
                       where, field, k, j, expected->b[k][j], db[k][j]);
            }
        }
      g_free (dw[k]);
      g_free (db[k]);
    }
}

static void
check_params (Replay              *self,
              ScReplayKind         kind,
              const ScTraceParams *expected,
              const ScNet         *net,
              const char          *where,
              const char          *field)
{
  check_param_arrays (self, kind, expected, net, net->w, net->b, where, field);
}

/* Weight masks against mask (dense), bias masks against bias (dense, may be
 * NULL). Masks must be identical: a difference is fatal. */
static gboolean
masks_equal (const ScTrace      *t,
             const ScTraceMasks *expected,
             const ScMask       *mask,
             guint8 * const     *bias,
             char              **where_out)
{
  for (guint k = 0; k + 1 < t->n_layers; k++)
    {
      for (guint j = 0; j < t->arch[k + 1]; j++)
        {
          for (guint i = 0; i < t->arch[k]; i++)
            {
              gsize e = (gsize) j * t->arch[k] + i;

              if (expected->w[k][e] != (mask->m[k][e] != 0))
                {
                  *where_out = g_strdup_printf ("W[%u][%u][%u] expected %u, got %u", k, j, i,
                                                expected->w[k][e], mask->m[k][e]);
                  return FALSE;
                }
            }
          if (bias && expected->b[k][j] != (bias[k][j] != 0))
            {
              *where_out = g_strdup_printf ("b[%u][%u] expected %u, got %u", k, j,
                                            expected->b[k][j], bias[k][j]);
              return FALSE;
            }
        }
    }
  return TRUE;
}

/* The net's bias masks in the dense shape (dropped units: 0). */
static guint8 **
dense_bias_masks (const ScNet *net)
{
  guint8 **bias = g_new0 (guint8 *, net->n_layers - 1);

  for (guint k = 0; k + 1 < net->n_layers; k++)
    {
      bias[k] = g_new0 (guint8, net->arch[k + 1]);
      for (guint j = 0; j < net->width[k + 1]; j++)
        bias[k][net->unit[k + 1][j]] = net->bm[k][j];
    }
  return bias;
}

static void
free_bias_masks (const ScNet *net,
                 guint8     **bias)
{
  for (guint k = 0; k + 1 < net->n_layers; k++)
    g_free (bias[k]);
  g_free (bias);
}

static void
check_net_masks (Replay             *self,
                 ScReplayKind        kind,
                 const ScTraceMasks *expected,
                 const ScNet        *net,
                 const char         *where,
                 const char         *field)
{
  g_autoptr(ScMask) mask = sc_net_get_mask (net);
  guint8 **bias = dense_bias_masks (net);
  g_autofree char *detail = NULL;
  ScReplayTally *t = &self->report->tally[kind];

  t->n++;
  if (masks_equal (self->trace, expected, mask, bias, &detail))
    t->n_exact++;
  else
    {
      t->n_bad++;
      diverge (self, TRUE, "%s: %s differ: %s", where, field, detail);
    }
  free_bias_masks (net, bias);
}

/* Writes dense parameters into the physical network (lockstep mode). */
static void
write_params (Replay              *self,
              const ScTraceParams *params,
              ScNet               *net,
              const char          *where)
{
  for (guint k = 0; k + 1 < net->n_layers; k++)
    for (guint j = 0; j < net->width[k + 1]; j++)
      {
        guint oj = net->unit[k + 1][j];

        net->b[k][j] = net->bm[k][j] ? params->b[k][oj] : 0.0f;
        for (guint i = 0; i < net->width[k]; i++)
          {
            gsize e = (gsize) j * net->width[k] + i;

            net->w[k][e] = net->m[k][e] ? params->w[k][(gsize) oj * net->arch[k] +
                                                        net->unit[k][i]] : 0.0f;
          }
      }
  (void) self;
  (void) where;
}

static ScTraceRunStage
run_stage_of (ScStage  stage,
              gboolean retrain_only)
{
  if (stage == SC_STAGE_DENSE)
    return SC_TRACE_RUN_DENSE;
  if (stage == SC_STAGE_UNITS)
    return SC_TRACE_RUN_UNIT;
  return retrain_only ? SC_TRACE_RUN_EDGE_INIT : SC_TRACE_RUN_EDGE;
}

static void
on_init_net (ScNet    *net,
             gpointer  user_data)
{
  Replay *self = user_data;

  write_params (self, &self->trace->init, net, "init");
}

static void
on_train_start (ScStage   stage,
                gboolean  retrain_only,
                ScNet    *net,
                gpointer  user_data)
{
  Replay *self = user_data;
  const ScTrace *t = self->trace;
  ScTraceRunStage want = run_stage_of (stage, retrain_only);
  g_autofree char *where = NULL;
  const ScTraceRun *run;

  self->run++;
  if ((guint) self->run >= t->n_runs)
    {
      diverge (self, TRUE, "run %d: Sculptor starts a %s run the trace does not have",
               self->run, sc_trace_run_stage_to_string (want));
      return;
    }
  run = &t->runs[self->run];
  self->report->runs_trained++;
  where = run_label (self, self->run);
  if (run->stage != want)
    {
      diverge (self, TRUE, "%s: Sculptor starts a %s run instead", where,
               sc_trace_run_stage_to_string (want));
      return;
    }

  check_net_masks (self, SC_REPLAY_MASKS, &run->masks_start, net, where, "masks at start");
  check_params (self, SC_REPLAY_PARAMS_START, &run->params_start, net, where, "params_start");
  if (self->options.mode == SC_REPLAY_LOCKSTEP)
    write_params (self, &run->params_start, net, where);
}

static guint
on_batch (guint     epoch,
          guint     index,
          float    *x,
          float    *y,
          guint     capacity,
          gpointer  user_data)
{
  Replay *self = user_data;
  const ScTrace *t = self->trace;
  const ScTraceRun *run;
  const ScTraceBatch *batch;

  if (self->run < 0 || (guint) self->run >= t->n_runs)
    return 0;
  run = &t->runs[self->run];
  if (epoch >= run->n_epochs)
    {
      g_autofree char *where = run_label (self, self->run);

      diverge (self, TRUE, "%s: Sculptor trains epoch %u, the trace has %u", where,
               epoch, run->n_epochs);
      return 0;
    }
  if (index >= run->epochs[epoch].n_batches)
    return 0;

  batch = &run->epochs[epoch].batches[index];
  g_return_val_if_fail (batch->n_rows <= capacity, 0);
  memcpy (x, batch->x, sizeof (float) * batch->n_rows * t->arch[0]);
  memcpy (y, batch->y, sizeof (float) * batch->n_rows * t->arch[t->n_layers - 1]);
  return batch->n_rows;
}

/* The dense run's first optimiser step and first epoch. */
static void
on_step (guint          epoch,
         guint          index,
         const ScNet   *net,
         float * const *gw,
         float * const *gb,
         gpointer       user_data)
{
  Replay *self = user_data;
  const ScTraceRun *run;
  g_autofree char *where = NULL;

  if (self->run < 0 || (guint) self->run >= self->trace->n_runs)
    return;
  run = &self->trace->runs[self->run];
  if (!run->has_first_step || epoch != 0)
    return;

  where = run_label (self, self->run);
  if (index == 0)
    {
      check_param_arrays (self, SC_REPLAY_FIRST_STEP, &run->grads_first_step, net, gw, gb,
                          where, "gradient of the first step");
      check_params (self, SC_REPLAY_FIRST_STEP, &run->params_after_first_step, net,
                    where, "params after the first step");
    }
  if (index + 1 == run->epochs[0].n_batches)
    check_params (self, SC_REPLAY_FIRST_STEP, &run->params_after_first_epoch, net,
                  where, "params after the first epoch");
}

static void
on_train_end (ScStage              stage,
              gboolean             retrain_only,
              ScNet               *net,
              const ScTrainResult *result,
              gpointer             user_data)
{
  Replay *self = user_data;
  const ScTraceRun *run;
  g_autofree char *where = NULL;

  if (self->run < 0 || (guint) self->run >= self->trace->n_runs)
    return;
  run = &self->trace->runs[self->run];
  where = run_label (self, self->run);

  check_number (self, SC_REPLAY_BEST_EPOCH, run->best_epoch, (double) result->best_epoch - 1,
                FALSE, 0.0, self->options.mode == SC_REPLAY_CHAIN, where, "best epoch (0-based)");
  check_number (self, SC_REPLAY_TEST_ACC, run->test_acc, (float) result->best.accuracy,
                FALSE, 0.0, FALSE, where, "test accuracy");
  check_number (self, SC_REPLAY_TEST_LOSS, run->test_loss, result->best.loss, TRUE,
                self->options.loss_rtol, FALSE, where, "test loss");
  check_net_masks (self, SC_REPLAY_MASKS, &run->masks_best, net, where, "masks at best");
  check_params (self, SC_REPLAY_PARAMS_BEST, &run->params_best, net, where, "params_best");
  if (self->options.mode == SC_REPLAY_LOCKSTEP)
    write_params (self, &run->params_best, net, where);
  (void) stage;
  (void) retrain_only;
}

static void
check_decision_mask (Replay             *self,
                     ScReplayKind        kind,
                     const ScTraceMasks *expected,
                     const ScMask       *mask,
                     const char         *where)
{
  ScReplayTally *t = &self->report->tally[kind];
  g_autofree char *detail = NULL;

  t->n++;
  if (masks_equal (self->trace, expected, mask, NULL, &detail))
    t->n_exact++;
  else
    {
      t->n_bad++;
      diverge (self, TRUE, "%s: mask differs: %s", where, detail);
    }
}

/* Units in ascending score order, ties by index. */
static const float *sort_scores;

static int
cmp_rank (gconstpointer a,
          gconstpointer b)
{
  guint i = *(const guint *) a, j = *(const guint *) b;

  if (sort_scores[i] != sort_scores[j])
    return sort_scores[i] < sort_scores[j] ? -1 : 1;
  return (i > j) - (i < j);
}

static guint *
ranking (const float *scores,
         guint        n)
{
  guint *order = g_new (guint, MAX (n, 1));

  for (guint u = 0; u < n; u++)
    order[u] = u;
  sort_scores = scores;
  qsort (order, n, sizeof (guint), cmp_rank);
  return order;
}

static void
on_unit_decision (double        target,
                  const float  *scores,
                  guint         n_scores,
                  double        threshold,
                  const ScMask *mask,
                  gpointer      user_data)
{
  Replay *self = user_data;
  const ScTrace *t = self->trace;
  const ScTraceUnitDecision *d;
  g_autofree char *where = NULL;
  g_autofree guint *want = NULL, *got = NULL;
  ScReplayTally *rank = &self->report->tally[SC_REPLAY_UNIT_RANKING];
  gboolean reported = FALSE;

  if (self->n_unit >= t->n_unit_decisions)
    {
      diverge (self, TRUE, "unit decision %u at P=%.17g: the trace has %u", self->n_unit,
               target, t->n_unit_decisions);
      return;
    }
  d = &t->unit_decisions[self->n_unit];
  where = g_strdup_printf ("unit decision %u (step %u, P=%.17g)", self->n_unit, d->step,
                           d->target);
  self->n_unit++;
  g_return_if_fail (n_scores == t->n_hidden);

  check_number (self, SC_REPLAY_STEP, d->target, target, FALSE, 0.0, TRUE, where, "P");
  for (guint u = 0; u < n_scores; u++)
    if (!tally (self, SC_REPLAY_UNIT_SCORES, d->scores[u], scores[u], TRUE,
                self->options.loss_rtol) && !reported)
      {
        reported = TRUE;
        diverge (self, FALSE, "%s: score of hidden unit %u expected %.9g, got %.9g",
                 where, u, d->scores[u], scores[u]);
      }

  want = ranking (d->scores, n_scores);
  got = ranking (scores, n_scores);
  rank->n++;
  if (memcmp (want, got, sizeof (guint) * n_scores) == 0)
    rank->n_exact++;
  else
    {
      rank->n_bad++;
      diverge (self, FALSE, "%s: the ranking of the unit scores differs", where);
    }

  check_number (self, SC_REPLAY_UNIT_THRESHOLD, d->threshold, threshold, TRUE,
                self->options.loss_rtol, FALSE, where, "threshold");
  check_decision_mask (self, SC_REPLAY_UNIT_MASK, &d->mask, mask, where);
}

static void
on_edge_decision (double        target,
                  double        threshold,
                  const ScMask *mask,
                  gpointer      user_data)
{
  Replay *self = user_data;
  const ScTrace *t = self->trace;
  const ScTraceEdgeDecision *d;
  g_autofree char *where = NULL;

  if (self->n_edge >= t->n_edge_decisions)
    {
      diverge (self, TRUE, "edge decision %u at P=%.17g: the trace has %u", self->n_edge,
               target, t->n_edge_decisions);
      return;
    }
  d = &t->edge_decisions[self->n_edge];
  where = g_strdup_printf ("edge decision %u (step %u, P=%.17g)", self->n_edge, d->step,
                           d->target);
  self->n_edge++;

  check_number (self, SC_REPLAY_STEP, d->target, target, FALSE, 0.0, TRUE, where, "P");
  check_number (self, SC_REPLAY_EDGE_THRESHOLD, d->threshold, threshold, TRUE,
                self->options.loss_rtol, FALSE, where, "threshold");
  check_decision_mask (self, SC_REPLAY_EDGE_MASK, &d->mask, mask, where);
}

static void
on_epoch (Replay        *self,
          const ScEvent *event)
{
  const ScTraceRun *run;
  const ScTraceEpoch *epoch;
  g_autofree char *where = NULL;

  if (self->run < 0 || (guint) self->run >= self->trace->n_runs)
    return;
  run = &self->trace->runs[self->run];
  if (event->epoch == 0 || event->epoch > run->n_epochs)
    return;
  epoch = &run->epochs[event->epoch - 1];
  self->report->epochs_trained++;
  {
    g_autofree char *label = run_label (self, self->run);

    where = g_strdup_printf ("%s, epoch %u", label, event->epoch - 1);
  }
  check_number (self, SC_REPLAY_TRAIN_LOSS, epoch->train_loss, event->eval->train_loss, TRUE,
                self->options.loss_rtol, FALSE, where, "train_loss");
  check_number (self, SC_REPLAY_VAL_LOSS, epoch->val_loss, event->eval->loss, TRUE,
                self->options.loss_rtol, FALSE, where, "val_loss");
  check_number (self, SC_REPLAY_VAL_ACC, epoch->val_acc, (float) event->eval->accuracy, FALSE,
                0.0, FALSE, where, "val_acc");
}

static void
on_step_event (Replay       *self,
               const ScStep *step)
{
  const ScTrace *t = self->trace;
  const ScTraceStep *want;
  g_autofree char *where = NULL;
  gboolean edge = step->stage == SC_STAGE_EDGES;
  ScReplayTally *tally_step = &self->report->tally[SC_REPLAY_STEP];

  if (step->retrain_only)
    return;
  if (self->n_steps >= t->n_steps)
    {
      diverge (self, TRUE, "step %u (%s, P=%.17g): the trace has %u steps", self->n_steps,
               edge ? "edge" : "unit", step->target, t->n_steps);
      return;
    }
  want = &t->steps[self->n_steps];
  where = g_strdup_printf ("step %u (%s, i=%u, P=%.17g)", self->n_steps,
                           want->edge ? "edge" : "unit", want->i, want->target);
  self->n_steps++;

  tally_step->n++;
  if (want->edge != edge || !same_bits (want->target, step->target) ||
      want->trained != step->trained || want->accepted != step->accepted)
    {
      tally_step->n_bad++;
      diverge (self, TRUE, "%s: Sculptor's step is %s P=%.17g, %s, %s", where,
               edge ? "edge" : "unit", step->target,
               step->trained ? "trained" : "not trained",
               step->accepted ? "accepted" : "rejected");
      return;
    }
  tally_step->n_exact++;
  if (want->trained)
    check_number (self, SC_REPLAY_TEST_ACC, want->test_acc, (float) step->accuracy, FALSE,
                  0.0, FALSE, where, "test_acc");
}

static void
on_event (const ScEvent *event,
          gpointer       user_data)
{
  Replay *self = user_data;

  if (event->kind == SC_EVENT_EPOCH)
    on_epoch (self, event);
  else if (event->kind == SC_EVENT_STEP)
    on_step_event (self, event->step);
}

static void
check_final (Replay      *self,
             const ScRun *run)
{
  const ScTrace *t = self->trace;
  const ScEdgeRun *er = &g_array_index (run->edge_runs, ScEdgeRun, 0);
  const ScSnapshot *final = er->final;
  ScReplayTally *mask_tally = &self->report->tally[SC_REPLAY_FINAL_MASK];
  g_autofree char *detail = NULL;
  gboolean reported = FALSE;

  mask_tally->n++;
  if (masks_equal (t, &t->final_mask, final->mask, NULL, &detail))
    mask_tally->n_exact++;
  else
    {
      mask_tally->n_bad++;
      diverge (self, FALSE, "final network: mask differs: %s", detail);
    }

  for (guint k = 0; k + 1 < t->n_layers; k++)
    for (guint j = 0; j < t->arch[k + 1]; j++)
      {
        for (guint i = 0; i <= t->arch[k]; i++)
          {
            gboolean bias = i == t->arch[k];
            gsize e = (gsize) j * t->arch[k] + i;
            double want = bias ? t->final_params.b[k][j] : t->final_params.w[k][e];
            double got = bias ? final->b[k][j] : final->w[k][e];

            if (!tally (self, SC_REPLAY_FINAL_PARAMS, want, got, FALSE,
                        self->options.param_atol) && !reported)
              {
                reported = TRUE;
                if (bias)
                  diverge (self, FALSE, "final network: b[%u][%u] expected %.9g, got %.9g",
                           k, j, want, got);
                else
                  diverge (self, FALSE, "final network: W[%u][%u][%u] expected %.9g, got %.9g",
                           k, j, i, want, got);
              }
          }
      }

  check_number (self, SC_REPLAY_FINAL_PARAMS, t->final_percent, er->final_percent, FALSE,
                1e-8, FALSE, "final network", "percentage of weights pruned");
}

static ScTask *
task_from_trace (const ScTrace *t)
{
  ScTask *task = sc_task_new ();
  guint n_in = t->arch[0], n_out = t->arch[t->n_layers - 1];

  task->kind = SC_TASK_BOOLEAN;
  task->name = g_strdup (t->name);
  task->title = g_strdup (t->name);
  task->n_in = n_in;
  task->n_out = n_out;
  task->input_names = g_new0 (char *, n_in + 1);
  task->output_names = g_new0 (char *, n_out + 1);
  for (guint i = 0; i < n_in; i++)
    task->input_names[i] = g_strdup_printf ("x%u", i);
  for (guint j = 0; j < n_out; j++)
    task->output_names[j] = g_strdup_printf ("y%u", j);
  task->train = sc_dataset_ref (t->data);
  task->test = sc_dataset_ref (t->data);

  return task;
}

/* The reference's settings (oracle README, "source"): Adam with L2 1e-4,
 * acceptance at 100 % per bit, the validation loss divided by
 * (batches − 1), one Pe. */
static void
hyper_from_trace (const ScTrace *t,
                  ScHyper       *hyper)
{
  double pe = t->edge_step;

  sc_hyper_init_defaults (hyper);
  g_array_set_size (hyper->arch, 0);
  g_array_append_vals (hyper->arch, t->arch, t->n_layers);
  hyper->seed = 0;
  hyper->lr = t->lr;
  hyper->batch_size = t->batch_size;
  hyper->epochs = t->epochs;
  hyper->retrain_epochs = 0;
  hyper->weight_decay = t->runs[0].weight_decay;
  hyper->noise = 0.0;
  hyper->unit_step = t->unit_step;
  g_array_set_size (hyper->edge_steps, 0);
  g_array_append_val (hyper->edge_steps, pe);
  hyper->edge_min_step = 0.0;
  hyper->threshold = 100.0;
  hyper->threshold_mode = SC_THRESHOLD_ABSOLUTE;
  hyper->reference_val_loss = TRUE;
  hyper->feature_step = t->feature_step;
  hyper->clusterability_step = t->clusterability_step;
}

ScReplayReport *
sc_replay_run (const ScTrace          *trace,
               const ScReplayOptions  *options,
               GError                **error)
{
  g_autoptr(ScReplayReport) report = g_new0 (ScReplayReport, 1);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(ScTask) task = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(GError) local_error = NULL;
  ScReplayOptions defaults;
  ScPipelineOptions pipeline;
  ScHyper hyper;
  Replay self = { 0 };
  ScPipelineHooks hooks = {
    .init_net = on_init_net,
    .train_start = on_train_start,
    .train_end = on_train_end,
    .unit_decision = on_unit_decision,
    .edge_decision = on_edge_decision,
    .batch_func = on_batch,
    .step_func = on_step,
    .user_data = &self,
  };

  g_return_val_if_fail (trace != NULL, NULL);

  if (options == NULL)
    {
      sc_replay_options_init (&defaults);
      options = &defaults;
    }

  report->mode = options->mode;
  report->n_runs = trace->n_runs;
  for (guint r = 0; r < trace->n_runs; r++)
    report->n_epochs += trace->runs[r].n_epochs;

  self = (Replay) {
    .trace = trace, .options = *options, .report = report,
    .cancellable = cancellable, .run = -1,
  };

  task = task_from_trace (trace);
  hyper_from_trace (trace, &hyper);
  sc_pipeline_options_init (&pipeline);
  pipeline.backend = options->backend;
  pipeline.no_compaction = options->no_compaction;
  pipeline.dense_only = options->dense_only;
  pipeline.cancellable = cancellable;
  pipeline.epoch_events = TRUE;
  pipeline.event_func = on_event;
  pipeline.event_data = &self;
  pipeline.hooks = &hooks;

  run = sc_pipeline_run (task, &hyper, &pipeline, &local_error);
  sc_hyper_clear (&hyper);
  if (run == NULL && !g_error_matches (local_error, SC_ERROR, SC_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  if (run)
    {
      report->completed = TRUE;
      if (self.run + 1 != (int) trace->n_runs || self.n_steps != trace->n_steps ||
          self.n_unit != trace->n_unit_decisions || self.n_edge != trace->n_edge_decisions)
        diverge (&self, FALSE, "Sculptor stopped after %d runs, %u steps, %u unit and %u edge "
                 "decisions; the trace has %u, %u, %u and %u", self.run + 1, self.n_steps,
                 self.n_unit, self.n_edge, trace->n_runs, trace->n_steps,
                 trace->n_unit_decisions, trace->n_edge_decisions);
      check_final (&self, run);
    }

  report->ok = report->completed && report->first_divergence == NULL;
  return g_steal_pointer (&report);
}

void
sc_replay_report_free (ScReplayReport *report)
{
  if (report == NULL)
    return;
  g_free (report->first_divergence);
  g_free (report);
}

char *
sc_replay_report_format (const ScReplayReport *report,
                         const ScTrace        *trace)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "Replay of %s: ", trace->name);
  for (guint l = 0; l < trace->n_layers; l++)
    g_string_append_printf (out, "%s%u", l ? "-" : "", trace->arch[l]);
  g_string_append_printf (out, ", lr %g, batch %u, %u epochs, Pu %g, Pe %g; %s mode\n",
                          trace->lr, trace->batch_size, trace->epochs, trace->unit_step,
                          trace->edge_step,
                          report->mode == SC_REPLAY_CHAIN ? "chain" : "lockstep");
  g_string_append_printf (out, "  %-18s %u of %u runs, %u of %u epochs\n", "trained",
                          report->runs_trained, report->n_runs, report->epochs_trained,
                          report->n_epochs);
  for (guint k = 0; k < SC_REPLAY_N_KINDS; k++)
    {
      const ScReplayTally *t = &report->tally[k];

      if (t->n == 0)
        continue;
      g_string_append_printf (out, "  %-18s %7u compared, %7u identical", sc_replay_kind_to_string (k),
                              t->n, t->n_exact);
      if (t->n_exact < t->n)
        g_string_append_printf (out, ", max difference %.3g, %u out of tolerance",
                                t->max_diff, t->n_bad);
      g_string_append_c (out, '\n');
    }
  if (report->ok)
    g_string_append (out, "MATCH: every number within tolerance");
  else if (report->first_divergence)
    g_string_append_printf (out, "FIRST DIVERGENCE: %s", report->first_divergence);
  else
    g_string_append (out, "INCOMPLETE: the replay stopped early");

  return g_string_free (out, FALSE);
}
