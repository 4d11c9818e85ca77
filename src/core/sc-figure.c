/* sc-figure.c — the figures of one network: scene, hierarchy and titles
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include "sc-figure.h"
#include "sc-render-input.h"

/* The names are the task's only when it has the network's shape (the app
 * may show a network of another task while the settings change). */
static gboolean
task_fits (const ScTask     *task,
           const ScSnapshot *snapshot)
{
  return task != NULL && task->n_in == snapshot->arch[0] &&
         task->n_out == snapshot->arch[snapshot->n_layers - 1];
}

void
sc_figure_scene_init (ScScene          *scene,
                      const ScSnapshot *snapshot,
                      const ScAnalysis *analysis,
                      const ScTask     *task)
{
  g_return_if_fail (scene != NULL);
  g_return_if_fail (snapshot != NULL && snapshot->mask != NULL);

  sc_scene_init (scene, snapshot->mask);
  scene->weights = snapshot->w;
  scene->detection = analysis ? analysis->detection : NULL;
  scene->modules = analysis ? analysis->modules : NULL;
  if (!task_fits (task, snapshot))
    return;

  scene->input_names = (const char * const *) task->input_names;
  scene->output_names = (const char * const *) task->output_names;
  if (task->kind == SC_TASK_IMAGE)
    {
      scene->image_width = task->image_width;
      scene->image_height = task->image_height;
    }
}

void
sc_figure_hierarchy_init (ScHierarchyOptions *options,
                          const ScSnapshot   *snapshot,
                          const ScTask       *task)
{
  g_return_if_fail (options != NULL && snapshot != NULL);

  sc_hierarchy_options_init (options);
  if (!task_fits (task, snapshot))
    return;

  options->input_names = (const char * const *) task->input_names;
  options->output_names = (const char * const *) task->output_names;
  options->image_input = task->kind == SC_TASK_IMAGE;
}

char *
sc_figure_subtitle (const ScSnapshot *snapshot,
                    const ScAnalysis *analysis)
{
  g_return_val_if_fail (snapshot != NULL, NULL);

  return sc_render_format_subtitle (snapshot->arch, snapshot->n_layers,
                                    analysis ? analysis->detection->new_arch : NULL,
                                    snapshot->density, sc_analysis_n_modules (analysis));
}
