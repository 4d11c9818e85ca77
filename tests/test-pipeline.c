/* test-pipeline.c — the whole method end to end, run files, the runner
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sc-error.h"
#include "sc-pipeline.h"
#include "sc-result.h"
#include "sc-runner.h"

static ScTask *
load_task (const char *name)
{
  g_autoptr(GError) error = NULL;
  ScTask *task = sc_task_load_bundled (name, &error);

  g_assert_no_error (error);
  return task;
}

/* The benchmark configuration: [4,2,4], 4-24-4, 15 epochs, Pu 70, Pe 2.5. */
static void
hyper_424 (ScHyper *hyper,
           ScTask  *task,
           guint64  seed)
{
  g_autofree char *seed_text = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);

  sc_hyper_copy (hyper, &task->defaults);
  g_assert_true (sc_hyper_set (hyper, "arch", "4,24,4", NULL));
  g_assert_true (sc_hyper_set (hyper, "epochs", "15", NULL));
  g_assert_true (sc_hyper_set (hyper, "unit-step", "70", NULL));
  g_assert_true (sc_hyper_set (hyper, "edge-steps", "2.5", NULL));
  g_assert_true (sc_hyper_set (hyper, "seed", seed_text, NULL));
}

static ScRun *
run_424 (guint64            seed,
         ScPipelineOptions *options)
{
  g_autoptr(ScTask) task = load_task ("exemplar/input-separable");
  g_autoptr(GError) error = NULL;
  ScHyper hyper;
  ScRun *run;

  hyper_424 (&hyper, task, seed);
  run = sc_pipeline_run (task, &hyper, options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  sc_hyper_clear (&hyper);

  return run;
}

static void
test_pipeline_input_separable (void)
{
  g_autoptr(ScRun) run = run_424 (0, NULL);
  const ScStep *first = &g_array_index (run->steps, ScStep, 0);
  const ScStep *second = &g_array_index (run->steps, ScStep, 1);
  guint n_accepted = 0;

  /* 100 % after pruning, with a small fraction of the dense edges */
  g_assert_cmpfloat (run->final->accuracy, ==, 100.0);
  g_assert_cmpfloat (run->final->density, <, 0.15);
  g_assert_cmpuint (sc_mask_count (run->final->mask), ==,
                    (guint) round (run->final->density * 192));

  /* history: dense training, then the linear schedule from Pu = 70 */
  g_assert_cmpint (first->stage, ==, SC_STAGE_DENSE);
  g_assert_true (first->retrain_only);
  g_assert_cmpint (second->stage, ==, SC_STAGE_UNITS);
  g_assert_cmpfloat (second->target, ==, 70.0);
  for (guint i = 0; i < run->steps->len; i++)
    {
      const ScStep *step = &g_array_index (run->steps, ScStep, i);

      if (step->accepted && !step->retrain_only)
        {
          n_accepted++;
          g_assert_cmpfloat (step->accuracy, ==, 100.0);   /* threshold 100 */
        }
      if (!step->trained)
        g_assert_cmpfloat (step->target, >=, 100.0);
    }
  g_assert_cmpuint (n_accepted, >=, 3);

  /* detection finds the two sub-functions */
  g_assert_nonnull (run->analysis->detection);
  g_assert_cmpuint (run->analysis->modules->n_modules, ==, 2);
  g_assert_nonnull (run->analysis->score);
  g_assert_true (run->analysis->score->success);
  g_assert_cmpuint (run->edge_runs->len, ==, 1);
}

static void
test_pipeline_determinism (void)
{
  g_autoptr(ScRun) a = run_424 (3, NULL);
  g_autoptr(ScRun) b = run_424 (3, NULL);
  g_autoptr(ScRun) c = run_424 (4, NULL);
  gboolean same_as_c = TRUE;

  g_assert_cmpuint (a->steps->len, ==, b->steps->len);
  for (guint i = 0; i < a->steps->len; i++)
    {
      const ScStep *sa = &g_array_index (a->steps, ScStep, i);
      const ScStep *sb = &g_array_index (b->steps, ScStep, i);

      g_assert_cmpfloat (sa->target, ==, sb->target);
      g_assert_cmpfloat (sa->accuracy, ==, sb->accuracy);
      g_assert_cmpfloat (sa->loss, ==, sb->loss);
    }
  g_assert_true (sc_mask_equal (a->final->mask, b->final->mask));
  for (guint k = 0; k < 2; k++)
    g_assert_cmpmem (a->final->w[k], sizeof (float) * a->final->arch[k] * a->final->arch[k + 1],
                     b->final->w[k], sizeof (float) * b->final->arch[k] * b->final->arch[k + 1]);

  /* another seed takes another path */
  same_as_c = a->steps->len == c->steps->len && sc_mask_equal (a->final->mask, c->final->mask) &&
              memcmp (a->final->w[0], c->final->w[0], sizeof (float) * 96) == 0;
  g_assert_false (same_as_c);
}

static void
test_pipeline_plain_backend (void)
{
  ScPipelineOptions options;
  g_autoptr(ScRun) run = NULL;

  sc_pipeline_options_init (&options);
  options.backend = SC_BACKEND_PLAIN;
  run = run_424 (0, &options);
  g_assert_cmpfloat (run->final->accuracy, ==, 100.0);
  g_assert_true (run->analysis->score->success);
}

typedef struct
{
  GArray   *kinds;
  GArray   *stages;
  guint     n_steps;
  guint     n_epochs;
  guint     n_detected_steps;
  guint     cancel_after;
  GCancellable *cancellable;
  gboolean  expect_snapshots;
} EventLog;

static void
log_event (const ScEvent *event,
           gpointer       user_data)
{
  EventLog *log = user_data;

  g_array_append_val (log->kinds, event->kind);
  if (event->kind == SC_EVENT_STAGE)
    g_array_append_val (log->stages, event->stage);
  if (event->kind == SC_EVENT_EPOCH)
    log->n_epochs++;
  if (event->kind == SC_EVENT_STEP)
    {
      log->n_steps++;
      g_assert_true (event->step == &g_array_index (event->run->steps, ScStep,
                                                     event->run->steps->len - 1));
      if (event->step->trained && log->expect_snapshots)
        {
          g_assert_nonnull (event->snapshot);
          g_assert_cmpfloat (event->snapshot->accuracy, ==, event->step->accuracy);
          g_assert_cmpfloat (event->snapshot->density, ==, event->step->density);
        }
      if (event->analysis)
        {
          g_assert_true (event->step->accepted);
          g_assert_nonnull (event->snapshot);
          g_assert_null (event->analysis->score);   /* only the final network is judged */
          log->n_detected_steps++;
        }
      if (log->cancel_after && log->n_steps == log->cancel_after)
        g_cancellable_cancel (log->cancellable);
    }
}

static void
test_pipeline_events (void)
{
  EventLog log = { g_array_new (FALSE, FALSE, sizeof (int)), g_array_new (FALSE, FALSE, sizeof (int)) };
  ScPipelineOptions options;
  g_autoptr(ScRun) run = NULL;
  const int expect[] = { SC_STAGE_DENSE, SC_STAGE_UNITS, SC_STAGE_EDGES, SC_STAGE_DETECTION,
                         SC_STAGE_DONE };

  sc_pipeline_options_init (&options);
  options.event_func = log_event;
  options.event_data = &log;
  options.event_snapshots = TRUE;
  log.expect_snapshots = TRUE;
  options.detect_each_step = TRUE;
  options.epoch_events = TRUE;
  run = run_424 (0, &options);

  g_assert_cmpuint (log.stages->len, ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < G_N_ELEMENTS (expect); i++)
    g_assert_cmpint (g_array_index (log.stages, int, i), ==, expect[i]);
  g_assert_cmpuint (log.n_steps, ==, run->steps->len);
  {
    guint trained = 0;

    /* every trained step (dense, retraining, pruning) runs 15 epochs */
    for (guint i = 0; i < run->steps->len; i++)
      trained += g_array_index (run->steps, ScStep, i).trained;
    g_assert_cmpuint (log.n_epochs, ==, 15 * trained);
  }
  g_assert_cmpuint (log.n_detected_steps, >=, 3);
  g_assert_cmpint (g_array_index (log.kinds, int, log.kinds->len - 1), ==, SC_EVENT_DONE);

  g_array_unref (log.kinds);
  g_array_unref (log.stages);
}

static void
test_pipeline_cancel (void)
{
  g_autoptr(ScTask) task = load_task ("exemplar/input-separable");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  EventLog log = { g_array_new (FALSE, FALSE, sizeof (int)), g_array_new (FALSE, FALSE, sizeof (int)),
                   .cancel_after = 3, .cancellable = cancellable };
  g_autoptr(GError) error = NULL;
  ScPipelineOptions options;
  ScRun *run;
  ScHyper hyper;

  hyper_424 (&hyper, task, 0);
  sc_pipeline_options_init (&options);
  options.event_func = log_event;
  options.event_data = &log;
  options.cancellable = cancellable;
  run = sc_pipeline_run (task, &hyper, &options, &error);
  g_assert_null (run);
  g_assert_error (error, SC_ERROR, SC_ERROR_CANCELLED);
  g_assert_cmpuint (log.n_steps, ==, 3);
  /* without event_snapshots the pipeline makes none */
  g_assert_cmpuint (log.n_detected_steps, ==, 0);

  sc_hyper_clear (&hyper);
  g_array_unref (log.kinds);
  g_array_unref (log.stages);
}

static void
test_pipeline_bad_input (void)
{
  g_autoptr(ScTask) task = load_task ("exemplar/separable-reused");
  g_autoptr(GError) error = NULL;
  ScHyper hyper;

  sc_hyper_copy (&hyper, &task->defaults);
  sc_hyper_set (&hyper, "arch", "4,24,4", NULL);
  g_assert_null (sc_pipeline_run (task, &hyper, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "6"));
  sc_hyper_clear (&hyper);
}

/* One validation batch: the reference's loss is infinite and the
 * accuracy-only branch selects epochs (§9.4); the run still works. */
static void
test_pipeline_reference_val_loss (void)
{
  g_autoptr(ScTask) task = load_task ("exemplar/input-separable");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRun) run = NULL;
  ScHyper hyper;

  hyper_424 (&hyper, task, 1);
  sc_hyper_set (&hyper, "reference-val-loss", "true", NULL);
  sc_hyper_set (&hyper, "batch-size", "16", NULL);
  sc_hyper_set (&hyper, "epochs", "40", NULL);
  run = sc_pipeline_run (task, &hyper, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (isinf (g_array_index (run->steps, ScStep, 0).loss));
  g_assert_cmpfloat (run->final->accuracy, ==, 100.0);
  sc_hyper_clear (&hyper);
}

/* One epoch never reaches 100 %, so no unit-pruning step is accepted: the
 * reference has no result (§9.9), and so has Sculptor unless asked to
 * edge-prune the dense network; that network's edge runs then end below
 * the threshold and say so. */
static void
test_pipeline_no_unit_step (void)
{
  g_autoptr(ScTask) task = load_task ("exemplar/input-separable");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRun) none = NULL;
  g_autoptr(ScRun) run = NULL;
  ScHyper hyper;

  hyper_424 (&hyper, task, 0);
  sc_hyper_set (&hyper, "epochs", "1", NULL);
  sc_hyper_set (&hyper, "lr", "0.001", NULL);
  none = sc_pipeline_run (task, &hyper, NULL, &error);
  g_assert_null (none);
  g_assert_error (error, SC_ERROR, SC_ERROR_NO_RESULT);
  g_clear_error (&error);

  sc_hyper_set (&hyper, "edge-prune-dense", "true", NULL);
  run = sc_pipeline_run (task, &hyper, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (run->unit_accepted_any);
  for (guint e = 0; e < run->edge_runs->len; e++)
    {
      const ScEdgeRun *er = &g_array_index (run->edge_runs, ScEdgeRun, e);

      g_assert_cmpfloat (er->accuracy, <, 100.0);
      g_assert_false (er->meets_threshold);
    }
  sc_hyper_clear (&hyper);
}

static guint
edge_rejections (const ScRun *run,
                 int          edge_run)
{
  guint n = 0;

  for (guint i = 0; i < run->steps->len; i++)
    {
      const ScStep *step = &g_array_index (run->steps, ScStep, i);

      n += step->stage == SC_STAGE_EDGES && step->edge_run == edge_run && !step->retrain_only &&
           !step->accepted;
    }
  return n;
}

/* edge-min-step: the halvings stop at that step instead of one weight;
 * with it equal to Pe an edge run ends at its first rejection. */
static void
test_pipeline_edge_min_step (void)
{
  g_autoptr(ScTask) task = load_task ("exemplar/input-separable");
  g_autoptr(ScRun) reference = run_424 (0, NULL);
  g_autoptr(ScRun) run = NULL;
  g_autoptr(GError) error = NULL;
  ScHyper hyper;

  hyper_424 (&hyper, task, 0);
  g_assert_cmpfloat (hyper.edge_min_step, ==, 0.0);    /* the reference's rule by default */
  hyper.edge_min_step = g_array_index (hyper.edge_steps, double, 0);
  run = sc_pipeline_run (task, &hyper, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (edge_rejections (run, 0), ==, 1);
  g_assert_cmpuint (edge_rejections (reference, 0), >, 1);
  sc_hyper_clear (&hyper);
}

static void
test_result_roundtrip (void)
{
  ScPipelineOptions options;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(ScRun) back = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sculptor-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  JsonObject *object;
  guint with_snapshot = 0;

  sc_pipeline_options_init (&options);
  options.keep_snapshots = TRUE;
  run = run_424 (0, &options);
  root = sc_run_to_json (run, TRUE);
  object = json_node_get_object (root);

  for (guint i = 0; i < 12; i++)
    {
      const char *required[] = { "task", "arch", "final_arch", "kept_units", "partition_premerge",
                                 "partition_merged", "modules", "hierarchy", "edges_by_layer",
                                 "history", "seconds", "score" };
      g_assert_true (json_object_has_member (object, required[i]));
    }
  g_assert_cmpfloat (json_object_get_double_member (object, "final_accuracy"), ==, 100.0);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (object, "score"),
                                                 "success"));

  g_assert_true (sc_json_write_file (root, path, TRUE, &error));
  back = sc_run_load (path, &error);
  g_assert_no_error (error);
  g_assert_true (sc_mask_equal (back->final->mask, run->final->mask));
  g_assert_cmpuint (back->analysis->modules->n_modules, ==, run->analysis->modules->n_modules);
  g_assert_cmpuint (back->steps->len, ==, run->steps->len);
  g_assert_true (back->analysis->score && back->analysis->score->success);
  for (guint i = 0; i < back->steps->len; i++)
    {
      const ScStep *a = &g_array_index (run->steps, ScStep, i);
      const ScStep *b = &g_array_index (back->steps, ScStep, i);

      g_assert_cmpint (a->stage, ==, b->stage);
      g_assert_cmpint (a->accepted, ==, b->accepted);
      g_assert_cmpfloat_with_epsilon (a->target, b->target, 1e-9);
      g_assert_cmpint (!!a->snapshot, ==, !!b->snapshot);
      if (b->snapshot)
        {
          with_snapshot++;
          g_assert_true (sc_mask_equal (a->snapshot->mask, b->snapshot->mask));
          /* packed float32: every surviving weight comes back exactly */
          for (guint k = 0; k + 1 < a->snapshot->n_layers; k++)
            for (gsize e = 0; e < sc_mask_layer_size (a->snapshot->mask, k); e++)
              if (a->snapshot->mask->m[k][e])
                g_assert_cmpfloat (a->snapshot->w[k][e], ==, b->snapshot->w[k][e]);
        }
    }
  g_assert_cmpuint (with_snapshot, >, 5);

  /* steps' networks are packed; the final one stays in the golden format */
  {
    JsonObject *first = json_array_get_object_element (json_object_get_array_member (object, "snapshots"), 0);

    g_assert_true (json_object_has_member (first, "mask_packed"));
    g_assert_true (json_object_has_member (first, "edge_weights_packed"));
    g_assert_false (json_object_has_member (first, "edges_by_layer"));
  }

  /* a run saved before packing (plain edges_by_layer and edge_weights)
   * still opens, with the same network */
  {
    JsonObject *first = json_array_get_object_element (json_object_get_array_member (object, "snapshots"), 0);
    const ScSnapshot *snap = NULL;
    JsonArray *layers = json_array_new ();
    g_autoptr(ScRun) old = NULL;

    for (guint i = 0; i < run->steps->len && !snap; i++)
      snap = g_array_index (run->steps, ScStep, i).snapshot;
    for (guint k = 0; k + 1 < snap->n_layers; k++)
      {
        JsonArray *values = json_array_new ();

        for (guint j = 0; j < snap->arch[k + 1]; j++)
          for (guint i = 0; i < snap->arch[k]; i++)
            if (sc_mask_get (snap->mask, k, i, j))
              json_array_add_double_element (values, snap->w[k][(gsize) j * snap->arch[k] + i]);
        json_array_add_array_element (layers, values);
      }
    json_object_remove_member (first, "mask_packed");
    json_object_remove_member (first, "edge_weights_packed");
    json_object_set_member (first, "edges_by_layer", sc_mask_to_edges_json (snap->mask));
    json_object_set_array_member (first, "edge_weights", layers);
    g_assert_true (sc_json_write_file (root, path, FALSE, &error));
    old = sc_run_load (path, &error);
    g_assert_no_error (error);
    g_assert_true (sc_mask_equal (g_array_index (old->steps, ScStep, snap->step).snapshot->mask, snap->mask));
    g_assert_cmpfloat (g_array_index (old->steps, ScStep, snap->step).snapshot->w[0][5], ==,
                       (float) (double) snap->w[0][5]);
  }

  /* a damaged packed network: an error naming the snapshot and the field */
  {
    JsonObject *second = json_array_get_object_element (json_object_get_array_member (object, "snapshots"), 1);
    JsonArray *weights = json_object_get_array_member (second, "edge_weights_packed");
    g_autoptr(ScRun) broken = NULL;

    json_array_remove_element (weights, 0);
    json_array_add_string_element (weights, "AAAA");
    g_assert_true (sc_json_write_file (root, path, FALSE, &error));
    broken = sc_run_load (path, &error);
    g_assert_null (broken);
    g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
    g_assert_nonnull (strstr (error->message, "snapshots[1]"));
    g_assert_nonnull (strstr (error->message, "edge_weights_packed"));
    g_clear_error (&error);
  }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_result_bad_files (void)
{
  struct { const char *text; const char *fragment; } bad[] = {
    { "[1, 2]", "no JSON object" },
    { "{\"task\": \"exemplar/input-separable\"}", "history" },
    { "{\"history\": [], \"arch\": [4, 2], \"edges_by_layer\": [[[0, 9]]]}", "edges_by_layer" },
    { "{\"history\": [], \"lr\": \"fast\"}", "lr" },
    { "{not json", "bad.json" },
  };
  g_autofree char *dir = g_dir_make_tmp ("sculptor-test-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "bad.json", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (g_file_set_contents (path, bad[i].text, -1, NULL));
      g_assert_null (sc_run_load (path, &error));
      g_assert_nonnull (error);
      if (!strstr (error->message, bad[i].fragment))
        g_error ("“%s”: message “%s” lacks “%s”", bad[i].text, error->message, bad[i].fragment);
      g_assert_nonnull (strstr (error->message, "bad.json"));
    }

  g_unlink (path);
  g_rmdir (dir);
}

/* ScRunner: the worker publishes, the main context collects. */
static void
on_finished (ScRunner *runner,
             gboolean *done)
{
  *done = TRUE;
}

static void
on_step_added (ScRunner *runner,
               guint     index,
               guint    *n_added)
{
  g_assert_cmpuint (index, ==, *n_added);
  (*n_added)++;
}

static ScRunner *
new_runner (void)
{
  g_autoptr(ScTask) task = load_task ("exemplar/input-separable");
  ScHyper hyper;
  ScRunner *runner;

  hyper_424 (&hyper, task, 0);
  runner = sc_runner_new (task, &hyper);
  sc_hyper_clear (&hyper);

  return runner;
}

static void
iterate_until (gboolean *flag,
               guint     seconds)
{
  gint64 deadline = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;

  while (!*flag && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
}

static void
test_runner_to_the_end (void)
{
  g_autoptr(ScRunner) runner = new_runner ();
  gboolean done = FALSE;
  guint n_added = 0;
  const ScRun *run;

  g_signal_connect (runner, "finished", G_CALLBACK (on_finished), &done);
  g_signal_connect (runner, "step-added", G_CALLBACK (on_step_added), &n_added);
  sc_runner_start (runner);
  iterate_until (&done, 60);

  g_assert_true (done);
  g_assert_cmpint (sc_runner_get_state (runner), ==, SC_RUNNER_FINISHED);
  run = sc_runner_get_run (runner);
  g_assert_nonnull (run);
  g_assert_cmpuint (n_added, ==, run->steps->len);
  g_assert_cmpuint (sc_runner_get_n_steps (runner), ==, run->steps->len);
  /* the latest snapshot is the final, detected network */
  g_assert_true (sc_runner_get_snapshot (runner) == run->final);
  g_assert_true (sc_runner_get_analysis (runner) == run->analysis);
  /* published steps carry their networks; accepted ones their modules */
  for (guint i = 0; i < n_added; i++)
    {
      const ScRunnerStep *rs = sc_runner_get_step (runner, i);

      g_assert_cmpuint (rs->index, ==, i);
      if (rs->step.trained)
        g_assert_nonnull (rs->step.snapshot);
      if (rs->step.accepted && rs->step.stage == SC_STAGE_UNITS)
        g_assert_nonnull (rs->step.analysis);
    }
}

static void
test_runner_step_pause_stop (void)
{
  g_autoptr(ScRunner) runner = new_runner ();
  gboolean done = FALSE;
  guint n_added = 0;
  gint64 deadline;

  g_signal_connect (runner, "finished", G_CALLBACK (on_finished), &done);
  g_signal_connect (runner, "step-added", G_CALLBACK (on_step_added), &n_added);

  /* Step from idle: runs one step (the dense training) and pauses. */
  sc_runner_step (runner);
  deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  while (sc_runner_get_state (runner) != SC_RUNNER_PAUSED && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_assert_cmpint (sc_runner_get_state (runner), ==, SC_RUNNER_PAUSED);
  g_assert_cmpuint (n_added, ==, 1);

  /* Paused means paused: nothing more arrives. */
  for (guint i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE), g_usleep (2000);
  g_assert_cmpuint (n_added, ==, 1);

  /* One more step. */
  sc_runner_step (runner);
  deadline = g_get_monotonic_time () + 30 * G_TIME_SPAN_SECOND;
  while (n_added < 2 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  while (sc_runner_get_state (runner) != SC_RUNNER_PAUSED && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE), g_usleep (1000);
  g_assert_cmpuint (n_added, ==, 2);

  /* Slow motion, resume, then stop while it waits. */
  sc_runner_set_step_delay (runner, 10000);
  sc_runner_resume (runner);
  g_assert_cmpint (sc_runner_get_state (runner), ==, SC_RUNNER_RUNNING);
  g_usleep (50000);
  sc_runner_stop (runner);
  iterate_until (&done, 5);
  g_assert_true (done);
  g_assert_cmpint (sc_runner_get_state (runner), ==, SC_RUNNER_CANCELLED);
  g_assert_null (sc_runner_get_run (runner));
}

/* A small memory budget drops step networks, rejected ones first, and
 * keeps the first and the latest. */
static void
test_runner_memory_budget (void)
{
  g_autoptr(ScRunner) runner = new_runner ();
  gboolean done = FALSE;
  guint kept = 0, kept_rejected = 0;
  gsize one;

  g_signal_connect (runner, "finished", G_CALLBACK (on_finished), &done);
  sc_runner_start (runner);
  iterate_until (&done, 60);
  g_assert_true (done);
  one = sc_snapshot_get_size (sc_runner_get_step (runner, 0)->step.snapshot);
  g_assert_cmpuint (one, >, 4 * 24 * 4);

  sc_runner_set_memory_budget (runner, 5 * one);
  for (guint i = 0; i < sc_runner_get_n_steps (runner); i++)
    {
      const ScRunnerStep *rs = sc_runner_get_step (runner, i);

      kept += rs->step.snapshot != NULL;
      kept_rejected += rs->step.snapshot != NULL && !rs->step.accepted;
    }
  g_assert_cmpuint (kept, <=, 5);
  g_assert_cmpuint (kept, >=, 2);
  g_assert_nonnull (sc_runner_get_step (runner, 0)->step.snapshot);
  g_assert_nonnull (sc_runner_get_step (runner, sc_runner_get_n_steps (runner) - 1)->step.snapshot);
  /* accepted networks outlive rejected ones */
  g_assert_cmpuint (kept_rejected, <=, 1);
}

/* Dropping the runner while it works cancels and joins the worker. */
static void
test_runner_dispose_running (void)
{
  ScRunner *runner = new_runner ();

  sc_runner_set_step_delay (runner, 1000);
  sc_runner_start (runner);
  g_usleep (20000);
  g_object_unref (runner);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pipeline/input-separable", test_pipeline_input_separable);
  g_test_add_func ("/pipeline/determinism", test_pipeline_determinism);
  g_test_add_func ("/pipeline/plain-backend", test_pipeline_plain_backend);
  g_test_add_func ("/pipeline/events", test_pipeline_events);
  g_test_add_func ("/pipeline/cancel", test_pipeline_cancel);
  g_test_add_func ("/pipeline/bad-input", test_pipeline_bad_input);
  g_test_add_func ("/pipeline/reference-val-loss", test_pipeline_reference_val_loss);
  g_test_add_func ("/pipeline/no-unit-step", test_pipeline_no_unit_step);
  g_test_add_func ("/pipeline/edge-min-step", test_pipeline_edge_min_step);
  g_test_add_func ("/result/roundtrip", test_result_roundtrip);
  g_test_add_func ("/result/bad-files", test_result_bad_files);
  g_test_add_func ("/runner/to-the-end", test_runner_to_the_end);
  g_test_add_func ("/runner/step-pause-stop", test_runner_step_pause_stop);
  g_test_add_func ("/runner/dispose-running", test_runner_dispose_running);
  g_test_add_func ("/runner/memory-budget", test_runner_memory_budget);

  return g_test_run ();
}
