/* bench-kernels.c — dense MNIST-sized training with each product back end
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   bench-kernels [--arch LIST] [--rows N] [--epochs N] [--backends LIST]
 *
 * Trains the same dense network (default the hierarchical-XOR MNIST shape,
 * 1568-392×5-3, batch 64) from the same initial weights on the same random
 * inputs with each back end, and prints one JSON object per back end: wall
 * seconds, the kernel in use (SCULPTOR_KERNEL / OPENBLAS_CORETYPE choose
 * it; bench/run --kernels runs this once per kernel family) and a checksum
 * of the trained weights, so that identical results show as identical
 * sums. Timings are a measurement, never a test.
 */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "sc-dataset.h"
#include "sc-linalg.h"
#include "sc-net.h"
#include "sc-rng.h"
#include "sc-train.h"

static ScDataset *
random_dataset (guint   n_rows,
                guint   n_in,
                guint   n_out,
                ScRng  *rng)
{
  ScDataset *data = sc_dataset_new (n_rows, n_in, n_out);

  for (gsize e = 0; e < (gsize) n_rows * n_in; e++)
    data->x[e] = (float) sc_rng_uniform (rng);
  for (gsize e = 0; e < (gsize) n_rows * n_out; e++)
    data->y[e] = sc_rng_below (rng, 2);
  return data;
}

static guint64
checksum (const ScNet *net)
{
  guint64 sum = 1469598103934665603ULL;

  for (guint k = 0; k + 1 < net->n_layers; k++)
    {
      const guint8 *bytes = (const guint8 *) net->w[k];
      gsize n = sizeof (float) * net->width[k] * net->width[k + 1];

      for (gsize e = 0; e < n; e++)
        sum = (sum ^ bytes[e]) * 1099511628211ULL;
    }
  return sum;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *arch_text = g_strdup ("1568,392,392,392,392,392,3");
  g_autofree char *backends_text = g_strdup ("portable,openblas");
  int rows = 1024, epochs = 2, threads = 1;
  GOptionEntry entries[] = {
    { "arch", 0, 0, G_OPTION_ARG_STRING, &arch_text, "Layer widths", "LIST" },
    { "rows", 0, 0, G_OPTION_ARG_INT, &rows, "Training rows (default 1024)", "N" },
    { "epochs", 0, 0, G_OPTION_ARG_INT, &epochs, "Epochs (default 2)", "N" },
    { "threads", 0, 0, G_OPTION_ARG_INT, &threads, "Threads per product (default 1)", "N" },
    { "backends", 0, 0, G_OPTION_ARG_STRING, &backends_text,
      "portable, openblas, plain (default portable,openblas)", "LIST" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— time dense training per back end");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) widths = NULL, backends = NULL;
  g_autoptr(GArray) arch = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(ScDataset) data = NULL;
  g_autoptr(ScNet) initial = NULL;
  ScRng rng;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "bench-kernels: %s\n", error->message);
      return 2;
    }
  widths = g_strsplit (arch_text, ",", -1);
  for (guint i = 0; widths[i]; i++)
    {
      guint64 w;

      if (!g_ascii_string_to_unsigned (widths[i], 10, 1, 100000, &w, NULL))
        {
          fprintf (stderr, "bench-kernels: --arch: “%s” is not a width\n", widths[i]);
          return 2;
        }
      g_array_append_val (arch, (guint) { (guint) w });
    }
  if (arch->len < 2 || rows < 1 || epochs < 1 || threads < 1)
    {
      fprintf (stderr, "bench-kernels: need two widths, --rows and --epochs >= 1\n");
      return 2;
    }

  sc_linalg_init ((guint) threads);
  sc_rng_init (&rng, 0);
  data = random_dataset ((guint) rows, g_array_index (arch, guint, 0),
                         g_array_index (arch, guint, arch->len - 1), &rng);
  initial = sc_net_new ((const guint *) (const void *) arch->data, arch->len, &rng);

  backends = g_strsplit (backends_text, ",", -1);
  for (guint b = 0; backends[b]; b++)
    {
      g_autoptr(ScNet) net = sc_net_copy (initial);
      g_autoptr(GTimer) timer = NULL;
      ScTrainOptions options = {
        .lr = 0.001, .weight_decay = 1e-4, .noise = 0.1, .batch_size = 64,
        .epochs = (guint) epochs, .dense_only = TRUE,
      };
      ScTrainResult result;
      ScRng train_rng;
      const char *kernel;

      if (!sc_backend_from_string (backends[b], &options.backend))
        {
          fprintf (stderr, "bench-kernels: unknown back end “%s”\n", backends[b]);
          return 2;
        }
      kernel = options.backend == SC_BACKEND_BLAS ? sc_linalg_openblas_core ()
             : options.backend == SC_BACKEND_PORTABLE ? sc_linalg_kernel_name () : "loop";
      sc_rng_init (&train_rng, 1);
      timer = g_timer_new ();
      if (!sc_train (net, data, data, &options, &train_rng, &result, &error))
        {
          fprintf (stderr, "bench-kernels: %s\n", error->message);
          return 1;
        }
      printf ("{\"backend\": \"%s\", \"kernel\": \"%s\", \"threads\": %d, \"seconds\": %.3f, "
              "\"rows\": %d, \"epochs\": %d, \"arch\": \"%s\", \"checksum\": \"%016" G_GINT64_MODIFIER
              "x\"}\n", backends[b], kernel, threads, g_timer_elapsed (timer, NULL), rows, epochs,
              arch_text, checksum (net));
      fflush (stdout);
    }

  return 0;
}
