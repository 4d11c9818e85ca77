/* sc-net.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-net.h"

static gsize
layer_size (const ScNet *net,
            guint        k)
{
  return (gsize) net->width[k] * net->width[k + 1];
}

static void
alloc_layers (ScNet *net)
{
  guint n_w = net->n_layers - 1;

  net->w = g_new0 (float *, n_w);
  net->b = g_new0 (float *, n_w);
  net->m = g_new0 (guint8 *, n_w);
  net->bm = g_new0 (guint8 *, n_w);
  for (guint k = 0; k < n_w; k++)
    {
      gsize size = MAX (layer_size (net, k), 1);

      net->w[k] = g_new0 (float, size);
      net->b[k] = g_new0 (float, MAX (net->width[k + 1], 1));
      net->m[k] = g_new0 (guint8, size);
      net->bm[k] = g_new0 (guint8, MAX (net->width[k + 1], 1));
    }
}

static ScNet *
net_alloc (const guint *arch,
           const guint *width,
           guint        n_layers)
{
  ScNet *net = g_new0 (ScNet, 1);

  net->n_layers = n_layers;
  net->arch = g_memdup2 (arch, sizeof (guint) * n_layers);
  net->width = g_memdup2 (width, sizeof (guint) * n_layers);
  net->unit = g_new0 (guint *, n_layers);
  for (guint l = 0; l < n_layers; l++)
    net->unit[l] = g_new0 (guint, MAX (width[l], 1));
  alloc_layers (net);

  return net;
}

ScNet *
sc_net_new (const guint *arch,
            guint        n_layers,
            ScRng       *rng)
{
  ScNet *net;

  g_return_val_if_fail (arch != NULL && n_layers >= 2 && rng != NULL, NULL);

  net = net_alloc (arch, arch, n_layers);
  for (guint l = 0; l < n_layers; l++)
    for (guint i = 0; i < arch[l]; i++)
      net->unit[l][i] = i;

  for (guint k = 0; k + 1 < n_layers; k++)
    {
      /* Kaiming normal, PyTorch defaults: gain √2, fan_in mode (§2.1). */
      double std = sqrt (2.0 / arch[k]);
      gsize size = layer_size (net, k);

      for (gsize e = 0; e < size; e++)
        {
          net->w[k][e] = (float) (std * sc_rng_normal (rng));
          net->m[k][e] = 1;
        }
      memset (net->bm[k], 1, arch[k + 1]);
    }

  return net;
}

ScNet *
sc_net_new_from_snapshot (const ScSnapshot *snapshot)
{
  ScNet *net;

  g_return_val_if_fail (snapshot != NULL && snapshot->n_layers >= 2, NULL);

  net = net_alloc (snapshot->arch, snapshot->arch, snapshot->n_layers);
  for (guint l = 0; l < net->n_layers; l++)
    for (guint i = 0; i < net->arch[l]; i++)
      net->unit[l][i] = i;
  for (guint k = 0; k + 1 < net->n_layers; k++)
    {
      memcpy (net->w[k], snapshot->w[k], sizeof (float) * layer_size (net, k));
      memcpy (net->b[k], snapshot->b[k], sizeof (float) * net->width[k + 1]);
    }
  sc_net_set_mask (net, snapshot->mask);

  return net;
}

ScNet *
sc_net_copy (const ScNet *net)
{
  ScNet *copy;

  g_return_val_if_fail (net != NULL, NULL);

  copy = net_alloc (net->arch, net->width, net->n_layers);
  for (guint l = 0; l < net->n_layers; l++)
    memcpy (copy->unit[l], net->unit[l], sizeof (guint) * net->width[l]);
  sc_net_copy_params (copy, net);

  return copy;
}

void
sc_net_copy_params (ScNet       *dest,
                    const ScNet *src)
{
  g_return_if_fail (dest->n_layers == src->n_layers);

  for (guint k = 0; k + 1 < src->n_layers; k++)
    {
      gsize size = layer_size (src, k);

      g_return_if_fail (layer_size (dest, k) == size);
      memcpy (dest->w[k], src->w[k], sizeof (float) * size);
      memcpy (dest->m[k], src->m[k], size);
      memcpy (dest->b[k], src->b[k], sizeof (float) * src->width[k + 1]);
      memcpy (dest->bm[k], src->bm[k], src->width[k + 1]);
    }
}

static void
free_layers (ScNet *net)
{
  for (guint k = 0; k + 1 < net->n_layers; k++)
    {
      g_free (net->w[k]);
      g_free (net->b[k]);
      g_free (net->m[k]);
      g_free (net->bm[k]);
    }
  g_clear_pointer (&net->w, g_free);
  g_clear_pointer (&net->b, g_free);
  g_clear_pointer (&net->m, g_free);
  g_clear_pointer (&net->bm, g_free);
}

void
sc_net_free (ScNet *net)
{
  if (net == NULL)
    return;

  free_layers (net);
  for (guint l = 0; l < net->n_layers; l++)
    g_free (net->unit[l]);
  g_free (net->unit);
  g_free (net->arch);
  g_free (net->width);
  g_free (net);
}

gsize
sc_net_dense_weights (const ScNet *net)
{
  gsize total = 0;

  for (guint k = 0; k + 1 < net->n_layers; k++)
    total += (gsize) net->arch[k] * net->arch[k + 1];

  return total;
}

gsize
sc_net_alive_weights (const ScNet *net)
{
  gsize total = 0;

  for (guint k = 0; k + 1 < net->n_layers; k++)
    {
      gsize size = layer_size (net, k);

      for (gsize e = 0; e < size; e++)
        total += net->m[k][e];
    }

  return total;
}

guint
sc_net_hidden_units (const ScNet *net)
{
  guint total = 0;

  for (guint l = 1; l + 1 < net->n_layers; l++)
    total += net->arch[l];

  return total;
}

static gboolean
unit_has_in (const ScNet *net,
             guint        l,
             guint        i)
{
  const guint8 *row;

  if (l == 0)
    return FALSE;

  row = net->m[l - 1] + (gsize) i * net->width[l - 1];
  for (guint p = 0; p < net->width[l - 1]; p++)
    if (row[p])
      return TRUE;

  return FALSE;
}

static gboolean
unit_has_out (const ScNet *net,
              guint        l,
              guint        i)
{
  if (l + 1 >= net->n_layers)
    return FALSE;

  for (guint j = 0; j < net->width[l + 1]; j++)
    if (net->m[l][(gsize) j * net->width[l] + i])
      return TRUE;

  return FALSE;
}

guint
sc_net_alive_units (const ScNet *net,
                    guint        layer)
{
  guint alive = 0;

  g_return_val_if_fail (layer < net->n_layers, 0);

  for (guint i = 0; i < net->width[layer]; i++)
    alive += unit_has_in (net, layer, i) || unit_has_out (net, layer, i);

  return alive;
}

double
sc_net_density (const ScNet *net)
{
  return (double) sc_net_alive_weights (net) / (double) sc_net_dense_weights (net);
}

void
sc_net_apply_bias_rule (ScNet *net)
{
  for (guint k = 0; k + 1 < net->n_layers; k++)
    for (guint j = 0; j < net->width[k + 1]; j++)
      {
        net->bm[k][j] = unit_has_in (net, k + 1, j);
        if (!net->bm[k][j])
          net->b[k][j] = 0.0f;
      }
}

void
sc_net_set_mask (ScNet        *net,
                 const ScMask *mask)
{
  g_return_if_fail (mask->n_layers == net->n_layers);

  for (guint k = 0; k + 1 < net->n_layers; k++)
    {
      g_return_if_fail (mask->arch[k] == net->arch[k]);

      for (guint j = 0; j < net->width[k + 1]; j++)
        for (guint i = 0; i < net->width[k]; i++)
          {
            gsize e = (gsize) j * net->width[k] + i;
            guint8 on = sc_mask_get (mask, k, net->unit[k][i], net->unit[k + 1][j]);

            net->m[k][e] = on;
            if (!on)
              net->w[k][e] = 0.0f;
          }
    }

  sc_net_apply_bias_rule (net);
}

ScMask *
sc_net_get_mask (const ScNet *net)
{
  ScMask *mask = sc_mask_new (net->arch, net->n_layers, FALSE);

  for (guint k = 0; k + 1 < net->n_layers; k++)
    for (guint j = 0; j < net->width[k + 1]; j++)
      for (guint i = 0; i < net->width[k]; i++)
        mask->m[k][(gsize) net->unit[k + 1][j] * net->arch[k] + net->unit[k][i]] =
          net->m[k][(gsize) j * net->width[k] + i];

  return mask;
}

/* Keeps the units listed in keep[l] of every layer (physical indices). */
static void
net_select (ScNet   *net,
            GArray **keep)
{
  ScNet old = *net;

  net->width = g_new0 (guint, net->n_layers);
  net->unit = g_new0 (guint *, net->n_layers);
  for (guint l = 0; l < net->n_layers; l++)
    {
      net->width[l] = keep[l]->len;
      net->unit[l] = g_new0 (guint, MAX (keep[l]->len, 1));
      for (guint i = 0; i < keep[l]->len; i++)
        net->unit[l][i] = old.unit[l][g_array_index (keep[l], guint, i)];
    }
  alloc_layers (net);

  for (guint k = 0; k + 1 < net->n_layers; k++)
    for (guint j = 0; j < net->width[k + 1]; j++)
      {
        guint oj = g_array_index (keep[k + 1], guint, j);

        net->b[k][j] = old.b[k][oj];
        net->bm[k][j] = old.bm[k][oj];
        for (guint i = 0; i < net->width[k]; i++)
          {
            guint oi = g_array_index (keep[k], guint, i);
            gsize e = (gsize) j * net->width[k] + i;
            gsize oe = (gsize) oj * old.width[k] + oi;

            net->w[k][e] = old.w[k][oe];
            net->m[k][e] = old.m[k][oe];
          }
      }

  free_layers (&old);
  for (guint l = 0; l < old.n_layers; l++)
    g_free (old.unit[l]);
  g_free (old.unit);
  g_free (old.width);
}

void
sc_net_compact (ScNet *net)
{
  g_autofree GArray **keep = g_new0 (GArray *, net->n_layers);
  gboolean changed = FALSE;

  for (guint l = 0; l < net->n_layers; l++)
    {
      keep[l] = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint i = 0; i < net->width[l]; i++)
        {
          gboolean hidden = l > 0 && l + 1 < net->n_layers;

          if (!hidden || unit_has_in (net, l, i) || unit_has_out (net, l, i))
            g_array_append_val (keep[l], i);
        }
      changed |= keep[l]->len != net->width[l];
    }

  if (changed)
    net_select (net, keep);

  for (guint l = 0; l < net->n_layers; l++)
    g_array_unref (keep[l]);
}

ScSnapshot *
sc_net_snapshot (const ScNet *net)
{
  ScSnapshot *snapshot = sc_snapshot_new (net->arch, net->n_layers);

  for (guint k = 0; k + 1 < net->n_layers; k++)
    for (guint j = 0; j < net->width[k + 1]; j++)
      {
        guint oj = net->unit[k + 1][j];

        snapshot->b[k][oj] = net->b[k][j];
        for (guint i = 0; i < net->width[k]; i++)
          snapshot->w[k][(gsize) oj * net->arch[k] + net->unit[k][i]] =
            net->w[k][(gsize) j * net->width[k] + i];
      }

  sc_mask_free (snapshot->mask);
  snapshot->mask = sc_net_get_mask (net);
  snapshot->density = sc_net_density (net);

  return snapshot;
}
