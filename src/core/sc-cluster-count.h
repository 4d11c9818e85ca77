/* sc-cluster-count.h — private: separability tests and the number of
 * clusters of one layer (method.md §5.7, §5.8)
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-bitrows.h"
#include "sc-detect.h"
#include "sc-linkage.h"

G_BEGIN_DECLS

#define SC_SEPARABILITY_NONE (-1)

/* The "separate" test on the features restricted to the first N columns:
 * returns the number of units n ("every unit its own cluster") or
 * SC_SEPARABILITY_NONE; *score is d_sep. n >= 2. */
int  sc_separate_test     (const ScBitRows *restricted,
                           guint            N,
                           double          *score);

/* The "single" test on the full features (linkage = their average
 * linkage): returns 1 or SC_SEPARABILITY_NONE; *score is d_single. */
int  sc_single_test       (const ScBitRows *features,
                           const ScLinkage *linkage,
                           guint            N,
                           double          *score);

/* Both tests combined (§5.7): 1, n or SC_SEPARABILITY_NONE. */
int  sc_clusterability    (const ScBitRows *features,
                           const ScLinkage *linkage,
                           const ScBitRows *restricted,
                           guint            N);

/* §5.8 on precomputed inputs: the rule that turns the separability result
 * C and the modularity curve (q[k] for 2 <= k <= n - 1) into k*. Fills
 * n_clusters, q_min and k_modularity of diag. */
guint sc_cluster_count_rule (guint             n,
                             int               C,
                             const double     *q,
                             double            mm_threshold,
                             ScLayerDetection *diag);

/* Clusters one layer (§5.8): labels (n entries, numbered like sklearn) and
 * the diagnostics. features has one row per kept unit of the layer. */
void sc_cluster_layer     (const ScBitRows  *features,
                           const ScBitRows  *restricted,
                           guint             N,
                           double            mm_threshold,
                           guint            *labels,
                           ScLayerDetection *diag);

G_END_DECLS
