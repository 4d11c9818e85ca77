/* sculptor-window-state.c — the window's state across runs of the app
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include "sculptor-preferences.h"
#include "sculptor-window-private.h"
#include "sculptor-window-state.h"

/* The name a task is found again by: its file, else its bundled or MNIST
 * name. */
static const char *
task_key (const ScTask *task)
{
  return task->path ? task->path : task->name;
}

/* A new task starts from its defaults with the family's architecture. */
static void
on_task_changed (SculptorWindow *self)
{
  ScTask *task = sculptor_settings_panel_get_task (self->settings_panel);
  ScHyper hyper;

  if (task == NULL)
    return;
  sculptor_preferences_task_hyper (task, &hyper);
  sculptor_settings_panel_set_hyper (self->settings_panel, &hyper);
  sc_hyper_clear (&hyper);
}

static void
restore_geometry (SculptorWindow *self,
                  GSettings      *settings)
{
  int width = g_settings_get_int (settings, "window-width");
  int height = g_settings_get_int (settings, "window-height");

  if (width > 0 && height > 0)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  if (g_settings_get_boolean (settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));

  gtk_drop_down_set_selected (self->speed_dropdown,
                              (guint) g_settings_get_enum (settings, "speed"));
  sculptor_settings_panel_set_live_detection (self->settings_panel,
                                              g_settings_get_boolean (settings, "live-detection"));
}

/* Applies the stored texts on top of the task's starting values; a value
 * that no longer parses keeps the default. */
static void
restore_hyper (SculptorWindow *self,
               ScTask         *task,
               GVariant       *texts)
{
  GVariantIter iter;
  const char *key;
  const char *value;
  ScHyper hyper;

  sculptor_preferences_task_hyper (task, &hyper);
  g_variant_iter_init (&iter, texts);
  while (g_variant_iter_next (&iter, "{&s&s}", &key, &value))
    {
      g_autoptr(GError) error = NULL;

      if (sc_hyper_is_key (key) && !sc_hyper_set (&hyper, key, value, &error))
        g_debug ("Stored %s ignored: %s", key, error->message);
    }
  sculptor_settings_panel_set_hyper (self->settings_panel, &hyper);
  sc_hyper_clear (&hyper);
}

static void
restore_task (SculptorWindow *self,
              GSettings      *settings)
{
  g_autofree char *name = g_settings_get_string (settings, "last-task");
  g_autoptr(GVariant) texts = g_settings_get_value (settings, "last-settings");
  ScTask *current = sculptor_settings_panel_get_task (self->settings_panel);
  g_autoptr(ScTask) task = NULL;
  g_autoptr(GError) error = NULL;

  if (name[0] != '\0' && (current == NULL || g_strcmp0 (task_key (current), name) != 0))
    {
      task = sc_task_lookup (name, &error);
      if (task == NULL)
        {
          /* A moved file or missing digits: start as new. */
          g_debug ("Last task %s not restored: %s", name, error->message);
          on_task_changed (self);
          return;
        }
      sculptor_settings_panel_set_task (self->settings_panel, task);
    }
  else if (current != NULL)
    task = sc_task_ref (current);

  if (task != NULL)
    restore_hyper (self, task, texts);
}

void
_sculptor_window_state_restore (SculptorWindow *self)
{
  GSettings *settings = sculptor_preferences_get_settings ();

  g_return_if_fail (SCULPTOR_IS_WINDOW (self));

  if (settings == NULL)
    return;

  g_object_set_data (G_OBJECT (self), "sculptor-window-state", GINT_TO_POINTER (TRUE));
  g_signal_connect_object (self->settings_panel, "task-changed",
                           G_CALLBACK (on_task_changed), self, G_CONNECT_SWAPPED);
  restore_geometry (self, settings);
  restore_task (self, settings);
}

/* The fields' texts that differ from the task's starting values. */
static GVariant *
changed_texts (SculptorWindow *self,
               ScTask         *task)
{
  const char * const *keys = sc_hyper_keys ();
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;
  ScHyper start;
  ScHyper hyper;

  sculptor_preferences_task_hyper (task, &start);
  sc_hyper_copy (&hyper, &start);
  /* A field being edited may not parse; the others are still kept. */
  sculptor_settings_panel_get_hyper (self->settings_panel, &hyper, &error);

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{ss}"));
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autofree char *value = sc_hyper_get (&hyper, keys[i]);
      g_autofree char *initial = sc_hyper_get (&start, keys[i]);

      if (g_strcmp0 (value, initial) != 0)
        g_variant_builder_add (&builder, "{ss}", keys[i], value);
    }
  sc_hyper_clear (&start);
  sc_hyper_clear (&hyper);

  return g_variant_builder_end (&builder);
}

void
_sculptor_window_state_save (SculptorWindow *self)
{
  GSettings *settings = sculptor_preferences_get_settings ();
  ScTask *task;
  guint speed;
  int width;
  int height;

  g_return_if_fail (SCULPTOR_IS_WINDOW (self));

  /* Windows that were not restored (made by tests, say) leave no trace. */
  if (settings == NULL || !g_object_get_data (G_OBJECT (self), "sculptor-window-state"))
    return;

  task = sculptor_settings_panel_get_task (self->settings_panel);
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  /* Written at once, not delayed: the settings object is shared with the
   * preferences window, which relies on immediate writes. */
  if (width > 0 && height > 0)
    {
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
    }
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  speed = gtk_drop_down_get_selected (self->speed_dropdown);
  if (speed != GTK_INVALID_LIST_POSITION)
    g_settings_set_enum (settings, "speed", (int) speed);
  g_settings_set_boolean (settings, "live-detection",
                          sculptor_settings_panel_get_live_detection (self->settings_panel));
  if (task != NULL)
    {
      g_settings_set_string (settings, "last-task", task_key (task));
      g_settings_set_value (settings, "last-settings", changed_texts (self, task));
    }
}
