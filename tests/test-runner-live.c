/* test-runner-live.c — what the runner publishes for watching a run: the
 * pace, the epochs of every training run, the network while it trains
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sc-runner.h"

typedef struct
{
  guint   n_training;        /* ::training-snapshot emissions */
  guint   n_epoch_signals;
  GArray *epoch_times;       /* gint64 µs an epoch arrived on this thread */
  GArray *epoch_n;           /* n_epochs of that epoch's run */
  gboolean done;
} Seen;

static void
on_training (ScRunner *runner,
             Seen     *seen)
{
  ScSnapshot *training = sc_runner_get_training_snapshot (runner);

  g_assert_nonnull (training);
  /* a dense-shaped copy, not the worker's network */
  g_assert_cmpuint (training->n_layers, ==, sc_runner_get_hyper (runner)->arch->len);
  seen->n_training++;
}

static void
on_epochs (ScRunner *runner,
           guint     first,
           Seen     *seen)
{
  guint n;
  const ScRunnerEpoch *epochs = sc_runner_get_epochs (runner, &n);
  gint64 now = g_get_monotonic_time ();

  g_assert_cmpuint (first, <, n);
  seen->n_epoch_signals++;
  for (guint i = first; i < n; i++)
    {
      g_array_append_val (seen->epoch_times, now);
      g_array_append_val (seen->epoch_n, epochs[i].n_epochs);
    }
}

static void
on_finished (ScRunner *runner,
             Seen     *seen)
{
  seen->done = TRUE;
}

/* A run at a watching pace: every training run lasts at least train_ms
 * with its epochs spread out; every epoch is in the log, numbered within
 * its training run, with the step it decides; the network is published
 * while it trains. */
static void
test_pace_and_epochs (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = sc_task_load_bundled ("exemplar/input-separable", &error);
  g_autoptr(ScRunner) runner = NULL;
  Seen seen = { .epoch_times = g_array_new (FALSE, FALSE, sizeof (gint64)),
                .epoch_n = g_array_new (FALSE, FALSE, sizeof (guint)) };
  const guint train_ms = 200;
  const ScRunnerEpoch *epochs;
  guint n, n_runs = 0, n_steps;
  gint64 start, deadline;

  g_assert_no_error (error);
  runner = sc_runner_new (task, &task->defaults);
  sc_runner_set_pace (runner, train_ms, 0, 0);
  sc_runner_set_training_snapshots (runner, 1);
  g_signal_connect (runner, "training-snapshot", G_CALLBACK (on_training), &seen);
  g_signal_connect (runner, "epochs-added", G_CALLBACK (on_epochs), &seen);
  g_signal_connect (runner, "finished", G_CALLBACK (on_finished), &seen);

  start = g_get_monotonic_time ();
  sc_runner_start (runner);
  deadline = start + 300 * G_TIME_SPAN_SECOND;
  while (!seen.done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (seen.done);
  g_assert_cmpint (sc_runner_get_state (runner), ==, SC_RUNNER_FINISHED);

  epochs = sc_runner_get_epochs (runner, &n);
  n_steps = sc_runner_get_n_steps (runner);
  g_assert_cmpuint (n, ==, seen.epoch_times->len);
  for (guint i = 0; i < n; i++)
    {
      const ScRunnerEpoch *e = &epochs[i];

      g_assert_cmpuint (e->epoch, >=, 1);
      g_assert_cmpuint (e->epoch, <=, e->n_epochs);
      g_assert_cmpuint (e->step, <, n_steps);
      g_assert_true (isfinite (e->loss) && isfinite (e->train_loss));
      if (e->epoch == 1)
        n_runs++;
      else
        {
          /* within a run: consecutive, same step, same training */
          g_assert_cmpuint (e->epoch, ==, epochs[i - 1].epoch + 1);
          g_assert_cmpuint (e->step, ==, epochs[i - 1].step);
          g_assert_cmpuint (e->training, ==, epochs[i - 1].training);
        }
    }
  /* one training run per trained step */
  {
    guint trained = 0;

    for (guint s = 0; s < n_steps; s++)
      trained += sc_runner_get_step (runner, s)->step.trained;
    g_assert_cmpuint (n_runs, ==, trained);
    g_assert_cmpuint (epochs[n - 1].training + 1, ==, trained);
  }

  /* Paced: epochs arrive one at a time (each wakes the main loop), and
   * the whole run takes at least one train_ms per training run. */
  g_assert_cmpuint (seen.n_epoch_signals, >=, n / 2);
  g_assert_cmpint (g_get_monotonic_time () - start, >=, (gint64) n_runs * train_ms * 1000 * 9 / 10);

  /* the network was published while it trained, in every run at least */
  g_assert_cmpuint (seen.n_training, >=, n_runs);
  g_assert_nonnull (sc_runner_get_training_snapshot (runner));

  g_array_unref (seen.epoch_times);
  g_array_unref (seen.epoch_n);
}

/* Without training snapshots asked for, none are made. */
static void
test_no_training_snapshots (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = sc_task_load_bundled ("exemplar/input-separable", &error);
  g_autoptr(ScRunner) runner = sc_runner_new (task, &task->defaults);
  Seen seen = { .epoch_times = g_array_new (FALSE, FALSE, sizeof (gint64)),
                .epoch_n = g_array_new (FALSE, FALSE, sizeof (guint)) };
  gint64 deadline = g_get_monotonic_time () + 120 * G_TIME_SPAN_SECOND;
  guint n;

  g_signal_connect (runner, "training-snapshot", G_CALLBACK (on_training), &seen);
  g_signal_connect (runner, "finished", G_CALLBACK (on_finished), &seen);
  sc_runner_start (runner);
  while (!seen.done && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (seen.done);
  g_assert_cmpuint (seen.n_training, ==, 0);
  g_assert_null (sc_runner_get_training_snapshot (runner));
  sc_runner_get_epochs (runner, &n);
  g_assert_cmpuint (n, >, 0);   /* the epoch log is always kept */

  g_array_unref (seen.epoch_times);
  g_array_unref (seen.epoch_n);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/runner-live/pace-and-epochs", test_pace_and_epochs);
  g_test_add_func ("/runner-live/no-training-snapshots", test_no_training_snapshots);

  return g_test_run ();
}
