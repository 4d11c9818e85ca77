/* test-gnome-settings.c — the app's settings without a display
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs with GSETTINGS_BACKEND=memory and no installed schema: the schema
 * must come from the build directory (data/gschemas.compiled). */

#include "config.h"

#include <gtk/gtk.h>

#include "sc-mnist.h"
#include "sc-task.h"
#include "sculptor-preferences.h"
#include "sculptor-style.h"

static GSettings *
settings_reset (void)
{
  GSettings *settings = sculptor_preferences_get_settings ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_assert_nonnull (settings);
  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);

  return settings;
}

static void
test_schema_from_build_dir (void)
{
  GSettings *settings = settings_reset ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettingsSchema) installed = NULL;
  g_autofree char *style = NULL;

  /* Usually not installed where the tests run: then it was found through
   * the build directory fallback. */
  if (g_settings_schema_source_get_default () == NULL ||
      (installed = g_settings_schema_source_lookup (g_settings_schema_source_get_default (),
                                                    APP_ID, TRUE)) == NULL)
    g_test_message ("schema found in the build directory");
  g_object_get (settings, "settings-schema", &schema, NULL);
  g_assert_cmpstr (g_settings_schema_get_id (schema), ==, APP_ID);

  /* The schema's defaults are the app's. */
  g_assert_cmpuint (g_settings_get_uint (settings, "blas-threads"), ==, 1);
  g_assert_cmpint (g_settings_get_enum (settings, "style"), ==, SCULPTOR_STYLE_SYSTEM);
  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 1280);
  style = g_settings_get_string (settings, "style");
  g_assert_cmpstr (style, ==, "system");

  /* Ranges are enforced by the schema. */
  g_assert_false (g_settings_schema_key_range_check (g_settings_schema_get_key (schema, "blas-threads"),
                                                     g_variant_new_uint32 (0)));
  g_assert_true (g_settings_schema_key_range_check (g_settings_schema_get_key (schema, "blas-threads"),
                                                    g_variant_new_uint32 (4)));
}

static void
assert_arch (const char *hidden,
             guint       n_in,
             guint       n_out,
             const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *arch = sculptor_preferences_compose_arch (hidden, n_in, n_out, &error);

  if (expected == NULL)
    {
      g_assert_null (arch);
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "24,24"));
    }
  else
    {
      g_assert_no_error (error);
      g_assert_cmpstr (arch, ==, expected);
    }
}

static void
test_compose_arch (void)
{
  assert_arch ("24,24", 4, 4, "4,24,24,4");
  assert_arch (" 8 ", 1568, 20, "1568,8,20");
  assert_arch ("16-8", 6, 3, "6,16-8,3");
  assert_arch ("", 4, 4, NULL);
  assert_arch ("   ", 4, 4, NULL);
  assert_arch ("a", 4, 4, NULL);
  assert_arch ("24,", 4, 4, NULL);
  assert_arch ("24,0", 4, 4, NULL);
  assert_arch ("[24]", 4, 4, NULL);
  /* At most 9 hidden layers (sc_hyper_validate). */
  assert_arch ("1,1,1,1,1,1,1,1,1", 4, 4, "4,1,1,1,1,1,1,1,1,1,4");
  assert_arch ("1,1,1,1,1,1,1,1,1,1", 4, 4, NULL);
}

static char *
task_arch (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = sc_task_load_bundled (name, &error);
  ScHyper hyper;
  char *arch;

  g_assert_no_error (error);
  sculptor_preferences_task_hyper (task, &hyper);
  arch = sc_hyper_get (&hyper, "arch");
  sc_hyper_clear (&hyper);

  return arch;
}

static char *
default_arch (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = sc_task_load_bundled (name, &error);

  g_assert_no_error (error);
  return sc_hyper_get (&task->defaults, "arch");
}

static void
test_family_arch (void)
{
  GSettings *settings = settings_reset ();
  g_autofree char *reuse_default = default_arch ("reuse/k4");
  g_autofree char *plain = task_arch ("exemplar/reused");
  g_autofree char *exemplar = NULL;
  g_autofree char *reuse = NULL;
  g_autofree char *bad = NULL;
  g_autofree char *expected = default_arch ("exemplar/reused");

  /* No preference: the paper's defaults. */
  g_assert_cmpstr (plain, ==, expected);

  g_settings_set_value (settings, "default-architectures",
                        g_variant_new_parsed ("{'Exemplars': '8,8', 'Reuse': ''}"));
  exemplar = task_arch ("exemplar/input-separable");
  g_assert_cmpstr (exemplar, ==, "4,8,8,4");
  /* An empty value means the default, as does another family's. */
  reuse = task_arch ("reuse/k4");
  g_assert_cmpstr (reuse, ==, reuse_default);

  /* A value that does not parse is ignored, not half-applied. */
  g_settings_set_value (settings, "default-architectures",
                        g_variant_new_parsed ("{'Exemplars': '8,x'}"));
  bad = task_arch ("exemplar/reused");
  g_assert_cmpstr (bad, ==, expected);

  settings_reset ();
}

static void
test_families_cover_tasks (void)
{
  const char * const *names = sc_task_bundled_names ();

  /* Every bundled family can be given a default architecture. */
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScTask) task = sc_task_load_bundled (names[i], &error);
      gboolean found = FALSE;

      g_assert_no_error (error);
      for (const SculptorFamily *f = sculptor_preferences_families (); f->family; f++)
        found |= g_strcmp0 (f->family, task->family) == 0;
      if (!found)
        g_error ("family %s of %s has no preference", task->family, names[i]);
    }
}

static void
test_mnist_directory (void)
{
  GSettings *settings = settings_reset ();
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.sculptor.SettingsTest",
                                                       G_APPLICATION_NON_UNIQUE);
  g_autofree char *initial = NULL;
  g_autofree char *chosen = NULL;
  g_autofree char *cleared = NULL;

  g_setenv (SC_MNIST_DIR_ENV, "/from/the/environment", TRUE);
  sculptor_preferences_startup (app);
  initial = sc_mnist_default_dir ();
  g_assert_cmpstr (initial, ==, "/from/the/environment");

  /* The preference, once set, comes first; clearing it gives the
   * environment back. */
  g_settings_set_string (settings, "mnist-directory", "/chosen/in/preferences");
  chosen = sc_mnist_default_dir ();
  g_assert_cmpstr (chosen, ==, "/chosen/in/preferences");
  g_settings_reset (settings, "mnist-directory");
  cleared = sc_mnist_default_dir ();
  g_assert_cmpstr (cleared, ==, "/from/the/environment");

  g_unsetenv (SC_MNIST_DIR_ENV);
}

static void
test_style_resolution (void)
{
  g_assert_false (sculptor_style_is_dark (SCULPTOR_STYLE_SYSTEM, SCULPTOR_SCHEME_DEFAULT));
  g_assert_true (sculptor_style_is_dark (SCULPTOR_STYLE_SYSTEM, SCULPTOR_SCHEME_PREFER_DARK));
  g_assert_false (sculptor_style_is_dark (SCULPTOR_STYLE_SYSTEM, SCULPTOR_SCHEME_PREFER_LIGHT));
  g_assert_true (sculptor_style_is_dark (SCULPTOR_STYLE_DARK, SCULPTOR_SCHEME_PREFER_LIGHT));
  g_assert_false (sculptor_style_is_dark (SCULPTOR_STYLE_LIGHT, SCULPTOR_SCHEME_PREFER_DARK));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gnome/settings/schema-from-build-dir", test_schema_from_build_dir);
  g_test_add_func ("/gnome/settings/compose-arch", test_compose_arch);
  g_test_add_func ("/gnome/settings/family-arch", test_family_arch);
  g_test_add_func ("/gnome/settings/families-cover-tasks", test_families_cover_tasks);
  g_test_add_func ("/gnome/settings/mnist-directory", test_mnist_directory);
  g_test_add_func ("/gnome/settings/style-resolution", test_style_resolution);

  return g_test_run ();
}
