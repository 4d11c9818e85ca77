/* sc-idx.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <zlib.h>

#include "sc-error.h"
#include "sc-file.h"
#include "sc-idx.h"

#define IDX_TYPE_UBYTE  0x08
#define IDX_CHUNK       ((gsize) 1 << 20)   /* read and grow granularity */

typedef struct
{
  char     *name;         /* display name, for messages */
  gzFile    gz;           /* reads gzip and (transparently) plain data */
  gboolean  compressed;
  guint64   file_size;
} IdxFile;

static void
idx_file_close (IdxFile *file)
{
  g_clear_pointer (&file->name, g_free);
  if (file->gz != NULL)
    gzclose (file->gz);
  file->gz = NULL;
}

static gboolean
idx_file_open (IdxFile     *file,
               const char  *path,
               GError     **error)
{
  guint8 magic[2] = { 0, 0 };
  goffset size;
  int fd;

  file->name = g_filename_display_name (path);
  if ((fd = sc_file_open_regular (path, SC_FILE_LIMIT_IDX, &size, error)) < 0)
    return FALSE;
  file->file_size = (guint64) size;
  /* gzip is recognised by its magic bytes, never by the file name. */
  file->compressed = pread (fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;

  file->gz = gzdopen (fd, "rb");
  if (file->gz == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, "Could not read %s", file->name);
      close (fd);
      return FALSE;
    }
  gzbuffer (file->gz, 256 * 1024);
  return TRUE;
}

/* Reads up to n bytes; *got < n only at the end of the data. A short read of
 * a gzip stream that stops without its trailer sets *stream_cut. */
static gboolean
idx_file_read (IdxFile   *file,
               guint8    *buf,
               gsize      n,
               gsize     *got,
               gboolean  *stream_cut,
               GError   **error)
{
  *got = 0;
  *stream_cut = FALSE;
  while (*got < n)
    {
      unsigned chunk = (unsigned) MIN (n - *got, (gsize) 1 << 30);
      int r = gzread (file->gz, buf + *got, chunk);
      int errnum = Z_OK;
      const char *message;

      if (r > 0)
        {
          *got += (gsize) r;
          continue;
        }
      message = gzerror (file->gz, &errnum);
      /* zlib prefixes its messages with "<fd:N>: ". */
      if (g_str_has_prefix (message, "<fd:") && strstr (message, ": ") != NULL)
        message = strstr (message, ": ") + 2;
      if (r < 0 || (errnum != Z_OK && errnum != Z_BUF_ERROR))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                       "%s: corrupt compressed data (%s)", file->name, message);
          return FALSE;
        }
      *stream_cut = errnum == Z_BUF_ERROR;
      break;
    }
  return TRUE;
}

static const char *
idx_kind_for_dims (guint n_dims)
{
  switch (n_dims)
    {
    case 1:
      return "a label file (1 dimension, magic 0x00000801)";
    case 3:
      return "an image file (3 dimensions, magic 0x00000803)";
    default:
      return "an IDX file of another kind";
    }
}

/* Reads and checks the magic number and the n_dims sizes. */
static gboolean
idx_read_header (IdxFile  *file,
                 guint     n_dims,
                 guint32  *dims,
                 GError  **error)
{
  guint8 magic[4];
  guint8 raw[3 * 4];
  gboolean cut;
  gsize got;

  g_assert (n_dims >= 1 && n_dims <= 3);

  if (!idx_file_read (file, magic, sizeof magic, &got, &cut, error))
    return FALSE;
  if (got == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s is empty", file->name);
      return FALSE;
    }
  if (got < sizeof magic)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s is too short to be an IDX file (%" G_GSIZE_FORMAT " bytes)",
                   file->name, got);
      return FALSE;
    }
  if (magic[0] != 0 || magic[1] != 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s is not an IDX file (it starts with %02x %02x %02x %02x, "
                   "expected 00 00 08 0%u)",
                   file->name, magic[0], magic[1], magic[2], magic[3], n_dims);
      return FALSE;
    }
  if (magic[2] != IDX_TYPE_UBYTE)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s holds IDX elements of type 0x%02x; only unsigned bytes (0x08) "
                   "are supported", file->name, magic[2]);
      return FALSE;
    }
  if (magic[3] != n_dims)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s is %s, not %s",
                   file->name, idx_kind_for_dims (magic[3]), idx_kind_for_dims (n_dims));
      return FALSE;
    }

  if (!idx_file_read (file, raw, 4 * n_dims, &got, &cut, error))
    return FALSE;
  if (got < 4 * n_dims)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s: truncated IDX header (%" G_GSIZE_FORMAT " of %u size bytes)",
                   file->name, got, 4 * n_dims);
      return FALSE;
    }
  for (guint i = 0; i < n_dims; i++)
    dims[i] = ((guint32) raw[4 * i] << 24) | ((guint32) raw[4 * i + 1] << 16) |
              ((guint32) raw[4 * i + 2] << 8) | raw[4 * i + 3];
  return TRUE;
}

/* Reads exactly n_bytes of elements then checks that nothing follows. The
 * buffer grows with the data actually read, so a small file with a header
 * promising gigabytes costs no more than its real content. */
static guint8 *
idx_read_payload (IdxFile     *file,
                  guint        n_dims,
                  guint64      n_bytes,
                  const char  *what,
                  GError     **error)
{
  guint64 header = 4 + 4 * (guint64) n_dims;
  g_autofree guint8 *data = NULL;
  gsize filled = 0;
  gsize allocated;
  gboolean cut = FALSE;
  guint8 extra;
  gsize got;

  /* A plain file's size tells right away whether the data are complete. */
  if (!file->compressed && file->file_size < header + n_bytes)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s is truncated: its header declares %s (%" G_GUINT64_FORMAT
                   " bytes) but only %" G_GUINT64_FORMAT " bytes follow",
                   file->name, what, n_bytes, file->file_size - header);
      return NULL;
    }
  if (!file->compressed && file->file_size > header + n_bytes)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s has %" G_GUINT64_FORMAT " bytes of trailing garbage after the %s "
                   "declared in its header",
                   file->name, file->file_size - header - n_bytes, what);
      return NULL;
    }

  allocated = (gsize) MIN (n_bytes, (guint64) IDX_CHUNK);
  data = g_malloc (MAX (allocated, 1));
  while (filled < n_bytes)
    {
      if (filled == allocated)
        {
          allocated = (gsize) MIN (n_bytes, (guint64) allocated * 2);
          data = g_realloc (data, allocated);
        }
      if (!idx_file_read (file, data + filled, allocated - filled, &got, &cut, error))
        return NULL;
      filled += got;
      if (filled < allocated)
        break;
    }
  if (filled < n_bytes)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s is truncated: its header declares %s (%" G_GUINT64_FORMAT
                   " bytes) but only %" G_GSIZE_FORMAT " bytes follow%s",
                   file->name, what, n_bytes, filled,
                   cut ? " (the gzip stream ends early)" : "");
      return NULL;
    }

  /* This read also makes zlib check the gzip trailer (CRC and length). */
  if (!idx_file_read (file, &extra, 1, &got, &cut, error))
    return NULL;
  if (got > 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s has trailing garbage after the %s declared in its header",
                   file->name, what);
      return NULL;
    }
  if (cut)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s: the gzip stream ends without its trailer (truncated file)",
                   file->name);
      return NULL;
    }

  return g_steal_pointer (&data);
}

guint8 *
sc_idx_read_images (const char  *path,
                    guint       *n_images,
                    guint       *rows,
                    guint       *cols,
                    GError     **error)
{
  IdxFile file = { NULL, };
  g_autofree char *what = NULL;
  guint32 dims[3];
  guint64 n_bytes;
  guint8 *pixels = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (n_images != NULL && rows != NULL && cols != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!idx_file_open (&file, path, error) ||
      !idx_read_header (&file, 3, dims, error))
    goto out;

  if (dims[1] == 0 || dims[2] == 0 || dims[1] > SC_IDX_MAX_SIDE || dims[2] > SC_IDX_MAX_SIDE)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s declares images of %u×%u pixels; each side must be 1 to %u",
                   file.name, dims[1], dims[2], SC_IDX_MAX_SIDE);
      goto out;
    }
  n_bytes = (guint64) dims[0] * dims[1] * dims[2];
  if (dims[0] > SC_IDX_MAX_ITEMS || n_bytes > SC_IDX_MAX_BYTES)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s declares %u images of %u×%u pixels, more than Sculptor reads "
                   "(at most %u images and %" G_GUINT64_FORMAT " bytes)",
                   file.name, dims[0], dims[1], dims[2], SC_IDX_MAX_ITEMS, SC_IDX_MAX_BYTES);
      goto out;
    }

  what = g_strdup_printf ("%u images of %u×%u pixels", dims[0], dims[1], dims[2]);
  pixels = idx_read_payload (&file, 3, n_bytes, what, error);
  if (pixels != NULL)
    {
      *n_images = dims[0];
      *rows = dims[1];
      *cols = dims[2];
    }

out:
  idx_file_close (&file);
  return pixels;
}

guint8 *
sc_idx_read_labels (const char  *path,
                    guint       *n_labels,
                    GError     **error)
{
  IdxFile file = { NULL, };
  g_autofree char *what = NULL;
  guint32 dims[1];
  guint8 *labels = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (n_labels != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!idx_file_open (&file, path, error) ||
      !idx_read_header (&file, 1, dims, error))
    goto out;

  if (dims[0] > SC_IDX_MAX_ITEMS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s declares %u labels, more than Sculptor reads (at most %u)",
                   file.name, dims[0], SC_IDX_MAX_ITEMS);
      goto out;
    }

  what = g_strdup_printf ("%u labels", dims[0]);
  labels = idx_read_payload (&file, 1, dims[0], what, error);
  if (labels != NULL)
    *n_labels = dims[0];

out:
  idx_file_close (&file);
  return labels;
}

/* gzip (not raw zlib) so that gunzip and every MNIST reader can open the
 * cache; level 9 because the cache is written once and read often. */
static guint8 *
gzip_compress (const guint8  *data,
               gsize          len,
               gsize         *out_len,
               GError       **error)
{
  z_stream zs = { 0, };
  g_autofree guint8 *out = NULL;
  gsize bound;
  int ret;

  if (deflateInit2 (&zs, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, "Could not initialise zlib");
      return NULL;
    }
  bound = deflateBound (&zs, (uLong) len);
  out = g_malloc (bound);
  zs.next_in = (Bytef *) data;
  zs.avail_in = (uInt) len;
  zs.next_out = out;
  zs.avail_out = (uInt) bound;
  ret = deflate (&zs, Z_FINISH);
  *out_len = zs.total_out;
  deflateEnd (&zs);
  if (ret != Z_STREAM_END)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_IO, "zlib could not compress the data (%d)", ret);
      return NULL;
    }
  return g_steal_pointer (&out);
}

static gboolean
idx_write (const char     *path,
           guint           n_dims,
           const guint32  *dims,
           const guint8   *payload,
           gsize           n_bytes,
           gboolean        compress,
           GError        **error)
{
  gsize header = 4 + 4 * (gsize) n_dims;
  gsize len = header + n_bytes;
  g_autofree guint8 *raw = g_malloc (len);
  g_autofree guint8 *packed = NULL;
  gsize packed_len = 0;

  raw[0] = 0;
  raw[1] = 0;
  raw[2] = IDX_TYPE_UBYTE;
  raw[3] = (guint8) n_dims;
  for (guint i = 0; i < n_dims; i++)
    {
      raw[4 + 4 * i] = (guint8) (dims[i] >> 24);
      raw[5 + 4 * i] = (guint8) (dims[i] >> 16);
      raw[6 + 4 * i] = (guint8) (dims[i] >> 8);
      raw[7 + 4 * i] = (guint8) dims[i];
    }
  if (n_bytes > 0)
    memcpy (raw + header, payload, n_bytes);

  if (compress)
    {
      packed = gzip_compress (raw, len, &packed_len, error);
      if (packed == NULL)
        return FALSE;
    }

  return sc_file_write_atomic (path, compress ? packed : raw, compress ? packed_len : len, error);
}

gboolean
sc_idx_write_images (const char    *path,
                     const guint8  *pixels,
                     guint          n_images,
                     guint          rows,
                     guint          cols,
                     gboolean       compress,
                     GError       **error)
{
  guint32 dims[3] = { n_images, rows, cols };
  guint64 n_bytes = (guint64) n_images * rows * cols;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (pixels != NULL || n_bytes == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (rows == 0 || cols == 0 || rows > SC_IDX_MAX_SIDE || cols > SC_IDX_MAX_SIDE ||
      n_images > SC_IDX_MAX_ITEMS || n_bytes > SC_IDX_MAX_BYTES)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "Cannot write %u images of %u×%u pixels to an IDX file: beyond the limits",
                   n_images, rows, cols);
      return FALSE;
    }
  return idx_write (path, 3, dims, pixels, (gsize) n_bytes, compress, error);
}

gboolean
sc_idx_write_labels (const char    *path,
                     const guint8  *labels,
                     guint          n_labels,
                     gboolean       compress,
                     GError       **error)
{
  guint32 dims[1] = { n_labels };

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (labels != NULL || n_labels == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (n_labels > SC_IDX_MAX_ITEMS)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "Cannot write %u labels to an IDX file: beyond the limit of %u",
                   n_labels, SC_IDX_MAX_ITEMS);
      return FALSE;
    }
  return idx_write (path, 1, dims, labels, n_labels, compress, error);
}
