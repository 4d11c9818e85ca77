/* sc-mask.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Binary connectivity of a layered network (method.md §5.1).
 *
 * A network has n_layers unit layers with widths arch[0..n_layers-1]
 * (inputs first, outputs last) and n_layers-1 weight layers. Weight layer k
 * connects layer k to layer k+1; its mask is stored row-major in the PyTorch
 * "out × in" shape: edge from unit i of layer k to unit j of layer k+1 is
 * m[k][j * arch[k] + i] (0 or 1).
 *
 * Global unit index (as in the golden file's kept_units): the units of layer
 * 0 first, then layer 1, and so on.
 */
/* Networks with more weights are refused (about 25 bytes a weight while
 * training: 64 M weights stay under 2 GiB), so that a nonsense
 * architecture in a file or on the command line is an error, not an
 * allocation failure. */
#define SC_MAX_WEIGHTS (64u << 20)

typedef struct
{
  guint    n_layers;    /* number of unit layers, >= 2 */
  guint   *arch;        /* n_layers widths */
  guint8 **m;           /* n_layers - 1 masks, arch[k+1] * arch[k] bytes each */
} ScMask;

ScMask  *sc_mask_new            (const guint  *arch,
                                 guint         n_layers,
                                 gboolean      all_ones);
ScMask  *sc_mask_copy           (const ScMask *mask);
void     sc_mask_free           (ScMask       *mask);
gboolean sc_mask_equal          (const ScMask *a,
                                 const ScMask *b);

static inline guint8
sc_mask_get (const ScMask *mask,
             guint         k,
             guint         i,
             guint         j)
{
  return mask->m[k][(gsize) j * mask->arch[k] + i];
}

gsize    sc_mask_layer_size     (const ScMask *mask,
                                 guint         k);     /* arch[k+1] * arch[k] */
gsize    sc_mask_total_size     (const ScMask *mask);  /* all weights of the dense arch */
gsize    sc_mask_count          (const ScMask *mask);  /* surviving edges */
gsize    sc_mask_count_layer    (const ScMask *mask,
                                 guint         k);
guint    sc_mask_unit_offset    (const ScMask *mask,
                                 guint         layer); /* global index of unit 0 of layer */
guint    sc_mask_n_units        (const ScMask *mask);
guint    sc_mask_hidden_with_edges (const ScMask *mask); /* hidden units with an edge in or out */

/* JSON "edges_by_layer": for weight layer k a list of [i, j] pairs (unit i
 * of layer k -> unit j of layer k+1), in row-major order of the mask (j
 * outer, i inner), exactly like tests/data/detection-exemplar.jsonl
 * (method.md §5.1, §11). */
JsonNode *sc_mask_to_edges_json   (const ScMask *mask);
ScMask   *sc_mask_from_edges_json (const guint  *arch,
                                   guint         n_layers,
                                   JsonNode     *edges_by_layer,
                                   GError      **error);

/* FALSE with SC_ERROR_INVALID if the dense arch has more than SC_MAX_WEIGHTS. */
gboolean  sc_arch_check_size      (const guint  *arch,
                                   guint         n_layers,
                                   GError      **error);

/* Parses an architecture "4,24,24,4" (also "4-24-24-4" and "[4, 24, 4]"). */
gboolean  sc_arch_parse           (const char   *text,
                                   GArray      **arch_out,
                                   GError      **error);
char     *sc_arch_to_string       (const guint  *arch,
                                   guint         n_layers,
                                   char          separator);
gboolean  sc_arch_from_json       (JsonNode     *node,
                                   GArray      **arch_out,
                                   GError      **error);
JsonNode *sc_arch_to_json         (const guint  *arch,
                                   guint         n_layers);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScMask, sc_mask_free)

G_END_DECLS
