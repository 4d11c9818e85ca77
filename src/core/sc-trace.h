/* sc-trace.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-dataset.h"

G_BEGIN_DECLS

/* A lockstep trace of the reference (../shared/oracle/README.md, "JSON
 * schema"): everything one complete run of the original code fed to its
 * model and decided, read into plain arrays. Weight matrices are dense,
 * out × in (PyTorch layout), one per weight layer k of arch. */

typedef struct
{
  float **w;           /* arch[k+1] × arch[k] */
  float **b;           /* arch[k+1] */
} ScTraceParams;

typedef struct
{
  guint8 **w;
  guint8 **b;
} ScTraceMasks;

typedef struct
{
  guint   n_rows;
  guint  *rows;        /* indices into the data set */
  float  *x;           /* n_rows × n_in, noise included */
  float  *y;           /* n_rows × n_out */
} ScTraceBatch;

typedef struct
{
  ScTraceBatch *batches;
  guint         n_batches;
  double        train_loss;
  double        val_loss;
  double        val_acc;
} ScTraceEpoch;

typedef enum
{
  SC_TRACE_RUN_DENSE,
  SC_TRACE_RUN_UNIT,
  SC_TRACE_RUN_EDGE_INIT,   /* the edge stage's first re-training */
  SC_TRACE_RUN_EDGE,
} ScTraceRunStage;

typedef struct
{
  ScTraceRunStage stage;
  int             step;             /* the steps' i; -1 for dense and edge_init */
  double          target;           /* P; NaN for dense and edge_init */
  double          lr;
  double          weight_decay;
  ScTraceMasks    masks_start;
  ScTraceParams   params_start;
  ScTraceEpoch   *epochs;
  guint           n_epochs;
  guint           best_epoch;       /* 0-based */
  double          test_loss;
  double          test_acc;
  int             accepted;         /* -1 (null), 0 or 1 */
  ScTraceParams   params_best;
  ScTraceMasks    masks_best;
  gboolean        has_first_step;   /* the dense run only */
  ScTraceParams   grads_first_step;
  ScTraceParams   params_after_first_step;
  ScTraceParams   params_after_first_epoch;
} ScTraceRun;

typedef struct
{
  gboolean edge;           /* FALSE: unit stage */
  guint    i;
  gboolean follow_schedule;
  double   p;
  double   target;         /* P */
  gboolean trained;
  int      run_index;      /* -1 when not trained */
  int      decision_index; /* -1 when not trained */
  gboolean accepted;
  double   test_acc;       /* NaN when not trained */
} ScTraceStep;

typedef struct
{
  guint         step;
  double        target;
  float        *scores;    /* one per hidden unit, global order */
  double        threshold;
  gboolean     *keep;
  ScTraceMasks  mask;
} ScTraceUnitDecision;

typedef struct
{
  guint         step;
  double        target;
  double        threshold;
  guint         n_kept;
  ScTraceMasks  mask;
} ScTraceEdgeDecision;

typedef struct
{
  char                *name;        /* file name, for messages */
  guint                n_layers;
  guint               *arch;
  guint                n_hidden;    /* hidden units of arch */
  double               lr;
  guint                batch_size;
  guint                epochs;
  double               unit_step;   /* Pu */
  double               edge_step;   /* Pe */
  guint                feature_step;
  guint                clusterability_step;
  ScDataset           *data;        /* the truth table, in file order */
  ScTraceParams        init;
  ScTraceRun          *runs;
  guint                n_runs;
  ScTraceStep         *steps;
  guint                n_steps;
  ScTraceUnitDecision *unit_decisions;
  guint                n_unit_decisions;
  ScTraceEdgeDecision *edge_decisions;
  guint                n_edge_decisions;
  ScTraceParams        final_params;
  ScTraceMasks         final_mask;  /* weights; bias masks by the rule of §2.1 */
  double               final_percent;

  /*< private >*/
  GPtrArray           *blocks;      /* every array above, freed together */
} ScTrace;

/* Reads a trace from FILE.json or FILE.json.gz. Every member is checked
 * against the schema and the architecture; errors (SC_ERROR_PARSE) name the
 * file and the field, e.g. "t.json: runs[3].epochs[2].batches[0].x[5]: …". */
ScTrace    *sc_trace_load       (const char   *path,
                                 GError      **error);
/* The same from JSON text; name is used in messages. */
ScTrace    *sc_trace_parse      (const char   *text,
                                 gssize        length,
                                 const char   *name,
                                 GError      **error);
void        sc_trace_free       (ScTrace      *trace);

const char *sc_trace_run_stage_to_string (ScTraceRunStage stage);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScTrace, sc_trace_free)

G_END_DECLS
