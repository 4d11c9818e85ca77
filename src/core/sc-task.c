/* sc-task.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <string.h>

#include "sc-error.h"
#include "sc-file.h"
#include "sc-funcgraph.h"
#include "sc-mnist.h"
#include "sc-paper.h"
#include "sc-task.h"
#include "sc-task-private.h"

ScTask *
sc_task_new (void)
{
  ScTask *task = g_atomic_rc_box_new0 (ScTask);

  task->kind = SC_TASK_BOOLEAN;
  sc_hyper_init_defaults (&task->defaults);
  task->paper = sc_paper_table_new ();
  return task;
}

const char *
sc_task_translate (const char *text)
{
  /* "" would look up the catalog's header */
  if (text == NULL || text[0] == '\0')
    return text;
  return g_dgettext (GETTEXT_PACKAGE, text);
}

const char *
sc_task_get_title (const ScTask *task)
{
  g_return_val_if_fail (task != NULL, NULL);

  return task->title != NULL ? sc_task_translate (task->title) : task->name;
}

const char *
sc_task_get_family (const ScTask *task)
{
  g_return_val_if_fail (task != NULL, NULL);

  return sc_task_translate (task->family);
}

const char *
sc_task_get_description (const ScTask *task)
{
  g_return_val_if_fail (task != NULL, NULL);

  return sc_task_translate (task->description);
}

char *
sc_task_format_title (const char *title,
                      const char *spec)
{
  title = title != NULL ? sc_task_translate (title) : "";
  return g_strdup_printf ("%s%s%s", title, spec ? " " : "", spec ? spec : "");
}

char *
sc_task_display_title (const ScTask *task)
{
  g_return_val_if_fail (task != NULL, NULL);

  return sc_task_format_title (task->title ? task->title : task->name, task->spec);
}

ScTask *
sc_task_ref (ScTask *task)
{
  g_return_val_if_fail (task != NULL, NULL);

  return g_atomic_rc_box_acquire (task);
}

static void
task_clear (gpointer data)
{
  ScTask *task = data;

  g_free (task->name);
  g_free (task->title);
  g_free (task->family);
  g_free (task->spec);
  g_free (task->description);
  g_free (task->path);
  g_strfreev (task->input_names);
  g_strfreev (task->output_names);
  g_clear_pointer (&task->train, sc_dataset_unref);
  g_clear_pointer (&task->test, sc_dataset_unref);
  g_clear_pointer (&task->truth, sc_truth_free);
  sc_hyper_clear (&task->defaults);
  g_clear_pointer (&task->paper, g_array_unref);
}

void
sc_task_unref (ScTask *task)
{
  g_return_if_fail (task != NULL);

  g_atomic_rc_box_release_full (task, task_clear);
}

/* ------------------------------------------------------------------ */
/* Fallback defaults (sc-task-private.h) */

void
sc_task_fallback_arch (ScHyper *hyper,
                       guint    n_in,
                       guint    n_out)
{
  const guint arch[] = { n_in, 24, 24, n_out };

  g_assert (hyper != NULL);

  g_array_set_size (hyper->arch, 0);
  g_array_append_vals (hyper->arch, arch, G_N_ELEMENTS (arch));
}

guint
sc_task_fallback_batch_size (guint n_rows)
{
  if (n_rows <= 64)
    return 8;
  return MIN (n_rows / 8, 256);
}

char *
sc_task_name_from_path (const char *path)
{
  char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');

  if (dot != NULL && dot != base)
    *dot = '\0';
  return base;
}

/* ------------------------------------------------------------------ */
/* Function graphs */

static char **
names_to_strv (GPtrArray *names)
{
  char **strv = g_new0 (char *, names->len + 1);

  for (guint i = 0; i < names->len; i++)
    strv[i] = g_strdup (g_ptr_array_index (names, i));
  return strv;
}

ScTask *
sc_task_parse_graph (const char  *text,
                     const char  *filename,
                     GError     **error)
{
  g_autoptr(ScFuncGraph) graph = NULL;
  ScTask *task;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!(graph = sc_funcgraph_parse (text, filename, error)))
    return NULL;

  task = sc_task_new ();
  task->kind = SC_TASK_BOOLEAN;
  task->name = graph->name ? g_strdup (graph->name)
                           : sc_task_name_from_path (filename ? filename : "task");
  task->title = g_strdup (graph->title ? graph->title : task->name);
  task->family = g_strdup (graph->family);
  task->spec = g_strdup (graph->spec);
  task->description = g_strdup (graph->description);
  task->n_in = graph->inputs->len;
  task->n_out = graph->outputs->len;
  task->input_names = names_to_strv (graph->inputs);
  task->output_names = names_to_strv (graph->outputs);
  /* Boolean tasks train and test on the same full truth table (§1.1) */
  task->train = sc_funcgraph_eval (graph);
  task->test = sc_dataset_ref (task->train);
  task->truth = sc_funcgraph_truth (graph);
  sc_hyper_clear (&task->defaults);
  sc_hyper_copy (&task->defaults, &graph->defaults);
  g_array_unref (task->paper);
  task->paper = g_steal_pointer (&graph->paper);

  return task;
}

/* ------------------------------------------------------------------ */
/* Files */

static gboolean
is_csv_path (const char *path)
{
  const char *dot = strrchr (path, '.');

  return dot != NULL && g_ascii_strcasecmp (dot, ".csv") == 0;
}

ScTask *
sc_task_load_file (const char  *path,
                   GError     **error)
{
  g_autofree char *text = NULL;
  ScTask *task;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_csv_path (path))
    return sc_task_load_csv (path, error);

  if (!sc_file_read_text (path, SC_FILE_LIMIT_TASK, &text, error))
    return NULL;
  if (!(task = sc_task_parse_graph (text, path, error)))
    return NULL;

  task->path = g_strdup (path);
  return task;
}

static gboolean
is_bundled (const char *name)
{
  const char * const *names = sc_task_bundled_names ();

  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (names[i], name) == 0)
      return TRUE;
  return FALSE;
}

ScTask *
sc_task_lookup (const char  *name_or_path,
                GError     **error)
{
  g_return_val_if_fail (name_or_path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (is_bundled (name_or_path))
    return sc_task_load_bundled (name_or_path, error);

  /* The vision tasks are built from MNIST digits found on this machine. */
  if (sc_mnist_kind_from_name (name_or_path, NULL))
    return sc_mnist_load_task (name_or_path, NULL, NULL, NULL, error);

  if (!g_file_test (name_or_path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NOT_FOUND,
                   "unknown task “%s”: not a bundled task name (see “sculptor-cli tasks”) "
                   "and no such file", name_or_path);
      return NULL;
    }

  return sc_task_load_file (name_or_path, error);
}

/* ------------------------------------------------------------------ */
/* CSV export */

static void
append_bits (GString     *csv,
             const float *values,
             guint        n,
             gboolean     first)
{
  for (guint i = 0; i < n; i++)
    {
      if (!first || i > 0)
        g_string_append_c (csv, ',');
      g_string_append_c (csv, values[i] > 0.5f ? '1' : '0');
    }
}

char *
sc_task_to_csv (const ScTask *task)
{
  const ScDataset *data;
  GString *csv;

  g_return_val_if_fail (task != NULL, NULL);
  g_return_val_if_fail (task->kind == SC_TASK_BOOLEAN, NULL);
  g_return_val_if_fail (task->train != NULL, NULL);

  data = task->train;
  csv = g_string_new (NULL);
  for (guint i = 0; i < data->n_in; i++)
    g_string_append_printf (csv, "%sx%u", i > 0 ? "," : "", i);
  for (guint j = 0; j < data->n_out; j++)
    g_string_append_printf (csv, ",y%u", j);
  g_string_append_c (csv, '\n');

  for (guint r = 0; r < data->n_rows; r++)
    {
      append_bits (csv, data->x + (gsize) r * data->n_in, data->n_in, TRUE);
      append_bits (csv, data->y + (gsize) r * data->n_out, data->n_out, FALSE);
      g_string_append_c (csv, '\n');
    }

  return g_string_free (csv, FALSE);
}
