/* sculptor-hierarchy-view.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-analysis.h"
#include "sc-task.h"

G_BEGIN_DECLS

/* The inferred hierarchy as a collapsible tree (GtkTreeListModel +
 * GtkTreeExpander; Left/Right collapse and expand): top-level sub-functions
 * with the sub-functions they depend on as children; shared (reused)
 * modules marked. Emits "module-selected" with a module index (or -1). */
#define SCULPTOR_TYPE_HIERARCHY_VIEW (sculptor_hierarchy_view_get_type ())
G_DECLARE_FINAL_TYPE (SculptorHierarchyView, sculptor_hierarchy_view, SCULPTOR, HIERARCHY_VIEW, GtkWidget)

GtkWidget *sculptor_hierarchy_view_new                 (void);
/* owner may be NULL (no modules yet); the view keeps a reference to it. */
void       sculptor_hierarchy_view_set_modules         (SculptorHierarchyView *self,
                                                        ScTask                *task,
                                                        ScAnalysis            *owner);
void       sculptor_hierarchy_view_set_selected_module (SculptorHierarchyView *self,
                                                        int                    module);
int        sculptor_hierarchy_view_get_selected_module (SculptorHierarchyView *self);
/* TRUE while a new, longer tree is still being shown a few rows per frame */
gboolean   sculptor_hierarchy_view_has_pending_rows    (SculptorHierarchyView *self);

/* A small rounded square in the colour of a module (sc_render_module_color,
 * the palette of the network figure, light or dark to suit the theme). Used
 * by the tree rows and the inspector. */
#define SCULPTOR_TYPE_MODULE_SWATCH (sculptor_module_swatch_get_type ())
G_DECLARE_FINAL_TYPE (SculptorModuleSwatch, sculptor_module_swatch, SCULPTOR, MODULE_SWATCH, GtkWidget)

GtkWidget *sculptor_module_swatch_new                  (guint                  module_id);
guint      sculptor_module_swatch_get_module_id        (SculptorModuleSwatch  *self);
void       sculptor_module_swatch_set_module_id        (SculptorModuleSwatch  *self,
                                                        guint                  module_id);

/* Object data (ScModuleColors) of an ancestor, e.g. the window: the
 * colours of the modules shown, matched along the run. */
#define SCULPTOR_MODULE_COLORS_KEY "sculptor-module-colors"

/* The colour of module id (merged id) as drawn for widget's theme. */
void       sculptor_module_get_rgba                    (GtkWidget             *widget,
                                                        guint                  module_id,
                                                        GdkRGBA               *rgba);

G_END_DECLS
