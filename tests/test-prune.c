/* test-prune.c — percentiles, unit scores, masks and the halving schedule
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-pass.h"
#include "sc-prune.h"

static int
cmp_double (const void *a,
            const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* numpy.percentile(v, q) of float32 values written out from its definition
 * (oracle README obs. 14), on a sorted copy: h = (n−1)·(q/100), b − a in
 * float32, the lerp in double. */
static double
percentile_by_sorting (const float *v,
                       gsize        n,
                       gsize        zeros,
                       double       q)
{
  g_autofree double *s = g_new0 (double, n + zeros);
  double h, t;
  float d;
  gsize i;

  for (gsize e = 0; e < n; e++)
    s[e] = v[e];
  qsort (s, n + zeros, sizeof (double), cmp_double);
  h = (double) (n + zeros - 1) * (q / 100.0);
  i = (gsize) floor (h);
  t = h - i;
  if (i + 1 >= n + zeros)
    return s[i];
  d = (float) s[i + 1] - (float) s[i];
  return t < 0.5 ? s[i] + d * t : s[i + 1] - d * (1.0 - t);
}

static void
test_percentile_random (void)
{
  ScRng rng;

  sc_rng_init (&rng, 42);
  for (guint trial = 0; trial < 300; trial++)
    {
      gsize n = 1 + sc_rng_below (&rng, 60);
      gsize zeros = trial % 3 == 0 ? sc_rng_below (&rng, 20) : 0;
      g_autofree float *v = g_new (float, n);
      double q = trial % 5 == 0 ? (double) sc_rng_below (&rng, 101)
                                : sc_rng_uniform (&rng) * 100;

      for (gsize e = 0; e < n; e++)
        /* few distinct values: plenty of ties */
        v[e] = trial % 2 ? (float) sc_rng_below (&rng, 4) : (float) sc_rng_uniform (&rng);

      g_assert_cmpfloat (sc_percentile_linear (v, n, zeros, q), ==,
                         percentile_by_sorting (v, n, zeros, q));
    }
}

static void
test_percentile_examples (void)
{
  const float v[] = { 4, 1, 3, 2 };

  g_assert_cmpfloat (sc_percentile_linear (v, 4, 0, 0), ==, 1);
  g_assert_cmpfloat (sc_percentile_linear (v, 4, 0, 100), ==, 4);
  g_assert_cmpfloat (sc_percentile_linear (v, 4, 0, 50), ==, 2.5);
  g_assert_cmpfloat_with_epsilon (sc_percentile_linear (v, 4, 0, 70), 3.1, 1e-12);
  /* with 4 extra zeros: 0 0 0 0 1 2 3 4, h = 7·0.5 = 3.5 */
  g_assert_cmpfloat (sc_percentile_linear (v, 4, 4, 50), ==, 0.5);
}

/* §3.2: absent ties ⌊(H−1)·P/100⌋ + 1 units go; with ties at the
 * threshold all of them go. */
static void
test_unit_mask_counts (void)
{
  const guint arch[] = { 4, 24, 4 };
  g_autoptr(ScMask) mask = sc_mask_new (arch, 3, TRUE);
  g_autoptr(ScMask) tied = sc_mask_new (arch, 3, TRUE);
  float scores[24];
  guint alive;

  for (guint u = 0; u < 24; u++)
    scores[u] = (float) ((u * 7) % 24) + 1;   /* a permutation of 1..24 */
  alive = sc_unit_prune_mask (mask, scores, 70, NULL);
  g_assert_cmpuint (alive, ==, 24 - ((23 * 70) / 100 + 1));
  for (guint u = 0; u < 24; u++)
    {
      gboolean kept = scores[u] > 17;

      for (guint i = 0; i < 4; i++)
        {
          g_assert_cmpuint (sc_mask_get (mask, 0, i, u), ==, kept);
          g_assert_cmpuint (sc_mask_get (mask, 1, u, i), ==, kept);
        }
    }

  /* 12 zero scores (pruned or dead units): P = 10 removes all twelve. */
  for (guint u = 0; u < 24; u++)
    scores[u] = u < 12 ? 0.0f : (float) u;
  alive = sc_unit_prune_mask (tied, scores, 10, NULL);
  g_assert_cmpuint (alive, ==, 12);

  /* masks are cumulative: already removed units stay removed */
  for (guint u = 0; u < 24; u++)
    scores[u] = u < 12 ? 0.0f : 100.0f + u;
  alive = sc_unit_prune_mask (tied, scores, 55, NULL);   /* h = 12.65: 112 < thr < 113 */
  g_assert_cmpuint (alive, ==, 11);
  g_assert_false (sc_mask_get (tied, 0, 0, 12));
  g_assert_true (sc_mask_get (tied, 0, 0, 13));
}

static void
test_edge_mask (void)
{
  const guint arch[] = { 2, 3, 2 };
  ScRng rng;
  g_autoptr(ScNet) net = NULL;
  g_autoptr(ScMask) mask = NULL;
  const float w0[] = { 0.1f, -0.9f, 0.5f, 0.0f, -0.3f, 0.7f };
  const float w1[] = { 0.2f, 0.0f, -0.6f, 0.05f, 0.8f, -0.4f };

  sc_rng_init (&rng, 1);
  net = sc_net_new (arch, 3, &rng);
  memcpy (net->w[0], w0, sizeof w0);
  memcpy (net->w[1], w1, sizeof w1);
  net->m[0][3] = net->m[1][1] = 0;

  /* 12 weights incl. two zeros; P = 50: h = 5.5 between 0.3 and 0.4 →
   * threshold 0.35: keep the six with |w| > 0.35. */
  mask = sc_edge_prune_mask (net, 50, NULL);
  g_assert_cmpuint (sc_mask_count (mask), ==, 6);
  g_assert_true (sc_mask_get (mask, 0, 1, 0));      /* -0.9 */
  g_assert_false (sc_mask_get (mask, 0, 0, 2));     /* -0.3 */
  g_assert_true (sc_mask_get (mask, 1, 2, 1));      /* -0.4 */
  g_assert_false (sc_mask_get (mask, 1, 1, 0));     /* 0 */
}

/* Compaction must not change the edge percentile: dropped units count as
 * zeros of the dense network. */
static void
test_edge_mask_after_compaction (void)
{
  const guint arch[] = { 3, 6, 2 };
  ScRng rng;
  g_autoptr(ScNet) net = NULL;
  g_autoptr(ScNet) compact = NULL;
  g_autoptr(ScMask) mask = NULL;
  g_autoptr(ScMask) m1 = NULL;
  g_autoptr(ScMask) m2 = NULL;

  sc_rng_init (&rng, 4);
  net = sc_net_new (arch, 3, &rng);
  mask = sc_net_get_mask (net);
  for (guint i = 0; i < 3; i++)
    mask->m[0][1 * 3 + i] = mask->m[0][4 * 3 + i] = 0;
  for (guint j = 0; j < 2; j++)
    mask->m[1][j * 6 + 1] = mask->m[1][j * 6 + 4] = 0;
  sc_net_set_mask (net, mask);
  compact = sc_net_copy (net);
  sc_net_compact (compact);
  g_assert_cmpuint (compact->width[1], ==, 4);

  for (double p = 40; p < 100; p += 7.5)
    {
      g_clear_pointer (&m1, sc_mask_free);
      g_clear_pointer (&m2, sc_mask_free);
      m1 = sc_edge_prune_mask (net, p, NULL);
      m2 = sc_edge_prune_mask (compact, p, NULL);
      g_assert_true (sc_mask_equal (m1, m2));
    }
}

static ScDataset *
random_dataset (guint  n_rows,
                guint  n_in,
                guint  n_out,
                ScRng *rng)
{
  ScDataset *data = sc_dataset_new (n_rows, n_in, n_out);

  for (gsize e = 0; e < (gsize) n_rows * n_in; e++)
    data->x[e] = (float) sc_rng_uniform (rng);
  for (gsize e = 0; e < (gsize) n_rows * n_out; e++)
    data->y[e] = sc_rng_below (rng, 2);

  return data;
}

/* §3.1 with batch size 1 and per-sample loss, computed here sample by
 * sample with a one-row pass; the score of an active unit uses
 * ∂L/∂a_u = ∂L/∂b_u (a_u = z_u > 0), checked by central differences. */
static void
test_unit_scores (void)
{
  const guint arch[] = { 3, 6, 5, 2 };
  ScRng rng;
  g_autoptr(ScNet) net = NULL;
  g_autoptr(ScDataset) data = NULL;
  g_autofree float *scores = NULL;
  double expect[11] = { 0 };
  ScPass *one;
  guint n_nonzero = 0;

  sc_rng_init (&rng, 9);
  net = sc_net_new (arch, 4, &rng);
  for (guint j = 0; j < 6; j++)
    net->b[0][j] = 0.2f;
  data = random_dataset (10, 3, 2, &rng);
  scores = sc_unit_scores (net, data, SC_BACKEND_PORTABLE);
  one = sc_pass_new (net, 1, SC_BACKEND_PLAIN);

  for (guint r = 0; r < 10; r++)
    {
      const float h = 1e-3f;

      memcpy (one->act[0], data->x + r * 3, sizeof (float) * 3);
      sc_pass_forward (one, net, 1);
      for (guint l = 1, off = 0; l < 3; off += arch[l], l++)
        for (guint u = 0; u < arch[l]; u++)
          {
            float a, saved = net->b[l - 1][u];
            double up, down;

            memcpy (one->act[0], data->x + r * 3, sizeof (float) * 3);
            sc_pass_forward (one, net, 1);
            a = one->act[l][u];
            if (a <= 0.01f)
              continue;   /* inactive units contribute 0 */
            net->b[l - 1][u] = saved + h;
            sc_pass_forward (one, net, 1);
            up = sc_pass_bce (one, data->y + r * 2, 1, TRUE, NULL, NULL);
            net->b[l - 1][u] = saved - h;
            sc_pass_forward (one, net, 1);
            down = sc_pass_bce (one, data->y + r * 2, 1, TRUE, NULL, NULL);
            net->b[l - 1][u] = saved;
            expect[off + u] += fabs ((up - down) / (2 * h)) * a / 10.0;
          }
    }

  for (guint u = 0; u < 11; u++)
    {
      g_assert_cmpfloat_with_epsilon (scores[u], expect[u], 2e-4 + 2e-2 * expect[u]);
      n_nonzero += scores[u] > 1e-5;
    }
  g_assert_cmpuint (n_nonzero, >=, 5);
  sc_pass_free (one);
}

/* Pruned units score exactly 0, including after compaction. */
static void
test_unit_scores_pruned (void)
{
  const guint arch[] = { 3, 6, 2 };
  ScRng rng;
  g_autoptr(ScNet) net = NULL;
  g_autoptr(ScMask) mask = NULL;
  g_autoptr(ScDataset) data = NULL;
  g_autofree float *before = NULL;
  g_autofree float *after = NULL;
  float fake[6] = { 0, 9, 9, 0, 9, 9 };

  sc_rng_init (&rng, 10);
  net = sc_net_new (arch, 3, &rng);
  data = random_dataset (8, 3, 2, &rng);
  mask = sc_net_get_mask (net);
  sc_unit_prune_mask (mask, fake, 1, NULL);
  sc_net_set_mask (net, mask);
  before = sc_unit_scores (net, data, SC_BACKEND_PORTABLE);
  sc_net_compact (net);
  g_assert_cmpuint (net->width[1], ==, 4);
  after = sc_unit_scores (net, data, SC_BACKEND_PORTABLE);
  g_assert_cmpfloat (before[0], ==, 0);
  g_assert_cmpfloat (before[3], ==, 0);
  for (guint u = 0; u < 6; u++)
    g_assert_cmpfloat_with_epsilon (before[u], after[u], 1e-7);
}

static GArray *
run_schedule (double        start,
              double        step,
              double        p_min,
              const double *accept_below,   /* accept iff target <= this */
              guint         max_steps)
{
  GArray *targets = g_array_new (FALSE, FALSE, sizeof (double));
  ScSchedule s;
  double t;

  sc_schedule_init (&s, start, step, p_min);
  while (sc_schedule_next (&s, &t) && targets->len < max_steps)
    {
      g_array_append_val (targets, t);
      sc_schedule_report (&s, t < 100 && t <= *accept_below);
    }

  return targets;
}

/* The [4,24,4], Pu = 70 example of §3.3: 70 (accept) → 140 → 105 → 87.5
 * → 78.75 → 74.375 → 74.1667 (a step of p_min rejected: stop). */
static void
test_schedule_units_example (void)
{
  const double only_70 = 70;
  g_autoptr(GArray) t = run_schedule (0, 70, 100.0 / 24, &only_70, 100);
  const double expect[] = { 70, 140, 105, 87.5, 78.75, 74.375, 70 + 100.0 / 24 };

  g_assert_cmpuint (t->len, ==, G_N_ELEMENTS (expect));
  for (guint i = 0; i < t->len; i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (t, double, i), expect[i], 1e-12);
}

/* After a rejection the halved step stays for accepted steps too. */
static void
test_schedule_keeps_halved_step (void)
{
  const double upto = 80;
  g_autoptr(GArray) t = run_schedule (0, 30, 1, &upto, 100);
  /* 30 ok, 60 ok, 90 no (p 15), 75 ok, 90 no (p 7.5), 82.5 no (3.75),
   * 78.75 ok, 82.5 no (1.875), 80.625 no (1), 79.75 ok, 80.75 no (p = p_min) */
  const double expect[] = { 30, 60, 90, 75, 90, 82.5, 78.75, 82.5, 80.625, 79.6875,
                            80.625, 79.6875 + 1, 80.6875 };

  for (guint i = 0; i < MIN (t->len, 8); i++)
    g_assert_cmpfloat_with_epsilon (g_array_index (t, double, i), expect[i], 1e-12);
  /* never back on the linear schedule: no target is a multiple of 30 after 90 */
  for (guint i = 3; i < t->len; i++)
    g_assert_cmpfloat (g_array_index (t, double, i), !=, 120);
  /* it terminates */
  g_assert_cmpuint (t->len, <, 100);
}

/* Edge schedule starts from the unit stage's sparsity: P = P_init + Pe·i. */
static void
test_schedule_edges_start (void)
{
  const double upto = 93;
  g_autoptr(GArray) t = run_schedule (85, 2.5, 0.01, &upto, 1000);

  g_assert_cmpfloat (g_array_index (t, double, 0), ==, 87.5);
  g_assert_cmpfloat (g_array_index (t, double, 1), ==, 90);
  g_assert_cmpfloat (g_array_index (t, double, 2), ==, 92.5);
  g_assert_cmpfloat (g_array_index (t, double, 3), ==, 95);
  g_assert_cmpfloat (g_array_index (t, double, 4), ==, 93.75);
  /* it halves down to p_min and stops just above the acceptance limit */
  g_assert_cmpfloat (g_array_index (t, double, t->len - 1), >, 93);
  g_assert_cmpfloat (g_array_index (t, double, t->len - 1), <, 93.03);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  sc_linalg_init (1);

  g_test_add_func ("/prune/percentile-random", test_percentile_random);
  g_test_add_func ("/prune/percentile-examples", test_percentile_examples);
  g_test_add_func ("/prune/unit-mask-counts", test_unit_mask_counts);
  g_test_add_func ("/prune/edge-mask", test_edge_mask);
  g_test_add_func ("/prune/edge-mask-after-compaction", test_edge_mask_after_compaction);
  g_test_add_func ("/prune/unit-scores", test_unit_scores);
  g_test_add_func ("/prune/unit-scores-pruned", test_unit_scores_pruned);
  g_test_add_func ("/prune/schedule-units-example", test_schedule_units_example);
  g_test_add_func ("/prune/schedule-keeps-halved-step", test_schedule_keeps_halved_step);
  g_test_add_func ("/prune/schedule-edges-start", test_schedule_edges_start);

  return g_test_run ();
}
