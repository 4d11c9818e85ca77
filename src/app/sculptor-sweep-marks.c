/* sculptor-sweep-marks.c — the sweep browser's inks: the density scale, the
 * marks of a run's states and verdicts, and the legend that explains them
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sculptor-sweep-marks.h"

/* a legend's sample cell */
#define SWATCH_W 15.0
#define SWATCH_H 18.0

/* viridis, dark (sparse) to light (dense): sequential and colour-blind safe */
void
sculptor_sweep_density_color (double   t,
                              GdkRGBA *color)
{
  static const double stops[][3] = {
    { 0.267, 0.005, 0.329 }, { 0.231, 0.322, 0.545 }, { 0.129, 0.569, 0.549 },
    { 0.369, 0.788, 0.384 }, { 0.992, 0.906, 0.145 },
  };
  double at = CLAMP (isfinite (t) ? t : 0.0, 0.0, 1.0) * (G_N_ELEMENTS (stops) - 1);
  guint i = MIN ((guint) at, G_N_ELEMENTS (stops) - 2);
  double f = at - i;

  color->red = (float) (stops[i][0] + f * (stops[i + 1][0] - stops[i][0]));
  color->green = (float) (stops[i][1] + f * (stops[i + 1][1] - stops[i][1]));
  color->blue = (float) (stops[i][2] + f * (stops[i + 1][2] - stops[i][2]));
  color->alpha = 1.0f;
}

/* Returns the text's width. */
double
_sculptor_sweep_text (cairo_t    *cr,
                      const char *text,
                      double      x,
                      double      y,
                      double      align,    /* 0 left, 0.5 centre, 1 right of x */
                      gboolean    bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (bold ? "Sans Bold 9"
                                                                        : "Sans 9");
  int w, h;

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (cr, x - align * w, y - h / 2.0);
  pango_cairo_show_layout (cr, layout);
  pango_font_description_free (font);
  g_object_unref (layout);
  return w;
}

void
_sculptor_sweep_ink (cairo_t *cr,
                     guint32  rgb)
{
  cairo_set_source_rgb (cr, (rgb >> 16) / 255.0, ((rgb >> 8) & 0xff) / 255.0,
                        (rgb & 0xff) / 255.0);
}

/* ✓: the network meets the task's ground-truth criterion */
static void
mark_success (cairo_t *cr,
              double   cx,
              double   cy)
{
  cairo_arc (cr, cx, cy, 4.5, 0, 2 * G_PI);
  _sculptor_sweep_ink (cr, INK_SUCCESS);
  cairo_fill_preserve (cr);
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.5);
  cairo_stroke (cr);
}

/* ×: it does not */
static void
mark_failure (cairo_t *cr,
              double   cx,
              double   cy)
{
  for (guint pass = 0; pass < 2; pass++)
    {
      cairo_move_to (cr, cx - 3.5, cy - 3.5);
      cairo_line_to (cr, cx + 3.5, cy + 3.5);
      cairo_move_to (cr, cx + 3.5, cy - 3.5);
      cairo_line_to (cr, cx - 3.5, cy + 3.5);
      if (pass == 0)
        cairo_set_source_rgb (cr, 1, 1, 1);
      else
        _sculptor_sweep_ink (cr, INK_FAILURE);
      cairo_set_line_width (cr, pass == 0 ? 4.0 : 2.0);
      cairo_stroke (cr);
    }
}

/* ////: below the accuracy threshold, not a candidate of the rules */
static void
mark_below_threshold (cairo_t *cr,
                      double   x,
                      double   y,
                      double   w,
                      double   h)
{
  cairo_save (cr);
  cairo_rectangle (cr, x, y, w, h);
  cairo_clip (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, 0.55);
  cairo_set_line_width (cr, 1.5);
  for (double d = -h; d < w; d += 5.0)
    {
      cairo_move_to (cr, x + d, y + h);
      cairo_line_to (cr, x + d + h, y);
    }
  cairo_stroke (cr);
  cairo_restore (cr);
}

void
_sculptor_sweep_draw_point (cairo_t           *cr,
                            const ScGridPoint *p,
                            const ScScore     *score,
                            double             low,
                            double             high,
                            double             x,
                            double             y,
                            double             w,
                            double             h)
{
  GdkRGBA fill;
  double density = 100.0 - p->final_percent;

  sculptor_sweep_density_color (high > low ? (density - low) / (high - low) : 0.5, &fill);
  gdk_cairo_set_source_rgba (cr, &fill);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  if (!p->meets_threshold)
    mark_below_threshold (cr, x, y, w, h);
  if (score != NULL && score->success)
    mark_success (cr, x + w / 2, y + h / 2);
  else if (score != NULL)
    mark_failure (cr, x + w / 2, y + h / 2);
}

/* A whole run of one colour with a sign in its middle. */
void
_sculptor_sweep_draw_run_state (cairo_t    *cr,
                                guint32     ink,
                                const char *sign,
                                double      x,
                                double      y,
                                double      w,
                                double      h)
{
  _sculptor_sweep_ink (cr, ink);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  if (sign)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      _sculptor_sweep_text (cr, sign, x + w / 2, y + h / 2, 0.5, TRUE);
    }
}

/* What a legend entry shows. */
typedef enum
{
  SWATCH_SUCCESS, SWATCH_FAILURE, SWATCH_BELOW_THRESHOLD, SWATCH_CHOSEN,
  SWATCH_PENDING, SWATCH_NO_RESULT, SWATCH_FAILED, SWATCH_UNREADABLE,
} Swatch;

/* A sample cell and its label at x; returns where the next one goes. */
static double
legend_swatch (cairo_t    *cr,
               double      x,
               double      y,
               Swatch      what,
               const char *label)
{
  double cx = x + SWATCH_W / 2, cy = y + SWATCH_H / 2, tw;
  GdkRGBA mid;

  sculptor_sweep_density_color (0.4, &mid);
  switch (what)
    {
    case SWATCH_PENDING:
      _sculptor_sweep_draw_run_state (cr, INK_PENDING, NULL, x, y, SWATCH_W, SWATCH_H);
      break;
    case SWATCH_NO_RESULT:
      _sculptor_sweep_draw_run_state (cr, INK_NO_RESULT, "–", x, y, SWATCH_W, SWATCH_H);
      break;
    case SWATCH_FAILED:
      _sculptor_sweep_draw_run_state (cr, INK_FAILED, "!", x, y, SWATCH_W, SWATCH_H);
      break;
    case SWATCH_UNREADABLE:
      _sculptor_sweep_draw_run_state (cr, INK_FAILED, "?", x, y, SWATCH_W, SWATCH_H);
      break;
    case SWATCH_SUCCESS:
    case SWATCH_FAILURE:
    case SWATCH_BELOW_THRESHOLD:
    case SWATCH_CHOSEN:
    default:
      gdk_cairo_set_source_rgba (cr, &mid);
      cairo_rectangle (cr, x, y, SWATCH_W, SWATCH_H);
      cairo_fill (cr);
      if (what == SWATCH_SUCCESS)
        mark_success (cr, cx, cy);
      else if (what == SWATCH_FAILURE)
        mark_failure (cr, cx, cy);
      else if (what == SWATCH_BELOW_THRESHOLD)
        mark_below_threshold (cr, x, y, SWATCH_W, SWATCH_H);
      else
        _sculptor_sweep_draw_chosen (cr, x, y, SWATCH_W, SWATCH_H);
      break;
    }

  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  tw = _sculptor_sweep_text (cr, label, x + SWATCH_W + 5, cy, 0.0, FALSE);
  return x + SWATCH_W + 5 + tw + 18;
}

void
sculptor_sweep_draw_legend (cairo_t  *cr,
                            double    width,
                            double    height,
                            gboolean  have_range,
                            double    low,
                            double    high)
{
  const double bar_w = 160, x0 = 8;
  double x = x0, y = 6;
  char low_text[32], high_text[32];

  g_snprintf (low_text, sizeof low_text, have_range ? "%.1f %%" : "–", low);
  g_snprintf (high_text, sizeof high_text, have_range ? "%.1f %%" : "–", high);
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  x += _sculptor_sweep_text (cr, _("Final density (weights kept)"), x, y + 8, 0.0, TRUE) + 12;
  x += _sculptor_sweep_text (cr, low_text, x, y + 8, 0.0, FALSE) + 6;
  for (int i = 0; i < (int) bar_w; i++)
    {
      GdkRGBA c;

      sculptor_sweep_density_color (i / (bar_w - 1), &c);
      gdk_cairo_set_source_rgba (cr, &c);
      cairo_rectangle (cr, x + i, y, 1.5, 16);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  _sculptor_sweep_text (cr, high_text, x + bar_w + 6, y + 8, 0.0, FALSE);

  x = x0;
  y = 32;
  x = legend_swatch (cr, x, y, SWATCH_SUCCESS, _("recovers the truth"));
  x = legend_swatch (cr, x, y, SWATCH_FAILURE, _("does not"));
  x = legend_swatch (cr, x, y, SWATCH_BELOW_THRESHOLD, _("below the accuracy threshold"));
  x = legend_swatch (cr, x, y, SWATCH_CHOSEN, _("chosen network"));
  x = legend_swatch (cr, x, y, SWATCH_PENDING, _("running or not run yet"));
  x = legend_swatch (cr, x, y, SWATCH_NO_RESULT, _("no result"));
  x = legend_swatch (cr, x, y, SWATCH_FAILED, _("failed"));
  legend_swatch (cr, x, y, SWATCH_UNREADABLE, _("cannot be read"));
}

void
_sculptor_sweep_draw_chosen (cairo_t *cr,
                             double   x,
                             double   y,
                             double   width,
                             double   height)
{
  _sculptor_sweep_ink (cr, INK_CHOSEN);
  cairo_set_line_width (cr, 3.0);
  cairo_rectangle (cr, x - 1.5, y - 1.5, width + 3.0, height + 3.0);
  cairo_stroke (cr);
  /* a white rim inside: seen on the darkest cells too */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, x + 0.5, y + 0.5, width - 1.0, height - 1.0);
  cairo_stroke (cr);
}
