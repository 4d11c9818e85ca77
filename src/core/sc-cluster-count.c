/* sc-cluster-count.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-cluster-count.h"

#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize ("fp-contract=off")
#endif

/* The reference's sentinel for "no modularity value" (cluster.py). */
#define NO_LOSS 10000.0

/* Expected overlap of two random vectors with ki and kj ones among N
 * positions, and its standard deviation, in numpy's operation order. */
static void
expected_overlap (guint   ki,
                  guint   kj,
                  guint   N,
                  double *expected,
                  double *sigma)
{
  double x = (double) ((guint64) ki * kj) / (double) ((guint64) N * N);

  *expected = (double) N * x;
  *sigma = sqrt ((double) N * x * (1.0 - x));
}

static double
score_of (double difference,
          double sigma)
{
  return sigma != 0.0 ? difference / sigma : difference;
}

int
sc_separate_test (const ScBitRows *restricted,
                  guint            N,
                  double          *score)
{
  g_autofree double *condensed = NULL;
  g_autoptr(ScLinkage) linkage = NULL;
  guint a1, a2, ki, kj;
  double kij, expected, sigma;
  int result = SC_SEPARABILITY_NONE;

  g_return_val_if_fail (restricted != NULL && restricted->n >= 2, SC_SEPARABILITY_NONE);

  /* The (n - 1)-cluster cut has exactly one pair: the first sorted merge,
   * which always joins two points. */
  condensed = sc_cosine_condensed (restricted);
  linkage = sc_linkage_average (condensed, restricted->n);
  a1 = linkage->left[0];
  a2 = linkage->right[0];
  g_assert (a1 < a2 && a2 < restricted->n);

  ki = sc_bit_rows_popcount (restricted, a1);
  kj = sc_bit_rows_popcount (restricted, a2);
  kij = sc_bit_rows_dot (restricted, a1, a2);
  expected_overlap (ki, kj, N, &expected, &sigma);

  if ((kij < MAX (ki, kj) && kij <= expected) || kij < 1)
    result = (int) restricted->n;

  *score = score_of (-kij + expected, sigma);
  return result;
}

int
sc_single_test (const ScBitRows *features,
                const ScLinkage *linkage,
                guint            N,
                double          *score)
{
  g_autofree guint *labels = NULL;
  g_autoptr(ScBitRows) ors = NULL;
  guint ki, kj;
  double kij, expected, sigma;
  int result = SC_SEPARABILITY_NONE;

  g_return_val_if_fail (features != NULL && features->n >= 2, SC_SEPARABILITY_NONE);
  g_return_val_if_fail (linkage != NULL && linkage->n == features->n, SC_SEPARABILITY_NONE);

  /* Element-wise OR of the feature vectors of each side of the 2-cut. */
  labels = g_new (guint, features->n);
  sc_linkage_cut (linkage, 2, labels);
  ors = sc_bit_rows_new (2, features->n_bits);
  for (guint i = 0; i < features->n; i++)
    {
      guint64 *dst = sc_bit_rows_row (ors, labels[i] == 0 ? 0 : 1);
      const guint64 *src = sc_bit_rows_row (features, i);

      for (guint w = 0; w < features->n_words; w++)
        dst[w] |= src[w];
    }

  ki = sc_bit_rows_popcount (ors, 0);
  kj = sc_bit_rows_popcount (ors, 1);
  kij = sc_bit_rows_dot (ors, 0, 1);
  expected_overlap (ki, kj, N, &expected, &sigma);

  if ((kij >= 1 && kij >= expected) || kij >= MAX (ki, kj))
    result = 1;

  *score = score_of (kij - expected, sigma);
  return result;
}

int
sc_clusterability (const ScBitRows *features,
                   const ScLinkage *linkage,
                   const ScBitRows *restricted,
                   guint            N)
{
  double d_sep = 0.0, d_single = 0.0;
  int separate, single;

  g_return_val_if_fail (features != NULL, SC_SEPARABILITY_NONE);

  if (features->n == 1)
    return 1;

  separate = sc_separate_test (restricted, N, &d_sep);
  single = sc_single_test (features, linkage, N, &d_single);

  if (separate != SC_SEPARABILITY_NONE && single != SC_SEPARABILITY_NONE)
    return d_single >= d_sep ? single : separate;   /* ties favour one module */
  if (separate != SC_SEPARABILITY_NONE)
    return separate;
  return single;
}

guint
sc_cluster_count_rule (guint             n,
                       int               C,
                       const double     *q,
                       double            mm_threshold,
                       ScLayerDetection *diag)
{
  double smallest = NO_LOSS;
  guint k = n >= 2 ? 2 : 1;

  /* argmin over k = 2 … n - 1 with "<=": ties go to the largest k. */
  for (guint k1 = 2; k1 + 1 <= n; k1++)
    if (q[k1] <= smallest)
      {
        smallest = q[k1];
        k = k1;
      }

  diag->q_min = n >= 3 ? smallest : INFINITY;
  diag->k_modularity = n >= 3 ? k : 0;

  /* Keep the modularity choice only when it is interior and strong. */
  if ((k == 2 || k + 1 == n || smallest > -mm_threshold) &&
      C != SC_SEPARABILITY_NONE)
    k = (guint) C;

  diag->n_clusters = k;
  return k;
}

void
sc_cluster_layer (const ScBitRows  *features,
                  const ScBitRows  *restricted,
                  guint             N,
                  double            mm_threshold,
                  guint            *labels,
                  ScLayerDetection *diag)
{
  g_autofree double *condensed = NULL;
  g_autofree double *q = NULL;
  g_autoptr(ScLinkage) linkage = NULL;
  guint n, k;
  int C;

  g_return_if_fail (features != NULL && restricted != NULL);
  g_return_if_fail (features->n == restricted->n);

  n = features->n;
  diag->n_kept = n;
  if (n == 0)
    {
      diag->n_clusters = 0;
      diag->separability = SC_SEPARABILITY_NONE;
      diag->q_min = INFINITY;
      diag->k_modularity = 0;
      return;
    }

  condensed = sc_cosine_condensed (features);
  linkage = sc_linkage_average (condensed, n);
  C = sc_clusterability (features, linkage, restricted, N);
  diag->separability = C;

  q = g_new0 (double, n);
  sc_linkage_modularity_curve (linkage, condensed, q);
  k = sc_cluster_count_rule (n, C, q, mm_threshold, diag);

  if (k == 1)
    memset (labels, 0, sizeof (guint) * n);
  else
    sc_linkage_cut (linkage, k, labels);
}
