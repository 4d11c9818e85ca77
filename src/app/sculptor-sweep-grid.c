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
#include "sculptor-sweep-marks.h"

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
      _sculptor_sweep_draw_run_state (cr, INK_PENDING, NULL, x, y, run_width (l), h);
      break;
    case SC_SWEEP_ENTRY_NO_RESULT:
      _sculptor_sweep_draw_run_state (cr, INK_NO_RESULT, "–", x, y, run_width (l), h);
      break;
    case SC_SWEEP_ENTRY_FAILED:
      _sculptor_sweep_draw_run_state (cr, INK_FAILED, "!", x, y, run_width (l), h);
      break;
    case SC_SWEEP_ENTRY_UNREADABLE:
      _sculptor_sweep_draw_run_state (cr, INK_FAILED, "?", x, y, run_width (l), h);
      break;
    case SC_SWEEP_ENTRY_DONE:
    default:
      for (guint e = 0; e < entry->grid->points->len && e < l->n_pe; e++)
        {
          sculptor_sweep_grid_layout_cell (l, s, u, e, &x, &y, &w, &h);
          _sculptor_sweep_draw_point (cr, g_ptr_array_index (entry->grid->points, e),
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
  _sculptor_sweep_text (cr, _("Pu %"), l->x0 - 8, HEADER_H / 2, 1.0, FALSE);
  for (guint u = 0; u < l->n_pu; u++)
    {
      g_autofree char *label = g_strdup_printf ("%g", g_array_index (plan->unit_steps, double, u));

      sculptor_sweep_grid_layout_cell (l, 0, u, 0, &x, &y, &w, &h);
      cairo_set_source_rgb (cr, 0.35, 0.35, 0.35);
      _sculptor_sweep_text (cr, label, x + run_width (l) / 2, HEADER_H / 2, 0.5, FALSE);
    }
  for (guint s = 0; s < l->n_seeds; s++)
    {
      g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT,
                                               g_array_index (plan->seeds, guint64, s));
      /* Translators: a row of the sweep browser's grid */
      g_autofree char *label = g_strdup_printf (_("seed %s"), seed);

      sculptor_sweep_grid_layout_cell (l, s, 0, 0, &x, &y, &w, &h);
      cairo_set_source_rgb (cr, 0.2, 0.2, 0.2);
      _sculptor_sweep_text (cr, label, l->x0 - 8, y + h / 2, 1.0, FALSE);
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
        _sculptor_sweep_draw_chosen (cr, x, y, w, h);
      }
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
