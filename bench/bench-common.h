/* bench-common.h — shared setup of the benchmark programs
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-hyper.h"
#include "sc-task.h"

G_BEGIN_DECLS

/* What both programs accept: a task, a seed and hyper-parameter overrides
 * ("key=value", keys as in `sculptor-cli run`). */
typedef struct
{
  gint64   seed;
  char   **set;        /* "key=value" overrides */
  gboolean csv;        /* print the task's truth table and exit */
  gboolean defaults;   /* print the effective hyper-parameters and exit */
} BenchArgs;

/* Parses the command line (entries added to the common ones), loads the
 * task and fills hyper with its defaults, §9.4's validation loss (the
 * reference's rule, so both sides select epochs alike), the overrides and
 * the seed. Returns an exit status >= 0 when the program should exit now
 * (errors printed, or --csv / --defaults handled), -1 to go on. */
int         bench_setup          (int            *argc,
                                  char         ***argv,
                                  const char     *summary,
                                  GOptionEntry   *extra,
                                  BenchArgs      *args,
                                  ScTask        **task,
                                  ScHyper        *hyper);

/* Applies "key=value" overrides (keys as in `sculptor-cli run`). */
gboolean    bench_apply_overrides (ScHyper       *hyper,
                                   char * const  *set,
                                   GError       **error);

/* A builder opened on an object holding the fields every result carries. */
JsonBuilder *bench_result_begin  (const char    *mode,
                                  const ScTask  *task,
                                  const ScHyper *hyper);

/* Adds the process's own peak RSS (VmHWM), closes the object and prints
 * it on stdout. */
void         bench_result_print  (JsonBuilder   *builder);

G_END_DECLS
