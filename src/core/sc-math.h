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
