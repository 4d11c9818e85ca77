/* sc-sigmoid.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The output sigmoid exactly as the reference computes it (PyTorch 1.13 on
 * x86-64 with its AVX2 kernels, oracle README "Self-consistency"): over one
 * contiguous tensor of n values, the values in whole blocks of 16 go through
 * the vectorised kernel, 1 / (1 + SLEEF expf(0 − z)), and the last n mod 16
 * through the scalar one, 1 / (1 + expf(−z)). Both are float32; they differ
 * in the last bit for about 4 % of the inputs, which is enough to make a
 * replay of the reference's own runs drift (tests/test-replay.c). In place. */
void  sc_sigmoid_tensor (float *z,
                         gsize  n);

/* SLEEF 3's expf_u10 (Boost licence) with fused multiply-adds, as PyTorch's
 * Vectorized<float>::exp() computes it. Exposed for tests. */
float sc_sleef_expf     (float  d);

G_END_DECLS
