/* cli-sweep.c — sculptor-cli sweep: the authors' grid over seeds and Pu
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cli.h"
#include "cli-sweep.h"
#include "sc-error.h"
#include "sc-json.h"
#include "sc-linalg.h"
#include "sc-memory.h"
#include "sc-paper.h"
#include "sc-result.h"

/* method.md §0: Pu ∈ {70, 65, …, 5} × Pe ∈ {2.5, 2, 1.5, 1, 0.5}; per seed
 * the network to detect is chosen among the grid's (sc-select.h). */
#define DEFAULT_UNIT_STEPS "70,65,60,55,50,45,40,35,30,25,20,15,10,5"
#define DEFAULT_EDGE_STEPS "2.5,2,1.5,1,0.5"
#define DEFAULT_SEEDS      "0,1,2,5"

typedef struct
{
  SweepCell *cell;
  guint64    seed;
  double     unit_step;
  ScRun     *run;          /* NULL if it failed or gave no result */
  GError    *error;
} Job;

typedef struct
{
  ScTask   *task;
  GMutex    lock;
  guint     n_done;
  guint     n_jobs;
  gboolean  quiet;
} Sweep;

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
  double        band;
  int           jobs;
  gboolean      paper;
  gboolean      quiet;
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
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SweepArgs, sweep_args_clear)

static void
cell_clear (gpointer data)
{
  SweepCell *cell = data;

  sc_hyper_clear (&cell->hyper);
  g_free (cell->label);
  g_free (cell->dir);
  g_clear_pointer (&cell->grid, sc_grid_free);
  g_clear_pointer (&cell->finals, g_ptr_array_unref);
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  Sweep *sweep = user_data;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, job->seed);
  ScHyper hyper;

  sc_hyper_copy (&hyper, &job->cell->hyper);
  sc_hyper_set (&hyper, "seed", seed, NULL);
  sc_hyper_set (&hyper, "unit-step", g_ascii_dtostr (buf, sizeof buf, job->unit_step), NULL);
  job->run = sc_pipeline_run (sweep->task, &hyper, NULL, &job->error);
  sc_hyper_clear (&hyper);

  g_mutex_lock (&sweep->lock);
  sweep->n_done++;
  if (!sweep->quiet)
    {
      g_print ("[sweep] %3u/%-3u %s seed %-3" G_GUINT64_FORMAT " Pu %-4g ",
               sweep->n_done, sweep->n_jobs, job->cell->label, job->seed, job->unit_step);
      if (job->run)
        g_print ("%6.2fs\n", job->run->total_seconds);
      else if (g_error_matches (job->error, SC_ERROR, SC_ERROR_NO_RESULT))
        g_print ("%s\n", _("no result: no unit-pruning step was accepted"));
      else
        g_print (_("failed: %s\n"), job->error->message);
    }
  g_mutex_unlock (&sweep->lock);
}

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
          (integers && v != floor (v)) || (!integers && (v <= 0 || v >= 100)))
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

static gboolean
in_list (const GArray *list,
         double        value)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_array_index (list, double, i) == value)
      return TRUE;
  return list == NULL;
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

static void
add_cell (GArray        *cells,
          const ScHyper *hyper,
          const char    *out_dir,
          gboolean       own_dir)
{
  SweepCell cell = { 0 };

  sc_hyper_copy (&cell.hyper, hyper);
  cell.label = sc_arch_to_string ((const guint *) hyper->arch->data, hyper->arch->len, '-');
  cell.dir = own_dir ? g_build_filename (out_dir, cell.label, NULL) : g_strdup (out_dir);
  g_array_append_val (cells, cell);
}

/* --paper: one cell per row of the task's paper table that the --hidden and
 * --widths filters keep; otherwise one cell with the sweep's settings. */
static gboolean
make_cells (const ScTask    *task,
            const SweepArgs *args,
            const ScHyper   *base,
            GArray          *cells,
            GError         **error)
{
  g_autoptr(GArray) hidden = NULL;
  g_autoptr(GArray) widths = NULL;

  if (!args->paper)
    {
      add_cell (cells, base, args->out_dir, FALSE);
      return TRUE;
    }

  if ((args->hidden && !parse_list (args->hidden, "--hidden", TRUE, &hidden, error)) ||
      (args->widths && !parse_list (args->widths, "--widths", TRUE, &widths, error)))
    return FALSE;

  for (guint i = 0; i < task->paper->len; i++)
    {
      const ScPaperSetting *row = &g_array_index (task->paper, ScPaperSetting, i);
      ScHyper hyper;

      if (!in_list (hidden, sc_paper_hidden_layers (row)) ||
          !in_list (widths, sc_paper_width (row)))
        continue;
      sc_hyper_copy (&hyper, base);
      sc_paper_apply (row, &hyper);
      add_cell (cells, &hyper, args->out_dir, TRUE);
      sc_hyper_clear (&hyper);
    }

  if (cells->len == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   _("no architecture of the paper's table for %s passes --hidden and --widths "
                     "(see “sculptor-cli tasks %s”)"), task->name, task->name);
      return FALSE;
    }
  return TRUE;
}

static void
snapshot_unref0 (gpointer snapshot)
{
  if (snapshot != NULL)
    sc_snapshot_unref (snapshot);
}

/* The cell's grid in (seed, Pu, Pe) order, whatever order the runs ended. */
static void
build_grid (SweepCell *cell,
            Job       *jobs,
            guint      n_jobs)
{
  guint n_pe = cell->hyper.edge_steps->len;
  guint pu_index = 0;
  guint64 last_seed = G_MAXUINT64;

  cell->grid = sc_grid_new ();
  cell->finals = g_ptr_array_new_with_free_func (snapshot_unref0);

  for (guint j = 0; j < n_jobs; j++)
    {
      Job *job = &jobs[j];

      if (job->cell != cell)
        continue;
      pu_index = job->seed == last_seed ? pu_index + 1 : 0;
      last_seed = job->seed;
      if (job->run == NULL && !g_error_matches (job->error, SC_ERROR, SC_ERROR_NO_RESULT))
        {
          cell->n_failed++;
          continue;
        }

      sc_grid_add_run (cell->grid, &cell->hyper, job->seed, job->unit_step, pu_index, job->run);
      for (guint e = 0; e < n_pe; e++)
        g_ptr_array_add (cell->finals,
                         job->run ? sc_snapshot_ref (g_array_index (job->run->edge_runs,
                                                                    ScEdgeRun, e).final)
                                  : NULL);
      g_clear_pointer (&job->run, sc_run_free);
    }
}

/* parallel runs train at once; every run's networks stay until the end;
 * the sweep writes figures, not result.json. */
static gboolean
check_memory (const ScTask   *task,
              const ScHyper  *hyper,
              guint           parallel,
              guint           n_runs,
              guint64         limit,
              const char     *limit_source,
              GError        **error)
{
  ScMemoryEstimate one, all;

  sc_memory_estimate_run (task, hyper, FALSE, &one);
  all = (ScMemoryEstimate) {
    .program = one.program,
    .training = parallel * one.training,
    .snapshots = n_runs * one.snapshots,
    .data = one.data,
    .detection = parallel * one.detection,
  };
  all.total = all.program + all.training + all.snapshots + all.data + all.detection;
  return sc_memory_check (&all, limit, limit_source, error);
}

int
cli_sweep (int    argc,
           char **argv)
{
  g_auto(SweepArgs) args = { .jobs = (int) MIN (g_get_num_processors (), 8),
                             .band = SC_SELECT_DEFAULT_BAND };
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
  g_autoptr(GArray) seeds = NULL;
  g_autoptr(GArray) unit_steps = NULL;
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (SweepCell));
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json_path = NULL;
  g_autofree Job *jobs = NULL;
  g_autofree SweepTally *totals = NULL;
  GThreadPool *pool;
  Sweep sweep = { 0 };
  SweepReport report = { .rule = SC_SELECT_DEFAULT };
  ScHyper hyper;
  guint n_jobs, n_rules = g_strv_length ((char **) sc_select_rule_names ()), j = 0;
  const char *problem;
  int status = CLI_EXIT_OK;
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
  if ((problem = cli_method_args_check (&args.method)))
    return cli_usage_error ("%s", problem);
  if (args.jobs < 1 || args.jobs > 64)
    return cli_usage_error (_("--jobs must be between 1 and 64"));
  if (args.memory_limit && !sc_memory_parse_size (args.memory_limit, &memory_limit, &error))
    return cli_usage_error ("--memory-limit: %s", error->message);
  if (!isfinite (args.band) || args.band < 0 || args.band > 1000)
    return cli_usage_error (_("--select-band must be between 0 and 1000"));
  if (args.select && !sc_select_rule_parse (args.select, &report.rule))
    return cli_usage_error (_("--select must be sparsest, consensus, modularity, stable or "
                              "modular-consensus, not “%s”"), args.select);
  if (!args.paper && (args.hidden || args.widths))
    return cli_usage_error (_("--hidden and --widths choose among the paper's architectures: "
                              "add --paper"));
  if (args.paper && (overridden (&args.method, "arch") || overridden (&args.method, "lr") ||
                     overridden (&args.method, "batch-size") ||
                     overridden (&args.method, "epochs")))
    return cli_usage_error (_("--paper sets arch, lr, batch-size and epochs per architecture; "
                              "leave them out"));
  if (!parse_list (args.seeds ? args.seeds : DEFAULT_SEEDS, "--seeds", TRUE, &seeds, &error) ||
      !parse_list (args.unit_steps ? args.unit_steps : DEFAULT_UNIT_STEPS, "--unit-steps",
                   FALSE, &unit_steps, &error))
    return cli_usage_error ("%s", error->message);

  if (!(task = cli_load_task (argv[1], &args.method, &error)))
    {
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }
  if (args.paper && task->paper->len == 0)
    return cli_usage_error (_("%s has no paper table: --paper needs the authors' settings "
                              "per architecture"), task->name);

  /* The grid tries every Pe unless the command line names some. */
  if (!overridden (&args.method, "edge-steps"))
    {
      g_ptr_array_add (args.method.overrides, g_strdup ("edge-steps"));
      g_ptr_array_add (args.method.overrides, g_strdup (DEFAULT_EDGE_STEPS));
    }
  if (!cli_build_hyper (task, &args.method, &hyper, &error))
    return cli_usage_error ("%s", error->message);

  if (args.out_dir == NULL)
    {
      g_autofree char *name = g_strdup (task->name);

      g_strdelimit (name, "/\\ ", '-');
      args.out_dir = g_build_filename ("sculptor-out", "sweep", name, NULL);
    }

  g_array_set_clear_func (cells, cell_clear);
  if (!make_cells (task, &args, &hyper, cells, &error))
    {
      sc_hyper_clear (&hyper);
      return cli_usage_error ("%s", error->message);
    }
  n_jobs = cells->len * seeds->len * unit_steps->len;
  /* Before any work: the memory of every run at once (the largest
   * architecture's runs, as many as run in parallel), and the directory. */
  for (guint c = 0; c < cells->len; c++)
    if (!check_memory (task, &g_array_index (cells, SweepCell, c).hyper,
                       MIN ((guint) args.jobs, n_jobs), n_jobs, memory_limit,
                       args.memory_limit ? "--memory-limit" : NULL, &error))
      {
        sc_hyper_clear (&hyper);
        return cli_usage_error ("%s", error->message);
      }
  if (!cli_prepare_out_dir (args.out_dir, &error))
    {
      sc_hyper_clear (&hyper);
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }
  sc_hyper_clear (&hyper);

  sc_linalg_init (1);
  jobs = g_new0 (Job, n_jobs);
  sweep = (Sweep) { .task = task, .n_jobs = n_jobs, .quiet = args.quiet };
  g_mutex_init (&sweep.lock);
  pool = g_thread_pool_new (run_job, &sweep, args.jobs, TRUE, NULL);
  for (guint c = 0; c < cells->len; c++)
    for (guint s = 0; s < seeds->len; s++)
      for (guint u = 0; u < unit_steps->len; u++, j++)
        {
          jobs[j] = (Job) {
            .cell = &g_array_index (cells, SweepCell, c),
            .seed = (guint64) g_array_index (seeds, double, s),
            .unit_step = g_array_index (unit_steps, double, u),
          };
          g_thread_pool_push (pool, &jobs[j], NULL);
        }
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&sweep.lock);

  report = (SweepReport) { .task = task, .rule = report.rule, .band = args.band,
                           .seeds = seeds, .figures = TRUE };
  totals = g_new0 (SweepTally, n_rules);

  json_builder_begin_object (builder);
  sc_json_add_string (builder, "task", task->name);
  sc_json_add_string (builder, "select", sc_select_rule_name (report.rule));
  sc_json_add_double (builder, "select_band", args.band);
  json_builder_set_member_name (builder, "cells");
  json_builder_begin_array (builder);
  for (guint c = 0; c < cells->len; c++)
    {
      SweepCell *cell = &g_array_index (cells, SweepCell, c);
      g_autoptr(GError) local_error = NULL;

      build_grid (cell, jobs, n_jobs);
      if (cell->n_failed > 0)
        status = CLI_EXIT_FAILED;
      if (!cli_sweep_report_cell (&report, cell, builder, totals, &local_error))
        {
          g_printerr ("sculptor-cli: %s\n", local_error->message);
          status = CLI_EXIT_FAILED;
        }
    }
  json_builder_end_array (builder);
  cli_sweep_totals_json (totals, builder);
  json_builder_set_member_name (builder, "success_rate");
  if (totals[report.rule].n_scored)
    json_builder_add_double_value (builder, (double) totals[report.rule].n_success /
                                            totals[report.rule].n_scored);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  cli_sweep_print_totals (&report, totals, cells->len);

  for (guint i = 0; i < n_jobs; i++)
    {
      g_clear_pointer (&jobs[i].run, sc_run_free);
      g_clear_error (&jobs[i].error);
    }

  root = json_builder_get_root (builder);
  json_path = g_build_filename (args.out_dir, "sweep.json", NULL);
  if (g_mkdir_with_parents (args.out_dir, 0755) != 0 ||
      !sc_json_write_file (root, json_path, TRUE, &error))
    {
      g_printerr ("sculptor-cli: %s\n", error ? error->message : _("cannot create the directory"));
      status = CLI_EXIT_FAILED;
    }
  else
    g_print (_("Results in %s\n"), args.out_dir);

  return status;
}
