/* test-graph.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gstdio.h>

#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wundef"
#include <igraph.h>
#pragma GCC diagnostic pop

#include "sc-detect.h"
#include "sc-error.h"
#include "sc-graph.h"

#include "detect-test-util.h"

/* Two disjoint chains x0 → h0 → y0 and x1 → h1 → y1: two modules, each a
 * path of two edges. m = 4, each module L = 2, degree sum 4:
 * Q = 2 · (2/4 − (4/8)²) = 0.5. */
static ScDetection *
detect_two_chains (void)
{
  const guint arch[] = { 2, 2, 2 };
  g_autoptr(ScMask) mask = test_mask_from_edges (arch, 3, "[[[0,0],[1,1]],[[0,0],[1,1]]]");
  g_autoptr(GError) error = NULL;
  ScDetection *det = sc_detect (mask, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (det->n_modules, ==, 2);
  return det;
}

/* [4,3,2,4] with a reused module (see test-modules.c): 13 units, 22 edges;
 * modules {inputs + hidden-1} (12 internal edges, degree sum 30) and two
 * of {hidden-2 unit + 2 outputs} (2 edges, degree sum 7). */
static ScDetection *
detect_reused (void)
{
  const guint arch[] = { 4, 3, 2, 4 };
  g_autoptr(ScMask) mask = test_mask_from_edges (arch, 4,
    "[[[0,0],[1,0],[2,0],[3,0],[0,1],[1,1],[2,1],[3,1],[0,2],[1,2],[2,2],[3,2]],"
    "[[0,0],[1,0],[2,0],[0,1],[1,1],[2,1]],"
    "[[0,0],[1,1],[0,2],[1,3]]]");
  g_autoptr(GError) error = NULL;
  ScDetection *det = sc_detect (mask, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (det->n_modules, ==, 3);
  return det;
}

static void
test_graph_modularity (void)
{
  g_autoptr(ScDetection) chains = detect_two_chains ();
  g_autoptr(ScDetection) reused = detect_reused ();
  g_autoptr(GError) error = NULL;
  double q = 0;

  g_assert_true (sc_graph_modularity (chains, &q, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (q, 0.5, 1e-12);

  g_assert_true (sc_graph_modularity (reused, &q, &error));
  g_assert_cmpfloat_with_epsilon (q, 16.0 / 22.0 - (900.0 + 2 * 49.0) / 1936.0, 1e-12);
}

static void
test_graph_modularity_no_edges (void)
{
  const guint arch[] = { 2, 2 };
  g_autoptr(ScMask) mask = sc_mask_new (arch, 2, FALSE);
  g_autoptr(ScDetection) det = sc_detect (mask, NULL, NULL);
  g_autoptr(GError) error = NULL;
  double q = 0;

  g_assert_true (sc_graph_modularity (det, &q, &error));
  g_assert_no_error (error);
  g_assert_true (isnan (q));
}

static void
test_graph_ari (void)
{
  const int a[] = { 0, 0, 1, 1 };
  const int b[] = { 0, 0, 1, 2 };
  const int c[] = { 7, 7, -3, -3 };     /* a relabelled, negative labels */
  const int one[] = { 5, 5, 5, 5 };
  const int singletons[] = { 0, 1, 2, 3 };
  const int other_singletons[] = { 9, 8, 7, 6 };
  g_autoptr(GError) error = NULL;
  double ari = NAN;

  g_assert_true (sc_graph_adjusted_rand (a, c, 4, &ari, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (ari, 1.0, 1e-12);

  /* Σ C(n_ij,2) = 1, Σ C(a_i,2) = 2, Σ C(b_j,2) = 1, C(4,2) = 6:
   * (1 − 1/3) / (3/2 − 1/3) = 4/7. */
  g_assert_true (sc_graph_adjusted_rand (a, b, 4, &ari, &error));
  g_assert_cmpfloat_with_epsilon (ari, 4.0 / 7.0, 1e-12);

  /* Degenerate cases igraph cannot do: one item, both all-in-one, both
   * all-singletons — identical partitions, 1. */
  g_assert_true (sc_graph_adjusted_rand (a, b, 1, &ari, &error));
  g_assert_cmpfloat (ari, ==, 1.0);
  g_assert_true (sc_graph_adjusted_rand (a, b, 0, &ari, &error));
  g_assert_cmpfloat (ari, ==, 1.0);
  g_assert_true (sc_graph_adjusted_rand (one, one, 4, &ari, &error));
  g_assert_cmpfloat (ari, ==, 1.0);
  g_assert_true (sc_graph_adjusted_rand (singletons, other_singletons, 4, &ari, &error));
  g_assert_cmpfloat (ari, ==, 1.0);
  /* All-in-one against anything else is 0. */
  g_assert_true (sc_graph_adjusted_rand (one, singletons, 4, &ari, &error));
  g_assert_cmpfloat_with_epsilon (ari, 0.0, 1e-12);
  g_assert_true (sc_graph_adjusted_rand (one, a, 4, &ari, &error));
  g_assert_cmpfloat_with_epsilon (ari, 0.0, 1e-12);
}

static void
read_back_graphml (const char        *path,
                   const ScDetection *det)
{
  igraph_attribute_table_t *old_table;
  igraph_t graph;
  igraph_vector_t module;
  FILE *in = fopen (path, "r");

  g_assert_nonnull (in);
  sc_graph_init ();
  sc_graph_lock ();
  old_table = igraph_set_attribute_table (&igraph_cattribute_table);
  g_assert_cmpint (igraph_read_graph_graphml (&graph, in, 0), ==, IGRAPH_SUCCESS);
  fclose (in);

  g_assert_cmpint (igraph_vcount (&graph), ==, det->n_kept);
  g_assert_cmpint (igraph_ecount (&graph), ==, sc_mask_count (det->condensed));
  g_assert_true (igraph_is_directed (&graph));
  g_assert_cmpint (igraph_vector_init (&module, 0), ==, IGRAPH_SUCCESS);
  g_assert_cmpint (igraph_cattribute_VANV (&graph, "module", igraph_vss_all (), &module),
                   ==, IGRAPH_SUCCESS);
  for (guint p = 0; p < det->n_kept; p++)
    {
      g_assert_cmpfloat (VECTOR (module)[p], ==, det->merged[p]);
      g_assert_cmpfloat (VAN (&graph, "layer", p), ==, det->kept_layer[p]);
      g_assert_cmpfloat (VAN (&graph, "index", p), ==, det->kept_index[p]);
    }
  /* Edges point upward: the first edge leaves an input. */
  g_assert_cmpfloat (VAN (&graph, "layer", IGRAPH_FROM (&graph, 0)), ==, 0);

  igraph_vector_destroy (&module);
  igraph_destroy (&graph);
  igraph_set_attribute_table (old_table);
  sc_graph_unlock ();
}

static void
test_graph_graphml (void)
{
  g_autoptr(ScDetection) det = detect_reused ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sculptor-graph-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  g_autofree char *bad = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "net.graphml", NULL);
  g_assert_true (sc_graph_write_graphml (det, path, &error));
  g_assert_no_error (error);

  read_back_graphml (path, det);

  if (xmllint != NULL)
    {
      const char *argv[] = { xmllint, "--noout", path, NULL };
      int status = -1;

      g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT,
                                   NULL, NULL, NULL, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }

  /* An unwritable path is an error, not a crash. */
  bad = g_build_filename (dir, "missing", "net.graphml", NULL);
  g_assert_false (sc_graph_write_graphml (det, bad, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_IO);

  g_remove (path);
  g_rmdir (dir);
}

static void
check_alt (ScAltDetector method)
{
  g_autoptr(ScDetection) det = detect_two_chains ();
  g_autoptr(GError) error = NULL;
  guint labels[6], again[6];
  double q = NAN, q2 = NAN;

  g_assert_true (sc_graph_alt_detect (det, method, 42, labels, &q, &error));
  g_assert_no_error (error);
  /* The two components are the best partition: Q = 0.5. */
  g_assert_cmpfloat_with_epsilon (q, 0.5, 1e-12);
  for (guint p = 0; p < det->n_kept; p++)
    for (guint r = 0; r < det->n_kept; r++)
      g_assert_true ((labels[p] == labels[r]) == (det->merged[p] == det->merged[r]));

  /* Same seed, same answer. */
  g_assert_true (sc_graph_alt_detect (det, method, 42, again, &q2, &error));
  g_assert_cmpmem (labels, sizeof labels, again, sizeof again);
  g_assert_cmpfloat (q, ==, q2);
}

static void
test_graph_louvain (void)
{
  check_alt (SC_ALT_LOUVAIN);
}

static void
test_graph_leiden (void)
{
  check_alt (SC_ALT_LEIDEN);
}

static void
test_graph_alt_reused (void)
{
  g_autoptr(ScDetection) det = detect_reused ();
  g_autoptr(GError) error = NULL;
  guint labels[13];
  double q_louvain = NAN, q_leiden = NAN, q_paper = NAN;

  g_assert_true (sc_graph_modularity (det, &q_paper, &error));
  g_assert_true (sc_graph_alt_detect (det, SC_ALT_LOUVAIN, 1, labels, &q_louvain, &error));
  g_assert_true (sc_graph_alt_detect (det, SC_ALT_LEIDEN, 1, labels, &q_leiden, &error));
  g_assert_no_error (error);
  /* Both optimise modularity directly, so they do at least as well. */
  g_assert_cmpfloat (q_louvain, >=, q_paper - 1e-12);
  g_assert_cmpfloat (q_leiden, >=, q_paper - 1e-12);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/graph/modularity", test_graph_modularity);
  g_test_add_func ("/graph/modularity-no-edges", test_graph_modularity_no_edges);
  g_test_add_func ("/graph/adjusted-rand", test_graph_ari);
  g_test_add_func ("/graph/graphml", test_graph_graphml);
  g_test_add_func ("/graph/louvain", test_graph_louvain);
  g_test_add_func ("/graph/leiden", test_graph_leiden);
  g_test_add_func ("/graph/alt-reused", test_graph_alt_reused);

  return g_test_run ();
}
