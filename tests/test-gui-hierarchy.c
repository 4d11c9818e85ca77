/* test-gui-hierarchy.c — the hierarchy tree and module inspector on real runs
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: meson runs it under xvfb-run with GDK_BACKEND=x11,
 * GSK_RENDERER=cairo and GTK_A11Y=none (toolchain.md).
 */

#include "config.h"

#include <gtk/gtk.h>

#include "sc-module-tree.h"
#include "sc-pipeline.h"
#include "sc-render.h"
#include "sculptor-hierarchy-view.h"
#include "sculptor-module-inspector.h"
#include "sculptor-resources.h"
#include "sculptor-stable-rows.h"

#include "detect-test-util.h"
#include "gui-test-util.h"

typedef struct
{
  GtkWidget               *window;
  SculptorHierarchyView   *view;
  SculptorModuleInspector *inspector;
  ScTask                  *task;
  ScRun                   *run;
  int                      n_selected;     /* "module-selected" emissions */
  int                      last_selected;
  int                      n_activated;    /* "module-activated" emissions */
  int                      last_activated;
} Fixture;

static void
on_module_selected (SculptorHierarchyView *view,
                    int                    module,
                    Fixture               *fx)
{
  fx->n_selected++;
  fx->last_selected = module;

  /* What the window does: show it in the inspector. */
  sculptor_module_inspector_set_module (fx->inspector, fx->task, fx->run->analysis, module);
}

static void
on_module_activated (SculptorModuleInspector *inspector,
                     int                      module,
                     Fixture                 *fx)
{
  fx->n_activated++;
  fx->last_activated = module;
}

/* The task's defaults with a seed at which the structure is recovered
 * (the tests look at a correct hierarchy, not at success rates). */
static ScRun *
run_task (ScTask  *task,
          guint64  seed)
{
  g_autoptr(GError) error = NULL;
  ScHyper hyper;
  ScRun *run;

  sc_hyper_copy (&hyper, &task->defaults);
  hyper.seed = seed;
  run = sc_pipeline_run (task, &hyper, NULL, &error);
  sc_hyper_clear (&hyper);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_nonnull (run->analysis->modules);
  return run;
}

static void
fixture_init (Fixture    *fx,
              const char *task_name,
              guint64     seed)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *paned;

  fx->task = sc_task_load_bundled (task_name, &error);
  g_assert_no_error (error);
  fx->run = run_task (fx->task, seed);
  fx->last_selected = fx->last_activated = -2;

  fx->view = SCULPTOR_HIERARCHY_VIEW (sculptor_hierarchy_view_new ());
  fx->inspector = SCULPTOR_MODULE_INSPECTOR (sculptor_module_inspector_new ());
  g_signal_connect (fx->view, "module-selected", G_CALLBACK (on_module_selected), fx);
  g_signal_connect (fx->inspector, "module-activated", G_CALLBACK (on_module_activated), fx);

  /* The window's sidebar: about 300 px wide. */
  paned = gtk_paned_new (GTK_ORIENTATION_VERTICAL);
  gtk_paned_set_start_child (GTK_PANED (paned), GTK_WIDGET (fx->view));
  gtk_paned_set_end_child (GTK_PANED (paned), GTK_WIDGET (fx->inspector));
  gtk_paned_set_position (GTK_PANED (paned), 240);
  fx->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 300, 760);
  gtk_window_set_child (GTK_WINDOW (fx->window), paned);
  gtk_window_present (GTK_WINDOW (fx->window));

  sculptor_hierarchy_view_set_modules (fx->view, fx->task, fx->run->analysis);
  gui_wait_for_frame (fx->window);
}

static void
fixture_clear (Fixture *fx)
{
  gtk_window_destroy (GTK_WINDOW (fx->window));
  gui_drain ();
  g_clear_pointer (&fx->run, sc_run_free);
  g_clear_pointer (&fx->task, sc_task_unref);
}

static GtkSingleSelection *
view_selection (Fixture *fx)
{
  return GTK_SINGLE_SELECTION (gtk_widget_get_template_child (GTK_WIDGET (fx->view),
                                                              SCULPTOR_TYPE_HIERARCHY_VIEW,
                                                              "selection"));
}

static GObject *
inspector_child (Fixture    *fx,
                 const char *name)
{
  return gtk_widget_get_template_child (GTK_WIDGET (fx->inspector),
                                        SCULPTOR_TYPE_MODULE_INSPECTOR, name);
}

static const char *
stack_page (GObject *stack)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

static guint
n_rows (Fixture *fx)
{
  return g_list_model_get_n_items (G_LIST_MODEL (view_selection (fx)));
}

/* The widget's children, each with a reference (no new widget can take
 * an old one's address while the array lives). */
static GPtrArray *
child_widgets (GtkWidget *widget)
{
  GPtrArray *children = g_ptr_array_new_with_free_func (g_object_unref);

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    g_ptr_array_add (children, g_object_ref (child));
  return children;
}

static GtkTreeListRow *
row_at (Fixture *fx,
        guint    position)
{
  SculptorRowSlot *slot = g_list_model_get_item (G_LIST_MODEL (view_selection (fx)), position);

  g_assert_nonnull (slot);
  g_object_unref (slot);   /* the model keeps one */
  return sculptor_row_slot_get_item (slot);
}

static ScModuleNode *
node_at (Fixture *fx,
         guint    position)
{
  ScModuleNode *node = gtk_tree_list_row_get_item (row_at (fx, position));

  g_object_unref (node);  /* the row keeps one */
  return node;
}

/* A label showing text that is on screen (mapped) under root. */
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

static const char *
grid_text (GObject *grid,
           int      column,
           int      row)
{
  GtkWidget *child = gtk_grid_get_child_at (GTK_GRID (grid), column, row);

  g_assert_true (GTK_IS_LABEL (child));
  return gtk_label_get_text (GTK_LABEL (child));
}

/* The module whose input set is exactly {a, b}, or -1. */
static int
module_with_inputs (const ScModuleGraph *graph,
                    guint                a,
                    guint                b)
{
  for (guint m = 0; m < graph->n_modules; m++)
    {
      const GArray *inputs = graph->modules[m].inputs;

      if (inputs->len == 2 && g_array_index (inputs, guint, 0) == a &&
          g_array_index (inputs, guint, 1) == b)
        return (int) m;
    }
  return -1;
}

static guint
find_row_of_module (Fixture *fx,
                    guint    module)
{
  for (guint i = 0; i < n_rows (fx); i++)
    if (sc_module_node_get_module (node_at (fx, i)) == module)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

/* [4,2,4]: two roots; selecting a row emits its module; the inspector shows
 * the input set as chips and the truth table of XOR and XNOR. */
static void
test_input_separable (void)
{
  Fixture fx = { 0 };
  const ScModuleGraph *graph;
  GObject *grid;
  guint row;
  int m01;

  fixture_init (&fx, "exemplar/input-separable", 0);
  graph = fx.run->analysis->modules;
  g_assert_nonnull (fx.run->analysis->score);
  g_assert_true (fx.run->analysis->score->success);

  /* Two side-by-side modules: two roots, nothing under them. */
  g_assert_cmpuint (graph->n_modules, ==, 2);
  g_assert_cmpstr (stack_page (gtk_widget_get_template_child (GTK_WIDGET (fx.view),
                                                              SCULPTOR_TYPE_HIERARCHY_VIEW,
                                                              "stack")), ==, "tree");
  g_assert_cmpuint (n_rows (&fx), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpuint (gtk_tree_list_row_get_depth (row_at (&fx, i)), ==, 0);
      g_assert_false (gtk_tree_list_row_is_expandable (row_at (&fx, i)));
    }

  /* Nothing selected yet: the inspector says so. */
  sculptor_module_inspector_set_module (fx.inspector, fx.task, fx.run->analysis, -1);
  g_assert_cmpstr (stack_page (inspector_child (&fx, "stack")), ==, "empty");

  /* Selecting the row of {x0, x1} emits its index. */
  m01 = module_with_inputs (graph, 0, 1);
  g_assert_cmpint (m01, >=, 0);
  row = find_row_of_module (&fx, (guint) m01);
  g_assert_cmpuint (row, !=, GTK_INVALID_LIST_POSITION);
  gtk_single_selection_set_selected (view_selection (&fx), row);
  GUI_WAIT_UNTIL (fx.n_selected > 0);
  gui_drain ();
  g_assert_cmpint (fx.n_selected, ==, 1);
  g_assert_cmpint (fx.last_selected, ==, m01);
  g_assert_cmpint (sculptor_hierarchy_view_get_selected_module (fx.view), ==, m01);
  g_assert_cmpint (sculptor_module_inspector_get_module (fx.inspector), ==, m01);
  g_assert_cmpstr (stack_page (inspector_child (&fx, "stack")), ==, "module");

  /* Title, input chips, no stray chip of the other module. */
  GUI_WAIT_UNTIL (find_label (GTK_WIDGET (fx.inspector), "x0"));
  g_assert_nonnull (find_label (GTK_WIDGET (fx.inspector), "x1"));
  g_assert_null (find_label (GTK_WIDGET (fx.inspector), "x2"));
  {
    g_autofree char *title = sc_render_module_label (graph->modules[m01].id);

    g_assert_nonnull (find_label (GTK_WIDGET (fx.inspector), title));
  }

  /* Its outputs are y0 (XOR) and y1 (XNOR): 00 → 0 1, 01 → 1 0,
   * 10 → 1 0, 11 → 0 1. Columns: x0, x1, separator, y0, y1; rows: header,
   * separator, then the assignments. */
  g_assert_cmpuint (graph->modules[m01].outputs->len, ==, 2);
  g_assert_cmpuint (g_array_index (graph->modules[m01].outputs, guint, 0), ==, 0);
  grid = inspector_child (&fx, "truth_grid");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (grid)));
  g_assert_cmpstr (grid_text (grid, 0, 0), ==, "x0");
  g_assert_cmpstr (grid_text (grid, 4, 0), ==, "y1");
  for (guint r = 0; r < 4; r++)
    {
      guint a = r >> 1, b = r & 1;

      g_assert_cmpstr (grid_text (grid, 0, r + 2), ==, a ? "1" : "0");
      g_assert_cmpstr (grid_text (grid, 1, r + 2), ==, b ? "1" : "0");
      g_assert_cmpstr (grid_text (grid, 3, r + 2), ==, (a ^ b) ? "1" : "0");
      g_assert_cmpstr (grid_text (grid, 4, r + 2), ==, (a ^ b) ? "0" : "1");
    }
  g_assert_null (gtk_grid_get_child_at (GTK_GRID (grid), 0, 6));

  /* Selecting from outside moves the row without a signal. */
  sculptor_hierarchy_view_set_selected_module (fx.view, 1 - m01);
  gui_drain ();
  g_assert_cmpint (fx.n_selected, ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (view_selection (&fx)), ==,
                    find_row_of_module (&fx, (guint) (1 - m01)));
  g_assert_cmpint (sculptor_hierarchy_view_get_selected_module (fx.view), ==, 1 - m01);

  /* The next detected step's tree (here: the same modules in a new tree)
   * comes into the row widgets there are, the selection kept: GTK makes a
   * row widget again for every new item of a new model. */
  {
    GtkWidget *list = GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (fx.view),
                                                                 SCULPTOR_TYPE_HIERARCHY_VIEW,
                                                                 "list_view"));
    g_autoptr(GPtrArray) before = child_widgets (list);
    g_autoptr(GPtrArray) after = NULL;
    g_autofree char *title = sc_render_module_label (graph->modules[m01].id);

    g_assert_cmpuint (before->len, >=, 2);
    sculptor_hierarchy_view_set_modules (fx.view, fx.task, fx.run->analysis);
    g_assert_false (sculptor_hierarchy_view_has_pending_rows (fx.view));
    gui_wait_for_frame (fx.window);
    after = child_widgets (list);
    g_assert_cmpuint (after->len, ==, before->len);
    for (guint i = 0; i < after->len; i++)
      g_assert_true (g_ptr_array_index (after, i) == g_ptr_array_index (before, i));
    g_assert_nonnull (find_label (list, title));
    g_assert_cmpint (sculptor_hierarchy_view_get_selected_module (fx.view), ==, 1 - m01);
    g_assert_cmpuint (gtk_single_selection_get_selected (view_selection (&fx)), ==,
                      find_row_of_module (&fx, (guint) (1 - m01)));
    g_assert_cmpint (fx.n_selected, ==, 1);
  }

  gui_save_png (fx.window, "gui-hierarchy-input-separable.png");

  /* No modules: the empty state. */
  sculptor_hierarchy_view_set_modules (fx.view, fx.task, NULL);
  g_assert_cmpuint (n_rows (&fx), ==, 0);
  g_assert_cmpint (sculptor_hierarchy_view_get_selected_module (fx.view), ==, -1);
  g_assert_cmpstr (stack_page (gtk_widget_get_template_child (GTK_WIDGET (fx.view),
                                                              SCULPTOR_TYPE_HIERARCHY_VIEW,
                                                              "stack")), ==, "empty");
  g_assert_cmpint (fx.n_selected, ==, 1);

  fixture_clear (&fx);
}

/* The reused exemplar: R under both output modules, marked shared; its
 * inspector has no outputs and links to the modules it feeds. */
static void
test_reused (void)
{
  Fixture fx = { 0 };
  const ScModuleGraph *graph;
  int reused = -1;
  guint n_shared_rows = 0;
  GObject *feeds_box;
  GtkWidget *button;
  guint root_row;

  fixture_init (&fx, "exemplar/reused", 4);
  graph = fx.run->analysis->modules;
  g_assert_true (fx.run->analysis->score->success);

  for (guint m = 0; m < graph->n_modules; m++)
    if (graph->modules[m].reused)
      reused = (int) m;
  g_assert_cmpint (reused, >=, 0);
  g_assert_cmpuint (graph->modules[reused].feeds->len, ==, 2);

  /* The tree starts expanded: each root has R as its child. */
  g_assert_cmpuint (n_rows (&fx), ==, 4);
  for (guint i = 0; i < n_rows (&fx); i++)
    {
      GtkTreeListRow *row = row_at (&fx, i);
      ScModuleNode *node = node_at (&fx, i);

      if (gtk_tree_list_row_get_depth (row) == 0)
        {
          g_assert_true (gtk_tree_list_row_get_expanded (row));
          g_assert_false (sc_module_node_get_shared (node));
          continue;
        }
      g_assert_cmpuint (sc_module_node_get_module (node), ==, reused);
      g_assert_true (sc_module_node_get_shared (node));
      g_assert_cmpstr (sc_module_node_get_shared_text (node), ==, "shared ×2");
      n_shared_rows++;
    }
  g_assert_cmpuint (n_shared_rows, ==, 2);
  /* Rows: output module, R, the other output module, R. */
  g_assert_cmpuint (gtk_tree_list_row_get_depth (row_at (&fx, 2)), ==, 0);
  g_assert_cmpuint (sc_module_node_get_module (node_at (&fx, 0)), !=,
                    sc_module_node_get_module (node_at (&fx, 2)));
  g_assert_cmpstr (sc_module_node_get_path (node_at (&fx, 3)), !=,
                   sc_module_node_get_path (node_at (&fx, 1)));

  /* Selecting R's second occurrence emits R; the badge is on screen. */
  gtk_single_selection_set_selected (view_selection (&fx), 3);
  GUI_WAIT_UNTIL (fx.n_selected > 0);
  g_assert_cmpint (fx.last_selected, ==, reused);
  GUI_WAIT_UNTIL (find_label (GTK_WIDGET (fx.view), "shared ×2"));

  /* R's inspector: four input chips, no output units, two links. */
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("x%u", i);

      g_assert_nonnull (find_label (GTK_WIDGET (fx.inspector), name));
    }
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (inspector_child (&fx, "truth_section"))));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (inspector_child (&fx, "outputs_empty"))));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (inspector_child (&fx, "shared_label"))));

  /* Each "Feeds" button says how many surviving edges make the link. */
  {
    guint edges = g_array_index (graph->modules[reused].feeds_edges, guint, 0);
    g_autofree char *count = g_strdup_printf (edges == 1 ? "%u edge" : "%u edges", edges);

    g_assert_cmpuint (edges, >, 0);
    g_assert_nonnull (find_label (GTK_WIDGET (inspector_child (&fx, "feeds_box")), count));
  }

  /* A "Feeds" button selects that module through "module-activated". */
  feeds_box = inspector_child (&fx, "feeds_box");
  button = gtk_flow_box_child_get_child (gtk_flow_box_get_child_at_index (GTK_FLOW_BOX (feeds_box), 1));
  g_assert_true (GTK_IS_BUTTON (button));
  g_signal_emit_by_name (button, "clicked");
  g_assert_cmpint (fx.n_activated, ==, 1);
  g_assert_cmpint (fx.last_activated, ==, g_array_index (graph->modules[reused].feeds, guint, 1));

  gui_save_png (fx.window, "gui-hierarchy-reused.png");

  /* A live update keeps collapsed rows collapsed and the selection. */
  root_row = 2;
  gtk_tree_list_row_set_expanded (row_at (&fx, root_row), FALSE);
  g_assert_cmpuint (n_rows (&fx), ==, 3);
  sculptor_hierarchy_view_set_selected_module (fx.view, reused);
  sculptor_hierarchy_view_set_modules (fx.view, fx.task, fx.run->analysis);
  gui_drain ();
  g_assert_cmpuint (n_rows (&fx), ==, 3);
  g_assert_false (gtk_tree_list_row_get_expanded (row_at (&fx, root_row)));
  g_assert_true (gtk_tree_list_row_get_expanded (row_at (&fx, 0)));
  g_assert_cmpint (sculptor_hierarchy_view_get_selected_module (fx.view), ==, reused);
  g_assert_cmpuint (gtk_single_selection_get_selected (view_selection (&fx)), ==, 1);

  /* Selecting a module hidden under a collapsed row expands the way. */
  gtk_tree_list_row_set_expanded (row_at (&fx, 0), FALSE);
  g_assert_cmpuint (n_rows (&fx), ==, 2);
  sculptor_hierarchy_view_set_selected_module (fx.view, reused);
  g_assert_cmpuint (n_rows (&fx), ==, 3);
  g_assert_cmpuint (sc_module_node_get_module (node_at (&fx, 1)), ==, reused);
  g_assert_cmpuint (gtk_single_selection_get_selected (view_selection (&fx)), ==, 1);
  g_assert_cmpint (fx.n_selected, ==, 1);

  fixture_clear (&fx);
}

/* A 4 × 2 image task whose top row (pixels 0–3) feeds h0 → y0 and bottom
 * row (4–7) h1 → y1, detected: two modules. */
static ScAnalysis *
tiny_image_analysis (ScTask **task_out)
{
  const guint arch[] = { 8, 2, 2 };
  g_autoptr(ScMask) mask = NULL;
  g_autoptr(GError) error = NULL;
  ScTask *task = sc_task_new ();
  ScAnalysis *analysis;

  task->kind = SC_TASK_IMAGE;
  task->name = g_strdup ("tiny-image");
  task->n_in = 8;
  task->n_out = 2;
  task->image_width = 4;
  task->image_height = 2;
  mask = test_mask_from_edges (arch, 3,
    "[[[0,0],[1,0],[2,0],[3,0],[4,1],[5,1],[6,1],[7,1]],[[0,0],[1,1]]]");
  analysis = sc_analysis_new (mask, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (analysis->modules->n_modules, ==, 2);
  *task_out = task;
  return analysis;
}

/* The index of the module reading the top row. */
static int
top_row_module (const ScAnalysis *analysis)
{
  return g_array_index (analysis->modules->modules[0].inputs, guint, 0) == 0 ? 0 : 1;
}

/* An inspector showing module in a window of its own, drawn. */
static GtkWidget *
present_inspector (ScTask      *task,
                   ScAnalysis  *analysis,
                   int          module,
                   GtkWidget  **window_out)
{
  GtkWidget *inspector = sculptor_module_inspector_new ();
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 300, 500);
  gtk_window_set_child (GTK_WINDOW (window), inspector);
  gtk_window_present (GTK_WINDOW (window));
  sculptor_module_inspector_set_module (SCULPTOR_MODULE_INSPECTOR (inspector), task, analysis,
                                        module);
  gui_wait_for_frame (window);
  *window_out = window;
  return inspector;
}

/* An image task: the input set is a heat map, not chips. */
static void
test_image_heat_map (void)
{
  g_autoptr(ScTask) task = NULL;
  g_autoptr(ScAnalysis) analysis = tiny_image_analysis (&task);
  int module = top_row_module (analysis);
  GtkWidget *window, *inspector = present_inspector (task, analysis, module, &window);
  GtkWidget *image = GTK_WIDGET (gtk_widget_get_template_child (inspector, SCULPTOR_TYPE_MODULE_INSPECTOR,
                                                                "input_image"));
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint32 *pixels = NULL;
  int width, height;
  ScRgba color;

  g_assert_true (gtk_widget_get_mapped (image));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (
    inspector, SCULPTOR_TYPE_MODULE_INSPECTOR, "input_chips"))));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_widget_get_template_child (
    inspector, SCULPTOR_TYPE_MODULE_INSPECTOR, "truth_section"))));
  g_assert_nonnull (find_label (inspector, "4 of 8 pixels"));

  /* Render the heat map: the top row in the module colour, the bottom row
   * not. */
  texture = gui_render_widget (image, NULL);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  g_assert_cmpint (width, ==, 2 * height);
  g_assert_cmpint (width, >=, 4 * 8);
  pixels = g_new0 (guint32, width * height);
  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  sc_render_module_color (analysis->modules->modules[module].id, FALSE, &color);
  {
    guint32 top = pixels[(height / 4) * width + width / 2];
    guint32 bottom = pixels[(3 * height / 4) * width + width / 2];

    /* ARGB32, native endian. */
    g_assert_cmpuint ((top >> 16) & 0xff, ==, (guint) (color.red * 255 + 0.5));
    g_assert_cmpuint ((top >> 8) & 0xff, ==, (guint) (color.green * 255 + 0.5));
    g_assert_cmpuint (top & 0xff, ==, (guint) (color.blue * 255 + 0.5));
    g_assert_cmpuint (bottom, !=, top);
  }
  gui_save_png (window, "gui-hierarchy-image.png");

  gtk_window_destroy (GTK_WINDOW (window));
  gui_drain ();
}

/* A pixel read by two modules belongs to one of them (detection
 * partitions units): the other has it in its input set but not among its
 * units — in a default mnist/hierarchical-xor run a digit module has 365
 * pixels in its input set and 356 among its units. The inspector counts
 * those apart and paints them paler. Tiny networks do not split their
 * inputs that way, so the module's input set is given the extra pixel. */
static void
test_image_shared_pixel (void)
{
  g_autoptr(ScTask) task = NULL;
  g_autoptr(ScAnalysis) analysis = tiny_image_analysis (&task);
  ScModule *module = &analysis->modules->modules[top_row_module (analysis)];
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree guint32 *pixels = NULL;
  GtkWidget *window, *inspector, *image;
  guint32 at_own, at_shared, at_none;
  int width, height;

  /* the top row's module reads pixel 4 (the bottom row's) too */
  g_assert_cmpuint (module->inputs->len, ==, 4);
  g_array_append_val (module->inputs, (guint) { 4 });
  inspector = present_inspector (task, analysis, (int) (module - analysis->modules->modules), &window);
  image = GTK_WIDGET (gtk_widget_get_template_child (inspector, SCULPTOR_TYPE_MODULE_INSPECTOR,
                                                     "input_image"));
  g_assert_nonnull (find_label (inspector, "5 of 8 pixels"));
  g_assert_nonnull (find_label (inspector, "1 of them in another module’s units (paler)"));
  g_assert_nonnull (find_label (inspector, "4 pixels"));   /* its units' input row */

  /* pixel 4 paler than the module's own (0), unlike one it does not read (5) */
  texture = gui_render_widget (image, NULL);
  width = gdk_texture_get_width (texture);
  height = gdk_texture_get_height (texture);
  pixels = g_new0 (guint32, width * height);
  gdk_texture_download (texture, (guchar *) pixels, width * 4);
  at_own = pixels[(height / 4) * width + width / 8];
  at_shared = pixels[(3 * height / 4) * width + width / 8];
  at_none = pixels[(3 * height / 4) * width + 3 * width / 8];
  g_assert_cmpuint (at_shared, !=, at_own);
  g_assert_cmpuint (at_shared, !=, at_none);
  g_assert_cmpuint (at_own, !=, at_none);

  gtk_window_destroy (GTK_WINDOW (window));
  gui_drain ();
}

/* The same for a Boolean task: the input read from another module's units
 * is a dimmed chip that says why. */
static void
test_chip_shared_input (void)
{
  g_autoptr(ScTask) task = NULL;
  g_autoptr(ScAnalysis) analysis = tiny_image_analysis (&task);
  ScModule *module = &analysis->modules->modules[top_row_module (analysis)];
  GtkWidget *window, *inspector, *own, *shared;
  const char *tooltip;

  task->kind = SC_TASK_BOOLEAN;
  task->image_width = task->image_height = 0;
  g_array_append_val (module->inputs, (guint) { 4 });
  inspector = present_inspector (task, analysis, (int) (module - analysis->modules->modules), &window);

  own = find_label (inspector, "x0");
  shared = find_label (inspector, "x4");
  g_assert_nonnull (own);
  g_assert_nonnull (shared);
  g_assert_nonnull (find_label (inspector, "5 inputs"));
  g_assert_nonnull (find_label (inspector, "1 of them in another module’s units (paler)"));
  g_assert_false (gtk_widget_has_css_class (own, "dim-label"));
  g_assert_true (gtk_widget_has_css_class (shared, "dim-label"));
  tooltip = gtk_widget_get_tooltip_text (shared);
  g_assert_cmpstr (tooltip, ==, "In another module’s units; this module reads it too");

  gtk_window_destroy (GTK_WINDOW (window));
  gui_drain ();
}

static void
load_style (void)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  /* The resources live in the static app library: referencing them links
   * them in. The application loads the same style sheet. */
  g_assert_nonnull (sculptor_get_resource ());
  gtk_css_provider_load_from_resource (css, "/io/github/sculptor/Sculptor/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  load_style ();

  g_test_add_func ("/GuiHierarchy/input-separable", test_input_separable);
  g_test_add_func ("/GuiHierarchy/reused", test_reused);
  g_test_add_func ("/GuiHierarchy/image-heat-map", test_image_heat_map);
  g_test_add_func ("/GuiHierarchy/image-shared-pixel", test_image_shared_pixel);
  g_test_add_func ("/GuiHierarchy/chip-shared-input", test_chip_shared_input);

  return g_test_run ();
}
