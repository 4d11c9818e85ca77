/* sc-sweep.h — a sweep as a directory that any process can add runs to
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-sweep-plan.h"
#include "sc-task.h"

G_BEGIN_DECLS

/* A sweep's directory is its truth:
 *
 *   plan.json             the runs (sc-sweep-plan.h)
 *   runs/NNNNNN.json      one per finished run, written atomically when it
 *                         ends: the network of every Pe (or "no_result")
 *   runs/NNNNNN.error     why the last attempt of a run failed
 *   sweep.json, grids     the merge (sc-sweep-merge.h)
 *
 * A run is done when its result file exists: a crash or a kill loses at
 * most the runs in flight, and doing the sweep again does only the others,
 * whichever process (a local worker, a Slurm array task) does them. */
typedef struct
{
  char        *dir;
  ScSweepPlan *plan;
} ScSweep;

typedef enum
{
  SC_SWEEP_RUN_PENDING,   /* not done (never tried, in flight, or killed) */
  SC_SWEEP_RUN_DONE,      /* its result file is there */
  SC_SWEEP_RUN_FAILED,    /* its last attempt failed (runs/NNNNNN.error) */
} ScSweepRunState;

/* With plan: creates dir and its plan file, or opens the sweep dir already
 * holds when its plan makes the same runs (SC_ERROR_INVALID when it holds
 * another). Without: opens the sweep in dir. Either way the plan is the
 * one read back from the file, the same for every process. */
ScSweep        *sc_sweep_open           (const char         *dir,
                                         const ScSweepPlan  *plan,
                                         GError            **error);
void            sc_sweep_free           (ScSweep            *sweep);

char           *sc_sweep_run_path       (const ScSweep      *sweep,
                                         guint               index);
char           *sc_sweep_error_path     (const ScSweep      *sweep,
                                         guint               index);
/* The state of every run, from the directory. */
ScSweepRunState *sc_sweep_scan          (const ScSweep      *sweep);
/* The first line of why run index failed, or NULL. */
char           *sc_sweep_run_error      (const ScSweep      *sweep,
                                         guint               index);

/* How one run ended. */
typedef struct
{
  guint        index;
  guint        cell;
  guint64      seed;
  double       unit_step;
  gboolean     ok;          /* a result file was written */
  gboolean     no_result;   /* ok, but no unit step was accepted (§9.9) */
  double       seconds;
  const char  *message;     /* !ok: why */
} ScSweepOutcome;

/* Does run index of the plan on task (loaded from the plan's source) and
 * writes its result file, or its error file when it fails. Thread-safe
 * for distinct indices. FALSE (error set) when the run failed or its file
 * could not be written; outcome->message is then error's message. */
gboolean        sc_sweep_run_one        (const ScSweep      *sweep,
                                         ScTask             *task,
                                         guint               index,
                                         ScSweepOutcome     *outcome,
                                         GError            **error);

/* Called after each run of sc_sweep_run_local(), serialised. */
typedef void  (*ScSweepProgressFunc)    (const ScSweepOutcome *outcome,
                                         guint                 n_finished,
                                         guint                 n_runs,
                                         gpointer              user_data);

/* The local backend: every run that is not done, jobs at a time on
 * threads of this process. Returns how many failed. */
guint           sc_sweep_run_local      (const ScSweep      *sweep,
                                         ScTask             *task,
                                         guint               jobs,
                                         ScSweepProgressFunc progress,
                                         gpointer            user_data);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSweep, sc_sweep_free)

G_END_DECLS
