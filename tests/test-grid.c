/* test-grid.c — sweeps' grids (sc-grid.h) and selection rules (sc-select.h)
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>

#include "sc-error.h"
#include "sc-grid.h"
#include "sc-select.h"

/* 30 runs of the original code's grid for [4,1,2,2] 4-24-24-2 (seeds 0
 * and 5, Pu 65, 30, 10, every Pe); four of seed 0 end at 96.875 %. */
static ScGrid *
load_excerpt (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data",
                                                 "grid-reuse-k2-excerpt.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  ScGrid *grid = sc_grid_load (path, 100.0, &error);

  g_assert_no_error (error);
  return grid;
}

static ScGridPoint *
point (const ScGrid *grid,
       int           i)
{
  g_assert_cmpint (i, >=, 0);
  return g_ptr_array_index (grid->points, i);
}

static void
test_grid_load (void)
{
  g_autoptr(ScGrid) grid = load_excerpt ();
  g_autoptr(GArray) seeds = sc_grid_seeds (grid);
  guint below = 0;

  g_assert_cmpuint (grid->points->len, ==, 30);
  g_assert_cmpuint (seeds->len, ==, 2);
  g_assert_cmpuint (g_array_index (seeds, guint64, 1), ==, 5);

  for (guint i = 0; i < grid->points->len; i++)
    {
      const ScGridPoint *p = point (grid, i);

      g_assert_false (p->no_result);
      g_assert_cmpuint (p->n_edges, ==, sc_mask_count (p->mask));
      g_assert_cmpuint (p->params.feature_step, ==, 3);
      /* positions are the ranks of the values, largest first */
      g_assert_cmpuint (p->pu_index, ==, p->pu == 65 ? 0 : p->pu == 30 ? 1 : 2);
      g_assert_cmpfloat (p->pe, ==, 2.5 - 0.5 * p->pe_index);
      g_assert_true (p->meets_threshold == (p->accuracy >= 100.0));
      below += !p->meets_threshold;
    }
  g_assert_cmpuint (below, ==, 4);
}

/* §0 by brute force: the largest final percentage among the networks that
 * pass, then the first Pe, then the first Pu. */
static int
sparsest_by_hand (const ScGrid *grid,
                  guint64       seed)
{
  int best = -1;

  for (guint i = 0; i < grid->points->len; i++)
    {
      const ScGridPoint *p = point (grid, i), *b;

      if (p->seed != seed || p->no_result || !p->meets_threshold)
        continue;
      if (best < 0)
        {
          best = (int) i;
          continue;
        }
      b = point (grid, best);
      if (p->final_percent > b->final_percent ||
          (p->final_percent == b->final_percent &&
           (p->pe_index < b->pe_index ||
            (p->pe_index == b->pe_index && p->pu_index < b->pu_index))))
        best = (int) i;
    }
  return best;
}

static void
test_select_sparsest (void)
{
  g_autoptr(ScGrid) grid = load_excerpt ();
  g_autoptr(GError) error = NULL;
  int i;

  for (guint s = 0; s < 2; s++)
    {
      guint64 seed = s ? 5 : 0;

      i = sc_grid_select (grid, seed, SC_SELECT_SPARSEST, SC_SELECT_DEFAULT_BAND, &error);
      g_assert_no_error (error);
      g_assert_cmpint (i, ==, sparsest_by_hand (grid, seed));
    }

  /* seed 0: Pu 10, Pe 0.5, 13 edges */
  i = sc_grid_select (grid, 0, SC_SELECT_SPARSEST, 0, NULL);
  g_assert_cmpuint (point (grid, i)->n_edges, ==, 13);

  /* a network below the threshold is never chosen, however sparse */
  point (grid, i)->meets_threshold = FALSE;
  i = sc_grid_select (grid, 0, SC_SELECT_SPARSEST, 0, NULL);
  g_assert_cmpuint (point (grid, i)->n_edges, ==, 15);
}

/* The authors' 4-36-36-2 seed 0: Pu 30/Pe 2.5 and Pu 55/Pe 1.5 both keep
 * 16 edges; Pe is the outer loop, so 30/2.5 comes first although Pu 55
 * comes before Pu 30. */
static void
test_select_ties (void)
{
  const guint arch[] = { 2, 2, 1 };
  g_autoptr(ScGrid) grid = sc_grid_new ();
  ScGridPoint *a, *b;
  int i;

  a = sc_grid_add (grid, 0, 55, 1.5, sc_mask_new (arch, 3, TRUE));
  b = sc_grid_add (grid, 0, 30, 2.5, sc_mask_new (arch, 3, TRUE));
  a->pu_index = 0, a->pe_index = 2;
  b->pu_index = 1, b->pe_index = 0;
  a->final_percent = b->final_percent = 50;
  a->meets_threshold = b->meets_threshold = TRUE;

  i = sc_grid_select (grid, 0, SC_SELECT_SPARSEST, 0, NULL);
  g_assert_true (point (grid, i) == b);

  /* no network at all for seed 1; none that passes for seed 2 */
  sc_grid_add (grid, 1, 70, 2.5, NULL);
  sc_grid_add (grid, 2, 70, 2.5, sc_mask_new (arch, 3, TRUE));
  g_assert_cmpint (sc_grid_select (grid, 1, SC_SELECT_CONSENSUS, 20, NULL), ==, -1);
  g_assert_cmpint (sc_grid_select (grid, 2, SC_SELECT_SPARSEST, 20, NULL), ==, -1);
}

/* Consensus, modularity and stable, checked against their definitions. */
static void
test_select_ground_truth_free (void)
{
  g_autoptr(ScGrid) grid = load_excerpt ();
  g_autoptr(GError) error = NULL;
  const double band = 30;

  for (guint s = 0; s < 2; s++)
    {
      guint64 seed = s ? 5 : 0;
      guint fewest = G_MAXUINT;
      g_autoptr(GHashTable) near = g_hash_table_new (g_str_hash, g_str_equal);
      g_autoptr(GHashTable) all = g_hash_table_new (g_str_hash, g_str_equal);
      int c = sc_grid_select (grid, seed, SC_SELECT_CONSENSUS, band, &error);
      int m = sc_grid_select (grid, seed, SC_SELECT_MODULARITY, band, &error);
      int st = sc_grid_select (grid, seed, SC_SELECT_STABLE, band, &error);
      int mc = sc_grid_select (grid, seed, SC_SELECT_MODULAR_CONSENSUS, band, &error);
      g_autoptr(GHashTable) q_sum = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      guint c_count, st_count, mc_count, top = 0;
      double mc_q;

      g_assert_no_error (error);
      g_assert_true (sc_grid_detect (grid, &error));
      for (guint i = 0; i < grid->points->len; i++)
        if (point (grid, i)->seed == seed && point (grid, i)->meets_threshold)
          fewest = MIN (fewest, point (grid, i)->n_edges);

      for (guint i = 0; i < grid->points->len; i++)
        {
          const ScGridPoint *p = point (grid, i);
          gpointer key = p->structure;

          if (p->seed != seed || !p->meets_threshold)
            continue;
          g_hash_table_insert (all, key,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (all, key)) + 1));
          if (p->n_edges > fewest * (1 + band / 100))
            continue;
          g_hash_table_insert (near, key,
                               GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (near, key)) + 1));
          /* modularity: no near-sparsest network has a higher Q */
          g_assert_cmpfloat (p->analysis->modularity_q, <=, point (grid, m)->analysis->modularity_q);
        }
      g_assert_cmpuint (point (grid, m)->n_edges, <=, fewest * (1 + band / 100));

      /* modular-consensus: the consensus structure (the most frequent),
       * unless structures found at least a quarter as often are more
       * modular by SC_SELECT_Q_GAIN; then the most modular of them */
      for (guint i = 0; i < grid->points->len; i++)
        {
          const ScGridPoint *p = point (grid, i);
          double *sum;

          if (p->seed != seed || !p->meets_threshold || p->n_edges > fewest * (1 + band / 100))
            continue;
          if (!(sum = g_hash_table_lookup (q_sum, p->structure)))
            g_hash_table_insert (q_sum, p->structure, sum = g_new0 (double, 2));
          sum[0] += p->analysis->modularity_q;
          sum[1]++;
          top = MAX (top, (guint) sum[1]);
        }
      mc_count = GPOINTER_TO_UINT (g_hash_table_lookup (near, point (grid, mc)->structure));
      mc_q = ((double *) g_hash_table_lookup (q_sum, point (grid, mc)->structure))[0] / mc_count;
      {
        const double *base = g_hash_table_lookup (q_sum, point (grid, c)->structure);
        double base_q = base[0] / base[1];
        gboolean overridden = point (grid, mc)->structure != point (grid, c)->structure &&
                              strcmp (point (grid, mc)->structure, point (grid, c)->structure) != 0;
        GHashTableIter iter;
        gpointer key, value;

        if (overridden)
          {
            g_assert_cmpfloat (mc_count, >=, SC_SELECT_SUPPORT * top);
            g_assert_cmpfloat (mc_q, >=, base_q + SC_SELECT_Q_GAIN - 1e-9);
          }
        g_hash_table_iter_init (&iter, q_sum);
        while (g_hash_table_iter_next (&iter, &key, &value))
          {
            const double *sum = value;

            if (sum[1] >= SC_SELECT_SUPPORT * top && sum[0] / sum[1] >= base_q + SC_SELECT_Q_GAIN)
              {
                g_assert_true (overridden);
                g_assert_cmpfloat (sum[0] / sum[1], <=, mc_q + 1e-9);
              }
          }
      }

      /* consensus and stable: the most frequent structure, then its
       * sparsest network */
      c_count = GPOINTER_TO_UINT (g_hash_table_lookup (near, point (grid, c)->structure));
      st_count = GPOINTER_TO_UINT (g_hash_table_lookup (all, point (grid, st)->structure));
      for (guint i = 0; i < grid->points->len; i++)
        {
          const ScGridPoint *p = point (grid, i);

          if (p->seed != seed || !p->meets_threshold)
            continue;
          g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (near, p->structure)), <=, c_count);
          g_assert_cmpuint (GPOINTER_TO_UINT (g_hash_table_lookup (all, p->structure)), <=, st_count);
          if (strcmp (p->structure, point (grid, c)->structure) == 0)
            g_assert_cmpfloat (p->final_percent, <=, point (grid, c)->final_percent);
          if (strcmp (p->structure, point (grid, st)->structure) == 0)
            g_assert_cmpfloat (p->final_percent, <=, point (grid, st)->final_percent);
        }
    }
}

/* A grid of n copies of one network, all equally sparse, their detection
 * done; the tests then give them structures and Q values. */
static ScGrid *
copies (guint n)
{
  g_autoptr(ScGrid) excerpt = load_excerpt ();
  ScGrid *grid = sc_grid_new ();

  for (guint i = 0; i < n; i++)
    {
      ScGridPoint *p = sc_grid_add (grid, 0, 70 - 5 * i, 2.5,
                                    sc_mask_copy (point (excerpt, 0)->mask));

      p->pu_index = i;
      p->final_percent = 97;
      p->meets_threshold = TRUE;
      g_assert_true (sc_grid_detect_point (p, NULL));
    }
  return grid;
}

static void
set_structure (ScGrid     *grid,
               guint       i,
               const char *structure,
               double      q)
{
  ScGridPoint *p = point (grid, i);

  g_free (p->structure);
  p->structure = g_strdup (structure);
  /* a fabricated Q: each point has an analysis of its own */
  p->analysis->modularity_q = q;
}

static void
test_select_modular_override (void)
{
  g_autoptr(ScGrid) grid = copies (6);
  int c, mc;

  /* A four times at Q 0, B twice at Q 0.15: B is supported (2 ≥ 4/4)
   * and clearly more modular, so it overrides the consensus A */
  for (guint i = 0; i < 6; i++)
    set_structure (grid, i, i % 3 == 2 ? "B" : "A", i % 3 == 2 ? 0.15 : 0.0);
  c = sc_grid_select (grid, 0, SC_SELECT_CONSENSUS, 20, NULL);
  mc = sc_grid_select (grid, 0, SC_SELECT_MODULAR_CONSENSUS, 20, NULL);
  g_assert_cmpstr (point (grid, c)->structure, ==, "A");
  g_assert_cmpint (c, ==, 0);
  g_assert_cmpstr (point (grid, mc)->structure, ==, "B");
  g_assert_cmpint (mc, ==, 2);   /* B's first network */

  /* not modular enough: the consensus stays */
  set_structure (grid, 2, "B", 0.05);
  set_structure (grid, 5, "B", 0.05);
  mc = sc_grid_select (grid, 0, SC_SELECT_MODULAR_CONSENSUS, 20, NULL);
  g_assert_cmpstr (point (grid, mc)->structure, ==, "A");

  /* modular enough but too rare: B once against A five times */
  for (guint i = 0; i < 6; i++)
    set_structure (grid, i, i == 3 ? "B" : "A", i == 3 ? 0.5 : 0.0);
  mc = sc_grid_select (grid, 0, SC_SELECT_MODULAR_CONSENSUS, 20, NULL);
  g_assert_cmpstr (point (grid, mc)->structure, ==, "A");
}

static void
test_grid_save_load (void)
{
  g_autoptr(ScGrid) grid = load_excerpt ();
  g_autoptr(ScGrid) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sculptor-grid-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "grid.jsonl", NULL);

  sc_grid_add (grid, 7, 40, 1.0, NULL);   /* a point without a network */
  g_assert_true (sc_grid_save (grid, path, &error));
  g_assert_no_error (error);
  /* "meets_threshold" in the file wins over the accuracy */
  back = sc_grid_load (path, 0.0, &error);
  g_assert_no_error (error);

  g_assert_cmpuint (back->points->len, ==, 31);
  for (guint i = 0; i < 31; i++)
    {
      const ScGridPoint *p = point (grid, i), *q = point (back, i);

      g_assert_cmpuint (p->seed, ==, q->seed);
      g_assert_cmpfloat (p->pu, ==, q->pu);
      g_assert_cmpfloat (p->pe, ==, q->pe);
      g_assert_true (p->no_result == q->no_result);
      if (p->no_result)
        continue;
      g_assert_cmpfloat (p->final_percent, ==, q->final_percent);
      g_assert_true (p->meets_threshold == q->meets_threshold);
      g_assert_true (sc_mask_equal (p->mask, q->mask));
      g_assert_cmpuint (p->params.clusterability_step, ==, q->params.clusterability_step);
    }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_grid_errors (void)
{
  static const struct
  {
    const char *text;
    guint       line;
    const char *fragment;
  } cases[] = {
    { "{\"seed\":0,\"pu\":70,\"pe\":2.5,\"no_result\":true}\n{\"seed\":0,\"pe\":2}\n", 2,
      "“pu” is missing" },
    { "\n{\"seed\":0,\"pu\":70,\"pe\":2.5,\"accuracy\":100,\"arch\":[2,2,1],"
      "\"edges_by_layer\":[[[0,5]],[]]}\n", 2, "" },
    { "{\"seed\":-1,\"pu\":70,\"pe\":2.5,\"no_result\":true}\n", 1, "seed must be" },
    { "{\"seed\":0,\"pu\":\"x\",\"pe\":2.5}\n", 1, "“pu” must be a number" },
    { "[1, 2]\n", 1, "one JSON object" },
    { "{\"seed\":0,\"pu\":70,\"pe\":2.5,\"arch\":[2,2,1],\"edges_by_layer\":[[],[]]}\n", 1,
      "“accuracy” is missing" },
    { "\n\n", 1, "no grid points" },
  };
  g_autoptr(GError) dir_error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sculptor-grid-XXXXXX", &dir_error);
  g_autofree char *path = g_build_filename (dir, "bad.jsonl", NULL);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScGrid) grid = NULL;
      g_autofree char *prefix = g_strdup_printf ("%s:%u: ", path, cases[c].line);

      g_assert_true (g_file_set_contents (path, cases[c].text, -1, NULL));
      grid = sc_grid_load (path, 100, &error);
      g_test_message ("case %u: %s", c, error ? error->message : "(no error)");
      g_assert_null (grid);
      g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_nonnull (strstr (error->message, cases[c].fragment));
    }

  g_unlink (path);
  g_rmdir (dir);
}

static void
test_select_names (void)
{
  const char * const *names = sc_select_rule_names ();
  ScSelectRule rule;

  for (guint r = 0; names[r] != NULL; r++)
    {
      g_assert_true (sc_select_rule_parse (names[r], &rule));
      g_assert_cmpstr (sc_select_rule_name (rule), ==, names[r]);
    }
  g_assert_false (sc_select_rule_parse ("best", &rule));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/grid/load", test_grid_load);
  g_test_add_func ("/grid/save-load", test_grid_save_load);
  g_test_add_func ("/grid/errors", test_grid_errors);
  g_test_add_func ("/select/sparsest", test_select_sparsest);
  g_test_add_func ("/select/ties", test_select_ties);
  g_test_add_func ("/select/ground-truth-free", test_select_ground_truth_free);
  g_test_add_func ("/select/modular-override", test_select_modular_override);
  g_test_add_func ("/select/names", test_select_names);

  return g_test_run ();
}
