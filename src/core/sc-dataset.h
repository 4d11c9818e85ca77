/* sc-dataset.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A data set: n_rows samples of n_in float inputs and n_out 0/1 targets,
 * both row-major. Immutable once filled and reference counted, so the
 * Boolean tasks can share one truth table between training and test and the
 * worker thread can hold it while the UI shows it. */
typedef struct
{
  guint  n_rows;
  guint  n_in;
  guint  n_out;
  float *x;        /* n_rows * n_in */
  float *y;        /* n_rows * n_out */
} ScDataset;

ScDataset *sc_dataset_new   (guint      n_rows,
                             guint      n_in,
                             guint      n_out);
ScDataset *sc_dataset_ref   (ScDataset *dataset);
void       sc_dataset_unref (ScDataset *dataset);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScDataset, sc_dataset_unref)

G_END_DECLS
