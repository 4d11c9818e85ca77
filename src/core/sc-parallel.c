/* sc-parallel.c — a help-first thread pool for the large products
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * OpenMP's parallel loops end at a barrier that every thread of the team
 * must reach; on a machine busier than its cores one descheduled thread
 * held up every product (two threads ran 15× slower than one at a load of
 * 10). Here a job's tasks are claimed from a shared counter, the caller
 * works too, and it waits only for tasks in progress.
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include "sc-fpmode.h"
#include "sc-parallel.h"

#define MAX_HELPERS 63

typedef struct
{
  ScParallelFunc func;
  gpointer       data;
  guint          n_tasks;
  gint           next;       /* atomic: the next task to claim */
  ScFpMode       mode;
} Job;

static GMutex  pool_lock;
static GCond   work_cond;     /* a job was posted */
static GCond   idle_cond;     /* a helper left the job */
static GMutex  owner_lock;    /* held by the caller whose job is posted */
static Job     job;
static guint64 job_id;        /* under pool_lock: the posted job, 0 none */
static gboolean job_open;     /* under pool_lock: helpers may join */
static guint   n_busy;        /* under pool_lock: helpers inside the job */
static guint   n_seats;       /* under pool_lock: helpers the job may still take */
static guint   n_helpers;     /* under pool_lock: helpers started */

static void
run_tasks (Job *j)
{
  for (;;)
    {
      gint task = g_atomic_int_add (&j->next, 1);

      if (task < 0 || (guint) task >= j->n_tasks)
        return;
      j->func ((guint) task, j->data);
    }
}

static gpointer
helper_main (gpointer data)
{
  guint64 done_id = 0;

  (void) data;
  g_mutex_lock (&pool_lock);
  for (;;)
    {
      while (!job_open || job_id == done_id || n_seats == 0)
        g_cond_wait (&work_cond, &pool_lock);
      done_id = job_id;
      n_seats--;
      n_busy++;
      g_mutex_unlock (&pool_lock);

      sc_fp_mode_set (job.mode);
      run_tasks (&job);

      g_mutex_lock (&pool_lock);
      if (--n_busy == 0)
        g_cond_broadcast (&idle_cond);
    }
  return NULL;
}

void
sc_parallel_run (guint          n_tasks,
                 guint          n_threads,
                 ScParallelFunc func,
                 gpointer       data)
{
  n_threads = MIN (n_threads, MAX_HELPERS + 1);
  if (n_threads <= 1 || n_tasks <= 1 || !g_mutex_trylock (&owner_lock))
    {
      for (guint t = 0; t < n_tasks; t++)
        func (t, data);
      return;
    }

  g_mutex_lock (&pool_lock);
  while (n_helpers < n_threads - 1)
    {
      g_thread_unref (g_thread_new ("sculptor-products", helper_main, NULL));
      n_helpers++;
    }
  job.func = func;
  job.data = data;
  job.n_tasks = n_tasks;
  job.mode = sc_fp_mode_get ();
  g_atomic_int_set (&job.next, 0);
  job_id++;
  job_open = TRUE;
  n_seats = n_threads - 1;   /* helpers left from a wider job stay out */
  g_cond_broadcast (&work_cond);
  g_mutex_unlock (&pool_lock);

  run_tasks (&job);

  /* Every task is claimed; close the job to latecomers and wait for the
   * helpers still inside it. */
  g_mutex_lock (&pool_lock);
  job_open = FALSE;
  while (n_busy > 0)
    g_cond_wait (&idle_cond, &pool_lock);
  g_mutex_unlock (&pool_lock);
  g_mutex_unlock (&owner_lock);
}
