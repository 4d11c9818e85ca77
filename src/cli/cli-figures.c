/* cli-figures.c — the figures of a finished run
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include "cli.h"
#include "sc-render-input.h"

#define FIGURE_WIDTH  1200
#define FIGURE_HEIGHT 800

gboolean
cli_write_figures (const ScRun  *run,
                   const char   *out_dir,
                   GError      **error)
{
  const ScSnapshot *final = run->final;
  g_autofree char *title = sc_task_display_title (run->task);
  g_autofree char *subtitle = sc_render_format_subtitle (final->arch, final->n_layers,
                                                         final->detection->new_arch,
                                                         final->density,
                                                         final->modules->n_modules);
  g_autofree char *network_subtitle = NULL;
  ScMask *thinned;
  ScHierarchyOptions hierarchy;
  ScScene scene;
  gboolean done;

  sc_scene_init_from_snapshot (&scene, final);
  scene.title = title;
  /* the network figure says when it shows the strongest edges only */
  network_subtitle = g_strdup (subtitle);
  thinned = sc_scene_thin_edges (&scene, (const float * const *) final->w, SC_RENDER_LAYER_EDGES,
                                 &network_subtitle);
  scene.subtitle = network_subtitle;
  scene.input_names = (const char * const *) run->task->input_names;
  scene.output_names = (const char * const *) run->task->output_names;
  if (run->task->kind == SC_TASK_IMAGE)
    {
      scene.image_width = run->task->image_width;
      scene.image_height = run->task->image_height;
    }

  sc_hierarchy_options_init (&hierarchy);
  hierarchy.input_names = scene.input_names;
  hierarchy.output_names = scene.output_names;
  hierarchy.image_input = run->task->kind == SC_TASK_IMAGE;
  hierarchy.title = title;
  hierarchy.subtitle = subtitle;

  done = cli_render_figures (&scene, final->modules, &hierarchy, out_dir, SC_EXPORT_SVG,
                             FIGURE_WIDTH, FIGURE_HEIGHT, NULL, error);
  g_clear_pointer (&thinned, sc_mask_free);
  return done;
}
