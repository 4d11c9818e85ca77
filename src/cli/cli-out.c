/* cli-out.c — where the commands write: checked before any work
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <errno.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cli.h"
#include "sc-error.h"

/* Creates and deletes a file in dir: the only test that holds for every
 * reason a write can fail (permissions, root on a read-only mount, …). */
static gboolean
probe_writable (const char  *dir,
                GError     **error)
{
  g_autofree char *probe = g_build_filename (dir, ".sculptor-probe-XXXXXX", NULL);
  int fd = g_mkstemp (probe);

  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SC_ERROR, SC_ERROR_IO, _("cannot write in %s: %s"), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);
  g_unlink (probe);
  return TRUE;
}

gboolean
cli_prepare_out_dir (const char  *dir,
                     GError     **error)
{
  g_return_val_if_fail (dir != NULL, FALSE);

  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SC_ERROR, SC_ERROR_IO, _("cannot create the directory %s: %s"), dir,
                   g_strerror (saved_errno));
      return FALSE;
    }
  return probe_writable (dir, error);
}

gboolean
cli_check_out_file (const char  *path,
                    GError     **error)
{
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, _("%s is a directory"), path);
      return FALSE;
    }
  dir = g_path_get_dirname (path);
  if (!g_file_test (dir, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, _("cannot write %s: %s is not a directory"),
                   path, dir);
      return FALSE;
    }
  return probe_writable (dir, error);
}
