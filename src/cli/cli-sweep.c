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
#include "sc-error.h"
#include "sc-json.h"
#include "sc-linalg.h"
#include "sc-memory.h"
#include "sc-result.h"

/* method.md §0: Pu ∈ {70, 65, …, 5} × Pe ∈ {2.5, 2, 1.5, 1, 0.5}; per seed
 * the sparsest accepted network wins (first in Pe-outer, Pu-inner order on
 * ties) and goes to module detection. */
#define DEFAULT_UNIT_STEPS "70,65,60,55,50,45,40,35,30,25,20,15,10,5"
#define DEFAULT_EDGE_STEPS "2.5,2,1.5,1,0.5"
#define DEFAULT_SEEDS      "0,1,2,5"

typedef struct
{
  guint64  seed;
  double   unit_step;
  ScRun   *run;          /* NULL if it failed */
  GError  *error;
} Job;

typedef struct
{
  ScTask        *task;
  const ScHyper *hyper;
  GMutex         lock;
  guint          n_done;
  guint          n_jobs;
  gboolean       quiet;
} Sweep;

typedef struct
{
  CliMethodArgs method;
  char         *seeds;
  char         *unit_steps;
  char         *out_dir;
  char         *memory_limit;
  int           jobs;
  gboolean      quiet;
} SweepArgs;

static void
sweep_args_clear (SweepArgs *args)
{
  cli_method_args_clear (&args->method);
  g_clear_pointer (&args->seeds, g_free);
  g_clear_pointer (&args->unit_steps, g_free);
  g_clear_pointer (&args->out_dir, g_free);
  g_clear_pointer (&args->memory_limit, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (SweepArgs, sweep_args_clear)

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  Sweep *sweep = user_data;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, job->seed);
  ScHyper hyper;

  sc_hyper_copy (&hyper, sweep->hyper);
  sc_hyper_set (&hyper, "seed", seed, NULL);
  sc_hyper_set (&hyper, "unit-step", g_ascii_dtostr (buf, sizeof buf, job->unit_step), NULL);
  job->run = sc_pipeline_run (sweep->task, &hyper, NULL, &job->error);
  sc_hyper_clear (&hyper);

  g_mutex_lock (&sweep->lock);
  sweep->n_done++;
  if (!sweep->quiet)
    {
      if (job->run)
        g_print ("[sweep] %3u/%-3u seed %-3" G_GUINT64_FORMAT " Pu %-4g %6.2fs\n",
                 sweep->n_done, sweep->n_jobs, job->seed, job->unit_step,
                 job->run->total_seconds);
      else
        g_print ("[sweep] %3u/%-3u seed %-3" G_GUINT64_FORMAT " Pu %-4g failed: %s\n",
                 sweep->n_done, sweep->n_jobs, job->seed, job->unit_step, job->error->message);
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

/* The choice of §0 for one seed: the edge run with the largest final
 * pruning percentage, Pe outer and Pu inner, first on ties. */
static gboolean
choose (Job      *jobs,
        guint     n_unit_steps,
        guint     seed_index,
        guint     n_edge_steps,
        guint    *job_out,
        guint    *edge_out)
{
  double best = -1.0;
  gboolean found = FALSE;

  for (guint e = 0; e < n_edge_steps; e++)
    for (guint u = 0; u < n_unit_steps; u++)
      {
        Job *job = &jobs[seed_index * n_unit_steps + u];
        const ScEdgeRun *er;

        if (job->run == NULL || e >= job->run->edge_runs->len)
          continue;
        er = &g_array_index (job->run->edge_runs, ScEdgeRun, e);
        if (er->final_percent > best)
          {
            best = er->final_percent;
            *job_out = seed_index * n_unit_steps + u;
            *edge_out = e;
            found = TRUE;
          }
      }

  return found;
}

/* Detects and scores the chosen network; returns a run-shaped view of it
 * (borrowing the job's run) for the figures and the JSON. */
static gboolean
settle_choice (Job         *job,
               guint        edge,
               ScRun       *view,
               GError     **error)
{
  ScEdgeRun *er = &g_array_index (job->run->edge_runs, ScEdgeRun, edge);

  *view = *job->run;
  view->final = er->final;
  view->chosen_edge_run = edge;
  view->score = NULL;
  if (er->final->detection == NULL && !sc_snapshot_detect (er->final, &job->run->hyper, error))
    return FALSE;
  if (job->run->task->truth &&
      !(view->score = sc_score_detection (job->run->task->truth, er->final->detection,
                                          er->final->modules, error)))
    return FALSE;
  return TRUE;
}

static void
add_edge_run_members (JsonBuilder     *builder,
                      const Job       *job,
                      const ScEdgeRun *er)
{
  sc_json_add_int (builder, "seed", (gint64) job->seed);
  sc_json_add_double (builder, "unit_step", job->unit_step);
  sc_json_add_double (builder, "edge_step", er->pe);
  sc_json_add_double (builder, "final_percent", er->final_percent);
  sc_json_add_double (builder, "accuracy", er->accuracy);
}

static void
add_choice_json (JsonBuilder *builder,
                 Job         *job,
                 const ScRun *view)
{
  const ScEdgeRun *er = &g_array_index (view->edge_runs, ScEdgeRun, view->chosen_edge_run);

  json_builder_begin_object (builder);
  add_edge_run_members (builder, job, er);
  json_builder_set_member_name (builder, "final_arch");
  json_builder_add_value (builder, sc_arch_to_json (view->final->detection->new_arch,
                                                    view->final->detection->n_layers));
  json_builder_set_member_name (builder, "edges_by_layer");
  json_builder_add_value (builder, sc_mask_to_edges_json (view->final->mask));
  sc_detection_to_json (view->final->detection, builder);
  sc_module_graph_to_json (view->final->modules, builder);
  if (view->score)
    {
      json_builder_set_member_name (builder, "score");
      json_builder_begin_object (builder);
      sc_score_to_json (view->score, view->task->truth, builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
add_grid_json (JsonBuilder *builder,
               Job         *jobs,
               guint        n_jobs)
{
  json_builder_set_member_name (builder, "grid");
  json_builder_begin_array (builder);
  for (guint j = 0; j < n_jobs; j++)
    for (guint e = 0; jobs[j].run && e < jobs[j].run->edge_runs->len; e++)
      {
        const ScEdgeRun *er = &g_array_index (jobs[j].run->edge_runs, ScEdgeRun, e);

        json_builder_begin_object (builder);
        add_edge_run_members (builder, &jobs[j], er);
        json_builder_end_object (builder);
      }
  json_builder_end_array (builder);
}

static const char *
mark (gboolean applicable,
      gboolean ok)
{
  return !applicable ? "n/a" : ok ? "✓" : "✗";
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
  g_auto(SweepArgs) args = { .jobs = (int) MIN (g_get_num_processors (), 8) };
  const GOptionEntry entries[] = {
    { "seeds", 0, 0, G_OPTION_ARG_STRING, &args.seeds,
      N_("Seeds (default 0,1,2,5, the paper's)"), N_("LIST") },
    { "unit-steps", 0, 0, G_OPTION_ARG_STRING, &args.unit_steps,
      N_("Pu grid (default 70,65,…,5, the paper's)"), N_("LIST") },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &args.jobs,
      N_("Runs in parallel (default: number of processors)"), N_("N") },
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &args.out_dir,
      N_("Directory for sweep.json and the chosen networks' figures"), N_("DIR") },
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
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *json_path = NULL;
  g_autofree Job *jobs = NULL;
  GThreadPool *pool;
  Sweep sweep = { 0 };
  ScHyper hyper;
  guint n_jobs, n_success = 0, n_scored = 0, n_edge_steps;
  const char *problem;
  int status = CLI_EXIT_OK;
  guint64 memory_limit = 0;

  context = g_option_context_new (_("TASK — the authors' grid search over seeds and Pu"));
  g_option_context_set_summary (context,
    _("Runs the whole method for every seed and every unit step Pu (each run tries every\n"
      "edge step Pe), picks for each seed the sparsest network like the authors did\n"
      "(method.md §0), detects its modules and reports how often the ground-truth\n"
      "structure was recovered."));
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
  if (!parse_list (args.seeds ? args.seeds : DEFAULT_SEEDS, "--seeds", TRUE, &seeds, &error) ||
      !parse_list (args.unit_steps ? args.unit_steps : DEFAULT_UNIT_STEPS, "--unit-steps",
                   FALSE, &unit_steps, &error))
    return cli_usage_error ("%s", error->message);

  if (!(task = cli_load_task (argv[1], &args.method, &error)))
    {
      g_printerr ("sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }

  /* The grid tries every Pe unless the command line names some. */
  {
    gboolean edge_given = FALSE;

    for (guint i = 0; i < args.method.overrides->len; i += 2)
      edge_given |= g_str_equal (args.method.overrides->pdata[i], "edge-steps");
    if (!edge_given)
      {
        g_ptr_array_add (args.method.overrides, g_strdup ("edge-steps"));
        g_ptr_array_add (args.method.overrides, g_strdup (DEFAULT_EDGE_STEPS));
      }
  }
  if (!cli_build_hyper (task, &args.method, &hyper, &error))
    return cli_usage_error ("%s", error->message);
  n_edge_steps = hyper.edge_steps->len;

  if (args.out_dir == NULL)
    {
      g_autofree char *name = g_strdup (task->name);

      g_strdelimit (name, "/\\ ", '-');
      args.out_dir = g_build_filename ("sculptor-out", "sweep", name, NULL);
    }

  n_jobs = seeds->len * unit_steps->len;
  /* Before any work: the memory of every run at once, and the directory. */
  if (!check_memory (task, &hyper, MIN ((guint) args.jobs, n_jobs), n_jobs, memory_limit,
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

  sc_linalg_init (1);
  jobs = g_new0 (Job, n_jobs);
  sweep = (Sweep) { .task = task, .hyper = &hyper, .n_jobs = n_jobs, .quiet = args.quiet };
  g_mutex_init (&sweep.lock);
  pool = g_thread_pool_new (run_job, &sweep, args.jobs, TRUE, NULL);
  for (guint s = 0; s < seeds->len; s++)
    for (guint u = 0; u < unit_steps->len; u++)
      {
        Job *job = &jobs[s * unit_steps->len + u];

        job->seed = (guint64) g_array_index (seeds, double, s);
        job->unit_step = g_array_index (unit_steps, double, u);
        g_thread_pool_push (pool, job, NULL);
      }
  g_thread_pool_free (pool, FALSE, TRUE);
  g_mutex_clear (&sweep.lock);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "task");
  json_builder_add_string_value (builder, task->name);
  sc_hyper_to_json (&hyper, builder);
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);

  g_print ("\n%-6s %-6s %-6s %-10s %-22s %-8s %s\n", _("seed"), "Pu", "Pe", _("density"),
           _("kept units"), _("modules"), _("recovered (inputs, outputs, hidden)"));
  for (guint s = 0; s < seeds->len; s++)
    {
      guint job_index, edge;
      ScRun view;
      g_autofree char *arch = NULL;
      g_autofree char *dir = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!choose (jobs, unit_steps->len, s, n_edge_steps, &job_index, &edge))
        {
          g_print (_("%-6g no run finished\n"), g_array_index (seeds, double, s));
          status = CLI_EXIT_FAILED;
          continue;
        }
      if (!settle_choice (&jobs[job_index], edge, &view, &local_error))
        {
          g_printerr ("sculptor-cli: %s\n", local_error->message);
          status = CLI_EXIT_FAILED;
          continue;
        }

      arch = sc_arch_to_string (view.final->detection->new_arch, view.final->detection->n_layers, '-');
      g_print ("%-6" G_GUINT64_FORMAT " %-6g %-6g %-10.4f %-22s %-8u %s %s %s %s\n",
               jobs[job_index].seed, jobs[job_index].unit_step,
               g_array_index (view.edge_runs, ScEdgeRun, edge).pe, view.final->density, arch,
               view.final->modules->n_modules,
               view.score ? (view.score->success ? _("yes") : _("no")) : "n/a",
               view.score ? mark (view.score->input_applicable, view.score->input_separable) : "",
               view.score ? mark (view.score->output_applicable, view.score->output_grouped) : "",
               view.score ? mark (view.score->hidden_applicable, view.score->hidden_separable) : "");
      if (view.score)
        {
          n_scored++;
          n_success += view.score->success;
        }

      add_choice_json (builder, &jobs[job_index], &view);
      dir = g_strdup_printf ("%s/seed-%" G_GUINT64_FORMAT, args.out_dir, jobs[job_index].seed);
      if (!cli_write_figures (&view, dir, &local_error))
        {
          g_printerr ("sculptor-cli: %s\n", local_error->message);
          status = CLI_EXIT_FAILED;
        }
      g_clear_pointer (&view.score, sc_score_free);
    }

  json_builder_end_array (builder);
  add_grid_json (builder, jobs, n_jobs);
  json_builder_set_member_name (builder, "success_rate");
  if (n_scored)
    json_builder_add_double_value (builder, (double) n_success / n_scored);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  if (n_scored)
    g_print (_("\nGround-truth structure recovered for %u of %u seeds (%.2f)\n"),
             n_success, n_scored, (double) n_success / n_scored);

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

  for (guint j = 0; j < n_jobs; j++)
    {
      g_clear_pointer (&jobs[j].run, sc_run_free);
      g_clear_error (&jobs[j].error);
    }
  sc_hyper_clear (&hyper);

  return status;
}
