/* sculptor-timeline.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-pipeline.h"

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
void       sculptor_timeline_set_selected (SculptorTimeline *self,
                                           int               index);
int        sculptor_timeline_get_selected (SculptorTimeline *self);

G_END_DECLS
