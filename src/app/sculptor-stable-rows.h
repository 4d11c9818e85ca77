/* sculptor-stable-rows.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A list model that shows another model's items through slots that stay:
 * when the source is replaced by another one (a new tree of modules after
 * each detected step), slot i shows the new source's item i, so that a
 * list view keeps the row widgets it made for the slots and only updates
 * what they show ("notify::item"). Changes inside a source (rows expanded
 * or collapsed) are passed on as they are, with new slots for new items. */
#define SCULPTOR_TYPE_ROW_SLOT (sculptor_row_slot_get_type ())
G_DECLARE_FINAL_TYPE (SculptorRowSlot, sculptor_row_slot, SCULPTOR, ROW_SLOT, GObject)

/* transfer none; the source's item in this slot's position */
gpointer sculptor_row_slot_get_item (SculptorRowSlot *self);

#define SCULPTOR_TYPE_STABLE_ROWS (sculptor_stable_rows_get_type ())
G_DECLARE_FINAL_TYPE (SculptorStableRows, sculptor_stable_rows, SCULPTOR, STABLE_ROWS, GObject)

SculptorStableRows *sculptor_stable_rows_new        (void);
/* source may be NULL (no rows) */
void                sculptor_stable_rows_set_source (SculptorStableRows *self,
                                                     GListModel         *source);
GListModel         *sculptor_stable_rows_get_source (SculptorStableRows *self);
void                sculptor_stable_rows_set_max_growth (SculptorStableRows *self,
                                                         guint               max_growth);
guint               sculptor_stable_rows_get_n_pending  (SculptorStableRows *self);
gboolean            sculptor_stable_rows_grow           (SculptorStableRows *self);
void                sculptor_stable_rows_reveal         (SculptorStableRows *self,
                                                         guint               position);

G_END_DECLS
