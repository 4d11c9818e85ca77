/* cli-detect.c — sculptor-cli detect
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* sculptor-cli detect FILE.jsonl [--out OUT.jsonl]
 *
 * Batch module detection (method.md §5) on masks from anywhere. Each
 * non-blank input line is a JSON object with "arch", "edges_by_layer" and
 * optionally "feature_step_size", "clusterability_step_size",
 * "mm_threshold", "cluster_merging_threshold" (other members are ignored,
 * so the golden file works as is). Each output line holds "line",
 * "new_arch", "kept_units", "partition_premerge", "partition_merged",
 * "modules", "hierarchy" and "modularity_q", or {"line": N, "error": "…"}
 * for a line that could not be processed; the batch goes on.
 *
 * Exit status: 0 when every line succeeded, 1 when some line failed or the
 * input cannot be read or the output written, 2 for bad arguments. */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli.h"
#include "sc-detect.h"
#include "sc-error.h"
#include "sc-file.h"
#include "sc-graph.h"
#include "sc-mask.h"
#include "sc-modules.h"

/* Largest accepted step size: far above any network depth. */
#define MAX_STEP 1024

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
      (value = json_node_get_int (node)) < 0 || value > MAX_STEP)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   _("%s must be an integer between 0 and %d (0: number of weight layers)"),
                   member, MAX_STEP);
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
         get_threshold (object, "cluster_merging_threshold", &params->merge_threshold, error);
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

  if (sscanf (local_error->message, "<data>:%u:%u: %n", &line, &column, &consumed) == 2 &&
      consumed > 0)
    g_set_error (error, SC_ERROR, SC_ERROR_PARSE, _("invalid JSON at column %u: %s"),
                 column, local_error->message + consumed);
  else
    g_set_error (error, SC_ERROR, SC_ERROR_PARSE, _("invalid JSON: %s"), local_error->message);

  return NULL;
}

static ScDetection *
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

  return sc_detect (mask, &params, error);
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

static gboolean
result_line (const ScDetection  *det,
             guint               number,
             GString            *out,
             GError            **error)
{
  g_autoptr(ScModuleGraph) graph = sc_module_graph_new (det);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  double q = NAN;

  if (!sc_graph_modularity (det, &q, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "line");
  json_builder_add_int_value (builder, number);
  sc_detection_to_json (det, builder);
  sc_module_graph_to_json (graph, builder);
  json_builder_set_member_name (builder, "modularity_q");
  if (isfinite (q))
    json_builder_add_double_value (builder, q);
  else
    json_builder_add_null_value (builder);
  json_builder_end_object (builder);

  append_json (out, builder);
  return TRUE;
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

/* Processes every non-blank line; returns the number of failed lines. */
static guint
run_batch (const char *filename,
           char       *contents,
           GString    *out)
{
  g_auto(GStrv) lines = g_strsplit (contents, "\n", -1);
  guint n_failed = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScDetection) det = NULL;
      char *text = g_strstrip (lines[i]);

      if (*text == '\0')
        continue;

      det = detect_line (text, &error);
      if (det == NULL || !result_line (det, i + 1, out, &error))
        {
          error_line (filename, i + 1, error, out);
          n_failed++;
        }
    }

  return n_failed;
}

static gboolean
read_input (const char  *filename,
            char       **contents,
            GError     **error)
{
  g_autoptr(GString) text = NULL;
  char buffer[65536];
  size_t n;

  if (g_strcmp0 (filename, "-") != 0)
    return sc_file_read_text (filename, SC_FILE_LIMIT_JSON, contents, error);

  /* A pipe is what "-" asks for; its size is still bounded. */
  text = g_string_new (NULL);
  while ((n = fread (buffer, 1, sizeof buffer, stdin)) > 0)
    {
      g_string_append_len (text, buffer, n);
      if ((goffset) text->len > SC_FILE_LIMIT_JSON)
        {
          g_autofree char *most = sc_file_format_size (SC_FILE_LIMIT_JSON);

          g_set_error (error, SC_ERROR, SC_ERROR_IO, _("standard input holds more than %s"), most);
          return FALSE;
        }
    }
  if (ferror (stdin))
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_IO, _("could not read standard input"));
      return FALSE;
    }

  *contents = g_string_free (g_steal_pointer (&text), FALSE);
  return TRUE;
}

static gboolean
write_output (const char  *out_path,
              GString     *out,
              GError     **error)
{
  if (out_path == NULL)
    {
      fwrite (out->str, 1, out->len, stdout);
      return fflush (stdout) == 0;
    }

  return sc_file_write_atomic (out_path, out->str, out->len, error);
}

int
cli_detect (int    argc,
            char **argv)
{
  g_autofree char *out_path = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &out_path,
      N_("Write the results to OUT.jsonl (atomically) instead of standard output"),
      N_("OUT.jsonl") },
    { NULL }
  };
  guint n_failed;

  context = g_option_context_new (_("FILE.jsonl — detect modules in pruned masks"));
  g_option_context_set_summary (context,
    _("Runs the paper's module detection on every line of FILE.jsonl (\"-\" reads\n"
      "standard input). A line holds \"arch\", \"edges_by_layer\" and optionally\n"
      "\"feature_step_size\", \"clusterability_step_size\", \"mm_threshold\" and\n"
      "\"cluster_merging_threshold\"; each result line holds the kept units, both\n"
      "partitions, the modules, the hierarchy and the Newman modularity Q."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("%s", error->message);
  if (argc != 2)
    return cli_usage_error (_("detect needs exactly one input file (try --help)"));

  if ((out_path != NULL && !cli_check_out_file (out_path, &error)) ||
      !read_input (argv[1], &contents, &error))
    {
      fprintf (stderr, "sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }

  n_failed = run_batch (argv[1], contents, out);

  if (!write_output (out_path, out, &error))
    {
      fprintf (stderr, "sculptor-cli: %s\n",
               error != NULL ? error->message : _("could not write standard output"));
      return CLI_EXIT_FAILED;
    }

  return n_failed > 0 ? CLI_EXIT_FAILED : CLI_EXIT_OK;
}
