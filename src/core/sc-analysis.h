/* sc-analysis.h — what module detection found in one network
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-detect.h"
#include "sc-mask.h"
#include "sc-modules.h"
#include "sc-score.h"
#include "sc-truth.h"

G_BEGIN_DECLS

/* The detection (§5), the modules with their hierarchy (§5.10, §6), the
 * Newman modularity and, given the ground truth, the score of one
 * network's mask. Produced once by sc_analysis_new(), then immutable and
 * reference counted (g_atomic_rc_box): it is kept beside the network's
 * snapshot (ScStep.analysis, ScRun.analysis, a grid point), never inside
 * it, and may be shared between threads. */
typedef struct
{
  ScDetectParams  params;         /* the settings it was produced with */
  ScDetection    *detection;
  ScModuleGraph  *modules;
  ScScore        *score;          /* NULL without ground truth */
  double          modularity_q;   /* Newman Q of the modules; NaN if unknown */
} ScAnalysis;

/* Detects the modules of mask with params (NULL: the defaults), computes
 * their Newman Q (NaN, with a warning, if igraph cannot) and scores them
 * against truth (NULL: no score). Fails, with error set, when the params
 * are out of range, the detection fails, or the truth does not fit the
 * network. Thread-safe. */
ScAnalysis *sc_analysis_new        (const ScMask          *mask,
                                    const ScDetectParams  *params,
                                    const ScTruth         *truth,
                                    GError               **error);
ScAnalysis *sc_analysis_ref        (ScAnalysis            *analysis);
void        sc_analysis_unref      (ScAnalysis            *analysis);

/* Number of modules; 0 for NULL (not detected). */
guint       sc_analysis_n_modules  (const ScAnalysis      *analysis);

/* What was found, in terms the ground truth plays no part in: per module,
 * the inputs and the outputs it holds, the modules in a canonical order.
 * Two networks with the same string split their inputs and outputs alike
 * into the same number of modules (the selection rules, sc-select.h). */
char       *sc_analysis_structure  (const ScAnalysis      *analysis);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScAnalysis, sc_analysis_unref)

G_END_DECLS
