/* sc-file.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sc-error.h"
#include "sc-file.h"

char *
sc_file_format_size (guint64 bytes)
{
  g_autofree char *text = g_format_size_full (bytes, G_FORMAT_SIZE_IEC_UNITS);
  g_auto(GStrv) parts = g_strsplit (text, "\u00a0", -1);   /* GLib puts a no-break space */

  return g_strjoinv (" ", parts);
}

static const char *
describe_type (mode_t mode)
{
  if (S_ISFIFO (mode))
    return "a FIFO (named pipe)";
  if (S_ISCHR (mode))
    return "a character device";
  if (S_ISBLK (mode))
    return "a block device";
  if (S_ISSOCK (mode))
    return "a socket";
  return "not a regular file";
}

static gboolean
check_regular (int           fd,
               const char   *display,
               goffset       limit,
               goffset      *size,
               GError      **error)
{
  struct stat st;

  if (fstat (fd, &st) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SC_ERROR, SC_ERROR_IO, "Could not read %s: %s", display,
                   g_strerror (saved_errno));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, "%s is a directory, not a regular file", display);
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO,
                   "%s is %s: Sculptor reads only regular files (a device or a pipe may "
                   "never end or block forever)", display, describe_type (st.st_mode));
      return FALSE;
    }
  if (st.st_size > limit)
    {
      g_autofree char *have = sc_file_format_size ((guint64) st.st_size);
      g_autofree char *most = sc_file_format_size ((guint64) limit);

      g_set_error (error, SC_ERROR, SC_ERROR_IO,
                   "%s is %s, more than the %s Sculptor reads from a file of this kind",
                   display, have, most);
      return FALSE;
    }
  if (size != NULL)
    *size = st.st_size;
  return TRUE;
}

int
sc_file_open_regular (const char  *path,
                      goffset      limit,
                      goffset     *size,
                      GError     **error)
{
  g_autofree char *display = NULL;
  int fd;

  g_return_val_if_fail (path != NULL, -1);
  g_return_val_if_fail (error == NULL || *error == NULL, -1);

  display = g_filename_display_name (path);
  /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a
   * writer before fstat() can tell what it is. */
  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY, 0);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, SC_ERROR, saved_errno == ENOENT ? SC_ERROR_NOT_FOUND : SC_ERROR_IO,
                   "Could not open %s: %s", display, g_strerror (saved_errno));
      return -1;
    }
  if (!check_regular (fd, display, limit, size, error))
    {
      close (fd);
      return -1;
    }
  fcntl (fd, F_SETFL, fcntl (fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}

gboolean
sc_file_read (const char  *path,
              goffset      limit,
              char       **contents,
              gsize       *length,
              GError     **error)
{
  g_autofree char *display = NULL;
  g_autofree char *data = NULL;
  goffset size;
  gsize filled = 0;
  int fd;

  g_return_val_if_fail (contents != NULL, FALSE);

  if ((fd = sc_file_open_regular (path, limit, &size, error)) < 0)
    return FALSE;

  data = g_malloc ((gsize) size + 1);
  while (filled < (gsize) size)
    {
      gssize got = read (fd, data + filled, (gsize) size - filled);

      if (got < 0 && errno == EINTR)
        continue;
      if (got < 0)
        {
          int saved_errno = errno;

          display = g_filename_display_name (path);
          g_set_error (error, SC_ERROR, SC_ERROR_IO, "Could not read %s: %s", display,
                       g_strerror (saved_errno));
          close (fd);
          return FALSE;
        }
      if (got == 0)
        break;   /* the file shrank meanwhile: what is there is the file */
      filled += (gsize) got;
    }
  close (fd);

  data[filled] = '\0';
  *contents = g_steal_pointer (&data);
  if (length != NULL)
    *length = filled;
  return TRUE;
}

gboolean
sc_file_read_text (const char  *path,
                   goffset      limit,
                   char       **text,
                   GError     **error)
{
  g_autofree char *data = NULL;
  const char *nul;
  gsize length;

  if (!sc_file_read (path, limit, &data, &length, error))
    return FALSE;

  if ((nul = memchr (data, '\0', length)) != NULL)
    {
      g_autofree char *display = g_filename_display_name (path);
      guint line = 1;

      for (const char *c = data; c < nul; c++)
        line += *c == '\n';
      return sc_set_parse_error (error, display, line,
                                 "a NUL byte (at byte %" G_GSIZE_FORMAT "): not a text file",
                                 (gsize) (nul - data) + 1);
    }

  *text = g_steal_pointer (&data);
  return TRUE;
}

/* ---- atomic writes, and their temporary files on a signal ----------- */

/* Temporary files being written, for the signal handler: fixed storage
 * (no allocation or locking in a handler), a slot per concurrent write. */
#define N_PENDING 64

enum { SLOT_FREE, SLOT_CLAIMED, SLOT_READY };

static struct
{
  int  state;          /* atomic: SLOT_* */
  char path[PATH_MAX];
} pending[N_PENDING];

/* The slot now holding path, or -1 when all are busy (the write then goes
 * on without clean-up on a signal). */
static int
pending_add (const char *path)
{
  if (strlen (path) >= PATH_MAX)
    return -1;
  for (int i = 0; i < N_PENDING; i++)
    if (g_atomic_int_compare_and_exchange (&pending[i].state, SLOT_FREE, SLOT_CLAIMED))
      {
        strcpy (pending[i].path, path);
        g_atomic_int_set (&pending[i].state, SLOT_READY);
        return i;
      }
  return -1;
}

static void
pending_remove (int slot)
{
  if (slot >= 0)
    g_atomic_int_set (&pending[slot].state, SLOT_FREE);
}

static void
on_fatal_signal (int signum)
{
  /* unlink() and raise() are async-signal-safe. */
  for (int i = 0; i < N_PENDING; i++)
    if (g_atomic_int_get (&pending[i].state) == SLOT_READY)
      unlink (pending[i].path);
  signal (signum, SIG_DFL);
  raise (signum);
}

void
sc_file_clean_up_on_signals (void)
{
  static const int signals[] = { SIGINT, SIGTERM, SIGHUP };
  struct sigaction action;

  memset (&action, 0, sizeof action);
  action.sa_handler = on_fatal_signal;
  sigemptyset (&action.sa_mask);
  action.sa_flags = SA_RESETHAND;
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &action, NULL);
}

static gboolean
write_all (int          fd,
           const char  *data,
           gsize        length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n == 0)
        errno = ENOSPC;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

static gboolean
io_fail (GError     **error,
         const char  *path,
         int          saved_errno)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, SC_ERROR, SC_ERROR_IO, "Could not write %s: %s", display,
               g_strerror (saved_errno));
  return FALSE;
}

gboolean
sc_file_write_atomic (const char  *path,
                      const void  *data,
                      gsize        length,
                      GError     **error)
{
  g_autofree char *temp = NULL;
  int fd, slot, saved_errno;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL || length == 0, FALSE);

  temp = g_strconcat (path, ".XXXXXX", NULL);
  /* A signal between creating the file and registering it would leave it:
   * held back until it is registered. */
  {
    sigset_t fatal, saved;

    sigemptyset (&fatal);
    sigaddset (&fatal, SIGINT);
    sigaddset (&fatal, SIGTERM);
    sigaddset (&fatal, SIGHUP);
    pthread_sigmask (SIG_BLOCK, &fatal, &saved);
    fd = g_mkstemp_full (temp, O_RDWR | O_CLOEXEC, 0666);
    saved_errno = errno;
    slot = fd >= 0 ? pending_add (temp) : -1;
    pthread_sigmask (SIG_SETMASK, &saved, NULL);
  }
  if (fd < 0)
    return io_fail (error, path, saved_errno);

  if (!write_all (fd, data, length) || fsync (fd) != 0)
    {
      saved_errno = errno;
      close (fd);
      unlink (temp);
      pending_remove (slot);
      return io_fail (error, path, saved_errno);
    }
  if (close (fd) != 0 || rename (temp, path) != 0)
    {
      saved_errno = errno;
      unlink (temp);
      pending_remove (slot);
      return io_fail (error, path, saved_errno);
    }
  pending_remove (slot);
  return TRUE;
}
