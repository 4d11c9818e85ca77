/* test-train.c — the numeric core: gradients, BLAS vs plain C, Adam,
 * evaluation, compaction, determinism
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-pass.h"
#include "sc-prune.h"
#include "sc-train.h"

static const guint small_arch[] = { 3, 5, 4, 2 };

static ScDataset *
random_dataset (guint  n_rows,
                guint  n_in,
                guint  n_out,
                ScRng *rng)
{
  ScDataset *data = sc_dataset_new (n_rows, n_in, n_out);

  for (gsize e = 0; e < (gsize) n_rows * n_in; e++)
    data->x[e] = (float) (sc_rng_uniform (rng) * 2.0 - 0.5);
  for (gsize e = 0; e < (gsize) n_rows * n_out; e++)
    data->y[e] = sc_rng_below (rng, 2);

  return data;
}

/* The XOR/XNOR truth table of [4,2,4] (tasks-truth.md), built here. */
static ScDataset *
xor_dataset (void)
{
  ScDataset *data = sc_dataset_new (16, 4, 4);

  for (guint r = 0; r < 16; r++)
    {
      guint x[4];

      for (guint i = 0; i < 4; i++)
        x[i] = (r >> (3 - i)) & 1;
      for (guint i = 0; i < 4; i++)
        data->x[r * 4 + i] = x[i];
      data->y[r * 4 + 0] = x[0] ^ x[1];
      data->y[r * 4 + 1] = !(x[0] ^ x[1]);
      data->y[r * 4 + 2] = x[2] ^ x[3];
      data->y[r * 4 + 3] = !(x[2] ^ x[3]);
    }

  return data;
}

static double
batch_loss (ScPass          *pass,
            const ScNet     *net,
            const ScDataset *data)
{
  memcpy (pass->act[0], data->x, sizeof (float) * data->n_rows * data->n_in);
  sc_pass_forward (pass, net, data->n_rows);
  return sc_pass_bce (pass, data->y, data->n_rows, FALSE, NULL, NULL);
}

/* No pre-activation within margin of the ReLU kink, so central differences
 * with step h never cross it. */
static gboolean
away_from_kinks (ScPass      *pass,
                 const ScNet *net,
                 guint        n_rows,
                 double       margin)
{
  for (guint k = 0; k + 2 < net->n_layers; k++)
    {
      guint n_in = net->width[k], n_out = net->width[k + 1];
      g_autofree float *z = g_new (float, (gsize) n_rows * n_out);

      sc_gemm (SC_BACKEND_PLAIN, FALSE, TRUE, n_rows, n_out, n_in, 1.0f,
               pass->act[k], n_in, net->w[k], n_in, 0.0f, z, n_out);
      for (guint r = 0; r < n_rows; r++)
        for (guint j = 0; j < n_out; j++)
          if (net->bm[k][j] &&
              fabs (z[(gsize) r * n_out + j] + net->b[k][j]) < margin)
            return FALSE;
    }
  return TRUE;
}

static void
check_param (const char *what,
             float      *param,
             float       analytic,
             ScPass     *pass,
             ScNet      *net,
             ScDataset  *data,
             guint      *n_checked)
{
  const float h = 2e-3f;
  float saved = *param;
  double up, down, numeric;

  *param = saved + h;
  up = batch_loss (pass, net, data);
  *param = saved - h;
  down = batch_loss (pass, net, data);
  *param = saved;
  numeric = (up - down) / (2.0 * h);

  if (fabs (numeric - analytic) > 2e-3 + 2e-2 * fabs (analytic))
    g_error ("%s: analytic %g, numeric %g", what, analytic, numeric);
  *n_checked += fabs (analytic) > 1e-4;
}

static void
test_gradient_check (void)
{
  ScRng rng;
  guint n_checked = 0, tries = 0;
  g_autoptr(ScNet) net = NULL;
  g_autoptr(ScDataset) data = NULL;
  ScPass *pass;

  /* Find a seed whose pre-activations stay clear of the ReLU kink. */
  do
    {
      g_clear_pointer (&net, sc_net_free);
      g_clear_pointer (&data, sc_dataset_unref);
      sc_rng_init (&rng, 100 + tries++);
      net = sc_net_new (small_arch, 4, &rng);
      for (guint k = 0; k < 3; k++)
        for (guint j = 0; j < net->width[k + 1]; j++)
          net->b[k][j] = (float) (sc_rng_uniform (&rng) - 0.3);
      /* A few masked weights and one unit with no input. */
      net->m[0][2] = 0;
      net->w[0][2] = 0;
      memset (net->m[1] + 3 * 5, 0, 5);
      memset (net->w[1] + 3 * 5, 0, sizeof (float) * 5);
      sc_net_apply_bias_rule (net);
      data = random_dataset (6, 3, 2, &rng);
      pass = sc_pass_new (net, 6, SC_BACKEND_PLAIN);
      memcpy (pass->act[0], data->x, sizeof (float) * 6 * 3);
      sc_pass_forward (pass, net, 6);
      if (away_from_kinks (pass, net, 6, 0.01))
        break;
      sc_pass_free (pass);
      pass = NULL;
    }
  while (tries < 1000);
  g_assert_nonnull (pass);

  batch_loss (pass, net, data);
  sc_pass_backward (pass, net, 6, TRUE, NULL);

  {
    g_autofree float **gw = g_new0 (float *, 3);
    g_autofree float **gb = g_new0 (float *, 3);

    for (guint k = 0; k < 3; k++)
      {
        gsize size = (gsize) net->width[k] * net->width[k + 1];

        gw[k] = g_memdup2 (pass->gw[k], sizeof (float) * size);
        gb[k] = g_memdup2 (pass->gb[k], sizeof (float) * net->width[k + 1]);
      }

    for (guint k = 0; k < 3; k++)
      {
        gsize size = (gsize) net->width[k] * net->width[k + 1];

        for (gsize e = 0; e < size; e++)
          {
            if (!net->m[k][e])
              {
                g_assert_cmpfloat (gw[k][e], ==, 0.0f);
                continue;
              }
            check_param ("weight", &net->w[k][e], gw[k][e], pass, net, data, &n_checked);
          }
        for (guint j = 0; j < net->width[k + 1]; j++)
          {
            if (!net->bm[k][j])
              {
                g_assert_cmpfloat (gb[k][j], ==, 0.0f);
                continue;
              }
            check_param ("bias", &net->b[k][j], gb[k][j], pass, net, data, &n_checked);
          }
        g_free (gw[k]);
        g_free (gb[k]);
      }
  }

  g_test_message ("%u non-zero gradients checked", n_checked);
  /* Guard against a vacuous check (genann's all-zero gradient guard). */
  g_assert_cmpuint (n_checked, >, 20);
  sc_pass_free (pass);
}

static void
test_bce_saturated (void)
{
  const guint arch[] = { 1, 1, 2 };
  ScRng rng;
  g_autoptr(ScNet) net = NULL;
  ScPass *pass;
  float y[2] = { 0.0f, 1.0f };
  double loss;
  guint64 bits, rows;

  sc_rng_init (&rng, 1);
  net = sc_net_new (arch, 3, &rng);
  net->w[0][0] = 1.0f;
  net->w[1][0] = 200.0f;    /* p = 1 exactly in float32 for output 0 */
  net->w[1][1] = 0.5f;
  pass = sc_pass_new (net, 1, SC_BACKEND_PLAIN);
  pass->act[0][0] = 1.0f;
  sc_pass_forward (pass, net, 1);
  g_assert_cmpfloat (pass->act[2][0], ==, 1.0f);

  loss = sc_pass_bce (pass, y, 1, FALSE, &bits, &rows);
  /* t = 0 for output 0: the +1e-8 rule of §2.2 keeps the loss finite... */
  g_assert_true (isfinite (loss));
  g_assert_cmpfloat_with_epsilon (loss, (-logf (1e-8f) - logf (pass->act[2][1])) / 2, 1e-4);
  /* ...and the saturated output gets no gradient. */
  g_assert_cmpfloat (pass->grad[2][0], ==, 0.0f);
  g_assert_cmpfloat_with_epsilon (pass->grad[2][1], -(1.0f - pass->act[2][1]) / 2, 1e-6);
  g_assert_cmpuint (bits, ==, 1);
  g_assert_cmpuint (rows, ==, 0);
  sc_pass_free (pass);
}

/* The gradient without the loss is sc_pass_bce's gradient, bit for bit,
 * per batch and per sample, saturated outputs included. */
static void
test_bce_gradient_only (void)
{
  const guint arch[] = { 6, 11, 19 };
  const guint rows = 7, n_out = 19;
  ScRng rng;
  g_autoptr(ScNet) net = NULL;
  g_autofree float *y = g_new (float, rows * n_out);
  g_autofree float *want = g_new (float, rows * n_out);
  ScPass *pass;

  sc_rng_init (&rng, 4);
  net = sc_net_new (arch, 3, &rng);
  net->b[1][0] = 300.0f;      /* p = 1 exactly: the +1e-8 rule for y = 0 */
  pass = sc_pass_new (net, rows, SC_BACKEND_PORTABLE);
  for (guint e = 0; e < rows * arch[0]; e++)
    pass->act[0][e] = (float) sc_rng_normal (&rng);
  for (guint e = 0; e < rows * n_out; e++)
    y[e] = (float) sc_rng_below (&rng, 2);
  sc_pass_forward (pass, net, rows);

  for (guint per_sample = 0; per_sample < 2; per_sample++)
    {
      sc_pass_bce (pass, y, rows, per_sample, NULL, NULL);
      memcpy (want, pass->grad[2], sizeof (float) * rows * n_out);
      memset (pass->grad[2], 0xff, sizeof (float) * rows * n_out);
      sc_pass_bce_gradient (pass, y, rows, per_sample);
      g_assert_cmpmem (pass->grad[2], sizeof (float) * rows * n_out,
                       want, sizeof (float) * rows * n_out);
    }
  sc_pass_free (pass);
}

static void
test_blas_vs_plain (void)
{
  const guint arch[] = { 20, 33, 17, 5 };
  ScRng rng;
  g_autoptr(ScNet) net = NULL;
  g_autoptr(ScDataset) data = NULL;
  ScPass *a, *b;

  sc_rng_init (&rng, 7);
  net = sc_net_new (arch, 4, &rng);
  data = random_dataset (40, 20, 5, &rng);
  a = sc_pass_new (net, 40, SC_BACKEND_BLAS);
  b = sc_pass_new (net, 40, SC_BACKEND_PLAIN);

  batch_loss (a, net, data);
  batch_loss (b, net, data);
  sc_pass_backward (a, net, 40, TRUE, NULL);
  sc_pass_backward (b, net, 40, TRUE, NULL);

  for (guint l = 1; l < 4; l++)
    for (gsize e = 0; e < (gsize) 40 * arch[l]; e++)
      g_assert_cmpfloat_with_epsilon (a->act[l][e], b->act[l][e],
                                      1e-5 * (1 + fabsf (b->act[l][e])));
  for (guint k = 0; k < 3; k++)
    {
      gsize size = (gsize) arch[k] * arch[k + 1];
      double norm = 0;

      for (gsize e = 0; e < size; e++)
        {
          norm += fabsf (b->gw[k][e]);
          g_assert_cmpfloat_with_epsilon (a->gw[k][e], b->gw[k][e],
                                          1e-5 * (1 + fabsf (b->gw[k][e])));
        }
      g_assert_cmpfloat (norm, >, 0);
    }

  /* sc_gemm with every transpose combination against the plain loop. */
  for (guint ta = 0; ta < 2; ta++)
    for (guint tb = 0; tb < 2; tb++)
      {
        float A[6 * 7], B[7 * 5], C1[6 * 5], C2[6 * 5];

        for (guint e = 0; e < G_N_ELEMENTS (A); e++)
          A[e] = (float) sc_rng_normal (&rng);
        for (guint e = 0; e < G_N_ELEMENTS (B); e++)
          B[e] = (float) sc_rng_normal (&rng);
        for (guint e = 0; e < G_N_ELEMENTS (C1); e++)
          C1[e] = C2[e] = (float) sc_rng_normal (&rng);
        sc_gemm (SC_BACKEND_BLAS, ta, tb, 6, 5, 7, 0.5f, A, ta ? 6 : 7, B, tb ? 7 : 5,
                 2.0f, C1, 5);
        sc_gemm (SC_BACKEND_PLAIN, ta, tb, 6, 5, 7, 0.5f, A, ta ? 6 : 7, B, tb ? 7 : 5,
                 2.0f, C2, 5);
        for (guint e = 0; e < G_N_ELEMENTS (C1); e++)
          g_assert_cmpfloat_with_epsilon (C1[e], C2[e], 1e-5);
      }

  sc_pass_free (a);
  sc_pass_free (b);
}

/* Adam (PyTorch 1.12, L2 decay) for one scalar, by hand in double. */
static void
test_adam_by_hand (void)
{
  const guint arch[] = { 1, 1, 1 };
  ScRng rng;
  g_autoptr(ScNet) net = NULL;
  ScAdam *adam;
  const double lr = 0.05, wd = 1e-4;
  const float grads[] = { 0.3f, -0.1f, 0.25f, 0.0f, -2.0f };
  double theta, m = 0, v = 0;
  float *gw[2], *gb[2];
  float gw0[1], gw1[1] = { 0.5f }, gb0[1] = { 0.5f }, gb1[1] = { 0.5f };

  sc_rng_init (&rng, 3);
  net = sc_net_new (arch, 3, &rng);
  net->w[0][0] = 0.7f;
  net->bm[0][0] = 0;     /* only the first weight moves */
  net->m[1][0] = 0;
  net->w[1][0] = 0.0f;
  net->bm[1][0] = 0;
  theta = 0.7f;
  adam = sc_adam_new (net);
  gw[0] = gw0; gw[1] = gw1; gb[0] = gb0; gb[1] = gb1;

  for (guint t = 1; t <= G_N_ELEMENTS (grads); t++)
    {
      double g = grads[t - 1] + wd * theta;
      double bc1 = 1 - pow (0.9, t), bc2 = 1 - pow (0.999, t);

      m = 0.9 * m + 0.1 * g;
      v = 0.999 * v + 0.001 * g * g;
      theta -= lr / bc1 * m / (sqrt (v) / sqrt (bc2) + 1e-8);

      gw0[0] = grads[t - 1];
      sc_adam_step (adam, net, gw, gb, lr, wd);
      g_assert_cmpfloat_with_epsilon (net->w[0][0], theta, 1e-6);
      /* masked parameters never move */
      g_assert_cmpfloat (net->w[1][0], ==, 0.0f);
      g_assert_cmpfloat (net->b[0][0], ==, 0.0f);
      g_assert_cmpfloat (net->b[1][0], ==, 0.0f);
    }
  g_assert_cmpfloat (fabs (theta - 0.7), >, 0.05);
  sc_adam_free (adam);
}

static void
test_evaluate_reference_loss (void)
{
  g_autoptr(ScDataset) data = xor_dataset ();
  const guint arch[] = { 4, 6, 4 };
  ScRng rng;
  g_autoptr(ScNet) net = NULL;
  ScEval one, two, fixed;

  sc_rng_init (&rng, 11);
  net = sc_net_new (arch, 3, &rng);
  /* One batch of 16: the reference divides by 0 (§9.4). */
  one = sc_evaluate (net, data, 16, TRUE, SC_BACKEND_BLAS);
  g_assert_true (isinf (one.loss));
  /* Two batches of 8: sum of batch means / 1 = twice the mean loss. */
  two = sc_evaluate (net, data, 8, TRUE, SC_BACKEND_BLAS);
  fixed = sc_evaluate (net, data, 8, FALSE, SC_BACKEND_BLAS);
  g_assert_cmpfloat_with_epsilon (two.loss, 2 * fixed.loss, 1e-6);
  g_assert_cmpfloat (one.accuracy, ==, fixed.accuracy);
  g_assert_cmpfloat (fixed.accuracy, >=, 0);
  g_assert_cmpfloat (fixed.accuracy, <=, 100);
  /* accuracy is a multiple of 100 / 64 bits */
  g_assert_cmpfloat_with_epsilon (fmod (fixed.accuracy * 64 / 100, 1.0), 0, 1e-9);
}

static ScNet *
train_xor (guint64   seed,
           ScBackend backend,
           ScEval   *eval)
{
  g_autoptr(ScDataset) data = xor_dataset ();
  const guint arch[] = { 4, 24, 4 };
  ScTrainOptions options = {
    .lr = 0.05, .weight_decay = 1e-4, .noise = 0.1, .batch_size = 8,
    .epochs = 60, .backend = backend,
  };
  ScTrainResult result;
  ScRng rng;
  ScNet *net;

  sc_rng_init (&rng, seed);
  net = sc_net_new (arch, 3, &rng);
  g_assert_true (sc_train (net, data, data, &options, &rng, &result, NULL));
  *eval = result.best;
  g_assert_cmpuint (result.best_epoch, >=, 1);
  /* the net holds the best epoch: evaluating it again gives its numbers */
  {
    ScEval again = sc_evaluate (net, data, 8, FALSE, backend);
    g_assert_cmpfloat (again.accuracy, ==, result.best.accuracy);
  }
  return net;
}

static void
test_train_determinism (void)
{
  ScEval e1, e2, e3;
  g_autoptr(ScNet) a = train_xor (5, SC_BACKEND_BLAS, &e1);
  g_autoptr(ScNet) b = train_xor (5, SC_BACKEND_BLAS, &e2);
  g_autoptr(ScNet) c = train_xor (6, SC_BACKEND_BLAS, &e3);

  /* The XOR/XNOR task is learned perfectly by a dense 4-24-4 net. */
  g_assert_cmpfloat (e1.accuracy, ==, 100.0);
  g_assert_cmpfloat (e1.exact_accuracy, ==, 100.0);
  for (guint k = 0; k < 2; k++)
    {
      gsize size = (gsize) a->width[k] * a->width[k + 1];

      g_assert_cmpmem (a->w[k], size * sizeof (float), b->w[k], size * sizeof (float));
      g_assert_cmpmem (a->b[k], a->width[k + 1] * sizeof (float),
                       b->b[k], b->width[k + 1] * sizeof (float));
    }
  g_assert_true (memcmp (a->w[0], c->w[0], sizeof (float) * 96) != 0);
}

static void
test_train_plain_backend (void)
{
  ScEval e;
  g_autoptr(ScNet) net = train_xor (5, SC_BACKEND_PLAIN, &e);

  g_assert_cmpfloat (e.accuracy, ==, 100.0);
}

static void
test_compaction_equivalence (void)
{
  const guint arch[] = { 4, 10, 8, 3 };
  ScRng rng;
  g_autoptr(ScNet) net = NULL;
  g_autoptr(ScNet) compact = NULL;
  g_autoptr(ScDataset) data = NULL;
  g_autoptr(ScMask) mask = NULL;
  g_autoptr(ScMask) back = NULL;
  g_autoptr(ScSnapshot) s1 = NULL;
  g_autoptr(ScSnapshot) s2 = NULL;
  ScPass *pa, *pb;

  sc_rng_init (&rng, 21);
  net = sc_net_new (arch, 4, &rng);
  data = random_dataset (9, 4, 3, &rng);
  for (guint k = 0; k < 3; k++)
    for (guint j = 0; j < arch[k + 1]; j++)
      net->b[k][j] = 0.1f * j;
  mask = sc_net_get_mask (net);
  /* remove hidden units 2 and 7 of layer 1 and unit 0 of layer 2 */
  for (guint i = 0; i < 4; i++)
    mask->m[0][2 * 4 + i] = mask->m[0][7 * 4 + i] = 0;
  for (guint j = 0; j < 8; j++)
    mask->m[1][j * 10 + 2] = mask->m[1][j * 10 + 7] = 0;
  memset (mask->m[1], 0, 10);
  for (guint j = 0; j < 3; j++)
    mask->m[2][j * 8 + 0] = 0;
  /* and one unit that keeps its inputs but loses its outputs stays */
  for (guint j = 0; j < 8; j++)
    mask->m[1][j * 10 + 4] = 0;
  sc_net_set_mask (net, mask);

  compact = sc_net_copy (net);
  sc_net_compact (compact);
  g_assert_cmpuint (compact->width[1], ==, 8);
  g_assert_cmpuint (compact->width[2], ==, 7);
  g_assert_cmpuint (compact->width[0], ==, 4);
  g_assert_cmpuint (compact->unit[1][2], ==, 3);
  g_assert_cmpuint (sc_net_alive_weights (compact), ==, sc_net_alive_weights (net));

  pa = sc_pass_new (net, 9, SC_BACKEND_BLAS);
  pb = sc_pass_new (compact, 9, SC_BACKEND_BLAS);
  memcpy (pa->act[0], data->x, sizeof (float) * 36);
  memcpy (pb->act[0], data->x, sizeof (float) * 36);
  sc_pass_forward (pa, net, 9);
  sc_pass_forward (pb, compact, 9);
  for (guint e = 0; e < 27; e++)
    g_assert_cmpfloat_with_epsilon (pa->act[3][e], pb->act[3][e], 1e-6);

  back = sc_net_get_mask (compact);
  g_assert_true (sc_mask_equal (back, mask));
  s1 = sc_net_snapshot (net);
  s2 = sc_net_snapshot (compact);
  for (guint k = 0; k < 3; k++)
    g_assert_cmpmem (s1->w[k], sizeof (float) * arch[k] * arch[k + 1],
                     s2->w[k], sizeof (float) * arch[k] * arch[k + 1]);
  g_assert_cmpfloat (s1->density, ==, s2->density);

  sc_pass_free (pa);
  sc_pass_free (pb);
}

/* The edge-by-edge kernels of sparse layers against dense sgemm. */
static void
test_sparse_vs_dense (void)
{
  const guint arch[] = { 40, 30, 20, 6 };
  ScRng rng;
  g_autoptr(ScNet) net = NULL;
  g_autoptr(ScDataset) data = NULL;
  g_autoptr(ScMask) mask = NULL;
  ScPass *dense, *sparse;
  float scores_d[4][40] = { { 0 } }, scores_s[4][40] = { { 0 } };
  float *sd[4] = { scores_d[0], scores_d[1], scores_d[2], scores_d[3] };
  float *ss[4] = { scores_s[0], scores_s[1], scores_s[2], scores_s[3] };
  guint n_sparse = 0;

  sc_rng_init (&rng, 77);
  net = sc_net_new (arch, 4, &rng);
  data = random_dataset (25, 40, 6, &rng);
  mask = sc_net_get_mask (net);
  /* keep about 5 % of the first two layers, the last one dense */
  for (guint k = 0; k < 2; k++)
    for (gsize e = 0; e < (gsize) arch[k] * arch[k + 1]; e++)
      mask->m[k][e] = sc_rng_below (&rng, 20) == 0;
  sc_net_set_mask (net, mask);

  dense = sc_pass_new_full (net, 25, SC_BACKEND_BLAS, 0.0);
  sparse = sc_pass_new_full (net, 25, SC_BACKEND_BLAS, SC_SPARSE_DENSITY);
  for (guint k = 0; k < 3; k++)
    {
      g_assert_null (dense->sparse[k]);
      n_sparse += sparse->sparse[k] != NULL;
    }
  g_assert_cmpuint (n_sparse, ==, 2);
  g_assert_null (sparse->sparse[2]);

  batch_loss (dense, net, data);
  batch_loss (sparse, net, data);
  sc_pass_backward (dense, net, 25, TRUE, sd);
  sc_pass_backward (sparse, net, 25, TRUE, ss);

  for (guint e = 0; e < 25 * 6; e++)
    g_assert_cmpfloat_with_epsilon (dense->act[3][e], sparse->act[3][e], 1e-6);
  for (guint k = 0; k < 3; k++)
    for (gsize e = 0; e < (gsize) arch[k] * arch[k + 1]; e++)
      if (net->m[k][e])
        g_assert_cmpfloat_with_epsilon (dense->gw[k][e], sparse->gw[k][e],
                                        1e-5 * (1 + fabsf (dense->gw[k][e])));
  for (guint l = 1; l < 3; l++)
    for (guint i = 0; i < arch[l]; i++)
      g_assert_cmpfloat_with_epsilon (scores_d[l][i], scores_s[l][i], 1e-5 * (1 + scores_d[l][i]));

  sc_pass_free (dense);
  sc_pass_free (sparse);
}

static void
test_kaiming_init (void)
{
  const guint arch[] = { 200, 300, 2 };
  ScRng rng;
  g_autoptr(ScNet) net = NULL;
  double sum = 0, sq = 0;
  gsize n = 200 * 300;

  sc_rng_init (&rng, 0);
  net = sc_net_new (arch, 3, &rng);
  for (gsize e = 0; e < n; e++)
    {
      sum += net->w[0][e];
      sq += (double) net->w[0][e] * net->w[0][e];
    }
  /* N(0, 2 / fan_in): variance 0.01 */
  g_assert_cmpfloat (fabs (sum / n), <, 0.002);
  g_assert_cmpfloat (fabs (sq / n - 0.01), <, 0.0005);
  for (guint j = 0; j < 300; j++)
    g_assert_cmpfloat (net->b[0][j], ==, 0.0f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  sc_linalg_init (1);

  g_test_add_func ("/train/gradient-check", test_gradient_check);
  g_test_add_func ("/train/bce-saturated", test_bce_saturated);
  g_test_add_func ("/train/bce-gradient-only", test_bce_gradient_only);
  g_test_add_func ("/train/blas-vs-plain", test_blas_vs_plain);
  g_test_add_func ("/train/adam-by-hand", test_adam_by_hand);
  g_test_add_func ("/train/evaluate-reference-loss", test_evaluate_reference_loss);
  g_test_add_func ("/train/determinism", test_train_determinism);
  g_test_add_func ("/train/plain-backend", test_train_plain_backend);
  g_test_add_func ("/train/compaction", test_compaction_equivalence);
  g_test_add_func ("/train/kaiming-init", test_kaiming_init);
  g_test_add_func ("/train/sparse-vs-dense", test_sparse_vs_dense);

  return g_test_run ();
}
