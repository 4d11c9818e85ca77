/* sc-sweep-plan.c — the runs of a sweep: tasks × architectures × seeds × Pu
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-json.h"
#include "sc-mask.h"
#include "sc-memory.h"
#include "sc-paper.h"
#include "sc-sweep-plan.h"

#define PLAN_FORMAT "sculptor-sweep-plan"
#define PLAN_VERSION 1

static void
cell_clear (gpointer data)
{
  ScSweepCell *cell = data;

  sc_hyper_clear (&cell->hyper);
  g_free (cell->label);
  g_free (cell->subdir);
}

static ScSweepPlan *
plan_alloc (void)
{
  ScSweepPlan *plan = g_new0 (ScSweepPlan, 1);

  plan->cells = g_array_new (FALSE, TRUE, sizeof (ScSweepCell));
  g_array_set_clear_func (plan->cells, cell_clear);
  plan->seeds = g_array_new (FALSE, FALSE, sizeof (guint64));
  plan->unit_steps = g_array_new (FALSE, FALSE, sizeof (double));
  return plan;
}

void
sc_sweep_plan_free (ScSweepPlan *plan)
{
  if (plan == NULL)
    return;

  sc_task_source_clear (&plan->task);
  g_array_unref (plan->cells);
  g_array_unref (plan->seeds);
  g_array_unref (plan->unit_steps);
  g_free (plan);
}

static void
add_cell (ScSweepPlan   *plan,
          const ScHyper *hyper,
          gboolean       own_dir)
{
  ScSweepCell cell = { 0 };

  sc_hyper_copy (&cell.hyper, hyper);
  cell.label = sc_arch_to_string ((const guint *) hyper->arch->data, hyper->arch->len, '-');
  cell.subdir = g_strdup (own_dir ? cell.label : "");
  g_array_append_val (plan->cells, cell);
}

static gboolean
in_list (const GArray *list,
         guint         value)
{
  for (guint i = 0; list != NULL && i < list->len; i++)
    if (g_array_index (list, guint, i) == value)
      return TRUE;
  return list == NULL;
}

ScSweepPlan *
sc_sweep_plan_new (const ScTaskSource  *source,
                   const ScTask        *task,
                   const ScHyper       *base,
                   const GArray        *seeds,
                   const GArray        *unit_steps,
                   gboolean             paper,
                   const GArray        *hidden,
                   const GArray        *widths,
                   GError             **error)
{
  g_autoptr(ScSweepPlan) plan = plan_alloc ();

  g_return_val_if_fail (source != NULL && task != NULL && base != NULL, NULL);
  g_return_val_if_fail (seeds != NULL && seeds->len > 0, NULL);
  g_return_val_if_fail (unit_steps != NULL && unit_steps->len > 0, NULL);

  sc_task_source_copy_absolute (&plan->task, source);
  g_array_append_vals (plan->seeds, seeds->data, seeds->len);
  g_array_append_vals (plan->unit_steps, unit_steps->data, unit_steps->len);

  if (!paper)
    {
      add_cell (plan, base, FALSE);
      return g_steal_pointer (&plan);
    }

  for (guint i = 0; i < task->paper->len; i++)
    {
      const ScPaperSetting *row = &g_array_index (task->paper, ScPaperSetting, i);
      ScHyper hyper;

      if (!in_list (hidden, sc_paper_hidden_layers (row)) || !in_list (widths, sc_paper_width (row)))
        continue;
      sc_hyper_copy (&hyper, base);
      sc_paper_apply (row, &hyper);
      add_cell (plan, &hyper, TRUE);
      sc_hyper_clear (&hyper);
    }
  if (plan->cells->len == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   _("no architecture of the paper's table for %s passes --hidden and --widths "
                     "(see “sculptor-cli tasks %s”)"), task->name, task->name);
      return NULL;
    }
  return g_steal_pointer (&plan);
}

guint
sc_sweep_plan_n_runs (const ScSweepPlan *plan)
{
  g_return_val_if_fail (plan != NULL, 0);

  return plan->cells->len * plan->seeds->len * plan->unit_steps->len;
}

void
sc_sweep_plan_locate (const ScSweepPlan *plan,
                      guint              index,
                      guint             *cell,
                      guint             *seed,
                      guint             *unit_step)
{
  guint n_pu = plan->unit_steps->len, n_seeds = plan->seeds->len;

  g_return_if_fail (index < sc_sweep_plan_n_runs (plan));

  if (unit_step)
    *unit_step = index % n_pu;
  if (seed)
    *seed = index / n_pu % n_seeds;
  if (cell)
    *cell = index / n_pu / n_seeds;
}

void
sc_sweep_plan_run_hyper (const ScSweepPlan *plan,
                         guint              index,
                         ScHyper           *hyper)
{
  guint c, s, u;

  sc_sweep_plan_locate (plan, index, &c, &s, &u);
  sc_hyper_copy (hyper, &g_array_index (plan->cells, ScSweepCell, c).hyper);
  hyper->seed = g_array_index (plan->seeds, guint64, s);
  hyper->unit_step = g_array_index (plan->unit_steps, double, u);
}

/* ------------------------------------------------------------------ */
/* The plan file */

static void
add_plan_members (JsonBuilder       *builder,
                  const ScSweepPlan *plan)
{
  json_builder_set_member_name (builder, "task");
  sc_task_source_to_json (&plan->task, builder);
  json_builder_set_member_name (builder, "seeds");
  json_builder_begin_array (builder);
  for (guint s = 0; s < plan->seeds->len; s++)
    json_builder_add_int_value (builder, (gint64) g_array_index (plan->seeds, guint64, s));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "unit_steps");
  json_builder_begin_array (builder);
  for (guint u = 0; u < plan->unit_steps->len; u++)
    json_builder_add_double_value (builder, g_array_index (plan->unit_steps, double, u));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "cells");
  json_builder_begin_array (builder);
  for (guint c = 0; c < plan->cells->len; c++)
    {
      const ScSweepCell *cell = &g_array_index (plan->cells, ScSweepCell, c);

      json_builder_begin_object (builder);
      sc_json_add_string (builder, "label", cell->label);
      sc_json_add_string (builder, "subdir", cell->subdir);
      json_builder_set_member_name (builder, "settings");
      json_builder_begin_object (builder);
      sc_hyper_to_json (&cell->hyper, builder);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

JsonNode *
sc_sweep_plan_to_json (const ScSweepPlan *plan)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (plan != NULL, NULL);

  json_builder_begin_object (builder);
  sc_json_add_string (builder, "format", PLAN_FORMAT);
  sc_json_add_int (builder, "version", PLAN_VERSION);
  sc_json_add_string (builder, "sculptor_version", PACKAGE_VERSION);
  add_plan_members (builder, plan);
  sc_json_add_int (builder, "runs", sc_sweep_plan_n_runs (plan));
  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

static gboolean
read_seeds (ScSweepPlan  *plan,
            JsonArray    *array,
            GError      **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      guint64 seed;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 0)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                       "seeds: element %u is not a non-negative integer", i);
          return FALSE;
        }
      seed = (guint64) json_node_get_int (node);
      g_array_append_val (plan->seeds, seed);
    }
  return TRUE;
}

static gboolean
read_unit_steps (ScSweepPlan  *plan,
                 JsonArray    *array,
                 GError      **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      GType type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
      double pu;

      if ((type != G_TYPE_INT64 && type != G_TYPE_DOUBLE) ||
          !((pu = json_node_get_double (node)) > 0 && pu < 100))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                       "unit_steps: element %u is not a percentage between 0 and 100", i);
          return FALSE;
        }
      g_array_append_val (plan->unit_steps, pu);
    }
  return TRUE;
}

static gboolean
read_cell (ScSweepPlan  *plan,
           JsonNode     *node,
           guint         index,
           GError      **error)
{
  static const ScJsonField fields[] = {
    { "label", SC_JSON_STRING }, { "subdir", SC_JSON_STRING }, { "settings", SC_JSON_OBJECT },
  };
  g_autoptr(GError) local_error = NULL;
  g_autofree char *where = g_strdup_printf ("cells[%u]", index);
  ScSweepCell cell = { 0 };
  JsonObject *object;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s is not an object", where);
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!sc_json_check_fields (object, where, fields, G_N_ELEMENTS (fields), error))
    return FALSE;
  if (!json_object_has_member (object, "label") || !json_object_has_member (object, "settings"))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s needs “label” and “settings”", where);
      return FALSE;
    }

  sc_hyper_init_defaults (&cell.hyper);
  cell.label = g_strdup (json_object_get_string_member (object, "label"));
  cell.subdir = g_strdup (json_object_get_string_member_with_default (object, "subdir", ""));
  g_array_append_val (plan->cells, cell);
  /* a subdirectory is one name inside the sweep's directory */
  if (strchr (cell.subdir, '/') != NULL || g_str_equal (cell.subdir, "..") ||
      g_str_equal (cell.subdir, "."))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s.subdir must be a plain name", where);
      return FALSE;
    }
  if (!sc_hyper_from_json (&g_array_index (plan->cells, ScSweepCell, plan->cells->len - 1).hyper,
                           json_object_get_object_member (object, "settings"), &local_error))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s.settings: %s", where, local_error->message);
      return FALSE;
    }
  return TRUE;
}

ScSweepPlan *
sc_sweep_plan_from_json (JsonNode  *root,
                         GError   **error)
{
  static const ScJsonField fields[] = {
    { "format", SC_JSON_STRING }, { "version", SC_JSON_INT }, { "task", SC_JSON_OBJECT },
    { "seeds", SC_JSON_ARRAY }, { "unit_steps", SC_JSON_ARRAY }, { "cells", SC_JSON_ARRAY },
  };
  g_autoptr(ScSweepPlan) plan = plan_alloc ();
  JsonObject *object;
  JsonArray *cells;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (root),
                                                             "format", NULL), PLAN_FORMAT) != 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "not a sweep plan (no “format”: “%s”)",
                   PLAN_FORMAT);
      return NULL;
    }
  object = json_node_get_object (root);
  if (!sc_json_check_fields (object, NULL, fields, G_N_ELEMENTS (fields), error))
    return NULL;
  if (json_object_get_int_member_with_default (object, "version", 0) != PLAN_VERSION)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "plan version %" G_GINT64_FORMAT
                   " is not %d, the one this Sculptor reads",
                   json_object_get_int_member_with_default (object, "version", 0), PLAN_VERSION);
      return NULL;
    }
  if (!json_object_has_member (object, "task") || !json_object_has_member (object, "seeds") ||
      !json_object_has_member (object, "unit_steps") || !json_object_has_member (object, "cells"))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "a plan needs “task”, “seeds”, “unit_steps” and “cells”");
      return NULL;
    }

  if (!sc_task_source_from_json (&plan->task, json_object_get_object_member (object, "task"),
                                 error) ||
      !read_seeds (plan, json_object_get_array_member (object, "seeds"), error) ||
      !read_unit_steps (plan, json_object_get_array_member (object, "unit_steps"), error))
    return NULL;
  cells = json_object_get_array_member (object, "cells");
  for (guint c = 0; c < json_array_get_length (cells); c++)
    if (!read_cell (plan, json_array_get_element (cells, c), c, error))
      return NULL;
  if (sc_sweep_plan_n_runs (plan) == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "the plan has no runs");
      return NULL;
    }
  return g_steal_pointer (&plan);
}

static char *
plan_text (const ScSweepPlan *plan)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  add_plan_members (builder, plan);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

gboolean
sc_sweep_plan_equal (const ScSweepPlan *a,
                     const ScSweepPlan *b)
{
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  text_a = plan_text (a);
  text_b = plan_text (b);
  return g_str_equal (text_a, text_b);
}

/* ------------------------------------------------------------------ */

/* parallel runs train at once; the merge holds every run's networks */
gboolean
sc_sweep_plan_check_memory (const ScSweepPlan  *plan,
                            const ScTask       *task,
                            guint               parallel,
                            guint64             limit,
                            const char         *limit_source,
                            GError            **error)
{
  guint n_runs = sc_sweep_plan_n_runs (plan);

  parallel = MIN (parallel, n_runs);
  for (guint c = 0; c < plan->cells->len; c++)
    {
      ScMemoryEstimate one, all;

      sc_memory_estimate_run (task, &g_array_index (plan->cells, ScSweepCell, c).hyper, FALSE,
                              &one);
      all = (ScMemoryEstimate) {
        .program = one.program,
        .training = parallel * one.training,
        .snapshots = n_runs * one.snapshots,
        .data = one.data,
        .detection = parallel * one.detection,
      };
      all.total = all.program + all.training + all.snapshots + all.data + all.detection;
      if (!sc_memory_check (&all, limit, limit_source, error))
        return FALSE;
    }
  return TRUE;
}
