/* sc-net.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-mask.h"
#include "sc-rng.h"
#include "sc-snapshot.h"

G_BEGIN_DECLS

/* The masked MLP of method.md §2.1: ReLU hidden layers, sigmoid outputs,
 * weight masks M_k and bias masks m_k (m_k[j] = 0 iff row j of M_k is all
 * zero). Pruned weights and biases are stored as exact zeros and receive
 * no gradient, so they stay zero.
 *
 * Physical compaction: hidden units that have lost every incoming AND every
 * outgoing edge compute nothing and contribute nothing, so sc_net_compact()
 * drops them from the matrices (smaller products, same function). unit[l]
 * maps physical to original index. Everything that the method defines on
 * the dense network (percentiles over all units or all weights, the
 * snapshot, the mask) is translated back through these maps, with the
 * dropped units and weights counting as zeros. */
typedef struct
{
  guint    n_layers;   /* unit layers */
  guint   *arch;       /* dense (original) widths */
  guint   *width;      /* physical widths */
  guint  **unit;       /* per layer: physical index → original index */
  float  **w;          /* per weight layer k: width[k+1] × width[k] */
  float  **b;          /* per weight layer: width[k+1] */
  guint8 **m;          /* weight masks, same shape as w */
  guint8 **bm;         /* bias masks */
} ScNet;

/* Kaiming-normal weights N(0, 2/fan_in) with fan_in = arch[k], zero biases,
 * full masks (§2.1). Draws from rng in weight-layer order, row-major. */
ScNet   *sc_net_new              (const guint  *arch,
                                  guint         n_layers,
                                  ScRng        *rng);
/* The network of a snapshot, dense-shaped (not compacted), with its mask
 * installed by sc_net_set_mask(). */
ScNet   *sc_net_new_from_snapshot (const ScSnapshot *snapshot);
ScNet   *sc_net_copy             (const ScNet  *net);
void     sc_net_free             (ScNet        *net);

gsize    sc_net_dense_weights    (const ScNet  *net);   /* N_W of the dense arch */
gsize    sc_net_alive_weights    (const ScNet  *net);   /* Σ masks */
guint    sc_net_hidden_units     (const ScNet  *net);   /* H of the dense arch */
guint    sc_net_alive_units      (const ScNet  *net,
                                  guint         layer); /* units with an in- or out-edge */
double   sc_net_density          (const ScNet  *net);

/* Installs a dense-shaped mask: masks the weights, recomputes bias masks by
 * the rule of §2.1 and zeroes masked parameters. */
void     sc_net_set_mask         (ScNet        *net,
                                  const ScMask *mask);
ScMask  *sc_net_get_mask         (const ScNet  *net);

/* Recomputes bias masks from weight masks and zeroes what they mask. */
void     sc_net_apply_bias_rule  (ScNet        *net);

/* Drops hidden units with no incoming and no outgoing edge. */
void     sc_net_compact          (ScNet        *net);

/* A dense-shaped snapshot of weights, biases and mask. */
ScSnapshot *sc_net_snapshot      (const ScNet  *net);

/* Overwrites dest's parameters with src's; same physical shape required. */
void     sc_net_copy_params      (ScNet        *dest,
                                  const ScNet  *src);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScNet, sc_net_free)

G_END_DECLS
