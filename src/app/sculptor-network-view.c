/* sculptor-network-view.c — the network on screen: frames, zoom, selection
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sc-figure.h"
#include "sculptor-network-view-private.h"
#include "sculptor-theme.h"

G_DEFINE_FINAL_TYPE (SculptorNetworkView, sculptor_network_view, GTK_TYPE_WIDGET)

enum {
  MODULE_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

GtkWidget *
sculptor_network_view_new (void)
{
  return g_object_new (SCULPTOR_TYPE_NETWORK_VIEW, NULL);
}

/* ---- frames -------------------------------------------------------- */

static int
selected_id (SculptorNetworkView *self)
{
  const ScModuleGraph *graph = self->analysis ? self->analysis->modules : NULL;

  if (self->selected < 0 || graph == NULL || (guint) self->selected >= graph->n_modules)
    return -1;
  return (int) graph->modules[self->selected].id;
}

/* The default title and subtitle are those of an exported figure, so the
 * screen shows what a file will. */
static void
request_titles (SculptorNetworkView  *self,
                SculptorFrameRequest *request)
{
  const ScSnapshot *snapshot = self->snapshot;
  const ScTask *task = self->task;

  if (self->title != NULL || self->subtitle != NULL)
    {
      request->title = g_strdup (self->title);
      request->subtitle = g_strdup (self->subtitle);
      return;
    }
  if (task != NULL && (task->title != NULL || task->name != NULL))
    request->title = sc_task_display_title (task);
  request->subtitle = sc_figure_subtitle (snapshot, self->analysis);
}

static void
on_frame_rendered (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data);

static void
start_frame (SculptorNetworkView *self,
             int                  width,
             int                  height)
{
  SculptorFrameRequest request = {
    .snapshot = sc_snapshot_ref (self->snapshot),
    .analysis = self->analysis ? sc_analysis_ref (self->analysis) : NULL,
    .task = self->task ? sc_task_ref (self->task) : NULL,
    .width = width,
    .height = height,
    .scale = gtk_widget_get_scale_factor (GTK_WIDGET (self)),
    .transform = self->view,
    .dark = _sculptor_theme_is_dark (GTK_WIDGET (self)),
    .orientation = self->orientation,
    .selected_id = selected_id (self),
    .colors = sc_module_colors_copy (self->colors),
    .layout_from = self->layout_from ? sc_snapshot_ref (self->layout_from) : NULL,
    .layout_analysis = self->layout_analysis ? sc_analysis_ref (self->layout_analysis) : NULL,
    .layout_colors = sc_module_colors_copy (self->layout_colors),
    .cache = _sculptor_frame_cache_ref (self->cache),
    /* the close-up is drawn while the fade plays (on_frame_rendered) */
    .defer_close_up = TRUE,
  };

  if (self->lesion != NULL && !sc_lesion_is_empty (self->lesion) &&
      self->lesion->n_layers == self->snapshot->n_layers &&
      self->lesion->n_units == sc_snapshot_n_units (self->snapshot))
    {
      request.greyed_units = sc_lesion_greyed_units (self->lesion);
      request.greyed_edges = sc_mask_copy (self->lesion->pruned_edges);
    }

  request_titles (self, &request);

  /* Animate from what is on screen now. */
  if (self->animate_next && self->frame != NULL)
    {
      const SculptorFrameRequest *shown = &self->frame->request;

      request.previous = sc_snapshot_ref (shown->snapshot);
      request.previous_analysis = shown->analysis ? sc_analysis_ref (shown->analysis) : NULL;
      request.previous_colors = sc_module_colors_copy (self->frame->request.colors);
      request.shown_layout = sc_layout_copy (self->frame->layout);
      if (_sculptor_frame_can_start_fade (shown, &request))
        request.shown_content = g_object_ref (self->frame->content);
    }
  self->animate_next = FALSE;

  self->rendering = TRUE;
  self->dirty = FALSE;
  _sculptor_frame_render_async (&request, self->cancellable, on_frame_rendered,
                                g_object_ref (self));
}

/* Asks for a new frame of the current state. Frames are drawn one at a
 * time: asking while one is drawn only marks the view dirty, and the
 * newest state is drawn next (a fast run skips intermediate snapshots
 * rather than queueing them). */
void
_sculptor_network_view_request_frame (SculptorNetworkView *self,
                                      gboolean             animate)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  g_assert (SCULPTOR_IS_NETWORK_VIEW (self));

  self->animate_next |= animate;
  if (self->snapshot == NULL)
    {
      _sculptor_network_view_stop_animation (self);
      g_clear_pointer (&self->frame, _sculptor_frame_free);
      _sculptor_network_view_set_hovered (self, -1);
      self->dirty = FALSE;
      gtk_widget_queue_draw (GTK_WIDGET (self));
      return;
    }
  if (self->rendering || width <= 0 || height <= 0)
    {
      /* size_allocate() or the running frame comes back for it */
      self->dirty = TRUE;
      return;
    }
  start_frame (self, width, height);
}

/* The same units and edges: the network itself, or it with new weights
 * (a training snapshot). */
static gboolean
same_structure (const ScSnapshot *a,
                const ScSnapshot *b)
{
  return a == b ||
         (a != NULL && b != NULL && a->n_layers == b->n_layers &&
          memcmp (a->arch, b->arch, sizeof (guint) * a->n_layers) == 0 &&
          sc_mask_equal (a->mask, b->mask));
}

/* A redraw of the same network (a new selection, say) arriving while its
 * fade runs, or the same network with new weights (the retraining after a
 * step publishes them every few mini-batches, at the Watch pace within
 * the fade's first frames): the fade goes on into the new frame. */
static gboolean
continues_animation (SculptorNetworkView *self,
                     SculptorFrame       *frame)
{
  const SculptorFrameRequest *old = self->frame ? &self->frame->request : NULL;

  return self->animation != ANIMATION_NONE && frame->request.previous == NULL &&
         old != NULL && same_structure (old->snapshot, frame->request.snapshot) &&
         old->analysis == frame->request.analysis &&
         old->width == frame->request.width && old->height == frame->request.height &&
         memcmp (&old->transform, &frame->request.transform, sizeof old->transform) == 0;
}

static void
replace_frame (SculptorNetworkView *self,
               SculptorFrame       *frame)
{
  g_clear_pointer (&self->frame, _sculptor_frame_free);
  self->frame = frame;
  self->frame_serial++;
  if (self->hovered >= 0 &&
      ((guint) self->hovered >= frame->layout->n_units || !frame->layout->units[self->hovered].visible))
    self->hovered = -1;

  if (self->debug_frames)
    g_message ("Network frame %d×%d: drawn in %.1f ms%s, %u close-up frames", frame->request.width,
               frame->request.height, frame->render_ms, frame->fade_from ? ", with fade" : "",
               frame->close_up ? frame->close_up->len : 0);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
install_frame (SculptorNetworkView *self,
               SculptorFrame       *frame)
{
  gboolean animate = frame->request.previous != NULL;
  AnimationKind kind = ANIMATION_NONE;

  if (continues_animation (self, frame))
    {
      frame->fade_from = g_steal_pointer (&self->frame->fade_from);
      frame->fade_to = g_steal_pointer (&self->frame->fade_to);
      frame->close_up = g_steal_pointer (&self->frame->close_up);
      replace_frame (self, frame);
      if (self->debug_frames)
        g_message ("Network frame: the animation running goes on into it");
      return;
    }

  if (self->debug_frames && self->animation != ANIMATION_NONE)
    g_message ("Network frame: cuts the animation running short");
  _sculptor_network_view_stop_animation (self);
  if (animate && frame->fade_from != NULL)
    kind = ANIMATION_FADE;
  else if (animate && self->frame != NULL)
    {
      kind = ANIMATION_BLEND;
      self->old_content = g_object_ref (self->frame->content);
      self->old_transform = self->frame->request.transform;
    }

  replace_frame (self, frame);
  _sculptor_network_view_start_animation (self, kind);
}

typedef struct
{
  SculptorNetworkView *view;
  guint                serial;   /* the frame it is for */
} CloseUpData;

/* The close-up frames arrive: they play after the fade if it is still
 * fading out what was pruned; later, the fade's end blends into the frame
 * as it does without a close-up. */
static void
on_close_up_rendered (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CloseUpData *data = user_data;
  g_autoptr(SculptorNetworkView) self = data->view;
  g_autoptr(GError) error = NULL;
  double cpu_ms = 0.0;
  g_autoptr(GPtrArray) frames = _sculptor_frame_close_up_finish (result, &cpu_ms, &error);
  guint serial = data->serial;

  g_free (data);
  if (frames == NULL)
    return;   /* cancelled: the view is going away */

  self->rendering = FALSE;
  if (self->frame != NULL && self->frame_serial == serial && self->frame->close_up == NULL)
    {
      self->frame->close_up_cpu_ms = frames->len > 0 ? cpu_ms / frames->len : 0.0;
      if (self->debug_frames)
        g_message ("Network close-up: %u frames in %.1f ms of CPU, %s", frames->len, cpu_ms,
                   _sculptor_network_view_in_fade (self) ? "during the fade" : "too late");
      if (_sculptor_network_view_in_fade (self))
        self->frame->close_up = g_steal_pointer (&frames);
    }
  if (self->dirty)
    _sculptor_network_view_request_frame (self, FALSE);
}

/* One drawing at a time: the close-up, then whatever is newer. */
static void
start_close_up (SculptorNetworkView *self)
{
  CloseUpData *data = g_new0 (CloseUpData, 1);

  data->view = g_object_ref (self);
  data->serial = self->frame_serial;
  self->rendering = TRUE;
  _sculptor_frame_close_up_async (self->frame, self->cancellable, on_close_up_rendered, data);
}

static void
on_frame_rendered (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(SculptorNetworkView) self = user_data;
  g_autoptr(GError) error = NULL;
  SculptorFrame *frame = _sculptor_frame_render_finish (result, &error);

  if (frame == NULL)
    return;   /* cancelled: the view is going away */

  self->rendering = FALSE;
  if (self->snapshot == NULL)
    _sculptor_frame_free (frame);
  else
    install_frame (self, frame);

  if (self->frame == frame && frame->close_up_from != NULL && _sculptor_network_view_in_fade (self))
    start_close_up (self);
  else if (self->dirty)
    _sculptor_network_view_request_frame (self, FALSE);
}

/* ---- view transform -------------------------------------------------- */

/* Keeps the network on screen: zoomed in, the layout must cover the
 * widget; zoomed out, it stays centred. */
static void
clamp_view (SculptorNetworkView   *self,
            SculptorViewTransform *view)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double extents[2] = { width, height };
  double *pan[2] = { &view->x, &view->y };

  view->zoom = CLAMP (view->zoom, ZOOM_MIN, ZOOM_MAX);
  for (guint axis = 0; axis < 2; axis++)
    {
      double slack = extents[axis] * (1.0 - view->zoom);

      if (view->zoom >= 1.0)
        *pan[axis] = CLAMP (*pan[axis], slack, 0.0);
      else
        *pan[axis] = slack / 2.0;
    }
}

void
_sculptor_network_view_set_view (SculptorNetworkView         *self,
                                 const SculptorViewTransform *view)
{
  SculptorViewTransform clamped = *view;

  clamp_view (self, &clamped);
  if (clamped.zoom == self->view.zoom && clamped.x == self->view.x && clamped.y == self->view.y)
    return;

  self->view = clamped;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  _sculptor_network_view_request_frame (self, FALSE);
}

void
sculptor_network_view_zoom_at (SculptorNetworkView *self,
                               double               factor,
                               double               x,
                               double               y)
{
  SculptorViewTransform view;
  double zoom;

  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));
  g_return_if_fail (factor > 0.0);

  zoom = CLAMP (self->view.zoom * factor, ZOOM_MIN, ZOOM_MAX);
  view.zoom = zoom;
  view.x = x - (x - self->view.x) * zoom / self->view.zoom;
  view.y = y - (y - self->view.y) * zoom / self->view.zoom;
  _sculptor_network_view_set_view (self, &view);
}

void
sculptor_network_view_zoom_in (SculptorNetworkView *self)
{
  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));

  sculptor_network_view_zoom_at (self, ZOOM_STEP, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                 gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
sculptor_network_view_zoom_out (SculptorNetworkView *self)
{
  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));

  sculptor_network_view_zoom_at (self, 1.0 / ZOOM_STEP, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                 gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
}

void
sculptor_network_view_zoom_fit (SculptorNetworkView *self)
{
  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));

  /* The layout is computed for the widget: fitting is no zoom at all. */
  _sculptor_network_view_set_view (self, &(SculptorViewTransform) { 1.0, 0.0, 0.0 });
}

void
sculptor_network_view_get_transform (SculptorNetworkView *self,
                                     double              *zoom,
                                     double              *x,
                                     double              *y)
{
  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));

  if (zoom)
    *zoom = self->view.zoom;
  if (x)
    *x = self->view.x;
  if (y)
    *y = self->view.y;
}

void
sculptor_network_view_layout_to_widget (SculptorNetworkView *self,
                                        double               layout_x,
                                        double               layout_y,
                                        double              *widget_x,
                                        double              *widget_y)
{
  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));
  g_return_if_fail (widget_x != NULL && widget_y != NULL);

  *widget_x = self->view.x + self->view.zoom * layout_x;
  *widget_y = self->view.y + self->view.zoom * layout_y;
}

/* ---- hit-testing and selection -------------------------------------- */

ScHit
sculptor_network_view_hit_test_widget (SculptorNetworkView *self,
                                       double               x,
                                       double               y)
{
  ScHit none = { SC_HIT_NONE, 0, 0, 0, -1 };
  const ScLayout *layout;
  ScHit hit;

  g_return_val_if_fail (SCULPTOR_IS_NETWORK_VIEW (self), none);

  layout = sculptor_network_view_get_layout (self);
  if (layout == NULL)
    return none;

  /* The legend is drawn over the network without the zoom. */
  hit = sc_layout_hit_test (layout, x, y);
  if (hit.kind == SC_HIT_LEGEND)
    return hit;

  hit = sc_layout_hit_test (layout, (x - self->view.x) / self->view.zoom,
                            (y - self->view.y) / self->view.zoom);
  return hit.kind == SC_HIT_LEGEND ? none : hit;
}

int
sculptor_network_view_activate_at (SculptorNetworkView *self,
                                   double               x,
                                   double               y)
{
  ScHit hit;
  int module = -1;

  g_return_val_if_fail (SCULPTOR_IS_NETWORK_VIEW (self), -1);

  hit = sculptor_network_view_hit_test_widget (self, x, y);
  if (hit.kind != SC_HIT_NONE && hit.module >= 0 && self->analysis != NULL)
    module = sc_module_graph_find (self->analysis->modules, (guint) hit.module);

  sculptor_network_view_set_selected_module (self, module);
  g_signal_emit (self, signals[MODULE_SELECTED], 0, module);
  return module;
}

void
sculptor_network_view_set_lesion (SculptorNetworkView *self,
                                  const ScLesion      *lesion)
{
  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));

  if (self->lesion == NULL && (lesion == NULL || sc_lesion_is_empty (lesion)))
    return;
  g_clear_pointer (&self->lesion, sc_lesion_free);
  if (lesion != NULL && !sc_lesion_is_empty (lesion))
    self->lesion = sc_lesion_copy (lesion);
  _sculptor_network_view_request_frame (self, FALSE);
}

void
sculptor_network_view_set_module_colors (SculptorNetworkView  *self,
                                         const ScModuleColors *colors)
{
  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));

  g_clear_pointer (&self->colors, sc_module_colors_free);
  self->colors = sc_module_colors_copy (colors);
}

static void
clear_layout_base (SculptorNetworkView *self)
{
  g_clear_pointer (&self->layout_from, sc_snapshot_unref);
  g_clear_pointer (&self->layout_analysis, sc_analysis_unref);
  g_clear_pointer (&self->layout_colors, sc_module_colors_free);
}

static void
set_layout_base (SculptorNetworkView  *self,
                 ScSnapshot           *base,
                 ScAnalysis           *analysis,
                 const ScModuleColors *colors)
{
  clear_layout_base (self);
  if (base != NULL && analysis != NULL)
    {
      self->layout_from = sc_snapshot_ref (base);
      self->layout_analysis = sc_analysis_ref (analysis);
      self->layout_colors = sc_module_colors_copy (colors);
    }
}

void
sculptor_network_view_set_layout_base (SculptorNetworkView  *self,
                                       ScSnapshot           *base,
                                       ScAnalysis           *analysis,
                                       const ScModuleColors *colors)
{
  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));

  set_layout_base (self, base, analysis, colors);
}

void
sculptor_network_view_set_selected_module (SculptorNetworkView *self,
                                           int                  module)
{
  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));

  module = MAX (module, -1);
  if (module == self->selected)
    return;

  self->selected = module;
  _sculptor_network_view_request_frame (self, FALSE);
}

int
sculptor_network_view_get_selected_module (SculptorNetworkView *self)
{
  g_return_val_if_fail (SCULPTOR_IS_NETWORK_VIEW (self), -1);

  return self->selected;
}

void
_sculptor_network_view_set_hovered (SculptorNetworkView *self,
                                    int                  unit)
{
  if (unit == self->hovered)
    return;

  self->hovered = unit;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- public API ------------------------------------------------------ */

void
sculptor_network_view_set_task (SculptorNetworkView *self,
                                ScTask              *task)
{
  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));

  if (task == self->task)
    return;

  g_clear_pointer (&self->task, sc_task_unref);
  self->task = task ? sc_task_ref (task) : NULL;
  _sculptor_network_view_request_frame (self, FALSE);
}

void
sculptor_network_view_set_snapshot (SculptorNetworkView *self,
                                    ScSnapshot          *snapshot,
                                    ScAnalysis          *analysis,
                                    gboolean             animate)
{
  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));
  g_return_if_fail (snapshot != NULL || analysis == NULL);

  if (snapshot == self->snapshot && analysis == self->analysis)
    return;

  g_clear_pointer (&self->snapshot, sc_snapshot_unref);
  g_clear_pointer (&self->analysis, sc_analysis_unref);
  g_clear_pointer (&self->analysis, sc_analysis_unref);
  self->snapshot = snapshot ? sc_snapshot_ref (snapshot) : NULL;
  self->analysis = analysis ? sc_analysis_ref (analysis) : NULL;

  /* A network without modules that comes after one with (a trial, a
   * retraining) is drawn in that one's module layout. */
  if (analysis != NULL)
    set_layout_base (self, snapshot, analysis, self->colors);
  else if (snapshot == NULL ||
           (self->layout_from != NULL && snapshot->step < self->layout_from->step))
    clear_layout_base (self);
  _sculptor_network_view_request_frame (self, animate);
}

ScAnalysis *
sculptor_network_view_get_analysis (SculptorNetworkView *self)
{
  g_return_val_if_fail (SCULPTOR_IS_NETWORK_VIEW (self), NULL);

  return self->analysis;
}

ScSnapshot *
sculptor_network_view_get_snapshot (SculptorNetworkView *self)
{
  g_return_val_if_fail (SCULPTOR_IS_NETWORK_VIEW (self), NULL);

  return self->snapshot;
}

void
sculptor_network_view_set_title (SculptorNetworkView *self,
                                 const char          *title,
                                 const char          *subtitle)
{
  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));

  g_free (self->title);
  g_free (self->subtitle);
  self->title = g_strdup (title);
  self->subtitle = g_strdup (subtitle);
  _sculptor_network_view_request_frame (self, FALSE);
}

void
sculptor_network_view_set_placeholder (SculptorNetworkView *self,
                                       const char          *title,
                                       const char          *subtitle)
{
  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));

  if (g_strcmp0 (title, self->placeholder_title) == 0 &&
      g_strcmp0 (subtitle, self->placeholder_subtitle) == 0)
    return;
  g_free (self->placeholder_title);
  g_free (self->placeholder_subtitle);
  self->placeholder_title = g_strdup (title);
  self->placeholder_subtitle = g_strdup (subtitle);
  if (self->snapshot == NULL)
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

const ScLayout *
sculptor_network_view_get_layout (SculptorNetworkView *self)
{
  g_return_val_if_fail (SCULPTOR_IS_NETWORK_VIEW (self), NULL);

  return self->frame ? self->frame->layout : NULL;
}

gboolean
sculptor_network_view_is_busy (SculptorNetworkView *self)
{
  g_return_val_if_fail (SCULPTOR_IS_NETWORK_VIEW (self), FALSE);

  return self->rendering || self->dirty;
}

gboolean
sculptor_network_view_is_animating (SculptorNetworkView *self)
{
  g_return_val_if_fail (SCULPTOR_IS_NETWORK_VIEW (self), FALSE);

  return self->animation != ANIMATION_NONE;
}

/* ---- GtkWidget ------------------------------------------------------- */

static void
sculptor_network_view_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  SculptorNetworkView *self = SCULPTOR_NETWORK_VIEW (widget);

  /* A theme switch restyles the widget and redraws it: follow it. */
  if (self->frame && self->frame->request.dark != _sculptor_theme_is_dark (widget))
    _sculptor_network_view_request_frame (self, FALSE);

  _sculptor_network_view_draw (self, snapshot);
}

static void
sculptor_network_view_size_allocate (GtkWidget *widget,
                                     int        width,
                                     int        height,
                                     int        baseline)
{
  SculptorNetworkView *self = SCULPTOR_NETWORK_VIEW (widget);
  SculptorViewTransform view = self->view;

  clamp_view (self, &view);
  self->view = view;
  if (self->frame == NULL || self->frame->request.width != width ||
      self->frame->request.height != height)
    _sculptor_network_view_request_frame (self, FALSE);
}

static void
sculptor_network_view_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  *minimum = 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 640 : 560;
}

static void
on_scale_factor_changed (GObject    *object,
                         GParamSpec *pspec,
                         gpointer    user_data)
{
  SculptorNetworkView *self = SCULPTOR_NETWORK_VIEW (object);

  _sculptor_network_view_request_frame (self, FALSE);
}

static void
sculptor_network_view_dispose (GObject *object)
{
  SculptorNetworkView *self = SCULPTOR_NETWORK_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  _sculptor_network_view_stop_animation (self);
  _sculptor_network_view_drop_blends (self);
  g_clear_pointer (&self->frame, _sculptor_frame_free);
  g_clear_pointer (&self->snapshot, sc_snapshot_unref);
  g_clear_pointer (&self->analysis, sc_analysis_unref);
  g_clear_pointer (&self->colors, sc_module_colors_free);
  clear_layout_base (self);
  g_clear_pointer (&self->task, sc_task_unref);
  g_clear_pointer (&self->lesion, sc_lesion_free);
  g_clear_pointer (&self->whatif_menu, gtk_widget_unparent);

  G_OBJECT_CLASS (sculptor_network_view_parent_class)->dispose (object);
}

static void
sculptor_network_view_finalize (GObject *object)
{
  SculptorNetworkView *self = SCULPTOR_NETWORK_VIEW (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->cache, _sculptor_frame_cache_unref);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->subtitle, g_free);
  g_clear_pointer (&self->placeholder_title, g_free);
  g_clear_pointer (&self->placeholder_subtitle, g_free);

  G_OBJECT_CLASS (sculptor_network_view_parent_class)->finalize (object);
}

static void
sculptor_network_view_class_init (SculptorNetworkViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sculptor_network_view_dispose;
  object_class->finalize = sculptor_network_view_finalize;
  widget_class->snapshot = sculptor_network_view_snapshot;
  widget_class->size_allocate = sculptor_network_view_size_allocate;
  widget_class->measure = sculptor_network_view_measure;
  widget_class->query_tooltip = _sculptor_network_view_query_tooltip;

  /**
   * SculptorNetworkView::module-selected:
   * @module: the index of the module clicked into analysis->modules->modules,
   *   or -1 for empty space
   *
   * Emitted when the user clicks a unit, a module box or a legend entry,
   * not when sculptor_network_view_set_selected_module() is called.
   */
  signals[MODULE_SELECTED] =
    g_signal_new ("module-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  _sculptor_network_view_class_add_bindings (widget_class);
  _sculptor_network_view_class_add_whatif_bindings (widget_class);
  gtk_widget_class_set_css_name (widget_class, "networkview");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sculptor_network_view_init (SculptorNetworkView *self)
{
  self->selected = -1;
  self->hovered = -1;
  self->view.zoom = 1.0;
  self->cancellable = g_cancellable_new ();
  self->cache = _sculptor_frame_cache_new ();
  self->debug_frames = g_getenv ("SCULPTOR_DEBUG_FRAMES") != NULL;

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Network"),
                                  -1);
  g_signal_connect (self, "notify::scale-factor", G_CALLBACK (on_scale_factor_changed), NULL);
  g_signal_connect (self, "notify::has-focus", G_CALLBACK (gtk_widget_queue_draw), NULL);
  _sculptor_network_view_add_controllers (self);
  _sculptor_network_view_add_whatif_menu (self);
}

void
sculptor_network_view_set_orientation (SculptorNetworkView *self,
                                       ScOrientation        orientation)
{
  g_return_if_fail (SCULPTOR_IS_NETWORK_VIEW (self));

  if (self->orientation == orientation)
    return;
  self->orientation = orientation;
  _sculptor_network_view_request_frame (self, FALSE);
}

ScOrientation
sculptor_network_view_get_orientation (SculptorNetworkView *self)
{
  g_return_val_if_fail (SCULPTOR_IS_NETWORK_VIEW (self), SC_ORIENTATION_BOTTOM_UP);

  return self->orientation;
}
