/* sculptor-timeline.c — the pruning history as a live chart
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sculptor-timeline-private.h"

G_DEFINE_FINAL_TYPE (SculptorTimeline, sculptor_timeline, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SELECTED,
  PROP_LOG_DENSITY,
  N_PROPS
};

enum {
  STEP_SELECTED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

GtkWidget *
sculptor_timeline_new (void)
{
  return g_object_new (SCULPTOR_TYPE_TIMELINE, NULL);
}

void
_sculptor_timeline_get_geometry (SculptorTimeline   *self,
                                 ScTimelineGeometry *geometry)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));

  g_assert (SCULPTOR_IS_TIMELINE (self));

  sc_timeline_geometry_init (geometry, self->model,
                             TIMELINE_MARGIN_LEFT, TIMELINE_MARGIN_TOP,
                             width - TIMELINE_MARGIN_LEFT - TIMELINE_MARGIN_RIGHT,
                             height - TIMELINE_MARGIN_TOP - TIMELINE_MARGIN_BOTTOM,
                             self->log_density);
}

/* ---- public API ---------------------------------------------------- */

void
sculptor_timeline_clear (SculptorTimeline *self)
{
  g_return_if_fail (SCULPTOR_IS_TIMELINE (self));

  sc_timeline_clear (self->model);
  self->hovered = -1;
  sculptor_timeline_set_selected (self, -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sculptor_timeline_append (SculptorTimeline *self,
                          const ScStep     *step)
{
  g_return_if_fail (SCULPTOR_IS_TIMELINE (self));
  g_return_if_fail (step != NULL);

  sc_timeline_append (self->model, step);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sculptor_timeline_set_stage (SculptorTimeline *self,
                             ScStage           stage)
{
  g_return_if_fail (SCULPTOR_IS_TIMELINE (self));
  g_return_if_fail (stage <= SC_STAGE_DONE);

  sc_timeline_set_stage (self->model, stage);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sculptor_timeline_set_selected (SculptorTimeline *self,
                                int               index)
{
  g_return_if_fail (SCULPTOR_IS_TIMELINE (self));

  index = sc_timeline_clamp_selection (self->model, index);
  if (index == self->selected)
    return;

  self->selected = index;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SELECTED]);
}

int
sculptor_timeline_get_selected (SculptorTimeline *self)
{
  g_return_val_if_fail (SCULPTOR_IS_TIMELINE (self), -1);

  return self->selected;
}

void
sculptor_timeline_set_log_density (SculptorTimeline *self,
                                   gboolean          log_density)
{
  g_return_if_fail (SCULPTOR_IS_TIMELINE (self));

  log_density = !!log_density;
  if (log_density == self->log_density)
    return;

  self->log_density = log_density;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOG_DENSITY]);
}

gboolean
sculptor_timeline_get_log_density (SculptorTimeline *self)
{
  g_return_val_if_fail (SCULPTOR_IS_TIMELINE (self), FALSE);

  return self->log_density;
}

const ScTimeline *
sculptor_timeline_get_model (SculptorTimeline *self)
{
  g_return_val_if_fail (SCULPTOR_IS_TIMELINE (self), NULL);

  return self->model;
}

gboolean
sculptor_timeline_get_step_position (SculptorTimeline *self,
                                     guint             index,
                                     double           *x,
                                     double           *y)
{
  const ScTimelinePoint *point;
  ScTimelineGeometry geometry;

  g_return_val_if_fail (SCULPTOR_IS_TIMELINE (self), FALSE);
  g_return_val_if_fail (x != NULL && y != NULL, FALSE);

  point = sc_timeline_get_point (self->model, index);
  if (point == NULL)
    return FALSE;

  _sculptor_timeline_get_geometry (self, &geometry);
  *x = sc_timeline_geometry_slot_x (&geometry, index);
  *y = point->trained ? sc_timeline_geometry_accuracy_y (&geometry, point->accuracy)
                      : geometry.y + geometry.height;
  return TRUE;
}

/* Selects index (or the live end) as the user asked for it. */
static void
choose (SculptorTimeline *self,
        int               index)
{
  index = sc_timeline_clamp_selection (self->model, index);
  sculptor_timeline_set_selected (self, index);
  g_signal_emit (self, signals[STEP_SELECTED], 0, index);
}

gboolean
sculptor_timeline_activate_at (SculptorTimeline *self,
                               double            x,
                               double            y)
{
  ScTimelineGeometry geometry;
  int index;

  g_return_val_if_fail (SCULPTOR_IS_TIMELINE (self), FALSE);

  _sculptor_timeline_get_geometry (self, &geometry);
  if (sc_timeline_hit_test (self->model, &geometry, x, y, &index) == SC_TIMELINE_HIT_NONE)
    return FALSE;

  choose (self, index);
  return TRUE;
}

/* ---- input --------------------------------------------------------- */

static void
on_click_pressed (GtkGestureClick  *gesture,
                  int               n_press,
                  double            x,
                  double            y,
                  SculptorTimeline *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

static void
on_click_released (GtkGestureClick  *gesture,
                   int               n_press,
                   double            x,
                   double            y,
                   SculptorTimeline *self)
{
  sculptor_timeline_activate_at (self, x, y);
}

static void
on_menu_pressed (GtkGestureClick  *gesture,
                 int               n_press,
                 double            x,
                 double            y,
                 SculptorTimeline *self)
{
  GdkRectangle at = { (int) x, (int) y, 1, 1 };

  gtk_popover_set_pointing_to (GTK_POPOVER (self->menu), &at);
  gtk_popover_popup (GTK_POPOVER (self->menu));
}

static void
set_hovered (SculptorTimeline *self,
             int               slot)
{
  if (slot == self->hovered)
    return;

  self->hovered = slot;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
on_motion (GtkEventControllerMotion *motion,
           double                    x,
           double                    y,
           SculptorTimeline         *self)
{
  ScTimelineGeometry geometry;
  int index;

  _sculptor_timeline_get_geometry (self, &geometry);
  if (sc_timeline_hit_test (self->model, &geometry, x, y, &index) == SC_TIMELINE_HIT_STEP)
    set_hovered (self, index);
  else
    set_hovered (self, -1);
}

static void
on_leave (GtkEventControllerMotion *motion,
          SculptorTimeline         *self)
{
  set_hovered (self, -1);
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  SculptorTimeline *self = SCULPTOR_TIMELINE (widget);
  int n = (int) sc_timeline_get_n_points (self->model);
  int index = self->selected;

  if (g_str_equal (action_name, "timeline.previous"))
    index = sc_timeline_move_selection (self->model, index, -1);
  else if (g_str_equal (action_name, "timeline.next"))
    index = sc_timeline_move_selection (self->model, index, 1);
  else if (g_str_equal (action_name, "timeline.first"))
    index = n > 0 ? 0 : -1;
  else
    index = -1;

  if (index != self->selected)
    choose (self, index);
}

/* ---- tooltip ------------------------------------------------------- */

static char *
describe_target (const ScTimelinePoint *point)
{
  if (point->retrain_only)
    return point->stage == SC_STAGE_DENSE ? g_strdup (_("Dense training"))
                                          : g_strdup (_("Re-training before edge pruning"));
  if (point->stage == SC_STAGE_UNITS)
    /* Translators: "Pu" is the unit-pruning step of the schedule */
    return g_strdup_printf (_("Target %.2f %% of hidden units (Pu %.4g %%)"),
                            point->target, point->step);
  /* Translators: "Pe" is the edge-pruning step of the schedule */
  return g_strdup_printf (_("Target %.2f %% of weights (Pe %.4g %%)"), point->target, point->step);
}

static char *
describe_point (SculptorTimeline *self,
                guint             index)
{
  const ScTimelinePoint *point = sc_timeline_get_point (self->model, index);
  g_autofree char *target = describe_target (point);
  g_autofree char *title = g_strdup_printf (_("Step %u · %s"), index + 1, sc_stage_label (point->stage));
  g_autofree char *escaped = g_markup_escape_text (title, -1);
  g_autofree char *accuracy = NULL;
  g_autofree char *density = NULL;

  if (!point->trained)
    return g_strdup_printf ("<b>%s</b>\n%s\n%s", escaped, target,
                            _("Not trained: nothing would be left (P ≥ 100 %)"));

  /* Translators: per-bit accuracy on the test set */
  accuracy = g_strdup_printf (_("Accuracy %.2f %%"), point->accuracy);
  density = g_strdup_printf (_("Density %.3g %%"), 100.0 * point->density);
  return g_strdup_printf ("<b>%s</b>\n%s\n%s\n%s\n%s", escaped, target, accuracy, density,
                          point->accepted ? _("Accepted") : _("Rejected: accuracy too low"));
}

static gboolean
on_query_tooltip (GtkWidget  *widget,
                  int         x,
                  int         y,
                  gboolean    keyboard,
                  GtkTooltip *tooltip)
{
  SculptorTimeline *self = SCULPTOR_TIMELINE (widget);
  ScTimelineGeometry geometry;
  g_autofree char *markup = NULL;
  ScTimelineHitKind kind;
  int index;

  _sculptor_timeline_get_geometry (self, &geometry);
  if (keyboard)
    {
      kind = self->selected >= 0 ? SC_TIMELINE_HIT_STEP : SC_TIMELINE_HIT_NONE;
      index = self->selected;
    }
  else
    kind = sc_timeline_hit_test (self->model, &geometry, x, y, &index);

  if (kind == SC_TIMELINE_HIT_STEP)
    markup = describe_point (self, (guint) index);
  else if (kind == SC_TIMELINE_HIT_LIVE && sc_timeline_get_n_points (self->model) > 0)
    markup = g_strdup (_("<b>Live</b>\nFollow the newest network"));
  else
    return FALSE;

  gtk_tooltip_set_markup (tooltip, markup);
  return TRUE;
}

/* ---- GtkWidget ----------------------------------------------------- */

static void
sculptor_timeline_snapshot (GtkWidget   *widget,
                            GtkSnapshot *snapshot)
{
  SculptorTimeline *self = SCULPTOR_TIMELINE (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  _sculptor_timeline_draw (self, cr, width, height);
  cairo_destroy (cr);
}

static void
sculptor_timeline_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = (int) (TIMELINE_MARGIN_LEFT + TIMELINE_MARGIN_RIGHT) + 120;
      *natural = 600;
    }
  else
    {
      *minimum = (int) (TIMELINE_MARGIN_TOP + TIMELINE_MARGIN_BOTTOM) + 60;
      *natural = 150;
    }
}

static void
sculptor_timeline_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  SculptorTimeline *self = SCULPTOR_TIMELINE (widget);

  gtk_popover_present (GTK_POPOVER (self->menu));
}

static void
sculptor_timeline_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  SculptorTimeline *self = SCULPTOR_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      g_value_set_int (value, self->selected);
      break;
    case PROP_LOG_DENSITY:
      g_value_set_boolean (value, self->log_density);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sculptor_timeline_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  SculptorTimeline *self = SCULPTOR_TIMELINE (object);

  switch (prop_id)
    {
    case PROP_SELECTED:
      sculptor_timeline_set_selected (self, g_value_get_int (value));
      break;
    case PROP_LOG_DENSITY:
      sculptor_timeline_set_log_density (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
sculptor_timeline_dispose (GObject *object)
{
  SculptorTimeline *self = SCULPTOR_TIMELINE (object);

  g_clear_pointer (&self->menu, gtk_widget_unparent);

  G_OBJECT_CLASS (sculptor_timeline_parent_class)->dispose (object);
}

static void
sculptor_timeline_finalize (GObject *object)
{
  SculptorTimeline *self = SCULPTOR_TIMELINE (object);

  g_clear_pointer (&self->model, sc_timeline_free);

  G_OBJECT_CLASS (sculptor_timeline_parent_class)->finalize (object);
}

static void
install_actions (GtkWidgetClass *widget_class)
{
  const struct { const char *name; guint key; } moves[] = {
    { "timeline.previous", GDK_KEY_Left },
    { "timeline.next", GDK_KEY_Right },
    { "timeline.first", GDK_KEY_Home },
    { "timeline.live", GDK_KEY_End },
  };

  for (guint i = 0; i < G_N_ELEMENTS (moves); i++)
    {
      gtk_widget_class_install_action (widget_class, moves[i].name, NULL, move_action);
      gtk_widget_class_add_binding_action (widget_class, moves[i].key, 0, moves[i].name, NULL);
    }
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "timeline.live", NULL);
  gtk_widget_class_install_property_action (widget_class, "timeline.log-density", "log-density");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, 0, "timeline.log-density", NULL);
}

static void
sculptor_timeline_class_init (SculptorTimelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = sculptor_timeline_dispose;
  object_class->finalize = sculptor_timeline_finalize;
  object_class->get_property = sculptor_timeline_get_property;
  object_class->set_property = sculptor_timeline_set_property;
  widget_class->snapshot = sculptor_timeline_snapshot;
  widget_class->measure = sculptor_timeline_measure;
  widget_class->size_allocate = sculptor_timeline_size_allocate;
  widget_class->query_tooltip = on_query_tooltip;

  properties[PROP_SELECTED] =
    g_param_spec_int ("selected", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LOG_DENSITY] =
    g_param_spec_boolean ("log-density", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * SculptorTimeline::step-selected:
   * @index: the step the user picked, or -1 for the live end
   *
   * Emitted when the user selects a step (click or keys), not when
   * sculptor_timeline_set_selected() is called.
   */
  signals[STEP_SELECTED] =
    g_signal_new ("step-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);

  install_actions (widget_class);
  gtk_widget_class_set_css_name (widget_class, "timeline");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static GtkWidget *
make_menu (SculptorTimeline *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  GtkWidget *popover;

  g_menu_append (menu, _("_Logarithmic Density Axis"), "timeline.log-density");
  g_menu_append (menu, _("Follow the _Live Run"), "timeline.live");
  popover = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
  gtk_popover_set_has_arrow (GTK_POPOVER (popover), FALSE);
  gtk_widget_set_halign (popover, GTK_ALIGN_START);
  gtk_widget_set_parent (popover, GTK_WIDGET (self));
  return popover;
}

static void
add_controllers (SculptorTimeline *self)
{
  GtkGesture *click = gtk_gesture_click_new ();
  GtkGesture *menu_click = gtk_gesture_click_new ();
  GtkEventController *motion = gtk_event_controller_motion_new ();

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect (click, "pressed", G_CALLBACK (on_click_pressed), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));

  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (menu_click), GDK_BUTTON_SECONDARY);
  g_signal_connect (menu_click, "pressed", G_CALLBACK (on_menu_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (menu_click));

  g_signal_connect (motion, "motion", G_CALLBACK (on_motion), self);
  g_signal_connect (motion, "leave", G_CALLBACK (on_leave), self);
  gtk_widget_add_controller (GTK_WIDGET (self), motion);
}

static void
sculptor_timeline_init (SculptorTimeline *self)
{
  self->model = sc_timeline_new ();
  self->selected = -1;
  self->hovered = -1;
  self->menu = make_menu (self);

  gtk_widget_set_focusable (GTK_WIDGET (self), TRUE);
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self), "view");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Pruning timeline"),
                                  -1);
  g_signal_connect (self, "notify::has-focus", G_CALLBACK (gtk_widget_queue_draw), NULL);
  add_controllers (self);
}
