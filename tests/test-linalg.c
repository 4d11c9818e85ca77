/* test-linalg.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The portable products and elementary functions: bit-identical to their
 * definitions (sc-kernels.h, sc-math.h) on every build, so that a
 * network does not depend on the CPU it was trained on. */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-fpmode.h"
#include "sc-kernels.h"
#include "sc-linalg.h"
#include "sc-math.h"
#include "sc-rng.h"

/* Values like a network's: normal, with exact zeros (pruned weights, dead
 * ReLUs), a few negative zeros, a few subnormals (weights decayed towards
 * zero) and a few values small enough for their products to underflow. */
static void
fill (float  *x,
      gsize   n,
      ScRng  *rng)
{
  for (gsize e = 0; e < n; e++)
    {
      guint32 kind = sc_rng_below (rng, 20);
      float normal = (float) sc_rng_normal (rng);

      x[e] = kind == 0 ? 0.0f : kind == 1 ? -0.0f
           : kind == 2 ? normal * 1e-39f        /* subnormal (or zero) */
           : kind == 3 ? normal * 1e-20f        /* products of two underflow */
           : normal;
    }
}

typedef struct
{
  guint m, n, k;
} Shape;

/* Shapes around every block edge of every build: register tiles (MR up to
 * 8 rows, NR up to 32 columns), k-blocks of 256, the sizes of a 1568-392
 * MNIST layer with batch 64, and empty k. */
static const Shape shapes[] = {
  { 1, 1, 1 }, { 7, 9, 3 }, { 8, 32, 17 }, { 13, 33, 255 }, { 64, 392, 257 },
  { 6, 16, 600 }, { 31, 65, 513 }, { 64, 100, 1568 }, { 392, 157, 64 },
  { 3, 4200, 5 }, { 129, 7, 40 }, { 5, 5, 0 },
  /* Boolean networks' layers (the small-product path): 8-60-…-60-16,
   * batch 32, and pruned widths. */
  { 32, 60, 8 }, { 60, 8, 32 }, { 32, 16, 60 }, { 32, 60, 60 }, { 1, 17, 5 },
};

static void
kernels_match_definition (gboolean core_mode)
{
  static const float alphas[] = { 1.0f, 0.5f, -1.25f };
  static const float betas[] = { 0.0f, 1.0f, -0.75f };
  ScRng rng;
  guint n_kernels_run = 0, n_kernels;
  const ScKernels *kernels = sc_kernels_list (&n_kernels);

  sc_rng_init (&rng, 11);
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    for (guint variant = 0; variant < 8; variant++)
      {
        const Shape *sh = &shapes[s];
        gboolean ta = variant & 1, tb = (variant >> 1) & 1;
        float alpha = alphas[variant % 3], beta = betas[(variant / 2) % 3];
        /* Strides wider than the matrices, as for a batch inside a buffer. */
        guint lda = (ta ? sh->m : sh->k) + variant % 3;
        guint ldb = (tb ? sh->k : sh->n) + variant % 2;
        guint ldc = sh->n + variant % 4;
        gsize size_a = (gsize) lda * (ta ? sh->k : sh->m) + 1;
        gsize size_b = (gsize) ldb * (tb ? sh->n : sh->k) + 1;
        gsize size_c = (gsize) ldc * sh->m;
        g_autofree float *a = g_new (float, size_a);
        g_autofree float *b = g_new (float, size_b);
        g_autofree float *c0 = g_new (float, size_c);
        g_autofree float *want = g_new (float, size_c);
        g_autofree float *got = g_new (float, size_c);

        fill (a, size_a, &rng);
        fill (b, size_b, &rng);
        fill (c0, size_c, &rng);
        memcpy (want, c0, sizeof (float) * size_c);
        sc_gemm_plain (ta, tb, sh->m, sh->n, sh->k, alpha, a, lda, b, ldb, beta, want, ldc);

        for (guint q = 0; q < n_kernels * 2; q++)
          {
            /* Each build with one thread, then with three (the large
             * products split their column panels among them). */
            const ScKernels *kernel = &kernels[q % n_kernels];

            /* sc_gemm (the only way to an empty k) runs in the core's mode. */
            if (!sc_kernels_run_here (kernel) || (sh->k == 0 && !core_mode))
              continue;
            sc_linalg_init (q < n_kernels ? 1 : 3);
            n_kernels_run++;
            memcpy (got, c0, sizeof (float) * size_c);
            if (sh->k > 0)
              kernel->gemm (ta, tb, sh->m, sh->n, sh->k, alpha, a, lda, b, ldb, beta, got, ldc);
            else
              sc_gemm (SC_BACKEND_PORTABLE, ta, tb, sh->m, sh->n, 0, alpha, a, lda, b, ldb,
                       beta, got, ldc);
            for (gsize e = 0; e < size_c; e++)
              if (memcmp (&got[e], &want[e], sizeof (float)) != 0)
                g_error ("%s kernel, %u thread(s), %u×%u×%u ta=%d tb=%d alpha=%g beta=%g: C[%"
                         G_GSIZE_FORMAT "] = %a, the definition gives %a", kernel->name,
                         sc_linalg_get_threads (), sh->m, sh->n, sh->k, ta, tb, alpha, beta, e,
                         got[e], want[e]);
            if (sh->k == 0 || q >= n_kernels)
              continue;
            /* The same build's unblocked path for small products. */
            memcpy (got, c0, sizeof (float) * size_c);
            kernel->gemm_small (ta, tb, sh->m, sh->n, sh->k, alpha, a, lda, b, ldb, beta, got, ldc);
            for (gsize e = 0; e < size_c; e++)
              if (memcmp (&got[e], &want[e], sizeof (float)) != 0)
                g_error ("%s small-product kernel, %u×%u×%u ta=%d tb=%d alpha=%g beta=%g: C[%"
                         G_GSIZE_FORMAT "] = %a, the definition gives %a", kernel->name,
                         sh->m, sh->n, sh->k, ta, tb, alpha, beta, e, got[e], want[e]);
          }
      }

  sc_linalg_init (1);
  /* The generic build runs everywhere; the others where the CPU has them. */
  g_assert_cmpuint (n_kernels_run, >=, (G_N_ELEMENTS (shapes) - !core_mode) * 8 * 2);
  g_test_message ("kernel in use: %s", sc_linalg_kernel_name ());
}

/* In the caller's mode (subnormals computed exactly) and in the core's
 * (sc-fpmode.h: flushed to zero), every build gives the definition's bits. */
static void
test_kernels_match_definition (void)
{
  ScFpMode saved;

  kernels_match_definition (FALSE);
  saved = sc_fp_flush_enter ();
  kernels_match_definition (TRUE);
  sc_fp_flush_leave (saved);
}

/* sc_gemm with the portable backend is the definition, whichever kernel the
 * CPU picked and whether or not the product is small enough to skip the
 * blocked path. */
static void
test_dispatch_matches_definition (void)
{
  ScRng rng;

  sc_rng_init (&rng, 5);
  for (guint s = 0; s < G_N_ELEMENTS (shapes); s++)
    {
      const Shape *sh = &shapes[s];
      gsize size_a = (gsize) sh->m * MAX (sh->k, 1), size_b = (gsize) MAX (sh->k, 1) * sh->n;
      gsize size_c = (gsize) sh->m * sh->n;
      g_autofree float *a = g_new (float, size_a);
      g_autofree float *b = g_new (float, size_b);
      g_autofree float *want = g_new0 (float, size_c);
      g_autofree float *got = g_new0 (float, size_c);

      fill (a, size_a, &rng);
      fill (b, size_b, &rng);
      sc_gemm (SC_BACKEND_PLAIN, FALSE, FALSE, sh->m, sh->n, sh->k, 1.0f, a, MAX (sh->k, 1),
               b, sh->n, 0.0f, want, sh->n);
      sc_gemm (SC_BACKEND_PORTABLE, FALSE, FALSE, sh->m, sh->n, sh->k, 1.0f, a, MAX (sh->k, 1),
               b, sh->n, 0.0f, got, sh->n);
      g_assert_cmpmem (got, sizeof (float) * size_c, want, sizeof (float) * size_c);
    }
}

/* Adam's update, vectorised differently per build, against a scalar loop
 * of the same operations; masked entries stay untouched. */
static void
test_adam_builds_agree (void)
{
  /* Not a multiple of any vector width, and large enough for threads. */
  const gsize n = 70001;
  guint n_kernels;
  const ScKernels *kernels = sc_kernels_list (&n_kernels);
  ScRng rng;

  sc_rng_init (&rng, 9);
  for (guint q = 0; q < n_kernels; q++)
    {
      g_autofree float *param = g_new (float, n), *grad = g_new (float, n);
      g_autofree float *m = g_new (float, n), *v = g_new (float, n);
      g_autofree float *want_p = g_new (float, n), *want_m = g_new (float, n);
      g_autofree float *want_v = g_new (float, n);
      g_autofree guint8 *mask = g_new (guint8, n);
      ScFpMode saved;

      if (!sc_kernels_run_here (&kernels[q]))
        continue;
      fill (param, n, &rng);
      fill (grad, n, &rng);
      fill (m, n, &rng);
      for (gsize e = 0; e < n; e++)
        {
          v[e] = (float) sc_rng_uniform (&rng);
          mask[e] = sc_rng_below (&rng, 4) != 0;
        }
      /* As sc_adam_step runs it: in the core's mode (sc-fpmode.h). */
      saved = sc_fp_flush_enter ();
      for (gsize e = 0; e < n; e++)
        {
          float g = fmaf (1e-4f, param[e], grad[e]);

          want_m[e] = mask[e] ? fmaf ((float) (1.0 - 0.9), g, m[e] * 0.9f) : m[e];
          want_v[e] = mask[e] ? fmaf ((float) (1.0 - 0.999) * g, g, v[e] * 0.999f) : v[e];
          want_p[e] = mask[e] ? param[e] + (-0.01f * want_m[e]) / (sqrtf (want_v[e]) / 0.3f + 1e-8f)
                              : param[e];
        }
      sc_linalg_init (1 + q % 2);
      kernels[q].adam (param, grad, mask, m, v, n, 1e-4f, -0.01f, 0.3f);
      sc_fp_flush_leave (saved);
      sc_linalg_init (1);
      g_assert_cmpmem (param, sizeof (float) * n, want_p, sizeof (float) * n);
      g_assert_cmpmem (m, sizeof (float) * n, want_m, sizeof (float) * n);
      g_assert_cmpmem (v, sizeof (float) * n, want_v, sizeof (float) * n);
    }
}

/* The core computes with subnormals flushed to zero (sc-fpmode.h), unless
 * SCULPTOR_KEEP_SUBNORMALS is set (meson runs this test both ways), and
 * gives the caller its own mode back. */
static void
test_subnormals (void)
{
  static const ScBackend backends[] = { SC_BACKEND_PORTABLE, SC_BACKEND_BLAS, SC_BACKEND_PLAIN };
  const char *env = g_getenv ("SCULPTOR_KEEP_SUBNORMALS");
  gboolean keep = env && env[0] && strcmp (env, "0") != 0;
  volatile float tiny = 1e-39f, small = 1e-20f;
  ScFpMode caller = sc_fp_mode_get ();

  g_assert_true (fpclassify (tiny) == FP_SUBNORMAL);
  /* The caller (this test) computes with subnormals. */
  g_assert_true (fpclassify (small * small) == FP_SUBNORMAL);

  for (guint q = 0; q < G_N_ELEMENTS (backends); q++)
    for (guint threads = 1; threads <= 3; threads += 2)
      {
        /* Large enough for the blocked kernels and their threads: a
         * subnormal operand, and normal operands whose product underflows. */
        const guint m = 64, n = 392, k = 300;
        g_autofree float *a = g_new0 (float, (gsize) m * k);
        g_autofree float *b = g_new0 (float, (gsize) k * n);
        g_autofree float *c = g_new0 (float, (gsize) m * n);

        a[0] = tiny;
        b[0] = 1.0f;                      /* C[0][0] = tiny · 1 */
        a[(gsize) 5 * k + 7] = small;
        b[(gsize) 7 * n + 300] = small;   /* C[5][300] = small · small */
        sc_linalg_init (threads);
        sc_gemm (backends[q], FALSE, FALSE, m, n, k, 1.0f, a, k, b, n, 0.0f, c, n);
        sc_linalg_init (1);
        g_assert_cmphex (sc_fp_mode_get (), ==, caller);
        /* OpenBLAS's own threads keep their mode (doc/determinism.md). */
        if (backends[q] == SC_BACKEND_BLAS && threads > 1)
          continue;
        if (keep)
          {
            g_assert_true (fpclassify (c[0]) == FP_SUBNORMAL);
            g_assert_true (fpclassify (c[(gsize) 5 * n + 300]) == FP_SUBNORMAL);
          }
        else
          {
            g_assert_true (c[0] == 0.0f);
            g_assert_true (c[(gsize) 5 * n + 300] == 0.0f);
          }
      }
}

static void
test_backend_names (void)
{
  ScBackend backend = SC_BACKEND_PLAIN;

  for (ScBackend b = SC_BACKEND_PORTABLE; b <= SC_BACKEND_PLAIN; b++)
    {
      g_assert_true (sc_backend_from_string (sc_backend_to_string (b), &backend));
      g_assert_cmpint (backend, ==, b);
    }
  g_assert_false (sc_backend_from_string ("mkl", &backend));
  g_assert_false (sc_backend_from_string (NULL, &backend));
  g_assert_cmpint (backend, ==, SC_BACKEND_PLAIN);
}

/* Accuracy against glibc over the ranges training uses; determinism needs
 * no test beyond the build flags (plain + − × ÷), accuracy does. */
static void
test_math_accuracy (void)
{
  ScRng rng;
  double worst_exp = 0, worst_log = 0;

  sc_rng_init (&rng, 3);
  for (guint i = 0; i < 200000; i++)
    {
      double x = (sc_rng_uniform (&rng) - 0.5) * 200.0;
      double y = ldexp (sc_rng_uniform (&rng) + 0.5, (int) sc_rng_below (&rng, 200) - 100);

      worst_exp = MAX (worst_exp, fabs (sc_exp (x) - exp (x)) / exp (x));
      worst_log = MAX (worst_log, fabs (sc_log (y) - log (y)) / MAX (fabs (log (y)), 1e-300));
    }
  g_test_message ("worst relative error: exp %.3g, log %.3g", worst_exp, worst_log);
  g_assert_cmpfloat (worst_exp, <, 1e-15);
  g_assert_cmpfloat (worst_log, <, 1e-15);

  g_assert_cmpfloat (sc_exp (0.0), ==, 1.0);
  g_assert_cmpfloat (sc_log (1.0), ==, 0.0);
  g_assert_cmpfloat (sc_exp (-800.0), ==, 0.0);
  g_assert_true (isinf (sc_exp (800.0)));
  g_assert_true (isinf (sc_log (0.0)) && sc_log (0.0) < 0);
  g_assert_true (isnan (sc_log (-1.0)));
  g_assert_true (isnan (sc_exp (NAN)));
  /* Near 1, where BCE takes the log of a confident prediction. */
  g_assert_cmpfloat_with_epsilon (sc_log (1.0 - 1e-7), log (1.0 - 1e-7), 1e-21);
  g_assert_cmpfloat (sc_expf (-20.0f), ==, expf (-20.0f));

  /* Subnormal arguments and results, where the exponent is split and
   * applied by hand. */
  g_assert_cmpfloat_with_epsilon (sc_log (5e-324), log (5e-324), 1e-12);
  g_assert_cmpfloat_with_epsilon (sc_log (3e-310), log (3e-310), 1e-12);
  g_assert_cmpfloat_with_epsilon (sc_exp (-740.0), exp (-740.0), 5e-324);
  g_assert_cmpfloat_with_epsilon (sc_exp (709.0), exp (709.0), 1e-15 * exp (709.0));

  /* Adam's bias corrections. */
  for (guint64 t = 0; t < 5000; t += 7)
    g_assert_cmpfloat_with_epsilon (sc_powi (0.999, t), pow (0.999, (double) t),
                                    1e-13 * pow (0.999, (double) t));
  g_assert_cmpfloat (sc_powi (2.0, 10), ==, 1024.0);
  g_assert_cmpfloat (sc_powi (0.9, 0), ==, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/linalg/kernels-match-definition", test_kernels_match_definition);
  g_test_add_func ("/linalg/dispatch-matches-definition", test_dispatch_matches_definition);
  g_test_add_func ("/linalg/adam-builds-agree", test_adam_builds_agree);
  g_test_add_func ("/linalg/subnormals", test_subnormals);
  g_test_add_func ("/linalg/backend-names", test_backend_names);
  g_test_add_func ("/linalg/math-accuracy", test_math_accuracy);

  return g_test_run ();
}
