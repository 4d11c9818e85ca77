/* cli-report.c — sculptor-cli report: the paper's figures from sweeps
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli.h"
#include "sc-error.h"
#include "sc-file.h"
#include "sc-render-report.h"
#include "sc-report.h"

typedef struct
{
  char  *out_dir;
  char  *select;
  char **sweeps;
} ReportArgs;

static void
report_args_clear (ReportArgs *args)
{
  g_free (args->out_dir);
  g_free (args->select);
  g_strfreev (args->sweeps);
}

static int
parse_args (int           argc,
            char        **argv,
            ReportArgs   *args,
            ScSelectRule *rule)
{
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &args->out_dir,
      N_("Directory for report.csv and the figures (default sculptor-out/report)"), N_("DIR") },
    { "select", 0, 0, G_OPTION_ARG_STRING, &args->select,
      N_("Whose choices to count: sparsest, consensus, modularity, stable or "
         "modular-consensus (default)"), N_("RULE") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args->sweeps, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("SWEEP_DIR… — the paper's "
                                                              "success-rate figures"));
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context,
    _("Reads sweeps (sculptor-cli sweep --out DIR) of the bundled Boolean tasks and draws\n"
      "the paper's success-rate figures, Sculptor's rates beside the paper's, as SVG and\n"
      "PDF, with the table as report.csv. Sweeps of the same task pool."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("%s", error->message);
  if (args->sweeps == NULL || args->sweeps[0] == NULL)
    return cli_usage_error (_("report needs at least one SWEEP_DIR (try --help)"));
  *rule = SC_SELECT_DEFAULT;
  if (args->select && !sc_select_rule_parse (args->select, rule))
    return cli_usage_error (_("--select must be sparsest, consensus, modularity, stable or "
                              "modular-consensus, not “%s”"), args->select);
  return CLI_EXIT_OK;
}

/* "reuse: 53/72 recovered; the paper's rates give 57/72" */
static void
print_summary (const ScReport *report,
               ScReportFigure  figure)
{
  guint ours = 0, n = 0, n_paper = 0;
  double paper = 0.0;

  for (guint i = 0; i < report->points->len; i++)
    {
      const ScReportPoint *p = g_ptr_array_index (report->points, i);

      if (p->figure != figure)
        continue;
      ours += p->recovered;
      n += p->networks;
      if (isfinite (p->paper))
        {
          paper += p->paper * p->networks;
          n_paper += p->networks;
        }
    }
  g_print (_("%-16s %u of %u criteria met"), sc_report_figure_name (figure), ours, n);
  if (n_paper > 0)
    g_print (_("; at the paper's rates %.0f of %u"), paper, n_paper);
  g_print ("\n");
}

static gboolean
write_files (const ScReport *report,
             const char     *out_dir,
             GPtrArray      *written,
             GError        **error)
{
  g_autofree char *csv = sc_report_to_csv (report);
  g_autofree char *csv_path = g_build_filename (out_dir, "report.csv", NULL);

  if (!sc_file_write_atomic (csv_path, csv, strlen (csv), error))
    return FALSE;
  g_ptr_array_add (written, g_steal_pointer (&csv_path));

  for (guint f = 0; f < SC_REPORT_N_FIGURES; f++)
    for (guint k = 0; k < 2 && sc_report_has_figure (report, f); k++)
      {
        ScExportFormat format = k == 0 ? SC_EXPORT_SVG : SC_EXPORT_PDF;
        g_autofree char *name = g_strdup_printf ("%s.%s", sc_report_figure_name (f),
                                                 sc_export_format_extension (format));
        g_autofree char *path = g_build_filename (out_dir, name, NULL);

        if (!sc_render_export_report (format, path, report, f, error))
          return FALSE;
        g_ptr_array_add (written, g_steal_pointer (&path));
      }
  return TRUE;
}

int
cli_report (int    argc,
            char **argv)
{
  ReportArgs args = { 0, };
  g_autoptr(ScReport) report = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  ScSelectRule rule;
  int status;

  if ((status = parse_args (argc, argv, &args, &rule)) != CLI_EXIT_OK)
    {
      report_args_clear (&args);
      return status;
    }

  /* Every sweep is read before anything is written. */
  report = sc_report_new (rule);
  for (guint i = 0; args.sweeps[i] != NULL && error == NULL; i++)
    sc_report_add_sweep (report, args.sweeps[i], &error);
  if (error == NULL && report->points->len == 0)
    g_set_error (&error, SC_ERROR, SC_ERROR_INVALID, _("the sweeps hold no architecture"));
  if (error == NULL &&
      cli_prepare_out_dir (args.out_dir ? args.out_dir : "sculptor-out/report", &error))
    write_files (report, args.out_dir ? args.out_dir : "sculptor-out/report", written, &error);
  report_args_clear (&args);
  if (error != NULL)
    {
      fprintf (stderr, "sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }

  g_print (_("Networks chosen by %s, %u sweeps:\n"), sc_select_rule_name (rule),
           report->sweeps->len);
  for (guint f = 0; f < SC_REPORT_N_FIGURES; f++)
    if (sc_report_has_figure (report, f))
      print_summary (report, f);
  for (guint i = 0; i < written->len; i++)
    g_print ("%s\n", (const char *) g_ptr_array_index (written, i));
  return CLI_EXIT_OK;
}
