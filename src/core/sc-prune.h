/* sc-prune.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-dataset.h"
#include "sc-linalg.h"
#include "sc-mask.h"
#include "sc-net.h"

G_BEGIN_DECLS

/* numpy's default ("linear") percentile of n_values values plus n_zeros
 * extra zeros (units or weights that compaction dropped), q in [0, 100]
 * (§3.2): sort ascending, h = (n−1)·q/100, i = ⌊h⌋, lerp to v[i+1]. */
double   sc_percentile_linear   (const float  *values,
                                 gsize         n_values,
                                 gsize         n_zeros,
                                 double        q);

/* activation_gradient_product (§3.1) of every hidden unit of the dense
 * arch, in global hidden order (layer 1 units, then layer 2, …): the mean
 * over the samples of `data` of |∂L/∂a_u|·|a_u|, each sample its own loss
 * (batch size 1 in the reference, batched here with identical results).
 * Dropped units score 0. Returns a new array of sc_net_hidden_units(). */
float   *sc_unit_scores         (const ScNet     *net,
                                 const ScDataset *data,
                                 ScBackend        backend);

/* §3.2: threshold = percentile of the scores at P; every hidden unit with
 * score <= threshold loses its incoming and outgoing edges in `mask`
 * (cumulative: the mask of the last accepted step). Returns the number of
 * hidden units left with an edge; threshold_out (may be NULL) gets the
 * threshold. */
guint    sc_unit_prune_mask     (ScMask          *mask,
                                 const float     *scores,
                                 double           percent,
                                 double          *threshold_out);

/* §4: threshold = percentile of |w| over all weights of the dense arch
 * (zeros included) at P; the new mask keeps |w| > threshold.
 * threshold_out (may be NULL) gets the threshold. */
ScMask  *sc_edge_prune_mask     (const ScNet     *net,
                                 double           percent,
                                 double          *threshold_out);

/* The linear schedule with halving of §3.3 and §4, as a pure state machine:
 *
 *   ScSchedule s; sc_schedule_init (&s, start, step, p_min);
 *   while (sc_schedule_next (&s, &P)) { accepted = try (P); sc_schedule_report (&s, accepted); }
 *
 * next() returns FALSE once a rejection happened with p <= p_min. A target
 * P >= 100 must be reported as rejected without training. */
typedef struct
{
  double   start;     /* P_init: 0 for units, current sparsity for edges */
  double   step;      /* Pu or Pe */
  double   p_min;     /* one unit or one weight, in % */
  double   prev;      /* prev_P: last accepted target */
  double   p;         /* current increment */
  double   target;    /* P of the step in flight */
  guint    i;         /* 1-based iteration */
  gboolean follow;    /* still on the linear schedule */
  gboolean done;
  gboolean float32;   /* targets and steps in float32 arithmetic */
} ScSchedule;

void     sc_schedule_init       (ScSchedule *schedule,
                                 double      start,
                                 double      step,
                                 double      p_min);
/* The edge stage's schedule: the reference's P_init is a float32 tensor, so
 * every target and step is float32 arithmetic (oracle README obs. 8), e.g.
 * 96.25 + 0.1388… = 96.38888549804688 (96.38888888888889 in double). */
void     sc_schedule_init_float32 (ScSchedule *schedule,
                                   double      start,
                                   double      step,
                                   double      p_min);
gboolean sc_schedule_next       (ScSchedule *schedule,
                                 double     *target);
void     sc_schedule_report     (ScSchedule *schedule,
                                 gboolean    accepted);

G_END_DECLS
