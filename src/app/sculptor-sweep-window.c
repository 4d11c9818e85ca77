/* sculptor-sweep-window.c — the sweep browser
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-report.h"
#include "sc-sweep-merge.h"
#include "sculptor-sweep-grid.h"
#include "sculptor-sweep-marks.h"
#include "sculptor-sweep-report.h"
#include "sculptor-sweep-window.h"
#include "sculptor-window.h"

struct _SculptorSweepWindow
{
  GtkApplicationWindow  parent_instance;

  /* Template widgets */
  GtkDropDown          *rule_dropdown;
  GtkWidget            *export_button;
  GtkLabel             *title_label;
  GtkLabel             *status_label;
  GtkStack             *stack;
  GtkBox               *cells_box;
  GtkDrawingArea       *legend;
  SculptorSweepReport  *report;
  GtkLabel             *path_label;

  /* Owned */
  ScSweep              *sweep;
  ScTask               *task;
  ScSweepTable         *table;
  GPtrArray            *grids;        /* SculptorSweepGrid *, borrowed: children */
  ScSelectRule          rule;
  double                band;
  char                 *status;
  guint                 poll_source;
  guint                 n_reads;
  GCancellable         *cancellable;  /* the window's workers */
  gboolean              reading;      /* a read of the directory in flight */
  gboolean              merging;      /* the merge for the figures in flight */
  JsonNode             *merged;       /* sweep.json of the finished sweep, or NULL */
  GtkWindow            *opener;       /* weak: the main window that opened it */
};

G_DEFINE_FINAL_TYPE (SculptorSweepWindow, sculptor_sweep_window, GTK_TYPE_APPLICATION_WINDOW)

/* ---- the figures ---------------------------------------------------- */

static gboolean
all_finished (SculptorSweepWindow *self)
{
  return sc_sweep_table_n_finished (self->table) ==
         sc_sweep_plan_n_runs (self->sweep->plan);
}

/* The figures of the merged sweep under the rule shown. */
static void
set_report (SculptorSweepWindow *self)
{
  g_autoptr(ScReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->merged == NULL)
    {
      if (sc_sweep_table_count (self->table, SC_SWEEP_ENTRY_UNREADABLE) > 0)
        message = g_strdup (_("A run file cannot be read (its cell is marked “?”): delete it "
                              "and do the run again to see the figures."));
      else
        message = g_strdup_printf (_("The success-rate figures appear when every run is "
                                     "finished (%u of %u)."),
                                   sc_sweep_table_n_finished (self->table),
                                   sc_sweep_plan_n_runs (self->sweep->plan));
      sculptor_sweep_report_set (self->report, NULL, message);
      return;
    }
  report = sc_report_new (self->rule);
  if (!sc_report_add_sweep_json (report, self->merged, self->sweep->dir, &error))
    {
      sculptor_sweep_report_set (self->report, NULL, error->message);
      return;
    }
  if (report->points->len == 0)
    {
      sculptor_sweep_report_set (self->report, NULL, _("The sweep fills none of the paper's "
                                                       "figures."));
      return;
    }
  sculptor_sweep_report_set (self->report, g_steal_pointer (&report), NULL);
}

/* Export only with a figure on screen. */
static void
update_report (SculptorSweepWindow *self)
{
  ScReportFigure figure;

  set_report (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report",
                                 sculptor_sweep_report_get_figure (self->report, &figure));
}

typedef struct
{
  ScSweep *sweep;   /* borrowed: the window is kept alive by the task */
  ScTask  *task;
  double   band;
} MergeJob;

static void
merge_in_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  MergeJob *job = task_data;
  g_autoptr(ScSweepResult) result = NULL;
  GError *error = NULL;

  /* every rule's choices are in sweep.json: the rule here is only its "select" */
  result = sc_sweep_merge (job->sweep, job->task, SC_SELECT_DEFAULT, job->band, &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sc_sweep_result_to_json (result),
                           (GDestroyNotify) json_node_unref);
}

static void
on_merged (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SculptorSweepWindow *self = SCULPTOR_SWEEP_WINDOW (source);
  g_autoptr(GError) error = NULL;
  JsonNode *merged = g_task_propagate_pointer (G_TASK (result), &error);

  self->merging = FALSE;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (merged == NULL)
    {
      sculptor_sweep_report_set (self->report, NULL, error->message);
      return;
    }
  g_clear_pointer (&self->merged, json_node_unref);
  self->merged = merged;
  update_report (self);
}

static void
start_merge (SculptorSweepWindow *self)
{
  g_autoptr(GTask) task = NULL;
  MergeJob *job = g_new0 (MergeJob, 1);

  job->sweep = self->sweep;
  job->task = self->task;
  job->band = self->band;
  self->merging = TRUE;
  task = g_task_new (self, self->cancellable, on_merged, NULL);
  g_task_set_task_data (task, job, g_free);
  g_task_set_check_cancellable (task, TRUE);
  g_task_run_in_thread (task, merge_in_thread);
}

/* ---- following the directory ---------------------------------------- */

static void
update_status (SculptorSweepWindow *self)
{
  guint n = sc_sweep_plan_n_runs (self->sweep->plan);
  guint failed = sc_sweep_table_count (self->table, SC_SWEEP_ENTRY_FAILED);
  guint unreadable = sc_sweep_table_count (self->table, SC_SWEEP_ENTRY_UNREADABLE);
  GString *text = g_string_new (NULL);

  g_string_printf (text, _("%u of %u runs finished"), sc_sweep_table_n_finished (self->table), n);
  if (failed > 0)
    g_string_append_printf (text, _(", %u failed"), failed);
  if (unreadable > 0)
    g_string_append_printf (text, _(", %u unreadable"), unreadable);
  g_free (self->status);
  self->status = g_string_free (text, FALSE);
  gtk_label_set_text (self->status_label, self->status);
}

static void
choose (SculptorSweepWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (!sc_sweep_table_choose (self->table, self->rule, self->band, &error))
    g_warning ("Choosing the seeds' networks failed: %s", error->message);
  for (guint c = 0; c < self->grids->len; c++)
    sculptor_sweep_grid_update (g_ptr_array_index (self->grids, c));
}

typedef struct
{
  ScSweep         *sweep;   /* borrowed, as above */
  ScTask          *task;
  ScSweepRunState *known;
} ReadJob;

static void
read_job_free (gpointer data)
{
  ReadJob *job = data;

  g_free (job->known);
  g_free (job);
}

static void
read_in_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ReadJob *job = task_data;
  GPtrArray *changes = sc_sweep_read_changes (job->sweep, job->task,
                                              g_steal_pointer (&job->known),
                                              SCULPTOR_SWEEP_READ_BUDGET_S, cancellable);

  if (changes == NULL)
    g_task_return_error (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                                    "cancelled"));
  else
    g_task_return_pointer (task, changes, (GDestroyNotify) g_ptr_array_unref);
}

static gboolean look_at_directory (gpointer user_data);

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  SculptorSweepWindow *self = SCULPTOR_SWEEP_WINDOW (source);
  g_autoptr(GPtrArray) changes = g_task_propagate_pointer (G_TASK (result), NULL);

  self->reading = FALSE;
  if (changes == NULL)
    return;   /* cancelled: the window is closing */
  self->n_reads++;
  if (changes->len > 0 || self->n_reads == 1)
    {
      sc_sweep_table_apply (self->table, changes);
      choose (self);
      update_status (self);
      gtk_widget_queue_draw (GTK_WIDGET (self->legend));
      g_clear_pointer (&self->merged, json_node_unref);
      update_report (self);
      if (all_finished (self) &&
          sc_sweep_table_count (self->table, SC_SWEEP_ENTRY_UNREADABLE) == 0)
        start_merge (self);
    }
  /* the read may have stopped at its budget: go on at once */
  if (changes->len > 0)
    look_at_directory (self);
}

static gboolean
look_at_directory (gpointer user_data)
{
  SculptorSweepWindow *self = user_data;
  g_autoptr(GTask) task = NULL;
  ReadJob *job;

  if (self->reading || self->merging)
    return G_SOURCE_CONTINUE;
  job = g_new0 (ReadJob, 1);
  job->sweep = self->sweep;
  job->task = self->task;
  job->known = sc_sweep_table_dup_states (self->table);
  self->reading = TRUE;
  task = g_task_new (self, self->cancellable, on_read, NULL);
  g_task_set_task_data (task, job, read_job_free);
  g_task_run_in_thread (task, read_in_thread);
  return G_SOURCE_CONTINUE;
}

/* ---- the user ------------------------------------------------------- */

static SculptorWindow *
main_window (SculptorSweepWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  SculptorWindow *window;

  if (self->opener != NULL)
    return SCULPTOR_WINDOW (self->opener);
  for (GList *l = app ? gtk_application_get_windows (app) : NULL; l; l = l->next)
    if (SCULPTOR_IS_WINDOW (l->data))
      return l->data;
  window = sculptor_window_new (SCULPTOR_APPLICATION (app));
  return window;
}

static void
on_run_activated (SculptorSweepGrid   *grid,
                  guint                index,
                  guint                pe,
                  SculptorSweepWindow *self)
{
  SculptorWindow *window = main_window (self);

  sculptor_window_open_sweep_run (window, self->sweep->dir, self->task, index, pe);
  gtk_window_present (GTK_WINDOW (window));
}

void
sculptor_sweep_window_set_rule (SculptorSweepWindow *self,
                                ScSelectRule         rule)
{
  g_return_if_fail (SCULPTOR_IS_SWEEP_WINDOW (self));

  if (gtk_drop_down_get_selected (self->rule_dropdown) != (guint) rule)
    {
      gtk_drop_down_set_selected (self->rule_dropdown, rule);
      return;   /* notify::selected comes back here */
    }
  self->rule = rule;
  choose (self);
  update_report (self);
}

static void
on_rule_selected (SculptorSweepWindow *self)
{
  sculptor_sweep_window_set_rule (self, gtk_drop_down_get_selected (self->rule_dropdown));
}

static void
on_export_response (GtkNativeDialog     *dialog,
                    int                  response,
                    SculptorSweepWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      ScExportFormat format = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (dialog), "format"));
      g_autoptr(GError) error = NULL;

      if (!sculptor_sweep_report_export (self->report, format, path, &error))
        {
          GtkWidget *message = gtk_message_dialog_new (GTK_WINDOW (self),
                                                       GTK_DIALOG_MODAL |
                                                       GTK_DIALOG_DESTROY_WITH_PARENT,
                                                       GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                                       "%s", _("Cannot export the figure"));

          gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (message), "%s",
                                                    error->message);
          g_signal_connect (message, "response", G_CALLBACK (gtk_window_destroy), NULL);
          gtk_window_present (GTK_WINDOW (message));
        }
    }
  g_object_unref (dialog);
}

static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SculptorSweepWindow *self = SCULPTOR_SWEEP_WINDOW (widget);
  const char *extension = g_variant_get_string (parameter, NULL);
  ScExportFormat format;
  ScReportFigure figure;
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (!sc_export_format_from_string (extension, &format) ||
      !sculptor_sweep_report_get_figure (self->report, &figure))
    return;
  name = g_strdup_printf ("%s.%s", sc_report_figure_name (figure), extension);
  dialog = gtk_file_chooser_native_new (_("Export Figure"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  g_object_set_data (G_OBJECT (dialog), "format", GINT_TO_POINTER (format));
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static void
draw_legend (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  SculptorSweepWindow *self = user_data;
  double low = 0, high = 0;
  gboolean have = self->table && sc_sweep_table_density_range (self->table, &low, &high);

  sculptor_sweep_draw_legend (cr, width, height, have, low, high);
}

/* ---- the window ------------------------------------------------------ */

static void
sculptor_sweep_window_dispose (GObject *object)
{
  SculptorSweepWindow *self = SCULPTOR_SWEEP_WINDOW (object);

  g_clear_handle_id (&self->poll_source, g_source_remove);
  if (self->opener)
    g_object_remove_weak_pointer (G_OBJECT (self->opener), (gpointer *) &self->opener);
  self->opener = NULL;
  if (self->cancellable)
    g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCULPTOR_TYPE_SWEEP_WINDOW);
  G_OBJECT_CLASS (sculptor_sweep_window_parent_class)->dispose (object);
}

static void
sculptor_sweep_window_finalize (GObject *object)
{
  SculptorSweepWindow *self = SCULPTOR_SWEEP_WINDOW (object);

  /* the workers hold the window: none is left when it is finalised */
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->grids, g_ptr_array_unref);
  g_clear_pointer (&self->table, sc_sweep_table_free);
  g_clear_pointer (&self->merged, json_node_unref);
  g_clear_pointer (&self->sweep, sc_sweep_free);
  g_clear_pointer (&self->task, sc_task_unref);
  g_free (self->status);
  G_OBJECT_CLASS (sculptor_sweep_window_parent_class)->finalize (object);
}

static void
sculptor_sweep_window_class_init (SculptorSweepWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sculptor_sweep_window_dispose;
  object_class->finalize = sculptor_sweep_window_finalize;

  g_type_ensure (SCULPTOR_TYPE_SWEEP_REPORT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sculptor/Sculptor/ui/"
                                               "sculptor-sweep-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SculptorSweepWindow, rule_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SculptorSweepWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, SculptorSweepWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SculptorSweepWindow, status_label);
  gtk_widget_class_bind_template_child (widget_class, SculptorSweepWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, SculptorSweepWindow, cells_box);
  gtk_widget_class_bind_template_child (widget_class, SculptorSweepWindow, legend);
  gtk_widget_class_bind_template_child (widget_class, SculptorSweepWindow, report);
  gtk_widget_class_bind_template_child (widget_class, SculptorSweepWindow, path_label);
  gtk_widget_class_install_action (widget_class, "win.export-report", "s", export_report_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK,
                                       "window.close", NULL);
}

static void
sculptor_sweep_window_init (SculptorSweepWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->grids = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  gtk_drawing_area_set_draw_func (self->legend, draw_legend, self, NULL);
}

static void
add_cells (SculptorSweepWindow *self)
{
  const ScSweepPlan *plan = self->sweep->plan;

  for (guint c = 0; c < plan->cells->len; c++)
    {
      const ScSweepCell *cell = &g_array_index (plan->cells, ScSweepCell, c);
      g_autofree char *heading = NULL;
      GString *pe = g_string_new (NULL);
      GtkWidget *label, *grid;

      for (guint e = 0; e < cell->hyper.edge_steps->len; e++)
        g_string_append_printf (pe, "%s%g", e ? ", " : "",
                                g_array_index (cell->hyper.edge_steps, double, e));
      /* Translators: above a grid of the sweep browser: the architecture, then
       * the Pe of each column of a run's sub-cells, left to right */
      heading = g_strdup_printf (_("Architecture %s — each run's sub-cells are Pe %s %%"),
                                 cell->label, pe->str);
      g_string_free (pe, TRUE);
      label = gtk_label_new (heading);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_set_margin_top (label, c ? 12 : 0);
      gtk_box_append (self->cells_box, label);

      grid = sculptor_sweep_grid_new (self->table, c);
      g_signal_connect (grid, "run-activated", G_CALLBACK (on_run_activated), self);
      gtk_box_append (self->cells_box, grid);
      g_ptr_array_add (self->grids, grid);
    }
}

static void
fill_rules (SculptorSweepWindow *self)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new ((const char * const *)
                                                        sc_select_rule_names ());

  gtk_drop_down_set_model (self->rule_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->rule_dropdown, self->rule);
  g_signal_connect_swapped (self->rule_dropdown, "notify::selected",
                            G_CALLBACK (on_rule_selected), self);
}

SculptorSweepWindow *
sculptor_sweep_window_new (GtkApplication *app,
                           ScSweep        *sweep,
                           ScTask         *task,
                           ScSelectRule    rule,
                           double          band)
{
  SculptorSweepWindow *self;
  g_autofree char *title = NULL;
  g_autofree char *task_title = NULL;

  g_return_val_if_fail (sweep != NULL && task != NULL, NULL);

  self = g_object_new (SCULPTOR_TYPE_SWEEP_WINDOW, "application", app, NULL);
  self->sweep = sweep;
  self->task = sc_task_ref (task);
  self->rule = rule;
  self->band = band;
  self->table = sc_sweep_table_new (sweep, task);

  task_title = sc_task_display_title (task);
  title = g_strdup_printf (_("Sweep of %s"), task_title);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->path_label, sweep->dir);
  add_cells (self);
  fill_rules (self);
  update_status (self);
  update_report (self);

  /* the first look at once, then every second */
  look_at_directory (self);
  self->poll_source = g_timeout_add (SCULPTOR_SWEEP_POLL_MS, look_at_directory, self);
  return self;
}

void
sculptor_sweep_window_set_opener (SculptorSweepWindow *self,
                                  GtkWindow           *opener)
{
  g_return_if_fail (SCULPTOR_IS_SWEEP_WINDOW (self));

  if (self->opener)
    g_object_remove_weak_pointer (G_OBJECT (self->opener), (gpointer *) &self->opener);
  self->opener = opener;
  if (opener)
    g_object_add_weak_pointer (G_OBJECT (opener), (gpointer *) &self->opener);
}

const ScSweepTable *
sculptor_sweep_window_get_table (SculptorSweepWindow *self)
{
  return self->table;
}

GtkWidget *
sculptor_sweep_window_get_grid (SculptorSweepWindow *self,
                                guint                cell)
{
  g_return_val_if_fail (cell < self->grids->len, NULL);

  return g_ptr_array_index (self->grids, cell);
}

guint
sculptor_sweep_window_get_n_reads (SculptorSweepWindow *self)
{
  return self->n_reads;
}

const char *
sculptor_sweep_window_get_status (SculptorSweepWindow *self)
{
  return self->status;
}

GtkWidget *
sculptor_sweep_window_get_report (SculptorSweepWindow *self)
{
  return GTK_WIDGET (self->report);
}
