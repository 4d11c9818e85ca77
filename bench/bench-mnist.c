/* bench-mnist.c — what Sculptor's speed-ups buy on an MNIST task
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* bench-mnist [--task NAME] [--train N] [--test N] [--seed N]
 *             [--plain-epochs N] [--synthetic] [--set KEY=VALUE …]
 *
 * Runs, in one process, a reduced MNIST sculpting (by default the
 * hierarchical task with the task's own network and settings, but 50 + 10
 * composites per class, 5 epochs, 2 re-training epochs and one Pe) three
 * times:
 *   (a) everything on,
 *   (b) without compaction (pruned units stay in the matrices),
 *   (c) without the sparse kernels (every product dense),
 * then times (d) a slice of dense training with OpenBLAS and with the plain
 * C products (the whole pipeline in plain C would take far too long).
 * Prints the wall time of every phase, the speed-up ratios measured in this
 * run and the peak resident memory (getrusage). (b) and (c) must give the
 * same network as (a): the switches change speed, never results, and the
 * program says so. Timings are a measurement, never a test. */

#define G_LOG_DOMAIN "sculptor-bench"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>

#include "sc-linalg.h"
#include "sc-mask.h"
#include "sc-mnist.h"
#include "sc-net.h"
#include "sc-pass.h"
#include "sc-pipeline.h"
#include "sc-train.h"

typedef struct
{
  char     *task;
  gint      train;
  gint      test;
  gint64    seed;
  gint      plain_epochs;
  gboolean  synthetic;
  char    **set;
} Args;

typedef struct
{
  const char *name;
  gboolean    no_compaction;
  gboolean    dense_only;
  double      seconds[SC_STAGE_DONE];
  double      total;
  double      accuracy;
  ScMask     *mask;          /* final network's */
  guint       modules;
  long        peak_kib;
} Config;

/* The reduced configuration; --set overrides any of it. */
static const char * const reduced_settings[][2] = {
  { "epochs", "5" },
  { "retrain-epochs", "2" },
  { "edge-steps", "2.5" },
};

static long
peak_rss_kib (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;
  return usage.ru_maxrss;   /* KiB on Linux */
}

static ScTask *
load_task (const Args  *args,
           GError     **error)
{
  g_autoptr(ScDigits) digits = NULL;
  ScMnistParams params;
  ScMnistKind kind;

  if (!sc_mnist_kind_from_name (args->task, &kind))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "Unknown MNIST task “%s”", args->task);
      return NULL;
    }
  sc_mnist_params_init (&params, kind);
  params.train_per_class = (guint) args->train;
  params.test_per_class = (guint) args->test;

  digits = args->synthetic ? sc_mnist_synthetic_digits (100, 0)
                           : sc_mnist_load_digits (NULL, NULL, error);
  if (digits == NULL)
    return NULL;
  return sc_mnist_task_new (kind, digits, &params, error);
}

static gboolean
make_hyper (const Args    *args,
            const ScTask  *task,
            ScHyper       *hyper,
            GError       **error)
{
  g_autofree char *seed = g_strdup_printf ("%" G_GINT64_FORMAT, args->seed);

  sc_hyper_copy (hyper, &task->defaults);
  for (guint i = 0; i < G_N_ELEMENTS (reduced_settings); i++)
    if (!sc_hyper_set (hyper, reduced_settings[i][0], reduced_settings[i][1], error))
      return FALSE;
  if (!sc_hyper_set (hyper, "seed", seed, error))
    return FALSE;

  for (guint i = 0; args->set != NULL && args->set[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (args->set[i], "=", 2);

      if (kv[1] == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--set needs KEY=VALUE, got “%s”", args->set[i]);
          return FALSE;
        }
      if (!sc_hyper_set (hyper, kv[0], kv[1], error))
        return FALSE;
    }
  return sc_hyper_validate (hyper, task->n_in, task->n_out, error);
}

static gboolean
run_config (ScTask         *task,
            const ScHyper  *hyper,
            Config         *config,
            GError        **error)
{
  ScPipelineOptions options;
  g_autoptr(ScRun) run = NULL;

  sc_pipeline_options_init (&options);
  options.no_compaction = config->no_compaction;
  options.dense_only = config->dense_only;

  run = sc_pipeline_run (task, hyper, &options, error);
  if (run == NULL)
    return FALSE;

  for (ScStage s = SC_STAGE_DENSE; s < SC_STAGE_DONE; s++)
    config->seconds[s] = run->stage_seconds[s];
  config->total = run->total_seconds;
  config->accuracy = run->final->accuracy;
  config->mask = sc_mask_copy (run->final->mask);
  config->modules = sc_analysis_n_modules (run->analysis);
  config->peak_kib = peak_rss_kib ();
  return TRUE;
}

static void
print_config (const Config *config,
              const Config *reference)
{
  printf ("%-24s %8.2f %8.2f %8.2f %8.3f %8.2f", config->name,
          config->seconds[SC_STAGE_DENSE], config->seconds[SC_STAGE_UNITS],
          config->seconds[SC_STAGE_EDGES], config->seconds[SC_STAGE_DETECTION],
          config->total);
  if (reference != NULL)
    printf ("   %5.2f×   (units %.2f×, edges %.2f×)",
            config->total / reference->total,
            config->seconds[SC_STAGE_UNITS] / MAX (reference->seconds[SC_STAGE_UNITS], 1e-9),
            config->seconds[SC_STAGE_EDGES] / MAX (reference->seconds[SC_STAGE_EDGES], 1e-9));
  printf ("\n");
}

static void
print_results (const Config *configs,
               guint         n)
{
  for (guint c = 0; c < n; c++)
    printf ("  %-22s %" G_GSIZE_FORMAT " weights, %.3f%% per bit, %u modules%s\n",
            configs[c].name, sc_mask_count (configs[c].mask), configs[c].accuracy,
            configs[c].modules,
            c > 0 && !sc_mask_equal (configs[c].mask, configs[0].mask) ? ", different mask" : "");
}

/* (d): the same dense training slice with both product back ends, from
 * the same initial weights and data order. */
static gboolean
time_dense_slice (ScTask         *task,
                  const ScHyper  *hyper,
                  guint           epochs,
                  double          seconds[2],
                  GError        **error)
{
  static const ScBackend backends[2] = { SC_BACKEND_BLAS, SC_BACKEND_PLAIN };
  ScRng init_rng;
  g_autoptr(ScNet) initial = NULL;

  sc_rng_init (&init_rng, hyper->seed);
  initial = sc_net_new ((const guint *) (const void *) hyper->arch->data, hyper->arch->len,
                        &init_rng);

  for (guint b = 0; b < 2; b++)
    {
      g_autoptr(ScNet) net = sc_net_copy (initial);
      g_autoptr(GTimer) timer = g_timer_new ();
      ScTrainOptions options = {
        .lr = hyper->lr,
        .weight_decay = hyper->weight_decay,
        .noise = hyper->noise,
        .batch_size = hyper->batch_size,
        .epochs = epochs,
        .backend = backends[b],
      };
      ScTrainResult result;
      ScRng rng;

      sc_rng_init (&rng, hyper->seed);
      if (!sc_train (net, task->train, task->test, &options, &rng, &result, error))
        return FALSE;
      seconds[b] = g_timer_elapsed (timer, NULL);
    }
  return TRUE;
}

static void
print_header (const ScTask  *task,
              const ScHyper *hyper,
              const Args    *args)
{
  g_autofree char *arch = sc_hyper_get (hyper, "arch");
  g_autofree char *pe = sc_hyper_get (hyper, "edge-steps");
  g_autoptr(GDateTime) date = g_date_time_new_now_local ();
  g_autofree char *now = g_date_time_format_iso8601 (date);

  printf ("MNIST benchmark, %s\n", now);
  printf ("task      %s %s, %u training / %u test composites (%d + %d per class)%s\n",
          task->name, task->spec, task->train->n_rows, task->test->n_rows,
          args->train, args->test, args->synthetic ? ", synthetic digits" : "");
  printf ("network   %s, lr %g, batch %u, %u epochs, %u re-training epochs, Pu %g, Pe %s, "
          "threshold %s %g, seed %" G_GUINT64_FORMAT "\n",
          arch, hyper->lr, hyper->batch_size, hyper->epochs, sc_hyper_retrain_epochs (hyper),
          hyper->unit_step, pe,
          hyper->threshold_mode == SC_THRESHOLD_BELOW_DENSE ? "below-dense" : "absolute",
          hyper->threshold, hyper->seed);
  printf ("products  OpenBLAS, 1 thread; sparse kernels below density %.2f\n\n",
          SC_SPARSE_DENSITY);
}

int
main (int    argc,
      char **argv)
{
  Args args = { .task = NULL, .train = 50, .test = 10, .seed = 0, .plain_epochs = 1 };
  GOptionEntry entries[] = {
    { "task", 0, 0, G_OPTION_ARG_STRING, &args.task,
      "MNIST task (default mnist/hierarchical-xor)", "NAME" },
    { "train", 0, 0, G_OPTION_ARG_INT, &args.train, "Training composites per class (50)", "N" },
    { "test", 0, 0, G_OPTION_ARG_INT, &args.test, "Test composites per class (10)", "N" },
    { "seed", 0, 0, G_OPTION_ARG_INT64, &args.seed, "Run seed (0)", "N" },
    { "plain-epochs", 0, 0, G_OPTION_ARG_INT, &args.plain_epochs,
      "Epochs of the dense slice timed with both back ends (1)", "N" },
    { "synthetic", 0, 0, G_OPTION_ARG_NONE, &args.synthetic,
      "Use synthetic stand-in digits instead of MNIST", NULL },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args.set,
      "Override a hyper-parameter (keys of sculptor-cli run)", "KEY=VALUE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time MNIST sculpting");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = NULL;
  g_auto(GStrv) set = NULL;
  g_autofree char *task_name = NULL;
  Config configs[] = {
    { .name = "(a) everything on" },
    { .name = "(b) no compaction", .no_compaction = TRUE },
    { .name = "(c) no sparse kernels", .dense_only = TRUE },
  };
  ScHyper hyper = { 0 };
  double slice[2];
  gboolean same = TRUE;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("bench-mnist: %s\n", error->message);
      return 2;
    }
  task_name = args.task != NULL ? args.task : g_strdup ("mnist/hierarchical-xor");
  args.task = task_name;
  set = args.set;
  if (args.train < 1 || args.test < 1 || args.plain_epochs < 1)
    {
      g_printerr ("bench-mnist: --train, --test and --plain-epochs must be at least 1\n");
      return 2;
    }

  sc_linalg_init (1);
  if ((task = load_task (&args, &error)) == NULL ||
      !make_hyper (&args, task, &hyper, &error))
    {
      g_printerr ("bench-mnist: %s\n", error->message);
      if (hyper.arch != NULL)
        sc_hyper_clear (&hyper);
      return 1;
    }

  print_header (task, &hyper, &args);
  printf ("%-24s %8s %8s %8s %8s %8s   %s\n", "configuration (seconds)", "dense", "units",
          "edges", "detect", "total", "slower than (a)");
  for (guint c = 0; c < G_N_ELEMENTS (configs); c++)
    {
      if (!run_config (task, &hyper, &configs[c], &error))
        {
          g_printerr ("bench-mnist: %s\n", error->message);
          sc_hyper_clear (&hyper);
          return 1;
        }
      print_config (&configs[c], c > 0 ? &configs[0] : NULL);
      fflush (stdout);
      same = same && sc_mask_equal (configs[c].mask, configs[0].mask) &&
             configs[c].accuracy == configs[0].accuracy &&
             configs[c].modules == configs[0].modules;
    }
  printf ("same final network in (a), (b), (c): %s\n", same ? "yes" : "NO");
  print_results (configs, G_N_ELEMENTS (configs));

  if (!time_dense_slice (task, &hyper, (guint) args.plain_epochs, slice, &error))
    {
      g_printerr ("bench-mnist: %s\n", error->message);
      sc_hyper_clear (&hyper);
      return 1;
    }
  printf ("\n(d) dense training, %d epoch(s) of %u rows: OpenBLAS %.2f s, plain C %.2f s → "
          "OpenBLAS %.1f× faster\n", args.plain_epochs, task->train->n_rows, slice[0], slice[1],
          slice[1] / MAX (slice[0], 1e-9));

  printf ("\nspeed-ups measured in this run\n");
  printf ("  compaction      %.2f× on the whole run (units stage %.2f×, edges stage %.2f×)\n",
          configs[1].total / configs[0].total,
          configs[1].seconds[SC_STAGE_UNITS] / MAX (configs[0].seconds[SC_STAGE_UNITS], 1e-9),
          configs[1].seconds[SC_STAGE_EDGES] / MAX (configs[0].seconds[SC_STAGE_EDGES], 1e-9));
  printf ("  sparse kernels  %.2f× on the whole run (edges stage %.2f×)\n",
          configs[2].total / configs[0].total,
          configs[2].seconds[SC_STAGE_EDGES] / MAX (configs[0].seconds[SC_STAGE_EDGES], 1e-9));
  printf ("  OpenBLAS        %.1f× on dense training\n", slice[1] / MAX (slice[0], 1e-9));
  printf ("peak resident memory %.1f MiB (after (a): %.1f MiB)\n",
          peak_rss_kib () / 1024.0, configs[0].peak_kib / 1024.0);

  for (guint c = 0; c < G_N_ELEMENTS (configs); c++)
    g_clear_pointer (&configs[c].mask, sc_mask_free);
  sc_hyper_clear (&hyper);
  return same ? 0 : 1;
}
