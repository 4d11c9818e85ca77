/* sculptor-sweep-report.c — the paper's success-rate figures of a sweep
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sculptor-sweep-report.h"

struct _SculptorSweepReport
{
  GtkWidget       parent_instance;

  GtkWidget      *box;        /* owned: the child */
  GtkDropDown    *figures;
  GtkStringList  *names;
  GtkLabel       *message;
  GtkDrawingArea *area;
  GtkWidget      *scrolled;

  ScReport       *report;
  GArray         *shown;      /* ScReportFigure per drop-down item */
};

G_DEFINE_FINAL_TYPE (SculptorSweepReport, sculptor_sweep_report, GTK_TYPE_WIDGET)

static const char *
figure_title (ScReportFigure figure)
{
  switch (figure)
    {
    case SC_REPORT_EXEMPLARS: return _("The four exemplars");
    case SC_REPORT_REUSE:     return _("Reuse: rate by uses");
    case SC_REPORT_LEVELS:    return _("Hierarchical levels");
    case SC_REPORT_OVERLAP:   return _("Overlap × uses");
    case SC_REPORT_WIDTH:     return _("The reused exemplar by width");
    case SC_REPORT_N_FIGURES:
    default:                  return "";
    }
}

gboolean
sculptor_sweep_report_get_figure (SculptorSweepReport *self,
                                  ScReportFigure      *figure)
{
  guint i;

  g_return_val_if_fail (SCULPTOR_IS_SWEEP_REPORT (self), FALSE);

  i = gtk_drop_down_get_selected (self->figures);
  if (self->report == NULL || i == GTK_INVALID_LIST_POSITION || i >= self->shown->len)
    return FALSE;
  *figure = g_array_index (self->shown, ScReportFigure, i);
  return TRUE;
}

static void
draw (GtkDrawingArea *area,
      cairo_t        *cr,
      int             width,
      int             height,
      gpointer        user_data)
{
  SculptorSweepReport *self = user_data;
  ScReportFigure figure;

  if (sculptor_sweep_report_get_figure (self, &figure))
    sc_render_report (cr, self->report, figure, width, height);
}

static void
resize (SculptorSweepReport *self)
{
  ScReportFigure figure;
  double w, h;

  if (!sculptor_sweep_report_get_figure (self, &figure))
    return;
  sc_render_report_size (self->report, figure, &w, &h);
  gtk_drawing_area_set_content_width (self->area, (int) w);
  gtk_drawing_area_set_content_height (self->area, (int) h);
  gtk_widget_queue_draw (GTK_WIDGET (self->area));
}

void
sculptor_sweep_report_set (SculptorSweepReport *self,
                           ScReport            *report,
                           const char          *message)
{
  ScReportFigure previous = SC_REPORT_N_FIGURES;
  guint select = 0;

  g_return_if_fail (SCULPTOR_IS_SWEEP_REPORT (self));

  sculptor_sweep_report_get_figure (self, &previous);
  g_clear_pointer (&self->report, sc_report_free);
  self->report = report;
  g_array_set_size (self->shown, 0);
  gtk_string_list_splice (self->names, 0, g_list_model_get_n_items (G_LIST_MODEL (self->names)),
                          NULL);
  for (ScReportFigure f = 0; report != NULL && f < SC_REPORT_N_FIGURES; f++)
    if (sc_report_has_figure (report, f))
      {
        if (f == previous)
          select = self->shown->len;
        g_array_append_val (self->shown, f);
        gtk_string_list_append (self->names, figure_title (f));
      }

  gtk_widget_set_visible (GTK_WIDGET (self->figures), self->shown->len > 0);
  gtk_widget_set_visible (self->scrolled, self->shown->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->message), self->shown->len == 0);
  gtk_label_set_text (self->message, message ? message : "");
  if (self->shown->len > 0)
    {
      gtk_drop_down_set_selected (self->figures, select);
      resize (self);
    }
}

gboolean
sculptor_sweep_report_export (SculptorSweepReport *self,
                              ScExportFormat       format,
                              const char          *path,
                              GError             **error)
{
  ScReportFigure figure;

  if (!sculptor_sweep_report_get_figure (self, &figure))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID, _("There is no figure to export yet"));
      return FALSE;
    }
  return sc_render_export_report (format, path, self->report, figure, error);
}

static void
on_figure_selected (SculptorSweepReport *self)
{
  resize (self);
}

static void
sculptor_sweep_report_dispose (GObject *object)
{
  SculptorSweepReport *self = SCULPTOR_SWEEP_REPORT (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  g_clear_pointer (&self->report, sc_report_free);
  g_clear_pointer (&self->shown, g_array_unref);
  G_OBJECT_CLASS (sculptor_sweep_report_parent_class)->dispose (object);
}

static void
sculptor_sweep_report_class_init (SculptorSweepReportClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sculptor_sweep_report_dispose;
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
sculptor_sweep_report_init (SculptorSweepReport *self)
{
  self->shown = g_array_new (FALSE, FALSE, sizeof (ScReportFigure));
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->names = gtk_string_list_new (NULL);
  self->figures = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (self->names), NULL));
  gtk_widget_set_halign (GTK_WIDGET (self->figures), GTK_ALIGN_START);
  gtk_widget_set_margin_start (GTK_WIDGET (self->figures), 12);
  gtk_widget_set_margin_top (GTK_WIDGET (self->figures), 6);
  g_signal_connect_swapped (self->figures, "notify::selected", G_CALLBACK (on_figure_selected),
                            self);
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->figures));

  self->message = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->message, TRUE);
  gtk_label_set_max_width_chars (self->message, 60);
  gtk_widget_set_vexpand (GTK_WIDGET (self->message), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->message), "dim-label");
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->message));

  self->area = GTK_DRAWING_AREA (gtk_drawing_area_new ());
  gtk_drawing_area_set_draw_func (self->area, draw, self, NULL);
  gtk_widget_set_halign (GTK_WIDGET (self->area), GTK_ALIGN_CENTER);
  self->scrolled = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (self->scrolled, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->area));
  gtk_box_append (GTK_BOX (self->box), self->scrolled);

  sculptor_sweep_report_set (self, NULL, NULL);
}

GtkWidget *
sculptor_sweep_report_new (void)
{
  return g_object_new (SCULPTOR_TYPE_SWEEP_REPORT, NULL);
}
