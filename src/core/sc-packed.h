/* sc-packed.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Bytes as text for JSON: zlib-compressed, then base64. A saved MNIST run
 * keeps hundreds of networks; as JSON numbers they took gigabytes of
 * memory to write and read (README "Saved runs"). */
char   *sc_pack_bytes   (const guint8 *data,
                         gsize         len);
/* The inverse; fails unless text is base64 of zlib data that inflates to
 * exactly expected_len bytes (never more is allocated). Free with g_free(). */
guint8 *sc_unpack_bytes (const char   *text,
                         gsize         expected_len,
                         GError      **error);

G_END_DECLS
