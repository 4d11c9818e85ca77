/* sculptor-window-state.h — the window's state across runs of the app
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sculptor-window.h"

G_BEGIN_DECLS

/* At the end of the window's init: size, maximized, speed, live detection,
 * the last task and its settings, and from now on the family architecture
 * preference whenever a task is chosen. No-op without settings. */
void _sculptor_window_state_restore (SculptorWindow *self);
/* On close: stores what restore reads. */
void _sculptor_window_state_save    (SculptorWindow *self);

G_END_DECLS
