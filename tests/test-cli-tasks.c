/* test-cli-tasks.c — runs “sculptor-cli tasks” as a user would
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The path of sculptor-cli is the first non-option argument (meson passes
 * it). Expected outputs come from tasks-truth.md, not from the program. */

#include "config.h"

#include <string.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <sys/wait.h>

#include "cli-test-util.h"

static const char *cli_path;

static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  va_list args;

  va_start (args, first);
  run_cli_valist (run, cli_path, "tasks", first, args);
  va_end (args);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *s = text; *s != '\0'; s++)
    n += *s == '\n';
  return n;
}

static void
test_list (void)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;

  run_cli (&run, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");

  /* 4 exemplars + 5 reuse + 25 overlap + 5 levels + 2 MNIST, one line each */
  g_assert_cmpuint (count_lines (run.out), ==, 41);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "exemplar/input-separable "));
  g_assert_true (g_str_has_prefix (lines[4], "reuse/k2 "));
  g_assert_true (g_str_has_prefix (lines[38], "levels/k16 "));
  /* the vision tasks come last, described without their digits */
  g_assert_true (g_str_has_prefix (lines[39], "mnist/two-digits "));
  g_assert_nonnull (strstr (lines[40], " [1568,2,3,3] "));

  /* name, family, spec, then the defaults */
  g_assert_nonnull (strstr (lines[0], " Exemplars "));
  g_assert_nonnull (strstr (lines[0], " [4,2,4] "));
  g_assert_nonnull (strstr (lines[0], "arch=4,24,24,4 lr=0.05 batch-size=8 epochs=10 "
                                      "unit-step=65 edge-steps=1.5"));
  g_assert_nonnull (strstr (lines[3], "arch=6,24,24,3 lr=0.05 batch-size=32 epochs=10 "
                                      "unit-step=70 edge-steps=2.5"));
  for (guint l = 0; l < 41; l++)
    {
      g_assert_nonnull (strstr (lines[l], " arch="));
      g_assert_nonnull (strstr (lines[l], " edge-steps="));
    }
}

/* [4,2,4] from tasks-truth.md: x0x1x2x3 → y0y1y2y3, rows 0..15 */
static void
test_csv (void)
{
  static const char * const rows[] = {
    "0101", "0110", "0110", "0101", "1001", "1010", "1010", "1001",
    "1001", "1010", "1010", "1001", "0101", "0110", "0110", "0101",
  };
  g_autoptr(GString) want = g_string_new ("x0,x1,x2,x3,y0,y1,y2,y3\n");
  g_auto(Run) run = { 0 };

  for (guint r = 0; r < 16; r++)
    {
      for (guint i = 0; i < 4; i++)
        g_string_append_printf (want, "%u,", (r >> (3 - i)) & 1);
      for (guint j = 0; j < 4; j++)
        g_string_append_printf (want, j < 3 ? "%c," : "%c\n", rows[r][j]);
    }

  run_cli (&run, "exemplar/input-separable", "--csv", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, want->str);
}

static void
test_describe (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "exemplar/reused", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "exemplar/reused — Reused sub-function\n"));
  g_assert_nonnull (strstr (run.out, "Inputs (4): x0 x1 x2 x3\n"));
  g_assert_nonnull (strstr (run.out, "Nodes (3):\n"));
  g_assert_nonnull (strstr (run.out, "  y15 = b\n"));
  g_assert_nonnull (strstr (run.out, "Output groups: {y0, y2, y4, y6, y8, y10, y12, y14} "
                                     "{y1, y3, y5, y7, y9, y11, y13, y15}\n"));
  g_assert_nonnull (strstr (run.out, "  arch        4,24,24,16\n"));
  g_assert_nonnull (strstr (run.out, "  epochs      40\n"));
}

static void
test_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sculptor-test-cli-XXXXXX", &error);
  g_autofree char *csv = g_build_filename (dir, "t.csv", NULL);
  g_autofree char *sfg = g_build_filename (dir, "t.sfg", NULL);
  g_auto(Run) from_csv = { 0 };
  g_auto(Run) from_sfg = { 0 };
  g_auto(Run) describe_csv = { 0 };
  g_auto(Run) bad = { 0 };

  g_assert_no_error (error);
  g_file_set_contents (csv, "x0,x1,y0\n1,1,0\n0,1,1\n", -1, &error);
  g_assert_no_error (error);
  g_file_set_contents (sfg, "inputs a b\nnode f = xor(a, b)\noutput y = f\n"
                            "node g = and(a, q)\n", -1, &error);
  g_assert_no_error (error);

  /* a partial table comes back sorted */
  run_cli (&from_csv, csv, "--csv", NULL);
  g_assert_cmpint (from_csv.status, ==, 0);
  g_assert_cmpstr (from_csv.out, ==, "x0,x1,y0\n0,1,1\n1,1,0\n");

  run_cli (&describe_csv, csv, NULL);
  g_assert_cmpint (describe_csv.status, ==, 0);
  g_assert_nonnull (strstr (describe_csv.out, "Ground truth: unknown"));

  /* an invalid graph file: exit 1, the message names file and line */
  run_cli (&bad, sfg, NULL);
  g_assert_cmpint (bad.status, ==, 1);
  g_assert_nonnull (strstr (bad.err, "t.sfg:4: undefined name “q”"));

  g_file_set_contents (sfg, "inputs a b\nnode f = xor(a, b)\noutput y = f\n", -1, &error);
  g_assert_no_error (error);
  run_cli (&from_sfg, sfg, "--csv", NULL);
  g_assert_cmpint (from_sfg.status, ==, 0);
  g_assert_cmpstr (from_sfg.out, ==, "x0,x1,y0\n0,0,0\n0,1,1\n1,0,1\n1,1,0\n");

  g_unlink (csv);
  g_unlink (sfg);
  g_rmdir (dir);
}

static void
test_errors (void)
{
  static const struct
  {
    const char *args[3];
    int         status;
    const char *fragment;
  } cases[] = {
    { { "--bogus", NULL }, 2, "--bogus" },
    { { "reuse/k2", "reuse/k4", NULL }, 2, "at most one task" },
    { { "--csv", NULL }, 2, "--csv needs a task name" },
    { { "no/such-task", NULL }, 1, "unknown task “no/such-task”" },
    { { "no/such-task", "--csv", NULL }, 1, "unknown task" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_auto(Run) run = { 0 };

      run_cli (&run, cases[c].args[0], cases[c].args[1], cases[c].args[2], NULL);
      g_test_message ("case %u: %d %s", c, run.status, run.err);
      g_assert_cmpint (run.status, ==, cases[c].status);
      g_assert_cmpstr (run.out, ==, "");
      /* one line, prefixed with the program name */
      g_assert_true (g_str_has_prefix (run.err, "sculptor-cli: "));
      g_assert_cmpuint (count_lines (run.err), ==, 1);
      g_assert_nonnull (strstr (run.err, cases[c].fragment));
    }
}

static void
test_help (void)
{
  g_auto(Run) run = { 0 };

  run_cli (&run, "--help", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "--csv"));
  g_assert_nonnull (strstr (run.out, "NAME|FILE"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (argc < 2)
    {
      g_printerr ("usage: %s PATH-TO-SCULPTOR-CLI\n", argv[0]);
      return 1;
    }
  cli_path = argv[1];

  g_test_add_func ("/cli/tasks/list", test_list);
  g_test_add_func ("/cli/tasks/csv", test_csv);
  g_test_add_func ("/cli/tasks/describe", test_describe);
  g_test_add_func ("/cli/tasks/files", test_files);
  g_test_add_func ("/cli/tasks/errors", test_errors);
  g_test_add_func ("/cli/tasks/help", test_help);

  return g_test_run ();
}
