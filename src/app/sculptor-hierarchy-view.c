/* sculptor-hierarchy-view.c — PLACEHOLDER, replaced by the full widget
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include "sculptor-hierarchy-view.h"

struct _SculptorHierarchyView
{
  GtkWidget parent_instance;
  int selected;
};

G_DEFINE_FINAL_TYPE (SculptorHierarchyView, sculptor_hierarchy_view, GTK_TYPE_WIDGET)

GtkWidget *
sculptor_hierarchy_view_new (void)
{
  return g_object_new (SCULPTOR_TYPE_HIERARCHY_VIEW, NULL);
}

void
sculptor_hierarchy_view_set_modules (SculptorHierarchyView *self, ScTask *task, ScSnapshot *owner) {}
void
sculptor_hierarchy_view_set_selected_module (SculptorHierarchyView *self, int module) { self->selected = module; }
int
sculptor_hierarchy_view_get_selected_module (SculptorHierarchyView *self) { return self->selected; }

static void
sculptor_hierarchy_view_dispose (GObject *object)
{
  SculptorHierarchyView *self = (SculptorHierarchyView *) object;

  (void) self;
  
  G_OBJECT_CLASS (sculptor_hierarchy_view_parent_class)->dispose (object);
}

static void
sculptor_hierarchy_view_class_init (SculptorHierarchyViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sculptor_hierarchy_view_dispose;
  g_signal_new ("module-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
sculptor_hierarchy_view_init (SculptorHierarchyView *self)
{
  self->selected = -1;
}
