/* fuzz-detect.c — the JSON lines of sculptor-cli detect
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>

#include "cli.h"
#include "fuzz.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) in_lines = NULL;
  g_auto(GStrv) out_lines = NULL;
  guint n_failed, n_in = 0, n_errors = 0;

  fuzz_init ();
  in_lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; in_lines[i] != NULL; i++)
    n_in += *g_strstrip (in_lines[i]) != '\0';

  n_failed = cli_detect_batch ("fuzz.jsonl", text, out);

  /* One JSON object per non-blank input line, in order, each a result or
   * an error. */
  g_assert_true (out->len == 0 || out->str[out->len - 1] == '\n');
  out_lines = g_strsplit (out->str, "\n", -1);
  g_assert_cmpuint (g_strv_length (out_lines), ==, n_in == 0 ? 0 : n_in + 1);
  for (guint i = 0; i < n_in; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(JsonNode) node = json_from_string (out_lines[i], &error);
      JsonObject *object;

      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      object = json_node_get_object (node);
      g_assert_true (json_object_has_member (object, "line"));
      n_errors += json_object_has_member (object, "error");
    }
  g_assert_cmpuint (n_errors, ==, n_failed);
  return 0;
}
