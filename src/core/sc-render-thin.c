/* sc-render-thin.c — level of detail for networks with too many edges to draw
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sc-render.h"

/* The units on a path from an input to an output: the ones §5.2's
 * condensation keeps, so the ones drawn before detection. */
static guint8 *
path_units (const ScMask *mask)
{
  guint n_units = sc_mask_n_units (mask), last = mask->n_layers - 1;
  g_autofree guint8 *from_input = g_new0 (guint8, n_units);
  guint8 *alive = g_new0 (guint8, n_units);

  memset (from_input, 1, mask->arch[0]);
  for (guint k = 0; k < last; k++)
    for (guint j = 0; j < mask->arch[k + 1]; j++)
      for (guint i = 0; i < mask->arch[k] && !from_input[sc_mask_unit_offset (mask, k + 1) + j]; i++)
        if (sc_mask_get (mask, k, i, j) && from_input[sc_mask_unit_offset (mask, k) + i])
          from_input[sc_mask_unit_offset (mask, k + 1) + j] = 1;

  memset (alive + sc_mask_unit_offset (mask, last), 1, mask->arch[last]);
  for (guint k = last; k-- > 0;)
    for (guint i = 0; i < mask->arch[k]; i++)
      {
        guint u = sc_mask_unit_offset (mask, k) + i;

        for (guint j = 0; j < mask->arch[k + 1] && !alive[u]; j++)
          if (sc_mask_get (mask, k, i, j) && alive[sc_mask_unit_offset (mask, k + 1) + j])
            alive[u] = from_input[u];
      }
  return alive;
}

typedef struct
{
  const ScMask *mask;
  const float  *w;          /* of the layer */
  guint         k;
  const guint8 *alive_in;   /* per unit of layer k */
  const guint8 *alive_out;  /* per unit of layer k + 1 */
  guint         layer_edges;
} ThinLayer;

static gboolean
edge_drawn (const ThinLayer *t,
            guint            i,
            guint            j)
{
  return sc_mask_get (t->mask, t->k, i, j) && t->alive_in[i] && t->alive_out[j];
}

static int
compare_floats_descending (gconstpointer a,
                           gconstpointer b)
{
  float x = *(const float *) a, y = *(const float *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

/* The layer_edges-th largest |w| among the drawn edges. */
static float
layer_threshold (const ThinLayer *t)
{
  guint n_in = t->mask->arch[t->k], n_out = t->mask->arch[t->k + 1];
  g_autofree float *magnitudes = g_new (float, sc_mask_count_layer (t->mask, t->k) + 1);
  gsize n = 0;

  for (guint j = 0; j < n_out; j++)
    for (guint i = 0; i < n_in; i++)
      if (edge_drawn (t, i, j))
        magnitudes[n++] = fabsf (t->w[(gsize) j * n_in + i]);
  if (n <= t->layer_edges)
    return 0.0f;
  qsort (magnitudes, n, sizeof (float), compare_floats_descending);
  return magnitudes[t->layer_edges - 1];
}

/* Keeps the strongest drawn edges of a weight layer, and the strongest
 * into and out of every unit drawn, so that no unit looks pruned. */
static void
thin_layer (ScMask          *thinned,
            const ThinLayer *t)
{
  guint n_in = t->mask->arch[t->k], n_out = t->mask->arch[t->k + 1];
  float threshold = layer_threshold (t);
  g_autofree gssize *best_out = g_new (gssize, n_in);
  guint8 *m = thinned->m[t->k];

  for (guint i = 0; i < n_in; i++)
    best_out[i] = -1;

  for (guint j = 0; j < n_out; j++)
    {
      gssize best_in = -1;

      for (guint i = 0; i < n_in; i++)
        {
          gsize e = (gsize) j * n_in + i;

          m[e] = edge_drawn (t, i, j) && fabsf (t->w[e]) >= threshold;
          if (!edge_drawn (t, i, j))
            continue;
          if (best_in < 0 || fabsf (t->w[e]) > fabsf (t->w[best_in]))
            best_in = (gssize) e;
          if (best_out[i] < 0 || fabsf (t->w[e]) > fabsf (t->w[best_out[i]]))
            best_out[i] = (gssize) e;
        }
      if (best_in >= 0)
        m[best_in] = 1;
    }

  for (guint i = 0; i < n_in; i++)
    if (best_out[i] >= 0)
      m[best_out[i]] = 1;
}

ScMask *
sc_render_thin_edges (const ScMask       *mask,
                      const float * const *w,
                      guint               layer_edges)
{
  g_autofree guint8 *alive = NULL;
  ScMask *thinned = NULL;

  g_return_val_if_fail (mask != NULL && w != NULL, NULL);
  g_return_val_if_fail (layer_edges > 0, NULL);

  for (guint k = 0; k + 1 < mask->n_layers; k++)
    {
      ThinLayer t = { mask, w[k], k, NULL, NULL, layer_edges };

      if (sc_mask_count_layer (mask, k) <= layer_edges)
        continue;
      if (thinned == NULL)
        {
          thinned = sc_mask_copy (mask);
          alive = path_units (mask);
        }
      t.alive_in = alive + sc_mask_unit_offset (mask, k);
      t.alive_out = alive + sc_mask_unit_offset (mask, k + 1);
      thin_layer (thinned, &t);
    }

  return thinned;
}

ScMask *
sc_scene_thin_edges (ScScene             *scene,
                     const float * const *w,
                     guint                layer_edges,
                     char               **subtitle)
{
  g_autofree char *note = NULL;
  ScMask *thinned;
  char *noted;

  g_return_val_if_fail (scene != NULL && scene->mask != NULL, NULL);
  g_return_val_if_fail (subtitle != NULL, NULL);

  thinned = sc_render_thin_edges (scene->mask, w, layer_edges);
  if (thinned == NULL)
    return NULL;

  /* %lu, not G_GSIZE_FORMAT: xgettext cannot see through the macro. */
  note = g_strdup_printf (_("the strongest %lu of %lu edges shown"),
                          (unsigned long) sc_mask_count (thinned),
                          (unsigned long) sc_mask_count (scene->mask));
  noted = *subtitle ? g_strdup_printf ("%s · %s", *subtitle, note) : g_steal_pointer (&note);
  g_free (*subtitle);
  *subtitle = noted;
  scene->subtitle = noted;
  scene->mask = thinned;
  return thinned;
}
