/* test-gui-window.c — the whole window on a virtual display: run the
 * default task to the end, explore, export, save, step, stop
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/stat.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "sc-module-tree.h"
#include "sc-result.h"
#include "sculptor-resources.h"
#include "sculptor-stable-rows.h"
#include "sculptor-window-private.h"

#include "gui-test-util.h"

static ScRunnerState
runner_state (SculptorWindow *window)
{
  return window->runner ? sc_runner_get_state (window->runner) : SC_RUNNER_IDLE;
}

/* The network view has drawn what it shows and is not moving. */
static gboolean
view_is_still (SculptorWindow *window)
{
  return !sculptor_network_view_is_busy (window->network_view) &&
         !sculptor_network_view_is_animating (window->network_view);
}

static GtkWidget *
find_label (GtkWidget  *root,
            const char *text)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text);

      if (found)
        return found;
    }

  return NULL;
}

static SculptorWindow *
new_window (void)
{
  SculptorWindow *window = g_object_new (SCULPTOR_TYPE_WINDOW, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  gui_wait_for_frame (GTK_WIDGET (window));
  return window;
}

/* The message dialog on screen whose text is text, or NULL. */
static GtkWindow *
find_dialog (const char *text)
{
  GListModel *toplevels = gtk_window_get_toplevels ();   /* transfer none */

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
      g_autofree char *shown = NULL;

      if (!GTK_IS_MESSAGE_DIALOG (toplevel))
        continue;
      g_object_get (toplevel, "text", &shown, NULL);
      if (g_strcmp0 (shown, text) == 0)
        return toplevel;
    }
  return NULL;
}

static void
check_svg (const char *path)
{
  g_autofree char *contents = NULL;
  g_autofree char *lint = g_find_program_in_path ("xmllint");
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));
  if (lint)
    {
      const char *argv[] = { lint, "--noout", path, NULL };
      int status;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
}

/* Press Run on the default task, wait for the end, and explore. */
static void
test_window_run_explore_export (void)
{
  SculptorWindow *window = new_window ();
  ScTask *task = sculptor_settings_panel_get_task (window->settings_panel);
  GtkSingleSelection *selection;
  ScAnalysis *shown;
  const ScModule *module;
  ScModuleNode *node;
  SculptorRowSlot *slot;
  g_autofree char *dir = g_dir_make_tmp ("sculptor-gui-XXXXXX", NULL);
  g_autofree char *svg = g_build_filename (dir, "network.svg", NULL);
  g_autofree char *hier = g_build_filename (dir, "hierarchy.svg", NULL);
  g_autofree char *pdf = g_build_filename (dir, "network.pdf", NULL);
  g_autofree char *saved = g_build_filename (dir, "run.json", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRun) reopened = NULL;
  ScHyper hyper;

  /* The default task, ready to run: [4,2,4] with 4-24-24-4. */
  g_assert_cmpstr (task->name, ==, "exemplar/input-separable");
  sc_hyper_init_defaults (&hyper);
  g_assert_true (sculptor_settings_panel_get_hyper (window->settings_panel, &hyper, NULL));
  g_assert_cmpuint (hyper.arch->len, ==, 4);
  g_assert_cmpuint (g_array_index (hyper.arch, guint, 1), ==, 24);
  sc_hyper_clear (&hyper);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_nonnull (window->runner);
  GUI_WAIT_UNTIL_TIMEOUT (runner_state (window) == SC_RUNNER_FINISHED, 150);

  /* The network on screen is the final one, with its two modules. */
  GUI_WAIT_UNTIL (sculptor_network_view_get_snapshot (window->network_view) ==
                  sc_runner_get_run (window->runner)->final);
  shown = sculptor_network_view_get_analysis (window->network_view);
  g_assert_true (shown == sc_runner_get_run (window->runner)->analysis);
  g_assert_cmpuint (sc_analysis_n_modules (shown), ==, 2);
  g_assert_true (shown->score->success);

  /* The hierarchy holds both sub-functions. */
  selection = GTK_SINGLE_SELECTION (gtk_widget_get_template_child (GTK_WIDGET (window->hierarchy_view),
                                                                   SCULPTOR_TYPE_HIERARCHY_VIEW,
                                                                   "selection"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (selection)), ==, 2);

  /* Selecting a row selects the module everywhere; the inspector shows
   * its input set. */
  gtk_single_selection_set_selected (selection, 0);
  slot = g_list_model_get_item (G_LIST_MODEL (selection), 0);
  node = gtk_tree_list_row_get_item (sculptor_row_slot_get_item (slot));
  GUI_WAIT_UNTIL (sculptor_network_view_get_selected_module (window->network_view) ==
                  (int) sc_module_node_get_module (node));
  module = &shown->modules->modules[sc_module_node_get_module (node)];
  g_assert_cmpuint (module->inputs->len, ==, 2);
  for (guint i = 0; i < module->inputs->len; i++)
    GUI_WAIT_UNTIL (find_label (GTK_WIDGET (window->inspector),
                                task->input_names[g_array_index (module->inputs, guint, i)]));
  g_object_unref (node);
  g_object_unref (slot);

  /* Export with the core renderer, then save and reopen the run. */
  g_assert_true (_sculptor_window_export (window, "network-svg", svg, &error));
  g_assert_true (_sculptor_window_export (window, "hierarchy-svg", hier, &error));
  g_assert_true (_sculptor_window_export (window, "network-pdf", pdf, &error));
  g_assert_no_error (error);
  check_svg (svg);
  check_svg (hier);
  g_assert_true (_sculptor_window_save_run (window, saved, &error));
  g_assert_no_error (error);
  reopened = sc_run_load (saved, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reopened->analysis->modules->n_modules, ==, 2);
  g_assert_cmpuint (reopened->steps->len, ==, sc_runner_get_n_steps (window->runner));
  g_assert_nonnull (g_array_index (reopened->steps, ScStep, 1).snapshot);

  /* Scrub back: step 0 is the dense network, every weight alive. */
  _sculptor_window_show_step (window, 0);
  GUI_WAIT_UNTIL (sculptor_network_view_get_analysis (window->network_view) != shown);
  g_assert_cmpfloat (sculptor_network_view_get_snapshot (window->network_view)->density, ==, 1.0);
  _sculptor_window_show_step (window, -1);
  GUI_WAIT_UNTIL (sculptor_network_view_get_analysis (window->network_view) == shown);

  GUI_WAIT_UNTIL (view_is_still (window));
  gui_save_png (GTK_WIDGET (window), "gui-window.png");

  /* Layers from left to right, on screen and in exports. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.left-to-right", NULL);
  GUI_WAIT_UNTIL (sculptor_network_view_get_orientation (window->network_view) ==
                  SC_ORIENTATION_LEFT_RIGHT);
  {
    g_autofree char *rotated = g_build_filename (dir, "rotated.svg", NULL);

    g_assert_true (_sculptor_window_export (window, "network-svg", rotated, &error));
    check_svg (rotated);
    g_unlink (rotated);
  }
  GUI_WAIT_UNTIL (view_is_still (window));
  gui_save_png (GTK_WIDGET (window), "gui-window-rotated.png");
  gtk_widget_activate_action (GTK_WIDGET (window), "win.left-to-right", NULL);

  /* Reopen the saved run in the window. */
  {
    g_autoptr(GFile) file = g_file_new_for_path (saved);

    sculptor_window_open_file (window, file);
    GUI_WAIT_UNTIL (window->loaded != NULL);
    g_assert_null (window->runner);
    g_assert_cmpuint (sc_analysis_n_modules (sculptor_network_view_get_analysis (window->network_view)),
                      ==, 2);
  }

  /* A saved run whose task file is a FIFO opens at once, without it, and
   * says why. */
  {
    g_autofree char *fifo = g_build_filename (dir, "task.sfg", NULL);
    g_autofree char *odd = g_build_filename (dir, "odd.json", NULL);
    g_autoptr(JsonNode) root = sc_run_to_json (window->loaded, FALSE);
    g_autoptr(GFile) file = g_file_new_for_path (odd);
    ScRun *before = window->loaded;

    g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
    json_object_set_string_member (json_node_get_object (root), "task_path", fifo);
    g_assert_true (sc_json_write_file (root, odd, FALSE, NULL));
    sculptor_window_open_file (window, file);
    GUI_WAIT_UNTIL (window->loaded != NULL && window->loaded != before);
    GUI_WAIT_UNTIL (find_dialog ("The run is shown without its task file") != NULL);
    gtk_window_destroy (find_dialog ("The run is shown without its task file"));
    g_unlink (odd);
    g_unlink (fifo);
  }

  gtk_window_destroy (GTK_WINDOW (window));
  gui_drain ();
  g_unlink (svg);
  g_unlink (hier);
  g_unlink (pdf);
  g_unlink (saved);
  g_rmdir (dir);
}

/* Step, pause, stop, and closing while running: immediate and clean. */
static void
test_window_step_and_stop (void)
{
  SculptorWindow *window = new_window ();

  /* Slow motion: the worker waits after each step. */
  gtk_drop_down_set_selected (window->speed_dropdown, 5);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  GUI_WAIT_UNTIL (runner_state (window) == SC_RUNNER_PAUSED);
  g_assert_cmpuint (sc_runner_get_n_steps (window->runner), ==, 1);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.step", NULL);
  GUI_WAIT_UNTIL (sc_runner_get_n_steps (window->runner) >= 2);
  GUI_WAIT_UNTIL (runner_state (window) == SC_RUNNER_PAUSED);
  g_assert_cmpuint (sc_runner_get_n_steps (window->runner), ==, 2);

  /* Resume (Run/Pause), then Stop while it waits in slow motion. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  g_assert_cmpint (runner_state (window), ==, SC_RUNNER_RUNNING);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.stop", NULL);
  GUI_WAIT_UNTIL (runner_state (window) == SC_RUNNER_CANCELLED);
  g_assert_false (gtk_widget_get_sensitive (window->run_button) == FALSE);

  /* A new run while one is running cancels the old one. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  GUI_WAIT_UNTIL (runner_state (window) == SC_RUNNER_RUNNING);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);   /* pause */
  GUI_WAIT_UNTIL (runner_state (window) == SC_RUNNER_PAUSED);

  /* Closing the window while a run is paused ends the worker cleanly:
   * the window goes away. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  GUI_WAIT_UNTIL (window == NULL);
}

/* A bad value is refused inline, and Run does not start. */
static void
test_window_bad_value (void)
{
  SculptorWindow *window = new_window ();
  ScHyper hyper;
  g_autoptr(GError) error = NULL;
  GtkWidget *label;

  /* the learning-rate entry: the one whose text is the default 0.05 */
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (window->settings_panel));
  GtkWidget *entry = NULL;
  GQueue queue = G_QUEUE_INIT;

  g_queue_push_tail (&queue, child);
  while (!g_queue_is_empty (&queue) && entry == NULL)
    {
      GtkWidget *w = g_queue_pop_head (&queue);

      if (GTK_IS_ENTRY (w) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (w)), "0.05") == 0)
        entry = w;
      for (GtkWidget *c = gtk_widget_get_first_child (w); c; c = gtk_widget_get_next_sibling (c))
        g_queue_push_tail (&queue, c);
    }
  g_queue_clear (&queue);
  g_assert_nonnull (entry);

  gtk_editable_set_text (GTK_EDITABLE (entry), "fast");
  GUI_WAIT_UNTIL ((label = find_label (GTK_WIDGET (window->settings_panel),
                                       "lr must be a number, got “fast”")) != NULL);
  g_assert_true (gtk_widget_has_css_class (entry, "error"));

  sc_hyper_init_defaults (&hyper);
  g_assert_false (sculptor_settings_panel_get_hyper (window->settings_panel, &hyper, &error));
  sc_hyper_clear (&hyper);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  gui_drain ();
  g_assert_null (window->runner);

  gtk_window_destroy (GTK_WINDOW (window));
  gui_drain ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_assert_nonnull (sculptor_get_resource ());

  g_test_add_func ("/window/run-explore-export", test_window_run_explore_export);
  g_test_add_func ("/window/step-and-stop", test_window_step_and_stop);
  g_test_add_func ("/window/bad-value", test_window_bad_value);

  return g_test_run ();
}
