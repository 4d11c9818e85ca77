/* test-analysis.c — one analysis per network (sc-analysis.h), the detection
 * settings' one set of defaults and limits, and the figures' one setup
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sc-analysis.h"
#include "sc-error.h"
#include "sc-figure.h"
#include "sc-graph.h"
#include "sc-hyper.h"
#include "sc-task.h"

#include "detect-test-util.h"

static const guint arch[] = { 4, 2, 4 };

/* x0, x1 → h0 → y0, y1 and x2, x3 → h1 → y2, y3: the two sub-functions
 * of exemplar/input-separable, apart. */
#define APART "[[[0,0],[1,0],[2,1],[3,1]],[[0,0],[0,1],[1,2],[1,3]]]"
/* The same split with the hidden units swapped: other module ids. */
#define APART_SWAPPED "[[[0,1],[1,1],[2,0],[3,0]],[[1,0],[1,1],[0,2],[0,3]]]"
/* Everything through h0: one module. */
#define TOGETHER "[[[0,0],[1,0],[2,0],[3,0]],[[0,0],[0,1],[0,2],[0,3]]]"

static ScAnalysis *
analyse (const char    *edges,
         const ScTruth *truth)
{
  g_autoptr(ScMask) mask = test_mask_from_edges (arch, 3, edges);
  g_autoptr(GError) error = NULL;
  ScAnalysis *analysis = sc_analysis_new (mask, NULL, truth, &error);

  g_assert_no_error (error);
  g_assert_nonnull (analysis);
  return analysis;
}

/* The analysis holds what detection, the module graph and igraph give for
 * the mask, computed here one by one. */
static void
test_analysis_parts (void)
{
  g_autoptr(ScMask) mask = test_mask_from_edges (arch, 3, APART);
  g_autoptr(ScAnalysis) analysis = analyse (APART, NULL);
  g_autoptr(ScDetection) detection = sc_detect (mask, NULL, NULL);
  g_autoptr(ScModuleGraph) graph = sc_module_graph_new (detection);
  ScDetectParams defaults;
  double q = NAN;

  sc_detect_params_init (&defaults);
  g_assert_cmpmem (&analysis->params, sizeof defaults, &defaults, sizeof defaults);
  g_assert_cmpuint (analysis->detection->n_kept, ==, detection->n_kept);
  g_assert_cmpmem (analysis->detection->merged, sizeof (guint) * detection->n_kept,
                   detection->merged, sizeof (guint) * detection->n_kept);
  g_assert_cmpuint (sc_analysis_n_modules (analysis), ==, graph->n_modules);
  g_assert_cmpuint (sc_analysis_n_modules (analysis), ==, 2);
  g_assert_true (sc_graph_modularity (detection, &q, NULL));
  g_assert_cmpfloat (analysis->modularity_q, ==, q);
  g_assert_null (analysis->score);
  g_assert_cmpuint (sc_analysis_n_modules (NULL), ==, 0);

  /* shared by reference, freed with the last one */
  g_assert_true (sc_analysis_ref (analysis) == analysis);
  sc_analysis_unref (analysis);
}

/* With the task's ground truth the analysis is scored; a truth that does
 * not fit the network is an error, not a score. */
static void
test_analysis_score (void)
{
  g_autoptr(ScTask) task = sc_task_load_bundled ("exemplar/input-separable", NULL);
  g_autoptr(ScAnalysis) apart = NULL;
  g_autoptr(ScAnalysis) together = NULL;
  g_autoptr(ScMask) wide = NULL;
  g_autoptr(GError) error = NULL;
  const guint wide_arch[] = { 5, 2, 4 };

  g_assert_nonnull (task);
  g_assert_nonnull (task->truth);
  apart = analyse (APART, task->truth);
  together = analyse (TOGETHER, task->truth);
  g_assert_nonnull (apart->score);
  g_assert_true (apart->score->success);
  g_assert_nonnull (together->score);
  g_assert_false (together->score->success);

  wide = test_mask_from_edges (wide_arch, 3,
                               "[[[0,0],[1,0],[2,1],[3,1],[4,1]],[[0,0],[0,1],[1,2],[1,3]]]");
  g_assert_null (sc_analysis_new (wide, NULL, task->truth, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
}

/* The structure names inputs and outputs per module, whatever the
 * modules' ids. */
static void
test_analysis_structure (void)
{
  g_autoptr(ScAnalysis) apart = analyse (APART, NULL);
  g_autoptr(ScAnalysis) swapped = analyse (APART_SWAPPED, NULL);
  g_autoptr(ScAnalysis) together = analyse (TOGETHER, NULL);
  g_autofree char *a = sc_analysis_structure (apart);
  g_autofree char *b = sc_analysis_structure (swapped);
  g_autofree char *c = sc_analysis_structure (together);

  g_assert_cmpstr (a, ==, "[i 0 1 o 0 1] [i 2 3 o 2 3]");
  g_assert_cmpstr (b, ==, a);
  g_assert_cmpstr (c, ==, "[i 0 1 2 3 o 0 1 2 3]");
}

/* One set of defaults and limits: the run's settings, sc_detect() and
 * sc_analysis_new() agree on them. */
static void
test_detect_params (void)
{
  g_autoptr(ScMask) mask = test_mask_from_edges (arch, 3, APART);
  ScDetectParams defaults, from_hyper, bad;
  ScHyper hyper;
  struct { guint fs; double mm, merge; const char *member; } cases[] = {
    { SC_DETECT_MAX_STEP + 1, 0.2, 0.9, "feature_step_size" },
    { 0, -0.1, 0.9, "mm_threshold" },
    { 0, SC_DETECT_MM_MAX + 1, 0.9, "mm_threshold" },
    { 0, NAN, 0.9, "mm_threshold" },
    { 0, 0.2, SC_DETECT_MERGE_MIN - 0.01, "cluster_merging_threshold" },
    { 0, 0.2, INFINITY, "cluster_merging_threshold" },
  };

  sc_detect_params_init (&defaults);
  g_assert_true (sc_detect_params_validate (&defaults, NULL));
  sc_hyper_init_defaults (&hyper);
  sc_hyper_detect_params (&hyper, &from_hyper);
  /* the run resolves "0: number of weight layers" */
  g_assert_cmpuint (from_hyper.feature_step, ==, hyper.arch->len - 1);
  g_assert_cmpuint (from_hyper.clusterability_step, ==, hyper.arch->len - 1);
  g_assert_cmpfloat (from_hyper.mm_threshold, ==, defaults.mm_threshold);
  g_assert_cmpfloat (from_hyper.merge_threshold, ==, defaults.merge_threshold);

  /* the command line's limits are the detection's */
  g_assert_true (sc_hyper_set (&hyper, "feature-step", "1024", NULL));
  g_assert_false (sc_hyper_set (&hyper, "feature-step", "1025", NULL));
  g_assert_false (sc_hyper_set (&hyper, "merge-threshold", "0.4", NULL));
  g_assert_false (sc_hyper_set (&hyper, "mm-threshold", "11", NULL));
  sc_hyper_clear (&hyper);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) detect_error = NULL;
      g_autoptr(ScDetection) detection = NULL;

      bad = defaults;
      bad.feature_step = cases[i].fs;
      bad.mm_threshold = cases[i].mm;
      bad.merge_threshold = cases[i].merge;
      g_assert_false (sc_detect_params_validate (&bad, &error));
      g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
      g_assert_true (g_str_has_prefix (error->message, cases[i].member));
      g_clear_error (&error);
      g_assert_null (sc_analysis_new (mask, &bad, NULL, &error));
      g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
      detection = sc_detect (mask, &bad, &detect_error);
      g_assert_null (detection);
      g_assert_error (detect_error, SC_ERROR, SC_ERROR_INVALID);
    }
}

/* A figure's scene takes the network from the snapshot, the modules from
 * the analysis and the names from the task when it has the network's
 * shape. */
static void
test_figure_setup (void)
{
  g_autoptr(ScTask) task = sc_task_load_bundled ("exemplar/input-separable", NULL);
  g_autoptr(ScTask) other = sc_task_load_bundled ("reuse/k2", NULL);
  g_autoptr(ScSnapshot) snapshot = sc_snapshot_new (arch, 3);
  g_autoptr(ScAnalysis) analysis = analyse (APART, NULL);
  g_autofree char *plain = NULL;
  g_autofree char *detected = NULL;
  ScHierarchyOptions hierarchy;
  ScScene scene;

  sc_figure_scene_init (&scene, snapshot, analysis, task);
  g_assert_true (scene.mask == snapshot->mask);
  g_assert_true (scene.weights == snapshot->w);
  g_assert_true (scene.detection == analysis->detection);
  g_assert_true (scene.modules == analysis->modules);
  g_assert_true (scene.input_names == (const char * const *) task->input_names);
  g_assert_true (scene.output_names == (const char * const *) task->output_names);

  sc_figure_scene_init (&scene, snapshot, NULL, other);
  g_assert_null (scene.detection);
  g_assert_null (scene.modules);
  g_assert_null (scene.input_names);   /* another shape: x0, x1, … */

  sc_figure_hierarchy_init (&hierarchy, snapshot, task);
  g_assert_true (hierarchy.input_names == (const char * const *) task->input_names);
  g_assert_false (hierarchy.image_input);

  plain = sc_figure_subtitle (snapshot, NULL);
  detected = sc_figure_subtitle (snapshot, analysis);
  g_assert_null (strstr (plain, "→"));
  g_assert_nonnull (strstr (detected, "→ 4-2-4"));
  g_assert_nonnull (strstr (detected, "2 modules"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analysis/parts", test_analysis_parts);
  g_test_add_func ("/analysis/score", test_analysis_score);
  g_test_add_func ("/analysis/structure", test_analysis_structure);
  g_test_add_func ("/analysis/detect-params", test_detect_params);
  g_test_add_func ("/analysis/figure-setup", test_figure_setup);

  return g_test_run ();
}
