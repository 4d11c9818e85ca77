/* cli-sweep-run.c — sculptor-cli sweep-run and sweep-status
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* sculptor-cli sweep-run DIR INDEX: one run of the sweep in DIR (what a
 * Slurm array task does); sculptor-cli sweep-status DIR: how far the sweep
 * is, from its directory alone. */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cli.h"
#include "cli-sweep.h"
#include "sc-linalg.h"

static ScSweep *
open_sweep (const char  *dir,
            GError     **error)
{
  g_autofree char *plan = g_build_filename (dir, "plan.json", NULL);

  if (!g_file_test (plan, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                   _("%s is not a sweep directory (no plan.json): “sculptor-cli sweep TASK "
                     "--out %s” makes one"), dir, dir);
      return NULL;
    }
  return sc_sweep_open (dir, NULL, error);
}

int
cli_sweep_run (int    argc,
               char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSweep) sweep = NULL;
  g_autoptr(ScTask) task = NULL;
  g_autofree ScSweepRunState *states = NULL;
  ScSweepOutcome outcome;
  guint64 index;
  guint n;

  context = g_option_context_new (_("DIR INDEX — one run of a sweep"));
  g_option_context_set_summary (context,
    _("Does run INDEX of the sweep in DIR and writes its result file there: what each\n"
      "task of a Slurm job array does (sculptor-cli sweep --backend slurm). A run that\n"
      "is done already is left as it is."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("%s", error->message);
  if (argc != 3)
    return cli_usage_error (_("sweep-run needs a sweep directory and a run index (try --help)"));
  if (!(sweep = open_sweep (argv[1], &error)))
    {
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }
  n = sc_sweep_plan_n_runs (sweep->plan);
  if (!g_ascii_string_to_unsigned (argv[2], 10, 0, n - 1, &index, NULL))
    return cli_usage_error (_("INDEX must be a run of the sweep, from 0 to %u, not “%s”"),
                            n - 1, argv[2]);

  states = sc_sweep_scan (sweep);
  if (states[index] == SC_SWEEP_RUN_DONE)
    {
      g_print (_("Run %u of %s is done\n"), (guint) index, sweep->dir);
      return CLI_EXIT_OK;
    }
  if (!(task = sc_task_source_load (&sweep->plan->task, &error)))
    {
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }

  sc_linalg_init (1);
  /* "[sweep] INDEX+1/RUNS …", as the local backend's lines */
  if (!sc_sweep_run_one (sweep, task, (guint) index, &outcome, &error))
    {
      cli_sweep_print_progress (&outcome, (guint) index + 1, n, sweep);
      return CLI_EXIT_FAILED;
    }
  cli_sweep_print_progress (&outcome, (guint) index + 1, n, sweep);
  return CLI_EXIT_OK;
}

int
cli_sweep_status (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScSweep) sweep = NULL;

  context = g_option_context_new (_("DIR — how far a sweep is"));
  g_option_context_set_summary (context,
    _("Counts the runs of the sweep in DIR that are done, failed or not done yet, from\n"
      "the directory alone, and lists the failed ones with why. Doing the sweep again\n"
      "(the same sculptor-cli sweep command) does the runs that are not done."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("%s", error->message);
  if (argc != 2)
    return cli_usage_error (_("sweep-status needs a sweep directory (try --help)"));
  if (!(sweep = open_sweep (argv[1], &error)))
    {
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }

  cli_sweep_print_status (sweep);
  return CLI_EXIT_OK;
}
