/* sc-score.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-modules.h"
#include "sc-truth.h"

G_BEGIN_DECLS

/* Scoring a detection against the ground truth the way the paper judges
 * success (tasks-truth.md, method.md §7). Exact definitions: README. */
typedef struct
{
  gboolean  input_applicable;
  gboolean  input_separable;     /* kept inputs grouped exactly as truth->input_group */
  gboolean  output_applicable;
  gboolean  output_grouped;      /* outputs grouped exactly as truth->output_group */
  gboolean  hidden_applicable;
  gboolean  hidden_separable;
  gboolean  modules_applicable;  /* some module holds hidden or output units */
  gboolean  modules_matched;     /* each such module implements its own truth node */
  gboolean  success;             /* all applicable criteria hold */
  /* The truth is deeper than the network's hidden layers (levels family
   * with 2 hidden layers): depth_aware_success also accepts success against
   * sc_truth_limit_depth(). Otherwise it equals success. */
  gboolean  depth_aware_applicable;
  gboolean  depth_aware_success;
  guint     input_strays;        /* kept inputs outside their group's module (≤ tolerance) */
  double    input_ari;           /* adjusted Rand index (igraph) */
  double    output_ari;
  int      *module_truth_node;   /* per module (graph order): matched truth node or -1 */
  guint     n_modules;
} ScScore;

ScScore *sc_score_detection (const ScTruth       *truth,
                             const ScDetection   *detection,
                             const ScModuleGraph *graph,
                             GError             **error);
void     sc_score_free      (ScScore             *score);
void     sc_score_to_json   (const ScScore       *score,
                             const ScTruth       *truth,
                             JsonBuilder         *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScScore, sc_score_free)

G_END_DECLS
