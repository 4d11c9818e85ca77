/* sc-kernels.h — the portable kernels, one build per instruction set
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

/* One step of PyTorch's Adam with L2 weight decay (§2.3) over n
 * parameters; entries whose mask byte is 0 are left as they are. Every
 * element is computed with the same IEEE operations in every build. */
#define SC_ADAM_KERNEL_ARGS float        *param,     \
                            const float  *grad,      \
                            const guint8 *mask,      \
                            float        *m,         \
                            float        *v,         \
                            gsize         n,         \
                            float         wd,        \
                            float         neg_step_size, \
                            float         bc2_sqrt

typedef void (*ScAdamKernel) (SC_ADAM_KERNEL_ARGS);

/* PyTorch's Adam defaults (§2.3): the kernel and the bias corrections
 * (sc-train.c) read the same values. */
#define SC_ADAM_BETA1 0.9
#define SC_ADAM_BETA2 0.999
#define SC_ADAM_EPS   1e-8

void sc_gemm_plain            (SC_GEMM_KERNEL_ARGS);

/* Element-wise kernels (sc-elementwise-kernel.c), each lane the scalar
 * code's IEEE operations: z = 1 / (1 + sc_sleef_expf (0 − z)) for n values
 * in place, and out = sc_log (x) for n values. */
typedef void (*ScSigmoidKernel) (float *z, gsize n);
typedef void (*ScLogKernel)     (const double *x, double *out, gsize n);
/* The custom BCE's terms t and right predictions, and its gradient dL/dz
 * (sc-pass.c pass_bce) for n outputs p against targets y. */
#define SC_BCE_TERMS_ARGS const float *y, const float *p, double *t, guint8 *ok, gsize n
#define SC_BCE_GRAD_ARGS  const float *y, const float *p, const double *t, \
                          double minus_inv_n, float *dz, gsize n
typedef void (*ScBceTermsKernel) (SC_BCE_TERMS_ARGS);
typedef void (*ScBceGradKernel)  (SC_BCE_GRAD_ARGS);

#define SC_DECLARE_KERNELS(isa)                                \
  void sc_gemm_portable_##isa (SC_GEMM_KERNEL_ARGS);           \
  void sc_gemm_small_##isa (SC_GEMM_KERNEL_ARGS);              \
  void sc_adam_portable_##isa (SC_ADAM_KERNEL_ARGS);           \
  void sc_sigmoid_portable_##isa (float *z, gsize n);          \
  void sc_log_portable_##isa (const double *x, double *out, gsize n); \
  void sc_bce_terms_portable_##isa (SC_BCE_TERMS_ARGS);        \
  void sc_bce_grad_portable_##isa (SC_BCE_GRAD_ARGS);

SC_DECLARE_KERNELS (generic)
#ifdef SC_HAVE_X86_KERNELS
SC_DECLARE_KERNELS (avx2)
SC_DECLARE_KERNELS (avx512)
#endif

/* The builds this CPU runs, best first, or the one SCULPTOR_KERNEL names. */
typedef struct
{
  const char   *name;   /* "avx512", "avx2", "generic" */
  ScGemmKernel  gemm;
  ScGemmKernel  gemm_small; /* the same products, unblocked, for small ones */
  ScAdamKernel  adam;
  ScSigmoidKernel sigmoid;
  ScLogKernel   log;
  ScBceTermsKernel bce_terms;
  ScBceGradKernel  bce_grad;
} ScKernels;

const ScKernels *sc_kernels_get      (void);
/* Every build compiled in, best first, and whether this CPU can run one. */
const ScKernels *sc_kernels_list     (guint           *n_builds);
gboolean         sc_kernels_run_here (const ScKernels *build);

/* Threads the portable kernels may use for one large product or update
 * (sc_linalg_init; 1 by default). */
guint sc_linalg_get_threads (void);

G_END_DECLS
