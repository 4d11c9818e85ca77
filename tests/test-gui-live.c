/* test-gui-live.c — watching a run: the default pace, every step on
 * screen, the speed remembered
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "sculptor-preferences.h"
#include "sculptor-resources.h"
#include "sculptor-training-panel.h"
#include "sculptor-window-private.h"
#include "sculptor-window-state.h"

#include "gui-test-util.h"

/* Every wait is on a condition, with a deadline that only a hang reaches. */
static gboolean
wait_until (gboolean (*done) (gpointer),
            gpointer   data,
            guint      seconds)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) seconds * G_TIME_SPAN_SECOND;

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  return TRUE;
}

static gboolean
window_mapped (gpointer data)
{
  return gtk_widget_get_mapped (data) && !sculptor_network_view_is_busy (SCULPTOR_WINDOW (data)->network_view);
}

static gboolean
run_loaded (gpointer data)
{
  return SCULPTOR_WINDOW (data)->loaded != NULL;
}

static gboolean
run_ended (gpointer data)
{
  SculptorWindow *window = data;

  return window->runner && sc_runner_get_state (window->runner) >= SC_RUNNER_FINISHED;
}

static SculptorWindow *
new_window (gboolean restore)
{
  SculptorWindow *window = g_object_new (SCULPTOR_TYPE_WINDOW, NULL);

  if (restore)
    _sculptor_window_state_restore (window);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (wait_until (window_mapped, window, 30));
  return window;
}

static void
close_window (SculptorWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
reset_settings (GSettings *settings)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i]; i++)
    g_settings_reset (settings, keys[i]);
}

/* A new user watches: the default speed is "watch"; "as fast as
 * possible" is remembered once chosen; older saved speeds still load. */
static void
test_live_speed_setting (void)
{
  GSettings *settings = sculptor_preferences_get_settings ();
  SculptorWindow *window;
  g_autofree char *nick = NULL;

  g_assert_nonnull (settings);
  reset_settings (settings);

  window = new_window (TRUE);
  g_assert_cmpstr (_sculptor_window_get_pace (window)->nick, ==, "watch");
  g_assert_cmpuint (_sculptor_window_get_pace (window)->train_ms, >, 0);
  gtk_drop_down_set_selected (window->speed_dropdown, 1);
  g_assert_cmpstr (_sculptor_window_get_pace (window)->nick, ==, "fastest");
  g_assert_cmpuint (_sculptor_window_get_pace (window)->accepted_ms, ==, 0);
  close_window (window);

  nick = g_settings_get_string (settings, "speed");
  g_assert_cmpstr (nick, ==, "fastest");
  window = new_window (TRUE);
  g_assert_cmpstr (_sculptor_window_get_pace (window)->nick, ==, "fastest");
  close_window (window);

  /* a value saved by an older version, before "watch" existed */
  g_settings_set_string (settings, "speed", "slow-motion");
  window = new_window (TRUE);
  g_assert_cmpstr (_sculptor_window_get_pace (window)->nick, ==, "slow-motion");
  close_window (window);
  reset_settings (settings);
}

typedef struct
{
  SculptorWindow *window;
  GArray         *seen;       /* gint64 µs each step arrived */
  guint           n_trial_shown;
  guint           n_rejected_trained;
  guint           n_banner_right;
  guint           n_epoch_events;
  gboolean        failed_accepted_shown;
} Watch;

/* After the window's own handler: what the user sees when the step
 * arrives. */
static void
on_step_added (ScRunner *runner,
               guint     index,
               Watch    *watch)
{
  const ScStep *step = &sc_runner_get_step (runner, index)->step;
  ScSnapshot *shown = sculptor_network_view_get_snapshot (watch->window->network_view);
  const char *banner = gtk_label_get_text (watch->window->step_banner);
  gint64 now = g_get_monotonic_time ();

  g_array_append_val (watch->seen, now);
  if (step->retrain_only)
    return;
  if (step->accepted && shown != step->snapshot)
    watch->failed_accepted_shown = TRUE;
  if (!step->accepted && step->trained)
    {
      watch->n_rejected_trained++;
      if (shown == step->snapshot)
        watch->n_trial_shown++;
    }
  if (gtk_widget_get_visible (GTK_WIDGET (watch->window->step_banner)) &&
      gtk_widget_has_css_class (GTK_WIDGET (watch->window->step_banner),
                                step->accepted ? "accepted" : "rejected") && banner[0] != 0)
    watch->n_banner_right++;
}

static void
on_epoch (Watch *watch)
{
  watch->n_epoch_events++;
}

static gboolean
shows_last_accepted (gpointer data)
{
  SculptorWindow *window = data;
  ScSnapshot *shown = sculptor_network_view_get_snapshot (window->network_view);
  guint n = sc_runner_get_n_steps (window->runner);

  for (guint i = n; i-- > 0;)
    {
      const ScStep *step = &sc_runner_get_step (window->runner, i)->step;

      if (step->accepted && step->snapshot)
        return shown == step->snapshot;
    }
  return FALSE;
}

/* At the watching pace every step of the default task is on screen, the
 * rejected trials too (then the accepted network comes back), each held
 * at least its minimum time: the run is slow enough to follow. */
static void
test_live_watch_pace (void)
{
  SculptorWindow *window = new_window (FALSE);
  Watch watch = { .window = window, .seen = g_array_new (FALSE, FALSE, sizeof (gint64)) };
  const SculptorPace *pace;
  gint64 start;
  double seconds;
  guint n_steps, n_rejected = 0, n_trainings = 0, n_retrain_only = 0;

  gtk_drop_down_set_selected (window->speed_dropdown, 0);
  pace = _sculptor_window_get_pace (window);
  g_assert_cmpstr (pace->nick, ==, "watch");

  start = g_get_monotonic_time ();
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_nonnull (window->runner);
  g_signal_connect (window->runner, "step-added", G_CALLBACK (on_step_added), &watch);
  g_signal_connect_swapped (window->runner, "notify::epoch", G_CALLBACK (on_epoch), &watch);

  /* Halfway through a rejected trial's hold, the view is back on the
   * network the run goes on with. */
  while (!run_ended (window))
    {
      guint before = watch.n_rejected_trained;

      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
      if (watch.n_rejected_trained > before)
        g_assert_true (wait_until (shows_last_accepted, window, 10));
      g_assert_cmpint (g_get_monotonic_time () - start, <, 600 * G_TIME_SPAN_SECOND);
    }
  seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_cmpint (sc_runner_get_state (window->runner), ==, SC_RUNNER_FINISHED);

  n_steps = sc_runner_get_n_steps (window->runner);
  for (guint i = 0; i < n_steps; i++)
    {
      const ScStep *step = &sc_runner_get_step (window->runner, i)->step;

      n_rejected += !step->accepted;
      n_trainings += step->trained;
      n_retrain_only += step->retrain_only;
    }
  g_test_message ("%u steps (%u rejected) in %.1f s at the watching pace", n_steps, n_rejected,
                  seconds);

  g_assert_cmpuint (watch.seen->len, ==, n_steps);
  g_assert_false (watch.failed_accepted_shown);
  g_assert_cmpuint (watch.n_rejected_trained, >, 0);
  g_assert_cmpuint (watch.n_trial_shown, ==, watch.n_rejected_trained);
  /* every pruning step is announced (training-only steps prune nothing) */
  g_assert_cmpuint (watch.n_banner_right, ==, n_steps - n_retrain_only);
  /* epochs arrive one by one, not in bursts */
  g_assert_cmpuint (watch.n_epoch_events, >=, n_trainings * 5);

  /* Each step stays at least its hold before the next one arrives. */
  for (guint i = 1; i < watch.seen->len; i++)
    {
      const ScStep *prev = &sc_runner_get_step (window->runner, i - 1)->step;
      guint hold = prev->accepted ? pace->accepted_ms : pace->rejected_ms;
      gint64 gap = g_array_index (watch.seen, gint64, i) - g_array_index (watch.seen, gint64, i - 1);

      g_assert_cmpint (gap, >=, (gint64) hold * 1000 - 20000);
    }
  g_assert_cmpfloat (seconds, >=, (n_trainings * pace->train_ms +
                                   (n_steps - n_rejected) * pace->accepted_ms +
                                   n_rejected * pace->rejected_ms) / 1000.0 * 0.9);

  g_array_unref (watch.seen);
  close_window (window);
}

/* Scrubbing back from the final network: a selected module stays
 * selected as the module that continues it, in the same colour; colours
 * are the same whichever way the run is walked. */
static void
test_live_selection_and_colors (void)
{
  SculptorWindow *window = new_window (FALSE);
  const ScRun *run;
  const ScModuleColors *colors;
  guint key, n_steps, checked = 0;
  int module;

  gtk_drop_down_set_selected (window->speed_dropdown, 1);   /* as fast as possible */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (wait_until (run_ended, window, 120));
  run = sc_runner_get_run (window->runner);
  g_assert_nonnull (run);
  g_assert_true (window->detected == run->analysis);
  g_assert_cmpuint (run->analysis->modules->n_modules, >=, 2);

  sculptor_network_view_set_selected_module (window->network_view, 0);
  g_signal_emit_by_name (window->network_view, "module-selected", 0);
  colors = _sculptor_window_colors_for (window, run->analysis);
  g_assert_nonnull (colors);
  key = sc_module_colors_key (colors, run->analysis->modules->modules[0].id);

  n_steps = sc_runner_get_n_steps (window->runner);
  for (guint i = n_steps; i-- > 0;)
    {
      const ScStep *step = &sc_runner_get_step (window->runner, i)->step;
      ScAnalysis *detected;

      if (!step->accepted || step->snapshot == NULL || step->analysis == NULL)
        continue;
      _sculptor_window_show_step (window, (int) i);
      detected = window->detected;
      g_assert_true (detected == step->analysis);
      module = sculptor_network_view_get_selected_module (window->network_view);
      if (module < 0)
        break;   /* no module continues it this far back */
      g_assert_cmpint (sculptor_hierarchy_view_get_selected_module (window->hierarchy_view), ==, module);
      g_assert_cmpuint (sc_module_colors_key (_sculptor_window_colors_for (window, detected),
                                              detected->modules->modules[module].id), ==, key);
      checked++;
    }
  /* the last edge steps keep the final network's modules */
  g_assert_cmpuint (checked, >=, 2);

  /* the view draws with the window's colours */
  _sculptor_window_show_step (window, -1);
  g_assert_true (window->shown == run->final);
  close_window (window);
}

typedef struct
{
  SculptorWindow *window;
  guint           n_training_snapshots;
  guint           n_shown_while_training;  /* dense training: before any step */
  GHashTable     *weights_seen;            /* distinct first weights shown */
  guint           n_outcomes_right;
  guint           n_decided;
} Training;

static void
on_training_snapshot (ScRunner *runner,
                      Training *t)
{
  ScSnapshot *training = sc_runner_get_training_snapshot (runner);

  g_assert_nonnull (training);
  t->n_training_snapshots++;
  if (sc_runner_get_n_steps (runner) == 0 &&
      sculptor_network_view_get_snapshot (t->window->network_view) == training)
    {
      t->n_shown_while_training++;
      g_hash_table_add (t->weights_seen, GUINT_TO_POINTER (*(guint32 *) &training->w[0][0]));
    }
}

static void
on_training_step (ScRunner *runner,
                  guint     index,
                  Training *t)
{
  const ScStep *step = &sc_runner_get_step (runner, index)->step;
  SculptorOutcome outcome = sculptor_training_panel_get_outcome (t->window->training_panel);
  guint n;
  const ScRunnerEpoch *epochs = sc_runner_get_epochs (runner, &n);

  if (step->retrain_only || !step->trained)
    return;
  t->n_decided++;
  /* the panel shows this step's training, all its epochs, and the verdict */
  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (epochs[n - 1].step, ==, index);
  g_assert_cmpuint (sculptor_training_panel_get_n_epochs (t->window->training_panel), ==,
                    epochs[n - 1].n_epochs);
  if (outcome == (step->accepted ? SCULPTOR_OUTCOME_ACCEPTED : SCULPTOR_OUTCOME_REJECTED))
    t->n_outcomes_right++;
}

/* Every training run is live: the network being trained is shown with its
 * weights changing (the dense one too, before any step), and the panel
 * plots each run's epochs and marks the step's outcome. */
static void
test_live_training (void)
{
  SculptorWindow *window = new_window (FALSE);
  Training t = { .window = window, .weights_seen = g_hash_table_new (NULL, NULL) };
  guint n, n_runs = 0;
  const ScRunnerEpoch *epochs;

  gtk_drop_down_set_selected (window->speed_dropdown, 0);   /* watch: epochs at a steady rate */
  g_assert_cmpuint (sculptor_training_panel_get_n_epochs (window->training_panel), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_signal_connect (window->runner, "training-snapshot", G_CALLBACK (on_training_snapshot), &t);
  g_signal_connect (window->runner, "step-added", G_CALLBACK (on_training_step), &t);
  g_assert_true (wait_until (run_ended, window, 300));

  epochs = sc_runner_get_epochs (window->runner, &n);
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpuint (epochs[i].epoch, >=, 1);
      g_assert_cmpuint (epochs[i].epoch, <=, epochs[i].n_epochs);
      g_assert_true (isfinite (epochs[i].loss) && epochs[i].accuracy >= 0.0 && epochs[i].accuracy <= 100.0);
      n_runs += epochs[i].epoch == 1;
      if (i > 0)
        g_assert_cmpuint (epochs[i].training, ==, epochs[i - 1].training + (epochs[i].epoch == 1));
    }
  g_test_message ("%u training runs, %u epochs, %u training snapshots, %u shown during the dense training",
                  n_runs, n, t.n_training_snapshots, t.n_shown_while_training);
  g_assert_cmpuint (n_runs, >=, 10);
  g_assert_cmpuint (t.n_training_snapshots, >=, n_runs);
  /* the dense network is seen training, its weights changing */
  g_assert_cmpuint (t.n_shown_while_training, >=, 3);
  g_assert_cmpuint (g_hash_table_size (t.weights_seen), >=, 3);
  g_assert_cmpuint (t.n_decided, >, 0);
  g_assert_cmpuint (t.n_outcomes_right, ==, t.n_decided);

  g_hash_table_unref (t.weights_seen);
  close_window (window);
}

/* A saved run opened again scrubs like the live run: every accepted step
 * has the modules it had live, in the same colours. */
static void
test_live_saved_run_scrubbing (void)
{
  SculptorWindow *window = new_window (FALSE);
  g_autofree char *dir = g_dir_make_tmp ("sculptor-live-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) live_modules = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GPtrArray) live_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_module_colors_free);
  guint n_steps, checked = 0;

  gtk_drop_down_set_selected (window->speed_dropdown, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (wait_until (run_ended, window, 120));
  n_steps = sc_runner_get_n_steps (window->runner);
  for (guint i = 0; i < n_steps; i++)
    {
      const ScStep *step = &sc_runner_get_step (window->runner, i)->step;
      guint n = step->snapshot ? sc_analysis_n_modules (step->analysis) : 0;

      g_array_append_val (live_modules, n);
      g_ptr_array_add (live_keys, sc_module_colors_copy (_sculptor_window_colors_for (window, step->analysis)));
    }
  g_assert_true (_sculptor_window_save_run (window, path, &error));
  g_assert_no_error (error);

  sculptor_window_open_file (window, file);
  g_assert_true (wait_until (run_loaded, window, 60));   /* read on a worker thread */
  g_assert_null (window->runner);
  g_assert_cmpuint (window->loaded->steps->len, ==, n_steps);

  for (guint i = 0; i < n_steps; i++)
    {
      const ScStep *step = &g_array_index (window->loaded->steps, ScStep, i);
      const ScModuleColors *keys = g_ptr_array_index (live_keys, i);

      if (!step->accepted || step->snapshot == NULL)
        continue;
      _sculptor_window_show_step (window, (int) i);
      g_assert_true (window->shown == step->snapshot);
      g_assert_nonnull (step->analysis);   /* not "no modules yet" */
      g_assert_true (window->detected == step->analysis);
      g_assert_cmpuint (step->analysis->modules->n_modules, ==, g_array_index (live_modules, guint, i));
      for (guint m = 0; keys && m < keys->n; m++)
        g_assert_cmpuint (sc_module_colors_key (_sculptor_window_colors_for (window, step->analysis),
                                                keys->ids[m]), ==, keys->keys[m]);
      checked++;
    }
  g_assert_cmpuint (checked, >=, 10);

  close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, type);

      if (found)
        return found;
    }
  return NULL;
}

static GtkEventController *
capture_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) c = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (c) &&
          gtk_event_controller_get_propagation_phase (c) == GTK_PHASE_CAPTURE)
        return c;
    }
  return NULL;
}

static gboolean
press_space (SculptorWindow *window)
{
  GtkEventController *keys = capture_key_controller (GTK_WIDGET (window));
  gboolean handled = FALSE;

  g_assert_nonnull (keys);
  g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_space, 0, 0, &handled);
  return handled;
}

/* Space runs even when a button or drop-down has the focus, but a text
 * field still gets its space. */
static void
test_live_space (void)
{
  SculptorWindow *window = new_window (FALSE);
  GtkWidget *search = find_widget (GTK_WIDGET (window->settings_panel), GTK_TYPE_SEARCH_ENTRY);

  gtk_widget_grab_focus (GTK_WIDGET (window->speed_dropdown));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (window->speed_dropdown)) ||
                 gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)),
                                         GTK_WIDGET (window->speed_dropdown)));
  g_assert_true (press_space (window));
  g_assert_nonnull (window->runner);
  g_assert_true (wait_until (run_ended, window, 120));

  g_assert_nonnull (search);
  gtk_widget_grab_focus (search);
  if (gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), search) ||
      gtk_root_get_focus (GTK_ROOT (window)) == search)
    g_assert_false (press_space (window));
  close_window (window);
}

static guint
visible_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list)); row;
       row = gtk_widget_get_next_sibling (row))
    if (GTK_IS_LIST_BOX_ROW (row) && gtk_widget_get_child_visible (row))
      n++;
  return n;
}

typedef struct
{
  GtkListBox *list;
  guint       lo, hi;
} RowsWanted;

static gboolean
rows_within (gpointer data)
{
  RowsWanted *w = data;
  guint n = visible_rows (w->list);

  return n >= w->lo && n <= w->hi;
}

static gboolean
wait_rows (GtkListBox *list,
           guint       lo,
           guint       hi)
{
  RowsWanted w = { list, lo, hi };

  return wait_until (rows_within, &w, 10);
}

/* The task search finds words in any order, and says when nothing
 * matches. */
static void
test_live_task_search (void)
{
  SculptorWindow *window = new_window (FALSE);
  GtkWidget *search = find_widget (GTK_WIDGET (window->settings_panel), GTK_TYPE_SEARCH_ENTRY);
  GtkListBox *list = GTK_LIST_BOX (find_widget (GTK_WIDGET (window->settings_panel), GTK_TYPE_LIST_BOX));
  guint all;

  g_assert_nonnull (search);
  g_assert_nonnull (list);
  all = visible_rows (list);
  g_assert_cmpuint (all, >, 10);

  /* the search entry reports changes after a short delay */
  gtk_editable_set_text (GTK_EDITABLE (search), "levels k8");
  g_assert_true (wait_rows (list, 1, 1));
  gtk_editable_set_text (GTK_EDITABLE (search), "k8 levels");
  g_assert_true (wait_rows (list, 1, 1));
  gtk_editable_set_text (GTK_EDITABLE (search), "reuse");
  g_assert_true (wait_rows (list, 2, all - 1));

  gtk_editable_set_text (GTK_EDITABLE (search), "no such task");
  g_assert_true (wait_rows (list, 0, 0));
  {
    GtkWidget *placeholder = NULL;

    for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (list)); c; c = gtk_widget_get_next_sibling (c))
      if (GTK_IS_LABEL (c))
        placeholder = c;
    g_assert_nonnull (placeholder);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (placeholder)), "no such task"));
  }
  close_window (window);
}

static GtkWidget *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        return GTK_WIDGET (w);
    }
  return NULL;
}

/* Switching task after a run asks first; Cancel keeps the run and the
 * task. A saved or opened run file names the window. */
static void
test_live_task_switch_and_title (void)
{
  SculptorWindow *window = new_window (FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) other = sc_task_load_bundled ("reuse/k2", &error);
  ScTask *first = sculptor_settings_panel_get_task (window->settings_panel);
  g_autofree char *dir = g_dir_make_tmp ("sculptor-live-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "my-run.json", NULL);
  GtkWidget *dialog;

  g_assert_nonnull (other);
  gtk_drop_down_set_selected (window->speed_dropdown, 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_true (wait_until (run_ended, window, 120));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "my-run.json"));
  g_assert_true (_sculptor_window_save_run (window, path, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "my-run.json"));

  sculptor_settings_panel_set_task (window->settings_panel, other);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (window->runner);   /* nothing discarded yet */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  g_assert_nonnull (window->runner);
  g_assert_true (sculptor_settings_panel_get_task (window->settings_panel)->name == first->name ||
                 g_str_equal (sculptor_settings_panel_get_task (window->settings_panel)->name,
                              "exemplar/input-separable"));

  sculptor_settings_panel_set_task (window->settings_panel, other);
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  g_assert_null (window->runner);
  g_assert_cmpstr (window->task->name, ==, "reuse/k2");
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "my-run.json"));

  /* without a run there is nothing to ask */
  sculptor_settings_panel_set_task (window->settings_panel, first);
  g_assert_null (find_dialog ());

  /* opening the saved run names the window again */
  {
    g_autoptr(GFile) file = g_file_new_for_path (path);

    sculptor_window_open_file (window, file);
    g_assert_true (wait_until (run_loaded, window, 60));
    g_assert_null (find_dialog ());
    g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "my-run.json"));
  }

  close_window (window);
  g_unlink (path);
  g_rmdir (dir);
}

/* Columns of the texture with any ink (alpha) in them, from the left
 * (from_right FALSE) or the right edge, up to n columns. */
static guint
inked_edge_columns (GdkTexture *texture,
                    guint       n,
                    gboolean    from_right)
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint32 *pixels = g_new (guint32, (gsize) width * height);
  guint inked = 0;

  gdk_texture_download (texture, (guchar *) pixels, (gsize) width * 4);
  for (guint c = 0; c < n; c++)
    {
      int x = from_right ? width - 1 - (int) c : (int) c;

      for (int y = 0; y < height; y++)
        if ((pixels[(gsize) y * width + x] >> 24) != 0)
          {
            inked++;
            break;
          }
    }
  return inked;
}

/* The training panel as narrow as the window's sidebar makes it: the
 * placeholder wraps, and the loss axis label ("0.0562") fits, instead of
 * running past the panel's edges. */
static void
test_live_training_panel_fits (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *panel = sculptor_training_panel_new ();
  ScRunnerEpoch epochs[3];
  g_autoptr(GdkTexture) empty = NULL;
  g_autoptr(GdkTexture) curves = NULL;

  gtk_widget_set_size_request (panel, 240, 150);
  gtk_window_set_child (GTK_WINDOW (window), panel);
  gtk_window_set_default_size (GTK_WINDOW (window), 240, 150);
  gtk_window_present (GTK_WINDOW (window));

  empty = gui_render_widget (panel, "gui-live-training-empty.png");
  g_assert_cmpint (gdk_texture_get_width (empty), ==, 240);
  g_assert_cmpuint (inked_edge_columns (empty, 4, FALSE), ==, 0);
  g_assert_cmpuint (inked_edge_columns (empty, 4, TRUE), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (epochs); i++)
    epochs[i] = (ScRunnerEpoch) { .step = 22, .stage = SC_STAGE_EDGES, .epoch = i + 1,
                                  .n_epochs = 10, .loss = 0.05 - 0.01 * i,
                                  .train_loss = 0.04, .accuracy = 100.0 };
  sculptor_training_panel_set_epochs (SCULPTOR_TRAINING_PANEL (panel), epochs,
                                      G_N_ELEMENTS (epochs), "Edge pruning · retraining, step 22");
  curves = gui_render_widget (panel, "gui-live-training-curves.png");
  g_assert_cmpuint (inked_edge_columns (curves, 3, FALSE), ==, 0);
  g_assert_cmpuint (inked_edge_columns (curves, 3, TRUE), ==, 0);

  gtk_window_destroy (GTK_WINDOW (window));
  gui_drain ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_assert_nonnull (sculptor_get_resource ());

  g_test_add_func ("/live/speed-setting", test_live_speed_setting);
  g_test_add_func ("/live/watch-pace", test_live_watch_pace);
  g_test_add_func ("/live/selection-and-colors", test_live_selection_and_colors);
  g_test_add_func ("/live/training", test_live_training);
  g_test_add_func ("/live/training-panel-fits", test_live_training_panel_fits);
  g_test_add_func ("/live/saved-run-scrubbing", test_live_saved_run_scrubbing);
  g_test_add_func ("/live/space", test_live_space);
  g_test_add_func ("/live/task-search", test_live_task_search);
  g_test_add_func ("/live/task-switch-and-title", test_live_task_switch_and_title);

  return g_test_run ();
}
