/* sc-task-source.h — where a task comes from, to load it again elsewhere
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-task.h"

G_BEGIN_DECLS

/* A task as the command line names it (a bundled name, a task file or an
 * MNIST task) with where its digits come from: enough for another process,
 * on another machine of a cluster, to load the same task (a sweep's plan,
 * sc-sweep-plan.h). */
typedef struct
{
  char  *name;           /* bundled name, MNIST task name or task file (absolute) */
  char  *mnist_images;   /* IDX file (absolute), or NULL: the default digits */
  char  *mnist_labels;
  guint  mnist_train;    /* composites per class; 0: the default */
  guint  mnist_test;
} ScTaskSource;

/* Everything as given (copied). */
void      sc_task_source_init      (ScTaskSource        *source,
                                    const char          *name,
                                    const char          *mnist_images,
                                    const char          *mnist_labels,
                                    guint                mnist_train,
                                    guint                mnist_test);
/* A copy of src for another process, maybe in another directory: the
 * path of a task file and of the data made absolute. */
void      sc_task_source_copy_absolute (ScTaskSource     *dest,
                                    const ScTaskSource  *src);
void      sc_task_source_clear     (ScTaskSource        *source);
ScTask   *sc_task_source_load      (const ScTaskSource  *source,
                                    GError             **error);

/* As a JSON object ("name", and the data members when set). */
void      sc_task_source_to_json   (const ScTaskSource  *source,
                                    JsonBuilder         *builder);
gboolean  sc_task_source_from_json (ScTaskSource        *source,
                                    JsonObject          *object,
                                    GError             **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ScTaskSource, sc_task_source_clear)

G_END_DECLS
