/* sc-merge.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include "sc-merge.h"

typedef struct
{
  const ScMask *condensed;
  guint         n_layers;
  const guint  *new_arch;
  const guint  *kept_index;
  const guint  *premerge;
  const guint  *n_clusters;
  guint        *offset;      /* n_layers + 1: first kept position of each layer */
  guint        *merged;
} Merge;

/* Distinct module ids of layer l in order of first appearance: the rows of
 * the connection matrix. */
static guint
layer_rows (const Merge *mg,
            guint        l,
            guint       *row_of,
            guint       *row_id)
{
  guint n_rows = 0;

  for (guint i = 0; i < mg->new_arch[l]; i++)
    {
      guint id = mg->merged[mg->offset[l] + i];
      guint r = 0;

      while (r < n_rows && row_id[r] != id)
        r++;
      if (r == n_rows)
        row_id[n_rows++] = id;
      row_of[i] = r;
    }

  return n_rows;
}

/* target(c): the lowest row r with out_frac > τ and in_frac > τ. A row or a
 * column without edges gives 0/0 = NaN, which never passes (§9.13). For the
 * output layer out_frac ≡ 1 (§9.18). */
static void
merge_targets (const guint *conn,
               guint        n_rows,
               guint        n_cols,
               gboolean     output_layer,
               double       tau,
               int         *target)
{
  g_autofree guint *row_sum = g_new0 (guint, MAX (n_rows, 1));
  g_autofree guint *col_sum = g_new0 (guint, MAX (n_cols, 1));

  for (guint r = 0; r < n_rows; r++)
    for (guint c = 0; c < n_cols; c++)
      {
        row_sum[r] += conn[r * n_cols + c];
        col_sum[c] += conn[r * n_cols + c];
      }

  for (guint c = 0; c < n_cols; c++)
    {
      target[c] = -1;
      for (guint r = 0; r < n_rows && target[c] < 0; r++)
        {
          double count = conn[r * n_cols + c];
          double out_frac = output_layer ? 1.0 : count / (double) row_sum[r];
          double in_frac = count / (double) col_sum[c];

          if (out_frac > tau && in_frac > tau)
            target[c] = (int) r;
        }
    }
}

static guint *
connections (const Merge *mg,
             guint        l,
             const guint *row_of,
             guint        n_rows)
{
  guint n_cols = mg->n_clusters[l];
  guint *conn = g_new0 (guint, MAX ((gsize) n_rows * n_cols, 1));

  for (guint b = 0; b < mg->new_arch[l]; b++)
    for (guint a = 0; a < mg->new_arch[l - 1]; a++)
      if (sc_mask_get (mg->condensed, l - 1,
                       mg->kept_index[mg->offset[l - 1] + a],
                       mg->kept_index[mg->offset[l] + b]))
        {
          guint c = mg->premerge[mg->offset[l] + b];

          g_assert (c < n_cols);
          conn[row_of[a] * n_cols + c]++;
        }

  return conn;
}

static void
merge_layer (Merge *mg,
             guint  l,
             double tau,
             guint *next_id)
{
  guint n_prev = mg->new_arch[l - 1];
  guint n_cols = mg->n_clusters[l];
  g_autofree guint *row_of = g_new (guint, MAX (n_prev, 1));
  g_autofree guint *row_id = g_new (guint, MAX (n_prev, 1));
  g_autofree int *target = g_new (int, MAX (n_cols, 1));
  g_autofree guint *fresh = g_new (guint, MAX (n_cols, 1));
  g_autofree guint *conn = NULL;
  guint n_rows;

  n_rows = layer_rows (mg, l - 1, row_of, row_id);
  conn = connections (mg, l, row_of, n_rows);
  merge_targets (conn, n_rows, n_cols, l + 1 == mg->n_layers, tau, target);

  /* Clusters without a target get fresh ids in order of first appearance. */
  for (guint c = 0; c < n_cols; c++)
    fresh[c] = G_MAXUINT;
  for (guint b = 0; b < mg->new_arch[l]; b++)
    {
      guint p = mg->offset[l] + b;
      guint c = mg->premerge[p];

      if (target[c] >= 0)
        mg->merged[p] = row_id[target[c]];
      else
        {
          if (fresh[c] == G_MAXUINT)
            fresh[c] = (*next_id)++;
          mg->merged[p] = fresh[c];
        }
    }
}

void
sc_merge_clusters (const ScMask *condensed,
                   guint         n_layers,
                   const guint  *new_arch,
                   const guint  *kept_index,
                   const guint  *premerge,
                   const guint  *n_clusters,
                   double        tau,
                   guint        *merged)
{
  g_autofree guint *offset = g_new0 (guint, n_layers + 1);
  Merge mg = { condensed, n_layers, new_arch, kept_index, premerge, n_clusters, offset, merged };
  guint next_id = 0;

  g_return_if_fail (condensed != NULL && condensed->n_layers == n_layers);

  for (guint l = 0; l < n_layers; l++)
    offset[l + 1] = offset[l] + new_arch[l];

  /* Layer 0: module ids are its cluster labels. Fresh ids continue above
   * every id used so far. */
  for (guint i = 0; i < new_arch[0]; i++)
    {
      merged[i] = premerge[i];
      next_id = MAX (next_id, premerge[i] + 1);
    }

  for (guint l = 1; l < n_layers; l++)
    {
      merge_layer (&mg, l, tau, &next_id);
      for (guint p = offset[l]; p < offset[l + 1]; p++)
        next_id = MAX (next_id, merged[p] + 1);
    }
}
