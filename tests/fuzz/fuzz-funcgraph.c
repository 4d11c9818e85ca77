/* fuzz-funcgraph.c — function graphs (.sfg): parse, evaluate, derive truth
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz.h"
#include "sc-task.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_text (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = NULL;

  fuzz_init ();
  task = sc_task_parse_graph (text, "fuzz.sfg", &error);
  fuzz_check_outcome (task, error);
  if (task != NULL)
    {
      /* What the loader promises the rest of the program. */
      g_assert_cmpuint (task->n_in, >=, 1);
      g_assert_cmpuint (task->n_out, >=, 1);
      g_assert_cmpuint (task->train->n_rows, ==, 1u << task->n_in);
      g_assert_cmpuint (g_strv_length (task->input_names), ==, task->n_in);
      g_assert_cmpuint (g_strv_length (task->output_names), ==, task->n_out);
    }
  return 0;
}
