/* sculptor-application.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define SCULPTOR_TYPE_APPLICATION (sculptor_application_get_type ())
G_DECLARE_FINAL_TYPE (SculptorApplication, sculptor_application, SCULPTOR, APPLICATION, GtkApplication)

SculptorApplication *sculptor_application_new (void);

G_END_DECLS
