/* sculptor-network-frame.c — rendering the network view off the main thread
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>
#ifdef __linux__
#include <sys/resource.h>
#endif

#include "sc-figure.h"
#include "sculptor-network-frame.h"

/* Frames are drawn on a worker thread into textures, so that the main
 * loop never waits for one; the view shows the last finished frame, moved
 * by any zoom or pan since, until the next one is ready. Edges are drawn
 * at a level of detail (ScRenderOptions.level_of_detail): a frame of any
 * network, MNIST's included, takes milliseconds. */

#define CONTENT_PARTS (SC_RENDER_BOXES | SC_RENDER_EDGES | SC_RENDER_UNITS)
#define OVERLAY_PARTS (SC_RENDER_TITLE | SC_RENDER_LEGEND)

void
_sculptor_frame_request_clear (SculptorFrameRequest *request)
{
  g_assert (request != NULL);

  g_clear_pointer (&request->snapshot, sc_snapshot_unref);
  g_clear_pointer (&request->analysis, sc_analysis_unref);
  g_clear_pointer (&request->previous, sc_snapshot_unref);
  g_clear_pointer (&request->previous_analysis, sc_analysis_unref);
  g_clear_pointer (&request->task, sc_task_unref);
  g_clear_pointer (&request->colors, sc_module_colors_free);
  g_clear_pointer (&request->previous_colors, sc_module_colors_free);
  g_clear_pointer (&request->layout_from, sc_snapshot_unref);
  g_clear_pointer (&request->layout_analysis, sc_analysis_unref);
  g_clear_pointer (&request->layout_colors, sc_module_colors_free);
  g_clear_pointer (&request->cache, _sculptor_frame_cache_unref);
  g_clear_pointer (&request->greyed_units, g_free);
  g_clear_pointer (&request->greyed_edges, sc_mask_free);
  g_clear_pointer (&request->shown_layout, sc_layout_free);
  g_clear_object (&request->shown_content);
  g_clear_pointer (&request->title, g_free);
  g_clear_pointer (&request->subtitle, g_free);
}

void
_sculptor_frame_free (SculptorFrame *frame)
{
  if (frame == NULL)
    return;

  _sculptor_frame_request_clear (&frame->request);
  g_clear_pointer (&frame->layout, sc_layout_free);
  g_clear_object (&frame->content);
  g_clear_object (&frame->overlay);
  g_clear_object (&frame->fade_from);
  g_clear_object (&frame->fade_to);
  g_clear_pointer (&frame->close_up, g_ptr_array_unref);
  g_clear_pointer (&frame->close_up_from, sc_layout_free);
  g_free (frame);
}

/* A copy of src with references of its own: a worker can draw from it
 * while the view drops the frame it came from. */
static void
request_copy (SculptorFrameRequest       *dst,
              const SculptorFrameRequest *src)
{
  *dst = *src;
  dst->snapshot = sc_snapshot_ref (src->snapshot);
  dst->analysis = src->analysis ? sc_analysis_ref (src->analysis) : NULL;
  dst->previous = src->previous ? sc_snapshot_ref (src->previous) : NULL;
  dst->previous_analysis = src->previous_analysis ? sc_analysis_ref (src->previous_analysis) : NULL;
  dst->task = src->task ? sc_task_ref (src->task) : NULL;
  dst->title = g_strdup (src->title);
  dst->subtitle = g_strdup (src->subtitle);
  dst->colors = sc_module_colors_copy (src->colors);
  dst->previous_colors = sc_module_colors_copy (src->previous_colors);
  dst->layout_from = src->layout_from ? sc_snapshot_ref (src->layout_from) : NULL;
  dst->layout_analysis = src->layout_analysis ? sc_analysis_ref (src->layout_analysis) : NULL;
  dst->layout_colors = sc_module_colors_copy (src->layout_colors);
  dst->cache = src->cache ? _sculptor_frame_cache_ref (src->cache) : NULL;
  dst->greyed_units = src->greyed_units
                      ? g_memdup2 (src->greyed_units, MAX (sc_snapshot_n_units (src->snapshot), 1))
                      : NULL;
  dst->greyed_edges = src->greyed_edges ? sc_mask_copy (src->greyed_edges) : NULL;
  dst->shown_layout = src->shown_layout ? sc_layout_copy (src->shown_layout) : NULL;
  dst->shown_content = src->shown_content ? g_object_ref (src->shown_content) : NULL;
}

/* ---- drawing --------------------------------------------------------- */

static void
scene_init (ScScene                    *scene,
            const SculptorFrameRequest *request)
{
  sc_figure_scene_init (scene, request->snapshot, request->analysis, request->task);
  scene->title = request->title;
  scene->subtitle = request->subtitle;
  scene->options.dark = request->dark;
  scene->options.orientation = request->orientation;
  scene->options.paint_background = FALSE;   /* the widget's own background */
  /* Every edge, bundled where they outnumber the pixels: drawn in a few
   * milliseconds (exports draw every edge exactly, with Cairo). */
  scene->options.level_of_detail = TRUE;
  scene->selected_module = request->selected_id;
  scene->module_colors = request->colors;
  scene->greyed_units = request->greyed_units;
  scene->greyed_edges = request->greyed_edges;
}

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void
free_surface (gpointer data)
{
  cairo_surface_destroy (data);
}

GdkTexture *
_sculptor_frame_texture_new (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface), height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  g_autoptr(GBytes) bytes = NULL;
  GdkTexture *texture;

  /* GDK_MEMORY_DEFAULT is Cairo's ARGB32 layout: no copy. */
  cairo_surface_flush (surface);
  bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface),
                                      (gsize) stride * height, free_surface,
                                      cairo_surface_reference (surface));
  texture = gdk_memory_texture_new (width, height, GDK_MEMORY_DEFAULT, bytes, stride);
  /* the view blends frames' pixels itself (_sculptor_frame_texture_surface) */
  g_object_set_data_full (G_OBJECT (texture), "sculptor-surface", cairo_surface_reference (surface),
                          free_surface);
  return texture;
}

cairo_surface_t *
_sculptor_frame_texture_surface (GdkTexture *texture)
{
  return texture ? g_object_get_data (G_OBJECT (texture), "sculptor-surface") : NULL;
}

/* (1 − progress) · from + progress · to for each premultiplied 8-bit
 * channel of n pixels, the weight in 256ths (0: from, 1: to, exactly): two
 * channels at a time in one 32-bit integer, each product below 2¹⁶. A
 * tenth of what Cairo's paint_with_alpha takes for the same mix (pixman's
 * general path). A channel stays within its pixel's alpha: both are the
 * same weighted sum, rounded down. */
void
_sculptor_frame_blend_pixels (const guint32 *from,
                              const guint32 *to,
                              guint32       *out,
                              gsize          n,
                              double         progress)
{
  const guint32 w = (guint32) lround (CLAMP (progress, 0.0, 1.0) * 256.0);
  const guint32 v = 256 - w;

  for (gsize i = 0; i < n; i++)
    {
      guint32 rb = (((from[i] & 0x00ff00ff) * v + (to[i] & 0x00ff00ff) * w) >> 8) & 0x00ff00ff;
      guint32 ag = ((from[i] >> 8 & 0x00ff00ff) * v + (to[i] >> 8 & 0x00ff00ff) * w) & 0xff00ff00;

      out[i] = rb | ag;
    }
}

static GdkTexture *
render_texture (const SculptorFrameRequest  *request,
                const ScScene               *scene,
                const ScLayout              *layout,
                ScRenderParts                parts,
                const SculptorViewTransform *transform)
{
  int width = request->width * request->scale, height = request->height * request->scale;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cairo_t *cr = cairo_create (surface);
  GdkTexture *texture;

  cairo_scale (cr, request->scale, request->scale);
  if (transform != NULL)
    {
      cairo_translate (cr, transform->x, transform->y);
      cairo_scale (cr, transform->zoom, transform->zoom);
    }
  sc_render_network_parts (cr, scene, layout, parts);
  cairo_destroy (cr);

  texture = _sculptor_frame_texture_new (surface);
  cairo_surface_destroy (surface);
  return texture;
}

/* The title and the legend, in a texture only as large as they are: every
 * frame of the view paints it, and a software renderer pays per pixel. */
static void
render_overlay (SculptorFrame *frame)
{
  const SculptorFrameRequest *request = &frame->request;
  const ScLayout *layout = frame->layout;
  const ScRect *parts[2] = { &layout->title_rect, &layout->legend_rect };
  double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
  const double margin = 8.0;   /* text reaching past its row, swatches */
  cairo_surface_t *surface;
  cairo_t *cr;
  int width, height;

  for (guint p = 0; p < G_N_ELEMENTS (parts); p++)
    if (parts[p]->width > 0.0 && parts[p]->height > 0.0)
      {
        x0 = MIN (x0, parts[p]->x);
        y0 = MIN (y0, parts[p]->y);
        x1 = MAX (x1, parts[p]->x + parts[p]->width);
        y1 = MAX (y1, parts[p]->y + parts[p]->height);
      }
  if (x1 <= x0 || y1 <= y0)
    return;   /* neither title nor legend */

  x0 = MAX (floor (x0 - margin), 0.0);
  y0 = MAX (floor (y0 - margin), 0.0);
  x1 = MIN (ceil (x1 + margin), request->width);
  y1 = MIN (ceil (y1 + margin), request->height);
  frame->overlay_rect = (ScRect) { x0, y0, x1 - x0, y1 - y0 };
  width = (int) (x1 - x0) * request->scale;
  height = (int) (y1 - y0) * request->scale;
  if (width <= 0 || height <= 0)
    return;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  cr = cairo_create (surface);
  cairo_scale (cr, request->scale, request->scale);
  cairo_translate (cr, -x0, -y0);
  sc_render_network_parts (cr, &frame->scene, layout, OVERLAY_PARTS);
  cairo_destroy (cr);
  frame->overlay = _sculptor_frame_texture_new (surface);
  cairo_surface_destroy (surface);
}

/* The layout of a scene of this request, from the view's cache when it
 * has one like it. */
static ScLayout *
layout_of (const SculptorFrameRequest *request,
           const ScScene              *scene,
           const ScSnapshot           *weights_owner,
           const ScAnalysis           *analysis)
{
  return _sculptor_frame_cache_layout (request->cache, scene, (ScSnapshot *) weights_owner,
                                       (ScAnalysis *) analysis, request->task,
                                       request->width, request->height);
}

/* The pruning of this step fading out: the scene with the previous mask at
 * progress 0 and nearly 1, both in the layout of the fade (which keeps the
 * pruned units' slots). The view blends the two, then settles into the
 * final layout. */
static ScLayout *
render_fade (SculptorFrame *frame)
{
  const SculptorFrameRequest *request = &frame->request;
  ScScene scene = frame->scene;
  g_autoptr(ScLayout) from_layout = NULL;
  ScLayout *to_layout;

  scene.previous_mask = request->previous->mask;
  scene.progress = 0.0;
  from_layout = layout_of (request, &scene, request->snapshot, request->analysis);
  frame->fade_from = render_texture (request, &scene, from_layout, CONTENT_PARTS,
                                     &request->transform);

  scene.progress = 0.999;
  to_layout = layout_of (request, &scene, request->snapshot, request->analysis);
  frame->fade_to = render_texture (request, &scene, to_layout, CONTENT_PARTS,
                                   &request->transform);
  return to_layout;
}

/* Units alive in the network now: detection's kept units, else those with
 * an edge in and out (unit pruning clears a unit's rows and columns). */
static float *
surviving_units (const ScSnapshot *now,
                 const ScAnalysis *analysis)
{
  guint n = sc_snapshot_n_units (now), offset = 0;
  float *alpha = g_new0 (float, n);

  if (analysis != NULL)
    {
      const ScDetection *detection = analysis->detection;

      for (guint p = 0; p < detection->n_kept; p++)
        if (detection->kept_units[p] < n)
          alpha[detection->kept_units[p]] = 1.0f;
      return alpha;
    }

  for (guint l = 0; l < now->n_layers; l++)
    {
      for (guint i = 0; i < now->arch[l]; i++)
        {
          gboolean in = l == 0, out = l + 1 == now->n_layers;

          for (guint j = 0; !out && j < now->arch[l + 1]; j++)
            out = sc_mask_get (now->mask, l, i, j);
          for (guint h = 0; !in && h < now->arch[l - 1]; h++)
            in = sc_mask_get (now->mask, l - 1, h, i);
          alpha[offset + i] = in && out ? 1.0f : 0.0f;
        }
      offset += now->arch[l];
    }
  return alpha;
}

/* The detected network whose module layout a network without modules of
 * its own (a rejected trial, a network being retrained) is drawn in, or
 * NULL. */
static const ScSnapshot *
layout_source (const SculptorFrameRequest *request)
{
  const ScSnapshot *now = request->snapshot, *from = request->layout_from;

  if (request->analysis != NULL || from == NULL || request->layout_analysis == NULL ||
      from->n_layers != now->n_layers ||
      memcmp (from->arch, now->arch, sizeof (guint) * now->n_layers) != 0)
    return NULL;
  return from;
}

/* Whether the content of the frame shown (drawn from request shown) is,
 * pixel for pixel, what next's fade starts from: the network before drawn
 * in the layout the fade uses — its own modules' (shown with them), or,
 * for a network without modules (a retraining's snapshot), the same
 * detected network's that shown was drawn in. The same size, zoom, theme,
 * selection and module colours, a title in both or neither (the layout
 * leaves room for it), no what-if greyed in either. A test compares the
 * two. */
gboolean
_sculptor_frame_can_start_fade (const SculptorFrameRequest *shown,
                                const SculptorFrameRequest *next)
{
  gboolean same_view = shown->width == next->width && shown->height == next->height &&
                       shown->scale == next->scale && shown->dark == next->dark &&
                       shown->orientation == next->orientation &&
                       shown->selected_id == next->selected_id &&
                       memcmp (&shown->transform, &next->transform, sizeof shown->transform) == 0 &&
                       (shown->title == NULL) == (next->title == NULL) &&
                       (shown->subtitle == NULL) == (next->subtitle == NULL) &&
                       shown->greyed_units == NULL && shown->greyed_edges == NULL &&
                       next->greyed_units == NULL && next->greyed_edges == NULL;

  if (!same_view || next->previous != shown->snapshot || next->previous_analysis != shown->analysis)
    return FALSE;
  if (shown->analysis != NULL)   /* in its own layout */
    return sc_module_colors_equal (shown->colors, next->previous_colors);
  /* both drawn in the same detected network's layout */
  return layout_source (shown) != NULL && layout_source (shown) == layout_source (next) &&
         shown->layout_analysis == next->layout_analysis &&
         sc_module_colors_equal (shown->layout_colors, next->layout_colors);
}

/* net drawn in the layout of base's modules (base_scene, layout): units
 * net no longer has are left out, what previous_mask had fades with
 * progress. */
static GdkTexture *
render_in_place (const SculptorFrameRequest *request,
                 const ScScene              *base_scene,
                 const ScLayout             *base_layout,
                 const ScAnalysis           *base_analysis,
                 const ScSnapshot           *net,
                 const ScAnalysis           *net_analysis,
                 const ScMask               *previous_mask,
                 double                      progress,
                 ScLayout                  **layout_out)
{
  ScScene scene = *base_scene;
  g_autofree float *alpha = surviving_units (net, net_analysis);
  g_autoptr(ScLayout) layout = NULL;
  GdkTexture *texture;

  for (guint u = 0; u < base_layout->n_units; u++)
    alpha[u] *= base_layout->units[u].alpha;
  scene.mask = net->mask;
  scene.weights = net->w;
  scene.previous_mask = previous_mask;
  scene.progress = progress;
  scene.unit_alpha = alpha;
  /* the same places (they follow the base's modules); alphas from the
   * units net still has */
  layout = layout_of (request, &scene, net, base_analysis);
  texture = render_texture (request, &scene, layout, CONTENT_PARTS, &request->transform);
  if (layout_out)
    *layout_out = g_steal_pointer (&layout);
  return texture;
}

static void
base_scene_init (ScScene                    *scene,
                 const SculptorFrameRequest *request,
                 const ScSnapshot           *base,
                 const ScAnalysis           *base_analysis,
                 ScModuleColors             *colors)
{
  SculptorFrameRequest base_request = *request;

  base_request.snapshot = (ScSnapshot *) base;
  base_request.analysis = (ScAnalysis *) base_analysis;
  base_request.colors = colors;
  scene_init (scene, &base_request);   /* the request's titles: the same bands */
}

/* A network without modules of its own shown in the modules' layout: it
 * is what the view shows, and what hit-testing uses. */
static void
render_content_in_place (SculptorFrame *frame)
{
  const SculptorFrameRequest *request = &frame->request;
  const ScSnapshot *base = layout_source (request);
  ScScene scene;

  g_autoptr(ScLayout) base_layout = NULL;

  base_scene_init (&scene, request, base, request->layout_analysis, request->layout_colors);
  base_layout = layout_of (request, &scene, base, request->layout_analysis);
  g_clear_pointer (&frame->layout, sc_layout_free);
  g_clear_object (&frame->content);
  frame->content = render_in_place (request, &scene, base_layout, request->layout_analysis,
                                    request->snapshot, request->analysis, NULL, 1.0, &frame->layout);
  /* the overlay's legend lists the base's modules: in their colours */
  frame->scene.module_colors = request->layout_colors;
}

/* A network laid out by its modules keeps its units where they were: the
 * fade is drawn in the modules' layout of the network before (or of the
 * one it was drawn in), with what this step pruned fading out; the view
 * then settles into the new layout, where the layer closes up. */
static ScLayout *
render_fade_in_place (SculptorFrame    *frame,
                      const ScSnapshot *base,
                      const ScAnalysis *base_analysis,
                      ScModuleColors   *base_colors)
{
  const SculptorFrameRequest *request = &frame->request;
  const ScSnapshot *before = request->previous;
  g_autoptr(ScLayout) layout = NULL;
  ScLayout *end = NULL;
  ScScene scene;

  base_scene_init (&scene, request, base, base_analysis, base_colors);
  layout = layout_of (request, &scene, base, base_analysis);
  /* the network before in the base's layout: what the view shows, when it
   * shows it as this request would draw it (a third of a step's drawing) */
  if (request->shown_content != NULL)
    frame->fade_from = g_object_ref (request->shown_content);
  else
    frame->fade_from = render_in_place (request, &scene, layout, base_analysis, before,
                                        request->previous_analysis, NULL, 1.0, NULL);
  frame->fade_to = render_in_place (request, &scene, layout, base_analysis, request->snapshot,
                                    request->analysis, before->mask, 0.999, &end);
  return end;
}

/* After the fade the layers close up: the units still there move from
 * where the fade left them (fade_end, or where the view had them) to
 * their places in the frame's layout, in a few frames drawn here; the
 * view plays them. Not for a network drawn in another's layout (it does
 * not close up), nor for an image, nor when nothing moves or the frames
 * would take too long. */
static guint
close_up_frames (const SculptorFrame *frame,
                 const ScLayout      *fade_end)
{
  const ScLayout *layout = frame->layout;
  double moved = 0.0;
  guint n;

  if (layout->has_image || fade_end->n_units != layout->n_units)
    return 0;
  for (guint u = 0; u < layout->n_units; u++)
    if (layout->units[u].visible && fade_end->units[u].visible)
      moved = MAX (moved, MAX (fabs (layout->units[u].x - fade_end->units[u].x),
                               fabs (layout->units[u].y - fade_end->units[u].y)));
  n = (guint) MIN (SCULPTOR_FRAME_CLOSE_UP_FRAMES,
                   SCULPTOR_FRAME_CLOSE_UP_BUDGET_MS / MAX (frame->render_ms, 1.0));
  return moved < 1.0 || n < 2 ? 0 : n;
}

static GPtrArray *
draw_close_up (const SculptorFrameRequest *request,
               const ScScene              *scene,
               const ScLayout             *layout,
               const ScLayout             *fade_end,
               guint                       n)
{
  GPtrArray *frames = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint k = 1; k <= n; k++)
    {
      g_autoptr(ScLayout) between = sc_layout_between (fade_end, layout, (double) k / (n + 1));

      g_ptr_array_add (frames, render_texture (request, scene, between, CONTENT_PARTS,
                                               &request->transform));
    }
  return frames;
}

static void
render_close_up (SculptorFrame  *frame,
                 const ScLayout *fade_end)
{
  guint n = close_up_frames (frame, fade_end);

  if (n > 0)
    frame->close_up = draw_close_up (&frame->request, &frame->scene, frame->layout, fade_end, n);
}

/* The renderer fades pruned units out in their old slots: before
 * detection in the condensed layout (which keeps pruned units' slots),
 * after it in the modules' layout. */
static gboolean
wants_fade (const SculptorFrame *frame)
{
  const ScSnapshot *now = frame->request.snapshot, *before = frame->request.previous;

  if (before == NULL ||
      before->n_layers != now->n_layers ||
      memcmp (before->arch, now->arch, sizeof (guint) * now->n_layers) != 0)
    return FALSE;
  if (frame->request.analysis != NULL && frame->request.previous_analysis == NULL)
    return FALSE;   /* modules appear: a blend */
  return !sc_mask_equal (before->mask, now->mask) &&
         frame->render_ms <= SCULPTOR_FRAME_FADE_BUDGET_MS;
}

SculptorFrame *
_sculptor_frame_render (SculptorFrameRequest *request)
{
  SculptorFrame *frame;
  gint64 start = g_get_monotonic_time ();
  double cpu_start = thread_cpu_ms ();

  g_return_val_if_fail (request != NULL && request->snapshot != NULL, NULL);
  g_return_val_if_fail (request->width > 0 && request->height > 0 && request->scale > 0, NULL);

  frame = g_new0 (SculptorFrame, 1);
  frame->request = *request;
  memset (request, 0, sizeof *request);

  scene_init (&frame->scene, &frame->request);
  if (layout_source (&frame->request) != NULL)
    render_content_in_place (frame);
  else
    {
      frame->layout = layout_of (&frame->request, &frame->scene, frame->request.snapshot,
                                 frame->request.analysis);
      frame->content = render_texture (&frame->request, &frame->scene, frame->layout, CONTENT_PARTS,
                                       &frame->request.transform);
    }
  frame->render_ms = (g_get_monotonic_time () - start) / 1000.0;
  render_overlay (frame);

  if (wants_fade (frame))
    {
      const SculptorFrameRequest *req = &frame->request;
      g_autoptr(ScLayout) fade_end = NULL;

      if (req->previous_analysis != NULL)
        fade_end = render_fade_in_place (frame, req->previous, req->previous_analysis,
                                         req->previous_colors);
      else if (layout_source (req) != NULL)
        fade_end = render_fade_in_place (frame, req->layout_from, req->layout_analysis,
                                         req->layout_colors);
      else
        fade_end = render_fade (frame);

      /* drawn in another network's layout, it keeps that layout. The
       * close-up plays after the fade: the view may have it drawn while
       * the fade plays, which then starts sooner */
      if (layout_source (req) == NULL && req->defer_close_up)
        {
          if (close_up_frames (frame, fade_end) > 0)
            frame->close_up_from = g_steal_pointer (&fade_end);
        }
      else if (layout_source (req) == NULL)
        render_close_up (frame, fade_end);
    }
  else if (frame->request.shown_layout != NULL && layout_source (&frame->request) == NULL)
    {
      const ScLayout *shown = frame->request.shown_layout;

      /* a blend: from where the view had the units (a network drawn in
       * its predecessor's layout gets modules of its own, say) */
      if (shown->width == frame->layout->width && shown->height == frame->layout->height &&
          shown->orientation == frame->layout->orientation)
        render_close_up (frame, shown);
    }

  frame->cpu_ms = thread_cpu_ms () - cpu_start;
  return frame;
}

static void
render_in_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  SculptorFrame *frame;
#ifdef __linux__
  /* Drawing yields to the training worker and the main loop (2 cores are
   * common): a late frame is better than a slower run or a stuttering
   * window. On Linux the nice value is per thread; the pool's thread gets
   * its own back afterwards. */
  int nice = getpriority (PRIO_PROCESS, 0);

  setpriority (PRIO_PROCESS, 0, nice + 10);
#endif

  frame = _sculptor_frame_render (task_data);

#ifdef __linux__
  setpriority (PRIO_PROCESS, 0, nice);
#endif
  g_task_return_pointer (task, frame, (GDestroyNotify) _sculptor_frame_free);
}

static void
request_free (gpointer data)
{
  _sculptor_frame_request_clear (data);
  g_free (data);
}

void
_sculptor_frame_render_async (SculptorFrameRequest *request,
                              GCancellable         *cancellable,
                              GAsyncReadyCallback   callback,
                              gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  SculptorFrameRequest *copy;

  g_return_if_fail (request != NULL && request->snapshot != NULL);

  copy = g_memdup2 (request, sizeof *request);
  memset (request, 0, sizeof *request);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _sculptor_frame_render_async);
  g_task_set_task_data (task, copy, request_free);
  /* A stale frame is still better than none: drawing is not interrupted,
   * the caller drops results it no longer wants. */
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, render_in_thread);
}

SculptorFrame *
_sculptor_frame_render_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- the deferred close-up --------------------------------------------- */

typedef struct
{
  SculptorFrameRequest request;
  ScLayout            *layout;
  ScLayout            *from;
  guint                n;
  double               cpu_ms;
} CloseUpJob;

static void
close_up_job_free (gpointer data)
{
  CloseUpJob *job = data;

  _sculptor_frame_request_clear (&job->request);
  g_clear_pointer (&job->layout, sc_layout_free);
  g_clear_pointer (&job->from, sc_layout_free);
  g_free (job);
}

static void
close_up_in_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  CloseUpJob *job = task_data;
  double cpu_start = thread_cpu_ms ();
  GPtrArray *frames;
  ScScene scene;
#ifdef __linux__
  int nice = getpriority (PRIO_PROCESS, 0);

  setpriority (PRIO_PROCESS, 0, nice + 10);   /* as render_in_thread */
#endif

  scene_init (&scene, &job->request);
  frames = draw_close_up (&job->request, &scene, job->layout, job->from, job->n);
  job->cpu_ms = thread_cpu_ms () - cpu_start;

#ifdef __linux__
  setpriority (PRIO_PROCESS, 0, nice);
#endif
  g_task_return_pointer (task, frames, (GDestroyNotify) g_ptr_array_unref);
}

void
_sculptor_frame_close_up_async (const SculptorFrame *frame,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  CloseUpJob *job;

  g_return_if_fail (frame != NULL && frame->close_up_from != NULL);

  job = g_new0 (CloseUpJob, 1);
  request_copy (&job->request, &frame->request);
  job->layout = sc_layout_copy (frame->layout);
  job->from = sc_layout_copy (frame->close_up_from);
  job->n = close_up_frames (frame, frame->close_up_from);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _sculptor_frame_close_up_async);
  g_task_set_task_data (task, job, close_up_job_free);
  g_task_set_return_on_cancel (task, FALSE);
  g_task_run_in_thread (task, close_up_in_thread);
}

GPtrArray *
_sculptor_frame_close_up_finish (GAsyncResult  *result,
                                 double        *cpu_ms,
                                 GError       **error)
{
  CloseUpJob *job;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  job = g_task_get_task_data (G_TASK (result));
  if (cpu_ms != NULL)
    *cpu_ms = job->cpu_ms;
  return g_task_propagate_pointer (G_TASK (result), error);
}
