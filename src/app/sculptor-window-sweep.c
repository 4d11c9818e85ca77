/* sculptor-window-sweep.c — opening a sweep, and a run of one
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-file.h"
#include "sc-json.h"
#include "sc-sweep-run.h"
#include "sculptor-sweep-window.h"
#include "sculptor-window-private.h"

gboolean
_sculptor_window_is_sweep_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  return g_file_test (path, G_FILE_TEST_IS_DIR) ||
         g_str_equal (base, "sweep.json") || g_str_equal (base, "plan.json");
}

/* ---- a sweep --------------------------------------------------------- */

/* Reading the plan and loading its task (MNIST digits: seconds) happen on
 * a worker thread; the browser opens when both are done. */
typedef struct
{
  char         *path;
  ScSweep      *sweep;
  ScTask       *task;
  ScSelectRule  rule;
  double        band;
} SweepJob;

static void
sweep_job_free (gpointer data)
{
  SweepJob *job = data;

  g_free (job->path);
  g_clear_pointer (&job->sweep, sc_sweep_free);
  g_clear_pointer (&job->task, sc_task_unref);
  g_free (job);
}

/* The rule the sweep was merged with (sweep.json), else the default. */
static void
read_rule (SweepJob *job)
{
  g_autofree char *path = g_build_filename (job->sweep->dir, "sweep.json", NULL);
  g_autoptr(JsonNode) root = NULL;
  JsonObject *object;

  job->rule = SC_SELECT_DEFAULT;
  job->band = SC_SELECT_DEFAULT_BAND;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR) ||
      !(root = sc_json_read_file (path, SC_FILE_LIMIT_JSON, NULL)) ||
      !JSON_NODE_HOLDS_OBJECT (root))
    return;
  object = json_node_get_object (root);
  if (json_object_has_member (object, "select") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "select")) &&
      json_node_get_value_type (json_object_get_member (object, "select")) == G_TYPE_STRING)
    sc_select_rule_parse (json_object_get_string_member (object, "select"), &job->rule);
  if (json_object_has_member (object, "select_band") &&
      JSON_NODE_HOLDS_VALUE (json_object_get_member (object, "select_band")) &&
      json_node_get_value_type (json_object_get_member (object, "select_band")) == G_TYPE_DOUBLE)
    job->band = json_object_get_double_member (object, "select_band");
}

static void
open_sweep_in_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  SweepJob *job = task_data;
  g_autofree char *dir = g_file_test (job->path, G_FILE_TEST_IS_DIR)
                         ? g_strdup (job->path) : g_path_get_dirname (job->path);
  g_autofree char *plan = g_build_filename (dir, "plan.json", NULL);
  g_autofree char *display = g_filename_display_name (dir);
  GError *error = NULL;

  if (!g_file_test (plan, G_FILE_TEST_IS_REGULAR))
    {
      g_task_return_error (task, g_error_new (SC_ERROR, SC_ERROR_NOT_FOUND,
                                              _("%s is not a sweep: it has no plan.json "
                                                "(sculptor-cli sweep --out DIR makes one)"),
                                              display));
      return;
    }
  if (!(job->sweep = sc_sweep_open (dir, NULL, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  if (!(job->task = sc_task_source_load (&job->sweep->plan->task, &error)))
    {
      g_autofree char *plan_display = g_filename_display_name (plan);

      /* a task file moved or deleted since the sweep was made */
      g_prefix_error (&error, _("%s names a task that cannot be loaded: "), plan_display);
      g_task_return_error (task, error);
      return;
    }
  read_rule (job);
  g_task_return_boolean (task, TRUE);
}

static void
on_sweep_opened (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(SculptorWindow) self = user_data;
  SweepJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  SculptorSweepWindow *browser;

  _sculptor_window_set_message (self, "");
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      _sculptor_window_show_error (self, _("Cannot open the sweep"), error);
      return;
    }
  browser = sculptor_sweep_window_new (gtk_window_get_application (GTK_WINDOW (self)),
                                       g_steal_pointer (&job->sweep), job->task, job->rule,
                                       job->band);
  sculptor_sweep_window_set_opener (browser, GTK_WINDOW (self));
  gtk_window_present (GTK_WINDOW (browser));
}

void
sculptor_window_open_sweep (SculptorWindow *self,
                            const char     *path)
{
  g_autoptr(GTask) task = NULL;
  SweepJob *job = g_new0 (SweepJob, 1);

  g_return_if_fail (SCULPTOR_IS_WINDOW (self));

  job->path = g_strdup (path);
  _sculptor_window_set_message (self, _("Opening the sweep…"));
  task = g_task_new (NULL, NULL, on_sweep_opened, g_object_ref (self));
  g_task_set_source_tag (task, sculptor_window_open_sweep);
  g_task_set_task_data (task, job, sweep_job_free);
  g_task_run_in_thread (task, open_sweep_in_thread);
}

static void
on_folder_response (GtkNativeDialog *dialog,
                    int              response,
                    SculptorWindow  *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = g_file_get_path (file);

      if (path != NULL)
        sculptor_window_open_sweep (self, path);
    }
  g_object_unref (dialog);
}

void
_sculptor_window_open_sweep_dialog (SculptorWindow *self)
{
  GtkFileChooserNative *dialog;

  dialog = gtk_file_chooser_native_new (_("Open a Sweep Directory"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Open"),
                                        _("_Cancel"));
  g_signal_connect (dialog, "response", G_CALLBACK (on_folder_response), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* ---- one run of a sweep ------------------------------------------------ */

typedef struct
{
  char   *dir;
  ScTask *task;
  guint   index;
  guint   pe;
} RunJob;

static void
run_job_free (gpointer data)
{
  RunJob *job = data;

  g_free (job->dir);
  sc_task_unref (job->task);
  g_free (job);
}

static void
load_run_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  RunJob *job = task_data;
  g_autoptr(ScSweep) sweep = NULL;
  GError *error = NULL;
  ScRun *run;

  if (!(sweep = sc_sweep_open (job->dir, NULL, &error)) ||
      !(run = sc_sweep_run_load (sweep, job->task, job->index, job->pe, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, run, (GDestroyNotify) sc_run_free);
}

static void
on_run_loaded (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(SculptorWindow) self = user_data;
  RunJob *job = g_task_get_task_data (G_TASK (result));
  ScRun *run = _sculptor_window_take_opened_run (self, result, _("Cannot open the sweep's run"));
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;

  if (run == NULL)
    return;
  _sculptor_window_load_run (self, run);
  name = g_strdup_printf ("%06u.json", job->index);
  path = g_build_filename (job->dir, "runs", name, NULL);
  _sculptor_window_set_file (self, path);
  _sculptor_window_show_step (self, (int) job->pe);
}

void
sculptor_window_open_sweep_run (SculptorWindow *self,
                                const char     *dir,
                                ScTask         *task,
                                guint           index,
                                guint           pe)
{
  g_autoptr(GTask) gtask = NULL;
  RunJob *job = g_new0 (RunJob, 1);
  g_autofree char *message = g_strdup_printf (_("Opening run %u of the sweep…"), index);

  g_return_if_fail (SCULPTOR_IS_WINDOW (self));

  _sculptor_window_cancel_open (self);
  self->opening = g_cancellable_new ();
  job->dir = g_strdup (dir);
  job->task = sc_task_ref (task);
  job->index = index;
  job->pe = pe;
  _sculptor_window_set_message (self, message);
  gtask = g_task_new (NULL, self->opening, on_run_loaded, g_object_ref (self));
  g_task_set_source_tag (gtask, sculptor_window_open_sweep_run);
  g_task_set_task_data (gtask, job, run_job_free);
  g_task_run_in_thread (gtask, load_run_in_thread);
}
