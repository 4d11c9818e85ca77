/* sc-lesion.c — what-if changes of a network, evaluated without retraining
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <string.h>

#include "sc-error.h"
#include "sc-lesion.h"
#include "sc-pass.h"

ScLesion *
sc_lesion_new (const guint *arch,
               guint        n_layers)
{
  ScLesion *lesion;

  g_return_val_if_fail (arch != NULL && n_layers >= 2, NULL);

  lesion = g_new0 (ScLesion, 1);
  lesion->n_layers = n_layers;
  lesion->arch = g_memdup2 (arch, sizeof (guint) * n_layers);
  lesion->pruned_edges = sc_mask_new (arch, n_layers, FALSE);
  lesion->n_units = sc_mask_n_units (lesion->pruned_edges);
  lesion->silenced = g_new0 (guint8, lesion->n_units);
  lesion->pruned_units = g_new0 (guint8, lesion->n_units);

  return lesion;
}

ScLesion *
sc_lesion_copy (const ScLesion *lesion)
{
  ScLesion *copy;

  g_return_val_if_fail (lesion != NULL, NULL);

  copy = g_new0 (ScLesion, 1);
  copy->n_layers = lesion->n_layers;
  copy->arch = g_memdup2 (lesion->arch, sizeof (guint) * lesion->n_layers);
  copy->n_units = lesion->n_units;
  copy->silenced = g_memdup2 (lesion->silenced, lesion->n_units);
  copy->pruned_units = g_memdup2 (lesion->pruned_units, lesion->n_units);
  copy->pruned_edges = sc_mask_copy (lesion->pruned_edges);

  return copy;
}

void
sc_lesion_free (ScLesion *lesion)
{
  if (lesion == NULL)
    return;

  g_free (lesion->arch);
  g_free (lesion->silenced);
  g_free (lesion->pruned_units);
  sc_mask_free (lesion->pruned_edges);
  g_free (lesion);
}

gboolean
sc_lesion_is_empty (const ScLesion *lesion)
{
  guint silenced, pruned;
  gsize edges;

  g_return_val_if_fail (lesion != NULL, TRUE);

  sc_lesion_count (lesion, &silenced, &pruned, &edges);
  return silenced == 0 && pruned == 0 && edges == 0;
}

void
sc_lesion_clear (ScLesion *lesion)
{
  g_return_if_fail (lesion != NULL);

  memset (lesion->silenced, 0, lesion->n_units);
  memset (lesion->pruned_units, 0, lesion->n_units);
  for (guint k = 0; k + 1 < lesion->n_layers; k++)
    memset (lesion->pruned_edges->m[k], 0, sc_mask_layer_size (lesion->pruned_edges, k));
}

/* The layer of a global unit index (unit < n_units). */
static guint
unit_layer (const ScLesion *lesion,
            guint           unit)
{
  guint layer = 0;

  while (layer + 1 < lesion->n_layers &&
         unit >= sc_mask_unit_offset (lesion->pruned_edges, layer + 1))
    layer++;
  return layer;
}

static gboolean
is_output (const ScLesion *lesion,
           guint           unit)
{
  return unit_layer (lesion, unit) + 1 == lesion->n_layers;
}

gboolean
sc_lesion_set_silenced (ScLesion *lesion,
                        guint     unit,
                        gboolean  silenced)
{
  g_return_val_if_fail (lesion != NULL, FALSE);

  if (unit >= lesion->n_units || is_output (lesion, unit))
    return FALSE;
  lesion->silenced[unit] = silenced != FALSE;
  return TRUE;
}

static guint
module_unit (const ScLesion *lesion,
             const ScUnitRef *ref)
{
  return sc_mask_unit_offset (lesion->pruned_edges, ref->layer) + ref->index;
}

static gboolean
module_unit_fits (const ScLesion  *lesion,
                  const ScUnitRef *ref)
{
  return ref->layer < lesion->n_layers && ref->index < lesion->arch[ref->layer];
}

guint
sc_lesion_set_module (ScLesion       *lesion,
                      const ScModule *module,
                      gboolean        silenced)
{
  guint changed = 0;

  g_return_val_if_fail (lesion != NULL && module != NULL, 0);

  for (guint u = 0; u < module->n_units; u++)
    {
      guint unit;

      if (!module_unit_fits (lesion, &module->units[u]))
        continue;
      unit = module_unit (lesion, &module->units[u]);
      if (!is_output (lesion, unit) && lesion->silenced[unit] != (silenced != FALSE))
        {
          lesion->silenced[unit] = silenced != FALSE;
          changed++;
        }
    }

  return changed;
}

gboolean
sc_lesion_module_silenced (const ScLesion *lesion,
                           const ScModule *module)
{
  guint n = 0;

  g_return_val_if_fail (lesion != NULL && module != NULL, FALSE);

  for (guint u = 0; u < module->n_units; u++)
    {
      guint unit;

      if (!module_unit_fits (lesion, &module->units[u]))
        return FALSE;
      unit = module_unit (lesion, &module->units[u]);
      if (is_output (lesion, unit))
        continue;
      if (!lesion->silenced[unit])
        return FALSE;
      n++;
    }

  return n > 0;
}

gboolean
sc_lesion_set_unit_pruned (ScLesion *lesion,
                           guint     unit,
                           gboolean  pruned)
{
  guint layer;

  g_return_val_if_fail (lesion != NULL, FALSE);

  if (unit >= lesion->n_units)
    return FALSE;
  layer = unit_layer (lesion, unit);
  if (layer == 0 || layer + 1 == lesion->n_layers)
    return FALSE;
  lesion->pruned_units[unit] = pruned != FALSE;
  return TRUE;
}

gboolean
sc_lesion_set_edge_pruned (ScLesion *lesion,
                           guint     k,
                           guint     i,
                           guint     j,
                           gboolean  pruned)
{
  g_return_val_if_fail (lesion != NULL, FALSE);

  if (k + 1 >= lesion->n_layers || i >= lesion->arch[k] || j >= lesion->arch[k + 1])
    return FALSE;
  lesion->pruned_edges->m[k][(gsize) j * lesion->arch[k] + i] = pruned != FALSE;
  return TRUE;
}

guint8 *
sc_lesion_greyed_units (const ScLesion *lesion)
{
  guint8 *greyed;

  g_return_val_if_fail (lesion != NULL, NULL);

  greyed = g_new0 (guint8, MAX (lesion->n_units, 1));
  for (guint u = 0; u < lesion->n_units; u++)
    greyed[u] = lesion->silenced[u] || lesion->pruned_units[u];
  return greyed;
}

void
sc_lesion_count (const ScLesion *lesion,
                 guint          *silenced,
                 guint          *pruned_units,
                 gsize          *pruned_edges)
{
  guint s = 0, p = 0;

  g_return_if_fail (lesion != NULL);

  for (guint u = 0; u < lesion->n_units; u++)
    {
      s += lesion->silenced[u];
      p += lesion->pruned_units[u];
    }
  if (silenced)
    *silenced = s;
  if (pruned_units)
    *pruned_units = p;
  if (pruned_edges)
    *pruned_edges = sc_mask_count (lesion->pruned_edges);
}

/* The snapshot's mask less the pruned edges and every edge of a pruned
 * unit (§3.2 removes both directions). */
static ScMask *
lesioned_mask (const ScLesion *lesion,
               const ScMask   *base)
{
  ScMask *mask = sc_mask_copy (base);

  for (guint k = 0; k + 1 < lesion->n_layers; k++)
    {
      guint off_in = sc_mask_unit_offset (base, k);
      guint off_out = off_in + lesion->arch[k];

      for (guint j = 0; j < lesion->arch[k + 1]; j++)
        for (guint i = 0; i < lesion->arch[k]; i++)
          {
            gsize e = (gsize) j * lesion->arch[k] + i;

            if (lesion->pruned_edges->m[k][e] || lesion->pruned_units[off_in + i] ||
                lesion->pruned_units[off_out + j])
              mask->m[k][e] = 0;
          }
    }

  return mask;
}

/* A silenced unit's output is 0 for every sample, so everything it sends
 * is 0: its outgoing weights are set to 0, which gives the same sums as a
 * zero activation, while the mask, and so every bias (§2.1), stays. */
static void
silence_units (const ScLesion *lesion,
               ScNet          *net)
{
  for (guint k = 0; k + 1 < net->n_layers; k++)
    {
      guint off = sc_mask_unit_offset (lesion->pruned_edges, k);

      for (guint i = 0; i < net->arch[k]; i++)
        if (lesion->silenced[off + i])
          for (guint j = 0; j < net->arch[k + 1]; j++)
            net->w[k][(gsize) j * net->arch[k] + i] = 0.0f;
    }
}

static gboolean
lesion_fits (const ScLesion   *lesion,
             const ScSnapshot *snapshot)
{
  if (lesion->n_layers != snapshot->n_layers)
    return FALSE;
  for (guint l = 0; l < lesion->n_layers; l++)
    if (lesion->arch[l] != snapshot->arch[l])
      return FALSE;
  return TRUE;
}

ScNet *
sc_lesion_apply (const ScLesion   *lesion,
                 const ScSnapshot *snapshot)
{
  g_autoptr(ScMask) mask = NULL;
  ScNet *net;

  g_return_val_if_fail (lesion != NULL && snapshot != NULL, NULL);
  g_return_val_if_fail (lesion_fits (lesion, snapshot), NULL);

  /* dense-shaped: unit[l][i] == i until the compaction below */
  net = sc_net_new_from_snapshot (snapshot);
  mask = lesioned_mask (lesion, snapshot->mask);
  sc_net_set_mask (net, mask);
  silence_units (lesion, net);
  sc_net_compact (net);

  return net;
}

/* ---- evaluation --------------------------------------------------- */

static ScLesionEval *
eval_new (guint n_rows,
          guint n_out)
{
  ScLesionEval *eval = g_new0 (ScLesionEval, 1);

  eval->n_rows = n_rows;
  eval->n_out = n_out;
  eval->wrong = g_new0 (guint8, MAX ((gsize) n_rows * n_out, 1));
  eval->correct = g_new0 (guint, MAX (n_out, 1));
  return eval;
}

void
sc_lesion_eval_free (ScLesionEval *eval)
{
  if (eval == NULL)
    return;

  g_free (eval->wrong);
  g_free (eval->correct);
  g_free (eval);
}

/* The prediction rule of sc_pass_bce() (§2.4: ŷ > 0.5). */
static void
score_batch (ScLesionEval *eval,
             const float  *predicted,
             const float  *y,
             guint         first,
             guint         n)
{
  for (guint r = 0; r < n; r++)
    for (guint o = 0; o < eval->n_out; o++)
      {
        gsize e = (gsize) r * eval->n_out + o;
        gboolean ok = (predicted[e] > 0.5f) == (y[e] > 0.5f);

        eval->wrong[(gsize) (first + r) * eval->n_out + o] = !ok;
        eval->correct[o] += ok;
      }
}

static void
eval_finish (ScLesionEval *eval)
{
  guint64 bits = 0;

  for (guint o = 0; o < eval->n_out; o++)
    bits += eval->correct[o];
  eval->rows_right = eval->n_rows - sc_lesion_eval_failing_rows (eval);
  eval->accuracy = eval->n_rows && eval->n_out
                 ? 100.0 * (double) bits / ((double) eval->n_rows * eval->n_out) : 0.0;
  eval->exact_accuracy = eval->n_rows ? 100.0 * eval->rows_right / eval->n_rows : 0.0;
}

ScLesionEval *
sc_lesion_evaluate (const ScNet     *net,
                    const ScDataset *data,
                    guint            batch_size,
                    ScBackend        backend,
                    GCancellable    *cancellable,
                    GError         **error)
{
  g_autoptr(ScLesionEval) eval = NULL;
  ScPass *pass;
  guint last;

  g_return_val_if_fail (net != NULL && data != NULL && batch_size > 0, NULL);

  last = net->n_layers - 1;
  if (data->n_in != net->arch[0] || data->n_out != net->arch[last])
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "the data has %u inputs and %u outputs, the network %u and %u",
                   data->n_in, data->n_out, net->arch[0], net->arch[last]);
      return NULL;
    }

  eval = eval_new (data->n_rows, data->n_out);
  /* the capacity sc_evaluate() takes, so the same sigmoid blocks */
  pass = sc_pass_new (net, MIN (batch_size, MAX (data->n_rows, 1)), backend);
  for (guint start = 0; start < data->n_rows; start += pass->capacity)
    {
      guint n = MIN (pass->capacity, data->n_rows - start);

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error_literal (error, SC_ERROR, SC_ERROR_CANCELLED, "cancelled");
          sc_pass_free (pass);
          return NULL;
        }
      memcpy (pass->act[0], data->x + (gsize) start * data->n_in,
              sizeof (float) * n * data->n_in);
      sc_pass_forward (pass, net, n);
      score_batch (eval, pass->act[last], data->y + (gsize) start * data->n_out, start, n);
    }
  sc_pass_free (pass);
  eval_finish (eval);

  return g_steal_pointer (&eval);
}

ScLesionEval *
sc_lesion_evaluate_snapshot (const ScLesion   *lesion,
                             const ScSnapshot *snapshot,
                             const ScDataset  *data,
                             guint             batch_size,
                             ScBackend         backend,
                             GCancellable     *cancellable,
                             GError          **error)
{
  g_autoptr(ScLesion) empty = NULL;
  g_autoptr(ScNet) net = NULL;

  g_return_val_if_fail (snapshot != NULL && data != NULL, NULL);

  if (lesion == NULL)
    lesion = empty = sc_lesion_new (snapshot->arch, snapshot->n_layers);
  if (!lesion_fits (lesion, snapshot))
    {
      g_set_error_literal (error, SC_ERROR, SC_ERROR_INVALID,
                           "the lesion was made for another architecture");
      return NULL;
    }
  net = sc_lesion_apply (lesion, snapshot);
  return sc_lesion_evaluate (net, data, batch_size, backend, cancellable, error);
}

double
sc_lesion_eval_output_accuracy (const ScLesionEval *eval,
                                guint               output)
{
  g_return_val_if_fail (eval != NULL && output < eval->n_out, 0.0);

  return eval->n_rows ? 100.0 * eval->correct[output] / eval->n_rows : 0.0;
}

gboolean
sc_lesion_eval_row_fails (const ScLesionEval *eval,
                          guint               row)
{
  g_return_val_if_fail (eval != NULL && row < eval->n_rows, FALSE);

  for (guint o = 0; o < eval->n_out; o++)
    if (eval->wrong[(gsize) row * eval->n_out + o])
      return TRUE;
  return FALSE;
}

guint
sc_lesion_eval_failing_rows (const ScLesionEval *eval)
{
  guint n = 0;

  g_return_val_if_fail (eval != NULL, 0);

  for (guint r = 0; r < eval->n_rows; r++)
    n += sc_lesion_eval_row_fails (eval, r);
  return n;
}
