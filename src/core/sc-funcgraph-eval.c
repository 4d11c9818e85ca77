/* sc-funcgraph-eval.c — truth table and ground truth of a function graph
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include "sc-funcgraph.h"

/* Values of one row: inputs first, then every node bit, node by node. */
typedef struct
{
  guint8 *values;
  guint  *node_offset;   /* index of bit 0 of each node in values */
} Row;

static guint8
arg_value (const Row       *row,
           const ScGateArg *arg)
{
  if (arg->node < 0)
    return row->values[arg->index];
  return row->values[row->node_offset[arg->node] + arg->index];
}

static guint8
gate_eval (const ScGate *gate,
           const Row    *row)
{
  guint ones = 0;
  guint index = 0;

  for (guint a = 0; a < gate->n_args; a++)
    {
      guint8 v = arg_value (row, &gate->args[a]);

      ones += v;
      index = (index << 1) | v;   /* first argument is the most significant bit */
    }

  switch (gate->kind)
    {
    case SC_GATE_AND:   return ones == gate->n_args;
    case SC_GATE_OR:    return ones > 0;
    case SC_GATE_XOR:   return ones & 1;
    case SC_GATE_XNOR:  return !(ones & 1);
    case SC_GATE_NAND:  return ones != gate->n_args;
    case SC_GATE_NOR:   return ones == 0;
    case SC_GATE_NOT:   return !ones;
    case SC_GATE_BUF:   return ones;
    case SC_GATE_TABLE: return gate->table[index];
    default:            g_assert_not_reached ();
    }
}

ScDataset *
sc_funcgraph_eval (const ScFuncGraph *graph)
{
  guint n_in, n_out, n_rows, n_values;
  g_autofree guint8 *values = NULL;
  g_autofree guint *node_offset = NULL;
  ScDataset *dataset;
  Row row;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (graph->inputs->len <= SC_FUNCGRAPH_MAX_INPUTS, NULL);

  n_in = graph->inputs->len;
  n_out = graph->outputs->len;
  n_rows = 1u << n_in;

  node_offset = g_new0 (guint, MAX (graph->nodes->len, 1));
  n_values = n_in;
  for (guint n = 0; n < graph->nodes->len; n++)
    {
      node_offset[n] = n_values;
      n_values += g_array_index (graph->nodes, ScGraphNode, n).n_bits;
    }
  values = g_new0 (guint8, n_values);
  row.values = values;
  row.node_offset = node_offset;

  dataset = sc_dataset_new (n_rows, n_in, n_out);
  for (guint r = 0; r < n_rows; r++)
    {
      /* row r is the big-endian expansion of r: x0 is the MSB (method.md §1.1) */
      for (guint i = 0; i < n_in; i++)
        {
          values[i] = (r >> (n_in - 1 - i)) & 1;
          dataset->x[(gsize) r * n_in + i] = values[i];
        }

      for (guint n = 0; n < graph->nodes->len; n++)
        {
          const ScGraphNode *node = &g_array_index (graph->nodes, ScGraphNode, n);

          for (guint b = 0; b < node->n_bits; b++)
            values[node_offset[n] + b] = gate_eval (&node->bits[b], &row);
        }

      for (guint o = 0; o < n_out; o++)
        {
          guint node = g_array_index (graph->output_node, guint, o);
          guint bit = g_array_index (graph->output_bit, guint, o);

          dataset->y[(gsize) r * n_out + o] = values[node_offset[node] + bit];
        }
    }

  return dataset;
}

/* Sorted, duplicate-free indices read by any bit of the node. */
static void
collect_reads (const ScGraphNode *node,
               guint              n_in,
               guint              n_nodes,
               GArray            *inputs,
               GArray            *nodes)
{
  g_autofree gboolean *input_read = g_new0 (gboolean, MAX (n_in, 1));
  g_autofree gboolean *node_read = g_new0 (gboolean, MAX (n_nodes, 1));

  for (guint b = 0; b < node->n_bits; b++)
    for (guint a = 0; a < node->bits[b].n_args; a++)
      {
        const ScGateArg *arg = &node->bits[b].args[a];

        if (arg->node < 0)
          input_read[arg->index] = TRUE;
        else
          node_read[arg->node] = TRUE;
      }

  for (guint i = 0; i < n_in; i++)
    if (input_read[i])
      g_array_append_val (inputs, i);
  for (guint n = 0; n < n_nodes; n++)
    if (node_read[n])
      g_array_append_val (nodes, n);
}

ScTruth *
sc_funcgraph_truth (const ScFuncGraph *graph)
{
  ScTruth *truth;

  g_return_val_if_fail (graph != NULL, NULL);

  truth = g_new0 (ScTruth, 1);
  truth->n_in = graph->inputs->len;
  truth->n_out = graph->outputs->len;
  truth->n_nodes = graph->nodes->len;
  truth->nodes = g_new0 (ScTruthNode, MAX (truth->n_nodes, 1));

  for (guint n = 0; n < truth->n_nodes; n++)
    {
      const ScGraphNode *src = &g_array_index (graph->nodes, ScGraphNode, n);
      ScTruthNode *node = &truth->nodes[n];

      node->name = g_strdup (src->name);
      node->n_bits = src->n_bits;
      node->inputs = g_array_new (FALSE, FALSE, sizeof (guint));
      node->nodes = g_array_new (FALSE, FALSE, sizeof (guint));
      collect_reads (src, truth->n_in, truth->n_nodes, node->inputs, node->nodes);
    }

  truth->output_node = g_new0 (int, MAX (truth->n_out, 1));
  truth->output_bit = g_new0 (guint, MAX (truth->n_out, 1));
  for (guint o = 0; o < truth->n_out; o++)
    {
      truth->output_node[o] = g_array_index (graph->output_node, guint, o);
      truth->output_bit[o] = g_array_index (graph->output_bit, guint, o);
    }

  sc_truth_derive (truth);
  return truth;
}
