/* sc-bitrows.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include "sc-bitrows.h"

ScBitRows *
sc_bit_rows_new (guint n,
                 guint n_bits)
{
  ScBitRows *rows = g_new0 (ScBitRows, 1);

  rows->n = n;
  rows->n_bits = n_bits;
  rows->n_words = MAX (1, (n_bits + 63) / 64);
  rows->words = g_new0 (guint64, (gsize) n * rows->n_words);

  return rows;
}

void
sc_bit_rows_free (ScBitRows *rows)
{
  if (rows == NULL)
    return;

  g_free (rows->words);
  g_free (rows);
}

ScBitRows *
sc_bit_rows_slice (const ScBitRows *src,
                   guint            first_row,
                   guint            n_rows,
                   guint            first_bit,
                   guint            n_bits)
{
  ScBitRows *rows;

  g_return_val_if_fail (src != NULL, NULL);
  g_return_val_if_fail ((guint64) first_row + n_rows <= src->n, NULL);
  g_return_val_if_fail ((guint64) first_bit + n_bits <= src->n_bits, NULL);

  rows = sc_bit_rows_new (n_rows, n_bits);
  for (guint i = 0; i < n_rows; i++)
    for (guint b = 0; b < n_bits; b++)
      if (sc_bit_rows_get (src, first_row + i, first_bit + b))
        sc_bit_rows_set (rows, i, b);

  return rows;
}

guint
sc_bit_rows_popcount (const ScBitRows *rows,
                      guint            i)
{
  const guint64 *row = sc_bit_rows_row (rows, i);
  guint count = 0;

  for (guint w = 0; w < rows->n_words; w++)
    count += (guint) __builtin_popcountll (row[w]);

  return count;
}

guint
sc_bit_rows_dot (const ScBitRows *rows,
                 guint            i,
                 guint            j)
{
  const guint64 *a = sc_bit_rows_row (rows, i);
  const guint64 *b = sc_bit_rows_row (rows, j);
  guint count = 0;

  for (guint w = 0; w < rows->n_words; w++)
    count += (guint) __builtin_popcountll (a[w] & b[w]);

  return count;
}
