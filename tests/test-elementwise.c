/* test-elementwise.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The element-wise kernels (sc-elementwise-kernel.c) and the blocked
 * normal draws: every kernel build the CPU can run gives the scalar
 * code's bits — the sigmoid, the logarithm, the loss's terms and gradient
 * — in the caller's floating-point mode (subnormals kept) and in the
 * core's (sc-fpmode.h: flushed), and SLEEF's expf scaled by powers of two
 * built from bits gives the bits of its former two ldexpf calls. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-fpmode.h"
#include "sc-kernels.h"
#include "sc-math.h"
#include "sc-rng.h"
#include "sc-sigmoid.h"

static gboolean
same_float (float a,
            float b)
{
  return memcmp (&a, &b, sizeof a) == 0 || (isnan (a) && isnan (b));
}

static gboolean
same_double (double a,
             double b)
{
  return memcmp (&a, &b, sizeof a) == 0 || (isnan (a) && isnan (b));
}

static float
float_from_bits (guint32 bits)
{
  float f;

  memcpy (&f, &bits, sizeof f);
  return f;
}

/* SLEEF's expf as it was written before, scaling with glibc's ldexpf. */
static float
sleef_expf_ldexpf (float d)
{
  const float r_ln2 = 1.442695040888963407359924681001892137426645954152985934135449406931f;
  const float l2u = 0.693145751953125f;
  const float l2l = 1.428606765330187045e-06f;
  int q = (int) rintf (d * r_ln2);
  float q_f = (float) q, s, u;

  s = fmaf (q_f, -l2u, d);
  s = fmaf (q_f, -l2l, s);
  u = 0.000198527617612853646278381f;
  u = fmaf (u, s, 0.00139304355252534151077271f);
  u = fmaf (u, s, 0.00833336077630519866943359f);
  u = fmaf (u, s, 0.0416664853692054748535156f);
  u = fmaf (u, s, 0.166666671633720397949219f);
  u = fmaf (u, s, 0.5f);
  u = 1.0f + fmaf (s * s, u, s);
  u = ldexpf (ldexpf (u, q >> 1), q - (q >> 1));
  if (d < -104.0f)
    u = 0.0f;
  if (d > 100.0f)
    u = INFINITY;
  return u;
}

static void
check_expf (float d)
{
  float got = sc_sleef_expf (d), want = sleef_expf_ldexpf (d);

  if (!same_float (got, want))
    g_error ("sc_sleef_expf (%a) = %a, with ldexpf %a", d, got, want);
}

/* Every float of the ranges with subnormal and overflowing results, a
 * sample of all the others (a stride through the bit patterns), and the
 * special values. */
static void
expf_matches_ldexpf (void)
{
  static const float specials[] = { 0.0f, -0.0f, INFINITY, -INFINITY, NAN, 1e-40f, -1e-40f,
                                    -104.0f, 100.0f, 88.72f, -87.34f, -103.97f };

  for (float d = -105.0f; d <= -86.0f; d = nextafterf (d, 0.0f))
    check_expf (d);
  for (float d = 87.0f; d <= 101.0f; d = nextafterf (d, INFINITY))
    check_expf (d);
  for (guint64 bits = 0; bits < G_GUINT64_CONSTANT (1) << 32; bits += 4099)
    check_expf (float_from_bits ((guint32) bits));
  for (guint i = 0; i < G_N_ELEMENTS (specials); i++)
    check_expf (specials[i]);
}

static void
test_expf_scaling (void)
{
  ScFpMode saved;

  expf_matches_ldexpf ();
  saved = sc_fp_flush_enter ();
  expf_matches_ldexpf ();
  sc_fp_flush_leave (saved);
}

/* Network-like values at several scales with special values mixed in at
 * every position modulo the vector widths. */
static void
fill_floats (float  *x,
             gsize   n,
             float   scale,
             ScRng  *rng)
{
  static const float specials[] = { 0.0f, -0.0f, INFINITY, -INFINITY, NAN, 1e-40f, -1e-40f,
                                    104.5f, -100.5f, 90.0f, -90.0f, 1e-20f };

  for (gsize e = 0; e < n; e++)
    x[e] = sc_rng_below (rng, 8) == 0 ? specials[sc_rng_below (rng, G_N_ELEMENTS (specials))]
         : (float) sc_rng_normal (rng) * scale;
}

static void
sigmoid_builds_match (void)
{
  static const gsize lengths[] = { 0, 1, 7, 15, 16, 17, 33, 512, 1000 };
  static const float scales[] = { 1.0f, 10.0f, 100.0f };
  guint n_builds;
  const ScKernels *builds = sc_kernels_list (&n_builds);
  ScRng rng;

  sc_rng_init (&rng, 21);
  for (guint b = 0; b < n_builds; b++)
    for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
      for (guint s = 0; s < G_N_ELEMENTS (scales); s++)
        {
          gsize n = lengths[l];
          g_autofree float *z = g_new (float, n + 1);
          g_autofree float *want = g_new (float, n + 1);

          if (!sc_kernels_run_here (&builds[b]))
            continue;
          fill_floats (z, n, scales[s], &rng);
          for (gsize e = 0; e < n; e++)
            want[e] = 1.0f / (1.0f + sc_sleef_expf (0.0f - z[e]));
          builds[b].sigmoid (z, n);
          for (gsize e = 0; e < n; e++)
            if (!same_float (z[e], want[e]))
              g_error ("%s sigmoid [%" G_GSIZE_FORMAT "] = %a, the scalar code gives %a",
                       builds[b].name, e, z[e], want[e]);
        }
}

static void
test_sigmoid_builds (void)
{
  ScFpMode saved;

  sigmoid_builds_match ();
  saved = sc_fp_flush_enter ();
  sigmoid_builds_match ();
  sc_fp_flush_leave (saved);
}

/* Positive doubles over the whole exponent range, values near 1 and the
 * √½ boundary, and (one in eight) zeros, subnormals, negatives, ∞, NaN. */
static void
fill_doubles (double *x,
              gsize   n,
              ScRng  *rng)
{
  static const double specials[] = { 0.0, -0.0, INFINITY, -INFINITY, NAN, 5e-324, 3e-310,
                                     -1.0, 1.0, 0.5, 2.0, 0.70710678118654752440,
                                     0.70710678118654746, 1.0 - 1e-16, 1e-8 };

  for (gsize e = 0; e < n; e++)
    {
      guint32 kind = sc_rng_below (rng, 8);

      if (kind == 0)
        x[e] = specials[sc_rng_below (rng, G_N_ELEMENTS (specials))];
      else if (kind < 4)
        x[e] = ldexp (sc_rng_uniform (rng) + 0.5, (int) sc_rng_below (rng, 2040) - 1020);
      else
        x[e] = 1.0 - sc_rng_uniform (rng) * 0.5;
    }
}

static void
log_builds_match (void)
{
  static const gsize lengths[] = { 0, 1, 2, 3, 7, 8, 9, 64, 1000 };
  guint n_builds;
  const ScKernels *builds = sc_kernels_list (&n_builds);
  ScRng rng;

  sc_rng_init (&rng, 22);
  for (guint b = 0; b < n_builds; b++)
    for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
      for (guint rep = 0; rep < 20; rep++)
        {
          gsize n = lengths[l];
          g_autofree double *x = g_new (double, n + 1);
          g_autofree double *got = g_new (double, n + 1);

          if (!sc_kernels_run_here (&builds[b]))
            continue;
          fill_doubles (x, n, &rng);
          builds[b].log (x, got, n);
          for (gsize e = 0; e < n; e++)
            if (!same_double (got[e], sc_log (x[e])))
              g_error ("%s log (%a) = %a, sc_log gives %a", builds[b].name, x[e], got[e],
                       sc_log (x[e]));
        }
}

static void
test_log_builds (void)
{
  ScFpMode saved;

  log_builds_match ();
  saved = sc_fp_flush_enter ();
  log_builds_match ();
  sc_fp_flush_leave (saved);
}

/* The loss's element-wise work as pass_bce computed it in one scalar loop. */
static void
bce_builds_match (void)
{
  static const float targets[] = { 0.0f, 1.0f, 0.25f };
  static const float outputs[] = { 0.0f, 1.0f, 0.5f, 1e-40f, 1.0f - 0x1p-24f, NAN };
  const gsize n = 203;
  double minus_inv_n = -(1.0 / (double) n);
  guint n_builds;
  const ScKernels *builds = sc_kernels_list (&n_builds);
  g_autofree float *y = g_new (float, n);
  g_autofree float *p = g_new (float, n);
  g_autofree double *t = g_new (double, n);
  g_autofree guint8 *ok = g_new (guint8, n);
  g_autofree float *dz = g_new (float, n);
  ScRng rng;

  sc_rng_init (&rng, 23);
  for (guint rep = 0; rep < 20; rep++)
    {
      for (gsize e = 0; e < n; e++)
        {
          y[e] = targets[sc_rng_below (&rng, G_N_ELEMENTS (targets))];
          p[e] = sc_rng_below (&rng, 6) == 0 ? outputs[sc_rng_below (&rng, G_N_ELEMENTS (outputs))]
               : (float) sc_rng_uniform (&rng);
        }
      for (guint b = 0; b < n_builds; b++)
        {
          if (!sc_kernels_run_here (&builds[b]))
            continue;
          builds[b].bce_terms (y, p, t, ok, n);
          builds[b].bce_grad (y, p, t, minus_inv_n, dz, n);
          for (gsize e = 0; e < n; e++)
            {
              double yy = y[e];
              float pp = p[e];
              double want_t = yy * (double) pp + (1.0 - yy) * (double) (1.0f - pp);
              double dt;
              float dp;

              if (!(want_t > 0.0))
                want_t += (double) 1e-8f;
              dt = minus_inv_n / want_t;
              dp = (float) (dt * yy) - (float) (dt * (1.0 - yy));
              if (!same_double (t[e], want_t) || ok[e] != ((pp > 0.5f) == (yy > 0.5)) ||
                  !same_float (dz[e], (dp * (1.0f - pp)) * pp))
                g_error ("%s loss at y=%a p=%a: t=%a ok=%d dz=%a, the scalar loop gives "
                         "t=%a dz=%a", builds[b].name, y[e], p[e], t[e], ok[e], dz[e], want_t,
                         (dp * (1.0f - pp)) * pp);
            }
        }
    }
}

static void
test_bce_builds (void)
{
  ScFpMode saved;

  bce_builds_match ();
  saved = sc_fp_flush_enter ();
  bce_builds_match ();
  sc_fp_flush_leave (saved);
}

/* sc_rng_normal_fill: the numbers of as many sc_rng_normal calls and the
 * same state after, with and without a spare value waiting, for even and
 * odd counts and across its blocks. */
static void
test_normal_fill (void)
{
  static const gsize lengths[] = { 0, 1, 2, 3, 127, 128, 129, 130, 1001 };

  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    for (guint spare = 0; spare < 2; spare++)
      {
        gsize n = lengths[l];
        g_autofree double *got = g_new (double, n + 1);
        ScRng one, many;

        sc_rng_init (&one, 100 + l);
        if (spare)
          (void) sc_rng_normal (&one);
        many = one;
        sc_rng_normal_fill (&many, got, n);
        for (gsize e = 0; e < n; e++)
          {
            double want = sc_rng_normal (&one);

            if (!same_double (got[e], want))
              g_error ("normal %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " (spare %u): %a, "
                       "sc_rng_normal gives %a", e, n, spare, got[e], want);
          }
        for (guint i = 0; i < 3; i++)
          {
            double a = sc_rng_normal (&one), b = sc_rng_normal (&many);

            g_assert_cmpmem (&a, sizeof a, &b, sizeof b);
          }
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/elementwise/expf-scaling", test_expf_scaling);
  g_test_add_func ("/elementwise/sigmoid-builds", test_sigmoid_builds);
  g_test_add_func ("/elementwise/log-builds", test_log_builds);
  g_test_add_func ("/elementwise/bce-builds", test_bce_builds);
  g_test_add_func ("/elementwise/normal-fill", test_normal_fill);

  return g_test_run ();
}
