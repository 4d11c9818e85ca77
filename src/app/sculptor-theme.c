/* sculptor-theme.c — theme colours for the custom-drawn widgets
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include "sculptor-theme.h"

void
_sculptor_theme_get_fg (GtkWidget *widget,
                        GdkRGBA   *color)
{
  g_assert (GTK_IS_WIDGET (widget));

  /* gtk_widget_get_color() is GTK 4.10; the style context has it in 4.8. */
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), color);
}

gboolean
_sculptor_theme_is_dark (GtkWidget *widget)
{
  GdkRGBA fg;

  _sculptor_theme_get_fg (widget, &fg);
  return 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
}

void
_sculptor_theme_lookup (GtkWidget  *widget,
                        const char *name,
                        const char *fallback,
                        GdkRGBA    *color)
{
  g_assert (GTK_IS_WIDGET (widget));

  if (!gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), name, color))
    gdk_rgba_parse (color, fallback);
}

void
_sculptor_theme_set_source (cairo_t       *cr,
                            const GdkRGBA *color,
                            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}
