/* test-sweep-table.c — a sweep as the browser shows it (sc-sweep-table.h)
 * and one of its runs read back for the main view (sc-sweep-run.h)
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "sc-error.h"
#include "sc-sweep-merge.h"
#include "sc-sweep-run.h"
#include "sc-sweep-table.h"
#include "fs-test-util.h"

#define TASK "exemplar/separable-reused"

static const double pu_list[] = { 70, 40 };
#define N_SEEDS 2

typedef struct
{
  char          *dir;
  ScTask        *task;
  ScSweep       *sweep;
  ScSweepTable  *table;
} Fixture;

/* 2 seeds × Pu 70, 40, Pe 2.5 and 1: 4 runs, 8 networks. */
static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GArray) seeds = g_array_new (FALSE, FALSE, sizeof (guint64));
  g_autoptr(GArray) unit_steps = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(ScSweepPlan) plan = NULL;
  g_auto(ScTaskSource) source = { 0 };
  g_autoptr(GError) error = NULL;
  ScHyper hyper;

  f->dir = g_dir_make_tmp ("sweep-table-XXXXXX", &error);
  g_assert_no_error (error);
  f->task = sc_task_load_bundled (TASK, &error);
  g_assert_no_error (error);
  for (guint64 s = 0; s < N_SEEDS; s++)
    g_array_append_val (seeds, s);
  g_array_append_vals (unit_steps, pu_list, G_N_ELEMENTS (pu_list));
  sc_hyper_copy (&hyper, &f->task->defaults);
  g_assert_true (sc_hyper_set (&hyper, "edge-steps", "2.5,1", NULL));
  sc_task_source_init (&source, TASK, NULL, NULL, 0, 0);
  plan = sc_sweep_plan_new (&source, f->task, &hyper, seeds, unit_steps, FALSE, NULL, NULL,
                            &error);
  sc_hyper_clear (&hyper);
  g_assert_no_error (error);
  f->sweep = sc_sweep_open (f->dir, plan, &error);
  g_assert_no_error (error);
  f->table = sc_sweep_table_new (f->sweep, f->task);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  sc_sweep_table_free (f->table);
  sc_sweep_free (f->sweep);
  sc_task_unref (f->task);
  remove_tree (f->dir);
  g_free (f->dir);
}

static void
run (Fixture *f,
     guint    index)
{
  g_autoptr(GError) error = NULL;
  ScSweepOutcome outcome;

  g_assert_true (sc_sweep_run_one (f->sweep, f->task, index, &outcome, &error));
  g_assert_no_error (error);
}

/* What a browser's worker does each beat; returns how many runs changed. */
static guint
refresh (Fixture *f)
{
  g_autoptr(GPtrArray) changes = NULL;

  changes = sc_sweep_read_changes (f->sweep, f->task, sc_sweep_table_dup_states (f->table),
                                   0, NULL);
  g_assert_nonnull (changes);
  return sc_sweep_table_apply (f->table, changes);
}

static void
write_file (Fixture    *f,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (f->dir, "runs", name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Cells are at the plan's run indices, and each shows the directory's
 * state: a run done, a run failed with its reason, a damaged file named. */
static void
test_states (Fixture       *f,
             gconstpointer  data)
{
  const ScSweepPlan *plan = f->sweep->plan;
  const ScSweepEntry *entry;

  for (guint s = 0; s < N_SEEDS; s++)
    for (guint u = 0; u < G_N_ELEMENTS (pu_list); u++)
      {
        guint index = sc_sweep_table_run_index (f->table, 0, s, u);
        guint c2, s2, u2;

        sc_sweep_plan_locate (plan, index, &c2, &s2, &u2);
        g_assert_cmpuint (c2, ==, 0);
        g_assert_cmpuint (s2, ==, s);
        g_assert_cmpuint (u2, ==, u);
      }
  g_assert_cmpuint (sc_sweep_table_count (f->table, SC_SWEEP_ENTRY_PENDING), ==, 4);
  g_assert_cmpuint (refresh (f), ==, 0);

  run (f, 0);
  g_assert_cmpuint (refresh (f), ==, 1);
  g_assert_cmpuint (refresh (f), ==, 0);   /* read once */
  entry = sc_sweep_table_get (f->table, 0);
  g_assert_cmpint (entry->state, ==, SC_SWEEP_ENTRY_DONE);
  g_assert_cmpuint (entry->grid->points->len, ==, 2);
  for (guint p = 0; p < 2; p++)
    {
      const ScGridPoint *point = g_ptr_array_index (entry->grid->points, p);

      g_assert_cmpuint (point->pe_index, ==, p);
      g_assert_cmpuint (point->seed, ==, 0);
      g_assert_cmpfloat (point->pu, ==, 70);
      g_assert_nonnull (point->analysis);
      /* scored with the core's scorer against the task's truth */
      g_assert_nonnull (g_ptr_array_index (entry->scores, p));
    }
  g_assert_cmpuint (sc_sweep_table_n_finished (f->table), ==, 1);

  /* a budget reads at least one changed run, the rest at the next call */
  run (f, 1);
  write_file (f, "000002.error", "out of memory\nat step 3\n");
  {
    g_autoptr(GPtrArray) part = sc_sweep_read_changes (f->sweep, f->task,
                                                       sc_sweep_table_dup_states (f->table),
                                                       1e-9, NULL);

    g_assert_cmpuint (part->len, ==, 1);
    g_assert_cmpuint (((ScSweepEntry *) g_ptr_array_index (part, 0))->index, ==, 1);
  }
  g_assert_cmpuint (refresh (f), ==, 2);
  g_assert_cmpint (sc_sweep_table_get (f->table, 1)->state, ==, SC_SWEEP_ENTRY_DONE);

  write_file (f, "000003.json", "{\"index\": 3, \"cell\"");
  g_assert_cmpuint (refresh (f), ==, 1);
  entry = sc_sweep_table_get (f->table, 2);
  g_assert_cmpint (entry->state, ==, SC_SWEEP_ENTRY_FAILED);
  g_assert_cmpstr (entry->message, ==, "out of memory");
  entry = sc_sweep_table_get (f->table, 3);
  g_assert_cmpint (entry->state, ==, SC_SWEEP_ENTRY_UNREADABLE);
  g_assert_nonnull (strstr (entry->message, "000003.json"));
  g_assert_cmpuint (sc_sweep_table_n_finished (f->table), ==, 4);
  g_assert_cmpuint (sc_sweep_table_count (f->table, SC_SWEEP_ENTRY_PENDING), ==, 0);

  /* seed 0 (runs 0, 1) is complete; seed 1 (runs 2, 3) has an unreadable
   * file, which the merge refuses: not complete */
  g_assert_true (sc_sweep_table_seed_complete (f->table, 0, 0));
  g_assert_false (sc_sweep_table_seed_complete (f->table, 0, 1));
}

/* Every seed's choice, under every rule, is the merge's (sweep.json);
 * a seed has none until its runs are all finished. */
static void
test_choices (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(ScSweepResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const ScSweepCellResult *cr;
  guint index, pe, n_chosen = 0;

  run (f, 0);
  run (f, 1);
  refresh (f);
  g_assert_true (sc_sweep_table_seed_complete (f->table, 0, 0));
  g_assert_false (sc_sweep_table_seed_complete (f->table, 0, 1));
  g_assert_true (sc_sweep_table_choose (f->table, SC_SELECT_SPARSEST, SC_SELECT_DEFAULT_BAND,
                                        &error));
  g_assert_no_error (error);
  g_assert_false (sc_sweep_table_choice (f->table, 0, 1, &index, &pe));

  run (f, 2);
  run (f, 3);
  refresh (f);
  /* new runs: the choices wait for the next choose */
  g_assert_false (sc_sweep_table_choice (f->table, 0, 1, &index, &pe));

  result = sc_sweep_merge (f->sweep, f->task, SC_SELECT_DEFAULT, SC_SELECT_DEFAULT_BAND, &error);
  g_assert_no_error (error);
  cr = g_ptr_array_index (result->cells, 0);
  for (guint r = 0; r < sc_sweep_n_rules (); r++)
    {
      g_assert_true (sc_sweep_table_choose (f->table, r, SC_SELECT_DEFAULT_BAND, &error));
      g_assert_no_error (error);
      for (guint s = 0; s < N_SEEDS; s++)
        {
          const ScSweepChoice *choice = &cr->choices[r * N_SEEDS + s];
          const ScGridPoint *p;

          if (choice->point < 0)
            {
              g_assert_false (sc_sweep_table_choice (f->table, 0, s, &index, &pe));
              continue;
            }
          p = g_ptr_array_index (cr->grid->points, choice->point);
          g_assert_true (sc_sweep_table_choice (f->table, 0, s, &index, &pe));
          g_assert_cmpuint (index, ==, sc_sweep_table_run_index (f->table, 0, s, p->pu_index));
          g_assert_cmpuint (pe, ==, p->pe_index);
          n_chosen++;
        }
    }
  g_assert_cmpuint (n_chosen, >, 0);

  /* the density range covers the networks */
  {
    double low = -1, high = -1;

    g_assert_true (sc_sweep_table_density_range (f->table, &low, &high));
    g_assert_cmpfloat (low, >, 0.0);
    g_assert_cmpfloat (low, <=, high);
    g_assert_cmpfloat (high, <=, 100.0);
  }
}

/* A run read back for the main view: the plan's settings, a step per Pe
 * with its network, the chosen Pe's network as final, scored. */
static void
test_run_load (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(ScRun) loaded = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScGrid) grid = sc_grid_new ();

  g_assert_null (sc_sweep_run_load (f->sweep, f->task, 1, 0, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  run (f, 1);
  g_assert_true (sc_sweep_read_run (f->sweep, 1, grid, NULL, &error));
  loaded = sc_sweep_run_load (f->sweep, f->task, 1, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->hyper.seed, ==, 0);
  g_assert_cmpfloat (loaded->hyper.unit_step, ==, 40);
  g_assert_cmpuint (loaded->steps->len, ==, 2);
  g_assert_cmpuint (loaded->edge_runs->len, ==, 2);
  g_assert_cmpuint (loaded->chosen_edge_run, ==, 1);
  for (guint e = 0; e < 2; e++)
    {
      const ScStep *step = &g_array_index (loaded->steps, ScStep, e);
      const ScGridPoint *p = g_ptr_array_index (grid->points, e);

      g_assert_cmpint (step->stage, ==, SC_STAGE_EDGES);
      g_assert_cmpfloat (step->step, ==, p->pe);
      g_assert_cmpfloat (step->target, ==, p->final_percent);
      g_assert_true (sc_mask_equal (step->snapshot->mask, p->mask));
      g_assert_nonnull (step->analysis);
      g_assert_cmpfloat (g_array_index (loaded->edge_runs, ScEdgeRun, e).pe, ==, p->pe);
    }
  g_assert_true (loaded->final == g_array_index (loaded->steps, ScStep, 1).snapshot);
  g_assert_nonnull (loaded->analysis->score);

  g_assert_null (sc_sweep_run_load (f->sweep, f->task, 1, 2, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  g_clear_error (&error);

  write_file (f, "000001.json", "[]");
  g_assert_null (sc_sweep_run_load (f->sweep, f->task, 1, 0, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "000001.json"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/sweep-table/states", Fixture, NULL, fixture_set_up, test_states,
              fixture_tear_down);
  g_test_add ("/sweep-table/choices", Fixture, NULL, fixture_set_up, test_choices,
              fixture_tear_down);
  g_test_add ("/sweep-table/run-load", Fixture, NULL, fixture_set_up, test_run_load,
              fixture_tear_down);
  return g_test_run ();
}
