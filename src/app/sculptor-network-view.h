/* sculptor-network-view.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-analysis.h"
#include "sc-lesion.h"
#include "sc-render.h"
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
/* Shows snapshot (may be NULL) with analysis's modules (NULL: grey
 * units); animates from the previous one. */
void        sculptor_network_view_set_snapshot      (SculptorNetworkView *self,
                                                     ScSnapshot          *snapshot,
                                                     ScAnalysis          *analysis,
                                                     gboolean             animate);
ScSnapshot *sculptor_network_view_get_snapshot      (SculptorNetworkView *self);
ScAnalysis *sculptor_network_view_get_analysis      (SculptorNetworkView *self);
/* NULL title: the task's title, and a subtitle describing the network. */
void        sculptor_network_view_set_title         (SculptorNetworkView *self,
                                                     const char          *title,
                                                     const char          *subtitle);
/* What the empty view says (no snapshot yet); NULL title: "Press Run …". */
void        sculptor_network_view_set_placeholder   (SculptorNetworkView *self,
                                                     const char          *title,
                                                     const char          *subtitle);
/* The colours of the next snapshot's modules (copied; NULL: by id); set
 * before sculptor_network_view_set_snapshot(). */
void        sculptor_network_view_set_module_colors (SculptorNetworkView  *self,
                                                     const ScModuleColors *colors);
/* The network with modules whose layout the next snapshots without
 * modules are drawn in (the view sets it itself when following a run;
 * scrubbing sets the one before the step shown), or NULL. */
void        sculptor_network_view_set_layout_base   (SculptorNetworkView  *self,
                                                     ScSnapshot           *base,
                                                     ScAnalysis           *analysis,
                                                     const ScModuleColors *colors);
/* What-if changes of the snapshot shown, drawn greyed (copied; NULL or
 * empty: none). */
void        sculptor_network_view_set_lesion        (SculptorNetworkView *self,
                                                     const ScLesion      *lesion);
/* The what-if menu of a secondary click at (x, y) in widget coordinates:
 * prune or restore the hidden unit or the edge there, knock out or bring
 * back its module, restore the run's network. Its items activate
 * win.whatif-unit (u: global unit), win.whatif-edge ((uuu): layer k, i, j),
 * win.knock-out-id (u: merged module id) and win.whatif-restore.
 * @return (transfer full) (nullable): NULL when nothing is offered there */
GMenuModel *sculptor_network_view_whatif_menu_at    (SculptorNetworkView *self,
                                                     double               x,
                                                     double               y);
/* Module index into analysis->modules->modules, or -1. */
void        sculptor_network_view_set_selected_module (SculptorNetworkView *self,
                                                     int                  module);
int         sculptor_network_view_get_selected_module (SculptorNetworkView *self);
/* Layers bottom-up like the paper's figures, or left to right. */
void        sculptor_network_view_set_orientation   (SculptorNetworkView *self,
                                                     ScOrientation        orientation);
ScOrientation sculptor_network_view_get_orientation (SculptorNetworkView *self);
void        sculptor_network_view_zoom_in           (SculptorNetworkView *self);
void        sculptor_network_view_zoom_out          (SculptorNetworkView *self);
void        sculptor_network_view_zoom_fit          (SculptorNetworkView *self);

/* Zooms by factor keeping the point (x, y) of the widget in place. */
void        sculptor_network_view_zoom_at           (SculptorNetworkView *self,
                                                     double               factor,
                                                     double               x,
                                                     double               y);
/* The view transform: widget = (x, y) + zoom · layout. Fit is zoom 1 at
 * (0, 0): the layout is computed for the widget's size. */
void        sculptor_network_view_get_transform     (SculptorNetworkView *self,
                                                     double              *zoom,
                                                     double              *x,
                                                     double              *y);

/* The layout of the frame on screen (layout coordinates), or NULL before
 * the first frame is drawn. Frames are drawn on a worker thread. */
const ScLayout *sculptor_network_view_get_layout    (SculptorNetworkView *self);
/* TRUE while a frame is being drawn or waits to be. */
gboolean    sculptor_network_view_is_busy           (SculptorNetworkView *self);
/* TRUE while pruned parts are fading out. */
gboolean    sculptor_network_view_is_animating      (SculptorNetworkView *self);

void        sculptor_network_view_layout_to_widget  (SculptorNetworkView *self,
                                                     double               layout_x,
                                                     double               layout_y,
                                                     double              *widget_x,
                                                     double              *widget_y);
/* What is at (x, y) in widget coordinates: the legend as drawn (it does
 * not zoom), else the network under the inverse of the zoom and pan. */
ScHit       sculptor_network_view_hit_test_widget   (SculptorNetworkView *self,
                                                     double               x,
                                                     double               y);
/* What a primary click at (x, y) does: selects the module of the unit, box
 * or legend entry there (-1 on empty space) and emits "module-selected".
 * @return the module index selected, or -1 */
int         sculptor_network_view_activate_at       (SculptorNetworkView *self,
                                                     double               x,
                                                     double               y);

G_END_DECLS
