/* sc-digits.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SC_DIGITS_N_CLASSES 10

/* A set of labelled grayscale digit images (MNIST or a stand-in), the raw
 * material of the composite image tasks. Immutable once filled and reference
 * counted (g_atomic_rc_box). */
typedef struct
{
  guint   n_images;
  guint   rows;
  guint   cols;
  guint8 *pixels;   /* n_images × rows × cols bytes, row-major, 0 = background */
  guint8 *labels;   /* n_images digits 0..9 */
  char   *source;   /* where they came from, for descriptions */
} ScDigits;

/* Zero pixels and labels; source is "" until set. */
ScDigits     *sc_digits_new    (guint            n_images,
                                guint            rows,
                                guint            cols);
ScDigits     *sc_digits_ref    (ScDigits        *digits);
void          sc_digits_unref  (ScDigits        *digits);

/* Reads an IDX image file and its IDX label file (plain or gzipped). Errors
 * name the file: unreadable IDX (see sc-idx.h), image and label counts that
 * differ, a label that is not a digit 0..9, no images at all. */
ScDigits     *sc_digits_load   (const char      *images_path,
                                const char      *labels_path,
                                GError         **error);
gboolean      sc_digits_save   (const ScDigits  *digits,
                                const char      *images_path,
                                const char      *labels_path,
                                gboolean         compress,
                                GError         **error);

/* The images of a followed by those of b (same image size), e.g. MNIST's
 * training and test files pooled as the reference does (method.md §1.4). */
ScDigits     *sc_digits_concat (const ScDigits  *a,
                                const ScDigits  *b,
                                GError         **error);

const guint8 *sc_digits_image  (const ScDigits  *digits,
                                guint            index);
void          sc_digits_count  (const ScDigits  *digits,
                                guint            counts[SC_DIGITS_N_CLASSES]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScDigits, sc_digits_unref)

G_END_DECLS
