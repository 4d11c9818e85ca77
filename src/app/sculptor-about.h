/* sculptor-about.h — the About dialog
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Version, license, credits and the citation of the paper the app
 * reimplements. parent may be NULL. */
GtkWidget *sculptor_about_dialog_new (GtkWindow *parent);

G_END_DECLS
