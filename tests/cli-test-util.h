/* cli-test-util.h — running sculptor-cli from a test
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdarg.h>
#include <sys/wait.h>

#include <glib.h>

/* What a run of the CLI left: its exit code and its output. */
typedef struct
{
  int   status;   /* exit code, -1 if it did not exit */
  char *out;
  char *err;
} Run;

static inline void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

/* Runs cli with command (or none) and the arguments from first on, up to
 * NULL, and waits for it. */
static inline void
run_cli_valist (Run        *run,
                const char *cli,
                const char *command,
                const char *first,
                va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  if (command != NULL)
    g_ptr_array_add (argv, (char *) command);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  g_ptr_array_add (argv, NULL);

  run_clear (run);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &run->out, &run->err, &wait_status, &error));
  g_assert_no_error (error);
  run->status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
}

/* Runs $SCULPTOR_CLI (meson test sets it) with the arguments up to NULL. */
static inline void
spawn (Run        *run,
       const char *first,
       ...)
{
  va_list args;

  va_start (args, first);
  run_cli_valist (run, g_getenv ("SCULPTOR_CLI"), NULL, first, args);
  va_end (args);
}
