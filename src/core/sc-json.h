/* sc-json.h — small helpers for writing JSON members
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

G_END_DECLS
