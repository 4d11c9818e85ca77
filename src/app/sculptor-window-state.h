/* sculptor-window-state.h — the window's state across runs of the app
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sculptor-window.h"

G_BEGIN_DECLS

/* Called by the application on each window it makes, before presenting
 * it: size, maximized, speed, live detection, the last task and its
 * settings, and from then on the family architecture preference whenever
 * a task is chosen. No-op without settings. */
void _sculptor_window_state_restore (SculptorWindow *self);
/* On close: stores what restore reads; only for restored windows, so that
 * windows made elsewhere (tests) neither read nor write the state. */
void _sculptor_window_state_save    (SculptorWindow *self);

G_END_DECLS
