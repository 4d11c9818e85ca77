/* sc-adam-kernel.c — Adam's update, vectorised per instruction set
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Compiled once per instruction set (sc-kernel-isa.h) at -O3, so that the
 * loop runs 4, 8 or 16 parameters at a time. Each lane does the same IEEE
 * operations as a scalar loop (sqrt and division are exactly rounded, no
 * FMA), so every build updates every parameter to the same bits.
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-kernels.h"
#include "sc-kernel-isa.h"

#define ADAM_BETA1 0.9f
#define ADAM_BETA2 0.999f
#define ADAM_EPS   1e-8f

/* keep ? a : b as a bit mask, which vectorises where a branch or a
 * conditional store would not. */
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

/* Masked parameters are 0 with 0 gradient, so their moments and updates
 * would stay 0 anyway (oracle obs. 6); the mask keeps them untouched. */
void
SC_KERNEL_NAME (sc_adam_portable) (float        *restrict param,
                                   const float  *restrict grad,
                                   const guint8 *restrict mask,
                                   float        *restrict m,
                                   float        *restrict v,
                                   gsize                  n,
                                   float                  wd,
                                   float                  step_size,
                                   float                  bc2_sqrt)
{
  for (gsize e = 0; e < n; e++)
    {
      float p = param[e], m_old = m[e], v_old = v[e];
      float g = grad[e] + wd * p;
      float m_new = m_old * ADAM_BETA1 + (1.0f - ADAM_BETA1) * g;
      float v_new = v_old * ADAM_BETA2 + (1.0f - ADAM_BETA2) * g * g;
      float denom = sqrtf (v_new) / bc2_sqrt + ADAM_EPS;
      float p_new = p + -step_size * (m_new / denom);

      m[e] = select_float (mask[e], m_new, m_old);
      v[e] = select_float (mask[e], v_new, v_old);
      param[e] = select_float (mask[e], p_new, p);
    }
}
