/* sculptor-lesion-view.c — per-output accuracy and failing rows of a what-if
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sculptor-lesion-view.h"

struct _SculptorLesionView
{
  GtkWidget  parent_instance;

  /* Borrowed references: children */
  GtkLabel  *summary;
  GtkGrid   *outputs;
  GtkLabel  *rows_heading;
  GtkGrid   *rows;
};

G_DEFINE_FINAL_TYPE (SculptorLesionView, sculptor_lesion_view, GTK_TYPE_WIDGET)

GtkWidget *
sculptor_lesion_view_new (void)
{
  return g_object_new (SCULPTOR_TYPE_LESION_VIEW, NULL);
}

static char *
output_name (const ScTask *task,
             guint         o)
{
  if (task && task->output_names && o < task->n_out && task->output_names[o])
    return g_strdup (task->output_names[o]);
  return g_strdup_printf ("y%u", o);
}

static gboolean
output_worse (const ScLesionEval *base,
              const ScLesionEval *eval,
              guint               o)
{
  return eval->correct[o] < base->correct[o];
}

char *
sculptor_lesion_worse_outputs (const ScTask       *task,
                               const ScLesionEval *base,
                               const ScLesionEval *eval)
{
  GString *str = g_string_new (NULL);

  g_return_val_if_fail (base != NULL && eval != NULL, NULL);

  for (guint o = 0; o < eval->n_out && o < base->n_out; o++)
    if (output_worse (base, eval, o))
      {
        g_autofree char *name = output_name (task, o);

        g_string_append_printf (str, str->len ? ", %s" : "%s", name);
      }
  return g_string_free (str, FALSE);
}

static void
clear_grid (GtkGrid *grid)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (grid))))
    gtk_grid_remove (grid, child);
}

static GtkWidget *
cell (const char *text,
      const char *css_class,
      float       xalign)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

static char *
percent (double value)
{
  /* Translators: an accuracy, e.g. "75.0 %" */
  return g_strdup_printf (_("%.1f %%"), value);
}

static void
fill_outputs (SculptorLesionView *self,
              const ScTask       *task,
              const ScLesionEval *base,
              const ScLesionEval *eval)
{
  clear_grid (self->outputs);
  gtk_grid_attach (self->outputs, cell (_("Output"), "caption-heading", 0), 0, 0, 1, 1);
  gtk_grid_attach (self->outputs, cell (_("Run"), "caption-heading", 1), 1, 0, 1, 1);
  gtk_grid_attach (self->outputs, cell (_("What-if"), "caption-heading", 1), 2, 0, 1, 1);

  for (guint o = 0; o < base->n_out; o++)
    {
      g_autofree char *name = output_name (task, o);
      g_autofree char *was = percent (sc_lesion_eval_output_accuracy (base, o));
      g_autofree char *now = eval ? percent (sc_lesion_eval_output_accuracy (eval, o))
                                  : g_strdup ("…");
      gboolean worse = eval && output_worse (base, eval, o);

      gtk_grid_attach (self->outputs, cell (name, worse ? "lesion-worse" : NULL, 0), 0, o + 1, 1, 1);
      gtk_grid_attach (self->outputs, cell (was, "numeric", 1), 1, o + 1, 1, 1);
      gtk_grid_attach (self->outputs, cell (now, worse ? "lesion-worse" : "numeric", 1), 2, o + 1, 1, 1);
    }
}

/* One failing row: its inputs, then each output as predicted, the wrong
 * bits marked. */
static void
add_row (SculptorLesionView *self,
         const ScDataset    *data,
         const ScLesionEval *eval,
         guint               r,
         guint               at)
{
  GString *inputs = g_string_new (NULL);

  for (guint i = 0; i < data->n_in; i++)
    g_string_append_c (inputs, data->x[(gsize) r * data->n_in + i] > 0.5f ? '1' : '0');
  gtk_grid_attach (self->rows, cell (inputs->str, "truth-input", 0), 0, at, 1, 1);
  g_string_free (inputs, TRUE);

  for (guint o = 0; o < data->n_out; o++)
    {
      gboolean want = data->y[(gsize) r * data->n_out + o] > 0.5f;
      gboolean wrong = eval->wrong[(gsize) r * data->n_out + o];
      gboolean got = want != wrong;

      gtk_grid_attach (self->rows, cell (got ? "1" : "0", wrong ? "lesion-worse" : "truth-other", 0.5),
                       o + 1, at, 1, 1);
    }
}

static void
fill_rows (SculptorLesionView *self,
           const ScTask       *task,
           const ScLesionEval *eval)
{
  const ScDataset *data = task ? task->test : NULL;
  gboolean list = data && task->kind == SC_TASK_BOOLEAN &&
                  data->n_in <= SCULPTOR_LESION_MAX_ROW_INPUTS &&
                  data->n_rows == eval->n_rows && data->n_out == eval->n_out;
  guint failing = sc_lesion_eval_failing_rows (eval);
  guint at = 1;

  clear_grid (self->rows);
  gtk_widget_set_visible (GTK_WIDGET (self->rows_heading), list && failing > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->rows), list && failing > 0);
  if (!list || failing == 0)
    return;

  gtk_grid_attach (self->rows, cell (_("Inputs"), "caption-heading", 0), 0, 0, 1, 1);
  for (guint o = 0; o < data->n_out; o++)
    {
      g_autofree char *name = output_name (task, o);

      gtk_grid_attach (self->rows, cell (name, "caption-heading", 0.5), o + 1, 0, 1, 1);
    }
  for (guint r = 0; r < eval->n_rows; r++)
    if (sc_lesion_eval_row_fails (eval, r))
      add_row (self, data, eval, r, at++);
}

static void
fill_summary (SculptorLesionView *self,
              const ScLesionEval *base,
              const ScLesionEval *eval)
{
  g_autofree char *text = NULL;
  g_autofree char *bits = NULL;
  guint failing;

  if (eval == NULL)
    {
      gtk_label_set_text (self->summary, _("Evaluating on the test set…"));
      return;
    }

  failing = sc_lesion_eval_failing_rows (eval);
  bits = percent (eval->accuracy);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Bits right: %s · %u of %u row fails",
                                       "Bits right: %s · %u of %u rows fail", failing),
                          bits, failing, eval->n_rows);
  gtk_label_set_text (self->summary, text);
}

void
sculptor_lesion_view_set (SculptorLesionView *self,
                          ScTask             *task,
                          const ScLesionEval *base,
                          const ScLesionEval *eval)
{
  g_return_if_fail (SCULPTOR_IS_LESION_VIEW (self));
  g_return_if_fail (base != NULL);

  fill_summary (self, base, eval);
  fill_outputs (self, task, base, eval);
  if (eval)
    fill_rows (self, task, eval);
  else
    {
      gtk_widget_set_visible (GTK_WIDGET (self->rows_heading), FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->rows), FALSE);
    }
}

static void
sculptor_lesion_view_dispose (GObject *object)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (object))))
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (sculptor_lesion_view_parent_class)->dispose (object);
}

static void
sculptor_lesion_view_class_init (SculptorLesionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sculptor_lesion_view_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "lesionview");
}

static GtkGrid *
grid_new (void)
{
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 1);
  gtk_widget_set_halign (grid, GTK_ALIGN_START);
  return GTK_GRID (grid);
}

static void
sculptor_lesion_view_init (SculptorLesionView *self)
{
  GtkLayoutManager *layout = gtk_widget_get_layout_manager (GTK_WIDGET (self));

  gtk_orientable_set_orientation (GTK_ORIENTABLE (layout), GTK_ORIENTATION_VERTICAL);
  gtk_box_layout_set_spacing (GTK_BOX_LAYOUT (layout), 8);

  self->summary = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->summary, 0);
  gtk_label_set_wrap (self->summary, TRUE);
  self->outputs = grid_new ();
  self->rows_heading = GTK_LABEL (gtk_label_new (_("Rows that fail (the outputs as computed)")));
  gtk_label_set_xalign (self->rows_heading, 0);
  gtk_label_set_wrap (self->rows_heading, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->rows_heading), "caption");
  gtk_widget_add_css_class (GTK_WIDGET (self->rows_heading), "dim-label");
  self->rows = grid_new ();
  gtk_grid_set_column_spacing (self->rows, 8);
  gtk_widget_add_css_class (GTK_WIDGET (self->rows), "truth-table");

  gtk_widget_set_parent (GTK_WIDGET (self->summary), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->outputs), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->rows_heading), GTK_WIDGET (self));
  gtk_widget_set_parent (GTK_WIDGET (self->rows), GTK_WIDGET (self));
}
