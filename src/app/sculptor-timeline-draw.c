/* sculptor-timeline-draw.c — painting the pruning timeline
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sculptor-theme.h"
#include "sculptor-timeline-private.h"

typedef struct
{
  GdkRGBA fg;
  GdkRGBA accuracy;     /* GNOME green */
  GdkRGBA density;      /* GNOME purple */
  GdkRGBA accent;
  gboolean dark;
} Palette;

typedef struct
{
  SculptorTimeline   *self;
  cairo_t            *cr;
  ScTimelineGeometry  g;
  Palette             pal;
  int                 width;
  int                 height;
  double              marker;   /* marker radius */
} Painter;

static void
palette_init (SculptorTimeline *self,
              Palette          *pal)
{
  GtkWidget *widget = GTK_WIDGET (self);

  pal->dark = _sculptor_theme_is_dark (widget);
  _sculptor_theme_get_fg (widget, &pal->fg);
  _sculptor_theme_lookup (widget, "accent_color", pal->dark ? "#78aeed" : "#1c71d8", &pal->accent);
  gdk_rgba_parse (&pal->accuracy, pal->dark ? "#57e389" : "#26a269");
  gdk_rgba_parse (&pal->density, pal->dark ? "#dc8add" : "#9141ac");
}

/* ---- text ---------------------------------------------------------- */

static PangoLayout *
make_layout (Painter    *p,
             const char *text,
             gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (p->self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  pango_attr_list_insert (attrs, pango_attr_font_features_new ("tnum"));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static double
text_width (Painter    *p,
            const char *text,
            gboolean    bold)
{
  g_autoptr(PangoLayout) layout = make_layout (p, text, bold);
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  return logical.width;
}

/* Draws text with its box aligned at (x, y): xalign/yalign 0 left/top,
 * 0.5 centre, 1 right/bottom. */
static void
draw_text (Painter       *p,
           const char    *text,
           double         x,
           double         y,
           double         xalign,
           double         yalign,
           const GdkRGBA *color,
           double         alpha,
           gboolean       bold)
{
  g_autoptr(PangoLayout) layout = make_layout (p, text, bold);
  PangoRectangle logical;

  pango_layout_get_pixel_extents (layout, NULL, &logical);
  cairo_move_to (p->cr, round (x - xalign * logical.width), round (y - yalign * logical.height));
  _sculptor_theme_set_source (p->cr, color, alpha);
  pango_cairo_show_layout (p->cr, layout);
}

/* ---- stage bands ---------------------------------------------------- */

char *
_sculptor_timeline_span_label (SculptorTimeline     *self,
                               const ScTimelineSpan *span,
                               double                max_width)
{
  Painter p = { .self = self };
  g_autofree char *pe = g_strdup_printf ("Pe %.4g %%", span->pe);
  const char *candidates[4] = { NULL, };
  g_autofree char *edge_long = NULL;
  g_autofree char *edge_short = NULL;

  switch (span->stage)
    {
    case SC_STAGE_DENSE:
      candidates[0] = _("Dense training");
      candidates[1] = _("Dense");
      break;
    case SC_STAGE_UNITS:
      candidates[0] = _("Unit pruning");
      candidates[1] = _("Units");
      break;
    case SC_STAGE_EDGES:
      edge_long = g_strdup_printf (_("Edge pruning · %s"), pe);
      edge_short = g_strdup_printf (_("Edges · %s"), pe);
      candidates[0] = span->pe > 0.0 ? edge_long : _("Edge pruning");
      candidates[1] = span->pe > 0.0 ? edge_short : _("Edges");
      candidates[2] = span->pe > 0.0 ? pe : NULL;
      break;
    case SC_STAGE_DETECTION:
    case SC_STAGE_DONE:
    default:
      candidates[0] = _("Module detection");
      candidates[1] = _("Detection");
      candidates[2] = _("Modules");
      break;
    }

  for (guint i = 0; i < G_N_ELEMENTS (candidates) && candidates[i]; i++)
    if (text_width (&p, candidates[i], span->live) <= max_width)
      return g_strdup (candidates[i]);
  return NULL;
}

static void
span_extent (Painter              *p,
             const ScTimelineSpan *span,
             double               *x0,
             double               *x1)
{
  *x0 = sc_timeline_geometry_slot_left (&p->g, span->first);
  *x1 = sc_timeline_geometry_slot_left (&p->g, span->first + span->n_slots);
  /* The stage running now owns the room still to come. */
  if (span->live)
    *x1 = p->g.x + p->g.width;
}

static void
draw_span_label (Painter              *p,
                 const ScTimelineSpan *span,
                 double                x0,
                 double                x1)
{
  double dot = span->live ? 9.0 : 0.0;
  g_autofree char *label = _sculptor_timeline_span_label (p->self, span, x1 - x0 - 6.0 - dot);
  double x = x0 + 3.0;
  double y = TIMELINE_MARGIN_TOP / 2.0;

  if (label == NULL)
    return;

  if (span->live)
    {
      /* A "recording" dot marks the stage the run is in. */
      cairo_arc (p->cr, x + 3.5, y, 3.0, 0, 2 * G_PI);
      _sculptor_theme_set_source (p->cr, &p->pal.accent, 1.0);
      cairo_fill (p->cr);
      x += dot;
    }
  draw_text (p, label, x, y, 0.0, 0.5, &p->pal.fg, span->live ? 1.0 : 0.7, span->live);
}

static void
draw_bands (Painter *p)
{
  g_autoptr(GArray) spans = sc_timeline_get_spans (sculptor_timeline_get_model (p->self));
  cairo_t *cr = p->cr;

  for (guint s = 0; s < spans->len; s++)
    {
      const ScTimelineSpan *span = &g_array_index (spans, ScTimelineSpan, s);
      double x0, x1;

      span_extent (p, span, &x0, &x1);
      if (x1 <= x0 + 0.5)
        continue;

      if (s % 2 == 1)
        {
          cairo_rectangle (cr, x0, p->g.y, x1 - x0, p->g.height);
          _sculptor_theme_set_source (cr, &p->pal.fg, p->pal.dark ? 0.05 : 0.035);
          cairo_fill (cr);
        }
      if (s > 0)
        {
          cairo_move_to (cr, round (x0) + 0.5, 2.0);
          cairo_line_to (cr, round (x0) + 0.5, p->g.y + p->g.height);
          _sculptor_theme_set_source (cr, &p->pal.fg, 0.15);
          cairo_set_line_width (cr, 1.0);
          cairo_stroke (cr);
        }
      draw_span_label (p, span, x0, x1);
    }
}

/* ---- axes ----------------------------------------------------------- */

static void
draw_grid (Painter *p)
{
  double ticks[8];
  guint max = CLAMP ((guint) (p->g.height / 22.0) + 1, 2, G_N_ELEMENTS (ticks));
  guint n = sc_timeline_accuracy_ticks (&p->g, ticks, max);
  cairo_t *cr = p->cr;

  cairo_set_line_width (cr, 1.0);
  for (guint i = 0; i < n; i++)
    {
      double y = round (sc_timeline_geometry_accuracy_y (&p->g, ticks[i])) + 0.5;
      g_autofree char *label = g_strdup_printf ("%.0f %%", ticks[i]);

      cairo_move_to (cr, p->g.x, y);
      cairo_line_to (cr, p->g.x + p->g.width, y);
      _sculptor_theme_set_source (cr, &p->pal.fg, 0.08);
      cairo_stroke (cr);
      draw_text (p, label, p->g.x - 6.0, y, 1.0, 0.5, &p->pal.accuracy, 1.0, FALSE);
    }

  n = sc_timeline_density_ticks (&p->g, ticks, MIN (max, 5));
  for (guint i = 0; i < n; i++)
    {
      double y = sc_timeline_geometry_density_y (&p->g, ticks[i]);
      /* in percent, as everywhere else density is shown */
      g_autofree char *label = g_strdup_printf ("%g %%", 100.0 * ticks[i]);

      draw_text (p, label, p->g.x + p->g.width + 6.0, y, 0.0, 0.5, &p->pal.density, 1.0, FALSE);
    }
}

/* Step numbers (1-based) under the plot, as dense as they stay legible. */
static void
draw_step_numbers (Painter *p,
                   double   right)
{
  static const guint strides[] = { 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000 };
  guint n = sc_timeline_get_n_points (sculptor_timeline_get_model (p->self));
  double y = p->g.y + p->g.height + 3.0;
  guint stride = strides[G_N_ELEMENTS (strides) - 1];

  for (guint s = 0; s < G_N_ELEMENTS (strides); s++)
    if (strides[s] * p->g.slot_width >= 28.0)
      {
        stride = strides[s];
        break;
      }

  for (guint i = 1; i <= n; i++)
    {
      double x = sc_timeline_geometry_slot_x (&p->g, i - 1);
      g_autofree char *label = NULL;

      if (i != 1 && i % stride != 0)
        continue;
      if (x + 12.0 > right)
        break;
      label = g_strdup_printf ("%u", i);
      draw_text (p, label, x, y, 0.5, 0.0, &p->pal.fg, 0.55, FALSE);
    }
}

/* The key of the two series, bottom right on a row of its own under the
 * step numbers (which need the whole width); returns its left edge. */
static double
draw_key (Painter *p)
{
  const char *accuracy = _("Accuracy");
  const char *density = _("Density");
  double y = p->g.y + p->g.height + TIMELINE_STEP_ROW + (TIMELINE_MARGIN_BOTTOM - TIMELINE_STEP_ROW) / 2.0;
  double x = p->g.x + p->g.width;

  x -= text_width (p, density, FALSE);
  draw_text (p, density, x, y, 0.0, 0.5, &p->pal.fg, 0.7, FALSE);
  cairo_rectangle (p->cr, x - 11.0, y - 3.0, 6.0, 6.0);
  _sculptor_theme_set_source (p->cr, &p->pal.density, 1.0);
  cairo_fill (p->cr);

  x -= 24.0 + text_width (p, accuracy, FALSE);
  draw_text (p, accuracy, x, y, 0.0, 0.5, &p->pal.fg, 0.7, FALSE);
  cairo_arc (p->cr, x - 8.0, y, 3.5, 0, 2 * G_PI);
  _sculptor_theme_set_source (p->cr, &p->pal.accuracy, 1.0);
  cairo_fill (p->cr);

  return x - 16.0;
}

/* ---- series --------------------------------------------------------- */

typedef double (*ValueY) (const ScTimelineGeometry *geometry,
                          double                    value);

static double
point_value (const ScTimelinePoint *point,
             gboolean               accuracy)
{
  return accuracy ? point->accuracy : point->density;
}

/* The network each edge run starts from: the edge stage's re-training. */
static int
run_anchor (const ScTimeline *model,
            guint             index)
{
  for (int i = (int) index - 1; i >= 0; i--)
    {
      const ScTimelinePoint *point = sc_timeline_get_point (model, (guint) i);

      if (point->stage == SC_STAGE_EDGES && point->retrain_only)
        return i;
    }
  return -1;
}

/* The line through the accepted networks: what the method carries on
 * with. Each later edge run restarts from the re-trained network, joined
 * to it by a dashed line. */
static void
stroke_series (Painter       *p,
               gboolean       accuracy,
               const GdkRGBA *color)
{
  const ScTimeline *model = sculptor_timeline_get_model (p->self);
  ValueY value_y = accuracy ? sc_timeline_geometry_accuracy_y : sc_timeline_geometry_density_y;
  int last = -1, run = -1;
  cairo_t *cr = p->cr;

  cairo_set_line_width (cr, 1.5);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < sc_timeline_get_n_points (model); i++)
    {
      const ScTimelinePoint *point = sc_timeline_get_point (model, i);
      double x = sc_timeline_geometry_slot_x (&p->g, i);
      double y = value_y (&p->g, point_value (point, accuracy));
      gboolean restart = point->stage == SC_STAGE_EDGES && point->edge_run > 0 && point->edge_run != run;
      int from;

      if (!point->trained || !point->accepted)
        continue;
      from = restart ? run_anchor (model, i) : last;
      if (from >= 0)
        {
          const ScTimelinePoint *prev = sc_timeline_get_point (model, (guint) from);
          static const double dash[] = { 3.0, 3.0 };

          cairo_move_to (cr, sc_timeline_geometry_slot_x (&p->g, from),
                         value_y (&p->g, point_value (prev, accuracy)));
          cairo_line_to (cr, x, y);
          cairo_set_dash (cr, dash, restart ? 2 : 0, 0);
          _sculptor_theme_set_source (cr, color, restart ? 0.5 : 0.85);
          cairo_stroke (cr);
        }
      last = (int) i;
      run = point->edge_run;
    }
  cairo_set_dash (cr, NULL, 0, 0);
}

static void
marker_path (cairo_t  *cr,
             gboolean  round_marker,
             double    x,
             double    y,
             double    r)
{
  if (round_marker)
    cairo_arc (cr, x, y, r, 0, 2 * G_PI);
  else
    cairo_rectangle (cr, x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
}

static void
draw_markers (Painter       *p,
              gboolean       accuracy,
              const GdkRGBA *color)
{
  const ScTimeline *model = sculptor_timeline_get_model (p->self);
  ValueY value_y = accuracy ? sc_timeline_geometry_accuracy_y : sc_timeline_geometry_density_y;
  double r = accuracy ? p->marker : p->marker * 0.8;
  cairo_t *cr = p->cr;

  for (guint i = 0; i < sc_timeline_get_n_points (model); i++)
    {
      const ScTimelinePoint *point = sc_timeline_get_point (model, i);
      double x = sc_timeline_geometry_slot_x (&p->g, i);

      if (!point->trained)
        continue;

      marker_path (cr, accuracy, x, value_y (&p->g, point_value (point, accuracy)), r);
      if (point->accepted)
        {
          _sculptor_theme_set_source (cr, color, 1.0);
          cairo_fill (cr);
        }
      else
        {
          /* Hollow: the background shows through. */
          cairo_set_line_width (cr, 1.25);
          _sculptor_theme_set_source (cr, color, 0.9);
          cairo_stroke (cr);
        }
    }
}

/* Steps rejected without training (P >= 100) as small crosses on the
 * bottom of the plot: there is no accuracy to show. */
static void
draw_untrained (Painter *p)
{
  const ScTimeline *model = sculptor_timeline_get_model (p->self);
  double r = MAX (p->marker * 0.75, 1.5);
  double y = p->g.y + p->g.height - r - 2.0;
  cairo_t *cr = p->cr;

  for (guint i = 0; i < sc_timeline_get_n_points (model); i++)
    {
      double x = sc_timeline_geometry_slot_x (&p->g, i);

      if (sc_timeline_get_point (model, i)->trained)
        continue;
      cairo_move_to (cr, x - r, y - r);
      cairo_line_to (cr, x + r, y + r);
      cairo_move_to (cr, x + r, y - r);
      cairo_line_to (cr, x - r, y + r);
    }
  cairo_set_line_width (cr, 1.25);
  _sculptor_theme_set_source (cr, &p->pal.fg, 0.5);
  cairo_stroke (cr);
}

/* ---- selection, hover, empty state ---------------------------------- */

static void
draw_column (Painter       *p,
             int            index,
             const GdkRGBA *color,
             double         alpha)
{
  double x0 = sc_timeline_geometry_slot_left (&p->g, (guint) index);

  cairo_rectangle (p->cr, x0, p->g.y, p->g.slot_width, p->g.height);
  _sculptor_theme_set_source (p->cr, color, alpha);
  cairo_fill (p->cr);
}

static void
draw_cursor (Painter *p)
{
  int index = sculptor_timeline_get_selected (p->self);
  const ScTimelinePoint *point;
  double x, y;
  cairo_t *cr = p->cr;

  if (index < 0)
    return;

  point = sc_timeline_get_point (sculptor_timeline_get_model (p->self), (guint) index);
  x = round (sc_timeline_geometry_slot_x (&p->g, index)) + 0.5;
  draw_column (p, index, &p->pal.accent, 0.12);
  cairo_move_to (cr, x, p->g.y);
  cairo_line_to (cr, x, p->g.y + p->g.height);
  cairo_set_line_width (cr, 1.5);
  _sculptor_theme_set_source (cr, &p->pal.accent, 1.0);
  cairo_stroke (cr);

  /* A handle on top, and a ring around the selected accuracy marker. */
  cairo_move_to (cr, x - 4.5, p->g.y);
  cairo_line_to (cr, x + 4.5, p->g.y);
  cairo_line_to (cr, x, p->g.y + 5.0);
  cairo_close_path (cr);
  cairo_fill (cr);
  if (point != NULL && point->trained)
    {
      y = sc_timeline_geometry_accuracy_y (&p->g, point->accuracy);
      cairo_arc (cr, x, y, p->marker + 2.5, 0, 2 * G_PI);
      cairo_stroke (cr);
    }
}

static void
draw_empty (Painter *p)
{
  draw_text (p, _("Accuracy and density of every pruning step appear here"),
             p->g.x + p->g.width / 2.0, p->g.y + p->g.height / 2.0, 0.5, 0.5,
             &p->pal.fg, 0.5, FALSE);
}

static void
draw_focus (Painter *p)
{
  if (!gtk_widget_has_visible_focus (GTK_WIDGET (p->self)))
    return;

  cairo_rectangle (p->cr, 1.5, 1.5, p->width - 3.0, p->height - 3.0);
  cairo_set_line_width (p->cr, 2.0);
  _sculptor_theme_set_source (p->cr, &p->pal.accent, 0.5);
  cairo_stroke (p->cr);
}

void
_sculptor_timeline_draw (SculptorTimeline *self,
                         cairo_t          *cr,
                         int               width,
                         int               height)
{
  Painter p = { .self = self, .cr = cr, .width = width, .height = height };
  guint n = sc_timeline_get_n_points (self->model);

  palette_init (self, &p.pal);
  _sculptor_timeline_get_geometry (self, &p.g);
  p.marker = CLAMP (p.g.slot_width * 0.3, 1.75, 3.5);

  draw_bands (&p);
  draw_key (&p);
  if (self->hovered >= 0 && (guint) self->hovered < n)
    draw_column (&p, self->hovered, &p.pal.fg, 0.06);
  draw_grid (&p);
  draw_step_numbers (&p, p.g.x + p.g.width + 12.0);

  if (n == 0)
    draw_empty (&p);

  stroke_series (&p, FALSE, &p.pal.density);
  stroke_series (&p, TRUE, &p.pal.accuracy);
  draw_markers (&p, FALSE, &p.pal.density);
  draw_markers (&p, TRUE, &p.pal.accuracy);
  draw_untrained (&p);
  draw_cursor (&p);
  draw_focus (&p);
}
