/* sculptor-training-panel.c — the training run under way, epoch by epoch
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "sculptor-theme.h"
#include "sculptor-training-panel.h"

struct _SculptorTrainingPanel
{
  GtkWidget        parent_instance;

  GArray          *epochs;      /* ScRunnerEpoch */
  char            *title;
  SculptorOutcome  outcome;
  double           threshold;   /* accuracy needed to accept, % */
};

G_DEFINE_FINAL_TYPE (SculptorTrainingPanel, sculptor_training_panel, GTK_TYPE_WIDGET)

#define MARGIN_LEFT   40.0
#define MARGIN_RIGHT  40.0
#define MARGIN_TOP    24.0
#define MARGIN_BOTTOM 20.0

typedef struct
{
  cairo_t  *cr;
  GtkWidget *widget;
  GdkRGBA   fg, accuracy, loss, accepted, rejected;
  double    x, y, w, h;     /* the plot */
  guint     n_epochs;
  double    loss_max;
  double    acc_lo;
} Painter;

static PangoLayout *
make_layout (Painter    *p,
             const char *text,
             gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (p->widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static int
text_width (Painter    *p,
            const char *text)
{
  g_autoptr(PangoLayout) layout = make_layout (p, text, FALSE);
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return width;
}

static void
draw_text (Painter    *p,
           const char *text,
           double      x,
           double      y,
           double      xalign,
           double      yalign,
           const GdkRGBA *color,
           gboolean    bold)
{
  PangoLayout *layout = make_layout (p, text, bold);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (p->cr, x - xalign * width, y - yalign * height);
  _sculptor_theme_set_source (p->cr, color, 1.0);
  pango_cairo_show_layout (p->cr, layout);
  g_object_unref (layout);
}

/* A placeholder centred on x, y, wrapped to width (a narrow panel cut a
 * single line at both ends), dimmed like the other views' placeholders. */
static void
draw_placeholder (Painter    *p,
                  const char *text,
                  double      x,
                  double      y,
                  double      width)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (p->widget, text);
  PangoAttrList *attrs = pango_attr_list_new ();
  int w, h;

  pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_width (layout, (int) MAX (width, 1.0) * PANGO_SCALE);
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  pango_layout_get_pixel_size (layout, &w, &h);
  cairo_move_to (p->cr, x - MAX (width, 1.0) / 2.0, y - h / 2.0);
  _sculptor_theme_set_source (p->cr, &p->fg, 0.55);
  pango_cairo_show_layout (p->cr, layout);
  pango_attr_list_unref (attrs);
  g_object_unref (layout);
}

static double
epoch_x (const Painter *p,
         double         epoch)
{
  return p->x + (p->n_epochs > 1 ? (epoch - 1) / (p->n_epochs - 1) : 0.5) * p->w;
}

static double
loss_y (const Painter *p,
        double         loss)
{
  return p->y + p->h - CLAMP (loss / p->loss_max, 0.0, 1.0) * p->h;
}

static double
accuracy_y (const Painter *p,
            double         accuracy)
{
  return p->y + p->h - CLAMP ((accuracy - p->acc_lo) / (100.0 - p->acc_lo), 0.0, 1.0) * p->h;
}

static void
draw_series (Painter       *p,
             GArray        *epochs,
             int            which,     /* 0 loss, 1 train loss, 2 accuracy */
             const GdkRGBA *color)
{
  cairo_t *cr = p->cr;

  for (guint i = 0; i < epochs->len; i++)
    {
      const ScRunnerEpoch *e = &g_array_index (epochs, ScRunnerEpoch, i);
      double value = which == 0 ? e->loss : which == 1 ? e->train_loss : e->accuracy;
      double x = epoch_x (p, e->epoch);
      double y = which == 2 ? accuracy_y (p, value) : loss_y (p, value);

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
  _sculptor_theme_set_source (cr, color, which == 1 ? 0.5 : 1.0);
  cairo_set_line_width (cr, which == 1 ? 1.0 : 2.0);
  if (which == 1)
    cairo_set_dash (cr, (double[]) { 4.0, 3.0 }, 2, 0.0);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0.0);

  /* the latest epoch as a dot */
  if (epochs->len > 0 && which != 1)
    {
      const ScRunnerEpoch *e = &g_array_index (epochs, ScRunnerEpoch, epochs->len - 1);
      double y = which == 2 ? accuracy_y (p, e->accuracy) : loss_y (p, e->loss);

      cairo_arc (cr, epoch_x (p, e->epoch), y, 3.0, 0, 2 * G_PI);
      _sculptor_theme_set_source (cr, color, 1.0);
      cairo_fill (cr);
    }
}

static void
paint (SculptorTrainingPanel *self,
       cairo_t               *cr,
       int                    width,
       int                    height)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean dark = _sculptor_theme_is_dark (widget);
  Painter p = { .cr = cr, .widget = widget };
  const ScRunnerEpoch *last;
  g_autofree char *acc_lo = NULL;
  g_autofree char *loss_max = NULL;
  g_autofree char *epochs_label = NULL;
  double legend_x;

  _sculptor_theme_get_fg (widget, &p.fg);
  gdk_rgba_parse (&p.accuracy, dark ? "#57e389" : "#26a269");
  gdk_rgba_parse (&p.loss, dark ? "#ffa348" : "#c64600");
  gdk_rgba_parse (&p.accepted, dark ? "#57e389" : "#26a269");
  gdk_rgba_parse (&p.rejected, dark ? "#f66151" : "#c01c28");
  p.y = MARGIN_TOP;
  p.h = MAX (height - MARGIN_TOP - MARGIN_BOTTOM, 10.0);

  draw_text (&p, self->title ? self->title : _("Training"), 8.0, 4.0, 0.0, 0.0, &p.fg, TRUE);

  if (self->epochs->len == 0)
    {
      draw_placeholder (&p, _("Loss and accuracy of each training run appear here, epoch by epoch"),
                        width / 2.0, height / 2.0, width - 24.0);
      return;
    }

  last = &g_array_index (self->epochs, ScRunnerEpoch, self->epochs->len - 1);
  p.n_epochs = MAX (last->n_epochs, 1);
  p.loss_max = 0.0;
  p.acc_lo = 100.0;
  for (guint i = 0; i < self->epochs->len; i++)
    {
      const ScRunnerEpoch *e = &g_array_index (self->epochs, ScRunnerEpoch, i);

      p.loss_max = MAX (p.loss_max, MAX (e->loss, e->train_loss));
      p.acc_lo = MIN (p.acc_lo, e->accuracy);
    }
  /* loss from 0 to a round maximum; accuracy from a round 10 % below */
  p.loss_max = p.loss_max > 0.0 && isfinite (p.loss_max)
               ? pow (10.0, ceil (log10 (p.loss_max) * 4.0) / 4.0) : 1.0;
  p.acc_lo = CLAMP (floor ((p.acc_lo - 1.0) / 10.0) * 10.0, 0.0, 90.0);
  loss_max = g_strdup_printf ("%.3g", p.loss_max);
  acc_lo = g_strdup_printf ("%g %%", p.acc_lo);
  /* room for the axis labels ("0.0562" is wider than the margin) */
  p.x = MAX (MARGIN_LEFT, text_width (&p, loss_max) + 12.0);
  p.w = MAX (width - p.x - MAX (MARGIN_RIGHT, text_width (&p, "100 %") + 12.0), 10.0);

  /* frame and axis labels */
  cairo_rectangle (cr, p.x + 0.5, p.y + 0.5, p.w, p.h);
  _sculptor_theme_set_source (cr, &p.fg, 0.15);
  cairo_set_line_width (cr, 1.0);
  cairo_stroke (cr);
  draw_text (&p, loss_max, p.x - 4.0, p.y, 1.0, 0.5, &p.loss, FALSE);
  draw_text (&p, "0", p.x - 4.0, p.y + p.h, 1.0, 0.5, &p.loss, FALSE);
  draw_text (&p, "100 %", p.x + p.w + 4.0, p.y, 0.0, 0.5, &p.accuracy, FALSE);
  draw_text (&p, acc_lo, p.x + p.w + 4.0, p.y + p.h, 0.0, 0.5, &p.accuracy, FALSE);
  /* which curve is which: solid validation loss, dashed training loss */
  draw_text (&p, _("loss"), p.x, p.y + p.h + 2.0, 0.0, 0.0, &p.loss, FALSE);
  draw_text (&p, _("accuracy"), p.x + p.w, p.y + p.h + 2.0, 1.0, 0.0, &p.accuracy, FALSE);
  /* between them, centred in the room they leave, or shorter if it does
   * not fit ("100.0 %accuracy") */
  {
    double left = p.x + text_width (&p, _("loss")) + 8.0;
    double right = p.x + p.w - text_width (&p, _("accuracy")) - 8.0;

    epochs_label = g_strdup_printf (_("epoch %u/%u · %.1f %%"), last->epoch, last->n_epochs,
                                    last->accuracy);
    if (text_width (&p, epochs_label) > right - left)
      {
        g_free (epochs_label);
        epochs_label = g_strdup_printf ("%u/%u · %.1f %%", last->epoch, last->n_epochs,
                                        last->accuracy);
      }
    if (text_width (&p, epochs_label) <= right - left)
      draw_text (&p, epochs_label, (left + right) / 2.0, p.y + p.h + 2.0, 0.5, 0.0, &p.fg, FALSE);
  }

  /* the accuracy the step needs */
  if (self->threshold > p.acc_lo && self->threshold <= 100.0)
    {
      double y = accuracy_y (&p, self->threshold);

      cairo_move_to (cr, p.x, y);
      cairo_line_to (cr, p.x + p.w, y);
      _sculptor_theme_set_source (cr, &p.accuracy, 0.35);
      cairo_set_dash (cr, (double[]) { 2.0, 2.0 }, 2, 0.0);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0.0);
    }

  draw_series (&p, self->epochs, 1, &p.loss);
  draw_series (&p, self->epochs, 0, &p.loss);
  draw_series (&p, self->epochs, 2, &p.accuracy);

  /* key, top right */
  legend_x = width - 8.0;
  if (self->outcome != SCULPTOR_OUTCOME_NONE)
    {
      const char *text = self->outcome == SCULPTOR_OUTCOME_ACCEPTED ? _("accepted") : _("rejected");
      const GdkRGBA *color = self->outcome == SCULPTOR_OUTCOME_ACCEPTED ? &p.accepted : &p.rejected;

      draw_text (&p, text, legend_x, 4.0, 1.0, 0.0, color, TRUE);
    }
}

static void
sculptor_training_panel_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  paint (SCULPTOR_TRAINING_PANEL (widget), cr, width, height);
  cairo_destroy (cr);
}

static void
sculptor_training_panel_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 220 : 110;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 360 : 150;
}

static void
sculptor_training_panel_finalize (GObject *object)
{
  SculptorTrainingPanel *self = SCULPTOR_TRAINING_PANEL (object);

  g_clear_pointer (&self->epochs, g_array_unref);
  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (sculptor_training_panel_parent_class)->finalize (object);
}

static void
sculptor_training_panel_class_init (SculptorTrainingPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = sculptor_training_panel_finalize;
  widget_class->snapshot = sculptor_training_panel_snapshot;
  widget_class->measure = sculptor_training_panel_measure;
  gtk_widget_class_set_css_name (widget_class, "trainingpanel");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
sculptor_training_panel_init (SculptorTrainingPanel *self)
{
  self->epochs = g_array_new (FALSE, FALSE, sizeof (ScRunnerEpoch));
}

GtkWidget *
sculptor_training_panel_new (void)
{
  return g_object_new (SCULPTOR_TYPE_TRAINING_PANEL, NULL);
}

void
sculptor_training_panel_set_epochs (SculptorTrainingPanel *self,
                                    const ScRunnerEpoch   *epochs,
                                    guint                  n_epochs,
                                    const char            *title)
{
  g_return_if_fail (SCULPTOR_IS_TRAINING_PANEL (self));

  g_array_set_size (self->epochs, 0);
  g_array_append_vals (self->epochs, epochs, n_epochs);
  g_free (self->title);
  self->title = g_strdup (title);
  self->outcome = SCULPTOR_OUTCOME_NONE;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sculptor_training_panel_set_outcome (SculptorTrainingPanel *self,
                                     SculptorOutcome        outcome,
                                     double                 threshold)
{
  g_return_if_fail (SCULPTOR_IS_TRAINING_PANEL (self));

  self->outcome = outcome;
  self->threshold = threshold;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
sculptor_training_panel_clear (SculptorTrainingPanel *self)
{
  g_return_if_fail (SCULPTOR_IS_TRAINING_PANEL (self));

  sculptor_training_panel_set_epochs (self, NULL, 0, NULL);
}

guint
sculptor_training_panel_get_n_epochs (SculptorTrainingPanel *self)
{
  g_return_val_if_fail (SCULPTOR_IS_TRAINING_PANEL (self), 0);

  return self->epochs->len;
}

SculptorOutcome
sculptor_training_panel_get_outcome (SculptorTrainingPanel *self)
{
  g_return_val_if_fail (SCULPTOR_IS_TRAINING_PANEL (self), SCULPTOR_OUTCOME_NONE);

  return self->outcome;
}
