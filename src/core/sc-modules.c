/* sc-modules.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sc-bitrows.h"
#include "sc-json.h"
#include "sc-modules.h"

/* Kept position of every unit of the dense network, or -1. */
static int *
kept_positions (const ScDetection *det,
                guint             *offset)
{
  guint n_units = 0;
  int *position;

  for (guint l = 0; l < det->n_layers; l++)
    {
      offset[l] = n_units;
      n_units += det->arch[l];
    }
  offset[det->n_layers] = n_units;

  position = g_new (int, MAX (n_units, 1));
  for (guint u = 0; u < n_units; u++)
    position[u] = -1;
  for (guint p = 0; p < det->n_kept; p++)
    position[det->kept_units[p]] = (int) p;

  return position;
}

/* Calls func for every surviving edge p → q between kept positions. */
typedef void (*EdgeFunc) (guint p, guint q, gpointer user_data);

static void
foreach_edge (const ScDetection *det,
              EdgeFunc           func,
              gpointer           user_data)
{
  g_autofree guint *offset = g_new (guint, det->n_layers + 1);
  g_autofree int *position = kept_positions (det, offset);
  const ScMask *cm = det->condensed;

  for (guint k = 0; k + 1 < det->n_layers; k++)
    for (guint j = 0; j < cm->arch[k + 1]; j++)
      {
        int q = position[offset[k + 1] + j];

        if (q < 0)
          continue;
        for (guint i = 0; i < cm->arch[k]; i++)
          {
            int p = position[offset[k] + i];

            if (p >= 0 && sc_mask_get (cm, k, i, j))
              func (p, q, user_data);
          }
      }
}

static int
compare_modules (const void *a,
                 const void *b)
{
  const ScModule *ma = a;
  const ScModule *mb = b;

  if (ma->first_layer != mb->first_layer)
    return ma->first_layer < mb->first_layer ? -1 : 1;
  return (ma->id > mb->id) - (ma->id < mb->id);
}

/* Returns the module index of every kept position. */
static guint *
collect_modules (ScModuleGraph     *graph,
                 const ScDetection *det)
{
  guint *module_of;

  g_autoptr(GHashTable) index_of = g_hash_table_new (NULL, NULL);
  g_autoptr(GArray) modules = g_array_new (FALSE, TRUE, sizeof (ScModule));

  for (guint p = 0; p < det->n_kept; p++)
    {
      gpointer key = GUINT_TO_POINTER (det->merged[p] + 1);
      gpointer value;
      ScModule *m;

      if (!g_hash_table_lookup_extended (index_of, key, NULL, &value))
        {
          ScModule fresh = { .id = det->merged[p], .first_layer = det->kept_layer[p] };

          value = GUINT_TO_POINTER (modules->len);
          g_array_append_val (modules, fresh);
          g_hash_table_insert (index_of, key, value);
        }
      m = &g_array_index (modules, ScModule, GPOINTER_TO_UINT (value));
      m->n_units++;
      m->last_layer = det->kept_layer[p];
    }

  g_array_sort (modules, compare_modules);
  graph->n_modules = modules->len;
  graph->modules = (ScModule *) (gpointer) g_array_free (g_steal_pointer (&modules), FALSE);

  for (guint i = 0; i < graph->n_modules; i++)
    {
      ScModule *m = &graph->modules[i];

      m->units = g_new (ScUnitRef, MAX (m->n_units, 1));
      m->n_units = 0;
      m->inputs = g_array_new (FALSE, FALSE, sizeof (guint));
      m->outputs = g_array_new (FALSE, FALSE, sizeof (guint));
      m->feeds = g_array_new (FALSE, FALSE, sizeof (guint));
      m->feeds_edges = g_array_new (FALSE, FALSE, sizeof (guint));
      m->fed_by = g_array_new (FALSE, FALSE, sizeof (guint));
    }

  /* Units in kept order, i.e. layer order, then index. */
  module_of = g_new (guint, MAX (det->n_kept, 1));
  for (guint p = 0; p < det->n_kept; p++)
    {
      ScModule *m;

      module_of[p] = (guint) sc_module_graph_find (graph, det->merged[p]);
      m = &graph->modules[module_of[p]];
      m->units[m->n_units++] = (ScUnitRef) { det->kept_layer[p], det->kept_index[p] };
      if (det->kept_layer[p] + 1 == det->n_layers)
        g_array_append_val (m->outputs, det->kept_index[p]);
    }

  return module_of;
}

typedef struct
{
  ScBitRows *rows;
} Ancestors;

static void
propagate_inputs (guint    p,
                  guint    q,
                  gpointer user_data)
{
  Ancestors *anc = user_data;
  guint64 *dst = sc_bit_rows_row (anc->rows, q);
  const guint64 *src = sc_bit_rows_row (anc->rows, p);

  for (guint w = 0; w < anc->rows->n_words; w++)
    dst[w] |= src[w];
}

/* Input set of a module (§5.10): kept inputs with a directed path into one
 * of its units. Edges are visited layer by layer, so each unit's set is
 * complete before it is propagated further. */
static void
collect_inputs (ScModuleGraph     *graph,
                const ScDetection *det,
                const guint       *module_of)
{
  g_autoptr(ScBitRows) reach = sc_bit_rows_new (det->n_kept, det->arch[0]);
  g_autoptr(ScBitRows) module_inputs = sc_bit_rows_new (graph->n_modules, det->arch[0]);
  Ancestors anc = { reach };

  for (guint p = 0; p < det->new_arch[0]; p++)
    sc_bit_rows_set (reach, p, det->kept_index[p]);
  foreach_edge (det, propagate_inputs, &anc);

  for (guint p = 0; p < det->n_kept; p++)
    {
      guint64 *dst = sc_bit_rows_row (module_inputs, module_of[p]);
      const guint64 *src = sc_bit_rows_row (reach, p);

      for (guint w = 0; w < reach->n_words; w++)
        dst[w] |= src[w];
    }

  for (guint m = 0; m < graph->n_modules; m++)
    for (guint i = 0; i < det->arch[0]; i++)
      if (sc_bit_rows_get (module_inputs, m, i))
        g_array_append_val (graph->modules[m].inputs, i);
}

typedef struct
{
  guint        n_modules;
  const guint *module_of;
  guint       *linked;   /* n_modules²: linked[a * n + b] = edges from a into b */
} Links;

static void
mark_link (guint    p,
           guint    q,
           gpointer user_data)
{
  Links *links = user_data;
  guint a = links->module_of[p];
  guint b = links->module_of[q];

  if (a != b)
    links->linked[(gsize) a * links->n_modules + b]++;
}

static void
collect_links (ScModuleGraph     *graph,
               const ScDetection *det,
               const guint       *module_of)
{
  guint n = graph->n_modules;
  g_autofree guint *linked = g_new0 (guint, MAX ((gsize) n * n, 1));
  Links links = { n, module_of, linked };

  foreach_edge (det, mark_link, &links);

  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      if (linked[(gsize) a * n + b])
        {
          g_array_append_val (graph->modules[a].feeds, b);
          g_array_append_val (graph->modules[a].feeds_edges, linked[(gsize) a * n + b]);
          g_array_append_val (graph->modules[b].fed_by, a);
        }

  for (guint a = 0; a < n; a++)
    graph->modules[a].reused = graph->modules[a].feeds->len >= 2;
}

/* §5.10 calls the module graph a DAG, but two modules spanning the same
 * layers can feed each other (a stray pixel of the left digit's module
 * feeding a unit of the right digit's). Modules that reach each other form
 * a cycle group; the hierarchy and its figure are built between groups,
 * which do form a DAG. Reachability by Warshall's closure on bit rows. */
static void
collect_cycle_groups (ScModuleGraph *graph)
{
  guint n = graph->n_modules;
  g_autoptr(ScBitRows) reach = sc_bit_rows_new (MAX (n, 1), MAX (n, 1));

  for (guint a = 0; a < n; a++)
    for (guint f = 0; f < graph->modules[a].feeds->len; f++)
      sc_bit_rows_set (reach, a, g_array_index (graph->modules[a].feeds, guint, f));

  for (guint k = 0; k < n; k++)
    for (guint i = 0; i < n; i++)
      if (sc_bit_rows_get (reach, i, k))
        {
          guint64 *dst = sc_bit_rows_row (reach, i);
          const guint64 *src = sc_bit_rows_row (reach, k);

          for (guint w = 0; w < reach->n_words; w++)
            dst[w] |= src[w];
        }

  /* the group of a module is the first module it shares a cycle with */
  for (guint a = 0; a < n; a++)
    {
      graph->modules[a].cycle_group = a;
      for (guint b = 0; b < a; b++)
        if (sc_bit_rows_get (reach, a, b) && sc_bit_rows_get (reach, b, a))
          {
            graph->modules[a].cycle_group = graph->modules[b].cycle_group;
            break;
          }
    }
}

static int
link_index (const ScModuleGraph *graph,
            guint                a,
            guint                b)
{
  const GArray *feeds = graph->modules[a].feeds;

  for (guint f = 0; f < feeds->len; f++)
    if (g_array_index (feeds, guint, f) == b)
      return (int) f;
  return -1;
}

gboolean
sc_module_graph_feeds (const ScModuleGraph *graph,
                       guint                a,
                       guint                b)
{
  g_return_val_if_fail (graph != NULL && a < graph->n_modules, FALSE);

  return link_index (graph, a, b) >= 0;
}

guint
sc_module_graph_edges_between (const ScModuleGraph *graph,
                               guint                a,
                               guint                b)
{
  const GArray *counts;
  int f;

  g_return_val_if_fail (graph != NULL && a < graph->n_modules, 0);

  counts = graph->modules[a].feeds_edges;
  f = link_index (graph, a, b);
  return f >= 0 && counts != NULL && (guint) f < counts->len ? g_array_index (counts, guint, f) : 0;
}

gboolean
sc_module_graph_same_group (const ScModuleGraph *graph,
                            guint                a,
                            guint                b)
{
  return graph->modules[a].cycle_group == graph->modules[b].cycle_group;
}

static gboolean
feeds_other_group (const ScModuleGraph *graph,
                   guint                m)
{
  const GArray *feeds = graph->modules[m].feeds;

  for (guint f = 0; f < feeds->len; f++)
    if (!sc_module_graph_same_group (graph, m, g_array_index (feeds, guint, f)))
      return TRUE;
  return FALSE;
}

static void
hier_node_free (ScHierNode *node)
{
  for (guint i = 0; i < node->n_children; i++)
    hier_node_free (node->children[i]);
  g_free (node->children);
  g_free (node);
}

/* The hierarchy lists, under each module, the modules of other cycle groups
 * it is fed by. A module feeding several modules appears under each of
 * them, marked shared; it is expanded only at its first appearance
 * (depth-first, module order), so the tree stays linear in size. */
static ScHierNode *
hier_build (const ScModuleGraph *graph,
            guint                m,
            gboolean            *expanded)
{
  const ScModule *module = &graph->modules[m];
  ScHierNode *node = g_new0 (ScHierNode, 1);

  node->module = m;
  node->shared = module->feeds->len >= 2;
  if (expanded[m])
    return node;
  expanded[m] = TRUE;

  node->children = g_new0 (ScHierNode *, MAX (module->fed_by->len, 1));
  for (guint c = 0; c < module->fed_by->len; c++)
    {
      guint child = g_array_index (module->fed_by, guint, c);

      if (!sc_module_graph_same_group (graph, m, child))
        node->children[node->n_children++] = hier_build (graph, child, expanded);
    }

  return node;
}

static void
collect_hierarchy (ScModuleGraph *graph)
{
  g_autofree gboolean *expanded = g_new0 (gboolean, MAX (graph->n_modules, 1));
  g_autoptr(GPtrArray) roots = g_ptr_array_new ();

  for (guint m = 0; m < graph->n_modules; m++)
    if (!feeds_other_group (graph, m))
      g_ptr_array_add (roots, hier_build (graph, m, expanded));

  /* cannot happen between groups, which form a DAG; kept as a safety net */
  for (guint m = 0; m < graph->n_modules; m++)
    if (!expanded[m])
      g_ptr_array_add (roots, hier_build (graph, m, expanded));

  graph->n_roots = roots->len;
  graph->roots = (ScHierNode **) g_ptr_array_free (g_steal_pointer (&roots), FALSE);
}

ScModuleGraph *
sc_module_graph_new (const ScDetection *detection)
{
  g_autofree guint *module_of = NULL;
  ScModuleGraph *graph;

  g_return_val_if_fail (detection != NULL, NULL);
  g_return_val_if_fail (detection->condensed != NULL, NULL);

  graph = g_new0 (ScModuleGraph, 1);
  module_of = collect_modules (graph, detection);
  collect_inputs (graph, detection, module_of);
  collect_links (graph, detection, module_of);
  collect_cycle_groups (graph);
  collect_hierarchy (graph);

  return graph;
}

void
sc_module_graph_free (ScModuleGraph *graph)
{
  if (graph == NULL)
    return;

  for (guint m = 0; m < graph->n_modules; m++)
    {
      ScModule *module = &graph->modules[m];

      g_free (module->units);
      g_array_unref (module->inputs);
      g_array_unref (module->outputs);
      g_array_unref (module->feeds);
      g_clear_pointer (&module->feeds_edges, g_array_unref);
      g_array_unref (module->fed_by);
    }
  g_free (graph->modules);

  for (guint r = 0; r < graph->n_roots; r++)
    hier_node_free (graph->roots[r]);
  g_free (graph->roots);
  g_free (graph);
}

int
sc_module_graph_find (const ScModuleGraph *graph,
                      guint                id)
{
  g_return_val_if_fail (graph != NULL, -1);

  for (guint m = 0; m < graph->n_modules; m++)
    if (graph->modules[m].id == id)
      return (int) m;

  return -1;
}

/* feeds and fed_by hold module indices; JSON names modules by id. */
static void
add_module_ids (JsonBuilder         *builder,
                const char          *member,
                const ScModuleGraph *graph,
                const GArray        *indices)
{
  json_builder_set_member_name (builder, member);
  json_builder_begin_array (builder);
  for (guint i = 0; i < indices->len; i++)
    json_builder_add_int_value (builder, graph->modules[g_array_index (indices, guint, i)].id);
  json_builder_end_array (builder);
}

static void
module_to_json (const ScModuleGraph *graph,
                const ScModule      *m,
                JsonBuilder         *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, m->id);

  json_builder_set_member_name (builder, "units");
  json_builder_begin_array (builder);
  for (guint u = 0; u < m->n_units; u++)
    {
      json_builder_begin_array (builder);
      json_builder_add_int_value (builder, m->units[u].layer);
      json_builder_add_int_value (builder, m->units[u].index);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);

  sc_json_add_uints (builder, "inputs", (const guint *) m->inputs->data, m->inputs->len);
  sc_json_add_uints (builder, "outputs", (const guint *) m->outputs->data, m->outputs->len);
  add_module_ids (builder, "feeds", graph, m->feeds);
  json_builder_set_member_name (builder, "feeds_edges");
  json_builder_begin_array (builder);
  for (guint f = 0; m->feeds_edges != NULL && f < m->feeds_edges->len; f++)
    json_builder_add_int_value (builder, g_array_index (m->feeds_edges, guint, f));
  json_builder_end_array (builder);
  add_module_ids (builder, "fed_by", graph, m->fed_by);
  json_builder_set_member_name (builder, "reused");
  json_builder_add_boolean_value (builder, m->reused);
  /* the id of the first module of its cycle group */
  json_builder_set_member_name (builder, "cycle_group");
  json_builder_add_int_value (builder, graph->modules[m->cycle_group].id);
  json_builder_set_member_name (builder, "first_layer");
  json_builder_add_int_value (builder, m->first_layer);
  json_builder_set_member_name (builder, "last_layer");
  json_builder_add_int_value (builder, m->last_layer);
  json_builder_end_object (builder);
}

static void
hier_to_json (const ScModuleGraph *graph,
              const ScHierNode    *node,
              JsonBuilder         *builder)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "module");
  json_builder_add_int_value (builder, graph->modules[node->module].id);
  json_builder_set_member_name (builder, "shared");
  json_builder_add_boolean_value (builder, node->shared);
  json_builder_set_member_name (builder, "children");
  json_builder_begin_array (builder);
  for (guint c = 0; c < node->n_children; c++)
    hier_to_json (graph, node->children[c], builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

void
sc_module_graph_to_json (const ScModuleGraph *graph,
                         JsonBuilder         *builder)
{
  g_return_if_fail (graph != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  json_builder_set_member_name (builder, "modules");
  json_builder_begin_array (builder);
  for (guint m = 0; m < graph->n_modules; m++)
    module_to_json (graph, &graph->modules[m], builder);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "hierarchy");
  json_builder_begin_array (builder);
  for (guint r = 0; r < graph->n_roots; r++)
    hier_to_json (graph, graph->roots[r], builder);
  json_builder_end_array (builder);
}
