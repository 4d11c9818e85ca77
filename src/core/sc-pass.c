/* sc-pass.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-kernels.h"
#include "sc-math.h"
#include "sc-pass.h"
#include "sc-fpmode.h"
#include "sc-sigmoid.h"

static ScSparseLayer *
sparse_layer_new (const ScNet *net,
                  guint        k,
                  double       max_density)
{
  guint n_in = net->width[k], n_out = net->width[k + 1];
  gsize size = (gsize) n_in * n_out, nnz = 0, at = 0;
  ScSparseLayer *layer;

  for (gsize e = 0; e < size; e++)
    nnz += net->m[k][e];
  if (size == 0 || (double) nnz >= max_density * (double) size)
    return NULL;

  layer = g_new0 (ScSparseLayer, 1);
  layer->nnz = nnz;
  layer->row_start = g_new (guint, n_out + 1);
  layer->col = g_new (guint, MAX (nnz, 1));
  layer->off = g_new (gsize, MAX (nnz, 1));
  for (guint j = 0; j < n_out; j++)
    {
      layer->row_start[j] = (guint) at;
      for (guint i = 0; i < n_in; i++)
        if (net->m[k][(gsize) j * n_in + i])
          {
            layer->col[at] = i;
            layer->off[at++] = (gsize) j * n_in + i;
          }
    }
  layer->row_start[n_out] = (guint) at;

  return layer;
}

static void
sparse_layer_free (ScSparseLayer *layer)
{
  if (layer == NULL)
    return;
  g_free (layer->row_start);
  g_free (layer->col);
  g_free (layer->off);
  g_free (layer);
}

ScPass *
sc_pass_new (const ScNet *net,
             guint        capacity,
             ScBackend    backend)
{
  return sc_pass_new_full (net, capacity, backend, SC_SPARSE_DENSITY);
}

ScPass *
sc_pass_new_full (const ScNet *net,
                  guint        capacity,
                  ScBackend    backend,
                  double       sparse_density)
{
  ScPass *pass = g_new0 (ScPass, 1);
  guint n = net->n_layers;

  pass->backend = backend;
  pass->n_layers = n;
  pass->width = g_memdup2 (net->width, sizeof (guint) * n);
  pass->capacity = capacity;
  pass->act = g_new0 (float *, n);
  pass->grad = g_new0 (float *, n);
  pass->gw = g_new0 (float *, n - 1);
  pass->gb = g_new0 (float *, n - 1);
  pass->sparse = g_new0 (ScSparseLayer *, n - 1);
  pass->loss_t = g_new0 (double, MAX ((gsize) capacity * net->width[n - 1], 1));
  pass->loss_log = g_new0 (double, MAX ((gsize) capacity * net->width[n - 1], 1));
  pass->loss_ok = g_new0 (guint8, MAX ((gsize) capacity * net->width[n - 1], 1));
  for (guint l = 0; l < n; l++)
    {
      gsize size = MAX ((gsize) capacity * net->width[l], 1);

      pass->act[l] = g_new0 (float, size);
      if (l > 0)
        pass->grad[l] = g_new0 (float, size);
    }
  for (guint k = 0; k + 1 < n; k++)
    {
      pass->gw[k] = g_new0 (float, MAX ((gsize) net->width[k] * net->width[k + 1], 1));
      pass->gb[k] = g_new0 (float, MAX (net->width[k + 1], 1));
      if (sparse_density > 0.0)
        pass->sparse[k] = sparse_layer_new (net, k, sparse_density);
    }

  return pass;
}

void
sc_pass_free (ScPass *pass)
{
  if (pass == NULL)
    return;

  for (guint l = 0; l < pass->n_layers; l++)
    {
      g_free (pass->act[l]);
      g_free (pass->grad[l]);
    }
  for (guint k = 0; k + 1 < pass->n_layers; k++)
    {
      g_free (pass->gw[k]);
      g_free (pass->gb[k]);
      sparse_layer_free (pass->sparse[k]);
    }
  g_free (pass->sparse);
  g_free (pass->loss_t);
  g_free (pass->loss_log);
  g_free (pass->loss_ok);
  g_free (pass->act);
  g_free (pass->grad);
  g_free (pass->gw);
  g_free (pass->gb);
  g_free (pass->width);
  g_free (pass);
}

/* Z (rows × n_out) = A · Wᵀ over the layer's edges only. */
static void
sparse_forward (const ScSparseLayer *layer,
                const float         *w,
                const float         *a,
                guint                n_rows,
                guint                n_in,
                guint                n_out,
                float               *z)
{
  for (guint r = 0; r < n_rows; r++)
    {
      const float *arow = a + (gsize) r * n_in;
      float *zrow = z + (gsize) r * n_out;

      for (guint j = 0; j < n_out; j++)
        {
          float sum = 0.0f;

          for (guint e = layer->row_start[j]; e < layer->row_start[j + 1]; e++)
            sum += arow[layer->col[e]] * w[layer->off[e]];
          zrow[j] = sum;
        }
    }
}

/* gW at the edges = δᵀ · A, and (unless da is NULL) dA = δ · W. */
static void
sparse_backward (const ScSparseLayer *layer,
                 const float         *w,
                 const float         *a,
                 const float         *delta,
                 guint                n_rows,
                 guint                n_in,
                 guint                n_out,
                 float               *gw,
                 float               *da)
{
  if (gw == NULL && da == NULL)
    return;
  if (gw)
    for (gsize e = 0; e < layer->nnz; e++)
      gw[layer->off[e]] = 0.0f;

  for (guint r = 0; r < n_rows; r++)
    {
      const float *arow = a + (gsize) r * n_in;
      const float *drow = delta + (gsize) r * n_out;
      float *darow = da ? da + (gsize) r * n_in : NULL;

      if (darow)
        memset (darow, 0, sizeof (float) * n_in);
      for (guint j = 0; j < n_out; j++)
        {
          float d = drow[j];

          if (d == 0.0f)
            continue;
          for (guint e = layer->row_start[j]; e < layer->row_start[j + 1]; e++)
            {
              if (gw)
                gw[layer->off[e]] += d * arow[layer->col[e]];
              if (darow)
                darow[layer->col[e]] += d * w[layer->off[e]];
            }
        }
    }
}

/* The reference's products went through OpenBLAS 0.3.21's Prescott SSE3
 * sgemm kernel (the oracle's traces are reproduced bit for bit by PyTorch
 * with OPENBLAS_CORETYPE=Prescott, not by other kernels). It sums each dot
 * product in order, except for the last (units mod 4) output units of a
 * layer: those take k in blocks of 8 as pairs, even k into one sum and odd
 * k into another, the remaining k into the even sum, then even + odd.
 * The portable products (and their definition, SC_BACKEND_PLAIN) sum in
 * order; this redoes those units' sums, so that Sculptor's products are the
 * reference's on every CPU. Positions are the dense ones, so compaction
 * changes nothing. */
static void
paired_units_forward (const ScNet *net,
                      guint        k,
                      const float *a,
                      guint        n_rows,
                      float       *z)
{
  guint n_in = net->width[k], n_out = net->width[k + 1];
  guint dense_out = net->arch[k + 1], dense_in = net->arch[k];
  guint first_paired = dense_out - dense_out % 4;
  guint main_end = dense_in / 8 * 8;

  for (guint j = 0; j < n_out; j++)
    {
      const float *w = net->w[k] + (gsize) j * n_in;

      if (net->unit[k + 1][j] < first_paired)
        continue;
      for (guint r = 0; r < n_rows; r++)
        {
          const float *arow = a + (gsize) r * n_in;
          float even = 0.0f, odd = 0.0f;

          for (guint i = 0; i < n_in; i++)
            {
              guint di = net->unit[k][i];
              float product = arow[i] * w[i];

              if (di < main_end && di % 2 == 1)
                odd += product;
              else
                even += product;
            }
          z[(gsize) r * n_out + j] = even + odd;
        }
    }
}

/* row = row + b, then the ReLU max (v, 0) on hidden layers (+0 for v <= 0
 * and NaN), with a bit mask rather than a branch per unit, like
 * relu_backward. */
static void
bias_relu (float       *restrict row,
           const float *restrict b,
           guint                 n,
           gboolean              relu)
{
  for (guint j = 0; j < n; j++)
    {
      float v = row[j] + b[j];
      guint32 bits, keep = relu ? -(guint32) (v > 0.0f) : G_MAXUINT32;

      memcpy (&bits, &v, sizeof bits);
      bits &= keep;
      memcpy (&row[j], &bits, sizeof bits);
    }
}

static void
pass_forward (ScPass      *pass,
              const ScNet *net,
              guint        n_rows)
{
  guint last = net->n_layers - 1;

  g_assert (n_rows <= pass->capacity);

  for (guint k = 0; k < last; k++)
    {
      guint n_in = net->width[k];
      guint n_out = net->width[k + 1];
      float *z = pass->act[k + 1];

      if (pass->sparse[k])
        sparse_forward (pass->sparse[k], net->w[k], pass->act[k], n_rows, n_in, n_out, z);
      else
        sc_gemm (pass->backend, FALSE, TRUE, n_rows, n_out, n_in,
                 1.0f, pass->act[k], n_in, net->w[k], n_in, 0.0f, z, n_out);
      if (pass->backend != SC_BACKEND_BLAS)
        paired_units_forward (net, k, pass->act[k], n_rows, z);

      for (guint r = 0; r < n_rows; r++)
        bias_relu (z + (gsize) r * n_out, net->b[k], n_out, k + 1 < last);
    }

  /* The output sigmoid, one reference tensor at a time (sc-sigmoid.h). */
  {
    guint block = pass->tensor_rows ? pass->tensor_rows : MAX (n_rows, 1);
    guint n_out = net->width[last];

    for (guint r = 0; r < n_rows; r += block)
      sc_sigmoid_tensor (pass->act[last] + (gsize) r * n_out,
                         (gsize) MIN (block, n_rows - r) * n_out);
  }
}

/* want_loss FALSE: the gradient only (no logarithms, no counts). */
static double
pass_bce (ScPass      *pass,
          const float *y,
          guint        n_rows,
          gboolean     per_sample,
          gboolean     want_loss,
          guint64     *correct_bits,
          guint64     *correct_rows)
{
  guint last = pass->n_layers - 1;
  guint n_out = pass->width[last];
  const float *p = pass->act[last];
  float *dz = pass->grad[last];
  gsize n = (gsize) n_rows * n_out;
  /* dL/dt = −(1/N)/t, N the number of loss terms (§2.2) */
  double minus_inv_n = -(1.0 / (double) (per_sample ? n_out : n));
  double sum = 0.0;
  guint64 bits = 0, rows = 0;
  const ScKernels *kernels = sc_kernels_get ();

  /* Element-wise work in the kernel builds (sc-elementwise-kernel.c: each
   * lane the same IEEE operations, so the same bits), the sum in order:
   * t = y·p + (1−y)·(1−p) (§2.2) in float64, with (1 − p) taken in float32
   * first as the reference does (oracle README obs. 2); the reference adds
   * 1e-8 (a float32 constant) to every t <= 0 when the loss is infinite,
   * which is exactly when t <= 0. */
  kernels->bce_terms (y, p, pass->loss_t, pass->loss_ok, n);
  for (guint r = 0; want_loss && r < n_rows; r++)
    {
      gboolean row_ok = TRUE;

      for (guint j = 0; j < n_out; j++)
        {
          gboolean ok = pass->loss_ok[(gsize) r * n_out + j];

          bits += ok;
          row_ok &= ok;
        }
      rows += row_ok;
    }

  /* The logarithms side by side (each one sc_log's bits), summed in the
   * order e = 0 … n − 1. */
  if (want_loss)
    {
      kernels->log (pass->loss_t, pass->loss_log, n);
      for (gsize e = 0; e < n; e++)
        sum += pass->loss_log[e];
    }

  /* Obs. 2: the float64 gradient reaching p is rounded to float32 per
   * product term, and the sigmoid backward runs in float32 as PyTorch's
   * (g·(1 − p))·p. A wrongly saturated output (p(1−p) = 0) gets no
   * gradient. */
  kernels->bce_grad (y, p, pass->loss_t, minus_inv_n, dz, n);

  if (correct_bits)
    *correct_bits = bits;
  if (correct_rows)
    *correct_rows = rows;

  return n ? -sum / (double) n : 0.0;
}

/* PyTorch 1.13's float sum (SumKernel.cpp, AVX2 build), whose order the
 * bias gradient grad.sum(0) inherits (oracle README "Self-consistency").
 *
 * cascade_sum: n values v[0], v[stride], … summed in order in runs of
 * 16 (or more for long sums), folded into 4 levels. */
static float
cascade_sum (const float *v,
             gsize        stride,
             guint        n)
{
  enum { LEVELS = 4 };
  guint log2_n = 0;
  guint level_power, level_step;
  float acc[LEVELS] = { 0.0f };
  guint i = 0;

  while ((1u << log2_n) < n)
    log2_n++;
  level_power = MAX (4, log2_n / LEVELS);
  level_step = 1u << level_power;

  while (i + level_step <= n)
    {
      for (guint j = 0; j < level_step; j++, i++)
        acc[0] += v[(gsize) i * stride];
      for (guint l = 1; l < LEVELS; l++)
        {
          acc[l] += acc[l - 1];
          acc[l - 1] = 0.0f;
          if ((i & ((level_step - 1) << (l * level_power))) != 0)
            break;
        }
    }
  for (; i < n; i++)
    acc[0] += v[(gsize) i * stride];
  for (guint l = 1; l < LEVELS; l++)
    acc[0] += acc[l];

  return acc[0];
}

/* row_sum: four interleaved cascades (elements 4i + k), the tail, then the
 * four partial sums in order. */
static float
row_sum (const float *v,
         gsize        stride,
         guint        n)
{
  guint n_ilp = n / 4;
  float partial[4];

  for (guint k = 0; k < 4; k++)
    partial[k] = cascade_sum (v + k * stride, 4 * stride, n_ilp);
  for (guint i = 4 * n_ilp; i < n; i++)
    partial[0] += v[(gsize) i * stride];
  for (guint k = 1; k < 4; k++)
    partial[0] += partial[k];

  return partial[0];
}

/* cascade_sum and row_sum for SUM_LANES neighbouring columns at once
 * (v[l + i·stride], l < SUM_LANES): their control flow depends on the
 * count only, so each lane performs exactly the scalar function's
 * additions in its order, and the lanes vectorise. */
#define SUM_LANES 8

static void
cascade_sum_lanes (const float *v,
                   gsize        stride,
                   guint        n,
                   float       *out)
{
  enum { LEVELS = 4 };
  guint log2_n = 0;
  guint level_power, level_step;
  float acc[LEVELS][SUM_LANES] = { { 0.0f } };
  guint i = 0;

  while ((1u << log2_n) < n)
    log2_n++;
  level_power = MAX (4, log2_n / LEVELS);
  level_step = 1u << level_power;

  while (i + level_step <= n)
    {
      for (guint j = 0; j < level_step; j++, i++)
        for (guint l = 0; l < SUM_LANES; l++)
          acc[0][l] += v[(gsize) i * stride + l];
      for (guint lv = 1; lv < LEVELS; lv++)
        {
          for (guint l = 0; l < SUM_LANES; l++)
            {
              acc[lv][l] += acc[lv - 1][l];
              acc[lv - 1][l] = 0.0f;
            }
          if ((i & ((level_step - 1) << (lv * level_power))) != 0)
            break;
        }
    }
  for (; i < n; i++)
    for (guint l = 0; l < SUM_LANES; l++)
      acc[0][l] += v[(gsize) i * stride + l];
  for (guint lv = 1; lv < LEVELS; lv++)
    for (guint l = 0; l < SUM_LANES; l++)
      acc[0][l] += acc[lv][l];

  memcpy (out, acc[0], sizeof acc[0]);
}

static void
row_sum_lanes (const float *v,
               gsize        stride,
               guint        n,
               float       *out)
{
  guint n_ilp = n / 4;
  float partial[4][SUM_LANES];

  for (guint k = 0; k < 4; k++)
    cascade_sum_lanes (v + k * stride, 4 * stride, n_ilp, partial[k]);
  for (guint i = 4 * n_ilp; i < n; i++)
    for (guint l = 0; l < SUM_LANES; l++)
      partial[0][l] += v[(gsize) i * stride + l];
  for (guint k = 1; k < 4; k++)
    for (guint l = 0; l < SUM_LANES; l++)
      partial[0][l] += partial[k][l];

  memcpy (out, partial[0], sizeof partial[0]);
}

/* out[j] = Σ_r v[r][j] over a contiguous rows × cols tensor whose columns
 * are columns unit[j] of the reference's dense_cols (compaction drops
 * columns, the reference's order depends on the dense ones). With one
 * column the rows are contiguous: 8 vector lanes (row_sum each), the tail
 * and the lanes added to 0 in order. Otherwise the leading columns, in
 * groups of 32 (4 if fewer than 8 columns), take cascade_sum and the rest
 * row_sum. */
static void
torch_sum_dim0 (const float *v,
                guint        rows,
                guint        cols,
                guint        dense_cols,
                const guint *unit,
                float       *out)
{
  guint cascade_end = dense_cols >= 8 ? dense_cols / 32 * 32 : dense_cols / 4 * 4;

  if (dense_cols == 1 && rows >= 8)
    {
      guint n_vec = rows / 8;
      float acc = 0.0f;

      for (guint i = 8 * n_vec; i < rows; i++)
        acc += v[i];
      for (guint lane = 0; lane < 8; lane++)
        acc += row_sum (v + lane, 8, n_vec);
      out[0] = acc;
      return;
    }

  for (guint j = 0; j < cols;)
    {
      gboolean cascade = unit[j] < cascade_end;
      guint same = 1;

      /* SUM_LANES neighbours of the same kind at once, others one by one. */
      while (same < SUM_LANES && j + same < cols && (unit[j + same] < cascade_end) == cascade)
        same++;
      if (same == SUM_LANES)
        {
          if (cascade)
            cascade_sum_lanes (v + j, cols, rows, out + j);
          else
            row_sum_lanes (v + j, cols, rows, out + j);
          j += SUM_LANES;
          continue;
        }
      out[j] = cascade ? cascade_sum (v + j, cols, rows) : row_sum (v + j, cols, rows);
      j++;
    }
}

/* g = 0 where a <= 0 (or NaN), with bit masks rather than a branch per
 * element: half the units are dead, so the branch mispredicted often, and
 * a loop without branches vectorises. Same values (+0 where zeroed). */
static void
relu_backward (float       *restrict g,
               const float *restrict a,
               guint                 n)
{
  for (guint i = 0; i < n; i++)
    {
      guint32 bits, keep = -(guint32) (a[i] > 0.0f);

      memcpy (&bits, &g[i], sizeof bits);
      bits &= keep;
      memcpy (&g[i], &bits, sizeof bits);
    }
}

/* v = +0 where the mask byte is 0, branch-free like relu_backward. */
static void
zero_unmasked (float        *restrict v,
               const guint8 *restrict mask,
               gsize                  n)
{
  for (gsize e = 0; e < n; e++)
    {
      guint32 bits, keep = -(guint32) (mask[e] != 0);

      memcpy (&bits, &v[e], sizeof bits);
      bits &= keep;
      memcpy (&v[e], &bits, sizeof bits);
    }
}

static void
pass_backward (ScPass      *pass,
               const ScNet *net,
               guint        n_rows,
               gboolean     want_params,
               float      **scores)
{
  guint last = net->n_layers - 1;

  for (guint k = last; k-- > 0;)
    {
      guint n_in = net->width[k];
      guint n_out = net->width[k + 1];
      const float *delta = pass->grad[k + 1];

      if (pass->sparse[k])
        {
          /* Adam reads the gradient at the edges only (§2.1 masking). */
          sparse_backward (pass->sparse[k], net->w[k], pass->act[k], delta, n_rows,
                           n_in, n_out, want_params ? pass->gw[k] : NULL,
                           k > 0 ? pass->grad[k] : NULL);
        }
      else if (want_params)
        {
          gsize size = (gsize) n_in * n_out;

          /* gW = δᵀ · A (n_out × n_in), masked. */
          sc_gemm (pass->backend, TRUE, FALSE, n_out, n_in, n_rows,
                   1.0f, delta, n_out, pass->act[k], n_in, 0.0f, pass->gw[k], n_in);
          zero_unmasked (pass->gw[k], net->m[k], size);
        }

      if (want_params)
        {
          /* gb = Σ_rows δ, masked. */
          torch_sum_dim0 (delta, n_rows, n_out, net->arch[k + 1], net->unit[k + 1], pass->gb[k]);
          for (guint j = 0; j < n_out; j++)
            if (!net->bm[k][j])
              pass->gb[k][j] = 0.0f;
        }

      if (k == 0)
        break;

      /* ∂L/∂a_k = δ · W (n_rows × n_in), then through the ReLU. */
      if (!pass->sparse[k])
        sc_gemm (pass->backend, FALSE, FALSE, n_rows, n_in, n_out,
                 1.0f, delta, n_out, net->w[k], n_in, 0.0f, pass->grad[k], n_in);

      for (guint r = 0; r < n_rows; r++)
        {
          float *g = pass->grad[k] + (gsize) r * n_in;
          const float *a = pass->act[k] + (gsize) r * n_in;

          if (scores != NULL)
            for (guint i = 0; i < n_in; i++)
              scores[k][i] += fabsf (g[i]) * fabsf (a[i]);
          relu_backward (g, a, n_in);
        }
    }
}

/* The public entry points run in the core's floating-point mode
 * (sc-fpmode.h: subnormals flushed to zero). */
void
sc_pass_forward (ScPass      *pass,
                 const ScNet *net,
                 guint        n_rows)
{
  ScFpMode saved = sc_fp_flush_enter ();

  pass_forward (pass, net, n_rows);
  sc_fp_flush_leave (saved);
}

double
sc_pass_bce (ScPass      *pass,
             const float *y,
             guint        n_rows,
             gboolean     per_sample,
             guint64     *correct_bits,
             guint64     *correct_rows)
{
  ScFpMode saved = sc_fp_flush_enter ();
  double loss = pass_bce (pass, y, n_rows, per_sample, TRUE, correct_bits, correct_rows);

  sc_fp_flush_leave (saved);
  return loss;
}

void
sc_pass_bce_gradient (ScPass      *pass,
                      const float *y,
                      guint        n_rows,
                      gboolean     per_sample)
{
  ScFpMode saved = sc_fp_flush_enter ();

  pass_bce (pass, y, n_rows, per_sample, FALSE, NULL, NULL);
  sc_fp_flush_leave (saved);
}

void
sc_pass_backward (ScPass      *pass,
                  const ScNet *net,
                  guint        n_rows,
                  gboolean     want_params,
                  float      **scores)
{
  ScFpMode saved = sc_fp_flush_enter ();

  pass_backward (pass, net, n_rows, want_params, scores);
  sc_fp_flush_leave (saved);
}
