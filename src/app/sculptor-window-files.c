/* sculptor-window-files.c — open, save and export
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-figure.h"
#include "sc-graph.h"
#include "sc-result.h"
#include "sculptor-window-private.h"

#define EXPORT_WIDTH  1200
#define EXPORT_HEIGHT 800

static void
add_filter (GtkFileChooser *chooser,
            const char     *name,
            const char     *pattern,
            ...)
{
  GtkFileFilter *filter = gtk_file_filter_new ();
  va_list args;

  gtk_file_filter_set_name (filter, name);
  va_start (args, pattern);
  for (const char *p = pattern; p; p = va_arg (args, const char *))
    gtk_file_filter_add_pattern (filter, p);
  va_end (args);
  gtk_file_chooser_add_filter (chooser, filter);
  g_object_unref (filter);
}

static gboolean
is_run_file (const char *path)
{
  return g_str_has_suffix (path, ".json");
}

/* ---- opening a saved run ------------------------------------------ */

/* Reading a saved MNIST run (tens of MB) and detecting the modules of its
 * accepted steps (seconds: the live run had them) happen on a worker
 * thread; the window shows the run when both are done. Before: nothing of
 * the run is shown, so its snapshots are complete before anything draws
 * them. */

typedef struct
{
  char     *path;
  gboolean  detect;
} OpenJob;

static void
open_job_free (gpointer data)
{
  OpenJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
read_run_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  OpenJob *job = task_data;
  GError *error = NULL;
  ScRun *run = sc_run_load (job->path, &error);

  if (run == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  /* Each step's modules, as the live run had them: scrubbing a saved run
   * looks like scrubbing a live one. */
  if (job->detect && !g_cancellable_is_cancelled (cancellable))
    sc_run_detect_steps (run);
  g_task_return_pointer (task, run, (GDestroyNotify) sc_run_free);
}

/* The run a worker read for the window (self->opening), or NULL: the
 * reading was superseded or the window is going away (nothing to do), or
 * it failed (said in a dialog titled failure). */
ScRun *
_sculptor_window_take_opened_run (SculptorWindow *self,
                                  GAsyncResult   *result,
                                  const char     *failure)
{
  g_autoptr(GError) error = NULL;
  ScRun *run = g_task_propagate_pointer (G_TASK (result), &error);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      g_clear_pointer (&run, sc_run_free);
      return NULL;
    }
  g_clear_object (&self->opening);
  _sculptor_window_set_message (self, "");
  if (run == NULL)
    _sculptor_window_show_error (self, failure, error);
  return run;
}

static void
on_run_read (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(SculptorWindow) self = user_data;
  OpenJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  ScRun *run = _sculptor_window_take_opened_run (self, result, _("Cannot open the saved run"));

  if (run == NULL)
    return;
  if (run->load_notice != NULL)
    g_set_error_literal (&error, SC_ERROR, SC_ERROR_IO, run->load_notice);
  _sculptor_window_load_run (self, run);
  _sculptor_window_set_file (self, job->path);
  if (error != NULL)
    _sculptor_window_show_error (self, _("The run is shown without its task file"), error);
}

void
_sculptor_window_cancel_open (SculptorWindow *self)
{
  if (self->opening != NULL)
    g_cancellable_cancel (self->opening);
  g_clear_object (&self->opening);
}

static void
open_run (SculptorWindow *self,
          const char     *path)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *message = g_strdup_printf (_("Opening %s…"), name);
  OpenJob *job = g_new0 (OpenJob, 1);

  _sculptor_window_cancel_open (self);
  self->opening = g_cancellable_new ();
  job->path = g_strdup (path);
  job->detect = sculptor_settings_panel_get_live_detection (self->settings_panel);
  _sculptor_window_set_message (self, message);

  task = g_task_new (NULL, self->opening, on_run_read, g_object_ref (self));
  g_task_set_source_tag (task, open_run);
  g_task_set_task_data (task, job, open_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, read_run_in_thread);
}

void
sculptor_window_open_file (SculptorWindow *self,
                           GFile          *file)
{
  g_autofree char *path = g_file_get_path (file);
  g_autoptr(GError) error = NULL;

  g_return_if_fail (SCULPTOR_IS_WINDOW (self));

  if (path == NULL)
    {
      g_set_error (&error, SC_ERROR, SC_ERROR_IO, _("Only local files can be opened"));
      _sculptor_window_show_error (self, _("Cannot open the file"), error);
      return;
    }

  /* `sculptor exemplar/reused` or `sculptor mnist/two-digits`: a task
   * name rather than a file. */
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *cwd_path = g_get_current_dir ();
      g_autoptr(GFile) cwd = g_file_new_for_path (cwd_path);
      g_autofree char *name = g_file_get_relative_path (cwd, file);
      g_autoptr(ScTask) task = name ? sc_task_lookup (name, &error) : NULL;

      if (task)
        sculptor_settings_panel_set_task (self->settings_panel, task);
      else
        _sculptor_window_show_error (self, _("Cannot open the task"), error);
      return;
    }

  if (_sculptor_window_is_sweep_path (path))
    sculptor_window_open_sweep (self, path);
  else if (is_run_file (path))
    open_run (self, path);
  else
    {
      g_autoptr(ScTask) task = sc_task_load_file (path, &error);

      if (task == NULL)
        _sculptor_window_show_error (self, _("Cannot open the task"), error);
      else
        sculptor_settings_panel_set_task (self->settings_panel, task);
    }
}

static void
on_open_response (GtkNativeDialog *dialog,
                  int              response,
                  SculptorWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      sculptor_window_open_file (self, file);
    }
  g_object_unref (dialog);
}

void
_sculptor_window_open_dialog (SculptorWindow *self)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open a Task or Saved Run"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"), _("_Cancel"));
  add_filter (GTK_FILE_CHOOSER (dialog), _("Tasks and saved runs"), "*.sfg", "*.csv", "*.json", NULL);
  add_filter (GTK_FILE_CHOOSER (dialog), _("Function graphs (*.sfg)"), "*.sfg", NULL);
  add_filter (GTK_FILE_CHOOSER (dialog), _("CSV truth tables (*.csv)"), "*.csv", NULL);
  add_filter (GTK_FILE_CHOOSER (dialog), _("Saved runs (*.json)"), "*.json", NULL);
  add_filter (GTK_FILE_CHOOSER (dialog), _("Sweeps (sweep.json, plan.json)"), "sweep.json",
              "plan.json", NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_open_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

static char *
suggested_name (SculptorWindow *self,
                const char     *what,
                const char     *extension)
{
  g_autofree char *task = g_strdup (self->task ? self->task->name : "sculptor");

  g_strdelimit (task, "/\\ ", '-');
  return g_strdup_printf ("%s-%s.%s", task, what, extension);
}

gboolean
_sculptor_window_save_run (SculptorWindow  *self,
                           const char      *path,
                           GError         **error)
{
  const ScRun *run = _sculptor_window_get_run (self);
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (run != NULL, FALSE);

  if (self->runner)
    {
      /* The runner kept the networks of the steps; a saved run carries them
       * so it can be scrubbed through without recomputing. */
      ScRun copy = *run;
      g_autoptr(GArray) steps = g_array_sized_new (FALSE, TRUE, sizeof (ScStep),
                                                   sc_runner_get_n_steps (self->runner));

      for (guint i = 0; i < sc_runner_get_n_steps (self->runner); i++)
        g_array_append_val (steps, sc_runner_get_step (self->runner, i)->step);
      copy.steps = steps;
      root = sc_run_to_json (&copy, TRUE);
    }
  else
    root = sc_run_to_json (run, TRUE);

  if (!sc_json_write_file (root, path, FALSE, error))
    return FALSE;
  _sculptor_window_set_file (self, path);
  return TRUE;
}

static void
on_save_response (GtkNativeDialog *dialog,
                  int              response,
                  SculptorWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      g_autoptr(GError) error = NULL;

      if (!_sculptor_window_save_run (self, path, &error))
        _sculptor_window_show_error (self, _("Cannot save the run"), error);
      else
        _sculptor_window_set_message (self, _("Run saved"));
    }
  g_object_unref (dialog);
}

void
_sculptor_window_save_dialog (SculptorWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autofree char *name = NULL;

  if (_sculptor_window_get_run (self) == NULL)
    return;

  dialog = gtk_file_chooser_native_new (_("Save Run"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"), _("_Cancel"));
  name = suggested_name (self, "run", "json");
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  add_filter (GTK_FILE_CHOOSER (dialog), _("Saved runs (*.json)"), "*.json", NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_save_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* The figures use the network on screen (the live end or the step picked
 * on the timeline) and the same renderer as sculptor-cli. */
gboolean
_sculptor_window_export (SculptorWindow  *self,
                         const char      *what,
                         const char      *path,
                         GError         **error)
{
  ScSnapshot *snapshot = self->shown;
  ScAnalysis *analysis = self->shown_analysis;
  ScAnalysis *detected = analysis ? analysis : self->detected;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  ScExportFormat format;
  const char *dash = strchr (what, '-');

  g_return_val_if_fail (dash != NULL, FALSE);

  if (snapshot == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID, _("There is no network to export yet"));
      return FALSE;
    }

  title = sc_task_display_title (self->task);
  subtitle = sc_figure_subtitle (snapshot, analysis);

  if (g_str_equal (dash + 1, "graphml"))
    {
      if (analysis == NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                       _("Modules are detected on accepted steps only; pick one"));
          return FALSE;
        }
      return sc_graph_write_graphml (analysis->detection, path, error);
    }

  if (!sc_export_format_from_string (dash + 1, &format))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID, _("Unknown export format “%s”"), dash + 1);
      return FALSE;
    }

  if (g_str_has_prefix (what, "hierarchy"))
    {
      ScHierarchyOptions options;

      if (detected == NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID, _("No modules have been detected yet"));
          return FALSE;
        }
      sc_figure_hierarchy_init (&options, snapshot, self->task);
      options.title = title;
      options.subtitle = subtitle;
      return sc_render_export_hierarchy (format, path, detected->modules, &options,
                                         EXPORT_WIDTH, EXPORT_HEIGHT, error);
    }
  else
    {
      ScMask *thinned;
      gboolean done;
      ScScene scene;

      sc_figure_scene_init (&scene, snapshot, analysis, self->task);
      /* a dense MNIST network would be a million-line file: the view's
       * level of detail, said in the subtitle */
      thinned = sc_scene_thin_edges (&scene, (const float * const *) snapshot->w,
                                     SC_RENDER_LAYER_EDGES, &subtitle);
      scene.options.orientation = sculptor_network_view_get_orientation (self->network_view);
      scene.title = title;
      scene.subtitle = subtitle;
      done = sc_render_export_network (format, path, &scene, EXPORT_WIDTH, EXPORT_HEIGHT, error);
      g_clear_pointer (&thinned, sc_mask_free);
      return done;
    }
}

static void
on_export_response (GtkNativeDialog *dialog,
                    int              response,
                    SculptorWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);
      const char *what = g_object_get_data (G_OBJECT (dialog), "what");
      g_autoptr(GError) error = NULL;

      if (!_sculptor_window_export (self, what, path, &error))
        _sculptor_window_show_error (self, _("Cannot export the figure"), error);
      else
        {
          g_autofree char *base = g_path_get_basename (path);
          g_autofree char *message = g_strdup_printf (_("Exported %s"), base);

          _sculptor_window_set_message (self, message);
        }
    }
  g_object_unref (dialog);
}

void
_sculptor_window_export_dialog (SculptorWindow *self,
                                const char     *what)
{
  GtkFileChooserNative *dialog;
  const char *dash = strchr (what, '-');
  g_autofree char *kind = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pattern = NULL;

  if (dash == NULL || self->shown == NULL)
    return;

  kind = g_strndup (what, dash - what);
  name = suggested_name (self, kind, dash + 1);
  pattern = g_strdup_printf ("*.%s", dash + 1);
  dialog = gtk_file_chooser_native_new (_("Export Figure"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  add_filter (GTK_FILE_CHOOSER (dialog), pattern, pattern, NULL);
  g_object_set_data_full (G_OBJECT (dialog), "what", g_strdup (what), g_free);
  g_signal_connect (dialog, "response", G_CALLBACK (on_export_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}
