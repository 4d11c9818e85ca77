/* test-gnome-gui.c — the app in German, its shortcuts, preferences and
 * window state, under Xvfb
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Run by meson with LANGUAGE=de, LANG=C.UTF-8, the catalogs built in
 * <build>/po (SCULPTOR_LOCALEDIR) and GSETTINGS_BACKEND=memory. */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "sculptor-about.h"
#include "sculptor-application.h"
#include "sculptor-preferences.h"
#include "sculptor-preferences-window.h"
#include "sculptor-window-private.h"
#include "sculptor-window-state.h"

#include "gui-test-util.h"

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

static gboolean
prefers_dark (void)
{
  gboolean dark = FALSE;

  g_object_get (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", &dark, NULL);
  return dark;
}

/* -- the application, in German ----------------------------------------- */

static SculptorPreferencesWindow *
find_preferences (GtkApplication *app)
{
  for (GList *l = gtk_application_get_windows (app); l; l = l->next)
    if (SCULPTOR_IS_PREFERENCES_WINDOW (l->data))
      return l->data;
  return NULL;
}

static void
check_icons (void)
{
  static const char * const names[] = { "io.github.sculptor.Sculptor",
                                        "io.github.sculptor.Sculptor-symbolic" };
  GtkIconTheme *theme = gtk_icon_theme_get_for_display (gdk_display_get_default ());

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(GtkIconPaintable) icon = NULL;
      g_autoptr(GFile) file = NULL;
      g_autoptr(GdkPixbuf) pixbuf = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *path = NULL;
      g_autofree char *uri = NULL;

      g_assert_true (gtk_icon_theme_has_icon (theme, names[i]));
      icon = gtk_icon_theme_lookup_icon (theme, names[i], NULL, 128, 1, GTK_TEXT_DIR_NONE, 0);
      file = gtk_icon_paintable_get_file (icon);
      g_assert_nonnull (file);
      path = g_file_get_path (file);
      uri = g_file_get_uri (file);
      if (path != NULL)
        pixbuf = gdk_pixbuf_new_from_file_at_scale (path, 128, 128, TRUE, &error);
      else if (g_str_has_prefix (uri, "resource://"))
        pixbuf = gdk_pixbuf_new_from_resource_at_scale (uri + strlen ("resource://"),
                                                        128, 128, TRUE, &error);
      else
        g_error ("icon %s at %s", names[i], uri);
      g_assert_no_error (error);
      g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 128);
    }
}

static void
check_about (GtkWindow *parent)
{
  GtkWidget *about = sculptor_about_dialog_new (parent);
  const char *comments = gtk_about_dialog_get_comments (GTK_ABOUT_DIALOG (about));

  g_assert_nonnull (strstr (comments, "Eine Neuimplementierung der Methode aus:"));
  g_assert_nonnull (strstr (comments, "Neural Sculpting"));
  g_assert_nonnull (strstr (comments, "NeurIPS 2023"));
  g_assert_nonnull (strstr (comments, "arXiv:2305.18402"));
  g_assert_cmpstr (gtk_about_dialog_get_version (GTK_ABOUT_DIALOG (about)), ==, PACKAGE_VERSION);
  g_assert_cmpint (gtk_about_dialog_get_license_type (GTK_ABOUT_DIALOG (about)), ==,
                   GTK_LICENSE_GPL_3_0);
  gtk_window_destroy (GTK_WINDOW (about));
}

static gboolean
has_label (GtkWidget  *widget,
           const char *text)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    if (has_label (child, text))
      return TRUE;
  return FALSE;
}

/* The bundled tasks' texts come from data files and are translated too:
 * the window's subtitle, the settings panel and the task chooser. */
static void
check_german_tasks (SculptorWindow *window)
{
  GtkWidget *panel = GTK_WIDGET (window->settings_panel);

  g_assert_cmpstr (gtk_label_get_text (window->subtitle_label), ==, "Eingabe-separierbar [4,2,4]");
  /* the title and description of the task, its row in the chooser, the
   * family's heading over the rows */
  g_assert_true (has_label (panel, "Eingabe-separierbar"));
  g_assert_true (has_label (panel, "Zwei eingabe-separierbare Teilfunktionen: s1 liefert XOR und "
                                   "XNOR von x0, x1, s2 dasselbe von x2, x3. Erwartete Module: "
                                   "{x0, x1, …, y0, y1} und {x2, x3, …, y2, y3}, nebeneinander."));
  g_assert_true (has_label (panel, "Wiederverwendete Teilfunktion, K = 8 (4-fach genutzt)"));
  g_assert_true (has_label (panel, "Hierarchisches XOR zweier Ziffern"));
  g_assert_true (has_label (panel, "Überlappende Eingaben"));
  g_assert_false (has_label (panel, "Input separable"));
  g_assert_false (has_label (panel, "Reuse"));
}

static void
check_german_app (GtkApplication *app)
{
  SculptorWindow *window = SCULPTOR_WINDOW (gtk_application_get_active_window (app));
  GSettings *settings = sculptor_preferences_get_settings ();
  SculptorPreferencesWindow *preferences;

  g_assert_nonnull (window);
  gui_drain ();

  /* Labels from the .ui (the Run button) and from C (the status). */
  g_assert_cmpstr (gtk_label_get_text (window->run_label), ==, "Ausführen");
  g_assert_cmpstr (gtk_label_get_text (window->status_stage), ==, "Bereit");
  g_assert_cmpstr (gtk_widget_get_tooltip_text (window->run_button), ==, "Ausführen (Leertaste)");
  check_german_tasks (window);

  /* The icon is found through the app's resources even when not
   * installed, and loads (gdk-pixbuf sniffs SVGs). */
  check_icons ();
  check_about (GTK_WINDOW (window));

  /* app.preferences opens the translated Preferences window. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  GUI_WAIT_UNTIL ((preferences = find_preferences (app)) != NULL);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (preferences)), ==, "Einstellungen");

  /* The style preference reaches GTK at once. */
  g_settings_set_string (settings, "style", "dark");
  GUI_WAIT_UNTIL (prefers_dark ());
  g_settings_set_string (settings, "style", "light");
  GUI_WAIT_UNTIL (!prefers_dark ());

  /* Quitting closes every window, which stores the window's state. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "quit", NULL);
}

static void
on_activate_after (GtkApplication *app,
                   gboolean       *checked)
{
  check_german_app (app);
  *checked = TRUE;
}

static void
test_app_in_german (void)
{
  GSettings *settings = settings_reset ();
  g_autoptr(SculptorApplication) app = sculptor_application_new ();
  g_autofree char *last_task = NULL;
  char *argv[] = { (char *) "sculptor", NULL };
  gboolean checked = FALSE;
  int status;

  g_assert_cmpstr (_("Run"), ==, "Ausführen");

  g_signal_connect_after (app, "activate", G_CALLBACK (on_activate_after), &checked);
  status = g_application_run (G_APPLICATION (app), 1, argv);

  g_assert_cmpint (status, ==, 0);
  g_assert_true (checked);
  last_task = g_settings_get_string (settings, "last-task");
  g_assert_cmpstr (last_task, ==, "exemplar/input-separable");
}

/* -- shortcuts documented ------------------------------------------------- */

typedef struct
{
  guint           keyval;
  GdkModifierType mods;
} Key;

static void
collect_documented (GtkWidget *widget,
                    GArray    *keys)
{
  if (GTK_IS_SHORTCUTS_SHORTCUT (widget))
    {
      g_autofree char *accelerator = NULL;
      g_auto(GStrv) parts = NULL;

      g_object_get (widget, "accelerator", &accelerator, NULL);
      parts = g_strsplit (accelerator ? accelerator : "", " ", -1);
      for (guint i = 0; parts[i] != NULL; i++)
        {
          Key key = { 0 };

          if (parts[i][0] == '\0')
            continue;
          g_assert_true (gtk_accelerator_parse (parts[i], &key.keyval, &key.mods));
          g_array_append_val (keys, key);
        }
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    collect_documented (child, keys);
}

static gboolean
is_documented (GArray          *keys,
               guint            keyval,
               GdkModifierType  mods)
{
  for (guint i = 0; i < keys->len; i++)
    {
      Key *key = &g_array_index (keys, Key, i);

      if (key->keyval == gdk_keyval_to_lower (keyval) && key->mods == mods)
        return TRUE;
    }
  return FALSE;
}

/* The window's own bindings: "win.ACTION(ARGS)" → documented? */
static void
collect_bindings (GtkWidget  *window,
                  GHashTable *actions,
                  GArray     *documented)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (window);

  for (guint c = 0; c < g_list_model_get_n_items (controllers); c++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, c);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint s = 0; s < g_list_model_get_n_items (G_LIST_MODEL (controller)); s++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), s);
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);
          GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);
          GVariant *args = gtk_shortcut_get_arguments (shortcut);
          g_autofree char *printed = args ? g_variant_print (args, FALSE) : g_strdup ("");
          g_autofree char *name = NULL;
          gboolean known;

          if (!GTK_IS_NAMED_ACTION (action) || !GTK_IS_KEYVAL_TRIGGER (trigger) ||
              !g_str_has_prefix (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win."))
            continue;
          name = g_strdup_printf ("%s(%s)", gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)),
                                  printed);
          known = is_documented (documented,
                                 gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)),
                                 gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)));
          known |= GPOINTER_TO_INT (g_hash_table_lookup (actions, name));
          g_hash_table_insert (actions, g_steal_pointer (&name), GINT_TO_POINTER (known));
        }
    }
}

static void
test_shortcuts_documented (void)
{
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource ("/io/github/sculptor/Sculptor/gtk/help-overlay.ui");
  GtkWidget *overlay = GTK_WIDGET (gtk_builder_get_object (builder, "help_overlay"));
  g_autoptr(GArray) documented = g_array_new (FALSE, TRUE, sizeof (Key));
  g_autoptr(GHashTable) actions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(SculptorApplication) app = sculptor_application_new ();
  static const char * const app_actions[] = { "app.quit", "app.preferences" };
  GtkWidget *window;
  GHashTableIter iter;
  gpointer name, known;

  g_assert_nonnull (overlay);
  collect_documented (overlay, documented);
  g_assert_cmpuint (documented->len, >=, 15);

  window = GTK_WIDGET (g_object_new (SCULPTOR_TYPE_WINDOW, NULL));
  collect_bindings (window, actions, documented);
  /* run, step, stop, open, save, 2 exports, 3 zooms, follow-live */
  g_assert_cmpuint (g_hash_table_size (actions), >=, 11);

  g_hash_table_iter_init (&iter, actions);
  while (g_hash_table_iter_next (&iter, &name, &known))
    if (!GPOINTER_TO_INT (known))
      g_error ("%s has a key binding the shortcuts window does not show", (char *) name);

  for (guint i = 0; i < G_N_ELEMENTS (app_actions); i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (GTK_APPLICATION (app),
                                                                    app_actions[i]);
      Key key = { 0 };

      g_assert_nonnull (accels[0]);
      g_assert_true (gtk_accelerator_parse (accels[0], &key.keyval, &key.mods));
      if (!is_documented (documented, key.keyval, key.mods))
        g_error ("%s (%s) is not in the shortcuts window", app_actions[i], accels[0]);
    }

  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_destroy (GTK_WINDOW (overlay));
}

/* -- preferences window -------------------------------------------------- */

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found)
        return found;
    }
  return NULL;
}

static void
test_preferences_window (void)
{
  GSettings *settings = settings_reset ();
  GtkWidget *window = sculptor_preferences_window_new (NULL, settings);
  GtkEditable *exemplars;
  GtkEditable *mnist;
  GtkDropDown *style;
  GtkSpinButton *threads;
  int position;
  g_autoptr(GVariant) archs = NULL;
  g_autofree char *value = NULL;

  gtk_window_present (GTK_WINDOW (window));
  gui_drain ();

  exemplars = sculptor_preferences_window_get_family_entry (SCULPTOR_PREFERENCES_WINDOW (window),
                                                            "Exemplars");
  mnist = sculptor_preferences_window_get_family_entry (SCULPTOR_PREFERENCES_WINDOW (window),
                                                        "MNIST");
  g_assert_nonnull (exemplars);
  g_assert_nonnull (mnist);

  /* A valid value is stored at once. */
  gtk_editable_set_text (exemplars, "12,12");
  archs = g_settings_get_value (settings, "default-architectures");
  g_assert_true (g_variant_lookup (archs, "Exemplars", "s", &value));
  g_assert_cmpstr (value, ==, "12,12");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (exemplars), "error"));
  g_clear_pointer (&archs, g_variant_unref);
  g_clear_pointer (&value, g_free);

  /* Typed on into something invalid: marked and not stored; the last
   * valid value stays. */
  position = -1;
  gtk_editable_insert_text (exemplars, ",x", -1, &position);
  g_assert_cmpstr (gtk_editable_get_text (exemplars), ==, "12,12,x");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (exemplars), "error"));
  archs = g_settings_get_value (settings, "default-architectures");
  g_assert_true (g_variant_lookup (archs, "Exemplars", "s", &value));
  g_assert_cmpstr (value, ==, "12,12");
  g_clear_pointer (&archs, g_variant_unref);

  /* Emptied: back to the paper's default. */
  gtk_editable_set_text (exemplars, "");
  gtk_editable_set_text (mnist, "64");
  archs = g_settings_get_value (settings, "default-architectures");
  g_assert_false (g_variant_lookup (archs, "Exemplars", "s", NULL));
  g_assert_true (g_variant_lookup (archs, "MNIST", "s", NULL));

  /* Style and threads are bound both ways. */
  style = GTK_DROP_DOWN (find_descendant (window, GTK_TYPE_DROP_DOWN));
  threads = GTK_SPIN_BUTTON (find_descendant (window, GTK_TYPE_SPIN_BUTTON));
  g_assert_cmpuint (gtk_drop_down_get_selected (style), ==, 0);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (threads), ==, 1);
  g_settings_set_uint (settings, "blas-threads", 2);
  g_settings_set_string (settings, "style", "dark");
  GUI_WAIT_UNTIL (gtk_drop_down_get_selected (style) == 2);
  GUI_WAIT_UNTIL (gtk_spin_button_get_value_as_int (threads) == 2);
  gtk_drop_down_set_selected (style, 1);
  gtk_spin_button_set_value (threads, 3);
  g_assert_cmpint (g_settings_get_enum (settings, "style"), ==, SCULPTOR_STYLE_LIGHT);
  g_assert_cmpuint (g_settings_get_uint (settings, "blas-threads"), ==, 3);

  gtk_window_destroy (GTK_WINDOW (window));
  settings_reset ();
}

/* -- window state ---------------------------------------------------------- */

static void
test_window_state (void)
{
  GSettings *settings = settings_reset ();
  SculptorWindow *window;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) stored = NULL;
  ScHyper hyper;
  g_autofree char *arch = NULL;
  g_autofree char *lr = NULL;
  g_autofree char *epochs = NULL;
  g_autofree char *expected_arch = NULL;
  g_autofree char *default_epochs = NULL;
  g_autofree char *last_task = NULL;
  ScTask *task;
  const char *value;

  g_settings_set_string (settings, "last-task", "exemplar/reused");
  g_settings_set_value (settings, "last-settings",
                        g_variant_new_parsed ("{'lr': '0.01', 'epochs': 'nonsense'}"));
  g_settings_set_value (settings, "default-architectures",
                        g_variant_new_parsed ("{'Exemplars': '10,10'}"));
  g_settings_set_string (settings, "speed", "slow");
  g_settings_set_boolean (settings, "live-detection", FALSE);
  g_settings_set_int (settings, "window-width", 1000);
  g_settings_set_int (settings, "window-height", 700);

  /* A window made outside the application keeps no state... */
  window = g_object_new (SCULPTOR_TYPE_WINDOW, NULL);
  g_assert_cmpstr (sculptor_settings_panel_get_task (window->settings_panel)->name, ==,
                   "exemplar/input-separable");
  gtk_window_close (GTK_WINDOW (window));
  gui_drain ();
  last_task = g_settings_get_string (settings, "last-task");
  g_assert_cmpstr (last_task, ==, "exemplar/reused");

  /* ...the application restores its windows as below. */
  window = g_object_new (SCULPTOR_TYPE_WINDOW, NULL);
  _sculptor_window_state_restore (window);
  gtk_window_present (GTK_WINDOW (window));
  gui_drain ();

  /* Restored: task, its settings over the family's architecture, speed,
   * live detection and size; a stored value that no longer parses keeps
   * the task's default. */
  task = sculptor_settings_panel_get_task (window->settings_panel);
  g_assert_cmpstr (task->name, ==, "exemplar/reused");
  sc_hyper_init_defaults (&hyper);
  g_assert_true (sculptor_settings_panel_get_hyper (window->settings_panel, &hyper, &error));
  g_assert_no_error (error);
  arch = sc_hyper_get (&hyper, "arch");
  lr = sc_hyper_get (&hyper, "lr");
  epochs = sc_hyper_get (&hyper, "epochs");
  expected_arch = g_strdup_printf ("%u,10,10,%u", task->n_in, task->n_out);
  default_epochs = sc_hyper_get (&task->defaults, "epochs");
  g_assert_cmpstr (arch, ==, expected_arch);
  g_assert_cmpstr (lr, ==, "0.01");
  g_assert_cmpstr (epochs, ==, default_epochs);
  sc_hyper_clear (&hyper);
  g_assert_cmpuint (gtk_drop_down_get_selected (window->speed_dropdown), ==, 4);
  g_assert_false (sculptor_settings_panel_get_live_detection (window->settings_panel));
  {
    int width, height;

    gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);
    g_assert_cmpint (width, ==, 1000);
    g_assert_cmpint (height, ==, 700);
  }

  /* Changed, then closed: stored; only what differs from the task's
   * starting values. */
  gtk_drop_down_set_selected (window->speed_dropdown, 1);
  sculptor_settings_panel_set_live_detection (window->settings_panel, TRUE);
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  gtk_window_close (GTK_WINDOW (window));
  GUI_WAIT_UNTIL (window == NULL);

  g_assert_cmpint (g_settings_get_enum (settings, "speed"), ==, 1);
  g_assert_true (g_settings_get_boolean (settings, "live-detection"));
  stored = g_settings_get_value (settings, "last-settings");
  g_assert_true (g_variant_lookup (stored, "lr", "&s", &value));
  g_assert_cmpstr (value, ==, "0.01");
  g_assert_false (g_variant_lookup (stored, "epochs", "&s", NULL));
  g_assert_false (g_variant_lookup (stored, "arch", "&s", NULL));

  settings_reset ();
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("SCULPTOR_LOCALEDIR");

  /* As main.c does, with the catalogs of the build directory. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir && localedir[0] ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_test_init (&argc, &argv, NULL);
  gtk_init ();

  g_test_add_func ("/gnome/gui/app-in-german", test_app_in_german);
  g_test_add_func ("/gnome/gui/shortcuts-documented", test_shortcuts_documented);
  g_test_add_func ("/gnome/gui/preferences-window", test_preferences_window);
  g_test_add_func ("/gnome/gui/window-state", test_window_state);

  return g_test_run ();
}
