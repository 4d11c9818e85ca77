/* sculptor-sweep-window.h — the sweep browser
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-select.h"
#include "sc-sweep-table.h"

G_BEGIN_DECLS

/* A sweep directory, live: a grid per architecture (sculptor-sweep-grid.h)
 * that follows the directory while runs finish, each seed's chosen network
 * under a rule, and the paper's success-rate figures once every run is
 * finished. Clicking a run opens it in a main window. */
#define SCULPTOR_TYPE_SWEEP_WINDOW (sculptor_sweep_window_get_type ())
G_DECLARE_FINAL_TYPE (SculptorSweepWindow, sculptor_sweep_window, SCULPTOR, SWEEP_WINDOW,
                      GtkApplicationWindow)

/* How often the directory is looked at. */
#define SCULPTOR_SWEEP_POLL_MS 1000
/* At most about this long reading run files per look: a big sweep (MNIST
 * networks take a while to analyse) shows up a part at a time. */
#define SCULPTOR_SWEEP_READ_BUDGET_S 0.5

/* Takes sweep over; task is referenced. */
SculptorSweepWindow *sculptor_sweep_window_new (GtkApplication *app,
                                                ScSweep        *sweep,
                                                ScTask         *task,
                                                ScSelectRule    rule,
                                                double          band);

/* A click opens runs in opener (a SculptorWindow, weak) while it is
 * there, else in another main window of the application. */
void                 sculptor_sweep_window_set_opener (SculptorSweepWindow *self,
                                                      GtkWindow           *opener);
const ScSweepTable  *sculptor_sweep_window_get_table (SculptorSweepWindow *self);
/* The grid of architecture cell (for tests). */
GtkWidget           *sculptor_sweep_window_get_grid  (SculptorSweepWindow *self,
                                                      guint                cell);
/* Times the directory has been read (a read in flight not counted). */
guint                sculptor_sweep_window_get_n_reads (SculptorSweepWindow *self);
void                 sculptor_sweep_window_set_rule  (SculptorSweepWindow *self,
                                                      ScSelectRule         rule);
/* "3 of 8 runs finished …" */
const char          *sculptor_sweep_window_get_status (SculptorSweepWindow *self);
/* The report pane. */
GtkWidget           *sculptor_sweep_window_get_report (SculptorSweepWindow *self);

G_END_DECLS
