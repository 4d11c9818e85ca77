/* sc-module-tree.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-dataset.h"
#include "sc-modules.h"

G_BEGIN_DECLS

/* The module hierarchy of method.md §5.10 as a lazily built tree of list
 * models, ready for a GtkTreeListModel (but GTK-free):
 *
 *   roots    = sc_module_tree_new (graph, …)      the top-level modules
 *   children = sc_module_tree_create_child_model  the modules a node is fed by
 *
 * Unlike ScHierNode (which expands a shared module only once), a module
 * feeding several modules appears, with its own children, under every
 * module it feeds, each time marked shared. A module already on the path
 * from the root (a cycle of modules, possible when modules span several
 * layers) appears once more as a leaf marked cycle, so the tree is finite.
 *
 * Items are ScModuleNode; all their text is computed once. */

#define SC_TYPE_MODULE_NODE (sc_module_node_get_type ())
G_DECLARE_FINAL_TYPE (ScModuleNode, sc_module_node, SC, MODULE_NODE, GObject)

/* The module (index into ScModuleGraph.modules) */
guint                sc_module_node_get_module       (ScModuleNode *self);
/* The merged module id: what the label and the colour use */
guint                sc_module_node_get_id           (ScModuleNode *self);
/* 0 for the roots */
guint                sc_module_node_get_depth        (ScModuleNode *self);
/* Feeds >= 2 modules (ScModule.reused, ScHierNode.shared) */
gboolean             sc_module_node_get_shared       (ScModuleNode *self);
/* Number of modules it feeds */
guint                sc_module_node_get_n_uses       (ScModuleNode *self);
/* The module is already an ancestor: shown as a leaf */
gboolean             sc_module_node_get_cycle        (ScModuleNode *self);
/* TRUE when sc_module_tree_create_child_model() returns a model */
gboolean             sc_module_node_get_has_children (ScModuleNode *self);
/* "M3" */
const char          *sc_module_node_get_label        (ScModuleNode *self);
/* "x0 x1", "312 px" for image tasks, "" without inputs */
const char          *sc_module_node_get_inputs_text  (ScModuleNode *self);
/* "y0 y1", or "" without output units */
const char          *sc_module_node_get_outputs_text (ScModuleNode *self);
/* "x0 x1 → y0 y1" */
const char          *sc_module_node_get_summary      (ScModuleNode *self);
/* "shared ×2", or NULL when not shared */
const char          *sc_module_node_get_shared_text  (ScModuleNode *self);
/* Merged ids from the root down to this node, "4/2/0": identifies the
 * row across live updates that keep the ids */
const char          *sc_module_node_get_path         (ScModuleNode *self);
/* The graph the node belongs to (borrowed, alive as long as the node) */
const ScModuleGraph *sc_module_node_get_graph        (ScModuleNode *self);

/* Creates the root model: one ScModuleNode per root of graph->roots, in
 * that order.
 *
 * @param graph         the module graph; borrowed: owner keeps it alive
 * @param input_names   NULL-terminated, or NULL for x0, x1, …
 * @param output_names  NULL-terminated, or NULL for y0, y1, …
 * @param image_input   TRUE: input sets are counted ("312 px"), not listed
 * @param owner         what keeps graph alive, or NULL; released with
 *                      owner_free when the last node goes
 * @param owner_free    releases owner (may be NULL)
 * @return (transfer full) a GListModel of ScModuleNode
 */
GListModel *sc_module_tree_new                (const ScModuleGraph *graph,
                                               const char * const  *input_names,
                                               const char * const  *output_names,
                                               gboolean             image_input,
                                               gpointer             owner,
                                               GDestroyNotify       owner_free);

/* A GtkTreeListModelCreateModelFunc.
 *
 * @param item       an ScModuleNode
 * @param user_data  unused
 * @return (transfer full) (nullable) the nodes of the modules item is fed
 *         by (ScModule.fed_by order), or NULL for a leaf
 */
GListModel *sc_module_tree_create_child_model (gpointer             item,
                                               gpointer             user_data);

/* Rows of the fully expanded tree, counting stops once limit is passed
 * (a DAG with much sharing can have very many paths).
 *
 * @return the number of rows, or limit + 1 when there are more */
guint       sc_module_tree_count_rows         (const ScModuleGraph *graph,
                                               guint                limit);

/* One cell of a module's restricted truth table. */
typedef enum
{
  SC_TRUTH_CELL_ZERO,
  SC_TRUTH_CELL_ONE,
  SC_TRUTH_CELL_VARIES,    /* rows with this assignment disagree: the output
                            * depends on inputs outside the set too */
  SC_TRUTH_CELL_UNKNOWN,   /* no row of the data has this assignment */
} ScTruthCell;

/* The truth table of some outputs restricted to some inputs: for every
 * assignment of the inputs the value each output takes in the rows of data
 * with that assignment (inputs and targets are 0/1, thresholded at 0.5).
 *
 * Row r is the assignment whose bit for inputs[j] is
 * (r >> (n_inputs - 1 - j)) & 1, so inputs[0] is the most significant bit,
 * like the task's own table.
 *
 * @param data       the task's truth table (task->train)
 * @param inputs     input indices, < data->n_in
 * @param n_inputs   at most 16
 * @param outputs    output indices, < data->n_out
 * @param n_outputs  may be 0
 * @return (transfer full) (1 << n_inputs) × n_outputs cells, row-major
 *         (ScTruthCell values); NULL for bad arguments
 */
guint8     *sc_module_truth_table             (const ScDataset     *data,
                                               const guint         *inputs,
                                               guint                n_inputs,
                                               const guint         *outputs,
                                               guint                n_outputs);

G_END_DECLS
