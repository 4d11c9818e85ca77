/* sc-sigmoid.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>

#include "sc-kernels.h"
#include "sc-math.h"
#include "sc-sleef-expf.h"
#include "sc-sigmoid.h"

/* PyTorch's cpu_kernel_vec handles 2 × Vectorized<float>::size() values per
 * vector iteration (16 with AVX2) and the remainder with the scalar lambda. */
#define TORCH_VECTOR_BLOCK 16

float
sc_sleef_expf (float d)
{
  return sc_sleef_expf_lane (d);
}

void
sc_sigmoid_tensor (float *z,
                   gsize  n)
{
  gsize vector_end = n - n % TORCH_VECTOR_BLOCK;

  /* The vectorised part in the widest kernel build (sc-elementwise-kernel.c). */
  sc_kernels_get ()->sigmoid (z, vector_end);
  for (gsize e = vector_end; e < n; e++)
    z[e] = 1.0f / (1.0f + sc_expf (-z[e]));
}
