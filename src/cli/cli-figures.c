/* cli-figures.c — the figures of a finished run
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include "cli.h"
#include "sc-figure.h"

#define FIGURE_WIDTH  1200
#define FIGURE_HEIGHT 800

gboolean
cli_write_figures (const ScTask      *task,
                   const ScSnapshot  *network,
                   const ScAnalysis  *analysis,
                   const char        *out_dir,
                   GError           **error)
{
  g_autofree char *title = sc_task_display_title (task);
  g_autofree char *subtitle = sc_figure_subtitle (network, analysis);
  g_autofree char *network_subtitle = g_strdup (subtitle);
  ScMask *thinned;
  ScHierarchyOptions hierarchy;
  ScScene scene;
  gboolean done;

  sc_figure_scene_init (&scene, network, analysis, task);
  scene.title = title;
  /* the network figure says when it shows the strongest edges only */
  thinned = sc_scene_thin_edges (&scene, (const float * const *) network->w, SC_RENDER_LAYER_EDGES,
                                 &network_subtitle);
  scene.subtitle = network_subtitle;

  sc_figure_hierarchy_init (&hierarchy, network, task);
  hierarchy.title = title;
  hierarchy.subtitle = subtitle;

  done = cli_render_figures (&scene, analysis ? analysis->modules : NULL, &hierarchy, out_dir,
                             SC_EXPORT_SVG, FIGURE_WIDTH, FIGURE_HEIGHT, NULL, error);
  g_clear_pointer (&thinned, sc_mask_free);
  return done;
}
