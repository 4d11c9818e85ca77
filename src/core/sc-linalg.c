/* sc-linalg.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <cblas.h>

#include "sc-linalg.h"

void
sc_linalg_init (guint n_threads)
{
  if (n_threads > 0)
    openblas_set_num_threads ((int) n_threads);
}

static void
gemm_plain (gboolean     trans_a,
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
  for (guint i = 0; i < m; i++)
    {
      float *crow = c + (gsize) i * ldc;

      for (guint j = 0; j < n; j++)
        crow[j] = beta == 0.0f ? 0.0f : beta * crow[j];

      for (guint p = 0; p < k; p++)
        {
          float aip = trans_a ? a[(gsize) p * lda + i] : a[(gsize) i * lda + p];

          if (aip == 0.0f)
            continue;
          aip *= alpha;
          if (trans_b)
            for (guint j = 0; j < n; j++)
              crow[j] += aip * b[(gsize) j * ldb + p];
          else
            {
              const float *brow = b + (gsize) p * ldb;

              for (guint j = 0; j < n; j++)
                crow[j] += aip * brow[j];
            }
        }
    }
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
  if (m == 0 || n == 0)
    return;

  if (k == 0)
    {
      /* BLAS requires k >= 1 in some builds; the product is empty. */
      gemm_plain (trans_a, trans_b, m, n, 0, alpha, a, lda, b, ldb, beta, c, ldc);
      return;
    }

  if (backend == SC_BACKEND_PLAIN)
    {
      gemm_plain (trans_a, trans_b, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
      return;
    }

  cblas_sgemm (CblasRowMajor,
               trans_a ? CblasTrans : CblasNoTrans,
               trans_b ? CblasTrans : CblasNoTrans,
               (int) m, (int) n, (int) k, alpha,
               a, (int) MAX (lda, 1), b, (int) MAX (ldb, 1),
               beta, c, (int) MAX (ldc, 1));
}
