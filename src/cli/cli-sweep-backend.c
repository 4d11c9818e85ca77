/* cli-sweep-backend.c — sculptor-cli sweep: handing the runs to a backend
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "cli.h"
#include "cli-sweep.h"
#include "sc-sweep-slurm.h"

/* The array tasks run this very program, on every node at this path. */
static char *
own_path (void)
{
  g_autofree char *link = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *found = NULL;

  if (link != NULL)
    return g_steal_pointer (&link);
  found = g_find_program_in_path ("sculptor-cli");
  return found ? g_canonicalize_filename (found, NULL) : g_strdup ("sculptor-cli");
}

static void
print_waiting (guint    n_done,
               guint    n_runs,
               gpointer user_data)
{
  g_print (_("[sweep] %u/%u runs done\n"), n_done, n_runs);
}

int
cli_sweep_slurm (const ScSweep      *sweep,
                 const char * const *sbatch_args,
                 gboolean            detach,
                 gboolean            quiet)
{
  g_autofree char *cli = own_path ();
  g_autofree char *job_id = NULL;
  g_autofree char *spec = NULL;
  g_autofree char *left = NULL;
  g_autoptr(GError) error = NULL;

  if ((spec = sc_sweep_slurm_array_spec (sweep)) == NULL)
    return CLI_SWEEP_MERGE;
  g_clear_pointer (&spec, g_free);

  /* A job submitted before is still at work: its runs are not submitted
   * twice; the command waits for it (or, detached, leaves it be). */
  if ((job_id = sc_sweep_slurm_active_job (sweep)) != NULL)
    g_print (_("Slurm job %s of %s is still queued or running\n"), job_id, sweep->dir);
  else if (sc_sweep_slurm_submit (sweep, cli, sbatch_args, &job_id, &spec, &error))
    g_print (_("Submitted Slurm job %s: runs %s of %s\n"), job_id, spec, sweep->dir);
  else
    {
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }
  if (detach)
    {
      g_print (_("“sculptor-cli sweep-status %s” says how far it is; the same sweep command "
                 "merges once the runs are done\n"), sweep->dir);
      return CLI_EXIT_OK;
    }

  if (!sc_sweep_slurm_wait (sweep, job_id, quiet ? NULL : print_waiting, NULL, &error))
    {
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }
  if ((left = sc_sweep_slurm_array_spec (sweep)) != NULL)
    {
      g_autofree ScSweepRunState *states = sc_sweep_scan (sweep);
      guint n = sc_sweep_plan_n_runs (sweep->plan), pending = 0;

      for (guint i = 0; i < n; i++)
        pending += states[i] == SC_SWEEP_RUN_PENDING;
      /* failed runs are merged (and counted); runs left without a trace
       * were killed, timed out or never started */
      if (pending > 0)
        {
          g_printerr (_("sculptor-cli: job %s ended with %u runs not done (their array tasks "
                        "were killed, timed out or did not start); the same command submits "
                        "them again\n"), job_id, pending);
          return CLI_EXIT_FAILED;
        }
    }
  return CLI_SWEEP_MERGE;
}
