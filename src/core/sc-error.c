/* sc-error.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include "sc-error.h"

G_DEFINE_QUARK (sculptor-error-quark, sc_error)

gboolean
sc_set_parse_error (GError     **error,
                    const char  *filename,
                    guint        line,
                    const char  *format,
                    ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s:%u: %s", filename, line, message);
  return FALSE;
}
