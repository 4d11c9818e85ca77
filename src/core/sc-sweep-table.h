/* sc-sweep-table.h — a sweep's runs as a browser shows them, while it runs
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "sc-grid.h"
#include "sc-select.h"
#include "sc-sweep.h"

G_BEGIN_DECLS

/* What the directory says of one run, with what its file holds. */
typedef enum
{
  SC_SWEEP_ENTRY_PENDING,     /* not done: not run yet, or in flight */
  SC_SWEEP_ENTRY_DONE,        /* its networks, one per Pe */
  SC_SWEEP_ENTRY_NO_RESULT,   /* done, but no unit step was accepted (§9.9) */
  SC_SWEEP_ENTRY_FAILED,      /* runs/NNNNNN.error: message says why */
  SC_SWEEP_ENTRY_UNREADABLE,  /* a result file that is not the plan's run: message */
} ScSweepEntryState;

typedef struct
{
  guint              index;
  ScSweepRunState    disk;      /* the directory's state it was read in */
  ScSweepEntryState  state;
  char              *message;   /* FAILED, UNREADABLE: why (one line) */
  ScGrid            *grid;      /* DONE: one analysed point per Pe, in the plan's order */
  GPtrArray         *scores;    /* ScScore per point against the task's truth, or NULL
                                 * (no truth, or the truth does not fit) */
} ScSweepEntry;

/* Reads run index in state (as sc_sweep_scan() gave it): a done run's
 * file, its networks analysed and scored against task's ground truth
 * (sc_grid_score_point(), as the merge does); a failed run's reason.
 * Never fails: a bad file is an UNREADABLE entry naming it. Thread-safe. */
ScSweepEntry *sc_sweep_entry_read   (const ScSweep     *sweep,
                                     ScTask            *task,
                                     guint              index,
                                     ScSweepRunState    state);
void          sc_sweep_entry_free   (ScSweepEntry      *entry);

/* Every run of a sweep, as last read, and each seed's chosen network. */
typedef struct _ScSweepTable ScSweepTable;

/* sweep must outlive the table; task is referenced. Every run starts
 * pending. */
ScSweepTable *sc_sweep_table_new    (const ScSweep     *sweep,
                                     ScTask            *task);
void          sc_sweep_table_free   (ScSweepTable      *table);

const ScSweep *sc_sweep_table_get_sweep (const ScSweepTable *table);
ScTask       *sc_sweep_table_get_task (const ScSweepTable *table);

/* The directory states the table's entries were read in (a copy, for a
 * worker thread: g_free). */
ScSweepRunState *sc_sweep_table_dup_states (const ScSweepTable *table);

/* The entries of the runs whose directory state differs from known (a
 * copy of sc_sweep_table_dup_states(), taken over): one scan of the
 * directory, then the changed runs read, in plan order, until budget
 * seconds have passed (0: no limit; at least one is read) — the others
 * are still changed at the next call, so a big sweep shows up in parts.
 * For a worker thread; returns ScSweepEntry * (free with
 * sc_sweep_entry_free), NULL when cancelled. */
GPtrArray    *sc_sweep_read_changes (const ScSweep     *sweep,
                                     ScTask            *task,
                                     ScSweepRunState   *known,
                                     double             budget,
                                     GCancellable      *cancellable);
/* Puts the entries (taken over) in place; their runs' seeds are chosen
 * again at the next sc_sweep_table_choose(). Returns how many. */
guint         sc_sweep_table_apply  (ScSweepTable      *table,
                                     GPtrArray         *entries);

/* The run of (cell, seed, Pu), by positions in the plan's lists. */
guint         sc_sweep_table_run_index (const ScSweepTable *table,
                                     guint              cell,
                                     guint              seed,
                                     guint              unit_step);
const ScSweepEntry *sc_sweep_table_get (const ScSweepTable *table,
                                     guint              index);
/* Runs in state. */
guint         sc_sweep_table_count  (const ScSweepTable *table,
                                     ScSweepEntryState  state);
/* Runs no longer pending (done, no result, failed, unreadable). */
guint         sc_sweep_table_n_finished (const ScSweepTable *table);

/* A seed of a cell is complete when each of its runs is done, without
 * result or failed: then, and only then, it has a choice — the one the
 * merge (sweep.json) makes. */
gboolean      sc_sweep_table_seed_complete (const ScSweepTable *table,
                                     guint              cell,
                                     guint              seed);
/* Chooses the network of every complete seed with rule (sc_grid_select(),
 * on the seed's points in the merge's order). FALSE (error set) when the
 * selection fails; the seeds chosen before keep their choice. */
gboolean      sc_sweep_table_choose (ScSweepTable      *table,
                                     ScSelectRule       rule,
                                     double             band,
                                     GError           **error);
/* The run and Pe position of the seed's chosen network under the last
 * sc_sweep_table_choose(); FALSE: not complete, or no network passes. */
gboolean      sc_sweep_table_choice (const ScSweepTable *table,
                                     guint              cell,
                                     guint              seed,
                                     guint             *index,
                                     guint             *pe);

/* The density range (% of the dense weights kept) of the done runs'
 * networks; FALSE when there is none yet. */
gboolean      sc_sweep_table_density_range (const ScSweepTable *table,
                                     double            *low,
                                     double            *high);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSweepEntry, sc_sweep_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScSweepTable, sc_sweep_table_free)

G_END_DECLS
