/* test-idx.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <zlib.h>

#include "sc-digits.h"
#include "sc-error.h"
#include "sc-idx.h"

#define FASHION_DIR "/usr/share/datasets/fashion-mnist"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("sculptor-idx-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static char *
fixture_path (Fixture    *fixture,
              const char *name)
{
  return g_build_filename (fixture->dir, name, NULL);
}

/* An IDX file assembled byte by byte, independently of the writer. */
static GByteArray *
idx_bytes (guint8        type,
           guint         n_dims,
           const guint32 *dims,
           const guint8  *payload,
           gsize          n_payload)
{
  GByteArray *bytes = g_byte_array_new ();
  guint8 magic[4] = { 0, 0, type, (guint8) n_dims };

  g_byte_array_append (bytes, magic, 4);
  for (guint i = 0; i < n_dims; i++)
    {
      guint32 be = GUINT32_TO_BE (dims[i]);

      g_byte_array_append (bytes, (const guint8 *) &be, 4);
    }
  if (n_payload > 0)
    g_byte_array_append (bytes, payload, (guint) n_payload);
  return bytes;
}

static void
write_plain (const char *path,
             GByteArray *bytes)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, (const char *) bytes->data, bytes->len, &error);
  g_assert_no_error (error);
}

static void
write_gzip (const char *path,
            GByteArray *bytes)
{
  gzFile gz = gzopen (path, "wb");

  g_assert_nonnull (gz);
  if (bytes->len > 0)
    g_assert_cmpint (gzwrite (gz, bytes->data, bytes->len), ==, (int) bytes->len);
  g_assert_cmpint (gzclose (gz), ==, Z_OK);
}

static guint8 *
read_file (const char *path,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, len, &error);
  g_assert_no_error (error);
  return (guint8 *) contents;
}

/* 3 images of 2×4 with distinct pixels, and their labels. */
static const guint8 sample_pixels[3 * 2 * 4] = {
  0, 1, 2, 3, 4, 5, 6, 7,
  255, 254, 128, 127, 0, 0, 9, 9,
  10, 20, 30, 40, 50, 60, 70, 80,
};
static const guint8 sample_labels[3] = { 7, 0, 9 };

static GByteArray *
sample_images_bytes (void)
{
  guint32 dims[3] = { 3, 2, 4 };

  return idx_bytes (0x08, 3, dims, sample_pixels, sizeof sample_pixels);
}

static GByteArray *
sample_labels_bytes (void)
{
  guint32 dims[1] = { 3 };

  return idx_bytes (0x08, 1, dims, sample_labels, sizeof sample_labels);
}

static void
assert_error_mentions (GError     *error,
                       int         code,
                       const char *path,
                       const char *fragment)
{
  g_autofree char *base = g_path_get_basename (path);

  g_assert_error (error, SC_ERROR, code);
  g_test_message ("%s", error->message);
  if (strstr (error->message, base) == NULL || strstr (error->message, fragment) == NULL)
    g_error ("message “%s” should name %s and say “%s”", error->message, base, fragment);
}

static void
read_images_expect_error (const char *path,
                          int         code,
                          const char *fragment)
{
  g_autoptr(GError) error = NULL;
  guint n = 0, rows = 0, cols = 0;
  guint8 *pixels = sc_idx_read_images (path, &n, &rows, &cols, &error);

  g_assert_null (pixels);
  assert_error_mentions (error, code, path, fragment);
}

static void
read_labels_expect_error (const char *path,
                          int         code,
                          const char *fragment)
{
  g_autoptr(GError) error = NULL;
  guint n = 0;
  guint8 *labels = sc_idx_read_labels (path, &n, &error);

  g_assert_null (labels);
  assert_error_mentions (error, code, path, fragment);
}

static void
check_sample_read (const char *images,
                   const char *labels)
{
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *pixels = NULL;
  g_autofree guint8 *label_bytes = NULL;
  guint n = 0, rows = 0, cols = 0, n_labels = 0;

  pixels = sc_idx_read_images (images, &n, &rows, &cols, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (rows, ==, 2);
  g_assert_cmpuint (cols, ==, 4);
  g_assert_cmpmem (pixels, 24, sample_pixels, 24);

  label_bytes = sc_idx_read_labels (labels, &n_labels, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_labels, ==, 3);
  g_assert_cmpmem (label_bytes, 3, sample_labels, 3);
}

static void
test_idx_read_plain (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *images = fixture_path (fixture, "images");
  g_autofree char *labels = fixture_path (fixture, "labels");
  g_autoptr(GByteArray) image_bytes = sample_images_bytes ();
  g_autoptr(GByteArray) label_bytes = sample_labels_bytes ();

  write_plain (images, image_bytes);
  write_plain (labels, label_bytes);
  check_sample_read (images, labels);
}

static void
test_idx_read_gzip (Fixture       *fixture,
                    gconstpointer  data)
{
  /* Names without .gz: gzip is recognised by its magic. */
  g_autofree char *images = fixture_path (fixture, "images-idx3-ubyte");
  g_autofree char *labels = fixture_path (fixture, "labels-idx1-ubyte");
  g_autoptr(GByteArray) image_bytes = sample_images_bytes ();
  g_autoptr(GByteArray) label_bytes = sample_labels_bytes ();
  g_autofree guint8 *raw = NULL;
  gsize len;

  write_gzip (images, image_bytes);
  write_gzip (labels, label_bytes);
  raw = read_file (images, &len);
  g_assert_cmpuint (raw[0], ==, 0x1f);
  g_assert_cmpuint (raw[1], ==, 0x8b);
  check_sample_read (images, labels);
}

static void
test_idx_write (Fixture       *fixture,
                gconstpointer  data)
{
  g_autofree char *images = fixture_path (fixture, "out-images");
  g_autofree char *labels = fixture_path (fixture, "out-labels");
  g_autofree char *images_gz = fixture_path (fixture, "out-images.gz");
  g_autofree char *labels_gz = fixture_path (fixture, "out-labels.gz");
  g_autoptr(GByteArray) expected = sample_images_bytes ();
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *raw = NULL;
  g_autofree guint8 *packed = NULL;
  gsize len;

  /* Plain output is byte for byte the standard layout. */
  g_assert_true (sc_idx_write_images (images, sample_pixels, 3, 2, 4, FALSE, &error));
  g_assert_true (sc_idx_write_labels (labels, sample_labels, 3, FALSE, &error));
  g_assert_no_error (error);
  raw = read_file (images, &len);
  g_assert_cmpmem (raw, len, expected->data, expected->len);
  check_sample_read (images, labels);

  g_assert_true (sc_idx_write_images (images_gz, sample_pixels, 3, 2, 4, TRUE, &error));
  g_assert_true (sc_idx_write_labels (labels_gz, sample_labels, 3, TRUE, &error));
  g_assert_no_error (error);
  packed = read_file (images_gz, &len);
  g_assert_cmpuint (packed[0], ==, 0x1f);
  g_assert_cmpuint (packed[1], ==, 0x8b);
  check_sample_read (images_gz, labels_gz);

  /* Zero-sized images cannot be written. */
  g_assert_false (sc_idx_write_images (images, sample_pixels, 1, 0, 4, FALSE, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
}

static void
test_idx_truncated (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autofree char *plain = fixture_path (fixture, "short");
  g_autofree char *packed = fixture_path (fixture, "short.gz");
  g_autofree char *cut_gz = fixture_path (fixture, "cut.gz");
  g_autofree char *header = fixture_path (fixture, "header");
  g_autofree char *empty = fixture_path (fixture, "empty");
  g_autoptr(GByteArray) bytes = sample_images_bytes ();
  g_autoptr(GByteArray) full = sample_images_bytes ();
  g_autofree guint8 *compressed = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  /* One pixel missing, plain and gzipped (a complete gzip stream). */
  g_byte_array_set_size (bytes, bytes->len - 1);
  write_plain (plain, bytes);
  read_images_expect_error (plain, SC_ERROR_PARSE, "truncated");
  write_gzip (packed, bytes);
  read_images_expect_error (packed, SC_ERROR_PARSE, "truncated");

  /* A gzip file cut in the middle of its compressed stream. */
  write_gzip (cut_gz, full);
  compressed = read_file (cut_gz, &len);
  g_file_set_contents (cut_gz, (const char *) compressed, (gssize) len - 6, &error);
  g_assert_no_error (error);
  read_images_expect_error (cut_gz, SC_ERROR_PARSE, "trailer");
  g_file_set_contents (cut_gz, (const char *) compressed, (gssize) len / 2, &error);
  g_assert_no_error (error);
  read_images_expect_error (cut_gz, SC_ERROR_PARSE, "");

  /* The header itself cut short, and an empty file. */
  g_byte_array_set_size (bytes, 9);
  write_plain (header, bytes);
  read_images_expect_error (header, SC_ERROR_PARSE, "truncated IDX header");
  g_byte_array_set_size (bytes, 0);
  write_plain (empty, bytes);
  read_images_expect_error (empty, SC_ERROR_PARSE, "empty");
  read_labels_expect_error (empty, SC_ERROR_PARSE, "empty");
}

static void
test_idx_trailing (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *plain = fixture_path (fixture, "long");
  g_autofree char *packed = fixture_path (fixture, "long.gz");
  g_autoptr(GByteArray) bytes = sample_labels_bytes ();
  guint8 extra[2] = { 1, 2 };

  g_byte_array_append (bytes, extra, 2);
  write_plain (plain, bytes);
  read_labels_expect_error (plain, SC_ERROR_PARSE, "trailing garbage");
  write_gzip (packed, bytes);
  read_labels_expect_error (packed, SC_ERROR_PARSE, "trailing garbage");
}

static void
test_idx_wrong_magic (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *text = fixture_path (fixture, "text");
  g_autofree char *images = fixture_path (fixture, "images");
  g_autofree char *labels = fixture_path (fixture, "labels");
  g_autofree char *floats = fixture_path (fixture, "floats");
  g_autoptr(GByteArray) image_bytes = sample_images_bytes ();
  g_autoptr(GByteArray) label_bytes = sample_labels_bytes ();
  g_autoptr(GByteArray) junk = g_byte_array_new ();
  g_autoptr(GByteArray) float_bytes = NULL;
  guint32 dims[3] = { 1, 1, 1 };
  float one = 1.0f;

  g_byte_array_append (junk, (const guint8 *) "P5\n28 28\n255\n", 13);
  write_plain (text, junk);
  read_images_expect_error (text, SC_ERROR_PARSE, "not an IDX file");

  /* The two kinds swapped: the message says what the file really is. */
  write_plain (images, image_bytes);
  write_plain (labels, label_bytes);
  read_images_expect_error (labels, SC_ERROR_PARSE, "is a label file");
  read_labels_expect_error (images, SC_ERROR_PARSE, "is an image file");

  float_bytes = idx_bytes (0x0d, 3, dims, (const guint8 *) &one, sizeof one);
  write_plain (floats, float_bytes);
  read_images_expect_error (floats, SC_ERROR_PARSE, "type 0x0d");
}

static void
test_idx_huge_header (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *many = fixture_path (fixture, "many");
  g_autofree char *wide = fixture_path (fixture, "wide");
  g_autofree char *zero = fixture_path (fixture, "zero");
  g_autofree char *labels = fixture_path (fixture, "labels.gz");
  g_autofree char *promise = fixture_path (fixture, "promise.gz");
  guint32 many_dims[3] = { G_MAXUINT32, 28, 28 };
  guint32 wide_dims[3] = { 1, 28, 100000 };
  guint32 zero_dims[3] = { 5, 0, 28 };
  guint32 label_dims[1] = { G_MAXUINT32 };
  /* Within the limits (784 MB) but the file holds 10 bytes: reading must
   * fail as truncated without allocating what the header promises. */
  guint32 promise_dims[3] = { 1000000, 28, 28 };
  guint8 payload[10] = { 0, };
  g_autoptr(GByteArray) b1 = idx_bytes (0x08, 3, many_dims, payload, 10);
  g_autoptr(GByteArray) b2 = idx_bytes (0x08, 3, wide_dims, payload, 10);
  g_autoptr(GByteArray) b3 = idx_bytes (0x08, 3, zero_dims, payload, 0);
  g_autoptr(GByteArray) b4 = idx_bytes (0x08, 1, label_dims, payload, 10);
  g_autoptr(GByteArray) b5 = idx_bytes (0x08, 3, promise_dims, payload, 10);

  write_plain (many, b1);
  read_images_expect_error (many, SC_ERROR_PARSE, "more than Sculptor reads");
  write_plain (wide, b2);
  read_images_expect_error (wide, SC_ERROR_PARSE, "each side must be");
  write_plain (zero, b3);
  read_images_expect_error (zero, SC_ERROR_PARSE, "each side must be");
  write_gzip (labels, b4);
  read_labels_expect_error (labels, SC_ERROR_PARSE, "more than Sculptor reads");
  write_gzip (promise, b5);
  read_images_expect_error (promise, SC_ERROR_PARSE, "truncated");
}

static void
test_idx_corrupt_gzip (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "corrupt.gz");
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *packed = NULL;
  guint32 dims[3] = { 64, 28, 28 };
  g_autofree guint8 *pixels = g_new (guint8, 64 * 28 * 28);
  g_autoptr(GByteArray) idx = NULL;
  gsize len;

  for (guint i = 0; i < 64 * 28 * 28; i++)
    pixels[i] = (guint8) (i * 2654435761u >> 24);
  idx = idx_bytes (0x08, 3, dims, pixels, 64 * 28 * 28);
  write_gzip (path, idx);
  packed = read_file (path, &len);
  for (gsize i = len / 3; i < len / 3 + 16; i++)
    packed[i] ^= 0x5a;
  g_file_set_contents (path, (const char *) packed, (gssize) len, &error);
  g_assert_no_error (error);
  read_images_expect_error (path, SC_ERROR_PARSE, "corrupt compressed data");
}

static void
test_idx_missing (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = fixture_path (fixture, "does-not-exist");

  read_images_expect_error (path, SC_ERROR_NOT_FOUND, "Could not open");
  read_labels_expect_error (fixture->dir, SC_ERROR_IO, "not a regular file");
}

static void
test_digits_load (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *images = fixture_path (fixture, "images");
  g_autofree char *labels = fixture_path (fixture, "labels");
  g_autofree char *four = fixture_path (fixture, "four-labels");
  g_autofree char *bad = fixture_path (fixture, "bad-labels");
  g_autofree char *images2 = fixture_path (fixture, "saved-images.gz");
  g_autofree char *labels2 = fixture_path (fixture, "saved-labels.gz");
  g_autoptr(GByteArray) image_bytes = sample_images_bytes ();
  g_autoptr(GByteArray) label_bytes = sample_labels_bytes ();
  g_autoptr(GByteArray) four_bytes = NULL;
  g_autoptr(GByteArray) bad_bytes = NULL;
  g_autoptr(ScDigits) digits = NULL;
  g_autoptr(ScDigits) again = NULL;
  g_autoptr(ScDigits) pooled = NULL;
  g_autoptr(GError) error = NULL;
  guint8 four_labels[4] = { 1, 2, 3, 4 };
  guint8 bad_labels[3] = { 1, 2, 10 };
  guint32 dims4[1] = { 4 };
  guint32 dims3[1] = { 3 };
  guint counts[SC_DIGITS_N_CLASSES];

  write_plain (images, image_bytes);
  write_plain (labels, label_bytes);
  digits = sc_digits_load (images, labels, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (digits->n_images, ==, 3);
  g_assert_cmpuint (sc_digits_image (digits, 2)[7], ==, 80);
  sc_digits_count (digits, counts);
  g_assert_cmpuint (counts[7], ==, 1);
  g_assert_cmpuint (counts[0], ==, 1);
  g_assert_cmpuint (counts[9], ==, 1);
  g_assert_cmpuint (counts[5], ==, 0);

  /* Counts that disagree. */
  four_bytes = idx_bytes (0x08, 1, dims4, four_labels, 4);
  write_plain (four, four_bytes);
  g_assert_null (sc_digits_load (images, four, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "3 images"));
  g_assert_nonnull (strstr (error->message, "4 labels"));
  g_clear_error (&error);

  /* A label that is not a digit. */
  bad_bytes = idx_bytes (0x08, 1, dims3, bad_labels, 3);
  write_plain (bad, bad_bytes);
  g_assert_null (sc_digits_load (images, bad, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "label 10 of image 2"));
  g_assert_nonnull (strstr (error->message, "bad-labels"));
  g_clear_error (&error);

  /* Save and reload (gzipped), then pool two sets. */
  g_assert_true (sc_digits_save (digits, images2, labels2, TRUE, &error));
  g_assert_no_error (error);
  again = sc_digits_load (images2, labels2, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (again->pixels, 24, digits->pixels, 24);
  g_assert_cmpmem (again->labels, 3, digits->labels, 3);
  pooled = sc_digits_concat (digits, again, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pooled->n_images, ==, 6);
  g_assert_cmpmem (pooled->pixels + 24, 24, sample_pixels, 24);
  g_assert_cmpuint (pooled->labels[5], ==, 9);
}

/* Optional: Debian's dataset-fashion-mnist ships real IDX files. */
static void
test_idx_fashion_mnist (void)
{
  g_autofree char *train_images = g_build_filename (FASHION_DIR, "train-images-idx3-ubyte.gz", NULL);
  g_autofree char *train_labels = g_build_filename (FASHION_DIR, "train-labels-idx1-ubyte.gz", NULL);
  g_autofree char *test_images = g_build_filename (FASHION_DIR, "t10k-images-idx3-ubyte.gz", NULL);
  g_autofree char *test_labels = g_build_filename (FASHION_DIR, "t10k-labels-idx1-ubyte.gz", NULL);
  g_autoptr(ScDigits) train = NULL;
  g_autoptr(ScDigits) test = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[SC_DIGITS_N_CLASSES];

  if (!g_file_test (train_images, G_FILE_TEST_EXISTS))
    {
      g_test_skip ("dataset-fashion-mnist is not installed");
      return;
    }

  train = sc_digits_load (train_images, train_labels, &error);
  g_assert_no_error (error);
  test = sc_digits_load (test_images, test_labels, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (train->n_images, ==, 60000);
  g_assert_cmpuint (test->n_images, ==, 10000);
  g_assert_cmpuint (train->rows, ==, 28);
  g_assert_cmpuint (train->cols, ==, 28);
  /* Fashion-MNIST is balanced: 6000 and 1000 images per class. */
  sc_digits_count (train, counts);
  for (guint d = 0; d < SC_DIGITS_N_CLASSES; d++)
    g_assert_cmpuint (counts[d], ==, 6000);
  sc_digits_count (test, counts);
  for (guint d = 0; d < SC_DIGITS_N_CLASSES; d++)
    g_assert_cmpuint (counts[d], ==, 1000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  ADD ("/idx/read-plain", test_idx_read_plain);
  ADD ("/idx/read-gzip", test_idx_read_gzip);
  ADD ("/idx/write", test_idx_write);
  ADD ("/idx/truncated", test_idx_truncated);
  ADD ("/idx/trailing", test_idx_trailing);
  ADD ("/idx/wrong-magic", test_idx_wrong_magic);
  ADD ("/idx/huge-header", test_idx_huge_header);
  ADD ("/idx/corrupt-gzip", test_idx_corrupt_gzip);
  ADD ("/idx/missing", test_idx_missing);
  ADD ("/idx/digits-load", test_digits_load);
  g_test_add_func ("/idx/fashion-mnist", test_idx_fashion_mnist);

#undef ADD

  return g_test_run ();
}
