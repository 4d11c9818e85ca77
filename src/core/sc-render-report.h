/* sc-render-report.h — drawing the paper's success-rate figures
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

#include "sc-render.h"
#include "sc-report.h"

G_BEGIN_DECLS

/* Sculptor's series (filled circles with 95 % intervals, solid lines) and
 * the paper's (hollow diamonds, dashed lines). */
void     sc_render_report_series_color (gboolean         paper,
                                        ScRgba          *color);
/* The overlap figure's cell colour for a rate in [0, 1]. */
void     sc_render_report_rate_color   (double           rate,
                                        ScRgba          *color);

/* The figure's size in px: it grows with its panels and categories. */
void     sc_render_report_size         (const ScReport  *report,
                                        ScReportFigure   figure,
                                        double          *width,
                                        double          *height);
/* Draws the figure (white background, title, legend, panels) into a
 * width × height area, normally sc_render_report_size()'s. */
void     sc_render_report              (cairo_t         *cr,
                                        const ScReport  *report,
                                        ScReportFigure   figure,
                                        double           width,
                                        double           height);
/* sc_render_export() of sc_render_report() at its size. */
gboolean sc_render_export_report       (ScExportFormat   format,
                                        const char      *path,
                                        const ScReport  *report,
                                        ScReportFigure   figure,
                                        GError         **error);

G_END_DECLS
