/* test-gui-lesion.c — knocking out a module in the window: the inspector
 * shows the failing outputs and rows, the view greys the module, the run
 * is untouched, and Restore brings the run's network back
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "sc-mnist.h"
#include "sculptor-network-view-private.h"
#include "sculptor-resources.h"
#include "sculptor-window-private.h"

#include "gui-test-util.h"

static ScRunnerState
runner_state (SculptorWindow *window)
{
  return window->runner ? sc_runner_get_state (window->runner) : SC_RUNNER_IDLE;
}

/* A mapped label of root with text whose css classes include css_class
 * (NULL: any). */
static GtkWidget *
find_label (GtkWidget  *root,
            const char *text,
            const char *css_class)
{
  if (GTK_IS_LABEL (root) && gtk_widget_get_mapped (root) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (root)), text) == 0 &&
      (css_class == NULL || gtk_widget_has_css_class (root, css_class)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_label (child, text, css_class);

      if (found)
        return found;
    }

  return NULL;
}

static char *
read_file (const char *path)
{
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* The module holding output o, or -1. */
static int
module_of_output (const ScModuleGraph *graph,
                  guint                o)
{
  for (guint m = 0; m < graph->n_modules; m++)
    for (guint i = 0; i < graph->modules[m].outputs->len; i++)
      if (g_array_index (graph->modules[m].outputs, guint, i) == o)
        return (int) m;
  return -1;
}

static GtkWidget *
inspector_child (SculptorWindow *window,
                 const char     *name)
{
  return GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (window->inspector),
                                                    SCULPTOR_TYPE_MODULE_INSPECTOR, name));
}

/* Whether the menu holds an item with this action. */
static gboolean
menu_has_action (GMenuModel *model,
                 const char *action)
{
  for (int i = 0; i < g_menu_model_get_n_items (model); i++)
    {
      g_autofree char *name = NULL;
      g_autoptr(GMenuModel) section = g_menu_model_get_item_link (model, i, G_MENU_LINK_SECTION);

      if (section && menu_has_action (section, action))
        return TRUE;
      if (g_menu_model_get_item_attribute (model, i, G_MENU_ATTRIBUTE_ACTION, "s", &name) &&
          g_strcmp0 (name, action) == 0)
        return TRUE;
    }
  return FALSE;
}

static void
test_lesion_knock_out_and_restore (void)
{
  SculptorWindow *window = g_object_new (SCULPTOR_TYPE_WINDOW, NULL);
  SculptorNetworkView *view;
  ScTask *task;
  ScSnapshot *final;
  ScAnalysis *analysis;
  const ScModule *module;
  GtkToggleButton *knock_out;
  g_autofree char *dir = g_dir_make_tmp ("sculptor-gui-lesion-XXXXXX", NULL);
  g_autofree char *before_path = g_build_filename (dir, "before.json", NULL);
  g_autofree char *during_path = g_build_filename (dir, "during.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *during = NULL;
  g_autoptr(GError) error = NULL;
  int m;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  gui_wait_for_frame (GTK_WIDGET (window));
  view = window->network_view;
  task = sculptor_settings_panel_get_task (window->settings_panel);
  g_assert_cmpstr (task->name, ==, "exemplar/input-separable");

  gtk_widget_activate_action (GTK_WIDGET (window), "win.run", NULL);
  GUI_WAIT_UNTIL_TIMEOUT (runner_state (window) == SC_RUNNER_FINISHED, 150);
  final = sc_runner_get_run (window->runner)->final;
  analysis = sc_runner_get_run (window->runner)->analysis;
  GUI_WAIT_UNTIL (sculptor_network_view_get_snapshot (view) == final);
  g_assert_true (_sculptor_window_save_run (window, before_path, &error));
  g_assert_no_error (error);

  /* Select the module of y0 and press Knock Out in the inspector. */
  m = module_of_output (analysis->modules, 0);
  g_assert_cmpint (m, >=, 0);
  module = &analysis->modules->modules[m];
  {
    const ScLayout *layout;
    const ScLayoutBox *box;
    double x, y;

    GUI_WAIT_UNTIL (view->frame != NULL && view->frame->request.snapshot == final &&
                    !sculptor_network_view_is_busy (view) &&
                    !sculptor_network_view_is_animating (view));
    layout = sculptor_network_view_get_layout (view);
    box = sc_layout_find_box (layout, module->id);
    g_assert_nonnull (box);
    sculptor_network_view_layout_to_widget (view, box->rect.x + 2, box->rect.y + 2, &x, &y);
    g_assert_cmpint (sculptor_network_view_activate_at (view, x, y), ==, m);
  }
  GUI_WAIT_UNTIL (sculptor_module_inspector_get_module (window->inspector) == m);
  knock_out = GTK_TOGGLE_BUTTON (inspector_child (window, "knock_out_button"));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (knock_out)));
  gtk_toggle_button_set_active (knock_out, TRUE);

  /* At once (a truth table): the module's outputs fail, the others stay. */
  g_assert_nonnull (window->lesion_eval);
  for (guint o = 0; o < task->n_out; o++)
    {
      gboolean own = FALSE;

      for (guint i = 0; i < module->outputs->len; i++)
        own |= g_array_index (module->outputs, guint, i) == o;
      if (own)
        {
          g_assert_cmpfloat (sc_lesion_eval_output_accuracy (window->lesion_eval, o), <, 100.0);
          GUI_WAIT_UNTIL (find_label (GTK_WIDGET (window->inspector), task->output_names[o],
                                      "lesion-worse"));
        }
      else
        {
          g_assert_cmpfloat (sc_lesion_eval_output_accuracy (window->lesion_eval, o), ==, 100.0);
          g_assert_null (find_label (GTK_WIDGET (window->inspector), task->output_names[o],
                                     "lesion-worse"));
        }
    }
  /* the failing rows are listed */
  GUI_WAIT_UNTIL (gtk_widget_get_mapped (inspector_child (window, "lesion_view")));
  g_assert_cmpuint (sc_lesion_eval_failing_rows (window->lesion_eval), >, 0);

  /* The state says it is a what-if; the view greys the module. */
  GUI_WAIT_UNTIL (gtk_widget_get_mapped (window->whatif_bar));
  g_assert_nonnull (strstr (gtk_label_get_text (window->whatif_label), "What-if"));
  GUI_WAIT_UNTIL (view->frame != NULL && view->frame->request.greyed_units != NULL);
  for (guint u = 0; u < module->n_units; u++)
    if (module->units[u].layer + 1 < final->n_layers)
      g_assert_cmpuint (view->frame->request.greyed_units[sc_mask_unit_offset (final->mask,
                                                                                module->units[u].layer) +
                                                          module->units[u].index], ==, 1);
  GUI_WAIT_UNTIL (!sculptor_network_view_is_busy (view));
  gui_save_png (GTK_WIDGET (window), "gui-lesion.png");

  /* The run is untouched: saved now, it is the same file byte for byte. */
  g_assert_true (_sculptor_window_save_run (window, during_path, &error));
  g_assert_no_error (error);
  before = read_file (before_path);
  during = read_file (during_path);
  g_assert_cmpstr (before, ==, during);

  /* The context menu of a hidden unit offers to prune it; pruning one
   * more unit and one edge adds to the what-if. */
  {
    guint hidden = sc_mask_unit_offset (final->mask, 1);
    const ScLayout *layout = sculptor_network_view_get_layout (view);
    g_autoptr(GMenuModel) menu = NULL;
    guint silenced, pruned;
    gsize edges;
    double x, y;

    while (!layout->units[hidden].visible)
      hidden++;
    sculptor_network_view_layout_to_widget (view, layout->units[hidden].x, layout->units[hidden].y,
                                            &x, &y);
    menu = sculptor_network_view_whatif_menu_at (view, x, y);
    g_assert_nonnull (menu);
    g_assert_true (menu_has_action (menu, "win.whatif-unit"));
    g_assert_true (menu_has_action (menu, "win.whatif-restore"));
    gtk_widget_activate_action (GTK_WIDGET (window), "win.whatif-unit", "u", hidden);
    for (guint e = 0; e < final->arch[0] * final->arch[1]; e++)
      if (final->mask->m[0][e])
        {
          gtk_widget_activate_action (GTK_WIDGET (window), "win.whatif-edge", "(uuu)", 0,
                                      e % final->arch[0], e / final->arch[0]);
          break;
        }
    sc_lesion_count (window->lesion, &silenced, &pruned, &edges);
    g_assert_cmpuint (pruned, ==, 1);
    g_assert_cmpuint (edges, ==, 1);
    g_assert_cmpuint (silenced, >, 0);
  }

  /* Restore: the run's network, nothing greyed, the button up. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.whatif-restore", NULL);
  g_assert_null (window->lesion);
  g_assert_false (gtk_toggle_button_get_active (knock_out));
  GUI_WAIT_UNTIL (!gtk_widget_get_visible (window->whatif_bar));
  GUI_WAIT_UNTIL (!gtk_widget_get_visible (inspector_child (window, "lesion_view")));
  GUI_WAIT_UNTIL (view->frame != NULL && view->frame->request.greyed_units == NULL &&
                  !sculptor_network_view_is_busy (view));
  g_assert_true (sculptor_network_view_get_snapshot (view) == final);

  /* Ctrl+K's action knocks the selected module out again; showing
   * another step ends the what-if. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.knock-out", NULL);
  g_assert_nonnull (window->lesion);
  g_assert_true (gtk_toggle_button_get_active (knock_out));
  _sculptor_window_show_step (window, 0);
  GUI_WAIT_UNTIL (sculptor_network_view_get_snapshot (view) != final);
  g_assert_null (window->lesion);

  gtk_window_destroy (GTK_WINDOW (window));
  gui_drain ();
  g_unlink (before_path);
  g_unlink (during_path);
  g_rmdir (dir);
}

/* An image task: the what-if is evaluated on a worker thread, the bar says
 * so meanwhile, and the result is the core's. */
static void
test_lesion_image_task (void)
{
  SculptorWindow *window = g_object_new (SCULPTOR_TYPE_WINDOW, NULL);
  g_autoptr(ScDigits) digits = sc_mnist_synthetic_digits (12, 1);
  g_autoptr(ScTask) task = NULL;
  g_autoptr(ScNet) net = NULL;
  g_autoptr(ScSnapshot) snapshot = NULL;
  g_autoptr(ScLesionEval) expected = NULL;
  g_autoptr(GError) error = NULL;
  ScMnistParams params;
  ScRng rng;
  guint arch[3];
  guint hidden;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  gui_wait_for_frame (GTK_WIDGET (window));

  sc_mnist_params_init (&params, SC_MNIST_TWO_DIGITS);
  params.train_per_class = 1;
  params.test_per_class = 2;
  task = sc_mnist_task_new (SC_MNIST_TWO_DIGITS, digits, &params, &error);
  g_assert_no_error (error);
  arch[0] = task->n_in;
  arch[1] = 16;
  arch[2] = task->n_out;
  sc_rng_init (&rng, 3);
  net = sc_net_new (arch, 3, &rng);
  snapshot = sc_net_snapshot (net);
  g_clear_pointer (&window->task, sc_task_unref);
  window->task = sc_task_ref (task);
  _sculptor_window_show_snapshot (window, snapshot, NULL, FALSE);

  hidden = sc_mask_unit_offset (snapshot->mask, 1) + 3;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.whatif-unit", "u", hidden);
  g_assert_nonnull (window->lesion);
  g_assert_null (window->lesion_eval);
  g_assert_nonnull (strstr (gtk_label_get_text (window->whatif_label), "evaluating"));
  GUI_WAIT_UNTIL (window->lesion_eval != NULL);
  g_assert_nonnull (window->lesion_base);

  expected = sc_lesion_evaluate_snapshot (window->lesion, snapshot, task->test, 256,
                                          SC_BACKEND_PORTABLE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (window->lesion_eval->n_rows, ==, task->test->n_rows);
  g_assert_cmpmem (window->lesion_eval->correct, task->n_out * sizeof (guint),
                   expected->correct, task->n_out * sizeof (guint));
  g_assert_null (strstr (gtk_label_get_text (window->whatif_label), "evaluating"));

  /* a second change while nothing is pending, then restore at once */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.whatif-unit", "u", hidden + 1);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.whatif-restore", NULL);
  g_assert_null (window->lesion);
  gui_drain ();
  g_assert_null (window->lesion_eval);

  gtk_window_destroy (GTK_WINDOW (window));
  gui_drain ();
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_assert_nonnull (sculptor_get_resource ());

  g_test_add_func ("/lesion/knock-out-and-restore", test_lesion_knock_out_and_restore);
  g_test_add_func ("/lesion/image-task", test_lesion_image_task);

  return g_test_run ();
}
