/* sc-math.h — elementary functions that give the same bits on every CPU
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* glibc picks exp, log and pow at run time among builds with and without
 * FMA, whose last bits may differ: a network trained with them could differ
 * between CPUs. These are written with + − × ÷ and exact bit operations only (no
 * FMA under -ffp-contract=off), so they round the same everywhere. They are
 * accurate to a few units in the last place of a double — far below the
 * float precision of training — not correctly rounded. */
double sc_exp   (double x);

/* ln 2 split so that n · SC_LN2_HI is exact for |n| < 2^11 (its low 32
 * bits are zero) and SC_LN2_HI + SC_LN2_LO carries ln 2 to about 2^-85;
 * shared with the vectorised sc_log (sc-elementwise-kernel.c). */
#define SC_LN2_HI      6.93147180369123816490e-01
#define SC_LN2_LO      1.90821492927058770002e-10
#define SC_SQRT_HALF   0.70710678118654752440

/* log(2^e (1 + f)) from s = f / (2 + f) and z = s²: ln 2 · e plus
 * 2s (1 + z/3 + z²/5 + … + z^10/21) by Horner. One expression for the
 * scalar sc_log and the vectorised one (e, s, z doubles or vectors of
 * them), so both do the same operations in the same order: the same bits. */
#define SC_LOG_FROM_SERIES(e, s, z) \
  ((e) * SC_LN2_HI + (2.0 * (s) * \
    (1.0 + (z) * (1.0 / 3.0 + (z) * (1.0 / 5.0 + (z) * (1.0 / 7.0 + (z) * \
    (1.0 / 9.0 + (z) * (1.0 / 11.0 + (z) * (1.0 / 13.0 + (z) * (1.0 / 15.0 + (z) * \
    (1.0 / 17.0 + (z) * (1.0 / 19.0 + (z) * (1.0 / 21.0))))))))))) + (e) * SC_LN2_LO))

double sc_log   (double x);
/* base^n for n >= 0, by repeated squaring. */
double sc_powi  (double base,
                 guint64 n);

static inline float
sc_expf (float x)
{
  return (float) sc_exp ((double) x);
}

static inline float
sc_logf (float x)
{
  return (float) sc_log ((double) x);
}

G_END_DECLS
