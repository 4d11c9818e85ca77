/* fuzz-result.c — result.json and saved runs: both readers (the app's and
 * sculptor-cli render's) and the writer
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz.h"
#include "sc-render-input.h"
#include "sc-result.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) render_error = NULL;
  g_autoptr(ScRun) run = NULL;
  g_autoptr(JsonNode) json = NULL;
  ScRenderInput *render;
  const char *path;

  fuzz_init ();
  path = fuzz_write_file ("result.json", data, size);

  render = sc_render_input_load (path, &render_error);
  fuzz_check_outcome (render, render_error);
  sc_render_input_free (render);

  run = sc_run_load (path, &error);
  fuzz_check_outcome (run, error);
  if (run == NULL)
    return 0;

  /* A loaded run must be as complete as a computed one for the writer. */
  json = sc_run_to_json (run, TRUE);
  g_assert_nonnull (json);
  return 0;
}
