/* sculptor-preferences-window.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The settings users change between runs: style, OpenBLAS threads, where
 * the MNIST digits are, and a default architecture per task family. Every
 * change is stored at once in settings (NULL: shown but locked). */
#define SCULPTOR_TYPE_PREFERENCES_WINDOW (sculptor_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (SculptorPreferencesWindow, sculptor_preferences_window, SCULPTOR, PREFERENCES_WINDOW, GtkWindow)

GtkWidget *sculptor_preferences_window_new        (GtkWindow                 *parent,
                                                   GSettings                 *settings);
/* The entry of a family's hidden layers (for tests), or NULL. */
GtkEditable *sculptor_preferences_window_get_family_entry (SculptorPreferencesWindow *self,
                                                           const char                *family);

G_END_DECLS
