/* sc-mnist-synthetic.c — stand-in digits for tests and demos
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>

#include "sc-idx.h"
#include "sc-mnist.h"
#include "sc-rng.h"

/* Seven-segment patterns, bit k = segment "abcdefg"[k]:
 *    aaa
 *   f   b
 *    ggg
 *   e   c
 *    ddd        */
static const guint8 segments[SC_DIGITS_N_CLASSES] = {
  0x3f, 0x06, 0x5b, 0x4f, 0x66, 0x6d, 0x7d, 0x07, 0x7f, 0x6f,
};

typedef struct
{
  guint   rows;
  guint   cols;
  guint8 *image;
  int     thick;
  guint8  ink;
  ScRng  *rng;
} Canvas;

static void
fill_rect (Canvas *canvas,
           int     x0,
           int     y0,
           int     x1,
           int     y1)
{
  for (int y = MAX (y0, 0); y <= MIN (y1, (int) canvas->rows - 1); y++)
    for (int x = MAX (x0, 0); x <= MIN (x1, (int) canvas->cols - 1); x++)
      {
        /* Anti-aliasing would be nicer; a little jitter in the ink is
         * enough to keep the classes from being trivially separable. */
        int v = canvas->ink - (int) fabs (sc_rng_normal (canvas->rng) * 20.0);

        canvas->image[y * canvas->cols + x] = (guint8) CLAMP (v, 0, 255);
      }
}

static void
draw_digit (Canvas *canvas,
            guint   digit,
            int     dx,
            int     dy)
{
  int t = canvas->thick - 1;
  int left = (int) canvas->cols * 5 / 18 + dx;
  int right = (int) canvas->cols - 1 - (int) canvas->cols * 5 / 18 - t + dx;
  int top = (int) canvas->rows / 6 + dy;
  int bottom = (int) canvas->rows - 1 - (int) canvas->rows / 6 - t + dy;
  int middle = (top + bottom) / 2;
  guint8 mask = segments[digit];

  if (mask & 0x01) fill_rect (canvas, left, top, right + t, top + t);          /* a */
  if (mask & 0x02) fill_rect (canvas, right, top, right + t, middle + t);      /* b */
  if (mask & 0x04) fill_rect (canvas, right, middle, right + t, bottom + t);   /* c */
  if (mask & 0x08) fill_rect (canvas, left, bottom, right + t, bottom + t);    /* d */
  if (mask & 0x10) fill_rect (canvas, left, middle, left + t, bottom + t);     /* e */
  if (mask & 0x20) fill_rect (canvas, left, top, left + t, middle + t);        /* f */
  if (mask & 0x40) fill_rect (canvas, left, middle, right + t, middle + t);    /* g */
}

static void
add_speckles (Canvas *canvas)
{
  for (guint i = 0; i < canvas->rows * canvas->cols; i++)
    if (canvas->image[i] == 0 && sc_rng_uniform (canvas->rng) < 0.02)
      canvas->image[i] = (guint8) sc_rng_below (canvas->rng, 80);
}

ScDigits *
sc_mnist_synthetic_digits_sized (guint   n_per_class,
                                 guint   rows,
                                 guint   cols,
                                 guint64 seed)
{
  ScDigits *digits;
  int jitter_x = (int) cols / 20;
  int jitter_y = (int) rows / 20;
  ScRng rng;

  g_return_val_if_fail (n_per_class > 0, NULL);
  g_return_val_if_fail (rows >= 7 && cols >= 7, NULL);
  g_return_val_if_fail (rows <= SC_IDX_MAX_SIDE && cols <= SC_IDX_MAX_SIDE, NULL);
  g_return_val_if_fail ((guint64) n_per_class * SC_DIGITS_N_CLASSES * rows * cols
                        <= SC_IDX_MAX_BYTES, NULL);

  sc_rng_init (&rng, seed);
  digits = sc_digits_new (n_per_class * SC_DIGITS_N_CLASSES, rows, cols);
  g_free (digits->source);
  digits->source = g_strdup ("synthetic digits");

  /* Classes interleaved (0, 1, …, 9, 0, 1, …) like a shuffled data set. */
  for (guint i = 0; i < digits->n_images; i++)
    {
      Canvas canvas = {
        .rows = rows,
        .cols = cols,
        .image = digits->pixels + (gsize) i * rows * cols,
        .thick = (int) MAX (1, (MIN (rows, cols) + 9) / 10),
        .ink = (guint8) (170 + sc_rng_below (&rng, 86)),
        .rng = &rng,
      };
      int dx = (int) sc_rng_below (&rng, 2 * jitter_x + 1) - jitter_x;
      int dy = (int) sc_rng_below (&rng, 2 * jitter_y + 1) - jitter_y;

      digits->labels[i] = i % SC_DIGITS_N_CLASSES;
      draw_digit (&canvas, digits->labels[i], dx, dy);
      add_speckles (&canvas);
    }

  return digits;
}

ScDigits *
sc_mnist_synthetic_digits (guint   n_per_class,
                           guint64 seed)
{
  return sc_mnist_synthetic_digits_sized (n_per_class, 28, 28, seed);
}
