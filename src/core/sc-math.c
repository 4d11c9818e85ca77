/* sc-math.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-math.h"

#define LN2_HI      SC_LN2_HI
#define LN2_LO      SC_LN2_LO
#define INV_LN2     1.44269504088896338700e+00
#define SQRT_HALF   SC_SQRT_HALF

static inline double
from_bits (guint64 bits)
{
  double d;

  memcpy (&d, &bits, sizeof d);
  return d;
}

static inline guint64
to_bits (double d)
{
  guint64 bits;

  memcpy (&bits, &d, sizeof bits);
  return bits;
}

/* 2^n for -1022 <= n <= 1023, built from its bits. */
static inline double
pow2 (int n)
{
  return from_bits ((guint64) (n + 1023) << 52);
}

/* x · 2^n with one rounding at most, like ldexp but without its call:
 * outside the normal range the first factor keeps the product exact. */
static inline double
scale (double x,
       int    n)
{
  if (n < -1022)
    return (x * pow2 (n + 600)) * pow2 (-600);
  if (n > 1023)
    return (x * pow2 (n - 600)) * pow2 (600);
  return x * pow2 (n);
}

/* x = 2^e m with m in [0.5, 1), for finite x > 0, like frexp. */
static inline double
split (double  x,
       int    *e)
{
  guint64 bits = to_bits (x);
  int bias = 1022;

  if ((bits >> 52) == 0)
    {
      /* Subnormal: make it normal first (exact). */
      bits = to_bits (x * pow2 (54));
      bias += 54;
    }
  *e = (int) (bits >> 52) - bias;
  return from_bits ((bits & ((G_GUINT64_CONSTANT (1) << 52) - 1)) | ((guint64) 1022 << 52));
}

double
sc_exp (double x)
{
  double n, r, p;

  if (isnan (x))
    return x;
  if (x > 709.782712893384)
    return HUGE_VAL;
  if (x < -745.2)
    return 0.0;

  /* x = n ln 2 + r with |r| <= ln 2 / 2, then e^x = 2^n e^r. */
  n = floor (x * INV_LN2 + 0.5);
  r = (x - n * LN2_HI) - n * LN2_LO;

  /* Taylor series of e^r to r^13 (the next term is below 2^-57). */
  p = 1.0 / 6227020800.0;
  p = 1.0 / 479001600.0 + r * p;
  p = 1.0 / 39916800.0 + r * p;
  p = 1.0 / 3628800.0 + r * p;
  p = 1.0 / 362880.0 + r * p;
  p = 1.0 / 40320.0 + r * p;
  p = 1.0 / 5040.0 + r * p;
  p = 1.0 / 720.0 + r * p;
  p = 1.0 / 120.0 + r * p;
  p = 1.0 / 24.0 + r * p;
  p = 1.0 / 6.0 + r * p;
  p = 0.5 + r * p;
  p = 1.0 + r * p;
  p = 1.0 + r * p;

  return scale (p, (int) n);
}

double
sc_log (double x)
{
  double m, f, s, z;
  int e;

  if (isnan (x) || x < 0.0)
    return NAN;
  if (x == 0.0)
    return -HUGE_VAL;
  if (isinf (x))
    return x;

  /* x = 2^e m with m in [√½, √2), so f = m − 1 is exact and small. */
  m = split (x, &e);
  if (m < SQRT_HALF)
    {
      m *= 2.0;
      e--;
    }
  f = m - 1.0;

  /* log(1 + f) = 2 atanh(s) = 2s (1 + z/3 + z²/5 + …), s = f / (2 + f),
   * z = s² <= 0.0295: eleven terms leave less than 2^-60. */
  s = f / (2.0 + f);
  z = s * s;
  return SC_LOG_FROM_SERIES (e, s, z);
}

double
sc_powi (double  base,
         guint64 n)
{
  double result = 1.0;

  for (; n > 0; n >>= 1)
    {
      if (n & 1)
        result *= base;
      base *= base;
    }

  return result;
}
