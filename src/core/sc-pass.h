/* sc-pass.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-linalg.h"
#include "sc-net.h"

G_BEGIN_DECLS

/* Buffers for batched forward and backward passes through an ScNet of a
 * given physical shape: act[l] holds the batch's post-activation values of
 * layer l (act[0] = inputs), grad[l] the gradient of the loss with respect
 * to the pre-activation of layer l (l >= 1); gw/gb the parameter gradients. */
/* A weight layer whose mask is sparse enough is multiplied edge by edge:
 * row j of the layer owns edges row_start[j] .. row_start[j+1]-1, edge e
 * reads input col[e] with the weight at offset off[e] of the dense
 * (masked) matrix, so it always sees the current weights. */
typedef struct
{
  guint *row_start;     /* n_out + 1 */
  guint *col;           /* nnz */
  gsize *off;           /* nnz */
  gsize  nnz;
} ScSparseLayer;

/* Below this fraction of surviving weights a layer uses the sparse
 * kernels (dense sgemm does ~10× more useful work per weight). */
#define SC_SPARSE_DENSITY 0.08

typedef struct
{
  ScBackend       backend;
  guint           n_layers;
  guint          *width;      /* shape the buffers were made for */
  guint           capacity;   /* rows */
  float         **act;
  float         **grad;
  float         **gw;
  float         **gb;
  ScSparseLayer **sparse;     /* per weight layer, NULL when dense */
  double         *loss_t;     /* capacity × outputs: the loss's terms t */
  double         *loss_log;   /* and their logarithms (sc_pass_bce) */
  guint8         *loss_ok;    /* and whether each output is predicted right */
  guint           tensor_rows;/* rows of one reference tensor for the output
                               * sigmoid (sc-sigmoid.h); 0: the whole batch */
} ScPass;

/* sparse_density: layers with a smaller fraction of surviving weights use
 * the sparse kernels; 0 disables them (tests compare both paths). The
 * mask must not change while the pass is in use. */
ScPass  *sc_pass_new          (const ScNet *net,
                               guint        capacity,
                               ScBackend    backend);
ScPass  *sc_pass_new_full     (const ScNet *net,
                               guint        capacity,
                               ScBackend    backend,
                               double       sparse_density);
void     sc_pass_free         (ScPass      *pass);

/* act[0] must hold n_rows inputs. Hidden ReLU, output sigmoid (§2.1). */
void     sc_pass_forward      (ScPass      *pass,
                               const ScNet *net,
                               guint        n_rows);

/* The custom BCE of §2.2 on the outputs in act[L] against targets y
 * (n_rows × n_out): writes dL/dz into grad[L] for L = mean over
 * n_rows × n_out when per_sample is FALSE, or over n_out only (each sample
 * its own loss, as the batch-size-1 scoring of §3.1) when TRUE. Returns
 * the loss (the mean over the batch, in float64 as the reference), with the
 * +1e-8 rule when it is infinite. correct_bits/correct_rows (may be NULL) count the outputs and
 * rows predicted right (ŷ > 0.5). */
double   sc_pass_bce          (ScPass      *pass,
                               const float *y,
                               guint        n_rows,
                               gboolean     per_sample,
                               guint64     *correct_bits,
                               guint64     *correct_rows);
/* sc_pass_bce's gradient alone, the same bits, without the loss's
 * logarithms (for callers that do not use the loss: training without
 * epoch events, the unit scores). */
void     sc_pass_bce_gradient (ScPass      *pass,
                               const float *y,
                               guint        n_rows,
                               gboolean     per_sample);

/* Back-propagates grad[L] down to grad[1]. With want_params, fills gw/gb
 * (masked). With scores != NULL (one float per physical unit of each hidden
 * layer l, scores[l]), adds |∂L/∂a_u| · |a_u| of every hidden unit (§3.1)
 * row after row, in float32 as the reference's numpy sum, before the ReLU
 * derivative is applied. */
void     sc_pass_backward     (ScPass      *pass,
                               const ScNet *net,
                               guint        n_rows,
                               gboolean     want_params,
                               float      **scores);

G_END_DECLS
