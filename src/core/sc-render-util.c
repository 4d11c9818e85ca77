/* sc-render-util.c — palette, text and geometry helpers of the renderer
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-render-private.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

/* GNOME palette colours cycled by module id, like sysprof-color-iter.c.
 * Blue and orange come last: they are the colours of positive and negative
 * edges, and a module drawn in them would hide its edges' signs. Grey is
 * left out: it marks units not yet grouped into modules. */
static const ScRgba module_palette[SC_RENDER_N_MODULE_COLORS] = {
  RGB (0x2ec27e), RGB (0x9141ac), RGB (0xe5a50a), RGB (0x986a44),
  RGB (0xdc8add), RGB (0xe01b24), RGB (0x26a269), RGB (0x613583),
  RGB (0xf6d32d), RGB (0xcdab8f), RGB (0x3584e4), RGB (0xff7800),
};

static const ScRgba white = RGB (0xffffff);

void
sc_render_module_color (guint    id,
                        gboolean dark,
                        ScRgba  *color)
{
  g_return_if_fail (color != NULL);

  *color = module_palette[id % G_N_ELEMENTS (module_palette)];

  /* The darkest palette entries vanish on a dark background. */
  if (dark)
    *color = _sc_rgba_mix (color, &white, 0.25);
}

void
sc_render_edge_color (gboolean positive,
                      gboolean dark,
                      ScRgba  *color)
{
  /* Blue 4 / Orange 4 on light, Blue 2 / Orange 2 on dark. */
  static const ScRgba light_pos = RGB (0x1c71d8), light_neg = RGB (0xe66100);
  static const ScRgba dark_pos = RGB (0x62a0ea), dark_neg = RGB (0xffa348);

  g_return_if_fail (color != NULL);

  if (dark)
    *color = positive ? dark_pos : dark_neg;
  else
    *color = positive ? light_pos : light_neg;
}

char *
sc_render_module_label (guint id)
{
  return g_strdup_printf ("M%u", id);
}

void
_sc_theme_get (gboolean dark,
               ScTheme *theme)
{
  static const ScTheme light_theme = {
    .background = RGB (0xffffff),
    .foreground = RGB (0x241f31),
    .muted = RGB (0x77767b),
    .undetected = RGB (0x9a9996),
    .image_on = RGB (0x3d3846),
    .image_off = RGB (0xeeedec),
    .frame = RGB (0xc0bfbc),
    .box_fill_alpha = 0.14,
  };
  static const ScTheme dark_theme = {
    .background = RGB (0x242424),
    .foreground = RGB (0xffffff),
    .muted = RGB (0x9a9996),
    .undetected = RGB (0xc0bfbc),
    .image_on = RGB (0xffffff),
    .image_off = RGB (0x303030),
    .frame = RGB (0x5e5c64),
    .box_fill_alpha = 0.22,
  };

  g_assert (theme != NULL);

  *theme = dark ? dark_theme : light_theme;
}

void
_sc_set_source (cairo_t      *cr,
                const ScRgba *color,
                double        alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue,
                         color->alpha * CLAMP (alpha, 0.0, 1.0));
}

ScRgba
_sc_rgba_mix (const ScRgba *a,
              const ScRgba *b,
              double        t)
{
  ScRgba c;

  c.red = a->red + (b->red - a->red) * t;
  c.green = a->green + (b->green - a->green) * t;
  c.blue = a->blue + (b->blue - a->blue) * t;
  c.alpha = a->alpha + (b->alpha - a->alpha) * t;

  return c;
}

cairo_t *
_sc_text_context_new (void)
{
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_A8, 1, 1);
  cairo_t *cr = cairo_create (surface);

  cairo_surface_destroy (surface);
  return cr;
}

void
_sc_text_set_font (cairo_t *cr,
                   double   size,
                   gboolean bold)
{
  cairo_font_options_t *options = cairo_font_options_create ();

  /* Unhinted metrics: the layout measured on an image surface must match
   * what SVG and PDF surfaces draw. */
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_set_font_options (cr, options);
  cairo_font_options_destroy (options);

  cairo_select_font_face (cr, "Cantarell", CAIRO_FONT_SLANT_NORMAL,
                          bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size (cr, size);
}

double
_sc_text_width (cairo_t    *cr,
                const char *text)
{
  cairo_text_extents_t extents;

  if (text == NULL || *text == '\0')
    return 0.0;

  cairo_text_extents (cr, text, &extents);
  return extents.x_advance;
}

void
_sc_text_draw (cairo_t    *cr,
               const char *text,
               double      x,
               double      y,
               double      align)
{
  if (text == NULL || *text == '\0')
    return;

  cairo_move_to (cr, x - align * _sc_text_width (cr, text), y);
  cairo_show_text (cr, text);
  cairo_new_path (cr);
}

char *
_sc_text_ellipsize (cairo_t    *cr,
                    const char *text,
                    double      max_width)
{
  glong n_chars = g_utf8_strlen (text, -1);
  glong lo = 0, hi = n_chars;

  if (_sc_text_width (cr, text) <= max_width)
    return g_strdup (text);

  /* Longest prefix that fits with the ellipsis: binary search. */
  while (lo < hi)
    {
      glong mid = (lo + hi + 1) / 2;
      g_autofree char *prefix = g_utf8_substring (text, 0, mid);
      g_autofree char *candidate = g_strconcat (prefix, "…", NULL);

      if (_sc_text_width (cr, candidate) <= max_width)
        lo = mid;
      else
        hi = mid - 1;
    }

  {
    g_autofree char *prefix = g_utf8_substring (text, 0, lo);

    return g_strconcat (prefix, "…", NULL);
  }
}

void
_sc_rounded_rect (cairo_t      *cr,
                  const ScRect *rect,
                  double        radius)
{
  double x = rect->x, y = rect->y, w = rect->width, h = rect->height;

  radius = MIN (radius, MIN (w, h) / 2.0);
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + w - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + w - radius, y + h - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + h - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

gboolean
_sc_rect_contains (const ScRect *rect,
                   double        x,
                   double        y)
{
  return x >= rect->x && x <= rect->x + rect->width &&
         y >= rect->y && y <= rect->y + rect->height;
}

const char *
_sc_unit_name (const char * const *names,
               const char         *prefix,
               guint               index,
               char               *buffer,
               gsize               buffer_size)
{
  if (names != NULL && names[index] != NULL)
    return names[index];

  g_snprintf (buffer, buffer_size, "%s%u", prefix, index);
  return buffer;
}

char *
_sc_format_unit_set (const guint        *units,
                     guint               n,
                     const char * const *names,
                     const char         *prefix,
                     gboolean            pixels,
                     guint               max_names)
{
  GString *str;
  guint shown;

  if (pixels)
    return g_strdup_printf ("%u px", n);

  str = g_string_new (NULL);
  shown = n <= max_names ? n : MAX (max_names, 2) - 1;
  for (guint i = 0; i < shown; i++)
    {
      char buffer[32];

      if (i > 0)
        g_string_append_c (str, ' ');
      g_string_append (str, _sc_unit_name (names, prefix, units[i], buffer, sizeof buffer));
    }
  if (shown < n)
    g_string_append_printf (str, " … +%u", n - shown);

  return g_string_free (str, FALSE);
}

static gboolean
rows_overlap (const guint *first,
              const guint *last,
              guint        a,
              guint        b)
{
  return first[a] <= last[b] && first[b] <= last[a];
}

/* Places every item as close to its desired left edge as the items before
 * it (left_to_right) or after it allow. */
static void
pack_greedy (guint         n,
             const double *width,
             const guint  *first,
             const guint  *last,
             double        gap,
             const double *desired,
             gboolean      left_to_right,
             double       *x)
{
  for (guint step = 0; step < n; step++)
    {
      guint i = left_to_right ? step : n - 1 - step;

      x[i] = desired[i];
      for (guint s = 0; s < step; s++)
        {
          guint j = left_to_right ? s : n - 1 - s;

          if (!rows_overlap (first, last, i, j))
            continue;
          if (left_to_right)
            x[i] = MAX (x[i], x[j] + width[j] + gap);
          else
            x[i] = MIN (x[i], x[j] - width[i] - gap);
        }
    }
}

static void
pack_desired (guint         n,
              const double *width,
              const double *weights,
              const double *x,
              double       *desired)
{
  for (guint i = 0; i < n; i++)
    {
      double sum = 0.0, total = 0.0;

      for (guint j = 0; j < n; j++)
        {
          double w = weights[(gsize) i * n + j] + weights[(gsize) j * n + i];

          if (i == j || w <= 0.0)
            continue;
          sum += w * (x[j] + width[j] / 2.0);
          total += w;
        }
      desired[i] = (total > 0.0 ? sum / total : x[i] + width[i] / 2.0) - width[i] / 2.0;
    }
}

void
_sc_pack_1d (guint         n,
             const double *width,
             const guint  *first,
             const guint  *last,
             const double *weights,
             double        gap,
             double       *x_out)
{
  g_autofree double *desired = g_new0 (double, MAX (n, 1));
  g_autofree double *left = g_new0 (double, MAX (n, 1));
  g_autofree double *right = g_new0 (double, MAX (n, 1));

  g_assert (n == 0 || (width != NULL && first != NULL && last != NULL && x_out != NULL));

  for (guint i = 0; i < n; i++)
    desired[i] = -width[i] / 2.0;

  /* The average of the left-greedy and right-greedy placements is feasible
   * (the constraints are linear) and balanced; a few rounds pull modules
   * over the modules they are connected to. */
  for (guint round = 0; round < 6; round++)
    {
      if (round > 0 && weights != NULL)
        pack_desired (n, width, weights, x_out, desired);

      pack_greedy (n, width, first, last, gap, desired, TRUE, left);
      pack_greedy (n, width, first, last, gap, desired, FALSE, right);
      for (guint i = 0; i < n; i++)
        x_out[i] = (left[i] + right[i]) / 2.0;
    }
}

/* ---- edges ------------------------------------------------------------ */

double
_sc_edge_width (const ScLayout *layout,
                guint           level)
{
  double sk = layout->font_size / 11.5;
  double max = MIN (4.0 * sk, MAX (1.0, layout->spacing * 0.15));
  double min = MIN (0.5 * sk, max);

  return min + (max - min) * level / (SC_EDGE_WIDTHS - 1);
}

guint
_sc_edge_width_level (double value,
                      double max)
{
  if (max <= 0.0)
    return SC_EDGE_WIDTHS / 3;
  return (guint) lround (CLAMP (value / max, 0.0, 1.0) * (SC_EDGE_WIDTHS - 1));
}

double
_sc_edge_base_alpha (guint n_edges)
{
  return n_edges <= 150 ? 0.85 : n_edges <= 1500 ? 0.6 : 0.4;
}

double
_sc_edge_dim (const ScScene  *scene,
              const ScLayout *layout,
              guint           a,
              guint           b)
{
  double dim = 1.0;

  if (scene->selected_module >= 0 &&
      layout->units[a].module != scene->selected_module &&
      layout->units[b].module != scene->selected_module)
    dim *= SC_EDGE_DIMMED;
  if (scene->selected_unit >= 0 &&
      (int) a != scene->selected_unit && (int) b != scene->selected_unit)
    dim *= SC_EDGE_DIMMED;

  return dim;
}
