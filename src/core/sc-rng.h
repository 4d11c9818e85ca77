/* sc-rng.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The one random number generator of Sculptor: xoshiro256** seeded through
 * splitmix64, normal deviates by the Marsaglia polar method (the spare value
 * is kept). Everything random in a run (initialisation, shuffling, input
 * noise, composite images) draws from one ScRng seeded with the run's seed,
 * in a fixed order, so the same seed gives bit-identical results on every
 * machine. The state is plain data: copy it by assignment. */
typedef struct
{
  guint64  s[4];
  gboolean has_spare;
  double   spare;
} ScRng;

void    sc_rng_init        (ScRng  *rng,
                            guint64 seed);
guint64 sc_rng_next        (ScRng  *rng);
double  sc_rng_uniform     (ScRng  *rng);          /* [0, 1), 53 bits */
guint32 sc_rng_below       (ScRng  *rng,
                            guint32 n);             /* uniform in [0, n), unbiased */
double  sc_rng_normal      (ScRng  *rng);          /* N(0, 1) */
/* out[0 … n−1] = n calls of sc_rng_normal, the same numbers and the same
 * state after, with the logarithms taken side by side. */
void    sc_rng_normal_fill (ScRng  *rng,
                            double *out,
                            gsize   n);
void    sc_rng_shuffle     (ScRng  *rng,
                            guint  *items,
                            gsize   n_items);       /* Fisher–Yates */

G_END_DECLS
