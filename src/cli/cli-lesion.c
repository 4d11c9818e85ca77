/* cli-lesion.c — sculptor-cli lesion: silence a module of a saved run
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "sc-error.h"
#include "sc-lesion.h"
#include "sc-result.h"

/* Failing rows are listed for truth tables of at most this many inputs. */
#define MAX_LISTED_INPUTS 6

typedef struct
{
  char         *module;
  gboolean      all;
  gboolean      json;
  char         *blas;
  CliMethodArgs data;
} LesionArgs;

static void
lesion_args_clear (LesionArgs *args)
{
  g_clear_pointer (&args->module, g_free);
  g_clear_pointer (&args->blas, g_free);
  cli_method_args_clear (&args->data);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (LesionArgs, lesion_args_clear)

/* One row of the report: what was silenced and what came out. */
typedef struct
{
  int           module;     /* index into the modules, -1: nothing silenced */
  guint         silenced;   /* units silenced */
  ScLesionEval *eval;
} Outcome;

static void
outcome_clear (gpointer data)
{
  Outcome *outcome = data;

  g_clear_pointer (&outcome->eval, sc_lesion_eval_free);
}

/* "3" or "M3": a merged module id. */
static gboolean
parse_module_id (const char *text,
                 guint      *id)
{
  guint64 value;

  if (text[0] == 'M' || text[0] == 'm')
    text++;
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT, &value, NULL))
    return FALSE;
  *id = (guint) value;
  return TRUE;
}

static char *
module_list (const ScModuleGraph *graph)
{
  GString *str = g_string_new (NULL);

  for (guint m = 0; m < graph->n_modules; m++)
    g_string_append_printf (str, m ? ", M%u" : "M%u", graph->modules[m].id);
  if (graph->n_modules == 0)
    g_string_append (str, _("none"));
  return g_string_free (str, FALSE);
}

/* The run's test set: a bundled or file task has it; an MNIST run's
 * digits are composed again (the data options, as for run). */
static ScTask *
task_with_data (const ScRun         *run,
                const CliMethodArgs *data,
                GError             **error)
{
  if (run->task->test != NULL)
    return sc_task_ref (run->task);
  if (run->task->kind == SC_TASK_IMAGE)
    return cli_load_task (run->task->name, data, error);

  g_set_error (error, SC_ERROR, SC_ERROR_NOT_FOUND,
               _("the run's task “%s” was not found, and its test set is needed"),
               run->task->name);
  return NULL;
}

static char *
output_name (const ScTask *task,
             guint         o)
{
  if (task->output_names && o < g_strv_length (task->output_names))
    return g_strdup (task->output_names[o]);
  return g_strdup_printf ("y%u", o);
}

static void
print_percent_cell (double value)
{
  printf (" %7.2f", value);
}

static void
print_table (const ScTask  *task,
             const ScRun   *run,
             const GArray  *outcomes)
{
  const ScModuleGraph *graph = run->analysis->modules;
  guint n_out = task->n_out;

  printf ("%-8s %6s", _("silenced"), _("units"));
  for (guint o = 0; o < n_out; o++)
    {
      g_autofree char *name = output_name (task, o);

      printf (" %7.7s", name);
    }
  printf (" %7s %7s\n", _("bits"), _("rows"));

  for (guint i = 0; i < outcomes->len; i++)
    {
      const Outcome *outcome = &g_array_index (outcomes, Outcome, i);
      g_autofree char *label = outcome->module < 0
                               ? g_strdup (_("nothing"))
                               : g_strdup_printf ("M%u", graph->modules[outcome->module].id);

      printf ("%-8s %6u", label, outcome->silenced);
      for (guint o = 0; o < n_out; o++)
        print_percent_cell (sc_lesion_eval_output_accuracy (outcome->eval, o));
      print_percent_cell (outcome->eval->accuracy);
      print_percent_cell (outcome->eval->exact_accuracy);
      printf ("\n");
    }
}

/* "0110 → want 1001, got 0001" for each failing row of a small table. */
static void
print_failing_rows (const ScTask       *task,
                    const ScLesionEval *eval)
{
  const ScDataset *data = task->test;
  guint failing = sc_lesion_eval_failing_rows (eval);

  printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u rows fails", "%u of %u rows fail", failing),
          failing, eval->n_rows);
  printf ("\n");
  if (task->kind != SC_TASK_BOOLEAN || data->n_in > MAX_LISTED_INPUTS)
    return;

  for (guint r = 0; r < eval->n_rows; r++)
    {
      if (!sc_lesion_eval_row_fails (eval, r))
        continue;
      printf ("  ");
      for (guint i = 0; i < data->n_in; i++)
        putchar (data->x[(gsize) r * data->n_in + i] > 0.5f ? '1' : '0');
      printf (" → %s ", _("want"));
      for (guint o = 0; o < data->n_out; o++)
        putchar (data->y[(gsize) r * data->n_out + o] > 0.5f ? '1' : '0');
      printf (", %s ", _("got"));
      for (guint o = 0; o < data->n_out; o++)
        {
          gboolean want = data->y[(gsize) r * data->n_out + o] > 0.5f;

          putchar (want != eval->wrong[(gsize) r * data->n_out + o] ? '1' : '0');
        }
      printf ("\n");
    }
}

static void
add_outcome_json (JsonBuilder         *builder,
                  const ScModuleGraph *graph,
                  const Outcome       *outcome)
{
  const ScLesionEval *eval = outcome->eval;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "module");
  if (outcome->module < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, graph->modules[outcome->module].id);
  json_builder_set_member_name (builder, "silenced_units");
  json_builder_add_int_value (builder, outcome->silenced);
  json_builder_set_member_name (builder, "accuracy");
  json_builder_add_double_value (builder, eval->accuracy);
  json_builder_set_member_name (builder, "exact_accuracy");
  json_builder_add_double_value (builder, eval->exact_accuracy);
  json_builder_set_member_name (builder, "output_accuracy");
  json_builder_begin_array (builder);
  for (guint o = 0; o < eval->n_out; o++)
    json_builder_add_double_value (builder, sc_lesion_eval_output_accuracy (eval, o));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "failing_rows");
  json_builder_begin_array (builder);
  for (guint r = 0; r < eval->n_rows; r++)
    if (sc_lesion_eval_row_fails (eval, r))
      json_builder_add_int_value (builder, r);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
}

static void
print_json (const char   *path,
            const ScTask *task,
            const ScRun  *run,
            const GArray *outcomes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "run");
  json_builder_add_string_value (builder, path);
  json_builder_set_member_name (builder, "task");
  json_builder_add_string_value (builder, task->name);
  json_builder_set_member_name (builder, "rows");
  json_builder_add_int_value (builder, task->test->n_rows);
  json_builder_set_member_name (builder, "output_names");
  json_builder_begin_array (builder);
  for (guint o = 0; o < task->n_out; o++)
    {
      g_autofree char *name = output_name (task, o);

      json_builder_add_string_value (builder, name);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "lesions");
  json_builder_begin_array (builder);
  for (guint i = 0; i < outcomes->len; i++)
    add_outcome_json (builder, run->analysis->modules, &g_array_index (outcomes, Outcome, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

/* Evaluates the run's final network with module m silenced (-1: none). */
static gboolean
add_outcome (GArray       *outcomes,
             const ScRun  *run,
             const ScTask *task,
             int           m,
             ScBackend     backend,
             GError      **error)
{
  ScSnapshot *final = run->final;
  g_autoptr(ScLesion) lesion = sc_lesion_new (final->arch, final->n_layers);
  Outcome outcome = { .module = m };

  if (m >= 0)
    outcome.silenced = sc_lesion_set_module (lesion, &run->analysis->modules->modules[m], TRUE);
  outcome.eval = sc_lesion_evaluate_snapshot (lesion, final, task->test, run->hyper.batch_size,
                                              backend, NULL, error);
  if (outcome.eval == NULL)
    return FALSE;
  g_array_append_val (outcomes, outcome);
  return TRUE;
}

static int
parse_args (int         argc,
            char      **argv,
            LesionArgs *args,
            char     ***files)
{
  const GOptionEntry entries[] = {
    { "module", 'm', 0, G_OPTION_ARG_STRING, &args->module,
      N_("Silence module M (its merged id, as “M3” or “3”)"), N_("M") },
    { "all", 'a', 0, G_OPTION_ARG_NONE, &args->all,
      N_("Silence each module in turn: one row per module"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &args->json,
      N_("Print the results as JSON"), NULL },
    { "blas", 0, 0, G_OPTION_ARG_STRING, &args->blas,
      N_("Products: portable (default), openblas or plain (use the run's)"), N_("NAME") },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, files, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("RUN.json — knock out a module"));
  g_autoptr(GError) error = NULL;
  const char *problem;

  g_option_context_set_summary (context,
    _("Silences the units of a module of a saved run's final network (their output is 0;\n"
      "nothing is retrained) and prints the accuracy of every output on the task's test set,\n"
      "next to the run's own. The run file is only read."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  cli_method_args_init (&args->data);
  g_option_context_add_group (context, cli_data_option_group (&args->data));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("%s", error->message);
  if (*files == NULL || g_strv_length (*files) != 1)
    return cli_usage_error (_("lesion needs exactly one RUN.json (try --help)"));
  if ((args->module == NULL) == !args->all)
    return cli_usage_error (_("lesion needs --module M or --all"));
  if ((problem = cli_method_args_check (&args->data)))
    return cli_usage_error ("%s", problem);
  return CLI_EXIT_OK;
}

/* The module index of args->module, or -1 with a usage error printed. */
static int
find_module (const char          *path,
             const ScModuleGraph *graph,
             const char          *text)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *list = module_list (graph);
  guint id;
  int m;

  if (!parse_module_id (text, &id))
    {
      cli_usage_error (_("--module: “%s” is not a module id (like M3 or 3)"), text);
      return -1;
    }
  if ((m = sc_module_graph_find (graph, id)) < 0)
    cli_usage_error (_("%s has no module M%u (its modules: %s)"), display, id, list);
  return m;
}

static int
report (const char   *path,
        const ScRun  *run,
        const ScTask *task,
        const GArray *outcomes,
        gboolean      json)
{
  const Outcome *last = &g_array_index (outcomes, Outcome, outcomes->len - 1);
  g_autofree char *display = g_filename_display_name (path);

  if (json)
    {
      print_json (display, task, run, outcomes);
      return CLI_EXIT_OK;
    }

  printf (_("%s: %s, the final network on the test set (%u rows).\n"
            "Accuracy in %% per output, all bits and whole rows, with nothing or one module\n"
            "silenced (its units output 0, nothing retrained):\n\n"),
          display, task->name, task->test->n_rows);
  print_table (task, run, outcomes);
  if (outcomes->len == 2)
    {
      printf ("\n");
      print_failing_rows (task, last->eval);
    }
  return CLI_EXIT_OK;
}

int
cli_lesion (int    argc,
            char **argv)
{
  g_auto(LesionArgs) args = { 0 };
  g_auto(GStrv) files = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(ScTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) outcomes = g_array_new (FALSE, TRUE, sizeof (Outcome));
  ScBackend backend = SC_BACKEND_PORTABLE;
  int status, m = -1;

  g_array_set_clear_func (outcomes, outcome_clear);
  if ((status = parse_args (argc, argv, &args, &files)) != CLI_EXIT_OK)
    return status;
  if (args.blas && !sc_backend_from_string (args.blas, &backend))
    return cli_usage_error (_("--blas: unknown “%s” (portable, openblas or plain)"), args.blas);

  if (!(run = sc_run_load (files[0], &error)) ||
      !(task = task_with_data (run, &args.data, &error)))
    {
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }
  if (args.module && (m = find_module (files[0], run->analysis->modules, args.module)) < 0)
    return CLI_EXIT_USAGE;

  sc_linalg_init (1);
  if (!add_outcome (outcomes, run, task, -1, backend, &error))
    goto failed;
  for (guint i = 0; i < run->analysis->modules->n_modules; i++)
    if ((args.all || (int) i == m) && !add_outcome (outcomes, run, task, (int) i, backend, &error))
      goto failed;

  return report (files[0], run, task, outcomes, args.json);

failed:
  g_printerr ("sculptor-cli: %s\n", error->message);
  return CLI_EXIT_FAILED;
}
