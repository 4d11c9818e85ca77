/* sculptor-network-view-draw.c — putting frames on screen, and the fade
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

#include "sculptor-network-view-private.h"
#include "sculptor-theme.h"

/* ---- animation ------------------------------------------------------- */

static double
animation_length (SculptorNetworkView *self)
{
  switch (self->animation)
    {
    case ANIMATION_FADE:  return FADE_MS + SETTLE_MS;   /* the close-up takes the settle's time */
    case ANIMATION_BLEND: return BLEND_MS;
    case ANIMATION_NONE:
    default:              return 0.0;
    }
}

static double
elapsed_ms (SculptorNetworkView *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL || self->animation_start == 0)
    return 0.0;
  return (gdk_frame_clock_get_frame_time (clock) - self->animation_start) / 1000.0;
}

static gboolean
on_tick (GtkWidget     *widget,
         GdkFrameClock *clock,
         gpointer       user_data)
{
  SculptorNetworkView *self = SCULPTOR_NETWORK_VIEW (widget);
  gint64 now = gdk_frame_clock_get_frame_time (clock);

  /* The animation starts with the first frame that shows it. */
  if (self->animation_start == 0)
    self->animation_start = now;

  if ((now - self->animation_start) / 1000.0 >= animation_length (self))
    {
      self->tick_id = 0;
      _sculptor_network_view_stop_animation (self);
      return G_SOURCE_REMOVE;
    }

  gtk_widget_queue_draw (widget);
  return G_SOURCE_CONTINUE;
}

gboolean
_sculptor_network_view_in_fade (SculptorNetworkView *self)
{
  return self->animation == ANIMATION_FADE && self->frame != NULL &&
         self->frame->fade_from != NULL && elapsed_ms (self) < FADE_MS;
}

void
_sculptor_network_view_start_animation (SculptorNetworkView *self,
                                        AnimationKind        kind)
{
  gboolean enabled = TRUE;

  g_assert (self->animation == ANIMATION_NONE);

  /* The desktop's "reduce animation" setting turns the fade off. */
  g_object_get (gtk_widget_get_settings (GTK_WIDGET (self)), "gtk-enable-animations", &enabled, NULL);
  if (kind == ANIMATION_NONE || !enabled || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      _sculptor_network_view_stop_animation (self);
      return;
    }

  self->animation = kind;
  self->animation_start = 0;
  self->tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), on_tick, NULL, NULL);
}

void
_sculptor_network_view_stop_animation (SculptorNetworkView *self)
{
  if (self->tick_id != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->tick_id);
  self->tick_id = 0;
  self->animation = ANIMATION_NONE;
  self->animation_start = 0;
  g_clear_object (&self->old_content);
  _sculptor_network_view_drop_blends (self);
  if (self->frame != NULL)
    {
      /* The fade is over: its textures are not needed any more. */
      g_clear_object (&self->frame->fade_from);
      g_clear_object (&self->frame->fade_to);
      g_clear_pointer (&self->frame->close_up, g_ptr_array_unref);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* ---- textures -------------------------------------------------------- */

/* GTK 4.8's cairo renderer draws a texture node by converting every pixel
 * of the texture to floats and back (gdk_memory_convert has no same-format
 * path), 10–20 ms a frame for a large view. Our frames are Cairo image
 * surfaces already: with that renderer they are painted as they are, the
 * way the texture node paints (padded, filling bounds). Other renderers
 * keep the texture, which they upload once. */
static gboolean
paints_with_cairo (SculptorNetworkView *self)
{
  GtkNative *native = gtk_widget_get_native (GTK_WIDGET (self));
  GskRenderer *renderer = native ? gtk_native_get_renderer (native) : NULL;

  return renderer != NULL && GSK_IS_CAIRO_RENDERER (renderer);
}

/* GTK 4.8's gtk_snapshot_append_cairo() gets a translation under a scale
 * wrong (it scales the offset too), so the zoom is applied here, in Cairo,
 * and the node covers only the part of the widget the frame reaches. */
void
_sculptor_network_view_append_frame (SculptorNetworkView   *self,
                                     GtkSnapshot           *snapshot,
                                     GdkTexture            *texture,
                                     double                 x,
                                     double                 y,
                                     double                 zoom,
                                     const graphene_rect_t *bounds)
{
  cairo_surface_t *surface = _sculptor_frame_texture_surface (texture);
  graphene_rect_t reach, area;
  cairo_pattern_t *pattern;
  cairo_matrix_t matrix;
  cairo_t *cr;

  if (surface == NULL || !paints_with_cairo (self) || zoom <= 0.0 ||
      bounds->size.width <= 0.0f || bounds->size.height <= 0.0f)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_scale (snapshot, zoom, zoom);
      gtk_snapshot_append_texture (snapshot, texture, bounds);
      gtk_snapshot_restore (snapshot);
      return;
    }

  reach = GRAPHENE_RECT_INIT (x + zoom * bounds->origin.x, y + zoom * bounds->origin.y,
                              zoom * bounds->size.width, zoom * bounds->size.height);
  if (!graphene_rect_intersection (&reach,
                                   &GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (GTK_WIDGET (self)),
                                                        gtk_widget_get_height (GTK_WIDGET (self))),
                                   &area))
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &area);
  cairo_translate (cr, x, y);
  cairo_scale (cr, zoom, zoom);
  pattern = cairo_pattern_create_for_surface (surface);
  cairo_pattern_set_extend (pattern, CAIRO_EXTEND_PAD);
  cairo_matrix_init_scale (&matrix,
                           cairo_image_surface_get_width (surface) / bounds->size.width,
                           cairo_image_surface_get_height (surface) / bounds->size.height);
  cairo_matrix_translate (&matrix, -bounds->origin.x, -bounds->origin.y);
  cairo_pattern_set_matrix (pattern, &matrix);
  cairo_set_source (cr, pattern);
  cairo_pattern_destroy (pattern);
  cairo_rectangle (cr, bounds->origin.x, bounds->origin.y, bounds->size.width, bounds->size.height);
  cairo_fill (cr);
  cairo_destroy (cr);
}

/* Draws a texture drawn with transform drawn_with as the current view
 * would show it: zooming and panning move the last frame at once, and the
 * next frame redraws it sharply. */
static void
append_texture (SculptorNetworkView         *self,
                GtkSnapshot                 *snapshot,
                GdkTexture                  *texture,
                const SculptorViewTransform *drawn_with)
{
  const SculptorFrameRequest *request = &self->frame->request;
  double ratio = self->view.zoom / drawn_with->zoom;

  _sculptor_network_view_append_frame (self, snapshot, texture,
                                       self->view.x - drawn_with->x * ratio,
                                       self->view.y - drawn_with->y * ratio, ratio,
                                       &GRAPHENE_RECT_INIT (0, 0, request->width, request->height));
}

/* A surface for a fade's mixed frame. With the cairo renderer the view
 * takes turns between two it keeps: a fresh 1400 × 1000 image costs more
 * in page faults than the blend itself. The frame on screen still holds
 * the other; if it held this one, Cairo would copy it before the blend
 * writes (the recording's copy-on-write), so reuse is always safe. */
static cairo_surface_t *
blend_target (SculptorNetworkView *self,
              gboolean             reuse,
              int                  width,
              int                  height)
{
  cairo_surface_t **slot = &self->blends[self->next_blend];

  if (!reuse)
    return cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
  self->next_blend = (self->next_blend + 1) % G_N_ELEMENTS (self->blends);
  if (*slot == NULL || cairo_image_surface_get_width (*slot) != width ||
      cairo_image_surface_get_height (*slot) != height)
    {
      g_clear_pointer (slot, cairo_surface_destroy);
      *slot = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
    }
  return cairo_surface_reference (*slot);
}

void
_sculptor_network_view_drop_blends (SculptorNetworkView *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->blends); i++)
    g_clear_pointer (&self->blends[i], cairo_surface_destroy);
}

/* (1 − progress) · from + progress · to, pixel by pixel: what a cross-fade
 * node draws, but Cairo's cross-fade renders both into groups first, and
 * Cairo's own blend (paint_with_alpha SOURCE, then ADD) takes pixman's
 * general path, 6–12 ms for a 1400 × 1000 frame. NULL when the two are not
 * frames of the same size. */
static GdkTexture *
blend (SculptorNetworkView *self,
       GdkTexture          *from,
       GdkTexture          *to,
       double               progress)
{
  cairo_surface_t *a = _sculptor_frame_texture_surface (from);
  cairo_surface_t *b = _sculptor_frame_texture_surface (to);
  cairo_surface_t *out;
  GdkTexture *texture;
  int width, height, stride;

  if (a == NULL || b == NULL ||
      cairo_image_surface_get_width (a) != cairo_image_surface_get_width (b) ||
      cairo_image_surface_get_height (a) != cairo_image_surface_get_height (b) ||
      cairo_image_surface_get_stride (a) != cairo_image_surface_get_stride (b))
    return NULL;

  width = cairo_image_surface_get_width (a);
  height = cairo_image_surface_get_height (a);
  stride = cairo_image_surface_get_stride (a);
  /* other renderers upload the texture, which must not change afterwards */
  out = blend_target (self, paints_with_cairo (self), width, height);
  if (cairo_surface_status (out) != CAIRO_STATUS_SUCCESS || cairo_image_surface_get_stride (out) != stride)
    {
      cairo_surface_destroy (out);
      return NULL;
    }
  cairo_surface_flush (out);
  _sculptor_frame_blend_pixels ((const guint32 *) cairo_image_surface_get_data (a),
                                (const guint32 *) cairo_image_surface_get_data (b),
                                (guint32 *) cairo_image_surface_get_data (out),
                                (gsize) stride / 4 * height, progress);
  cairo_surface_mark_dirty (out);
  texture = _sculptor_frame_texture_new (out);
  cairo_surface_destroy (out);
  return texture;
}

static void
append_blend (SculptorNetworkView         *self,
              GtkSnapshot                 *snapshot,
              GdkTexture                  *from,
              const SculptorViewTransform *from_transform,
              GdkTexture                  *to,
              double                       progress)
{
  const SculptorViewTransform *transform = &self->frame->request.transform;
  g_autoptr(GdkTexture) mixed = NULL;

  progress = CLAMP (progress, 0.0, 1.0);
  if (memcmp (from_transform, transform, sizeof *transform) == 0 &&
      (mixed = blend (self, from, to, progress)) != NULL)
    {
      append_texture (self, snapshot, mixed, transform);
      return;
    }

  /* A cross-fade node mixes the two: what both show stays as it is. */
  gtk_snapshot_push_cross_fade (snapshot, progress);
  append_texture (self, snapshot, from, from_transform);
  gtk_snapshot_pop (snapshot);
  append_texture (self, snapshot, to, transform);
  gtk_snapshot_pop (snapshot);
}

static double
ease_out (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return 1.0 - (1.0 - t) * (1.0 - t) * (1.0 - t);
}

static double
ease_in_out (double t)
{
  t = CLAMP (t, 0.0, 1.0);
  return t < 0.5 ? 4 * t * t * t : 1.0 - 4 * (1.0 - t) * (1.0 - t) * (1.0 - t);
}

/* The layers closing up: first (fade_to, or what was on screen), the
 * frames in between, then the content, each blended into the next. */
static void
append_close_up (SculptorNetworkView         *self,
                 GtkSnapshot                 *snapshot,
                 GdkTexture                  *first,
                 const SculptorViewTransform *first_transform,
                 double                       progress)
{
  SculptorFrame *frame = self->frame;
  const SculptorViewTransform *transform = &frame->request.transform;
  guint n = frame->close_up->len + 1;   /* steps from first to content */
  double position = progress * n;
  guint k = MIN ((guint) position, n - 1);
  GdkTexture *to = k + 1 == n ? frame->content : g_ptr_array_index (frame->close_up, k);

  if (k == 0)
    append_blend (self, snapshot, first, first_transform, to, position);
  else
    append_blend (self, snapshot, g_ptr_array_index (frame->close_up, k - 1), transform, to,
                  position - k);
}

static void
draw_content (SculptorNetworkView *self,
              GtkSnapshot         *snapshot)
{
  SculptorFrame *frame = self->frame;
  const SculptorViewTransform *transform = &frame->request.transform;
  double t = elapsed_ms (self);

  if (self->animation == ANIMATION_FADE && frame->fade_from != NULL)
    {
      if (t < FADE_MS)
        append_blend (self, snapshot, frame->fade_from, transform, frame->fade_to, ease_out (t / FADE_MS));
      else if (frame->close_up != NULL)
        append_close_up (self, snapshot, frame->fade_to, transform,
                         ease_in_out ((t - FADE_MS) / SETTLE_MS));
      else
        append_blend (self, snapshot, frame->fade_to, transform, frame->content,
                      ease_out ((t - FADE_MS) / SETTLE_MS));
    }
  else if (self->animation == ANIMATION_BLEND && self->old_content != NULL && frame->close_up != NULL)
    append_close_up (self, snapshot, self->old_content, &self->old_transform,
                     ease_in_out (t / BLEND_MS));
  else if (self->animation == ANIMATION_BLEND && self->old_content != NULL)
    append_blend (self, snapshot, self->old_content, &self->old_transform, frame->content,
                  ease_out (t / BLEND_MS));
  else
    append_texture (self, snapshot, frame->content, transform);
}

/* ---- overlay: title, legend, hover, hints ------------------------------ */

static gboolean
view_is_identity (SculptorNetworkView *self)
{
  return self->view.zoom == 1.0 && self->view.x == 0.0 && self->view.y == 0.0;
}

static void
append_backdrop (GtkSnapshot  *snapshot,
                 const ScRect *rect,
                 const GdkRGBA *color)
{
  if (rect->width <= 0.0 || rect->height <= 0.0)
    return;
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (rect->x - 6, rect->y - 6,
                                                  rect->width + 12, rect->height + 12));
}

static void
draw_overlay (SculptorNetworkView *self,
              GtkSnapshot         *snapshot)
{
  const ScLayout *layout = self->frame->layout;
  const SculptorFrameRequest *request = &self->frame->request;

  /* The network zoomed under the legend: keep the legend legible. */
  if (!view_is_identity (self))
    {
      GdkRGBA bg;

      _sculptor_theme_lookup (GTK_WIDGET (self), "view_bg_color",
                              request->dark ? "#1e1e1e" : "#ffffff", &bg);
      bg.alpha = 0.88;
      append_backdrop (snapshot, &layout->legend_rect, &bg);
      append_backdrop (snapshot, &layout->title_rect, &bg);
    }
  if (self->frame->overlay != NULL)
    {
      const ScRect *rect = &self->frame->overlay_rect;

      _sculptor_network_view_append_frame (self, snapshot, self->frame->overlay, 0.0, 0.0, 1.0,
                                           &GRAPHENE_RECT_INIT (rect->x, rect->y, rect->width,
                                                                rect->height));
    }
}

static void
draw_hover (SculptorNetworkView *self,
            GtkSnapshot         *snapshot)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  ScScene scene = self->frame->scene;
  cairo_t *cr;

  if (self->hovered < 0 || (guint) self->hovered >= self->frame->layout->n_units)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_translate (cr, self->view.x, self->view.y);
  cairo_scale (cr, self->view.zoom, self->view.zoom);
  scene.hovered_unit = self->hovered;
  sc_render_network_parts (cr, &scene, self->frame->layout, SC_RENDER_HOVER);
  cairo_destroy (cr);
}

static PangoLayout *
make_text (SculptorNetworkView *self,
           const char          *text,
           double               scale,
           int                  width,
           PangoAlignment       alignment)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (scale));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_alignment (layout, alignment);
  pango_layout_set_width (layout, MAX (width, 1) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_attr_list_unref (attrs);
  return layout;
}

/* Text in the box x, y, width; returns its height. */
static int
append_text (SculptorNetworkView *self,
             GtkSnapshot         *snapshot,
             const char          *text,
             double               scale,
             double               alpha,
             double               x,
             double               y,
             int                  width,
             PangoAlignment       alignment)
{
  g_autoptr(PangoLayout) layout = make_text (self, text, scale, width, alignment);
  PangoRectangle logical;
  GdkRGBA color;

  _sculptor_theme_get_fg (GTK_WIDGET (self), &color);
  color.alpha *= alpha;
  pango_layout_get_pixel_extents (layout, NULL, &logical);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, &color);
  gtk_snapshot_restore (snapshot);
  return logical.height;
}

static int
append_centred (SculptorNetworkView *self,
                GtkSnapshot         *snapshot,
                const char          *text,
                double               scale,
                double               alpha,
                double               y)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));

  return append_text (self, snapshot, text, scale, alpha, 24, y, width - 48, PANGO_ALIGN_CENTER);
}

static void
draw_empty (SculptorNetworkView *self,
            GtkSnapshot         *snapshot)
{
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0 - 28.0;

  if (self->snapshot != NULL)
    {
      /* A large network's first frame takes a moment. */
      append_centred (self, snapshot, _("Drawing the network…"), PANGO_SCALE_LARGE, 0.55, y);
      return;
    }
  if (self->placeholder_title != NULL)
    {
      y += append_centred (self, snapshot, self->placeholder_title, PANGO_SCALE_X_LARGE, 0.55, y) + 6;
      if (self->placeholder_subtitle != NULL)
        append_centred (self, snapshot, self->placeholder_subtitle, PANGO_SCALE_SMALL, 0.45, y);
      return;
    }
  y += append_centred (self, snapshot, _("Press Run to train and sculpt the network"),
                       PANGO_SCALE_X_LARGE, 0.55, y) + 6;
  append_centred (self, snapshot,
                  _("Pruning removes what the task does not need; modules emerge from what is left"),
                  PANGO_SCALE_SMALL, 0.45, y);
}

/* Before detection every unit is grey: say why, in the legend column
 * under the legend (a narrow view has its legend below the network and
 * no room; the legend's "no modules yet" entry says it there). */
static void
draw_hint (SculptorNetworkView *self,
           GtkSnapshot         *snapshot)
{
  const ScLayout *layout = self->frame->layout;
  const ScRect *legend = &layout->legend_rect;
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  double column = width - legend->x - 12.0;

  if (self->analysis != NULL || legend->width <= 0.0 ||
      legend->x < layout->plot_rect.x + layout->plot_rect.width - 1.0 ||
      column < 100.0 || height - (legend->y + legend->height) < 80.0)
    return;

  append_text (self, snapshot, _("Modules appear in colour as soon as they are detected."),
               PANGO_SCALE_SMALL, 0.6, legend->x, legend->y + legend->height + 18.0,
               (int) column, PANGO_ALIGN_LEFT);
}

static void
draw_focus (SculptorNetworkView *self,
            GtkSnapshot         *snapshot)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));
  const float widths[4] = { 2, 2, 2, 2 };
  GskRoundedRect outline;
  GdkRGBA colors[4];

  if (!gtk_widget_has_visible_focus (GTK_WIDGET (self)))
    return;

  _sculptor_theme_lookup (GTK_WIDGET (self), "accent_color", "#3584e4", &colors[0]);
  colors[0].alpha = 0.5;
  colors[1] = colors[2] = colors[3] = colors[0];
  gsk_rounded_rect_init_from_rect (&outline, &GRAPHENE_RECT_INIT (1, 1, width - 2, height - 2), 0);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

void
_sculptor_network_view_draw (SculptorNetworkView *self,
                             GtkSnapshot         *snapshot)
{
  int width = gtk_widget_get_width (GTK_WIDGET (self));
  int height = gtk_widget_get_height (GTK_WIDGET (self));

  draw_focus (self, snapshot);
  if (self->frame == NULL)
    {
      draw_empty (self, snapshot);
      return;
    }

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_content (self, snapshot);
  draw_hover (self, snapshot);
  draw_overlay (self, snapshot);
  draw_hint (self, snapshot);
  gtk_snapshot_pop (snapshot);
}
