/* fuzz-common.c — helpers of the fuzz targets
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"

static char *temp_dir;
static char *temp_path;

static void
remove_temp_dir (void)
{
  if (temp_path != NULL)
    g_unlink (temp_path);
  if (temp_dir != NULL)
    g_rmdir (temp_dir);
}

/* A parser fed bad bytes must report an error, not trip a GLib check.
 * abort() rather than GLib's fatal flag: that raises SIGTRAP, which
 * libFuzzer does not catch, so it would keep no reproducer. */
static GLogWriterOutput
abort_on_warning (GLogLevelFlags   log_level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  GLogWriterOutput output = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return output;
}

void
fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  /* SCULPTOR_FUZZ_WARNINGS=log lets warnings through, to fuzz past one
   * that is known and not yet fixed. */
  if (g_strcmp0 (g_getenv ("SCULPTOR_FUZZ_WARNINGS"), "log") != 0)
    g_log_set_writer_func (abort_on_warning, NULL, NULL);
}

void
fuzz_check_outcome (gconstpointer  result,
                    const GError  *error)
{
  g_assert_true ((result != NULL) != (error != NULL));
  if (error != NULL)
    g_debug ("%s", error->message);
  else
    g_debug ("accepted");
}

char *
fuzz_text (const uint8_t *data,
           size_t         size)
{
  return g_strndup ((const char *) data, size);
}

const char *
fuzz_write_file (const char    *name,
                 const uint8_t *data,
                 size_t         size)
{
  g_autoptr(GError) error = NULL;

  if (temp_dir == NULL)
    {
      temp_dir = g_dir_make_tmp ("sculptor-fuzz-XXXXXX", &error);
      g_assert_no_error (error);
      atexit (remove_temp_dir);
    }
  if (temp_path != NULL)
    g_unlink (temp_path);
  g_free (temp_path);
  temp_path = g_build_filename (temp_dir, name, NULL);
  g_file_set_contents (temp_path, (const char *) data, (gssize) size, &error);
  g_assert_no_error (error);
  return temp_path;
}
