/* sc-sweep-slurm.c — a sweep's runs as a Slurm job array
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "sc-error.h"
#include "sc-file.h"
#include "sc-sweep-slurm.h"

/* squeue is asked this often (its own polling, sbatch --wait, is slower). */
#define POLL_MS 500
/* A controller that does not answer for this many polls in a row (a
 * restart, a busy cluster) ends the wait. */
#define POLL_FAILURES 60

static char *
slurm_dir (const ScSweep *sweep)
{
  return g_build_filename (sweep->dir, "slurm", NULL);
}

char *
sc_sweep_slurm_array_spec (const ScSweep *sweep)
{
  g_autofree ScSweepRunState *states = sc_sweep_scan (sweep);
  guint n = sc_sweep_plan_n_runs (sweep->plan);
  GString *spec = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    {
      guint last = i;

      if (states[i] == SC_SWEEP_RUN_DONE)
        continue;
      while (last + 1 < n && states[last + 1] != SC_SWEEP_RUN_DONE)
        last++;
      g_string_append_printf (spec, spec->len ? ",%u" : "%u", i);
      if (last > i)
        g_string_append_printf (spec, "-%u", last);
      i = last;
    }
  if (spec->len == 0)
    return g_string_free (spec, TRUE), NULL;
  return g_string_free (spec, FALSE);
}

/* Runs argv; its standard output, or NULL with error naming the program
 * and what it said. */
static char *
spawn (const char * const  *argv,
       GError             **error)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) local_error = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, &local_error))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, "cannot run %s: %s", argv[0],
                   local_error->message);
      return NULL;
    }
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, "%s failed: %s", argv[0], g_strstrip (err));
      return NULL;
    }
  return g_steal_pointer (&out);
}

static gboolean
write_script (const char  *path,
              const char  *cli,
              const char  *dir,
              GError     **error)
{
  g_autofree char *cli_q = g_shell_quote (cli);
  g_autofree char *dir_q = g_shell_quote (dir);
  g_autofree char *text = g_strdup_printf (
    "#!/bin/sh\n"
    "# One run of the sweep in %s per task of the array\n"
    "# (written by sculptor-cli sweep --backend slurm).\n"
    "# OpenBLAS starts a thread per core of the node when a process loads it,\n"
    "# in every task: as many as the CPUs Slurm gave the task, unless set.\n"
    ": \"${OPENBLAS_NUM_THREADS:=${SLURM_CPUS_PER_TASK:-1}}\"\n"
    "export OPENBLAS_NUM_THREADS\n"
    "exec %s sweep-run %s \"$SLURM_ARRAY_TASK_ID\"\n", dir, cli_q, dir_q);

  if (!sc_file_write_atomic (path, text, strlen (text), error))
    return FALSE;
  if (g_chmod (path, 0755) != 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, "cannot make %s executable", path);
      return FALSE;
    }
  return TRUE;
}

static gboolean
record_job (const char  *dir,
            const char  *job_id,
            const char  *spec,
            GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "jobs", NULL);
  g_autofree char *old = NULL;
  g_autofree char *text = NULL;

  if (!g_file_get_contents (path, &old, NULL, NULL))
    old = g_strdup ("");
  text = g_strdup_printf ("%s%s %s\n", old, job_id, spec);
  return sc_file_write_atomic (path, text, strlen (text), error);
}

gboolean
sc_sweep_slurm_submit (const ScSweep       *sweep,
                       const char          *cli,
                       const char * const  *extra_args,
                       char               **job_id,
                       char               **array_spec,
                       GError             **error)
{
  g_autofree char *dir = g_canonicalize_filename (sweep->dir, NULL);
  g_autofree char *sdir = g_build_filename (dir, "slurm", NULL);
  g_autofree char *script = g_build_filename (sdir, "run.sh", NULL);
  g_autofree char *spec = sc_sweep_slurm_array_spec (sweep);
  g_autofree char *array = NULL;
  g_autofree char *output = NULL;
  g_autofree char *out = NULL;
  g_autofree char *sbatch = g_find_program_in_path ("sbatch");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_return_val_if_fail (sweep != NULL && cli != NULL && job_id != NULL, FALSE);

  if (spec == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID, "every run of %s is done", sweep->dir);
      return FALSE;
    }
  if (sbatch == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NOT_FOUND,
                   "sbatch is not in PATH: the Slurm backend needs Slurm's commands "
                   "(sbatch, squeue) on this machine");
      return FALSE;
    }
  if (g_mkdir_with_parents (sdir, 0755) != 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, "cannot create %s", sdir);
      return FALSE;
    }
  if (!write_script (script, cli, dir, error))
    return FALSE;

  array = g_strdup_printf ("--array=%s", spec);
  output = g_strdup_printf ("--output=%s/%%A_%%a.out", sdir);
  g_ptr_array_add (argv, sbatch);
  g_ptr_array_add (argv, "--parsable");
  g_ptr_array_add (argv, "--job-name=sculptor-sweep");
  g_ptr_array_add (argv, array);
  g_ptr_array_add (argv, output);
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) extra_args[i]);
  g_ptr_array_add (argv, script);
  g_ptr_array_add (argv, NULL);
  if (!(out = spawn ((const char * const *) argv->pdata, error)))
    return FALSE;

  /* "JOB_ID" or "JOB_ID;CLUSTER" */
  g_strdelimit (g_strstrip (out), ";", '\0');
  if (*out == '\0' || strspn (out, "0123456789") != strlen (out))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, "sbatch gave no job ID (it said “%s”)", out);
      return FALSE;
    }
  if (!record_job (sdir, out, spec, error))
    return FALSE;

  *job_id = g_strdup (out);
  if (array_spec)
    *array_spec = g_steal_pointer (&spec);
  return TRUE;
}

/* The states of job_id's tasks still queued or running; NULL if squeue
 * cannot say. A job Slurm no longer knows has none. */
static char **
job_states (const char *job_id)
{
  /* -r: one line per array task, pending ones too */
  const char *argv[] = { "squeue", "-h", "-r", "-j", job_id, "-o", "%T", NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
                     &status, NULL))
    return NULL;
  if (!g_spawn_check_wait_status (status, NULL))
    return strstr (err, "Invalid job id") ? g_new0 (char *, 1) : NULL;
  return g_strsplit (g_strstrip (out), "\n", -1);
}

static guint
count_done (const ScSweep *sweep)
{
  g_autofree ScSweepRunState *states = sc_sweep_scan (sweep);
  guint n = sc_sweep_plan_n_runs (sweep->plan), done = 0;

  for (guint i = 0; i < n; i++)
    done += states[i] == SC_SWEEP_RUN_DONE;
  return done;
}

gboolean
sc_sweep_slurm_wait (const ScSweep    *sweep,
                     const char       *job_id,
                     ScSweepWaitFunc   func,
                     gpointer          user_data,
                     GError          **error)
{
  guint n = sc_sweep_plan_n_runs (sweep->plan), last = G_MAXUINT, failures = 0;

  g_return_val_if_fail (sweep != NULL && job_id != NULL, FALSE);

  for (;;)
    {
      g_auto(GStrv) states = job_states (job_id);
      guint done = count_done (sweep);

      if (states == NULL && ++failures >= POLL_FAILURES)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_IO,
                       "squeue cannot say how job %s is doing", job_id);
          return FALSE;
        }
      if (states != NULL)
        failures = 0;
      if (func != NULL && done != last)
        func (done, n, user_data);
      last = done;
      if (states != NULL && (states[0] == NULL || *states[0] == '\0'))
        return TRUE;
      g_usleep (POLL_MS * 1000);
    }
}

/* The recorded job IDs, oldest first. */
static char **
recorded_jobs (const ScSweep *sweep)
{
  g_autofree char *sdir = slurm_dir (sweep);
  g_autofree char *path = g_build_filename (sdir, "jobs", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  GPtrArray *ids = g_ptr_array_new ();

  if (g_file_get_contents (path, &text, NULL, NULL))
    {
      lines = g_strsplit (text, "\n", -1);
      for (guint l = 0; lines[l] != NULL; l++)
        {
          char *space = strchr (lines[l], ' ');

          if (space != NULL && space > lines[l])
            g_ptr_array_add (ids, g_strndup (lines[l], space - lines[l]));
        }
    }
  g_ptr_array_add (ids, NULL);
  return (char **) g_ptr_array_free (ids, FALSE);
}

char *
sc_sweep_slurm_active_job (const ScSweep *sweep)
{
  g_auto(GStrv) ids = recorded_jobs (sweep);
  g_autofree char *squeue = g_find_program_in_path ("squeue");

  for (guint i = ids ? g_strv_length (ids) : 0; squeue != NULL && i-- > 0;)
    {
      g_auto(GStrv) states = job_states (ids[i]);

      if (states != NULL && states[0] != NULL && *states[0] != '\0')
        return g_strdup (ids[i]);
    }
  return NULL;
}

char *
sc_sweep_slurm_describe (const ScSweep *sweep)
{
  g_autofree char *sdir = slurm_dir (sweep);
  g_autofree char *path = g_build_filename (sdir, "jobs", NULL);
  g_autofree char *text = NULL;
  g_autofree char *squeue = g_find_program_in_path ("squeue");
  g_auto(GStrv) lines = NULL;
  GString *out = g_string_new (NULL);

  if (squeue == NULL || !g_file_get_contents (path, &text, NULL, NULL))
    return g_string_free (out, TRUE), NULL;

  lines = g_strsplit (text, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[l], " ", 2);
      g_auto(GStrv) states = NULL;
      g_autoptr(GHashTable) counts = NULL;
      GHashTableIter iter;
      gpointer key, value;

      if (fields[0] == NULL || *fields[0] == '\0' ||
          !(states = job_states (fields[0])) || states[0] == NULL || *states[0] == '\0')
        continue;
      counts = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint s = 0; states[s] != NULL; s++)
        g_hash_table_insert (counts, states[s],
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (counts,
                                                                                      states[s])) + 1));
      g_string_append_printf (out, "  job %s:", fields[0]);
      g_hash_table_iter_init (&iter, counts);
      while (g_hash_table_iter_next (&iter, &key, &value))
        g_string_append_printf (out, " %u %s", GPOINTER_TO_UINT (value), (char *) key);
      g_string_append_c (out, '\n');
    }
  if (out->len == 0)
    return g_string_free (out, TRUE), NULL;
  return g_string_free (out, FALSE);
}
