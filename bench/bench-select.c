/* bench-select.c — every selection rule on saved sweep grids
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* bench-select TASK GRID.jsonl … [--band P] [--points] [--loose-reused]
 *
 * For each grid (a sweep's grid.jsonl, or a grid of the original code),
 * chooses each seed's network with every rule of sc-select.h, scores it
 * against TASK's ground truth and prints one JSON object per line:
 *
 *   {"grid": PATH, "arch": "4-24-24-2", "rules": {"sparsest": {"seeds": 4,
 *    "recovered": 1, "depth_aware": 1, "input": 4, "output": 1,
 *    "hidden": 0, "hidden_applicable": 0, "edges": [13, …],
 *    "success": [false, …]}, …}}
 *
 * "input", "output" and "hidden" count the seeds whose chosen network
 * passes that criterion (hidden: among those where it applies). bench/
 * fidelity reads this to tabulate the rules per family without training
 * anything again. --points prints instead one line per network of the
 * grids (seed, Pu, Pe, edges, whether it passes the threshold, its
 * structure, Newman Q and scores), to study new rules. --loose-reused
 * scores without asking a reused sub-function for a module of its own
 * (ScTruth.loose_reused), to measure what that requirement changes. */

#define G_LOG_DOMAIN "sculptor-bench"

#include "config.h"

#include <stdio.h>

#include <json-glib/json-glib.h>

#include "sc-grid.h"
#include "sc-json.h"
#include "sc-select.h"
#include "sc-task.h"

static gboolean
rule_json (JsonBuilder   *builder,
           ScGrid        *grid,
           GArray        *seeds,
           ScSelectRule   rule,
           double         band,
           const ScTruth *truth,
           GError       **error)
{
  guint n = 0, ok = 0, depth = 0, in = 0, out = 0, hid = 0, hid_app = 0;
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GArray) success = g_array_new (FALSE, FALSE, sizeof (int));

  for (guint s = 0; s < seeds->len; s++)
    {
      int i = sc_grid_select (grid, g_array_index (seeds, guint64, s), rule, band, error);
      g_autoptr(ScScore) score = NULL;
      ScGridPoint *p;

      if (i < 0)
        {
          if (error && *error)
            return FALSE;
          g_array_append_val (edges, (int) { -1 });
          g_array_append_val (success, (int) { 0 });
          continue;
        }
      p = g_ptr_array_index (grid->points, i);
      if (!sc_grid_detect_point (p, error) || !(score = sc_grid_score_point (p, truth, error)))
        return FALSE;
      n++;
      ok += score->success;
      depth += score->depth_aware_success;
      in += score->input_separable;
      out += score->output_grouped;
      hid_app += score->hidden_applicable;
      hid += score->hidden_applicable && score->hidden_separable;
      g_array_append_val (edges, (int) { (int) p->n_edges });
      g_array_append_val (success, (int) { score->success });
    }

  json_builder_set_member_name (builder, sc_select_rule_name (rule));
  json_builder_begin_object (builder);
  sc_json_add_int (builder, "seeds", n);
  sc_json_add_int (builder, "recovered", ok);
  sc_json_add_int (builder, "depth_aware", depth);
  sc_json_add_int (builder, "input", in);
  sc_json_add_int (builder, "output", out);
  sc_json_add_int (builder, "hidden", hid);
  sc_json_add_int (builder, "hidden_applicable", hid_app);
  json_builder_set_member_name (builder, "edges");
  json_builder_begin_array (builder);
  for (guint i = 0; i < edges->len; i++)
    json_builder_add_int_value (builder, g_array_index (edges, int, i));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "success");
  json_builder_begin_array (builder);
  for (guint i = 0; i < success->len; i++)
    json_builder_add_boolean_value (builder, g_array_index (success, int, i));
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  return TRUE;
}

static void
print_json (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static gboolean
points_json (const char    *path,
             const ScTruth *truth,
             GError       **error)
{
  g_autoptr(ScGrid) grid = sc_grid_load (path, 100.0, error);

  if (grid == NULL || !sc_grid_detect (grid, error))
    return FALSE;

  for (guint i = 0; i < grid->points->len; i++)
    {
      ScGridPoint *p = g_ptr_array_index (grid->points, i);
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(ScScore) score = NULL;

      if (p->no_result)
        continue;
      if (!(score = sc_grid_score_point (p, truth, error)))
        return FALSE;
      json_builder_begin_object (builder);
      sc_json_add_string (builder, "grid", path);
      sc_json_add_int (builder, "seed", (gint64) p->seed);
      sc_json_add_double (builder, "pu", p->pu);
      sc_json_add_double (builder, "pe", p->pe);
      sc_json_add_int (builder, "pu_index", p->pu_index);
      sc_json_add_int (builder, "pe_index", p->pe_index);
      sc_json_add_int (builder, "edges", p->n_edges);
      sc_json_add_double (builder, "final_percent", p->final_percent);
      sc_json_add_bool (builder, "passes", p->meets_threshold);
      sc_json_add_string (builder, "structure", p->structure);
      sc_json_add_int (builder, "modules", p->analysis->modules->n_modules);
      sc_json_add_double (builder, "q", p->analysis->modularity_q);
      sc_json_add_bool (builder, "success", score->success);
      sc_json_add_bool (builder, "depth_aware", score->depth_aware_success);
      sc_json_add_bool (builder, "input", score->input_separable);
      sc_json_add_bool (builder, "output", score->output_grouped);
      sc_json_add_bool (builder, "hidden", score->hidden_applicable && score->hidden_separable);
      json_builder_end_object (builder);
      print_json (builder);
    }
  return TRUE;
}

static gboolean
grid_json (const char    *path,
           const ScTruth *truth,
           double         band,
           GError       **error)
{
  g_autoptr(ScGrid) grid = sc_grid_load (path, 100.0, error);
  g_autoptr(GArray) seeds = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *arch = NULL;

  if (grid == NULL)
    return FALSE;
  seeds = sc_grid_seeds (grid);

  json_builder_begin_object (builder);
  sc_json_add_string (builder, "grid", path);
  for (guint i = 0; i < grid->points->len && arch == NULL; i++)
    {
      const ScGridPoint *p = g_ptr_array_index (grid->points, i);

      if (p->mask)
        arch = sc_arch_to_string (p->mask->arch, p->mask->n_layers, '-');
    }
  sc_json_add_string (builder, "arch", arch);
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_object (builder);
  for (guint r = 0; sc_select_rule_names ()[r] != NULL; r++)
    if (!rule_json (builder, grid, seeds, r, band, truth, error))
      return FALSE;
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  print_json (builder);
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  double band = SC_SELECT_DEFAULT_BAND;
  gboolean points = FALSE, loose = FALSE;
  g_autoptr(ScTruth) truth = NULL;
  GOptionEntry entries[] = {
    { "loose-reused", 0, 0, G_OPTION_ARG_NONE, &loose,
      "Do not ask a reused sub-function for a module of its own", NULL },
    { "points", 0, 0, G_OPTION_ARG_NONE, &points,
      "One line per network instead (structure, Newman Q, scores)", NULL },
    { "band", 0, 0, G_OPTION_ARG_DOUBLE, &band,
      "Near-sparsest band of the selection rules, % (default 20)", "P" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("TASK GRID.jsonl…");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = NULL;
  int status = 0;

  g_option_context_set_summary (context,
    "Chooses each seed's network of saved grids with every selection rule and\n"
    "scores it; one JSON line per grid.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fprintf (stderr, "%s\n", error->message), 2;
  if (argc < 3 || !(band >= 0))
    return fprintf (stderr, "expected TASK and at least one GRID.jsonl, --band ≥ 0\n"), 2;
  if (!(task = sc_task_lookup (argv[1], &error)) || task->truth == NULL)
    return fprintf (stderr, "%s\n", error ? error->message : "the task has no ground truth"), 1;
  truth = sc_truth_copy (task->truth);
  truth->loose_reused = loose;

  for (int i = 2; i < argc; i++)
    if (!(points ? points_json (argv[i], truth, &error)
                 : grid_json (argv[i], truth, band, &error)))
      {
        fprintf (stderr, "%s\n", error->message);
        g_clear_error (&error);
        status = 1;
      }
  return status;
}
