/* sc-linalg.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dense products for training.
 *
 * SC_BACKEND_PORTABLE (the default) is Sculptor's own blocked GEMM with a
 * fixed summation order and no FMA: bit-identical results on every x86-64
 * CPU, whatever its vector extensions (sc-kernels.h,
 * doc/determinism.md). SC_BACKEND_BLAS calls OpenBLAS sgemm with one
 * thread (toolchain.md: two threads give nothing at our sizes and the other
 * core belongs to the UI) — faster on some CPUs, but its kernels, and so
 * the trained networks, depend on the CPU and the OpenBLAS build.
 * SC_BACKEND_PLAIN is the portable order written as a plain loop: the
 * definition the blocked kernels are tested against. */
typedef enum
{
  SC_BACKEND_PORTABLE,
  SC_BACKEND_BLAS,
  SC_BACKEND_PLAIN,
} ScBackend;

/* Threads for one product: OpenBLAS's, and the portable kernels' (which
 * give the same bits with any number); 0 leaves them as they are, the
 * environment variable SCULPTOR_THREADS caps them. Idempotent. */
void          sc_linalg_init           (guint        n_threads);

/* "portable", "openblas" or "plain"; NULL for anything else. */
const char   *sc_backend_to_string     (ScBackend    backend);
gboolean      sc_backend_from_string   (const char  *name,
                                        ScBackend   *backend);

/* The instruction set the portable kernels run with in this process:
 * "avx512", "avx2" or "generic" — the best the CPU has, or the one named
 * by SCULPTOR_KERNEL (tests use it to compare the builds). */
const char   *sc_linalg_kernel_name    (void);

/* The OpenBLAS kernel family in use ("Haswell", "Prescott", …). */
const char   *sc_linalg_openblas_core  (void);

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
