/* sc-result.c
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
#include "sc-idx.h"
#include "sc-mnist.h"
#include "sc-packed.h"
#include "sc-result.h"

#define DENSE_WEIGHTS_LIMIT 200000   /* "weights" only for nets this small */

static void
add_strv (JsonBuilder *builder,
          const char  *name,
          char       **strv)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; strv && strv[i]; i++)
    json_builder_add_string_value (builder, strv[i]);
  json_builder_end_array (builder);
}

/* The surviving weights of layer k, in the order of edges_by_layer and
 * edge_weights: by output unit j, then input unit i. */
static float *
surviving_weights (const ScSnapshot *snapshot,
                   guint             k,
                   gsize            *n)
{
  const ScMask *mask = snapshot->mask;
  float *values = g_new (float, MAX (sc_mask_count_layer (mask, k), 1));

  *n = 0;
  for (guint j = 0; j < mask->arch[k + 1]; j++)
    for (guint i = 0; i < mask->arch[k]; i++)
      if (sc_mask_get (mask, k, i, j))
        values[(*n)++] = snapshot->w[k][(gsize) j * mask->arch[k] + i];
  return values;
}

/* The inverse: values (one per surviving edge, in that order) into w. */
static void
set_surviving_weights (ScSnapshot  *snapshot,
                       guint        k,
                       const float *values)
{
  const ScMask *mask = snapshot->mask;
  gsize at = 0;

  for (guint j = 0; j < mask->arch[k + 1]; j++)
    for (guint i = 0; i < mask->arch[k]; i++)
      if (sc_mask_get (mask, k, i, j))
        snapshot->w[k][(gsize) j * mask->arch[k] + i] = values[at++];
}

static void
add_edge_weights (JsonBuilder      *builder,
                  const ScSnapshot *snapshot)
{
  json_builder_set_member_name (builder, "edge_weights");
  json_builder_begin_array (builder);
  for (guint k = 0; k + 1 < snapshot->n_layers; k++)
    {
      gsize n;
      g_autofree float *values = surviving_weights (snapshot, k, &n);

      json_builder_begin_array (builder);
      for (gsize e = 0; e < n; e++)
        json_builder_add_double_value (builder, values[e]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

static void
add_biases (JsonBuilder      *builder,
            const ScSnapshot *snapshot)
{
  json_builder_set_member_name (builder, "biases");
  json_builder_begin_array (builder);
  for (guint k = 0; k + 1 < snapshot->n_layers; k++)
    {
      json_builder_begin_array (builder);
      for (guint j = 0; j < snapshot->arch[k + 1]; j++)
        json_builder_add_double_value (builder, snapshot->b[k][j]);
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

static void
add_dense_weights (JsonBuilder      *builder,
                   const ScSnapshot *snapshot)
{
  json_builder_set_member_name (builder, "weights");
  json_builder_begin_array (builder);
  for (guint k = 0; k + 1 < snapshot->n_layers; k++)
    {
      json_builder_begin_array (builder);
      for (guint j = 0; j < snapshot->arch[k + 1]; j++)
        {
          json_builder_begin_array (builder);
          for (guint i = 0; i < snapshot->arch[k]; i++)
            json_builder_add_double_value (builder,
                                           snapshot->w[k][(gsize) j * snapshot->arch[k] + i]);
          json_builder_end_array (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
}

/* A step's network in a saved run, packed (sc-packed.h): per layer the
 * mask's bytes and the surviving edges' float32 weights (little endian, in
 * the order of edge_weights), each zlib-compressed and base64-encoded. */
static void
add_packed_network (JsonBuilder      *builder,
                    const ScSnapshot *snapshot)
{
  const ScMask *mask = snapshot->mask;

  json_builder_set_member_name (builder, "mask_packed");
  json_builder_begin_array (builder);
  for (guint k = 0; k + 1 < mask->n_layers; k++)
    {
      g_autofree char *text = sc_pack_bytes (mask->m[k], sc_mask_layer_size (mask, k));

      json_builder_add_string_value (builder, text);
    }
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "edge_weights_packed");
  json_builder_begin_array (builder);
  for (guint k = 0; k + 1 < mask->n_layers; k++)
    {
      gsize n;
      g_autofree float *values = surviving_weights (snapshot, k, &n);
      g_autofree guint32 *words = g_new (guint32, MAX (n, 1));
      g_autofree char *text = NULL;

      memcpy (words, values, n * sizeof (guint32));
      for (gsize e = 0; e < n; e++)
        words[e] = GUINT32_TO_LE (words[e]);
      text = sc_pack_bytes ((const guint8 *) words, n * sizeof (guint32));
      json_builder_add_string_value (builder, text);
    }
  json_builder_end_array (builder);
}

static void
add_snapshot_members (JsonBuilder      *builder,
                      const ScSnapshot *snapshot)
{
  json_builder_set_member_name (builder, "stage");
  json_builder_add_string_value (builder, sc_stage_to_string (snapshot->stage));
  sc_json_add_int (builder, "step", snapshot->step);
  json_builder_set_member_name (builder, "arch");
  json_builder_add_value (builder, sc_arch_to_json (snapshot->arch, snapshot->n_layers));
  sc_json_add_double (builder, "accuracy", snapshot->accuracy);
  sc_json_add_double (builder, "exact_accuracy", snapshot->exact_accuracy);
  sc_json_add_double (builder, "density", snapshot->density);
  add_packed_network (builder, snapshot);
  add_biases (builder, snapshot);
}

JsonNode *
sc_snapshot_to_json (const ScSnapshot *snapshot)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  g_return_val_if_fail (snapshot != NULL, NULL);

  json_builder_begin_object (builder);
  add_snapshot_members (builder, snapshot);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static void
add_step (JsonBuilder  *builder,
          const ScStep *step)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "stage");
  json_builder_add_string_value (builder, sc_stage_to_string (step->stage));
  if (step->edge_run >= 0)
    {
      json_builder_set_member_name (builder, "edge_run");
      json_builder_add_int_value (builder, step->edge_run);
    }
  sc_json_add_double (builder, "step", step->step);
  sc_json_add_double (builder, "target", step->target);
  sc_json_add_bool (builder, "retrain_only", step->retrain_only);
  sc_json_add_bool (builder, "trained", step->trained);
  sc_json_add_bool (builder, "accepted", step->accepted);
  if (step->trained)
    {
      sc_json_add_double (builder, "accuracy", step->accuracy);
      sc_json_add_double (builder, "exact_accuracy", step->exact_accuracy);
      sc_json_add_double (builder, "loss", step->loss);
      sc_json_add_double (builder, "density", step->density);
      json_builder_set_member_name (builder, "hidden_units");
      json_builder_add_int_value (builder, step->hidden_units);
    }
  sc_json_add_double (builder, "seconds", step->seconds);
  json_builder_end_object (builder);
}

static void
add_history (JsonBuilder *builder,
             const ScRun *run)
{
  json_builder_set_member_name (builder, "history");
  json_builder_begin_array (builder);
  for (guint i = 0; i < run->steps->len; i++)
    add_step (builder, &g_array_index (run->steps, ScStep, i));
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "edge_runs");
  json_builder_begin_array (builder);
  for (guint i = 0; i < run->edge_runs->len; i++)
    {
      const ScEdgeRun *er = &g_array_index (run->edge_runs, ScEdgeRun, i);

      json_builder_begin_object (builder);
      sc_json_add_double (builder, "pe", er->pe);
      sc_json_add_double (builder, "final_percent", er->final_percent);
      json_builder_set_member_name (builder, "accepted_steps");
      json_builder_add_int_value (builder, er->n_accepted);
      sc_json_add_double (builder, "accuracy", er->accuracy);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "chosen_edge_run");
  json_builder_add_int_value (builder, run->chosen_edge_run);
}

static void
add_times (JsonBuilder *builder,
           const ScRun *run)
{
  json_builder_set_member_name (builder, "seconds");
  json_builder_begin_object (builder);
  for (ScStage s = SC_STAGE_DENSE; s < SC_STAGE_DONE; s++)
    sc_json_add_double (builder, sc_stage_to_string (s), run->stage_seconds[s]);
  sc_json_add_double (builder, "total", run->total_seconds);
  json_builder_end_object (builder);
}

static void
add_task (JsonBuilder  *builder,
          const ScTask *task)
{
  sc_json_add_string (builder, "task", task->name);
  sc_json_add_string (builder, "task_title", task->title);
  sc_json_add_string (builder, "task_spec", task->spec);
  sc_json_add_string (builder, "task_path", task->path);
  add_strv (builder, "input_names", task->input_names);
  add_strv (builder, "output_names", task->output_names);
  if (task->kind == SC_TASK_IMAGE)
    {
      json_builder_set_member_name (builder, "image_width");
      json_builder_add_int_value (builder, task->image_width);
      json_builder_set_member_name (builder, "image_height");
      json_builder_add_int_value (builder, task->image_height);
    }
}

static void
add_detection (JsonBuilder *builder,
               const ScRun *run)
{
  const ScAnalysis *analysis = run->analysis;

  if (analysis == NULL)
    return;

  json_builder_set_member_name (builder, "final_arch");
  json_builder_add_value (builder, sc_arch_to_json (analysis->detection->new_arch,
                                                    analysis->detection->n_layers));
  sc_detection_to_json (analysis->detection, builder);
  sc_module_graph_to_json (analysis->modules, builder);
  sc_json_add_double (builder, "modularity_q", analysis->modularity_q);
  if (analysis->score)
    {
      json_builder_set_member_name (builder, "score");
      json_builder_begin_object (builder);
      sc_score_to_json (analysis->score, run->task->truth, builder);
      json_builder_end_object (builder);
    }
}

static void
add_snapshots (JsonBuilder *builder,
               const ScRun *run)
{
  json_builder_set_member_name (builder, "snapshots");
  json_builder_begin_array (builder);
  for (guint i = 0; i < run->steps->len; i++)
    {
      const ScStep *step = &g_array_index (run->steps, ScStep, i);

      if (step->snapshot)
        json_builder_add_value (builder, sc_snapshot_to_json (step->snapshot));
    }
  json_builder_end_array (builder);
}

JsonNode *
sc_run_to_json (const ScRun *run,
                gboolean     with_snapshots)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const ScSnapshot *final;

  g_return_val_if_fail (run != NULL && run->final != NULL, NULL);

  final = run->final;
  json_builder_begin_object (builder);
  sc_json_add_string (builder, "sculptor_version", PACKAGE_VERSION);
  add_task (builder, run->task);
  sc_hyper_to_json (&run->hyper, builder);

  sc_json_add_double (builder, "dense_accuracy", run->dense_accuracy);
  sc_json_add_double (builder, "dense_exact_accuracy", run->dense_exact_accuracy);
  sc_json_add_double (builder, "final_accuracy", final->accuracy);
  sc_json_add_double (builder, "final_exact_accuracy", final->exact_accuracy);
  sc_json_add_double (builder, "unit_sparsity", run->unit_percent);
  sc_json_add_double (builder, "unit_stage_weight_sparsity", run->unit_weight_percent);
  sc_json_add_double (builder, "edge_sparsity", 100.0 * (1.0 - final->density));
  sc_json_add_double (builder, "density", final->density);
  json_builder_set_member_name (builder, "edges_by_layer");
  json_builder_add_value (builder, sc_mask_to_edges_json (final->mask));
  add_edge_weights (builder, final);
  add_biases (builder, final);
  if (sc_mask_total_size (final->mask) <= DENSE_WEIGHTS_LIMIT)
    add_dense_weights (builder, final);

  add_detection (builder, run);
  add_history (builder, run);
  add_times (builder, run);
  if (with_snapshots)
    add_snapshots (builder, run);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

gboolean
sc_json_write_file (JsonNode    *root,
                    const char  *path,
                    gboolean     pretty,
                    GError     **error)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;
  gsize length;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, pretty);
  json_generator_set_indent (generator, 1);
  text = json_generator_to_data (generator, &length);

  return sc_file_write_atomic (path, text, length, error);
}

static gboolean
read_layered_numbers (JsonNode  *node,
                      const char *what,
                      guint       n_layers,
                      JsonArray **out,
                      GError    **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (json_node_get_array (node)) != n_layers)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s must be an array of %u layers", what, n_layers);
      return FALSE;
    }

  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
number_at (JsonArray *array,
           guint      index,
           float     *out)
{
  JsonNode *node = json_array_get_element (array, index);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      (json_node_get_value_type (node) != G_TYPE_DOUBLE &&
       json_node_get_value_type (node) != G_TYPE_INT64))
    return FALSE;

  *out = (float) json_node_get_double (node);
  return TRUE;
}

static gboolean
fill_weights (ScSnapshot *snapshot,
              JsonArray  *layers,
              GError    **error)
{
  const ScMask *mask = snapshot->mask;

  for (guint k = 0; k + 1 < mask->n_layers; k++)
    {
      JsonNode *node = json_array_get_element (layers, k);
      g_autofree float *weights = NULL;
      JsonArray *values;

      if (!JSON_NODE_HOLDS_ARRAY (node) ||
          json_array_get_length (values = json_node_get_array (node)) !=
          sc_mask_count_layer (mask, k))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                       "edge_weights[%u] must hold one number per edge of edges_by_layer[%u]",
                       k, k);
          return FALSE;
        }

      weights = g_new (float, MAX (json_array_get_length (values), 1));
      for (guint at = 0; at < json_array_get_length (values); at++)
        if (!number_at (values, at, &weights[at]))
          {
            g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                         "edge_weights[%u][%u] is not a number", k, at);
            return FALSE;
          }
      set_surviving_weights (snapshot, k, weights);
    }

  return TRUE;
}

static gboolean
fill_biases (ScSnapshot *snapshot,
             JsonArray  *layers,
             GError    **error)
{
  for (guint k = 0; k + 1 < snapshot->n_layers; k++)
    {
      JsonNode *node = json_array_get_element (layers, k);
      JsonArray *values;

      if (!JSON_NODE_HOLDS_ARRAY (node) ||
          json_array_get_length (values = json_node_get_array (node)) != snapshot->arch[k + 1])
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                       "biases[%u] must hold %u numbers", k, snapshot->arch[k + 1]);
          return FALSE;
        }
      for (guint j = 0; j < snapshot->arch[k + 1]; j++)
        if (!number_at (values, j, &snapshot->b[k][j]))
          {
            g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "biases[%u][%u] is not a number", k, j);
            return FALSE;
          }
    }

  return TRUE;
}

static ScStage
stage_from_string (const char *text)
{
  for (ScStage s = SC_STAGE_DENSE; s <= SC_STAGE_DONE; s++)
    if (g_strcmp0 (text, sc_stage_to_string (s)) == 0)
      return s;

  return SC_STAGE_DONE;
}

/* The JSON string array member, of n strings; NULL and error otherwise. */
static JsonArray *
string_layers (JsonObject  *object,
               const char  *member,
               guint        n,
               GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) != n)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s must be an array of %u strings", member, n);
      return NULL;
    }
  for (guint k = 0; k < n; k++)
    {
      JsonNode *element = json_array_get_element (array, k);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s[%u] must be a string", member, k);
          return NULL;
        }
    }
  return array;
}

static gboolean
unpack_network (ScSnapshot  *snapshot,
                JsonObject  *object,
                GError     **error)
{
  ScMask *mask = snapshot->mask;
  guint n = mask->n_layers - 1;
  JsonArray *masks, *weights;

  if (!(masks = string_layers (object, "mask_packed", n, error)) ||
      !(weights = string_layers (object, "edge_weights_packed", n, error)))
    return FALSE;

  for (guint k = 0; k < n; k++)
    {
      gsize size = sc_mask_layer_size (mask, k), count;
      g_autofree guint8 *bits = NULL;
      g_autofree guint32 *words = NULL;
      g_autofree float *values = NULL;
      g_autoptr(GError) local_error = NULL;

      if (!(bits = sc_unpack_bytes (json_array_get_string_element (masks, k), size, &local_error)))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "mask_packed[%u] %s", k, local_error->message);
          return FALSE;
        }
      for (gsize e = 0; e < size; e++)
        if (bits[e] > 1)
          {
            g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "mask_packed[%u] holds a value other than 0 and 1", k);
            return FALSE;
          }
      memcpy (mask->m[k], bits, size);

      count = sc_mask_count_layer (mask, k);
      words = (guint32 *) sc_unpack_bytes (json_array_get_string_element (weights, k),
                                           count * sizeof (guint32), &local_error);
      if (words == NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "edge_weights_packed[%u] %s (one float32 per "
                       "edge of mask_packed[%u])", k, local_error->message, k);
          return FALSE;
        }
      for (gsize e = 0; e < count; e++)
        words[e] = GUINT32_FROM_LE (words[e]);
      values = g_new (float, MAX (count, 1));
      memcpy (values, words, count * sizeof (float));
      for (gsize e = 0; e < count; e++)
        if (!isfinite (values[e]))
          {
            g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                         "edge_weights_packed[%u] holds a weight that is not finite", k);
            return FALSE;
          }
      set_surviving_weights (snapshot, k, values);
    }

  return TRUE;
}

/* The members read with json-glib's typed getters, which warn on a wrong
 * type: checked first (sc_json_check_fields). */
static const ScJsonField snapshot_fields[] = {
  { "stage", SC_JSON_STRING }, { "step", SC_JSON_COUNT },
  { "accuracy", SC_JSON_NUMBER }, { "exact_accuracy", SC_JSON_NUMBER },
};

static const ScJsonField run_fields[] = {
  { "task", SC_JSON_STRING }, { "task_title", SC_JSON_STRING }, { "task_path", SC_JSON_STRING },
  { "input_names", SC_JSON_STRINGS }, { "output_names", SC_JSON_STRINGS },
  { "image_width", SC_JSON_COUNT }, { "image_height", SC_JSON_COUNT },
  { "history", SC_JSON_ARRAY }, { "snapshots", SC_JSON_ARRAY },
  { "edge_runs", SC_JSON_ARRAY }, { "chosen_edge_run", SC_JSON_COUNT },
  { "seconds", SC_JSON_OBJECT },
  { "final_accuracy", SC_JSON_NUMBER }, { "final_exact_accuracy", SC_JSON_NUMBER },
  { "dense_accuracy", SC_JSON_NUMBER }, { "dense_exact_accuracy", SC_JSON_NUMBER },
  { "unit_sparsity", SC_JSON_NUMBER }, { "unit_stage_weight_sparsity", SC_JSON_NUMBER },
  { "modularity_q", SC_JSON_NUMBER },
};

static const ScJsonField step_fields[] = {
  { "stage", SC_JSON_STRING }, { "edge_run", SC_JSON_INT },
  { "step", SC_JSON_NUMBER }, { "target", SC_JSON_NUMBER },
  { "retrain_only", SC_JSON_BOOL }, { "trained", SC_JSON_BOOL }, { "accepted", SC_JSON_BOOL },
  { "accuracy", SC_JSON_NUMBER }, { "exact_accuracy", SC_JSON_NUMBER },
  { "loss", SC_JSON_NUMBER }, { "density", SC_JSON_NUMBER },
  { "hidden_units", SC_JSON_COUNT }, { "seconds", SC_JSON_NUMBER },
};

static const ScJsonField edge_run_fields[] = {
  { "pe", SC_JSON_NUMBER }, { "final_percent", SC_JSON_NUMBER },
  { "accepted_steps", SC_JSON_COUNT }, { "accuracy", SC_JSON_NUMBER },
};

static const ScJsonField seconds_fields[] = {
  { "dense", SC_JSON_NUMBER }, { "units", SC_JSON_NUMBER }, { "edges", SC_JSON_NUMBER },
  { "detection", SC_JSON_NUMBER }, { "total", SC_JSON_NUMBER },
};

ScSnapshot *
sc_snapshot_from_json (JsonNode  *node,
                       GError   **error)
{
  g_autoptr(ScSnapshot) snapshot = NULL;
  g_autoptr(GArray) arch = NULL;
  ScMask *mask;
  JsonObject *object;
  JsonArray *layers;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "a snapshot must be a JSON object");
      return NULL;
    }

  object = json_node_get_object (node);
  if (!sc_json_check_fields (object, NULL, snapshot_fields, G_N_ELEMENTS (snapshot_fields), error) ||
      !sc_arch_from_json (json_object_get_member (object, "arch"), &arch, error))
    return NULL;

  if (json_object_has_member (object, "mask_packed"))
    {
      /* a step of a saved run (add_packed_network) */
      if (!sc_arch_check_size ((guint *) arch->data, arch->len, error))
        return NULL;
      snapshot = sc_snapshot_new ((guint *) arch->data, arch->len);
      if (!unpack_network (snapshot, object, error))
        return NULL;
      mask = snapshot->mask;
    }
  else
    {
      /* the final network, or a step saved by Sculptor 0.1 before packing */
      if (!(mask = sc_mask_from_edges_json ((guint *) arch->data, arch->len,
                                            json_object_get_member (object, "edges_by_layer"),
                                            error)))
        return NULL;
      snapshot = sc_snapshot_new ((guint *) arch->data, arch->len);
      sc_mask_free (snapshot->mask);
      snapshot->mask = mask;
      if (!read_layered_numbers (json_object_get_member (object, "edge_weights"),
                                 "edge_weights", arch->len - 1, &layers, error) ||
          !fill_weights (snapshot, layers, error))
        return NULL;
    }

  if (!read_layered_numbers (json_object_get_member (object, "biases"),
                             "biases", arch->len - 1, &layers, error) ||
      !fill_biases (snapshot, layers, error))
    return NULL;

  snapshot->stage = stage_from_string (json_object_get_string_member_with_default (object, "stage", ""));
  snapshot->step = (guint) json_object_get_int_member_with_default (object, "step", 0);
  snapshot->accuracy = json_object_get_double_member_with_default (object, "accuracy", NAN);
  snapshot->exact_accuracy = json_object_get_double_member_with_default (object, "exact_accuracy", NAN);
  snapshot->density = (double) sc_mask_count (mask) / sc_mask_total_size (mask);

  return g_steal_pointer (&snapshot);
}

/* ------------------------------------------------------------------ */
/* Reading runs back */

static ScTask *
placeholder_task (JsonObject *object)
{
  ScTask *task = sc_task_new ();
  JsonArray *names;

  task->name = g_strdup (json_object_get_string_member_with_default (object, "task", "unknown"));
  task->title = g_strdup (json_object_get_string_member_with_default (object, "task_title",
                                                                      task->name));
  for (guint which = 0; which < 2; which++)
    {
      const char *member = which ? "output_names" : "input_names";
      GPtrArray *strv = g_ptr_array_new ();

      names = json_object_has_member (object, member)
              ? json_object_get_array_member (object, member) : NULL;
      for (guint i = 0; names && i < json_array_get_length (names); i++)
        g_ptr_array_add (strv, g_strdup (json_array_get_string_element (names, i)));
      g_ptr_array_add (strv, NULL);
      if (which)
        {
          task->output_names = (char **) g_ptr_array_free (strv, FALSE);
          task->n_out = g_strv_length (task->output_names);
        }
      else
        {
          task->input_names = (char **) g_ptr_array_free (strv, FALSE);
          task->n_in = g_strv_length (task->input_names);
        }
    }
  task->image_width = (guint) json_object_get_int_member_with_default (object, "image_width", 0);
  task->image_height = (guint) json_object_get_int_member_with_default (object, "image_height", 0);
  if (task->image_width)
    task->kind = SC_TASK_IMAGE;

  return task;
}

/* The run's task: MNIST without digits, the file it was read from, the
 * bundled task of its name, or a stand-in with its names only. A task file
 * that cannot be used (gone, a device, too big) is said in *notice. */
static ScTask *
find_task (JsonObject  *object,
           char       **notice)
{
  const char *name = json_object_get_string_member_with_default (object, "task", NULL);
  const char *path = json_object_get_string_member_with_default (object, "task_path", NULL);
  guint width = (guint) json_object_get_int_member_with_default (object, "image_width", 0);
  guint height = (guint) json_object_get_int_member_with_default (object, "image_height", 0);
  ScMnistKind kind;
  ScTask *task = NULL;

  /* A saved MNIST run needs no digits: the stored networks and scores are
   * all it shows. */
  if (name && sc_mnist_kind_from_name (name, &kind) && width >= 2 && width % 2 == 0 && height > 0
      && width / 2 <= SC_IDX_MAX_SIDE && height <= SC_IDX_MAX_SIDE)
    return sc_mnist_task_new_without_data (kind, height, width / 2);
  if (path)
    {
      g_autoptr(GError) local_error = NULL;

      if (!(task = sc_task_load_file (path, &local_error)))
        *notice = g_strdup_printf ("the run's task file was not read (%s)", local_error->message);
    }
  if (task == NULL && name)
    task = sc_task_lookup (name, NULL);

  return task ? task : placeholder_task (object);
}

static gboolean
read_steps (ScRun       *run,
            JsonObject  *object,
            GError     **error)
{
  JsonArray *history;

  if (!json_object_has_member (object, "history") ||
      JSON_NODE_HOLDS_NULL (json_object_get_member (object, "history")))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "field “history” is missing");
      return FALSE;
    }

  history = json_object_get_array_member (object, "history");
  for (guint i = 0; i < json_array_get_length (history); i++)
    {
      JsonNode *node = json_array_get_element (history, i);
      g_autofree char *where = g_strdup_printf ("history[%u]", i);
      JsonObject *o;
      ScStep step = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "history[%u] is not an object", i);
          return FALSE;
        }
      o = json_node_get_object (node);
      if (!sc_json_check_fields (o, where, step_fields, G_N_ELEMENTS (step_fields), error))
        return FALSE;
      step.stage = stage_from_string (json_object_get_string_member_with_default (o, "stage", ""));
      step.edge_run = (int) json_object_get_int_member_with_default (o, "edge_run", -1);
      step.step = json_object_get_double_member_with_default (o, "step", 0);
      step.target = json_object_get_double_member_with_default (o, "target", 0);
      step.retrain_only = json_object_get_boolean_member_with_default (o, "retrain_only", FALSE);
      step.trained = json_object_get_boolean_member_with_default (o, "trained", FALSE);
      step.accepted = json_object_get_boolean_member_with_default (o, "accepted", FALSE);
      step.accuracy = json_object_get_double_member_with_default (o, "accuracy", NAN);
      step.exact_accuracy = json_object_get_double_member_with_default (o, "exact_accuracy", NAN);
      step.loss = json_object_get_double_member_with_default (o, "loss", NAN);
      step.density = json_object_get_double_member_with_default (o, "density", NAN);
      step.hidden_units = (guint) json_object_get_int_member_with_default (o, "hidden_units", 0);
      step.seconds = json_object_get_double_member_with_default (o, "seconds", 0);
      g_array_append_val (run->steps, step);
    }

  return TRUE;
}

/* The snapshot's step index and the size it will take, from its arch,
 * before its weights are read. */
static gboolean
peek_snapshot (ScRun      *run,
               JsonNode   *node,
               guint       index,
               guint      *step,
               gsize      *size,
               GError    **error)
{
  g_autoptr(GArray) arch = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;

  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "snapshots[%u] must be a JSON object", index);
      return FALSE;
    }
  object = json_node_get_object (node);
  if (!sc_json_check_fields (object, NULL, snapshot_fields, G_N_ELEMENTS (snapshot_fields),
                             &local_error) ||
      !sc_arch_from_json (json_object_get_member (object, "arch"), &arch, &local_error) ||
      !sc_arch_check_size ((guint *) arch->data, arch->len, &local_error))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "snapshots[%u]: %s", index, local_error->message);
      return FALSE;
    }
  *step = (guint) json_object_get_int_member_with_default (object, "step", 0);
  if (*step >= run->steps->len)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "snapshots[%u] belongs to step %u, the history has %u",
                   index, *step, run->steps->len);
      return FALSE;
    }
  *size = sc_snapshot_size_for_arch ((guint *) arch->data, arch->len);
  return TRUE;
}

/* Snapshots beyond SC_SNAPSHOT_BUDGET are not read at all (a dropped step
 * shows the closest earlier network, as in a live run), so opening a saved
 * MNIST run takes no more memory than the run took. */
static gboolean
read_snapshots (ScRun       *run,
                JsonObject  *object,
                GError     **error)
{
  g_autofree guint *steps = NULL;
  g_autofree gsize *sizes = NULL;
  g_autofree gboolean *accepted = NULL;
  g_autofree gboolean *keep = NULL;
  JsonArray *snapshots;
  guint n;

  if (!json_object_has_member (object, "snapshots") ||
      JSON_NODE_HOLDS_NULL (json_object_get_member (object, "snapshots")))
    return TRUE;

  snapshots = json_object_get_array_member (object, "snapshots");
  n = json_array_get_length (snapshots);
  steps = g_new (guint, MAX (n, 1));
  sizes = g_new (gsize, MAX (n, 1));
  accepted = g_new (gboolean, MAX (n, 1));
  keep = g_new (gboolean, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      if (!peek_snapshot (run, json_array_get_element (snapshots, i), i, &steps[i], &sizes[i], error))
        return FALSE;
      accepted[i] = g_array_index (run->steps, ScStep, steps[i]).accepted;
    }
  sc_snapshot_plan_budget (sizes, accepted, n, SC_SNAPSHOT_BUDGET, keep);

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) local_error = NULL;
      ScSnapshot *snapshot;
      ScStep *step;

      if (!keep[i])
        continue;
      snapshot = sc_snapshot_from_json (json_array_get_element (snapshots, i), &local_error);
      if (snapshot == NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "snapshots[%u]: %s", i,
                       local_error->message);
          return FALSE;
        }
      step = &g_array_index (run->steps, ScStep, snapshot->step);
      g_clear_pointer (&step->snapshot, sc_snapshot_unref);
      step->snapshot = snapshot;
    }

  return TRUE;
}

static gboolean
read_edge_runs (ScRun       *run,
                JsonObject  *object,
                GError     **error)
{
  JsonNode *node = json_object_get_member (object, "edge_runs");
  JsonArray *runs = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; runs && i < json_array_get_length (runs); i++)
    {
      JsonNode *element = json_array_get_element (runs, i);
      g_autofree char *where = g_strdup_printf ("edge_runs[%u]", i);
      ScEdgeRun er = { 0 };
      JsonObject *o;

      if (!JSON_NODE_HOLDS_OBJECT (element))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s is not an object", where);
          return FALSE;
        }
      o = json_node_get_object (element);
      if (!sc_json_check_fields (o, where, edge_run_fields, G_N_ELEMENTS (edge_run_fields), error))
        return FALSE;
      er.pe = json_object_get_double_member_with_default (o, "pe", 0);
      er.final_percent = json_object_get_double_member_with_default (o, "final_percent", 0);
      er.n_accepted = (guint) json_object_get_int_member_with_default (o, "accepted_steps", 0);
      er.accuracy = json_object_get_double_member_with_default (o, "accuracy", NAN);
      g_array_append_val (run->edge_runs, er);
    }
  run->chosen_edge_run = (guint) json_object_get_int_member_with_default (object, "chosen_edge_run", 0);
  if (run->edge_runs->len > 0 && run->chosen_edge_run >= run->edge_runs->len)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "chosen_edge_run is %u, but there are %u edge runs",
                   run->chosen_edge_run, run->edge_runs->len);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_times (ScRun       *run,
            JsonObject  *object,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, "seconds");
  JsonObject *seconds = node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;

  if (seconds == NULL)
    return TRUE;
  if (!sc_json_check_fields (seconds, "seconds", seconds_fields, G_N_ELEMENTS (seconds_fields),
                             error))
    return FALSE;
  for (ScStage s = SC_STAGE_DENSE; s < SC_STAGE_DONE; s++)
    run->stage_seconds[s] = json_object_get_double_member_with_default (seconds,
                                                                        sc_stage_to_string (s), 0);
  run->total_seconds = json_object_get_double_member_with_default (seconds, "total", 0);
  return TRUE;
}

static gboolean
read_final (ScRun       *run,
            JsonObject  *object,
            GError     **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) node = NULL;
  const char *members[] = { "arch", "edges_by_layer", "edge_weights", "biases" };

  /* The top level carries the final network in the snapshot format. */
  json_builder_begin_object (builder);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    if (json_object_has_member (object, members[i]))
      {
        json_builder_set_member_name (builder, members[i]);
        json_builder_add_value (builder, json_node_copy (json_object_get_member (object, members[i])));
      }
  json_builder_end_object (builder);
  node = json_builder_get_root (builder);

  if (!(run->final = sc_snapshot_from_json (node, error)))
    return FALSE;

  run->final->stage = SC_STAGE_DONE;
  run->final->step = run->steps->len ? run->steps->len - 1 : 0;
  run->final->accuracy = json_object_get_double_member_with_default (object, "final_accuracy", NAN);
  run->final->exact_accuracy = json_object_get_double_member_with_default (object,
                                                                           "final_exact_accuracy", NAN);
  return TRUE;
}

/* The final network's modules are detected again (detection is
 * deterministic) and scored when the task's truth fits the network; a
 * network the truth does not fit is shown without a score. */
static gboolean
analyse_final (ScRun   *run,
               GError **error)
{
  const ScTruth *truth = run->task->truth;
  g_autoptr(GError) score_error = NULL;
  ScDetectParams params;

  sc_hyper_detect_params (&run->hyper, &params);
  if (truth != NULL && run->task->n_in == run->final->arch[0] &&
      (run->analysis = sc_analysis_new (run->final->mask, &params, truth, &score_error)))
    return TRUE;
  if (score_error != NULL)
    g_debug ("Scoring a loaded run failed: %s", score_error->message);
  return (run->analysis = sc_analysis_new (run->final->mask, &params, NULL, error)) != NULL;
}

ScRun *
sc_run_from_json (JsonNode    *root,
                  const char  *filename,
                  GError     **error)
{
  g_autoptr(ScRun) run = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;

  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: not a Sculptor result (no JSON object)",
                   filename);
      return NULL;
    }
  object = json_node_get_object (root);
  if (!sc_json_check_fields (object, NULL, run_fields, G_N_ELEMENTS (run_fields), &local_error))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: %s", filename, local_error->message);
      return NULL;
    }

  run = g_new0 (ScRun, 1);
  run->steps = g_array_new (FALSE, TRUE, sizeof (ScStep));
  run->edge_runs = g_array_new (FALSE, TRUE, sizeof (ScEdgeRun));
  run->task = find_task (object, &run->load_notice);
  sc_hyper_copy (&run->hyper, &run->task->defaults);

  if (!sc_hyper_from_json (&run->hyper, object, &local_error) ||
      !read_steps (run, object, &local_error) ||
      !read_snapshots (run, object, &local_error) ||
      !read_final (run, object, &local_error) ||
      !analyse_final (run, &local_error) ||
      !read_edge_runs (run, object, &local_error) ||
      !read_times (run, object, &local_error))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: %s", filename, local_error->message);
      return NULL;
    }

  run->dense_accuracy = json_object_get_double_member_with_default (object, "dense_accuracy", NAN);
  run->dense_exact_accuracy = json_object_get_double_member_with_default (object,
                                                                         "dense_exact_accuracy", NAN);
  run->unit_percent = json_object_get_double_member_with_default (object, "unit_sparsity", NAN);
  run->unit_weight_percent = json_object_get_double_member_with_default (object,
                                                                        "unit_stage_weight_sparsity", NAN);
  run->completed = TRUE;

  return g_steal_pointer (&run);
}

ScRun *
sc_run_load (const char  *path,
             GError     **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(root = sc_json_read_file (path, SC_FILE_LIMIT_JSON, error)))
    return NULL;
  display = g_filename_display_name (path);
  return sc_run_from_json (root, display, error);
}
