/* sculptor-theme.h — theme colours for the custom-drawn widgets
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Whether widget is drawn on a dark background: its text colour is light.
 * This follows gtk-application-prefer-dark-theme, dark themes and the
 * high-contrast inverse theme alike. */
gboolean _sculptor_theme_is_dark      (GtkWidget     *widget);
/* The widget's text colour. */
void     _sculptor_theme_get_fg       (GtkWidget     *widget,
                                       GdkRGBA       *color);
/* A named theme colour ("accent_color", "view_bg_color", …), or fallback
 * when the theme does not define it. */
void     _sculptor_theme_lookup       (GtkWidget     *widget,
                                       const char    *name,
                                       const char    *fallback,
                                       GdkRGBA       *color);
/* Sets color on cr with its alpha multiplied by alpha. */
void     _sculptor_theme_set_source   (cairo_t       *cr,
                                       const GdkRGBA *color,
                                       double         alpha);

G_END_DECLS
