/* sc-sweep-table.c — a sweep's runs as a browser shows them, while it runs
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include "sc-error.h"
#include "sc-sweep-merge.h"
#include "sc-sweep-table.h"

struct _ScSweepTable
{
  const ScSweep  *sweep;
  ScTask         *task;
  guint           n_runs;
  ScSweepEntry  **entries;   /* per run */
  int            *chosen;    /* per (cell, seed): run index · n_pe + Pe, or -1 */
};

/* ------------------------------------------------------------------ */
/* One run */

static void
score_free0 (gpointer score)
{
  if (score != NULL)
    sc_score_free (score);
}

void
sc_sweep_entry_free (ScSweepEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->message);
  g_clear_pointer (&entry->grid, sc_grid_free);
  g_clear_pointer (&entry->scores, g_ptr_array_unref);
  g_free (entry);
}

static void
set_unreadable (ScSweepEntry *entry,
                const char   *message)
{
  entry->state = SC_SWEEP_ENTRY_UNREADABLE;
  entry->message = g_strdup (message);
  g_clear_pointer (&entry->grid, sc_grid_free);
  g_clear_pointer (&entry->scores, g_ptr_array_unref);
}

/* Each network analysed (the selection rules need it) and scored. */
static gboolean
analyse (ScSweepEntry  *entry,
         ScTask        *task,
         GError       **error)
{
  entry->scores = g_ptr_array_new_with_free_func (score_free0);
  for (guint i = 0; i < entry->grid->points->len; i++)
    {
      ScGridPoint *p = g_ptr_array_index (entry->grid->points, i);
      g_autoptr(GError) score_error = NULL;
      ScScore *score = NULL;

      if (!sc_grid_detect_point (p, error))
        return FALSE;
      if (!p->no_result && task->truth != NULL &&
          !(score = sc_grid_score_point (p, task->truth, &score_error)))
        g_debug ("run %u: not scored: %s", entry->index, score_error->message);
      g_ptr_array_add (entry->scores, score);
    }
  return TRUE;
}

ScSweepEntry *
sc_sweep_entry_read (const ScSweep   *sweep,
                     ScTask          *task,
                     guint            index,
                     ScSweepRunState  state)
{
  ScSweepEntry *entry;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (sweep != NULL && task != NULL, NULL);
  g_return_val_if_fail (index < sc_sweep_plan_n_runs (sweep->plan), NULL);

  entry = g_new0 (ScSweepEntry, 1);
  entry->index = index;
  entry->disk = state;
  switch (state)
    {
    case SC_SWEEP_RUN_PENDING:
      entry->state = SC_SWEEP_ENTRY_PENDING;
      break;

    case SC_SWEEP_RUN_FAILED:
      entry->state = SC_SWEEP_ENTRY_FAILED;
      entry->message = sc_sweep_run_error (sweep, index);
      if (entry->message == NULL)
        entry->message = g_strdup ("the run failed (its error file cannot be read)");
      break;

    case SC_SWEEP_RUN_DONE:
    default:
      entry->grid = sc_grid_new ();
      if (!sc_sweep_read_run (sweep, index, entry->grid, NULL, &error) ||
          !analyse (entry, task, &error))
        {
          set_unreadable (entry, error->message);
          break;
        }
      entry->state = entry->grid->points->len > 0 &&
                     ((ScGridPoint *) g_ptr_array_index (entry->grid->points, 0))->no_result
                     ? SC_SWEEP_ENTRY_NO_RESULT : SC_SWEEP_ENTRY_DONE;
      break;
    }
  return entry;
}

/* ------------------------------------------------------------------ */
/* The table */

static guint
n_choices (const ScSweepPlan *plan)
{
  return plan->cells->len * plan->seeds->len;
}

ScSweepTable *
sc_sweep_table_new (const ScSweep *sweep,
                    ScTask        *task)
{
  ScSweepTable *table;

  g_return_val_if_fail (sweep != NULL && task != NULL, NULL);

  table = g_new0 (ScSweepTable, 1);
  table->sweep = sweep;
  table->task = sc_task_ref (task);
  table->n_runs = sc_sweep_plan_n_runs (sweep->plan);
  table->entries = g_new0 (ScSweepEntry *, MAX (table->n_runs, 1));
  for (guint i = 0; i < table->n_runs; i++)
    table->entries[i] = sc_sweep_entry_read (sweep, task, i, SC_SWEEP_RUN_PENDING);
  table->chosen = g_new (int, MAX (n_choices (sweep->plan), 1));
  for (guint i = 0; i < n_choices (sweep->plan); i++)
    table->chosen[i] = -1;
  return table;
}

void
sc_sweep_table_free (ScSweepTable *table)
{
  if (table == NULL)
    return;

  for (guint i = 0; i < table->n_runs; i++)
    sc_sweep_entry_free (table->entries[i]);
  g_free (table->entries);
  g_free (table->chosen);
  sc_task_unref (table->task);
  g_free (table);
}

const ScSweep *
sc_sweep_table_get_sweep (const ScSweepTable *table)
{
  return table->sweep;
}

ScTask *
sc_sweep_table_get_task (const ScSweepTable *table)
{
  return table->task;
}

ScSweepRunState *
sc_sweep_table_dup_states (const ScSweepTable *table)
{
  ScSweepRunState *states = g_new (ScSweepRunState, MAX (table->n_runs, 1));

  for (guint i = 0; i < table->n_runs; i++)
    states[i] = table->entries[i]->disk;
  return states;
}

GPtrArray *
sc_sweep_read_changes (const ScSweep    *sweep,
                       ScTask           *task,
                       ScSweepRunState  *known,
                       double            budget,
                       GCancellable     *cancellable)
{
  g_autofree ScSweepRunState *owned = known;
  g_autofree ScSweepRunState *states = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  gint64 deadline = g_get_monotonic_time () + (gint64) (budget * G_USEC_PER_SEC);
  guint n;

  g_return_val_if_fail (sweep != NULL && task != NULL && known != NULL, NULL);

  states = sc_sweep_scan (sweep);
  n = sc_sweep_plan_n_runs (sweep->plan);
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_sweep_entry_free);
  for (guint i = 0; i < n; i++)
    {
      if (g_cancellable_is_cancelled (cancellable))
        return NULL;
      if (states[i] == owned[i])
        continue;
      if (budget > 0 && entries->len > 0 && g_get_monotonic_time () > deadline)
        break;
      g_ptr_array_add (entries, sc_sweep_entry_read (sweep, task, i, states[i]));
    }
  return g_steal_pointer (&entries);
}

guint
sc_sweep_table_apply (ScSweepTable *table,
                      GPtrArray    *entries)
{
  guint n_pu = table->sweep->plan->unit_steps->len;

  g_return_val_if_fail (table != NULL && entries != NULL, 0);

  for (guint i = 0; i < entries->len; i++)
    {
      ScSweepEntry *entry = g_ptr_array_index (entries, i);

      g_return_val_if_fail (entry->index < table->n_runs, i);
      sc_sweep_entry_free (table->entries[entry->index]);
      table->entries[entry->index] = entry;
      /* its seed's choice is out of date */
      table->chosen[entry->index / n_pu] = -1;
    }
  g_ptr_array_set_free_func (entries, NULL);
  return entries->len;
}

guint
sc_sweep_table_run_index (const ScSweepTable *table,
                          guint               cell,
                          guint               seed,
                          guint               unit_step)
{
  const ScSweepPlan *plan = table->sweep->plan;

  g_return_val_if_fail (cell < plan->cells->len && seed < plan->seeds->len &&
                        unit_step < plan->unit_steps->len, 0);

  return (cell * plan->seeds->len + seed) * plan->unit_steps->len + unit_step;
}

const ScSweepEntry *
sc_sweep_table_get (const ScSweepTable *table,
                    guint               index)
{
  g_return_val_if_fail (table != NULL && index < table->n_runs, NULL);

  return table->entries[index];
}

guint
sc_sweep_table_count (const ScSweepTable *table,
                      ScSweepEntryState   state)
{
  guint n = 0;

  for (guint i = 0; i < table->n_runs; i++)
    n += table->entries[i]->state == state;
  return n;
}

guint
sc_sweep_table_n_finished (const ScSweepTable *table)
{
  return table->n_runs - sc_sweep_table_count (table, SC_SWEEP_ENTRY_PENDING);
}

gboolean
sc_sweep_table_seed_complete (const ScSweepTable *table,
                              guint               cell,
                              guint               seed)
{
  for (guint u = 0; u < table->sweep->plan->unit_steps->len; u++)
    {
      ScSweepEntryState state =
        table->entries[sc_sweep_table_run_index (table, cell, seed, u)]->state;

      /* the merge refuses an unreadable file: no choice either */
      if (state == SC_SWEEP_ENTRY_PENDING || state == SC_SWEEP_ENTRY_UNREADABLE)
        return FALSE;
    }
  return TRUE;
}

/* The seed's points, in the merge's order (Pu, then Pe), borrowed. */
static gboolean
choose_seed (ScSweepTable  *table,
             guint          cell,
             guint          seed,
             ScSelectRule   rule,
             double         band,
             GError       **error)
{
  const ScSweepPlan *plan = table->sweep->plan;
  guint n_pe = g_array_index (plan->cells, ScSweepCell, cell).hyper.edge_steps->len;
  ScGrid view = { .points = g_ptr_array_new () };
  int *chosen = &table->chosen[cell * plan->seeds->len + seed];
  g_autoptr(GError) local_error = NULL;
  int point;

  for (guint u = 0; u < plan->unit_steps->len; u++)
    {
      const ScSweepEntry *entry = table->entries[sc_sweep_table_run_index (table, cell, seed, u)];

      for (guint p = 0; entry->grid != NULL && p < entry->grid->points->len; p++)
        g_ptr_array_add (view.points, g_ptr_array_index (entry->grid->points, p));
    }
  point = sc_grid_select (&view, g_array_index (plan->seeds, guint64, seed), rule, band,
                          &local_error);
  if (point >= 0)
    {
      ScGridPoint *p = g_ptr_array_index (view.points, point);

      *chosen = (int) (sc_sweep_table_run_index (table, cell, seed, p->pu_index) * n_pe +
                       p->pe_index);
    }
  else
    *chosen = -1;
  g_ptr_array_unref (view.points);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  return TRUE;
}

gboolean
sc_sweep_table_choose (ScSweepTable  *table,
                       ScSelectRule   rule,
                       double         band,
                       GError       **error)
{
  const ScSweepPlan *plan;

  g_return_val_if_fail (table != NULL, FALSE);

  plan = table->sweep->plan;
  for (guint c = 0; c < plan->cells->len; c++)
    for (guint s = 0; s < plan->seeds->len; s++)
      {
        table->chosen[c * plan->seeds->len + s] = -1;
        if (sc_sweep_table_seed_complete (table, c, s) &&
            !choose_seed (table, c, s, rule, band, error))
          return FALSE;
      }
  return TRUE;
}

gboolean
sc_sweep_table_choice (const ScSweepTable *table,
                       guint               cell,
                       guint               seed,
                       guint              *index,
                       guint              *pe)
{
  const ScSweepPlan *plan;
  guint n_pe;
  int chosen;

  g_return_val_if_fail (table != NULL, FALSE);

  plan = table->sweep->plan;
  g_return_val_if_fail (cell < plan->cells->len && seed < plan->seeds->len, FALSE);
  chosen = table->chosen[cell * plan->seeds->len + seed];
  if (chosen < 0)
    return FALSE;
  n_pe = g_array_index (plan->cells, ScSweepCell, cell).hyper.edge_steps->len;
  if (index)
    *index = (guint) chosen / n_pe;
  if (pe)
    *pe = (guint) chosen % n_pe;
  return TRUE;
}

gboolean
sc_sweep_table_density_range (const ScSweepTable *table,
                              double             *low,
                              double             *high)
{
  gboolean any = FALSE;

  for (guint i = 0; i < table->n_runs; i++)
    {
      const ScGrid *grid = table->entries[i]->grid;

      for (guint p = 0; grid != NULL && p < grid->points->len; p++)
        {
          const ScGridPoint *point = g_ptr_array_index (grid->points, p);
          double density = 100.0 - point->final_percent;

          if (point->no_result)
            continue;
          if (!any || density < *low)
            *low = density;
          if (!any || density > *high)
            *high = density;
          any = TRUE;
        }
    }
  return any;
}
