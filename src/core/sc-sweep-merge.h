/* sc-sweep-merge.h — a sweep's runs merged: grids, choices, success rates
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-grid.h"
#include "sc-select.h"
#include "sc-sweep.h"

G_BEGIN_DECLS

/* One seed's choice under one rule. */
typedef struct
{
  int      point;      /* index into the cell's grid, -1: no network passes */
  ScScore *score;      /* NULL without ground truth */
} ScSweepChoice;

/* Per rule: how the seeds' chosen networks scored. */
typedef struct
{
  guint n_seeds;          /* seeds with a network that passes the threshold */
  guint n_scored;
  guint n_success;
  guint n_depth_aware;    /* depth-aware successes */
  guint n_empty;          /* seeds without any network that passes */
} ScSweepTally;

typedef struct
{
  const ScSweepCell *cell;      /* the plan's */
  char              *dir;       /* where its grid.jsonl and figures go */
  ScGrid            *grid;      /* every network of its done runs, (seed, Pu, Pe) order */
  GPtrArray         *networks;  /* ScSnapshot per grid point (NULL: no network) */
  guint              n_failed;  /* runs that failed (not "no result") */
  ScSweepChoice     *choices;   /* [rule · n_seeds + seed] */
  guint              n_choices;
  ScSweepTally      *tallies;   /* per rule */
} ScSweepCellResult;

typedef struct
{
  const ScSweep  *sweep;
  ScTask         *task;
  ScSelectRule    rule;         /* the rule whose choices are the cells' "choices" */
  double          band;
  GPtrArray      *cells;        /* ScSweepCellResult * */
  ScSweepTally   *totals;       /* per rule, over the cells */
  guint           n_failed;
} ScSweepResult;

/* Reads every run's file (in plan order, so the result depends on the
 * runs' networks only, not on when or where they ran), builds each cell's
 * grid, chooses each seed's network with every rule (sc-select.h),
 * detects and scores the choices against task's ground truth. Every run
 * must be done or failed: SC_ERROR_INVALID names how many are not. A run
 * file that does not match the plan is SC_ERROR_PARSE naming the file. */
ScSweepResult *sc_sweep_merge          (const ScSweep        *sweep,
                                        ScTask               *task,
                                        ScSelectRule          rule,
                                        double                band,
                                        GError              **error);
void           sc_sweep_result_free    (ScSweepResult        *result);

guint          sc_sweep_n_rules        (void);

/* Appends done run index's points (one per Pe of its cell, in order, not
 * analysed) to grid and, unless networks is NULL, their networks (NULL
 * for a run without result) to networks. A file that is not the plan's
 * run is SC_ERROR_PARSE naming it; nothing is added then. Thread-safe. */
gboolean       sc_sweep_read_run       (const ScSweep        *sweep,
                                        guint                 index,
                                        ScGrid               *grid,
                                        GPtrArray            *networks,
                                        GError              **error);

/* sweep.json: "task", "select", "select_band", "cells" (per cell its
 * settings, "failed_runs", the rule's "choices" and every rule's tally
 * and choices), "rules" (totals) and "success_rate". */
JsonNode      *sc_sweep_result_to_json (const ScSweepResult  *result);
/* Writes each cell's grid.jsonl (the original code's grid format,
 * sc-grid.h) and sweep.json into the sweep's directory, atomically. */
gboolean       sc_sweep_result_save    (const ScSweepResult  *result,
                                        GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSweepResult, sc_sweep_result_free)

G_END_DECLS
