/* sc-snapshot.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-mask.h"

G_BEGIN_DECLS

typedef enum
{
  SC_STAGE_DENSE,          /* dense training */
  SC_STAGE_UNITS,          /* iterative unit pruning (§3) */
  SC_STAGE_EDGES,          /* iterative edge pruning (§4), incl. its first re-training */
  SC_STAGE_DETECTION,      /* module detection (§5) */
  SC_STAGE_DONE,
} ScStage;

const char *sc_stage_to_string (ScStage stage);   /* "dense", "units", … */
const char *sc_stage_label     (ScStage stage);   /* "Dense training", … (translatable) */

/* The network as it was at one moment of a run, in the dense shape (original
 * unit indices; pruned weights are 0). Immutable once published and
 * reference counted (g_atomic_rc_box): the worker creates it, the UI and the
 * run history keep it. What detection finds in it is an ScAnalysis, kept
 * beside it (sc-analysis.h). */
typedef struct
{
  ScStage        stage;
  guint          step;          /* history index this snapshot belongs to */
  guint          n_layers;
  guint         *arch;          /* dense widths */
  float        **w;             /* per weight layer, arch[k+1] × arch[k] */
  float        **b;             /* per weight layer, arch[k+1] */
  ScMask        *mask;
  float         *unit_scores;   /* per unit (global index), activation×gradient; NULL if unknown */
  double         accuracy;      /* per-bit % on the test set */
  double         exact_accuracy;/* whole-output-vector % */
  double         density;       /* surviving weights / dense weights */
} ScSnapshot;

ScSnapshot *sc_snapshot_new     (const guint *arch,
                                 guint        n_layers);    /* zeroed weights, full mask */
ScSnapshot *sc_snapshot_ref     (ScSnapshot  *snapshot);
void        sc_snapshot_unref   (ScSnapshot  *snapshot);
guint       sc_snapshot_n_units (const ScSnapshot *snapshot);
/* Bytes held by the snapshot's own arrays (weights, biases, mask, scores). */
gsize       sc_snapshot_get_size (const ScSnapshot *snapshot);

/* How much memory the snapshots of one run may hold (live in the app, kept
 * by sculptor-cli run --snapshots, read from a saved run): MNIST networks
 * take megabytes each and a run has hundreds of steps. */
#define SC_SNAPSHOT_BUDGET ((gsize) 256 << 20)

/* sc_snapshot_get_size() of a snapshot of that architecture, without
 * unit scores: known before its weights are read. */
gsize       sc_snapshot_size_for_arch (const guint *arch,
                                       guint        n_layers);
/* Which of n snapshots (in step order, with their sizes and whether their
 * step was accepted) to keep within budget bytes: the first and the last
 * always; the others are dropped from the earliest on, rejected steps'
 * first, until the rest fits. Fills keep[n]. */
void        sc_snapshot_plan_budget   (const gsize    *sizes,
                                       const gboolean *accepted,
                                       guint           n,
                                       gsize           budget,
                                       gboolean       *keep);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSnapshot, sc_snapshot_unref)

G_END_DECLS
