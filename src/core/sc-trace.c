/* sc-trace.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "sc-error.h"
#include "sc-mask.h"
#include "sc-trace.h"

/* Where the reader is in the document, for error messages. */
typedef struct
{
  ScTrace  *trace;
  GString  *path;
  GError  **error;
} Reader;

static gboolean
fail (Reader     *r,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static gboolean
fail (Reader     *r,
      const char *format,
      ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (r->error, SC_ERROR, SC_ERROR_PARSE, "%s: %s: %s", r->trace->name,
               r->path->len ? r->path->str : "(top level)", message);
  return FALSE;
}

static gsize
push_member (Reader     *r,
             const char *name)
{
  gsize mark = r->path->len;

  if (r->path->len)
    g_string_append_c (r->path, '.');
  g_string_append (r->path, name);
  return mark;
}

static gsize
push_index (Reader *r,
            guint   i)
{
  gsize mark = r->path->len;

  g_string_append_printf (r->path, "[%u]", i);
  return mark;
}

static void
pop (Reader *r,
     gsize   mark)
{
  g_string_truncate (r->path, mark);
}

static gpointer
block (Reader *r,
       gsize   size)
{
  gpointer data = g_malloc0 (MAX (size, 1));

  g_ptr_array_add (r->trace->blocks, data);
  return data;
}

static const char *
node_kind (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return "null";
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_BOOLEAN:
      return "a boolean";
    default:
      return "a number";
    }
}

/* The member's node, or FALSE with "missing". */
static JsonNode *
member (Reader     *r,
        JsonObject *object,
        const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL)
    {
      gsize mark = push_member (r, name);

      fail (r, "missing");
      pop (r, mark);
    }
  return node;
}

static gboolean
as_object (Reader      *r,
           JsonNode    *node,
           JsonObject **out)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return fail (r, "expected an object, found %s", node_kind (node));
  *out = json_node_get_object (node);
  return TRUE;
}

/* An array of exactly n elements (n = 0: any length). */
static gboolean
as_array (Reader     *r,
          JsonNode   *node,
          guint       n,
          JsonArray **out)
{
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return fail (r, "expected an array, found %s", node_kind (node));
  *out = json_node_get_array (node);
  if (n > 0 && json_array_get_length (*out) != n)
    return fail (r, "expected %u elements, found %u", n, json_array_get_length (*out));
  return TRUE;
}

/* A JSON number, or "inf", "-inf", "nan" (the schema's non-finite values). */
static gboolean
as_double (Reader   *r,
           JsonNode *node,
           double   *out)
{
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_DOUBLE || type == G_TYPE_INT64)
        {
          *out = json_node_get_double (node);
          return TRUE;
        }
      if (type == G_TYPE_STRING)
        {
          const char *s = json_node_get_string (node);

          if (g_strcmp0 (s, "inf") == 0 || g_strcmp0 (s, "-inf") == 0 || g_strcmp0 (s, "nan") == 0)
            {
              *out = s[0] == 'n' ? NAN : s[0] == '-' ? -INFINITY : INFINITY;
              return TRUE;
            }
        }
    }
  return fail (r, "expected a number, found %s", node_kind (node));
}

static gboolean
as_uint (Reader   *r,
         JsonNode *node,
         guint     limit,
         guint    *out)
{
  gint64 value;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_INT64)
    return fail (r, "expected an integer, found %s", node_kind (node));
  value = json_node_get_int (node);
  if (value < 0 || value >= limit)
    return fail (r, "%" G_GINT64_FORMAT " is out of range (0 … %u)", value, limit - 1);
  *out = (guint) value;
  return TRUE;
}

static gboolean
as_bool (Reader   *r,
         JsonNode *node,
         gboolean *out)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return fail (r, "expected true or false, found %s", node_kind (node));
  *out = json_node_get_boolean (node);
  return TRUE;
}

static gboolean
is_null (JsonNode *node)
{
  return node == NULL || JSON_NODE_HOLDS_NULL (node);
}

/* Helpers that read object.name, with the path extended while they run. */
#define WITH_MEMBER(r, name, expr) \
  ({ gsize mark_ = push_member ((r), (name)); gboolean ok_ = (expr); if (ok_) pop ((r), mark_); ok_; })

static gboolean
get_double (Reader     *r,
            JsonObject *object,
            const char *name,
            double     *out)
{
  JsonNode *node = member (r, object, name);

  return node && WITH_MEMBER (r, name, as_double (r, node, out));
}

static gboolean
get_uint (Reader     *r,
          JsonObject *object,
          const char *name,
          guint       limit,
          guint      *out)
{
  JsonNode *node = member (r, object, name);

  return node && WITH_MEMBER (r, name, as_uint (r, node, limit, out));
}

static gboolean
get_bool (Reader     *r,
          JsonObject *object,
          const char *name,
          gboolean   *out)
{
  JsonNode *node = member (r, object, name);

  return node && WITH_MEMBER (r, name, as_bool (r, node, out));
}

/* A number stored as a string in source.hyper_parameters, e.g. "0.05". */
static gboolean
get_number_string (Reader     *r,
                   JsonObject *object,
                   const char *name,
                   double     *out)
{
  JsonNode *node = member (r, object, name);
  const char *text;
  char *end;

  if (node == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) != G_TYPE_STRING)
    return WITH_MEMBER (r, name, as_double (r, node, out));

  text = JSON_NODE_HOLDS_VALUE (node) ? json_node_get_string (node) : NULL;
  *out = text ? g_ascii_strtod (text, &end) : 0.0;
  if (text == NULL || end == text || *end != '\0' || !isfinite (*out))
    {
      gsize mark = push_member (r, name);

      fail (r, "expected a number (or a string holding one), found %s", node_kind (node));
      pop (r, mark);
      return FALSE;
    }
  return TRUE;
}

/* n float32 values (cast from the exact double, as the schema says). */
static gboolean
as_float_vector (Reader   *r,
                 JsonNode *node,
                 guint     n,
                 float    *out)
{
  JsonArray *array = NULL;

  if (!as_array (r, node, n, &array))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      gsize mark = push_index (r, i);
      double v;

      if (!as_double (r, json_array_get_element (array, i), &v))
        return FALSE;
      out[i] = (float) v;
      pop (r, mark);
    }
  return TRUE;
}

static gboolean
as_float_matrix (Reader   *r,
                 JsonNode *node,
                 guint     rows,
                 guint     cols,
                 float    *out)
{
  JsonArray *array = NULL;

  if (!as_array (r, node, rows, &array))
    return FALSE;
  for (guint i = 0; i < rows; i++)
    {
      gsize mark = push_index (r, i);

      if (!as_float_vector (r, json_array_get_element (array, i), cols, out + (gsize) i * cols))
        return FALSE;
      pop (r, mark);
    }
  return TRUE;
}

/* 0/1 values (written as numbers or booleans). */
static gboolean
as_mask_vector (Reader   *r,
                JsonNode *node,
                guint     n,
                guint8   *out)
{
  JsonArray *array = NULL;

  if (!as_array (r, node, n, &array))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *element = json_array_get_element (array, i);
      gsize mark = push_index (r, i);
      double v;

      if (JSON_NODE_HOLDS_VALUE (element) &&
          json_node_get_value_type (element) == G_TYPE_BOOLEAN)
        v = json_node_get_boolean (element);
      else if (!as_double (r, element, &v))
        return FALSE;
      if (v != 0.0 && v != 1.0)
        return fail (r, "a mask value must be 0 or 1, found %g", v);
      out[i] = v != 0.0;
      pop (r, mark);
    }
  return TRUE;
}

/* {"W": [per layer out × in], "b": [per layer out]} */
static gboolean
as_params (Reader        *r,
           JsonNode      *node,
           ScTraceParams *out)
{
  ScTrace *t = r->trace;
  guint n_w = t->n_layers - 1;
  JsonObject *object = NULL;
  JsonArray *ws = NULL, *bs = NULL;
  JsonNode *w_node = NULL, *b_node = NULL;

  if (!as_object (r, node, &object) ||
      !(w_node = member (r, object, "W")) || !(b_node = member (r, object, "b")) ||
      !WITH_MEMBER (r, "W", as_array (r, w_node, n_w, &ws)) ||
      !WITH_MEMBER (r, "b", as_array (r, b_node, n_w, &bs)))
    return FALSE;

  out->w = block (r, sizeof (float *) * n_w);
  out->b = block (r, sizeof (float *) * n_w);
  for (guint k = 0; k < n_w; k++)
    {
      gsize mark = push_member (r, "W");

      push_index (r, k);
      out->w[k] = block (r, sizeof (float) * t->arch[k] * t->arch[k + 1]);
      if (!as_float_matrix (r, json_array_get_element (ws, k), t->arch[k + 1], t->arch[k], out->w[k]))
        return FALSE;
      pop (r, mark);
      mark = push_member (r, "b");
      push_index (r, k);
      out->b[k] = block (r, sizeof (float) * t->arch[k + 1]);
      if (!as_float_vector (r, json_array_get_element (bs, k), t->arch[k + 1], out->b[k]))
        return FALSE;
      pop (r, mark);
    }
  return TRUE;
}

/* Weight masks (a list of out × in matrices) into out->w; bias masks from
 * b_node when given, else by the rule of §2.1. */
static gboolean
as_masks (Reader       *r,
          const char   *w_name,
          JsonNode     *w_node,
          JsonNode     *b_node,
          ScTraceMasks *out)
{
  ScTrace *t = r->trace;
  guint n_w = t->n_layers - 1;
  JsonArray *ws, *bs = NULL;

  if (!WITH_MEMBER (r, w_name, as_array (r, w_node, n_w, &ws)) ||
      (b_node && !WITH_MEMBER (r, "b", as_array (r, b_node, n_w, &bs))))
    return FALSE;

  out->w = block (r, sizeof (guint8 *) * n_w);
  out->b = block (r, sizeof (guint8 *) * n_w);
  for (guint k = 0; k < n_w; k++)
    {
      guint n_in = t->arch[k], n_out = t->arch[k + 1];
      JsonArray *rows;
      gsize mark = push_member (r, w_name);

      push_index (r, k);
      out->w[k] = block (r, (gsize) n_in * n_out);
      if (!as_array (r, json_array_get_element (ws, k), n_out, &rows))
        return FALSE;
      for (guint j = 0; j < n_out; j++)
        {
          gsize row_mark = push_index (r, j);

          if (!as_mask_vector (r, json_array_get_element (rows, j), n_in,
                               out->w[k] + (gsize) j * n_in))
            return FALSE;
          pop (r, row_mark);
        }
      pop (r, mark);

      out->b[k] = block (r, n_out);
      if (bs)
        {
          mark = push_member (r, "b");
          push_index (r, k);
          if (!as_mask_vector (r, json_array_get_element (bs, k), n_out, out->b[k]))
            return FALSE;
          pop (r, mark);
        }
      else
        for (guint j = 0; j < n_out; j++)
          for (guint i = 0; i < n_in && !out->b[k][j]; i++)
            out->b[k][j] = out->w[k][(gsize) j * n_in + i];
    }
  return TRUE;
}

static gboolean
as_mask_object (Reader       *r,
                JsonNode     *node,
                ScTraceMasks *out)
{
  JsonObject *object = NULL;
  JsonNode *w = NULL, *b = NULL;

  return as_object (r, node, &object) && (w = member (r, object, "W")) &&
         (b = member (r, object, "b")) && as_masks (r, "W", w, b, out);
}

/* Reads object.name with reader function f(r, node, out). */
#define GET(r, object, name, f, ...) \
  ({ JsonNode *n_ = member ((r), (object), (name)); \
     n_ && WITH_MEMBER ((r), (name), f ((r), n_, __VA_ARGS__)); })

static gboolean
read_source (Reader     *r,
             JsonObject *root)
{
  ScTrace *t = r->trace;
  JsonObject *source = NULL, *hyper = NULL;
  JsonArray *arch = NULL;
  double lr, batch, epochs, pu, pe, fs, cs;
  gsize mark;

  if (!GET (r, root, "source", as_object, &source))
    return FALSE;
  mark = push_member (r, "source");
  if (!GET (r, source, "hyper_parameters", as_object, &hyper))
    return FALSE;
  push_member (r, "hyper_parameters");
  if (!GET (r, hyper, "arch", as_array, 0, &arch))
    return FALSE;

  t->n_layers = json_array_get_length (arch);
  if (t->n_layers < 2 || t->n_layers > 32)
    {
      push_member (r, "arch");
      return fail (r, "an architecture needs 2 to 32 layers, found %u", t->n_layers);
    }
  t->arch = block (r, sizeof (guint) * t->n_layers);
  for (guint l = 0; l < t->n_layers; l++)
    {
      gsize arch_mark = push_member (r, "arch");
      double width;

      push_index (r, l);
      {
        JsonNode *node = json_array_get_element (arch, l);
        const char *text = JSON_NODE_HOLDS_VALUE (node) &&
                           json_node_get_value_type (node) == G_TYPE_STRING
                           ? json_node_get_string (node) : NULL;
        char *end = NULL;

        if (text)
          width = g_ascii_strtod (text, &end);
        else if (!as_double (r, node, &width))
          return FALSE;
        if ((text && (end == text || *end != '\0')) || width < 1 || width > 65536 ||
            width != floor (width))
          return fail (r, "expected a layer width (a positive integer)");
      }
      t->arch[l] = (guint) width;
      pop (r, arch_mark);
    }
  if (!get_number_string (r, hyper, "lr", &lr) ||
      !get_number_string (r, hyper, "batch_size", &batch) ||
      !get_number_string (r, hyper, "epochs", &epochs) ||
      !get_number_string (r, hyper, "unit_pruning_gradient", &pu) ||
      !get_number_string (r, hyper, "Pe", &pe) ||
      !get_number_string (r, hyper, "feature_step_size", &fs) ||
      !get_number_string (r, hyper, "clusterability_step_size", &cs))
    return FALSE;
  if (!(lr > 0) || batch < 1 || batch > 1e6 || epochs < 1 || epochs > 1e5 ||
      !(pu > 0 && pu <= 100) || !(pe > 0 && pe <= 100) || fs < 0 || cs < 0)
    return fail (r, "lr, batch_size, epochs, unit_pruning_gradient, Pe or a step size "
                 "is out of range");

  t->lr = lr;
  t->batch_size = (guint) batch;
  t->epochs = (guint) epochs;
  t->unit_step = pu;
  t->edge_step = pe;
  t->feature_step = (guint) fs;
  t->clusterability_step = (guint) cs;
  for (guint l = 1; l + 1 < t->n_layers; l++)
    t->n_hidden += t->arch[l];
  pop (r, mark);

  {
    guint64 weights = 0;

    for (guint l = 0; l + 1 < t->n_layers; l++)
      weights += (guint64) t->arch[l] * t->arch[l + 1];
    if (weights > SC_MAX_WEIGHTS)
      {
        push_member (r, "source.hyper_parameters.arch");
        return fail (r, "%" G_GUINT64_FORMAT " weights: more than Sculptor trains", weights);
      }
  }
  return TRUE;
}

static gboolean
read_data (Reader     *r,
           JsonObject *root)
{
  ScTrace *t = r->trace;
  guint n_in = t->arch[0], n_out = t->arch[t->n_layers - 1];
  JsonObject *data = NULL;
  JsonArray *xs = NULL, *ys = NULL;
  guint n_rows;
  gsize mark;

  if (!GET (r, root, "data", as_object, &data))
    return FALSE;
  mark = push_member (r, "data");
  if (!get_uint (r, data, "n_rows", 1u << 24, &n_rows))
    return FALSE;
  if (n_rows == 0)
    {
      push_member (r, "n_rows");
      return fail (r, "must be positive");
    }
  if (!GET (r, data, "X", as_array, n_rows, &xs) || !GET (r, data, "Y", as_array, n_rows, &ys))
    return FALSE;

  t->data = sc_dataset_new (n_rows, n_in, n_out);
  {
    gsize m = push_member (r, "X");

    if (!as_float_matrix (r, json_object_get_member (data, "X"), n_rows, n_in, t->data->x))
      return FALSE;
    pop (r, m);
    m = push_member (r, "Y");
    if (!as_float_matrix (r, json_object_get_member (data, "Y"), n_rows, n_out, t->data->y))
      return FALSE;
    pop (r, m);
  }
  pop (r, mark);
  return TRUE;
}

static gboolean
read_batch (Reader       *r,
            JsonNode     *node,
            ScTraceBatch *batch)
{
  ScTrace *t = r->trace;
  guint n_in = t->arch[0], n_out = t->arch[t->n_layers - 1];
  JsonObject *object = NULL;
  JsonArray *rows = NULL;

  if (!as_object (r, node, &object) || !GET (r, object, "rows", as_array, 0, &rows))
    return FALSE;
  batch->n_rows = json_array_get_length (rows);
  if (batch->n_rows == 0 || batch->n_rows > t->batch_size)
    {
      push_member (r, "rows");
      return fail (r, "a batch holds 1 to %u rows, found %u", t->batch_size, batch->n_rows);
    }
  batch->rows = block (r, sizeof (guint) * batch->n_rows);
  for (guint i = 0; i < batch->n_rows; i++)
    {
      gsize mark = push_member (r, "rows");

      push_index (r, i);
      if (!as_uint (r, json_array_get_element (rows, i), t->data->n_rows, &batch->rows[i]))
        return FALSE;
      pop (r, mark);
    }
  batch->x = block (r, sizeof (float) * batch->n_rows * n_in);
  batch->y = block (r, sizeof (float) * batch->n_rows * n_out);
  return GET (r, object, "x", as_float_matrix, batch->n_rows, n_in, batch->x) &&
         GET (r, object, "y", as_float_matrix, batch->n_rows, n_out, batch->y);
}

static gboolean
read_epoch (Reader       *r,
            JsonNode     *node,
            ScTraceEpoch *epoch)
{
  JsonObject *object = NULL;
  JsonArray *batches = NULL;

  if (!as_object (r, node, &object) || !GET (r, object, "batches", as_array, 0, &batches) ||
      !get_double (r, object, "train_loss", &epoch->train_loss) ||
      !get_double (r, object, "val_loss", &epoch->val_loss) ||
      !get_double (r, object, "val_acc", &epoch->val_acc))
    return FALSE;

  epoch->n_batches = json_array_get_length (batches);
  if (epoch->n_batches == 0)
    {
      push_member (r, "batches");
      return fail (r, "an epoch needs at least one batch");
    }
  epoch->batches = block (r, sizeof (ScTraceBatch) * epoch->n_batches);
  for (guint b = 0; b < epoch->n_batches; b++)
    {
      gsize mark = push_member (r, "batches");

      push_index (r, b);
      if (!read_batch (r, json_array_get_element (batches, b), &epoch->batches[b]))
        return FALSE;
      pop (r, mark);
    }
  return TRUE;
}

static gboolean
parse_run_stage (Reader          *r,
                 JsonObject      *object,
                 ScTraceRunStage *out)
{
  static const char *const names[] = { "dense", "unit", "edge_init", "edge" };
  JsonNode *node = member (r, object, "stage");
  const char *text;

  if (node == NULL)
    return FALSE;
  text = JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
         ? json_node_get_string (node) : NULL;
  for (guint i = 0; text && i < G_N_ELEMENTS (names); i++)
    if (strcmp (text, names[i]) == 0)
      {
        *out = (ScTraceRunStage) i;
        return TRUE;
      }
  push_member (r, "stage");
  return fail (r, "expected \"dense\", \"unit\", \"edge_init\" or \"edge\"");
}

static gboolean
read_run (Reader     *r,
          JsonNode   *node,
          guint       index,
          ScTraceRun *run)
{
  JsonObject *object = NULL;
  JsonArray *epochs = NULL;
  JsonNode *n = NULL;
  guint declared_index;

  if (!as_object (r, node, &object) || !get_uint (r, object, "index", G_MAXUINT, &declared_index))
    return FALSE;
  if (declared_index != index)
    {
      push_member (r, "index");
      return fail (r, "is %u, expected %u (runs in execution order)", declared_index, index);
    }
  if (!parse_run_stage (r, object, &run->stage) ||
      !get_double (r, object, "lr", &run->lr) ||
      !get_double (r, object, "weight_decay", &run->weight_decay) ||
      !GET (r, object, "masks_start", as_mask_object, &run->masks_start) ||
      !GET (r, object, "params_start", as_params, &run->params_start) ||
      !GET (r, object, "epochs", as_array, 0, &epochs) ||
      !get_uint (r, object, "best_epoch", G_MAXUINT, &run->best_epoch) ||
      !get_double (r, object, "test_loss", &run->test_loss) ||
      !get_double (r, object, "test_acc", &run->test_acc) ||
      !GET (r, object, "params_best", as_params, &run->params_best) ||
      !GET (r, object, "masks_best", as_mask_object, &run->masks_best))
    return FALSE;

  run->step = -1;
  run->target = NAN;
  if (run->stage == SC_TRACE_RUN_UNIT || run->stage == SC_TRACE_RUN_EDGE)
    {
      guint step;

      if (!get_uint (r, object, "step", G_MAXUINT, &step) ||
          !get_double (r, object, "target_percent", &run->target))
        return FALSE;
      run->step = (int) step;
    }

  if (!(n = member (r, object, "accepted")))
    return FALSE;
  run->accepted = -1;
  if (!is_null (n))
    {
      gboolean accepted;

      if (!WITH_MEMBER (r, "accepted", as_bool (r, n, &accepted)))
        return FALSE;
      run->accepted = accepted;
    }

  run->n_epochs = json_array_get_length (epochs);
  if (run->n_epochs == 0 || run->best_epoch >= run->n_epochs)
    return fail (r, "best_epoch %u is not one of its %u epochs", run->best_epoch, run->n_epochs);
  run->epochs = block (r, sizeof (ScTraceEpoch) * run->n_epochs);
  for (guint e = 0; e < run->n_epochs; e++)
    {
      gsize mark = push_member (r, "epochs");

      push_index (r, e);
      if (!read_epoch (r, json_array_get_element (epochs, e), &run->epochs[e]))
        return FALSE;
      pop (r, mark);
    }

  n = json_object_get_member (object, "grads_first_step");
  run->has_first_step = !is_null (n);
  if (run->has_first_step &&
      (!GET (r, object, "grads_first_step", as_params, &run->grads_first_step) ||
       !GET (r, object, "params_after_first_step", as_params, &run->params_after_first_step) ||
       !GET (r, object, "params_after_first_epoch", as_params, &run->params_after_first_epoch)))
    return FALSE;

  return TRUE;
}

static gboolean
read_runs (Reader     *r,
           JsonObject *root)
{
  ScTrace *t = r->trace;
  JsonArray *runs = NULL;

  if (!GET (r, root, "init", as_params, &t->init) || !GET (r, root, "runs", as_array, 0, &runs))
    return FALSE;
  t->n_runs = json_array_get_length (runs);
  if (t->n_runs == 0)
    {
      push_member (r, "runs");
      return fail (r, "a trace needs at least the dense run");
    }
  t->runs = block (r, sizeof (ScTraceRun) * t->n_runs);
  for (guint i = 0; i < t->n_runs; i++)
    {
      gsize mark = push_member (r, "runs");

      push_index (r, i);
      if (!read_run (r, json_array_get_element (runs, i), i, &t->runs[i]))
        return FALSE;
      pop (r, mark);
    }
  return TRUE;
}

static gboolean
read_step (Reader      *r,
           JsonNode    *node,
           ScTraceStep *step)
{
  ScTrace *t = r->trace;
  JsonObject *object = NULL;
  JsonNode *stage = NULL;
  const char *text;

  if (!as_object (r, node, &object) || !(stage = member (r, object, "stage")))
    return FALSE;
  text = JSON_NODE_HOLDS_VALUE (stage) && json_node_get_value_type (stage) == G_TYPE_STRING
         ? json_node_get_string (stage) : "";
  if (strcmp (text, "unit") != 0 && strcmp (text, "edge") != 0)
    {
      push_member (r, "stage");
      return fail (r, "expected \"unit\" or \"edge\"");
    }
  step->edge = strcmp (text, "edge") == 0;
  if (!get_uint (r, object, "i", G_MAXUINT, &step->i) ||
      !get_bool (r, object, "follow_schedule", &step->follow_schedule) ||
      !get_double (r, object, "p", &step->p) ||
      !get_double (r, object, "P", &step->target) ||
      !get_bool (r, object, "trained", &step->trained) ||
      !get_bool (r, object, "accepted", &step->accepted))
    return FALSE;

  step->run_index = step->decision_index = -1;
  step->test_acc = NAN;
  if (step->trained)
    {
      guint run, decision;

      if (!get_uint (r, object, "run_index", t->n_runs, &run) ||
          !get_uint (r, object, "decision_index", G_MAXUINT, &decision) ||
          !get_double (r, object, "test_acc", &step->test_acc))
        return FALSE;
      step->run_index = (int) run;
      step->decision_index = (int) decision;
    }
  return TRUE;
}

static gboolean
read_unit_decision (Reader              *r,
                    JsonNode            *node,
                    ScTraceUnitDecision *d)
{
  ScTrace *t = r->trace;
  JsonObject *object = NULL;
  JsonArray *keep = NULL;
  JsonNode *w = NULL, *b = NULL;

  d->scores = block (r, sizeof (float) * t->n_hidden);
  d->keep = block (r, sizeof (gboolean) * t->n_hidden);
  if (!as_object (r, node, &object) ||
      !get_uint (r, object, "step", G_MAXUINT, &d->step) ||
      !get_double (r, object, "target_percent", &d->target) ||
      !GET (r, object, "scores", as_float_vector, t->n_hidden, d->scores) ||
      !get_double (r, object, "threshold", &d->threshold) ||
      !GET (r, object, "keep", as_array, t->n_hidden, &keep) ||
      !(w = member (r, object, "W")) || !(b = member (r, object, "b")) ||
      !as_masks (r, "W", w, b, &d->mask))
    return FALSE;
  for (guint u = 0; u < t->n_hidden; u++)
    {
      gsize mark = push_member (r, "keep");

      push_index (r, u);
      if (!as_bool (r, json_array_get_element (keep, u), &d->keep[u]))
        return FALSE;
      pop (r, mark);
    }
  return TRUE;
}

static gboolean
read_edge_decision (Reader              *r,
                    JsonNode            *node,
                    ScTraceEdgeDecision *d)
{
  JsonObject *object = NULL;
  JsonNode *w = NULL, *b = NULL;

  return as_object (r, node, &object) &&
         get_uint (r, object, "step", G_MAXUINT, &d->step) &&
         get_double (r, object, "target_percent", &d->target) &&
         get_double (r, object, "threshold", &d->threshold) &&
         get_uint (r, object, "n_weights_kept", G_MAXUINT, &d->n_kept) &&
         (w = member (r, object, "W")) && (b = member (r, object, "b")) &&
         as_masks (r, "W", w, b, &d->mask);
}

/* A list of objects read by f into n elements of size bytes at *out. */
static gboolean
read_list (Reader      *r,
           JsonObject  *root,
           const char  *name,
           gsize        size,
           gpointer    *out,
           guint       *n,
           gboolean   (*f) (Reader *, JsonNode *, gpointer))
{
  JsonArray *array = NULL;
  gsize mark;

  if (!GET (r, root, name, as_array, 0, &array))
    return FALSE;
  *n = json_array_get_length (array);
  *out = block (r, size * *n);
  mark = push_member (r, name);
  for (guint i = 0; i < *n; i++)
    {
      gsize item = push_index (r, i);

      if (!f (r, json_array_get_element (array, i), (char *) *out + size * i))
        return FALSE;
      pop (r, item);
    }
  pop (r, mark);
  return TRUE;
}

/* Cross-references: every step's run and decision exist and agree. */
static gboolean
check_links (Reader *r)
{
  ScTrace *t = r->trace;

  for (guint s = 0; s < t->n_steps; s++)
    {
      const ScTraceStep *step = &t->steps[s];
      guint n_decisions = step->edge ? t->n_edge_decisions : t->n_unit_decisions;
      gsize mark = push_member (r, "steps");

      push_index (r, s);
      if (step->trained &&
          ((guint) step->decision_index >= n_decisions ||
           t->runs[step->run_index].stage != (step->edge ? SC_TRACE_RUN_EDGE : SC_TRACE_RUN_UNIT)))
        return fail (r, "run_index %d or decision_index %d does not name a %s run and decision",
                     step->run_index, step->decision_index, step->edge ? "edge" : "unit");
      pop (r, mark);
    }
  if (t->runs[0].stage != SC_TRACE_RUN_DENSE)
    {
      push_member (r, "runs[0].stage");
      return fail (r, "the first run must be the dense run");
    }
  return TRUE;
}

static gboolean
read_final (Reader     *r,
            JsonObject *root)
{
  ScTrace *t = r->trace;
  JsonObject *final = NULL;
  JsonNode *w = NULL;
  gsize mark;

  if (!GET (r, root, "final", as_object, &final))
    return FALSE;
  mark = push_member (r, "final");
  if (!GET (r, final, "params", as_params, &t->final_params) ||
      !(w = member (r, final, "W_mask")))
    return FALSE;
  if (!as_masks (r, "W_mask", w, NULL, &t->final_mask))
    return FALSE;
  if (!get_double (r, final, "final_prune_percent_weights", &t->final_percent))
    return FALSE;
  pop (r, mark);
  return TRUE;
}

static ScTrace *
trace_from_root (JsonNode   *root_node,
                 const char *name,
                 GError    **error)
{
  g_autoptr(ScTrace) trace = g_new0 (ScTrace, 1);
  g_autoptr(GString) path = g_string_new (NULL);
  Reader r = { trace, path, error };
  JsonObject *root = NULL;

  trace->name = g_strdup (name);
  trace->blocks = g_ptr_array_new_with_free_func (g_free);

  if (!as_object (&r, root_node, &root) ||
      !read_source (&r, root) || !read_data (&r, root) || !read_runs (&r, root) ||
      !read_list (&r, root, "steps", sizeof (ScTraceStep), (gpointer *) &trace->steps,
                  &trace->n_steps, (gpointer) read_step) ||
      !read_list (&r, root, "unit_decisions", sizeof (ScTraceUnitDecision),
                  (gpointer *) &trace->unit_decisions, &trace->n_unit_decisions,
                  (gpointer) read_unit_decision) ||
      !read_list (&r, root, "edge_decisions", sizeof (ScTraceEdgeDecision),
                  (gpointer *) &trace->edge_decisions, &trace->n_edge_decisions,
                  (gpointer) read_edge_decision) ||
      !read_final (&r, root) || !check_links (&r))
    return NULL;

  return g_steal_pointer (&trace);
}

ScTrace *
sc_trace_parse (const char  *text,
                gssize       length,
                const char  *name,
                GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (text != NULL && name != NULL, NULL);

  if (!json_parser_load_from_data (parser, text, length, &local_error))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: not valid JSON: %s",
                   name, local_error->message);
      return NULL;
    }
  return trace_from_root (json_parser_get_root (parser), name, error);
}

/* The file's bytes, gunzipped when they start with the gzip magic. */
static GBytes *
read_maybe_gzip (const char  *path,
                 GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GZlibDecompressor) gunzip = NULL;
  g_autoptr(GInputStream) raw = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) out = NULL;

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, "%s", local_error->message);
      return NULL;
    }
  if (length < 2 || (guchar) contents[0] != 0x1f || (guchar) contents[1] != 0x8b)
    return g_bytes_new_take (g_steal_pointer (&contents), length);

  gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  raw = g_memory_input_stream_new_from_data (g_steal_pointer (&contents), length, g_free);
  stream = g_converter_input_stream_new (raw, G_CONVERTER (gunzip));
  out = g_memory_output_stream_new_resizable ();
  if (g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                              NULL, &local_error) < 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: not a readable gzip file: %s",
                   path, local_error->message);
      return NULL;
    }
  return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
}

ScTrace *
sc_trace_load (const char  *path,
               GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *name = NULL;
  gsize length;
  const char *data;

  g_return_val_if_fail (path != NULL, NULL);

  if (!(bytes = read_maybe_gzip (path, error)))
    return NULL;
  name = g_path_get_basename (path);
  data = g_bytes_get_data (bytes, &length);
  return sc_trace_parse (data ? data : "", length, name, error);
}

void
sc_trace_free (ScTrace *trace)
{
  if (trace == NULL)
    return;

  g_clear_pointer (&trace->data, sc_dataset_unref);
  g_clear_pointer (&trace->blocks, g_ptr_array_unref);
  g_free (trace->name);
  g_free (trace);
}

const char *
sc_trace_run_stage_to_string (ScTraceRunStage stage)
{
  switch (stage)
    {
    case SC_TRACE_RUN_DENSE:
      return "dense";
    case SC_TRACE_RUN_UNIT:
      return "unit";
    case SC_TRACE_RUN_EDGE_INIT:
      return "edge_init";
    case SC_TRACE_RUN_EDGE:
      return "edge";
    default:
      return "?";
    }
}
