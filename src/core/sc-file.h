/* sc-file.h — opening the files Sculptor is given: regular files only,
 * of a bounded size
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file a user or a saved run names goes through here. A device such
 * as /dev/zero never ends and would fill the memory; a FIFO blocks the
 * reader until someone writes to it (forever, in the app). Both are
 * refused before a byte is read, as is a regular file larger than its
 * kind's limit, with a message that says why.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Limits per kind of file, far above any real one. */
#define SC_FILE_LIMIT_TASK ((goffset) 256 << 20)   /* .sfg and CSV tasks (a 20-input table is ~100 MiB) */
#define SC_FILE_LIMIT_JSON ((goffset) 1 << 30)     /* saved runs, results, detect input, npm digits */
#define SC_FILE_LIMIT_IDX  ((goffset) 2 << 30)     /* IDX digits, as the IDX header limit */

/* Opens path read-only if it is a regular file of at most limit bytes.
 * Never blocks on a FIFO (it is opened non-blocking, then refused).
 *
 * @param size   (out) (optional) the file's size in bytes
 * @return a file descriptor to close, or -1 with error set:
 *         SC_ERROR_NOT_FOUND (no such file) or SC_ERROR_IO (anything else,
 *         the message names the file and the reason) */
int      sc_file_open_regular (const char  *path,
                               goffset      limit,
                               goffset     *size,
                               GError     **error);

/* The whole file, with a NUL after its last byte, after the checks of
 * sc_file_open_regular(). @contents (out) (transfer full) */
gboolean sc_file_read         (const char  *path,
                               goffset      limit,
                               char       **contents,
                               gsize       *length,
                               GError     **error);

/* A text file: as sc_file_read(), and a NUL byte inside (a binary file,
 * which C strings would silently cut short) is an error naming its line
 * (SC_ERROR_PARSE). @text (out) (transfer full) */
gboolean sc_file_read_text    (const char  *path,
                               goffset      limit,
                               char       **text,
                               GError     **error);

/* Writes data to path atomically: into a temporary file next to it
 * (path.XXXXXX, mode 0666 less the umask), flushed to disk, then renamed
 * over path. On failure path is untouched and the temporary file removed;
 * a SIGINT, SIGTERM or SIGHUP meanwhile removes it too once
 * sc_file_clean_up_on_signals() was called. The error (SC_ERROR_IO) names
 * path. */
gboolean sc_file_write_atomic (const char  *path,
                               const void  *data,
                               gsize        length,
                               GError     **error);

/* Installs handlers for SIGINT, SIGTERM and SIGHUP that delete the
 * temporary files of writes in progress, then end the process by the same
 * signal as before. For programs (the CLI, the app), once at start-up.
 * (SIGKILL cannot be caught: its leftovers are path.XXXXXX files.) */
void     sc_file_clean_up_on_signals (void);

/* "1.5 GiB": binary units, an ordinary space (for one-line messages that
 * people grep and tests compare). @return (transfer full) */
char    *sc_file_format_size  (guint64      bytes);

G_END_DECLS
