/* test-parallel.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The products' thread pool (sc-parallel.h): every task runs exactly once,
 * in the caller's floating-point mode, whatever the thread count, also
 * when several callers use it at once. */

#include "config.h"

#include "sc-fpmode.h"
#include "sc-parallel.h"

#define N_TASKS 997

typedef struct
{
  gint     runs[N_TASKS];
  ScFpMode mode[N_TASKS];
  GThread *thread[N_TASKS];
} Record;

static void
record_task (guint    task,
             gpointer data)
{
  Record *record = data;

  g_atomic_int_inc (&record->runs[task]);
  record->mode[task] = sc_fp_mode_get ();
  record->thread[task] = g_thread_self ();
  /* long enough for a helper to wake up and take some */
  for (volatile guint spin = 0; spin < 20000; spin++)
    ;
}

static guint
check_record (const Record *record,
              ScFpMode      mode)
{
  g_autoptr(GHashTable) threads = g_hash_table_new (NULL, NULL);

  for (guint t = 0; t < N_TASKS; t++)
    {
      g_assert_cmpint (record->runs[t], ==, 1);
      g_assert_cmphex (record->mode[t], ==, mode);
      g_hash_table_add (threads, record->thread[t]);
    }
  return g_hash_table_size (threads);
}

static void
test_every_task_once (void)
{
  for (guint n_threads = 1; n_threads <= 4; n_threads++)
    {
      g_autofree Record *record = g_new0 (Record, 1);
      ScFpMode saved = sc_fp_flush_enter ();
      ScFpMode mode = sc_fp_mode_get ();
      guint used;

      sc_parallel_run (N_TASKS, n_threads, record_task, record);
      used = check_record (record, mode);
      sc_fp_flush_leave (saved);
      g_assert_cmpuint (used, <=, n_threads);
      if (n_threads == 1)
        g_assert_cmpuint (used, ==, 1);
      g_test_message ("%u threads asked, %u took tasks", n_threads, used);
    }
}

static gpointer
caller (gpointer data)
{
  sc_parallel_run (N_TASKS, 3, record_task, data);
  return NULL;
}

/* Two callers at once: one gets the helpers, the other runs alone; both
 * complete every task. */
static void
test_concurrent_callers (void)
{
  g_autofree Record *a = g_new0 (Record, 1), *b = g_new0 (Record, 1);
  ScFpMode mode = sc_fp_mode_get ();
  GThread *ta = g_thread_new ("caller-a", caller, a);
  GThread *tb = g_thread_new ("caller-b", caller, b);

  g_thread_join (ta);
  g_thread_join (tb);
  check_record (a, mode);
  check_record (b, mode);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parallel/every-task-once", test_every_task_once);
  g_test_add_func ("/parallel/concurrent-callers", test_concurrent_callers);

  return g_test_run ();
}
