/* sculptor-network-view-whatif.c — the what-if menu of a unit or an edge
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sculptor-network-view-private.h"

/* Pointer distance (widget pixels) within which an edge is hit. */
#define EDGE_TOLERANCE 4.0

static gboolean
unit_flag (const guint8 *flags,
           guint         unit)
{
  return flags != NULL && flags[unit];
}

static void
add_unit_items (SculptorNetworkView *self,
                GMenu               *section,
                const ScHit         *hit)
{
  const ScLesion *lesion = self->lesion;
  guint last = self->snapshot->n_layers - 1;
  g_autofree char *label = NULL;
  g_autoptr(GMenuItem) item = NULL;

  if (hit->layer == 0 || hit->layer == last)
    return;
  if (lesion && unit_flag (lesion->pruned_units, hit->unit))
    label = g_strdup_printf (_("Restore Unit %u of Layer %u"), hit->index, hit->layer);
  else
    label = g_strdup_printf (_("Prune Unit %u of Layer %u"), hit->index, hit->layer);
  item = g_menu_item_new (label, NULL);
  g_menu_item_set_action_and_target_value (item, "win.whatif-unit",
                                           g_variant_new_uint32 (hit->unit));
  g_menu_append_item (section, item);
}

static gboolean
module_silenced (SculptorNetworkView *self,
                 guint                id)
{
  int m;

  if (self->lesion == NULL || self->analysis == NULL ||
      (m = sc_module_graph_find (self->analysis->modules, id)) < 0)
    return FALSE;
  return sc_lesion_module_silenced (self->lesion, &self->analysis->modules->modules[m]);
}

static void
add_module_item (SculptorNetworkView *self,
                 GMenu               *section,
                 int                  id)
{
  g_autofree char *label = NULL;
  g_autoptr(GMenuItem) item = NULL;

  if (id < 0)
    return;
  label = module_silenced (self, (guint) id)
          ? g_strdup_printf (_("Bring Back M%d"), id)
          : g_strdup_printf (_("Knock Out M%d"), id);
  item = g_menu_item_new (label, NULL);
  g_menu_item_set_action_and_target_value (item, "win.knock-out-id",
                                           g_variant_new_uint32 ((guint) id));
  g_menu_append_item (section, item);
}

static gboolean
edge_at (SculptorNetworkView *self,
         double               x,
         double               y,
         guint               *k,
         guint               *i,
         guint               *j)
{
  if (self->frame == NULL || self->frame->layout == NULL || self->frame->scene.mask == NULL ||
      self->frame->request.snapshot != self->snapshot)
    return FALSE;
  return sc_layout_hit_edge (self->frame->layout, self->frame->scene.mask,
                             (x - self->view.x) / self->view.zoom,
                             (y - self->view.y) / self->view.zoom,
                             EDGE_TOLERANCE / self->view.zoom, k, i, j);
}

static void
add_edge_item (SculptorNetworkView *self,
               GMenu               *section,
               guint                k,
               guint                i,
               guint                j)
{
  const ScLesion *lesion = self->lesion;
  gboolean pruned = lesion && lesion->pruned_edges->m[k][(gsize) j * lesion->arch[k] + i];
  g_autoptr(GMenuItem) item = g_menu_item_new (pruned ? _("Restore This Edge")
                                                      : _("Prune This Edge"), NULL);

  g_menu_item_set_action_and_target_value (item, "win.whatif-edge",
                                           g_variant_new ("(uuu)", k, i, j));
  g_menu_append_item (section, item);
}

GMenuModel *
sculptor_network_view_whatif_menu_at (SculptorNetworkView *self,
                                      double               x,
                                      double               y)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  ScHit hit;
  guint k, i, j;

  g_return_val_if_fail (SCULPTOR_IS_NETWORK_VIEW (self), NULL);

  if (self->snapshot == NULL)
    return NULL;

  hit = sculptor_network_view_hit_test_widget (self, x, y);
  if (hit.kind == SC_HIT_UNIT)
    {
      add_unit_items (self, section, &hit);
      add_module_item (self, section, hit.module);
    }
  else if (edge_at (self, x, y, &k, &i, &j))
    add_edge_item (self, section, k, i, j);
  else if (hit.kind == SC_HIT_MODULE)
    add_module_item (self, section, hit.module);
  if (g_menu_model_get_n_items (G_MENU_MODEL (section)) > 0)
    g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  if (self->lesion != NULL)
    {
      g_autoptr(GMenu) restore = g_menu_new ();

      g_menu_append (restore, _("Restore the Run's Network"), "win.whatif-restore");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (restore));
    }

  if (g_menu_model_get_n_items (G_MENU_MODEL (menu)) == 0)
    return NULL;
  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
popup_at (SculptorNetworkView *self,
          double               x,
          double               y)
{
  g_autoptr(GMenuModel) model = sculptor_network_view_whatif_menu_at (self, x, y);

  if (model == NULL)
    return;
  if (self->whatif_menu == NULL)
    {
      self->whatif_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->whatif_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->whatif_menu), FALSE);
      gtk_widget_set_halign (self->whatif_menu, GTK_ALIGN_START);
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->whatif_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->whatif_menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->whatif_menu));
}

static void
on_secondary_pressed (GtkGestureClick     *gesture,
                      int                  n_press,
                      double               x,
                      double               y,
                      SculptorNetworkView *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  popup_at (self, x, y);
}

static void
on_long_pressed (GtkGestureLongPress *gesture,
                 double               x,
                 double               y,
                 SculptorNetworkView *self)
{
  popup_at (self, x, y);
}

/* Menu or Shift+F10: the menu of the selected module, or of the middle
 * of the view. */
static void
menu_key_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  SculptorNetworkView *self = SCULPTOR_NETWORK_VIEW (widget);
  const ScLayout *layout = sculptor_network_view_get_layout (self);
  double x = gtk_widget_get_width (widget) / 2.0, y = gtk_widget_get_height (widget) / 2.0;
  int module = sculptor_network_view_get_selected_module (self);

  if (layout && module >= 0 && self->snapshot && self->analysis &&
      (guint) module < self->analysis->modules->n_modules)
    {
      const ScLayoutBox *box = sc_layout_find_box (layout, self->analysis->modules->modules[module].id);

      if (box)
        sculptor_network_view_layout_to_widget (self, box->rect.x + box->rect.width / 2,
                                                box->rect.y + box->rect.height / 2, &x, &y);
    }
  popup_at (self, x, y);
}

void
_sculptor_network_view_class_add_whatif_bindings (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "network.whatif-menu", NULL, menu_key_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Menu, 0, "network.whatif-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK,
                                       "network.whatif-menu", NULL);
}

void
_sculptor_network_view_add_whatif_menu (SculptorNetworkView *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *press = gtk_gesture_long_press_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_secondary_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_touch_only (GTK_GESTURE_SINGLE (press), TRUE);
  g_signal_connect (press, "pressed", G_CALLBACK (on_long_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (press));
}
