/* sc-error.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define SC_ERROR (sc_error_quark ())

typedef enum
{
  SC_ERROR_PARSE,        /* malformed file or line (message names file:line) */
  SC_ERROR_INVALID,      /* nonsense parameter or inconsistent data */
  SC_ERROR_IO,           /* could not read or write a file */
  SC_ERROR_NOT_FOUND,    /* unknown task name, missing data set */
  SC_ERROR_IGRAPH,       /* igraph reported an error */
  SC_ERROR_CANCELLED,    /* the run was cancelled */
  SC_ERROR_NO_RESULT,    /* the method gives no network (no unit step accepted, §9.9) */
} ScError;

GQuark sc_error_quark (void);

/* SC_ERROR_PARSE with the message "FILE:LINE: problem"; returns FALSE. */
gboolean sc_set_parse_error (GError     **error,
                             const char  *filename,
                             guint        line,
                             const char  *format,
                             ...) G_GNUC_PRINTF (4, 5);

G_END_DECLS
