/* cli-sweep.c — sculptor-cli sweep: the authors' grid over seeds and Pu
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Argument handling only: the plan, its directory, the runs and the merge
 * are the core's (sc-sweep-plan.h, sc-sweep.h, sc-sweep-merge.h), what is
 * printed and drawn cli-sweep-report.c's. */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cli.h"
#include "cli-sweep.h"
#include "sc-error.h"
#include "sc-linalg.h"
#include "sc-memory.h"

typedef struct
{
  CliMethodArgs method;
  char         *seeds;
  char         *unit_steps;
  char         *hidden;
  char         *widths;
  char         *select;
  char         *out_dir;
  char         *memory_limit;
  char         *backend;
  char         *slurm_args;
  char        **sbatch_argv;   /* slurm_args split as a shell would */
  double        band;
  int           jobs;          /* 0: not given */
  gboolean      paper;
  gboolean      quiet;
  gboolean      detach;
} SweepArgs;

static void
sweep_args_clear (SweepArgs *args)
{
  cli_method_args_clear (&args->method);
  g_clear_pointer (&args->seeds, g_free);
  g_clear_pointer (&args->unit_steps, g_free);
  g_clear_pointer (&args->hidden, g_free);
  g_clear_pointer (&args->widths, g_free);
  g_clear_pointer (&args->select, g_free);
  g_clear_pointer (&args->out_dir, g_free);
  g_clear_pointer (&args->memory_limit, g_free);
  g_clear_pointer (&args->backend, g_free);
  g_clear_pointer (&args->slurm_args, g_free);
  g_clear_pointer (&args->sbatch_argv, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SweepArgs, sweep_args_clear)

/* A comma-separated list of non-negative integers (integers) or of
 * percentages strictly between 0 and 100, as doubles. */
static gboolean
parse_list (const char  *text,
            const char  *what,
            gboolean     integers,
            GArray     **out,
            GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; parts[i]; i++)
    {
      char *end;
      double v = g_ascii_strtod (g_strstrip (parts[i]), &end);

      if (end == parts[i] || *end != '\0' || !isfinite (v) || v < 0 ||
          (integers && (v != floor (v) || v > 9007199254740992.0)) ||
          (!integers && (v <= 0 || v >= 100)))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID, _("%s: “%s” is not valid"),
                       what, parts[i]);
          return FALSE;
        }
      g_array_append_val (values, v);
    }
  if (values->len == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID, _("%s needs at least one value"), what);
      return FALSE;
    }

  *out = g_steal_pointer (&values);
  return TRUE;
}

/* The integers of a parse_list() as type (guint or guint64). */
static GArray *
integers_of (const GArray *values,
             gboolean      wide)
{
  GArray *out = g_array_new (FALSE, FALSE, wide ? sizeof (guint64) : sizeof (guint));

  for (guint i = 0; i < values->len; i++)
    {
      double v = g_array_index (values, double, i);
      guint64 w = (guint64) v;
      guint n = (guint) v;

      g_array_append_vals (out, wide ? (gpointer) &w : (gpointer) &n, 1);
    }
  return out;
}

static gboolean
overridden (const CliMethodArgs *method,
            const char          *key)
{
  for (guint i = 0; i < method->overrides->len; i += 2)
    if (g_str_equal (method->overrides->pdata[i], key))
      return TRUE;
  return FALSE;
}

static gboolean
slurm (const SweepArgs *args)
{
  return g_strcmp0 (args->backend, "slurm") == 0;
}

/* The usage errors found without the task, or NULL. */
static char *
check_args (SweepArgs     *args,
            ScSelectRule  *rule,
            guint64       *memory_limit)
{
  g_autoptr(GError) error = NULL;
  const char *problem;

  if ((problem = cli_method_args_check (&args->method)))
    return g_strdup (problem);
  if (args->jobs != 0 && (args->jobs < 1 || args->jobs > 64))
    return g_strdup (_("--jobs must be between 1 and 64"));
  if (args->backend && !g_str_equal (args->backend, "local") &&
      !g_str_equal (args->backend, "slurm"))
    return g_strdup_printf (_("--backend must be local or slurm, not “%s”"), args->backend);
  if (!slurm (args) && (args->slurm_args || args->detach))
    return g_strdup (_("--slurm-args and --detach are for --backend slurm"));
  if (slurm (args) && args->jobs != 0)
    return g_strdup (_("--jobs is for the local backend: Slurm runs as many at once as the "
                       "cluster gives"));
  if (args->slurm_args &&
      !g_shell_parse_argv (args->slurm_args, NULL, &args->sbatch_argv, &error))
    return g_strdup_printf ("--slurm-args: %s", error->message);
  if (args->memory_limit && !sc_memory_parse_size (args->memory_limit, memory_limit, &error))
    return g_strdup_printf ("--memory-limit: %s", error->message);
  if (!isfinite (args->band) || args->band < 0 || args->band > 1000)
    return g_strdup (_("--select-band must be between 0 and 1000"));
  if (args->select && !sc_select_rule_parse (args->select, rule))
    return g_strdup_printf (_("--select must be sparsest, consensus, modularity, stable or "
                              "modular-consensus, not “%s”"), args->select);
  if (!args->paper && (args->hidden || args->widths))
    return g_strdup (_("--hidden and --widths choose among the paper's architectures: "
                       "add --paper"));
  if (args->paper && (overridden (&args->method, "arch") || overridden (&args->method, "lr") ||
                      overridden (&args->method, "batch-size") ||
                      overridden (&args->method, "epochs")))
    return g_strdup (_("--paper sets arch, lr, batch-size and epochs per architecture; "
                       "leave them out"));
  return NULL;
}

/* The plan of the command line for task, or NULL with a usage error. */
static ScSweepPlan *
make_plan (SweepArgs     *args,
           const char    *name,
           const ScTask  *task,
           GError       **error)
{
  g_autoptr(GArray) seeds = NULL, unit_steps = NULL, hidden = NULL, widths = NULL;
  g_autoptr(GArray) seed_values = NULL, hidden_values = NULL, width_values = NULL;
  g_auto(ScTaskSource) source = { 0 };
  ScSweepPlan *plan;
  ScHyper hyper;

  if (!parse_list (args->seeds ? args->seeds : SC_SWEEP_DEFAULT_SEEDS, "--seeds", TRUE,
                   &seed_values, error) ||
      !parse_list (args->unit_steps ? args->unit_steps : SC_SWEEP_DEFAULT_UNIT_STEPS,
                   "--unit-steps", FALSE, &unit_steps, error) ||
      (args->hidden && !parse_list (args->hidden, "--hidden", TRUE, &hidden_values, error)) ||
      (args->widths && !parse_list (args->widths, "--widths", TRUE, &width_values, error)))
    return NULL;
  if (args->paper && task->paper->len == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   _("%s has no paper table: --paper needs the authors' settings "
                     "per architecture"), task->name);
      return NULL;
    }

  /* The grid tries every Pe unless the command line names some. */
  if (!overridden (&args->method, "edge-steps"))
    {
      g_ptr_array_add (args->method.overrides, g_strdup ("edge-steps"));
      g_ptr_array_add (args->method.overrides, g_strdup (SC_SWEEP_DEFAULT_EDGE_STEPS));
    }
  if (!cli_build_hyper (task, &args->method, &hyper, error))
    return NULL;

  seeds = integers_of (seed_values, TRUE);
  hidden = hidden_values ? integers_of (hidden_values, FALSE) : NULL;
  widths = width_values ? integers_of (width_values, FALSE) : NULL;
  cli_task_source_init (&source, name, &args->method);
  plan = sc_sweep_plan_new (&source, task, &hyper, seeds, unit_steps, args->paper, hidden, widths,
                            error);
  sc_hyper_clear (&hyper);
  return plan;
}

static char *
default_out_dir (const ScTask *task)
{
  g_autofree char *name = g_strdup (task->name);

  g_strdelimit (name, "/\\ ", '-');
  return g_build_filename ("sculptor-out", "sweep", name, NULL);
}

/* Merges what the runs gave, prints it, writes sweep.json, the grids and
 * the chosen networks' figures. */
static int
finish (const ScSweep *sweep,
        ScTask        *task,
        ScSelectRule   rule,
        double         band)
{
  g_autoptr(ScSweepResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (!(result = sc_sweep_merge (sweep, task, rule, band, &error)))
    {
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }
  cli_sweep_print_result (result);
  if (!sc_sweep_result_save (result, &error) || !cli_sweep_write_figures (result, &error))
    {
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }
  g_print (_("Results in %s\n"), sweep->dir);
  return result->n_failed > 0 ? CLI_EXIT_FAILED : CLI_EXIT_OK;
}

int
cli_sweep (int    argc,
           char **argv)
{
  g_auto(SweepArgs) args = { .band = SC_SELECT_DEFAULT_BAND };
  const GOptionEntry entries[] = {
    { "seeds", 0, 0, G_OPTION_ARG_STRING, &args.seeds,
      N_("Seeds (default 0,1,2,5, the paper's)"), N_("LIST") },
    { "unit-steps", 0, 0, G_OPTION_ARG_STRING, &args.unit_steps,
      N_("Pu grid (default 70,65,…,5, the paper's)"), N_("LIST") },
    { "paper", 0, 0, G_OPTION_ARG_NONE, &args.paper,
      N_("Every architecture of the task's paper table, each with the authors' lr, batch size "
         "and epochs"), NULL },
    { "hidden", 0, 0, G_OPTION_ARG_STRING, &args.hidden,
      N_("With --paper: only these numbers of hidden layers (e.g. 2,3)"), N_("LIST") },
    { "widths", 0, 0, G_OPTION_ARG_STRING, &args.widths,
      N_("With --paper: only these hidden widths (e.g. 24,36,48)"), N_("LIST") },
    { "select", 0, 0, G_OPTION_ARG_STRING, &args.select,
      N_("How each seed's network is chosen: modular-consensus (default), sparsest (the "
         "paper's rule), consensus, modularity or stable"), N_("RULE") },
    { "select-band", 0, 0, G_OPTION_ARG_DOUBLE, &args.band,
      N_("Near-sparsest for modular-consensus, consensus and modularity: at most P percent "
         "more edges than the sparsest (default 20)"), N_("P") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &args.jobs,
      N_("Runs in parallel (default: number of processors)"), N_("N") },
    { "backend", 0, 0, G_OPTION_ARG_STRING, &args.backend,
      N_("Where the runs are done: local (default: on this machine, --jobs at a time) or "
         "slurm (one Slurm job array, one task per run)"), N_("NAME") },
    { "slurm-args", 0, 0, G_OPTION_ARG_STRING, &args.slurm_args,
      N_("With --backend slurm: options for sbatch, e.g. \"--partition=cpu --time=1:00:00 "
         "--mem=2G\""), N_("ARGS") },
    { "detach", 0, 0, G_OPTION_ARG_NONE, &args.detach,
      N_("With --backend slurm: return once the job is submitted (sweep-status says how far "
         "it is; the same command merges when it is done)"), NULL },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &args.out_dir,
      N_("Directory for sweep.json, the grids and the chosen networks' figures"), N_("DIR") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &args.quiet, N_("Print only the summary"), NULL },
    { "memory-limit", 0, 0, G_OPTION_ARG_STRING, &args.memory_limit,
      N_("Refuse a sweep estimated to need more memory, e.g. 4G or none "
         "(default: SCULPTOR_MEMORY_LIMIT, else half the machine's memory)"), N_("SIZE") },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = NULL;
  g_autoptr(ScSweepPlan) plan = NULL;
  g_autoptr(ScSweep) sweep = NULL;
  g_autofree char *problem = NULL;
  ScSelectRule rule = SC_SELECT_DEFAULT;
  guint64 memory_limit = 0;

  context = g_option_context_new (_("TASK — the authors' grid search over seeds and Pu"));
  g_option_context_set_summary (context,
    _("Runs the whole method for every seed and every unit step Pu (each run tries every\n"
      "edge step Pe), chooses for each seed the network to detect (--select; the authors\n"
      "took the sparsest, method.md §0), detects its modules and reports how often the\n"
      "ground-truth structure was recovered, with every selection rule.\n"
      "With --paper, it does so for every architecture the paper used for the task,\n"
      "each with the authors' learning rate, batch size and epochs."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  cli_method_args_init (&args.method);
  g_option_context_add_group (context, cli_method_option_group (&args.method));
  g_option_context_add_group (context, cli_data_option_group (&args.method));

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("%s", error->message);
  if (argc != 2)
    return cli_usage_error (_("sweep needs exactly one TASK (try --help)"));
  if ((problem = check_args (&args, &rule, &memory_limit)))
    return cli_usage_error ("%s", problem);
  if (args.jobs == 0)
    args.jobs = slurm (&args) ? 1 : (int) MIN (g_get_num_processors (), 8);

  if (!(task = cli_load_task (argv[1], &args.method, &error)))
    {
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }
  /* Before any work: the plan, the memory of the runs at once, the
   * directory (a sweep left there must be this one). */
  if (!(plan = make_plan (&args, argv[1], task, &error)) ||
      !sc_sweep_plan_check_memory (plan, task, (guint) args.jobs, memory_limit,
                                   args.memory_limit ? "--memory-limit" : NULL, &error))
    return cli_usage_error ("%s", error->message);
  if (args.out_dir == NULL)
    args.out_dir = default_out_dir (task);
  if (!cli_prepare_out_dir (args.out_dir, &error) ||
      !(sweep = sc_sweep_open (args.out_dir, plan, &error)))
    {
      if (g_error_matches (error, SC_ERROR, SC_ERROR_INVALID))
        return cli_usage_error ("%s", error->message);
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }

  if (slurm (&args))
    {
      int status = cli_sweep_slurm (sweep, (const char * const *) args.sbatch_argv, args.detach,
                                    args.quiet);

      if (status != CLI_SWEEP_MERGE)
        return status;
    }
  else
    {
      sc_linalg_init (1);
      sc_sweep_run_local (sweep, task, (guint) args.jobs,
                          args.quiet ? NULL : cli_sweep_print_progress, sweep);
    }
  return finish (sweep, task, rule, args.band);
}
