/* sc-linalg.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <cblas.h>
#include <string.h>

#include "sc-kernels.h"
#include "sc-linalg.h"
#include "sc-fpmode.h"

/* Declared by OpenBLAS's cblas.h in newer versions only. */
char *openblas_get_corename (void);

/* Below this many multiply-adds the packing and edge tiles of the blocked
 * kernel cost more than they save; such products take the kernel build's
 * unblocked path (sc_gemm_small, sc-gemm-kernel.c) — all of the Boolean
 * networks' products (at most 32 × 60 × 60; dense training of an 8-24-24-8
 * network ran 1.3× faster with them all there than with the former bound
 * of 16 384). */
#define SMALL_PRODUCT (1u << 18)

static guint portable_threads = 1;

void
sc_linalg_init (guint n_threads)
{
  const char *cap = g_getenv ("SCULPTOR_THREADS");
  guint64 max;

  /* SCULPTOR_THREADS caps every request. */
  if (cap && g_ascii_string_to_unsigned (cap, 10, 1, 64, &max, NULL))
    n_threads = MIN (n_threads, (guint) max);
  if (n_threads > 0)
    {
      openblas_set_num_threads ((int) n_threads);
      g_atomic_int_set (&portable_threads, n_threads);
    }
}

guint
sc_linalg_get_threads (void)
{
  return (guint) g_atomic_int_get (&portable_threads);
}

const char *
sc_backend_to_string (ScBackend backend)
{
  switch (backend)
    {
    case SC_BACKEND_PORTABLE:
      return "portable";
    case SC_BACKEND_BLAS:
      return "openblas";
    case SC_BACKEND_PLAIN:
      return "plain";
    default:
      return NULL;
    }
}

gboolean
sc_backend_from_string (const char *name,
                        ScBackend  *backend)
{
  for (ScBackend b = SC_BACKEND_PORTABLE; b <= SC_BACKEND_PLAIN; b++)
    if (name != NULL && g_strcmp0 (name, sc_backend_to_string (b)) == 0)
      {
        *backend = b;
        return TRUE;
      }
  return FALSE;
}

void
sc_gemm_plain (SC_GEMM_KERNEL_ARGS)
{
  for (guint i = 0; i < m; i++)
    {
      float *crow = c + (gsize) i * ldc;

      for (guint j = 0; j < n; j++)
        crow[j] = beta == 0.0f ? 0.0f : beta * crow[j];

      /* No product is skipped, not even a zero one: the blocked kernels
       * add every product, and 0 · ∞ must behave the same in both. */
      for (guint p = 0; p < k; p++)
        {
          float aip = alpha * (trans_a ? a[(gsize) p * lda + i] : a[(gsize) i * lda + p]);

          if (trans_b)
            for (guint j = 0; j < n; j++)
              crow[j] = crow[j] + aip * b[(gsize) j * ldb + p];
          else
            {
              const float *brow = b + (gsize) p * ldb;

              for (guint j = 0; j < n; j++)
                crow[j] = crow[j] + aip * brow[j];
            }
        }
    }
}

static const ScKernels kernel_builds[] = {
#ifdef SC_HAVE_X86_KERNELS
  { "avx512", sc_gemm_portable_avx512, sc_gemm_small_avx512, sc_adam_portable_avx512,
    sc_sigmoid_portable_avx512, sc_log_portable_avx512,
    sc_bce_terms_portable_avx512, sc_bce_grad_portable_avx512 },
  { "avx2", sc_gemm_portable_avx2, sc_gemm_small_avx2, sc_adam_portable_avx2,
    sc_sigmoid_portable_avx2, sc_log_portable_avx2,
    sc_bce_terms_portable_avx2, sc_bce_grad_portable_avx2 },
#endif
  { "generic", sc_gemm_portable_generic, sc_gemm_small_generic, sc_adam_portable_generic,
    sc_sigmoid_portable_generic, sc_log_portable_generic,
    sc_bce_terms_portable_generic, sc_bce_grad_portable_generic },
};

const ScKernels *
sc_kernels_list (guint *n_builds)
{
  *n_builds = G_N_ELEMENTS (kernel_builds);
  return kernel_builds;
}

gboolean
sc_kernels_run_here (const ScKernels *build)
{
#ifdef SC_HAVE_X86_KERNELS
  __builtin_cpu_init ();
  if (strcmp (build->name, "avx512") == 0)
    return __builtin_cpu_supports ("avx512f");
  if (strcmp (build->name, "avx2") == 0)
    return __builtin_cpu_supports ("avx2") && __builtin_cpu_supports ("fma");
#endif
  return TRUE;
}

const ScKernels *
sc_kernels_get (void)
{
  static gsize chosen = 0;

  if (g_once_init_enter (&chosen))
    {
      const char *wanted = g_getenv ("SCULPTOR_KERNEL");
      gsize pick = G_N_ELEMENTS (kernel_builds) - 1;

      for (gsize i = 0; i < G_N_ELEMENTS (kernel_builds); i++)
        if (sc_kernels_run_here (&kernel_builds[i]) &&
            (wanted == NULL || wanted[0] == '\0' || strcmp (wanted, kernel_builds[i].name) == 0))
          {
            pick = i;
            break;
          }
      if (wanted && wanted[0] && strcmp (wanted, kernel_builds[pick].name) != 0)
        g_warning ("SCULPTOR_KERNEL=%s is not available on this CPU; using %s",
                   wanted, kernel_builds[pick].name);
      g_once_init_leave (&chosen, pick + 1);
    }

  return &kernel_builds[chosen - 1];
}

ScFpMode
sc_fp_flush_enter (void)
{
  static gsize keep = 0;
  ScFpMode saved = sc_fp_mode_get ();

  if (g_once_init_enter (&keep))
    {
      const char *env = g_getenv ("SCULPTOR_KEEP_SUBNORMALS");

      g_once_init_leave (&keep, env && env[0] && strcmp (env, "0") != 0 ? 2 : 1);
    }
#if defined(__SSE2__)
  if (keep == 1)
    sc_fp_mode_set (saved | SC_FP_FLUSH_BITS);
#endif
  return saved;
}

const char *
sc_linalg_kernel_name (void)
{
  return sc_kernels_get ()->name;
}

const char *
sc_linalg_openblas_core (void)
{
  return openblas_get_corename ();
}

void
sc_gemm (ScBackend    backend,
         gboolean     trans_a,
         gboolean     trans_b,
         guint        m,
         guint        n,
         guint        k,
         float        alpha,
         const float *a,
         guint        lda,
         const float *b,
         guint        ldb,
         float        beta,
         float       *c,
         guint        ldc)
{
  ScFpMode saved;

  if (m == 0 || n == 0)
    return;

  saved = sc_fp_flush_enter ();
  if (backend == SC_BACKEND_BLAS && k > 0)
    {
      /* BLAS requires k >= 1 in some builds; k == 0 takes the plain loop. */
      cblas_sgemm (CblasRowMajor,
                   trans_a ? CblasTrans : CblasNoTrans,
                   trans_b ? CblasTrans : CblasNoTrans,
                   (int) m, (int) n, (int) k, alpha,
                   a, (int) MAX (lda, 1), b, (int) MAX (ldb, 1),
                   beta, c, (int) MAX (ldc, 1));
    }
  else if (backend == SC_BACKEND_PORTABLE && k > 0 && (guint64) m * n * k >= SMALL_PRODUCT)
    sc_kernels_get ()->gemm (trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  else if (backend == SC_BACKEND_PORTABLE && k > 0)
    sc_kernels_get ()->gemm_small (trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  else
    sc_gemm_plain (trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
  sc_fp_flush_leave (saved);
}
