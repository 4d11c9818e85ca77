/* sc-json.h — small helpers for writing and reading JSON
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Each adds one member to the object being built. */
void sc_json_add_bool   (JsonBuilder *builder,
                         const char  *member,
                         gboolean     value);
void sc_json_add_int    (JsonBuilder *builder,
                         const char  *member,
                         gint64       value);
/* null when value is not finite (JSON has no NaN or infinity) */
void sc_json_add_double (JsonBuilder *builder,
                         const char  *member,
                         double       value);
/* null when value is NULL */
void sc_json_add_string (JsonBuilder *builder,
                         const char  *member,
                         const char  *value);
void sc_json_add_uints  (JsonBuilder *builder,
                         const char  *member,
                         const guint *values,
                         guint        n_values);

/* ---- reading (sc-json-read.c) ---------------------------------------- */

/* The root of the JSON file at path, which must be a regular file of at
 * most limit bytes (sc-file.h). An empty file, one without a value and a
 * syntax error (named FILE:LINE:COLUMN) are SC_ERROR_PARSE.
 * @return (transfer full) */
JsonNode *sc_json_read_file (const char  *path,
                             goffset      limit,
                             GError     **error);

/* The JSON types a loader expects of a member. */
typedef enum
{
  SC_JSON_NUMBER,      /* integer or floating point */
  SC_JSON_INT,         /* integer */
  SC_JSON_COUNT,       /* integer from 0 to G_MAXUINT */
  SC_JSON_BOOL,
  SC_JSON_STRING,
  SC_JSON_STRINGS,     /* array of strings */
  SC_JSON_ARRAY,
  SC_JSON_OBJECT,
} ScJsonType;

typedef struct
{
  const char *member;
  ScJsonType  type;
} ScJsonField;

/* Checks that each listed member of object that is present and not null
 * has its type, so that json-glib's typed getters (which warn on a wrong
 * type) are safe to call afterwards. The error (SC_ERROR_PARSE) names the
 * member under where ("history[3]"), or alone when where is NULL:
 * "history[3].seconds must be a number, not an array". */
gboolean sc_json_check_fields (JsonObject         *object,
                               const char         *where,
                               const ScJsonField  *fields,
                               guint               n_fields,
                               GError            **error);

G_END_DECLS
