/* sc-idx.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The IDX format of the MNIST distribution: a big-endian header (two zero
 * bytes, an element type, the number of dimensions, then one 32-bit size per
 * dimension) followed by the elements, row-major. Only unsigned bytes
 * (type 0x08) are read: images are 0x00000803 (N × rows × cols), labels
 * 0x00000801 (N). Files may be plain or gzipped (detected by the gzip magic
 * 1f 8b, not by the name). */
#define SC_IDX_MAGIC_IMAGES 0x00000803u
#define SC_IDX_MAGIC_LABELS 0x00000801u

/* Limits that keep a hostile header from making us allocate absurd amounts:
 * full MNIST is 70 000 × 28 × 28 = 55 MB, EMNIST 0.7 GB. */
#define SC_IDX_MAX_SIDE     4096u                 /* rows, cols */
#define SC_IDX_MAX_ITEMS    (1u << 26)            /* images or labels */
#define SC_IDX_MAX_BYTES    ((guint64) 1 << 31)   /* payload */

/* Returns the pixels (n_images × rows × cols bytes, row-major) or NULL with
 * an error naming the file and the problem: not an IDX image file, a label
 * file given as images, sizes beyond the limits, truncated data, trailing
 * bytes after the declared data, a corrupt gzip stream. */
guint8   *sc_idx_read_images  (const char    *path,
                               guint         *n_images,
                               guint         *rows,
                               guint         *cols,
                               GError       **error);
/* Returns the n_labels label bytes (any value 0..255; callers check the
 * range they need) or NULL with an error, as sc_idx_read_images(). */
guint8   *sc_idx_read_labels  (const char    *path,
                               guint         *n_labels,
                               GError       **error);

/* Writes atomically (temporary file, then rename); gzipped when compress is
 * TRUE, whatever the file name. */
gboolean  sc_idx_write_images (const char    *path,
                               const guint8  *pixels,
                               guint          n_images,
                               guint          rows,
                               guint          cols,
                               gboolean       compress,
                               GError       **error);
gboolean  sc_idx_write_labels (const char    *path,
                               const guint8  *labels,
                               guint          n_labels,
                               gboolean       compress,
                               GError       **error);

G_END_DECLS
