/* sc-gemm-kernel.h — the portable GEMM, one build per instruction set
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Row-major C (m × n) = alpha · op(A) · op(B) + beta · C, where every
 * element of C is computed in one fixed order, whatever the blocking or the
 * vector width:
 *
 *   c = (beta == 0 ? 0 : beta · c);  for p = 0 … k−1:  c = c + (alpha · a_ip) · b_pj
 *
 * each operation rounded to float, with no fused multiply-add (the build
 * uses -ffp-contract=off). sc_gemm_plain is that definition written as a
 * loop; the blocked builds for SSE2, AVX2 and AVX-512 return bit-identical
 * results and differ only in speed (doc/determinism.md). */
#define SC_GEMM_KERNEL_ARGS gboolean     trans_a, \
                            gboolean     trans_b, \
                            guint        m,       \
                            guint        n,       \
                            guint        k,       \
                            float        alpha,   \
                            const float *a,       \
                            guint        lda,     \
                            const float *b,       \
                            guint        ldb,     \
                            float        beta,    \
                            float       *c,       \
                            guint        ldc

typedef void (*ScGemmKernel) (SC_GEMM_KERNEL_ARGS);

void sc_gemm_plain            (SC_GEMM_KERNEL_ARGS);
void sc_gemm_portable_generic (SC_GEMM_KERNEL_ARGS);
#ifdef SC_HAVE_X86_KERNELS
void sc_gemm_portable_avx2    (SC_GEMM_KERNEL_ARGS);
void sc_gemm_portable_avx512  (SC_GEMM_KERNEL_ARGS);
#endif

G_END_DECLS
