/* sculptor-module-inspector.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-analysis.h"
#include "sc-lesion.h"
#include "sc-task.h"

G_BEGIN_DECLS

/* Details of one module: member units per layer, the input set (input
 * names as chips, and for small input sets the truth table of the module's
 * outputs restricted to them; for image tasks a heat map over the image),
 * outputs, the modules it feeds and is fed by, and the ground-truth node it
 * matches. Emits "module-activated" (int module index) when one of the
 * modules it feeds or is fed by is clicked, and "knock-out" (boolean) when
 * its Knock Out button is toggled; the window answers with
 * sculptor_module_inspector_set_lesion(). */
#define SCULPTOR_TYPE_MODULE_INSPECTOR (sculptor_module_inspector_get_type ())
G_DECLARE_FINAL_TYPE (SculptorModuleInspector, sculptor_module_inspector, SCULPTOR, MODULE_INSPECTOR, GtkWidget)

GtkWidget *sculptor_module_inspector_new        (void);
/* module is an index into analysis->modules->modules, or -1 (nothing). */
void       sculptor_module_inspector_set_module (SculptorModuleInspector *self,
                                                 ScTask                  *task,
                                                 ScAnalysis              *analysis,
                                                 int                      module);
/* The module shown, or -1 */
int        sculptor_module_inspector_get_module (SculptorModuleInspector *self);
/* The what-if state: whether the module shown is knocked out, and the
 * evaluations (base NULL: no what-if; eval NULL: being computed). */
void       sculptor_module_inspector_set_lesion (SculptorModuleInspector *self,
                                                 gboolean                 knocked_out,
                                                 ScTask                  *task,
                                                 const ScLesionEval      *base,
                                                 const ScLesionEval      *eval);

G_END_DECLS
