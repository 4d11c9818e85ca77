/* sc-sweep-slurm.h — a sweep's runs as a Slurm job array
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-sweep.h"

G_BEGIN_DECLS

/* The Slurm backend: every run of the sweep that is not done becomes one
 * task of one job array (sbatch --array=INDICES, the array index being
 * the run index), each running `CLI sweep-run DIR INDEX`. The sweep's
 * directory must be on a file system every node sees, and cli at the
 * same path on every node. The directory stays the truth: a task that is
 * killed, times out or fails leaves its run not done, and submitting
 * again submits exactly those. Slurm's MaxArraySize (1001 unless the
 * cluster says otherwise) bounds the run indices.
 *
 * What was submitted is kept in DIR/slurm/: run.sh (the batch script),
 * jobs (one line "JOB_ID INDICES" per submission) and each task's output,
 * JOB_ID_INDEX.out. */

/* The runs not done, as Slurm's array syntax ("0-3,7,9-12"); NULL when
 * every run is done. */
char      *sc_sweep_slurm_array_spec (const ScSweep        *sweep);

/* Submits the runs not done with sbatch; extra_args (NULL-terminated, may
 * be NULL) go to sbatch before the script (partition, time, memory: the
 * --slurm-args of sculptor-cli sweep). Sets job_id and the array spec
 * submitted. SC_ERROR_NOT_FOUND when sbatch is not in PATH, SC_ERROR_IO
 * with sbatch's message when it refuses. */
gboolean   sc_sweep_slurm_submit     (const ScSweep        *sweep,
                                      const char           *cli,
                                      const char * const   *extra_args,
                                      char                **job_id,
                                      char                **array_spec,
                                      GError              **error);

/* Called while waiting when the number of done runs changes. */
typedef void (*ScSweepWaitFunc)       (guint                 n_done,
                                       guint                 n_runs,
                                       gpointer              user_data);

/* Waits until none of job_id's tasks is pending or running any more
 * (squeue, every half second). */
gboolean   sc_sweep_slurm_wait       (const ScSweep        *sweep,
                                      const char           *job_id,
                                      ScSweepWaitFunc       func,
                                      gpointer              user_data,
                                      GError              **error);

/* The last job submitted for the sweep that still has tasks queued or
 * running, or NULL. */
char      *sc_sweep_slurm_active_job (const ScSweep        *sweep);

/* What Slurm says of the jobs submitted for the sweep (one line per job
 * still known to squeue: "job 12: 2 RUNNING, 3 PENDING"), or NULL when
 * none was submitted or squeue is not there. */
char      *sc_sweep_slurm_describe   (const ScSweep        *sweep);

G_END_DECLS
