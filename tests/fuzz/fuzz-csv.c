/* fuzz-csv.c — CSV truth tables: load, export, load the export again
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fuzz.h"
#include "sc-task.h"

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = NULL;
  g_autoptr(ScTask) again = NULL;
  g_autofree char *csv = NULL;
  const ScDataset *a, *b;

  fuzz_init ();
  task = sc_task_load_csv (fuzz_write_file ("fuzz.csv", data, size), &error);
  fuzz_check_outcome (task, error);
  if (task == NULL)
    return 0;

  /* sc_task_to_csv() writes what the loader reads: the same table back. */
  csv = sc_task_to_csv (task);
  again = sc_task_load_csv (fuzz_write_file ("again.csv", (const uint8_t *) csv, strlen (csv)),
                            &error);
  g_assert_no_error (error);
  a = task->train;
  b = again->train;
  g_assert_cmpuint (a->n_rows, ==, b->n_rows);
  g_assert_cmpuint (a->n_in, ==, b->n_in);
  g_assert_cmpuint (a->n_out, ==, b->n_out);
  g_assert_cmpmem (a->x, (gsize) a->n_rows * a->n_in * sizeof (float),
                   b->x, (gsize) b->n_rows * b->n_in * sizeof (float));
  g_assert_cmpmem (a->y, (gsize) a->n_rows * a->n_out * sizeof (float),
                   b->y, (gsize) b->n_rows * b->n_out * sizeof (float));
  return 0;
}
