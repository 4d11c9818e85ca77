/* sc-truth.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <string.h>

#include "sc-truth.h"

/* Ownership: nodes, output_node, output_bit, input_group and output_group
 * are g_malloc'ed arrays, names g_strdup'ed, the node index lists GArrays
 * of guint. Any of them may be NULL. */

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

  for (guint n = 0; n < truth->n_nodes && truth->nodes != NULL; n++)
    node_clear (&truth->nodes[n]);
  g_free (truth->nodes);
  g_free (truth->output_node);
  g_free (truth->output_bit);
  g_free (truth->input_group);
  g_free (truth->output_group);
  g_free (truth);
}

static GArray *
uint_array_copy (const GArray *array)
{
  GArray *copy;

  if (array == NULL)
    return NULL;

  copy = g_array_sized_new (FALSE, FALSE, sizeof (guint), array->len);
  g_array_append_vals (copy, array->data, array->len);
  return copy;
}

static gpointer
memdup_or_null (gconstpointer data,
                gsize         size)
{
  return data != NULL ? g_memdup2 (data, MAX (size, 1)) : NULL;
}

ScTruth *
sc_truth_copy (const ScTruth *truth)
{
  ScTruth *copy;

  g_return_val_if_fail (truth != NULL, NULL);

  copy = g_new0 (ScTruth, 1);
  *copy = *truth;
  copy->nodes = g_new0 (ScTruthNode, MAX (truth->n_nodes, 1));
  for (guint n = 0; n < truth->n_nodes; n++)
    {
      const ScTruthNode *src = &truth->nodes[n];
      ScTruthNode *dst = &copy->nodes[n];

      *dst = *src;
      dst->name = g_strdup (src->name);
      dst->inputs = uint_array_copy (src->inputs);
      dst->nodes = uint_array_copy (src->nodes);
      dst->input_set = uint_array_copy (src->input_set);
    }
  copy->output_node = memdup_or_null (truth->output_node, sizeof (int) * truth->n_out);
  copy->output_bit = memdup_or_null (truth->output_bit, sizeof (guint) * truth->n_out);
  copy->input_group = memdup_or_null (truth->input_group, sizeof (int) * truth->n_in);
  copy->output_group = memdup_or_null (truth->output_group, sizeof (int) * truth->n_out);

  return copy;
}

static guint
list_len (const GArray *list)
{
  return list != NULL ? list->len : 0;
}

static guint
list_get (const GArray *list,
          guint         i)
{
  return g_array_index (list, guint, i);
}

/* Level and transitive input set; nodes only read earlier nodes. */
static void
derive_node (ScTruth *truth,
             guint    n)
{
  ScTruthNode *node = &truth->nodes[n];
  g_autofree gboolean *used = g_new0 (gboolean, MAX (truth->n_in, 1));

  node->level = 1;
  for (guint k = 0; k < list_len (node->inputs); k++)
    if (list_get (node->inputs, k) < truth->n_in)
      used[list_get (node->inputs, k)] = TRUE;

  for (guint k = 0; k < list_len (node->nodes); k++)
    {
      guint r = list_get (node->nodes, k);
      const ScTruthNode *read;

      g_return_if_fail (r < n);
      read = &truth->nodes[r];
      node->level = MAX (node->level, read->level + 1);
      for (guint s = 0; s < list_len (read->input_set); s++)
        used[list_get (read->input_set, s)] = TRUE;
    }

  g_clear_pointer (&node->input_set, g_array_unref);
  node->input_set = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < truth->n_in; i++)
    if (used[i])
      g_array_append_val (node->input_set, i);
}

/* n_users = distinct reading nodes + copying outputs. Reused: read by two or
 * more nodes, or one bit copied by two or more outputs (a "use" is per bit:
 * [4,2,4]'s s1 has each of its two bits copied once, which is no reuse). */
static void
derive_users (ScTruth *truth)
{
  for (guint n = 0; n < truth->n_nodes; n++)
    {
      truth->nodes[n].n_users = 0;
      truth->nodes[n].reused = FALSE;
    }

  for (guint n = 0; n < truth->n_nodes; n++)
    {
      const GArray *reads = truth->nodes[n].nodes;

      for (guint k = 0; k < list_len (reads); k++)
        {
          gboolean seen = FALSE;

          for (guint e = 0; e < k; e++)
            seen |= list_get (reads, e) == list_get (reads, k);
          if (!seen)
            truth->nodes[list_get (reads, k)].n_users++;
        }
    }
  for (guint n = 0; n < truth->n_nodes; n++)
    truth->nodes[n].reused = truth->nodes[n].n_users >= 2;

  for (guint o = 0; o < truth->n_out; o++)
    {
      int node = truth->output_node[o];

      if (node < 0 || (guint) node >= truth->n_nodes)
        continue;
      truth->nodes[node].n_users++;
      for (guint p = 0; p < o; p++)
        if (truth->output_node[p] == node &&
            (truth->output_bit == NULL || truth->output_bit[p] == truth->output_bit[o]))
          truth->nodes[node].reused = TRUE;
    }
}

/* Inputs are grouped by the set of nodes that read them directly; unread
 * inputs get -1. Group ids follow the first input of each group. */
static void
derive_input_groups (ScTruth *truth)
{
  g_autoptr(GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_free (truth->input_group);
  truth->input_group = g_new (int, MAX (truth->n_in, 1));

  for (guint i = 0; i < truth->n_in; i++)
    {
      g_autoptr(GString) key = g_string_new (NULL);
      gpointer id;

      for (guint n = 0; n < truth->n_nodes; n++)
        for (guint k = 0; k < list_len (truth->nodes[n].inputs); k++)
          if (list_get (truth->nodes[n].inputs, k) == i)
            {
              g_string_append_printf (key, "%u,", n);
              break;
            }

      if (key->len == 0)
        {
          truth->input_group[i] = -1;
          continue;
        }
      if (!g_hash_table_lookup_extended (ids, key->str, NULL, &id))
        {
          id = GUINT_TO_POINTER (g_hash_table_size (ids));
          g_hash_table_insert (ids, g_strdup (key->str), id);
        }
      truth->input_group[i] = (int) GPOINTER_TO_UINT (id);
    }

  truth->n_input_groups = g_hash_table_size (ids);
}

/* Outputs are grouped by the node they copy (whatever the bit). */
static void
derive_output_groups (ScTruth *truth)
{
  g_autofree int *group_of_node = g_new (int, MAX (truth->n_nodes, 1));

  for (guint n = 0; n < truth->n_nodes; n++)
    group_of_node[n] = -1;

  g_free (truth->output_group);
  truth->output_group = g_new (int, MAX (truth->n_out, 1));
  truth->n_output_groups = 0;

  for (guint o = 0; o < truth->n_out; o++)
    {
      int node = truth->output_node[o];

      if (node < 0 || (guint) node >= truth->n_nodes)
        {
          truth->output_group[o] = -1;
          continue;
        }
      if (group_of_node[node] < 0)
        group_of_node[node] = (int) truth->n_output_groups++;
      truth->output_group[o] = group_of_node[node];
    }
}

void
sc_truth_derive (ScTruth *truth)
{
  g_return_if_fail (truth != NULL);
  g_return_if_fail (truth->nodes != NULL || truth->n_nodes == 0);
  g_return_if_fail (truth->output_node != NULL || truth->n_out == 0);

  for (guint n = 0; n < truth->n_nodes; n++)
    derive_node (truth, n);

  derive_users (truth);
  derive_input_groups (truth);
  derive_output_groups (truth);
}

/* The node a too-deep node folds into: itself, or, when it sits above
 * n_hidden and reads exactly one node and no input, that node's target. */
static guint
fold_target (const ScTruth *truth,
             const guint   *target,
             guint          n,
             guint          n_hidden)
{
  const ScTruthNode *node = &truth->nodes[n];
  const GArray *reads = node->nodes;

  if (node->level <= n_hidden || list_len (node->inputs) > 0 || list_len (reads) == 0)
    return n;
  for (guint k = 1; k < list_len (reads); k++)
    if (list_get (reads, k) != list_get (reads, 0))
      return n;
  return target[list_get (reads, 0)];
}

ScTruth *
sc_truth_limit_depth (const ScTruth *truth,
                      guint          n_hidden)
{
  g_autofree guint *target = NULL;
  g_autofree int *renumber = NULL;
  ScTruth *folded;
  guint kept = 0;

  g_return_val_if_fail (truth != NULL, NULL);

  target = g_new (guint, MAX (truth->n_nodes, 1));
  renumber = g_new (int, MAX (truth->n_nodes, 1));
  for (guint n = 0; n < truth->n_nodes; n++)
    {
      target[n] = fold_target (truth, target, n, n_hidden);
      renumber[n] = target[n] == n ? (int) kept++ : -1;
    }
  if (kept == truth->n_nodes)
    return NULL;

  folded = sc_truth_copy (truth);
  for (guint n = 0; n < truth->n_nodes; n++)
    node_clear (&folded->nodes[n]);
  folded->n_nodes = kept;

  /* Kept nodes move down; their reads follow the folds. */
  for (guint n = 0; n < truth->n_nodes; n++)
    {
      const ScTruthNode *src = &truth->nodes[n];
      ScTruthNode *dst;

      if (renumber[n] < 0)
        continue;
      dst = &folded->nodes[renumber[n]];
      *dst = *src;
      dst->name = g_strdup (src->name);
      dst->inputs = uint_array_copy (src->inputs);
      dst->input_set = NULL;
      dst->nodes = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint k = 0; k < list_len (src->nodes); k++)
        {
          guint r = (guint) renumber[target[list_get (src->nodes, k)]];
          gboolean seen = FALSE;

          for (guint e = 0; e < dst->nodes->len; e++)
            seen |= list_get (dst->nodes, e) == r;
          if (!seen)
            g_array_append_val (dst->nodes, r);
        }
    }

  /* An output of a folded node copies its target; which bit is not
   * recorded, so each node folded into a target counts as one bit of it
   * (o0 → G.0, o1 → G.1), for "reused" (one bit copied twice). */
  for (guint o = 0; o < truth->n_out; o++)
    {
      int node = truth->output_node[o];
      guint t, rank = 0;

      if (node < 0)
        continue;
      t = target[node];
      folded->output_node[o] = renumber[t];
      if (t == (guint) node)
        continue;
      for (guint m = 0; m < (guint) node; m++)
        rank += m != t && target[m] == t;
      if (folded->output_bit != NULL)
        folded->output_bit[o] = rank;
    }

  sc_truth_derive (folded);
  return folded;
}
