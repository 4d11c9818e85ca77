/* cli-replay.c — sculptor-cli replay
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* sculptor-cli replay TRACE.json[.gz] [--lockstep] [--blas plain|openblas]
 *                     [--no-compaction] [--dense-only]
 *                     [--loss-rtol X] [--param-atol X]
 *
 * Replays a lockstep trace of the reference code (the oracle's traces) through
 * Sculptor's own pipeline fed with the trace's initial weights and recorded
 * mini-batches, compares every recorded number and prints a compact report;
 * on failure the first divergence, precisely.
 *
 * Exit status: 0 when everything matched within tolerance, 1 on a
 * divergence or an unreadable trace, 2 for bad arguments. */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli.h"
#include "sc-replay.h"

int
cli_replay (int    argc,
            char **argv)
{
  gboolean lockstep = FALSE, no_compaction = FALSE, dense_only = FALSE;
  g_autofree char *blas = NULL;
  double loss_rtol = -1, param_atol = -1;
  GOptionEntry entries[] = {
    { "lockstep", 0, 0, G_OPTION_ARG_NONE, &lockstep,
      N_("Start every run from the trace's parameters instead of Sculptor's own"), NULL },
    { "blas", 0, 0, G_OPTION_ARG_STRING, &blas,
      N_("Products: portable (default) or plain, both in the reference's summation order, "
         "or openblas"), N_("NAME") },
    { "no-compaction", 0, 0, G_OPTION_ARG_NONE, &no_compaction,
      N_("Keep pruned units in the matrices"), NULL },
    { "dense-only", 0, 0, G_OPTION_ARG_NONE, &dense_only,
      N_("No sparse kernels"), NULL },
    { "loss-rtol", 0, 0, G_OPTION_ARG_DOUBLE, &loss_rtol,
      N_("Relative tolerance of losses, scores and thresholds (default 1e-5)"), N_("X") },
    { "param-atol", 0, 0, G_OPTION_ARG_DOUBLE, &param_atol,
      N_("Absolute tolerance of weights and biases (default 1e-6)"), N_("X") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("TRACE.json[.gz]"));
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTrace) trace = NULL;
  g_autoptr(ScReplayReport) report = NULL;
  g_autofree char *text = NULL;
  ScReplayOptions options;

  g_option_context_set_summary (context,
    _("Replays a trace recorded from the original PyTorch code through Sculptor's own\n"
      "training, scoring and pruning, fed with the trace's initial weights and\n"
      "mini-batches, and compares every recorded number."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("%s", error->message);
  if (argc != 2)
    return cli_usage_error (_("replay needs exactly one trace file (try --help)"));

  sc_replay_options_init (&options);
  options.mode = lockstep ? SC_REPLAY_LOCKSTEP : SC_REPLAY_CHAIN;
  options.no_compaction = no_compaction;
  options.dense_only = dense_only;
  if (blas && !sc_backend_from_string (blas, &options.backend))
    return cli_usage_error (_("--blas: unknown “%s” (portable, openblas or plain)"), blas);
  if (loss_rtol >= 0)
    options.loss_rtol = loss_rtol;
  if (param_atol >= 0)
    options.param_atol = param_atol;

  if (!(trace = sc_trace_load (argv[1], &error)))
    {
      fprintf (stderr, "sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }
  if (!(report = sc_replay_run (trace, &options, &error)))
    {
      fprintf (stderr, "sculptor-cli: %s: %s\n", argv[1], error->message);
      return CLI_EXIT_FAILED;
    }

  text = sc_replay_report_format (report, trace);
  printf ("%s\n", text);
  return report->ok ? CLI_EXIT_OK : CLI_EXIT_FAILED;
}
