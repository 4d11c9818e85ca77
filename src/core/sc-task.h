/* sc-task.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-dataset.h"
#include "sc-hyper.h"
#include "sc-truth.h"

G_BEGIN_DECLS

typedef enum
{
  SC_TASK_BOOLEAN,   /* full truth table; train = validation = test (method.md §1.1) */
  SC_TASK_IMAGE,     /* images (MNIST composites): separate train and test splits */
} ScTaskKind;

/* A learning task: data, optional ground truth and default hyper-parameters.
 * Immutable after loading and reference counted (shared with the worker). */
typedef struct
{
  ScTaskKind  kind;
  char       *name;          /* "exemplar/input-separable", or the file's basename */
  char       *title;         /* human-readable, e.g. "Input separable" */
  char       *family;        /* "Exemplars", …; NULL for user files */
  char       *spec;          /* the paper's modularity spec "[4,2,4]", or NULL */
  char       *description;   /* one paragraph, may be NULL */
  char       *path;          /* file it was read from, NULL for built-in tasks */
  guint       n_in;
  guint       n_out;
  char      **input_names;   /* n_in, NULL-terminated */
  char      **output_names;  /* n_out, NULL-terminated */
  ScDataset  *train;
  ScDataset  *test;          /* validation and test set; == train for Boolean tasks */
  ScTruth    *truth;         /* NULL when unknown (CSV) */
  ScHyper     defaults;      /* the paper's settings for this task */
  GArray     *paper;         /* ScPaperSetting per architecture the paper used
                              * (sc-paper.h); empty when unknown */
  guint       image_width;   /* image tasks: 56 */
  guint       image_height;  /* image tasks: 28 */
} ScTask;

ScTask     *sc_task_new              (void);   /* refcount 1, defaults initialised */
ScTask     *sc_task_ref              (ScTask      *task);
void        sc_task_unref            (ScTask      *task);

/* Loads a function-graph file (any extension but .csv) or a CSV truth
 * table (.csv). Errors name the file and line. */
ScTask     *sc_task_load_file        (const char  *path,
                                      GError     **error);
ScTask     *sc_task_load_csv         (const char  *path,
                                      GError     **error);
ScTask     *sc_task_parse_graph      (const char  *text,
                                      const char  *filename,   /* for messages */
                                      GError     **error);

/* Built-in tasks, compiled into the library as resources. Names look like
 * "exemplar/input-separable", "reuse/k8", "overlap/o2-k8", "levels/k8". */
const char * const *sc_task_bundled_names (void);
ScTask     *sc_task_load_bundled     (const char  *name,
                                      GError     **error);
/* A bundled name, else a file path. */
ScTask     *sc_task_lookup           (const char  *name_or_path,
                                      GError     **error);

/* The truth table as CSV (header x0,…,y0,…), the same format the CSV
 * loader reads. Boolean tasks only. */
char       *sc_task_to_csv           (const ScTask *task);
/* "Title [spec]" as figures and windows show a task: the title (or the
 * name when there is none) in the user's language, then the spec when
 * known. */
char       *sc_task_format_title     (const char   *title,
                                      const char   *spec);
char       *sc_task_display_title    (const ScTask *task);

/* The texts of a task in the user's language: the bundled tasks' titles,
 * families and descriptions are in the translation catalog
 * (sc-task-strings.c); any other text is shown as written. The task
 * keeps its English texts: run files and settings use them. */
const char *sc_task_translate        (const char   *text);
const char *sc_task_get_title        (const ScTask *task);   /* the name when untitled */
const char *sc_task_get_family       (const ScTask *task);   /* may be NULL */
const char *sc_task_get_description  (const ScTask *task);   /* may be NULL */
/* Every title, family and description of the bundled tasks, as marked for
 * translation; NULL-terminated. */
const char * const *sc_task_bundled_texts (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScTask, sc_task_unref)

G_END_DECLS
