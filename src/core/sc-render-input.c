/* sc-render-input.c — a scene from a saved result.json
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sc-error.h"
#include "sc-file.h"
#include "sc-json.h"
#include "sc-render-input.h"
#include "sc-task.h"

/* ---- detection from a partition ----------------------------------- */

static ScMask *
condense_to_kept (const ScMask *mask,
                  const guint8 *kept)
{
  ScMask *condensed = sc_mask_copy (mask);

  for (guint k = 0; k + 1 < mask->n_layers; k++)
    {
      guint off_in = sc_mask_unit_offset (mask, k);
      guint off_out = off_in + mask->arch[k];

      for (guint j = 0; j < mask->arch[k + 1]; j++)
        for (guint i = 0; i < mask->arch[k]; i++)
          if (!kept[off_in + i] || !kept[off_out + j])
            condensed->m[k][(gsize) j * mask->arch[k] + i] = 0;
    }

  return condensed;
}

static guint
count_distinct (const guint *ids,
                guint        n)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint p = 0; p < n; p++)
    g_hash_table_add (seen, GUINT_TO_POINTER (ids[p]));

  return g_hash_table_size (seen);
}

static void
detection_layers (ScDetection *detection)
{
  detection->layers = g_new0 (ScLayerDetection, detection->n_layers);
  for (guint l = 0; l < detection->n_layers; l++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint));

      for (guint p = 0; p < detection->n_kept; p++)
        if (detection->kept_layer[p] == l)
          g_array_append_val (ids, detection->premerge[p]);

      detection->layers[l].n_kept = ids->len;
      detection->layers[l].n_clusters = count_distinct ((const guint *) ids->data, ids->len);
      detection->layers[l].separability = -1;
      detection->layers[l].q_min = INFINITY;
    }
}

ScDetection *
sc_detection_from_partition (const ScMask *mask,
                             const guint  *kept_units,
                             const guint  *merged,
                             const guint  *premerge,
                             guint         n_kept,
                             GError      **error)
{
  guint n_units, layer = 0;
  g_autofree guint8 *kept = NULL;
  ScDetection *detection;

  g_return_val_if_fail (mask != NULL, NULL);
  g_return_val_if_fail (n_kept == 0 || (kept_units != NULL && merged != NULL), NULL);

  n_units = sc_mask_n_units (mask);
  kept = g_new0 (guint8, n_units);
  for (guint p = 0; p < n_kept; p++)
    {
      if (kept_units[p] >= n_units || (p > 0 && kept_units[p] <= kept_units[p - 1]))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                       "kept_units[%u] = %u: kept units must be ascending and below %u",
                       p, kept_units[p], n_units);
          return NULL;
        }
      kept[kept_units[p]] = 1;
    }

  detection = g_new0 (ScDetection, 1);
  detection->n_layers = mask->n_layers;
  detection->arch = g_memdup2 (mask->arch, sizeof (guint) * mask->n_layers);
  detection->new_arch = g_new0 (guint, mask->n_layers);
  detection->n_kept = n_kept;
  detection->kept_units = g_memdup2 (kept_units, sizeof (guint) * MAX (n_kept, 1));
  detection->kept_layer = g_new0 (guint, MAX (n_kept, 1));
  detection->kept_index = g_new0 (guint, MAX (n_kept, 1));
  detection->merged = g_memdup2 (merged, sizeof (guint) * MAX (n_kept, 1));
  detection->premerge = g_memdup2 (premerge != NULL ? premerge : merged, sizeof (guint) * MAX (n_kept, 1));
  detection->n_modules = count_distinct (merged, n_kept);

  for (guint p = 0; p < n_kept; p++)
    {
      while (layer + 1 < mask->n_layers && kept_units[p] >= sc_mask_unit_offset (mask, layer + 1))
        layer++;
      detection->kept_layer[p] = layer;
      detection->kept_index[p] = kept_units[p] - sc_mask_unit_offset (mask, layer);
      detection->new_arch[layer]++;
    }

  detection_layers (detection);
  detection->condensed = condense_to_kept (mask, kept);
  return detection;
}

char *
sc_render_format_subtitle (const guint *arch,
                           guint        n_layers,
                           const guint *final_arch,
                           double       density,
                           guint        n_modules)
{
  g_autofree char *dense = NULL;
  GString *str = g_string_new (NULL);

  g_return_val_if_fail (arch != NULL, NULL);

  dense = sc_arch_to_string (arch, n_layers, '-');
  g_string_append_printf (str, _("Arch %s"), dense);
  if (final_arch != NULL)
    {
      g_autofree char *final = sc_arch_to_string (final_arch, n_layers, '-');

      g_string_append_printf (str, " → %s", final);
    }
  if (density >= 0.0)
    g_string_append_printf (str, _(" · density %.3g %%"), density * 100.0);
  if (n_modules > 0)
    g_string_append_printf (str, g_dngettext (GETTEXT_PACKAGE, " · %u module", " · %u modules", n_modules),
                            n_modules);

  return g_string_free (str, FALSE);
}

/* ---- result.json -------------------------------------------------- */

static gboolean
parse_fail (GError    **error,
            const char *filename,
            const char *member,
            const char *what)
{
  g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: “%s” %s", filename, member, what);
  return FALSE;
}

static gboolean
read_guint_array (JsonObject *object,
                  const char *member,
                  const char *filename,
                  GArray    **out,
                  GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (guint));

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return parse_fail (error, filename, member, "must be an array of non-negative integers");

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gint64 value;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_INT64 ||
          (value = json_node_get_int (element)) < 0 || value > G_MAXUINT)
        return parse_fail (error, filename, member, "must be an array of non-negative integers");
      {
        guint v = (guint) value;

        g_array_append_val (values, v);
      }
    }

  *out = g_steal_pointer (&values);
  return TRUE;
}

static gboolean
read_names (JsonObject *object,
            const char *member,
            guint       n,
            const char *filename,
            char     ***out,
            GError    **error)
{
  JsonNode *node = json_object_get_member (object, member);
  JsonArray *array;
  GStrvBuilder *builder;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) || json_array_get_length (array = json_node_get_array (node)) != n)
    {
      g_autofree char *what = g_strdup_printf ("must be an array of %u strings", n);

      return parse_fail (error, filename, member, what);
    }

  builder = g_strv_builder_new ();
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        {
          g_autofree char *what = g_strdup_printf ("must be an array of %u strings", n);

          g_strv_builder_unref (builder);
          return parse_fail (error, filename, member, what);
        }
      g_strv_builder_add (builder, json_node_get_string (element));
    }

  *out = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return TRUE;
}

static gboolean
read_weight_row (JsonNode *node,
                 float    *row,
                 guint     n)
{
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (array = json_node_get_array (node)) != n)
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      GType type;

      if (!JSON_NODE_HOLDS_VALUE (element))
        return FALSE;
      type = json_node_get_value_type (element);
      if (type != G_TYPE_DOUBLE && type != G_TYPE_INT64)
        return FALSE;
      row[i] = (float) json_node_get_double (element);
    }

  return TRUE;
}

static gboolean
read_weights (ScRenderInput *input,
              JsonObject    *object,
              const char    *filename,
              GError       **error)
{
  JsonNode *node = json_object_get_member (object, "weights");
  const guint *arch = (const guint *) input->arch->data;
  guint n_layers = input->arch->len;
  JsonArray *layers;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node) ||
      json_array_get_length (layers = json_node_get_array (node)) != n_layers - 1)
    return parse_fail (error, filename, "weights", "must have one matrix per weight layer");

  input->weights = g_new0 (float *, n_layers - 1);
  for (guint k = 0; k + 1 < n_layers; k++)
    {
      JsonNode *layer = json_array_get_element (layers, k);
      JsonArray *rows;

      input->weights[k] = g_new0 (float, (gsize) arch[k + 1] * arch[k]);
      if (!JSON_NODE_HOLDS_ARRAY (layer) ||
          json_array_get_length (rows = json_node_get_array (layer)) != arch[k + 1])
        goto bad_layer;
      for (guint j = 0; j < arch[k + 1]; j++)
        if (!read_weight_row (json_array_get_element (rows, j),
                              input->weights[k] + (gsize) j * arch[k], arch[k]))
          goto bad_layer;
      continue;

    bad_layer:
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s: “weights”[%u] must be %u rows of %u numbers (out × in)",
                   filename, k, arch[k + 1], arch[k]);
      return FALSE;
    }

  return TRUE;
}

static gboolean
read_detection (ScRenderInput *input,
                JsonObject    *object,
                const char    *filename,
                GError       **error)
{
  g_autoptr(GArray) kept = NULL;
  g_autoptr(GArray) merged = NULL;
  g_autoptr(GArray) premerge = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!json_object_has_member (object, "kept_units") &&
      !json_object_has_member (object, "partition_merged"))
    return TRUE;

  if (!read_guint_array (object, "kept_units", filename, &kept, error) ||
      !read_guint_array (object, "partition_merged", filename, &merged, error))
    return FALSE;
  if (json_object_has_member (object, "partition_premerge") &&
      !read_guint_array (object, "partition_premerge", filename, &premerge, error))
    return FALSE;
  if (merged->len != kept->len || (premerge != NULL && premerge->len != kept->len))
    return parse_fail (error, filename, "partition_merged", "must have one label per kept unit");

  input->detection = sc_detection_from_partition (input->mask, (const guint *) kept->data,
                                                  (const guint *) merged->data,
                                                  premerge != NULL ? (const guint *) premerge->data : NULL,
                                                  kept->len, &local_error);
  if (input->detection == NULL)
    return parse_fail (error, filename, "kept_units", local_error->message);

  return TRUE;
}

static gboolean
read_image_size (ScRenderInput *input,
                 JsonObject    *object,
                 const char    *filename,
                 GError       **error)
{
  static const ScJsonField fields[] = {
    { "image_width", SC_JSON_COUNT }, { "image_height", SC_JSON_COUNT },
  };
  g_autoptr(GError) local_error = NULL;
  gint64 w, h;

  if (!json_object_has_member (object, "image_width") && !json_object_has_member (object, "image_height"))
    return TRUE;
  if (!sc_json_check_fields (object, NULL, fields, G_N_ELEMENTS (fields), &local_error))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: %s", filename, local_error->message);
      return FALSE;
    }

  /* both at most G_MAXUINT: the product fits in 64 bits */
  w = json_object_get_int_member_with_default (object, "image_width", 0);
  h = json_object_get_int_member_with_default (object, "image_height", 0);
  if (w <= 0 || h <= 0 || w * h != g_array_index (input->arch, guint, 0))
    return parse_fail (error, filename, "image_width",
                       "and “image_height” must multiply to the number of inputs");

  input->scene.image_width = (guint) w;
  input->scene.image_height = (guint) h;
  return TRUE;
}

/* A member that is a string, or NULL (absent, null or another type). */
static const char *
optional_string (JsonObject *object,
                 const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
read_header (ScRenderInput *input,
             JsonObject    *object,
             const char    *filename,
             GError       **error)
{
  const char *task = optional_string (object, "task");
  g_autoptr(GError) local_error = NULL;

  if (task == NULL)
    return parse_fail (error, filename, "task", "must be a string");
  input->task = g_strdup (task);
  /* the same title as the run wrote: "Two digits [1568,2,20]" */
  {
    const char *title = optional_string (object, "task_title");
    const char *spec = optional_string (object, "task_spec");

    if (title != NULL && *title != '\0')
      input->title = sc_task_format_title (title, spec);
  }

  if (!sc_arch_from_json (json_object_get_member (object, "arch"), &input->arch, &local_error))
    return parse_fail (error, filename, "arch", local_error->message);
  if (json_object_has_member (object, "final_arch") &&
      (!read_guint_array (object, "final_arch", filename, &input->final_arch, error)))
    return FALSE;
  if (input->final_arch != NULL && input->final_arch->len != input->arch->len)
    return parse_fail (error, filename, "final_arch", "must have as many layers as “arch”");

  input->density = -1.0;
  if (json_object_has_member (object, "density"))
    {
      JsonNode *node = json_object_get_member (object, "density");

      if (!JSON_NODE_HOLDS_VALUE (node) ||
          (json_node_get_value_type (node) != G_TYPE_DOUBLE && json_node_get_value_type (node) != G_TYPE_INT64) ||
          json_node_get_double (node) < 0.0 || json_node_get_double (node) > 1.0)
        return parse_fail (error, filename, "density", "must be a number between 0 and 1");
      input->density = json_node_get_double (node);
    }

  return TRUE;
}

static void
input_finish_scene (ScRenderInput *input)
{
  ScScene *scene = &input->scene;
  guint image_width = scene->image_width, image_height = scene->image_height;

  sc_scene_init (scene, input->mask);
  scene->image_width = image_width;
  scene->image_height = image_height;
  scene->weights = input->weights;
  scene->detection = input->detection;
  scene->modules = input->modules;
  scene->input_names = (const char * const *) input->input_names;
  scene->output_names = (const char * const *) input->output_names;

  if (input->title == NULL)
    input->title = g_strdup (input->task);
  input->subtitle = sc_render_format_subtitle ((const guint *) input->arch->data, input->arch->len,
                                               input->final_arch != NULL ? (const guint *) input->final_arch->data : NULL,
                                               input->density,
                                               input->detection != NULL ? input->detection->n_modules : 0);
  scene->title = input->title;
  scene->subtitle = input->subtitle;
}

ScRenderInput *
sc_render_input_from_json (JsonNode   *root,
                           const char *filename,
                           GError    **error)
{
  g_autoptr(ScRenderInput) input = g_new0 (ScRenderInput, 1);
  g_autoptr(GError) local_error = NULL;
  JsonObject *object;
  guint n_layers;

  g_return_val_if_fail (root != NULL, NULL);

  if (filename == NULL)
    filename = "result.json";
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: the result must be a JSON object", filename);
      return NULL;
    }
  object = json_node_get_object (root);

  if (!read_header (input, object, filename, error))
    return NULL;
  n_layers = input->arch->len;

  input->mask = sc_mask_from_edges_json ((const guint *) input->arch->data, n_layers,
                                         json_object_get_member (object, "edges_by_layer"), &local_error);
  if (input->mask == NULL)
    {
      parse_fail (error, filename, "edges_by_layer", local_error->message);
      return NULL;
    }

  if (!read_weights (input, object, filename, error) ||
      !read_detection (input, object, filename, error) ||
      !read_names (object, "input_names", g_array_index (input->arch, guint, 0), filename,
                   &input->input_names, error) ||
      !read_names (object, "output_names", g_array_index (input->arch, guint, n_layers - 1), filename,
                   &input->output_names, error) ||
      !read_image_size (input, object, filename, error))
    return NULL;

  if (input->detection != NULL)
    input->modules = sc_module_graph_new (input->detection);

  input_finish_scene (input);
  return g_steal_pointer (&input);
}

ScRenderInput *
sc_render_input_load (const char *path,
                      GError    **error)
{
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *display = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(root = sc_json_read_file (path, SC_FILE_LIMIT_JSON, error)))
    return NULL;
  display = g_filename_display_name (path);
  return sc_render_input_from_json (root, display, error);
}

void
sc_render_input_free (ScRenderInput *input)
{
  if (input == NULL)
    return;

  if (input->weights != NULL)
    for (guint k = 0; k + 1 < input->arch->len; k++)
      g_free (input->weights[k]);
  g_free (input->weights);
  g_clear_pointer (&input->modules, sc_module_graph_free);
  g_clear_pointer (&input->detection, sc_detection_free);
  g_clear_pointer (&input->mask, sc_mask_free);
  g_clear_pointer (&input->arch, g_array_unref);
  g_clear_pointer (&input->final_arch, g_array_unref);
  g_strfreev (input->input_names);
  g_strfreev (input->output_names);
  g_free (input->task);
  g_free (input->title);
  g_free (input->subtitle);
  g_free (input);
}

void
sc_render_input_hierarchy_options (const ScRenderInput *input,
                                   ScHierarchyOptions  *options)
{
  g_return_if_fail (input != NULL);
  g_return_if_fail (options != NULL);

  sc_hierarchy_options_init (options);
  options->input_names = input->scene.input_names;
  options->output_names = input->scene.output_names;
  options->image_input = input->scene.image_width > 0;
  options->title = input->title;
  options->subtitle = input->subtitle;
}
