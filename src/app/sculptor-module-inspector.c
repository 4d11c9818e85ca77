/* sculptor-module-inspector.c — PLACEHOLDER, replaced by the full widget
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include "sculptor-module-inspector.h"

struct _SculptorModuleInspector
{
  GtkWidget parent_instance;
};

G_DEFINE_FINAL_TYPE (SculptorModuleInspector, sculptor_module_inspector, GTK_TYPE_WIDGET)

GtkWidget *
sculptor_module_inspector_new (void)
{
  return g_object_new (SCULPTOR_TYPE_MODULE_INSPECTOR, NULL);
}

void
sculptor_module_inspector_set_module (SculptorModuleInspector *self, ScTask *task, ScSnapshot *snapshot,
                                      const ScScore *score, int module) {}

static void
sculptor_module_inspector_dispose (GObject *object)
{
  SculptorModuleInspector *self = (SculptorModuleInspector *) object;

  (void) self;
  
  G_OBJECT_CLASS (sculptor_module_inspector_parent_class)->dispose (object);
}

static void
sculptor_module_inspector_class_init (SculptorModuleInspectorClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sculptor_module_inspector_dispose;
}

static void
sculptor_module_inspector_init (SculptorModuleInspector *self)
{
  
}
