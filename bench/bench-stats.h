/* bench-stats.h — two-sample tests for the grid comparison (bench-grid)
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Two-sample permutation test whose units are clusters of items (the runs
 * of one seed share its dense network, so runs are not independent; seeds
 * are). Cluster c has sum[c] (of the items' values) and count[c] items; the
 * first n_first clusters are sample A, the rest sample B. The statistic is
 * the mean item value of A minus that of B; p (two-sided) is the share of
 * the ways to choose n_first of the clusters as A whose |statistic| is at
 * least the observed one: all of them when there are at most
 * BENCH_PERMUTATION_EXACT, else that many drawn at random (fixed seed). */
#define BENCH_PERMUTATION_EXACT 200000

typedef struct
{
  double mean_a;
  double mean_b;
  double p;
  guint  n_relabelings;   /* how many were counted */
  gboolean exact;         /* all of them */
} BenchPermutation;

BenchPermutation bench_cluster_permutation (const double *sum,
                                            const double *count,
                                            guint         n_clusters,
                                            guint         n_first);

/* Fisher's exact test on the 2×2 table [[a, b], [c, d]], two-sided: the
 * sum of the probabilities of the tables with the same margins that are no
 * more likely than the one observed. */
double           bench_fisher_exact (guint a,
                                     guint b,
                                     guint c,
                                     guint d);

G_END_DECLS
