/* sc-sigmoid.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>

#include "sc-math.h"
#include "sc-sigmoid.h"

/* PyTorch's cpu_kernel_vec handles 2 × Vectorized<float>::size() values per
 * vector iteration (16 with AVX2) and the remainder with the scalar lambda. */
#define TORCH_VECTOR_BLOCK 16

float
sc_sleef_expf (float d)
{
  /* Cody–Waite reduction by ln 2 split in two parts, a degree-6 polynomial
   * (Horner with fma), then scaling by 2^q in two halves. */
  const float r_ln2 = 1.442695040888963407359924681001892137426645954152985934135449406931f;
  const float l2u = 0.693145751953125f;
  const float l2l = 1.428606765330187045e-06f;
  float s, u, q_f;
  int q;

  q = (int) rintf (d * r_ln2);
  q_f = (float) q;
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

void
sc_sigmoid_tensor (float *z,
                   gsize  n)
{
  gsize vector_end = n - n % TORCH_VECTOR_BLOCK;

  for (gsize e = 0; e < vector_end; e++)
    z[e] = 1.0f / (1.0f + sc_sleef_expf (0.0f - z[e]));
  for (gsize e = vector_end; e < n; e++)
    z[e] = 1.0f / (1.0f + sc_expf (-z[e]));
}
