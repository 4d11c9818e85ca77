/* test-module-tree.c — the hierarchy as list models, restricted truth tables
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-detect.h"
#include "sc-module-tree.h"
#include "sc-modules.h"
#include "sc-task.h"

#include "detect-test-util.h"

static ScModuleGraph *
graph_from_edges (const guint *arch,
                  guint        n_layers,
                  const char  *edges)
{
  g_autoptr(ScMask) mask = test_mask_from_edges (arch, n_layers, edges);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDetection) det = sc_detect (mask, NULL, &error);

  g_assert_no_error (error);
  return sc_module_graph_new (det);
}

/* [4,2,4]-like, 4-4-4: x0, x1 → h0, h1 → y0, y1 and x2, x3 → h2, h3 → y2, y3. */
static ScModuleGraph *
graph_separable (void)
{
  const guint arch[] = { 4, 4, 4 };

  return graph_from_edges (arch, 3,
    "[[[0,0],[1,0],[0,1],[1,1],[2,2],[3,2],[2,3],[3,3]],"
    "[[0,0],[1,0],[0,1],[1,1],[2,2],[3,2],[2,3],[3,3]]]");
}

/* 4-3-2-4: all inputs into three hidden-1 units (one module R), which feed
 * both hidden-2 units; h2 unit 0 → y0, y2 and unit 1 → y1, y3. */
static ScModuleGraph *
graph_reused (void)
{
  const guint arch[] = { 4, 3, 2, 4 };

  return graph_from_edges (arch, 4,
    "[[[0,0],[1,0],[2,0],[3,0],[0,1],[1,1],[2,1],[3,1],[0,2],[1,2],[2,2],[3,2]],"
    "[[0,0],[1,0],[2,0],[0,1],[1,1],[2,1]],"
    "[[0,0],[1,1],[0,2],[1,3]]]");
}

/* [6,3,3,3]-like, 6-3-3-3: three AND-like units on input pairs, each read
 * by two of three OR-like units, one per output. */
static ScModuleGraph *
graph_separable_reused (void)
{
  const guint arch[] = { 6, 3, 3, 3 };

  return graph_from_edges (arch, 4,
    "[[[0,0],[1,0],[2,1],[3,1],[4,2],[5,2]],"
    "[[0,0],[1,0],[0,1],[2,1],[1,2],[2,2]],"
    "[[0,0],[1,1],[2,2]]]");
}

static GListModel *
tree_for (ScModuleGraph *graph)
{
  static const char * const inputs[] = { "a", "b", "c", "d", "e", "f", NULL };

  /* The tree owns the graph: it goes with the last node. */
  return sc_module_tree_new (graph, inputs, NULL, FALSE,
                             graph, (GDestroyNotify) sc_module_graph_free);
}

static ScModuleNode *
node_at (GListModel *model,
         guint       position)
{
  ScModuleNode *node = g_list_model_get_item (model, position);

  g_assert_nonnull (node);
  g_assert_true (SC_IS_MODULE_NODE (node));
  /* The model keeps its own reference. */
  g_object_unref (node);
  return node;
}

static int
find_input (const ScModuleGraph *graph,
            guint                input)
{
  for (guint m = 0; m < graph->n_modules; m++)
    {
      const ScModule *module = &graph->modules[m];

      if (module->inputs->len > 0 && g_array_index (module->inputs, guint, 0) == input &&
          module->outputs->len > 0)
        return (int) m;
    }
  return -1;
}

static void
test_tree_separable (void)
{
  g_autoptr(GListModel) roots = tree_for (graph_separable ());
  ScModuleNode *first = node_at (roots, 0);
  const ScModuleGraph *graph = sc_module_node_get_graph (first);
  int m01 = find_input (graph, 0);
  ScModuleNode *node01;

  /* Two side-by-side modules: two roots and no children. */
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 2);
  g_assert_cmpint (m01, >=, 0);
  node01 = node_at (roots, sc_module_node_get_module (first) == (guint) m01 ? 0 : 1);
  g_assert_cmpuint (sc_module_node_get_module (node01), ==, m01);
  g_assert_cmpuint (sc_module_node_get_id (node01), ==, graph->modules[m01].id);
  g_assert_cmpstr (sc_module_node_get_inputs_text (node01), ==, "a b");
  g_assert_cmpstr (sc_module_node_get_outputs_text (node01), ==, "y0 y1");
  g_assert_cmpstr (sc_module_node_get_summary (node01), ==, "a b → y0 y1");
  g_assert_false (sc_module_node_get_shared (node01));
  g_assert_null (sc_module_node_get_shared_text (node01));
  g_assert_cmpuint (sc_module_node_get_depth (node01), ==, 0);

  for (guint i = 0; i < 2; i++)
    {
      ScModuleNode *node = node_at (roots, i);
      g_autofree char *label = g_strdup_printf ("M%u", sc_module_node_get_id (node));

      g_assert_cmpstr (sc_module_node_get_label (node), ==, label);
      g_assert_cmpstr (sc_module_node_get_path (node), ==, label + 1);
      g_assert_false (sc_module_node_get_has_children (node));
      g_assert_null (sc_module_tree_create_child_model (node, NULL));
    }
  g_assert_cmpuint (sc_module_tree_count_rows (graph, 100), ==, 2);
}

static void
test_tree_reused (void)
{
  g_autoptr(GListModel) roots = tree_for (graph_reused ());
  const ScModuleGraph *graph = sc_module_node_get_graph (node_at (roots, 0));
  guint reused_id = graph->modules[0].id;

  g_assert_true (graph->modules[0].reused);
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 2);

  /* R appears under both output modules, each time marked shared. */
  for (guint i = 0; i < 2; i++)
    {
      ScModuleNode *root = node_at (roots, i);
      g_autoptr(GListModel) children = sc_module_tree_create_child_model (root, NULL);
      ScModuleNode *child;
      g_autofree char *path = NULL;

      g_assert_false (sc_module_node_get_shared (root));
      g_assert_cmpuint (graph->modules[sc_module_node_get_module (root)].outputs->len, ==, 2);
      g_assert_true (sc_module_node_get_has_children (root));
      g_assert_nonnull (children);
      g_assert_cmpuint (g_list_model_get_n_items (children), ==, 1);

      child = node_at (children, 0);
      g_assert_cmpuint (sc_module_node_get_module (child), ==, 0);
      g_assert_cmpuint (sc_module_node_get_depth (child), ==, 1);
      g_assert_true (sc_module_node_get_shared (child));
      g_assert_cmpuint (sc_module_node_get_n_uses (child), ==, 2);
      g_assert_cmpstr (sc_module_node_get_shared_text (child), ==, "shared ×2");
      g_assert_cmpstr (sc_module_node_get_outputs_text (child), ==, "");
      g_assert_cmpstr (sc_module_node_get_summary (child), ==, "a b c d");
      path = g_strdup_printf ("%u/%u", sc_module_node_get_id (root), reused_id);
      g_assert_cmpstr (sc_module_node_get_path (child), ==, path);
      g_assert_false (sc_module_node_get_has_children (child));
      g_assert_null (sc_module_tree_create_child_model (child, NULL));
    }
  g_assert_cmpuint (sc_module_tree_count_rows (graph, 100), ==, 4);
}

static void
test_tree_separable_reused (void)
{
  g_autoptr(GListModel) roots = tree_for (graph_separable_reused ());
  const ScModuleGraph *graph = sc_module_node_get_graph (node_at (roots, 0));
  guint n_shared = 0;

  /* Three output modules on top, each fed by two of the three input-pair
   * modules; every input-pair module is shared by two parents. */
  g_assert_cmpuint (graph->n_modules, ==, 6);
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      ScModuleNode *root = node_at (roots, i);
      const ScModule *module = &graph->modules[sc_module_node_get_module (root)];
      g_autoptr(GListModel) children = sc_module_tree_create_child_model (root, NULL);

      g_assert_cmpuint (module->outputs->len, ==, 1);
      g_assert_cmpuint (module->inputs->len, ==, 4);
      g_assert_cmpuint (g_list_model_get_n_items (children), ==, 2);
      for (guint c = 0; c < 2; c++)
        {
          ScModuleNode *child = node_at (children, c);
          const ScModule *cm = &graph->modules[sc_module_node_get_module (child)];

          /* The child's inputs are a pair of the parent's. */
          g_assert_cmpuint (cm->inputs->len, ==, 2);
          g_assert_cmpuint (g_array_index (cm->inputs, guint, 0) % 2, ==, 0);
          g_assert_cmpuint (g_array_index (cm->inputs, guint, 1), ==,
                            g_array_index (cm->inputs, guint, 0) + 1);
          g_assert_cmpuint (g_array_index (cm->feeds, guint, 0) == sc_module_node_get_module (root) ||
                            g_array_index (cm->feeds, guint, 1) == sc_module_node_get_module (root),
                            ==, TRUE);
          n_shared += sc_module_node_get_shared (child);
        }
    }
  g_assert_cmpuint (n_shared, ==, 6);
  g_assert_cmpuint (sc_module_tree_count_rows (graph, 100), ==, 9);
  /* The count stops early. */
  g_assert_cmpuint (sc_module_tree_count_rows (graph, 4), ==, 5);
}

static void
test_tree_image_names (void)
{
  ScModuleGraph *graph = graph_separable ();
  g_autoptr(GListModel) roots = sc_module_tree_new (graph, NULL, NULL, TRUE,
                                                    graph, (GDestroyNotify) sc_module_graph_free);

  /* Image tasks count pixels instead of naming them. */
  g_assert_cmpstr (sc_module_node_get_inputs_text (node_at (roots, 0)), ==, "2 px");
  g_assert_cmpstr (sc_module_node_get_summary (node_at (roots, 0)), ==,
                   sc_module_node_get_module (node_at (roots, 0)) == (guint) find_input (graph, 0)
                   ? "2 px → y0 y1" : "2 px → y2 y3");
}

/* A hand-built graph with a cycle: A fed by B, B fed by A, root A. With
 * grouped, both are in one cycle group, as sc_module_graph_new() puts them;
 * without, the groups claim a DAG that is not one, which the tree must
 * survive all the same. */
static ScModuleGraph *
graph_cycle (gboolean grouped)
{
  ScModuleGraph *graph = g_new0 (ScModuleGraph, 1);
  guint zero = 0, one = 1;

  graph->n_modules = 2;
  graph->modules = g_new0 (ScModule, 2);
  for (guint m = 0; m < 2; m++)
    {
      ScModule *module = &graph->modules[m];

      module->id = 7 + m;
      module->units = g_new0 (ScUnitRef, 1);
      module->inputs = g_array_new (FALSE, FALSE, sizeof (guint));
      module->outputs = g_array_new (FALSE, FALSE, sizeof (guint));
      module->feeds = g_array_new (FALSE, FALSE, sizeof (guint));
      module->fed_by = g_array_new (FALSE, FALSE, sizeof (guint));
      module->cycle_group = grouped ? 0 : m;
      g_array_append_val (module->inputs, m);
    }
  g_array_append_val (graph->modules[0].fed_by, one);
  g_array_append_val (graph->modules[1].feeds, zero);
  g_array_append_val (graph->modules[1].fed_by, zero);
  g_array_append_val (graph->modules[0].feeds, one);

  graph->n_roots = 1;
  graph->roots = g_new0 (ScHierNode *, 1);
  graph->roots[0] = g_new0 (ScHierNode, 1);
  graph->roots[0]->module = 0;

  return graph;
}

static void
test_tree_cycle_group (void)
{
  g_autoptr(GListModel) roots = tree_for (graph_cycle (TRUE));
  ScModuleNode *a = node_at (roots, 0);

  /* B feeds A but belongs to A's cycle group: not a child of A. */
  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 1);
  g_assert_false (sc_module_node_get_has_children (a));
  g_assert_null (sc_module_tree_create_child_model (a, NULL));
  g_assert_cmpuint (sc_module_tree_count_rows (sc_module_node_get_graph (a), 100), ==, 1);
}

static void
test_tree_cycle (void)
{
  g_autoptr(GListModel) roots = tree_for (graph_cycle (FALSE));
  ScModuleNode *a = node_at (roots, 0);
  g_autoptr(GListModel) level1 = sc_module_tree_create_child_model (a, NULL);
  g_autoptr(GListModel) level2 = NULL;
  ScModuleNode *b, *again;

  g_assert_cmpuint (g_list_model_get_n_items (roots), ==, 1);
  g_assert_cmpstr (sc_module_node_get_label (a), ==, "M7");
  g_assert_nonnull (level1);
  b = node_at (level1, 0);
  g_assert_cmpstr (sc_module_node_get_label (b), ==, "M8");
  g_assert_false (sc_module_node_get_cycle (b));

  /* A shows up once more, as a leaf. */
  level2 = sc_module_tree_create_child_model (b, NULL);
  g_assert_nonnull (level2);
  again = node_at (level2, 0);
  g_assert_cmpuint (sc_module_node_get_module (again), ==, 0);
  g_assert_true (sc_module_node_get_cycle (again));
  g_assert_false (sc_module_node_get_has_children (again));
  g_assert_null (sc_module_tree_create_child_model (again, NULL));
  g_assert_cmpstr (sc_module_node_get_path (again), ==, "7/8/7");
  g_assert_cmpuint (sc_module_tree_count_rows (sc_module_node_get_graph (a), 100), ==, 3);
}

static void
owner_free (gpointer data)
{
  gboolean *freed = data;

  *freed = TRUE;
}

static void
test_tree_owner (void)
{
  g_autoptr(ScModuleGraph) graph = graph_reused ();
  gboolean freed = FALSE;
  GListModel *roots = sc_module_tree_new (graph, NULL, NULL, FALSE, &freed, owner_free);
  g_autoptr(ScModuleNode) root = g_list_model_get_item (roots, 0);
  g_autoptr(GListModel) children = sc_module_tree_create_child_model (root, NULL);

  /* The owner is released with the last node, not with the root model. */
  g_object_unref (roots);
  g_clear_object (&root);
  g_assert_false (freed);
  g_assert_cmpstr (sc_module_node_get_summary (node_at (children, 0)), ==, "x0 x1 x2 x3");
  g_clear_object (&children);
  g_assert_true (freed);
}

static ScTask *
load_task (const char *name)
{
  g_autoptr(GError) error = NULL;
  ScTask *task = sc_task_load_bundled (name, &error);

  g_assert_no_error (error);
  return task;
}

static void
test_truth_table_restricted (void)
{
  g_autoptr(ScTask) task = load_task ("exemplar/input-separable");
  const guint inputs[] = { 0, 1 };
  const guint outputs[] = { 0, 1 };
  /* y0 = XOR, y1 = XNOR of x0, x1; x0 is the most significant bit. */
  const guint8 expected[] = { 0, 1,   1, 0,   1, 0,   0, 1 };
  g_autofree guint8 *cells = sc_module_truth_table (task->train, inputs, 2, outputs, 2);

  g_assert_nonnull (cells);
  g_assert_cmpmem (cells, sizeof expected, expected, sizeof expected);
}

static void
test_truth_table_varies (void)
{
  g_autoptr(ScTask) task = load_task ("exemplar/input-separable");
  const guint inputs[] = { 1, 0 };
  const guint outputs[] = { 0, 3 };
  g_autofree guint8 *swapped = sc_module_truth_table (task->train, inputs, 2, outputs, 2);
  g_autofree guint8 *alone = sc_module_truth_table (task->train, inputs, 1, outputs, 1);

  /* XOR is symmetric; y3 = XNOR(x2, x3) does not depend on x0, x1. */
  for (guint r = 0; r < 4; r++)
    {
      g_assert_cmpuint (swapped[r * 2], ==, (r == 1 || r == 2) ? SC_TRUTH_CELL_ONE
                                                               : SC_TRUTH_CELL_ZERO);
      g_assert_cmpuint (swapped[r * 2 + 1], ==, SC_TRUTH_CELL_VARIES);
    }
  /* y0 given x1 only: both values occur. */
  g_assert_cmpuint (alone[0], ==, SC_TRUTH_CELL_VARIES);
  g_assert_cmpuint (alone[1], ==, SC_TRUTH_CELL_VARIES);
}

static void
test_truth_table_unknown (void)
{
  g_autoptr(ScDataset) data = sc_dataset_new (2, 2, 1);
  const guint inputs[] = { 0, 1 };
  const guint output = 0;
  g_autofree guint8 *cells = NULL;
  g_autofree guint8 *none = NULL;

  /* Only rows 01 → 1 and 11 → 0 are known. */
  data->x[0] = 0; data->x[1] = 1; data->y[0] = 1;
  data->x[2] = 1; data->x[3] = 1; data->y[1] = 0;
  cells = sc_module_truth_table (data, inputs, 2, &output, 1);
  g_assert_cmpuint (cells[0], ==, SC_TRUTH_CELL_UNKNOWN);
  g_assert_cmpuint (cells[1], ==, SC_TRUTH_CELL_ONE);
  g_assert_cmpuint (cells[2], ==, SC_TRUTH_CELL_UNKNOWN);
  g_assert_cmpuint (cells[3], ==, SC_TRUTH_CELL_ZERO);

  /* No outputs is fine: an empty table. */
  none = sc_module_truth_table (data, inputs, 2, NULL, 0);
  g_assert_nonnull (none);
}

static void
test_truth_table_bad_input (void)
{
  g_autoptr(ScDataset) data = sc_dataset_new (1, 2, 1);
  const guint inputs[] = { 5 };
  const guint output = 0;

  if (g_test_subprocess ())
    {
      g_assert_null (sc_module_truth_table (data, inputs, 1, &output, 1));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*inputs[j] < data->n_in*");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ModuleTree/separable", test_tree_separable);
  g_test_add_func ("/ModuleTree/reused", test_tree_reused);
  g_test_add_func ("/ModuleTree/separable-reused", test_tree_separable_reused);
  g_test_add_func ("/ModuleTree/image-names", test_tree_image_names);
  g_test_add_func ("/ModuleTree/cycle", test_tree_cycle);
  g_test_add_func ("/ModuleTree/cycle-group", test_tree_cycle_group);
  g_test_add_func ("/ModuleTree/owner", test_tree_owner);
  g_test_add_func ("/ModuleTree/truth-table/restricted", test_truth_table_restricted);
  g_test_add_func ("/ModuleTree/truth-table/varies", test_truth_table_varies);
  g_test_add_func ("/ModuleTree/truth-table/unknown", test_truth_table_unknown);
  g_test_add_func ("/ModuleTree/truth-table/bad-input", test_truth_table_bad_input);

  return g_test_run ();
}
