/* sculptor-network-view-input.c — pointer, touch and keys on the network
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sculptor-network-tooltip.h"
#include "sculptor-network-view-private.h"

/* ---- click: select, double-click: fit ------------------------------- */

static void
on_click_pressed (GtkGestureClick     *gesture,
                  int                  n_press,
                  double               x,
                  double               y,
                  SculptorNetworkView *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
  if (n_press == 2)
    sculptor_network_view_zoom_fit (self);
}

static void
on_click_released (GtkGestureClick     *gesture,
                   int                  n_press,
                   double               x,
                   double               y,
                   SculptorNetworkView *self)
{
  /* A drag is not a click, even when it ends where it began. */
  if (n_press == 1 && !self->dragged)
    sculptor_network_view_activate_at (self, x, y);
}

/* ---- drag: pan -------------------------------------------------------- */

static void
on_drag_begin (GtkGestureDrag      *gesture,
               double               x,
               double               y,
               SculptorNetworkView *self)
{
  self->drag_start = self->view;
  self->dragged = FALSE;
}

static void
on_drag_update (GtkGestureDrag      *gesture,
                double               dx,
                double               dy,
                SculptorNetworkView *self)
{
  SculptorViewTransform view = self->drag_start;

  if (hypot (dx, dy) > DRAG_THRESHOLD)
    self->dragged = TRUE;
  /* Nothing to move while the network fits; and when two fingers zoom,
   * the first of them must not pan as well. */
  if (!self->dragged || self->view.zoom <= 1.0 || gtk_gesture_is_recognized (self->pinch))
    return;

  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), "grabbing");
  view.zoom = self->view.zoom;
  view.x += dx;
  view.y += dy;
  _sculptor_network_view_set_view (self, &view);
}

static void
on_drag_end (GtkGestureDrag      *gesture,
             double               dx,
             double               dy,
             SculptorNetworkView *self)
{
  gtk_widget_set_cursor (GTK_WIDGET (self), NULL);
}

/* ---- scroll: zoom with the wheel, pan with a touchpad ------------------ */

static gboolean
on_scroll (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           SculptorNetworkView      *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  GdkScrollUnit unit = gtk_event_controller_scroll_get_unit (controller);

  /* A mouse wheel has nothing to scroll here, so it zooms (like maps);
   * two fingers on a touchpad pan unless Ctrl is held. */
  if (unit == GDK_SCROLL_UNIT_WHEEL || (state & GDK_CONTROL_MASK))
    {
      double factor = unit == GDK_SCROLL_UNIT_WHEEL ? pow (1.2, -dy) : pow (1.01, -dy);

      sculptor_network_view_zoom_at (self, factor, self->pointer_x, self->pointer_y);
    }
  else
    {
      SculptorViewTransform view = self->view;

      view.x -= dx;
      view.y -= dy;
      _sculptor_network_view_set_view (self, &view);
    }
  return TRUE;
}

/* ---- pinch: zoom around the fingers ------------------------------------ */

static void
on_pinch_begin (GtkGesture          *gesture,
                GdkEventSequence    *sequence,
                SculptorNetworkView *self)
{
  self->pinch_zoom = self->view.zoom;
}

static void
on_pinch_scale_changed (GtkGestureZoom      *gesture,
                        double               scale,
                        SculptorNetworkView *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    {
      x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
    }
  sculptor_network_view_zoom_at (self, self->pinch_zoom * scale / self->view.zoom, x, y);
}

/* ---- hover ------------------------------------------------------------ */

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           SculptorNetworkView      *self)
{
  ScHit hit = sculptor_network_view_hit_test_widget (self, x, y);

  self->pointer_x = x;
  self->pointer_y = y;
  _sculptor_network_view_set_hovered (self, hit.kind == SC_HIT_UNIT ? (int) hit.unit : -1);
  if (!gtk_gesture_is_active (self->drag))
    gtk_widget_set_cursor_from_name (GTK_WIDGET (self),
                                     hit.kind != SC_HIT_NONE && hit.module >= 0 ? "pointer" : NULL);
}

static void
on_leave (GtkEventControllerMotion *motion,
          SculptorNetworkView      *self)
{
  _sculptor_network_view_set_hovered (self, -1);
}

/* ---- tooltip ----------------------------------------------------------- */

static void
set_tip_area (SculptorNetworkView *self,
              GtkTooltip          *tooltip,
              guint                unit)
{
  ScRect rect;
  double x0, y0, x1, y1;

  if (!sc_layout_unit_rect (sculptor_network_view_get_layout (self), unit, &rect))
    return;
  sculptor_network_view_layout_to_widget (self, rect.x, rect.y, &x0, &y0);
  sculptor_network_view_layout_to_widget (self, rect.x + rect.width, rect.y + rect.height, &x1, &y1);
  gtk_tooltip_set_tip_area (tooltip, &(GdkRectangle) { (int) floor (x0), (int) floor (y0),
                                                       (int) ceil (x1 - x0) + 1,
                                                       (int) ceil (y1 - y0) + 1 });
}

gboolean
_sculptor_network_view_query_tooltip (GtkWidget  *widget,
                                      int         x,
                                      int         y,
                                      gboolean    keyboard,
                                      GtkTooltip *tooltip)
{
  SculptorNetworkView *self = SCULPTOR_NETWORK_VIEW (widget);
  g_autofree char *markup = NULL;
  ScHit hit;

  if (keyboard || self->snapshot == NULL)
    return FALSE;

  hit = sculptor_network_view_hit_test_widget (self, x, y);
  if (hit.kind == SC_HIT_UNIT)
    {
      markup = _sculptor_network_describe_unit (self->snapshot, self->analysis, self->task, &hit);
      set_tip_area (self, tooltip, hit.unit);
    }
  else if ((hit.kind == SC_HIT_MODULE || hit.kind == SC_HIT_LEGEND) && hit.module >= 0)
    markup = _sculptor_network_describe_module (self->snapshot, self->analysis, self->task,
                                                (guint) hit.module);

  if (markup == NULL)
    return FALSE;
  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* ---- keys --------------------------------------------------------------- */

static void
key_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SculptorNetworkView *self = SCULPTOR_NETWORK_VIEW (widget);
  SculptorViewTransform view = self->view;
  double step_x = gtk_widget_get_width (widget) * 0.1;
  double step_y = gtk_widget_get_height (widget) * 0.1;

  if (g_str_equal (action_name, "network.zoom-in"))
    sculptor_network_view_zoom_in (self);
  else if (g_str_equal (action_name, "network.zoom-out"))
    sculptor_network_view_zoom_out (self);
  else if (g_str_equal (action_name, "network.zoom-fit"))
    sculptor_network_view_zoom_fit (self);
  else if (g_str_equal (action_name, "network.unselect"))
    {
      sculptor_network_view_set_selected_module (self, -1);
      g_signal_emit_by_name (self, "module-selected", -1);
    }
  else
    {
      int dx = 0, dy = 0;

      g_variant_get (parameter, "(ii)", &dx, &dy);
      view.x -= dx * step_x;
      view.y -= dy * step_y;
      _sculptor_network_view_set_view (self, &view);
    }
}

void
_sculptor_network_view_class_add_bindings (GtkWidgetClass *widget_class)
{
  const struct { guint key; int dx, dy; } pans[] = {
    { GDK_KEY_Left, -1, 0 }, { GDK_KEY_Right, 1, 0 }, { GDK_KEY_Up, 0, -1 }, { GDK_KEY_Down, 0, 1 },
  };

  gtk_widget_class_install_action (widget_class, "network.zoom-in", NULL, key_action);
  gtk_widget_class_install_action (widget_class, "network.zoom-out", NULL, key_action);
  gtk_widget_class_install_action (widget_class, "network.zoom-fit", NULL, key_action);
  gtk_widget_class_install_action (widget_class, "network.unselect", NULL, key_action);
  gtk_widget_class_install_action (widget_class, "network.pan", "(ii)", key_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, 0, "network.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, 0, "network.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, 0, "network.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, 0, "network.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, 0, "network.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, 0, "network.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "network.unselect", NULL);
  /* GtkWindow binds Space to activate-focus before the window's own
   * bindings see it; the view, which has the focus at start, passes it to
   * Run/Pause. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.run", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (pans); i++)
    gtk_widget_class_add_binding_action (widget_class, pans[i].key, 0, "network.pan", "(ii)",
                                         pans[i].dx, pans[i].dy);
}

void
_sculptor_network_view_add_controllers (SculptorNetworkView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *drag = gtk_gesture_drag_new ();
  GtkGesture *pinch = gtk_gesture_zoom_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (on_drag_begin), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (on_drag_update), self);
  g_signal_connect (drag, "drag-end", G_CALLBACK (on_drag_end), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  self->drag = drag;

  self->pinch = pinch;
  g_signal_connect (pinch, "begin", G_CALLBACK (on_pinch_begin), self);
  g_signal_connect (pinch, "scale-changed", G_CALLBACK (on_pinch_scale_changed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (pinch));

  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll), self);
  gtk_widget_add_controller (GTK_WIDGET (self), scroll);

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}
