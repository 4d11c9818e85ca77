/* sculptor-window-lesion.c — what-if lesions and pruning of the network shown
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-mnist.h"
#include "sculptor-lesion-view.h"
#include "sculptor-window-private.h"

/* A what-if applies to the network on screen (self->shown) and lasts until
 * it is restored or another network is shown; the run, its steps and what
 * is saved never see it. Boolean tasks are evaluated at once (microseconds);
 * image tasks on a worker thread, on the test set of the run's task. */

/* Rows per forward pass when the run's batch size is unknown. */
#define DEFAULT_BATCH 256

static guint
batch_size (SculptorWindow *self)
{
  const ScRun *run = _sculptor_window_get_run (self);

  if (run)
    return run->hyper.batch_size;
  if (self->runner)
    return sc_runner_get_hyper (self->runner)->batch_size;
  return DEFAULT_BATCH;
}

static const ScModule *
detected_module (SculptorWindow *self,
                 int             index)
{
  const ScModuleGraph *graph = self->detected ? self->detected->modules : NULL;

  if (graph == NULL || index < 0 || (guint) index >= graph->n_modules)
    return NULL;
  return &graph->modules[index];
}

/* "M1 knocked out, 1 unit and 2 edges pruned" */
static char *
describe_changes (SculptorWindow *self)
{
  const ScModuleGraph *graph = self->detected ? self->detected->modules : NULL;
  g_autoptr(GString) modules = g_string_new (NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  guint silenced, pruned_units, n_modules = 0;
  gsize pruned_edges;

  sc_lesion_count (self->lesion, &silenced, &pruned_units, &pruned_edges);
  for (guint m = 0; graph && m < graph->n_modules; m++)
    if (sc_lesion_module_silenced (self->lesion, &graph->modules[m]))
      {
        g_string_append_printf (modules, n_modules ? ", M%u" : "M%u", graph->modules[m].id);
        n_modules++;
      }
  if (n_modules > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s knocked out",
                                                          "%s knocked out", n_modules),
                                             modules->str));
  else if (silenced > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit silenced",
                                                          "%u units silenced", silenced), silenced));
  if (pruned_units > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u unit pruned",
                                                          "%u units pruned", pruned_units),
                                             pruned_units));
  if (pruned_edges > 0)
    g_ptr_array_add (parts, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u edge pruned",
                                                          "%u edges pruned", (gulong) pruned_edges),
                                             (guint) pruned_edges));
  g_ptr_array_add (parts, NULL);
  return g_strjoinv (", ", (char **) parts->pdata);
}

static char *
describe_outcome (SculptorWindow *self)
{
  g_autofree char *worse = NULL;
  guint failing;

  if (self->lesion_error)
    return g_strdup (self->lesion_error);
  if (self->lesion_eval == NULL || self->lesion_base == NULL)
    return g_strdup (_("evaluating on the test set…"));

  failing = sc_lesion_eval_failing_rows (self->lesion_eval);
  worse = sculptor_lesion_worse_outputs (self->lesion_task, self->lesion_base, self->lesion_eval);
  if (worse[0] == '\0')
    /* Translators: the outcome of a what-if: per-bit accuracy, failing rows */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "%.1f %% of bits right, %u row fails, no output worse",
                                         "%.1f %% of bits right, %u rows fail, no output worse",
                                         failing),
                            self->lesion_eval->accuracy, failing);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%.1f %% of bits right, %u row fails, worse: %s",
                                       "%.1f %% of bits right, %u rows fail, worse: %s", failing),
                          self->lesion_eval->accuracy, failing, worse);
}

static void
update_bar (SculptorWindow *self)
{
  g_autofree char *changes = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->whatif_bar, self->lesion != NULL);
  if (self->lesion == NULL)
    return;
  changes = describe_changes (self);
  outcome = describe_outcome (self);
  /* Translators: "What-if: M1 knocked out — 75.0 % of bits right, …" */
  text = g_strdup_printf (_("What-if: %s — %s"), changes, outcome);
  gtk_label_set_text (self->whatif_label, text);
}

void
_sculptor_window_lesion_update_inspector (SculptorWindow *self)
{
  const ScModule *module = detected_module (self, sculptor_module_inspector_get_module (self->inspector));
  gboolean knocked_out = self->lesion && module && sc_lesion_module_silenced (self->lesion, module);

  sculptor_module_inspector_set_lesion (self->inspector, knocked_out, self->lesion_task,
                                        self->lesion ? self->lesion_base : NULL,
                                        self->lesion_eval);
}

static void
update_all (SculptorWindow *self)
{
  sculptor_network_view_set_lesion (self->network_view, self->lesion);
  update_bar (self);
  _sculptor_window_lesion_update_inspector (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.whatif-restore", self->lesion != NULL);
}

void
_sculptor_window_lesion_reset (SculptorWindow *self)
{
  /* called for every network shown: nothing to do without a what-if */
  if (self->lesion == NULL && self->lesion_cancellable == NULL)
    return;
  if (self->lesion_cancellable)
    g_cancellable_cancel (self->lesion_cancellable);
  g_clear_object (&self->lesion_cancellable);
  g_clear_pointer (&self->lesion, sc_lesion_free);
  g_clear_pointer (&self->lesion_of, sc_snapshot_unref);
  g_clear_pointer (&self->lesion_base, sc_lesion_eval_free);
  g_clear_pointer (&self->lesion_eval, sc_lesion_eval_free);
  g_clear_pointer (&self->lesion_error, g_free);
  update_all (self);
}

void
_sculptor_window_lesion_dispose (SculptorWindow *self)
{
  if (self->lesion_cancellable)
    g_cancellable_cancel (self->lesion_cancellable);
  g_clear_object (&self->lesion_cancellable);
  g_clear_pointer (&self->lesion, sc_lesion_free);
  g_clear_pointer (&self->lesion_of, sc_snapshot_unref);
  g_clear_pointer (&self->lesion_base, sc_lesion_eval_free);
  g_clear_pointer (&self->lesion_eval, sc_lesion_eval_free);
  g_clear_pointer (&self->lesion_error, g_free);
  g_clear_pointer (&self->lesion_task, sc_task_unref);
}

/* ---- evaluation ------------------------------------------------------ */

typedef struct
{
  ScSnapshot   *snapshot;
  ScLesion     *lesion;
  ScTask       *task;        /* may lack its data: then loaded here */
  gboolean      want_base;
  guint         batch_size;
  ScLesionEval *base;
  ScLesionEval *eval;
} EvalJob;

static void
eval_job_free (gpointer data)
{
  EvalJob *job = data;

  sc_snapshot_unref (job->snapshot);
  sc_lesion_free (job->lesion);
  sc_task_unref (job->task);
  sc_lesion_eval_free (job->base);
  sc_lesion_eval_free (job->eval);
  g_free (job);
}

/* An opened MNIST run keeps no digits: they are composed again, with the
 * default sizes (a run file does not record them). */
static gboolean
ensure_data (EvalJob       *job,
             GError       **error)
{
  ScTask *task;

  if (job->task->test != NULL)
    return TRUE;
  if (job->task->kind != SC_TASK_IMAGE)
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_NOT_FOUND,
                           _("the test set of this run's task is not available"));
      return FALSE;
    }
  if (!(task = sc_mnist_load_task (job->task->name, NULL, NULL, NULL, error)))
    return FALSE;
  sc_task_unref (job->task);
  job->task = task;
  return TRUE;
}

static gboolean
eval_job_run (EvalJob       *job,
              GCancellable  *cancellable,
              GError       **error)
{
  if (!ensure_data (job, error))
    return FALSE;
  if (job->want_base &&
      !(job->base = sc_lesion_evaluate_snapshot (NULL, job->snapshot, job->task->test,
                                                 job->batch_size, SC_BACKEND_PORTABLE,
                                                 cancellable, error)))
    return FALSE;
  job->eval = sc_lesion_evaluate_snapshot (job->lesion, job->snapshot, job->task->test,
                                           job->batch_size, SC_BACKEND_PORTABLE, cancellable,
                                           error);
  return job->eval != NULL;
}

static void
eval_thread (GTask        *task,
             gpointer      source,
             gpointer      data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (eval_job_run (data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
apply_job (SculptorWindow *self,
           EvalJob        *job)
{
  if (job->task != self->lesion_task)
    {
      g_clear_pointer (&self->lesion_task, sc_task_unref);
      self->lesion_task = sc_task_ref (job->task);
    }
  if (job->base)
    {
      g_clear_pointer (&self->lesion_base, sc_lesion_eval_free);
      self->lesion_base = g_steal_pointer (&job->base);
    }
  g_clear_pointer (&self->lesion_eval, sc_lesion_eval_free);
  self->lesion_eval = g_steal_pointer (&job->eval);
}

static void
on_eval_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  SculptorWindow *self = SCULPTOR_WINDOW (source);
  GCancellable *cancellable = g_task_get_cancellable (G_TASK (result));
  g_autoptr(GError) error = NULL;

  /* A newer change or a restore made this result stale. */
  if (!g_task_propagate_boolean (G_TASK (result), &error) && g_cancellable_is_cancelled (cancellable))
    return;
  if (cancellable != self->lesion_cancellable || self->lesion == NULL)
    return;
  g_clear_object (&self->lesion_cancellable);
  if (error)
    {
      g_free (self->lesion_error);
      self->lesion_error = g_strdup (error->message);
    }
  else
    apply_job (self, g_task_get_task_data (G_TASK (result)));
  update_all (self);
}

static EvalJob *
eval_job_new (SculptorWindow *self)
{
  EvalJob *job = g_new0 (EvalJob, 1);

  job->snapshot = sc_snapshot_ref (self->lesion_of);
  job->lesion = sc_lesion_copy (self->lesion);
  job->task = sc_task_ref (self->lesion_task ? self->lesion_task : self->task);
  job->want_base = self->lesion_base == NULL;
  job->batch_size = batch_size (self);
  return job;
}

static void
evaluate (SculptorWindow *self)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  EvalJob *job;

  if (self->lesion_cancellable)
    g_cancellable_cancel (self->lesion_cancellable);
  g_clear_object (&self->lesion_cancellable);
  g_clear_pointer (&self->lesion_eval, sc_lesion_eval_free);
  g_clear_pointer (&self->lesion_error, g_free);

  job = eval_job_new (self);
  /* A truth table takes microseconds: no thread, no flicker. */
  if (job->task->kind == SC_TASK_BOOLEAN)
    {
      if (eval_job_run (job, NULL, &error))
        apply_job (self, job);
      else
        self->lesion_error = g_strdup (error->message);
      eval_job_free (job);
      update_all (self);
      return;
    }

  self->lesion_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->lesion_cancellable, on_eval_done, NULL);
  g_task_set_source_tag (task, evaluate);
  g_task_set_task_data (task, job, eval_job_free);
  g_task_run_in_thread (task, eval_thread);
  update_all (self);
}

/* ---- changes ----------------------------------------------------------- */

/* The what-if of the network on screen, made when the first change comes. */
static ScLesion *
ensure_lesion (SculptorWindow *self)
{
  if (self->shown == NULL || self->task == NULL)
    return NULL;
  if (self->lesion == NULL)
    {
      self->lesion = sc_lesion_new (self->shown->arch, self->shown->n_layers);
      self->lesion_of = sc_snapshot_ref (self->shown);
      /* keep the digits an earlier what-if loaded for this MNIST task */
      if (!(self->task->test == NULL && self->lesion_task && self->lesion_task->test &&
            g_strcmp0 (self->lesion_task->name, self->task->name) == 0))
        {
          g_clear_pointer (&self->lesion_task, sc_task_unref);
          self->lesion_task = sc_task_ref (self->task);
        }
    }
  return self->lesion;
}

static void
changed (SculptorWindow *self)
{
  if (self->lesion && sc_lesion_is_empty (self->lesion))
    {
      _sculptor_window_lesion_reset (self);
      return;
    }
  evaluate (self);
}

void
_sculptor_window_lesion_set_module (SculptorWindow *self,
                                    int             index,
                                    gboolean        silenced)
{
  const ScModule *module = detected_module (self, index);

  if (module == NULL || (silenced && ensure_lesion (self) == NULL) || self->lesion == NULL)
    {
      _sculptor_window_lesion_update_inspector (self);
      return;
    }
  sc_lesion_set_module (self->lesion, module, silenced);
  changed (self);
}

static void
knock_out_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  SculptorWindow *self = SCULPTOR_WINDOW (widget);
  int index = sculptor_module_inspector_get_module (self->inspector);
  const ScModule *module = detected_module (self, index);

  if (parameter != NULL && self->detected && self->detected->modules)
    module = detected_module (self, index = sc_module_graph_find (self->detected->modules,
                                                                  g_variant_get_uint32 (parameter)));
  if (module == NULL)
    return;
  _sculptor_window_lesion_set_module (self, index,
                                      !(self->lesion && sc_lesion_module_silenced (self->lesion, module)));
}

static void
unit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SculptorWindow *self = SCULPTOR_WINDOW (widget);
  guint unit = g_variant_get_uint32 (parameter);
  ScLesion *lesion = ensure_lesion (self);

  if (lesion == NULL || unit >= lesion->n_units)
    return;
  /* inputs and outputs are not pruned: then nothing changes */
  sc_lesion_set_unit_pruned (lesion, unit, !lesion->pruned_units[unit]);
  changed (self);
}

static void
edge_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SculptorWindow *self = SCULPTOR_WINDOW (widget);
  ScLesion *lesion = ensure_lesion (self);
  guint k, i, j;

  g_variant_get (parameter, "(uuu)", &k, &i, &j);
  if (lesion == NULL || k + 1 >= lesion->n_layers || i >= lesion->arch[k] ||
      j >= lesion->arch[k + 1])
    return;
  sc_lesion_set_edge_pruned (lesion, k, i, j,
                             !lesion->pruned_edges->m[k][(gsize) j * lesion->arch[k] + i]);
  changed (self);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  _sculptor_window_lesion_reset (SCULPTOR_WINDOW (widget));
}

void
_sculptor_window_class_lesion_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.knock-out", NULL, knock_out_action);
  gtk_widget_class_install_action (widget_class, "win.knock-out-id", "u", knock_out_action);
  gtk_widget_class_install_action (widget_class, "win.whatif-unit", "u", unit_action);
  gtk_widget_class_install_action (widget_class, "win.whatif-edge", "(uuu)", edge_action);
  gtk_widget_class_install_action (widget_class, "win.whatif-restore", NULL, restore_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_k, GDK_CONTROL_MASK,
                                       "win.knock-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.whatif-restore", NULL);
}
