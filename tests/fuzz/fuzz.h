/* fuzz.h — what the fuzz targets share
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Each fuzz-TARGET.c feeds one parser with arbitrary bytes through
 * LLVMFuzzerTestOneInput(). Linked with libFuzzer (-Dfuzzing=true, clang) it
 * is a fuzzer; linked with fuzz-replay.c (any compiler) it replays the
 * committed corpus in meson test. A parser must return a result or an error,
 * never both or neither, and never log a warning or a critical: both abort. */

#pragma once

#include <stddef.h>
#include <stdint.h>

#include <glib.h>

G_BEGIN_DECLS

int         LLVMFuzzerTestOneInput (const uint8_t *data,
                                    size_t         size);

/* Once per process: warnings and criticals become fatal. */
void        fuzz_init              (void);

/* The bytes as a NUL-terminated string (cut at the first NUL, as a C
 * caller would see them). Free with g_free(). */
char       *fuzz_text              (const uint8_t *data,
                                    size_t         size);

/* Writes the bytes to NAME in a private temporary directory (removed at
 * exit) and returns its path, valid until the next call; for the loaders
 * that read files. */
const char *fuzz_write_file        (const char    *name,
                                    const uint8_t *data,
                                    size_t         size);

/* Asserts that exactly one of result and error is set (the parsers'
 * contract); the error shows with G_MESSAGES_DEBUG=all. */
void        fuzz_check_outcome     (gconstpointer  result,
                                    const GError  *error);

G_END_DECLS
