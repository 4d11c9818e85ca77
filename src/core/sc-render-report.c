/* sc-render-report.c — drawing the paper's success-rate figures
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
#include "sc-render-report.h"

#define RGB(hex) { ((hex) >> 16 & 0xff) / 255.0, ((hex) >> 8 & 0xff) / 255.0, ((hex) & 0xff) / 255.0, 1.0 }

/* Font sizes (px): readable when the figure is scaled to a page column. */
#define TITLE_FS  19.0
#define SUB_FS    13.5
#define LABEL_FS  14.0
#define TICK_FS   13.0
#define SMALL_FS  11.5

/* Geometry (px). */
#define MARGIN     24.0
#define AXIS_LEFT  74.0    /* y-axis title and tick labels */
#define PANEL_GAP  34.0
#define PLOT_TOP   140.0   /* below title, subtitle, legend and panel titles */
#define PLOT_H     250.0
#define BELOW_PLOT 92.0    /* tick labels, n, axis title */
#define MIN_CAT_W  58.0
#define CELL_W     74.0
#define CELL_H     56.0
#define HEAT_LEFT  100.0   /* row labels and the y-axis title */
#define BAR_W      16.0    /* the colour bar */
#define BAR_ROOM   86.0
#define SERIES_DX  7.0     /* Sculptor left of the category centre, the paper right */

static const ScRgba sculptor_color = RGB (0x1c71d8);   /* GNOME Blue 4 */
static const ScRgba paper_color = RGB (0xc64600);      /* GNOME Orange 5 */
static const ScRgba heat_stops[] = { RGB (0xf6f5f4), RGB (0x99c1f1), RGB (0x1a5fb4) };

/* A figure's categories and the geometry that follows from them. */
typedef struct
{
  const ScReport *report;
  ScReportFigure  figure;
  GArray         *panels;     /* guint, sorted */
  GArray         *xs;         /* guint, sorted: categories (columns) */
  GArray         *rows;       /* guint, sorted: the overlap figure's rows */
  cairo_t        *text;       /* for measuring */
  ScTheme         theme;
  double          cat_w;      /* chart: width of one category */
  double          panel_w;
  double          panel_h;
  double          left;       /* x of the first panel */
  double          width;
  double          height;
} Frame;

void
sc_render_report_series_color (gboolean paper,
                               ScRgba  *color)
{
  g_return_if_fail (color != NULL);

  *color = paper ? paper_color : sculptor_color;
}

void
sc_render_report_rate_color (double  rate,
                             ScRgba *color)
{
  double t = CLAMP (isfinite (rate) ? rate : 0.0, 0.0, 1.0) * 2.0;
  guint i = MIN ((guint) t, 1u);

  g_return_if_fail (color != NULL);

  *color = _sc_rgba_mix (&heat_stops[i], &heat_stops[i + 1], t - i);
}

static void
insert_sorted (GArray *values,
               guint   value)
{
  guint i = 0;

  while (i < values->len && g_array_index (values, guint, i) < value)
    i++;
  if (i == values->len || g_array_index (values, guint, i) != value)
    g_array_insert_val (values, i, value);
}

static char *
category_label (ScReportFigure figure,
                guint          x)
{
  if (figure == SC_REPORT_EXEMPLARS)
    return g_strdup (sc_report_exemplar_label (x));
  return g_strdup_printf ("%u", x);
}

static const char *figure_title    (ScReportFigure figure);
static const char *figure_subtitle (ScReportFigure figure);
static gboolean    figure_has_paper (const Frame *f);

#define PAPER_LEGEND "the paper (method.md §7)"

static char *
legend_ours (const Frame *f)
{
  return g_strdup_printf ("Sculptor, networks chosen by %s (bar: 95 %% Wilson interval)",
                          sc_select_rule_name (f->report->rule));
}

/* Room for the title, the subtitle and the legend. */
static double
heading_width (Frame *f)
{
  g_autofree char *ours = legend_ours (f);
  double w;

  _sc_text_set_font (f->text, TITLE_FS, TRUE);
  w = _sc_text_width (f->text, figure_title (f->figure));
  _sc_text_set_font (f->text, SUB_FS, FALSE);
  w = MAX (w, _sc_text_width (f->text, figure_subtitle (f->figure)));
  if (f->figure != SC_REPORT_OVERLAP)
    w = MAX (w, f->left - MARGIN + 18.0 + _sc_text_width (f->text, ours) +
                (figure_has_paper (f) ? 46.0 + _sc_text_width (f->text, PAPER_LEGEND) : 0.0));
  return 2 * MARGIN + w;
}

static void
frame_measure_chart (Frame *f)
{
  double heading;

  f->cat_w = MIN_CAT_W;
  _sc_text_set_font (f->text, TICK_FS, FALSE);
  for (guint i = 0; i < f->xs->len; i++)
    {
      g_autofree char *label = category_label (f->figure, g_array_index (f->xs, guint, i));

      f->cat_w = MAX (f->cat_w, _sc_text_width (f->text, label) + 16.0);
    }
  f->panel_w = MAX (190.0, f->cat_w * f->xs->len);
  f->panel_h = PLOT_H;
  f->left = MARGIN + AXIS_LEFT;
  f->width = f->left + f->panels->len * f->panel_w + (f->panels->len - 1) * PANEL_GAP + MARGIN;
  f->height = PLOT_TOP + PLOT_H + BELOW_PLOT;
  heading = heading_width (f);
  if (heading > f->width)
    {
      /* wider panels rather than a blank strip right of them */
      f->panel_w += (heading - f->width) / f->panels->len;
      f->width = heading;
    }
}

static char *panel_title (const Frame *f,
                          guint        panel);

static void
frame_measure_heat (Frame *f)
{
  f->cat_w = CELL_W;
  f->panel_w = CELL_W * f->xs->len;
  _sc_text_set_font (f->text, LABEL_FS, TRUE);
  for (guint i = 0; i < f->panels->len; i++)
    {
      g_autofree char *title = panel_title (f, g_array_index (f->panels, guint, i));

      f->panel_w = MAX (f->panel_w, _sc_text_width (f->text, title) + 16.0);
    }
  /* the colour bar is at least two cells high */
  f->panel_h = CELL_H * MAX (f->rows->len, 2);
  f->left = MARGIN + HEAT_LEFT;
  f->width = f->left + f->panels->len * f->panel_w + (f->panels->len - 1) * PANEL_GAP +
             BAR_ROOM + MARGIN;
  f->height = PLOT_TOP + f->panel_h + BELOW_PLOT - 18.0;
  f->width = MAX (f->width, heading_width (f));
}

static void
frame_init (Frame          *f,
            const ScReport *report,
            ScReportFigure  figure)
{
  *f = (Frame) { .report = report, .figure = figure,
                 .panels = g_array_new (FALSE, FALSE, sizeof (guint)),
                 .xs = g_array_new (FALSE, FALSE, sizeof (guint)),
                 .rows = g_array_new (FALSE, FALSE, sizeof (guint)),
                 .text = _sc_text_context_new () };
  _sc_theme_get (FALSE, &f->theme);
  for (guint i = 0; i < report->points->len; i++)
    {
      const ScReportPoint *p = g_ptr_array_index (report->points, i);

      if (p->figure != figure)
        continue;
      insert_sorted (f->panels, p->panel);
      insert_sorted (f->xs, p->x);
      insert_sorted (f->rows, p->row);
    }
  if (f->panels->len == 0)
    {
      /* nothing to draw: one empty panel keeps the geometry sane */
      insert_sorted (f->panels, 0);
      insert_sorted (f->xs, 0);
      insert_sorted (f->rows, 0);
    }
  if (figure == SC_REPORT_OVERLAP)
    frame_measure_heat (f);
  else
    frame_measure_chart (f);
}

static void
frame_clear (Frame *f)
{
  g_array_unref (f->panels);
  g_array_unref (f->xs);
  g_array_unref (f->rows);
  cairo_destroy (f->text);
}

static double
panel_x (const Frame *f,
         guint        panel_index)
{
  return f->left + panel_index * (f->panel_w + PANEL_GAP);
}

static const ScReportPoint *
point_at (const Frame *f,
          guint        panel,
          guint        x,
          guint        row)
{
  for (guint i = 0; i < f->report->points->len; i++)
    {
      const ScReportPoint *p = g_ptr_array_index (f->report->points, i);

      if (p->figure == f->figure && p->panel == panel && p->x == x && p->row == row)
        return p;
    }
  return NULL;
}

/* ---- titles and legend --------------------------------------------- */

static const char *
figure_title (ScReportFigure figure)
{
  switch (figure)
    {
    case SC_REPORT_EXEMPLARS: return "The four exemplars: ground-truth structure recovered";
    case SC_REPORT_REUSE:     return "Reused sub-function: recovered by number of uses";
    case SC_REPORT_LEVELS:    return "Hierarchical levels: modules and hierarchy recovered";
    case SC_REPORT_OVERLAP:   return "Input overlap: the paper's three criteria";
    case SC_REPORT_WIDTH:     return "Reused exemplar: recovered by hidden-layer width";
    case SC_REPORT_N_FIGURES:
    default:                  g_return_val_if_reached ("");
    }
}

static const char *
figure_subtitle (ScReportFigure figure)
{
  switch (figure)
    {
    case SC_REPORT_EXEMPLARS:
      return "Per exemplar and hidden-layer count; widths and seeds pooled";
    case SC_REPORT_REUSE:
      return "[4,1,2,K]: uses = K / 2; the reused exemplar is K = 16; widths and seeds pooled";
    case SC_REPORT_LEVELS:
      return "[8,2,1,2,K], depth-aware: the structure as deep as the network can express it";
    case SC_REPORT_OVERLAP:
      return "Cell: Sculptor's rate (colour) over depths, widths and seeds; the paper's "
             "below it (it pools 1–3 hidden layers)";
    case SC_REPORT_WIDTH:
      return "[4,1,2,16], seeds pooled; the paper's text gives no rate per width";
    case SC_REPORT_N_FIGURES:
    default:
      g_return_val_if_reached ("");
    }
}

static void
draw_marker (cairo_t      *cr,
             gboolean      paper,
             double        x,
             double        y,
             const ScRgba *background)
{
  ScRgba color;

  sc_render_report_series_color (paper, &color);
  cairo_new_path (cr);
  if (paper)
    {
      cairo_move_to (cr, x, y - 6.0);
      cairo_line_to (cr, x + 6.0, y);
      cairo_line_to (cr, x, y + 6.0);
      cairo_line_to (cr, x - 6.0, y);
      cairo_close_path (cr);
      _sc_set_source (cr, background, 1.0);
      cairo_fill_preserve (cr);
      _sc_set_source (cr, &color, 1.0);
      cairo_set_line_width (cr, 2.0);
      cairo_stroke (cr);
    }
  else
    {
      cairo_arc (cr, x, y, 4.5, 0, 2 * G_PI);
      _sc_set_source (cr, &color, 1.0);
      cairo_fill (cr);
    }
}

static gboolean
figure_has_paper (const Frame *f)
{
  for (guint i = 0; i < f->report->points->len; i++)
    {
      const ScReportPoint *p = g_ptr_array_index (f->report->points, i);

      if (p->figure == f->figure && isfinite (p->paper))
        return TRUE;
    }
  return FALSE;
}

static void
draw_legend (cairo_t     *cr,
             const Frame *f,
             double       y)
{
  g_autofree char *ours = legend_ours (f);
  double x = f->left;

  _sc_text_set_font (cr, SUB_FS, FALSE);
  draw_marker (cr, FALSE, x + 6.0, y - 4.5, &f->theme.background);
  _sc_set_source (cr, &f->theme.foreground, 1.0);
  _sc_text_draw (cr, ours, x + 18.0, y, 0.0);
  if (!figure_has_paper (f))
    return;
  x += 18.0 + _sc_text_width (cr, ours) + 28.0;
  draw_marker (cr, TRUE, x + 6.0, y - 4.5, &f->theme.background);
  _sc_set_source (cr, &f->theme.foreground, 1.0);
  _sc_text_draw (cr, PAPER_LEGEND, x + 18.0, y, 0.0);
}

static void
draw_heading (cairo_t     *cr,
              const Frame *f)
{
  _sc_set_source (cr, &f->theme.background, 1.0);
  cairo_paint (cr);

  _sc_set_source (cr, &f->theme.foreground, 1.0);
  _sc_text_set_font (cr, TITLE_FS, TRUE);
  _sc_text_draw (cr, figure_title (f->figure), MARGIN, MARGIN + TITLE_FS, 0.0);
  _sc_set_source (cr, &f->theme.muted, 1.0);
  _sc_text_set_font (cr, SUB_FS, FALSE);
  _sc_text_draw (cr, figure_subtitle (f->figure), MARGIN, MARGIN + TITLE_FS + 22.0, 0.0);
  if (f->figure != SC_REPORT_OVERLAP)
    draw_legend (cr, f, MARGIN + TITLE_FS + 52.0);
}

static char *
panel_title (const Frame *f,
             guint        panel)
{
  static const char * const overlap_titles[SC_REPORT_N_OVERLAP_CRITERIA] = {
    "input separability", "output sub-functions", "hidden-unit separability",
  };

  if (f->figure == SC_REPORT_OVERLAP)
    return g_strdup (panel < SC_REPORT_N_OVERLAP_CRITERIA ? overlap_titles[panel] : "");
  return g_strdup_printf (panel == 1 ? "%u hidden layer" : "%u hidden layers", panel);
}

static void
draw_panel_title (cairo_t     *cr,
                  const Frame *f,
                  guint        panel_index)
{
  g_autofree char *title = panel_title (f, g_array_index (f->panels, guint, panel_index));

  _sc_set_source (cr, &f->theme.foreground, 1.0);
  _sc_text_set_font (cr, LABEL_FS, TRUE);
  _sc_text_draw (cr, title, panel_x (f, panel_index) + f->panel_w / 2, PLOT_TOP - 12.0, 0.5);
}

static void
draw_vertical_text (cairo_t    *cr,
                    const char *text,
                    double      x,
                    double      y)
{
  cairo_save (cr);
  cairo_translate (cr, x, y);
  cairo_rotate (cr, -G_PI / 2);
  _sc_text_draw (cr, text, 0.0, 0.0, 0.5);
  cairo_restore (cr);
}

/* ---- charts: rate by category, one panel per hidden-layer count ----- */

static double
rate_y (double rate)
{
  return PLOT_TOP + (1.0 - rate) * PLOT_H;
}

static double
category_x (const Frame *f,
            guint        panel_index,
            guint        x_index)
{
  return panel_x (f, panel_index) + (x_index + 0.5) * f->panel_w / f->xs->len;
}

static void
draw_y_axis (cairo_t     *cr,
             const Frame *f,
             guint        panel_index)
{
  double x0 = panel_x (f, panel_index);

  cairo_set_line_width (cr, 1.0);
  for (guint t = 0; t <= 4; t++)
    {
      double y = round (rate_y (t / 4.0)) + 0.5;
      char label[8];

      _sc_set_source (cr, &f->theme.frame, t == 0 ? 1.0 : 0.45);
      cairo_move_to (cr, x0, y);
      cairo_line_to (cr, x0 + f->panel_w, y);
      cairo_stroke (cr);
      if (panel_index > 0)
        continue;
      g_snprintf (label, sizeof label, "%g", t / 4.0);
      _sc_set_source (cr, &f->theme.foreground, 1.0);
      _sc_text_set_font (cr, TICK_FS, FALSE);
      _sc_text_draw (cr, label, x0 - 8.0, y + TICK_FS * 0.35, 1.0);
    }
  _sc_set_source (cr, &f->theme.frame, 1.0);
  cairo_move_to (cr, round (x0) + 0.5, PLOT_TOP);
  cairo_line_to (cr, round (x0) + 0.5, PLOT_TOP + PLOT_H);
  cairo_stroke (cr);
}

static void
draw_x_axis (cairo_t     *cr,
             const Frame *f,
             guint        panel_index)
{
  guint panel = g_array_index (f->panels, guint, panel_index);
  double base = PLOT_TOP + PLOT_H;

  for (guint i = 0; i < f->xs->len; i++)
    {
      guint x = g_array_index (f->xs, guint, i);
      const ScReportPoint *p = point_at (f, panel, x, 0);
      g_autofree char *label = category_label (f->figure, x);
      g_autofree char *n = p ? g_strdup_printf ("n %u", p->networks) : NULL;
      double cx = category_x (f, panel_index, i);

      _sc_set_source (cr, &f->theme.frame, 1.0);
      cairo_set_line_width (cr, 1.0);
      cairo_move_to (cr, round (cx) + 0.5, base);
      cairo_line_to (cr, round (cx) + 0.5, base + 5.0);
      cairo_stroke (cr);
      _sc_set_source (cr, &f->theme.foreground, 1.0);
      _sc_text_set_font (cr, TICK_FS, FALSE);
      _sc_text_draw (cr, label, cx, base + 22.0, 0.5);
      _sc_set_source (cr, &f->theme.muted, 1.0);
      _sc_text_set_font (cr, SMALL_FS, FALSE);
      _sc_text_draw (cr, n, cx, base + 39.0, 0.5);
    }
}

static const char *
x_title (ScReportFigure figure)
{
  switch (figure)
    {
    case SC_REPORT_EXEMPLARS: return "exemplar (n: networks)";
    case SC_REPORT_REUSE:
    case SC_REPORT_LEVELS:    return "uses of each reused bit (n: networks)";
    case SC_REPORT_WIDTH:     return "hidden-layer width (n: networks)";
    case SC_REPORT_OVERLAP:   return "uses of each sub-function";
    case SC_REPORT_N_FIGURES:
    default:                  g_return_val_if_reached ("");
    }
}

static void
draw_axis_titles (cairo_t     *cr,
                  const Frame *f,
                  const char  *y_title)
{
  double right = panel_x (f, f->panels->len - 1) + f->panel_w;

  _sc_set_source (cr, &f->theme.foreground, 1.0);
  _sc_text_set_font (cr, LABEL_FS, FALSE);
  _sc_text_draw (cr, x_title (f->figure), (f->left + right) / 2, f->height - MARGIN + 4.0, 0.5);
  draw_vertical_text (cr, y_title, MARGIN + LABEL_FS, PLOT_TOP + f->panel_h / 2);
}

/* One series of a panel: lines (ordered categories), bars, markers. */
static void
draw_series (cairo_t     *cr,
             const Frame *f,
             guint        panel_index,
             gboolean     paper)
{
  guint panel = g_array_index (f->panels, guint, panel_index);
  gboolean lines = f->figure != SC_REPORT_EXEMPLARS;
  double dx = paper ? SERIES_DX : -SERIES_DX;
  ScRgba color;
  int last = -1;

  sc_render_report_series_color (paper, &color);
  for (guint i = 0; lines && i < f->xs->len; i++)
    {
      const ScReportPoint *p = point_at (f, panel, g_array_index (f->xs, guint, i), 0);
      double rate = !p ? NAN : paper ? p->paper
                             : p->networks ? (double) p->recovered / p->networks : NAN;

      if (!isfinite (rate))
        continue;
      if (last < 0)
        cairo_move_to (cr, category_x (f, panel_index, i) + dx, rate_y (rate));
      else
        cairo_line_to (cr, category_x (f, panel_index, i) + dx, rate_y (rate));
      last = (int) i;
    }
  if (last >= 0)
    {
      static const double dash[] = { 6.0, 4.0 };

      _sc_set_source (cr, &color, 0.85);
      cairo_set_line_width (cr, paper ? 1.5 : 2.0);
      cairo_set_dash (cr, dash, paper ? 2 : 0, 0.0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0.0);
    }

  for (guint i = 0; i < f->xs->len; i++)
    {
      const ScReportPoint *p = point_at (f, panel, g_array_index (f->xs, guint, i), 0);
      double x = category_x (f, panel_index, i) + dx, low, high;

      if (p == NULL || (paper ? !isfinite (p->paper) : p->networks == 0))
        continue;
      if (paper)
        {
          draw_marker (cr, TRUE, x, rate_y (p->paper), &f->theme.background);
          continue;
        }
      sc_report_interval (p->recovered, p->networks, &low, &high);
      _sc_set_source (cr, &color, 1.0);
      cairo_set_line_width (cr, 1.5);
      cairo_move_to (cr, x, rate_y (low));
      cairo_line_to (cr, x, rate_y (high));
      cairo_move_to (cr, x - 4.0, rate_y (low));
      cairo_line_to (cr, x + 4.0, rate_y (low));
      cairo_move_to (cr, x - 4.0, rate_y (high));
      cairo_line_to (cr, x + 4.0, rate_y (high));
      cairo_stroke (cr);
      draw_marker (cr, FALSE, x, rate_y ((double) p->recovered / p->networks),
                   &f->theme.background);
    }
}

static void
draw_chart (cairo_t     *cr,
            const Frame *f)
{
  for (guint i = 0; i < f->panels->len; i++)
    {
      draw_panel_title (cr, f, i);
      draw_y_axis (cr, f, i);
      draw_x_axis (cr, f, i);
      draw_series (cr, f, i, TRUE);
      draw_series (cr, f, i, FALSE);
    }
  draw_axis_titles (cr, f, f->figure == SC_REPORT_LEVELS ? "success rate (depth-aware)"
                                                          : "success rate");
}

/* ---- the overlap figure: a grid per criterion ----------------------- */

static void
draw_cell (cairo_t             *cr,
           const Frame         *f,
           const ScReportPoint *p,
           double               x,
           double               y)
{
  double rate = p && p->networks ? (double) p->recovered / p->networks : NAN;
  ScRgba fill, ink;
  char text[32];

  if (isfinite (rate))
    sc_render_report_rate_color (rate, &fill);
  else
    fill = f->theme.image_off;
  _sc_set_source (cr, &fill, 1.0);
  cairo_rectangle (cr, x + 1.0, y + 1.0, CELL_W - 2.0, CELL_H - 2.0);
  cairo_fill (cr);

  ink = isfinite (rate) && rate > 0.6 ? f->theme.background : f->theme.foreground;
  _sc_set_source (cr, &ink, 1.0);
  _sc_text_set_font (cr, 15.0, TRUE);
  if (isfinite (rate))
    g_snprintf (text, sizeof text, "%.2f", rate);
  else
    g_strlcpy (text, "–", sizeof text);
  _sc_text_draw (cr, text, x + CELL_W / 2, y + 21.0, 0.5);
  _sc_text_set_font (cr, SMALL_FS, FALSE);
  if (p && isfinite (p->paper))
    {
      g_snprintf (text, sizeof text, "paper %.2f", p->paper);
      _sc_text_draw (cr, text, x + CELL_W / 2, y + 36.0, 0.5);
    }
  if (p)
    {
      g_snprintf (text, sizeof text, "n %u", p->networks);
      _sc_set_source (cr, &ink, 0.75);
      _sc_text_draw (cr, text, x + CELL_W / 2, y + 50.0, 0.5);
    }
}

/* Left edge of the cells of a panel: centred in it. */
static double
cells_x (const Frame *f,
         guint        panel_index)
{
  return panel_x (f, panel_index) + (f->panel_w - CELL_W * f->xs->len) / 2;
}

static void
draw_heat_labels (cairo_t     *cr,
                  const Frame *f,
                  guint        panel_index)
{
  double x0 = cells_x (f, panel_index), bottom = PLOT_TOP + CELL_H * f->rows->len;

  _sc_set_source (cr, &f->theme.foreground, 1.0);
  _sc_text_set_font (cr, TICK_FS, FALSE);
  for (guint c = 0; c < f->xs->len; c++)
    {
      char label[16];

      g_snprintf (label, sizeof label, "%u", g_array_index (f->xs, guint, c));
      _sc_text_draw (cr, label, x0 + (c + 0.5) * CELL_W, bottom + 20.0, 0.5);
    }
  for (guint r = 0; panel_index == 0 && r < f->rows->len; r++)
    {
      char label[16];

      g_snprintf (label, sizeof label, "%u", g_array_index (f->rows, guint, r));
      _sc_text_draw (cr, label, x0 - 10.0, PLOT_TOP + (r + 0.5) * CELL_H + TICK_FS * 0.35, 1.0);
    }
}

static void
draw_color_bar (cairo_t     *cr,
                const Frame *f)
{
  double x = panel_x (f, f->panels->len - 1) + f->panel_w + 26.0;
  double h = f->panel_h;

  for (guint i = 0; i < 50; i++)
    {
      ScRgba color;

      sc_render_report_rate_color (i / 49.0, &color);
      _sc_set_source (cr, &color, 1.0);
      cairo_rectangle (cr, x, PLOT_TOP + h * (1.0 - (i + 1) / 50.0), BAR_W, h / 50.0 + 0.5);
      cairo_fill (cr);
    }
  _sc_set_source (cr, &f->theme.frame, 1.0);
  cairo_set_line_width (cr, 1.0);
  cairo_rectangle (cr, x + 0.5, PLOT_TOP + 0.5, BAR_W - 1.0, h - 1.0);
  cairo_stroke (cr);
  _sc_set_source (cr, &f->theme.foreground, 1.0);
  _sc_text_set_font (cr, TICK_FS, FALSE);
  for (guint t = 0; t <= 2; t++)
    {
      char label[8];

      g_snprintf (label, sizeof label, "%g", t / 2.0);
      _sc_text_draw (cr, label, x + BAR_W + 6.0, PLOT_TOP + h * (1.0 - t / 2.0) + 4.5, 0.0);
    }
  _sc_text_set_font (cr, SMALL_FS, FALSE);
  _sc_text_draw (cr, "rate", x, PLOT_TOP - 10.0, 0.0);
}

static void
draw_heat (cairo_t     *cr,
           const Frame *f)
{
  for (guint i = 0; i < f->panels->len; i++)
    {
      guint panel = g_array_index (f->panels, guint, i);

      draw_panel_title (cr, f, i);
      for (guint r = 0; r < f->rows->len; r++)
        for (guint c = 0; c < f->xs->len; c++)
          draw_cell (cr, f, point_at (f, panel, g_array_index (f->xs, guint, c),
                                      g_array_index (f->rows, guint, r)),
                     cells_x (f, i) + c * CELL_W, PLOT_TOP + r * CELL_H);
      draw_heat_labels (cr, f, i);
    }
  draw_color_bar (cr, f);
  draw_axis_titles (cr, f, "inputs shared");
}

/* ---- entry points --------------------------------------------------- */

void
sc_render_report_size (const ScReport *report,
                       ScReportFigure  figure,
                       double         *width,
                       double         *height)
{
  Frame f;

  g_return_if_fail (report != NULL && figure < SC_REPORT_N_FIGURES);
  g_return_if_fail (width != NULL && height != NULL);

  frame_init (&f, report, figure);
  *width = ceil (f.width);
  *height = ceil (f.height);
  frame_clear (&f);
}

void
sc_render_report (cairo_t        *cr,
                  const ScReport *report,
                  ScReportFigure  figure,
                  double          width,
                  double          height)
{
  Frame f;

  g_return_if_fail (cr != NULL && report != NULL && figure < SC_REPORT_N_FIGURES);

  frame_init (&f, report, figure);
  cairo_save (cr);
  /* drawn at its own size, scaled to fit the area */
  cairo_scale (cr, MIN (width / f.width, height / f.height),
               MIN (width / f.width, height / f.height));
  draw_heading (cr, &f);
  if (figure == SC_REPORT_OVERLAP)
    draw_heat (cr, &f);
  else
    draw_chart (cr, &f);
  cairo_restore (cr);
  frame_clear (&f);
}

typedef struct
{
  const ScReport *report;
  ScReportFigure  figure;
} ExportData;

static void
draw_export (cairo_t *cr,
             double   width,
             double   height,
             gpointer user_data)
{
  const ExportData *data = user_data;

  sc_render_report (cr, data->report, data->figure, width, height);
}

gboolean
sc_render_export_report (ScExportFormat  format,
                         const char     *path,
                         const ScReport *report,
                         ScReportFigure  figure,
                         GError        **error)
{
  ExportData data = { report, figure };
  double width, height;

  g_return_val_if_fail (path != NULL && report != NULL, FALSE);
  g_return_val_if_fail (figure < SC_REPORT_N_FIGURES, FALSE);

  sc_render_report_size (report, figure, &width, &height);
  return sc_render_export (format, path, width, height, draw_export, &data, error);
}
