/* cli-sweep.h — sculptor-cli sweep, shared between its two files
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-grid.h"
#include "sc-pipeline.h"
#include "sc-select.h"

G_BEGIN_DECLS

/* One architecture with its settings (all of the sweep, or one row of the
 * task's paper table) and the grid of networks it gave. */
typedef struct
{
  ScHyper     hyper;
  char       *label;      /* "4-24-24-2" */
  char       *dir;        /* where its grid.jsonl and figures go */
  ScGrid     *grid;       /* filled once every run is done */
  GPtrArray  *finals;     /* ScSnapshot per grid point (NULL: no result), for figures */
  guint       n_failed;   /* runs that failed (not "no result") */
} SweepCell;

/* Per rule and cell: how the seeds' chosen networks scored. */
typedef struct
{
  guint n_seeds;          /* seeds with a network that passes the threshold */
  guint n_scored;
  guint n_success;
  guint n_depth_aware;    /* depth-aware successes */
  guint n_empty;          /* seeds without any network that passes */
} SweepTally;

typedef struct
{
  ScTask       *task;
  ScSelectRule  rule;          /* the rule whose choices are shown and drawn */
  double        band;
  GArray       *seeds;         /* double */
  gboolean      figures;
} SweepReport;

/* Selects with every rule, prints the cell's table (the report's rule) and
 * its line of rates, writes grid.jsonl and the chosen networks' figures,
 * adds the cell to the JSON (an object in the "cells" array) and its
 * tallies to totals (one per rule). FALSE on an error that ends the sweep. */
gboolean cli_sweep_report_cell   (const SweepReport *report,
                                  SweepCell         *cell,
                                  JsonBuilder       *builder,
                                  SweepTally        *totals,
                                  GError           **error);
/* The totals over all cells, one line per rule. */
void     cli_sweep_print_totals  (const SweepReport *report,
                                  const SweepTally  *totals,
                                  guint              n_cells);
void     cli_sweep_totals_json   (const SweepTally  *totals,
                                  JsonBuilder       *builder);

G_END_DECLS
