/* sculptor-preferences.h — the app's GSettings and what they change
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-hyper.h"
#include "sc-linalg.h"
#include "sc-task.h"

G_BEGIN_DECLS

/* Values of the "style" key. */
typedef enum
{
  SCULPTOR_STYLE_SYSTEM,
  SCULPTOR_STYLE_LIGHT,
  SCULPTOR_STYLE_DARK,
} SculptorStyle;

/* The task families of the "default-architectures" preference: the family
 * names of the bundled and MNIST tasks (untranslated keys) with their
 * translated labels. NULL-terminated, in display order. */
typedef struct
{
  const char *family;
  const char *label;     /* translate with _() */
} SculptorFamily;

const SculptorFamily *sculptor_preferences_families       (void);

/* The settings of schema APP_ID, shared by the process; NULL when the
 * schema is installed neither system-wide nor in the build directory (then
 * nothing persists and the defaults apply). The caller does not own it. */
GSettings  *sculptor_preferences_get_settings   (void);

/* At application startup: OpenBLAS threads, MNIST location and style from
 * the settings, and keeps the last two in step with later changes. */
void        sculptor_preferences_startup        (GtkApplication *app);

/* Sets OpenBLAS to the "blas-threads" preference (1 without settings).
 * Called before each run, never while one computes. */
void        sculptor_preferences_apply_threads  (void);

/* The products training uses: portable ("reproducible-products", the
 * default and without settings) or OpenBLAS. */
ScBackend   sculptor_preferences_get_backend    (void);

/* Hidden widths "24,24" → the architecture "n_in,24,24,n_out", checked as
 * sc_hyper_set() and sc_hyper_validate() do. */
char       *sculptor_preferences_compose_arch   (const char     *hidden,
                                                 guint           n_inputs,
                                                 guint           n_outputs,
                                                 GError        **error);

/* The hyper-parameters a task starts with: its defaults, with the
 * architecture of its family's preference when one is set and fits. hyper
 * is initialised here; clear it with sc_hyper_clear(). */
void        sculptor_preferences_task_hyper     (const ScTask   *task,
                                                 ScHyper        *hyper);

G_END_DECLS
