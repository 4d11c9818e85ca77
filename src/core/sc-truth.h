/* sc-truth.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Ground-truth structure of a task (tasks-truth.md), derived from its
 * function graph. A node is a named sub-function with one or more output
 * bits; outputs refer to one bit of one node.
 *
 * The partitions that scoring compares against are derived as follows:
 *  - input_group: inputs are grouped by the set of nodes that read them
 *    directly (x0, x1 both read only by s1 → same group);
 *  - output_group: outputs are grouped by the node they copy (y0 = s1.0 and
 *    y1 = s1.1 → same group; y0 = a, y1 = b with a, b distinct nodes →
 *    different groups). */
typedef struct
{
  char     *name;
  guint     n_bits;       /* output bits of the node */
  guint     level;        /* 1 = reads inputs only; else 1 + max level read */
  GArray   *inputs;       /* guint: input indices read directly, ascending */
  GArray   *nodes;        /* guint: node indices read directly, ascending */
  GArray   *input_set;    /* guint: inputs it depends on transitively, ascending */
  guint     n_users;      /* nodes and outputs reading it */
  gboolean  reused;       /* n_users >= 2 distinct nodes, or copied by >= 2 outputs */
} ScTruthNode;

typedef struct
{
  guint        n_in;
  guint        n_out;
  guint        n_nodes;
  ScTruthNode *nodes;         /* topological order (a node only reads earlier ones) */
  int         *output_node;   /* n_out: node each output copies */
  guint       *output_bit;    /* n_out: which bit of that node */
  int         *input_group;   /* n_in: group id (0, 1, … in order of first input), -1 if unread */
  guint        n_input_groups;
  int         *output_group;  /* n_out: group id (0, 1, … in order of first output) */
  guint        n_output_groups;
  /* Fraction of kept inputs whose grouping may disagree with the truth
   * when scoring: 0 (exact) for Boolean tasks; image tasks allow a few
   * pixels tied to the other half by a stray surviving edge (README). */
  double       input_tolerance;
  /* Module attribution judges only modules holding inputs or outputs: the
   * MNIST tasks, whose middle layers the paper found not separable (the
   * criteria there are the two digit modules and the output modules). */
  gboolean     ignore_middle_modules;
  /* Module attribution asks a node read by two or more nodes (a reused
   * sub-function) for a module of its own with hidden units; TRUE drops
   * that requirement (a looser reading, to measure what it changes). */
  gboolean     loose_reused;
} ScTruth;

void     sc_truth_free              (ScTruth       *truth);
ScTruth *sc_truth_copy              (const ScTruth *truth);

/* Fills input_group/output_group and the derived node fields (level,
 * input_set, n_users, reused) from nodes[].inputs/nodes and output_node. */
void     sc_truth_derive            (ScTruth       *truth);

/* The truth as deep as a network with n_hidden hidden layers can express
 * it (the depth-aware criterion, README): a node above level n_hidden that
 * reads exactly one node and no input (a copy or recoding of it, like the
 * levels family's o0 = G.0) is merged into that node, repeatedly. NULL when
 * no node is merged. */
ScTruth *sc_truth_limit_depth       (const ScTruth *truth,
                                     guint          n_hidden);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScTruth, sc_truth_free)

G_END_DECLS
