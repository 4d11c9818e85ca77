/* sc-render-raster.h — edges on screen: a rasteriser of many soft lines
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-render.h"

G_BEGIN_DECLS

/* Ink colours: negative weights, positive weights, no weights, greyed by
 * a what-if change. */
#define SC_INK_CHANNELS 4

/* A line (or a bundle of lines) from u0 at v0 to u1 at v1 of its band, in
 * device pixels: u runs along the layers, v across them. */
typedef struct
{
  float u0;
  float u1;
  float spread0;   /* a bundle's extent along u at v0; 0 for one line */
  float spread1;   /* at v1 */
  float width;     /* line width */
  float mass[SC_INK_CHANNELS];  /* optical density × width, per colour */
  float alpha;     /* > 0: one line of this opacity, whose pixels then add up
                    * to the coverage Cairo gives it (its antialiased fringe
                    * does not darken); 0: a bundle, mass as it is */
} ScStroke;

/* The strokes between two layers: rows v0 − cap ≤ v < v1 + cap. */
typedef struct
{
  double   v0;
  double   v1;
  GArray  *strokes;  /* ScStroke */
  gboolean coarse;   /* a picture of bundles: it changes slowly from row to
                      * row, so every other row repeats the one before */
  double   cap;      /* lines go on this far past v0 and v1, straight: the
                      * ends of Cairo's round caps between the units */
} ScBand;

/* Draws bands over a Cairo ARGB32 pixel buffer (premultiplied; rows of
 * stride bytes).
 * Transposed: u runs down the columns and v along the rows (layers left to
 * right). colors are the ink colours, alpha ignored. */
void   _sc_raster_bands   (guint32       *pixels,
                           int            width,
                           int            height,
                           int            stride,
                           gboolean       transposed,
                           const ScBand  *bands,
                           guint          n_bands,
                           const ScRgba   colors[SC_INK_CHANNELS]);

/* The largest ink (optical density) of a band's pixels, sampled on five
 * rows from v0 to v1 (a row is length pixels). */
double _sc_raster_band_peak (const ScBand  *band,
                             int            length);

/* The optical density −ln(1 − alpha) of one line of that opacity. */
double _sc_raster_density (double         alpha);

G_END_DECLS
