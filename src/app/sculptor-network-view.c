/* sculptor-network-view.c — PLACEHOLDER, replaced by the full widget
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include "sculptor-network-view.h"

struct _SculptorNetworkView
{
  GtkWidget parent_instance;
  ScSnapshot *snapshot;
  int selected;
};

G_DEFINE_FINAL_TYPE (SculptorNetworkView, sculptor_network_view, GTK_TYPE_WIDGET)

GtkWidget *
sculptor_network_view_new (void)
{
  return g_object_new (SCULPTOR_TYPE_NETWORK_VIEW, NULL);
}

void
sculptor_network_view_set_task (SculptorNetworkView *self, ScTask *task) {}
void
sculptor_network_view_set_snapshot (SculptorNetworkView *self, ScSnapshot *snapshot, gboolean animate)
{
  g_clear_pointer (&self->snapshot, sc_snapshot_unref);
  self->snapshot = snapshot ? sc_snapshot_ref (snapshot) : NULL;
}
ScSnapshot *
sculptor_network_view_get_snapshot (SculptorNetworkView *self) { return self->snapshot; }
void
sculptor_network_view_set_title (SculptorNetworkView *self, const char *title, const char *subtitle) {}
void
sculptor_network_view_set_selected_module (SculptorNetworkView *self, int module) { self->selected = module; }
int
sculptor_network_view_get_selected_module (SculptorNetworkView *self) { return self->selected; }
void
sculptor_network_view_zoom_in (SculptorNetworkView *self) {}
void
sculptor_network_view_zoom_out (SculptorNetworkView *self) {}
void
sculptor_network_view_zoom_fit (SculptorNetworkView *self) {}

static void
sculptor_network_view_dispose (GObject *object)
{
  SculptorNetworkView *self = (SculptorNetworkView *) object;

  (void) self;
  g_clear_pointer (&self->snapshot, sc_snapshot_unref);
  G_OBJECT_CLASS (sculptor_network_view_parent_class)->dispose (object);
}

static void
sculptor_network_view_class_init (SculptorNetworkViewClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = sculptor_network_view_dispose;
  g_signal_new ("module-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 1, G_TYPE_INT);
}

static void
sculptor_network_view_init (SculptorNetworkView *self)
{
  self->selected = -1;
}
