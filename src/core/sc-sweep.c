/* sc-sweep.c — a sweep as a directory that any process can add runs to
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sc-error.h"
#include "sc-file.h"
#include "sc-json.h"
#include "sc-pipeline.h"
#include "sc-result.h"
#include "sc-sweep.h"

#define PLAN_FILE "plan.json"
#define RUNS_DIR  "runs"
/* A plan file is small; a run file holds a few networks. */
#define PLAN_LIMIT ((goffset) 16 << 20)

void
sc_sweep_free (ScSweep *sweep)
{
  if (sweep == NULL)
    return;

  g_free (sweep->dir);
  g_clear_pointer (&sweep->plan, sc_sweep_plan_free);
  g_free (sweep);
}

static gboolean
make_dir (const char  *path,
          GError     **error)
{
  if (g_mkdir_with_parents (path, 0755) != 0)
    {
      int errsv = errno;

      g_set_error (error, SC_ERROR, SC_ERROR_IO, "cannot create the directory %s: %s", path,
                   g_strerror (errsv));
      return FALSE;
    }
  return TRUE;
}

static ScSweepPlan *
read_plan (const char  *path,
           GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  ScSweepPlan *plan;

  if (!(root = sc_json_read_file (path, PLAN_LIMIT, error)))
    return NULL;
  if (!(plan = sc_sweep_plan_from_json (root, &local_error)))
    g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: %s", path, local_error->message);
  return plan;
}

ScSweep *
sc_sweep_open (const char         *dir,
               const ScSweepPlan  *plan,
               GError            **error)
{
  g_autofree char *plan_path = NULL;
  g_autofree char *runs = NULL;
  g_autoptr(ScSweep) sweep = NULL;

  g_return_val_if_fail (dir != NULL, NULL);

  plan_path = g_build_filename (dir, PLAN_FILE, NULL);
  runs = g_build_filename (dir, RUNS_DIR, NULL);
  if (plan != NULL && !g_file_test (plan_path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(JsonNode) root = sc_sweep_plan_to_json (plan);

      if (!make_dir (runs, error) || !sc_json_write_file (root, plan_path, TRUE, error))
        return NULL;
    }

  sweep = g_new0 (ScSweep, 1);
  sweep->dir = g_strdup (dir);
  if (!(sweep->plan = read_plan (plan_path, error)))
    return NULL;
  if (plan != NULL && !sc_sweep_plan_equal (plan, sweep->plan))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "%s holds another sweep (its plan.json makes other runs): choose another "
                   "directory, or delete this one to start again", dir);
      return NULL;
    }
  if (!make_dir (runs, error))
    return NULL;
  return g_steal_pointer (&sweep);
}

char *
sc_sweep_run_path (const ScSweep *sweep,
                   guint          index)
{
  g_autofree char *name = g_strdup_printf ("%06u.json", index);

  return g_build_filename (sweep->dir, RUNS_DIR, name, NULL);
}

char *
sc_sweep_error_path (const ScSweep *sweep,
                     guint          index)
{
  g_autofree char *name = g_strdup_printf ("%06u.error", index);

  return g_build_filename (sweep->dir, RUNS_DIR, name, NULL);
}

ScSweepRunState *
sc_sweep_scan (const ScSweep *sweep)
{
  guint n = sc_sweep_plan_n_runs (sweep->plan);
  ScSweepRunState *states = g_new0 (ScSweepRunState, MAX (n, 1));

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *run = sc_sweep_run_path (sweep, i);
      g_autofree char *failed = sc_sweep_error_path (sweep, i);

      if (g_file_test (run, G_FILE_TEST_IS_REGULAR))
        states[i] = SC_SWEEP_RUN_DONE;
      else if (g_file_test (failed, G_FILE_TEST_IS_REGULAR))
        states[i] = SC_SWEEP_RUN_FAILED;
    }
  return states;
}

char *
sc_sweep_run_error (const ScSweep *sweep,
                    guint          index)
{
  g_autofree char *path = sc_sweep_error_path (sweep, index);
  g_autofree char *text = NULL;
  char *end;

  if (!sc_file_read_text (path, 1 << 20, &text, NULL))
    return NULL;
  if ((end = strchr (text, '\n')))
    *end = '\0';
  return g_steal_pointer (&text);
}

/* ------------------------------------------------------------------ */
/* One run */

static void
add_edge_run (JsonBuilder     *builder,
              const ScEdgeRun *er)
{
  json_builder_begin_object (builder);
  sc_json_add_double (builder, "pe", er->pe);
  sc_json_add_double (builder, "final_percent", er->final_percent);
  sc_json_add_double (builder, "accuracy", er->accuracy);
  sc_json_add_bool (builder, "meets_threshold", er->meets_threshold);
  sc_json_add_int (builder, "accepted_steps", er->n_accepted);
  json_builder_set_member_name (builder, "network");
  json_builder_add_value (builder, sc_snapshot_to_json (er->final));
  json_builder_end_object (builder);
}

static gboolean
write_run (const ScSweep          *sweep,
           const ScSweepOutcome   *outcome,
           const ScRun            *run,
           GError                **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = sc_sweep_run_path (sweep, outcome->index);

  json_builder_begin_object (builder);
  sc_json_add_string (builder, "sculptor_version", PACKAGE_VERSION);
  sc_json_add_int (builder, "index", outcome->index);
  sc_json_add_int (builder, "cell", outcome->cell);
  sc_json_add_int (builder, "seed", (gint64) outcome->seed);
  sc_json_add_double (builder, "unit_step", outcome->unit_step);
  sc_json_add_bool (builder, "no_result", outcome->no_result);
  sc_json_add_double (builder, "seconds", outcome->seconds);
  if (run != NULL)
    {
      json_builder_set_member_name (builder, "edge_runs");
      json_builder_begin_array (builder);
      for (guint e = 0; e < run->edge_runs->len; e++)
        add_edge_run (builder, &g_array_index (run->edge_runs, ScEdgeRun, e));
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  return sc_json_write_file (root, path, FALSE, error);
}

static void
write_error (const ScSweep *sweep,
             guint          index,
             const char    *message)
{
  g_autofree char *path = sc_sweep_error_path (sweep, index);
  g_autofree char *text = g_strconcat (message, "\n", NULL);
  g_autoptr(GError) error = NULL;

  if (!sc_file_write_atomic (path, text, strlen (text), &error))
    g_warning ("%s", error->message);
}

gboolean
sc_sweep_run_one (const ScSweep   *sweep,
                  ScTask          *task,
                  guint            index,
                  ScSweepOutcome  *outcome,
                  GError         **error)
{
  const ScSweepPlan *plan = sweep->plan;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *error_path = sc_sweep_error_path (sweep, index);
  g_autoptr(GTimer) timer = g_timer_new ();
  ScHyper hyper;
  guint s, u;

  g_return_val_if_fail (sweep != NULL && task != NULL && outcome != NULL, FALSE);
  g_return_val_if_fail (index < sc_sweep_plan_n_runs (plan), FALSE);

  *outcome = (ScSweepOutcome) { .index = index };
  sc_sweep_plan_locate (plan, index, &outcome->cell, &s, &u);
  outcome->seed = g_array_index (plan->seeds, guint64, s);
  outcome->unit_step = g_array_index (plan->unit_steps, double, u);

  sc_sweep_plan_run_hyper (plan, index, &hyper);
  run = sc_pipeline_run (task, &hyper, NULL, &local_error);
  sc_hyper_clear (&hyper);
  outcome->seconds = run ? run->total_seconds : g_timer_elapsed (timer, NULL);
  outcome->no_result = g_error_matches (local_error, SC_ERROR, SC_ERROR_NO_RESULT);

  if ((run != NULL || outcome->no_result) && write_run (sweep, outcome, run, &local_error))
    {
      outcome->ok = TRUE;
      g_unlink (error_path);
      return TRUE;
    }

  write_error (sweep, index, local_error->message);
  if (error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      outcome->message = (*error)->message;
    }
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* The local backend */

typedef struct
{
  const ScSweep       *sweep;
  ScTask              *task;
  ScSweepProgressFunc  progress;
  gpointer             user_data;
  GMutex               lock;
  guint                n_finished;
  guint                n_failed;
} Local;

static void
local_run (gpointer data,
           gpointer user_data)
{
  Local *local = user_data;
  guint index = GPOINTER_TO_UINT (data) - 1;
  g_autoptr(GError) error = NULL;
  ScSweepOutcome outcome;
  gboolean ok;

  ok = sc_sweep_run_one (local->sweep, local->task, index, &outcome, &error);

  g_mutex_lock (&local->lock);
  local->n_finished++;
  local->n_failed += !ok;
  if (local->progress)
    local->progress (&outcome, local->n_finished, sc_sweep_plan_n_runs (local->sweep->plan),
                     local->user_data);
  g_mutex_unlock (&local->lock);
}

guint
sc_sweep_run_local (const ScSweep       *sweep,
                    ScTask              *task,
                    guint                jobs,
                    ScSweepProgressFunc  progress,
                    gpointer             user_data)
{
  g_autofree ScSweepRunState *states = sc_sweep_scan (sweep);
  guint n = sc_sweep_plan_n_runs (sweep->plan);
  Local local = { .sweep = sweep, .task = task, .progress = progress, .user_data = user_data };
  GThreadPool *pool;

  g_return_val_if_fail (sweep != NULL && task != NULL && jobs > 0, 0);

  for (guint i = 0; i < n; i++)
    local.n_finished += states[i] == SC_SWEEP_RUN_DONE;
  /* G_DEFINE_QUARK caches its quark unlocked: registered here, before the
   * workers, they only read it */
  (void) sc_error_quark ();
  g_mutex_init (&local.lock);
  pool = g_thread_pool_new (local_run, &local, (int) jobs, TRUE, NULL);
  for (guint i = 0; i < n; i++)
    if (states[i] != SC_SWEEP_RUN_DONE)
      g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&local.lock);

  return local.n_failed;
}
