/* sc-pipeline.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>

#include "sc-error.h"
#include "sc-graph.h"
#include "sc-memory.h"
#include "sc-net.h"
#include "sc-pipeline.h"
#include "sc-prune.h"

typedef struct
{
  ScRun                   *run;
  const ScPipelineOptions *options;
  ScRng                    rng;
  GTimer                  *timer;
  double                   stage_start;
  ScStage                  stage;
  ScTrainOptions           train;
  double                   accept_threshold;   /* per-bit %, see accepted() */
  gint64                   last_training_event; /* monotonic µs */
  guint                    train_epochs;        /* of the training under way */
} Ctx;

void
sc_pipeline_options_init (ScPipelineOptions *options)
{
  g_return_if_fail (options != NULL);

  *options = (ScPipelineOptions) { .backend = SC_BACKEND_PORTABLE };
}

static void
emit (Ctx           *ctx,
      const ScEvent *event)
{
  if (ctx->options->event_func)
    ctx->options->event_func (event, ctx->options->event_data);
}

static void
begin_stage (Ctx     *ctx,
             ScStage  stage)
{
  double now = g_timer_elapsed (ctx->timer, NULL);

  if (stage != ctx->stage)
    ctx->run->stage_seconds[ctx->stage] += now - ctx->stage_start;
  ctx->stage_start = now;
  ctx->stage = stage;
  emit (ctx, &(ScEvent) { .kind = SC_EVENT_STAGE, .stage = stage, .run = ctx->run });
}

static void
on_epoch (guint         epoch,
          guint         n_epochs,
          const ScEval *eval,
          gpointer      user_data)
{
  Ctx *ctx = user_data;

  emit (ctx, &(ScEvent) {
    .kind = SC_EVENT_EPOCH, .stage = ctx->stage, .run = ctx->run,
    .epoch = epoch, .n_epochs = n_epochs, .eval = eval,
  });
}

/* After each optimiser step: the replay's hook, and the network being
 * trained, at most every training_snapshot_ms (a copy: the app draws it
 * while training goes on). */
static void
on_train_step (guint          epoch,
               guint          index,
               const ScNet   *net,
               float * const *gw,
               float * const *gb,
               gpointer       user_data)
{
  Ctx *ctx = user_data;
  const ScPipelineHooks *hooks = ctx->options->hooks;
  gint64 now;

  if (hooks && hooks->step_func)
    hooks->step_func (epoch, index, net, gw, gb, hooks->user_data);
  if (ctx->options->training_snapshot_ms == 0)
    return;

  now = g_get_monotonic_time ();
  if (now - ctx->last_training_event >= (gint64) ctx->options->training_snapshot_ms * 1000)
    {
      g_autoptr(ScSnapshot) snapshot = sc_net_snapshot (net);

      snapshot->stage = ctx->stage;
      snapshot->step = ctx->run->steps->len;
      emit (ctx, &(ScEvent) {
        .kind = SC_EVENT_TRAINING, .stage = ctx->stage, .run = ctx->run,
        .epoch = epoch + 1, .n_epochs = ctx->train_epochs, .snapshot = snapshot,
      });
      ctx->last_training_event = g_get_monotonic_time ();
    }
}

static gboolean
train_net (Ctx            *ctx,
           ScNet          *net,
           gboolean        retrain_only,
           guint           epochs,
           ScTrainResult  *result,
           GError        **error)
{
  const ScPipelineHooks *hooks = ctx->options->hooks;
  ScTrainOptions options = ctx->train;

  options.epochs = epochs;
  ctx->train_epochs = epochs;
  if (!ctx->options->no_compaction)
    sc_net_compact (net);
  if (hooks && hooks->train_start)
    hooks->train_start (ctx->stage, retrain_only, net, hooks->user_data);
  if (!sc_train (net, ctx->run->task->train, ctx->run->task->test, &options,
                 &ctx->rng, result, error))
    return FALSE;
  if (hooks && hooks->train_end)
    hooks->train_end (ctx->stage, retrain_only, net, result, hooks->user_data);

  return TRUE;
}

static gboolean
accepted (Ctx          *ctx,
          const ScEval *eval)
{
  /* A slack for rounding (method.md §3.3): an accuracy equal to the
   * threshold in exact arithmetic is accepted; at 100 nothing changes. */
  return eval->accuracy >= ctx->accept_threshold - 1e-9;
}

static guint
hidden_alive (const ScNet *net)
{
  guint alive = 0;

  for (guint l = 1; l + 1 < net->n_layers; l++)
    alive += sc_net_alive_units (net, l);

  return alive;
}

/* Activation×gradient scores for the inspector and tooltips, when they
 * cost little next to a training run. */
static void
attach_scores (Ctx         *ctx,
               const ScNet *net,
               ScSnapshot  *snapshot)
{
  const ScDataset *data = ctx->run->task->test;
  guint H = sc_net_hidden_units (net);
  g_autofree float *scores = NULL;
  guint offset = net->arch[0], at = 0;

  if ((gsize) data->n_rows * H > 4000000)
    return;

  scores = sc_unit_scores (net, data, ctx->options->backend);
  snapshot->unit_scores = g_new0 (float, sc_snapshot_n_units (snapshot));
  for (guint l = 1; l + 1 < net->n_layers; l++)
    {
      for (guint i = 0; i < net->arch[l]; i++)
        snapshot->unit_scores[offset + i] = scores[at++];
      offset += net->arch[l];
    }
}

static ScSnapshot *
make_snapshot (Ctx           *ctx,
               const ScNet   *net,
               const ScEval  *eval)
{
  ScSnapshot *snapshot = sc_net_snapshot (net);

  snapshot->stage = ctx->stage;
  snapshot->step = ctx->run->steps->len;
  if (eval)
    {
      snapshot->accuracy = eval->accuracy;
      snapshot->exact_accuracy = eval->exact_accuracy;
    }
  attach_scores (ctx, net, snapshot);

  return snapshot;
}

/* The modules of an accepted step's network, as live detection shows
 * them (no score: only the final network is judged); NULL if detection
 * fails, as a live run shows such a network's units grey. */
static ScAnalysis *
analyse_step (const ScRun      *run,
              const ScSnapshot *snapshot)
{
  g_autoptr(GError) error = NULL;
  ScDetectParams params;
  ScAnalysis *analysis;

  sc_hyper_detect_params (&run->hyper, &params);
  if (!(analysis = sc_analysis_new (snapshot->mask, &params, NULL, &error)))
    g_debug ("Detection of step %u failed: %s", snapshot->step, error->message);
  return analysis;
}

/* Appends a step to the history and reports it. */

void
sc_steps_limit_snapshots (ScStep * const *steps,
                          guint           n_steps,
                          gsize           budget)
{
  g_autofree ScStep **with = g_new (ScStep *, MAX (n_steps, 1));
  g_autofree gsize *sizes = g_new (gsize, MAX (n_steps, 1));
  g_autofree gboolean *accepted = g_new (gboolean, MAX (n_steps, 1));
  g_autofree gboolean *keep = g_new (gboolean, MAX (n_steps, 1));
  guint n = 0;

  for (guint i = 0; i < n_steps; i++)
    if (steps[i]->snapshot)
      {
        with[n] = steps[i];
        sizes[n] = sc_snapshot_get_size (steps[i]->snapshot);
        accepted[n] = steps[i]->accepted;
        n++;
      }

  sc_snapshot_plan_budget (sizes, accepted, n, budget, keep);
  for (guint s = 0; s < n; s++)
    if (!keep[s])
      {
        g_clear_pointer (&with[s]->snapshot, sc_snapshot_unref);
        g_clear_pointer (&with[s]->analysis, sc_analysis_unref);
      }
}

static void
record_step (Ctx          *ctx,
             ScStep        step,
             const ScNet  *net,
             const ScEval *eval)
{
  ScSnapshot *snapshot = NULL;
  ScAnalysis *analysis = NULL;
  const ScStep *stored;

  step.stage = ctx->stage;
  step.seconds = g_timer_elapsed (ctx->timer, NULL);
  if (eval)
    {
      step.accuracy = eval->accuracy;
      step.exact_accuracy = eval->exact_accuracy;
      step.loss = eval->loss;
    }
  if (net)
    {
      step.density = sc_net_density (net);
      step.hidden_units = hidden_alive (net);
    }

  if (net && (ctx->options->keep_snapshots || ctx->options->event_snapshots))
    snapshot = make_snapshot (ctx, net, eval);
  if (snapshot && ctx->options->detect_each_step && step.accepted)
    analysis = analyse_step (ctx->run, snapshot);
  step.snapshot = ctx->options->keep_snapshots && snapshot ? sc_snapshot_ref (snapshot) : NULL;
  step.analysis = step.snapshot && analysis ? sc_analysis_ref (analysis) : NULL;

  g_array_append_val (ctx->run->steps, step);
  if (step.snapshot)
    {
      /* an MNIST run has hundreds of steps of megabytes each */
      g_autofree ScStep **all = g_new (ScStep *, ctx->run->steps->len);

      for (guint i = 0; i < ctx->run->steps->len; i++)
        all[i] = &g_array_index (ctx->run->steps, ScStep, i);
      sc_steps_limit_snapshots (all, ctx->run->steps->len, SC_SNAPSHOT_BUDGET);
    }
  stored = &g_array_index (ctx->run->steps, ScStep, ctx->run->steps->len - 1);
  emit (ctx, &(ScEvent) {
    .kind = SC_EVENT_STEP, .stage = ctx->stage, .run = ctx->run,
    .step = stored, .snapshot = snapshot, .analysis = analysis,
  });

  g_clear_pointer (&snapshot, sc_snapshot_unref);
  g_clear_pointer (&analysis, sc_analysis_unref);
}

static ScNet *
stage_dense (Ctx     *ctx,
             GError **error)
{
  ScHyper *hyper = &ctx->run->hyper;
  g_autoptr(ScNet) net = NULL;
  ScTrainResult result;

  begin_stage (ctx, SC_STAGE_DENSE);
  net = sc_net_new ((guint *) hyper->arch->data, hyper->arch->len, &ctx->rng);
  if (ctx->options->hooks && ctx->options->hooks->init_net)
    ctx->options->hooks->init_net (net, ctx->options->hooks->user_data);
  if (!train_net (ctx, net, TRUE, hyper->epochs, &result, error))
    return NULL;

  /* The dense accuracy is not checked (§9.22), but it anchors the
   * below-dense acceptance rule. */
  ctx->run->dense_accuracy = result.best.accuracy;
  ctx->run->dense_exact_accuracy = result.best.exact_accuracy;
  ctx->accept_threshold = hyper->threshold_mode == SC_THRESHOLD_ABSOLUTE
                          ? hyper->threshold
                          : result.best.accuracy - hyper->threshold;
  record_step (ctx, (ScStep) { .edge_run = -1, .retrain_only = TRUE, .trained = TRUE,
                               .accepted = TRUE }, net, &result.best);
  ctx->run->dense = sc_net_snapshot (net);

  return g_steal_pointer (&net);
}

/* Stage 1, §3.3. Returns the last accepted network (model0 if none). */
static ScNet *
stage_units (Ctx     *ctx,
             ScNet   *model0,
             GError **error)
{
  ScHyper *hyper = &ctx->run->hyper;
  guint H = sc_net_hidden_units (model0);
  g_autoptr(ScNet) current = sc_net_copy (model0);
  g_autoptr(ScNet) prev = NULL;
  g_autoptr(ScMask) mask = sc_net_get_mask (model0);
  ScSchedule schedule;
  double target;

  begin_stage (ctx, SC_STAGE_UNITS);
  sc_schedule_init (&schedule, 0.0, hyper->unit_step, 100.0 / H);

  while (sc_schedule_next (&schedule, &target))
    {
      ScStep step = { .edge_run = -1, .step = hyper->unit_step, .target = target };
      g_autoptr(ScMask) newmask = NULL;
      ScTrainResult result;

      if (target < 100.0)
        {
          g_autofree float *scores = sc_unit_scores (current, ctx->run->task->test,
                                                     ctx->options->backend);

          const ScPipelineHooks *hooks = ctx->options->hooks;
          double threshold;

          newmask = sc_mask_copy (mask);
          sc_unit_prune_mask (newmask, scores, target, &threshold);
          if (hooks && hooks->unit_decision)
            hooks->unit_decision (target, scores, H, threshold, newmask, hooks->user_data);
          sc_net_set_mask (current, newmask);
          if (!train_net (ctx, current, FALSE, sc_hyper_retrain_epochs (hyper), &result, error))
            return NULL;
          step.trained = TRUE;
          step.accepted = accepted (ctx, &result.best);
        }

      record_step (ctx, step, step.trained ? current : NULL,
                   step.trained ? &result.best : NULL);
      sc_schedule_report (&schedule, step.accepted);

      if (step.accepted)
        {
          g_clear_pointer (&prev, sc_net_free);
          prev = sc_net_copy (current);
          sc_mask_free (mask);
          mask = g_steal_pointer (&newmask);
        }
      else if (!schedule.done)
        {
          sc_net_free (current);
          current = sc_net_copy (prev ? prev : model0);
        }
    }

  ctx->run->unit_accepted_any = prev != NULL;
  if (prev == NULL && !hyper->edge_prune_dense)
    {
      /* The reference crashes here (§9.9): no result for this (seed, Pu). */
      g_set_error (error, SC_ERROR, SC_ERROR_NO_RESULT,
                   "No unit-pruning step was accepted, so the method gives no network "
                   "(the reference stops here, method.md §9.9); edge-prune-dense "
                   "edge-prunes the dense network instead");
      return NULL;
    }
  if (prev == NULL)
    g_message ("No unit-pruning step was accepted; edge pruning starts from the dense network");

  return sc_net_copy (prev ? prev : model0);
}

static gboolean
edge_run (Ctx           *ctx,
          const ScNet   *retrained,
          const ScEval  *retrained_eval,
          guint          index,
          double         p_init,
          ScEdgeRun     *out,
          GError       **error)
{
  ScHyper *hyper = &ctx->run->hyper;
  double pe = g_array_index (hyper->edge_steps, double, index);
  gsize n_w = sc_net_dense_weights (retrained);
  g_autoptr(ScNet) current = sc_net_copy (retrained);
  g_autoptr(ScNet) prev = sc_net_copy (retrained);
  ScEval prev_eval = *retrained_eval;
  ScSchedule schedule;
  double target;

  *out = (ScEdgeRun) { .pe = pe };
  /* p_min is one weight (§4); a larger edge-min-step ends the halvings
   * sooner on big networks, where a halved step of a few weights can go on
   * being accepted for thousands of steps (method.md, Deviations). The
   * targets are float32 arithmetic, as the reference's (obs. 8). */
  sc_schedule_init_float32 (&schedule, p_init, pe, MAX (100.0 / n_w, hyper->edge_min_step));

  while (sc_schedule_next (&schedule, &target))
    {
      ScStep step = { .edge_run = (int) index, .step = pe, .target = target };
      ScTrainResult result;

      if (target < 100.0)
        {
          const ScPipelineHooks *hooks = ctx->options->hooks;
          double threshold;
          g_autoptr(ScMask) newmask = sc_edge_prune_mask (current, target, &threshold);

          if (hooks && hooks->edge_decision)
            hooks->edge_decision (target, threshold, newmask, hooks->user_data);
          sc_net_set_mask (current, newmask);
          if (!train_net (ctx, current, FALSE, sc_hyper_retrain_epochs (hyper), &result, error))
            return FALSE;
          step.trained = TRUE;
          step.accepted = accepted (ctx, &result.best);
        }

      record_step (ctx, step, step.trained ? current : NULL,
                   step.trained ? &result.best : NULL);
      sc_schedule_report (&schedule, step.accepted);

      if (step.accepted)
        {
          sc_net_free (prev);
          prev = sc_net_copy (current);
          prev_eval = result.best;
          out->n_accepted++;
        }
      else if (!schedule.done)
        {
          sc_net_free (current);
          current = sc_net_copy (prev);
        }
    }

  /* The reference stores 100·(1 − d) with d = kept/total a float32 tensor
   * (oracle README "final_prune_percent_weights"). */
  out->final_percent = 100.0 * (1.0 - (double) ((float) sc_net_alive_weights (prev) / (float) n_w));
  out->accuracy = prev_eval.accuracy;
  /* Without an accepted step the result is the re-trained unit-pruned
   * network, which nothing checked (§9.8). */
  out->meets_threshold = accepted (ctx, &prev_eval);
  out->final = make_snapshot (ctx, prev, &prev_eval);

  return TRUE;
}

/* §0: the sparsest wins, first on ties; a network below the accuracy
 * threshold (no step accepted, re-training short of it) never beats one
 * that passes. */
static gboolean
sparser_edge_run (const ScEdgeRun *a,
                  const ScEdgeRun *best)
{
  if (a->meets_threshold != best->meets_threshold)
    return a->meets_threshold;
  return a->final_percent > best->final_percent;
}

/* Stage 2, §4: one re-training, then one schedule per Pe from that same
 * network; the sparsest result wins (the authors' selection, §0). */
static gboolean
stage_edges (Ctx     *ctx,
             ScNet   *unit_net,
             GError **error)
{
  ScRun *run = ctx->run;
  ScHyper *hyper = &run->hyper;
  gsize n_w = sc_net_dense_weights (unit_net);
  /* The reference's P_init is a float32 tensor, 100·(1 − kept/total), each
   * operation rounded to float32 (oracle README obs. 8, 16). */
  float kept_f = (float) sc_net_alive_weights (unit_net) / (float) n_w;
  double p_init = 100.0f * (1.0f - kept_f);
  ScTrainResult result;

  begin_stage (ctx, SC_STAGE_EDGES);
  /* Re-trained once more, result not checked (§9.8). */
  if (!train_net (ctx, unit_net, TRUE, hyper->epochs, &result, error))
    return FALSE;
  record_step (ctx, (ScStep) { .edge_run = -1, .retrain_only = TRUE, .trained = TRUE,
                               .accepted = TRUE, .target = p_init },
               unit_net, &result.best);

  for (guint e = 0; e < hyper->edge_steps->len; e++)
    {
      ScEdgeRun er;

      if (!edge_run (ctx, unit_net, &result.best, e, p_init, &er, error))
        return FALSE;
      g_array_append_val (run->edge_runs, er);
      if (sparser_edge_run (&er, &g_array_index (run->edge_runs, ScEdgeRun,
                                                 run->chosen_edge_run)))
        run->chosen_edge_run = e;
    }

  run->final = sc_snapshot_ref (g_array_index (run->edge_runs, ScEdgeRun,
                                               run->chosen_edge_run).final);
  return TRUE;
}

guint
sc_run_detect_steps (ScRun *run)
{
  guint n = 0;

  g_return_val_if_fail (run != NULL, 0);

  for (guint i = 0; i < run->steps->len; i++)
    {
      ScStep *step = &g_array_index (run->steps, ScStep, i);

      if (!step->accepted || step->snapshot == NULL || step->analysis != NULL)
        continue;
      if ((step->analysis = analyse_step (run, step->snapshot)))
        n++;
    }
  return n;
}

static gboolean
stage_detection (Ctx     *ctx,
                 GError **error)
{
  ScRun *run = ctx->run;
  ScDetectParams params;

  begin_stage (ctx, SC_STAGE_DETECTION);
  sc_hyper_detect_params (&run->hyper, &params);
  if (!(run->analysis = sc_analysis_new (run->final->mask, &params, run->task->truth, error)))
    return FALSE;

  emit (ctx, &(ScEvent) { .kind = SC_EVENT_DETECTION, .stage = SC_STAGE_DETECTION,
                          .run = run, .snapshot = run->final, .analysis = run->analysis });
  return TRUE;
}

static void
finish_unit_stats (ScRun       *run,
                   const ScNet *unit_net)
{
  guint H = sc_net_hidden_units (unit_net);

  run->unit_percent = 100.0 * (1.0 - (double) hidden_alive (unit_net) / H);
  run->unit_weight_percent = 100.0 * (1.0 - sc_net_density (unit_net));
  run->unit_final = sc_net_snapshot (unit_net);
}

ScRun *
sc_pipeline_run (ScTask                  *task,
                 const ScHyper           *hyper,
                 const ScPipelineOptions *options,
                 GError                 **error)
{
  g_autoptr(ScRun) run = g_new0 (ScRun, 1);
  g_autoptr(ScNet) model0 = NULL;
  g_autoptr(ScNet) unit_net = NULL;
  ScPipelineOptions default_options;
  Ctx ctx = { 0 };
  gboolean ok;

  g_return_val_if_fail (task != NULL && hyper != NULL, NULL);

  if (options == NULL)
    {
      sc_pipeline_options_init (&default_options);
      options = &default_options;
    }

  if (!sc_hyper_validate (hyper, task->n_in, task->n_out, error))
    return NULL;
  if (task->train == NULL || task->test == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NOT_FOUND,
                   "The data of task “%s” is not available", task->name);
      return NULL;
    }
  if (!sc_memory_check_run (task, hyper, options->keep_snapshots || options->event_snapshots,
                            options->memory_limit, options->memory_limit_source, error))
    return NULL;

  run->task = sc_task_ref (task);
  sc_hyper_copy (&run->hyper, hyper);
  run->steps = g_array_new (FALSE, TRUE, sizeof (ScStep));
  run->edge_runs = g_array_new (FALSE, TRUE, sizeof (ScEdgeRun));

  ctx.run = run;
  ctx.options = options;
  ctx.timer = g_timer_new ();
  sc_rng_init (&ctx.rng, hyper->seed);
  ctx.train = (ScTrainOptions) {
    .lr = hyper->lr,
    .weight_decay = hyper->weight_decay,
    .noise = hyper->noise,
    .batch_size = hyper->batch_size,
    .reference_val_loss = hyper->reference_val_loss,
    .backend = options->backend,
    .dense_only = options->dense_only,
    .cancellable = options->cancellable,
    .epoch_func = options->epoch_events ? on_epoch : NULL,
    .epoch_data = &ctx,
    .batch_func = options->hooks ? options->hooks->batch_func : NULL,
    .batch_data = options->hooks ? options->hooks->user_data : NULL,
    .step_func = options->training_snapshot_ms > 0 || (options->hooks && options->hooks->step_func)
                 ? on_train_step : NULL,
    .step_data = &ctx,
  };

  ok = (model0 = stage_dense (&ctx, error)) != NULL &&
       (unit_net = stage_units (&ctx, model0, error)) != NULL;
  if (ok)
    {
      finish_unit_stats (run, unit_net);
      ok = stage_edges (&ctx, unit_net, error) && stage_detection (&ctx, error);
    }

  begin_stage (&ctx, SC_STAGE_DONE);
  run->total_seconds = g_timer_elapsed (ctx.timer, NULL);
  g_timer_destroy (ctx.timer);

  if (!ok)
    return NULL;

  run->completed = TRUE;
  emit (&ctx, &(ScEvent) { .kind = SC_EVENT_DONE, .stage = SC_STAGE_DONE,
                           .run = run, .snapshot = run->final, .analysis = run->analysis });

  return g_steal_pointer (&run);
}

void
sc_run_free (ScRun *run)
{
  if (run == NULL)
    return;

  if (run->steps)
    for (guint i = 0; i < run->steps->len; i++)
      {
        g_clear_pointer (&g_array_index (run->steps, ScStep, i).snapshot, sc_snapshot_unref);
        g_clear_pointer (&g_array_index (run->steps, ScStep, i).analysis, sc_analysis_unref);
      }
  if (run->edge_runs)
    for (guint i = 0; i < run->edge_runs->len; i++)
      g_clear_pointer (&g_array_index (run->edge_runs, ScEdgeRun, i).final, sc_snapshot_unref);
  g_clear_pointer (&run->steps, g_array_unref);
  g_clear_pointer (&run->edge_runs, g_array_unref);
  g_clear_pointer (&run->dense, sc_snapshot_unref);
  g_clear_pointer (&run->unit_final, sc_snapshot_unref);
  g_clear_pointer (&run->final, sc_snapshot_unref);
  g_clear_pointer (&run->analysis, sc_analysis_unref);
  g_clear_pointer (&run->task, sc_task_unref);
  g_clear_pointer (&run->load_notice, g_free);
  if (run->hyper.arch)
    sc_hyper_clear (&run->hyper);
  g_free (run);
}
