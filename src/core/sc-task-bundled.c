/* sc-task-bundled.c — the paper's Boolean tasks, compiled in as resources
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <string.h>

#include <gio/gio.h>

#include "sc-error.h"
#include "sc-task.h"
#include "sc-tasks-resources.h"

#define TASKS_RESOURCE_PATH "/io/github/sculptor/tasks/"

/* Exemplars first, then the three families in the order of the paper's
 * figures, each by increasing K (outputs; "uses" = K / 2). The files are
 * data/tasks/NAME.sfg; test-task checks that this list and the resource
 * bundle agree. */
static const char * const bundled_names[] = {
  "exemplar/input-separable",
  "exemplar/non-modular",
  "exemplar/reused",
  "exemplar/separable-reused",
  "reuse/k2", "reuse/k4", "reuse/k8", "reuse/k12", "reuse/k16",
  "overlap/o0-k2", "overlap/o0-k4", "overlap/o0-k8", "overlap/o0-k12", "overlap/o0-k16",
  "overlap/o1-k2", "overlap/o1-k4", "overlap/o1-k8", "overlap/o1-k12", "overlap/o1-k16",
  "overlap/o2-k2", "overlap/o2-k4", "overlap/o2-k8", "overlap/o2-k12", "overlap/o2-k16",
  "overlap/o3-k2", "overlap/o3-k4", "overlap/o3-k8", "overlap/o3-k12", "overlap/o3-k16",
  "overlap/o4-k2", "overlap/o4-k4", "overlap/o4-k8", "overlap/o4-k12", "overlap/o4-k16",
  "levels/k2", "levels/k4", "levels/k8", "levels/k12", "levels/k16",
  NULL
};

const char * const *
sc_task_bundled_names (void)
{
  return bundled_names;
}

static gboolean
is_bundled_name (const char *name)
{
  for (guint i = 0; bundled_names[i] != NULL; i++)
    if (strcmp (bundled_names[i], name) == 0)
      return TRUE;
  return FALSE;
}

ScTask *
sc_task_load_bundled (const char  *name,
                      GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *text = NULL;
  gsize size;
  const char *data;

  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!is_bundled_name (name))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NOT_FOUND,
                   "no bundled task “%s” (see “sculptor-cli tasks”)", name);
      return NULL;
    }

  path = g_strconcat (TASKS_RESOURCE_PATH, name, ".sfg", NULL);
  bytes = g_resource_lookup_data (sc_tasks_get_resource (), path,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &local_error);
  if (bytes == NULL)
    {
      /* a build problem, not a user error */
      g_set_error (error, SC_ERROR, SC_ERROR_NOT_FOUND,
                   "bundled task “%s” is missing from the resources: %s",
                   name, local_error->message);
      return NULL;
    }

  data = g_bytes_get_data (bytes, &size);
  text = g_strndup (data, size);
  uri = g_strconcat ("resource://", path, NULL);
  return sc_task_parse_graph (text, uri, error);
}
