/* sc-train.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-dataset.h"
#include "sc-linalg.h"
#include "sc-net.h"
#include "sc-rng.h"

G_BEGIN_DECLS

typedef struct
{
  double loss;            /* validation loss as used for best-epoch selection */
  double accuracy;        /* per-bit %, 100 · correct bits / (rows · outputs) (§2.4) */
  double exact_accuracy;  /* % of rows with every output right */
  double train_loss;      /* epoch events only: Σ batch loss × rows / training rows */
} ScEval;

typedef void (*ScEpochFunc) (guint         epoch,
                             guint         n_epochs,
                             const ScEval *eval,
                             gpointer      user_data);

/* Supplies training mini-batch `index` (0-based) of epoch `epoch` (0-based
 * within the run) instead of the shuffled noisy batches sc_train() draws:
 * fills x (rows × n_in) and y (rows × n_out) with at most capacity rows and
 * returns the number of rows, 0 when the epoch has no more batches. Used to
 * replay the reference's recorded runs (sc-replay.h). */
typedef guint (*ScBatchFunc) (guint     epoch,
                              guint     index,
                              float    *x,
                              float    *y,
                              guint     capacity,
                              gpointer  user_data);

/* Called after each optimiser step with that step's raw gradients (before
 * weight decay), in the network's physical shape. */
typedef void (*ScTrainStepFunc) (guint         epoch,
                                 guint         index,
                                 const ScNet  *net,
                                 float * const *gw,
                                 float * const *gb,
                                 gpointer      user_data);

typedef struct
{
  double        lr;
  double        weight_decay;
  double        noise;               /* σ of N(0, σ²) added to each training input */
  guint         batch_size;
  guint         epochs;
  gboolean      reference_val_loss;  /* §9.4: Σ batch means / (batches − 1) */
  ScBackend     backend;
  gboolean      dense_only;          /* no sparse kernels (benchmarks compare) */
  GCancellable *cancellable;
  ScEpochFunc   epoch_func;          /* may be NULL */
  gpointer      epoch_data;
  ScBatchFunc   batch_func;          /* NULL: shuffle and add noise from rng */
  gpointer      batch_data;
  ScTrainStepFunc step_func;         /* may be NULL */
  gpointer      step_data;
} ScTrainOptions;

typedef struct
{
  ScEval best;            /* of the selected epoch, on the test set */
  guint  best_epoch;      /* 1-based */
} ScTrainResult;

/* Evaluates without noise in batches of batch_size (§2.4 evaluate). */
ScEval   sc_evaluate     (const ScNet          *net,
                          const ScDataset      *data,
                          guint                 batch_size,
                          gboolean              reference_val_loss,
                          ScBackend             backend);

/* One training run (§2.4): a fresh Adam (§2.3), E epochs over shuffled
 * noisy mini-batches, evaluation on `test` (validation = test in every task
 * of the method) after each epoch, best-epoch selection; net ends holding
 * the best epoch's parameters. Returns FALSE with SC_ERROR_CANCELLED if
 * cancelled (net then holds the last completed epoch's best). rng may be
 * NULL when options->batch_func supplies the batches. */
gboolean sc_train        (ScNet                *net,
                          const ScDataset      *train,
                          const ScDataset      *test,
                          const ScTrainOptions *options,
                          ScRng                *rng,
                          ScTrainResult        *result,
                          GError              **error);

/* One Adam step on every parameter from the gradients in gw/gb (exposed
 * for tests). t is the 1-based step count. */
typedef struct _ScAdam ScAdam;
ScAdam  *sc_adam_new     (const ScNet          *net);
void     sc_adam_free    (ScAdam               *adam);
void     sc_adam_step    (ScAdam               *adam,
                          ScNet                *net,
                          float               **gw,
                          float               **gb,
                          double                lr,
                          double                weight_decay);

G_END_DECLS
