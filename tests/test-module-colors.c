/* test-module-colors.c — module colours matched between pruning steps
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-module-colors.h"
#include "sc-render.h"

/* A module graph of modules given as (id, units...) with units as layer
 * 1 indices, -1 ending each module and -2 the list. */
static ScModuleGraph *
graph_new (const int *spec)
{
  ScModuleGraph *graph = g_new0 (ScModuleGraph, 1);
  GArray *modules = g_array_new (FALSE, TRUE, sizeof (ScModule));

  for (const int *p = spec; *p != -2;)
    {
      ScModule module = { .id = (guint) *p++ };
      GArray *units = g_array_new (FALSE, FALSE, sizeof (ScUnitRef));

      for (; *p != -1; p++)
        {
          ScUnitRef unit = { .layer = 1, .index = (guint) *p };

          g_array_append_val (units, unit);
        }
      p++;
      module.n_units = units->len;
      module.units = (ScUnitRef *) g_array_free (units, FALSE);
      g_array_append_val (modules, module);
    }
  graph->n_modules = modules->len;
  graph->modules = (ScModule *) g_array_free (modules, FALSE);
  return graph;
}

static void
graph_free (ScModuleGraph *graph)
{
  for (guint m = 0; m < graph->n_modules; m++)
    g_free (graph->modules[m].units);
  g_free (graph->modules);
  g_free (graph);
}

/* Detection renumbers: the module with most of a previous module's units
 * takes its colour; a new module takes a colour nobody has; without a
 * previous network, colours are by id. */
static void
test_match (void)
{
  static const int before_spec[] = { 0, 0, 1, 2, -1,  1, 3, 4, 5, -1,  2, 6, 7, -1, -2 };
  /* ids swapped and one module split: {0,1} ⊂ old 0, {3,4,5} = old 1,
   * {2} part of old 0 as well (fewer shared), {8} new */
  static const int now_spec[] = { 5, 3, 4, 5, -1,  7, 0, 1, -1,  9, 2, -1,  4, 8, -1, -2 };
  ScModuleGraph *before = graph_new (before_spec);
  ScModuleGraph *now = graph_new (now_spec);
  g_autoptr(ScModuleColors) first = sc_module_colors_match (NULL, NULL, before);
  g_autoptr(ScModuleColors) next = sc_module_colors_match (before, first, now);
  g_autoptr(ScModuleColors) copy = sc_module_colors_copy (next);
  guint key_new_a, key_new_b;

  for (guint m = 0; m < before->n_modules; m++)
    g_assert_cmpuint (sc_module_colors_key (first, before->modules[m].id), ==, before->modules[m].id);

  g_assert_cmpuint (sc_module_colors_key (next, 5), ==, 1);   /* was module 1 */
  g_assert_cmpuint (sc_module_colors_key (next, 7), ==, 0);   /* most of module 0 */
  key_new_a = sc_module_colors_key (next, 9);                 /* module 0's rest */
  key_new_b = sc_module_colors_key (next, 4);                 /* all new */
  /* neither reuses a colour a matched module has, nor each other's */
  g_assert_cmpuint (key_new_a % SC_RENDER_N_MODULE_COLORS, !=, 0);
  g_assert_cmpuint (key_new_a % SC_RENDER_N_MODULE_COLORS, !=, 1);
  g_assert_cmpuint (key_new_b % SC_RENDER_N_MODULE_COLORS, !=, 0);
  g_assert_cmpuint (key_new_b % SC_RENDER_N_MODULE_COLORS, !=, 1);
  g_assert_cmpuint (key_new_a % SC_RENDER_N_MODULE_COLORS, !=, key_new_b % SC_RENDER_N_MODULE_COLORS);
  /* module 2 of before ({6, 7}) vanished: its colour is free again */
  g_assert_true (key_new_a == 2 || key_new_b == 2);

  /* chained: the next step keeps the keys, whatever ids detection gives */
  {
    static const int later_spec[] = { 0, 3, 4, -1,  1, 0, 1, -1, -2 };
    ScModuleGraph *later = graph_new (later_spec);
    g_autoptr(ScModuleColors) third = sc_module_colors_match (now, next, later);

    g_assert_cmpuint (sc_module_colors_key (third, 0), ==, 1);
    g_assert_cmpuint (sc_module_colors_key (third, 1), ==, 0);
    graph_free (later);
  }

  /* unknown ids and no colours: the id */
  g_assert_cmpuint (sc_module_colors_key (next, 42), ==, 42);
  g_assert_cmpuint (sc_module_colors_key (NULL, 3), ==, 3);
  for (guint i = 0; i < next->n; i++)
    g_assert_cmpuint (copy->keys[i], ==, next->keys[i]);

  /* equality: a copy is equal, other keys or NULL are not */
  g_assert_true (sc_module_colors_equal (copy, next));
  g_assert_true (sc_module_colors_equal (NULL, NULL));
  g_assert_false (sc_module_colors_equal (next, NULL));
  g_assert_false (sc_module_colors_equal (first, next));
  copy->keys[0]++;
  g_assert_false (sc_module_colors_equal (copy, next));

  graph_free (before);
  graph_free (now);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/module-colors/match", test_match);

  return g_test_run ();
}
