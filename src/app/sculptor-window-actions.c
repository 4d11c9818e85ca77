/* sculptor-window-actions.c — the window's actions and their shortcuts
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include "sculptor-window-private.h"

static gboolean
runner_is_live (SculptorWindow *self)
{
  ScRunnerState state = self->runner ? sc_runner_get_state (self->runner) : SC_RUNNER_IDLE;

  return self->runner != NULL && state < SC_RUNNER_FINISHED;
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  SculptorWindow *self = SCULPTOR_WINDOW (widget);

  if (!runner_is_live (self))
    {
      _sculptor_window_start (self);
      if (self->runner)
        sc_runner_start (self->runner);
      return;
    }

  switch (sc_runner_get_state (self->runner))
    {
    case SC_RUNNER_IDLE:
      sc_runner_start (self->runner);
      break;
    case SC_RUNNER_RUNNING:
      sc_runner_pause (self->runner);
      break;
    case SC_RUNNER_PAUSED:
      sc_runner_resume (self->runner);
      break;
    default:
      break;
    }
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SculptorWindow *self = SCULPTOR_WINDOW (widget);

  if (!runner_is_live (self))
    _sculptor_window_start (self);
  if (self->runner)
    sc_runner_step (self->runner);
}

static void
stop_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SculptorWindow *self = SCULPTOR_WINDOW (widget);

  if (self->runner)
    sc_runner_stop (self->runner);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _sculptor_window_open_dialog (SCULPTOR_WINDOW (widget));
}

static void
open_sweep_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  _sculptor_window_open_sweep_dialog (SCULPTOR_WINDOW (widget));
}

static void
save_run_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  _sculptor_window_save_dialog (SCULPTOR_WINDOW (widget));
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _sculptor_window_export_dialog (SCULPTOR_WINDOW (widget),
                                  g_variant_get_string (parameter, NULL));
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SculptorWindow *self = SCULPTOR_WINDOW (widget);

  if (g_str_equal (action_name, "win.zoom-in"))
    sculptor_network_view_zoom_in (self->network_view);
  else if (g_str_equal (action_name, "win.zoom-out"))
    sculptor_network_view_zoom_out (self->network_view);
  else
    sculptor_network_view_zoom_fit (self->network_view);
}

static void
left_to_right_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  SculptorWindow *self = SCULPTOR_WINDOW (widget);
  gboolean on = sculptor_network_view_get_orientation (self->network_view) ==
                SC_ORIENTATION_LEFT_RIGHT;

  sculptor_network_view_set_orientation (self->network_view,
                                         on ? SC_ORIENTATION_BOTTOM_UP
                                            : SC_ORIENTATION_LEFT_RIGHT);
  sculptor_network_view_zoom_fit (self->network_view);
}

static void
live_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  _sculptor_window_show_step (SCULPTOR_WINDOW (widget), -1);
}

void
_sculptor_window_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "win.step", NULL, step_action);
  gtk_widget_class_install_action (widget_class, "win.stop", NULL, stop_action);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "win.open-sweep", NULL, open_sweep_action);
  gtk_widget_class_install_action (widget_class, "win.save-run", NULL, save_run_action);
  gtk_widget_class_install_action (widget_class, "win.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "win.follow-live", NULL, live_action);
  gtk_widget_class_install_action (widget_class, "win.left-to-right", NULL, left_to_right_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_space, 0, "win.run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_period, GDK_CONTROL_MASK,
                                       "win.step", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_BackSpace, GDK_CONTROL_MASK,
                                       "win.stop", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "win.save-run", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "win.export", "s", "network-svg");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.export", "s", "hierarchy-svg");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, GDK_CONTROL_MASK,
                                       "win.follow-live", NULL);
}
