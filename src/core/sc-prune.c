/* sc-prune.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-pass.h"
#include "sc-prune.h"

/* Reorders v so that v[k] is the k-th smallest (Hoare's selection). */
static float
select_kth (float *v,
            gsize  n,
            gsize  k)
{
  gssize lo = 0, hi = (gssize) n - 1;

  g_assert (k < n);

  while (lo < hi)
    {
      float pivot = v[lo + (hi - lo) / 2];
      gssize i = lo, j = hi;

      while (i <= j)
        {
          while (v[i] < pivot)
            i++;
          while (v[j] > pivot)
            j--;
          if (i <= j)
            {
              float tmp = v[i];

              v[i++] = v[j];
              v[j--] = tmp;
            }
        }

      if ((gssize) k <= j)
        hi = j;
      else if ((gssize) k >= i)
        lo = i;
      else
        break;
    }

  return v[k];
}

/* The k-th smallest of values ∪ {n_zeros zeros}: the extra zeros sit right
 * after the negative values, shifting everything above them by n_zeros. */
static double
kth_with_zeros (float *values,
                gsize  n_values,
                gsize  n_zeros,
                gsize  k)
{
  gsize n_neg = 0;

  for (gsize e = 0; e < n_values; e++)
    n_neg += values[e] < 0.0f;

  if (k < n_neg)
    return select_kth (values, n_values, k);
  if (k < n_neg + n_zeros)
    return 0.0;

  return select_kth (values, n_values, k - n_zeros);
}

double
sc_percentile_linear (const float *values,
                      gsize        n_values,
                      gsize        n_zeros,
                      double       q)
{
  gsize n = n_values + n_zeros;
  g_autofree float *v = NULL;
  double h, t, lo, hi;
  float d;
  gsize i;

  g_return_val_if_fail (n > 0, 0.0);
  g_return_val_if_fail (q >= 0.0 && q <= 100.0, 0.0);

  /* numpy 1.24 exactly (oracle README obs. 14): q/100 first, then
   * h = (n−1)·q; b − a is a float32 subtraction, the lerp is in double. */
  v = g_memdup2 (values, sizeof (float) * MAX (n_values, 1));
  h = (double) (n - 1) * (q / 100.0);
  i = (gsize) floor (h);
  t = h - (double) i;
  lo = kth_with_zeros (v, n_values, n_zeros, i);
  if (i + 1 >= n)
    return lo;
  hi = kth_with_zeros (v, n_values, n_zeros, i + 1);
  d = (float) hi - (float) lo;

  /* numpy's _lerp: a + (b−a)·t, computed from the other end for t >= 0.5
   * so that t == 1 gives b exactly. */
  return t < 0.5 ? lo + (double) d * t : hi - (double) d * (1.0 - t);
}

float *
sc_unit_scores (const ScNet     *net,
                const ScDataset *data,
                ScBackend        backend)
{
  const guint chunk = 256;
  guint H = sc_net_hidden_units (net);
  float *scores = g_new0 (float, MAX (H, 1));
  g_autofree float **sums = g_new0 (float *, net->n_layers);
  ScPass *pass = sc_pass_new (net, MIN (chunk, MAX (data->n_rows, 1)), backend);
  guint offset = 0;

  /* The reference feeds one row at a time (§3.1): each row is its own
   * tensor for the sigmoid. */
  pass->tensor_rows = 1;
  for (guint l = 1; l + 1 < net->n_layers; l++)
    sums[l] = g_new0 (float, MAX (net->width[l], 1));

  for (guint start = 0; start < data->n_rows; start += pass->capacity)
    {
      guint n = MIN (pass->capacity, data->n_rows - start);

      memcpy (pass->act[0], data->x + (gsize) start * data->n_in,
              sizeof (float) * n * data->n_in);
      sc_pass_forward (pass, net, n);
      /* per_sample: each sample's loss is its mean over the outputs, as
       * with the reference's batch size of 1 (§3.1). */
      sc_pass_bce_gradient (pass, data->y + (gsize) start * data->n_out, n, TRUE);
      sc_pass_backward (pass, net, n, FALSE, sums);
    }

  /* numpy's float32 mean over the rows (oracle README obs. 11): the sum in
   * row order, then one float32 division. */
  for (guint l = 1; l + 1 < net->n_layers; l++)
    {
      for (guint i = 0; i < net->width[l]; i++)
        scores[offset + net->unit[l][i]] = sums[l][i] / (float) data->n_rows;
      offset += net->arch[l];
      g_free (sums[l]);
    }

  sc_pass_free (pass);
  return scores;
}

guint
sc_unit_prune_mask (ScMask      *mask,
                    const float *scores,
                    double       percent,
                    double      *threshold_out)
{
  guint H = 0, offset = 0;
  double threshold;

  for (guint l = 1; l + 1 < mask->n_layers; l++)
    H += mask->arch[l];
  g_return_val_if_fail (H > 0, 0);

  threshold = sc_percentile_linear (scores, H, 0, percent);
  if (threshold_out)
    *threshold_out = threshold;

  for (guint l = 1; l + 1 < mask->n_layers; l++)
    {
      guint n_prev = mask->arch[l - 1];
      guint n_next = mask->arch[l + 1];

      for (guint u = 0; u < mask->arch[l]; u++)
        {
          /* keep iff score > threshold, strictly (§3.2) */
          if ((double) scores[offset + u] > threshold)
            continue;

          memset (mask->m[l - 1] + (gsize) u * n_prev, 0, n_prev);
          for (guint j = 0; j < n_next; j++)
            mask->m[l][(gsize) j * mask->arch[l] + u] = 0;
        }
      offset += mask->arch[l];
    }

  return sc_mask_hidden_with_edges (mask);
}

ScMask *
sc_edge_prune_mask (const ScNet *net,
                    double       percent,
                    double      *threshold_out)
{
  gsize physical = 0, dense = sc_net_dense_weights (net), at = 0;
  g_autofree float *magnitudes = NULL;
  ScMask *mask;
  double threshold;

  for (guint k = 0; k + 1 < net->n_layers; k++)
    physical += (gsize) net->width[k] * net->width[k + 1];

  magnitudes = g_new (float, MAX (physical, 1));
  for (guint k = 0; k + 1 < net->n_layers; k++)
    {
      gsize size = (gsize) net->width[k] * net->width[k + 1];

      for (gsize e = 0; e < size; e++)
        magnitudes[at++] = fabsf (net->w[k][e]);
    }

  /* Global over all layers, including the zeros of pruned weights and of
   * the units compaction dropped (§4). */
  threshold = sc_percentile_linear (magnitudes, physical, dense - physical, percent);
  if (threshold_out)
    *threshold_out = threshold;

  mask = sc_mask_new (net->arch, net->n_layers, FALSE);
  for (guint k = 0; k + 1 < net->n_layers; k++)
    for (guint j = 0; j < net->width[k + 1]; j++)
      for (guint i = 0; i < net->width[k]; i++)
        if ((double) fabsf (net->w[k][(gsize) j * net->width[k] + i]) > threshold)
          mask->m[k][(gsize) net->unit[k + 1][j] * net->arch[k] + net->unit[k][i]] = 1;

  return mask;
}

void
sc_schedule_init (ScSchedule *schedule,
                  double      start,
                  double      step,
                  double      p_min)
{
  memset (schedule, 0, sizeof *schedule);
  schedule->start = start;
  schedule->step = step;
  schedule->p_min = p_min;
  schedule->prev = start;
  schedule->p = step;
  schedule->i = 1;
  schedule->follow = TRUE;
}

void
sc_schedule_init_float32 (ScSchedule *schedule,
                          double      start,
                          double      step,
                          double      p_min)
{
  sc_schedule_init (schedule, (float) start, step, p_min);
  schedule->float32 = TRUE;
}

gboolean
sc_schedule_next (ScSchedule *schedule,
                  double     *target)
{
  if (schedule->done)
    return FALSE;

  if (schedule->float32)
    {
      /* Obs. 8: a float32 tensor plus a Python float is float32
       * arithmetic, the Python value rounded to float32 first. */
      float prev = (float) schedule->prev;

      if (schedule->follow)
        {
          float target_f = (float) schedule->start + (float) (schedule->step * schedule->i);

          schedule->target = target_f;
          schedule->p = target_f - prev;
        }
      else
        schedule->target = prev + (float) schedule->p;
    }
  else if (schedule->follow)
    {
      schedule->target = schedule->start + schedule->step * schedule->i;
      schedule->p = schedule->target - schedule->prev;
    }
  else
    schedule->target = schedule->prev + schedule->p;

  *target = schedule->target;
  return TRUE;
}

/* p > p_min, compared as the reference does: in float32 while p is a
 * float32 tensor (the edge stage, obs. 8), in double otherwise. */
static gboolean
step_above (const ScSchedule *schedule,
            double            p,
            double            p_min)
{
  if (schedule->float32)
    return (float) p > (float) p_min;

  return p > p_min;
}

void
sc_schedule_report (ScSchedule *schedule,
                    gboolean    accepted)
{
  if (accepted)
    schedule->prev = schedule->target;
  else if (step_above (schedule, schedule->p, schedule->p_min))
    {
      double half = schedule->float32 ? (double) ((float) schedule->p / 2.0f)
                                      : schedule->p / 2.0;

      /* Once rejected, never back on the linear schedule; the halved step
       * stays for all later steps (§3.3). */
      schedule->follow = FALSE;
      schedule->p = step_above (schedule, schedule->p_min, half) ? schedule->p_min : half;
    }
  else
    schedule->done = TRUE;

  schedule->i++;
}
