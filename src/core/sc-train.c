/* sc-train.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-error.h"
#include "sc-kernels.h"
#include "sc-math.h"
#include "sc-pass.h"
#include "sc-train.h"
#include "sc-fpmode.h"

struct _ScAdam
{
  guint    n_w;        /* weight layers */
  gsize   *size;       /* weights per layer */
  guint   *n_b;        /* biases per layer */
  float  **mw, **vw;   /* first and second moments */
  float  **mb, **vb;
  guint64  t;
};

ScAdam *
sc_adam_new (const ScNet *net)
{
  ScAdam *adam = g_new0 (ScAdam, 1);

  adam->n_w = net->n_layers - 1;
  adam->size = g_new0 (gsize, adam->n_w);
  adam->n_b = g_new0 (guint, adam->n_w);
  adam->mw = g_new0 (float *, adam->n_w);
  adam->vw = g_new0 (float *, adam->n_w);
  adam->mb = g_new0 (float *, adam->n_w);
  adam->vb = g_new0 (float *, adam->n_w);
  for (guint k = 0; k < adam->n_w; k++)
    {
      adam->size[k] = (gsize) net->width[k] * net->width[k + 1];
      adam->n_b[k] = net->width[k + 1];
      adam->mw[k] = g_new0 (float, MAX (adam->size[k], 1));
      adam->vw[k] = g_new0 (float, MAX (adam->size[k], 1));
      adam->mb[k] = g_new0 (float, MAX (adam->n_b[k], 1));
      adam->vb[k] = g_new0 (float, MAX (adam->n_b[k], 1));
    }

  return adam;
}

void
sc_adam_free (ScAdam *adam)
{
  if (adam == NULL)
    return;

  for (guint k = 0; k < adam->n_w; k++)
    {
      g_free (adam->mw[k]);
      g_free (adam->vw[k]);
      g_free (adam->mb[k]);
      g_free (adam->vb[k]);
    }
  g_free (adam->mw);
  g_free (adam->vw);
  g_free (adam->mb);
  g_free (adam->vb);
  g_free (adam->size);
  g_free (adam->n_b);
  g_free (adam);
}

void
sc_adam_step (ScAdam  *adam,
              ScNet   *net,
              float  **gw,
              float  **gb,
              double   lr,
              double   weight_decay)
{
  ScAdamKernel update = sc_kernels_get ()->adam;
  ScFpMode saved = sc_fp_flush_enter ();
  double bc1, bc2;
  float neg_step_size, bc2_sqrt;

  adam->t++;
  /* The bias corrections and the step size are Python doubles. */
  bc1 = 1.0 - sc_powi (SC_ADAM_BETA1, adam->t);
  bc2 = 1.0 - sc_powi (SC_ADAM_BETA2, adam->t);
  neg_step_size = (float) -(lr / bc1);
  bc2_sqrt = (float) sqrt (bc2);

  for (guint k = 0; k < adam->n_w; k++)
    {
      /* PyTorch 1.13's Adam with L2 weight decay (§2.3), sc-adam-kernel.c. */
      update (net->w[k], gw[k], net->m[k], adam->mw[k], adam->vw[k],
              adam->size[k], (float) weight_decay, neg_step_size, bc2_sqrt);
      update (net->b[k], gb[k], net->bm[k], adam->mb[k], adam->vb[k],
              adam->n_b[k], (float) weight_decay, neg_step_size, bc2_sqrt);
    }
  sc_fp_flush_leave (saved);
}

static void
gather_rows (const ScDataset *data,
             const guint     *rows,
             guint            n_rows,
             float           *x,
             float           *y)
{
  for (guint r = 0; r < n_rows; r++)
    {
      guint src = rows ? rows[r] : r;

      memcpy (x + (gsize) r * data->n_in, data->x + (gsize) src * data->n_in,
              sizeof (float) * data->n_in);
      if (y)
        memcpy (y + (gsize) r * data->n_out, data->y + (gsize) src * data->n_out,
                sizeof (float) * data->n_out);
    }
}

static ScEval
evaluate_with (ScPass          *pass,
               const ScNet     *net,
               const ScDataset *data,
               guint            batch_size,
               gboolean         reference_val_loss)
{
  ScEval eval = { 0 };
  guint n_batches = 0;
  guint64 bits = 0, rows = 0;
  double batch_mean_sum = 0.0, total = 0.0;

  for (guint start = 0; start < data->n_rows; start += batch_size)
    {
      guint n = MIN (batch_size, data->n_rows - start);
      guint64 b = 0, r = 0;
      double loss;

      memcpy (pass->act[0], data->x + (gsize) start * data->n_in,
              sizeof (float) * n * data->n_in);
      sc_pass_forward (pass, net, n);
      loss = sc_pass_bce (pass, data->y + (gsize) start * data->n_out, n, FALSE, &b, &r);
      batch_mean_sum += loss;
      total += loss * n;
      bits += b;
      rows += r;
      n_batches++;
    }

  if (reference_val_loss)
    /* §2.4/§9.4: the reference divides by the last batch index. */
    eval.loss = n_batches > 1 ? batch_mean_sum / (n_batches - 1) : INFINITY;
  else
    eval.loss = data->n_rows ? total / data->n_rows : 0.0;

  eval.accuracy = 100.0 * (double) bits / ((double) data->n_rows * data->n_out);
  eval.exact_accuracy = 100.0 * (double) rows / (double) data->n_rows;

  return eval;
}

ScEval
sc_evaluate (const ScNet     *net,
             const ScDataset *data,
             guint            batch_size,
             gboolean         reference_val_loss,
             ScBackend        backend)
{
  ScPass *pass;
  ScEval eval;

  g_return_val_if_fail (batch_size > 0, (ScEval) { 0 });

  pass = sc_pass_new (net, MIN (batch_size, MAX (data->n_rows, 1)), backend);
  eval = evaluate_with (pass, net, data, pass->capacity, reference_val_loss);
  sc_pass_free (pass);

  return eval;
}

static void
add_noise (float  *x,
           gsize   n,
           double  sigma,
           ScRng  *rng)
{
  double normal[256];

  /* The same draws as sc_rng_normal one by one, in blocks. */
  for (gsize e0 = 0; e0 < n; e0 += G_N_ELEMENTS (normal))
    {
      gsize count = MIN (G_N_ELEMENTS (normal), n - e0);

      sc_rng_normal_fill (rng, normal, count);
      for (gsize e = 0; e < count; e++)
        x[e0 + e] += (float) (sigma * normal[e]);
    }
}

/* The best-epoch rule of §2.4, including the accuracy-only branch taken
 * when the validation loss is not below 1000 (e.g. infinite). */
static gboolean
is_better (const ScEval *eval,
           double        best_loss,
           double        best_acc)
{
  if (eval->loss < 1000.0)
    return (best_loss >= eval->loss && eval->accuracy >= best_acc) ||
           eval->accuracy > best_acc;

  return eval->accuracy >= best_acc;
}

gboolean
sc_train (ScNet                *net,
          const ScDataset      *train,
          const ScDataset      *test,
          const ScTrainOptions *options,
          ScRng                *rng,
          ScTrainResult        *result,
          GError              **error)
{
  guint bs = options->batch_size;
  ScPass *pass;
  ScAdam *adam;
  ScNet *best;
  guint *order;
  float *ybuf;
  double best_loss = 1000.0, best_acc = 0.0;
  gboolean ok = TRUE;

  g_return_val_if_fail (net && train && test && options && result, FALSE);
  g_return_val_if_fail (rng != NULL || options->batch_func != NULL, FALSE);
  g_return_val_if_fail (bs > 0 && train->n_rows > 0, FALSE);
  g_return_val_if_fail (train->n_in == net->width[0], FALSE);

  pass = sc_pass_new_full (net, MAX (MIN (bs, train->n_rows), MIN (bs, test->n_rows)),
                           options->backend, options->dense_only ? 0.0 : SC_SPARSE_DENSITY);
  adam = sc_adam_new (net);
  best = sc_net_copy (net);
  order = g_new (guint, train->n_rows);
  ybuf = g_new (float, (gsize) pass->capacity * train->n_out);
  memset (result, 0, sizeof *result);

  for (guint epoch = 1; epoch <= options->epochs && ok; epoch++)
    {
      ScEval eval;
      double train_sum = 0.0;

      if (options->batch_func == NULL)
        {
          for (guint r = 0; r < train->n_rows; r++)
            order[r] = r;
          sc_rng_shuffle (rng, order, train->n_rows);
        }

      for (guint start = 0, index = 0; ; start += bs, index++)
        {
          guint n;

          if (g_cancellable_is_cancelled (options->cancellable))
            {
              ok = FALSE;
              break;
            }

          if (options->batch_func)
            {
              n = options->batch_func (epoch - 1, index, pass->act[0], ybuf,
                                       MIN (bs, pass->capacity), options->batch_data);
              g_return_val_if_fail (n <= MIN (bs, pass->capacity), FALSE);
            }
          else
            {
              n = start < train->n_rows ? MIN (bs, train->n_rows - start) : 0;
              gather_rows (train, order + start, n, pass->act[0], ybuf);
              if (options->noise > 0.0)
                add_noise (pass->act[0], (gsize) n * train->n_in, options->noise, rng);
            }
          if (n == 0)
            break;

          sc_pass_forward (pass, net, n);
          /* the reference's train_loss: Σ batch mean × batch rows / rows,
           * reported by the epoch events only (its logarithms cost as much
           * as a layer's products) */
          if (options->epoch_func)
            train_sum += sc_pass_bce (pass, ybuf, n, FALSE, NULL, NULL) * n;
          else
            sc_pass_bce_gradient (pass, ybuf, n, FALSE);
          sc_pass_backward (pass, net, n, TRUE, NULL);
          sc_adam_step (adam, net, pass->gw, pass->gb, options->lr, options->weight_decay);
          if (options->step_func)
            options->step_func (epoch - 1, index, net, pass->gw, pass->gb, options->step_data);
        }
      if (!ok)
        break;

      eval = evaluate_with (pass, net, test, bs, options->reference_val_loss);
      if (is_better (&eval, best_loss, best_acc))
        {
          sc_net_copy_params (best, net);
          if (eval.loss < 1000.0)
            best_loss = eval.loss;
          best_acc = eval.accuracy;
          result->best = eval;
          result->best_epoch = epoch;
        }

      eval.train_loss = train_sum / train->n_rows;
      if (options->epoch_func)
        options->epoch_func (epoch, options->epochs, &eval, options->epoch_data);
    }

  /* The best epoch's model, not the last one (§2.4). */
  if (result->best_epoch > 0)
    sc_net_copy_params (net, best);

  g_free (ybuf);
  g_free (order);
  sc_net_free (best);
  sc_adam_free (adam);
  sc_pass_free (pass);

  if (!ok)
    g_set_error (error, SC_ERROR, SC_ERROR_CANCELLED, "The run was cancelled");

  return ok;
}
