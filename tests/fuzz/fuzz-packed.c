/* fuzz-packed.c — packed fields of saved runs (zlib + base64)
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Input: the expected length as two little-endian bytes, then the text. */

#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "sc-packed.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree guint8 *bytes = NULL;
  g_autofree char *packed = NULL;
  g_autofree guint8 *again = NULL;
  gsize expected;

  fuzz_init ();
  if (size < 2)
    return 0;
  expected = data[0] | (gsize) data[1] << 8;
  text = fuzz_text (data + 2, size - 2);

  bytes = sc_unpack_bytes (text, expected, &error);
  fuzz_check_outcome (bytes, error);
  if (bytes == NULL)
    return 0;

  /* What was unpacked packs and unpacks to the same bytes. */
  packed = sc_pack_bytes (bytes, expected);
  again = sc_unpack_bytes (packed, expected, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (bytes, expected, again, expected);
  return 0;
}
