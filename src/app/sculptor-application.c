/* sculptor-application.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sculptor-about.h"
#include "sculptor-application.h"
#include "sculptor-preferences.h"
#include "sculptor-preferences-window.h"
#include "sculptor-resources.h"
#include "sculptor-window.h"
#include "sculptor-window-state.h"

struct _SculptorApplication
{
  GtkApplication parent_instance;
};

G_DEFINE_FINAL_TYPE (SculptorApplication, sculptor_application, GTK_TYPE_APPLICATION)

SculptorApplication *
sculptor_application_new (void)
{
  return g_object_new (SCULPTOR_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE,
                       "resource-base-path", "/io/github/sculptor/Sculptor",
                       NULL);
}

static GtkWindow *
get_or_create_window (SculptorApplication *self)
{
  GtkWindow *window = NULL;

  /* the most recently focused main window (a sweep browser is not one) */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l && !window; l = l->next)
    if (SCULPTOR_IS_WINDOW (l->data))
      window = l->data;
  if (window == NULL)
    {
      window = GTK_WINDOW (sculptor_window_new (self));
      /* Only the app's own windows keep state across runs. */
      _sculptor_window_state_restore (SCULPTOR_WINDOW (window));
    }

  return window;
}

static void
sculptor_application_activate (GApplication *app)
{
  gtk_window_present (get_or_create_window (SCULPTOR_APPLICATION (app)));
}

static void
sculptor_application_open (GApplication  *app,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  GtkWindow *window = get_or_create_window (SCULPTOR_APPLICATION (app));

  /* One window per run; the last file given wins. */
  if (n_files > 0)
    sculptor_window_open_file (SCULPTOR_WINDOW (window), files[n_files - 1]);
  gtk_window_present (window);
}

static int
sculptor_application_handle_local_options (GApplication *app,
                                           GVariantDict *options)
{
  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("sculptor %s\n", PACKAGE_VERSION);
      return 0;
    }

  return -1;
}

static void
sculptor_application_startup (GApplication *app)
{
  g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

  G_APPLICATION_CLASS (sculptor_application_parent_class)->startup (app);

  /* Plain GtkApplication (unlike AdwApplication) does not load style.css
   * from the resource base path by itself. */
  gtk_css_provider_load_from_resource (css, "/io/github/sculptor/Sculptor/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (css),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);

  /* OpenBLAS threads (one by default: the worker computes, the other core
   * keeps the interface fluid, toolchain.md), MNIST location and style. */
  sculptor_preferences_startup (GTK_APPLICATION (app));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *dialog = sculptor_about_dialog_new (gtk_application_get_active_window (app));

  gtk_window_present (GTK_WINDOW (dialog));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  GtkWidget *window = sculptor_preferences_window_new (gtk_application_get_active_window (app),
                                                       sculptor_preferences_get_settings ());

  gtk_window_set_application (GTK_WINDOW (window), app);
  gtk_window_present (GTK_WINDOW (window));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  GtkApplication *app = GTK_APPLICATION (user_data);
  /* A copy: closing a window (and the dialogs destroyed with it) changes
   * the application's list. */
  GList *windows = g_list_copy (gtk_application_get_windows (app));

  for (GList *l = windows; l; l = l->next)
    g_object_ref (l->data);
  /* Closing each window cancels its run cleanly. */
  for (GList *l = windows; l; l = l->next)
    gtk_window_close (l->data);
  g_list_free_full (windows, g_object_unref);
}

static const GActionEntry app_actions[] = {
  { "about", about_action },
  { "preferences", preferences_action },
  { "quit", quit_action },
};

static void
sculptor_application_class_init (SculptorApplicationClass *klass)
{
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  app_class->activate = sculptor_application_activate;
  app_class->open = sculptor_application_open;
  app_class->startup = sculptor_application_startup;
  app_class->handle_local_options = sculptor_application_handle_local_options;

  /* The resources live in a static library: referencing them here links
   * them in (their constructor registers them). */
  g_assert (sculptor_get_resource () != NULL);
}

static void
sculptor_application_init (SculptorApplication *self)
{
  static const char *quit_accels[] = { "<Control>q", NULL };
  static const char *preferences_accels[] = { "<Control>comma", NULL };

  g_application_add_main_option (G_APPLICATION (self), "version", 0, 0,
                                 G_OPTION_ARG_NONE, _("Print the version and exit"), NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions,
                                   G_N_ELEMENTS (app_actions), self);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences",
                                         preferences_accels);
}
