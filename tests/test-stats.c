/* test-stats.c — the two-sample tests of bench/bench-grid
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "bench-stats.h"

static void
test_fisher (void)
{
  /* Fisher's tea tasting: 3 of 4 right; two-sided p = 34/70. */
  g_assert_cmpfloat_with_epsilon (bench_fisher_exact (3, 1, 1, 3), 34.0 / 70.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (bench_fisher_exact (1, 3, 3, 1), 34.0 / 70.0, 1e-12);
  /* all 4 right: the two extreme tables, 1/70 each */
  g_assert_cmpfloat_with_epsilon (bench_fisher_exact (4, 0, 0, 4), 2.0 / 70.0, 1e-12);
  /* one success out of 8: every table is as likely as the observed one */
  g_assert_cmpfloat_with_epsilon (bench_fisher_exact (1, 3, 0, 4), 1.0, 1e-12);
  /* identical shares never look different */
  g_assert_cmpfloat (bench_fisher_exact (5, 15, 10, 30), >, 0.99);
}

/* The p-value counted by hand over every choice of the first sample. */
static double
brute_force (const double *value,
             guint         n,
             guint         k)
{
  double observed = 0, rest = 0;
  guint extreme = 0, total = 0;

  for (guint i = 0; i < n; i++)
    *(i < k ? &observed : &rest) += value[i];
  observed = fabs (observed / k - rest / (n - k));

  for (guint mask = 0; mask < (1u << n); mask++)
    {
      double a = 0, b = 0;

      if ((guint) __builtin_popcount (mask) != k)
        continue;
      for (guint i = 0; i < n; i++)
        *(mask & (1u << i) ? &a : &b) += value[i];
      extreme += fabs (a / k - b / (n - k)) >= observed - 1e-12;
      total++;
    }
  return (double) extreme / total;
}

static void
test_permutation (void)
{
  const double separated[] = { 10, 11, 12, 1, 2, 3, 4, 5 };
  const double mixed[] = { 3, 9, 1, 7, 2, 8, 4, 6, 5 };
  const double ones[] = { 1, 1, 1, 1, 1, 1, 1, 1, 1 };
  BenchPermutation t;

  /* the first three are the three largest: of the C(8,3) = 56 relabellings
   * only that one is as extreme (the three smallest differ by 6.4, not 8) */
  t = bench_cluster_permutation (separated, ones, 8, 3);
  g_assert_true (t.exact);
  g_assert_cmpuint (t.n_relabelings, ==, 56);
  g_assert_cmpfloat_with_epsilon (t.mean_a, 11.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (t.mean_b, 3.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (t.p, brute_force (separated, 8, 3), 1e-12);
  g_assert_cmpfloat_with_epsilon (t.p, 1.0 / 56.0, 1e-12);

  /* equal means: every relabelling is as extreme */
  t = bench_cluster_permutation (mixed, ones, 9, 4);
  g_assert_cmpfloat_with_epsilon (t.p, brute_force (mixed, 9, 4), 1e-12);
  g_assert_cmpfloat (t.p, ==, 1.0);
  t = bench_cluster_permutation (mixed + 1, ones, 8, 3);
  g_assert_cmpfloat_with_epsilon (t.p, brute_force (mixed + 1, 8, 3), 1e-12);

  /* clusters weigh by their counts: 2 clusters of 1 item and one of 8 */
  {
    const double sum[] = { 1, 1, 0 };
    const double count[] = { 1, 1, 8 };

    t = bench_cluster_permutation (sum, count, 3, 2);
    g_assert_cmpfloat_with_epsilon (t.mean_a, 1.0, 1e-12);
    g_assert_cmpfloat_with_epsilon (t.mean_b, 0.0, 1e-12);
    /* relabellings {0,1}: 1 − 0; {0,2}: 1/9 − 1; {1,2}: the same */
    g_assert_cmpfloat_with_epsilon (t.p, 1.0 / 3.0, 1e-12);
  }
}

static void
test_permutation_sampled (void)
{
  /* C(40, 6) = 3 838 380 relabellings: drawn, not counted */
  double value[40], ones[40];
  BenchPermutation t;

  for (guint i = 0; i < 40; i++)
    {
      value[i] = i < 6 ? 100 + i : i;
      ones[i] = 1;
    }
  t = bench_cluster_permutation (value, ones, 40, 6);
  g_assert_false (t.exact);
  g_assert_cmpuint (t.n_relabelings, ==, BENCH_PERMUTATION_EXACT + 1);
  /* never smaller than one draw in all */
  g_assert_cmpfloat (t.p, >=, 1.0 / t.n_relabelings);
  g_assert_cmpfloat (t.p, <, 1e-3);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/stats/fisher", test_fisher);
  g_test_add_func ("/stats/permutation", test_permutation);
  g_test_add_func ("/stats/permutation-sampled", test_permutation_sampled);

  return g_test_run ();
}
