/* sc-funcgraph.h — parsed Sculptor function graphs (.sfg), core-internal
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-dataset.h"
#include "sc-hyper.h"
#include "sc-truth.h"

G_BEGIN_DECLS

/* At most this many inputs: the truth table has 2^n rows (2^20 rows of
 * floats are already about 100 MB). */
#define SC_FUNCGRAPH_MAX_INPUTS 20

typedef enum
{
  SC_GATE_AND,
  SC_GATE_OR,
  SC_GATE_XOR,
  SC_GATE_XNOR,
  SC_GATE_NAND,
  SC_GATE_NOR,
  SC_GATE_NOT,
  SC_GATE_BUF,
  SC_GATE_TABLE,
} ScGateKind;

/* One gate argument: an input (node == -1, index = input index) or one bit
 * of an earlier node (index = bit). */
typedef struct
{
  int   node;
  guint index;
} ScGateArg;

typedef struct
{
  ScGateKind  kind;
  guint       n_args;
  ScGateArg  *args;
  guint8     *table;   /* TABLE only: 2^n_args outputs, row 0 first, args[0] = MSB */
} ScGate;

typedef struct
{
  char   *name;
  guint   line;
  guint   n_bits;
  ScGate *bits;        /* one gate per output bit */
} ScGraphNode;

typedef struct
{
  char        *name;          /* metadata lines, NULL when absent */
  char        *title;
  char        *family;
  char        *spec;
  char        *description;   /* description lines joined by spaces */
  GPtrArray   *inputs;        /* char *, in declaration order */
  GArray      *nodes;         /* ScGraphNode, each reads only earlier ones */
  GPtrArray   *outputs;       /* char * */
  GArray      *output_node;   /* guint per output */
  GArray      *output_bit;    /* guint per output */
  ScHyper      defaults;      /* `default` lines applied, fallbacks filled in */
  GArray      *paper;         /* ScPaperSetting per `paper` line (sc-paper.h) */
} ScFuncGraph;

ScFuncGraph *sc_funcgraph_parse   (const char        *text,
                                   const char        *filename,
                                   GError           **error);
void         sc_funcgraph_free    (ScFuncGraph       *graph);

/* The complete truth table: row r is the big-endian expansion of r, the
 * first input being the most significant bit (method.md §1.1). */
ScDataset   *sc_funcgraph_eval    (const ScFuncGraph *graph);
/* Nodes, direct reads and output bits, then sc_truth_derive(). */
ScTruth     *sc_funcgraph_truth   (const ScFuncGraph *graph);

const char  *sc_gate_kind_name    (ScGateKind         kind);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScFuncGraph, sc_funcgraph_free)

G_END_DECLS
