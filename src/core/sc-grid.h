/* sc-grid.h — the networks of a sweep's grid (seeds × Pu × Pe)
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-analysis.h"
#include "sc-mask.h"
#include "sc-pipeline.h"
#include "sc-score.h"
#include "sc-truth.h"

G_BEGIN_DECLS

/* The network one grid point (seed, Pu, Pe) ended with, as a sweep makes it
 * or as the original code's grids record it (the oracle's JSONL format). */
typedef struct
{
  guint64         seed;
  double          pu;
  double          pe;
  guint           pu_index;        /* position in the Pu list (§0: Pu inner on ties) */
  guint           pe_index;        /* position in the Pe list (Pe outer) */
  gboolean        no_result;       /* no unit step accepted (§9.9): no network */
  double          final_percent;   /* % of the dense weights pruned */
  double          accuracy;        /* per-bit % of the final network */
  gboolean        meets_threshold; /* the accuracy passes the acceptance rule */
  guint           n_edges;
  ScMask         *mask;            /* NULL when no_result */
  ScDetectParams  params;
  /* Filled by sc_grid_detect_point() */
  ScAnalysis     *analysis;        /* without score: scoring is the caller's */
  char           *structure;       /* sc_analysis_structure() */
} ScGridPoint;

typedef struct
{
  GPtrArray *points;   /* ScGridPoint, in order (seed, then Pu, then Pe) */
} ScGrid;

ScGrid      *sc_grid_new          (void);
void         sc_grid_free         (ScGrid        *grid);
/* Takes the mask. */
ScGridPoint *sc_grid_add          (ScGrid        *grid,
                                   guint64        seed,
                                   double         pu,
                                   double         pe,
                                   ScMask        *mask);

/* Adds one point per Pe of hyper's list for the run of (seed, Pu): the
 * run's edge runs, or points without a network when run is NULL (no unit
 * step accepted). pu_index is Pu's position in the sweep's list. */
void         sc_grid_add_run      (ScGrid        *grid,
                                   const ScHyper *hyper,
                                   guint64        seed,
                                   double         pu,
                                   guint          pu_index,
                                   const ScRun   *run);

/* Reads a grid in the oracle's JSONL format (one run per line: seed, pu,
 * pe, final_percent, accuracy, arch, edges_by_layer and the detection
 * parameters; "crashed" or "no_result" lines have no network). A point
 * meets the threshold when its accuracy is at least threshold, unless the
 * line says so itself ("meets_threshold"). The Pu and Pe positions are the
 * values' ranks, largest first, as the paper's lists are. Errors name
 * the file and line. */
ScGrid      *sc_grid_load         (const char    *path,
                                   double         threshold,
                                   GError       **error);
/* Writes the grid in the same format (atomically). */
gboolean     sc_grid_save         (const ScGrid  *grid,
                                   const char    *path,
                                   GError       **error);

/* The seeds in order of first appearance. */
GArray      *sc_grid_seeds        (const ScGrid  *grid);

/* Analyses the point's network (once); thread-safe for distinct points
 * except for the Newman Q, which takes igraph's lock. */
gboolean     sc_grid_detect_point (ScGridPoint   *point,
                                   GError       **error);
gboolean     sc_grid_detect       (ScGrid        *grid,
                                   GError       **error);
/* Scores an analysed point against truth. */
ScScore     *sc_grid_score_point  (const ScGridPoint *point,
                                   const ScTruth     *truth,
                                   GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScGrid, sc_grid_free)

G_END_DECLS
