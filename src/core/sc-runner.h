/* sc-runner.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "sc-pipeline.h"

G_BEGIN_DECLS

/* Runs the pipeline on a worker thread for a user interface.
 *
 * The worker publishes what happens (steps with their immutable, reference
 * counted snapshots) into a small mailbox under a mutex held for a few
 * pointer moves; the thread owning the main context collects the mailbox
 * from an idle callback and emits signals there. The UI therefore never
 * blocks on the worker, and takes at most the latest snapshot per main loop
 * iteration. Pause, single step, slow motion and stop act on the worker at
 * its next event (stop also at its next mini-batch) and wake it if it is
 * waiting. */

typedef enum
{
  SC_RUNNER_IDLE,
  SC_RUNNER_RUNNING,
  SC_RUNNER_PAUSED,
  SC_RUNNER_FINISHED,
  SC_RUNNER_CANCELLED,
  SC_RUNNER_FAILED,
} ScRunnerState;

#define SC_TYPE_RUNNER (sc_runner_get_type ())
G_DECLARE_FINAL_TYPE (ScRunner, sc_runner, SC, RUNNER, GObject)

/* One published history step, owned by the runner (valid until it is
 * finalised). */
typedef struct
{
  ScStep      step;        /* step.snapshot and step.analysis are references owned here */
  guint       index;
} ScRunnerStep;

/* One epoch of a training run, as the training panel plots it. */
typedef struct
{
  guint       training;    /* which training run of the run (0-based) */
  guint       step;        /* index the step this training decides will have */
  ScStage     stage;
  guint       epoch;       /* 1-based */
  guint       n_epochs;
  double      loss;        /* validation loss */
  double      train_loss;
  double      accuracy;    /* per-bit % on the test set */
} ScRunnerEpoch;

ScRunner      *sc_runner_new              (ScTask        *task,
                                           const ScHyper *hyper);
void           sc_runner_set_backend      (ScRunner      *self,
                                           ScBackend      backend);
/* Run detection on every accepted step (modules coloured live). */
void           sc_runner_set_live_detection (ScRunner    *self,
                                           gboolean       live);
/* Publish the network while it trains, at most every milliseconds (0,
 * the default: never); see ::training-snapshot. Set before starting. */
void           sc_runner_set_training_snapshots (ScRunner *self,
                                           guint          milliseconds);
/* The network being trained (latest published), or NULL; borrowed. */
ScSnapshot    *sc_runner_get_training_snapshot (ScRunner *self);
/* Every epoch of the run so far, in order (::epochs-added says when more
 * arrive); borrowed. */
const ScRunnerEpoch *sc_runner_get_epochs (ScRunner      *self,
                                           guint         *n_epochs);
/* At most this many bytes of step snapshots are kept (default 384 MiB):
 * past it, the networks of the oldest rejected steps are dropped first,
 * then of the oldest accepted ones (MNIST networks are megabytes each; the
 * Boolean ones are kilobytes and are all kept). */
void           sc_runner_set_memory_budget (ScRunner     *self,
                                           gsize          bytes);
/* Milliseconds the worker waits after each step (0: as fast as possible). */
void           sc_runner_set_step_delay   (ScRunner      *self,
                                           guint          milliseconds);
guint          sc_runner_get_step_delay   (ScRunner      *self);
/* A pace to watch the run at: each training run lasts at least train_ms
 * (its epochs spread evenly), and the worker waits accepted_ms after an
 * accepted step and rejected_ms after a rejected one. These are minimums:
 * a slower task (MNIST) is never slowed further. All 0: as fast as
 * possible. Replaces any step delay. */
void           sc_runner_set_pace         (ScRunner      *self,
                                           guint          train_ms,
                                           guint          accepted_ms,
                                           guint          rejected_ms);

void           sc_runner_start            (ScRunner      *self);
void           sc_runner_pause            (ScRunner      *self);
void           sc_runner_resume           (ScRunner      *self);
/* Runs until the next pruning step has been tried, then pauses. Starts the
 * run if it is idle. */
void           sc_runner_step             (ScRunner      *self);
/* Cancels; the worker stops at its next mini-batch. Returns at once. */
void           sc_runner_stop             (ScRunner      *self);
/* Cancels and waits for the worker thread to end. */
void           sc_runner_stop_sync        (ScRunner      *self);

ScRunnerState  sc_runner_get_state        (ScRunner      *self);
ScStage        sc_runner_get_stage        (ScRunner      *self);
ScTask        *sc_runner_get_task         (ScRunner      *self);
const ScHyper *sc_runner_get_hyper        (ScRunner      *self);
ScSnapshot    *sc_runner_get_snapshot     (ScRunner      *self);   /* latest, borrowed */
/* The modules of the latest snapshot, or NULL (not detected); borrowed. */
ScAnalysis    *sc_runner_get_analysis     (ScRunner      *self);
guint          sc_runner_get_n_steps      (ScRunner      *self);
const ScRunnerStep *sc_runner_get_step    (ScRunner      *self,
                                           guint          index);
double         sc_runner_get_elapsed      (ScRunner      *self);   /* seconds */
guint          sc_runner_get_epoch        (ScRunner      *self);
guint          sc_runner_get_n_epochs     (ScRunner      *self);
double         sc_runner_get_dense_accuracy (ScRunner    *self);
/* The finished run (FINISHED state), borrowed. */
const ScRun   *sc_runner_get_run          (ScRunner      *self);
const GError  *sc_runner_get_error        (ScRunner      *self);

/* Collects what the worker published and emits the signals now (the idle
 * callback does this by itself; tests and frame clocks may call it). */
void           sc_runner_poll             (ScRunner      *self);

G_END_DECLS
