/* sculptor-network-frame.h — rendering the network view off the main thread
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-analysis.h"
#include "sc-render.h"
#include "sculptor-frame-cache.h"
#include "sc-snapshot.h"
#include "sc-task.h"

G_BEGIN_DECLS

/* The view's zoom and pan: widget = (x, y) + zoom · layout. */
typedef struct
{
  double zoom;
  double x;
  double y;
} SculptorViewTransform;

/* What a frame shows. The request owns its references, so a worker
 * thread can draw while the run goes on. */
typedef struct
{
  ScSnapshot            *snapshot;     /* required */
  ScAnalysis            *analysis;     /* its modules, or NULL */
  ScSnapshot            *previous;     /* fade pruned parts out of it, or NULL */
  ScAnalysis            *previous_analysis;
  ScTask                *task;         /* names and image size, or NULL */
  char                  *title;        /* NULL: none */
  char                  *subtitle;
  int                    width;        /* the layout canvas: the widget's size */
  int                    height;
  int                    scale;        /* device pixels per widget pixel */
  SculptorViewTransform  transform;
  gboolean               dark;
  ScOrientation          orientation;
  int                    selected_id;  /* merged module id, or -1 */
  ScModuleColors        *colors;       /* of snapshot's modules, or NULL: by id */
  ScModuleColors        *previous_colors; /* of previous's */
  ScSnapshot            *layout_from;  /* the last network with modules shown: one
                                        * without draws in its layout; or NULL */
  ScAnalysis            *layout_analysis; /* layout_from's modules */
  ScModuleColors        *layout_colors;
  SculptorFrameCache    *cache;        /* the view's layouts, or NULL */
  guint8                *greyed_units; /* what-if changes drawn greyed (per global */
  ScMask                *greyed_edges; /* unit / edge of the dense shape), or NULL */
  ScLayout              *shown_layout; /* the layout on screen before (animated
                                        * frames: units move from there), or NULL */
  gboolean               defer_close_up; /* after a fade: leave the close-up to
                                          * _sculptor_frame_close_up_async() */
  GdkTexture            *shown_content; /* the frame on screen, when it shows
                                         * previous as the fade starts from it
                                         * (_sculptor_frame_can_start_fade), or NULL */
} SculptorFrameRequest;

/* A drawn frame: its layout (for hit-testing) and textures of its parts,
 * each width × height widget pixels at scale. The content is drawn with
 * the request's transform; the overlay (title, legend) without. */
typedef struct
{
  SculptorFrameRequest  request;
  ScScene               scene;       /* borrows from request: the hover ring */
  ScLayout             *layout;
  GdkTexture           *content;     /* boxes, edges, units */
  GdkTexture           *overlay;     /* title and legend, or NULL */
  ScRect                overlay_rect;/* where the overlay goes */
  GdkTexture           *fade_from;   /* the previous network in this layout, */
  GdkTexture           *fade_to;     /* and without what was pruned; or NULL */
  GPtrArray            *close_up;    /* GdkTexture: after the fade (or on the way
                                      * from shown_layout), the layers closing
                                      * up, in order; or NULL */
  ScLayout             *close_up_from; /* a deferred close-up from this layout
                                      * (the fade's end), or NULL */
  double                render_ms;   /* time spent drawing */
  double                cpu_ms;      /* CPU time of the whole frame (the bench) */
  double                close_up_cpu_ms; /* per frame of its deferred close-up, or 0 */
} SculptorFrame;

/* Frames that take longer than this to draw do not get the fade. */
#define SCULPTOR_FRAME_FADE_BUDGET_MS 60.0

/* The close-up after the fade: at most this many frames in between, as
 * many as can be drawn in the budget; fewer than two are not drawn. */
#define SCULPTOR_FRAME_CLOSE_UP_FRAMES    4
#define SCULPTOR_FRAME_CLOSE_UP_BUDGET_MS 60.0

void           _sculptor_frame_request_clear (SculptorFrameRequest *request);

/* A texture of an ARGB32 image surface's pixels (kept, not copied), and
 * that surface back (or NULL for other textures): the view blends two
 * frames' pixels itself. */
GdkTexture      *_sculptor_frame_texture_new     (cairo_surface_t *surface);
cairo_surface_t *_sculptor_frame_texture_surface (GdkTexture      *texture);
gboolean         _sculptor_frame_can_start_fade  (const SculptorFrameRequest *shown,
                                                  const SculptorFrameRequest *next);
void             _sculptor_frame_blend_pixels    (const guint32   *from,
                                                  const guint32   *to,
                                                  guint32         *out,
                                                  gsize            n,
                                                  double           progress);

/* Draws a frame; takes over request (it is cleared). Thread-safe: touches
 * nothing but its arguments. */
SculptorFrame *_sculptor_frame_render        (SculptorFrameRequest *request);
void           _sculptor_frame_free          (SculptorFrame        *frame);

void           _sculptor_frame_render_async  (SculptorFrameRequest *request,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
SculptorFrame *_sculptor_frame_render_finish (GAsyncResult         *result,
                                              GError              **error);

/* The close-up frames a frame's request deferred (close_up_from), drawn
 * on a worker thread from references of its own while the fade plays;
 * finish returns them (GPtrArray of GdkTexture) and the CPU time it took. */
void           _sculptor_frame_close_up_async  (const SculptorFrame  *frame,
                                                GCancellable         *cancellable,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
GPtrArray     *_sculptor_frame_close_up_finish (GAsyncResult         *result,
                                                double               *cpu_ms,
                                                GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SculptorFrame, _sculptor_frame_free)

G_END_DECLS
