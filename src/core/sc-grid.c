/* sc-grid.c — the networks of a sweep's grid (seeds × Pu × Pe)
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sc-error.h"
#include "sc-grid.h"
#include "sc-json.h"

static void
point_free (gpointer data)
{
  ScGridPoint *point = data;

  g_clear_pointer (&point->mask, sc_mask_free);
  g_clear_pointer (&point->analysis, sc_analysis_unref);
  g_free (point->structure);
  g_free (point);
}

ScGrid *
sc_grid_new (void)
{
  ScGrid *grid = g_new0 (ScGrid, 1);

  grid->points = g_ptr_array_new_with_free_func (point_free);
  return grid;
}

void
sc_grid_free (ScGrid *grid)
{
  if (grid == NULL)
    return;

  g_ptr_array_unref (grid->points);
  g_free (grid);
}

ScGridPoint *
sc_grid_add (ScGrid  *grid,
             guint64  seed,
             double   pu,
             double   pe,
             ScMask  *mask)
{
  ScGridPoint *point;

  g_return_val_if_fail (grid != NULL, NULL);

  point = g_new0 (ScGridPoint, 1);
  point->seed = seed;
  point->pu = pu;
  point->pe = pe;
  point->no_result = mask == NULL;
  point->mask = mask;
  point->n_edges = mask ? (guint) sc_mask_count (mask) : 0;
  sc_detect_params_init (&point->params);
  g_ptr_array_add (grid->points, point);
  return point;
}

void
sc_grid_add_run (ScGrid        *grid,
                 const ScHyper *hyper,
                 guint64        seed,
                 double         pu,
                 guint          pu_index,
                 const ScRun   *run)
{
  g_return_if_fail (grid != NULL && hyper != NULL);
  g_return_if_fail (run == NULL || run->edge_runs->len == hyper->edge_steps->len);

  for (guint e = 0; e < hyper->edge_steps->len; e++)
    {
      const ScEdgeRun *er = run ? &g_array_index (run->edge_runs, ScEdgeRun, e) : NULL;
      ScGridPoint *p = sc_grid_add (grid, seed, pu, g_array_index (hyper->edge_steps, double, e),
                                    er ? sc_mask_copy (er->final->mask) : NULL);

      p->pu_index = pu_index;
      p->pe_index = e;
      sc_hyper_detect_params (hyper, &p->params);
      if (er != NULL)
        {
          p->final_percent = er->final_percent;
          p->accuracy = er->accuracy;
          p->meets_threshold = er->meets_threshold;
        }
    }
}

GArray *
sc_grid_seeds (const ScGrid *grid)
{
  GArray *seeds = g_array_new (FALSE, FALSE, sizeof (guint64));

  for (guint i = 0; i < grid->points->len; i++)
    {
      const ScGridPoint *p = g_ptr_array_index (grid->points, i);
      gboolean seen = FALSE;

      for (guint s = 0; s < seeds->len && !seen; s++)
        seen = g_array_index (seeds, guint64, s) == p->seed;
      if (!seen)
        g_array_append_val (seeds, p->seed);
    }

  return seeds;
}

/* ------------------------------------------------------------------ */
/* Reading */

static gboolean
member_number (JsonObject  *object,
               const char  *name,
               gboolean     required,
               double       fallback,
               double      *out,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);
  GType type = node && JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node)
                                                    : G_TYPE_INVALID;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      if (required)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "“%s” is missing", name);
          return FALSE;
        }
      *out = fallback;
      return TRUE;
    }
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "“%s” must be a number", name);
      return FALSE;
    }

  *out = json_node_get_double (node);
  if (!isfinite (*out))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "“%s” must be finite", name);
      return FALSE;
    }
  return TRUE;
}

static gboolean
member_flag (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static gboolean
read_params (JsonObject      *object,
             ScDetectParams  *params,
             GError         **error)
{
  double fs, cs;

  if (!member_number (object, "feature_step_size", FALSE, 0, &fs, error) ||
      !member_number (object, "clusterability_step_size", FALSE, 0, &cs, error) ||
      !member_number (object, "mm_threshold", FALSE, params->mm_threshold,
                      &params->mm_threshold, error) ||
      !member_number (object, "cluster_merging_threshold", FALSE, params->merge_threshold,
                      &params->merge_threshold, error))
    return FALSE;
  if (fs < 0 || fs > SC_DETECT_MAX_STEP || fs != floor (fs) ||
      cs < 0 || cs > SC_DETECT_MAX_STEP || cs != floor (cs))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "the step sizes must be integers between 0 and %d", SC_DETECT_MAX_STEP);
      return FALSE;
    }
  params->feature_step = (guint) fs;
  params->clusterability_step = (guint) cs;
  return sc_detect_params_validate (params, error);
}

static ScGridPoint *
read_point (ScGrid      *grid,
            const char  *text,
            double       threshold,
            GError     **error)
{
  g_autoptr(JsonNode) root = json_from_string (text, error);
  g_autoptr(GArray) arch = NULL;
  g_autoptr(ScMask) mask = NULL;
  JsonObject *object;
  ScGridPoint *point;
  double seed, pu, pe;

  if (root == NULL)
    return NULL;
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "a line must hold one JSON object");
      return NULL;
    }
  object = json_node_get_object (root);
  if (!member_number (object, "seed", TRUE, 0, &seed, error) ||
      !member_number (object, "pu", TRUE, 0, &pu, error) ||
      !member_number (object, "pe", TRUE, 0, &pe, error))
    return NULL;
  if (seed < 0 || seed != floor (seed) || pu <= 0 || pu >= 100 || pe <= 0 || pe >= 100)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "seed must be a non-negative integer, pu and pe between 0 and 100");
      return NULL;
    }

  if (member_flag (object, "crashed") || member_flag (object, "no_result"))
    return sc_grid_add (grid, (guint64) seed, pu, pe, NULL);

  if (!sc_arch_from_json (json_object_get_member (object, "arch"), &arch, error) ||
      !(mask = sc_mask_from_edges_json ((const guint *) arch->data, arch->len,
                                        json_object_get_member (object, "edges_by_layer"),
                                        error)))
    return NULL;

  point = sc_grid_add (grid, (guint64) seed, pu, pe, g_steal_pointer (&mask));
  if (!member_number (object, "final_percent", FALSE,
                      100.0 * (1.0 - (double) point->n_edges / sc_mask_total_size (point->mask)),
                      &point->final_percent, error) ||
      !member_number (object, "accuracy", TRUE, 0, &point->accuracy, error) ||
      !read_params (object, &point->params, error))
    {
      g_ptr_array_set_size (grid->points, grid->points->len - 1);
      return NULL;
    }
  point->meets_threshold = json_object_has_member (object, "meets_threshold")
                           ? member_flag (object, "meets_threshold")
                           : point->accuracy >= threshold - 1e-9;
  return point;
}

static int
compare_desc (gconstpointer a,
              gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x > y ? -1 : x < y;
}

/* Rank of v among the distinct values (largest first). */
static guint
rank_of (GArray *values,
         double  v)
{
  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, double, i) == v)
      return i;
  g_assert_not_reached ();
}

static void
assign_positions (ScGrid *grid)
{
  g_autoptr(GArray) pus = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) pes = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < grid->points->len; i++)
    {
      const ScGridPoint *p = g_ptr_array_index (grid->points, i);
      gboolean pu_seen = FALSE, pe_seen = FALSE;

      for (guint k = 0; k < pus->len; k++)
        pu_seen |= g_array_index (pus, double, k) == p->pu;
      for (guint k = 0; k < pes->len; k++)
        pe_seen |= g_array_index (pes, double, k) == p->pe;
      if (!pu_seen)
        g_array_append_val (pus, p->pu);
      if (!pe_seen)
        g_array_append_val (pes, p->pe);
    }
  g_array_sort (pus, compare_desc);
  g_array_sort (pes, compare_desc);

  for (guint i = 0; i < grid->points->len; i++)
    {
      ScGridPoint *p = g_ptr_array_index (grid->points, i);

      p->pu_index = rank_of (pus, p->pu);
      p->pe_index = rank_of (pes, p->pe);
    }
}

ScGrid *
sc_grid_load (const char  *path,
              double       threshold,
              GError     **error)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(ScGrid) grid = sc_grid_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, "%s", local_error->message);
      return NULL;
    }

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (*g_strstrip (lines[i]) == '\0')
        continue;
      if (!read_point (grid, lines[i], threshold, &local_error))
        return sc_set_parse_error (error, path, i + 1, "%s", local_error->message), NULL;
    }
  if (grid->points->len == 0)
    {
      sc_set_parse_error (error, path, 1, "no grid points");
      return NULL;
    }

  assign_positions (grid);
  return g_steal_pointer (&grid);
}

/* ------------------------------------------------------------------ */
/* Writing */

static void
add_point_json (JsonBuilder       *builder,
                const ScGridPoint *p)
{
  json_builder_begin_object (builder);
  sc_json_add_int (builder, "seed", (gint64) p->seed);
  sc_json_add_double (builder, "pu", p->pu);
  sc_json_add_double (builder, "pe", p->pe);
  if (p->no_result)
    sc_json_add_bool (builder, "no_result", TRUE);
  else
    {
      sc_json_add_double (builder, "final_percent", p->final_percent);
      sc_json_add_double (builder, "accuracy", p->accuracy);
      sc_json_add_bool (builder, "meets_threshold", p->meets_threshold);
      sc_json_add_int (builder, "n_edges", p->n_edges);
      json_builder_set_member_name (builder, "arch");
      json_builder_add_value (builder, sc_arch_to_json (p->mask->arch, p->mask->n_layers));
      json_builder_set_member_name (builder, "edges_by_layer");
      json_builder_add_value (builder, sc_mask_to_edges_json (p->mask));
      sc_json_add_int (builder, "feature_step_size", p->params.feature_step);
      sc_json_add_int (builder, "clusterability_step_size", p->params.clusterability_step);
      sc_json_add_double (builder, "mm_threshold", p->params.mm_threshold);
      sc_json_add_double (builder, "cluster_merging_threshold", p->params.merge_threshold);
    }
  json_builder_end_object (builder);
}

gboolean
sc_grid_save (const ScGrid  *grid,
              const char    *path,
              GError       **error)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (grid != NULL && path != NULL, FALSE);

  for (guint i = 0; i < grid->points->len; i++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *line = NULL;

      add_point_json (builder, g_ptr_array_index (grid->points, i));
      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      line = json_generator_to_data (generator, NULL);
      g_string_append (text, line);
      g_string_append_c (text, '\n');
    }

  if (!g_file_set_contents (path, text->str, (gssize) text->len, &local_error))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, "%s", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* ------------------------------------------------------------------ */
/* Detection */

gboolean
sc_grid_detect_point (ScGridPoint  *point,
                      GError      **error)
{
  g_return_val_if_fail (point != NULL, FALSE);

  if (point->no_result || point->analysis != NULL)
    return TRUE;

  if (!(point->analysis = sc_analysis_new (point->mask, &point->params, NULL, error)))
    return FALSE;
  point->structure = sc_analysis_structure (point->analysis);
  return TRUE;
}

gboolean
sc_grid_detect (ScGrid  *grid,
                GError **error)
{
  for (guint i = 0; i < grid->points->len; i++)
    if (!sc_grid_detect_point (g_ptr_array_index (grid->points, i), error))
      return FALSE;
  return TRUE;
}

ScScore *
sc_grid_score_point (const ScGridPoint *point,
                     const ScTruth     *truth,
                     GError           **error)
{
  g_return_val_if_fail (point != NULL && truth != NULL, NULL);
  g_return_val_if_fail (point->analysis != NULL, NULL);

  return sc_score_detection (truth, point->analysis->detection, point->analysis->modules, error);
}
