/* sc-memory.h — the memory a run needs, known before it starts
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A width typed with one zero too many (--arch 4,4000,4000,4) makes a run
 * that grows for minutes and then fails for lack of memory. The estimate
 * below is computed from the architecture alone, and a run over the limit
 * is refused before any training, with the estimate in the message.
 */

#pragma once

#include <glib.h>

#include "sc-hyper.h"
#include "sc-task.h"

G_BEGIN_DECLS

/* Bytes, by what needs them. An upper bound: it assumes the final network
 * may stay dense when the result is written. */
typedef struct
{
  guint64 program;     /* the program and its libraries */
  guint64 training;    /* the network, its copies, Adam's moments, gradients, activations */
  guint64 snapshots;   /* networks kept: dense, after unit pruning, per edge run, per step */
  guint64 data;        /* training and test sets */
  guint64 detection;   /* the distance matrix of the widest layer */
  guint64 result;      /* writing result.json of a dense final network */
  guint64 total;
} ScMemoryEstimate;

/* @param step_snapshots  every step keeps its network (the app, --snapshots) */
void     sc_memory_estimate_run   (const ScTask     *task,
                                   const ScHyper    *hyper,
                                   gboolean          step_snapshots,
                                   ScMemoryEstimate *estimate);

/* "4G", "512M", "1.5GiB", "2048" (bytes); "none" for no limit
 * (G_MAXUINT64). Units are binary (1K = 1024). */
gboolean sc_memory_parse_size     (const char       *text,
                                   guint64          *bytes,
                                   GError          **error);

/* The limit when none is given: SCULPTOR_MEMORY_LIMIT if set, else half of
 * the physical memory, and never more than the process's own limits
 * (ulimit -v, -d). @source (out) (optional): where it comes from, for
 * messages. FALSE with error if SCULPTOR_MEMORY_LIMIT does not parse. */
gboolean sc_memory_default_limit  (guint64          *limit,
                                   const char      **source,
                                   GError          **error);

/* Refuses (SC_ERROR_INVALID) an estimate over limit, naming the total,
 * its parts and the limit with its source ("--memory-limit").
 * @param limit   bytes; 0 for sc_memory_default_limit() */
gboolean sc_memory_check          (const ScMemoryEstimate *estimate,
                                   guint64                 limit,
                                   const char             *limit_source,
                                   GError                **error);
/* sc_memory_estimate_run(), then sc_memory_check(). */
gboolean sc_memory_check_run      (const ScTask     *task,
                                   const ScHyper    *hyper,
                                   gboolean          step_snapshots,
                                   guint64           limit,
                                   const char       *limit_source,
                                   GError          **error);

G_END_DECLS
