/* sculptor-window-private.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-lesion.h"
#include "sc-pipeline.h"
#include "sc-runner.h"
#include "sculptor-hierarchy-view.h"
#include "sculptor-module-inspector.h"
#include "sculptor-network-view.h"
#include "sculptor-settings-panel.h"
#include "sculptor-timeline.h"
#include "sculptor-training-panel.h"
#include "sculptor-window.h"

G_BEGIN_DECLS

struct _SculptorWindow
{
  GtkApplicationWindow     parent_instance;

  /* Template widgets */
  GtkHeaderBar            *header_bar;
  GtkWidget               *run_button;
  GtkImage                *run_icon;
  GtkLabel                *run_label;
  GtkDropDown             *speed_dropdown;
  GtkLabel                *title_label;
  GtkLabel                *subtitle_label;
  GtkWidget               *export_button;
  SculptorSettingsPanel   *settings_panel;
  SculptorNetworkView     *network_view;
  SculptorHierarchyView   *hierarchy_view;
  SculptorModuleInspector *inspector;
  SculptorTimeline        *timeline;
  SculptorTrainingPanel   *training_panel;
  GtkLabel                *status_stage;
  GtkLabel                *status_step;
  GtkLabel                *status_target;
  GtkLabel                *status_accuracy;
  GtkLabel                *status_density;
  GtkLabel                *status_message;
  GtkLabel                *status_elapsed;
  GtkLabel                *step_banner;
  GtkWidget               *whatif_bar;
  GtkLabel                *whatif_label;

  /* Owned references */
  ScRunner                *runner;        /* the live run, or NULL */
  ScRun                   *loaded;        /* a run opened from a file, or NULL */
  ScTask                  *task;          /* task of the run shown */
  ScSnapshot              *shown;         /* snapshot in the network view */
  ScAnalysis              *shown_analysis; /* its modules, or NULL */
  ScAnalysis              *detected;      /* the latest modules at or before it */
  int                      shown_step;    /* -1: follow the live end */
  guint                    keep_task;     /* > 0: task-changed changes nothing */
  char                    *file_name;     /* the run file open, or NULL */
  guint                    elapsed_source;
  guint                    trial_source;  /* a rejected trial on screen */
  int                      panel_training; /* training run in the panel, or -1 */
  guint                    panel_step;     /* the step it decides */
  int                      trained_step;   /* step of the last training network shown */
  GPtrArray               *step_colors;   /* ScModuleColors * per step, or NULL */
  ScModuleColors          *final_colors;
  ScAnalysis              *colors_previous;      /* the last coloured modules */
  ScModuleColors          *colors_previous_keys;
  GCancellable            *opening;       /* a saved run being read, or NULL */

  /* What-if changes of the network shown (sculptor-window-lesion.c) */
  ScLesion                *lesion;         /* or NULL: the run's network */
  ScSnapshot              *lesion_of;      /* the network they change */
  ScTask                  *lesion_task;    /* the task with its test set */
  ScLesionEval            *lesion_base;    /* the network's own evaluation */
  ScLesionEval            *lesion_eval;    /* with the changes; NULL while computed */
  char                    *lesion_error;   /* why it cannot be evaluated, or NULL */
  GCancellable            *lesion_cancellable;
};

/* A speed choice: each training run lasts at least train_ms; the worker
 * waits after a step (ms). */
typedef struct
{
  const char *nick;
  guint       train_ms;
  guint       accepted_ms;
  guint       rejected_ms;
} SculptorPace;

/* sculptor-window.c */
guint             _sculptor_window_n_steps        (SculptorWindow *self);
const ScStep     *_sculptor_window_get_step       (SculptorWindow *self,
                                                   guint           index);
const ScRun      *_sculptor_window_get_run        (SculptorWindow *self);
void              _sculptor_window_show_step      (SculptorWindow *self,
                                                   int             index);
void              _sculptor_window_start          (SculptorWindow *self);
void              _sculptor_window_update_actions (SculptorWindow *self);
void              _sculptor_window_set_message    (SculptorWindow *self,
                                                   const char     *message);
void              _sculptor_window_show_error     (SculptorWindow *self,
                                                   const char     *primary,
                                                   const GError   *error);
void              _sculptor_window_load_run       (SculptorWindow *self,
                                                   ScRun          *run);

/* The run file open (or just saved), shown in the title; NULL: none. */
void              _sculptor_window_set_file       (SculptorWindow *self,
                                                   const char     *path);
/* analysis: snapshot's modules, or NULL. */
void              _sculptor_window_show_snapshot  (SculptorWindow *self,
                                                   ScSnapshot     *snapshot,
                                                   ScAnalysis     *analysis,
                                                   gboolean        animate);

/* sculptor-window-pace.c */
const SculptorPace *_sculptor_window_get_pace     (SculptorWindow *self);
void              _sculptor_window_apply_pace     (SculptorWindow *self);
void              _sculptor_window_follow_step    (SculptorWindow *self,
                                                   guint           index);
void              _sculptor_window_clear_trial    (SculptorWindow *self);

/* sculptor-window-training.c */
void              _sculptor_window_training_reset (SculptorWindow *self);
void              _sculptor_window_on_epochs      (SculptorWindow *self,
                                                   guint           first);
void              _sculptor_window_on_training_snapshot (SculptorWindow *self);
void              _sculptor_window_training_step_decided (SculptorWindow *self,
                                                   guint           index);

/* sculptor-window-colors.c */
void              _sculptor_window_colors_reset   (SculptorWindow *self);
void              _sculptor_window_colors_add_steps (SculptorWindow *self,
                                                   guint           n_steps);
void              _sculptor_window_colors_add_final (SculptorWindow *self,
                                                   ScAnalysis     *final);
const ScModuleColors *_sculptor_window_colors_for (SculptorWindow   *self,
                                                   const ScAnalysis *analysis);

/* sculptor-window-lesion.c */
void              _sculptor_window_class_lesion_init (GtkWidgetClass *widget_class);
/* Back to the run's network (another network is shown, or Restore). */
void              _sculptor_window_lesion_reset   (SculptorWindow *self);
void              _sculptor_window_lesion_dispose (SculptorWindow *self);
void              _sculptor_window_lesion_update_inspector (SculptorWindow *self);
/* Silences (or brings back) module index of the detected network. */
void              _sculptor_window_lesion_set_module (SculptorWindow *self,
                                                   int             index,
                                                   gboolean        silenced);

/* sculptor-window-actions.c */
void              _sculptor_window_class_actions_init (GtkWidgetClass *widget_class);

/* sculptor-window-files.c */
/* A saved run still being read (and its steps detected) is dropped. */
void              _sculptor_window_cancel_open    (SculptorWindow *self);
ScRun            *_sculptor_window_take_opened_run (SculptorWindow *self,
                                                    GAsyncResult   *result,
                                                    const char     *failure);
void              _sculptor_window_open_dialog    (SculptorWindow *self);

/* sculptor-window-sweep.c */
/* A directory, a sweep.json or a plan.json: what opens a sweep browser. */
gboolean          _sculptor_window_is_sweep_path  (const char     *path);
void              _sculptor_window_open_sweep_dialog (SculptorWindow *self);
void              _sculptor_window_save_dialog    (SculptorWindow *self);
void              _sculptor_window_export_dialog  (SculptorWindow *self,
                                                   const char     *what);
/* Also used by the GUI tests, without dialogs. what: "network-svg",
 * "hierarchy-pdf", "network-graphml", … */
gboolean          _sculptor_window_export         (SculptorWindow *self,
                                                   const char     *what,
                                                   const char     *path,
                                                   GError        **error);
gboolean          _sculptor_window_save_run       (SculptorWindow *self,
                                                   const char     *path,
                                                   GError        **error);

G_END_DECLS
