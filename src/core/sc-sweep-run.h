/* sc-sweep-run.h — one run of a sweep, read back as a run the app shows
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-pipeline.h"
#include "sc-sweep.h"

G_BEGIN_DECLS

/* Run index of sweep (done) as an ScRun of task: the plan's settings for
 * it, one edge run per Pe and, as its steps, each Pe's final network in
 * the edge stage (a run file keeps no other network), analysed and scored
 * against task's truth. The run's final network is that of Pe position pe
 * (its chosen edge run). Errors name the run file; a run without result
 * (§9.9) is SC_ERROR_NO_RESULT. */
ScRun *sc_sweep_run_load (const ScSweep  *sweep,
                          ScTask         *task,
                          guint           index,
                          guint           pe,
                          GError        **error);

G_END_DECLS
