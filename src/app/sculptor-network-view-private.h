/* sculptor-network-view-private.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-lesion.h"
#include "sculptor-network-frame.h"
#include "sculptor-network-view.h"

G_BEGIN_DECLS

typedef enum
{
  ANIMATION_NONE,
  ANIMATION_FADE,     /* fade_from → fade_to, then (through close_up) → content */
  ANIMATION_BLEND,    /* the previous frame's content → content */
} AnimationKind;

struct _SculptorNetworkView
{
  GtkWidget              parent_instance;

  /* Owned references */
  ScSnapshot            *snapshot;
  ScAnalysis            *analysis;     /* snapshot's modules, or NULL */
  ScModuleColors        *colors;       /* of snapshot's modules, or NULL */
  ScSnapshot            *layout_from;  /* the last snapshot with modules, or NULL */
  ScAnalysis            *layout_analysis; /* its modules */
  ScModuleColors        *layout_colors;
  ScTask                *task;
  ScLesion              *lesion;       /* what-if changes to grey, or NULL */
  GtkWidget             *whatif_menu;  /* the context menu, or NULL */
  char                  *title;
  char                  *subtitle;
  char                  *placeholder_title;     /* NULL: the default */
  char                  *placeholder_subtitle;
  SculptorFrame         *frame;        /* on screen */
  GdkTexture            *old_content;  /* ANIMATION_BLEND source */
  cairo_surface_t       *blends[2];    /* a fade's mixed frames, reused */
  GCancellable          *cancellable;
  SculptorFrameCache    *cache;        /* layouts, shared with the frames */

  /* Borrowed references */
  GtkGesture            *drag;         /* owned by the widget */
  GtkGesture            *pinch;        /* owned by the widget */

  SculptorViewTransform  view;
  SculptorViewTransform  old_transform;
  int                    selected;     /* module index, or -1 */
  ScOrientation          orientation;
  int                    hovered;      /* global unit index, or -1 */

  /* Drawing on the worker */
  guint                  frame_serial;     /* of the frame on screen */
  guint                  rendering : 1;
  guint                  dirty : 1;        /* a newer frame is wanted */
  guint                  animate_next : 1;

  /* Animation */
  AnimationKind          animation;
  gint64                 animation_start;  /* frame clock µs; 0 = not started */
  guint                  tick_id;
  guint                  next_blend;       /* into blends */

  /* Gestures */
  SculptorViewTransform  drag_start;
  gboolean               dragged;          /* moved past DRAG_THRESHOLD */
  double                 pinch_zoom;
  double                 pointer_x;
  double                 pointer_y;
  gboolean               debug_frames;
};

/* Durations, ms. */
#define FADE_MS    300.0
#define SETTLE_MS  150.0   /* or the close-up */
#define BLEND_MS   200.0

#define DRAG_THRESHOLD 4.0   /* px: less is a click */

#define ZOOM_STEP  1.25
#define ZOOM_MIN   0.5
#define ZOOM_MAX   32.0

/* sculptor-network-view.c */
void _sculptor_network_view_request_frame (SculptorNetworkView *self,
                                           gboolean             animate);
void _sculptor_network_view_set_view      (SculptorNetworkView         *self,
                                           const SculptorViewTransform *view);
void _sculptor_network_view_set_hovered   (SculptorNetworkView *self,
                                           int                  unit);

/* sculptor-network-view-input.c */
void _sculptor_network_view_add_controllers (SculptorNetworkView *self);
void _sculptor_network_view_class_add_bindings (GtkWidgetClass  *widget_class);
gboolean _sculptor_network_view_query_tooltip (GtkWidget  *widget,
                                               int         x,
                                               int         y,
                                               gboolean    keyboard,
                                               GtkTooltip *tooltip);

/* sculptor-network-view-whatif.c */
void _sculptor_network_view_add_whatif_menu (SculptorNetworkView *self);
void _sculptor_network_view_class_add_whatif_bindings (GtkWidgetClass *widget_class);

/* sculptor-network-view-draw.c */
void _sculptor_network_view_draw          (SculptorNetworkView *self,
                                           GtkSnapshot         *snapshot);
/* Starts the animation a new frame asks for, stops it when done. */
void _sculptor_network_view_start_animation (SculptorNetworkView *self,
                                             AnimationKind        kind);
void _sculptor_network_view_stop_animation  (SculptorNetworkView *self);
void _sculptor_network_view_drop_blends     (SculptorNetworkView *self);
/* TRUE while a fade runs and its close-up has not started */
gboolean _sculptor_network_view_in_fade     (SculptorNetworkView *self);
/* A frame's texture in bounds, moved by x, y and zoomed by zoom (widget =
 * (x, y) + zoom · bounds): with the cairo renderer, painted from its Cairo
 * surface (what a texture node would draw, without GTK 4.8's per-pixel
 * conversion), as far as the widget reaches; else a texture node. */
void _sculptor_network_view_append_frame    (SculptorNetworkView   *self,
                                             GtkSnapshot           *snapshot,
                                             GdkTexture            *texture,
                                             double                 x,
                                             double                 y,
                                             double                 zoom,
                                             const graphene_rect_t *bounds);

G_END_DECLS
