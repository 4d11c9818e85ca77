/* sculptor-sweep-marks.h — the sweep browser's inks: the density scale, the
 * marks of a run's states and verdicts, and the legend that explains them
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-grid.h"
#include "sc-score.h"

G_BEGIN_DECLS

#define INK_PENDING   0xdededeu   /* running or not run yet */
#define INK_NO_RESULT 0x9a9996u
#define INK_FAILED    0xe01b24u   /* failed, or a file that cannot be read */
#define INK_SUCCESS   0x2ec27eu
#define INK_FAILURE   0xc01c28u
#define INK_CHOSEN    0x1c71d8u

/* The density scale: t in [0, 1], low to high density. */
void   sculptor_sweep_density_color    (double             t,
                                        GdkRGBA           *color);
/* The legend of the scale (low … high in % kept) and of the marks. */
void   sculptor_sweep_draw_legend      (cairo_t           *cr,
                                        double             width,
                                        double             height,
                                        gboolean           have_range,
                                        double             low,
                                        double             high);

/* Text at (x, y) (vertically centred; align 0 left, 0.5 centre, 1 right
 * of x); returns its width. */
double _sculptor_sweep_text            (cairo_t           *cr,
                                        const char        *text,
                                        double             x,
                                        double             y,
                                        double             align,
                                        gboolean           bold);
void   _sculptor_sweep_ink             (cairo_t           *cr,
                                        guint32            rgb);
/* A network's sub-cell: its density's colour (low … high: the scale's
 * range), hatched below the accuracy threshold, ✓ or × by its score. */
void   _sculptor_sweep_draw_point      (cairo_t           *cr,
                                        const ScGridPoint *point,
                                        const ScScore     *score,
                                        double             low,
                                        double             high,
                                        double             x,
                                        double             y,
                                        double             width,
                                        double             height);
/* A whole run of one ink with a sign (or NULL) in its middle. */
void   _sculptor_sweep_draw_run_state  (cairo_t           *cr,
                                        guint32            ink,
                                        const char        *sign,
                                        double             x,
                                        double             y,
                                        double             width,
                                        double             height);
/* The outline of a seed's chosen network around a sub-cell. */
void   _sculptor_sweep_draw_chosen     (cairo_t           *cr,
                                        double             x,
                                        double             y,
                                        double             width,
                                        double             height);

G_END_DECLS
