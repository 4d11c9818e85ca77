/* sculptor-style.h — light, dark or the system's style
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sculptor-preferences.h"

G_BEGIN_DECLS

/* The org.freedesktop.appearance color-scheme values of the settings
 * portal. */
typedef enum
{
  SCULPTOR_SCHEME_DEFAULT = 0,
  SCULPTOR_SCHEME_PREFER_DARK = 1,
  SCULPTOR_SCHEME_PREFER_LIGHT = 2,
} SculptorColorScheme;

/* Whether the dark style applies for the preference and the system's
 * scheme. */
gboolean sculptor_style_is_dark (SculptorStyle       style,
                                 SculptorColorScheme system);

/* Applies the "style" key (settings may be NULL: follow the system) to
 * GtkSettings:gtk-application-prefer-dark-theme and keeps it applied when
 * the key or the system's scheme changes. GTK 4.8 has no color-scheme
 * support of its own, so "system" asks the settings portal over the
 * application's session bus connection; without one it means light. */
void     sculptor_style_init    (GApplication        *app,
                                 GSettings           *settings);

G_END_DECLS
