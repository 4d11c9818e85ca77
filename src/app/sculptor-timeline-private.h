/* sculptor-timeline-private.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-timeline.h"
#include "sculptor-timeline.h"

G_BEGIN_DECLS

struct _SculptorTimeline
{
  GtkWidget   parent_instance;

  /* Owned references */
  ScTimeline *model;
  GtkWidget  *menu;          /* the context menu popover */

  int         selected;      /* step index, -1 = the live end */
  int         hovered;       /* slot under the pointer, -1 = none */
  gboolean    log_density;
};

/* Margins around the plot, in pixels (labels live there). */
#define TIMELINE_MARGIN_TOP     22.0
#define TIMELINE_MARGIN_BOTTOM  34.0   /* step numbers, then the key */
#define TIMELINE_STEP_ROW       18.0
#define TIMELINE_MARGIN_LEFT    46.0
#define TIMELINE_MARGIN_RIGHT   46.0

/* sculptor-timeline.c */
void _sculptor_timeline_get_geometry (SculptorTimeline   *self,
                                      ScTimelineGeometry *geometry);

/* sculptor-timeline-draw.c */
void _sculptor_timeline_draw         (SculptorTimeline   *self,
                                      cairo_t            *cr,
                                      int                 width,
                                      int                 height);
/* "Unit pruning", "Pe 2.5 %", …: the longest label of a span that fits
 * max_width, or NULL. */
char *_sculptor_timeline_span_label  (SculptorTimeline     *self,
                                      const ScTimelineSpan *span,
                                      double                max_width);

G_END_DECLS
