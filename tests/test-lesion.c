/* test-lesion.c — silencing modules, pruning what-if, per-output accuracy
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-error.h"
#include "sc-lesion.h"
#include "sc-pipeline.h"
#include "sc-task.h"
#include "sc-train.h"

static ScTask *
load_task (const char *name)
{
  g_autoptr(GError) error = NULL;
  ScTask *task = sc_task_load_bundled (name, &error);

  g_assert_no_error (error);
  return task;
}

static void
set_edge (ScSnapshot *snapshot,
          guint       k,
          guint       i,
          guint       j,
          float       w)
{
  snapshot->mask->m[k][(gsize) j * snapshot->arch[k] + i] = 1;
  snapshot->w[k][(gsize) j * snapshot->arch[k] + i] = w;
}

/* A hand-built 4-4-4 network for [4,2,4] (y0 = x0⊕x1, y1 = ¬y0, y2 =
 * x2⊕x3, y3 = ¬y2): hidden unit 2s = ReLU(x_a − x_b), 2s+1 = ReLU(x_b −
 * x_a) for the pair s, so their sum is the XOR; outputs ±10·sum ∓ 5. */
static ScSnapshot *
hand_built_424 (void)
{
  const guint arch[] = { 4, 4, 4 };
  ScSnapshot *snapshot = sc_snapshot_new (arch, 3);

  memset (snapshot->mask->m[0], 0, 16);
  memset (snapshot->mask->m[1], 0, 16);
  for (guint s = 0; s < 2; s++)
    {
      guint a = 2 * s, b = 2 * s + 1;

      set_edge (snapshot, 0, a, a, 1.0f);
      set_edge (snapshot, 0, b, a, -1.0f);
      set_edge (snapshot, 0, a, b, -1.0f);
      set_edge (snapshot, 0, b, b, 1.0f);
      for (guint h = a; h <= b; h++)
        {
          set_edge (snapshot, 1, h, a, 10.0f);
          set_edge (snapshot, 1, h, b, -10.0f);
        }
      snapshot->b[1][a] = -5.0f;
      snapshot->b[1][b] = 5.0f;
    }

  return snapshot;
}

static ScLesionEval *
evaluate (const ScLesion   *lesion,
          const ScSnapshot *snapshot,
          const ScDataset  *data)
{
  g_autoptr(GError) error = NULL;
  ScLesionEval *eval = sc_lesion_evaluate_snapshot (lesion, snapshot, data, 8,
                                                    SC_BACKEND_PORTABLE, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (eval);
  return eval;
}

static void
test_lesion_hand_built (void)
{
  g_autoptr(ScTask) task = load_task ("exemplar/input-separable");
  g_autoptr(ScSnapshot) snapshot = hand_built_424 ();
  g_autoptr(ScLesion) lesion = sc_lesion_new (snapshot->arch, snapshot->n_layers);
  g_autoptr(ScLesionEval) base = NULL;
  g_autoptr(ScLesionEval) eval = NULL;
  const ScDataset *data = task->test;

  /* the network computes the task */
  base = evaluate (NULL, snapshot, data);
  g_assert_cmpfloat (base->accuracy, ==, 100.0);
  g_assert_cmpuint (sc_lesion_eval_failing_rows (base), ==, 0);

  /* x0, x1 and hidden units 0, 1 silenced: y0 sees only its bias −5 and
   * says 0 on every row, y1 (bias +5) says 1; y2, y3 are untouched */
  g_assert_true (sc_lesion_set_silenced (lesion, 0, TRUE));
  g_assert_true (sc_lesion_set_silenced (lesion, 1, TRUE));
  g_assert_true (sc_lesion_set_silenced (lesion, 4, TRUE));
  g_assert_true (sc_lesion_set_silenced (lesion, 5, TRUE));
  eval = evaluate (lesion, snapshot, data);
  for (guint r = 0; r < data->n_rows; r++)
    {
      const float *y = data->y + (gsize) r * 4;

      g_assert_cmpuint (eval->wrong[r * 4 + 0], ==, y[0] > 0.5f);
      g_assert_cmpuint (eval->wrong[r * 4 + 1], ==, y[1] < 0.5f);
      g_assert_cmpuint (eval->wrong[r * 4 + 2], ==, 0);
      g_assert_cmpuint (eval->wrong[r * 4 + 3], ==, 0);
    }
  g_assert_cmpfloat (sc_lesion_eval_output_accuracy (eval, 0), ==, 50.0);
  g_assert_cmpfloat (sc_lesion_eval_output_accuracy (eval, 1), ==, 50.0);
  g_assert_cmpfloat (sc_lesion_eval_output_accuracy (eval, 2), ==, 100.0);
  g_assert_cmpfloat (sc_lesion_eval_output_accuracy (eval, 3), ==, 100.0);
  /* y0 and y1 are wrong on the same rows, those where x0 ⊕ x1 */
  g_assert_cmpuint (sc_lesion_eval_failing_rows (eval), ==, 8);
  g_assert_cmpfloat (eval->exact_accuracy, ==, 50.0);
  g_assert_cmpfloat (eval->accuracy, ==, 75.0);
}

/* Silencing keeps the biases of the units fed; pruning applies §2.1's
 * bias-mask rule. x → h (w 1), h bias 2, h → y (w 1), y bias −1. */
static void
test_lesion_silence_is_not_pruning (void)
{
  const guint arch[] = { 1, 1, 1 };
  g_autoptr(ScSnapshot) snapshot = sc_snapshot_new (arch, 3);
  g_autoptr(ScDataset) data = sc_dataset_new (2, 1, 1);
  g_autoptr(ScLesion) lesion = sc_lesion_new (arch, 3);
  g_autoptr(ScLesionEval) silenced = NULL;
  g_autoptr(ScLesionEval) pruned = NULL;

  snapshot->w[0][0] = 1.0f;
  snapshot->b[0][0] = 2.0f;
  snapshot->w[1][0] = 1.0f;
  snapshot->b[1][0] = -1.0f;
  data->x[0] = 0.0f;
  data->x[1] = 1.0f;
  data->y[0] = data->y[1] = 1.0f;

  /* x silenced: h = ReLU(2) = 2, y = σ(1) > 0.5 */
  g_assert_true (sc_lesion_set_silenced (lesion, 0, TRUE));
  silenced = evaluate (lesion, snapshot, data);
  g_assert_cmpfloat (silenced->accuracy, ==, 100.0);

  /* its edge pruned instead: h loses its bias, h = 0, y = σ(−1) < 0.5 */
  sc_lesion_clear (lesion);
  g_assert_true (sc_lesion_is_empty (lesion));
  g_assert_true (sc_lesion_set_edge_pruned (lesion, 0, 0, 0, TRUE));
  pruned = evaluate (lesion, snapshot, data);
  g_assert_cmpfloat (pruned->accuracy, ==, 0.0);

  /* pruning h itself removes both of its edges */
  sc_lesion_clear (lesion);
  g_assert_true (sc_lesion_set_unit_pruned (lesion, 1, TRUE));
  {
    g_autoptr(ScNet) net = sc_lesion_apply (lesion, snapshot);

    g_assert_cmpuint (sc_net_alive_weights (net), ==, 0);
  }
}

static void
test_lesion_refuses (void)
{
  g_autoptr(ScTask) task = load_task ("exemplar/input-separable");
  g_autoptr(ScSnapshot) snapshot = hand_built_424 ();
  g_autoptr(ScLesion) lesion = sc_lesion_new (snapshot->arch, snapshot->n_layers);
  g_autoptr(ScDataset) other = sc_dataset_new (4, 3, 4);
  g_autoptr(GError) error = NULL;
  const guint small[] = { 4, 2, 4 };
  g_autoptr(ScLesion) misfit = sc_lesion_new (small, 3);
  ScLesionEval *eval;

  /* outputs are measured, never silenced; only hidden units are pruned */
  g_assert_false (sc_lesion_set_silenced (lesion, 8, TRUE));
  g_assert_false (sc_lesion_set_silenced (lesion, 12, TRUE));
  g_assert_false (sc_lesion_set_unit_pruned (lesion, 0, TRUE));
  g_assert_false (sc_lesion_set_unit_pruned (lesion, 9, TRUE));
  g_assert_false (sc_lesion_set_edge_pruned (lesion, 2, 0, 0, TRUE));
  g_assert_false (sc_lesion_set_edge_pruned (lesion, 0, 4, 0, TRUE));
  g_assert_true (sc_lesion_is_empty (lesion));

  eval = sc_lesion_evaluate_snapshot (lesion, snapshot, other, 8, SC_BACKEND_PORTABLE, NULL, &error);
  g_assert_null (eval);
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  g_clear_error (&error);

  eval = sc_lesion_evaluate_snapshot (misfit, snapshot, task->test, 8, SC_BACKEND_PORTABLE, NULL,
                                      &error);
  g_assert_null (eval);
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
}

/* Outputs reachable from the silenced units through the mask, found
 * layer by layer. */
static gboolean *
reachable_outputs (const ScMask   *mask,
                   const ScLesion *lesion)
{
  guint last = mask->n_layers - 1;
  g_autofree gboolean *from = g_new0 (gboolean, mask->arch[0]);
  gboolean *to = NULL;

  for (guint i = 0; i < mask->arch[0]; i++)
    from[i] = lesion->silenced[i];
  for (guint k = 0; k < last; k++)
    {
      guint off = sc_mask_unit_offset (mask, k + 1);

      to = g_new0 (gboolean, mask->arch[k + 1]);
      for (guint j = 0; j < mask->arch[k + 1]; j++)
        {
          to[j] = k + 1 < last && lesion->silenced[off + j];
          for (guint i = 0; i < mask->arch[k]; i++)
            to[j] |= from[i] && sc_mask_get (mask, k, i, j);
        }
      g_free (from);
      from = to;
    }

  return g_steal_pointer (&from);
}

static ScRun *
run_task (const char *name)
{
  g_autoptr(ScTask) task = load_task (name);
  g_autoptr(GError) error = NULL;
  ScRun *run = sc_pipeline_run (task, &task->defaults, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (run);
  g_assert_nonnull (run->analysis);
  return run;
}

/* A real run: with nothing changed the run's accuracy comes back; each
 * module silenced leaves every output it cannot reach exactly as it was,
 * and breaks the outputs of its own sub-function. */
static void
test_lesion_run_modules (void)
{
  g_autoptr(ScRun) run = run_task ("exemplar/input-separable");
  ScSnapshot *final = run->final;
  const ScModuleGraph *graph = run->analysis->modules;
  const ScDataset *data = run->task->test;
  guint bs = run->hyper.batch_size;
  g_autoptr(ScLesionEval) base = NULL;
  g_autoptr(GError) error = NULL;
  guint modules_with_outputs = 0;
  g_autofree float *w0 = g_memdup2 (final->w[0], sizeof (float) * final->arch[0] * final->arch[1]);

  base = sc_lesion_evaluate_snapshot (NULL, final, data, bs, SC_BACKEND_PORTABLE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (base->accuracy, ==, final->accuracy);
  g_assert_cmpfloat (base->exact_accuracy, ==, final->exact_accuracy);

  for (guint m = 0; m < graph->n_modules; m++)
    {
      const ScModule *module = &graph->modules[m];
      g_autoptr(ScLesion) lesion = sc_lesion_new (final->arch, final->n_layers);
      g_autoptr(ScLesionEval) eval = NULL;
      g_autofree gboolean *reached = NULL;
      gboolean own_broken = FALSE;

      if (sc_lesion_set_module (lesion, module, TRUE) == 0)
        continue;
      g_assert_true (sc_lesion_module_silenced (lesion, module));
      reached = reachable_outputs (final->mask, lesion);
      eval = sc_lesion_evaluate_snapshot (lesion, final, data, bs, SC_BACKEND_PORTABLE, NULL, &error);
      g_assert_no_error (error);

      for (guint o = 0; o < data->n_out; o++)
        if (!reached[o])
          for (guint r = 0; r < data->n_rows; r++)
            g_assert_cmpuint (eval->wrong[r * data->n_out + o], ==, base->wrong[r * data->n_out + o]);
      for (guint o = 0; o < module->outputs->len; o++)
        own_broken |= sc_lesion_eval_output_accuracy (eval, g_array_index (module->outputs, guint, o)) < 100.0;
      g_assert_true (own_broken == (module->outputs->len > 0));
      modules_with_outputs += module->outputs->len > 0;
    }

  /* the two sub-functions of [4,2,4] */
  g_assert_cmpuint (modules_with_outputs, ==, 2);
  /* the run's network is untouched */
  g_assert_cmpmem (w0, sizeof (float) * final->arch[0] * final->arch[1],
                   final->w[0], sizeof (float) * final->arch[0] * final->arch[1]);
}

/* A cancelled evaluation stops with SC_ERROR_CANCELLED. */
static void
test_lesion_cancel (void)
{
  g_autoptr(ScTask) task = load_task ("exemplar/input-separable");
  g_autoptr(ScSnapshot) snapshot = hand_built_424 ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  ScLesionEval *eval;

  g_cancellable_cancel (cancellable);
  eval = sc_lesion_evaluate_snapshot (NULL, snapshot, task->test, 8, SC_BACKEND_PORTABLE,
                                      cancellable, &error);
  g_assert_null (eval);
  g_assert_error (error, SC_ERROR, SC_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/lesion/hand-built", test_lesion_hand_built);
  g_test_add_func ("/lesion/silence-is-not-pruning", test_lesion_silence_is_not_pruning);
  g_test_add_func ("/lesion/refuses", test_lesion_refuses);
  g_test_add_func ("/lesion/run-modules", test_lesion_run_modules);
  g_test_add_func ("/lesion/cancel", test_lesion_cancel);

  return g_test_run ();
}
