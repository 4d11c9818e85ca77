/* sculptor-window.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-task.h"
#include "sculptor-application.h"

G_BEGIN_DECLS

#define SCULPTOR_TYPE_WINDOW (sculptor_window_get_type ())
G_DECLARE_FINAL_TYPE (SculptorWindow, sculptor_window, SCULPTOR, WINDOW, GtkApplicationWindow)

SculptorWindow *sculptor_window_new       (SculptorApplication *app);
/* A function-graph file, a CSV truth table or a saved run (.json); a saved
 * run is read on a worker thread and shown when it is ready. */
void            sculptor_window_open_file (SculptorWindow      *self,
                                           GFile               *file);

/* A sweep directory (or its sweep.json or plan.json), in a new sweep
 * browser window once its plan and task are read; errors in a dialog. */
void            sculptor_window_open_sweep (SculptorWindow     *self,
                                            const char         *path);
/* Run index of the sweep in dir, its Pe position pe on screen, with a
 * step per Pe on the timeline (read on a worker thread). */
void            sculptor_window_open_sweep_run (SculptorWindow *self,
                                            const char         *dir,
                                            ScTask             *task,
                                            guint               index,
                                            guint               pe);

G_END_DECLS
