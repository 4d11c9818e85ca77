/* sc-linkage.h — private: SciPy-exact cosine distances, average linkage,
 * tree cuts and the "modularity metric" (method.md §5.4–§5.6)
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-bitrows.h"

G_BEGIN_DECLS

/* Cosine distance of two 0/1 vectors from their dot product and squared
 * norms, as SciPy's pdist computes it (§5.4, §9.11): the product of the two
 * square roots, clipped so identical vectors are exactly 0. A zero vector
 * (SciPy: NaN, which makes linkage() refuse the matrix) counts as
 * orthogonal, distance 1. */
double  sc_cosine_distance       (guint            dot,
                                  guint            norm2_u,
                                  guint            norm2_v);

/* Position of the pair i != j in a condensed (upper triangle, row-major)
 * distance matrix over n points. */
static inline gsize
sc_condensed_index (guint n,
                    guint i,
                    guint j)
{
  if (i > j)
    {
      guint t = i;
      i = j;
      j = t;
    }
  return (gsize) n * i - (gsize) i * (i + 1) / 2 + (j - i - 1);
}

/* n (n - 1) / 2 cosine distances between the rows (g_free). */
double *sc_cosine_condensed      (const ScBitRows *rows);

/* A dendrogram in SciPy's sorted, relabelled form: merge j (in ascending
 * height, stable) joins nodes left[j] < right[j] and creates node n + j;
 * nodes below n are the points. */
typedef struct
{
  guint   n;
  guint  *left;      /* n - 1 */
  guint  *right;     /* n - 1 */
  double *height;    /* n - 1, ascending */
} ScLinkage;

/* Average linkage by SciPy's NN-chain algorithm with its exact scan order,
 * then the stable sort and union-find relabelling of §5.5. condensed is
 * not modified. n >= 1. */
ScLinkage *sc_linkage_average    (const double    *condensed,
                                  guint            n);
void       sc_linkage_free       (ScLinkage       *linkage);

/* Labels of the k-cluster cut (1 <= k <= n): the sets formed by the first
 * n - k merges, numbered like sklearn's _hc_cut (heap-array order). */
void       sc_linkage_cut        (const ScLinkage *linkage,
                                  guint            k,
                                  guint           *labels);

/* The modularity metric of §5.6 of a labelling (labels in any range),
 * rounded to 8 decimals. */
double     sc_modularity_metric  (const double    *condensed,
                                  guint            n,
                                  const guint     *labels);

/* The modularity metric of every cut k = 2 … n - 1, computed merge by
 * merge; q_out has n entries, q_out[k] is set for 2 <= k <= n - 1. */
void       sc_linkage_modularity_curve (const ScLinkage *linkage,
                                        const double    *condensed,
                                        double          *q_out);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScLinkage, sc_linkage_free)

G_END_DECLS
