/* sc-sweep-plan.h — the runs of a sweep: tasks × architectures × seeds × Pu
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-hyper.h"
#include "sc-task-source.h"

G_BEGIN_DECLS

/* method.md §0: the authors' grid, Pu ∈ {70, 65, …, 5} × Pe ∈ {2.5, 2, 1.5,
 * 1, 0.5}, seeds 0, 1, 2, 5. */
#define SC_SWEEP_DEFAULT_UNIT_STEPS "70,65,60,55,50,45,40,35,30,25,20,15,10,5"
#define SC_SWEEP_DEFAULT_EDGE_STEPS "2.5,2,1.5,1,0.5"
#define SC_SWEEP_DEFAULT_SEEDS      "0,1,2,5"

/* One architecture with its settings: all of the sweep, or one row of the
 * task's paper table (--paper). */
typedef struct
{
  ScHyper  hyper;      /* every setting but seed and unit-step, which each run sets */
  char    *label;      /* "4-24-24-2" */
  char    *subdir;     /* where its grid and figures go in the sweep's directory:
                        * "" (one architecture) or label (--paper) */
} ScSweepCell;

/* The runs of a sweep, one per (cell, seed, Pu), each trying every Pe of
 * its cell: run index = (cell · n_seeds + seed) · n_unit_steps + Pu, the
 * order the merged grids list them in. A plan is all another process needs
 * to do one of its runs (sc_sweep_run_one()). */
typedef struct
{
  ScTaskSource  task;
  GArray       *cells;        /* ScSweepCell */
  GArray       *seeds;        /* guint64 */
  GArray       *unit_steps;   /* double, as given (largest first in the paper's) */
} ScSweepPlan;

/* The plan of `sculptor-cli sweep`: one cell with base's settings, or with
 * paper one cell per row of task's paper table whose number of hidden
 * layers is in hidden and whose width is in widths (NULL: any), each with
 * the row's arch, lr, batch size and epochs on top of base. Fails when no
 * row is left. Takes nothing over. */
ScSweepPlan *sc_sweep_plan_new        (const ScTaskSource  *source,
                                       const ScTask        *task,
                                       const ScHyper       *base,
                                       const GArray        *seeds,
                                       const GArray        *unit_steps,
                                       gboolean             paper,
                                       const GArray        *hidden,
                                       const GArray        *widths,
                                       GError             **error);
void         sc_sweep_plan_free       (ScSweepPlan         *plan);

guint        sc_sweep_plan_n_runs     (const ScSweepPlan   *plan);
/* Where run index is in the plan. */
void         sc_sweep_plan_locate     (const ScSweepPlan   *plan,
                                       guint                index,
                                       guint               *cell,
                                       guint               *seed,
                                       guint               *unit_step);
/* The settings of run index (clear with sc_hyper_clear()). */
void         sc_sweep_plan_run_hyper  (const ScSweepPlan   *plan,
                                       guint                index,
                                       ScHyper             *hyper);

/* The plan file's object. Reading checks every member and that the
 * settings are valid; errors name the member. */
JsonNode    *sc_sweep_plan_to_json    (const ScSweepPlan   *plan);
ScSweepPlan *sc_sweep_plan_from_json  (JsonNode            *root,
                                       GError             **error);
/* Whether two plans make the same runs. */
gboolean     sc_sweep_plan_equal      (const ScSweepPlan   *a,
                                       const ScSweepPlan   *b);

/* Refuses, before any work, a sweep estimated to need more than limit
 * bytes (0: sc_memory_default_limit()) with parallel runs at once and
 * every run's networks kept for the merge (sc-memory.h). */
gboolean     sc_sweep_plan_check_memory (const ScSweepPlan *plan,
                                       const ScTask        *task,
                                       guint                parallel,
                                       guint64              limit,
                                       const char          *limit_source,
                                       GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSweepPlan, sc_sweep_plan_free)

G_END_DECLS
