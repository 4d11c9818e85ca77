/* sculptor-timeline.c — PLACEHOLDER, replaced by the full widget
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include "sculptor-timeline.h"

struct _SculptorTimeline
{
  GtkWidget parent_instance;
  int selected;
};

G_DEFINE_FINAL_TYPE (SculptorTimeline, sculptor_timeline, GTK_TYPE_WIDGET)

GtkWidget *
sculptor_timeline_new (void)
{
  return g_object_new (SCULPTOR_TYPE_TIMELINE, NULL);
}

void
sculptor_timeline_clear (SculptorTimeline *self) {}
void
sculptor_timeline_append (SculptorTimeline *self, const ScStep *step) {}
void
sculptor_timeline_set_stage (SculptorTimeline *self, ScStage stage) {}
void
sculptor_timeline_set_selected (SculptorTimeline *self, int index) { self->selected = index; }
int
sculptor_timeline_get_selected (SculptorTimeline *self) { return self->selected; }

static void
sculptor_timeline_dispose (GObject *object)
{
  SculptorTimeline *self = (SculptorTimeline *) object;

  (void) self;
  
  G_OBJECT_CLASS (sculptor_timeline_parent_class)->dispose (object);
}

static void
sculptor_timeline_class_init (SculptorTimelineClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sculptor_timeline_dispose;
  g_signal_new ("step-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
sculptor_timeline_init (SculptorTimeline *self)
{
  self->selected = -1;
}
