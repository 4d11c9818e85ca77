/* render-stubs.c — TEMPORARY stand-ins for the detection branch
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The render branch needs sc_detection_free(), sc_module_graph_new(),
 * sc_module_graph_free() and sc_module_graph_find() (sc-render-input.c and
 * sc-render-scene.c call them), which the detection branch implements. Until
 * it is merged, src/core/meson.build compiles this file into the core when
 * src/core/sc-detect.c does not exist, so that the tests and sculptor-cli
 * link. DELETE this file and its meson lines at merge.
 *
 * sc_module_graph_new() here is a plain §5.10 derivation (modules, input and
 * output sets, module edges) without the hierarchy tree; the real one
 * replaces it. */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include "sc-detect.h"
#include "sc-modules.h"

void
sc_detection_free (ScDetection *detection)
{
  if (detection == NULL)
    return;

  g_free (detection->arch);
  g_free (detection->new_arch);
  g_free (detection->kept_units);
  g_free (detection->kept_layer);
  g_free (detection->kept_index);
  g_free (detection->premerge);
  g_free (detection->merged);
  g_free (detection->layers);
  sc_mask_free (detection->condensed);
  g_free (detection);
}

static int
compare_modules (gconstpointer a,
                 gconstpointer b)
{
  const ScModule *x = a, *y = b;

  if (x->first_layer != y->first_layer)
    return x->first_layer < y->first_layer ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

static void
stub_collect_modules (ScModuleGraph     *graph,
                      const ScDetection *detection)
{
  g_autoptr(GArray) modules = g_array_new (FALSE, TRUE, sizeof (ScModule));

  for (guint p = 0; p < detection->n_kept; p++)
    {
      ScModule *module = NULL;
      ScUnitRef ref = { detection->kept_layer[p], detection->kept_index[p] };

      for (guint m = 0; m < modules->len && module == NULL; m++)
        if (g_array_index (modules, ScModule, m).id == detection->merged[p])
          module = &g_array_index (modules, ScModule, m);
      if (module == NULL)
        {
          ScModule fresh = { .id = detection->merged[p], .first_layer = ref.layer };

          g_array_append_val (modules, fresh);
          module = &g_array_index (modules, ScModule, modules->len - 1);
        }
      module->units = g_renew (ScUnitRef, module->units, module->n_units + 1);
      module->units[module->n_units++] = ref;
      module->last_layer = ref.layer;
    }

  g_array_sort (modules, compare_modules);
  graph->n_modules = modules->len;
  graph->modules = (ScModule *) (void *) g_array_free (g_steal_pointer (&modules), FALSE);
}

static int
stub_module_of (const ScModuleGraph *graph,
                const ScDetection   *detection,
                int                  p)
{
  return p < 0 ? -1 : sc_module_graph_find (graph, detection->merged[p]);
}

static void
add_unique (GArray *array,
            guint   value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_array_index (array, guint, i) == value)
      return;
  g_array_append_val (array, value);
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Module edges, and input sets propagated in layer order (§5.10). */
static void
stub_links (ScModuleGraph     *graph,
            const ScDetection *detection)
{
  const ScMask *mask = detection->condensed;

  for (guint m = 0; m < graph->n_modules; m++)
    {
      graph->modules[m].inputs = g_array_new (FALSE, FALSE, sizeof (guint));
      graph->modules[m].outputs = g_array_new (FALSE, FALSE, sizeof (guint));
      graph->modules[m].feeds = g_array_new (FALSE, FALSE, sizeof (guint));
      graph->modules[m].fed_by = g_array_new (FALSE, FALSE, sizeof (guint));
    }

  for (guint p = 0; p < detection->n_kept; p++)
    {
      int m = stub_module_of (graph, detection, p);

      if (detection->kept_layer[p] == 0)
        add_unique (graph->modules[m].inputs, detection->kept_index[p]);
      if (detection->kept_layer[p] == detection->n_layers - 1)
        add_unique (graph->modules[m].outputs, detection->kept_index[p]);
    }

  for (guint k = 0; k + 1 < mask->n_layers; k++)
    for (guint j = 0; j < mask->arch[k + 1]; j++)
      for (guint i = 0; i < mask->arch[k]; i++)
        {
          int a, b;

          if (!sc_mask_get (mask, k, i, j))
            continue;
          a = stub_module_of (graph, detection, sc_detection_find (detection, k, i));
          b = stub_module_of (graph, detection, sc_detection_find (detection, k + 1, j));
          if (a < 0 || b < 0 || a == b)
            continue;
          add_unique (graph->modules[a].feeds, b);
          add_unique (graph->modules[b].fed_by, a);
          for (guint x = 0; x < graph->modules[a].inputs->len; x++)
            add_unique (graph->modules[b].inputs, g_array_index (graph->modules[a].inputs, guint, x));
        }

  for (guint m = 0; m < graph->n_modules; m++)
    {
      g_array_sort (graph->modules[m].inputs, compare_guint);
      g_array_sort (graph->modules[m].outputs, compare_guint);
      graph->modules[m].reused = graph->modules[m].feeds->len >= 2;
    }
}

int
sc_detection_find (const ScDetection *detection,
                   guint              layer,
                   guint              index)
{
  for (guint p = 0; p < detection->n_kept; p++)
    if (detection->kept_layer[p] == layer && detection->kept_index[p] == index)
      return (int) p;

  return -1;
}

ScModuleGraph *
sc_module_graph_new (const ScDetection *detection)
{
  ScModuleGraph *graph = g_new0 (ScModuleGraph, 1);

  stub_collect_modules (graph, detection);
  if (detection->condensed != NULL)
    stub_links (graph, detection);

  return graph;
}

void
sc_module_graph_free (ScModuleGraph *graph)
{
  if (graph == NULL)
    return;

  for (guint m = 0; m < graph->n_modules; m++)
    {
      g_free (graph->modules[m].units);
      g_clear_pointer (&graph->modules[m].inputs, g_array_unref);
      g_clear_pointer (&graph->modules[m].outputs, g_array_unref);
      g_clear_pointer (&graph->modules[m].feeds, g_array_unref);
      g_clear_pointer (&graph->modules[m].fed_by, g_array_unref);
    }
  g_free (graph->modules);
  g_free (graph);
}

int
sc_module_graph_find (const ScModuleGraph *graph,
                      guint                id)
{
  for (guint m = 0; m < graph->n_modules; m++)
    if (graph->modules[m].id == id)
      return (int) m;

  return -1;
}
