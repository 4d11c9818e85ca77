/* test-cli-run.c — sculptor-cli run and render, end to end
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"
#include "fs-test-util.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-test-util.h"

static JsonObject *
load_result (const char  *dir,
             JsonParser **parser)
{
  g_autofree char *path = g_build_filename (dir, "result.json", NULL);
  g_autoptr(GError) error = NULL;

  *parser = json_parser_new ();
  g_assert_true (json_parser_load_from_file (*parser, path, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (*parser));
}

/* The figures parse as XML and render with rsvg-convert. */
static void
check_svg (const char *dir,
           const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *png = g_strconcat (path, ".png", NULL);
  g_autofree char *lint = g_find_program_in_path ("xmllint");
  g_autofree char *rsvg = g_find_program_in_path ("rsvg-convert");
  g_autofree char *contents = NULL;
  int status;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "<?xml"));
  g_assert_nonnull (strstr (contents, "<svg"));

  if (lint)
    {
      const char *argv[] = { lint, "--noout", path, NULL };

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL,
                                   NULL, NULL, NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  if (rsvg)
    {
      const char *argv[] = { rsvg, path, "-o", png, NULL };
      GStatBuf st;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                                   NULL, NULL, &status, NULL));
      g_assert_true (g_spawn_check_wait_status (status, NULL));
      g_assert_cmpint (g_stat (png, &st), ==, 0);
      g_assert_cmpint (st.st_size, >, 1000);
    }
}

static void
test_run_input_separable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sculptor-cli-XXXXXX", NULL);
  g_autofree char *again = g_build_filename (dir, "again", NULL);
  g_auto(Run) run = { 0 };
  g_auto(Run) render = { 0 };
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *result, *score;
  JsonArray *history;
  const char *required[] = {
    "task", "seed", "lr", "batch_size", "epochs", "unit_step", "edge_steps", "threshold",
    "arch", "final_arch", "final_accuracy", "unit_sparsity", "edge_sparsity",
    "edges_by_layer", "history", "seconds", "kept_units", "partition_premerge",
    "partition_merged", "modules", "hierarchy", "modularity_q", "score",
  };

  spawn (&run, "run", "exemplar/input-separable", "--arch", "4,24,4", "--epochs", "15",
         "--unit-step", "70", "--edge-steps", "2.5", "--seed", "0", "--out", dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* live progress lines and the summary */
  g_assert_nonnull (strstr (run.out, "[units ] Pu 70"));
  g_assert_nonnull (strstr (run.out, "accepted"));
  g_assert_nonnull (strstr (run.out, "structure recovered"));

  result = load_result (dir, &parser);
  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    if (!json_object_has_member (result, required[i]))
      g_error ("result.json lacks %s", required[i]);
  g_assert_cmpstr (json_object_get_string_member (result, "task"), ==, "exemplar/input-separable");
  g_assert_cmpfloat (json_object_get_double_member (result, "final_accuracy"), ==, 100.0);
  g_assert_cmpfloat (json_object_get_double_member (result, "edge_sparsity"), >, 85.0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (result, "modules")),
                    ==, 2);
  score = json_object_get_object_member (result, "score");
  g_assert_true (json_object_get_boolean_member (score, "success"));
  history = json_object_get_array_member (result, "history");
  g_assert_cmpuint (json_array_get_length (history), >, 5);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (history, 1),
                                                  "stage"), ==, "units");
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (history, 1),
                                                    "target"), ==, 70.0);

  check_svg (dir, "network.svg");
  check_svg (dir, "hierarchy.svg");

  /* render re-draws the figures from the saved result */
  {
    g_autofree char *path = g_build_filename (dir, "result.json", NULL);

    spawn (&render, "render", path, "--out", again, NULL);
    g_assert_cmpint (render.status, ==, 0);
    check_svg (again, "network.svg");
    check_svg (again, "hierarchy.svg");
  }

  remove_tree (dir);
}

/* [6,3,3,3] with its paper defaults: three input modules, three outputs. */
static void
test_run_separable_reused (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sculptor-cli-XXXXXX", NULL);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = NULL;
  JsonObject *result;

  spawn (&run, "run", "exemplar/separable-reused", "--quiet", "--out", dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  result = load_result (dir, &parser);
  g_assert_true (json_object_get_boolean_member (json_object_get_object_member (result, "score"),
                                                 "success"));
  remove_tree (dir);
}

/* The authors' grid: every (seed, Pu), the sparsest per seed detected. */
static void
test_sweep (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sculptor-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sweep.json", NULL);
  g_autofree char *grid_path = g_build_filename (dir, "grid.jsonl", NULL);
  g_autofree char *figure = g_build_filename (dir, "seed-1", "network.svg", NULL);
  g_autofree char *grid_text = NULL;
  g_auto(GStrv) lines = NULL;
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *cell, *rules;
  JsonArray *choices;
  double best = -1;

  spawn (&run, "sweep", "exemplar/separable-reused", "--seeds", "0,1", "--unit-steps", "70,40",
         "--select", "sparsest", "--jobs", "2", "--quiet", "--out", dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "seeds"));
  g_assert_nonnull (strstr (run.out, "Recovered by rule: sparsest"));
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "select"), ==, "sparsest");
  cell = json_array_get_object_element (json_object_get_array_member (root, "cells"), 0);
  choices = json_object_get_array_member (cell, "choices");
  g_assert_cmpuint (json_array_get_length (choices), ==, 2);

  /* grid.jsonl, in the original's grid format: 2 seeds × 2 Pu × 5 Pe */
  g_assert_true (g_file_get_contents (grid_path, &grid_text, NULL, NULL));
  lines = g_strsplit (g_strstrip (grid_text), "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 20);

  /* seed 1's choice is the sparsest of its networks that pass */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(JsonNode) node = json_from_string (lines[i], &error);
      JsonObject *g = json_node_get_object (node);

      g_assert_no_error (error);
      if (json_object_get_int_member (g, "seed") == 1 &&
          json_object_get_boolean_member (g, "meets_threshold"))
        best = MAX (best, json_object_get_double_member (g, "final_percent"));
    }
  g_assert_cmpfloat (json_object_get_double_member (json_array_get_object_element (choices, 1),
                                                    "final_percent"), ==, best);
  g_assert_true (json_object_has_member (json_array_get_object_element (choices, 1), "score"));
  g_assert_true (g_file_test (figure, G_FILE_TEST_EXISTS));

  /* every rule's tally is there */
  rules = json_object_get_object_member (root, "rules");
  g_assert_true (json_object_has_member (rules, "consensus"));
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (rules, "modularity"),
                                               "seeds"), ==, 2);
  remove_tree (dir);
}

/* One epoch never reaches 100 %: no unit step is accepted, so no (seed, Pu)
 * has a result, as in the reference; the sweep says so and fails nothing. */
static void
test_sweep_no_result (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sculptor-cli-XXXXXX", NULL);
  g_autofree char *grid_path = g_build_filename (dir, "grid.jsonl", NULL);
  g_autofree char *grid_text = NULL;
  g_auto(Run) run = { 0 };

  spawn (&run, "sweep", "exemplar/input-separable", "--seeds", "0", "--unit-steps", "70",
         "--epochs", "1", "--lr", "0.001", "--quiet", "--out", dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "no network passes the accuracy threshold"));
  g_assert_null (strstr (run.err, "CRITICAL"));
  g_assert_true (g_file_get_contents (grid_path, &grid_text, NULL, NULL));
  g_assert_nonnull (strstr (grid_text, "\"no_result\":true"));
  /* the default rule */
  g_assert_nonnull (strstr (run.out, "networks chosen by modular-consensus"));
  remove_tree (dir);
}

/* --paper: one cell per architecture of the paper's table, each with the
 * authors' settings; bad combinations are usage errors. */
static void
test_sweep_paper (void)
{
  g_autofree char *dir = g_dir_make_tmp ("sculptor-cli-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "sweep.json", NULL);
  g_autofree char *grid_path = g_build_filename (dir, "4-36-4", "grid.jsonl", NULL);
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *cells;
  JsonObject *cell;

  spawn (&run, "sweep", "reuse/k4", "--paper", "--hidden", "1", "--widths", "36,48",
         "--seeds", "0", "--unit-steps", "70", "--select", "consensus", "--jobs", "2",
         "--quiet", "--out", dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  cells = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "cells");
  g_assert_cmpuint (json_array_get_length (cells), ==, 2);
  cell = json_array_get_object_element (cells, 0);
  /* the paper's 4-36-4 row of [4,1,2,4]: lr 0.1, batch 8, 20 epochs */
  g_assert_cmpstr (json_object_get_string_member (cell, "arch_label"), ==, "4-36-4");
  g_assert_cmpfloat (json_object_get_double_member (cell, "lr"), ==, 0.1);
  g_assert_cmpint (json_object_get_int_member (cell, "batch_size"), ==, 8);
  g_assert_cmpint (json_object_get_int_member (cell, "epochs"), ==, 20);
  g_assert_true (g_file_test (grid_path, G_FILE_TEST_EXISTS));
  remove_tree (dir);

  {
    struct { const char *a, *b, *c; const char *fragment; } cases[] = {
      { "--paper", "--lr", "0.1", "--paper sets arch" },
      { "--hidden", "2", NULL, "add --paper" },
      { "--select", "best", NULL, "--select must be" },
      { "--paper", "--hidden", "7", "no architecture" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_auto(Run) bad = { 0 };

        spawn (&bad, "sweep", "reuse/k4", cases[i].a, cases[i].b, cases[i].c, NULL);
        g_assert_cmpint (bad.status, ==, 2);
        if (!strstr (bad.err, cases[i].fragment))
          g_error ("case %u: “%s” lacks “%s”", i, bad.err, cases[i].fragment);
      }
  }
}

static void
test_run_bad_arguments (void)
{
  struct { const char *a, *b, *c; int status; const char *fragment; } cases[] = {
    { "exemplar/input-separable", "--lr", "fast", 2, "--lr must be a number" },
    { "exemplar/input-separable", "--arch", "5,24,4", 2, "inputs" },
    { "exemplar/input-separable", "--edge-steps", "0", 2, "edge-steps" },
    { "exemplar/input-separable", "--threads", "0", 2, "--threads" },
    { "exemplar/input-separable", "--alt-detector", "kmeans", 2, "louvain" },
    { "exemplar/input-separable", "--no-such-option", NULL, 2, "Unknown option" },
    { "no/such-task", NULL, NULL, 1, "unknown task" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      spawn (&run, "run", cases[i].a, cases[i].b, cases[i].c, NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      if (!strstr (run.err, cases[i].fragment))
        g_error ("case %u: “%s” lacks “%s”", i, run.err, cases[i].fragment);
      /* one line */
      g_assert_cmpint (strchr (run.err, '\n') - run.err, ==, (int) strlen (run.err) - 1);
    }
}

/* sweep and detect, like run, refuse what would fail before any work. */
static void
test_sweep_detect_refuse_early (void)
{
  struct { const char *args[7]; int status; const char *fragment; } cases[] = {
    { { "sweep", "exemplar/input-separable", "--arch", "4,4000,4000,4", "--memory-limit", "1G" },
      2, "more than the limit of 1.0 GiB (--memory-limit)" },
    { { "sweep", "exemplar/input-separable", "--memory-limit", "lots" },
      2, "--memory-limit: “lots” is not a memory size" },
    { { "sweep", "exemplar/input-separable", "--seeds", "0", "--out", "/dev/null/sweep" },
      1, "cannot create the directory /dev/null/sweep" },
    { { "detect", "--out", "/dev/null/out.jsonl", "-" },
      1, "cannot write /dev/null/out.jsonl: /dev/null is not a directory" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(Run) run = { 0 };

      spawn (&run, cases[i].args[0], cases[i].args[1], cases[i].args[2], cases[i].args[3],
             cases[i].args[4], cases[i].args[5], NULL);
      g_assert_cmpint (run.status, ==, cases[i].status);
      if (!strstr (run.err, cases[i].fragment))
        g_error ("case %u: “%s” lacks “%s”", i, run.err, cases[i].fragment);
      /* refused before any run: nothing printed on standard output */
      g_assert_cmpstr (run.out, ==, "");
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-run/input-separable", test_run_input_separable);
  g_test_add_func ("/cli-run/separable-reused", test_run_separable_reused);
  g_test_add_func ("/cli-run/bad-arguments", test_run_bad_arguments);
  g_test_add_func ("/cli-run/sweep", test_sweep);
  g_test_add_func ("/cli-run/refuse-early", test_sweep_detect_refuse_early);
  g_test_add_func ("/cli-run/sweep-paper", test_sweep_paper);
  g_test_add_func ("/cli-run/sweep-no-result", test_sweep_no_result);

  return g_test_run ();
}
