/* sc-hyper.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <string.h>

#include <glib/gi18n.h>

#include "sc-error.h"
#include "sc-hyper.h"
#include "sc-mask.h"

typedef enum
{
  KIND_ARCH,
  KIND_UINT,
  KIND_UINT64,
  KIND_DOUBLE,
  KIND_DOUBLE_LIST,
  KIND_BOOL,
  KIND_THRESHOLD_MODE,
} Kind;

typedef struct
{
  const char *key;       /* dashed */
  Kind        kind;
  gsize       offset;
  double      min;
  double      max;
  const char *description;
} Param;

#define OFF(field) offsetof (ScHyper, field)

static const Param params[] = {
  { "arch", KIND_ARCH, OFF (arch), 0, 0,
    N_("layer widths, inputs first, e.g. 4,24,24,4") },
  { "seed", KIND_UINT64, OFF (seed), 0, 0,
    N_("random seed (initialisation, shuffling, noise)") },
  { "lr", KIND_DOUBLE, OFF (lr), 1e-9, 10,
    N_("Adam learning rate") },
  { "batch-size", KIND_UINT, OFF (batch_size), 1, 1 << 20,
    N_("mini-batch size") },
  { "epochs", KIND_UINT, OFF (epochs), 1, 100000,
    N_("epochs of the dense training run") },
  { "retrain-epochs", KIND_UINT, OFF (retrain_epochs), 0, 100000,
    N_("epochs after each pruning step (0: same as epochs, as the reference)") },
  { "weight-decay", KIND_DOUBLE, OFF (weight_decay), 0, 1,
    N_("L2 weight decay added to the gradient") },
  { "noise", KIND_DOUBLE, OFF (noise), 0, 10,
    N_("standard deviation of the Gaussian input noise on training data") },
  { "unit-step", KIND_DOUBLE, OFF (unit_step), 0.001, 99.999,
    N_("Pu: percentage of hidden units pruned per unit-pruning step") },
  { "edge-steps", KIND_DOUBLE_LIST, OFF (edge_steps), 0.0001, 99.999,
    N_("Pe list: percentage of weights pruned per edge-pruning step, one run each") },
  { "edge-min-step", KIND_DOUBLE, OFF (edge_min_step), 0, 99.999,
    N_("smallest edge step the halvings go down to, in percent of the weights (0: one weight, as the reference)") },
  { "threshold", KIND_DOUBLE, OFF (threshold), 0, 100,
    N_("accuracy (per-bit %) a pruning step must keep to be accepted") },
  { "threshold-mode", KIND_THRESHOLD_MODE, OFF (threshold_mode), 0, 0,
    N_("absolute: accuracy >= threshold; below-dense: accuracy >= dense accuracy - threshold") },
  { "reference-val-loss", KIND_BOOL, OFF (reference_val_loss), 0, 0,
    N_("divide the validation loss by (batches - 1) like the reference code") },
  { "edge-prune-dense", KIND_BOOL, OFF (edge_prune_dense), 0, 0,
    N_("when no unit-pruning step is accepted, edge-prune the dense network (the reference has no result)") },
  { "feature-step", KIND_UINT, OFF (feature_step), 0, SC_DETECT_MAX_STEP,
    N_("detection feature step size (0: number of weight layers)") },
  { "clusterability-step", KIND_UINT, OFF (clusterability_step), 0, SC_DETECT_MAX_STEP,
    N_("detection clusterability step size (0: number of weight layers)") },
  { "mm-threshold", KIND_DOUBLE, OFF (mm_threshold), 0, SC_DETECT_MM_MAX,
    N_("modularity-metric threshold for the cluster count") },
  { "merge-threshold", KIND_DOUBLE, OFF (merge_threshold), SC_DETECT_MERGE_MIN, SC_DETECT_MERGE_MAX,
    N_("fraction of edges above which clusters of adjacent layers merge") },
};

static const char * const keys[] = {
  "arch", "seed", "lr", "batch-size", "epochs", "retrain-epochs",
  "weight-decay", "noise", "unit-step", "edge-steps", "edge-min-step", "threshold",
  "threshold-mode", "reference-val-loss", "edge-prune-dense", "feature-step",
  "clusterability-step", "mm-threshold", "merge-threshold", NULL
};

G_STATIC_ASSERT (G_N_ELEMENTS (keys) == G_N_ELEMENTS (params) + 1);

static const double default_edge_steps[] = { 2.5, 2.0, 1.5, 1.0, 0.5 };
static const guint default_arch[] = { 4, 24, 4 };

static const Param *
find_param (const char *key)
{
  g_autofree char *dashed = g_strdup (key);

  g_strdelimit (dashed, "_", '-');
  for (guint p = 0; p < G_N_ELEMENTS (params); p++)
    if (strcmp (params[p].key, dashed) == 0)
      return &params[p];

  return NULL;
}

static char *
json_key (const Param *param)
{
  char *key = g_strdup (param->key);

  return g_strdelimit (key, "-", '_');
}

void
sc_hyper_init_defaults (ScHyper *hyper)
{
  ScDetectParams detect;

  g_return_if_fail (hyper != NULL);

  memset (hyper, 0, sizeof *hyper);
  hyper->arch = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_vals (hyper->arch, default_arch, G_N_ELEMENTS (default_arch));
  hyper->seed = 0;
  hyper->lr = 0.05;
  hyper->batch_size = 8;
  hyper->epochs = 15;
  hyper->retrain_epochs = 0;
  hyper->weight_decay = 1e-4;
  hyper->noise = 0.1;
  hyper->unit_step = 70;
  hyper->edge_steps = g_array_new (FALSE, FALSE, sizeof (double));
  g_array_append_vals (hyper->edge_steps, default_edge_steps,
                       G_N_ELEMENTS (default_edge_steps));
  hyper->threshold = 100.0;
  hyper->threshold_mode = SC_THRESHOLD_ABSOLUTE;
  hyper->reference_val_loss = FALSE;
  hyper->edge_prune_dense = FALSE;
  sc_detect_params_init (&detect);
  hyper->feature_step = detect.feature_step;
  hyper->clusterability_step = detect.clusterability_step;
  hyper->mm_threshold = detect.mm_threshold;
  hyper->merge_threshold = detect.merge_threshold;
}

static GArray *
array_copy (GArray *array)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE,
                                    g_array_get_element_size (array), array->len);

  g_array_append_vals (copy, array->data, array->len);
  return copy;
}

void
sc_hyper_copy (ScHyper       *dest,
               const ScHyper *src)
{
  g_return_if_fail (dest != NULL && src != NULL && dest != src);

  *dest = *src;
  dest->arch = array_copy (src->arch);
  dest->edge_steps = array_copy (src->edge_steps);
}

void
sc_hyper_clear (ScHyper *hyper)
{
  g_clear_pointer (&hyper->arch, g_array_unref);
  g_clear_pointer (&hyper->edge_steps, g_array_unref);
}

static gboolean
parse_double (const char *text,
              double     *out)
{
  char *end;
  double value;

  errno = 0;
  value = g_ascii_strtod (text, &end);
  while (*end == ' ')
    end++;
  if (end == text || *end != '\0' || errno != 0 || !isfinite (value))
    return FALSE;

  *out = value;
  return TRUE;
}

static gboolean
parse_uint64 (const char *text,
              guint64    *out)
{
  char *end;

  errno = 0;
  if (text[0] == '-' || text[0] == '\0')
    return FALSE;
  *out = g_ascii_strtoull (text, &end, 10);
  return end != text && *end == '\0' && errno == 0;
}

static gboolean
parse_bool (const char *text,
            gboolean   *out)
{
  if (g_ascii_strcasecmp (text, "true") == 0 || strcmp (text, "1") == 0 ||
      g_ascii_strcasecmp (text, "yes") == 0)
    *out = TRUE;
  else if (g_ascii_strcasecmp (text, "false") == 0 || strcmp (text, "0") == 0 ||
           g_ascii_strcasecmp (text, "no") == 0)
    *out = FALSE;
  else
    return FALSE;

  return TRUE;
}

static gboolean
check_range (const Param  *param,
             double        value,
             GError      **error)
{
  if (value < param->min || value > param->max)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "%s must be between %.10g and %.10g, got %.10g",
                   param->key, param->min, param->max, value);
      return FALSE;
    }

  return TRUE;
}

static gboolean
set_double_list (const Param  *param,
                 GArray      **slot,
                 const char   *value,
                 GError      **error)
{
  g_auto(GStrv) parts = g_strsplit_set (value, ",; ", -1);
  g_autoptr(GArray) list = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      double v;

      if (parts[i][0] == '\0' || strcmp (parts[i], "[") == 0 || strcmp (parts[i], "]") == 0)
        continue;
      g_strdelimit (parts[i], "[]", ' ');
      g_strstrip (parts[i]);
      if (!parse_double (parts[i], &v))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                       "%s: “%s” is not a number", param->key, parts[i]);
          return FALSE;
        }
      if (!check_range (param, v, error))
        return FALSE;
      g_array_append_val (list, v);
    }

  if (list->len == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "%s needs at least one value, e.g. 2.5,2,1.5,1,0.5", param->key);
      return FALSE;
    }

  g_clear_pointer (slot, g_array_unref);
  *slot = g_steal_pointer (&list);
  return TRUE;
}

gboolean
sc_hyper_set (ScHyper     *hyper,
              const char  *key,
              const char  *value,
              GError     **error)
{
  const Param *param;
  gpointer slot;
  double d;
  guint64 u;

  g_return_val_if_fail (hyper != NULL && key != NULL && value != NULL, FALSE);

  if (!(param = find_param (key)))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "unknown parameter “%s”", key);
      return FALSE;
    }

  slot = G_STRUCT_MEMBER_P (hyper, param->offset);
  switch (param->kind)
    {
    case KIND_ARCH:
      {
        GArray *arch;

        if (!sc_arch_parse (value, &arch, error))
          {
            g_prefix_error (error, "%s: ", param->key);
            return FALSE;
          }
        g_clear_pointer ((GArray **) slot, g_array_unref);
        *(GArray **) slot = arch;
        return TRUE;
      }

    case KIND_UINT:
    case KIND_UINT64:
      if (!parse_uint64 (value, &u) ||
          (param->kind == KIND_UINT && u > G_MAXUINT))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                       "%s must be a non-negative integer, got “%s”", param->key, value);
          return FALSE;
        }
      if (param->kind == KIND_UINT64)
        {
          *(guint64 *) slot = u;
          return TRUE;
        }
      if (!check_range (param, (double) u, error))
        return FALSE;
      *(guint *) slot = (guint) u;
      return TRUE;

    case KIND_DOUBLE:
      if (!parse_double (value, &d))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                       "%s must be a number, got “%s”", param->key, value);
          return FALSE;
        }
      if (!check_range (param, d, error))
        return FALSE;
      *(double *) slot = d;
      return TRUE;

    case KIND_DOUBLE_LIST:
      return set_double_list (param, slot, value, error);

    case KIND_BOOL:
      if (!parse_bool (value, slot))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                       "%s must be true or false, got “%s”", param->key, value);
          return FALSE;
        }
      return TRUE;

    case KIND_THRESHOLD_MODE:
      if (strcmp (value, "absolute") == 0)
        *(ScThresholdMode *) slot = SC_THRESHOLD_ABSOLUTE;
      else if (strcmp (value, "below-dense") == 0)
        *(ScThresholdMode *) slot = SC_THRESHOLD_BELOW_DENSE;
      else
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                       "%s must be “absolute” or “below-dense”, got “%s”",
                       param->key, value);
          return FALSE;
        }
      return TRUE;

    default:
      g_assert_not_reached ();
    }
}

char *
sc_hyper_get (const ScHyper *hyper,
              const char    *key)
{
  const Param *param = find_param (key);
  gconstpointer slot;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_return_val_if_fail (param != NULL, NULL);

  slot = G_STRUCT_MEMBER_P (hyper, param->offset);
  switch (param->kind)
    {
    case KIND_ARCH:
      {
        GArray *arch = *(GArray * const *) slot;
        return sc_arch_to_string ((guint *) arch->data, arch->len, ',');
      }
    case KIND_UINT:
      return g_strdup_printf ("%u", *(const guint *) slot);
    case KIND_UINT64:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, *(const guint64 *) slot);
    case KIND_DOUBLE:
      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%g", *(const double *) slot));
    case KIND_DOUBLE_LIST:
      {
        GArray *list = *(GArray * const *) slot;
        GString *str = g_string_new (NULL);

        for (guint i = 0; i < list->len; i++)
          {
            if (i > 0)
              g_string_append_c (str, ',');
            g_string_append (str, g_ascii_formatd (buf, sizeof buf, "%g",
                                                   g_array_index (list, double, i)));
          }
        return g_string_free (str, FALSE);
      }
    case KIND_BOOL:
      return g_strdup (*(const gboolean *) slot ? "true" : "false");
    case KIND_THRESHOLD_MODE:
      return g_strdup (*(const ScThresholdMode *) slot == SC_THRESHOLD_ABSOLUTE
                       ? "absolute" : "below-dense");
    default:
      g_assert_not_reached ();
    }
}

gboolean
sc_hyper_is_key (const char *key)
{
  return find_param (key) != NULL;
}

gboolean
sc_hyper_is_flag (const char *key)
{
  const Param *param = find_param (key);

  return param != NULL && param->kind == KIND_BOOL;
}

const char * const *
sc_hyper_keys (void)
{
  return keys;
}

const char *
sc_hyper_describe (const char *key)
{
  const Param *param = find_param (key);

  return param ? param->description : NULL;
}

gboolean
sc_hyper_validate (const ScHyper *hyper,
                   guint          n_inputs,
                   guint          n_outputs,
                   GError       **error)
{
  const guint *arch = (const guint *) hyper->arch->data;
  guint n = hyper->arch->len;

  if (n < 3)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "arch needs at least one hidden layer, got %u layers", n);
      return FALSE;
    }
  if (n > 11)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "arch may have at most 9 hidden layers, got %u", n - 2);
      return FALSE;
    }
  if (n_inputs > 0 && arch[0] != n_inputs)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "arch starts with %u inputs but the task has %u", arch[0], n_inputs);
      return FALSE;
    }
  if (n_outputs > 0 && arch[n - 1] != n_outputs)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "arch ends with %u outputs but the task has %u", arch[n - 1], n_outputs);
      return FALSE;
    }
  if (!sc_arch_check_size (arch, n, error))
    return FALSE;
  if (hyper->threshold_mode == SC_THRESHOLD_BELOW_DENSE && hyper->threshold > 50)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "threshold in below-dense mode is a tolerance in points; "
                   "%g would accept anything", hyper->threshold);
      return FALSE;
    }

  return TRUE;
}

static guint
weight_layers (const ScHyper *hyper)
{
  return hyper->arch->len - 1;
}

guint
sc_hyper_feature_step (const ScHyper *hyper)
{
  return hyper->feature_step ? hyper->feature_step : weight_layers (hyper);
}

guint
sc_hyper_clusterability_step (const ScHyper *hyper)
{
  return hyper->clusterability_step ? hyper->clusterability_step : weight_layers (hyper);
}

void
sc_hyper_detect_params (const ScHyper  *hyper,
                        ScDetectParams *detect)
{
  g_return_if_fail (hyper != NULL && detect != NULL);

  *detect = (ScDetectParams) {
    .feature_step = sc_hyper_feature_step (hyper),
    .clusterability_step = sc_hyper_clusterability_step (hyper),
    .mm_threshold = hyper->mm_threshold,
    .merge_threshold = hyper->merge_threshold,
  };
}

guint
sc_hyper_retrain_epochs (const ScHyper *hyper)
{
  return hyper->retrain_epochs ? hyper->retrain_epochs : hyper->epochs;
}

void
sc_hyper_to_json (const ScHyper *hyper,
                  JsonBuilder   *builder)
{
  for (guint p = 0; p < G_N_ELEMENTS (params); p++)
    {
      const Param *param = &params[p];
      gconstpointer slot = G_STRUCT_MEMBER_P (hyper, param->offset);
      g_autofree char *key = json_key (param);

      json_builder_set_member_name (builder, key);
      switch (param->kind)
        {
        case KIND_ARCH:
          {
            GArray *arch = *(GArray * const *) slot;
            json_builder_add_value (builder, sc_arch_to_json ((guint *) arch->data, arch->len));
          }
          break;
        case KIND_UINT:
          json_builder_add_int_value (builder, *(const guint *) slot);
          break;
        case KIND_UINT64:
          json_builder_add_int_value (builder, (gint64) *(const guint64 *) slot);
          break;
        case KIND_DOUBLE:
          json_builder_add_double_value (builder, *(const double *) slot);
          break;
        case KIND_DOUBLE_LIST:
          {
            GArray *list = *(GArray * const *) slot;

            json_builder_begin_array (builder);
            for (guint i = 0; i < list->len; i++)
              json_builder_add_double_value (builder, g_array_index (list, double, i));
            json_builder_end_array (builder);
          }
          break;
        case KIND_BOOL:
          json_builder_add_boolean_value (builder, *(const gboolean *) slot);
          break;
        case KIND_THRESHOLD_MODE:
          {
            g_autofree char *text = sc_hyper_get (hyper, param->key);
            json_builder_add_string_value (builder, text);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* Turns a JSON scalar or array back into the text sc_hyper_set() parses,
 * so that both paths share one set of checks. */
static char *
json_to_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      GString *str = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *item = json_to_text (json_array_get_element (array, i));

          if (item == NULL)
            return g_string_free (str, TRUE), NULL;
          if (i > 0)
            g_string_append_c (str, ',');
          g_string_append (str, item);
        }
      return g_string_free (str, FALSE);
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    return NULL;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_dtostr (buf, sizeof buf, json_node_get_double (node)));
      }
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    default:
      return NULL;
    }
}

gboolean
sc_hyper_from_json (ScHyper     *hyper,
                    JsonObject  *object,
                    GError     **error)
{
  for (guint p = 0; p < G_N_ELEMENTS (params); p++)
    {
      g_autofree char *key = json_key (&params[p]);
      g_autofree char *text = NULL;
      g_autoptr(GError) local_error = NULL;
      JsonNode *node = json_object_get_member (object, key);

      if (node == NULL)
        continue;
      if (!(text = json_to_text (node)) ||
          !sc_hyper_set (hyper, params[p].key, text, &local_error))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "field “%s”: %s", key,
                       local_error ? local_error->message : "wrong JSON type");
          return FALSE;
        }
    }

  return TRUE;
}
