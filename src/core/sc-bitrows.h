/* sc-bitrows.h — private: rows of packed bits (binary feature vectors)
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* n binary vectors of n_bits entries each, packed in 64-bit words. The
 * features of §5.3 are 0/1, so dot products and squared norms are exact
 * popcounts. */
typedef struct
{
  guint    n;          /* rows */
  guint    n_bits;     /* columns */
  guint    n_words;    /* words per row */
  guint64 *words;      /* n * n_words, zero padded */
} ScBitRows;

ScBitRows *sc_bit_rows_new      (guint            n,
                                 guint            n_bits);
void       sc_bit_rows_free     (ScBitRows       *rows);

/* Copies the block of rows [first_row, first_row + n_rows) and columns
 * [first_bit, first_bit + n_bits) of src. */
ScBitRows *sc_bit_rows_slice    (const ScBitRows *src,
                                 guint            first_row,
                                 guint            n_rows,
                                 guint            first_bit,
                                 guint            n_bits);

guint      sc_bit_rows_popcount (const ScBitRows *rows,
                                 guint            i);
guint      sc_bit_rows_dot      (const ScBitRows *rows,
                                 guint            i,
                                 guint            j);

static inline guint64 *
sc_bit_rows_row (const ScBitRows *rows,
                 guint            i)
{
  return rows->words + (gsize) i * rows->n_words;
}

static inline void
sc_bit_rows_set (ScBitRows *rows,
                 guint      i,
                 guint      bit)
{
  sc_bit_rows_row (rows, i)[bit / 64] |= G_GUINT64_CONSTANT (1) << (bit % 64);
}

static inline gboolean
sc_bit_rows_get (const ScBitRows *rows,
                 guint            i,
                 guint            bit)
{
  return (sc_bit_rows_row (rows, i)[bit / 64] >> (bit % 64)) & 1;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScBitRows, sc_bit_rows_free)

G_END_DECLS
