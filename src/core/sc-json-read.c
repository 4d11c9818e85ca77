/* sc-json-read.c — reading JSON files and checking member types
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <string.h>
#include <unistd.h>

#include "sc-error.h"
#include "sc-file.h"
#include "sc-json.h"

/* json-glib names data it parsed from memory "<data>"; name the file. */
static void
set_syntax_error (GError     **error,
                  const char  *display,
                  const char  *message)
{
  const char *rest = g_str_has_prefix (message, "<data>:") ? message + strlen ("<data>:") : NULL;

  if (rest != NULL)
    g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s:%s", display, rest);
  else
    g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s: %s", display, message);
}

JsonNode *
sc_json_read_file (const char  *path,
                   goffset      limit,
                   GError     **error)
{
  g_autofree char *display = NULL;
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) local_error = NULL;
  JsonNode *root;
  goffset size;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);

  if ((fd = sc_file_open_regular (path, limit, &size, error)) < 0)
    return NULL;
  display = g_filename_display_name (path);
  if (size == 0)
    {
      close (fd);
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s is empty: no JSON in it", display);
      return NULL;
    }

  /* Mapped, not copied: a saved run can be large. */
  mapped = g_mapped_file_new_from_fd (fd, FALSE, &local_error);
  close (fd);
  if (mapped == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, "Could not read %s: %s", display,
                   local_error->message);
      return NULL;
    }

  parser = json_parser_new ();
  if (!json_parser_load_from_data (parser, g_mapped_file_get_contents (mapped),
                                   (gssize) g_mapped_file_get_length (mapped), &local_error))
    {
      set_syntax_error (error, display, local_error->message);
      return NULL;
    }
  if ((root = json_parser_steal_root (parser)) == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s holds no JSON value", display);
      return NULL;
    }
  return root;
}

static const char *
type_name (ScJsonType type)
{
  switch (type)
    {
    case SC_JSON_NUMBER:  return "a number";
    case SC_JSON_INT:     return "an integer";
    case SC_JSON_COUNT:   return "a non-negative integer";
    case SC_JSON_BOOL:    return "true or false";
    case SC_JSON_STRING:  return "a string";
    case SC_JSON_STRINGS: return "an array of strings";
    case SC_JSON_ARRAY:   return "an array";
    case SC_JSON_OBJECT:  return "an object";
    default:              g_assert_not_reached ();
    }
}

static const char *
node_name (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    return "an object";
  if (JSON_NODE_HOLDS_ARRAY (node))
    return "an array";
  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:   return "an integer";
    case G_TYPE_DOUBLE:  return "a number";
    case G_TYPE_BOOLEAN: return "a boolean";
    case G_TYPE_STRING:  return "a string";
    default:             return "a value";
    }
}

static gboolean
holds_value (JsonNode *node,
             GType     type)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
has_type (JsonNode   *node,
          ScJsonType  type)
{
  switch (type)
    {
    case SC_JSON_NUMBER:
      return holds_value (node, G_TYPE_DOUBLE) || holds_value (node, G_TYPE_INT64);
    case SC_JSON_INT:
      return holds_value (node, G_TYPE_INT64);
    case SC_JSON_COUNT:
      return holds_value (node, G_TYPE_INT64) && json_node_get_int (node) >= 0 &&
             json_node_get_int (node) <= G_MAXUINT;
    case SC_JSON_BOOL:
      return holds_value (node, G_TYPE_BOOLEAN);
    case SC_JSON_STRING:
      return holds_value (node, G_TYPE_STRING);
    case SC_JSON_STRINGS:
      if (!JSON_NODE_HOLDS_ARRAY (node))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (json_node_get_array (node)); i++)
        if (!holds_value (json_array_get_element (json_node_get_array (node), i), G_TYPE_STRING))
          return FALSE;
      return TRUE;
    case SC_JSON_ARRAY:
      return JSON_NODE_HOLDS_ARRAY (node);
    case SC_JSON_OBJECT:
      return JSON_NODE_HOLDS_OBJECT (node);
    default:
      g_assert_not_reached ();
    }
}

gboolean
sc_json_check_fields (JsonObject         *object,
                      const char         *where,
                      const ScJsonField  *fields,
                      guint               n_fields,
                      GError            **error)
{
  g_return_val_if_fail (object != NULL, FALSE);

  for (guint f = 0; f < n_fields; f++)
    {
      JsonNode *node = json_object_get_member (object, fields[f].member);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node) || has_type (node, fields[f].type))
        continue;
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s%s%s must be %s, not %s",
                   where ? where : "", where ? "." : "", fields[f].member,
                   type_name (fields[f].type),
                   fields[f].type == SC_JSON_STRINGS && JSON_NODE_HOLDS_ARRAY (node)
                   ? "an array with other values" : node_name (node));
      return FALSE;
    }
  return TRUE;
}
