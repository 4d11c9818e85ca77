/* sc-snapshot.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <glib/gi18n.h>

#include "sc-snapshot.h"

const char *
sc_stage_to_string (ScStage stage)
{
  switch (stage)
    {
    case SC_STAGE_DENSE:     return "dense";
    case SC_STAGE_UNITS:     return "units";
    case SC_STAGE_EDGES:     return "edges";
    case SC_STAGE_DETECTION: return "detection";
    case SC_STAGE_DONE:      return "done";
    default:                 g_return_val_if_reached ("unknown");
    }
}

const char *
sc_stage_label (ScStage stage)
{
  switch (stage)
    {
    case SC_STAGE_DENSE:     return _("Dense training");
    case SC_STAGE_UNITS:     return _("Unit pruning");
    case SC_STAGE_EDGES:     return _("Edge pruning");
    case SC_STAGE_DETECTION: return _("Module detection");
    case SC_STAGE_DONE:      return _("Done");
    default:                 g_return_val_if_reached ("");
    }
}

static void
snapshot_clear (gpointer data)
{
  ScSnapshot *snapshot = data;

  for (guint k = 0; k + 1 < snapshot->n_layers; k++)
    {
      g_free (snapshot->w[k]);
      g_free (snapshot->b[k]);
    }
  g_free (snapshot->w);
  g_free (snapshot->b);
  g_free (snapshot->arch);
  g_free (snapshot->unit_scores);
  g_clear_pointer (&snapshot->mask, sc_mask_free);
}

ScSnapshot *
sc_snapshot_new (const guint *arch,
                 guint        n_layers)
{
  ScSnapshot *snapshot;

  g_return_val_if_fail (arch != NULL && n_layers >= 2, NULL);

  snapshot = g_atomic_rc_box_new0 (ScSnapshot);
  snapshot->n_layers = n_layers;
  snapshot->arch = g_memdup2 (arch, sizeof (guint) * n_layers);
  snapshot->w = g_new0 (float *, n_layers - 1);
  snapshot->b = g_new0 (float *, n_layers - 1);
  for (guint k = 0; k + 1 < n_layers; k++)
    {
      snapshot->w[k] = g_new0 (float, MAX ((gsize) arch[k] * arch[k + 1], 1));
      snapshot->b[k] = g_new0 (float, arch[k + 1]);
    }
  snapshot->mask = sc_mask_new (arch, n_layers, TRUE);
  snapshot->density = 1.0;

  return snapshot;
}

ScSnapshot *
sc_snapshot_ref (ScSnapshot *snapshot)
{
  return g_atomic_rc_box_acquire (snapshot);
}

void
sc_snapshot_unref (ScSnapshot *snapshot)
{
  g_atomic_rc_box_release_full (snapshot, snapshot_clear);
}

guint
sc_snapshot_n_units (const ScSnapshot *snapshot)
{
  return sc_mask_n_units (snapshot->mask);
}

gsize
sc_snapshot_size_for_arch (const guint *arch,
                           guint        n_layers)
{
  gsize size = sizeof (ScSnapshot);

  for (guint k = 0; k + 1 < n_layers; k++)
    {
      gsize weights = (gsize) arch[k] * arch[k + 1];

      size += weights * (sizeof (float) + 1) + arch[k + 1] * sizeof (float);
    }
  return size;
}

gsize
sc_snapshot_get_size (const ScSnapshot *snapshot)
{
  gsize size;

  g_return_val_if_fail (snapshot != NULL, 0);

  size = sc_snapshot_size_for_arch (snapshot->arch, snapshot->n_layers);
  if (snapshot->unit_scores)
    size += sizeof (float) * sc_snapshot_n_units (snapshot);

  return size;
}

void
sc_snapshot_plan_budget (const gsize    *sizes,
                         const gboolean *accepted,
                         guint           n,
                         gsize           budget,
                         gboolean       *keep)
{
  gsize total = 0;

  for (guint i = 0; i < n; i++)
    {
      keep[i] = TRUE;
      total += sizes[i];
    }

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 1; i + 1 < n && total > budget; i++)
      if (keep[i] && accepted[i] == (pass == 1))
        {
          keep[i] = FALSE;
          total -= sizes[i];
        }
}
