/* sculptor-window-pace.c — how fast the run goes, and what each step shows
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sculptor-window-private.h"

/* The speed choices, in the order of the drop-down and of the settings
 * enum (the schema stores nicks, so older saved values keep working).
 * "Watch" is the default: a Boolean run lasts about half a minute, each
 * training run at least train_ms and each step held long enough for its
 * fade; an MNIST run, slower than these minimums, is not slowed at all. */
static const SculptorPace paces[] = {
  { "watch",       600,  450,  800 },
  { "fastest",       0,    0,    0 },
  { "fast",          0,   15,   15 },
  { "normal",      200,  120,  120 },
  { "slow",       1000,  500,  700 },
  { "slow-motion", 2500, 1500, 1800 },
};

/* A rejected trial is shown for this share of its hold, then the network
 * the method carries on with comes back. */
#define REJECTED_SHOWN 0.6

const SculptorPace *
_sculptor_window_get_pace (SculptorWindow *self)
{
  guint index = gtk_drop_down_get_selected (self->speed_dropdown);

  return &paces[index < G_N_ELEMENTS (paces) ? index : 0];
}

void
_sculptor_window_apply_pace (SculptorWindow *self)
{
  const SculptorPace *pace = _sculptor_window_get_pace (self);

  if (self->runner)
    sc_runner_set_pace (self->runner, pace->train_ms, pace->accepted_ms, pace->rejected_ms);
}

/* The last accepted step with its network up to step index (the one the
 * method goes on from), or NULL. */
static const ScStep *
accepted_before (SculptorWindow *self,
                 guint           index)
{
  for (guint i = index + 1; i-- > 0;)
    {
      const ScStep *step = _sculptor_window_get_step (self, i);

      if (step->accepted && step->snapshot)
        return step;
    }
  return NULL;
}

static gboolean
on_trial_shown (gpointer data)
{
  SculptorWindow *self = data;
  guint n = _sculptor_window_n_steps (self);
  const ScStep *back = n ? accepted_before (self, n - 1) : NULL;

  self->trial_source = 0;
  if (self->shown_step < 0 && back)
    _sculptor_window_show_snapshot (self, back->snapshot, back->analysis, TRUE);
  return G_SOURCE_REMOVE;
}

void
_sculptor_window_clear_trial (SculptorWindow *self)
{
  g_clear_handle_id (&self->trial_source, g_source_remove);
  gtk_widget_set_visible (GTK_WIDGET (self->step_banner), FALSE);
}

/* Says what the step just tried came to, over the network view. */
static void
announce (SculptorWindow *self,
          const ScStep   *step,
          guint           index)
{
  g_autofree char *text = NULL;

  if (step->retrain_only)
    return;
  if (!step->trained)
    text = g_strdup_printf (_("Step %u rejected: nothing would be left"), index + 1);
  else if (step->accepted)
    text = g_strdup_printf (_("Step %u accepted · accuracy %.2f%%"), index + 1, step->accuracy);
  else
    text = g_strdup_printf (_("Step %u rejected · accuracy %.2f%%"), index + 1, step->accuracy);
  gtk_label_set_text (self->step_banner, text);
  gtk_widget_remove_css_class (GTK_WIDGET (self->step_banner), step->accepted ? "rejected" : "accepted");
  gtk_widget_add_css_class (GTK_WIDGET (self->step_banner), step->accepted ? "accepted" : "rejected");
  gtk_widget_set_visible (GTK_WIDGET (self->step_banner), TRUE);
}

/* A new step of the live run, followed at the live end: an accepted one
 * becomes the network shown; at a watching pace a rejected trial is shown
 * for a moment (its pruned parts fading out), then the accepted network
 * comes back, so every step can be seen. */
void
_sculptor_window_follow_step (SculptorWindow *self,
                              guint           index)
{
  const ScStep *step = _sculptor_window_get_step (self, index);
  const SculptorPace *pace = _sculptor_window_get_pace (self);

  if (self->shown_step >= 0)
    return;

  g_clear_handle_id (&self->trial_source, g_source_remove);
  if (pace->rejected_ms >= 300)
    announce (self, step, index);
  else
    gtk_widget_set_visible (GTK_WIDGET (self->step_banner), FALSE);

  if (step->accepted && step->snapshot)
    _sculptor_window_show_snapshot (self, step->snapshot, step->analysis, TRUE);
  else if (!step->accepted && step->trained && step->snapshot && pace->rejected_ms >= 300)
    {
      _sculptor_window_show_snapshot (self, step->snapshot, NULL, TRUE);
      self->trial_source = g_timeout_add ((guint) (pace->rejected_ms * REJECTED_SHOWN),
                                          on_trial_shown, self);
    }
}
