/* sculptor-preferences-window.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sc-mnist.h"
#include "sculptor-preferences.h"
#include "sculptor-preferences-window.h"

struct _SculptorPreferencesWindow
{
  GtkWindow      parent_instance;

  /* Template widgets */
  GtkWidget     *unavailable_label;
  GtkDropDown   *style_dropdown;
  GtkAdjustment *threads_adjustment;
  GtkSwitch     *reproducible_switch;
  GtkLabel      *mnist_path_label;
  GtkWidget     *mnist_reset_button;
  GtkListBox    *family_list;

  /* Owned references */
  GSettings     *settings;         /* NULL: locked */
  GHashTable    *family_entries;   /* family → GtkEditable (borrowed) */
};

G_DEFINE_FINAL_TYPE (SculptorPreferencesWindow, sculptor_preferences_window, GTK_TYPE_WINDOW)

static const char * const style_nicks[] = { "system", "light", "dark" };

/* -- style ------------------------------------------------------------ */

static gboolean
style_get_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (style_nicks); i++)
    if (g_str_equal (nick, style_nicks[i]))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
style_set_mapping (const GValue       *value,
                   const GVariantType *expected_type,
                   gpointer            user_data)
{
  guint selected = g_value_get_uint (value);

  if (selected >= G_N_ELEMENTS (style_nicks))
    return NULL;
  return g_variant_new_string (style_nicks[selected]);
}

/* -- MNIST location ----------------------------------------------------- */

static void
update_mnist_location (SculptorPreferencesWindow *self)
{
  g_autofree char *chosen = g_settings_get_string (self->settings, "mnist-directory");
  g_autofree char *dir = chosen[0] ? g_strdup (chosen) : sc_mnist_default_dir ();
  g_autofree char *display = g_filename_display_name (dir);
  g_autofree char *text = NULL;

  text = chosen[0] ? g_strdup (display) : g_strdup_printf (_("%s (default)"), display);
  gtk_label_set_text (self->mnist_path_label, text);
  gtk_widget_set_sensitive (self->mnist_reset_button, chosen[0] != '\0');
}

static void
on_mnist_directory_changed (SculptorPreferencesWindow *self)
{
  update_mnist_location (self);
}

static void
on_mnist_reset_clicked (SculptorPreferencesWindow *self)
{
  g_settings_reset (self->settings, "mnist-directory");
}

static void
on_mnist_chooser_response (GtkNativeDialog           *dialog,
                           int                        response,
                           SculptorPreferencesWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) folder = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));
      g_autofree char *path = folder ? g_file_get_path (folder) : NULL;

      if (path != NULL)
        g_settings_set_string (self->settings, "mnist-directory", path);
    }
  gtk_native_dialog_destroy (dialog);
  g_object_unref (dialog);
  g_object_unref (self);
}

static void
on_mnist_choose_clicked (SculptorPreferencesWindow *self)
{
  GtkFileChooserNative *dialog;
  g_autofree char *current = sc_mnist_default_dir ();
  g_autoptr(GFile) folder = g_file_new_for_path (current);

  dialog = gtk_file_chooser_native_new (_("Choose the MNIST Digit Folder"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER,
                                        _("_Select"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (dialog), TRUE);
  if (g_file_query_exists (folder, NULL))
    gtk_file_chooser_set_file (GTK_FILE_CHOOSER (dialog), folder, NULL);
  g_signal_connect (dialog, "response", G_CALLBACK (on_mnist_chooser_response),
                    g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (dialog));
}

/* -- default architectures -------------------------------------------- */

static void
store_family_arch (SculptorPreferencesWindow *self,
                   const char                *family,
                   const char                *hidden)
{
  g_autoptr(GVariant) old = g_settings_get_value (self->settings, "default-architectures");
  GVariantBuilder builder;
  GVariantIter iter;
  const char *key;
  const char *value;

  /* a{ss}: GVariantDict would make it a{sv}. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  g_variant_iter_init (&iter, old);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    if (!g_str_equal (key, family))
      g_variant_builder_add (&builder, "{ss}", key, value);
  if (hidden[0] != '\0')
    g_variant_builder_add (&builder, "{ss}", family, hidden);
  g_settings_set_value (self->settings, "default-architectures", g_variant_builder_end (&builder));
}

static void
on_family_entry_changed (GtkEditable               *editable,
                         SculptorPreferencesWindow *self)
{
  const char *family = g_object_get_data (G_OBJECT (editable), "family");
  GtkLabel *message = g_object_get_data (G_OBJECT (editable), "message");
  g_autofree char *hidden = g_strstrip (g_strdup (gtk_editable_get_text (editable)));
  g_autofree char *arch = NULL;
  g_autoptr(GError) error = NULL;

  /* Only the structure is checked here; each task adds its own input and
   * output widths. */
  if (hidden[0] != '\0')
    arch = sculptor_preferences_compose_arch (hidden, 1, 1, &error);

  gtk_label_set_text (message, error ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (message), error != NULL);
  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
  if (self->settings)
    store_family_arch (self, family, hidden);
}

static GtkWidget *
make_family_row (SculptorPreferencesWindow *self,
                 const SculptorFamily      *family,
                 GVariant                  *archs)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (_(family->label));
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *message = gtk_label_new (NULL);
  const char *hidden = NULL;

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Paper’s default"));
  gtk_editable_set_width_chars (GTK_EDITABLE (entry), 14);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  if (archs && g_variant_lookup (archs, family->family, "&s", &hidden))
    gtk_editable_set_text (GTK_EDITABLE (entry), hidden);

  gtk_label_set_xalign (GTK_LABEL (message), 0);
  gtk_label_set_wrap (GTK_LABEL (message), TRUE);
  gtk_widget_add_css_class (message, "error");
  gtk_widget_add_css_class (message, "caption");
  gtk_widget_set_visible (message, FALSE);

  g_object_set_data_full (G_OBJECT (entry), "family", g_strdup (family->family), g_free);
  g_object_set_data (G_OBJECT (entry), "message", message);
  g_signal_connect (entry, "changed", G_CALLBACK (on_family_entry_changed), self);
  g_hash_table_insert (self->family_entries, g_strdup (family->family), entry);

  gtk_box_append (GTK_BOX (line), label);
  gtk_box_append (GTK_BOX (line), entry);
  gtk_box_append (GTK_BOX (box), line);
  gtk_box_append (GTK_BOX (box), message);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  return row;
}

static void
build_family_rows (SculptorPreferencesWindow *self)
{
  const SculptorFamily *family = sculptor_preferences_families ();
  g_autoptr(GVariant) archs = NULL;

  if (self->settings)
    archs = g_settings_get_value (self->settings, "default-architectures");
  for (; family->family != NULL; family++)
    gtk_list_box_append (self->family_list, make_family_row (self, family, archs));
}

/* -- setup ---------------------------------------------------------------- */

static void
bind_settings (SculptorPreferencesWindow *self)
{
  g_settings_bind_with_mapping (self->settings, "style", self->style_dropdown, "selected",
                                G_SETTINGS_BIND_DEFAULT, style_get_mapping, style_set_mapping,
                                NULL, NULL);
  g_settings_bind (self->settings, "blas-threads", self->threads_adjustment, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "reproducible-products", self->reproducible_switch, "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::mnist-directory",
                           G_CALLBACK (on_mnist_directory_changed), self, G_CONNECT_SWAPPED);
  update_mnist_location (self);
}

GtkWidget *
sculptor_preferences_window_new (GtkWindow *parent,
                                 GSettings *settings)
{
  SculptorPreferencesWindow *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (SCULPTOR_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       NULL);
  if (settings != NULL)
    {
      self->settings = g_object_ref (settings);
      bind_settings (self);
    }
  else
    {
      gtk_widget_set_visible (self->unavailable_label, TRUE);
      gtk_label_set_text (self->mnist_path_label, "");
    }
  build_family_rows (self);

  /* Locked without settings, but the window still says why. */
  for (GtkWidget *child = gtk_widget_get_next_sibling (self->unavailable_label);
       child != NULL && settings == NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_sensitive (child, FALSE);

  return GTK_WIDGET (self);
}

GtkEditable *
sculptor_preferences_window_get_family_entry (SculptorPreferencesWindow *self,
                                              const char                *family)
{
  g_return_val_if_fail (SCULPTOR_IS_PREFERENCES_WINDOW (self), NULL);
  g_return_val_if_fail (family != NULL, NULL);

  return g_hash_table_lookup (self->family_entries, family);
}

static void
sculptor_preferences_window_dispose (GObject *object)
{
  SculptorPreferencesWindow *self = SCULPTOR_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), SCULPTOR_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->family_entries, g_hash_table_unref);

  G_OBJECT_CLASS (sculptor_preferences_window_parent_class)->dispose (object);
}

static void
sculptor_preferences_window_class_init (SculptorPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sculptor_preferences_window_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/sculptor/Sculptor/ui/sculptor-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, SculptorPreferencesWindow, unavailable_label);
  gtk_widget_class_bind_template_child (widget_class, SculptorPreferencesWindow, style_dropdown);
  gtk_widget_class_bind_template_child (widget_class, SculptorPreferencesWindow, threads_adjustment);
  gtk_widget_class_bind_template_child (widget_class, SculptorPreferencesWindow, reproducible_switch);
  gtk_widget_class_bind_template_child (widget_class, SculptorPreferencesWindow, mnist_path_label);
  gtk_widget_class_bind_template_child (widget_class, SculptorPreferencesWindow, mnist_reset_button);
  gtk_widget_class_bind_template_child (widget_class, SculptorPreferencesWindow, family_list);
  gtk_widget_class_bind_template_callback (widget_class, on_mnist_reset_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_mnist_choose_clicked);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
sculptor_preferences_window_init (SculptorPreferencesWindow *self)
{
  self->family_entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}
