/* sc-module-colors.c — module colours that stay put across pruning steps
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "sc-module-colors.h"
#include "sc-render.h"

static ScModuleColors *
colors_new (guint n)
{
  ScModuleColors *colors = g_new0 (ScModuleColors, 1);

  colors->n = n;
  colors->ids = g_new0 (guint, MAX (n, 1));
  colors->keys = g_new0 (guint, MAX (n, 1));
  return colors;
}

ScModuleColors *
sc_module_colors_new_default (const ScModuleGraph *graph)
{
  ScModuleColors *colors;

  g_return_val_if_fail (graph != NULL, NULL);

  colors = colors_new (graph->n_modules);
  for (guint m = 0; m < graph->n_modules; m++)
    colors->ids[m] = colors->keys[m] = graph->modules[m].id;
  return colors;
}

guint
sc_module_colors_key (const ScModuleColors *colors,
                      guint                 id)
{
  if (colors != NULL)
    for (guint i = 0; i < colors->n; i++)
      if (colors->ids[i] == id)
        return colors->keys[i];
  return id;
}

typedef struct
{
  guint shared;
  guint now;      /* module index in now */
  guint before;   /* module index in before */
} Pair;

static int
compare_pairs (const void *a,
               const void *b)
{
  const Pair *x = a, *y = b;

  /* most shared units first; ties in module order, so the result does not
   * depend on qsort's order */
  if (x->shared != y->shared)
    return x->shared > y->shared ? -1 : 1;
  if (x->now != y->now)
    return x->now < y->now ? -1 : 1;
  return x->before < y->before ? -1 : x->before > y->before;
}

static guint
shared_units (const ScModule *a,
              const ScModule *b)
{
  guint n = 0;

  /* both in layer order, then index */
  for (guint i = 0, j = 0; i < a->n_units && j < b->n_units;)
    {
      const ScUnitRef *u = &a->units[i], *v = &b->units[j];

      if (u->layer == v->layer && u->index == v->index)
        n++, i++, j++;
      else if (u->layer < v->layer || (u->layer == v->layer && u->index < v->index))
        i++;
      else
        j++;
    }
  return n;
}

ScModuleColors *
sc_module_colors_match (const ScModuleGraph  *before,
                        const ScModuleColors *before_colors,
                        const ScModuleGraph  *now)
{
  ScModuleColors *colors;
  g_autofree Pair *pairs = NULL;
  g_autofree gboolean *taken_before = NULL;
  g_autofree gboolean *done = NULL;
  gboolean used[SC_RENDER_N_MODULE_COLORS] = { FALSE };
  guint n_pairs = 0;

  g_return_val_if_fail (now != NULL, NULL);

  if (before == NULL)
    return sc_module_colors_new_default (now);

  colors = colors_new (now->n_modules);
  pairs = g_new (Pair, MAX ((gsize) now->n_modules * before->n_modules, 1));
  taken_before = g_new0 (gboolean, MAX (before->n_modules, 1));
  done = g_new0 (gboolean, MAX (now->n_modules, 1));

  for (guint m = 0; m < now->n_modules; m++)
    {
      colors->ids[m] = now->modules[m].id;
      for (guint b = 0; b < before->n_modules; b++)
        {
          guint shared = shared_units (&now->modules[m], &before->modules[b]);

          if (shared > 0)
            pairs[n_pairs++] = (Pair) { shared, m, b };
        }
    }
  qsort (pairs, n_pairs, sizeof (Pair), compare_pairs);

  for (guint p = 0; p < n_pairs; p++)
    {
      const Pair *pair = &pairs[p];
      guint key;

      if (done[pair->now] || taken_before[pair->before])
        continue;
      key = sc_module_colors_key (before_colors, before->modules[pair->before].id);
      colors->keys[pair->now] = key;
      done[pair->now] = TRUE;
      taken_before[pair->before] = TRUE;
      used[key % SC_RENDER_N_MODULE_COLORS] = TRUE;
    }

  /* New modules: a colour no module has, if one is left. */
  for (guint m = 0; m < now->n_modules; m++)
    {
      guint key = 0;

      if (done[m])
        continue;
      while (key < SC_RENDER_N_MODULE_COLORS && used[key])
        key++;
      if (key == SC_RENDER_N_MODULE_COLORS)
        key = now->modules[m].id;
      colors->keys[m] = key;
      used[key % SC_RENDER_N_MODULE_COLORS] = TRUE;
      done[m] = TRUE;
    }

  return colors;
}

ScModuleColors *
sc_module_colors_copy (const ScModuleColors *colors)
{
  ScModuleColors *copy;

  if (colors == NULL)
    return NULL;
  copy = colors_new (colors->n);
  memcpy (copy->ids, colors->ids, sizeof (guint) * colors->n);
  memcpy (copy->keys, colors->keys, sizeof (guint) * colors->n);
  return copy;
}

gboolean
sc_module_colors_equal (const ScModuleColors *a,
                        const ScModuleColors *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return a->n == b->n && memcmp (a->ids, b->ids, sizeof (guint) * a->n) == 0 &&
         memcmp (a->keys, b->keys, sizeof (guint) * a->n) == 0;
}

void
sc_module_colors_free (ScModuleColors *colors)
{
  if (colors == NULL)
    return;
  g_free (colors->ids);
  g_free (colors->keys);
  g_free (colors);
}
