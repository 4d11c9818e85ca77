/* sc-mnist.c — MNIST task names, parameters and where the digits are found
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <string.h>

#include "sc-error.h"
#include "sc-mnist.h"

static const char * const task_names[] = {
  "mnist/two-digits",
  "mnist/hierarchical-xor",
  NULL,
};

#define HOW_TO_GET_DIGITS \
  "run build-aux/fetch-mnist, or pass --mnist-images FILE --mnist-labels FILE " \
  "with the standard MNIST IDX files"

void
sc_mnist_params_init (ScMnistParams *params,
                      ScMnistKind    kind)
{
  g_return_if_fail (params != NULL);

  /* Laptop-sized: a few thousand composites instead of the reference's
   * 80 000 / 51 200 (method.md §1.4): 15 000 / 3 000 for the two-digit
   * task, 19 200 / 3 200 for the hierarchical one (README, MNIST). */
  if (kind == SC_MNIST_TWO_DIGITS)
    {
      params->train_per_class = 150;
      params->test_per_class = 30;
    }
  else
    {
      params->train_per_class = 300;
      params->test_per_class = 50;
    }
  params->test_fraction = 0.2;
  params->seed = 0;
}

const char * const *
sc_mnist_task_names (void)
{
  return task_names;
}

gboolean
sc_mnist_kind_from_name (const char  *name,
                         ScMnistKind *kind)
{
  g_return_val_if_fail (name != NULL, FALSE);

  for (guint i = 0; task_names[i] != NULL; i++)
    if (strcmp (name, task_names[i]) == 0)
      {
        if (kind != NULL)
          *kind = (ScMnistKind) i;
        return TRUE;
      }
  return FALSE;
}

const char *
sc_mnist_kind_to_name (ScMnistKind kind)
{
  g_return_val_if_fail (kind <= SC_MNIST_HIERARCHICAL_XOR, NULL);

  return task_names[kind];
}

/* The app's preference; read from the worker thread when a task loads while
 * the main thread may set it, hence the lock. */
G_LOCK_DEFINE_STATIC (chosen_dir);
static char *chosen_dir;

void
sc_mnist_set_default_dir (const char *dir)
{
  G_LOCK (chosen_dir);
  g_clear_pointer (&chosen_dir, g_free);
  if (dir != NULL && dir[0] != '\0')
    chosen_dir = g_strdup (dir);
  G_UNLOCK (chosen_dir);
}

char *
sc_mnist_default_dir (void)
{
  const char *env = g_getenv (SC_MNIST_DIR_ENV);
  char *dir;

  G_LOCK (chosen_dir);
  dir = g_strdup (chosen_dir);
  G_UNLOCK (chosen_dir);

  if (dir != NULL)
    return dir;
  if (env != NULL && env[0] != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_cache_dir (), "sculptor", "mnist", NULL);
}

/* The standard MNIST names, as distributed (with or without .gz) and as
 * some mirrors spell them (a dot before "idx"). */
static char *
find_standard_file (const char *dir,
                    const char *stem,
                    const char *kind)
{
  static const char * const separators[] = { "-", "." };
  static const char * const suffixes[] = { ".gz", "" };

  for (guint i = 0; i < G_N_ELEMENTS (separators); i++)
    for (guint j = 0; j < G_N_ELEMENTS (suffixes); j++)
      {
        g_autofree char *base = g_strconcat (stem, separators[i], kind, suffixes[j], NULL);
        g_autofree char *path = g_build_filename (dir, base, NULL);

        if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
          return g_steal_pointer (&path);
      }
  return NULL;
}

/* Full MNIST in dir: train files, plus the t10k files pooled after them as
 * the reference pools both (method.md §1.4). NULL without error if absent. */
static ScDigits *
load_standard_mnist (const char  *dir,
                     GError     **error)
{
  g_autofree char *train_images = find_standard_file (dir, "train-images", "idx3-ubyte");
  g_autofree char *train_labels = find_standard_file (dir, "train-labels", "idx1-ubyte");
  g_autofree char *test_images = find_standard_file (dir, "t10k-images", "idx3-ubyte");
  g_autofree char *test_labels = find_standard_file (dir, "t10k-labels", "idx1-ubyte");
  g_autoptr(ScDigits) train = NULL;
  g_autoptr(ScDigits) test = NULL;

  if (train_images == NULL || train_labels == NULL)
    return NULL;
  train = sc_digits_load (train_images, train_labels, error);
  if (train == NULL)
    return NULL;
  if (test_images == NULL || test_labels == NULL)
    return g_steal_pointer (&train);
  test = sc_digits_load (test_images, test_labels, error);
  if (test == NULL)
    return NULL;
  return sc_digits_concat (train, test, error);
}

ScDigits *
sc_mnist_load_digits (const char  *images_path,
                      const char  *labels_path,
                      GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *images = NULL;
  g_autofree char *labels = NULL;
  GError *local_error = NULL;
  ScDigits *digits;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (images_path != NULL || labels_path != NULL)
    {
      if (images_path == NULL || labels_path == NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                       "MNIST needs both an image file and a label file (only the %s "
                       "file was given)", images_path != NULL ? "image" : "label");
          return NULL;
        }
      return sc_digits_load (images_path, labels_path, error);
    }

  dir = sc_mnist_default_dir ();
  digits = load_standard_mnist (dir, &local_error);
  if (digits != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return digits;
    }

  images = g_build_filename (dir, SC_MNIST_IMAGES_FILE, NULL);
  labels = g_build_filename (dir, SC_MNIST_LABELS_FILE, NULL);
  if (!g_file_test (images, G_FILE_TEST_EXISTS) || !g_file_test (labels, G_FILE_TEST_EXISTS))
    {
      g_autofree char *display = g_filename_display_name (dir);

      g_set_error (error, SC_ERROR, SC_ERROR_NOT_FOUND,
                   "No MNIST digits in %s (set " SC_MNIST_DIR_ENV " to use another "
                   "directory): " HOW_TO_GET_DIGITS, display);
      return NULL;
    }
  digits = sc_digits_load (images, labels, error);
  if (digits == NULL)
    g_prefix_error (error, "Broken MNIST cache (run build-aux/fetch-mnist again): ");
  return digits;
}
