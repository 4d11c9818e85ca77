/* sc-task-source.c — where a task comes from, to load it again elsewhere
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include "sc-error.h"
#include "sc-json.h"
#include "sc-mnist.h"
#include "sc-task-source.h"

static gboolean
is_bundled (const char *name)
{
  return g_strv_contains (sc_task_bundled_names (), name);
}

/* Another process may run in another directory. */
static char *
absolute (const char *path)
{
  if (path == NULL || g_path_is_absolute (path))
    return g_strdup (path);
  return g_canonicalize_filename (path, NULL);
}

void
sc_task_source_init (ScTaskSource *source,
                     const char   *name,
                     const char   *mnist_images,
                     const char   *mnist_labels,
                     guint         mnist_train,
                     guint         mnist_test)
{
  g_return_if_fail (source != NULL && name != NULL);

  *source = (ScTaskSource) {
    .name = g_strdup (name),
    .mnist_images = g_strdup (mnist_images),
    .mnist_labels = g_strdup (mnist_labels),
    .mnist_train = mnist_train,
    .mnist_test = mnist_test,
  };
}

void
sc_task_source_copy_absolute (ScTaskSource       *dest,
                              const ScTaskSource *src)
{
  const char *name = src->name;

  g_return_if_fail (dest != NULL && src != NULL && src->name != NULL);

  *dest = (ScTaskSource) {
    .mnist_images = absolute (src->mnist_images),
    .mnist_labels = absolute (src->mnist_labels),
    .mnist_train = src->mnist_train,
    .mnist_test = src->mnist_test,
  };
  /* the lookup order of sc_task_lookup(): bundled names first */
  if (is_bundled (name) || sc_mnist_kind_from_name (name, NULL) ||
      !g_file_test (name, G_FILE_TEST_IS_REGULAR))
    dest->name = g_strdup (name);
  else
    dest->name = absolute (name);
}

void
sc_task_source_clear (ScTaskSource *source)
{
  g_clear_pointer (&source->name, g_free);
  g_clear_pointer (&source->mnist_images, g_free);
  g_clear_pointer (&source->mnist_labels, g_free);
}

ScTask *
sc_task_source_load (const ScTaskSource  *source,
                     GError             **error)
{
  ScMnistParams params;
  ScMnistKind kind;

  g_return_val_if_fail (source != NULL && source->name != NULL, NULL);

  if (!sc_mnist_kind_from_name (source->name, &kind))
    return sc_task_lookup (source->name, error);

  sc_mnist_params_init (&params, kind);
  if (source->mnist_train > 0)
    params.train_per_class = source->mnist_train;
  if (source->mnist_test > 0)
    params.test_per_class = source->mnist_test;
  return sc_mnist_load_task (source->name, source->mnist_images, source->mnist_labels, &params,
                             error);
}

void
sc_task_source_to_json (const ScTaskSource *source,
                        JsonBuilder        *builder)
{
  json_builder_begin_object (builder);
  sc_json_add_string (builder, "name", source->name);
  if (source->mnist_images)
    sc_json_add_string (builder, "mnist_images", source->mnist_images);
  if (source->mnist_labels)
    sc_json_add_string (builder, "mnist_labels", source->mnist_labels);
  if (source->mnist_train)
    sc_json_add_int (builder, "mnist_train", source->mnist_train);
  if (source->mnist_test)
    sc_json_add_int (builder, "mnist_test", source->mnist_test);
  json_builder_end_object (builder);
}

gboolean
sc_task_source_from_json (ScTaskSource  *source,
                          JsonObject    *object,
                          GError       **error)
{
  static const ScJsonField fields[] = {
    { "name", SC_JSON_STRING },
    { "mnist_images", SC_JSON_STRING },
    { "mnist_labels", SC_JSON_STRING },
    { "mnist_train", SC_JSON_COUNT },
    { "mnist_test", SC_JSON_COUNT },
  };

  if (!sc_json_check_fields (object, "task", fields, G_N_ELEMENTS (fields), error))
    return FALSE;
  if (!json_object_has_member (object, "name"))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "task: “name” is missing");
      return FALSE;
    }

  *source = (ScTaskSource) {
    .name = g_strdup (json_object_get_string_member (object, "name")),
    .mnist_images = g_strdup (json_object_get_string_member_with_default (object, "mnist_images",
                                                                           NULL)),
    .mnist_labels = g_strdup (json_object_get_string_member_with_default (object, "mnist_labels",
                                                                           NULL)),
    .mnist_train = (guint) json_object_get_int_member_with_default (object, "mnist_train", 0),
    .mnist_test = (guint) json_object_get_int_member_with_default (object, "mnist_test", 0),
  };
  return TRUE;
}
