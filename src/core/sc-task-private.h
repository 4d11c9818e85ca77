/* sc-task-private.h — helpers shared by the task loaders
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-hyper.h"
#include "sc-task.h"

G_BEGIN_DECLS

/* Architecture used when a task file gives none: two hidden layers of 24,
 * n-24-24-m. One hidden layer (the reference's [4,24,4] default) cannot
 * express reuse or hierarchy (method.md §7), so two is the safer guess. */
void   sc_task_fallback_arch        (ScHyper    *hyper,
                                     guint       n_in,
                                     guint       n_out);
/* Batch size used when a task file gives none: 8 (the reference default)
 * up to 64 rows, else rows / 8 capped at 256, so an epoch stays about
 * eight Adam steps like the paper's 16–256-row tasks (8–128 per batch). */
guint  sc_task_fallback_batch_size  (guint       n_rows);

/* The file name without directories and without its last extension. */
char  *sc_task_name_from_path       (const char *path);

G_END_DECLS
