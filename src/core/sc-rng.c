/* sc-rng.c
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
#include "sc-rng.h"

static inline guint64
rotl (guint64 x,
      int     k)
{
  return (x << k) | (x >> (64 - k));
}

static guint64
splitmix64 (guint64 *state)
{
  guint64 z = (*state += 0x9e3779b97f4a7c15ULL);

  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

void
sc_rng_init (ScRng   *rng,
             guint64  seed)
{
  guint64 state = seed;

  g_return_if_fail (rng != NULL);

  for (guint i = 0; i < 4; i++)
    rng->s[i] = splitmix64 (&state);
  rng->has_spare = FALSE;
  rng->spare = 0.0;
}

/* xoshiro256**, inline for the loops of this file. */
static inline guint64
next_bits (ScRng *rng)
{
  guint64 *s = rng->s;
  guint64 result = rotl (s[1] * 5, 7) * 9;
  guint64 t = s[1] << 17;

  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl (s[3], 45);

  return result;
}

static inline double
uniform (ScRng *rng)
{
  /* Below 2^53, so signed and unsigned conversions give the same double;
   * the signed one is one instruction. */
  return (double) (gint64) (next_bits (rng) >> 11) * 0x1.0p-53;
}

guint64
sc_rng_next (ScRng *rng)
{
  return next_bits (rng);
}

double
sc_rng_uniform (ScRng *rng)
{
  return uniform (rng);
}

guint32
sc_rng_below (ScRng   *rng,
              guint32  n)
{
  /* Lemire's multiply-and-reject: unbiased for every n. */
  guint64 m;
  guint32 low;

  g_return_val_if_fail (n > 0, 0);

  m = (guint64) (guint32) (sc_rng_next (rng) >> 32) * n;
  low = (guint32) m;
  if (low < n)
    {
      guint32 threshold = -n % n;

      while (low < threshold)
        {
          m = (guint64) (guint32) (sc_rng_next (rng) >> 32) * n;
          low = (guint32) m;
        }
    }

  return (guint32) (m >> 32);
}

double
sc_rng_normal (ScRng *rng)
{
  double u, v, s, f;

  if (rng->has_spare)
    {
      rng->has_spare = FALSE;
      return rng->spare;
    }

  do
    {
      u = 2.0 * sc_rng_uniform (rng) - 1.0;
      v = 2.0 * sc_rng_uniform (rng) - 1.0;
      s = u * u + v * v;
    }
  while (s >= 1.0 || s == 0.0);

  f = sqrt (-2.0 * sc_log (s) / s);
  rng->spare = v * f;
  rng->has_spare = TRUE;

  return u * f;
}

/* Pairs of normals drawn per call of the vectorised logarithm. */
#define NORMAL_BLOCK 64

/* sc_rng_normal's polar method for many values: the accepted (u, v, s)
 * of a block of pairs are drawn in the same order, then their sc_log
 * values computed together (the kernel gives sc_log's bits), then
 * u·f and v·f as sc_rng_normal returns them; an odd last value keeps
 * v·f as the spare. */
void
sc_rng_normal_fill (ScRng  *rng,
                    double *out,
                    gsize   n)
{
  const ScKernels *kernels = sc_kernels_get ();
  gsize e = 0;

  if (n > 0 && rng->has_spare)
    {
      rng->has_spare = FALSE;
      out[e++] = rng->spare;
    }

  while (e < n)
    {
      double u[NORMAL_BLOCK], v[NORMAL_BLOCK], s[NORMAL_BLOCK], log_s[NORMAL_BLOCK];
      double f[NORMAL_BLOCK];
      gsize pairs = MIN (NORMAL_BLOCK, (n - e + 1) / 2);

      for (gsize i = 0; i < pairs; i++)
        {
          do
            {
              u[i] = 2.0 * uniform (rng) - 1.0;
              v[i] = 2.0 * uniform (rng) - 1.0;
              s[i] = u[i] * u[i] + v[i] * v[i];
            }
          while (s[i] >= 1.0 || s[i] == 0.0);
        }
      kernels->log (s, log_s, pairs);
      /* f of every pair first: a loop that vectorises. */
      for (gsize i = 0; i < pairs; i++)
        f[i] = sqrt (-2.0 * log_s[i] / s[i]);
      for (gsize i = 0; i < pairs; i++)
        {
          out[e++] = u[i] * f[i];
          if (e < n)
            out[e++] = v[i] * f[i];
          else
            {
              rng->spare = v[i] * f[i];
              rng->has_spare = TRUE;
            }
        }
    }
}

void
sc_rng_shuffle (ScRng *rng,
                guint *items,
                gsize  n_items)
{
  for (gsize i = n_items; i > 1; i--)
    {
      gsize j = sc_rng_below (rng, (guint32) i);
      guint tmp = items[i - 1];

      items[i - 1] = items[j];
      items[j] = tmp;
    }
}
