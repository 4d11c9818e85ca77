/* sc-detect.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-mask.h"

G_BEGIN_DECLS

/* Module detection (method.md §5.2–§5.9), reproducing the reference
 * exactly: condensation, reachability features, SciPy cosine distance,
 * NN-chain average linkage, modularity metric, separability tests, cluster
 * count rule and cross-layer merging. Only the mask is used. Pure C, no
 * igraph, thread-safe. */
typedef struct
{
  guint  feature_step;          /* S; 0 = number of weight layers (the scripts) */
  guint  clusterability_step;   /* Sc; 0 = number of weight layers */
  double mm_threshold;          /* 0.2 */
  double merge_threshold;       /* τ, 0.9 */
} ScDetectParams;

/* The one place for the detection settings' defaults and limits: task
 * files, the command line, result files, grids and `detect` input all
 * take these. Step sizes above any network's depth mean "every layer". */
#define SC_DETECT_MAX_STEP       1024
#define SC_DETECT_MM_MAX         10.0      /* mm_threshold in [0, 10] */
#define SC_DETECT_MERGE_MIN      0.5       /* τ in [0.5, 1]: at most one cluster */
#define SC_DETECT_MERGE_MAX      1.0       /* can hold more than τ of a unit's edges */

/* The reference's defaults (method.md §8). */
void     sc_detect_params_init     (ScDetectParams        *params);
/* The limits above; the error names the bad member by its result-file
 * name ("mm_threshold must be …"). */
gboolean sc_detect_params_validate (const ScDetectParams  *params,
                                    GError               **error);

/* Per-layer diagnostics, for the inspector and for debugging. */
typedef struct
{
  guint  n_kept;
  guint  n_clusters;        /* k* after §5.8 */
  int    separability;      /* §5.7 result: 1, n, or -1 for none */
  double q_min;             /* min modularity metric, +inf if n < 3 */
  guint  k_modularity;      /* its argmin k (0 if n < 3) */
} ScLayerDetection;

typedef struct
{
  guint             n_layers;
  guint            *arch;            /* dense widths */
  guint            *new_arch;        /* kept units per layer */
  guint             n_kept;
  guint            *kept_units;      /* global original index, ascending */
  guint            *kept_layer;      /* layer of each kept unit */
  guint            *kept_index;      /* index within its layer */
  guint            *premerge;        /* cluster label, numbered per layer */
  guint            *merged;          /* module id */
  guint             n_modules;       /* distinct merged ids */
  ScLayerDetection *layers;          /* n_layers */
  ScMask           *condensed;       /* input mask minus edges of ignored units (§5.2) */
} ScDetection;

ScDetection *sc_detect             (const ScMask          *mask,
                                    const ScDetectParams  *params,
                                    GError               **error);
void         sc_detection_free     (ScDetection           *detection);

/* Position in kept_units of (layer, index), or -1 if the unit was removed. */
int          sc_detection_find     (const ScDetection     *detection,
                                    guint                  layer,
                                    guint                  index);

/* Members new_arch, kept_units, partition_premerge, partition_merged (the
 * golden file's conventions). */
void         sc_detection_to_json  (const ScDetection     *detection,
                                    JsonBuilder           *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScDetection, sc_detection_free)

G_END_DECLS
