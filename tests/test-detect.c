/* test-detect.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-bitrows.h"
#include "sc-cluster-count.h"
#include "sc-detect.h"
#include "sc-error.h"
#include "sc-linkage.h"
#include "sc-merge.h"

#include "detect-test-util.h"

/* ---- helpers ---------------------------------------------------------- */

static GArray *
json_uint_array (JsonObject *object,
                 const char *member)
{
  JsonArray *array = json_object_get_array_member (object, member);
  GArray *values = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      guint v = (guint) json_array_get_int_element (array, i);
      g_array_append_val (values, v);
    }

  return values;
}

static ScBitRows *
rows_from_strings (const char * const *rows,
                   guint               n)
{
  guint n_bits = strlen (rows[0]);
  ScBitRows *bits = sc_bit_rows_new (n, n_bits);

  for (guint i = 0; i < n; i++)
    for (guint b = 0; b < n_bits; b++)
      if (rows[i][b] == '1')
        sc_bit_rows_set (bits, i, b);

  return bits;
}

/* ---- golden file (method.md §11) --------------------------------------- */

static void
check_golden_case (JsonNode *line,
                   guint     number)
{
  JsonObject *expected = json_object_get_object_member (json_node_get_object (line), "expected");
  g_autoptr(GArray) new_arch = json_uint_array (expected, "new_arch");
  g_autoptr(GArray) kept = json_uint_array (expected, "kept_units");
  g_autoptr(GArray) premerge = json_uint_array (expected, "partition_premerge");
  g_autoptr(GArray) merged = json_uint_array (expected, "partition_merged");
  g_autoptr(ScDetection) det = test_detect_golden (line);
  guint offset = 0;

  g_test_message ("golden line %u", number);

  g_assert_cmpmem (det->new_arch, sizeof (guint) * det->n_layers,
                   new_arch->data, sizeof (guint) * new_arch->len);
  g_assert_cmpmem (det->kept_units, sizeof (guint) * det->n_kept,
                   kept->data, sizeof (guint) * kept->len);

  /* Pre-merge labels are numbered per layer: compare layer by layer. */
  for (guint l = 0; l < det->n_layers; l++)
    {
      g_assert_true (test_same_partition ((guint *) premerge->data + offset,
                                          det->premerge + offset, det->new_arch[l]));
      offset += det->new_arch[l];
    }

  g_assert_true (test_same_partition ((guint *) merged->data, det->merged, det->n_kept));
}

static void
test_golden (void)
{
  g_autoptr(GPtrArray) lines = test_load_golden ();

  g_assert_cmpuint (lines->len, ==, 160);
  for (guint i = 0; i < lines->len; i++)
    check_golden_case (g_ptr_array_index (lines, i), i + 1);
}

/* ---- distances (§5.4, §9.11) ----------------------------------------- */

static void
test_distance (void)
{
  /* u·v = 1, ‖u‖² = ‖v‖² = 2: the product of the two roots is
   * 2.0000000000000004, so the distance is one ulp above 0.5. */
  g_assert_cmpfloat (sc_cosine_distance (1, 2, 2), ==, 0.5000000000000001);
  g_assert_cmpfloat (sc_cosine_distance (1, 2, 2), ==, nextafter (0.5, 1.0));
  /* u·v = 2, ‖u‖² = ‖v‖² = 4 is exactly 0.5. */
  g_assert_cmpfloat (sc_cosine_distance (2, 4, 4), ==, 0.5);
  /* Identical vectors: √3·√3 > 3, the clip gives exactly 0; but
   * √5·√5 = 5.000000000000001 < … gives 2.2e-16, as in SciPy (the clip
   * only catches cosines above 1). Orthogonal vectors are 1. */
  g_assert_cmpfloat (sc_cosine_distance (3, 3, 3), ==, 0.0);
  g_assert_cmpfloat (sc_cosine_distance (4, 4, 4), ==, 0.0);
  g_assert_cmpfloat (sc_cosine_distance (5, 5, 5), ==, 1.0 - 5.0 / (sqrt (5.0) * sqrt (5.0)));
  g_assert_cmpfloat (sc_cosine_distance (5, 5, 5), >, 0.0);
  g_assert_cmpfloat (sc_cosine_distance (0, 2, 7), ==, 1.0);
  /* A zero vector counts as orthogonal (SciPy would produce NaN). */
  g_assert_cmpfloat (sc_cosine_distance (0, 0, 3), ==, 1.0);
  g_assert_cmpfloat (sc_cosine_distance (0, 0, 0), ==, 1.0);
  /* 1 / (√3 · √3) is not exactly 1/3. */
  g_assert_cmpfloat (sc_cosine_distance (1, 3, 3), ==, 1.0 - 1.0 / (sqrt (3.0) * sqrt (3.0)));
}

static void
test_condensed (void)
{
  const char *rows[] = { "1100", "1010", "0011" };
  g_autoptr(ScBitRows) bits = rows_from_strings (rows, 3);
  g_autofree double *d = sc_cosine_condensed (bits);

  g_assert_cmpuint (sc_condensed_index (3, 0, 1), ==, 0);
  g_assert_cmpuint (sc_condensed_index (3, 2, 0), ==, 1);
  g_assert_cmpuint (sc_condensed_index (3, 1, 2), ==, 2);
  g_assert_cmpfloat (d[0], ==, 0.5000000000000001);
  g_assert_cmpfloat (d[1], ==, 1.0);
  g_assert_cmpfloat (d[2], ==, 0.5000000000000001);
}

/* ---- clustering (§5.5) ----------------------------------------------- */

static void
test_linkage_two_pairs (void)
{
  /* d(0,1) = d(2,3) = 0.5, everything else 1. */
  const double d[] = { 0.5, 1, 1, 1, 1, 0.5 };
  g_autoptr(ScLinkage) linkage = sc_linkage_average (d, 4);
  guint labels[4];

  g_assert_cmpuint (linkage->left[0], ==, 0);
  g_assert_cmpuint (linkage->right[0], ==, 1);
  g_assert_cmpuint (linkage->left[1], ==, 2);
  g_assert_cmpuint (linkage->right[1], ==, 3);
  g_assert_cmpuint (linkage->left[2], ==, 4);
  g_assert_cmpuint (linkage->right[2], ==, 5);
  g_assert_cmpfloat (linkage->height[2], ==, 1.0);

  /* sklearn numbers the 2-cut in heap order: node 5 first. */
  sc_linkage_cut (linkage, 2, labels);
  g_assert_cmpuint (labels[0], ==, 1);
  g_assert_cmpuint (labels[1], ==, 1);
  g_assert_cmpuint (labels[2], ==, 0);
  g_assert_cmpuint (labels[3], ==, 0);

  sc_linkage_cut (linkage, 1, labels);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (labels[i], ==, 0);

  sc_linkage_cut (linkage, 4, labels);
  g_assert_true (labels[0] != labels[1] && labels[2] != labels[3] &&
                 labels[0] != labels[2] && labels[1] != labels[3]);
}

static void
test_linkage_ties (void)
{
  /* Three points at equal distances: the chain starts at 0, takes the
   * earliest nearest neighbour 1, and 1 keeps 0 (the previous chain
   * element wins ties), so {0, 1} merges first. */
  const double equal[] = { 0.5, 0.5, 0.5 };
  /* d(0,1) = d(1,2) = 0.3: again {0, 1}, although 1–2 ties with it. */
  const double chain[] = { 0.3, 0.9, 0.3 };
  /* From 0 the nearest are 2 and 3 (tie): the earliest index, 2, wins. */
  const double first[] = { 0.9, 0.2, 0.2, 0.8, 0.8, 0.7 };
  g_autoptr(ScLinkage) a = sc_linkage_average (equal, 3);
  g_autoptr(ScLinkage) b = sc_linkage_average (chain, 3);
  g_autoptr(ScLinkage) c = sc_linkage_average (first, 4);
  guint labels[4];

  g_assert_cmpuint (a->left[0], ==, 0);
  g_assert_cmpuint (a->right[0], ==, 1);
  g_assert_cmpuint (a->left[1], ==, 2);
  g_assert_cmpuint (a->right[1], ==, 3);
  sc_linkage_cut (a, 2, labels);
  g_assert_cmpuint (labels[0], ==, 0);
  g_assert_cmpuint (labels[1], ==, 0);
  g_assert_cmpuint (labels[2], ==, 1);

  g_assert_cmpuint (b->left[0], ==, 0);
  g_assert_cmpuint (b->right[0], ==, 1);
  /* The merged cluster {0,1} is at (0.9 + 0.3) / 2 from point 2. */
  g_assert_cmpfloat (b->height[1], ==, (0.9 + 0.3) / 2);

  g_assert_cmpuint (c->left[0], ==, 0);
  g_assert_cmpuint (c->right[0], ==, 2);
}

static void
test_linkage_last_bit (void)
{
  /* {0,1}: u·v = 1, norms² 2 → 0.5000000000000001; {2,3}: u·v = 2,
   * norms² 4 → 0.5 exactly. NN-chain finds {0,1} first, but the stable
   * sort puts {2,3} first, so the 3-cut keeps 0 and 1 apart. With
   * √(‖u‖²‖v‖²) instead of the product of roots, both would be 0.5 and
   * the 3-cut would join {0,1} instead (§9.11). */
  const char *rows[] = { "11000000", "10100000", "00001111", "00110011" };
  g_autoptr(ScBitRows) bits = rows_from_strings (rows, 4);
  g_autofree double *d = sc_cosine_condensed (bits);
  g_autoptr(ScLinkage) linkage = sc_linkage_average (d, 4);
  guint labels[4];

  g_assert_cmpfloat (linkage->height[0], ==, 0.5);
  g_assert_cmpuint (linkage->left[0], ==, 2);
  g_assert_cmpuint (linkage->right[0], ==, 3);
  g_assert_cmpfloat (linkage->height[1], ==, 0.5000000000000001);

  sc_linkage_cut (linkage, 3, labels);
  g_assert_cmpuint (labels[2], ==, labels[3]);
  g_assert_cmpuint (labels[0], !=, labels[1]);
}

/* ---- modularity metric (§5.6) ---------------------------------------- */

static void
test_modularity (void)
{
  const char *rows[] = { "1100", "1100", "0011", "0011" };
  g_autoptr(ScBitRows) bits = rows_from_strings (rows, 4);
  g_autofree double *d = sc_cosine_condensed (bits);
  g_autoptr(ScLinkage) linkage = sc_linkage_average (d, 4);
  const guint two[] = { 0, 0, 1, 1 };
  const guint three[] = { 0, 0, 1, 2 };
  const guint mixed[] = { 0, 1, 0, 1 };
  double q[4];

  g_assert_cmpfloat (sc_modularity_metric (d, 4, two), ==, -0.5);
  g_assert_cmpfloat (sc_modularity_metric (d, 4, three), ==, -0.375);
  /* Joining far-apart points is worse than the singletons (-0.25). */
  g_assert_cmpfloat (sc_modularity_metric (d, 4, mixed), ==, 0.0);

  sc_linkage_modularity_curve (linkage, d, q);
  g_assert_cmpfloat (q[2], ==, -0.5);
  g_assert_cmpfloat (q[3], ==, -0.375);
}

static void
test_modularity_curve_matches_direct (void)
{
  GRand *rand = g_rand_new_with_seed (7);
  const guint n = 40;
  g_autoptr(ScBitRows) bits = sc_bit_rows_new (n, 30);
  g_autofree double *d = NULL;
  g_autoptr(ScLinkage) linkage = NULL;
  double q[40];
  guint labels[40];

  for (guint i = 0; i < n; i++)
    {
      sc_bit_rows_set (bits, i, g_rand_int_range (rand, 0, 30));
      for (guint b = 0; b < 30; b++)
        if (g_rand_double (rand) < 0.15)
          sc_bit_rows_set (bits, i, b);
    }
  d = sc_cosine_condensed (bits);
  linkage = sc_linkage_average (d, n);
  sc_linkage_modularity_curve (linkage, d, q);

  for (guint k = 2; k < n; k++)
    {
      sc_linkage_cut (linkage, k, labels);
      g_assert_cmpfloat (q[k], ==, sc_modularity_metric (d, n, labels));
    }

  g_rand_free (rand);
}

/* ---- separability and the number of clusters (§5.7, §5.8) ------------ */

static void
test_separability (void)
{
  const char *disjoint[] = { "1100", "0011" };
  const char *same[] = { "1100", "1100" };
  g_autoptr(ScBitRows) a = rows_from_strings (disjoint, 2);
  g_autoptr(ScBitRows) b = rows_from_strings (same, 2);
  g_autofree double *da = sc_cosine_condensed (a);
  g_autofree double *db = sc_cosine_condensed (b);
  g_autoptr(ScLinkage) la = sc_linkage_average (da, 2);
  g_autoptr(ScLinkage) lb = sc_linkage_average (db, 2);
  double score;

  /* ki = kj = 2, N = 4: E = 1, σ = √0.75; no overlap → separate. */
  g_assert_cmpint (sc_separate_test (a, 4, &score), ==, 2);
  g_assert_cmpfloat_with_epsilon (score, 1.0 / sqrt (0.75), 1e-15);
  g_assert_cmpint (sc_single_test (a, la, 4, &score), ==, SC_SEPARABILITY_NONE);
  g_assert_cmpint (sc_clusterability (a, la, a, 4), ==, 2);

  g_assert_cmpint (sc_separate_test (b, 4, &score), ==, SC_SEPARABILITY_NONE);
  g_assert_cmpint (sc_single_test (b, lb, 4, &score), ==, 1);
  g_assert_cmpfloat_with_epsilon (score, 1.0 / sqrt (0.75), 1e-15);
  g_assert_cmpint (sc_clusterability (b, lb, b, 4), ==, 1);
}

static void
test_cluster_count_rule (void)
{
  ScLayerDetection diag;
  /* q[k] for k = 2 … n - 1 (entries 0 and 1 unused). */
  const double interior[] = { 0, 0, -0.3, -0.3, -0.1 };
  const double edge[] = { 0, 0, -0.6, -0.25, -0.25 };
  const double weak[] = { 0, 0, -0.1, -0.15, -0.05, 0.0 };

  /* Ties go to the largest k; k = 3 of n = 5 is interior and strong. */
  g_assert_cmpuint (sc_cluster_count_rule (5, 1, interior, 0.2, &diag), ==, 3);
  g_assert_cmpuint (diag.k_modularity, ==, 3);
  g_assert_cmpfloat (diag.q_min, ==, -0.3);

  /* k = 2 is never trusted when a separability test answered… */
  g_assert_cmpuint (sc_cluster_count_rule (5, 5, edge, 0.2, &diag), ==, 5);
  g_assert_cmpuint (diag.k_modularity, ==, 2);
  /* …but stays when neither test did. */
  g_assert_cmpuint (sc_cluster_count_rule (5, SC_SEPARABILITY_NONE, edge, 0.2, &diag), ==, 2);

  /* Q_min = -0.15 > -0.2: too weak, the separability result wins. */
  g_assert_cmpuint (sc_cluster_count_rule (6, 1, weak, 0.2, &diag), ==, 1);
  g_assert_cmpuint (diag.k_modularity, ==, 3);
  /* With a lower threshold k = 3 (interior in n = 6) is kept. */
  g_assert_cmpuint (sc_cluster_count_rule (6, 1, weak, 0.1, &diag), ==, 3);

  /* n = 2: k* = 2 unless a test answered; n = 1: one cluster. */
  g_assert_cmpuint (sc_cluster_count_rule (2, SC_SEPARABILITY_NONE, NULL, 0.2, &diag), ==, 2);
  g_assert_true (isinf (diag.q_min));
  g_assert_cmpuint (sc_cluster_count_rule (2, 1, NULL, 0.2, &diag), ==, 1);
  g_assert_cmpuint (sc_cluster_count_rule (1, 1, NULL, 0.2, &diag), ==, 1);
}

/* ---- merging (§5.9) -------------------------------------------------- */

static void
test_merge_rule (void)
{
  /* Layers [4, 3, 3]. Inputs 0,1 → hidden 0; inputs 2,3 → hidden 1 and
   * hidden 2 (half each). Hidden 0 → outputs 0 and 1; hidden 1 → output 1
   * too; hidden 2 → output 2 (hand-made premerge labels below). */
  const guint arch[] = { 4, 3, 3 };
  g_autoptr(ScMask) mask = test_mask_from_edges (arch, 3,
    "[[[0,0],[1,0],[2,1],[3,1],[2,2],[3,2]],"
    "[[0,0],[0,1],[1,1],[2,2]]]");
  const guint new_arch[] = { 4, 3, 3 };
  const guint kept_index[] = { 0, 1, 2, 3, 0, 1, 2, 0, 1, 2 };
  const guint premerge[] = { 5, 5, 0, 0, 0, 1, 2, 0, 1, 2 };
  const guint n_clusters[] = { 6, 3, 3 };
  guint merged[10];

  sc_merge_clusters (mask, 3, new_arch, kept_index, premerge, n_clusters, 0.9, merged);

  /* Layer 0 keeps its labels (module 5 for inputs 0,1, module 0 for 2,3). */
  g_assert_cmpuint (merged[0], ==, 5);
  g_assert_cmpuint (merged[2], ==, 0);
  /* Hidden 0 takes all of module 5's edges: it joins module 5. Module 0
   * splits 50/50 between hidden 1 and 2: both get fresh ids 6 and 7. */
  g_assert_cmpuint (merged[4], ==, 5);
  g_assert_cmpuint (merged[5], ==, 6);
  g_assert_cmpuint (merged[6], ==, 7);
  /* Output 0 is fed only by module 5 and joins it although module 5's
   * edges are split (out_frac ≡ 1 for outputs); output 1 is fed half by
   * 5 and half by 6: fresh id; output 2 joins module 7. */
  g_assert_cmpuint (merged[7], ==, 5);
  g_assert_cmpuint (merged[8], ==, 8);
  g_assert_cmpuint (merged[9], ==, 7);
}

static void
test_merge_nan (void)
{
  /* Layers [2, 2, 2]: input 1 and hidden 1 have no edges at all (a
   * hand-made condensed mask), output 1 has no incoming edge. The rows and
   * columns of those modules are 0/0 = NaN and never merge. */
  const guint arch[] = { 2, 2, 2 };
  g_autoptr(ScMask) mask = test_mask_from_edges (arch, 3, "[[[0,0]],[[0,0]]]");
  const guint kept_index[] = { 0, 1, 0, 1, 0, 1 };
  const guint premerge[] = { 0, 1, 0, 1, 0, 1 };
  const guint n_clusters[] = { 2, 2, 2 };
  guint merged[6];

  sc_merge_clusters (mask, 3, arch, kept_index, premerge, n_clusters, 0.9, merged);

  g_assert_cmpuint (merged[0], ==, 0);
  g_assert_cmpuint (merged[1], ==, 1);
  g_assert_cmpuint (merged[2], ==, 0);   /* all of module 0 → hidden 0 */
  g_assert_cmpuint (merged[3], ==, 2);   /* no incoming edges: fresh */
  g_assert_cmpuint (merged[4], ==, 0);
  g_assert_cmpuint (merged[5], ==, 3);   /* fresh, above every earlier id */
}

/* ---- whole detections ------------------------------------------------ */

static void
test_detect_input_separable (void)
{
  /* [4,24,4] of the golden file's first line, with default parameters. */
  const guint arch[] = { 4, 24, 4 };
  g_autoptr(ScMask) mask = test_mask_from_edges (arch, 3,
    "[[[2,7],[3,7],[0,12],[1,12],[0,16],[1,16],[2,21],[3,21]],"
    "[[12,0],[16,0],[12,1],[16,1],[7,2],[21,2],[7,3],[21,3]]]");
  g_autoptr(ScDetection) det = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  det = sc_detect (mask, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (det->new_arch[1], ==, 4);
  g_assert_cmpuint (det->n_modules, ==, 2);
  g_assert_cmpint (sc_detection_find (det, 1, 12), ==, 5);
  g_assert_cmpint (sc_detection_find (det, 1, 13), ==, -1);
  g_assert_cmpint (sc_detection_find (det, 2, 3), ==, 11);
  g_assert_cmpint (sc_detection_find (det, 3, 0), ==, -1);
  /* The unused hidden units lost their edges in the condensed mask. */
  g_assert_cmpuint (sc_mask_count (det->condensed), ==, 16);
  g_assert_cmpuint (det->layers[0].n_clusters, ==, 2);
  g_assert_cmpuint (det->layers[2].n_clusters, ==, 4);

  json_builder_begin_object (builder);
  sc_detection_to_json (det, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = json_to_string (root, FALSE);
  g_assert_cmpstr (text, ==,
                   "{\"new_arch\":[4,4,4],\"kept_units\":[0,1,2,3,11,16,20,25,28,29,30,31],"
                   "\"partition_premerge\":[1,1,0,0,1,0,0,1,0,1,2,3],"
                   "\"partition_merged\":[1,1,0,0,0,1,1,0,1,1,0,0]}");
}

static void
test_detect_condensation (void)
{
  /* [2,3,3,1], three parallel chains input → h1 → h2 → output; the last
   * edge of the chain through input 1 is missing, so the removal walks down
   * one layer per sweep: h2 unit 2 (no output), then h1 unit 2, then
   * input 1. */
  const guint arch[] = { 2, 3, 3, 1 };
  g_autoptr(ScMask) mask = test_mask_from_edges (arch, 4,
    "[[[0,0],[0,1],[1,2]],[[0,0],[1,1],[2,2]],[[0,0],[1,0],[2,0]]]");
  g_autoptr(ScDetection) det = NULL;
  g_autoptr(GError) error = NULL;

  mask->m[2][0 * 3 + 2] = 0;
  det = sc_detect (mask, NULL, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (det->new_arch[0], ==, 1);
  g_assert_cmpuint (det->new_arch[1], ==, 2);
  g_assert_cmpuint (det->new_arch[2], ==, 2);
  g_assert_cmpuint (det->new_arch[3], ==, 1);
  g_assert_cmpuint (sc_mask_count (det->condensed), ==, 6);
  g_assert_cmpint (sc_detection_find (det, 0, 1), ==, -1);
}

static void
test_detect_large (void)
{
  /* An MNIST-sized condensed net: 800 inputs, two halves feeding disjoint
   * hidden groups and disjoint outputs. Must run in test-friendly time;
   * the halves must never share a cluster or a module. */
  const guint arch[] = { 800, 120, 60, 10 };
  g_autoptr(ScMask) mask = sc_mask_new (arch, 4, FALSE);
  g_autoptr(ScDetection) det = NULL;
  g_autoptr(GError) error = NULL;
  GRand *rand = g_rand_new_with_seed (11);

  for (guint k = 0; k < 3; k++)
    for (guint j = 0; j < arch[k + 1]; j++)
      for (guint i = 0; i < arch[k]; i++)
        {
          gboolean same_half = (i < arch[k] / 2) == (j < arch[k + 1] / 2);

          if (same_half && g_rand_double (rand) < (k == 0 ? 0.02 : 0.15))
            mask->m[k][(gsize) j * arch[k] + i] = 1;
        }

  det = sc_detect (mask, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (det->n_kept, >, 600);

  for (guint p = 0; p < det->n_kept; p++)
    for (guint q = p + 1; q < det->n_kept && det->kept_layer[q] == det->kept_layer[p]; q++)
      {
        guint l = det->kept_layer[p];
        gboolean left_p = det->kept_index[p] < arch[l] / 2;
        gboolean left_q = det->kept_index[q] < arch[l] / 2;

        if (left_p != left_q && l == 0)
          g_assert_cmpuint (det->premerge[p], !=, det->premerge[q]);
        if (left_p != left_q)
          g_assert_cmpuint (det->merged[p], !=, det->merged[q]);
      }

  g_rand_free (rand);
}

static void
test_detect_empty (void)
{
  /* No edges at all: every input and hidden unit goes, the outputs stay
   * and each is its own module. */
  const guint arch[] = { 3, 4, 2 };
  g_autoptr(ScMask) mask = sc_mask_new (arch, 3, FALSE);
  g_autoptr(ScDetection) det = NULL;
  g_autoptr(GError) error = NULL;

  det = sc_detect (mask, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (det->n_kept, ==, 2);
  g_assert_cmpuint (det->new_arch[0], ==, 0);
  g_assert_cmpuint (det->new_arch[2], ==, 2);
  g_assert_cmpuint (det->n_modules, ==, 2);
  g_assert_cmpuint (det->merged[0], !=, det->merged[1]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/detect/golden", test_golden);
  g_test_add_func ("/detect/distance", test_distance);
  g_test_add_func ("/detect/condensed", test_condensed);
  g_test_add_func ("/detect/linkage/two-pairs", test_linkage_two_pairs);
  g_test_add_func ("/detect/linkage/ties", test_linkage_ties);
  g_test_add_func ("/detect/linkage/last-bit", test_linkage_last_bit);
  g_test_add_func ("/detect/modularity/examples", test_modularity);
  g_test_add_func ("/detect/modularity/curve", test_modularity_curve_matches_direct);
  g_test_add_func ("/detect/separability", test_separability);
  g_test_add_func ("/detect/cluster-count", test_cluster_count_rule);
  g_test_add_func ("/detect/merge/rule", test_merge_rule);
  g_test_add_func ("/detect/merge/nan", test_merge_nan);
  g_test_add_func ("/detect/input-separable", test_detect_input_separable);
  g_test_add_func ("/detect/condensation", test_detect_condensation);
  g_test_add_func ("/detect/large", test_detect_large);
  g_test_add_func ("/detect/empty", test_detect_empty);

  return g_test_run ();
}
