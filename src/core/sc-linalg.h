/* sc-linalg.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dense products for training. SC_BACKEND_BLAS calls OpenBLAS sgemm with
 * one thread (toolchain.md: two threads give nothing at our sizes and the
 * other core belongs to the UI); SC_BACKEND_PLAIN is a straightforward C
 * loop kept to test the BLAS path against (kann's kad_sgemm_simple). */
typedef enum
{
  SC_BACKEND_BLAS,
  SC_BACKEND_PLAIN,
} ScBackend;

/* Sets OpenBLAS to n_threads (0: leave as is). Idempotent. */
void sc_linalg_init (guint n_threads);

/* Row-major C (m × n) = alpha · op(A) · op(B) + beta · C, where op(A) is
 * m × k and op(B) is k × n; lda/ldb/ldc are the row strides as stored. */
void sc_gemm (ScBackend    backend,
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
              guint        ldc);

G_END_DECLS
