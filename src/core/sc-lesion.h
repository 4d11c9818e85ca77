/* sc-lesion.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-dataset.h"
#include "sc-linalg.h"
#include "sc-modules.h"
#include "sc-net.h"
#include "sc-snapshot.h"

G_BEGIN_DECLS

/* A what-if change of a run's network, evaluated without any retraining
 * (doc/lesions.md). Two kinds of change, on units by global index
 * (sc-mask.h) and on edges of the dense shape:
 *
 *  - silenced units (a lesion, "knock out"): the unit's output is 0 for
 *    every sample — a hidden unit's value after its ReLU, an input unit's
 *    value itself. Its edges and every bias stay as they are, so the units
 *    it fed still add their bias. Output units are never silenced: they are
 *    what is measured.
 *  - pruned units and edges: removed from the mask as the method prunes
 *    (§3.2 removes a unit's incoming and outgoing edges, §4 single edges),
 *    then the bias-mask rule of §2.1 applies, so a unit left without
 *    incoming edges also loses its bias.
 *
 * The snapshot it applies to is never changed. */
typedef struct
{
  guint    n_layers;
  guint   *arch;          /* dense widths */
  guint    n_units;
  guint8  *silenced;      /* per global unit */
  guint8  *pruned_units;  /* per global unit */
  ScMask  *pruned_edges;  /* 1: edge removed */
} ScLesion;

ScLesion *sc_lesion_new            (const guint    *arch,
                                    guint           n_layers);
ScLesion *sc_lesion_copy           (const ScLesion *lesion);
void      sc_lesion_free           (ScLesion       *lesion);
/* TRUE when nothing is silenced or pruned. */
gboolean  sc_lesion_is_empty       (const ScLesion *lesion);
/* Silences, prunes and removes nothing any more. */
void      sc_lesion_clear          (ScLesion       *lesion);

/* @return FALSE (nothing changed) for an output unit or a unit out of range */
gboolean  sc_lesion_set_silenced   (ScLesion       *lesion,
                                    guint           unit,
                                    gboolean        silenced);
/* Silences (or un-silences) every unit of module but its outputs.
 * @return how many units it changed */
guint     sc_lesion_set_module     (ScLesion       *lesion,
                                    const ScModule *module,
                                    gboolean        silenced);
/* Whether every unit of module but its outputs is silenced (FALSE for a
 * module of outputs only). */
gboolean  sc_lesion_module_silenced (const ScLesion *lesion,
                                     const ScModule *module);
/* Input and output units cannot be pruned (the method prunes hidden units
 * only, §3.2). @return FALSE when unit is not a hidden unit */
gboolean  sc_lesion_set_unit_pruned (ScLesion      *lesion,
                                     guint          unit,
                                     gboolean       pruned);
/* The edge of weight layer k from unit i of layer k to unit j of layer
 * k+1. @return FALSE when out of range */
gboolean  sc_lesion_set_edge_pruned (ScLesion      *lesion,
                                     guint          k,
                                     guint          i,
                                     guint          j,
                                     gboolean       pruned);
/* Per global unit: 1 when silenced or pruned (what the view greys);
 * (transfer full) n_units bytes. */
guint8   *sc_lesion_greyed_units   (const ScLesion *lesion);
/* How many units are silenced, units pruned, and edges pruned. */
void      sc_lesion_count          (const ScLesion *lesion,
                                    guint          *silenced,
                                    guint          *pruned_units,
                                    gsize          *pruned_edges);

/* The what-if network: the snapshot's network with the lesion applied,
 * compacted (sc_net_compact(); the same function). The lesion must have
 * the snapshot's architecture. @return (transfer full) */
ScNet    *sc_lesion_apply          (const ScLesion   *lesion,
                                    const ScSnapshot *snapshot);

/* A network's predictions on a data set, per output and per row: the same
 * batched forward pass and the same rule (ŷ > 0.5 against y > 0.5) as the
 * accuracy of training (§2.4), so with nothing changed the accuracies are
 * the run's. */
typedef struct
{
  guint   n_rows;
  guint   n_out;
  guint8 *wrong;          /* n_rows × n_out: 1 where the output bit is wrong */
  guint  *correct;        /* n_out: rows where that output is right */
  guint   rows_right;     /* rows with every output right */
  double  accuracy;       /* per-bit %, as sc_evaluate() */
  double  exact_accuracy; /* % of rows with every output right */
} ScLesionEval;

/* @param batch_size  rows per forward pass (the run's batch size gives the
 *                    run's numbers bit for bit)
 * @param cancellable checked between batches; may be NULL
 * @return (transfer full) or NULL with SC_ERROR_CANCELLED, or
 *         SC_ERROR_INVALID when data does not fit the network */
ScLesionEval *sc_lesion_evaluate   (const ScNet     *net,
                                    const ScDataset *data,
                                    guint            batch_size,
                                    ScBackend        backend,
                                    GCancellable    *cancellable,
                                    GError         **error);
/* sc_lesion_apply() then sc_lesion_evaluate(); lesion may be NULL (the
 * snapshot's own network). */
ScLesionEval *sc_lesion_evaluate_snapshot (const ScLesion   *lesion,
                                           const ScSnapshot *snapshot,
                                           const ScDataset  *data,
                                           guint             batch_size,
                                           ScBackend         backend,
                                           GCancellable     *cancellable,
                                           GError          **error);
void          sc_lesion_eval_free  (ScLesionEval    *eval);
/* Per-output accuracy in %. */
double        sc_lesion_eval_output_accuracy (const ScLesionEval *eval,
                                              guint               output);
/* Whether row r has some wrong output. */
gboolean      sc_lesion_eval_row_fails (const ScLesionEval *eval,
                                        guint               row);
/* Rows with some wrong output. */
guint         sc_lesion_eval_failing_rows (const ScLesionEval *eval);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScLesion, sc_lesion_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScLesionEval, sc_lesion_eval_free)

G_END_DECLS
