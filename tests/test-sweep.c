/* test-sweep.c — sweeps as directories (sc-sweep.h): the plan, runs done
 * by any process, resuming after a kill, the merge
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "sc-error.h"
#include "sc-linalg.h"
#include "sc-result.h"
#include "sc-sweep-merge.h"
#include "fs-test-util.h"

#define TASK "exemplar/separable-reused"

static GArray *
seeds_of (guint n)
{
  GArray *seeds = g_array_new (FALSE, FALSE, sizeof (guint64));

  for (guint64 s = 0; s < n; s++)
    g_array_append_val (seeds, s);
  return seeds;
}

static GArray *
doubles_of (const double *values,
            guint         n)
{
  GArray *array = g_array_new (FALSE, FALSE, sizeof (double));

  g_array_append_vals (array, values, n);
  return array;
}

/* 3 seeds × Pu 70, 40 of the task, Pe 2.5 and 1: 6 runs, 12 networks. */
static ScSweepPlan *
small_plan (ScTask *task)
{
  static const double pu[] = { 70, 40 };
  g_autoptr(GArray) seeds = seeds_of (3);
  g_autoptr(GArray) unit_steps = doubles_of (pu, G_N_ELEMENTS (pu));
  g_auto(ScTaskSource) source = { 0 };
  g_autoptr(GError) error = NULL;
  ScSweepPlan *plan;
  ScHyper hyper;

  sc_hyper_copy (&hyper, &task->defaults);
  g_assert_true (sc_hyper_set (&hyper, "edge-steps", "2.5,1", NULL));
  sc_task_source_init (&source, TASK, NULL, NULL, 0, 0);
  plan = sc_sweep_plan_new (&source, task, &hyper, seeds, unit_steps, FALSE, NULL, NULL, &error);
  sc_hyper_clear (&hyper);
  g_assert_no_error (error);
  return plan;
}

static char *
file_text (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

/* Merges the sweep in dir and writes its files; returns sweep.json. */
static char *
merge (const ScSweep *sweep,
       ScTask        *task)
{
  g_autoptr(ScSweepResult) result = NULL;
  g_autoptr(GError) error = NULL;

  result = sc_sweep_merge (sweep, task, SC_SELECT_DEFAULT, SC_SELECT_DEFAULT_BAND, &error);
  g_assert_no_error (error);
  g_assert_true (sc_sweep_result_save (result, &error));
  g_assert_no_error (error);
  return file_text (sweep->dir, "sweep.json");
}

/* ---- the plan ------------------------------------------------------------ */

/* Runs are numbered cell, seed, Pu; each has its seed and Pu on the
 * cell's settings; the plan file reads back to the same runs. */
static void
test_plan (void)
{
  g_autoptr(ScTask) task = sc_task_load_bundled ("reuse/k4", NULL);
  static const double pu[] = { 70, 50, 30 };
  static const guint widths_v[] = { 36, 48 };
  static const guint hidden_v[] = { 1 };
  g_autoptr(GArray) seeds = seeds_of (2);
  g_autoptr(GArray) unit_steps = doubles_of (pu, G_N_ELEMENTS (pu));
  g_autoptr(GArray) widths = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) hidden = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(ScSweepPlan) plan = NULL;
  g_autoptr(ScSweepPlan) back = NULL;
  g_autoptr(ScSweepPlan) other = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_auto(ScTaskSource) source = { 0 };
  g_autoptr(GError) error = NULL;
  ScHyper base;

  g_array_append_vals (widths, widths_v, 2);
  g_array_append_vals (hidden, hidden_v, 1);
  sc_hyper_copy (&base, &task->defaults);
  sc_task_source_init (&source, "reuse/k4", NULL, NULL, 0, 0);
  plan = sc_sweep_plan_new (&source, task, &base, seeds, unit_steps, TRUE, hidden, widths, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (plan->cells->len, ==, 2);
  g_assert_cmpuint (sc_sweep_plan_n_runs (plan), ==, 2 * 2 * 3);
  g_assert_cmpstr (g_array_index (plan->cells, ScSweepCell, 1).label, ==, "4-48-4");
  g_assert_cmpstr (g_array_index (plan->cells, ScSweepCell, 1).subdir, ==, "4-48-4");

  for (guint i = 0; i < sc_sweep_plan_n_runs (plan); i++)
    {
      guint c, s, u;
      ScHyper hyper;

      sc_sweep_plan_locate (plan, i, &c, &s, &u);
      g_assert_cmpuint ((c * 2 + s) * 3 + u, ==, i);
      sc_sweep_plan_run_hyper (plan, i, &hyper);
      g_assert_cmpuint (hyper.seed, ==, s);
      g_assert_cmpfloat (hyper.unit_step, ==, pu[u]);
      g_assert_cmpuint (g_array_index (hyper.arch, guint, 1), ==, widths_v[c]);
      sc_hyper_clear (&hyper);
    }

  root = sc_sweep_plan_to_json (plan);
  back = sc_sweep_plan_from_json (root, &error);
  g_assert_no_error (error);
  g_assert_true (sc_sweep_plan_equal (plan, back));
  g_assert_cmpfloat (g_array_index (back->cells, ScSweepCell, 0).hyper.lr, ==,
                     g_array_index (plan->cells, ScSweepCell, 0).hyper.lr);

  /* another seed list: another sweep */
  g_array_set_size (seeds, 1);
  other = sc_sweep_plan_new (&source, task, &base, seeds, unit_steps, TRUE, hidden, widths, &error);
  g_assert_false (sc_sweep_plan_equal (plan, other));

  /* a row filter that keeps nothing */
  g_array_index (hidden, guint, 0) = 7;
  g_assert_null (sc_sweep_plan_new (&source, task, &base, seeds, unit_steps, TRUE, hidden, NULL,
                                    &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  sc_hyper_clear (&base);
}

/* A damaged plan file names what is wrong. */
static void
test_plan_bad (void)
{
  struct { const char *json; const char *fragment; } cases[] = {
    { "[]", "not a sweep plan" },
    { "{\"format\":\"sculptor-sweep-plan\",\"version\":2}", "version 2" },
    { "{\"format\":\"sculptor-sweep-plan\",\"version\":1,\"task\":{\"name\":\"x\"},"
      "\"seeds\":[-1],\"unit_steps\":[70],\"cells\":[]}", "seeds: element 0" },
    { "{\"format\":\"sculptor-sweep-plan\",\"version\":1,\"task\":{\"name\":\"x\"},"
      "\"seeds\":[0],\"unit_steps\":[170],\"cells\":[]}", "unit_steps: element 0" },
    { "{\"format\":\"sculptor-sweep-plan\",\"version\":1,\"task\":{\"name\":\"x\"},"
      "\"seeds\":[0],\"unit_steps\":[70],\"cells\":[{\"label\":\"a\",\"subdir\":\"../x\","
      "\"settings\":{}}]}", "cells[0].subdir" },
    { "{\"format\":\"sculptor-sweep-plan\",\"version\":1,\"task\":{\"name\":\"x\"},"
      "\"seeds\":[0],\"unit_steps\":[70],\"cells\":[{\"label\":\"a\",\"settings\":"
      "{\"lr\":\"fast\"}}]}", "cells[0].settings: field “lr”" },
    { "{\"format\":\"sculptor-sweep-plan\",\"version\":1,\"task\":{\"name\":\"x\"},"
      "\"seeds\":[0],\"unit_steps\":[70],\"cells\":[]}", "no runs" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) root = json_from_string (cases[i].json, &error);
      g_autoptr(ScSweepPlan) plan = NULL;

      g_assert_no_error (error);
      plan = sc_sweep_plan_from_json (root, &error);
      g_assert_null (plan);
      g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
      if (!strstr (error->message, cases[i].fragment))
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].fragment);
    }
}

/* ---- the directory --------------------------------------------------------- */

/* Some runs done by one process, a write cut short, the rest by another:
 * the same merged result as all at once, and done runs are not redone. */
static void
test_resume (void)
{
  g_autoptr(ScTask) task = sc_task_load_bundled (TASK, NULL);
  g_autoptr(ScSweepPlan) plan = small_plan (task);
  g_autofree char *all_dir = g_dir_make_tmp ("sculptor-sweep-XXXXXX", NULL);
  g_autofree char *part_dir = g_dir_make_tmp ("sculptor-sweep-XXXXXX", NULL);
  g_autoptr(ScSweep) all = NULL;
  g_autoptr(ScSweep) part = NULL;
  g_autoptr(ScSweep) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree ScSweepRunState *states = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *merged = NULL;
  g_autofree char *expected_grid = NULL;
  g_autofree char *merged_grid = NULL;
  g_autofree char *kept_path = NULL;
  g_autofree char *torn = NULL;
  GStatBuf before, after;
  guint n = sc_sweep_plan_n_runs (plan);

  sc_linalg_init (1);
  all = sc_sweep_open (all_dir, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc_sweep_run_local (all, task, 2, NULL, NULL), ==, 0);
  expected = merge (all, task);
  expected_grid = file_text (all_dir, "grid.jsonl");

  /* Runs 0 and 3 done; run 4 was being written when the process died. */
  part = sc_sweep_open (part_dir, plan, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i += 3)
    {
      ScSweepOutcome outcome;

      g_assert_true (sc_sweep_run_one (part, task, i, &outcome, &error));
      g_assert_no_error (error);
      g_assert_true (outcome.ok);
    }
  torn = g_build_filename (part_dir, "runs", "000004.json.A1B2C3", NULL);
  g_assert_true (g_file_set_contents (torn, "{\"index\": 4, \"edge_", -1, NULL));
  states = sc_sweep_scan (part);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (states[i], ==, i % 3 == 0 ? SC_SWEEP_RUN_DONE : SC_SWEEP_RUN_PENDING);
  g_assert_null (sc_sweep_merge (part, task, SC_SELECT_DEFAULT, 20, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "4 of the 6 runs"));
  g_clear_error (&error);

  /* Another process opens the same sweep and finishes it. */
  kept_path = sc_sweep_run_path (part, 3);
  g_assert_cmpint (g_stat (kept_path, &before), ==, 0);
  again = sc_sweep_open (part_dir, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc_sweep_run_local (again, task, 1, NULL, NULL), ==, 0);
  g_assert_cmpint (g_stat (kept_path, &after), ==, 0);
  g_assert_cmpint (before.st_ino, ==, after.st_ino);   /* not written again */
  g_assert_cmpint (before.st_mtime, ==, after.st_mtime);

  merged = merge (again, task);
  merged_grid = file_text (part_dir, "grid.jsonl");
  g_assert_cmpstr (merged, ==, expected);
  g_assert_cmpstr (merged_grid, ==, expected_grid);

  remove_tree (all_dir);
  remove_tree (part_dir);
}

/* A run file that is not the plan's run is named, with what to do. */
static void
test_bad_run_file (void)
{
  g_autoptr(ScTask) task = sc_task_load_bundled (TASK, NULL);
  g_autoptr(ScSweepPlan) plan = small_plan (task);
  g_autofree char *dir = g_dir_make_tmp ("sculptor-sweep-XXXXXX", NULL);
  g_autoptr(ScSweep) sweep = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *text = NULL;

  sc_linalg_init (1);
  sweep = sc_sweep_open (dir, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sc_sweep_run_local (sweep, task, 2, NULL, NULL), ==, 0);

  /* run 0's file copied over run 1's */
  first = sc_sweep_run_path (sweep, 0);
  second = sc_sweep_run_path (sweep, 1);
  g_assert_true (g_file_get_contents (first, &text, NULL, NULL));
  g_assert_true (g_file_set_contents (second, text, -1, NULL));
  g_assert_null (sc_sweep_merge (sweep, task, SC_SELECT_DEFAULT, 20, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, second));
  g_assert_nonnull (strstr (error->message, "not run 1 of the plan"));
  g_assert_nonnull (strstr (error->message, "delete the file"));

  /* deleted: the run is pending again */
  g_unlink (second);
  g_clear_error (&error);
  g_assert_cmpuint (sc_sweep_run_local (sweep, task, 1, NULL, NULL), ==, 0);
  g_free (merge (sweep, task));
  remove_tree (dir);
}

/* ---- sculptor-cli sweep, killed and done again ------------------------------ */

static const char *
cli (void)
{
  const char *path = g_getenv ("SCULPTOR_CLI");

  g_assert_nonnull (path);
  return path;
}

static int
spawn_sync (const char * const *argv,
            char              **out,
            char              **err)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static guint
count_done (const char *dir)
{
  g_autofree char *runs = g_build_filename (dir, "runs", NULL);
  g_autoptr(GDir) d = g_dir_open (runs, 0, NULL);
  const char *name;
  guint n = 0;

  while (d && (name = g_dir_read_name (d)))
    n += g_str_has_suffix (name, ".json");
  return n;
}

#define SWEEP_ARGS TASK, "--seeds", "0,1,2,3", "--unit-steps", "70,60,50,40", "--quiet"

/* The sweep killed (SIGKILL) once a run is done: the directory says which
 * runs are not done, and the same command finishes it to the result of a
 * sweep never interrupted, byte for byte. */
static void
test_cli_kill_resume (void)
{
  g_autofree char *whole = g_dir_make_tmp ("sculptor-sweep-XXXXXX", NULL);
  g_autofree char *killed = g_dir_make_tmp ("sculptor-sweep-XXXXXX", NULL);
  const char *whole_argv[] = { cli (), "sweep", SWEEP_ARGS, "--jobs", "2", "--out", whole, NULL };
  const char *killed_argv[] = { cli (), "sweep", SWEEP_ARGS, "--jobs", "1", "--out", killed,
                                NULL };
  const char *status_argv[] = { cli (), "sweep-status", killed, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL, *status_out = NULL;
  g_autofree char *expected = NULL, *resumed = NULL;
  g_autofree char *merged_path = g_build_filename (killed, "sweep.json", NULL);
  GPid pid;
  gint64 deadline;
  guint done;
  int wait_status;

  g_assert_cmpint (spawn_sync (whole_argv, NULL, NULL), ==, 0);
  expected = file_text (whole, "sweep.json");

  g_assert_true (g_spawn_async (NULL, (char **) killed_argv, NULL,
                                G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL,
                                NULL, NULL, &pid, &error));
  g_assert_no_error (error);
  deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  while (count_done (killed) == 0 && g_get_monotonic_time () < deadline)
    g_usleep (2000);
  kill (pid, SIGKILL);
  g_assert_cmpint (waitpid (pid, &wait_status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_assert_true (WIFSIGNALED (wait_status));

  done = count_done (killed);
  g_assert_cmpuint (done, >, 0);
  g_assert_cmpuint (done, <, 16);
  g_assert_false (g_file_test (merged_path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (spawn_sync (status_argv, &status_out, NULL), ==, 0);
  {
    g_autofree char *line = g_strdup_printf ("16 runs: %u done, 0 failed, %u not done",
                                             done, 16 - done);

    g_assert_nonnull (strstr (status_out, line));
  }

  /* the same command again: the rest, then the merge */
  g_assert_cmpint (spawn_sync (killed_argv, &out, &err), ==, 0);
  g_assert_cmpuint (count_done (killed), ==, 16);
  resumed = file_text (killed, "sweep.json");
  g_assert_cmpstr (resumed, ==, expected);
  {
    g_autofree char *a = file_text (whole, "grid.jsonl");
    g_autofree char *b = file_text (killed, "grid.jsonl");

    g_assert_cmpstr (a, ==, b);
  }

  remove_tree (whole);
  remove_tree (killed);
}

/* Another plan in the same directory is refused before any work. */
static void
test_cli_other_plan (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sculptor-sweep-XXXXXX", NULL);
  const char *first[] = { cli (), "sweep", TASK, "--seeds", "0", "--unit-steps", "70",
                          "--quiet", "--out", dir, NULL };
  const char *second[] = { cli (), "sweep", TASK, "--seeds", "1", "--unit-steps", "70",
                           "--quiet", "--out", dir, NULL };
  const char *run_bad[] = { cli (), "sweep-run", dir, "1", NULL };
  const char *status_none[] = { cli (), "sweep-status", "/nonexistent-sweep", NULL };
  g_autofree char *out = NULL, *err = NULL, *err2 = NULL, *err3 = NULL;

  g_assert_cmpint (spawn_sync (first, NULL, NULL), ==, 0);
  g_assert_cmpint (spawn_sync (second, &out, &err), ==, 2);
  g_assert_nonnull (strstr (err, "holds another sweep"));
  g_assert_cmpstr (out, ==, "");
  g_assert_cmpint (spawn_sync (run_bad, NULL, &err2), ==, 2);
  g_assert_nonnull (strstr (err2, "from 0 to 0"));
  g_assert_cmpint (spawn_sync (status_none, NULL, &err3), ==, 1);
  g_assert_nonnull (strstr (err3, "not a sweep directory"));
  remove_tree (dir);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sweep/plan", test_plan);
  g_test_add_func ("/sweep/plan-bad", test_plan_bad);
  g_test_add_func ("/sweep/resume", test_resume);
  g_test_add_func ("/sweep/bad-run-file", test_bad_run_file);
  g_test_add_func ("/sweep/cli-kill-resume", test_cli_kill_resume);
  g_test_add_func ("/sweep/cli-other-plan", test_cli_other_plan);

  return g_test_run ();
}
