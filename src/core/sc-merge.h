/* sc-merge.h — private: merging clusters across adjacent layers
 * (method.md §5.9)
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-mask.h"

G_BEGIN_DECLS

/* Assigns module ids bottom-up. The kept units are numbered layer by layer
 * (new_arch[l] of them in layer l); kept_index[p] is the original index of
 * kept unit p within its layer, premerge[p] its cluster label in
 * 0 … n_clusters[l] - 1. Edges are read from the condensed mask; the last
 * layer is the output layer (only the incoming criterion applies there).
 * Writes one module id per kept unit into merged. */
void sc_merge_clusters (const ScMask *condensed,
                        guint         n_layers,
                        const guint  *new_arch,
                        const guint  *kept_index,
                        const guint  *premerge,
                        const guint  *n_clusters,
                        double        tau,
                        guint        *merged);

G_END_DECLS
