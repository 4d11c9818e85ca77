/* sculptor-network-view.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-snapshot.h"
#include "sc-task.h"

G_BEGIN_DECLS

/* The live network: the core renderer on screen, with zoom (scroll, pinch,
 * keys), pan (drag), fit-to-window, hover tooltips and selection. Pruned
 * units and edges fade out over a few frames when a newer snapshot
 * arrives. */
#define SCULPTOR_TYPE_NETWORK_VIEW (sculptor_network_view_get_type ())
G_DECLARE_FINAL_TYPE (SculptorNetworkView, sculptor_network_view, SCULPTOR, NETWORK_VIEW, GtkWidget)

GtkWidget  *sculptor_network_view_new               (void);
void        sculptor_network_view_set_task          (SculptorNetworkView *self,
                                                     ScTask              *task);
/* Shows snapshot (may be NULL); animates from the previous one. */
void        sculptor_network_view_set_snapshot      (SculptorNetworkView *self,
                                                     ScSnapshot          *snapshot,
                                                     gboolean             animate);
ScSnapshot *sculptor_network_view_get_snapshot      (SculptorNetworkView *self);
void        sculptor_network_view_set_title         (SculptorNetworkView *self,
                                                     const char          *title,
                                                     const char          *subtitle);
/* Module index into snapshot->modules->modules, or -1. */
void        sculptor_network_view_set_selected_module (SculptorNetworkView *self,
                                                     int                  module);
int         sculptor_network_view_get_selected_module (SculptorNetworkView *self);
void        sculptor_network_view_zoom_in           (SculptorNetworkView *self);
void        sculptor_network_view_zoom_out          (SculptorNetworkView *self);
void        sculptor_network_view_zoom_fit          (SculptorNetworkView *self);

G_END_DECLS
