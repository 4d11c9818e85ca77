/* sc-figure.h — the figures of one network: scene, hierarchy and titles
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-analysis.h"
#include "sc-render.h"
#include "sc-snapshot.h"
#include "sc-task.h"

G_BEGIN_DECLS

/* One setup for every figure of a network (sculptor-cli's files, the
 * app's view and its exports), so that they show the same thing. */

/* Initialises scene to draw snapshot (its mask and weights) with
 * analysis's modules (NULL: grey units), and task's input and output names
 * and image shape when task is the network's (NULL or a task of another
 * shape: x0, x1, …). Title and subtitle stay NULL. Everything is
 * borrowed: keep the references while the scene is in use. */
void  sc_figure_scene_init     (ScScene            *scene,
                                const ScSnapshot   *snapshot,
                                const ScAnalysis   *analysis,
                                const ScTask       *task);

/* Initialises options for the hierarchy of a network of task (names as
 * sc_figure_scene_init(); NULL: x0, y0, …). */
void  sc_figure_hierarchy_init (ScHierarchyOptions *options,
                                const ScSnapshot   *snapshot,
                                const ScTask       *task);

/* The figures' subtitle: "Arch 4-24-4 → 4-6-4 · density 3 % · 2 modules". */
char *sc_figure_subtitle       (const ScSnapshot   *snapshot,
                                const ScAnalysis   *analysis);

G_END_DECLS
