/* bench-train.c — time Sculptor's dense training alone
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* bench-train TASK [--seed N] [--set KEY=VALUE …]
 *
 * One dense training run (method.md §2.4) of the task's network with the
 * task's default hyper-parameters, as the first stage of sc_pipeline_run()
 * does it: Kaiming initialisation, then sc_train() for `epochs` epochs with
 * a fresh Adam. Prints a JSON object with the seconds spent (initialisation
 * and training; the process's own start-up is measured by bench/run) and
 * the best epoch's accuracy. Used by bench/run against
 * `bench/reference.py --mode dense`. */

#define G_LOG_DOMAIN "sculptor-bench"

#include "config.h"

#include <stdio.h>

#include "bench-common.h"
#include "sc-net.h"
#include "sc-rng.h"
#include "sc-train.h"

int
main (int   argc,
      char *argv[])
{
  BenchArgs args = { 0 };
  g_autoptr(ScTask) task = NULL;
  g_autoptr(ScNet) net = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTimer) timer = NULL;
  g_autoptr(JsonBuilder) builder = NULL;
  ScTrainOptions options;
  ScTrainResult result;
  ScHyper hyper;
  ScRng rng;
  double seconds;
  int status;

  status = bench_setup (&argc, &argv,
                        "Times one dense training run of TASK (bundled name or file).",
                        NULL, &args, &task, &hyper);
  if (status >= 0)
    return status;

  timer = g_timer_new ();
  sc_rng_init (&rng, hyper.seed);
  net = sc_net_new ((const guint *) hyper.arch->data, hyper.arch->len, &rng);
  options = (ScTrainOptions) {
    .lr = hyper.lr,
    .weight_decay = hyper.weight_decay,
    .noise = hyper.noise,
    .batch_size = hyper.batch_size,
    .epochs = hyper.epochs,
    .reference_val_loss = hyper.reference_val_loss,
    .backend = SC_BACKEND_PORTABLE,
  };
  if (!sc_train (net, task->train, task->test, &options, &rng, &result, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      sc_hyper_clear (&hyper);
      return 1;
    }
  seconds = g_timer_elapsed (timer, NULL);

  builder = bench_result_begin ("dense", task, &hyper);
  json_builder_set_member_name (builder, "total_seconds");
  json_builder_add_double_value (builder, seconds);
  json_builder_set_member_name (builder, "training_runs");
  json_builder_add_int_value (builder, 1);
  json_builder_set_member_name (builder, "best_epoch");
  json_builder_add_int_value (builder, result.best_epoch);
  json_builder_set_member_name (builder, "final_accuracy");
  json_builder_add_double_value (builder, result.best.accuracy);
  json_builder_set_member_name (builder, "final_density");
  json_builder_add_double_value (builder, sc_net_density (net));
  bench_result_print (builder);

  sc_hyper_clear (&hyper);
  g_strfreev (args.set);
  return 0;
}
