/* sculptor-training-panel.h — the training run under way, epoch by epoch
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-runner.h"

G_BEGIN_DECLS

/* Plots the current training run (the dense training or a retraining
 * after a pruning step): validation and training loss and per-bit
 * accuracy per epoch, and once the step is decided whether it was
 * accepted. The timeline is the history of steps; this is the present. */
#define SCULPTOR_TYPE_TRAINING_PANEL (sculptor_training_panel_get_type ())
G_DECLARE_FINAL_TYPE (SculptorTrainingPanel, sculptor_training_panel, SCULPTOR, TRAINING_PANEL, GtkWidget)

typedef enum
{
  SCULPTOR_OUTCOME_NONE,       /* training, or a training-only step */
  SCULPTOR_OUTCOME_ACCEPTED,
  SCULPTOR_OUTCOME_REJECTED,
} SculptorOutcome;

GtkWidget *sculptor_training_panel_new         (void);
/* Shows the epochs of one training run (copied); title names it. */
void       sculptor_training_panel_set_epochs  (SculptorTrainingPanel *self,
                                                const ScRunnerEpoch   *epochs,
                                                guint                  n_epochs,
                                                const char            *title);
void       sculptor_training_panel_set_outcome (SculptorTrainingPanel *self,
                                                SculptorOutcome        outcome,
                                                double                 threshold);
void       sculptor_training_panel_clear       (SculptorTrainingPanel *self);
guint      sculptor_training_panel_get_n_epochs (SculptorTrainingPanel *self);
SculptorOutcome sculptor_training_panel_get_outcome (SculptorTrainingPanel *self);

G_END_DECLS
