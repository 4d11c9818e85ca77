/* sculptor-window.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sculptor-preferences.h"
#include "sculptor-window-private.h"
#include "sculptor-window-state.h"

G_DEFINE_FINAL_TYPE (SculptorWindow, sculptor_window, GTK_TYPE_APPLICATION_WINDOW)

#define DEFAULT_TASK "exemplar/input-separable"

/* The network being trained is published at most this often (ms): the
 * view redraws it at a steady rate, the worker copies little. */
#define TRAINING_FRAME_MS 50

guint
_sculptor_window_n_steps (SculptorWindow *self)
{
  if (self->runner)
    return sc_runner_get_n_steps (self->runner);
  if (self->loaded)
    return self->loaded->steps->len;
  return 0;
}

const ScStep *
_sculptor_window_get_step (SculptorWindow *self,
                           guint           index)
{
  if (self->runner)
    return &sc_runner_get_step (self->runner, index)->step;
  if (self->loaded)
    return &g_array_index (self->loaded->steps, ScStep, index);
  return NULL;
}

const ScRun *
_sculptor_window_get_run (SculptorWindow *self)
{
  if (self->runner)
    return sc_runner_get_run (self->runner);
  return self->loaded;
}

void
_sculptor_window_set_message (SculptorWindow *self,
                              const char     *message)
{
  gtk_label_set_text (self->status_message, message ? message : "");
}

void
_sculptor_window_show_error (SculptorWindow *self,
                             const char     *primary,
                             const GError   *error)
{
  GtkWidget *dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                              GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                              GTK_MESSAGE_ERROR, GTK_BUTTONS_CLOSE,
                                              "%s", primary);

  if (error)
    gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s", error->message);
  g_signal_connect (dialog, "response", G_CALLBACK (gtk_window_destroy), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_inspector (SculptorWindow *self)
{
  /* the final network's analysis carries the score, the steps' none */
  sculptor_module_inspector_set_module (self->inspector, self->task, self->detected,
                                        sculptor_network_view_get_selected_module (self->network_view));
  _sculptor_window_lesion_update_inspector (self);
}

static void
on_inspector_knock_out (SculptorWindow *self,
                        gboolean        silenced)
{
  _sculptor_window_lesion_set_module (self, sculptor_module_inspector_get_module (self->inspector),
                                      silenced);
}

static void
select_module (SculptorWindow *self,
               int             module)
{
  sculptor_network_view_set_selected_module (self->network_view, module);
  sculptor_hierarchy_view_set_selected_module (self->hierarchy_view, module);
  update_inspector (self);
}

static void
on_network_module_selected (SculptorWindow *self,
                            int             module)
{
  select_module (self, module);
}

static void
on_hierarchy_module_selected (SculptorWindow *self,
                              int             module)
{
  select_module (self, module);
}

/* The module of analysis that continues the one selected before (the same
 * colour key: it shares the most units), else the one with its id. */
static int
module_index_following (SculptorWindow   *self,
                        const ScAnalysis *analysis,
                        int               id,
                        int               key)
{
  const ScModuleColors *colors = _sculptor_window_colors_for (self, analysis);

  if (id < 0 || analysis == NULL)
    return -1;
  if (colors != NULL && key >= 0)
    for (guint m = 0; m < analysis->modules->n_modules; m++)
      if (sc_module_colors_key (colors, analysis->modules->modules[m].id) == (guint) key)
        return (int) m;
  return sc_module_graph_find (analysis->modules, (guint) id);
}

static int
selected_module_id (SculptorWindow *self)
{
  int module = sculptor_network_view_get_selected_module (self->network_view);

  if (module < 0 || (guint) module >= sc_analysis_n_modules (self->detected))
    return -1;
  return (int) self->detected->modules->modules[module].id;
}

/* Shows snapshot in the network view with its modules (analysis), and
 * the latest modules up to it in the hierarchy and inspector. */
void
_sculptor_window_show_snapshot (SculptorWindow *self,
                                ScSnapshot     *snapshot,
                                ScAnalysis     *analysis,
                                gboolean        animate)
{
  int selected_id = selected_module_id (self);
  int selected_key = selected_id < 0 ? -1
                     : (int) sc_module_colors_key (_sculptor_window_colors_for (self, self->detected),
                                                   (guint) selected_id);

  if (snapshot == self->shown && analysis == self->shown_analysis)
    return;

  /* a what-if belongs to the network it changed */
  _sculptor_window_lesion_reset (self);
  g_clear_pointer (&self->shown, sc_snapshot_unref);
  g_clear_pointer (&self->shown_analysis, sc_analysis_unref);
  self->shown = snapshot ? sc_snapshot_ref (snapshot) : NULL;
  self->shown_analysis = analysis ? sc_analysis_ref (analysis) : NULL;
  sculptor_network_view_set_module_colors (self->network_view,
                                           _sculptor_window_colors_for (self, analysis));
  sculptor_network_view_set_snapshot (self->network_view, snapshot, analysis, animate);

  if (analysis && analysis != self->detected)
    {
      g_clear_pointer (&self->detected, sc_analysis_unref);
      self->detected = sc_analysis_ref (analysis);
      /* the tree's and inspector's swatches read the window's colours */
      g_object_set_data_full (G_OBJECT (self), SCULPTOR_MODULE_COLORS_KEY,
                              sc_module_colors_copy (_sculptor_window_colors_for (self, analysis)),
                              (GDestroyNotify) sc_module_colors_free);
      sculptor_hierarchy_view_set_modules (self->hierarchy_view, self->task, self->detected);
      select_module (self, module_index_following (self, self->detected, selected_id, selected_key));
      gtk_widget_queue_draw (GTK_WIDGET (self->inspector));
    }
  else if (snapshot == NULL)
    {
      g_clear_pointer (&self->detected, sc_analysis_unref);
      g_object_set_data (G_OBJECT (self), SCULPTOR_MODULE_COLORS_KEY, NULL);
      sculptor_hierarchy_view_set_modules (self->hierarchy_view, self->task, NULL);
      select_module (self, -1);
    }
}

static char *
format_elapsed (double seconds)
{
  guint s = (guint) seconds;

  if (s >= 3600)
    return g_strdup_printf ("%u:%02u:%02u", s / 3600, (s / 60) % 60, s % 60);
  return g_strdup_printf ("%u:%02u", s / 60, s % 60);
}

/* The network appears with the first step; a dense MNIST training takes
 * minutes before that, and "Press Run" would be wrong meanwhile. */
static void
update_placeholder (SculptorWindow *self,
                    guint           n_steps)
{
  g_autofree char *subtitle = NULL;
  guint n_epochs;

  if (self->runner == NULL || n_steps > 0 || sc_runner_get_training_snapshot (self->runner) ||
      sc_runner_get_state (self->runner) >= SC_RUNNER_FINISHED)
    {
      sculptor_network_view_set_placeholder (self->network_view, NULL, NULL);
      return;
    }

  n_epochs = sc_runner_get_n_epochs (self->runner);
  subtitle = n_epochs > 0
             ? g_strdup_printf (_("Epoch %u/%u"),
                                sc_runner_get_epoch (self->runner), n_epochs)
             : g_strdup (_("Preparing the data"));
  sculptor_network_view_set_placeholder (self->network_view, _("Training the dense network…"),
                                         subtitle);
}

static void
update_status (SculptorWindow *self)
{
  guint n = _sculptor_window_n_steps (self);
  guint index = self->shown_step >= 0 ? (guint) self->shown_step : n ? n - 1 : 0;
  const ScStep *step = n ? _sculptor_window_get_step (self, MIN (index, n - 1)) : NULL;
  ScStage stage = self->runner ? sc_runner_get_stage (self->runner)
                               : step ? step->stage : SC_STAGE_DENSE;
  g_autofree char *step_text = NULL;
  g_autofree char *target = NULL;
  g_autofree char *accuracy = NULL;
  g_autofree char *density = NULL;
  g_autofree char *elapsed = NULL;

  /* a finished run, live or opened from a file, shown at its end */
  if (self->shown_step < 0 &&
      ((self->runner && sc_runner_get_state (self->runner) >= SC_RUNNER_FINISHED) ||
       (!self->runner && self->loaded)))
    stage = SC_STAGE_DONE;
  if (self->shown_step >= 0 && step)
    stage = step->stage;

  if (stage == SC_STAGE_DONE && self->shown_step < 0 && _sculptor_window_get_run (self))
    {
      /* Finished: describe the network the run ended with. */
      const ScSnapshot *final = _sculptor_window_get_run (self)->final;

      step_text = g_strdup_printf (_("%u steps"), n);
      target = g_strdup_printf (_("Pruned %.2f%%"), 100.0 * (1.0 - final->density));
      accuracy = g_strdup_printf (_("Accuracy %.2f%%"), final->accuracy);
      density = g_strdup_printf (_("Density %.3g %%"), 100.0 * final->density);
    }
  else if (step)
    {
      step_text = g_strdup_printf (_("Step %u/%u"), MIN (index, n - 1) + 1, n);
      target = step->retrain_only ? g_strdup (_("Training"))
                                  : g_strdup_printf (_("Target %.2f%%"), step->target);
      /* A rejected step's numbers are its trial's, not the network the
       * run goes on with: say so. */
      if (!step->trained)
        accuracy = g_strdup (_("Rejected, not trained"));
      else if (!step->accepted && !step->retrain_only)
        accuracy = g_strdup_printf (_("Rejected: accuracy %.2f%%"), step->accuracy);
      else
        accuracy = g_strdup_printf (_("Accuracy %.2f%%"), step->accuracy);
      density = !step->trained ? g_strdup ("")
                : !step->accepted && !step->retrain_only
                ? g_strdup_printf (_("Trial density %.3g %%"), 100.0 * step->density)
                : g_strdup_printf (_("Density %.3g %%"), 100.0 * step->density);
    }
  else if (self->runner && sc_runner_get_n_epochs (self->runner) > 0)
    step_text = g_strdup_printf (_("Epoch %u/%u"), sc_runner_get_epoch (self->runner),
                                 sc_runner_get_n_epochs (self->runner));

  /* Following a live run while the next step's network trains: that
   * training is what is going on, not the last step. */
  if (self->shown_step < 0 && self->runner && step &&
      sc_runner_get_state (self->runner) <= SC_RUNNER_PAUSED &&
      self->panel_training >= 0 && self->panel_step == n &&
      sculptor_training_panel_get_outcome (self->training_panel) == SCULPTOR_OUTCOME_NONE)
    {
      g_free (step_text);
      g_free (target);
      g_free (accuracy);
      g_free (density);
      step_text = g_strdup_printf (_("Step %u"), n + 1);
      target = g_strdup (_("Training"));
      accuracy = g_strdup_printf (_("Epoch %u/%u"), sc_runner_get_epoch (self->runner),
                                  sc_runner_get_n_epochs (self->runner));
      density = NULL;
    }

  gtk_label_set_text (self->status_stage,
                      self->runner || self->loaded ? sc_stage_label (stage) : _("Ready"));
  gtk_label_set_text (self->status_step, step_text ? step_text : "");
  gtk_label_set_text (self->status_target, target ? target : "");
  gtk_label_set_text (self->status_accuracy, accuracy ? accuracy : "");
  gtk_label_set_text (self->status_density, density ? density : "");
  elapsed = format_elapsed (self->runner ? sc_runner_get_elapsed (self->runner)
                            : self->loaded ? self->loaded->total_seconds : 0.0);
  gtk_label_set_text (self->status_elapsed, elapsed);
  update_placeholder (self, n);
}

void
_sculptor_window_show_step (SculptorWindow *self,
                            int             index)
{
  guint n = _sculptor_window_n_steps (self);
  const ScRun *run = _sculptor_window_get_run (self);

  if (index >= (int) n)
    index = -1;
  self->shown_step = index;
  sculptor_timeline_set_selected (self->timeline, index);

  if (index >= 0)
    {
      /* Steps whose network was dropped (memory budget) or never trained
       * show the closest earlier network. */
      for (int i = index; i >= 0; i--)
        {
          const ScStep *step = _sculptor_window_get_step (self, (guint) i);

          if (step->snapshot)
            {
              const ScStep *base = NULL;

              /* a network without modules is drawn in the layout of the
               * last one with modules before it */
              for (int j = i; step->analysis == NULL && j-- > 0 && base == NULL;)
                {
                  const ScStep *earlier = _sculptor_window_get_step (self, (guint) j);

                  if (earlier->snapshot && earlier->analysis)
                    base = earlier;
                }
              sculptor_network_view_set_layout_base (self->network_view,
                                                     base ? base->snapshot : NULL,
                                                     base ? base->analysis : NULL,
                                                     _sculptor_window_colors_for (self,
                                                                                  base ? base->analysis : NULL));
              _sculptor_window_show_snapshot (self, step->snapshot, step->analysis, FALSE);
              break;
            }
        }
    }
  else if (run && run->final)
    _sculptor_window_show_snapshot (self, run->final, run->analysis, FALSE);
  else if (self->runner && sc_runner_get_snapshot (self->runner))
    _sculptor_window_show_snapshot (self, sc_runner_get_snapshot (self->runner),
                                    sc_runner_get_analysis (self->runner), FALSE);

  update_status (self);
}

static void
on_timeline_step_selected (SculptorWindow *self,
                           int             index)
{
  _sculptor_window_show_step (self, index);
}

static void
update_titles (SculptorWindow *self)
{
  ScTask *task = self->task ? self->task : sculptor_settings_panel_get_task (self->settings_panel);
  g_autofree char *subtitle = NULL;

  g_autofree char *title = NULL;

  /* the file open (or saved to) names the window, like a document */
  gtk_label_set_text (self->title_label, self->file_name ? self->file_name : _("Sculptor"));
  title = self->file_name ? g_strdup_printf (_("%s — Sculptor"), self->file_name)
                          : g_strdup (_("Sculptor"));
  gtk_window_set_title (GTK_WINDOW (self), title);
  if (task == NULL)
    return;
  subtitle = sc_task_display_title (task);
  gtk_label_set_text (self->subtitle_label, subtitle);
}

void
_sculptor_window_set_file (SculptorWindow *self,
                           const char     *path)
{
  g_clear_pointer (&self->file_name, g_free);
  if (path)
    self->file_name = g_path_get_basename (path);
  update_titles (self);
}

void
_sculptor_window_update_actions (SculptorWindow *self)
{
  ScRunnerState state = self->runner ? sc_runner_get_state (self->runner) : SC_RUNNER_IDLE;
  gboolean running = state == SC_RUNNER_RUNNING;
  gboolean active = state == SC_RUNNER_RUNNING || state == SC_RUNNER_PAUSED;
  const ScRun *run = _sculptor_window_get_run (self);

  gtk_image_set_from_icon_name (self->run_icon, running ? "media-playback-pause-symbolic"
                                                        : "media-playback-start-symbolic");
  gtk_label_set_text (self->run_label, running ? _("Pause")
                                       : state == SC_RUNNER_PAUSED ? _("Resume") : _("Run"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.stop", active);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.step",
                                 state != SC_RUNNER_FINISHED || self->runner == NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.save-run", run != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export", self->shown != NULL);
  sculptor_settings_panel_set_locked (self->settings_panel, active);
}

static void
on_runner_state (SculptorWindow *self)
{
  ScRunnerState state = sc_runner_get_state (self->runner);

  switch (state)
    {
    case SC_RUNNER_RUNNING:
      _sculptor_window_set_message (self, _("Sculpting…"));
      break;
    case SC_RUNNER_PAUSED:
      _sculptor_window_set_message (self, _("Paused"));
      break;
    case SC_RUNNER_CANCELLED:
      _sculptor_window_set_message (self, _("Stopped"));
      break;
    default:
      break;
    }
  _sculptor_window_update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.whatif-restore", FALSE);
  update_status (self);
}

static void
on_runner_step_added (SculptorWindow *self,
                      guint           index)
{
  const ScStep *step = &sc_runner_get_step (self->runner, index)->step;

  sculptor_timeline_append (self->timeline, step);
  _sculptor_window_training_step_decided (self, index);
  _sculptor_window_colors_add_steps (self, index + 1);
  _sculptor_window_follow_step (self, index);
  update_status (self);
}

static void
on_runner_stage (SculptorWindow *self)
{
  sculptor_timeline_set_stage (self->timeline, sc_runner_get_stage (self->runner));
  update_status (self);
}

static void
describe_score (SculptorWindow *self,
                const ScRun    *run)
{
  guint n_modules = sc_analysis_n_modules (run->analysis);
  g_autofree char *message = NULL;

  if (run->analysis->score)
    message = g_strdup_printf (run->analysis->score->success
                               ? _("Done: %u modules, ground-truth structure recovered")
                               : _("Done: %u modules, ground-truth structure not recovered"),
                               n_modules);
  else
    message = g_strdup_printf (_("Done: %u modules"), n_modules);
  _sculptor_window_set_message (self, message);
}

static void
on_runner_finished (SculptorWindow *self)
{
  const ScRun *run = sc_runner_get_run (self->runner);
  const GError *error = sc_runner_get_error (self->runner);

  _sculptor_window_clear_trial (self);
  if (run)
    {
      _sculptor_window_colors_add_steps (self, sc_runner_get_n_steps (self->runner));
      _sculptor_window_colors_add_final (self, run->analysis);
      if (self->shown_step < 0)
        _sculptor_window_show_snapshot (self, run->final, run->analysis, TRUE);
      update_inspector (self);
      describe_score (self, run);
    }
  else if (error && !g_error_matches (error, SC_ERROR, SC_ERROR_CANCELLED))
    _sculptor_window_show_error (self, _("The run failed"), error);

  sculptor_timeline_set_stage (self->timeline, SC_STAGE_DONE);
  _sculptor_window_update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.whatif-restore", FALSE);
  update_status (self);
}

static gboolean
tick_elapsed (gpointer data)
{
  SculptorWindow *self = data;

  update_status (self);
  return G_SOURCE_CONTINUE;
}

static void
stop_runner (SculptorWindow *self)
{
  if (self->runner == NULL)
    return;

  g_signal_handlers_disconnect_by_data (self->runner, self);
  sc_runner_stop_sync (self->runner);
  g_clear_object (&self->runner);
}

static void
reset_view (SculptorWindow *self)
{
  self->shown_step = -1;
  _sculptor_window_clear_trial (self);
  _sculptor_window_training_reset (self);
  sculptor_timeline_clear (self->timeline);
  _sculptor_window_show_snapshot (self, NULL, NULL, FALSE);
  _sculptor_window_colors_reset (self);
}

void
_sculptor_window_start (SculptorWindow *self)
{
  ScTask *task = sculptor_settings_panel_get_task (self->settings_panel);
  g_autoptr(GError) error = NULL;
  ScHyper hyper;

  if (task == NULL)
    return;

  sc_hyper_init_defaults (&hyper);
  if (!sculptor_settings_panel_get_hyper (self->settings_panel, &hyper, &error))
    {
      g_autofree char *message = g_strdup_printf (_("Cannot run: %s"), error->message);

      _sculptor_window_set_message (self, message);
      sc_hyper_clear (&hyper);
      return;
    }

  stop_runner (self);
  _sculptor_window_cancel_open (self);
  /* No run computes now: safe to change the OpenBLAS threads. */
  sculptor_preferences_apply_threads ();
  g_clear_pointer (&self->loaded, sc_run_free);
  g_clear_pointer (&self->task, sc_task_unref);
  g_clear_pointer (&self->file_name, g_free);
  self->task = sc_task_ref (task);
  reset_view (self);
  sculptor_network_view_set_task (self->network_view, task);
  update_titles (self);

  self->runner = sc_runner_new (task, &hyper);
  sc_hyper_clear (&hyper);
  sc_runner_set_backend (self->runner, sculptor_preferences_get_backend ());
  sc_runner_set_live_detection (self->runner,
                                sculptor_settings_panel_get_live_detection (self->settings_panel));
  _sculptor_window_apply_pace (self);
  sc_runner_set_training_snapshots (self->runner, TRAINING_FRAME_MS);
  g_signal_connect_swapped (self->runner, "notify::state", G_CALLBACK (on_runner_state), self);
  g_signal_connect_swapped (self->runner, "notify::stage", G_CALLBACK (on_runner_stage), self);
  g_signal_connect_swapped (self->runner, "notify::epoch", G_CALLBACK (update_status), self);
  g_signal_connect_swapped (self->runner, "step-added", G_CALLBACK (on_runner_step_added), self);
  g_signal_connect_swapped (self->runner, "epochs-added", G_CALLBACK (_sculptor_window_on_epochs), self);
  g_signal_connect_swapped (self->runner, "training-snapshot",
                            G_CALLBACK (_sculptor_window_on_training_snapshot), self);
  g_signal_connect_swapped (self->runner, "finished", G_CALLBACK (on_runner_finished), self);
}

void
_sculptor_window_load_run (SculptorWindow *self,
                           ScRun          *run)
{
  /* The panel first (opening a run replaces the one shown: no question). */
  self->keep_task++;
  sculptor_settings_panel_set_task (self->settings_panel, run->task);
  sculptor_settings_panel_set_hyper (self->settings_panel, &run->hyper);
  self->keep_task--;

  stop_runner (self);
  g_clear_pointer (&self->loaded, sc_run_free);
  g_clear_pointer (&self->task, sc_task_unref);
  /* (its steps' modules were detected as it was read: sculptor-window-files.c) */
  self->loaded = run;
  self->task = sc_task_ref (run->task);
  reset_view (self);
  sculptor_network_view_set_task (self->network_view, run->task);

  for (guint i = 0; i < run->steps->len; i++)
    sculptor_timeline_append (self->timeline, &g_array_index (run->steps, ScStep, i));
  _sculptor_window_colors_add_steps (self, run->steps->len);
  _sculptor_window_colors_add_final (self, run->analysis);
  sculptor_timeline_set_stage (self->timeline, SC_STAGE_DONE);
  _sculptor_window_show_step (self, -1);
  update_titles (self);
  describe_score (self, run);
  _sculptor_window_update_actions (self);
}

static void
apply_task (SculptorWindow *self,
            ScTask         *task)
{
  stop_runner (self);
  _sculptor_window_cancel_open (self);
  g_clear_pointer (&self->loaded, sc_run_free);
  g_clear_pointer (&self->task, sc_task_unref);
  self->task = sc_task_ref (task);
  g_clear_pointer (&self->file_name, g_free);
  reset_view (self);
  sculptor_network_view_set_task (self->network_view, task);
  update_titles (self);
  _sculptor_window_set_message (self, _("Ready: press Run"));
  _sculptor_window_update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.whatif-restore", FALSE);
  update_status (self);
}

/* A finished run (live or opened) that switching task would discard. */
static gboolean
has_run_to_discard (SculptorWindow *self)
{
  if (self->loaded)
    return TRUE;
  return self->runner && sc_runner_get_n_steps (self->runner) > 0 &&
         sc_runner_get_state (self->runner) >= SC_RUNNER_FINISHED;
}

static void
on_discard_response (GtkDialog      *dialog,
                     int             response,
                     SculptorWindow *self)
{
  ScTask *task = sculptor_settings_panel_get_task (self->settings_panel);

  gtk_window_destroy (GTK_WINDOW (dialog));
  if (response == GTK_RESPONSE_ACCEPT && task)
    apply_task (self, task);
  else if (self->task)
    {
      /* keep the run: the chooser goes back to its task */
      self->keep_task++;
      sculptor_settings_panel_set_task (self->settings_panel, self->task);
      self->keep_task--;
    }
}

static void
on_task_changed (SculptorWindow *self)
{
  ScTask *task = sculptor_settings_panel_get_task (self->settings_panel);
  GtkWidget *dialog;

  /* A new task replaces whatever was shown, once no run is in progress. */
  if (self->keep_task > 0 ||
      (self->runner && sc_runner_get_state (self->runner) <= SC_RUNNER_PAUSED &&
       sc_runner_get_state (self->runner) != SC_RUNNER_IDLE))
    return;
  if (task == self->task)
    return;
  if (!has_run_to_discard (self))
    {
      apply_task (self, task);
      return;
    }

  dialog = gtk_message_dialog_new (GTK_WINDOW (self),
                                   GTK_DIALOG_MODAL | GTK_DIALOG_DESTROY_WITH_PARENT,
                                   GTK_MESSAGE_QUESTION, GTK_BUTTONS_NONE,
                                   "%s", _("Discard the current run?"));
  gtk_message_dialog_format_secondary_text (GTK_MESSAGE_DIALOG (dialog), "%s",
                                            _("Switching the task discards the run shown. Save it first (Ctrl+S) to keep it."));
  gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Cancel"), GTK_RESPONSE_CANCEL);
  gtk_widget_add_css_class (gtk_dialog_add_button (GTK_DIALOG (dialog), _("_Discard"),
                                                   GTK_RESPONSE_ACCEPT),
                            "destructive-action");
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_discard_response), self);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_speed_changed (SculptorWindow *self)
{
  _sculptor_window_apply_pace (self);
}

static gboolean
sculptor_window_close_request (GtkWindow *window)
{
  _sculptor_window_state_save (SCULPTOR_WINDOW (window));
  /* Cancel the worker cleanly before the widgets go. */
  stop_runner (SCULPTOR_WINDOW (window));

  return GTK_WINDOW_CLASS (sculptor_window_parent_class)->close_request (window);
}

static void
sculptor_window_dispose (GObject *object)
{
  SculptorWindow *self = SCULPTOR_WINDOW (object);

  stop_runner (self);
  _sculptor_window_cancel_open (self);
  g_clear_handle_id (&self->elapsed_source, g_source_remove);
  g_clear_handle_id (&self->trial_source, g_source_remove);
  /* GTK 4.8: dispose_template unparents the header bar, which GtkWindow
   * still holds as its titlebar (a critical on every close); drop it here. */
  gtk_window_set_titlebar (GTK_WINDOW (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), SCULPTOR_TYPE_WINDOW);
  _sculptor_window_lesion_dispose (self);
  g_clear_pointer (&self->loaded, sc_run_free);
  g_clear_pointer (&self->shown, sc_snapshot_unref);
  g_clear_pointer (&self->shown_analysis, sc_analysis_unref);
  g_clear_pointer (&self->detected, sc_analysis_unref);
  g_clear_pointer (&self->task, sc_task_unref);
  g_clear_pointer (&self->file_name, g_free);
  if (self->step_colors)
    _sculptor_window_colors_reset (self);
  g_clear_pointer (&self->step_colors, g_ptr_array_unref);

  G_OBJECT_CLASS (sculptor_window_parent_class)->dispose (object);
}

static void
sculptor_window_class_init (SculptorWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = sculptor_window_dispose;
  window_class->close_request = sculptor_window_close_request;

  g_type_ensure (SCULPTOR_TYPE_SETTINGS_PANEL);
  g_type_ensure (SCULPTOR_TYPE_NETWORK_VIEW);
  g_type_ensure (SCULPTOR_TYPE_HIERARCHY_VIEW);
  g_type_ensure (SCULPTOR_TYPE_MODULE_INSPECTOR);
  g_type_ensure (SCULPTOR_TYPE_TIMELINE);
  g_type_ensure (SCULPTOR_TYPE_TRAINING_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sculptor/Sculptor/ui/sculptor-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, run_button);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, run_icon);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, run_label);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, speed_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, title_label);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, settings_panel);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, network_view);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, hierarchy_view);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, timeline);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, training_panel);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, status_stage);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, status_step);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, status_target);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, status_accuracy);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, status_density);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, status_message);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, status_elapsed);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, step_banner);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, whatif_bar);
  gtk_widget_class_bind_template_child (widget_class, SculptorWindow, whatif_label);
  gtk_widget_class_bind_template_callback (widget_class, on_inspector_knock_out);
  gtk_widget_class_bind_template_callback (widget_class, on_task_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_network_module_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_hierarchy_module_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_timeline_step_selected);

  _sculptor_window_class_actions_init (widget_class);
  _sculptor_window_class_lesion_init (widget_class);
}

static void
load_default_task (SculptorWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = sc_task_load_bundled (DEFAULT_TASK, &error);

  if (task == NULL)
    g_critical ("Default task: %s", error->message);
  else
    sculptor_settings_panel_set_task (self->settings_panel, task);
}

/* Space runs or pauses whatever has the focus — a focused button or
 * drop-down would otherwise take it — except where Space is typed. */
static gboolean
on_key_capture (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                SculptorWindow        *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (keyval != GDK_KEY_space || (state & gtk_accelerator_get_default_mod_mask ()) != 0)
    return FALSE;
  for (GtkWidget *w = focus; w != NULL; w = gtk_widget_get_parent (w))
    if (GTK_IS_EDITABLE (w) || GTK_IS_TEXT_VIEW (w) || GTK_IS_POPOVER (w))
      return FALSE;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.run", NULL);
  return TRUE;
}

static void
sculptor_window_init (SculptorWindow *self)
{
  GtkEventController *keys;

  self->shown_step = -1;
  self->panel_training = -1;
  self->trained_step = -1;
  gtk_widget_init_template (GTK_WIDGET (self));

#if DEVELOPMENT_BUILD
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  g_signal_connect_swapped (self->speed_dropdown, "notify::selected",
                            G_CALLBACK (on_speed_changed), self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_capture), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
  self->elapsed_source = g_timeout_add_seconds (1, tick_elapsed, self);
  load_default_task (self);
  /* Space runs from the start: the network view has the focus, not the
   * task chooser (which would open on Space). */
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->network_view));
  _sculptor_window_update_actions (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.whatif-restore", FALSE);
  update_status (self);
}

SculptorWindow *
sculptor_window_new (SculptorApplication *app)
{
  return g_object_new (SCULPTOR_TYPE_WINDOW, "application", app, NULL);
}
