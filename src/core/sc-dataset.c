/* sc-dataset.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include "sc-dataset.h"

static void
dataset_clear (gpointer data)
{
  ScDataset *dataset = data;

  g_free (dataset->x);
  g_free (dataset->y);
}

ScDataset *
sc_dataset_new (guint n_rows,
                guint n_in,
                guint n_out)
{
  ScDataset *dataset = g_atomic_rc_box_new0 (ScDataset);

  dataset->n_rows = n_rows;
  dataset->n_in = n_in;
  dataset->n_out = n_out;
  dataset->x = g_new0 (float, MAX ((gsize) n_rows * n_in, 1));
  dataset->y = g_new0 (float, MAX ((gsize) n_rows * n_out, 1));

  return dataset;
}

ScDataset *
sc_dataset_ref (ScDataset *dataset)
{
  return g_atomic_rc_box_acquire (dataset);
}

void
sc_dataset_unref (ScDataset *dataset)
{
  g_atomic_rc_box_release_full (dataset, dataset_clear);
}
