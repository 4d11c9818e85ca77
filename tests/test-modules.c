/* test-modules.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-detect.h"
#include "sc-modules.h"
#include "sc-render.h"

#include "detect-test-util.h"

static guint
uint_at (const GArray *array,
         guint         i)
{
  return g_array_index (array, guint, i);
}

/* [4,3,2,4]: every input feeds the three hidden-1 units, which feed both
 * hidden-2 units; hidden-2 unit 0 feeds y0, y2 and unit 1 feeds y1, y3.
 * Detection: {inputs + hidden-1} = the reused sub-function, then one module
 * per hidden-2 unit with its outputs. */
static ScDetection *
detect_reused (void)
{
  const guint arch[] = { 4, 3, 2, 4 };
  g_autoptr(ScMask) mask = test_mask_from_edges (arch, 4,
    "[[[0,0],[1,0],[2,0],[3,0],[0,1],[1,1],[2,1],[3,1],[0,2],[1,2],[2,2],[3,2]],"
    "[[0,0],[1,0],[2,0],[0,1],[1,1],[2,1]],"
    "[[0,0],[1,1],[0,2],[1,3]]]");
  g_autoptr(GError) error = NULL;
  ScDetection *det = sc_detect (mask, NULL, &error);

  g_assert_no_error (error);
  return det;
}

static void
test_modules_reused (void)
{
  g_autoptr(ScDetection) det = detect_reused ();
  g_autoptr(ScModuleGraph) graph = sc_module_graph_new (det);
  const ScModule *r, *a, *b;

  g_assert_cmpuint (det->n_modules, ==, 3);
  g_assert_cmpuint (graph->n_modules, ==, 3);

  /* Ordered by first layer, then id. */
  r = &graph->modules[0];
  a = &graph->modules[1];
  b = &graph->modules[2];
  g_assert_cmpuint (r->first_layer, ==, 0);
  g_assert_cmpuint (r->last_layer, ==, 1);
  g_assert_cmpuint (r->n_units, ==, 7);
  g_assert_cmpuint (r->units[4].layer, ==, 1);
  g_assert_cmpuint (r->units[4].index, ==, 0);
  g_assert_cmpuint (a->first_layer, ==, 2);
  g_assert_cmpuint (a->last_layer, ==, 3);
  g_assert_cmpuint (a->id, <, b->id);
  g_assert_cmpint (sc_module_graph_find (graph, a->id), ==, 1);
  g_assert_cmpint (sc_module_graph_find (graph, 999), ==, -1);

  /* Input sets: every module depends on all four inputs. */
  g_assert_cmpuint (r->inputs->len, ==, 4);
  g_assert_cmpuint (a->inputs->len, ==, 4);
  g_assert_cmpuint (uint_at (b->inputs, 3), ==, 3);

  /* Outputs: y0, y2 with hidden-2 unit 0; y1, y3 with unit 1. */
  g_assert_cmpuint (r->outputs->len, ==, 0);
  g_assert_cmpuint (a->outputs->len, ==, 2);
  g_assert_cmpuint (uint_at (a->outputs, 0), ==, 0);
  g_assert_cmpuint (uint_at (a->outputs, 1), ==, 2);
  g_assert_cmpuint (uint_at (b->outputs, 1), ==, 3);

  /* R feeds both: reused; three edges (one per hidden-1 unit) into each. */
  g_assert_cmpuint (r->feeds->len, ==, 2);
  g_assert_cmpuint (r->feeds_edges->len, ==, 2);
  g_assert_cmpuint (uint_at (r->feeds_edges, 0), ==, 3);
  g_assert_cmpuint (uint_at (r->feeds_edges, 1), ==, 3);
  g_assert_cmpuint (a->feeds_edges->len, ==, 0);
  g_assert_true (sc_module_graph_feeds (graph, 0, 2));
  g_assert_false (sc_module_graph_feeds (graph, 2, 0));
  g_assert_cmpuint (sc_module_graph_edges_between (graph, 0, 2), ==, 3);
  g_assert_cmpuint (sc_module_graph_edges_between (graph, 1, 2), ==, 0);
  g_assert_true (r->reused);
  g_assert_false (sc_module_graph_same_group (graph, 0, 1));
  g_assert_cmpuint (a->fed_by->len, ==, 1);
  g_assert_cmpuint (uint_at (a->fed_by, 0), ==, 0);
  g_assert_false (a->reused);
  g_assert_cmpuint (a->feeds->len, ==, 0);

  /* Hierarchy: the two output modules on top, R shared under both, and
   * expanded only the first time. */
  g_assert_cmpuint (graph->n_roots, ==, 2);
  g_assert_cmpuint (graph->roots[0]->module, ==, 1);
  g_assert_false (graph->roots[0]->shared);
  g_assert_cmpuint (graph->roots[0]->n_children, ==, 1);
  g_assert_cmpuint (graph->roots[0]->children[0]->module, ==, 0);
  g_assert_true (graph->roots[0]->children[0]->shared);
  g_assert_cmpuint (graph->roots[1]->module, ==, 2);
  g_assert_true (graph->roots[1]->children[0]->shared);
  g_assert_cmpuint (graph->roots[1]->children[0]->n_children, ==, 0);
}

static void
test_modules_separable (void)
{
  /* Golden line 1 ([4,2,4], 1 hidden layer): two side-by-side modules, no
   * edges between them, both roots. */
  g_autoptr(GPtrArray) lines = test_load_golden ();
  g_autoptr(ScDetection) det = test_detect_golden (g_ptr_array_index (lines, 0));
  g_autoptr(ScModuleGraph) graph = sc_module_graph_new (det);

  g_assert_cmpuint (graph->n_modules, ==, 2);
  g_assert_cmpuint (graph->n_roots, ==, 2);
  for (guint m = 0; m < 2; m++)
    {
      const ScModule *module = &graph->modules[m];

      g_assert_cmpuint (module->n_units, ==, 6);
      g_assert_cmpuint (module->inputs->len, ==, 2);
      g_assert_cmpuint (module->outputs->len, ==, 2);
      /* Inputs {x0,x1} go with outputs {y0,y1}. */
      g_assert_cmpuint (uint_at (module->inputs, 0) / 2, ==, uint_at (module->outputs, 0) / 2);
      g_assert_cmpuint (module->feeds->len + module->fed_by->len, ==, 0);
      g_assert_cmpuint (graph->roots[m]->n_children, ==, 0);
    }
}

/* [20,4,2]: inputs x0–x9 feed h0, h1 (→ y0), x10–x19 feed h2, h3 (→ y1),
 * and one stray pixel on each side feeds a unit of the other side: two
 * modules spanning layers 0–2 that feed each other (§5.10's "DAG" is not
 * one here). They form one cycle group, side by side at the top. */
static void
test_modules_cycle (void)
{
  const guint arch[] = { 20, 4, 2 };
  g_autoptr(GString) layer0 = g_string_new ("[[");
  g_autoptr(ScMask) mask = NULL;
  g_autoptr(ScDetection) det = NULL;
  g_autoptr(ScModuleGraph) graph = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *edges = NULL;
  ScHierarchyLayout *layout;
  const ScRect *left, *right;
  ScDetectParams params;

  for (guint i = 0; i < 20; i++)
    for (guint j = 0; j < 2; j++)
      g_string_append_printf (layer0, "[%u,%u],", i, i < 10 ? j : 2 + j);
  g_string_append (layer0, "[9,2],[18,0]]");
  edges = g_strdup_printf ("%s,[[0,0],[1,0],[2,1],[3,1]]]", layer0->str);
  mask = test_mask_from_edges (arch, 3, edges);

  sc_detect_params_init (&params);
  params.feature_step = 1;
  params.clusterability_step = 1;
  det = sc_detect (mask, &params, &error);
  g_assert_no_error (error);
  graph = sc_module_graph_new (det);

  g_assert_cmpuint (graph->n_modules, ==, 2);
  g_assert_cmpuint (graph->modules[0].feeds->len, ==, 1);
  g_assert_cmpuint (graph->modules[1].feeds->len, ==, 1);
  g_assert_true (sc_module_graph_same_group (graph, 0, 1));
  /* one stray edge each way */
  g_assert_cmpuint (uint_at (graph->modules[0].feeds_edges, 0), ==, 1);
  g_assert_cmpuint (uint_at (graph->modules[1].feeds_edges, 0), ==, 1);
  g_assert_cmpuint (graph->modules[0].cycle_group, ==, graph->modules[1].cycle_group);

  /* Both are roots and neither is nested under the other. */
  g_assert_cmpuint (graph->n_roots, ==, 2);
  g_assert_cmpuint (graph->roots[0]->n_children, ==, 0);
  g_assert_cmpuint (graph->roots[1]->n_children, ==, 0);

  /* The figure puts them on one level, side by side, on a readable scale. */
  layout = sc_hierarchy_layout_compute (graph, NULL, 800, 600);
  g_assert_cmpuint (layout->n_levels, ==, 1);
  g_assert_cmpuint (layout->boxes[0].level, ==, layout->boxes[1].level);
  g_assert_cmpfloat (layout->boxes[0].rect.y, ==, layout->boxes[1].rect.y);
  left = &layout->boxes[layout->boxes[0].rect.x < layout->boxes[1].rect.x ? 0 : 1].rect;
  right = &layout->boxes[layout->boxes[0].rect.x < layout->boxes[1].rect.x ? 1 : 0].rect;
  g_assert_cmpfloat (left->x + left->width, <, right->x);
  g_assert_cmpfloat (layout->font_size, >=, 10.0);
  sc_hierarchy_layout_free (layout);
}

static void
test_modules_json (void)
{
  g_autoptr(ScDetection) det = detect_reused ();
  g_autoptr(ScModuleGraph) graph = sc_module_graph_new (det);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;
  JsonObject *object, *m0, *top;
  JsonArray *modules, *hierarchy, *units;

  json_builder_begin_object (builder);
  sc_detection_to_json (det, builder);
  sc_module_graph_to_json (graph, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_test_message ("%s", text);

  object = json_node_get_object (root);
  g_assert_true (json_object_has_member (object, "partition_merged"));
  modules = json_object_get_array_member (object, "modules");
  g_assert_cmpuint (json_array_get_length (modules), ==, 3);

  m0 = json_array_get_object_element (modules, 0);
  g_assert_cmpint (json_object_get_int_member (m0, "id"), ==, graph->modules[0].id);
  units = json_object_get_array_member (m0, "units");
  g_assert_cmpuint (json_array_get_length (units), ==, 7);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (units, 6), 0), ==, 1);
  g_assert_cmpint (json_array_get_int_element (json_array_get_array_element (units, 6), 1), ==, 2);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (m0, "inputs")), ==, 4);
  g_assert_true (json_object_get_boolean_member (m0, "reused"));
  /* feeds lists module ids, not indices. */
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (m0, "feeds"), 1),
                   ==, graph->modules[2].id);
  g_assert_cmpint (json_object_get_int_member (m0, "last_layer"), ==, 1);
  g_assert_cmpint (json_array_get_int_element (json_object_get_array_member (m0, "feeds_edges"), 1),
                   ==, 3);
  /* acyclic: every module is its own cycle group */
  for (guint m = 0; m < 3; m++)
    g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (modules, m), "cycle_group"),
                     ==, graph->modules[m].id);

  hierarchy = json_object_get_array_member (object, "hierarchy");
  g_assert_cmpuint (json_array_get_length (hierarchy), ==, 2);
  top = json_array_get_object_element (hierarchy, 0);
  g_assert_cmpint (json_object_get_int_member (top, "module"), ==, graph->modules[1].id);
  g_assert_false (json_object_get_boolean_member (top, "shared"));
  g_assert_true (json_object_get_boolean_member (
    json_array_get_object_element (json_object_get_array_member (top, "children"), 0), "shared"));
}

static void
test_modules_golden_invariants (void)
{
  /* On every golden run: each kept unit is in exactly one module, feeds
   * and fed_by mirror each other, and a module's input set contains its
   * own input units. */
  g_autoptr(GPtrArray) lines = test_load_golden ();

  for (guint i = 0; i < lines->len; i++)
    {
      g_autoptr(ScDetection) det = test_detect_golden (g_ptr_array_index (lines, i));
      g_autoptr(ScModuleGraph) graph = sc_module_graph_new (det);
      guint n_units = 0;

      g_assert_cmpuint (graph->n_modules, ==, det->n_modules);
      for (guint m = 0; m < graph->n_modules; m++)
        {
          const ScModule *module = &graph->modules[m];

          n_units += module->n_units;
          for (guint f = 0; f < module->feeds->len; f++)
            {
              const ScModule *fed = &graph->modules[uint_at (module->feeds, f)];
              gboolean back = FALSE;

              for (guint k = 0; k < fed->fed_by->len; k++)
                back |= uint_at (fed->fed_by, k) == m;
              g_assert_true (back);
            }
          for (guint u = 0; u < module->n_units && module->units[u].layer == 0; u++)
            {
              gboolean found = FALSE;

              for (guint k = 0; k < module->inputs->len; k++)
                found |= uint_at (module->inputs, k) == module->units[u].index;
              g_assert_true (found);
            }
        }
      g_assert_cmpuint (n_units, ==, det->n_kept);
      g_assert_cmpuint (graph->n_roots, >=, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/modules/reused", test_modules_reused);
  g_test_add_func ("/modules/separable", test_modules_separable);
  g_test_add_func ("/modules/cycle", test_modules_cycle);
  g_test_add_func ("/modules/json", test_modules_json);
  g_test_add_func ("/modules/golden-invariants", test_modules_golden_invariants);

  return g_test_run ();
}
