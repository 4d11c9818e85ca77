/* tsan-glib.c — GLib's locks made visible to ThreadSanitizer
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Linked into every executable of a -Db_sanitize=thread build only
 * (build-aux/dev test --sanitize=thread). Debian's GLib is not built with
 * TSan, and on Linux its GMutex and GCond are futexes TSan cannot see, so
 * every structure handed between threads under a GMutex would be reported
 * as a race. These wrappers take the place of GLib's functions for our own
 * code (the executable's definitions win over the shared library's), call
 * the real ones, and tell TSan about the ordering they establish:
 *
 * - GMutex, GRecMutex, GCond: unlock releases, lock acquires;
 * - g_atomic_rc_box (snapshots, tasks, data sets): each release releases,
 *   the last one acquires before the clear function and the free;
 * - GThreadPool (sculptor-cli sweep): a push releases, the job acquires;
 *   a job's end releases, g_thread_pool_free (wait) acquires;
 * - GTask threads (the app's frame renderer): run_in_thread releases, the
 *   thread function acquires; g_task_return_* releases, the callback
 *   acquires. */

#define _GNU_SOURCE

#include <dlfcn.h>
#include <sanitizer/tsan_interface.h>

#include <gio/gio.h>

/* The real function, looked up once; atomically, as the first calls may
 * come from several threads at once (a sweep's workers). */
#define REAL(name) \
  static __typeof__ (name) *real_##name##_cached; \
  __typeof__ (name) *real_##name = g_atomic_pointer_get (&real_##name##_cached); \
  if (real_##name == NULL) \
    { \
      real_##name = (__typeof__ (name) *) dlsym (RTLD_NEXT, #name); \
      g_atomic_pointer_set (&real_##name##_cached, real_##name); \
    }

/* Locks */

void
g_mutex_lock (GMutex *mutex)
{
  REAL (g_mutex_lock);
  real_g_mutex_lock (mutex);
  __tsan_acquire (mutex);
}

gboolean
g_mutex_trylock (GMutex *mutex)
{
  REAL (g_mutex_trylock);
  if (!real_g_mutex_trylock (mutex))
    return FALSE;
  __tsan_acquire (mutex);
  return TRUE;
}

void
g_mutex_unlock (GMutex *mutex)
{
  REAL (g_mutex_unlock);
  __tsan_release (mutex);
  real_g_mutex_unlock (mutex);
}

void
g_rec_mutex_lock (GRecMutex *mutex)
{
  REAL (g_rec_mutex_lock);
  real_g_rec_mutex_lock (mutex);
  __tsan_acquire (mutex);
}

gboolean
g_rec_mutex_trylock (GRecMutex *mutex)
{
  REAL (g_rec_mutex_trylock);
  if (!real_g_rec_mutex_trylock (mutex))
    return FALSE;
  __tsan_acquire (mutex);
  return TRUE;
}

void
g_rec_mutex_unlock (GRecMutex *mutex)
{
  REAL (g_rec_mutex_unlock);
  __tsan_release (mutex);
  real_g_rec_mutex_unlock (mutex);
}

void
g_cond_wait (GCond  *cond,
             GMutex *mutex)
{
  REAL (g_cond_wait);
  __tsan_release (mutex);
  real_g_cond_wait (cond, mutex);
  __tsan_acquire (mutex);
}

gboolean
g_cond_wait_until (GCond  *cond,
                   GMutex *mutex,
                   gint64  end_time)
{
  gboolean signalled;

  REAL (g_cond_wait_until);
  __tsan_release (mutex);
  signalled = real_g_cond_wait_until (cond, mutex, end_time);
  __tsan_acquire (mutex);
  return signalled;
}

/* Reference-counted boxes: the clear function runs in whichever thread
 * drops the last reference. */

static __thread GDestroyNotify pending_clear;

static void
acquire_then_clear (gpointer mem_block)
{
  GDestroyNotify clear = pending_clear;

  __tsan_acquire (mem_block);
  if (clear != NULL)
    clear (mem_block);
}

void
g_atomic_rc_box_release_full (gpointer       mem_block,
                              GDestroyNotify clear_func)
{
  GDestroyNotify saved = pending_clear;

  REAL (g_atomic_rc_box_release_full);
  __tsan_release (mem_block);
  pending_clear = clear_func;
  real_g_atomic_rc_box_release_full (mem_block, acquire_then_clear);
  pending_clear = saved;
}

void
g_atomic_rc_box_release (gpointer mem_block)
{
  g_atomic_rc_box_release_full (mem_block, NULL);
}

/* Thread pools */

typedef struct
{
  GFunc    func;
  gpointer user_data;
} PoolJob;

static void
pool_trampoline (gpointer data,
                 gpointer user_data)
{
  PoolJob *job = user_data;

  __tsan_acquire (data);
  job->func (data, job->user_data);
  __tsan_release (job);
}

GThreadPool *
g_thread_pool_new (GFunc     func,
                   gpointer  user_data,
                   gint      max_threads,
                   gboolean  exclusive,
                   GError  **error)
{
  PoolJob *job = g_new0 (PoolJob, 1);   /* lives as long as the process */

  REAL (g_thread_pool_new);
  job->func = func;
  job->user_data = user_data;
  return real_g_thread_pool_new (pool_trampoline, job, max_threads, exclusive, error);
}

gboolean
g_thread_pool_push (GThreadPool  *pool,
                    gpointer      data,
                    GError      **error)
{
  REAL (g_thread_pool_push);
  __tsan_release (data);
  return real_g_thread_pool_push (pool, data, error);
}

void
g_thread_pool_free (GThreadPool *pool,
                    gboolean     immediate,
                    gboolean     wait_)
{
  gpointer job = pool->user_data;

  REAL (g_thread_pool_free);
  real_g_thread_pool_free (pool, immediate, wait_);
  if (wait_)
    __tsan_acquire (job);
}

/* GTask threads */

typedef struct
{
  GAsyncReadyCallback callback;
  gpointer            user_data;
} TaskCallback;

static void
task_callback_trampoline (GObject      *source_object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  TaskCallback *tc = user_data;
  GAsyncReadyCallback callback = tc->callback;
  gpointer data = tc->user_data;

  g_free (tc);
  __tsan_acquire (result);
  callback (source_object, result, data);
}

GTask *
g_task_new (gpointer             source_object,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             callback_data)
{
  TaskCallback *tc;

  REAL (g_task_new);
  if (callback == NULL)
    return real_g_task_new (source_object, cancellable, NULL, callback_data);
  tc = g_new (TaskCallback, 1);
  tc->callback = callback;
  tc->user_data = callback_data;
  return real_g_task_new (source_object, cancellable, task_callback_trampoline, tc);
}

static GQuark
thread_func_quark (void)
{
  return g_quark_from_static_string ("sculptor-tsan-thread-func");
}

static void
task_thread_trampoline (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  GTaskThreadFunc func;

  __tsan_acquire (task);
  func = (GTaskThreadFunc) g_object_get_qdata (G_OBJECT (task), thread_func_quark ());
  func (task, source_object, task_data, cancellable);
}

void
g_task_run_in_thread (GTask           *task,
                      GTaskThreadFunc  task_func)
{
  REAL (g_task_run_in_thread);
  g_object_set_qdata (G_OBJECT (task), thread_func_quark (), (gpointer) task_func);
  __tsan_release (task);
  real_g_task_run_in_thread (task, task_thread_trampoline);
}

void
g_task_return_pointer (GTask          *task,
                       gpointer        result,
                       GDestroyNotify  result_destroy)
{
  REAL (g_task_return_pointer);
  __tsan_release (task);
  real_g_task_return_pointer (task, result, result_destroy);
}

void
g_task_return_boolean (GTask    *task,
                       gboolean  result)
{
  REAL (g_task_return_boolean);
  __tsan_release (task);
  real_g_task_return_boolean (task, result);
}

void
g_task_return_error (GTask  *task,
                     GError *error)
{
  REAL (g_task_return_error);
  __tsan_release (task);
  real_g_task_return_error (task, error);
}
