/* sc-render-scene.c — scenes and what they mean before geometry
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sc-render-private.h"

void
sc_render_options_init (ScRenderOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->orientation = SC_ORIENTATION_BOTTOM_UP;
  options->show_pruned = FALSE;
  options->show_boxes = TRUE;
  options->show_legend = TRUE;
  options->show_title = TRUE;
  options->show_labels = TRUE;
  options->dark = FALSE;
  options->image_input = TRUE;
  options->paint_background = TRUE;
}

void
sc_scene_init (ScScene      *scene,
               const ScMask *mask)
{
  g_return_if_fail (scene != NULL);
  g_return_if_fail (mask != NULL);

  memset (scene, 0, sizeof *scene);
  scene->mask = mask;
  scene->progress = 1.0;
  scene->selected_module = -1;
  scene->selected_unit = -1;
  scene->hovered_unit = -1;
  sc_render_options_init (&scene->options);
}

gboolean
_sc_scene_is_valid (const ScScene *scene)
{
  const ScMask *mask = scene->mask, *previous = scene->previous_mask;

  if (mask == NULL || mask->n_layers < 2)
    return FALSE;
  if (previous != NULL &&
      (previous->n_layers != mask->n_layers ||
       memcmp (previous->arch, mask->arch, sizeof (guint) * mask->n_layers) != 0))
    return FALSE;
  if (scene->detection != NULL && scene->detection->n_layers != mask->n_layers)
    return FALSE;

  return TRUE;
}

gboolean
_sc_scene_edge (const ScScene *scene,
                guint          k,
                guint          i,
                guint          j,
                double        *fade)
{
  if (sc_mask_get (scene->mask, k, i, j))
    {
      *fade = 1.0;
      return TRUE;
    }

  if (scene->previous_mask != NULL && scene->progress < 1.0 &&
      sc_mask_get (scene->previous_mask, k, i, j))
    {
      *fade = 1.0 - CLAMP (scene->progress, 0.0, 1.0);
      return TRUE;
    }

  return FALSE;
}

/* The §5.2 condensation: an input without outgoing edges, or a hidden
 * unit without incoming or outgoing edges, is removed with its edges;
 * output units always stay. Sweeps until nothing changes (at most 10, as
 * the reference does). */
static void
condense (const ScMask *mask,
          const guint  *offset,
          guint8       *alive)
{
  guint n_units = sc_mask_n_units (mask);
  g_autofree guint *in_deg = g_new (guint, n_units);
  g_autofree guint *out_deg = g_new (guint, n_units);
  guint last = mask->n_layers - 1;

  memset (alive, 1, n_units);
  for (guint sweep = 0; sweep < 10; sweep++)
    {
      gboolean changed = FALSE;

      memset (in_deg, 0, sizeof (guint) * n_units);
      memset (out_deg, 0, sizeof (guint) * n_units);
      for (guint k = 0; k < last; k++)
        for (guint j = 0; j < mask->arch[k + 1]; j++)
          {
            const guint8 *row = mask->m[k] + (gsize) j * mask->arch[k];
            guint v = offset[k + 1] + j;

            if (!alive[v])
              continue;
            for (guint i = 0; i < mask->arch[k]; i++)
              if (row[i] && alive[offset[k] + i])
                {
                  out_deg[offset[k] + i]++;
                  in_deg[v]++;
                }
          }

      for (guint u = 0; u < offset[last]; u++)
        {
          gboolean is_input = u < mask->arch[0];

          if (alive[u] && (out_deg[u] == 0 || (!is_input && in_deg[u] == 0)))
            {
              alive[u] = 0;
              changed = TRUE;
            }
        }

      if (!changed)
        break;
    }
}

static void
info_alive (ScSceneInfo   *info,
            const ScScene *scene)
{
  const ScDetection *detection = scene->detection;

  info->alive = g_new0 (guint8, info->n_units);
  info->was_alive = g_new0 (guint8, info->n_units);

  if (detection != NULL)
    {
      for (guint p = 0; p < detection->n_kept; p++)
        if (detection->kept_units[p] < info->n_units)
          info->alive[detection->kept_units[p]] = 1;
    }
  else
    condense (scene->mask, info->offset, info->alive);

  if (scene->previous_mask != NULL && scene->progress < 1.0)
    condense (scene->previous_mask, info->offset, info->was_alive);
}

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* One module slot per distinct merged id, in id order for now. */
static void
info_modules (ScSceneInfo       *info,
              const ScDetection *detection)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GHashTable) slot_of = g_hash_table_new (NULL, NULL);

  info->module_of = g_new (int, info->n_units);
  for (guint u = 0; u < info->n_units; u++)
    info->module_of[u] = -1;

  if (detection == NULL)
    return;

  for (guint p = 0; p < detection->n_kept; p++)
    if (!g_hash_table_contains (slot_of, GUINT_TO_POINTER (detection->merged[p])))
      {
        g_hash_table_add (slot_of, GUINT_TO_POINTER (detection->merged[p]));
        g_array_append_val (ids, detection->merged[p]);
      }
  g_array_sort (ids, compare_guint);

  info->n_modules = ids->len;
  info->modules = g_new0 (ScSceneModule, MAX (ids->len, 1));
  for (guint m = 0; m < ids->len; m++)
    {
      ScSceneModule *module = &info->modules[m];

      module->id = g_array_index (ids, guint, m);
      module->count = g_new0 (guint, info->n_layers);
      module->first_layer = G_MAXUINT;
      g_hash_table_insert (slot_of, GUINT_TO_POINTER (module->id), GUINT_TO_POINTER (m));
    }

  for (guint p = 0; p < detection->n_kept; p++)
    {
      guint u = detection->kept_units[p];
      guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (slot_of, GUINT_TO_POINTER (detection->merged[p])));
      ScSceneModule *module = &info->modules[slot];
      guint layer = detection->kept_layer[p];

      if (u >= info->n_units || layer >= info->n_layers)
        continue;
      info->module_of[u] = slot;
      module->count[layer]++;
      module->first_layer = MIN (module->first_layer, layer);
      module->last_layer = MAX (module->last_layer, layer);
    }
}

/* Barycentre keys (Sugiyama): an input's key is its position (its column
 * in an image), any other unit's the mean key of its surviving inputs. */
static void
info_keys (ScSceneInfo   *info,
           const ScScene *scene)
{
  const ScMask *mask = scene->mask;

  info->unit_key = g_new0 (double, info->n_units);
  for (guint i = 0; i < mask->arch[0]; i++)
    info->unit_key[i] = info->image ? (double) (i % scene->image_width) : (double) i;

  for (guint k = 0; k + 1 < info->n_layers; k++)
    for (guint j = 0; j < mask->arch[k + 1]; j++)
      {
        guint v = info->offset[k + 1] + j;
        double sum = 0.0;
        guint n = 0;

        for (guint i = 0; i < mask->arch[k]; i++)
          if (sc_mask_get (mask, k, i, j) && info->alive[info->offset[k] + i])
            {
              sum += info->unit_key[info->offset[k] + i];
              n++;
            }

        info->unit_key[v] = n > 0 ? sum / n
                                  : (double) j * mask->arch[0] / MAX (mask->arch[k + 1], 1);
      }
}

/* Input sets (§5.10): the inputs with a directed path into the module. */
static void
info_inputs (ScSceneInfo   *info,
             const ScScene *scene)
{
  const ScMask *mask = scene->mask;
  guint n_in = mask->arch[0];
  guint words = (n_in + 63) / 64;
  g_autofree guint64 *reach = g_new0 (guint64, (gsize) info->n_units * words);

  for (guint i = 0; i < n_in; i++)
    if (info->alive[i])
      reach[(gsize) i * words + i / 64] |= G_GUINT64_CONSTANT (1) << (i % 64);

  for (guint k = 0; k + 1 < info->n_layers; k++)
    for (guint j = 0; j < mask->arch[k + 1]; j++)
      {
        guint64 *to = reach + (gsize) (info->offset[k + 1] + j) * words;

        if (!info->alive[info->offset[k + 1] + j])
          continue;
        for (guint i = 0; i < mask->arch[k]; i++)
          if (sc_mask_get (mask, k, i, j) && info->alive[info->offset[k] + i])
            {
              const guint64 *from = reach + (gsize) (info->offset[k] + i) * words;

              for (guint w = 0; w < words; w++)
                to[w] |= from[w];
            }
      }

  for (guint m = 0; m < info->n_modules; m++)
    {
      g_autofree guint64 *set = g_new0 (guint64, MAX (words, 1));
      ScSceneModule *module = &info->modules[m];

      for (guint u = 0; u < info->n_units; u++)
        if (info->module_of[u] == (int) m)
          for (guint w = 0; w < words; w++)
            set[w] |= reach[(gsize) u * words + w];

      module->inputs = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; i < n_in; i++)
        if (set[i / 64] & (G_GUINT64_CONSTANT (1) << (i % 64)))
          g_array_append_val (module->inputs, i);
    }
}

static void
info_outputs (ScSceneInfo *info)
{
  guint last = info->n_layers - 1;

  for (guint m = 0; m < info->n_modules; m++)
    info->modules[m].outputs = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint o = 0; o < info->mask->arch[last]; o++)
    {
      int m = info->module_of[info->offset[last] + o];

      if (m >= 0)
        g_array_append_val (info->modules[m].outputs, o);
    }
}

/* Authoritative input and output sets from the module graph, if given. */
static void
info_from_graph (ScSceneInfo         *info,
                 const ScModuleGraph *graph)
{
  for (guint m = 0; m < info->n_modules; m++)
    {
      ScSceneModule *module = &info->modules[m];
      int g = sc_module_graph_find (graph, module->id);

      if (g < 0)
        continue;
      if (graph->modules[g].inputs != NULL)
        {
          g_array_set_size (module->inputs, 0);
          g_array_append_vals (module->inputs, graph->modules[g].inputs->data,
                               graph->modules[g].inputs->len);
        }
      if (graph->modules[g].outputs != NULL)
        {
          g_array_set_size (module->outputs, 0);
          g_array_append_vals (module->outputs, graph->modules[g].outputs->data,
                               graph->modules[g].outputs->len);
        }
    }
}

static void
info_links (ScSceneInfo *info)
{
  const ScMask *mask = info->mask;
  guint n = info->n_modules;

  info->links = g_new0 (double, MAX ((gsize) n * n, 1));
  for (guint k = 0; k + 1 < info->n_layers; k++)
    for (guint j = 0; j < mask->arch[k + 1]; j++)
      {
        int b = info->module_of[info->offset[k + 1] + j];

        if (b < 0)
          continue;
        for (guint i = 0; i < mask->arch[k]; i++)
          {
            int a = info->module_of[info->offset[k] + i];

            if (a >= 0 && a != b && sc_mask_get (mask, k, i, j))
              info->links[(gsize) a * n + b] += 1.0;
          }
      }

  for (guint a = 0; a < n; a++)
    for (guint b = 0; b < n; b++)
      if (info->links[(gsize) a * n + b] > 0.0)
        info->modules[a].n_feeds++;
}

static int
compare_modules (gconstpointer a,
                 gconstpointer b)
{
  const ScSceneModule *x = a, *y = b;

  if (x->first_layer != y->first_layer)
    return x->first_layer < y->first_layer ? -1 : 1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* Display order: bottom-up by first layer, then by the mean key of each
 * module's units in its first layer, ties by id. Deterministic, so frames
 * of the same detection agree. */
static void
info_sort_modules (ScSceneInfo *info)
{
  g_autofree guint *old_id = g_new0 (guint, MAX (info->n_modules, 1));
  g_autoptr(GHashTable) slot_of = g_hash_table_new (NULL, NULL);

  for (guint m = 0; m < info->n_modules; m++)
    {
      ScSceneModule *module = &info->modules[m];
      double sum = 0.0;
      guint n = 0;

      for (guint u = info->offset[module->first_layer];
           u < info->offset[module->first_layer] + info->mask->arch[module->first_layer]; u++)
        if (info->module_of[u] == (int) m)
          {
            sum += info->unit_key[u];
            n++;
          }
      module->key = n > 0 ? sum / n : 0.0;
      old_id[m] = module->id;
    }

  qsort (info->modules, info->n_modules, sizeof (ScSceneModule), compare_modules);
  for (guint m = 0; m < info->n_modules; m++)
    g_hash_table_insert (slot_of, GUINT_TO_POINTER (info->modules[m].id), GUINT_TO_POINTER (m));
  for (guint u = 0; u < info->n_units; u++)
    if (info->module_of[u] >= 0)
      info->module_of[u] = GPOINTER_TO_INT (g_hash_table_lookup (slot_of,
                                                                 GUINT_TO_POINTER (old_id[info->module_of[u]])));
}

ScSceneInfo *
_sc_scene_info_new (const ScScene *scene)
{
  const ScMask *mask = scene->mask;
  ScSceneInfo *info = g_new0 (ScSceneInfo, 1);

  info->mask = mask;
  info->n_layers = mask->n_layers;
  info->n_units = sc_mask_n_units (mask);
  info->offset = g_new0 (guint, mask->n_layers);
  for (guint l = 0; l < mask->n_layers; l++)
    info->offset[l] = sc_mask_unit_offset (mask, l);
  info->image = scene->options.image_input && scene->image_width > 0 &&
                (gsize) scene->image_width * scene->image_height == mask->arch[0];

  info_alive (info, scene);
  info_modules (info, scene->detection);
  info_keys (info, scene);
  if (info->n_modules > 0)
    {
      info_sort_modules (info);
      info_inputs (info, scene);
      info_outputs (info);
      if (scene->modules != NULL)
        info_from_graph (info, scene->modules);
    }
  info_links (info);

  return info;
}

void
_sc_scene_info_free (ScSceneInfo *info)
{
  if (info == NULL)
    return;

  for (guint m = 0; m < info->n_modules; m++)
    {
      g_free (info->modules[m].count);
      g_clear_pointer (&info->modules[m].inputs, g_array_unref);
      g_clear_pointer (&info->modules[m].outputs, g_array_unref);
    }
  g_free (info->modules);
  g_free (info->offset);
  g_free (info->alive);
  g_free (info->was_alive);
  g_free (info->module_of);
  g_free (info->unit_key);
  g_free (info->links);
  g_free (info);
}
