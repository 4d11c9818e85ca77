/* sc-sleef-expf.h — one lane of SLEEF's expf, shared by the scalar and the vector builds
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Included by sc-sigmoid.c (the scalar sc_sleef_expf) and by
 * sc-elementwise-kernel.c (compiled per instruction set, where GCC runs 8
 * or 16 lanes side by side). Every lane performs the same IEEE operations,
 * so every build returns the same bits.
 */

#pragma once

#include <math.h>
#include <string.h>

#include <glib.h>

/* 2^n as a float built from its bits, n clamped to the normal exponents. */
static inline float
sc_sleef_pow2f (int n)
{
  guint32 bits = (guint32) (CLAMP (n, -126, 127) + 127) << 23;
  float f;

  memcpy (&f, &bits, sizeof f);
  return f;
}

/* keep ? a : b through a bit mask: GCC does not if-convert a float
 * ternary whose condition is a float comparison (it might trap), and a
 * loop with a branch does not vectorise. */
static inline float
sc_sleef_select (gboolean keep,
                 float    a,
                 float    b)
{
  guint32 bits_a, bits_b, all = -(guint32) (keep != 0);

  memcpy (&bits_a, &a, sizeof bits_a);
  memcpy (&bits_b, &b, sizeof bits_b);
  bits_a = (bits_a & all) | (bits_b & ~all);
  memcpy (&a, &bits_a, sizeof a);
  return a;
}

/* SLEEF 3's expf_u10 as PyTorch's Vectorized<float>::exp() computes it:
 * Cody–Waite reduction by ln 2 split in two parts, a degree-6 polynomial
 * (Horner with fma), then scaling by 2^q in two halves.
 *
 * The scaling was ldexpf (ldexpf (u, q >> 1), q − (q >> 1)); it is now two
 * multiplications by powers of two built from bits, with the same result
 * bit for bit (tests/test-elementwise.c compares both):
 *  - results outside d ∈ [−104, 100] are replaced below, and inside it
 *    q ∈ [−150, 144], so both halves lie in [−75, 72]: 2^a and 2^b are
 *    normal floats and the clamp in sc_sleef_pow2f never acts (a NaN d
 *    stays NaN through the multiplications as through ldexpf);
 *  - u ∈ [0.7, 1.5] is normal, so u · 2^a is a normal float and exact,
 *    as ldexpf's exponent edit is;
 *  - (u · 2^a) · 2^b is one correctly rounded multiplication; glibc's
 *    scalbnf returns the correctly rounded x · 2^n too: by an exponent edit
 *    when the result is normal (exact, so the same), as x' · 2^−25 (x' = x
 *    with its exponent raised by 25, one rounding of the same exact value)
 *    when it is subnormal, and as 10^−30 · 10^−30 (0) below 2^−151, where
 *    the product rounds to 0 as well. A subnormal result is the same single
 *    rounding of the same exact value in both, so flush-to-zero
 *    (sc-fpmode.h) flushes both alike; an overflow is ∞ in both. */
static inline float
sc_sleef_expf_lane (float d)
{
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
  u = (u * sc_sleef_pow2f (q >> 1)) * sc_sleef_pow2f (q - (q >> 1));

  u = sc_sleef_select (d < -104.0f, 0.0f, u);
  u = sc_sleef_select (d > 100.0f, INFINITY, u);

  return u;
}
