/* sc-replay.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-linalg.h"
#include "sc-trace.h"

G_BEGIN_DECLS

/* Replays a trace of the reference (sc-trace.h) through Sculptor's own
 * pipeline (sc_pipeline_run): the trace's initial weights and recorded
 * mini-batches replace Sculptor's random streams, everything else — Adam,
 * loss, best-epoch choice, unit scores, thresholds, masks, schedules,
 * acceptance, restores — is Sculptor's code, and every number the trace
 * holds is compared with what that code computes. */
typedef enum
{
  /* The runs chain as in a real run: each starts from Sculptor's own
   * previous result. */
  SC_REPLAY_CHAIN,
  /* Each run starts from the trace's params_start and its best network is
   * replaced by the trace's params_best before the pipeline goes on, so
   * that every run and decision is checked on the reference's inputs. */
  SC_REPLAY_LOCKSTEP,
} ScReplayMode;

typedef struct
{
  ScReplayMode mode;
  ScBackend    backend;        /* portable or plain: the reference's summation order */
  gboolean     no_compaction;  /* keep pruned units in the matrices */
  gboolean     dense_only;     /* no sparse kernels */
  double       loss_rtol;      /* losses: relative tolerance (1e-5) */
  double       param_atol;     /* weights and biases: absolute tolerance */
} ScReplayOptions;

void sc_replay_options_init (ScReplayOptions *options);

/* How one kind of number compared: n compared, n_exact bit-identical,
 * n_bad out of tolerance, and the largest difference (relative for losses,
 * absolute for parameters and scores). */
typedef struct
{
  guint  n;
  guint  n_exact;
  guint  n_bad;
  double max_diff;
} ScReplayTally;

typedef enum
{
  SC_REPLAY_TRAIN_LOSS,
  SC_REPLAY_VAL_LOSS,
  SC_REPLAY_VAL_ACC,
  SC_REPLAY_BEST_EPOCH,
  SC_REPLAY_TEST_ACC,
  SC_REPLAY_TEST_LOSS,
  SC_REPLAY_PARAMS_START,
  SC_REPLAY_FIRST_STEP,      /* gradients and parameters after the first step and epoch */
  SC_REPLAY_PARAMS_BEST,
  SC_REPLAY_MASKS,           /* masks at the start and the best epoch of each run */
  SC_REPLAY_UNIT_SCORES,
  SC_REPLAY_UNIT_RANKING,
  SC_REPLAY_UNIT_THRESHOLD,
  SC_REPLAY_UNIT_MASK,
  SC_REPLAY_EDGE_THRESHOLD,
  SC_REPLAY_EDGE_MASK,
  SC_REPLAY_STEP,            /* target P, trained or not, accepted or not */
  SC_REPLAY_FINAL_MASK,
  SC_REPLAY_FINAL_PARAMS,
  SC_REPLAY_N_KINDS,
} ScReplayKind;

const char *sc_replay_kind_to_string (ScReplayKind kind);

typedef struct
{
  ScReplayMode  mode;
  guint         n_runs;           /* in the trace */
  guint         runs_trained;     /* by Sculptor */
  guint         n_epochs;         /* in the trace */
  guint         epochs_trained;
  ScReplayTally tally[SC_REPLAY_N_KINDS];
  char         *first_divergence; /* NULL when everything matched */
  gboolean      completed;        /* the pipeline ran to its end */
  gboolean      ok;               /* completed, nothing out of tolerance */
} ScReplayReport;

ScReplayReport *sc_replay_run         (const ScTrace          *trace,
                                       const ScReplayOptions  *options,
                                       GError                **error);
void            sc_replay_report_free (ScReplayReport         *report);
/* A compact multi-line report (no trailing newline). */
char           *sc_replay_report_format (const ScReplayReport *report,
                                         const ScTrace        *trace);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScReplayReport, sc_replay_report_free)

G_END_DECLS
