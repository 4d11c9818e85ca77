/* sc-graph.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-detect.h"

G_BEGIN_DECLS

/* Everything Sculptor asks of igraph. Debian's igraph is not thread-safe
 * and aborts on error by default: every function here takes one global
 * lock, the error handler is igraph_error_handler_printignore, and igraph
 * errors become SC_ERROR_IGRAPH GErrors. */

void     sc_graph_init              (void);   /* idempotent; called by every function */

/* The global igraph lock, for code elsewhere that calls igraph directly
 * (call sc_graph_init first). Not recursive: never call the functions
 * below while holding it. */
void     sc_graph_lock              (void);
void     sc_graph_unlock            (void);

/* Newman modularity (igraph_modularity, undirected, unweighted) of the
 * merged partition on the condensed graph of kept units. NaN when the
 * condensed graph has no edge. */
gboolean sc_graph_modularity        (const ScDetection  *detection,
                                     double             *q_out,
                                     GError            **error);

/* Adjusted Rand index of two labelings of the same items (labels may be
 * any ints, including negative ones). Where igraph's formula is 0/0 — fewer
 * than two items, or both labelings all-in-one or both all-singletons, i.e.
 * identical trivial partitions — the result is 1. */
gboolean sc_graph_adjusted_rand     (const int          *a,
                                     const int          *b,
                                     guint               n,
                                     double             *ari_out,
                                     GError            **error);

/* GraphML of the condensed network: vertex attributes layer, index,
 * module (merged id); edges directed upward. */
gboolean sc_graph_write_graphml     (const ScDetection  *detection,
                                     const char         *path,
                                     GError            **error);

typedef enum
{
  SC_ALT_LOUVAIN,
  SC_ALT_LEIDEN,
} ScAltDetector;

/* NOT the paper's method: community detection on the undirected condensed
 * graph, for comparison. Writes one community label per kept unit into
 * labels_out (n_kept entries). */
gboolean sc_graph_alt_detect        (const ScDetection  *detection,
                                     ScAltDetector       method,
                                     guint64             seed,
                                     guint              *labels_out,
                                     double             *q_out,
                                     GError            **error);

G_END_DECLS
