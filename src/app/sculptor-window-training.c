/* sculptor-window-training.c — the training under way: its network in the
 * view, its curves in the training panel
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sculptor-window-private.h"

void
_sculptor_window_training_reset (SculptorWindow *self)
{
  self->panel_training = -1;
  self->trained_step = -1;
  sculptor_training_panel_clear (self->training_panel);
}

static char *
training_title (const ScRunnerEpoch *epoch)
{
  if (epoch->stage == SC_STAGE_DENSE)
    return g_strdup (_("Training the dense network"));
  return g_strdup_printf (_("%s · retraining, step %u"), sc_stage_label (epoch->stage), epoch->step + 1);
}

/* The panel shows the latest training run's epochs. */
void
_sculptor_window_on_epochs (SculptorWindow *self,
                            guint           first)
{
  guint n, start;
  const ScRunnerEpoch *epochs = sc_runner_get_epochs (self->runner, &n);
  const ScRunnerEpoch *last;
  g_autofree char *title = NULL;

  if (n == 0)
    return;
  last = &epochs[n - 1];
  for (start = n; start > 0 && epochs[start - 1].training == last->training; start--)
    ;
  title = training_title (last);
  sculptor_training_panel_set_epochs (self->training_panel, epochs + start, n - start, title);
  self->panel_training = (int) last->training;
  self->panel_step = last->step;
}

/* The step the panel's training decided: accepted or rejected. */
void
_sculptor_window_training_step_decided (SculptorWindow *self,
                                        guint           index)
{
  const ScStep *step = _sculptor_window_get_step (self, index);

  if (self->panel_training < 0 || self->panel_step != index || step->retrain_only)
    return;
  sculptor_training_panel_set_outcome (self->training_panel,
                                       step->accepted ? SCULPTOR_OUTCOME_ACCEPTED
                                                      : SCULPTOR_OUTCOME_REJECTED, 0.0);
}

/* The network being trained, at the live end: its weights change in the
 * view. The first one of a training run fades out what the step pruned
 * (the pruning happens before the retraining). A rejected trial on screen
 * is left alone. */
void
_sculptor_window_on_training_snapshot (SculptorWindow *self)
{
  ScSnapshot *training = sc_runner_get_training_snapshot (self->runner);
  gboolean first;

  if (training == NULL || self->shown_step >= 0 || self->trial_source != 0)
    return;
  if (self->trained_step < 0)   /* the first network: no more placeholder */
    sculptor_network_view_set_placeholder (self->network_view, NULL, NULL);
  first = (int) training->step != self->trained_step;
  self->trained_step = (int) training->step;
  if (first)
    gtk_widget_set_visible (GTK_WIDGET (self->step_banner), FALSE);
  _sculptor_window_show_snapshot (self, training, NULL, first);
}
