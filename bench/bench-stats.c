/* bench-stats.c — two-sample tests for the grid comparison (bench-grid)
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "bench-stats.h"

/* C(n, k) as a double (it may not fit an integer). */
static double
n_choose (guint n,
          guint k)
{
  double c = 1;

  for (guint i = 1; i <= k; i++)
    c = c * (n - k + i) / i;
  return c;
}

static double
difference (const double *sum,
            const double *count,
            guint         n,
            const guint  *chosen,
            guint         k,
            double        total_sum,
            double        total_count,
            double       *mean_a,
            double       *mean_b)
{
  double sa = 0, ca = 0;

  for (guint i = 0; i < k; i++)
    {
      sa += sum[chosen[i]];
      ca += count[chosen[i]];
    }
  *mean_a = ca > 0 ? sa / ca : NAN;
  *mean_b = total_count - ca > 0 ? (total_sum - sa) / (total_count - ca) : NAN;
  return *mean_a - *mean_b;
}

/* Next k-combination of 0 … n−1 in lexicographic order; FALSE after the last. */
static gboolean
next_combination (guint *c,
                  guint  k,
                  guint  n)
{
  for (guint i = k; i-- > 0;)
    if (c[i] < n - k + i)
      {
        c[i]++;
        for (guint j = i + 1; j < k; j++)
          c[j] = c[j - 1] + 1;
        return TRUE;
      }
  return FALSE;
}

/* k distinct clusters drawn uniformly (partial Fisher–Yates). */
static void
draw_combination (GRand *rand,
                  guint *pool,
                  guint  n,
                  guint *c,
                  guint  k)
{
  for (guint i = 0; i < k; i++)
    {
      guint j = i + (guint) g_rand_int_range (rand, 0, (gint32) (n - i));
      guint t = pool[i];

      pool[i] = pool[j];
      pool[j] = t;
      c[i] = pool[i];
    }
}

BenchPermutation
bench_cluster_permutation (const double *sum,
                           const double *count,
                           guint         n_clusters,
                           guint         n_first)
{
  g_autofree guint *c = g_new (guint, MAX (n_first, 1));
  g_autofree guint *pool = g_new (guint, MAX (n_clusters, 1));
  double total_sum = 0, total_count = 0, observed, a, b;
  BenchPermutation r = { NAN, NAN, 1, 0, TRUE };
  guint extreme = 0;

  g_return_val_if_fail (n_first > 0 && n_first < n_clusters, r);

  for (guint i = 0; i < n_clusters; i++)
    {
      total_sum += sum[i];
      total_count += count[i];
      pool[i] = i;
    }
  for (guint i = 0; i < n_first; i++)
    c[i] = i;
  observed = fabs (difference (sum, count, n_clusters, c, n_first, total_sum, total_count,
                               &r.mean_a, &r.mean_b));
  if (!isfinite (observed))
    return r;

  r.exact = n_choose (n_clusters, n_first) <= BENCH_PERMUTATION_EXACT;
  if (r.exact)
    {
      do
        {
          extreme += fabs (difference (sum, count, n_clusters, c, n_first, total_sum,
                                       total_count, &a, &b)) >= observed - 1e-12;
          r.n_relabelings++;
        }
      while (next_combination (c, n_first, n_clusters));
    }
  else
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (20260101);

      for (r.n_relabelings = 0; r.n_relabelings < BENCH_PERMUTATION_EXACT; r.n_relabelings++)
        {
          draw_combination (rand, pool, n_clusters, c, n_first);
          extreme += fabs (difference (sum, count, n_clusters, c, n_first, total_sum,
                                       total_count, &a, &b)) >= observed - 1e-12;
        }
      /* the observed labelling counts as one of the draws */
      extreme++;
      r.n_relabelings++;
    }

  r.p = (double) extreme / r.n_relabelings;
  return r;
}

static double
log_choose (guint n,
            guint k)
{
  return lgamma (n + 1.0) - lgamma (k + 1.0) - lgamma (n - k + 1.0);
}

double
bench_fisher_exact (guint a,
                    guint b,
                    guint c,
                    guint d)
{
  guint row1 = a + b, col1 = a + c, n = a + b + c + d;
  guint lo = col1 > c + d ? col1 - (c + d) : 0, hi = MIN (row1, col1);
  double denom = log_choose (n, col1), observed, p = 0;

  /* P(X = x) for the top-left cell, margins fixed (hypergeometric) */
#define PROB(x) exp (log_choose (row1, (x)) + log_choose (n - row1, col1 - (x)) - denom)
  observed = PROB (a);
  for (guint x = lo; x <= hi; x++)
    {
      double px = PROB (x);

      if (px <= observed * (1 + 1e-7))
        p += px;
    }
#undef PROB
  return MIN (p, 1.0);
}
