/* bench-pipeline.c — time Sculptor's whole method on one task
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* bench-pipeline TASK [--seed N] [--set KEY=VALUE …] [--csv] [--defaults]
 *
 * Runs sc_pipeline_run() — dense training, unit pruning (§3), edge pruning
 * for every Pe (§4) and module detection (§5) — with the task's default
 * hyper-parameters and no event callback, snapshot history or file output,
 * so that only the method is timed. Prints one JSON object: seconds in
 * total and per stage (as measured by the pipeline), number of training
 * runs, final accuracy, density and hidden units, and the detection score.
 *
 * --csv prints the task's truth table and --defaults the effective
 * hyper-parameters; bench/run feeds both to bench/reference.py so that the
 * two implementations see the same data and settings. */

#define G_LOG_DOMAIN "sculptor-bench"

#include "config.h"

#include <stdio.h>

#include "bench-common.h"
#include "sc-pipeline.h"

static guint
count_training_runs (const ScRun *run,
                     ScStage      stage)
{
  guint n = 0;

  for (guint i = 0; i < run->steps->len; i++)
    {
      const ScStep *step = &g_array_index (run->steps, ScStep, i);

      if (step->trained && step->stage == stage)
        n++;
    }
  return n;
}

/* Hidden units with an incoming and an outgoing edge. */
static guint
hidden_units_left (const ScMask *mask)
{
  guint alive = 0;

  for (guint l = 1; l + 1 < mask->n_layers; l++)
    for (guint u = 0; u < mask->arch[l]; u++)
      {
        gboolean in = FALSE, out = FALSE;

        for (guint i = 0; i < mask->arch[l - 1] && !in; i++)
          in = sc_mask_get (mask, l - 1, i, u) != 0;
        for (guint j = 0; j < mask->arch[l + 1] && !out; j++)
          out = sc_mask_get (mask, l, u, j) != 0;
        alive += in && out;
      }
  return alive;
}

static void
add_stage_seconds (JsonBuilder *builder,
                   const ScRun *run)
{
  json_builder_set_member_name (builder, "stage_seconds");
  json_builder_begin_object (builder);
  for (ScStage s = SC_STAGE_DENSE; s < SC_STAGE_DONE; s++)
    {
      json_builder_set_member_name (builder, sc_stage_to_string (s));
      json_builder_add_double_value (builder, run->stage_seconds[s]);
    }
  json_builder_end_object (builder);
}

static void
add_edge_runs (JsonBuilder *builder,
               const ScRun *run)
{
  json_builder_set_member_name (builder, "edge_runs");
  json_builder_begin_array (builder);
  for (guint r = 0; r < run->edge_runs->len; r++)
    {
      const ScEdgeRun *edge = &g_array_index (run->edge_runs, ScEdgeRun, r);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "pe");
      json_builder_add_double_value (builder, edge->pe);
      json_builder_set_member_name (builder, "final_percent");
      json_builder_add_double_value (builder, edge->final_percent);
      json_builder_set_member_name (builder, "accepted_steps");
      json_builder_add_int_value (builder, edge->n_accepted);
      json_builder_set_member_name (builder, "accuracy");
      json_builder_add_double_value (builder, edge->accuracy);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

static void
print_run (const ScTask  *task,
           const ScHyper *hyper,
           const ScRun   *run)
{
  g_autoptr(JsonBuilder) builder = bench_result_begin ("pipeline", task, hyper);
  guint trained = run->steps->len > 0 ? count_training_runs (run, SC_STAGE_DENSE) +
                                        count_training_runs (run, SC_STAGE_UNITS) +
                                        count_training_runs (run, SC_STAGE_EDGES) : 0;

  json_builder_set_member_name (builder, "total_seconds");
  json_builder_add_double_value (builder, run->total_seconds);
  add_stage_seconds (builder, run);
  json_builder_set_member_name (builder, "training_runs");
  json_builder_add_int_value (builder, trained);
  json_builder_set_member_name (builder, "unit_training_runs");
  json_builder_add_int_value (builder, count_training_runs (run, SC_STAGE_UNITS));
  json_builder_set_member_name (builder, "edge_training_runs");
  json_builder_add_int_value (builder, count_training_runs (run, SC_STAGE_EDGES));
  json_builder_set_member_name (builder, "seconds_per_training_run");
  json_builder_add_double_value (builder, run->total_seconds / MAX (trained, 1));
  json_builder_set_member_name (builder, "dense_accuracy");
  json_builder_add_double_value (builder, run->dense_accuracy);
  json_builder_set_member_name (builder, "unit_percent");
  json_builder_add_double_value (builder, run->unit_percent);
  add_edge_runs (builder, run);
  json_builder_set_member_name (builder, "final_accuracy");
  json_builder_add_double_value (builder, run->final->accuracy);
  json_builder_set_member_name (builder, "final_density");
  json_builder_add_double_value (builder, run->final->density);
  json_builder_set_member_name (builder, "final_weights");
  json_builder_add_int_value (builder, sc_mask_count (run->final->mask));
  json_builder_set_member_name (builder, "final_hidden_units");
  json_builder_add_int_value (builder, hidden_units_left (run->final->mask));
  if (run->analysis->score != NULL)
    {
      json_builder_set_member_name (builder, "detection_success");
      json_builder_add_boolean_value (builder, run->analysis->score->success);
    }
  bench_result_print (builder);
}

int
main (int   argc,
      char *argv[])
{
  BenchArgs args = { 0 };
  g_autoptr(ScTask) task = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(GError) error = NULL;
  ScPipelineOptions options;
  ScHyper hyper;
  int status;

  status = bench_setup (&argc, &argv,
                        "Times the whole method (train, prune units and edges, detect) on TASK.",
                        NULL, &args, &task, &hyper);
  if (status >= 0)
    return status;

  sc_pipeline_options_init (&options);
  options.backend = SC_BACKEND_PORTABLE;
  run = sc_pipeline_run (task, &hyper, &options, &error);
  if (run == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      sc_hyper_clear (&hyper);
      return 1;
    }

  print_run (task, &hyper, run);
  sc_hyper_clear (&hyper);
  g_strfreev (args.set);
  return 0;
}
