/* test-mnist-e2e.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* End to end on an image task: train, prune units and edges, detect modules
 * on the two-digit task built from small synthetic digits, and check that
 * the pixels of the left digit and of the right digit end up in different
 * modules (method.md §7: two side-by-side modules). */

#include "config.h"

#include "sc-linalg.h"
#include "sc-mnist.h"
#include "sc-pipeline.h"
#include "sc-result.h"

#include <glib/gstdio.h>

/* The stand-in digits are 20 × 20 (a 20 × 40 image, 800 inputs): below 20
 * pixels the synthetic digits have no random shift at all, every class is
 * one fixed stroke pattern recognisable from a handful of pixels, and the
 * pruned networks end up with a few units shared by both digits. */
#define SIDE 20

/* Share of a module's kept pixels that must come from one half: a pruned
 * network can keep a stray pixel whose only surviving edge enters the other
 * digit's pathway, and the detector (rightly) puts it there. */
#define MIN_PURITY 0.9

typedef struct
{
  double   dense_accuracy;
  double   density;
  guint    n_pixels[2];        /* kept input pixels, left and right half */
  guint    n_input_modules;
  double   min_purity;          /* over modules holding pixels */
  gboolean sides_apart;         /* some module is mostly left, another mostly right */
  gboolean input_separable;     /* the scorer's exact criterion */
} Outcome;

static ScTask *
make_task (void)
{
  g_autoptr(ScDigits) digits = sc_mnist_synthetic_digits_sized (100, SIDE, SIDE, 0);
  g_autoptr(GError) error = NULL;
  ScMnistParams params;
  ScTask *task;

  sc_mnist_params_init (&params, SC_MNIST_TWO_DIGITS);
  params.train_per_class = 40;
  params.test_per_class = 10;
  task = sc_mnist_task_new (SC_MNIST_TWO_DIGITS, digits, &params, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (task->n_in, ==, 2 * SIDE * SIDE);
  return task;
}

/* Small and sharp: a one-hidden-layer network and an acceptance rule
 * almost the reference's: within 0.02 points of the dense network's 100 %
 * per bit, i.e. at most 4 wrong bits of the 20 000 of the test split, so
 * that a step after which some units must serve both digits — which costs
 * more bits than that — is rejected. With the reference's exact 100 %, a
 * single wrong bit at the best epoch rejects a step: unit or edge pruning
 * then stopped at about 20 % density in half of the seeds (which half
 * changed with the last bits of the arithmetic), and with a tolerance of a
 * point the unit stage squeezed the network down to about four units per
 * digit, shared by both halves in some seeds. */
static void
set_hyper (ScHyper      *hyper,
           const ScTask *task,
           guint64       seed)
{
  g_autofree char *seed_text = g_strdup_printf ("%" G_GUINT64_FORMAT, seed);
  static const char * const settings[][2] = {
    { "arch", "800,64,20" },
    { "lr", "0.01" },
    { "batch-size", "64" },
    { "epochs", "30" },
    { "retrain-epochs", "10" },
    { "edge-steps", "2.5" },
    /* The reference's rule halves the edge step down to one weight; on
     * 52 480 weights some seeds then take hundreds of one-weight steps.
     * The detection checked here does not depend on that tail. */
    { "edge-min-step", "0.05" },
    { "threshold-mode", "below-dense" },
    { "threshold", "0.02" },
  };

  sc_hyper_copy (hyper, &task->defaults);
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    g_assert_true (sc_hyper_set (hyper, settings[i][0], settings[i][1], NULL));
  g_assert_true (sc_hyper_set (hyper, "seed", seed_text, NULL));
}

static void
judge (const ScRun *run,
       Outcome     *out)
{
  const ScDetection *detection = run->analysis->detection;
  guint width = run->task->image_width;
  g_autoptr(GHashTable) counts = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  GHashTableIter iter;
  gpointer value;
  gboolean mostly[2] = { FALSE, FALSE };

  *out = (Outcome) { .dense_accuracy = run->dense_accuracy, .min_purity = 1.0 };
  out->density = sc_mask_count (run->final->mask) / (double) sc_mask_total_size (run->final->mask);
  out->input_separable = run->analysis->score != NULL && run->analysis->score->input_separable;

  /* Kept units come in layer order, inputs first. */
  for (guint k = 0; k < detection->n_kept && detection->kept_layer[k] == 0; k++)
    {
      guint side = detection->kept_index[k] % width < width / 2 ? 0 : 1;
      guint *pair = g_hash_table_lookup (counts, GUINT_TO_POINTER (detection->merged[k]));

      if (pair == NULL)
        {
          pair = g_new0 (guint, 2);
          g_hash_table_insert (counts, GUINT_TO_POINTER (detection->merged[k]), pair);
        }
      pair[side]++;
      out->n_pixels[side]++;
    }

  g_hash_table_iter_init (&iter, counts);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const guint *pair = value;
      guint major = pair[0] >= pair[1] ? 0 : 1;
      double purity = pair[major] / (double) (pair[0] + pair[1]);

      out->min_purity = MIN (out->min_purity, purity);
      mostly[major] = TRUE;
    }
  out->n_input_modules = g_hash_table_size (counts);
  out->sides_apart = mostly[0] && mostly[1];
}

static gboolean
separated (const Outcome *out)
{
  return out->sides_apart && out->min_purity >= MIN_PURITY;
}

/* A saved MNIST run opens again without the digits: the task comes back
 * with its image size, names and ground truth but no data, and the stored
 * network is detected and scored as before. */
static void
check_reload (const ScRun *run)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sculptor-e2e-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(ScRun) loaded = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "result.json", NULL);
  root = sc_run_to_json (run, FALSE);
  g_assert_true (sc_json_write_file (root, path, FALSE, &error));
  g_assert_no_error (error);

  loaded = sc_run_load (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->task->name, ==, run->task->name);
  g_assert_cmpint (loaded->task->kind, ==, SC_TASK_IMAGE);
  g_assert_null (loaded->task->train);
  g_assert_cmpuint (loaded->task->image_width, ==, 2 * SIDE);
  g_assert_cmpuint (loaded->task->image_height, ==, SIDE);
  g_assert_cmpstr (loaded->task->input_names[SIDE + 1], ==, run->task->input_names[SIDE + 1]);
  g_assert_nonnull (loaded->task->truth);
  g_assert_nonnull (loaded->analysis->score);
  g_assert_cmpuint (loaded->analysis->modules->n_modules, ==, run->analysis->modules->n_modules);
  g_assert_cmpint (loaded->analysis->score->success, ==, run->analysis->score->success);
  g_assert_cmpint (loaded->analysis->score->input_separable, ==, run->analysis->score->input_separable);

  g_unlink (path);
  g_rmdir (dir);
}

static void
run_seed (ScTask  *task,
          guint64  seed,
          Outcome *out)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScRun) run = NULL;
  ScHyper hyper;

  set_hyper (&hyper, task, seed);
  run = sc_pipeline_run (task, &hyper, NULL, &error);
  sc_hyper_clear (&hyper);
  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_nonnull (run->analysis->detection);

  judge (run, out);
  if (seed == 0)
    check_reload (run);
  g_test_message ("seed %" G_GUINT64_FORMAT ": dense %.2f%%, final %.2f%%, density %.3f%%, "
                  "%u + %u pixels kept in %u input module(s), purity %.3f, %s; exact input "
                  "separability %s; %.1f s", seed, out->dense_accuracy, run->final->accuracy,
                  100.0 * out->density, out->n_pixels[0], out->n_pixels[1],
                  out->n_input_modules, out->min_purity,
                  separated (out) ? "halves apart" : "halves MIXED",
                  out->input_separable ? "yes" : "no", run->total_seconds);
}

/* The outcome of one seed is a property of the method, not a certainty
 * (the paper reports success rates): each seed is judged, and the test
 * requires a majority of the seeds to be learned, pruned and separated.
 * The products are the portable ones (bit-identical on every CPU), so the
 * vote is the same on every machine; a method that did not separate the
 * digits (a dense or unpruned network, or a detector that merged the
 * halves) fails it. */
static gboolean
seed_passes (const Outcome *out)
{
  /* The check is meaningful only for a learned and pruned network. */
  return out->dense_accuracy == 100.0 && out->density < 0.05 &&
         out->n_pixels[0] > 0 && out->n_pixels[1] > 0 && separated (out);
}

static void
test_two_digits_apart (void)
{
  g_autoptr(ScTask) task = make_task ();
  guint n_passed = 0, n_seeds = 5;

  for (guint64 seed = 0; seed < n_seeds; seed++)
    {
      Outcome out;

      run_seed (task, seed, &out);
      n_passed += seed_passes (&out);
    }
  g_test_message ("%u of %u seeds learned, pruned below 5 %% and separated the halves",
                  n_passed, n_seeds);
  g_assert_cmpuint (n_passed, >=, n_seeds / 2 + 1);
}

static void
set_edge (ScMask *mask,
          guint   k,
          guint   i,
          guint   j,
          guint8  on)
{
  mask->m[k][(gsize) j * mask->arch[k] + i] = on;
}

/* The judge itself: a detection that put every pixel into one module must
 * count as mixed, and one that splits them by half as apart. */
static void
test_judge (void)
{
  g_autoptr(ScTask) task = make_task ();
  g_autoptr(ScMask) mask = NULL;
  g_autoptr(ScSnapshot) snapshot = NULL;
  g_autoptr(ScAnalysis) together = NULL;
  g_autoptr(ScAnalysis) apart = NULL;
  ScRun run = { .task = task };
  ScDetectParams params;
  guint arch[] = { 2 * SIDE * SIDE, 2, 20 };
  Outcome out;

  /* Pixel (0, 0) (left) and (0, SIDE) (right) feed one hidden unit each
   * and each unit feeds its own digit's outputs: two modules. */
  mask = sc_mask_new (arch, 3, FALSE);
  set_edge (mask, 0, 0, 0, 1);
  set_edge (mask, 0, SIDE, 1, 1);
  for (guint j = 0; j < 10; j++)
    {
      set_edge (mask, 1, 0, j, 1);
      set_edge (mask, 1, 1, 10 + j, 1);
    }
  snapshot = sc_snapshot_new (arch, 3);
  sc_hyper_detect_params (&task->defaults, &params);
  apart = sc_analysis_new (mask, &params, NULL, NULL);
  g_assert_nonnull (apart);
  run.final = snapshot;
  run.analysis = apart;
  judge (&run, &out);
  g_assert_true (separated (&out));
  g_assert_cmpuint (out.n_input_modules, ==, 2);

  /* Both pixels into the same unit: one module, mixed. */
  set_edge (mask, 0, SIDE, 1, 0);
  set_edge (mask, 0, SIDE, 0, 1);
  together = sc_analysis_new (mask, &params, NULL, NULL);
  g_assert_nonnull (together);
  run.analysis = together;
  judge (&run, &out);
  g_assert_false (separated (&out));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  /* One OpenBLAS thread, as the CLI and the app use (and as fast here). */
  sc_linalg_init (1);

  g_test_add_func ("/mnist-e2e/judge", test_judge);
  g_test_add_func ("/mnist-e2e/two-digits-apart", test_two_digits_apart);

  return g_test_run ();
}
