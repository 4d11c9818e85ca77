/* sculptor-preferences.c — the app's GSettings and what they change
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-linalg.h"
#include "sc-mnist.h"
#include "sculptor-preferences.h"
#include "sculptor-style.h"

static const SculptorFamily families[] = {
  { "Exemplars",           N_("Exemplars") },
  { "Reuse",               N_("Reuse") },
  { "Input overlap",       N_("Input overlap") },
  { "Hierarchical levels", N_("Hierarchical levels") },
  { "MNIST",               N_("MNIST") },
  { NULL, NULL }
};

/* Every key the app reads: an older schema installed system-wide that
 * lacks one would make g_settings_get() abort, so it does not count. */
static const char * const used_keys[] = {
  "window-width", "window-height", "window-maximized", "speed", "last-task",
  "last-settings", "live-detection", "style", "default-architectures",
  "mnist-directory", "blas-threads",
};

const SculptorFamily *
sculptor_preferences_families (void)
{
  return families;
}

static gboolean
schema_is_complete (GSettingsSchema *schema)
{
  for (guint i = 0; i < G_N_ELEMENTS (used_keys); i++)
    if (!g_settings_schema_has_key (schema, used_keys[i]))
      return FALSE;
  return TRUE;
}

/* The installed schema, else the one meson compiled into the build
 * directory (the app run with build-aux/dev or by the tests). */
static GSettingsSchema *
lookup_schema (void)
{
  GSettingsSchemaSource *installed = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchemaSource) built = NULL;
  g_autoptr(GSettingsSchema) schema = NULL;

  if (installed != NULL)
    schema = g_settings_schema_source_lookup (installed, APP_ID, TRUE);
  if (schema != NULL && schema_is_complete (schema))
    return g_steal_pointer (&schema);
  g_clear_pointer (&schema, g_settings_schema_unref);

  built = g_settings_schema_source_new_from_directory (SCULPTOR_BUILD_SCHEMA_DIR, installed,
                                                       FALSE, NULL);
  if (built != NULL)
    schema = g_settings_schema_source_lookup (built, APP_ID, FALSE);
  if (schema != NULL && schema_is_complete (schema))
    return g_steal_pointer (&schema);

  return NULL;
}

GSettings *
sculptor_preferences_get_settings (void)
{
  static GSettings *settings;
  static gsize initialized;

  if (g_once_init_enter (&initialized))
    {
      g_autoptr(GSettingsSchema) schema = lookup_schema ();

      if (schema != NULL)
        settings = g_settings_new_full (schema, NULL, NULL);
      else
        g_message ("The settings schema %s is not installed: preferences and window "
                   "state will not be kept", APP_ID);
      g_once_init_leave (&initialized, 1);
    }

  return settings;
}

void
sculptor_preferences_apply_threads (void)
{
  GSettings *settings = sculptor_preferences_get_settings ();

  sc_linalg_init (settings ? g_settings_get_uint (settings, "blas-threads") : 1);
}

ScBackend
sculptor_preferences_get_backend (void)
{
  GSettings *settings = sculptor_preferences_get_settings ();

  if (settings && !g_settings_get_boolean (settings, "reproducible-products"))
    return SC_BACKEND_BLAS;
  return SC_BACKEND_PORTABLE;
}

static void
on_mnist_directory_changed (GSettings  *settings,
                            const char *key,
                            gpointer    user_data)
{
  g_autofree char *dir = g_settings_get_string (settings, "mnist-directory");

  /* A core setter rather than $SCULPTOR_MNIST_DIR: setenv is not safe
   * while the worker thread may read the environment. */
  sc_mnist_set_default_dir (dir);
}

void
sculptor_preferences_startup (GtkApplication *app)
{
  GSettings *settings = sculptor_preferences_get_settings ();

  g_return_if_fail (GTK_IS_APPLICATION (app));

  sculptor_preferences_apply_threads ();
  if (settings != NULL)
    {
      g_signal_connect (settings, "changed::mnist-directory",
                        G_CALLBACK (on_mnist_directory_changed), NULL);
      on_mnist_directory_changed (settings, "mnist-directory", NULL);
    }
  sculptor_style_init (G_APPLICATION (app), settings);
}

char *
sculptor_preferences_compose_arch (const char  *hidden,
                                   guint        n_inputs,
                                   guint        n_outputs,
                                   GError     **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (hidden ? hidden : ""));
  g_autofree char *arch = NULL;
  g_autoptr(GError) local_error = NULL;
  ScHyper scratch;
  gboolean ok;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (trimmed[0] == '\0' || !g_ascii_isdigit (trimmed[0]) ||
      !g_ascii_isdigit (trimmed[strlen (trimmed) - 1]))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   _("Expected hidden layer widths separated by commas, e.g. 24,24"));
      return NULL;
    }

  arch = g_strdup_printf ("%u,%s,%u", n_inputs, trimmed, n_outputs);
  sc_hyper_init_defaults (&scratch);
  ok = sc_hyper_set (&scratch, "arch", arch, &local_error) &&
       sc_hyper_validate (&scratch, n_inputs, n_outputs, &local_error);
  sc_hyper_clear (&scratch);

  if (!ok)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   _("Expected 1 to 9 hidden layer widths separated by commas, e.g. 24,24 (%s)"),
                   local_error->message);
      return NULL;
    }

  return g_steal_pointer (&arch);
}

void
sculptor_preferences_task_hyper (const ScTask *task,
                                 ScHyper      *hyper)
{
  GSettings *settings = sculptor_preferences_get_settings ();
  g_autoptr(GVariant) archs = NULL;
  g_autofree char *hidden = NULL;
  g_autofree char *arch = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (task != NULL);
  g_return_if_fail (hyper != NULL);

  sc_hyper_copy (hyper, &task->defaults);
  if (settings == NULL || task->family == NULL)
    return;

  archs = g_settings_get_value (settings, "default-architectures");
  if (!g_variant_lookup (archs, task->family, "s", &hidden) || hidden[0] == '\0')
    return;

  arch = sculptor_preferences_compose_arch (hidden, task->n_in, task->n_out, &error);
  if (arch == NULL || !sc_hyper_set (hyper, "arch", arch, &error))
    g_message ("Default architecture for %s ignored: %s", task->family, error->message);
}
