/* sc-sweep-run.c — one run of a sweep, read back as a run the app shows
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>

#include "sc-error.h"
#include "sc-sweep-merge.h"
#include "sc-sweep-run.h"

/* Scored when the truth fits; shown unscored when it does not (as a saved
 * run is, sc-result.c). */
static ScAnalysis *
analyse (const ScSnapshot      *network,
         const ScDetectParams  *params,
         const ScTruth         *truth,
         GError               **error)
{
  g_autoptr(GError) score_error = NULL;
  ScAnalysis *analysis;

  if (truth != NULL && (analysis = sc_analysis_new (network->mask, params, truth, &score_error)))
    return analysis;
  if (score_error != NULL)
    g_debug ("A sweep's run is shown unscored: %s", score_error->message);
  return sc_analysis_new (network->mask, params, NULL, error);
}

static gboolean
add_edge_run (ScRun              *run,
              const ScGridPoint  *point,
              ScSnapshot         *network,
              GError            **error)
{
  ScDetectParams params;
  ScAnalysis *analysis;
  ScEdgeRun er = {
    .pe = point->pe,
    .final_percent = point->final_percent,
    .accuracy = point->accuracy,
    .meets_threshold = point->meets_threshold,
    .final = sc_snapshot_ref (network),
  };
  ScStep step = {
    .stage = SC_STAGE_EDGES,
    .edge_run = (int) point->pe_index,
    .step = point->pe,
    .target = point->final_percent,
    .trained = TRUE,
    .accepted = TRUE,
    .accuracy = point->accuracy,
    .exact_accuracy = NAN,
    .loss = NAN,
    .density = network->density,
    .hidden_units = sc_mask_hidden_with_edges (network->mask),
    .snapshot = sc_snapshot_ref (network),
  };

  g_array_append_val (run->edge_runs, er);
  sc_hyper_detect_params (&run->hyper, &params);
  if (!(analysis = analyse (network, &params, run->task->truth, error)))
    return FALSE;
  step.analysis = analysis;
  g_array_append_val (run->steps, step);
  return TRUE;
}

ScRun *
sc_sweep_run_load (const ScSweep  *sweep,
                   ScTask         *task,
                   guint           index,
                   guint           pe,
                   GError        **error)
{
  g_autoptr(ScGrid) grid = sc_grid_new ();
  g_autoptr(GPtrArray) networks = g_ptr_array_new_with_free_func (
    (GDestroyNotify) sc_snapshot_unref);
  g_autoptr(ScRun) run = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *path = NULL;
  ScStep *chosen;

  g_return_val_if_fail (sweep != NULL && task != NULL, NULL);
  g_return_val_if_fail (index < sc_sweep_plan_n_runs (sweep->plan), NULL);

  if (!sc_sweep_read_run (sweep, index, grid, networks, error))
    return NULL;
  path = sc_sweep_run_path (sweep, index);
  if (networks->len == 0 || g_ptr_array_index (networks, 0) == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NO_RESULT,
                   "%s: the run gave no network (no unit step was accepted)", path);
      return NULL;
    }
  if (pe >= networks->len)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID, "%s: the run has no Pe position %u",
                   path, pe);
      return NULL;
    }

  run = g_new0 (ScRun, 1);
  run->task = sc_task_ref (task);
  sc_sweep_plan_run_hyper (sweep->plan, index, &run->hyper);
  run->steps = g_array_new (FALSE, TRUE, sizeof (ScStep));
  run->edge_runs = g_array_new (FALSE, TRUE, sizeof (ScEdgeRun));
  run->dense_accuracy = NAN;
  run->dense_exact_accuracy = NAN;
  run->unit_percent = NAN;
  run->unit_weight_percent = NAN;
  for (guint i = 0; i < networks->len; i++)
    {
      ScSnapshot *network = g_ptr_array_index (networks, i);
      const ScGridPoint *point = g_ptr_array_index (grid->points, i);

      /* fresh from the file, shared with nobody yet */
      network->stage = SC_STAGE_EDGES;
      network->step = i;
      network->accuracy = point->accuracy;
      if (!add_edge_run (run, point, network, &local_error))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: %s", path, local_error->message);
          return NULL;
        }
    }

  run->chosen_edge_run = pe;
  chosen = &g_array_index (run->steps, ScStep, pe);
  run->final = sc_snapshot_ref (chosen->snapshot);
  run->analysis = sc_analysis_ref (chosen->analysis);
  run->completed = TRUE;
  return g_steal_pointer (&run);
}
