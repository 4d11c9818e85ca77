/* cli-sweep.h — sculptor-cli sweep, sweep-run and sweep-status: what they print
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-sweep-merge.h"

G_BEGIN_DECLS

/* "[sweep]  3/20  4-24-4 seed 0   Pu 70     1.23s": an ScSweepProgressFunc. */
void     cli_sweep_print_progress (const ScSweepOutcome *outcome,
                                   guint                 n_finished,
                                   guint                 n_runs,
                                   gpointer              user_data);
/* Per cell, the networks the result's rule chose and every rule's rates;
 * then the totals. */
void     cli_sweep_print_result   (const ScSweepResult  *result);
/* network.svg and hierarchy.svg of each seed's chosen network, in
 * CELL_DIR/seed-N. */
gboolean cli_sweep_write_figures  (const ScSweepResult  *result,
                                   GError              **error);
/* The Slurm backend: submits the runs not done as one job array and, unless
 * detach, waits for it. Returns CLI_SWEEP_MERGE when every run is done or
 * failed (the merge follows), else the exit status. */
#define CLI_SWEEP_MERGE (-1)
int      cli_sweep_slurm          (const ScSweep        *sweep,
                                   const char * const   *sbatch_args,
                                   gboolean              detach,
                                   gboolean              quiet);
/* Runs done, failed and pending, from the directory alone, and what
 * Slurm says of the jobs submitted. */
void     cli_sweep_print_status   (const ScSweep        *sweep);

G_END_DECLS
