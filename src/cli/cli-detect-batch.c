/* cli-detect-batch.c — the lines of sculptor-cli detect
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each non-blank input line is a JSON object with "arch", "edges_by_layer"
 * and optionally "feature_step_size", "clusterability_step_size",
 * "mm_threshold", "cluster_merging_threshold" (other members are ignored,
 * so the golden file works as is). Each output line holds "line",
 * "new_arch", "kept_units", "partition_premerge", "partition_merged",
 * "modules", "hierarchy" and "modularity_q", or {"line": N, "error": "…"}
 * for a line that could not be processed; the batch goes on. Apart from
 * the command (cli-detect.c) so that its fuzz target can link it. */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli.h"
#include "sc-analysis.h"
#include "sc-error.h"
#include "sc-mask.h"

static gboolean
get_step (JsonObject  *object,
          const char  *member,
          guint       *out,
          GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  gint64 value;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
      (value = json_node_get_int (node)) < 0 || value > SC_DETECT_MAX_STEP)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   _("%s must be an integer between 0 and %d (0: number of weight layers)"),
                   member, SC_DETECT_MAX_STEP);
      return FALSE;
    }

  *out = (guint) value;
  return TRUE;
}

static gboolean
get_threshold (JsonObject  *object,
               const char  *member,
               double      *out,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  GType type;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  type = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_value_type (node) : G_TYPE_INVALID;
  if (type != G_TYPE_INT64 && type != G_TYPE_DOUBLE)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, _("%s must be a number"), member);
      return FALSE;
    }

  *out = json_node_get_double (node);
  return TRUE;
}

static gboolean
parse_params (JsonObject      *object,
              ScDetectParams  *params,
              GError         **error)
{
  sc_detect_params_init (params);

  return get_step (object, "feature_step_size", &params->feature_step, error) &&
         get_step (object, "clusterability_step_size", &params->clusterability_step, error) &&
         get_threshold (object, "mm_threshold", &params->mm_threshold, error) &&
         get_threshold (object, "cluster_merging_threshold", &params->merge_threshold, error) &&
         sc_detect_params_validate (params, error);
}

/* json-glib names the position as "<data>:LINE:COLUMN: …"; the line is
 * already in our message, so keep only the column. */
static JsonNode *
parse_json (const char  *text,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  JsonNode *root = json_from_string (text, &local_error);
  guint line, column;
  int consumed = 0;

  if (root != NULL)
    return root;
  /* A line of comments only ("// …"): json-glib gives no node and no error. */
  if (local_error == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, _("a line must hold one JSON object"));
      return NULL;
    }

  if (sscanf (local_error->message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 &&
      consumed > 0)
    g_set_error (error, SC_ERROR, SC_ERROR_PARSE, _("invalid JSON at column %u: %s"),
                 column, local_error->message + consumed);
  else
    g_set_error (error, SC_ERROR, SC_ERROR_PARSE, _("invalid JSON: %s"), local_error->message);

  return NULL;
}

static ScAnalysis *
detect_line (const char  *text,
             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GArray) arch = NULL;
  g_autoptr(ScMask) mask = NULL;
  JsonObject *object;
  ScDetectParams params;

  root = parse_json (text, error);
  if (root == NULL)
    return NULL;

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, _("a line must hold one JSON object"));
      return NULL;
    }

  object = json_node_get_object (root);
  if (!sc_arch_from_json (json_object_get_member (object, "arch"), &arch, error))
    return NULL;

  mask = sc_mask_from_edges_json ((guint *) arch->data, arch->len,
                                  json_object_get_member (object, "edges_by_layer"), error);
  if (mask == NULL || !parse_params (object, &params, error))
    return NULL;

  return sc_analysis_new (mask, &params, NULL, error);
}

static void
append_json (GString     *out,
             JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  g_string_append (out, text);
  g_string_append_c (out, '\n');
}

static void
result_line (const ScAnalysis  *analysis,
             guint              number,
             GString           *out)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "line");
  json_builder_add_int_value (builder, number);
  sc_detection_to_json (analysis->detection, builder);
  sc_module_graph_to_json (analysis->modules, builder);
  json_builder_set_member_name (builder, "modularity_q");
  if (isfinite (analysis->modularity_q))
    json_builder_add_double_value (builder, analysis->modularity_q);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  append_json (out, builder);
}

static void
error_line (const char   *filename,
            guint         number,
            const GError *error,
            GString      *out)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  fprintf (stderr, "%s:%u: %s\n", filename, number, error->message);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "line");
  json_builder_add_int_value (builder, number);
  json_builder_set_member_name (builder, "error");
  json_builder_add_string_value (builder, error->message);
  json_builder_end_object (builder);
  append_json (out, builder);
}

guint
cli_detect_batch (const char *filename,
                  const char *contents,
                  GString    *out)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  guint n_failed = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScAnalysis) analysis = NULL;
      char *text = g_strstrip (lines[i]);

      if (*text == '\0')
        continue;

      if ((analysis = detect_line (text, &error)))
        result_line (analysis, i + 1, out);
      else
        {
          error_line (filename, i + 1, error, out);
          n_failed++;
        }
    }

  return n_failed;
}
