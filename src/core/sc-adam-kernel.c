/* sc-adam-kernel.c — Adam's update, vectorised per instruction set
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compiled once per instruction set (sc-kernel-isa.h) at -O3, so that the
 * loop runs 8 or 16 parameters at a time in the AVX2 and AVX-512 builds.
 * Each lane does the same exactly rounded IEEE operations as a scalar loop
 * (fused multiply-add, sqrt, division; nothing contracted behind our back),
 * so every build updates every parameter to the same bits.
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-kernels.h"
#include "sc-kernel-isa.h"
#include "sc-parallel.h"

/* keep ? a : b as a bit mask: a ternary would be a branch (the division
 * before it may trap, so the compiler does not if-convert it), and a
 * branch does not vectorise. */
static inline float
select_float (guint8 keep,
              float  a,
              float  b)
{
  guint32 bits_a, bits_b, all = -(guint32) (keep != 0);

  memcpy (&bits_a, &a, sizeof bits_a);
  memcpy (&bits_b, &b, sizeof bits_b);
  bits_a = (bits_a & all) | (bits_b & ~all);
  memcpy (&a, &bits_a, sizeof a);
  return a;
}

/* Chunks of parameters handed to the threads; a chunk is one call of
 * adam_chunk, whose restrict pointers let the compiler vectorise it (an
 * OpenMP loop body lost them and stayed scalar: 65 % of a dense MNIST run
 * went here). */
#define ADAM_CHUNK 4096

static void
adam_chunk (float        *restrict param,
            const float  *restrict grad,
            const guint8 *restrict mask,
            float        *restrict m,
            float        *restrict v,
            gsize                  n,
            float                  wd,
            float                  neg_step_size,
            float                  bc2_sqrt)
{
  const float b1 = (float) SC_ADAM_BETA1, b2 = (float) SC_ADAM_BETA2;
  const float one_minus_b1 = (float) (1.0 - SC_ADAM_BETA1);
  const float one_minus_b2 = (float) (1.0 - SC_ADAM_BETA2);
  const float eps = (float) SC_ADAM_EPS;

  for (gsize e = 0; e < n; e++)
    {
      float p = param[e], m_old = m[e], v_old = v[e];
      float g = fmaf (wd, p, grad[e]);
      float m_new = fmaf (one_minus_b1, g, m_old * b1);
      float v_new = fmaf (one_minus_b2 * g, g, v_old * b2);
      float denom = sqrtf (v_new) / bc2_sqrt + eps;
      float p_new = p + (neg_step_size * m_new) / denom;

      m[e] = select_float (mask[e], m_new, m_old);
      v[e] = select_float (mask[e], v_new, v_old);
      param[e] = select_float (mask[e], p_new, p);
    }
}

typedef struct
{
  float        *param;
  const float  *grad;
  const guint8 *mask;
  float        *m, *v;
  gsize         n;
  float         wd, neg_step_size, bc2_sqrt;
} AdamJob;

static void
adam_task (guint    task,
           gpointer data)
{
  const AdamJob *job = data;
  gsize start = (gsize) task * ADAM_CHUNK;

  adam_chunk (job->param + start, job->grad + start, job->mask + start, job->m + start,
              job->v + start, MIN (ADAM_CHUNK, job->n - start), job->wd, job->neg_step_size,
              job->bc2_sqrt);
  SC_KERNEL_CLEAN_UPPER ();
}

/* PyTorch 1.13's single-tensor Adam with L2 weight decay (§2.3), float32
 * operation by operation as its AVX2 kernels round them (oracle README
 * obs. 7): the additions with a scalar factor (grad.add(param, alpha=wd),
 * exp_avg.add_(grad, alpha=1−β1), exp_avg_sq.addcmul_(grad, grad,
 * value=1−β2)) are fused multiply-adds — fmaf, exactly rounded, so the same
 * on every CPU (hardware FMA in the AVX2 and AVX-512 builds, glibc's in the
 * generic one) — the division by √(1−β2^t) a true division, and addcdiv
 * computes param + (−step_size·m)/denom. Masked parameters are 0 with 0
 * gradient, so their moments and updates would stay 0 anyway (oracle
 * obs. 6); the mask keeps them untouched. */
void
SC_KERNEL_NAME (sc_adam_portable) (float        *restrict param,
                                   const float  *restrict grad,
                                   const guint8 *restrict mask,
                                   float        *restrict m,
                                   float        *restrict v,
                                   gsize                  n,
                                   float                  wd,
                                   float                  neg_step_size,
                                   float                  bc2_sqrt)
{
  AdamJob job = {
    .param = param, .grad = grad, .mask = mask, .m = m, .v = v, .n = n,
    .wd = wd, .neg_step_size = neg_step_size, .bc2_sqrt = bc2_sqrt,
  };

  /* Element-wise: any split among threads gives the same bits. */
  sc_parallel_run ((guint) ((n + ADAM_CHUNK - 1) / ADAM_CHUNK),
                   n >= (1u << 16) ? sc_linalg_get_threads () : 1, adam_task, &job);
}
