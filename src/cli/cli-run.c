/* cli-run.c — sculptor-cli run: the whole method on one task, headless
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <unistd.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cli.h"
#include "sc-error.h"
#include "sc-graph.h"
#include "sc-linalg.h"
#include "sc-memory.h"
#include "sc-mnist.h"
#include "sc-pipeline.h"
#include "sc-result.h"

typedef struct
{
  CliMethodArgs method;
  char      *out_dir;
  gboolean   quiet;
  gboolean   plain_c;
  char      *blas;
  int        threads;
  gboolean   graphml;
  gboolean   snapshots;
  char      *alt_detector;
  char      *memory_limit;
  gboolean   progress_shown;   /* an epoch line is on the terminal */
} RunArgs;

static const char *
stage_tag (ScStage stage)
{
  switch (stage)
    {
    case SC_STAGE_DENSE: return "dense ";
    case SC_STAGE_UNITS: return "units ";
    case SC_STAGE_EDGES: return "edges ";
    default:             return "detect";
    }
}

static void
print_step (const ScEvent *event)
{
  const ScStep *step = event->step;
  const ScHyper *hyper = &event->run->hyper;
  guint hidden = 0;
  const char *verdict;

  for (guint l = 1; l + 1 < hyper->arch->len; l++)
    hidden += g_array_index (hyper->arch, guint, l);

  if (step->retrain_only)
    verdict = _("trained");
  else if (!step->trained)
    verdict = _("rejected (target ≥ 100%, not trained)");
  else
    verdict = step->accepted ? _("accepted") : _("rejected");

  /* Translators: the step columns of "sculptor-cli run"; keep the widths
   * (%-4g, %3u, %7.3f…) so that the columns stay aligned. */
  if (step->retrain_only)
    g_print ("[%s] %-31s", stage_tag (step->stage), "");
  else if (step->edge_run >= 0)
    g_print (_("[%s] Pe %-4g step %3u  target %7.3f%%  "), stage_tag (step->stage),
             step->step, event->run->steps->len, step->target);
  else
    g_print (_("[%s] Pu %-4g step %3u  target %7.3f%%  "), stage_tag (step->stage),
             step->step, event->run->steps->len, step->target);

  if (step->trained)
    g_print (_("acc %7.3f%%  density %7.4f  hidden %4u/%-4u  %6.2fs  %s\n"),
             step->accuracy, step->density, step->hidden_units, hidden, step->seconds, verdict);
  else
    g_print ("%s\n", verdict);
}

static void
on_event (const ScEvent *event,
          gpointer       user_data)
{
  RunArgs *args = user_data;

  if (args->quiet)
    return;

  switch (event->kind)
    {
    case SC_EVENT_STAGE:
      if (event->stage != SC_STAGE_DONE)
        g_print ("== %s ==\n", sc_stage_label (event->stage));
      break;
    case SC_EVENT_STEP:
      if (args->progress_shown)
        g_print ("\r\033[K");   /* the epoch line makes room for the step */
      args->progress_shown = FALSE;
      print_step (event);
      break;
    case SC_EVENT_EPOCH:
      /* Long trainings (MNIST) show their epochs on a terminal, on one
       * line that the step's line then replaces. */
      g_print ("\r\033[K[%s] epoch %u/%u  acc %.3f%%", stage_tag (event->stage),
               event->epoch, event->n_epochs, event->eval->accuracy);
      args->progress_shown = TRUE;
      break;
    case SC_EVENT_DETECTION:
    case SC_EVENT_DONE:
    default:
      break;
    }
}

static char *
format_inputs (const ScTask   *task,
               const ScModule *module)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < module->inputs->len; i++)
    {
      guint in = g_array_index (module->inputs, guint, i);

      if (i == 12 && module->inputs->len > 14)
        {
          g_string_append_printf (str, _(" … (%u inputs)"), module->inputs->len);
          break;
        }
      g_string_append_printf (str, "%s%s", i ? " " : "",
                              task->input_names ? task->input_names[in] : "?");
    }

  return g_string_free (str, FALSE);
}

static char *
format_outputs (const ScTask   *task,
                const ScModule *module)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < module->outputs->len; i++)
    g_string_append_printf (str, "%s%s", i ? " " : "",
                            task->output_names[g_array_index (module->outputs, guint, i)]);

  return g_string_free (str, FALSE);
}

static void
print_summary (const ScRun *run,
               const char  *out_dir)
{
  const ScSnapshot *final = run->final;
  const ScAnalysis *analysis = run->analysis;
  const ScModuleGraph *graph = analysis->modules;
  const ScScore *score = analysis->score;
  g_autofree char *arch = sc_arch_to_string ((guint *) run->hyper.arch->data,
                                             run->hyper.arch->len, '-');
  g_autofree char *final_arch = sc_arch_to_string (analysis->detection->new_arch,
                                                   analysis->detection->n_layers, '-');
  const ScEdgeRun *chosen = &g_array_index (run->edge_runs, ScEdgeRun, run->chosen_edge_run);

  g_print ("\n");
  g_print (_("Task            %s %s\n"), run->task->name, run->task->spec ? run->task->spec : "");
  g_print (_("Architecture    %s → %s (kept units)\n"), arch, final_arch);
  g_print (_("Accuracy        dense %.2f%%, final %.2f%% per bit, %.2f%% exact\n"),
           run->dense_accuracy, final->accuracy, final->exact_accuracy);
  g_print (_("Sparsity        %.1f%% of hidden units, %.2f%% of weights (density %.4f, Pe %g)\n"),
           run->unit_percent, 100.0 * (1.0 - final->density), final->density, chosen->pe);
  g_print (_("Modules         %u (Newman Q %.3f)\n"), graph->n_modules, analysis->modularity_q);
  for (guint m = 0; m < graph->n_modules; m++)
    {
      const ScModule *module = &graph->modules[m];
      g_autofree char *inputs = format_inputs (run->task, module);
      g_autofree char *outputs = format_outputs (run->task, module);

      /* "1 unit " keeps the columns of "9 units" */
      g_autofree char *units = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%3u unit ", "%3u units",
                                                             module->n_units), module->n_units);

      g_print (_("  M%-3u layers %u–%u  %s  inputs {%s}%s%s%s\n"), module->id,
               module->first_layer, module->last_layer, units, inputs,
               module->outputs->len ? _("  outputs {") : "", outputs,
               module->outputs->len ? "}" : "");
    }
  if (score)
    g_print (_("Ground truth    %s (inputs %s, outputs %s%s%s%s%s)\n"),
             score->success ? _("structure recovered") : _("structure NOT recovered"),
             !score->input_applicable ? _("n/a") : score->input_separable ? "✓" : "✗",
             !score->output_applicable ? _("n/a") : score->output_grouped ? "✓" : "✗",
             score->hidden_applicable ? _(", hidden ") : "",
             !score->hidden_applicable ? "" : score->hidden_separable ? "✓" : "✗",
             /* every module matches a node of the function graph */
             score->modules_applicable ? _(", modules ") : "",
             !score->modules_applicable ? "" : score->modules_matched ? "✓" : "✗");
  g_print (_("Time            %.2f s (dense %.2f, units %.2f, edges %.2f, detection %.3f)\n"),
           run->total_seconds, run->stage_seconds[SC_STAGE_DENSE],
           run->stage_seconds[SC_STAGE_UNITS], run->stage_seconds[SC_STAGE_EDGES],
           run->stage_seconds[SC_STAGE_DETECTION]);
  g_print (_("Results in      %s\n"), out_dir);
}

static char *
default_out_dir (const ScTask *task)
{
  g_autofree char *name = g_strdup (task->name);

  g_strdelimit (name, "/\\ ", '-');
  return g_build_filename ("sculptor-out", name, NULL);
}

static gboolean
parse_alt_detector (const char    *name,
                    ScAltDetector *method)
{
  if (g_strcmp0 (name, "louvain") == 0)
    *method = SC_ALT_LOUVAIN;
  else if (g_strcmp0 (name, "leiden") == 0)
    *method = SC_ALT_LEIDEN;
  else
    return FALSE;
  return TRUE;
}

/* "alternative_detection": community detection on the pruned graph, kept
 * apart from the paper's modules and labelled as such. */
static gboolean
add_alternative (JsonObject   *root,
                 const ScRun  *run,
                 const char   *name,
                 GError      **error)
{
  const ScDetection *detection = run->analysis->detection;
  g_autofree guint *labels = g_new0 (guint, MAX (detection->n_kept, 1));
  JsonObject *alt = json_object_new ();
  JsonArray *array = json_array_new ();
  ScAltDetector method = SC_ALT_LOUVAIN;
  guint n_communities = 0;
  double q;

  parse_alt_detector (name, &method);
  if (!sc_graph_alt_detect (detection, method, run->hyper.seed, labels, &q, error))
    {
      json_object_unref (alt);
      json_array_unref (array);
      return FALSE;
    }

  for (guint u = 0; u < detection->n_kept; u++)
    {
      json_array_add_int_element (array, labels[u]);
      n_communities = MAX (n_communities, labels[u] + 1);
    }
  json_object_set_string_member (alt, "method", name);
  json_object_set_string_member (alt, "note",
                                 "igraph community detection on the undirected pruned graph; "
                                 "not the paper's method, for comparison only");
  json_object_set_array_member (alt, "partition", array);
  json_object_set_int_member (alt, "n_communities", n_communities);
  json_object_set_double_member (alt, "modularity_q", q);
  json_object_set_object_member (root, "alternative_detection", alt);

  g_print (_("Alternative     %s (not the paper's method): %u communities, Newman Q %.3f\n"),
           name, n_communities, q);
  return TRUE;
}

static gboolean
write_results (const ScRun  *run,
               RunArgs      *args,
               GError      **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *result_path = g_build_filename (args->out_dir, "result.json", NULL);

  if (g_mkdir_with_parents (args->out_dir, 0755) != 0)
    {
      int errsv = errno;

      g_set_error (error, SC_ERROR, SC_ERROR_IO, _("Cannot create %s: %s"),
                   args->out_dir, g_strerror (errsv));
      return FALSE;
    }

  root = sc_run_to_json (run, args->snapshots);
  if (args->alt_detector &&
      !add_alternative (json_node_get_object (root), run, args->alt_detector, error))
    return FALSE;
  if (!sc_json_write_file (root, result_path, TRUE, error))
    return FALSE;

  if (args->graphml)
    {
      g_autofree char *path = g_build_filename (args->out_dir, "network.graphml", NULL);

      if (!sc_graph_write_graphml (run->analysis->detection, path, error))
        return FALSE;
    }

  return cli_write_figures (run->task, run->final, run->analysis, args->out_dir, error);
}

static void
run_args_clear (RunArgs *args)
{
  cli_method_args_clear (&args->method);
  g_clear_pointer (&args->out_dir, g_free);
  g_clear_pointer (&args->alt_detector, g_free);
  g_clear_pointer (&args->blas, g_free);
  g_clear_pointer (&args->memory_limit, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RunArgs, run_args_clear)

int
cli_run (int    argc,
         char **argv)
{
  g_auto(RunArgs) args = { .threads = -1 };
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &args.out_dir,
      N_("Directory for result.json and the figures (default sculptor-out/TASK)"), N_("DIR") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &args.quiet, N_("Print only the summary"), NULL },
    { "graphml", 0, 0, G_OPTION_ARG_NONE, &args.graphml,
      N_("Also write network.graphml (pruned network with module ids)"), NULL },
    { "snapshots", 0, 0, G_OPTION_ARG_NONE, &args.snapshots,
      N_("Store the network after every step in result.json (for the app)"), NULL },
    { "alt-detector", 0, 0, G_OPTION_ARG_STRING, &args.alt_detector,
      N_("Also run louvain or leiden community detection (NOT the paper's method), "
         "for comparison"), N_("NAME") },
    { "blas", 0, 0, G_OPTION_ARG_STRING, &args.blas,
      N_("Products: portable (default; the same network on every CPU), openblas (faster on "
         "some CPUs, results depend on the CPU) or plain"), N_("NAME") },
    { "plain-c", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &args.plain_c,
      N_("Same as --blas plain"), NULL },
    { "threads", 0, 0, G_OPTION_ARG_INT, &args.threads,
      N_("Threads for the large products (default: the processors, at most 4; the network is the same with any number)"),
      N_("N") },
    { "memory-limit", 0, 0, G_OPTION_ARG_STRING, &args.memory_limit,
      N_("Refuse a run estimated to need more memory, e.g. 4G or none "
         "(default: SCULPTOR_MEMORY_LIMIT, else half the machine's memory)"), N_("SIZE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const char *problem;
  ScBackend backend;
  g_autoptr(ScTask) task = NULL;
  g_autoptr(ScRun) run = NULL;
  ScPipelineOptions options;
  ScHyper hyper;
  guint64 memory_limit = 0;

  context = g_option_context_new (_("TASK — train, prune and detect modules"));
  g_option_context_set_summary (context,
    _("TASK is a bundled task name (see “sculptor-cli tasks”), a function-graph file or a\n"
      "CSV truth table. Hyper-parameters default to the task's own (the paper's) values."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  cli_method_args_init (&args.method);
  g_option_context_add_group (context, cli_method_option_group (&args.method));
  g_option_context_add_group (context, cli_data_option_group (&args.method));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("%s", error->message);
  if (argc != 2)
    return cli_usage_error (_("run needs exactly one TASK (try --help)"));
  if (args.threads == -1)
    args.threads = (int) MIN (g_get_num_processors (), 4);
  else if (args.threads < 1 || args.threads > 64)
    return cli_usage_error (_("--threads must be between 1 and 64"));
  if ((problem = cli_method_args_check (&args.method)))
    return cli_usage_error ("%s", problem);
  backend = args.plain_c ? SC_BACKEND_PLAIN : SC_BACKEND_PORTABLE;
  if (args.blas && !sc_backend_from_string (args.blas, &backend))
    return cli_usage_error (_("--blas: unknown “%s” (portable, openblas or plain)"), args.blas);
  if (args.alt_detector)
    {
      ScAltDetector method;

      if (!parse_alt_detector (args.alt_detector, &method))
        return cli_usage_error (_("--alt-detector must be louvain or leiden, not “%s”"),
                                args.alt_detector);
    }
  if (args.memory_limit && !sc_memory_parse_size (args.memory_limit, &memory_limit, &error))
    return cli_usage_error ("--memory-limit: %s", error->message);

  if (!(task = cli_load_task (argv[1], &args.method, &error)))
    {
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }

  if (!cli_build_hyper (task, &args.method, &hyper, &error))
    return cli_usage_error ("%s", error->message);

  /* Everything that can fail without training fails now, not at the end. */
  if (!sc_memory_check_run (task, &hyper, args.snapshots, memory_limit,
                            args.memory_limit ? "--memory-limit" : NULL, &error))
    {
      sc_hyper_clear (&hyper);
      return cli_usage_error ("%s", error->message);
    }
  if (args.out_dir == NULL)
    args.out_dir = default_out_dir (task);
  if (!cli_prepare_out_dir (args.out_dir, &error))
    {
      sc_hyper_clear (&hyper);
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }

  sc_linalg_init ((guint) args.threads);
  sc_pipeline_options_init (&options);
  options.backend = backend;
  options.event_func = on_event;
  options.epoch_events = isatty (STDOUT_FILENO) && !args.quiet;
  options.event_data = &args;
  options.keep_snapshots = args.snapshots;
  options.memory_limit = memory_limit;
  options.memory_limit_source = args.memory_limit ? "--memory-limit" : NULL;

  run = sc_pipeline_run (task, &hyper, &options, &error);
  sc_hyper_clear (&hyper);
  if (run == NULL)
    {
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }

  if (!write_results (run, &args, &error))
    {
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }

  print_summary (run, args.out_dir);
  return CLI_EXIT_OK;
}
