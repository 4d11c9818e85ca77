/* fuzz-idx.c — IDX image and label files, plain or gzipped
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz.h"
#include "sc-idx.h"

/* Reads every byte, so a buffer shorter than its stated size shows under
 * ASan. */
static guint
checksum (const guint8 *bytes,
          gsize         n)
{
  guint sum = 0;

  for (gsize i = 0; i < n; i++)
    sum += bytes[i];
  return sum;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *path;
  g_autoptr(GError) image_error = NULL;
  g_autoptr(GError) label_error = NULL;
  g_autofree guint8 *pixels = NULL;
  g_autofree guint8 *labels = NULL;
  guint n_images = 0, rows = 0, cols = 0, n_labels = 0;

  fuzz_init ();
  /* The same file as images and as labels: at most one of them fits. */
  path = fuzz_write_file ("fuzz-idx", data, size);
  pixels = sc_idx_read_images (path, &n_images, &rows, &cols, &image_error);
  fuzz_check_outcome (pixels, image_error);
  labels = sc_idx_read_labels (path, &n_labels, &label_error);
  fuzz_check_outcome (labels, label_error);
  g_assert_true (pixels == NULL || labels == NULL);

  if (pixels != NULL)
    {
      g_assert_cmpuint (rows, <=, SC_IDX_MAX_SIDE);
      g_assert_cmpuint (cols, <=, SC_IDX_MAX_SIDE);
      (void) checksum (pixels, (gsize) n_images * rows * cols);
    }
  if (labels != NULL)
    (void) checksum (labels, n_labels);
  return 0;
}
