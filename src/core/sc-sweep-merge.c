/* sc-sweep-merge.c — a sweep's runs merged: grids, choices, success rates
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-error.h"
#include "sc-file.h"
#include "sc-json.h"
#include "sc-result.h"
#include "sc-sweep-merge.h"

guint
sc_sweep_n_rules (void)
{
  return g_strv_length ((char **) sc_select_rule_names ());
}

static void
snapshot_unref0 (gpointer snapshot)
{
  if (snapshot != NULL)
    sc_snapshot_unref (snapshot);
}

static void
cell_result_free (gpointer data)
{
  ScSweepCellResult *cr = data;

  g_free (cr->dir);
  g_clear_pointer (&cr->grid, sc_grid_free);
  g_clear_pointer (&cr->networks, g_ptr_array_unref);
  for (guint i = 0; i < cr->n_choices; i++)
    g_clear_pointer (&cr->choices[i].score, sc_score_free);
  g_free (cr->choices);
  g_free (cr->tallies);
  g_free (cr);
}

void
sc_sweep_result_free (ScSweepResult *result)
{
  if (result == NULL)
    return;

  g_clear_pointer (&result->cells, g_ptr_array_unref);
  g_clear_pointer (&result->task, sc_task_unref);
  g_free (result->totals);
  g_free (result);
}

/* ------------------------------------------------------------------ */
/* Reading the runs */

static gboolean
member_is (JsonObject  *object,
           const char  *member,
           double       expected)
{
  JsonNode *node = json_object_get_member (object, member);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         (json_node_get_value_type (node) == G_TYPE_INT64 ||
          json_node_get_value_type (node) == G_TYPE_DOUBLE) &&
         json_node_get_double (node) == expected;
}

static gboolean
read_edge_run (const ScSweepCell  *cell,
               ScGrid             *grid,
               GPtrArray          *networks,
               JsonNode           *node,
               guint               e,
               guint64             seed,
               double              pu,
               guint               pu_index,
               GError            **error)
{
  static const ScJsonField fields[] = {
    { "pe", SC_JSON_NUMBER }, { "final_percent", SC_JSON_NUMBER }, { "accuracy", SC_JSON_NUMBER },
    { "meets_threshold", SC_JSON_BOOL }, { "network", SC_JSON_OBJECT },
  };
  double pe = g_array_index (cell->hyper.edge_steps, double, e);
  g_autofree char *where = g_strdup_printf ("edge_runs[%u]", e);
  g_autoptr(ScSnapshot) network = NULL;
  JsonObject *object;
  ScGridPoint *p;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s is not an object", where);
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!sc_json_check_fields (object, where, fields, G_N_ELEMENTS (fields), error))
    return FALSE;
  if (!member_is (object, "pe", pe) || !json_object_has_member (object, "network") ||
      !json_object_has_member (object, "accuracy") ||
      !json_object_has_member (object, "final_percent"))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s needs the plan's pe %g, final_percent, accuracy and network", where, pe);
      return FALSE;
    }
  if (!(network = sc_snapshot_from_json (json_object_get_member (object, "network"), error)))
    return FALSE;
  if (network->n_layers != cell->hyper.arch->len ||
      memcmp (network->arch, cell->hyper.arch->data, sizeof (guint) * network->n_layers) != 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s.network is not of the plan's architecture",
                   where);
      return FALSE;
    }

  p = sc_grid_add (grid, seed, pu, pe, sc_mask_copy (network->mask));
  p->pu_index = pu_index;
  p->pe_index = e;
  sc_hyper_detect_params (&cell->hyper, &p->params);
  p->final_percent = json_object_get_double_member (object, "final_percent");
  p->accuracy = json_object_get_double_member (object, "accuracy");
  p->meets_threshold = json_object_get_boolean_member_with_default (object, "meets_threshold",
                                                                    FALSE);
  if (networks != NULL)
    g_ptr_array_add (networks, g_steal_pointer (&network));
  return TRUE;
}

/* A run that gave no network (§9.9): a point without one per Pe. */
static void
add_no_result (const ScSweepCell *cell,
               ScGrid            *grid,
               GPtrArray         *networks,
               guint64            seed,
               double             pu,
               guint              pu_index)
{
  sc_grid_add_run (grid, &cell->hyper, seed, pu, pu_index, NULL);
  for (guint e = 0; networks != NULL && e < cell->hyper.edge_steps->len; e++)
    g_ptr_array_add (networks, NULL);
}

static gboolean
read_run_object (const ScSweep      *sweep,
                 guint               index,
                 JsonNode           *root,
                 ScGrid             *grid,
                 GPtrArray          *networks,
                 GError            **error)
{
  static const ScJsonField fields[] = {
    { "index", SC_JSON_COUNT }, { "cell", SC_JSON_COUNT }, { "seed", SC_JSON_NUMBER },
    { "unit_step", SC_JSON_NUMBER }, { "no_result", SC_JSON_BOOL }, { "edge_runs", SC_JSON_ARRAY },
  };
  const ScSweepPlan *plan = sweep->plan;
  const ScSweepCell *cell;
  JsonObject *object;
  JsonArray *edge_runs;
  guint c, s, u, n_pe;
  guint64 seed;
  double pu;

  sc_sweep_plan_locate (plan, index, &c, &s, &u);
  cell = &g_array_index (plan->cells, ScSweepCell, c);
  n_pe = cell->hyper.edge_steps->len;
  seed = g_array_index (plan->seeds, guint64, s);
  pu = g_array_index (plan->unit_steps, double, u);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "not a run (no JSON object)");
      return FALSE;
    }
  object = json_node_get_object (root);
  if (!sc_json_check_fields (object, NULL, fields, G_N_ELEMENTS (fields), error))
    return FALSE;
  if (!member_is (object, "index", index) || !member_is (object, "cell", c) ||
      !member_is (object, "seed", (double) seed) || !member_is (object, "unit_step", pu))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "not run %u of the plan (cell %u, seed %" G_GUINT64_FORMAT ", Pu %g)",
                   index, c, seed, pu);
      return FALSE;
    }

  if (json_object_get_boolean_member_with_default (object, "no_result", FALSE))
    {
      add_no_result (cell, grid, networks, seed, pu, u);
      return TRUE;
    }
  edge_runs = json_object_has_member (object, "edge_runs")
              ? json_object_get_array_member (object, "edge_runs") : NULL;
  if (edge_runs == NULL || json_array_get_length (edge_runs) != n_pe)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "edge_runs must hold %u runs, one per Pe",
                   n_pe);
      return FALSE;
    }
  for (guint e = 0; e < n_pe; e++)
    if (!read_edge_run (cell, grid, networks, json_array_get_element (edge_runs, e), e, seed, pu,
                        u, error))
      return FALSE;
  return TRUE;
}

gboolean
sc_sweep_read_run (const ScSweep  *sweep,
                   guint           index,
                   ScGrid         *grid,
                   GPtrArray      *networks,
                   GError        **error)
{
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  guint n_points;

  g_return_val_if_fail (sweep != NULL && grid != NULL, FALSE);
  g_return_val_if_fail (index < sc_sweep_plan_n_runs (sweep->plan), FALSE);

  path = sc_sweep_run_path (sweep, index);
  n_points = grid->points->len;
  if ((root = sc_json_read_file (path, SC_FILE_LIMIT_JSON, &local_error)) &&
      read_run_object (sweep, index, root, grid, networks, &local_error))
    return TRUE;

  /* what was added of it goes */
  g_ptr_array_set_size (grid->points, n_points);
  if (networks != NULL)
    g_ptr_array_set_size (networks, n_points);
  g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: %s (delete the file to do the run again)",
               path, local_error->message);
  return FALSE;
}

/* ------------------------------------------------------------------ */
/* Choosing */

static void
tally (ScSweepTally        *t,
       const ScSweepChoice *choice)
{
  if (choice->point < 0)
    {
      t->n_empty++;
      return;
    }
  t->n_seeds++;
  if (choice->score)
    {
      t->n_scored++;
      t->n_success += choice->score->success;
      t->n_depth_aware += choice->score->depth_aware_success;
    }
}

static gboolean
choose (ScGrid         *grid,
        const ScTruth  *truth,
        guint64         seed,
        ScSelectRule    rule,
        double          band,
        ScSweepChoice  *out,
        GError        **error)
{
  g_autoptr(GError) local_error = NULL;
  ScGridPoint *p;

  *out = (ScSweepChoice) { .point = sc_grid_select (grid, seed, rule, band, &local_error) };
  if (out->point < 0)
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  p = g_ptr_array_index (grid->points, out->point);
  if (!sc_grid_detect_point (p, error))
    return FALSE;
  return truth == NULL || (out->score = sc_grid_score_point (p, truth, error)) != NULL;
}

static gboolean
choose_all (ScSweepResult      *result,
            ScSweepCellResult  *cr,
            GError            **error)
{
  const ScTruth *truth = result->task->truth;
  const GArray *seeds = result->sweep->plan->seeds;
  guint n_rules = sc_sweep_n_rules ();

  cr->n_choices = n_rules * seeds->len;
  cr->choices = g_new0 (ScSweepChoice, MAX (cr->n_choices, 1));
  cr->tallies = g_new0 (ScSweepTally, n_rules);
  for (guint r = 0; r < n_rules; r++)
    for (guint s = 0; s < seeds->len; s++)
      {
        ScSweepChoice *c = &cr->choices[r * seeds->len + s];

        if (!choose (cr->grid, truth, g_array_index (seeds, guint64, s), r, result->band, c,
                     error))
          return FALSE;
        tally (&cr->tallies[r], c);
        tally (&result->totals[r], c);
      }
  return TRUE;
}

static ScSweepCellResult *
merge_cell (ScSweepResult          *result,
            guint                   c,
            const ScSweepRunState  *states,
            GError                **error)
{
  const ScSweep *sweep = result->sweep;
  const ScSweepPlan *plan = sweep->plan;
  guint per_cell = plan->seeds->len * plan->unit_steps->len;
  ScSweepCellResult *cr = g_new0 (ScSweepCellResult, 1);

  cr->cell = &g_array_index (plan->cells, ScSweepCell, c);
  cr->dir = g_build_filename (sweep->dir, cr->cell->subdir, NULL);
  cr->grid = sc_grid_new ();
  cr->networks = g_ptr_array_new_with_free_func (snapshot_unref0);
  for (guint i = c * per_cell; i < (c + 1) * per_cell; i++)
    {
      if (states[i] == SC_SWEEP_RUN_FAILED)
        cr->n_failed++;
      else if (!sc_sweep_read_run (sweep, i, cr->grid, cr->networks, error))
        return cell_result_free (cr), NULL;
    }
  if (!choose_all (result, cr, error))
    return cell_result_free (cr), NULL;
  return cr;
}

ScSweepResult *
sc_sweep_merge (const ScSweep  *sweep,
                ScTask         *task,
                ScSelectRule    rule,
                double          band,
                GError        **error)
{
  g_autoptr(ScSweepResult) result = NULL;
  g_autofree ScSweepRunState *states = NULL;
  guint n, n_pending = 0;

  g_return_val_if_fail (sweep != NULL && task != NULL, NULL);

  states = sc_sweep_scan (sweep);
  n = sc_sweep_plan_n_runs (sweep->plan);
  for (guint i = 0; i < n; i++)
    n_pending += states[i] == SC_SWEEP_RUN_PENDING;
  if (n_pending > 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "%u of the %u runs of %s are not done", n_pending, n, sweep->dir);
      return NULL;
    }

  result = g_new0 (ScSweepResult, 1);
  result->sweep = sweep;
  result->task = sc_task_ref (task);
  result->rule = rule;
  result->band = band;
  result->totals = g_new0 (ScSweepTally, sc_sweep_n_rules ());
  result->cells = g_ptr_array_new_with_free_func (cell_result_free);
  for (guint c = 0; c < sweep->plan->cells->len; c++)
    {
      ScSweepCellResult *cr = merge_cell (result, c, states, error);

      if (cr == NULL)
        return NULL;
      result->n_failed += cr->n_failed;
      g_ptr_array_add (result->cells, cr);
    }
  return g_steal_pointer (&result);
}

/* ------------------------------------------------------------------ */
/* sweep.json */

static void
add_choice_json (JsonBuilder         *builder,
                 const ScGrid        *grid,
                 guint64              seed,
                 const ScSweepChoice *choice,
                 const ScTruth       *truth,
                 gboolean             full)
{
  const ScGridPoint *p;

  json_builder_begin_object (builder);
  sc_json_add_int (builder, "seed", (gint64) seed);
  if (choice->point < 0)
    {
      json_builder_set_member_name (builder, "point");
      json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      return;
    }

  p = g_ptr_array_index (grid->points, choice->point);
  sc_json_add_int (builder, "point", choice->point);
  sc_json_add_double (builder, "unit_step", p->pu);
  sc_json_add_double (builder, "edge_step", p->pe);
  sc_json_add_double (builder, "final_percent", p->final_percent);
  sc_json_add_double (builder, "accuracy", p->accuracy);
  sc_json_add_int (builder, "n_edges", p->n_edges);
  sc_json_add_double (builder, "modularity_q", p->analysis->modularity_q);
  sc_json_add_string (builder, "structure", p->structure);
  if (full)
    {
      json_builder_set_member_name (builder, "final_arch");
      json_builder_add_value (builder, sc_arch_to_json (p->analysis->detection->new_arch,
                                                        p->analysis->detection->n_layers));
      json_builder_set_member_name (builder, "edges_by_layer");
      json_builder_add_value (builder, sc_mask_to_edges_json (p->mask));
      sc_detection_to_json (p->analysis->detection, builder);
      sc_module_graph_to_json (p->analysis->modules, builder);
    }
  if (choice->score)
    {
      json_builder_set_member_name (builder, "score");
      json_builder_begin_object (builder);
      sc_score_to_json (choice->score, truth, builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
begin_tally_json (JsonBuilder        *builder,
                  const ScSweepTally *t)
{
  json_builder_begin_object (builder);
  sc_json_add_int (builder, "seeds", t->n_seeds);
  sc_json_add_int (builder, "seeds_without_network", t->n_empty);
  sc_json_add_int (builder, "scored", t->n_scored);
  sc_json_add_int (builder, "recovered", t->n_success);
  sc_json_add_int (builder, "recovered_depth_aware", t->n_depth_aware);
}

static void
add_choices_json (JsonBuilder             *builder,
                  const ScSweepResult     *result,
                  const ScSweepCellResult *cr,
                  ScSelectRule             rule,
                  gboolean                 full)
{
  const GArray *seeds = result->sweep->plan->seeds;

  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  for (guint s = 0; s < seeds->len; s++)
    add_choice_json (builder, cr->grid, g_array_index (seeds, guint64, s),
                     &cr->choices[rule * seeds->len + s], result->task->truth, full);
  json_builder_end_array (builder);
}

static void
add_cell_json (JsonBuilder             *builder,
               const ScSweepResult     *result,
               const ScSweepCellResult *cr)
{
  json_builder_begin_object (builder);
  sc_json_add_string (builder, "arch_label", cr->cell->label);
  sc_hyper_to_json (&cr->cell->hyper, builder);
  sc_json_add_int (builder, "failed_runs", cr->n_failed);
  add_choices_json (builder, result, cr, result->rule, TRUE);
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_object (builder);
  for (guint r = 0; r < sc_sweep_n_rules (); r++)
    {
      json_builder_set_member_name (builder, sc_select_rule_name (r));
      begin_tally_json (builder, &cr->tallies[r]);
      add_choices_json (builder, result, cr, r, FALSE);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

JsonNode *
sc_sweep_result_to_json (const ScSweepResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const ScSweepTally *t;

  g_return_val_if_fail (result != NULL, NULL);

  t = &result->totals[result->rule];
  json_builder_begin_object (builder);
  sc_json_add_string (builder, "task", result->task->name);
  sc_json_add_string (builder, "select", sc_select_rule_name (result->rule));
  sc_json_add_double (builder, "select_band", result->band);
  json_builder_set_member_name (builder, "cells");
  json_builder_begin_array (builder);
  for (guint c = 0; c < result->cells->len; c++)
    add_cell_json (builder, result, g_ptr_array_index (result->cells, c));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_object (builder);
  for (guint r = 0; r < sc_sweep_n_rules (); r++)
    {
      json_builder_set_member_name (builder, sc_select_rule_name (r));
      begin_tally_json (builder, &result->totals[r]);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "success_rate");
  if (t->n_scored)
    json_builder_add_double_value (builder, (double) t->n_success / t->n_scored);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

gboolean
sc_sweep_result_save (const ScSweepResult  *result,
                      GError              **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (result != NULL, FALSE);

  for (guint c = 0; c < result->cells->len; c++)
    {
      const ScSweepCellResult *cr = g_ptr_array_index (result->cells, c);
      g_autofree char *grid_path = g_build_filename (cr->dir, "grid.jsonl", NULL);

      if (g_mkdir_with_parents (cr->dir, 0755) != 0)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_IO, "cannot create %s", cr->dir);
          return FALSE;
        }
      if (!sc_grid_save (cr->grid, grid_path, error))
        return FALSE;
    }

  root = sc_sweep_result_to_json (result);
  path = g_build_filename (result->sweep->dir, "sweep.json", NULL);
  return sc_json_write_file (root, path, TRUE, error);
}
