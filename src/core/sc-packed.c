/* sc-packed.c — compressed binary blobs inside JSON (saved snapshots)
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "sc-error.h"
#include "sc-packed.h"

/* Runs data through converter into memory; NULL and error on failure. */
static GBytes *
convert_all (GConverter    *converter,
             const guint8  *data,
             gsize          len,
             gsize          max_out,
             GError       **error)
{
  g_autoptr(GByteArray) out = g_byte_array_new ();
  guint8 buffer[64 * 1024];
  gsize in_done = 0;

  for (;;)
    {
      gsize read = 0, written = 0;
      GConverterResult result;

      result = g_converter_convert (converter, data + in_done, len - in_done, buffer, sizeof buffer,
                                    G_CONVERTER_INPUT_AT_END, &read, &written, error);
      if (result == G_CONVERTER_ERROR)
        return NULL;
      in_done += read;
      g_byte_array_append (out, buffer, (guint) written);
      if (out->len > max_out)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "holds more data than expected");
          return NULL;
        }
      if (result == G_CONVERTER_FINISHED)
        break;
      if (read == 0 && written == 0)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "is truncated");
          return NULL;
        }
    }

  return g_byte_array_free_to_bytes (g_steal_pointer (&out));
}

char *
sc_pack_bytes (const guint8 *data,
               gsize         len)
{
  g_autoptr(GZlibCompressor) compressor = g_zlib_compressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB, 6);
  g_autoptr(GBytes) packed = NULL;
  gsize size;
  const guint8 *bytes;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  packed = convert_all (G_CONVERTER (compressor), data, len, G_MAXSIZE, NULL);
  g_assert (packed != NULL);    /* compressing memory cannot fail */
  bytes = g_bytes_get_data (packed, &size);
  return g_base64_encode (bytes, size);
}

guint8 *
sc_unpack_bytes (const char  *text,
                 gsize        expected_len,
                 GError     **error)
{
  g_autoptr(GZlibDecompressor) decompressor = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_ZLIB);
  g_autoptr(GBytes) unpacked = NULL;
  g_autofree guint8 *raw = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize raw_len = 0;

  g_return_val_if_fail (text != NULL, NULL);

  /* g_base64_decode() skips what is not base64; refuse it instead. */
  for (const char *c = text; *c; c++)
    if (!g_ascii_isalnum (*c) && *c != '+' && *c != '/' && *c != '=')
      {
        g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "is not base64");
        return NULL;
      }
  raw = g_base64_decode (text, &raw_len);

  unpacked = convert_all (G_CONVERTER (decompressor), raw, raw_len, expected_len, &local_error);
  if (unpacked == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "is not valid compressed data (%s)",
                   local_error->message);
      return NULL;
    }
  if (g_bytes_get_size (unpacked) != expected_len)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "holds %" G_GSIZE_FORMAT " bytes instead of %"
                   G_GSIZE_FORMAT, g_bytes_get_size (unpacked), expected_len);
      return NULL;
    }

  /* g_bytes_unref_to_data() returns NULL for no bytes (a layer whose
   * edges were all pruned); the caller needs a buffer all the same. */
  if (expected_len == 0)
    return g_new0 (guint8, 1);
  return g_bytes_unref_to_data (g_steal_pointer (&unpacked), &raw_len);
}
