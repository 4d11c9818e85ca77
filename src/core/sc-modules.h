/* sc-modules.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-detect.h"

G_BEGIN_DECLS

/* The module graph and hierarchy of method.md §5.10. */

typedef struct
{
  guint layer;
  guint index;            /* original index within the layer */
} ScUnitRef;

typedef struct
{
  guint      id;          /* merged module id (partition_merged label) */
  guint      n_units;
  ScUnitRef *units;       /* layer order, then index */
  guint      first_layer;
  guint      last_layer;
  GArray    *inputs;      /* guint: input units with a path into the module, ascending */
  GArray    *outputs;     /* guint: output units inside the module, ascending */
  GArray    *feeds;       /* guint: indices into ScModuleGraph.modules it has edges into */
  GArray    *feeds_edges; /* guint: how many surviving edges go into each, as feeds; may be NULL */
  GArray    *fed_by;      /* guint: indices of modules with edges into it */
  gboolean   reused;      /* feeds >= 2 modules */
  guint      cycle_group; /* modules on a common cycle share it; the groups form a DAG */
} ScModule;

typedef struct _ScHierNode ScHierNode;
struct _ScHierNode
{
  guint        module;      /* index into ScModuleGraph.modules */
  gboolean     shared;      /* the module appears under more than one parent */
  guint        n_children;
  ScHierNode **children;    /* the modules of other cycle groups it is fed by, in module order */
};

typedef struct
{
  guint        n_modules;
  ScModule    *modules;     /* ordered by (first_layer, id) */
  guint        n_roots;
  ScHierNode **roots;       /* modules feeding no module outside their cycle group (the top) */
} ScModuleGraph;

ScModuleGraph *sc_module_graph_new     (const ScDetection   *detection);
void           sc_module_graph_free    (ScModuleGraph       *graph);
/* Index of the module with merged id, or -1. */
int            sc_module_graph_find    (const ScModuleGraph *graph,
                                        guint                id);
/* Whether module a (index) feeds module b. */
gboolean       sc_module_graph_feeds (const ScModuleGraph *graph,
                                      guint                a,
                                      guint                b);
/* The surviving edges from module a into module b (indices); 0 when a does
 * not feed b or the counts are unknown. */
guint          sc_module_graph_edges_between (const ScModuleGraph *graph,
                                              guint                a,
                                              guint                b);
/* Whether modules a and b (indices) reach each other through a cycle. */
gboolean       sc_module_graph_same_group (const ScModuleGraph *graph,
                                           guint                a,
                                           guint                b);

/* "modules": [...] and "hierarchy": [...] members. */
void           sc_module_graph_to_json (const ScModuleGraph *graph,
                                        JsonBuilder         *builder);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScModuleGraph, sc_module_graph_free)

G_END_DECLS
