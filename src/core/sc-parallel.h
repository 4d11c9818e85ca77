/* sc-parallel.h — the large products' threads
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef void (*ScParallelFunc) (guint    task,
                                gpointer data);

/* Runs func (t, data) for every t in 0 … n_tasks − 1, each task on one
 * thread, in the numeric core's floating-point mode (sc-fpmode.h): the
 * calling thread takes tasks one after another and up to n_threads − 1
 * helper threads join in as they wake up. The caller waits only for tasks
 * a helper has started, never for a helper to arrive, so a helper that the
 * operating system does not schedule (a busy machine) costs nothing — the
 * caller does its share. One caller at a time uses the helpers; another
 * runs its tasks alone. */
void sc_parallel_run (guint          n_tasks,
                      guint          n_threads,
                      ScParallelFunc func,
                      gpointer       data);

G_END_DECLS
