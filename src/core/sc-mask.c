/* sc-mask.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <errno.h>
#include <string.h>

#include "sc-error.h"
#include "sc-mask.h"

/* Larger widths are refused: they would not fit any use of the method and
 * keep size arithmetic far from overflow. */
#define SC_MAX_WIDTH  (1u << 20)
#define SC_MAX_LAYERS 32

ScMask *
sc_mask_new (const guint *arch,
             guint        n_layers,
             gboolean     all_ones)
{
  ScMask *mask;

  g_return_val_if_fail (arch != NULL, NULL);
  g_return_val_if_fail (n_layers >= 2, NULL);

  mask = g_new0 (ScMask, 1);
  mask->n_layers = n_layers;
  mask->arch = g_memdup2 (arch, sizeof (guint) * n_layers);
  mask->m = g_new0 (guint8 *, n_layers - 1);
  for (guint k = 0; k + 1 < n_layers; k++)
    {
      gsize size = (gsize) arch[k] * arch[k + 1];

      mask->m[k] = g_malloc (MAX (size, 1));
      memset (mask->m[k], all_ones ? 1 : 0, size);
    }

  return mask;
}

ScMask *
sc_mask_copy (const ScMask *mask)
{
  ScMask *copy;

  g_return_val_if_fail (mask != NULL, NULL);

  copy = sc_mask_new (mask->arch, mask->n_layers, FALSE);
  for (guint k = 0; k + 1 < mask->n_layers; k++)
    memcpy (copy->m[k], mask->m[k], sc_mask_layer_size (mask, k));

  return copy;
}

void
sc_mask_free (ScMask *mask)
{
  if (mask == NULL)
    return;

  for (guint k = 0; k + 1 < mask->n_layers; k++)
    g_free (mask->m[k]);
  g_free (mask->m);
  g_free (mask->arch);
  g_free (mask);
}

gboolean
sc_mask_equal (const ScMask *a,
               const ScMask *b)
{
  if (a->n_layers != b->n_layers ||
      memcmp (a->arch, b->arch, sizeof (guint) * a->n_layers) != 0)
    return FALSE;

  for (guint k = 0; k + 1 < a->n_layers; k++)
    if (memcmp (a->m[k], b->m[k], sc_mask_layer_size (a, k)) != 0)
      return FALSE;

  return TRUE;
}

gsize
sc_mask_layer_size (const ScMask *mask,
                    guint         k)
{
  g_assert (k + 1 < mask->n_layers);

  return (gsize) mask->arch[k] * mask->arch[k + 1];
}

gsize
sc_mask_total_size (const ScMask *mask)
{
  gsize total = 0;

  for (guint k = 0; k + 1 < mask->n_layers; k++)
    total += sc_mask_layer_size (mask, k);

  return total;
}

gsize
sc_mask_count_layer (const ScMask *mask,
                     guint         k)
{
  gsize size = sc_mask_layer_size (mask, k);
  gsize count = 0;

  for (gsize e = 0; e < size; e++)
    count += mask->m[k][e] != 0;

  return count;
}

gsize
sc_mask_count (const ScMask *mask)
{
  gsize count = 0;

  for (guint k = 0; k + 1 < mask->n_layers; k++)
    count += sc_mask_count_layer (mask, k);

  return count;
}

guint
sc_mask_hidden_with_edges (const ScMask *mask)
{
  guint alive = 0;

  for (guint l = 1; l + 1 < mask->n_layers; l++)
    for (guint u = 0; u < mask->arch[l]; u++)
      {
        gboolean has = FALSE;

        for (guint i = 0; i < mask->arch[l - 1] && !has; i++)
          has = sc_mask_get (mask, l - 1, i, u);
        for (guint j = 0; j < mask->arch[l + 1] && !has; j++)
          has = sc_mask_get (mask, l, u, j);
        alive += has;
      }
  return alive;
}

guint
sc_mask_unit_offset (const ScMask *mask,
                     guint         layer)
{
  guint offset = 0;

  g_assert (layer <= mask->n_layers);

  for (guint l = 0; l < layer; l++)
    offset += mask->arch[l];

  return offset;
}

guint
sc_mask_n_units (const ScMask *mask)
{
  return sc_mask_unit_offset (mask, mask->n_layers);
}

JsonNode *
sc_mask_to_edges_json (const ScMask *mask)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_array (builder);
  for (guint k = 0; k + 1 < mask->n_layers; k++)
    {
      guint n_in = mask->arch[k];
      guint n_out = mask->arch[k + 1];

      json_builder_begin_array (builder);
      for (guint j = 0; j < n_out; j++)
        for (guint i = 0; i < n_in; i++)
          if (sc_mask_get (mask, k, i, j))
            {
              json_builder_begin_array (builder);
              json_builder_add_int_value (builder, i);
              json_builder_add_int_value (builder, j);
              json_builder_end_array (builder);
            }
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);

  return json_builder_get_root (builder);
}

static gboolean
json_get_index (JsonNode  *node,
                guint      limit,
                guint     *out)
{
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return FALSE;

  value = json_node_get_int (node);
  if (value < 0 || value >= limit)
    return FALSE;

  *out = (guint) value;
  return TRUE;
}

gboolean
sc_arch_check_size (const guint  *arch,
                    guint         n_layers,
                    GError      **error)
{
  guint64 weights = 0;

  for (guint l = 0; l + 1 < n_layers; l++)
    weights += (guint64) arch[l] * arch[l + 1];
  if (weights > SC_MAX_WEIGHTS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "arch has %" G_GUINT64_FORMAT " weights; at most %u are supported",
                   weights, (guint) SC_MAX_WEIGHTS);
      return FALSE;
    }

  return TRUE;
}

ScMask *
sc_mask_from_edges_json (const guint  *arch,
                         guint         n_layers,
                         JsonNode     *edges_by_layer,
                         GError      **error)
{
  g_autoptr(ScMask) mask = NULL;
  JsonArray *layers;

  g_return_val_if_fail (arch != NULL, NULL);

  if (edges_by_layer == NULL || !JSON_NODE_HOLDS_ARRAY (edges_by_layer))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "edges_by_layer must be an array of %u layers", n_layers - 1);
      return NULL;
    }

  if (!sc_arch_check_size (arch, n_layers, error))
    return NULL;

  layers = json_node_get_array (edges_by_layer);
  if (json_array_get_length (layers) != n_layers - 1)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "edges_by_layer has %u layers, the architecture needs %u",
                   json_array_get_length (layers), n_layers - 1);
      return NULL;
    }

  mask = sc_mask_new (arch, n_layers, FALSE);
  for (guint k = 0; k + 1 < n_layers; k++)
    {
      JsonNode *layer_node = json_array_get_element (layers, k);
      JsonArray *edges;

      if (!JSON_NODE_HOLDS_ARRAY (layer_node))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                       "edges_by_layer[%u] is not an array", k);
          return NULL;
        }

      edges = json_node_get_array (layer_node);
      for (guint e = 0; e < json_array_get_length (edges); e++)
        {
          JsonNode *pair_node = json_array_get_element (edges, e);
          JsonArray *pair;
          guint i, j;

          if (!JSON_NODE_HOLDS_ARRAY (pair_node) ||
              json_array_get_length (pair = json_node_get_array (pair_node)) != 2 ||
              !json_get_index (json_array_get_element (pair, 0), arch[k], &i) ||
              !json_get_index (json_array_get_element (pair, 1), arch[k + 1], &j))
            {
              g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                           "edges_by_layer[%u][%u] must be a pair [i, j] with "
                           "0 <= i < %u and 0 <= j < %u",
                           k, e, arch[k], arch[k + 1]);
              return NULL;
            }

          mask->m[k][(gsize) j * arch[k] + i] = 1;
        }
    }

  return g_steal_pointer (&mask);
}

static gboolean
arch_validate (GArray  *arch,
               GError **error)
{
  if (arch->len < 2 || arch->len > SC_MAX_LAYERS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "an architecture needs between 2 and %u layers, got %u",
                   SC_MAX_LAYERS, arch->len);
      return FALSE;
    }

  for (guint l = 0; l < arch->len; l++)
    {
      guint w = g_array_index (arch, guint, l);

      if (w == 0 || w > SC_MAX_WIDTH)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                       "layer %u of the architecture has width %u "
                       "(must be between 1 and %u)", l, w, SC_MAX_WIDTH);
          return FALSE;
        }
    }

  return TRUE;
}

gboolean
sc_arch_parse (const char  *text,
               GArray     **arch_out,
               GError     **error)
{
  g_autoptr(GArray) arch = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *p = text;

  g_return_val_if_fail (text != NULL, FALSE);

  while (*p == ' ' || *p == '[')
    p++;

  while (*p != '\0' && *p != ']')
    {
      char *end;
      guint64 value;

      errno = 0;
      value = g_ascii_strtoull (p, &end, 10);
      if (end == p || errno != 0 || value > G_MAXUINT)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                       "“%s” is not an architecture: expected widths "
                       "separated by commas, e.g. 4,24,24,4", text);
          return FALSE;
        }

      g_array_append_val (arch, (guint) { value });
      p = end;
      while (*p == ' ')
        p++;
      if (*p == ',' || *p == '-' || *p == 'x')
        p++;
      while (*p == ' ')
        p++;
    }

  if (!arch_validate (arch, error))
    return FALSE;

  *arch_out = g_steal_pointer (&arch);
  return TRUE;
}

char *
sc_arch_to_string (const guint *arch,
                   guint        n_layers,
                   char         separator)
{
  GString *str = g_string_new (NULL);

  for (guint l = 0; l < n_layers; l++)
    {
      if (l > 0)
        g_string_append_c (str, separator);
      g_string_append_printf (str, "%u", arch[l]);
    }

  return g_string_free (str, FALSE);
}

gboolean
sc_arch_from_json (JsonNode  *node,
                   GArray   **arch_out,
                   GError   **error)
{
  g_autoptr(GArray) arch = g_array_new (FALSE, FALSE, sizeof (guint));
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "arch must be an array of layer widths");
      return FALSE;
    }

  array = json_node_get_array (node);
  for (guint l = 0; l < json_array_get_length (array); l++)
    {
      guint w;

      if (!json_get_index (json_array_get_element (array, l), SC_MAX_WIDTH + 1, &w))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                       "arch[%u] must be a non-negative integer", l);
          return FALSE;
        }
      g_array_append_val (arch, w);
    }

  if (!arch_validate (arch, error))
    return FALSE;

  *arch_out = g_steal_pointer (&arch);
  return TRUE;
}

JsonNode *
sc_arch_to_json (const guint *arch,
                 guint        n_layers)
{
  JsonArray *array = json_array_sized_new (n_layers);
  JsonNode *node = json_node_new (JSON_NODE_ARRAY);

  for (guint l = 0; l < n_layers; l++)
    json_array_add_int_element (array, arch[l]);
  json_node_take_array (node, array);

  return node;
}
