/* sculptor-style.c — light, dark or the system's style
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include "sculptor-style.h"

#define PORTAL_BUS_NAME   "org.freedesktop.portal.Desktop"
#define PORTAL_PATH       "/org/freedesktop/portal/desktop"
#define PORTAL_SETTINGS   "org.freedesktop.portal.Settings"
#define APPEARANCE        "org.freedesktop.appearance"

typedef struct
{
  GSettings           *settings;   /* NULL without the schema */
  SculptorColorScheme  system;
  gboolean             initialized;
} StyleState;

static StyleState state;

gboolean
sculptor_style_is_dark (SculptorStyle       style,
                        SculptorColorScheme system)
{
  switch (style)
    {
    case SCULPTOR_STYLE_DARK:
      return TRUE;
    case SCULPTOR_STYLE_LIGHT:
      return FALSE;
    case SCULPTOR_STYLE_SYSTEM:
    default:
      return system == SCULPTOR_SCHEME_PREFER_DARK;
    }
}

static void
apply_style (void)
{
  GtkSettings *gtk_settings = gtk_settings_get_default ();
  SculptorStyle style = state.settings ? (SculptorStyle) g_settings_get_enum (state.settings, "style")
                                       : SCULPTOR_STYLE_SYSTEM;

  if (gtk_settings != NULL)
    g_object_set (gtk_settings, "gtk-application-prefer-dark-theme",
                  sculptor_style_is_dark (style, state.system), NULL);
}

/* The portal wraps the value in one variant (SettingChanged) or two
 * (Read): unwrap down to the uint32. */
static void
set_system_scheme (GVariant *value)
{
  g_autoptr(GVariant) inner = g_variant_ref (value);

  while (g_variant_is_of_type (inner, G_VARIANT_TYPE_VARIANT))
    {
      GVariant *child = g_variant_get_variant (inner);

      g_variant_unref (inner);
      inner = child;
    }

  if (!g_variant_is_of_type (inner, G_VARIANT_TYPE_UINT32))
    return;
  state.system = (SculptorColorScheme) g_variant_get_uint32 (inner);
  apply_style ();
}

static void
on_style_changed (GSettings  *settings,
                  const char *key,
                  gpointer    user_data)
{
  apply_style ();
}

static void
on_portal_read (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source),
                                                             result, &error);
  g_autoptr(GVariant) value = NULL;

  if (reply == NULL)
    {
      g_debug ("No color scheme from the settings portal: %s", error->message);
      return;
    }
  g_variant_get (reply, "(v)", &value);
  set_system_scheme (value);
}

static void
on_portal_setting_changed (GDBusConnection *connection,
                           const char      *sender_name,
                           const char      *object_path,
                           const char      *interface_name,
                           const char      *signal_name,
                           GVariant        *parameters,
                           gpointer         user_data)
{
  const char *namespace;
  const char *key;
  g_autoptr(GVariant) value = NULL;

  if (!g_variant_is_of_type (parameters, G_VARIANT_TYPE ("(ssv)")))
    return;
  g_variant_get (parameters, "(&s&sv)", &namespace, &key, &value);
  if (g_str_equal (namespace, APPEARANCE) && g_str_equal (key, "color-scheme"))
    set_system_scheme (value);
}

static void
watch_portal (GDBusConnection *connection)
{
  g_dbus_connection_signal_subscribe (connection, PORTAL_BUS_NAME, PORTAL_SETTINGS,
                                      "SettingChanged", PORTAL_PATH, APPEARANCE,
                                      G_DBUS_SIGNAL_FLAGS_NONE,
                                      on_portal_setting_changed, NULL, NULL);
  /* No auto-start: without a running portal the system has no say. */
  g_dbus_connection_call (connection, PORTAL_BUS_NAME, PORTAL_PATH, PORTAL_SETTINGS, "Read",
                          g_variant_new ("(ss)", APPEARANCE, "color-scheme"),
                          G_VARIANT_TYPE ("(v)"), G_DBUS_CALL_FLAGS_NO_AUTO_START,
                          2000, NULL, on_portal_read, NULL);
}

void
sculptor_style_init (GApplication *app,
                     GSettings    *settings)
{
  GDBusConnection *connection;

  g_return_if_fail (G_IS_APPLICATION (app));
  g_return_if_fail (settings == NULL || G_IS_SETTINGS (settings));

  /* Once per process, even if a test starts several applications. */
  if (state.initialized)
    return;
  state.initialized = TRUE;

  if (settings != NULL)
    {
      state.settings = g_object_ref (settings);
      g_signal_connect (settings, "changed::style", G_CALLBACK (on_style_changed), NULL);
    }
  apply_style ();

  connection = g_application_get_is_registered (app) ? g_application_get_dbus_connection (app)
                                                    : NULL;
  if (connection != NULL)
    watch_portal (connection);
}
