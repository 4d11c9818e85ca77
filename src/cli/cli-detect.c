/* cli-detect.c — sculptor-cli detect
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* sculptor-cli detect FILE.jsonl [--out OUT.jsonl]
 *
 * Batch module detection (method.md §5) on masks from anywhere, one JSON
 * object per line in and out (cli-detect-batch.c).
 *
 * Exit status: 0 when every line succeeded, 1 when some line failed or the
 * input cannot be read or the output written, 2 for bad arguments. */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli.h"
#include "sc-error.h"
#include "sc-file.h"

static gboolean
read_input (const char  *filename,
            char       **contents,
            GError     **error)
{
  g_autoptr(GString) text = NULL;
  char buffer[65536];
  size_t n;

  if (g_strcmp0 (filename, "-") != 0)
    return sc_file_read_text (filename, SC_FILE_LIMIT_JSON, contents, error);

  /* A pipe is what "-" asks for; its size is still bounded. */
  text = g_string_new (NULL);
  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    {
      g_string_append_len (text, buffer, n);
      if ((goffset) text->len > SC_FILE_LIMIT_JSON)
        {
          g_autofree char *most = sc_file_format_size (SC_FILE_LIMIT_JSON);

          g_set_error (error, SC_ERROR, SC_ERROR_IO, _("standard input holds more than %s"), most);
          return FALSE;
        }
    }
  if (ferror (stdin))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("could not read standard input"));
      return FALSE;
    }

  *contents = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

static gboolean
write_output (const char  *out_path,
              GString     *out,
              GError     **error)
{
  if (out_path == NULL)
    {
      fwrite (out->str, 1, out->len, stdout);
      return fflush (stdout) == 0;
    }

  return sc_file_write_atomic (out_path, out->str, out->len, error);
}

int
cli_detect (int    argc,
            char **argv)
{
  g_autofree char *out_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path,
      N_("Write the results to OUT.jsonl (atomically) instead of standard output"),
      N_("OUT.jsonl") },
    { NULL }
  };
  guint n_failed;

  context = g_option_context_new (_("FILE.jsonl — detect modules in pruned masks"));
  g_option_context_set_summary (context,
    _("Runs the paper's module detection on every line of FILE.jsonl (\"-\" reads\n"
      "standard input). A line holds \"arch\", \"edges_by_layer\" and optionally\n"
      "\"feature_step_size\", \"clusterability_step_size\", \"mm_threshold\" and\n"
      "\"cluster_merging_threshold\"; each result line holds the kept units, both\n"
      "partitions, the modules, the hierarchy and the Newman modularity Q."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("%s", error->message);
  if (argc != 2)
    return cli_usage_error (_("detect needs exactly one input file (try --help)"));

  if ((out_path != NULL && !cli_check_out_file (out_path, &error)) ||
      !read_input (argv[1], &contents, &error))
    {
      fprintf (stderr, "sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }

  n_failed = cli_detect_batch (argv[1], contents, out);

  if (!write_output (out_path, out, &error))
    {
      fprintf (stderr, "sculptor-cli: %s\n",
               error != NULL ? error->message : _("could not write standard output"));
      return CLI_EXIT_FAILED;
    }

  return n_failed > 0 ? CLI_EXIT_FAILED : CLI_EXIT_OK;
}
