/* sc-paper-rates.c — the success rates the paper plots
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
#include "sc-json.h"
#include "sc-paper-rates.h"
#include "sc-paper-rates-resources.h"

#define RATES_RESOURCE "/io/github/sculptor/paper-rates.json"
#define MAX_HIDDEN     31

static void
rate_clear (gpointer data)
{
  ScPaperRate *rate = data;

  g_clear_pointer (&rate->task, g_free);
  g_clear_pointer (&rate->criterion, g_free);
}

static gboolean
parse_hidden (JsonArray   *array,
              const char  *where,
              guint32     *mask,
              GError     **error)
{
  *mask = 0;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gint64 h;

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          (h = json_node_get_int (node)) < 1 || h > MAX_HIDDEN)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                       "%s.hidden must hold hidden-layer counts from 1 to %d", where, MAX_HIDDEN);
          return FALSE;
        }
      *mask |= 1u << h;
    }
  if (*mask == 0)
    g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s.hidden is empty", where);
  return *mask != 0;
}

static gboolean
parse_row (JsonNode     *node,
           const char   *where,
           ScPaperRate  *out,
           GError      **error)
{
  static const ScJsonField fields[] = {
    { "task", SC_JSON_STRING }, { "criterion", SC_JSON_STRING },
    { "hidden", SC_JSON_ARRAY }, { "rate", SC_JSON_NUMBER },
  };
  JsonObject *o;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s must be an object", where);
      return FALSE;
    }
  o = json_node_get_object (node);
  if (!sc_json_check_fields (o, where, fields, G_N_ELEMENTS (fields), error))
    return FALSE;
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    if (!json_object_has_member (o, fields[f].member) ||
        json_object_get_null_member (o, fields[f].member))
      {
        g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s has no %s", where, fields[f].member);
        return FALSE;
      }
  out->rate = json_object_get_double_member (o, "rate");
  if (!(out->rate >= 0.0 && out->rate <= 1.0))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s.rate must be between 0 and 1", where);
      return FALSE;
    }
  if (!parse_hidden (json_object_get_array_member (o, "hidden"), where, &out->hidden, error))
    return FALSE;
  out->task = g_strdup (json_object_get_string_member (o, "task"));
  out->criterion = g_strdup (json_object_get_string_member (o, "criterion"));
  return TRUE;
}

GArray *
sc_paper_rates_parse (const char  *text,
                      gsize        length,
                      const char  *display,
                      GError     **error)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GArray) table = g_array_new (FALSE, TRUE, sizeof (ScPaperRate));
  g_autoptr(GError) local_error = NULL;
  JsonNode *root, *rows;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (display != NULL, NULL);

  g_array_set_clear_func (table, rate_clear);
  if (!json_parser_load_from_data (parser, text, (gssize) length, &local_error))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: %s", display, local_error->message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root) ||
      !(rows = json_object_get_member (json_node_get_object (root), "rates")) ||
      !JSON_NODE_HOLDS_ARRAY (rows))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: no “rates” array", display);
      return NULL;
    }
  for (guint i = 0; i < json_array_get_length (json_node_get_array (rows)); i++)
    {
      g_autofree char *where = g_strdup_printf ("%s: rates[%u]", display, i);
      ScPaperRate row = { 0 };

      if (!parse_row (json_array_get_element (json_node_get_array (rows), i), where, &row,
                      error))
        return NULL;
      g_array_append_val (table, row);
    }
  return g_steal_pointer (&table);
}

GArray *
sc_paper_rates (void)
{
  static GArray *table;

  if (g_once_init_enter (&table))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (sc_paper_rates_data_get_resource (),
                                                        RATES_RESOURCE,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      g_autoptr(GError) error = NULL;
      GArray *parsed = NULL;
      gsize length = 0;
      const char *text = bytes ? g_bytes_get_data (bytes, &length) : NULL;

      /* Compiled in and checked by test-report: a failure is a build bug. */
      if (text == NULL ||
          !(parsed = sc_paper_rates_parse (text, length, RATES_RESOURCE, &error)))
        {
          g_critical ("the paper's rates: %s", error ? error->message : "not compiled in");
          parsed = g_array_new (FALSE, TRUE, sizeof (ScPaperRate));
        }
      g_once_init_leave (&table, parsed);
    }
  return table;
}

double
sc_paper_rate_lookup (const char *task,
                      const char *criterion,
                      guint       hidden_min,
                      guint       hidden_max)
{
  GArray *table = sc_paper_rates ();
  guint32 want = 0;

  g_return_val_if_fail (task != NULL && criterion != NULL, NAN);
  g_return_val_if_fail (hidden_min >= 1 && hidden_min <= hidden_max, NAN);

  if (hidden_max > MAX_HIDDEN)
    return NAN;
  for (guint h = hidden_min; h <= hidden_max; h++)
    want |= 1u << h;
  for (guint i = 0; i < table->len; i++)
    {
      const ScPaperRate *row = &g_array_index (table, ScPaperRate, i);

      if ((row->hidden & want) == want && strcmp (row->task, task) == 0 &&
          strcmp (row->criterion, criterion) == 0)
        return row->rate;
    }
  return NAN;
}
