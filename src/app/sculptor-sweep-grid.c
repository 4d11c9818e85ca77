/* sculptor-sweep-grid.c — one architecture of a sweep: seeds × Pu × Pe
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sculptor-sweep-grid.h"

#define LABEL_W  64.0
#define HEADER_H 20.0
#define SUB_W    15.0
#define CELL_H   26.0
#define GAP      5.0

struct _SculptorSweepGrid
{
  GtkWidget                parent_instance;

  const ScSweepTable      *table;   /* the window's */
  guint                    cell;
  SculptorSweepGridLayout  layout;
  guint                    focus_seed, focus_pu, focus_pe;   /* the keyboard's sub-cell */
};

G_DEFINE_FINAL_TYPE (SculptorSweepGrid, sculptor_sweep_grid, GTK_TYPE_WIDGET)

enum { RUN_ACTIVATED, N_SIGNALS };
static guint signals[N_SIGNALS];

/* ---- geometry --------------------------------------------------------- */

void
sculptor_sweep_grid_layout_init (SculptorSweepGridLayout *layout,
                                 guint                    n_seeds,
                                 guint                    n_pu,
                                 guint                    n_pe)
{
  *layout = (SculptorSweepGridLayout) {
    .x0 = LABEL_W, .y0 = HEADER_H, .sub_w = SUB_W, .cell_h = CELL_H, .gap = GAP,
    .n_seeds = n_seeds, .n_pu = n_pu, .n_pe = MAX (n_pe, 1),
  };
}

static double
run_width (const SculptorSweepGridLayout *layout)
{
  return layout->n_pe * layout->sub_w;
}

void
sculptor_sweep_grid_layout_cell (const SculptorSweepGridLayout *layout,
                                 guint                          seed,
                                 guint                          pu,
                                 guint                          pe,
                                 double                        *x,
                                 double                        *y,
                                 double                        *width,
                                 double                        *height)
{
  *x = layout->x0 + pu * (run_width (layout) + layout->gap) + pe * layout->sub_w;
  *y = layout->y0 + seed * (layout->cell_h + layout->gap);
  *width = layout->sub_w;
  *height = layout->cell_h;
}

gboolean
sculptor_sweep_grid_layout_hit (const SculptorSweepGridLayout *layout,
                                double                         x,
                                double                         y,
                                guint                         *seed,
                                guint                         *pu,
                                guint                         *pe)
{
  double run_step = run_width (layout) + layout->gap;
  double row_step = layout->cell_h + layout->gap;
  double dx = x - layout->x0, dy = y - layout->y0;
  guint u, s;

  if (dx < 0 || dy < 0)
    return FALSE;
  u = (guint) (dx / run_step);
  s = (guint) (dy / row_step);
  if (u >= layout->n_pu || s >= layout->n_seeds ||
      dx - u * run_step >= run_width (layout) || dy - s * row_step >= layout->cell_h)
    return FALSE;
  *pu = u;
  *seed = s;
  *pe = MIN ((guint) ((dx - u * run_step) / layout->sub_w), layout->n_pe - 1);
  return TRUE;
}

void
sculptor_sweep_grid_layout_size (const SculptorSweepGridLayout *layout,
                                 int                           *width,
                                 int                           *height)
{
  *width = (int) ceil (layout->x0 + layout->n_pu * (run_width (layout) + layout->gap));
  *height = (int) ceil (layout->y0 + layout->n_seeds * (layout->cell_h + layout->gap));
}

/* ---- drawing ---------------------------------------------------------- */

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
static double
draw_text (cairo_t    *cr,
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

static void
set_rgb (cairo_t *cr,
         guint32  rgb)
{
  cairo_set_source_rgb (cr, (rgb >> 16) / 255.0, ((rgb >> 8) & 0xff) / 255.0, (rgb & 0xff) / 255.0);
}

#define INK_PENDING   0xdededeu
#define INK_NO_RESULT 0x9a9996u
#define INK_FAILED    0xe01b24u
#define INK_SUCCESS   0x2ec27eu
#define INK_FAILURE   0xc01c28u
#define INK_CHOSEN    0x1c71d8u

/* ✓: the network meets the task's ground-truth criterion */
static void
mark_success (cairo_t *cr,
              double   cx,
              double   cy)
{
  cairo_arc (cr, cx, cy, 4.5, 0, 2 * G_PI);
  set_rgb (cr, INK_SUCCESS);
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
        set_rgb (cr, INK_FAILURE);
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

static void
draw_point (cairo_t           *cr,
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
static void
draw_run_state (cairo_t    *cr,
                guint32     ink,
                const char *sign,
                double      x,
                double      y,
                double      w,
                double      h)
{
  set_rgb (cr, ink);
  cairo_rectangle (cr, x, y, w, h);
  cairo_fill (cr);
  if (sign)
    {
      cairo_set_source_rgb (cr, 1, 1, 1);
      draw_text (cr, sign, x + w / 2, y + h / 2, 0.5, TRUE);
    }
}

static void
draw_run (SculptorSweepGrid *self,
          cairo_t           *cr,
          guint              s,
          guint              u,
          double             low,
          double             high)
{
  const SculptorSweepGridLayout *l = &self->layout;
  guint index = sc_sweep_table_run_index (self->table, self->cell, s, u);
  const ScSweepEntry *entry = sc_sweep_table_get (self->table, index);
  double x, y, w, h;

  sculptor_sweep_grid_layout_cell (l, s, u, 0, &x, &y, &w, &h);
  switch (entry->state)
    {
    case SC_SWEEP_ENTRY_PENDING:
      draw_run_state (cr, INK_PENDING, NULL, x, y, run_width (l), h);
      break;
    case SC_SWEEP_ENTRY_NO_RESULT:
      draw_run_state (cr, INK_NO_RESULT, "–", x, y, run_width (l), h);
      break;
    case SC_SWEEP_ENTRY_FAILED:
      draw_run_state (cr, INK_FAILED, "!", x, y, run_width (l), h);
      break;
    case SC_SWEEP_ENTRY_UNREADABLE:
      draw_run_state (cr, INK_FAILED, "?", x, y, run_width (l), h);
      break;
    case SC_SWEEP_ENTRY_DONE:
    default:
      for (guint e = 0; e < entry->grid->points->len && e < l->n_pe; e++)
        {
          sculptor_sweep_grid_layout_cell (l, s, u, e, &x, &y, &w, &h);
          draw_point (cr, g_ptr_array_index (entry->grid->points, e),
                      entry->scores ? g_ptr_array_index (entry->scores, e) : NULL,
                      low, high, x, y, w, h);
        }
      break;
    }
}

static void
draw_grid (SculptorSweepGrid *self,
           cairo_t           *cr)
{
  const SculptorSweepGridLayout *l = &self->layout;
  const ScSweepPlan *plan = sc_sweep_table_get_sweep (self->table)->plan;
  double low = 0, high = 0, x, y, w, h;
  guint index, pe;

  sc_sweep_table_density_range (self->table, &low, &high);
  cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
  draw_text (cr, _("Pu %"), l->x0 - 8, HEADER_H / 2, 1.0, FALSE);
  for (guint u = 0; u < l->n_pu; u++)
    {
      g_autofree char *label = g_strdup_printf ("%g", g_array_index (plan->unit_steps, double, u));

      sculptor_sweep_grid_layout_cell (l, 0, u, 0, &x, &y, &w, &h);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      draw_text (cr, label, x + run_width (l) / 2, HEADER_H / 2, 0.5, FALSE);
    }
  for (guint s = 0; s < l->n_seeds; s++)
    {
      g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                               g_array_index (plan->seeds, guint64, s));
      /* Translators: a row of the sweep browser's grid */
      g_autofree char *label = g_strdup_printf (_("seed %s"), seed);

      sculptor_sweep_grid_layout_cell (l, s, 0, 0, &x, &y, &w, &h);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      draw_text (cr, label, l->x0 - 8, y + h / 2, 1.0, FALSE);
      for (guint u = 0; u < l->n_pu; u++)
        draw_run (self, cr, s, u, low, high);
    }

  /* the keyboard's sub-cell */
  if (gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    {
      static const double dash[] = { 2.0, 2.0 };

      sculptor_sweep_grid_layout_cell (l, self->focus_seed, self->focus_pu, self->focus_pe,
                                       &x, &y, &w, &h);
      cairo_save (cr);
      cairo_set_source_rgb (cr, 0.1, 0.1, 0.1);
      cairo_set_line_width (cr, 1.5);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_rectangle (cr, x - 3.5, y - 3.5, w + 7.0, h + 7.0);
      cairo_stroke (cr);
      cairo_restore (cr);
    }

  /* the seeds' chosen networks on top */
  for (guint s = 0; s < l->n_seeds; s++)
    if (sc_sweep_table_choice (self->table, self->cell, s, &index, &pe))
      {
        guint u = index % plan->unit_steps->len;

        sculptor_sweep_grid_layout_cell (l, s, u, pe, &x, &y, &w, &h);
        set_rgb (cr, INK_CHOSEN);
        cairo_set_line_width (cr, 3.0);
        cairo_rectangle (cr, x - 1.5, y - 1.5, w + 3.0, h + 3.0);
        cairo_stroke (cr);
        /* a white rim inside: seen on the darkest cells too */
        cairo_set_source_rgb (cr, 1, 1, 1);
        cairo_set_line_width (cr, 1.0);
        cairo_rectangle (cr, x + 0.5, y + 0.5, w - 1.0, h - 1.0);
        cairo_stroke (cr);
      }
}

/* ---- the legend ------------------------------------------------------- */

static double
legend_swatch (cairo_t    *cr,
               double      x,
               double      y,
               const char *what,
               const char *label)
{
  double tw;

  if (g_str_equal (what, "success") || g_str_equal (what, "failure") ||
      g_str_equal (what, "threshold"))
    {
      GdkRGBA mid;

      sculptor_sweep_density_color (0.4, &mid);
      gdk_cairo_set_source_rgba (cr, &mid);
      cairo_rectangle (cr, x, y, SUB_W, CELL_H * 0.7);
      cairo_fill (cr);
      if (g_str_equal (what, "success"))
        mark_success (cr, x + SUB_W / 2, y + CELL_H * 0.35);
      else if (g_str_equal (what, "failure"))
        mark_failure (cr, x + SUB_W / 2, y + CELL_H * 0.35);
      else
        mark_below_threshold (cr, x, y, SUB_W, CELL_H * 0.7);
    }
  else if (g_str_equal (what, "chosen"))
    {
      GdkRGBA mid;

      sculptor_sweep_density_color (0.4, &mid);
      gdk_cairo_set_source_rgba (cr, &mid);
      cairo_rectangle (cr, x, y, SUB_W, CELL_H * 0.7);
      cairo_fill (cr);
      set_rgb (cr, INK_CHOSEN);
      cairo_set_line_width (cr, 3.0);
      cairo_rectangle (cr, x - 1.5, y - 1.5, SUB_W + 3.0, CELL_H * 0.7 + 3.0);
      cairo_stroke (cr);
      cairo_set_source_rgb (cr, 1, 1, 1);
      cairo_set_line_width (cr, 1.0);
      cairo_rectangle (cr, x + 0.5, y + 0.5, SUB_W - 1.0, CELL_H * 0.7 - 1.0);
      cairo_stroke (cr);
    }
  else
    draw_run_state (cr, g_str_equal (what, "pending") ? INK_PENDING
                        : g_str_equal (what, "none") ? INK_NO_RESULT : INK_FAILED,
                    g_str_equal (what, "pending") ? NULL
                        : g_str_equal (what, "none") ? "–"
                        : g_str_equal (what, "unreadable") ? "?" : "!",
                    x, y, SUB_W, CELL_H * 0.7);

  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  tw = draw_text (cr, label, x + SUB_W + 5, y + CELL_H * 0.35, 0.0, FALSE);
  return x + SUB_W + 5 + tw + 18;
}

void
sculptor_sweep_grid_draw_legend (cairo_t  *cr,
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
  x += draw_text (cr, _("Final density (weights kept)"), x, y + 8, 0.0, TRUE) + 12;
  x += draw_text (cr, low_text, x, y + 8, 0.0, FALSE) + 6;
  for (int i = 0; i < (int) bar_w; i++)
    {
      GdkRGBA c;

      sculptor_sweep_density_color (i / (bar_w - 1), &c);
      gdk_cairo_set_source_rgba (cr, &c);
      cairo_rectangle (cr, x + i, y, 1.5, 16);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
  draw_text (cr, high_text, x + bar_w + 6, y + 8, 0.0, FALSE);

  x = x0;
  y = 32;
  x = legend_swatch (cr, x, y, "success", _("recovers the truth"));
  x = legend_swatch (cr, x, y, "failure", _("does not"));
  x = legend_swatch (cr, x, y, "threshold", _("below the accuracy threshold"));
  x = legend_swatch (cr, x, y, "chosen", _("chosen network"));
  x = legend_swatch (cr, x, y, "pending", _("running or not run yet"));
  x = legend_swatch (cr, x, y, "none", _("no result"));
  x = legend_swatch (cr, x, y, "failed", _("failed"));
  legend_swatch (cr, x, y, "unreadable", _("cannot be read"));
}

/* ---- the widget ------------------------------------------------------- */

char *
sculptor_sweep_grid_describe (SculptorSweepGrid *self,
                              guint              seed,
                              guint              pu,
                              guint              pe)
{
  const ScSweepPlan *plan = sc_sweep_table_get_sweep (self->table)->plan;
  guint index = sc_sweep_table_run_index (self->table, self->cell, seed, pu);
  const ScSweepEntry *entry = sc_sweep_table_get (self->table, index);
  g_autofree char *where = NULL;
  g_autofree char *seed_text = NULL;
  const ScGridPoint *p;
  const ScScore *score;
  guint chosen_index, chosen_pe;

  seed_text = g_strdup_printf ("%" G_GUINT64_FORMAT, g_array_index (plan->seeds, guint64, seed));
  where = g_strdup_printf (_("Run %u: seed %s, Pu %g %%"), index, seed_text,
                           g_array_index (plan->unit_steps, double, pu));
  switch (entry->state)
    {
    case SC_SWEEP_ENTRY_PENDING:
      return g_strdup_printf ("%s\n%s", where, _("Running or not run yet"));
    case SC_SWEEP_ENTRY_NO_RESULT:
      return g_strdup_printf ("%s\n%s", where, _("No result: no unit step was accepted"));
    case SC_SWEEP_ENTRY_FAILED:
      return g_strdup_printf ("%s\n%s %s", where, _("Failed:"), entry->message);
    case SC_SWEEP_ENTRY_UNREADABLE:
      return g_strdup_printf ("%s\n%s %s", where, _("Cannot be read:"), entry->message);
    case SC_SWEEP_ENTRY_DONE:
    default:
      break;
    }
  if (pe >= entry->grid->points->len)
    return NULL;
  p = g_ptr_array_index (entry->grid->points, pe);
  score = entry->scores ? g_ptr_array_index (entry->scores, pe) : NULL;
  return g_strdup_printf ("%s, Pe %g %%\n%s %.2f %%, %s %.1f %%%s\n%s%s\n%s",
                          where, p->pe,
                          _("density"), 100.0 - p->final_percent,
                          _("accuracy"), p->accuracy,
                          p->meets_threshold ? "" : _(" (below the threshold)"),
                          score == NULL ? _("not scored")
                          : score->success ? _("recovers the ground truth")
                          : _("does not recover the ground truth"),
                          sc_sweep_table_choice (self->table, self->cell, seed, &chosen_index,
                                                 &chosen_pe) &&
                          chosen_index == index && chosen_pe == pe
                          ? _("; the seed's chosen network") : "",
                          _("Click to open it in the main window"));
}

static void
sculptor_sweep_grid_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  SculptorSweepGrid *self = SCULPTOR_SWEEP_GRID (widget);
  int width, height;
  cairo_t *cr;

  sculptor_sweep_grid_layout_size (&self->layout, &width, &height);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_grid (self, cr);
  cairo_destroy (cr);
}

static void
sculptor_sweep_grid_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  SculptorSweepGrid *self = SCULPTOR_SWEEP_GRID (widget);
  int width, height;

  sculptor_sweep_grid_layout_size (&self->layout, &width, &height);
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? width : height;
}

static void
activate (SculptorSweepGrid *self,
          guint              s,
          guint              u,
          guint              e)
{
  guint index = sc_sweep_table_run_index (self->table, self->cell, s, u);

  if (sc_sweep_table_get (self->table, index)->state == SC_SWEEP_ENTRY_DONE)
    g_signal_emit (self, signals[RUN_ACTIVATED], 0, index, e);
}

static void
on_released (GtkGestureClick   *gesture,
             int                n_press,
             double             x,
             double             y,
             SculptorSweepGrid *self)
{
  guint s, u, e;

  if (!sculptor_sweep_grid_layout_hit (&self->layout, x, y, &s, &u, &e))
    return;
  self->focus_seed = s;
  self->focus_pu = u;
  self->focus_pe = e;
  gtk_widget_grab_focus (GTK_WIDGET (self));
  gtk_widget_queue_draw (GTK_WIDGET (self));
  activate (self, s, u, e);
}

/* Arrows move through the sub-cells (left and right across the runs of a
 * row), Enter or Space opens the run. */
static gboolean
on_key_pressed (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SculptorSweepGrid     *self)
{
  const SculptorSweepGridLayout *l = &self->layout;
  guint column = self->focus_pu * l->n_pe + self->focus_pe;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      column = column > 0 ? column - 1 : 0;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      column = MIN (column + 1, l->n_pu * l->n_pe - 1);
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      if (self->focus_seed == 0)
        return FALSE;   /* on to the grid above */
      self->focus_seed--;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      if (self->focus_seed + 1 >= l->n_seeds)
        return FALSE;
      self->focus_seed++;
      break;
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_space:
      activate (self, self->focus_seed, self->focus_pu, self->focus_pe);
      return TRUE;
    default:
      return FALSE;
    }
  self->focus_pu = column / l->n_pe;
  self->focus_pe = column % l->n_pe;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  gtk_widget_trigger_tooltip_query (GTK_WIDGET (self));
  return TRUE;
}

static gboolean
on_query_tooltip (GtkWidget         *widget,
                  int                x,
                  int                y,
                  gboolean           keyboard,
                  GtkTooltip        *tooltip,
                  SculptorSweepGrid *self)
{
  g_autofree char *text = NULL;
  guint s, u, e;

  if (keyboard)
    {
      s = self->focus_seed;
      u = self->focus_pu;
      e = self->focus_pe;
    }
  else if (!sculptor_sweep_grid_layout_hit (&self->layout, x, y, &s, &u, &e))
    return FALSE;
  if (!(text = sculptor_sweep_grid_describe (self, s, u, e)))
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
sculptor_sweep_grid_class_init (SculptorSweepGridClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  widget_class->snapshot = sculptor_sweep_grid_snapshot;
  widget_class->measure = sculptor_sweep_grid_measure;

  /**
   * SculptorSweepGrid::run-activated:
   * @index: the run's index in the plan
   * @pe: the Pe position clicked
   */
  signals[RUN_ACTIVATED] = g_signal_new ("run-activated", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);
}

static void
sculptor_sweep_grid_init (SculptorSweepGrid *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkEventController *keys = gtk_event_controller_key_new ();
  GtkEventController *focus;

  g_signal_connect (click, "released", G_CALLBACK (on_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "enter", G_CALLBACK (gtk_widget_queue_draw), self);
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (gtk_widget_queue_draw), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip), self);
  gtk_widget_set_halign (GTK_WIDGET (self), GTK_ALIGN_START);
}

GtkWidget *
sculptor_sweep_grid_new (const ScSweepTable *table,
                         guint               cell)
{
  SculptorSweepGrid *self = g_object_new (SCULPTOR_TYPE_SWEEP_GRID, NULL);
  const ScSweepPlan *plan = sc_sweep_table_get_sweep (table)->plan;

  self->table = table;
  self->cell = cell;
  sculptor_sweep_grid_layout_init (&self->layout, plan->seeds->len, plan->unit_steps->len,
                                   g_array_index (plan->cells, ScSweepCell, cell)
                                     .hyper.edge_steps->len);
  return GTK_WIDGET (self);
}

void
sculptor_sweep_grid_update (SculptorSweepGrid *self)
{
  g_return_if_fail (SCULPTOR_IS_SWEEP_GRID (self));

  gtk_widget_queue_draw (GTK_WIDGET (self));
}

const SculptorSweepGridLayout *
sculptor_sweep_grid_get_layout (SculptorSweepGrid *self)
{
  return &self->layout;
}
