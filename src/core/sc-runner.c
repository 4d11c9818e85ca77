/* sc-runner.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include "sc-error.h"
#include "sc-runner.h"

struct _ScRunner
{
  GObject        parent_instance;

  /* Set before start, read-only afterwards */
  ScTask        *task;
  ScHyper        hyper;
  ScBackend      backend;
  gboolean       live_detection;
  guint          training_snapshot_ms;
  GMainContext  *context;
  GCancellable  *cancellable;
  GThread       *thread;

  /* Shared with the worker, under lock */
  GMutex         lock;
  GCond          cond;
  gboolean       paused;
  gboolean       step_once;
  gboolean       became_paused;
  guint          delay_ms;        /* after an accepted step */
  guint          rejected_ms;     /* after a rejected step */
  guint          train_ms;        /* least time a training run takes */
  gint64         paced_from;      /* monotonic µs of the last paced event */
  guint          steps_mailed;    /* steps posted by the worker */
  guint          steps_delivered; /* … and announced on the main thread */
  gint64         delivered_at;    /* monotonic µs of the last announcement */
  GPtrArray     *mail_steps;      /* ScRunnerStep * */
  ScSnapshot    *mail_snapshot;
  ScAnalysis    *mail_analysis;   /* of mail_snapshot, or NULL */
  ScSnapshot    *mail_training;
  GArray        *mail_epochs;     /* ScRunnerEpoch */
  guint          n_trainings;     /* worker: training runs begun */
  ScStage        mail_stage;
  guint          mail_epoch;
  guint          mail_n_epochs;
  double         mail_dense_accuracy;
  gboolean       mail_finished;
  ScRun         *mail_run;
  GError        *mail_error;
  GSource       *idle;

  /* Main thread only */
  ScRunnerState  state;
  ScStage        stage;
  GPtrArray     *steps;           /* ScRunnerStep * */
  ScSnapshot    *snapshot;
  ScAnalysis    *analysis;        /* of snapshot, or NULL */
  ScSnapshot    *training;
  GArray        *epochs;          /* ScRunnerEpoch */
  ScRun         *run;
  GError        *error;
  GTimer        *timer;
  guint          epoch;
  guint          n_epochs;
  double         dense_accuracy;
  gsize          memory_budget;
};

enum {
  PROP_0,
  PROP_STATE,
  PROP_STAGE,
  PROP_EPOCH,
  PROP_STEP_DELAY,
  N_PROPS
};

enum {
  STEP_ADDED,
  SNAPSHOT_CHANGED,
  TRAINING_SNAPSHOT,
  EPOCHS_ADDED,
  FINISHED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (ScRunner, sc_runner, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
runner_step_free (gpointer data)
{
  ScRunnerStep *rs = data;

  if (rs == NULL)   /* moved out by sc_runner_poll() */
    return;
  g_clear_pointer (&rs->step.snapshot, sc_snapshot_unref);
  g_clear_pointer (&rs->step.analysis, sc_analysis_unref);
  g_free (rs);
}

static gboolean
on_idle (gpointer data)
{
  ScRunner *self = data;

  g_mutex_lock (&self->lock);
  g_clear_pointer (&self->idle, g_source_unref);
  g_mutex_unlock (&self->lock);

  sc_runner_poll (self);
  return G_SOURCE_REMOVE;
}

/* Called with the lock held. */
static void
wake_main_locked (ScRunner *self)
{
  if (self->idle != NULL)
    return;

  self->idle = g_idle_source_new ();
  g_source_set_priority (self->idle, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (self->idle, on_idle, g_object_ref (self), g_object_unref);
  g_source_set_static_name (self->idle, "[sculptor] runner mailbox");
  g_source_attach (self->idle, self->context);
}

/* Blocks the worker until deadline (monotonic µs; 0: none) unless it is
 * cancelled or paused meanwhile, then while paused. Called with the lock
 * held. */
static void
wait_locked (ScRunner *self,
             gint64    deadline)
{
  if (deadline > 0)
    while (!g_cancellable_is_cancelled (self->cancellable) && !self->paused &&
           g_cond_wait_until (&self->cond, &self->lock, deadline))
      ;

  while (self->paused && !g_cancellable_is_cancelled (self->cancellable))
    g_cond_wait (&self->cond, &self->lock);
}

/* When the worker may go on after an event: a step is held on screen for
 * its delay; epochs are spread so a training run lasts at least train_ms
 * (a slower training is not slowed further: the pace is a minimum, so it
 * adapts to the task). */
static gint64
pace_deadline_locked (ScRunner      *self,
                      const ScEvent *event)
{
  gint64 now = g_get_monotonic_time ();
  guint ms = 0;

  if (event->kind == SC_EVENT_STEP)
    {
      ms = event->step->accepted ? self->delay_ms : self->rejected_ms;
      if (ms == 0)
        return 0;
      /* The hold counts from when the step reached the screen: a busy main
       * loop must not eat into it. Wait for that at most a second. */
      {
        gint64 give_up = now + G_TIME_SPAN_SECOND;

        while (self->steps_delivered < self->steps_mailed &&
               !g_cancellable_is_cancelled (self->cancellable) && !self->paused &&
               g_cond_wait_until (&self->cond, &self->lock, give_up))
          ;
      }
      if (self->steps_delivered >= self->steps_mailed)
        now = MAX (now, self->delivered_at);
      return now + (gint64) ms * G_TIME_SPAN_MILLISECOND;
    }
  if (event->kind == SC_EVENT_EPOCH && self->train_ms > 0 && event->n_epochs > 0)
    {
      gint64 interval = (gint64) self->train_ms * G_TIME_SPAN_MILLISECOND / event->n_epochs;

      /* counted from the last step or epoch (or the stage's start) */
      return (self->paced_from > 0 ? self->paced_from : now) + interval;
    }
  return 0;
}

/* The latest network and its modules, for the main thread to take. Called
 * with the lock held. */
static void
post_snapshot_locked (ScRunner      *self,
                      const ScEvent *event)
{
  g_clear_pointer (&self->mail_snapshot, sc_snapshot_unref);
  g_clear_pointer (&self->mail_analysis, sc_analysis_unref);
  self->mail_snapshot = sc_snapshot_ref (event->snapshot);
  self->mail_analysis = event->analysis ? sc_analysis_ref (event->analysis) : NULL;
}

static void
on_event (const ScEvent *event,
          gpointer       user_data)
{
  ScRunner *self = user_data;

  g_mutex_lock (&self->lock);

  switch (event->kind)
    {
    case SC_EVENT_STAGE:
      self->mail_stage = event->stage;
      self->paced_from = g_get_monotonic_time ();
      break;

    case SC_EVENT_EPOCH:
      {
        ScRunnerEpoch record = {
          .step = event->run->steps->len, .stage = event->stage,
          .epoch = event->epoch, .n_epochs = event->n_epochs,
          .loss = event->eval->loss, .train_loss = event->eval->train_loss,
          .accuracy = event->eval->accuracy,
        };

        /* a training run starts at its first epoch */
        if (event->epoch == 1 || self->n_trainings == 0)
          self->n_trainings++;
        record.training = self->n_trainings - 1;
        g_array_append_val (self->mail_epochs, record);
        self->mail_epoch = event->epoch;
        self->mail_n_epochs = event->n_epochs;
      }
      break;

    case SC_EVENT_TRAINING:
      g_clear_pointer (&self->mail_training, sc_snapshot_unref);
      self->mail_training = sc_snapshot_ref (event->snapshot);
      break;

    case SC_EVENT_STEP:
      {
        ScRunnerStep *rs = g_new0 (ScRunnerStep, 1);

        rs->step = *event->step;
        rs->step.snapshot = event->snapshot ? sc_snapshot_ref (event->snapshot) : NULL;
        rs->step.analysis = event->analysis ? sc_analysis_ref (event->analysis) : NULL;
        g_ptr_array_add (self->mail_steps, rs);
        self->steps_mailed++;
        if (event->snapshot)
          post_snapshot_locked (self, event);
        self->mail_dense_accuracy = event->run->dense_accuracy;
        if (self->step_once)
          {
            self->step_once = FALSE;
            self->paused = TRUE;
            self->became_paused = TRUE;
          }
      }
      break;

    case SC_EVENT_DETECTION:
    case SC_EVENT_DONE:
      if (event->snapshot)
        post_snapshot_locked (self, event);
      break;

    default:
      break;
    }

  wake_main_locked (self);
  if (event->kind == SC_EVENT_STEP || event->kind == SC_EVENT_EPOCH)
    {
      wait_locked (self, pace_deadline_locked (self, event));
      self->paced_from = g_get_monotonic_time ();
    }

  g_mutex_unlock (&self->lock);
}

static gpointer
worker (gpointer data)
{
  ScRunner *self = data;
  ScPipelineOptions options;
  GError *error = NULL;
  ScRun *run;

  sc_pipeline_options_init (&options);
  options.backend = self->backend;
  options.cancellable = self->cancellable;
  options.event_func = on_event;
  options.event_data = self;
  options.keep_snapshots = FALSE;   /* the runner keeps them in its own history */
  options.event_snapshots = TRUE;
  options.detect_each_step = self->live_detection;
  options.epoch_events = TRUE;
  options.training_snapshot_ms = self->training_snapshot_ms;

  run = sc_pipeline_run (self->task, &self->hyper, &options, &error);

  g_mutex_lock (&self->lock);
  self->mail_finished = TRUE;
  self->mail_run = run;
  self->mail_error = error;
  wake_main_locked (self);
  g_mutex_unlock (&self->lock);

  return NULL;
}

static void
set_state (ScRunner      *self,
           ScRunnerState  state)
{
  ScRunnerState old = self->state;

  if (old == state)
    return;

  self->state = state;
  /* The elapsed time counts running time only. */
  if (old == SC_RUNNER_RUNNING)
    g_timer_stop (self->timer);
  else if (old == SC_RUNNER_PAUSED && state == SC_RUNNER_RUNNING)
    g_timer_continue (self->timer);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

/* The live run keeps its snapshots within the memory budget, by the same
 * rule as a saved run (sc_steps_limit_snapshots). */
static void
enforce_budget (ScRunner *self)
{
  g_autofree ScStep **steps = g_new (ScStep *, MAX (self->steps->len, 1));

  for (guint i = 0; i < self->steps->len; i++)
    steps[i] = &((ScRunnerStep *) self->steps->pdata[i])->step;
  sc_steps_limit_snapshots (steps, self->steps->len, self->memory_budget);
}

void
sc_runner_poll (ScRunner *self)
{
  g_autoptr(GPtrArray) steps = NULL;
  g_autoptr(ScSnapshot) snapshot = NULL;
  g_autoptr(ScAnalysis) analysis = NULL;
  g_autoptr(ScSnapshot) training = NULL;
  g_autoptr(GArray) epochs = NULL;
  ScRun *run = NULL;
  GError *error = NULL;
  gboolean finished, became_paused;
  ScStage stage;
  guint epoch, n_epochs;
  guint first;

  g_return_if_fail (SC_IS_RUNNER (self));

  g_mutex_lock (&self->lock);
  steps = g_steal_pointer (&self->mail_steps);
  self->mail_steps = g_ptr_array_new_with_free_func (runner_step_free);
  snapshot = g_steal_pointer (&self->mail_snapshot);
  analysis = g_steal_pointer (&self->mail_analysis);
  training = g_steal_pointer (&self->mail_training);
  epochs = g_steal_pointer (&self->mail_epochs);
  self->mail_epochs = g_array_new (FALSE, FALSE, sizeof (ScRunnerEpoch));
  stage = self->mail_stage;
  epoch = self->mail_epoch;
  n_epochs = self->mail_n_epochs;
  self->dense_accuracy = self->mail_dense_accuracy;
  finished = self->mail_finished;
  became_paused = self->became_paused;
  self->became_paused = FALSE;
  if (finished)
    {
      run = g_steal_pointer (&self->mail_run);
      error = g_steal_pointer (&self->mail_error);
      self->mail_finished = FALSE;
    }
  g_mutex_unlock (&self->lock);

  g_object_freeze_notify (G_OBJECT (self));

  if (stage != self->stage)
    {
      self->stage = stage;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
    }
  if (epoch != self->epoch || n_epochs != self->n_epochs)
    {
      self->epoch = epoch;
      self->n_epochs = n_epochs;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EPOCH]);
    }

  if (epochs->len > 0)
    {
      guint first_epoch = self->epochs->len;

      g_array_append_vals (self->epochs, epochs->data, epochs->len);
      g_signal_emit (self, signals[EPOCHS_ADDED], 0, first_epoch);
    }
  if (training)
    {
      g_clear_pointer (&self->training, sc_snapshot_unref);
      self->training = g_steal_pointer (&training);
      g_signal_emit (self, signals[TRAINING_SNAPSHOT], 0);
    }

  first = self->steps->len;
  for (guint i = 0; i < steps->len; i++)
    {
      ScRunnerStep *rs = g_steal_pointer (&steps->pdata[i]);

      rs->index = self->steps->len;
      g_ptr_array_add (self->steps, rs);
    }
  enforce_budget (self);
  for (guint i = first; i < self->steps->len; i++)
    g_signal_emit (self, signals[STEP_ADDED], 0, i);
  if (steps->len > 0)
    {
      /* The worker's pace counts from now (pace_deadline_locked). */
      g_mutex_lock (&self->lock);
      self->steps_delivered += steps->len;
      self->delivered_at = g_get_monotonic_time ();
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
    }

  if (snapshot)
    {
      g_clear_pointer (&self->snapshot, sc_snapshot_unref);
      g_clear_pointer (&self->analysis, sc_analysis_unref);
      self->snapshot = g_steal_pointer (&snapshot);
      self->analysis = g_steal_pointer (&analysis);
      g_signal_emit (self, signals[SNAPSHOT_CHANGED], 0);
    }

  if (became_paused && self->state == SC_RUNNER_RUNNING)
    set_state (self, SC_RUNNER_PAUSED);

  if (finished)
    {
      g_clear_pointer (&self->thread, g_thread_join);
      self->run = run;
      self->error = error;
      if (run)
        set_state (self, SC_RUNNER_FINISHED);
      else if (g_error_matches (error, SC_ERROR, SC_ERROR_CANCELLED))
        set_state (self, SC_RUNNER_CANCELLED);
      else
        set_state (self, SC_RUNNER_FAILED);
      g_signal_emit (self, signals[FINISHED], 0);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

ScRunner *
sc_runner_new (ScTask        *task,
               const ScHyper *hyper)
{
  ScRunner *self;

  g_return_val_if_fail (task != NULL && hyper != NULL, NULL);

  self = g_object_new (SC_TYPE_RUNNER, NULL);
  self->task = sc_task_ref (task);
  sc_hyper_copy (&self->hyper, hyper);

  return self;
}

void
sc_runner_set_backend (ScRunner  *self,
                       ScBackend  backend)
{
  g_return_if_fail (SC_IS_RUNNER (self));
  g_return_if_fail (self->state == SC_RUNNER_IDLE);

  self->backend = backend;
}

void
sc_runner_set_live_detection (ScRunner *self,
                              gboolean  live)
{
  g_return_if_fail (SC_IS_RUNNER (self));
  g_return_if_fail (self->state == SC_RUNNER_IDLE);

  self->live_detection = !!live;
}

void
sc_runner_set_training_snapshots (ScRunner *self,
                                  guint     milliseconds)
{
  g_return_if_fail (SC_IS_RUNNER (self));
  g_return_if_fail (self->thread == NULL);

  self->training_snapshot_ms = milliseconds;
}

ScSnapshot *
sc_runner_get_training_snapshot (ScRunner *self)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), NULL);

  return self->training;
}

const ScRunnerEpoch *
sc_runner_get_epochs (ScRunner *self,
                      guint    *n_epochs)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), NULL);
  g_return_val_if_fail (n_epochs != NULL, NULL);

  *n_epochs = self->epochs->len;
  return (const ScRunnerEpoch *) self->epochs->data;
}

void
sc_runner_set_memory_budget (ScRunner *self,
                             gsize     bytes)
{
  g_return_if_fail (SC_IS_RUNNER (self));

  self->memory_budget = bytes;
  enforce_budget (self);
}

void
sc_runner_set_step_delay (ScRunner *self,
                          guint     milliseconds)
{
  g_return_if_fail (SC_IS_RUNNER (self));

  g_mutex_lock (&self->lock);
  self->delay_ms = milliseconds;
  self->rejected_ms = milliseconds;
  self->train_ms = 0;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_DELAY]);
}

void
sc_runner_set_pace (ScRunner *self,
                    guint     train_ms,
                    guint     accepted_ms,
                    guint     rejected_ms)
{
  g_return_if_fail (SC_IS_RUNNER (self));

  g_mutex_lock (&self->lock);
  self->train_ms = train_ms;
  self->delay_ms = accepted_ms;
  self->rejected_ms = rejected_ms;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STEP_DELAY]);
}

guint
sc_runner_get_step_delay (ScRunner *self)
{
  guint delay;

  g_return_val_if_fail (SC_IS_RUNNER (self), 0);

  g_mutex_lock (&self->lock);
  delay = self->delay_ms;
  g_mutex_unlock (&self->lock);

  return delay;
}

void
sc_runner_start (ScRunner *self)
{
  g_return_if_fail (SC_IS_RUNNER (self));

  if (self->state != SC_RUNNER_IDLE)
    return;

  g_timer_start (self->timer);
  set_state (self, SC_RUNNER_RUNNING);
  self->thread = g_thread_new ("sculptor-worker", worker, self);
}

void
sc_runner_pause (ScRunner *self)
{
  g_return_if_fail (SC_IS_RUNNER (self));

  if (self->state != SC_RUNNER_RUNNING)
    return;

  g_mutex_lock (&self->lock);
  self->paused = TRUE;
  self->step_once = FALSE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  set_state (self, SC_RUNNER_PAUSED);
}

void
sc_runner_resume (ScRunner *self)
{
  g_return_if_fail (SC_IS_RUNNER (self));

  if (self->state == SC_RUNNER_IDLE)
    {
      sc_runner_start (self);
      return;
    }
  if (self->state != SC_RUNNER_PAUSED)
    return;

  g_mutex_lock (&self->lock);
  self->paused = FALSE;
  self->step_once = FALSE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);
  set_state (self, SC_RUNNER_RUNNING);
}

void
sc_runner_step (ScRunner *self)
{
  g_return_if_fail (SC_IS_RUNNER (self));

  if (self->state >= SC_RUNNER_FINISHED)
    return;

  g_mutex_lock (&self->lock);
  self->step_once = TRUE;
  self->paused = FALSE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (self->state == SC_RUNNER_IDLE)
    sc_runner_start (self);
  else
    set_state (self, SC_RUNNER_RUNNING);
}

void
sc_runner_stop (ScRunner *self)
{
  g_return_if_fail (SC_IS_RUNNER (self));

  g_mutex_lock (&self->lock);
  g_cancellable_cancel (self->cancellable);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->lock);

  if (self->state == SC_RUNNER_IDLE)
    set_state (self, SC_RUNNER_CANCELLED);
}

void
sc_runner_stop_sync (ScRunner *self)
{
  g_return_if_fail (SC_IS_RUNNER (self));

  sc_runner_stop (self);
  if (self->thread)
    {
      g_thread_join (g_steal_pointer (&self->thread));
      sc_runner_poll (self);
    }
}

ScRunnerState
sc_runner_get_state (ScRunner *self)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), SC_RUNNER_IDLE);
  return self->state;
}

ScStage
sc_runner_get_stage (ScRunner *self)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), SC_STAGE_DENSE);
  return self->stage;
}

ScTask *
sc_runner_get_task (ScRunner *self)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), NULL);
  return self->task;
}

const ScHyper *
sc_runner_get_hyper (ScRunner *self)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), NULL);
  return &self->hyper;
}

ScAnalysis *
sc_runner_get_analysis (ScRunner *self)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), NULL);

  return self->analysis;
}

ScSnapshot *
sc_runner_get_snapshot (ScRunner *self)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), NULL);
  return self->snapshot;
}

guint
sc_runner_get_n_steps (ScRunner *self)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), 0);
  return self->steps->len;
}

const ScRunnerStep *
sc_runner_get_step (ScRunner *self,
                    guint     index)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), NULL);
  g_return_val_if_fail (index < self->steps->len, NULL);
  return self->steps->pdata[index];
}

double
sc_runner_get_elapsed (ScRunner *self)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), 0);
  return self->state == SC_RUNNER_IDLE ? 0.0 : g_timer_elapsed (self->timer, NULL);
}

guint
sc_runner_get_epoch (ScRunner *self)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), 0);
  return self->epoch;
}

guint
sc_runner_get_n_epochs (ScRunner *self)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), 0);
  return self->n_epochs;
}

double
sc_runner_get_dense_accuracy (ScRunner *self)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), 0);
  return self->dense_accuracy;
}

const ScRun *
sc_runner_get_run (ScRunner *self)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), NULL);
  return self->run;
}

const GError *
sc_runner_get_error (ScRunner *self)
{
  g_return_val_if_fail (SC_IS_RUNNER (self), NULL);
  return self->error;
}

static void
sc_runner_dispose (GObject *object)
{
  ScRunner *self = SC_RUNNER (object);

  if (self->thread)
    {
      g_cancellable_cancel (self->cancellable);
      g_mutex_lock (&self->lock);
      g_cond_broadcast (&self->cond);
      g_mutex_unlock (&self->lock);
      g_thread_join (g_steal_pointer (&self->thread));
    }

  g_mutex_lock (&self->lock);
  if (self->idle)
    {
      g_source_destroy (self->idle);
      g_clear_pointer (&self->idle, g_source_unref);
    }
  g_mutex_unlock (&self->lock);

  G_OBJECT_CLASS (sc_runner_parent_class)->dispose (object);
}

static void
sc_runner_finalize (GObject *object)
{
  ScRunner *self = SC_RUNNER (object);

  g_clear_pointer (&self->mail_steps, g_ptr_array_unref);
  g_clear_pointer (&self->mail_snapshot, sc_snapshot_unref);
  g_clear_pointer (&self->mail_analysis, sc_analysis_unref);
  g_clear_pointer (&self->mail_training, sc_snapshot_unref);
  g_clear_pointer (&self->mail_epochs, g_array_unref);
  g_clear_pointer (&self->mail_run, sc_run_free);
  g_clear_error (&self->mail_error);
  g_clear_pointer (&self->steps, g_ptr_array_unref);
  g_clear_pointer (&self->snapshot, sc_snapshot_unref);
  g_clear_pointer (&self->analysis, sc_analysis_unref);
  g_clear_pointer (&self->training, sc_snapshot_unref);
  g_clear_pointer (&self->epochs, g_array_unref);
  g_clear_pointer (&self->run, sc_run_free);
  g_clear_error (&self->error);
  g_clear_pointer (&self->timer, g_timer_destroy);
  g_clear_pointer (&self->task, sc_task_unref);
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_object (&self->cancellable);
  if (self->hyper.arch)
    sc_hyper_clear (&self->hyper);
  g_mutex_clear (&self->lock);
  g_cond_clear (&self->cond);

  G_OBJECT_CLASS (sc_runner_parent_class)->finalize (object);
}

static void
sc_runner_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  ScRunner *self = SC_RUNNER (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_int (value, self->state);
      break;
    case PROP_STAGE:
      g_value_set_int (value, self->stage);
      break;
    case PROP_EPOCH:
      g_value_set_uint (value, self->epoch);
      break;
    case PROP_STEP_DELAY:
      g_value_set_uint (value, sc_runner_get_step_delay (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_runner_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  ScRunner *self = SC_RUNNER (object);

  switch (prop_id)
    {
    case PROP_STEP_DELAY:
      sc_runner_set_step_delay (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sc_runner_class_init (ScRunnerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = sc_runner_dispose;
  object_class->finalize = sc_runner_finalize;
  object_class->get_property = sc_runner_get_property;
  object_class->set_property = sc_runner_set_property;

  properties[PROP_STATE] =
    g_param_spec_int ("state", NULL, NULL, SC_RUNNER_IDLE, SC_RUNNER_FAILED, SC_RUNNER_IDLE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STAGE] =
    g_param_spec_int ("stage", NULL, NULL, SC_STAGE_DENSE, SC_STAGE_DONE, SC_STAGE_DENSE,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_EPOCH] =
    g_param_spec_uint ("epoch", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_STEP_DELAY] =
    g_param_spec_uint ("step-delay", NULL, NULL, 0, 60000, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * ScRunner::step-added:
   * @index: the new step's index
   *
   * A step of the history was published.
   */
  signals[STEP_ADDED] = g_signal_new ("step-added", G_TYPE_FROM_CLASS (klass),
                                      G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                      G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * ScRunner::snapshot-changed:
   *
   * A newer snapshot is available from sc_runner_get_snapshot().
   */
  /**
   * ScRunner::training-snapshot:
   *
   * A newer network being trained is available from
   * sc_runner_get_training_snapshot().
   */
  signals[TRAINING_SNAPSHOT] = g_signal_new ("training-snapshot", G_TYPE_FROM_CLASS (klass),
                                             G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                             G_TYPE_NONE, 0);
  /**
   * ScRunner::epochs-added:
   * @first: index of the first new epoch in sc_runner_get_epochs()
   *
   * Epochs ended.
   */
  signals[EPOCHS_ADDED] = g_signal_new ("epochs-added", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                        G_TYPE_NONE, 1, G_TYPE_UINT);
  signals[SNAPSHOT_CHANGED] = g_signal_new ("snapshot-changed", G_TYPE_FROM_CLASS (klass),
                                            G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                            G_TYPE_NONE, 0);
  /**
   * ScRunner::finished:
   *
   * The worker ended: finished, cancelled or failed (see the state).
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass),
                                    G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);
}

static void
sc_runner_init (ScRunner *self)
{
  g_mutex_init (&self->lock);
  g_cond_init (&self->cond);
  self->backend = SC_BACKEND_PORTABLE;
  self->live_detection = TRUE;
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->mail_steps = g_ptr_array_new_with_free_func (runner_step_free);
  self->steps = g_ptr_array_new_with_free_func (runner_step_free);
  self->mail_epochs = g_array_new (FALSE, FALSE, sizeof (ScRunnerEpoch));
  self->epochs = g_array_new (FALSE, FALSE, sizeof (ScRunnerEpoch));
  self->timer = g_timer_new ();
  g_timer_stop (self->timer);
  self->memory_budget = SC_SNAPSHOT_BUDGET;
}
