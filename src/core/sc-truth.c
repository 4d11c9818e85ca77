/* sc-truth.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* NOTE: written on the `tasks` branch so the task loaders can be built and
 * tested; the detection branch owns this file too. Keep one at merge. */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <string.h>

#include "sc-truth.h"

static GArray *
uint_array_copy (const GArray *array)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, sizeof (guint), array ? array->len : 0);

  if (array != NULL)
    g_array_append_vals (copy, array->data, array->len);
  return copy;
}

static void
node_clear (ScTruthNode *node)
{
  g_clear_pointer (&node->name, g_free);
  g_clear_pointer (&node->inputs, g_array_unref);
  g_clear_pointer (&node->nodes, g_array_unref);
  g_clear_pointer (&node->input_set, g_array_unref);
}

void
sc_truth_free (ScTruth *truth)
{
  if (truth == NULL)
    return;

  for (guint i = 0; i < truth->n_nodes; i++)
    node_clear (&truth->nodes[i]);
  g_free (truth->nodes);
  g_free (truth->output_node);
  g_free (truth->output_bit);
  g_free (truth->input_group);
  g_free (truth->output_group);
  g_free (truth);
}

static gpointer
memdup_or_null (gconstpointer data,
                gsize         size)
{
  return data != NULL ? g_memdup2 (data, size) : NULL;
}

ScTruth *
sc_truth_copy (const ScTruth *truth)
{
  ScTruth *copy;

  g_return_val_if_fail (truth != NULL, NULL);

  copy = g_new0 (ScTruth, 1);
  *copy = *truth;
  copy->nodes = g_new0 (ScTruthNode, MAX (truth->n_nodes, 1));
  for (guint i = 0; i < truth->n_nodes; i++)
    {
      const ScTruthNode *src = &truth->nodes[i];
      ScTruthNode *dst = &copy->nodes[i];

      *dst = *src;
      dst->name = g_strdup (src->name);
      dst->inputs = uint_array_copy (src->inputs);
      dst->nodes = uint_array_copy (src->nodes);
      dst->input_set = src->input_set ? uint_array_copy (src->input_set) : NULL;
    }
  copy->output_node = memdup_or_null (truth->output_node, sizeof (int) * truth->n_out);
  copy->output_bit = memdup_or_null (truth->output_bit, sizeof (guint) * truth->n_out);
  copy->input_group = memdup_or_null (truth->input_group, sizeof (int) * truth->n_in);
  copy->output_group = memdup_or_null (truth->output_group, sizeof (int) * truth->n_out);

  return copy;
}

/* Transitive input set: direct inputs plus the input sets of the nodes read.
 * Nodes are in topological order, so those are already known. */
static void
derive_input_set (ScTruth     *truth,
                  ScTruthNode *node)
{
  g_autofree gboolean *used = g_new0 (gboolean, MAX (truth->n_in, 1));

  for (guint k = 0; k < node->inputs->len; k++)
    used[g_array_index (node->inputs, guint, k)] = TRUE;
  for (guint k = 0; k < node->nodes->len; k++)
    {
      const ScTruthNode *read = &truth->nodes[g_array_index (node->nodes, guint, k)];

      for (guint s = 0; s < read->input_set->len; s++)
        used[g_array_index (read->input_set, guint, s)] = TRUE;
    }

  g_clear_pointer (&node->input_set, g_array_unref);
  node->input_set = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < truth->n_in; i++)
    if (used[i])
      g_array_append_val (node->input_set, i);
}

static void
derive_levels (ScTruth *truth)
{
  for (guint n = 0; n < truth->n_nodes; n++)
    {
      ScTruthNode *node = &truth->nodes[n];
      guint level = 1;

      for (guint k = 0; k < node->nodes->len; k++)
        {
          guint read = g_array_index (node->nodes, guint, k);

          g_assert (read < n);
          level = MAX (level, truth->nodes[read].level + 1);
        }
      node->level = level;
      derive_input_set (truth, node);
    }
}

/* n_users counts distinct reading nodes plus copying outputs. A node is
 * reused when two or more nodes read it, or when one of its bits is copied
 * by two or more outputs ("uses" in tasks-truth.md are per bit: the two bits
 * of [4,2,4]'s s1 are each copied once, which is not reuse). */
static void
derive_users (ScTruth *truth)
{
  g_autofree guint *node_readers = g_new0 (guint, MAX (truth->n_nodes, 1));

  for (guint n = 0; n < truth->n_nodes; n++)
    {
      const ScTruthNode *node = &truth->nodes[n];

      for (guint k = 0; k < node->nodes->len; k++)
        node_readers[g_array_index (node->nodes, guint, k)]++;
    }

  for (guint n = 0; n < truth->n_nodes; n++)
    {
      truth->nodes[n].n_users = node_readers[n];
      truth->nodes[n].reused = node_readers[n] >= 2;
    }

  for (guint o = 0; o < truth->n_out; o++)
    {
      ScTruthNode *node = &truth->nodes[truth->output_node[o]];

      node->n_users++;
      for (guint p = 0; p < o; p++)
        if (truth->output_node[p] == truth->output_node[o] &&
            truth->output_bit[p] == truth->output_bit[o])
          node->reused = TRUE;
    }
}

/* Inputs are grouped by the set of nodes reading them directly; the set is
 * encoded as a string key of node indices. */
static void
derive_input_groups (ScTruth *truth)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_free (truth->input_group);
  truth->input_group = g_new (int, MAX (truth->n_in, 1));
  truth->n_input_groups = 0;

  for (guint i = 0; i < truth->n_in; i++)
    {
      GString *key = g_string_new (NULL);
      gpointer id;

      for (guint n = 0; n < truth->n_nodes; n++)
        {
          const GArray *inputs = truth->nodes[n].inputs;

          for (guint k = 0; k < inputs->len; k++)
            if (g_array_index (inputs, guint, k) == i)
              g_string_append_printf (key, "%u,", n);
        }

      if (key->len == 0)
        {
          truth->input_group[i] = -1;
          g_string_free (key, TRUE);
          continue;
        }
      if (!g_hash_table_lookup_extended (ids, key->str, NULL, &id))
        {
          id = GINT_TO_POINTER (truth->n_input_groups++);
          g_hash_table_insert (ids, g_strdup (key->str), id);
        }
      truth->input_group[i] = GPOINTER_TO_INT (id);
      g_string_free (key, TRUE);
    }
}

static void
derive_output_groups (ScTruth *truth)
{
  g_autofree int *node_group = g_new (int, MAX (truth->n_nodes, 1));

  for (guint n = 0; n < truth->n_nodes; n++)
    node_group[n] = -1;

  g_free (truth->output_group);
  truth->output_group = g_new (int, MAX (truth->n_out, 1));
  truth->n_output_groups = 0;

  for (guint o = 0; o < truth->n_out; o++)
    {
      int node = truth->output_node[o];

      if (node_group[node] < 0)
        node_group[node] = truth->n_output_groups++;
      truth->output_group[o] = node_group[node];
    }
}

void
sc_truth_derive (ScTruth *truth)
{
  g_return_if_fail (truth != NULL);
  g_return_if_fail (truth->n_out == 0 || truth->output_node != NULL);

  for (guint o = 0; o < truth->n_out; o++)
    g_return_if_fail (truth->output_node[o] >= 0 &&
                      (guint) truth->output_node[o] < truth->n_nodes);

  derive_levels (truth);
  derive_users (truth);
  derive_input_groups (truth);
  derive_output_groups (truth);
}
