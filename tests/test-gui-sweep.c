/* test-gui-sweep.c — the sweep browser on a virtual display: a sweep made
 * with the CLI, runs that finish while it is open, a damaged run file, a
 * click that opens a run in the main window, a folder that is no sweep
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gtk/gtk.h>

#include "sc-json.h"
#include "sc-file.h"
#include "sculptor-resources.h"
#include "sculptor-sweep-grid.h"
#include "sculptor-sweep-report.h"
#include "sculptor-sweep-window.h"
#include "sculptor-window-private.h"

#include "gui-test-util.h"
#include "fs-test-util.h"

#define TASK "exemplar/separable-reused"

static char *
cli_path (void)
{
  return g_test_build_filename (G_TEST_BUILT, "..", "src", "cli", "sculptor-cli", NULL);
}

static void
cli (const char * const *args)
{
  g_autofree char *program = cli_path ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  int status;

  g_ptr_array_add (argv, program);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL,
                               NULL, NULL, NULL, &err, &status, &error));
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("sculptor-cli %s failed: %s", args[0], err);
}

static char *
run_file (const char *dir,
          guint       index)
{
  g_autofree char *name = g_strdup_printf ("%06u.json", index);

  return g_build_filename (dir, "runs", name, NULL);
}

static GtkWindow *
find_toplevel (GType       type,
               const char *dialog_text)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) toplevel = g_list_model_get_item (toplevels, i);
      g_autofree char *text = NULL;

      if (!G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type))
        continue;
      if (dialog_text == NULL)
        return toplevel;
      g_object_get (toplevel, "text", &text, NULL);
      if (g_strcmp0 (text, dialog_text) == 0)
        return toplevel;
    }
  return NULL;
}

static GtkEventController *
find_key_controller (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        return controller;
    }
  g_assert_not_reached ();
}

static ScSweepEntryState
state_of (SculptorSweepWindow *browser,
          guint                index)
{
  return sc_sweep_table_get (sculptor_sweep_window_get_table (browser), index)->state;
}

/* The grid's pixel at the middle of a sub-cell, as painted. */
static guint32
cell_pixel (SculptorSweepWindow *browser,
            guint                seed,
            guint                pu,
            guint                pe)
{
  GtkWidget *grid = sculptor_sweep_window_get_grid (browser, 0);
  const SculptorSweepGridLayout *layout = sculptor_sweep_grid_get_layout (SCULPTOR_SWEEP_GRID (grid));
  g_autoptr(GdkTexture) texture = gui_render_widget (grid, NULL);
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guint8 *pixels = g_malloc ((gsize) width * height * 4);
  double x, y, w, h;
  guint px, py, s2, u2, e2;
  const guint8 *p;

  sculptor_sweep_grid_layout_cell (layout, seed, pu, pe, &x, &y, &w, &h);
  /* the hit test finds the cell it draws there */
  g_assert_true (sculptor_sweep_grid_layout_hit (layout, x + w / 2, y + h / 2, &s2, &u2, &e2));
  g_assert_cmpuint (s2, ==, seed);
  g_assert_cmpuint (u2, ==, pu);
  g_assert_cmpuint (e2, ==, pe);
  /* a corner, away from the marks in the middle */
  px = (guint) (x + 2);
  py = (guint) (y + 2);
  gdk_texture_download (texture, pixels, (gsize) width * 4);
  p = pixels + ((gsize) py * width + px) * 4;   /* BGRA, premultiplied, opaque here */
  return ((guint32) p[2] << 16) | ((guint32) p[1] << 8) | p[0];
}

static gboolean
report_has_figure (SculptorSweepWindow *browser)
{
  ScReportFigure figure;

  return sculptor_sweep_report_get_figure (
    SCULPTOR_SWEEP_REPORT (sculptor_sweep_window_get_report (browser)), &figure);
}

/* The same choices as sweep.json, which the CLI's merge wrote. */
static void
check_choices (SculptorSweepWindow *browser,
               const char          *dir)
{
  const ScSweepTable *table = sculptor_sweep_window_get_table (browser);
  const ScSweepPlan *plan = sc_sweep_table_get_sweep (table)->plan;
  g_autofree char *path = g_build_filename (dir, "sweep.json", NULL);
  g_autoptr(JsonNode) root = sc_json_read_file (path, SC_FILE_LIMIT_JSON, NULL);
  JsonObject *cell;
  JsonArray *choices;

  g_assert_nonnull (root);
  cell = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (root), "cells"), 0);
  choices = json_object_get_array_member (cell, "choices");
  for (guint s = 0; s < plan->seeds->len; s++)
    {
      JsonObject *choice = json_array_get_object_element (choices, s);
      guint index, pe, u;

      g_assert_true (sc_sweep_table_choice (table, 0, s, &index, &pe));
      u = index % plan->unit_steps->len;
      g_assert_cmpfloat (json_object_get_double_member (choice, "unit_step"), ==,
                         g_array_index (plan->unit_steps, double, u));
      g_assert_cmpfloat (json_object_get_double_member (choice, "edge_step"), ==,
                         g_array_index (g_array_index (plan->cells, ScSweepCell, 0)
                                          .hyper.edge_steps, double, pe));
    }
}

static void
test_sweep_browser (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gui-sweep-XXXXXX", &error);
  g_autofree char *run2 = run_file (dir, 2);
  g_autofree char *run3 = run_file (dir, 3);
  g_autofree char *kept2 = g_strconcat (run2, ".kept", NULL);
  const char *sweep_args[] = { "sweep", TASK, "--seeds", "0,1", "--unit-steps", "70,40",
                               "--edge-steps", "2.5,1", "--jobs", "1", "--out", dir, NULL };
  const char *run3_args[] = { "sweep-run", dir, "3", NULL };
  SculptorWindow *window;
  SculptorSweepWindow *browser;
  guint32 pending_ink, done_ink;

  g_assert_no_error (error);
  /* 2 seeds × Pu 70, 40: runs 0–3; run 3 not done yet, run 2's file damaged */
  cli (sweep_args);
  g_assert_cmpint (g_unlink (run3), ==, 0);
  g_assert_cmpint (g_rename (run2, kept2), ==, 0);
  g_assert_true (g_file_set_contents (run2, "{\"index\": 2, \"cell\"", -1, NULL));

  window = g_object_new (SCULPTOR_TYPE_WINDOW, NULL);
  gtk_window_present (GTK_WINDOW (window));
  /* as Open does with a sweep's sweep.json */
  {
    g_autofree char *merged = g_build_filename (dir, "sweep.json", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (merged);

    sculptor_window_open_file (window, file);
  }
  GUI_WAIT_UNTIL (find_toplevel (SCULPTOR_TYPE_SWEEP_WINDOW, NULL) != NULL);
  browser = SCULPTOR_SWEEP_WINDOW (find_toplevel (SCULPTOR_TYPE_SWEEP_WINDOW, NULL));
  GUI_WAIT_UNTIL (sculptor_sweep_window_get_n_reads (browser) > 0);

  g_assert_cmpint (state_of (browser, 0), ==, SC_SWEEP_ENTRY_DONE);
  g_assert_cmpint (state_of (browser, 1), ==, SC_SWEEP_ENTRY_DONE);
  g_assert_cmpint (state_of (browser, 2), ==, SC_SWEEP_ENTRY_UNREADABLE);
  g_assert_cmpint (state_of (browser, 3), ==, SC_SWEEP_ENTRY_PENDING);
  g_assert_nonnull (strstr (sculptor_sweep_window_get_status (browser), "3 of 4"));
  g_assert_false (report_has_figure (browser));
  {
    SculptorSweepGrid *grid = SCULPTOR_SWEEP_GRID (sculptor_sweep_window_get_grid (browser, 0));
    g_autofree char *damaged = sculptor_sweep_grid_describe (grid, 1, 0, 0);
    g_autofree char *done = sculptor_sweep_grid_describe (grid, 0, 0, 1);

    g_assert_nonnull (strstr (damaged, "000002.json"));
    g_assert_nonnull (strstr (done, "Pe 1 %"));
  }
  /* run 3 is seed 1, Pu 40: grey; run 0 is coloured by its density */
  pending_ink = cell_pixel (browser, 1, 1, 0);
  done_ink = cell_pixel (browser, 0, 0, 0);
  g_assert_cmphex (pending_ink, ==, 0xdedede);
  g_assert_cmphex (done_ink, !=, pending_ink);
  /* seed 0 is complete: chosen; seed 1 is not */
  g_assert_true (sc_sweep_table_choice (sculptor_sweep_window_get_table (browser), 0, 0,
                                        NULL, NULL));
  g_assert_false (sc_sweep_table_choice (sculptor_sweep_window_get_table (browser), 0, 1,
                                         NULL, NULL));

  /* run 3 fails, with its reason in the tooltip */
  {
    g_autofree char *error_file = g_build_filename (dir, "runs", "000003.error", NULL);
    g_autofree char *tip = NULL;

    g_assert_true (g_file_set_contents (error_file, "out of memory\nmore\n", -1, NULL));
    GUI_WAIT_UNTIL (state_of (browser, 3) == SC_SWEEP_ENTRY_FAILED);
    tip = sculptor_sweep_grid_describe (SCULPTOR_SWEEP_GRID (sculptor_sweep_window_get_grid (browser, 0)),
                                        1, 1, 0);
    g_assert_nonnull (strstr (tip, "out of memory"));
    g_assert_null (strstr (tip, "more"));
    g_assert_nonnull (strstr (sculptor_sweep_window_get_status (browser), "1 failed"));
    g_assert_cmphex (cell_pixel (browser, 1, 1, 0), ==, 0xe01b24);
  }
  /* then is done again in another process, which clears its error */
  cli (run3_args);
  GUI_WAIT_UNTIL (state_of (browser, 3) == SC_SWEEP_ENTRY_DONE);
  g_assert_cmphex (cell_pixel (browser, 1, 1, 0), !=, 0xdedede);
  /* the damaged file goes, then comes back whole */
  g_assert_cmpint (g_unlink (run2), ==, 0);
  GUI_WAIT_UNTIL (state_of (browser, 2) == SC_SWEEP_ENTRY_PENDING);
  g_assert_cmpint (g_rename (kept2, run2), ==, 0);
  GUI_WAIT_UNTIL (state_of (browser, 2) == SC_SWEEP_ENTRY_DONE);
  g_assert_nonnull (strstr (sculptor_sweep_window_get_status (browser), "4 of 4"));
  check_choices (browser, dir);
  GUI_WAIT_UNTIL (report_has_figure (browser));

  /* the figure on screen exports as SVG and PDF */
  {
    SculptorSweepReport *report = SCULPTOR_SWEEP_REPORT (sculptor_sweep_window_get_report (browser));
    g_autofree char *svg = g_build_filename (dir, "figure.svg", NULL);
    g_autofree char *pdf = g_build_filename (dir, "figure.pdf", NULL);
    g_autofree char *text = NULL;
    gsize length;

    g_assert_true (sculptor_sweep_report_export (report, SC_EXPORT_SVG, svg, &error));
    g_assert_no_error (error);
    g_assert_true (sculptor_sweep_report_export (report, SC_EXPORT_PDF, pdf, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (svg, &text, &length, NULL));
    g_assert_true (g_str_has_prefix (text, "<?xml") && strstr (text, "<svg") != NULL);
    g_clear_pointer (&text, g_free);
    g_assert_true (g_file_get_contents (pdf, &text, &length, NULL));
    g_assert_true (g_str_has_prefix (text, "%PDF"));
  }

  /* a rule re-selects through the core */
  sculptor_sweep_window_set_rule (browser, SC_SELECT_SPARSEST);
  g_assert_true (sc_sweep_table_choice (sculptor_sweep_window_get_table (browser), 0, 1,
                                        NULL, NULL));

  /* the keyboard opens run 1 (seed 0, Pu 40) at its second Pe: from the
   * first sub-cell, three to the right (Pe 1 of Pu 70, Pe 2.5 and 1 of Pu 40) */
  {
    GtkWidget *grid = sculptor_sweep_window_get_grid (browser, 0);
    GtkEventController *keys = find_key_controller (grid);
    gboolean handled = FALSE;

    gtk_widget_grab_focus (grid);
    for (guint i = 0; i < 3; i++)
      g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Right, 0, 0, &handled);
    g_assert_true (handled);
    g_signal_emit_by_name (keys, "key-pressed", GDK_KEY_Return, 0, 0, &handled);
  }
  GUI_WAIT_UNTIL (window->loaded != NULL);
  g_assert_cmpuint (window->loaded->steps->len, ==, 2);
  g_assert_cmpfloat (window->loaded->hyper.unit_step, ==, 40);
  g_assert_cmpuint (window->loaded->hyper.seed, ==, 0);
  g_assert_cmpint (window->shown_step, ==, 1);
  g_assert_true (window->shown == g_array_index (window->loaded->steps, ScStep, 1).snapshot);
  g_assert_true (g_str_has_suffix (window->file_name, "000001.json"));

  /* closed, and gone once their workers have ended */
  g_object_add_weak_pointer (G_OBJECT (browser), (gpointer *) &browser);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_destroy (GTK_WINDOW (browser));
  gtk_window_destroy (GTK_WINDOW (window));
  GUI_WAIT_UNTIL (browser == NULL && window == NULL);
  remove_tree (dir);
}

/* Opens path and waits for the dialog; returns its secondary text. */
static char *
open_refused (const char *path)
{
  SculptorWindow *window = g_object_new (SCULPTOR_TYPE_WINDOW, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  GtkWindow *dialog;
  char *secondary = NULL;

  gtk_window_present (GTK_WINDOW (window));
  sculptor_window_open_file (window, file);
  GUI_WAIT_UNTIL (find_toplevel (GTK_TYPE_MESSAGE_DIALOG, "Cannot open the sweep") != NULL);
  dialog = find_toplevel (GTK_TYPE_MESSAGE_DIALOG, "Cannot open the sweep");
  g_object_get (dialog, "secondary-text", &secondary, NULL);
  g_assert_null (find_toplevel (SCULPTOR_TYPE_SWEEP_WINDOW, NULL));
  gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
  return secondary;
}

/* A folder without a plan, a plan whose task file is gone: a dialog that
 * says so, no browser. */
static void
test_not_a_sweep (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("gui-not-sweep-XXXXXX", &error);
  g_autofree char *task_file = g_build_filename (dir, "task.sfg", NULL);
  g_autofree char *sweep_dir = g_build_filename (dir, "sweep", NULL);
  g_autofree char *bundled = g_test_build_filename (G_TEST_DIST, "..", "data", "tasks",
                                                    "exemplar", "reused.sfg", NULL);
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  const char *sweep_args[] = { "sweep", task_file, "--seeds", "0", "--unit-steps", "70",
                               "--edge-steps", "2.5", "--out", sweep_dir, NULL };

  g_assert_no_error (error);
  message = open_refused (dir);
  g_assert_nonnull (strstr (message, "plan.json"));
  g_clear_pointer (&message, g_free);

  g_assert_true (g_file_get_contents (bundled, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (task_file, text, -1, NULL));
  cli (sweep_args);
  g_assert_cmpint (g_unlink (task_file), ==, 0);
  message = open_refused (sweep_dir);
  g_assert_nonnull (strstr (message, "plan.json"));
  g_assert_nonnull (strstr (message, "task.sfg"));
  remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  g_assert_nonnull (sculptor_get_resource ());

  g_test_add_func ("/sweep-browser/live-and-open", test_sweep_browser);
  g_test_add_func ("/sweep-browser/not-a-sweep", test_not_a_sweep);

  return g_test_run ();
}
