/* sculptor-settings-panel.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-hyper.h"
#include "sc-task.h"

G_BEGIN_DECLS

/* The task and settings panel: bundled task chooser grouped by family,
 * Open file, and every hyper-parameter of the method with the task's
 * defaults; invalid values are refused with an inline message. */
#define SCULPTOR_TYPE_SETTINGS_PANEL (sculptor_settings_panel_get_type ())
G_DECLARE_FINAL_TYPE (SculptorSettingsPanel, sculptor_settings_panel, SCULPTOR, SETTINGS_PANEL, GtkWidget)

GtkWidget *sculptor_settings_panel_new       (void);
/* Shows task and fills every field with its defaults. */
void       sculptor_settings_panel_set_task  (SculptorSettingsPanel *self,
                                              ScTask                *task);
ScTask    *sculptor_settings_panel_get_task  (SculptorSettingsPanel *self);
/* Fills hyper (initialised by the caller) from the fields. On a bad value
 * marks the field, shows its message and returns FALSE. */
gboolean   sculptor_settings_panel_get_hyper (SculptorSettingsPanel *self,
                                              ScHyper               *hyper,
                                              GError               **error);
/* Sets fields from hyper (e.g. a reopened run). */
void       sculptor_settings_panel_set_hyper (SculptorSettingsPanel *self,
                                              const ScHyper         *hyper);
gboolean   sculptor_settings_panel_get_live_detection (SculptorSettingsPanel *self);
void       sculptor_settings_panel_set_live_detection (SculptorSettingsPanel *self,
                                                       gboolean               live);
/* Locks the fields while a run is in progress. */
void       sculptor_settings_panel_set_locked (SculptorSettingsPanel *self,
                                              gboolean               locked);

G_END_DECLS
