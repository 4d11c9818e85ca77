/* mnist-stubs.c — TEMPORARY stand-ins for sc_task_* and sc_truth_*
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * sc-task.c and sc-truth.c are written on another branch. Until they are
 * merged, test-mnist.c includes this file so that it links. The definitions
 * are weak, so the real ones win wherever they are linked in; remove the
 * #include from test-mnist.c (and this file) once sc-task.c and sc-truth.c
 * are in the core library.
 */

#include "sc-hyper.h"
#include "sc-task.h"
#include "sc-truth.h"

#define STUB __attribute__ ((weak))

static void
stub_task_clear (gpointer data)
{
  ScTask *task = data;

  g_free (task->name);
  g_free (task->title);
  g_free (task->family);
  g_free (task->spec);
  g_free (task->description);
  g_free (task->path);
  g_strfreev (task->input_names);
  g_strfreev (task->output_names);
  g_clear_pointer (&task->train, sc_dataset_unref);
  g_clear_pointer (&task->test, sc_dataset_unref);
  g_clear_pointer (&task->truth, sc_truth_free);
  sc_hyper_clear (&task->defaults);
}

STUB ScTask *
sc_task_new (void)
{
  ScTask *task = g_atomic_rc_box_new0 (ScTask);

  sc_hyper_init_defaults (&task->defaults);
  return task;
}

STUB ScTask *
sc_task_ref (ScTask *task)
{
  return g_atomic_rc_box_acquire (task);
}

STUB void
sc_task_unref (ScTask *task)
{
  g_atomic_rc_box_release_full (task, stub_task_clear);
}

STUB void
sc_truth_free (ScTruth *truth)
{
  if (truth == NULL)
    return;
  for (guint k = 0; k < truth->n_nodes; k++)
    {
      g_free (truth->nodes[k].name);
      g_clear_pointer (&truth->nodes[k].inputs, g_array_unref);
      g_clear_pointer (&truth->nodes[k].nodes, g_array_unref);
      g_clear_pointer (&truth->nodes[k].input_set, g_array_unref);
    }
  g_free (truth->nodes);
  g_free (truth->output_node);
  g_free (truth->output_bit);
  g_free (truth->input_group);
  g_free (truth->output_group);
  g_free (truth);
}

static int
stub_compare_uint (gconstpointer a,
                   gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Only what the documented contract of sc-truth.h says. */
STUB void
sc_truth_derive (ScTruth *truth)
{
  g_autoptr(GHashTable) keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) readers = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < truth->n_in; i++)
    g_ptr_array_add (readers, g_string_free (g_string_new (""), FALSE));
  for (guint k = 0; k < truth->n_nodes; k++)
    for (guint j = 0; j < truth->nodes[k].inputs->len; j++)
      {
        guint input = g_array_index (truth->nodes[k].inputs, guint, j);
        char *old = readers->pdata[input];

        readers->pdata[input] = g_strdup_printf ("%s%u,", old, k);
        g_free (old);
      }

  g_free (truth->input_group);
  truth->input_group = g_new (int, truth->n_in);
  truth->n_input_groups = 0;
  for (guint i = 0; i < truth->n_in; i++)
    {
      const char *key = readers->pdata[i];
      gpointer id;

      if (key[0] == '\0')
        {
          truth->input_group[i] = -1;
          continue;
        }
      if (!g_hash_table_lookup_extended (keys, key, NULL, &id))
        {
          id = GUINT_TO_POINTER (truth->n_input_groups++);
          g_hash_table_insert (keys, g_strdup (key), id);
        }
      truth->input_group[i] = (int) GPOINTER_TO_UINT (id);
    }

  g_free (truth->output_group);
  truth->output_group = g_new (int, truth->n_out);
  truth->n_output_groups = 0;
  for (guint j = 0; j < truth->n_out; j++)
    {
      truth->output_group[j] = -1;
      for (guint q = 0; q < j; q++)
        if (truth->output_node[q] == truth->output_node[j])
          {
            truth->output_group[j] = truth->output_group[q];
            break;
          }
      if (truth->output_group[j] < 0)
        truth->output_group[j] = (int) truth->n_output_groups++;
    }

  for (guint k = 0; k < truth->n_nodes; k++)
    {
      ScTruthNode *node = &truth->nodes[k];
      guint n_node_users = 0, n_output_users = 0;

      node->level = 1;
      g_clear_pointer (&node->input_set, g_array_unref);
      node->input_set = g_array_copy (node->inputs);
      for (guint j = 0; j < node->nodes->len; j++)
        {
          ScTruthNode *source = &truth->nodes[g_array_index (node->nodes, guint, j)];

          node->level = MAX (node->level, source->level + 1);
          for (guint q = 0; q < source->input_set->len; q++)
            {
              guint input = g_array_index (source->input_set, guint, q);
              gboolean seen = FALSE;

              for (guint p = 0; p < node->input_set->len && !seen; p++)
                seen = g_array_index (node->input_set, guint, p) == input;
              if (!seen)
                g_array_append_val (node->input_set, input);
            }
        }
      g_array_sort (node->input_set, stub_compare_uint);
      for (guint q = 0; q < truth->n_nodes; q++)
        for (guint j = 0; j < truth->nodes[q].nodes->len; j++)
          if (g_array_index (truth->nodes[q].nodes, guint, j) == k)
            n_node_users++;
      for (guint j = 0; j < truth->n_out; j++)
        if (truth->output_node[j] == (int) k)
          n_output_users++;
      node->n_users = n_node_users + n_output_users;
      node->reused = n_node_users >= 2 || n_output_users >= 2;
    }
}
