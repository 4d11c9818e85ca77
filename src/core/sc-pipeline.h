/* sc-pipeline.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-analysis.h"
#include "sc-hyper.h"
#include "sc-linalg.h"
#include "sc-modules.h"
#include "sc-score.h"
#include "sc-snapshot.h"
#include "sc-task.h"
#include "sc-train.h"

G_BEGIN_DECLS

/* One tried step of the run history: the dense training, each unit- or
 * edge-pruning target tried, and the edge stage's initial re-training. */
typedef struct
{
  ScStage     stage;
  int         edge_run;       /* index into hyper.edge_steps; -1 outside the edge stage */
  double      step;           /* Pu or Pe of the schedule (0 for training-only entries) */
  double      target;         /* P, % pruned (units in stage 1, weights in stage 2) */
  gboolean    retrain_only;   /* dense training or the edge stage's first re-training */
  gboolean    trained;        /* FALSE: P >= 100, rejected without training */
  gboolean    accepted;
  double      accuracy;       /* per-bit %, best epoch on the test set */
  double      exact_accuracy;
  double      loss;
  double      density;        /* surviving / dense weights of the network tried */
  guint       hidden_units;   /* hidden units with an edge */
  double      seconds;        /* since the start of the run */
  ScSnapshot *snapshot;       /* network after the step (NULL unless kept) */
  ScAnalysis *analysis;       /* its modules (live detection), or NULL */
} ScStep;

typedef struct
{
  double      pe;
  double      final_percent;  /* 100 · (1 − Σ mask / N_W) of the last accepted net */
  guint       n_accepted;
  double      accuracy;
  gboolean    meets_threshold; /* accuracy passes the acceptance rule (not so when no
                                * step was accepted and the re-training fell short) */
  ScSnapshot *final;
} ScEdgeRun;

typedef struct
{
  ScTask        *task;
  ScHyper        hyper;
  GArray        *steps;            /* ScStep, in order */
  double         dense_accuracy;
  double         dense_exact_accuracy;
  double         unit_percent;     /* % of hidden units removed by stage 1 */
  double         unit_weight_percent; /* the reference's stored stage-1 % (weights, §9.7) */
  gboolean       unit_accepted_any;
  GArray        *edge_runs;        /* ScEdgeRun, one per Pe */
  guint          chosen_edge_run;  /* the sparsest (first on ties, method.md §0) */
  ScSnapshot    *dense;
  ScSnapshot    *unit_final;
  ScSnapshot    *final;
  ScAnalysis    *analysis;         /* of final: modules, score (with ground truth), Q */
  double         stage_seconds[SC_STAGE_DONE];
  double         total_seconds;
  gboolean       completed;
  char          *load_notice;      /* a saved run: what could not be used, for the user (or NULL) */
} ScRun;

typedef enum
{
  SC_EVENT_STAGE,        /* a stage begins */
  SC_EVENT_EPOCH,        /* an epoch ended (only with epoch_events) */
  SC_EVENT_STEP,         /* a step (ScStep) was tried */
  SC_EVENT_DETECTION,    /* modules detected on the final network */
  SC_EVENT_DONE,
  SC_EVENT_TRAINING,     /* the network while it trains (training_snapshot_ms) */
} ScEventKind;

typedef struct
{
  ScEventKind   kind;
  ScStage       stage;
  const ScRun  *run;
  const ScStep *step;        /* STEP */
  guint         epoch;       /* EPOCH, TRAINING (the epoch under way) */
  guint         n_epochs;
  const ScEval *eval;
  ScSnapshot   *snapshot;    /* STEP, DETECTION, DONE, TRAINING: borrowed, ref to keep */
  ScAnalysis   *analysis;    /* its modules when detected (STEP with live detection,
                              * DETECTION, DONE), else NULL: borrowed, ref to keep */
} ScEvent;

/* Called on the thread running the pipeline. It may block (pause, slow
 * motion); cancel through the cancellable. */
typedef void (*ScEventFunc) (const ScEvent *event,
                             gpointer       user_data);

/* Optional observers of the pipeline's inner steps, used to check it
 * against a recorded run of the reference (sc-replay.h). Every member may
 * be NULL; they run on the pipeline's thread. A training run is identified
 * by its stage and whether it is a training-only run (the dense run and the
 * edge stage's first re-training). Networks are in their physical shape
 * (sc_net_snapshot() gives the dense one). */
typedef struct
{
  /* The dense network right after its random initialisation; may
   * overwrite its parameters. */
  void          (*init_net)      (ScNet              *net,
                                  gpointer            user_data);
  /* Before a training run, with the mask installed; may overwrite the
   * parameters. */
  void          (*train_start)   (ScStage             stage,
                                  gboolean            retrain_only,
                                  ScNet              *net,
                                  gpointer            user_data);
  /* After it, with the best epoch's network, before the pipeline decides
   * on it; may overwrite the parameters. */
  void          (*train_end)     (ScStage             stage,
                                  gboolean            retrain_only,
                                  ScNet              *net,
                                  const ScTrainResult *result,
                                  gpointer            user_data);
  /* A unit-pruning decision (§3.2): the target P, the scores of all hidden
   * units in global order, the threshold and the new cumulative mask. */
  void          (*unit_decision) (double              target,
                                  const float        *scores,
                                  guint               n_scores,
                                  double              threshold,
                                  const ScMask       *mask,
                                  gpointer            user_data);
  /* An edge-pruning decision (§4). */
  void          (*edge_decision) (double              target,
                                  double              threshold,
                                  const ScMask       *mask,
                                  gpointer            user_data);
  ScBatchFunc     batch_func;    /* training batches instead of shuffling and noise */
  ScTrainStepFunc step_func;
  gpointer        user_data;
} ScPipelineHooks;

typedef struct
{
  ScBackend     backend;
  GCancellable *cancellable;
  ScEventFunc   event_func;
  gpointer      event_data;
  gboolean      keep_snapshots;    /* a snapshot in every step (saved runs) */
  gboolean      event_snapshots;   /* STEP events carry the network (the app) */
  gboolean      detect_each_step;  /* detect modules on every accepted step's snapshot */
  gboolean      epoch_events;
  guint         training_snapshot_ms; /* > 0: TRAINING events at most this often */
  /* A run whose memory estimate (sc-memory.h) exceeds this many bytes is
   * refused before it starts; 0: sc_memory_default_limit(). The source
   * names where the limit comes from in the message ("--memory-limit"). */
  guint64       memory_limit;
  const char   *memory_limit_source;
  /* Speed-ups that change no result, off only to measure them (bench/). */
  gboolean      no_compaction;     /* keep pruned units in the matrices */
  gboolean      dense_only;        /* no sparse kernels */
  const ScPipelineHooks *hooks;    /* NULL in normal runs */
} ScPipelineOptions;

void    sc_pipeline_options_init (ScPipelineOptions       *options);

/* Drops snapshots (and their analyses) of steps (in order) beyond budget
 * bytes, by sc_snapshot_plan_budget(): the first and the last snapshot
 * stay, rejected steps' go first. */
void    sc_steps_limit_snapshots (ScStep * const         *steps,
                                  guint                   n_steps,
                                  gsize                   budget);

/* Runs the whole method (§3, §4, §5) on task with hyper. On error or
 * cancellation returns NULL. */
ScRun  *sc_pipeline_run          (ScTask                  *task,
                                  const ScHyper           *hyper,
                                  const ScPipelineOptions *options,
                                  GError                 **error);
void    sc_run_free              (ScRun                   *run);

/* Gives every accepted step whose network is kept and has no analysis
 * one, as live detection (detect_each_step) does during a run: a saved
 * run stores the networks, and detection depends only on the mask and the
 * run's parameters, so this gives the modules the live run showed. Call
 * before the steps are shared. Returns how many were detected. */
guint    sc_run_detect_steps     (ScRun                   *run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRun, sc_run_free)

G_END_DECLS
