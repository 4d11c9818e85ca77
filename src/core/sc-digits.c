/* sc-digits.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <string.h>

#include "sc-digits.h"
#include "sc-error.h"
#include "sc-idx.h"

static void
digits_clear (gpointer data)
{
  ScDigits *digits = data;

  g_free (digits->pixels);
  g_free (digits->labels);
  g_free (digits->source);
}

ScDigits *
sc_digits_new (guint n_images,
               guint rows,
               guint cols)
{
  ScDigits *digits;

  g_return_val_if_fail (rows > 0 && cols > 0, NULL);

  digits = g_atomic_rc_box_new0 (ScDigits);
  digits->n_images = n_images;
  digits->rows = rows;
  digits->cols = cols;
  digits->pixels = g_new0 (guint8, MAX ((gsize) n_images * rows * cols, 1));
  digits->labels = g_new0 (guint8, MAX (n_images, 1));
  digits->source = g_strdup ("");

  return digits;
}

ScDigits *
sc_digits_ref (ScDigits *digits)
{
  g_return_val_if_fail (digits != NULL, NULL);

  return g_atomic_rc_box_acquire (digits);
}

void
sc_digits_unref (ScDigits *digits)
{
  g_return_if_fail (digits != NULL);

  g_atomic_rc_box_release_full (digits, digits_clear);
}

ScDigits *
sc_digits_load (const char  *images_path,
                const char  *labels_path,
                GError     **error)
{
  g_autofree guint8 *pixels = NULL;
  g_autofree guint8 *labels = NULL;
  g_autofree char *images_name = NULL;
  g_autofree char *labels_name = NULL;
  guint n_images = 0, rows = 0, cols = 0, n_labels = 0;
  ScDigits *digits;

  g_return_val_if_fail (images_path != NULL && labels_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  pixels = sc_idx_read_images (images_path, &n_images, &rows, &cols, error);
  if (pixels == NULL)
    return NULL;
  labels = sc_idx_read_labels (labels_path, &n_labels, error);
  if (labels == NULL)
    return NULL;

  images_name = g_filename_display_name (images_path);
  labels_name = g_filename_display_name (labels_path);
  if (n_images != n_labels)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "%s holds %u images but %s holds %u labels; they must match one to one",
                   images_name, n_images, labels_name, n_labels);
      return NULL;
    }
  if (n_images == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID, "%s holds no images", images_name);
      return NULL;
    }
  for (guint i = 0; i < n_labels; i++)
    if (labels[i] >= SC_DIGITS_N_CLASSES)
      {
        g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                     "%s: label %u of image %u is not a digit 0–9",
                     labels_name, labels[i], i);
        return NULL;
      }

  digits = g_atomic_rc_box_new0 (ScDigits);
  digits->n_images = n_images;
  digits->rows = rows;
  digits->cols = cols;
  digits->pixels = g_steal_pointer (&pixels);
  digits->labels = g_steal_pointer (&labels);
  digits->source = g_path_get_basename (images_path);

  return digits;
}

gboolean
sc_digits_save (const ScDigits  *digits,
                const char      *images_path,
                const char      *labels_path,
                gboolean         compress,
                GError         **error)
{
  g_return_val_if_fail (digits != NULL, FALSE);
  g_return_val_if_fail (images_path != NULL && labels_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Labels last: a cache interrupted in between fails to load (missing
   * labels) rather than pairing new images with old labels silently. */
  return sc_idx_write_images (images_path, digits->pixels, digits->n_images,
                              digits->rows, digits->cols, compress, error) &&
         sc_idx_write_labels (labels_path, digits->labels, digits->n_images,
                              compress, error);
}

ScDigits *
sc_digits_concat (const ScDigits  *a,
                  const ScDigits  *b,
                  GError         **error)
{
  gsize image_bytes;
  ScDigits *digits;

  g_return_val_if_fail (a != NULL && b != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (a->rows != b->rows || a->cols != b->cols)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "Cannot pool digits of %u×%u (%s) with digits of %u×%u (%s)",
                   a->rows, a->cols, a->source, b->rows, b->cols, b->source);
      return NULL;
    }
  if ((guint64) a->n_images + b->n_images > SC_IDX_MAX_ITEMS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "Too many digit images to pool (%u + %u)", a->n_images, b->n_images);
      return NULL;
    }

  image_bytes = (gsize) a->rows * a->cols;
  digits = sc_digits_new (a->n_images + b->n_images, a->rows, a->cols);
  memcpy (digits->pixels, a->pixels, a->n_images * image_bytes);
  memcpy (digits->pixels + a->n_images * image_bytes, b->pixels, b->n_images * image_bytes);
  memcpy (digits->labels, a->labels, a->n_images);
  memcpy (digits->labels + a->n_images, b->labels, b->n_images);
  g_free (digits->source);
  digits->source = g_strdup_printf ("%s + %s", a->source, b->source);

  return digits;
}

const guint8 *
sc_digits_image (const ScDigits *digits,
                 guint           index)
{
  g_return_val_if_fail (digits != NULL, NULL);
  g_return_val_if_fail (index < digits->n_images, NULL);

  return digits->pixels + (gsize) index * digits->rows * digits->cols;
}

void
sc_digits_count (const ScDigits *digits,
                 guint           counts[SC_DIGITS_N_CLASSES])
{
  g_return_if_fail (digits != NULL);

  memset (counts, 0, SC_DIGITS_N_CLASSES * sizeof (guint));
  for (guint i = 0; i < digits->n_images; i++)
    if (digits->labels[i] < SC_DIGITS_N_CLASSES)
      counts[digits->labels[i]]++;
}
