/* sculptor-timeline.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-pipeline.h"
#include "sc-timeline.h"

G_BEGIN_DECLS

/* The pruning timeline: accuracy and density per step, accepted steps as
 * filled markers, rejected ones hollow, stages labelled. Clicking a step
 * selects it ("step-selected"); -1 follows the live end. */
#define SCULPTOR_TYPE_TIMELINE (sculptor_timeline_get_type ())
G_DECLARE_FINAL_TYPE (SculptorTimeline, sculptor_timeline, SCULPTOR, TIMELINE, GtkWidget)

GtkWidget *sculptor_timeline_new          (void);
void       sculptor_timeline_clear        (SculptorTimeline *self);
void       sculptor_timeline_append       (SculptorTimeline *self,
                                           const ScStep     *step);
void       sculptor_timeline_set_stage    (SculptorTimeline *self,
                                           ScStage           stage);
/* Does not emit "step-selected" (the caller knows). */
void       sculptor_timeline_set_selected (SculptorTimeline *self,
                                           int               index);
int        sculptor_timeline_get_selected (SculptorTimeline *self);

/* Density on a logarithmic axis (the "log-density" property, also in the
 * context menu and on the L key). */
void       sculptor_timeline_set_log_density (SculptorTimeline *self,
                                              gboolean          log_density);
gboolean   sculptor_timeline_get_log_density (SculptorTimeline *self);

/* The data shown, borrowed. */
const ScTimeline *sculptor_timeline_get_model (SculptorTimeline *self);

/* Where the accuracy marker of step index is drawn, in widget coordinates
 * (for tests and tools).
 * @return FALSE when there is no such step */
gboolean   sculptor_timeline_get_step_position (SculptorTimeline *self,
                                                guint             index,
                                                double           *x,
                                                double           *y);
/* What a primary click at (x, y) does: selects the step there (or the
 * live end) and emits "step-selected"; nothing outside the plot.
 * @return TRUE if the click selected something */
gboolean   sculptor_timeline_activate_at  (SculptorTimeline *self,
                                           double            x,
                                           double            y);

G_END_DECLS
