/* test-gui-netview.c — the network view and the timeline on a real run
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Needs a display: meson runs it under xvfb-run with GDK_BACKEND=x11,
 * GSK_RENDERER=cairo and GTK_A11Y=none.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <gtk/gtk.h>

#include "sc-figure.h"
#include "sc-pipeline.h"
#include "sc-render.h"
#include "sculptor-network-frame.h"
#include "sculptor-network-tooltip.h"
#include "sculptor-network-view-private.h"
#include "sculptor-timeline.h"
#include "sculptor-theme.h"

#include "gui-test-util.h"

/* ---- the run every test looks at ------------------------------------ */

static ScRun *the_run;

static ScRun *
get_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = NULL;
  ScPipelineOptions options;
  ScHyper hyper;

  if (the_run != NULL)
    return the_run;

  /* The benchmark configuration of test-pipeline: fast, and it finds the
   * two modules of the task. */
  task = sc_task_load_bundled ("exemplar/input-separable", &error);
  g_assert_no_error (error);
  sc_hyper_copy (&hyper, &task->defaults);
  g_assert_true (sc_hyper_set (&hyper, "arch", "4,24,4", NULL));
  g_assert_true (sc_hyper_set (&hyper, "epochs", "15", NULL));
  g_assert_true (sc_hyper_set (&hyper, "unit-step", "70", NULL));
  g_assert_true (sc_hyper_set (&hyper, "edge-steps", "2.5", NULL));
  g_assert_true (sc_hyper_set (&hyper, "seed", "0", NULL));

  sc_pipeline_options_init (&options);
  options.keep_snapshots = TRUE;
  options.detect_each_step = TRUE;
  the_run = sc_pipeline_run (task, &hyper, &options, &error);
  sc_hyper_clear (&hyper);
  g_assert_no_error (error);
  g_assert_nonnull (the_run);
  g_assert_nonnull (the_run->analysis);
  g_assert_cmpuint (sc_analysis_n_modules (the_run->analysis), >=, 2);
  return the_run;
}

/* ---- a window with both widgets --------------------------------------- */

typedef struct
{
  GtkWidget           *window;
  SculptorNetworkView *view;
  SculptorTimeline    *timeline;
  int                  module_signal;   /* last "module-selected", or -2 */
  int                  step_signal;     /* last "step-selected", or -2 */
  guint                n_module_signals;
  guint                n_step_signals;
} Fixture;

static void
on_module_selected (SculptorNetworkView *view,
                    int                  module,
                    Fixture             *fixture)
{
  fixture->module_signal = module;
  fixture->n_module_signals++;
}

static void
on_step_selected (SculptorTimeline *timeline,
                  int               index,
                  Fixture          *fixture)
{
  fixture->step_signal = index;
  fixture->n_step_signals++;
}

static gboolean
is_drawn (Fixture *fixture)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->view)) &&
         !sculptor_network_view_is_busy (fixture->view) &&
         sculptor_network_view_get_layout (fixture->view) != NULL;
}

static gboolean
is_still (Fixture *fixture)
{
  return is_drawn (fixture) && !sculptor_network_view_is_animating (fixture->view);
}

static gboolean
is_animating (Fixture *fixture)
{
  return sculptor_network_view_is_animating (fixture->view);
}

static gboolean
is_mapped (Fixture *fixture)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->timeline)) &&
         gtk_widget_get_width (GTK_WIDGET (fixture->timeline)) > 0;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  fixture->module_signal = fixture->step_signal = -2;
  fixture->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 640, 710);
  fixture->view = SCULPTOR_NETWORK_VIEW (sculptor_network_view_new ());
  fixture->timeline = SCULPTOR_TIMELINE (sculptor_timeline_new ());
  gtk_widget_set_size_request (GTK_WIDGET (fixture->view), 640, 560);
  gtk_widget_set_vexpand (GTK_WIDGET (fixture->view), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (fixture->timeline), 640, 150);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->view));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (fixture->timeline));
  gtk_window_set_child (GTK_WINDOW (fixture->window), box);
  g_signal_connect (fixture->view, "module-selected", G_CALLBACK (on_module_selected), fixture);
  g_signal_connect (fixture->timeline, "step-selected", G_CALLBACK (on_step_selected), fixture);

  sculptor_network_view_set_task (fixture->view, get_run ()->task);
  gtk_window_present (GTK_WINDOW (fixture->window));
  GUI_WAIT_UNTIL (is_mapped (fixture));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (GTK_WINDOW (fixture->window));
  gui_drain ();
}

/* ---- helpers ------------------------------------------------------------ */

static void
show (Fixture    *fixture,
      ScSnapshot *snapshot,
      ScAnalysis *analysis)
{
  sculptor_network_view_set_snapshot (fixture->view, snapshot, analysis, FALSE);
  GUI_WAIT_UNTIL (is_still (fixture));
}

/* A hidden or output unit of module id (visible), or -1. */
static int
find_unit_of (const ScLayout *layout,
              int             id)
{
  for (guint u = 0; u < layout->n_units; u++)
    if (layout->units[u].visible && layout->units[u].module == id && layout->units[u].layer > 0)
      return (int) u;
  return -1;
}

/* The unit of module id farthest from the middle of the view: zooming
 * moves it most. */
static int
find_far_unit (Fixture *fixture,
               int      id)
{
  const ScLayout *layout = sculptor_network_view_get_layout (fixture->view);
  double cx = gtk_widget_get_width (GTK_WIDGET (fixture->view)) / 2.0;
  double cy = gtk_widget_get_height (GTK_WIDGET (fixture->view)) / 2.0;
  double best = -1.0;
  int found = -1;

  for (guint u = 0; u < layout->n_units; u++)
    {
      const ScLayoutUnit *unit = &layout->units[u];
      double d = hypot (unit->x - cx, unit->y - cy);

      if (unit->visible && unit->module == id && d > best)
        {
          best = d;
          found = (int) u;
        }
    }
  return found;
}

static void
unit_position (Fixture *fixture,
               guint    unit,
               double  *x,
               double  *y)
{
  const ScLayout *layout = sculptor_network_view_get_layout (fixture->view);

  sculptor_network_view_layout_to_widget (fixture->view, layout->units[unit].x,
                                          layout->units[unit].y, x, y);
}

/* The colour at widget pixel (x, y) of a texture of the widget. */
static void
texture_pixel (GdkTexture *texture,
               int         x,
               int         y,
               double      rgb[3])
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);
  const guchar *p;

  g_assert_cmpint (x, >=, 0);
  g_assert_cmpint (y, >=, 0);
  g_assert_cmpint (x, <, width);
  g_assert_cmpint (y, <, height);
  gdk_texture_download (texture, data, (gsize) width * 4);
  p = data + ((gsize) y * width + x) * 4;
  /* Cairo's ARGB32 in memory: B, G, R, A (premultiplied, opaque here). */
  rgb[0] = p[2] / 255.0;
  rgb[1] = p[1] / 255.0;
  rgb[2] = p[0] / 255.0;
}

static void
assert_module_colour (GdkTexture *texture,
                      double      x,
                      double      y,
                      guint       id,
                      gboolean    dark)
{
  double rgb[3];
  ScRgba expected;

  sc_render_module_color (id, dark, &expected);
  texture_pixel (texture, (int) round (x), (int) round (y), rgb);
  g_assert_cmpfloat_with_epsilon (rgb[0], expected.red, 0.06);
  g_assert_cmpfloat_with_epsilon (rgb[1], expected.green, 0.06);
  g_assert_cmpfloat_with_epsilon (rgb[2], expected.blue, 0.06);
}

/* ---- network view ------------------------------------------------------- */

static void
test_view_hit_test (Fixture       *fixture,
                    gconstpointer  data)
{
  ScSnapshot *final = get_run ()->final;
  const ScModuleGraph *graph = get_run ()->analysis->modules;
  const ScLayout *layout;
  ScHit hit;

  show (fixture, final, get_run ()->analysis);
  layout = sculptor_network_view_get_layout (fixture->view);
  g_assert_cmpuint (layout->n_boxes, ==, graph->n_modules);

  /* A unit of every module: the hit names it, a click selects its module. */
  for (guint m = 0; m < graph->n_modules; m++)
    {
      int u = find_unit_of (layout, (int) graph->modules[m].id);
      double x, y;

      g_assert_cmpint (u, >=, 0);
      unit_position (fixture, (guint) u, &x, &y);
      hit = sculptor_network_view_hit_test_widget (fixture->view, x, y);
      g_assert_cmpint (hit.kind, ==, SC_HIT_UNIT);
      g_assert_cmpuint (hit.unit, ==, (guint) u);
      g_assert_cmpint (hit.module, ==, (int) graph->modules[m].id);

      g_assert_cmpint (sculptor_network_view_activate_at (fixture->view, x, y), ==, (int) m);
      g_assert_cmpint (fixture->module_signal, ==, (int) m);
      g_assert_cmpint (sculptor_network_view_get_selected_module (fixture->view), ==, (int) m);
    }
  g_assert_cmpuint (fixture->n_module_signals, ==, graph->n_modules);

  /* The legend selects too. */
  for (guint r = 0; r < layout->n_legend; r++)
    {
      const ScLegendEntry *entry = &layout->legend[r];

      if (entry->kind != SC_LEGEND_MODULE)
        continue;
      g_assert_cmpint (sculptor_network_view_activate_at (fixture->view,
                                                          entry->rect.x + entry->rect.width / 2,
                                                          entry->rect.y + entry->rect.height / 2),
                       ==, sc_module_graph_find (graph, (guint) entry->module));
    }

  /* Empty space (the corner, outside every margin) clears the selection. */
  g_assert_cmpint (sculptor_network_view_activate_at (fixture->view, 1, 1), ==, -1);
  g_assert_cmpint (fixture->module_signal, ==, -1);
  g_assert_cmpint (sculptor_network_view_get_selected_module (fixture->view), ==, -1);
}

static void
assert_view (Fixture *fixture,
             double   zoom,
             double   x,
             double   y)
{
  double z, px, py;

  sculptor_network_view_get_transform (fixture->view, &z, &px, &py);
  g_assert_cmpfloat_with_epsilon (z, zoom, 1e-9);
  g_assert_cmpfloat_with_epsilon (px, x, 1e-6);
  g_assert_cmpfloat_with_epsilon (py, y, 1e-6);
}

static void
test_view_zoom (Fixture       *fixture,
                gconstpointer  data)
{
  ScSnapshot *final = get_run ()->final;
  double zoom, pan_x, pan_y, x0, y0, x1, y1;
  const ScLayout *layout;
  ScHit hit;
  int u;

  show (fixture, final, get_run ()->analysis);
  assert_view (fixture, 1.0, 0.0, 0.0);
  layout = sculptor_network_view_get_layout (fixture->view);
  u = find_far_unit (fixture, (int) get_run ()->analysis->modules->modules[0].id);
  unit_position (fixture, (guint) u, &x0, &y0);

  /* Zoom in: the unit moves on screen, and is still hit where it is now
   * (before and after the frame is redrawn at the new zoom). */
  sculptor_network_view_zoom_in (fixture->view);
  sculptor_network_view_get_transform (fixture->view, &zoom, &pan_x, &pan_y);
  g_assert_cmpfloat (zoom, >, 1.0);
  unit_position (fixture, (guint) u, &x1, &y1);
  g_assert_cmpfloat (hypot (x1 - x0, y1 - y0), >, 3 * layout->units[u].radius + 8);
  g_assert_cmpfloat (x1, >, 0);
  g_assert_cmpfloat (y1, >, 0);
  hit = sculptor_network_view_hit_test_widget (fixture->view, x1, y1);
  g_assert_cmpint (hit.kind, ==, SC_HIT_UNIT);
  g_assert_cmpuint (hit.unit, ==, (guint) u);
  GUI_WAIT_UNTIL (is_still (fixture));
  g_assert_cmpint (sculptor_network_view_activate_at (fixture->view, x1, y1), ==, 0);

  /* Zoom out restores the transform. */
  sculptor_network_view_zoom_out (fixture->view);
  assert_view (fixture, 1.0, 0.0, 0.0);

  /* Zooming at a point keeps that point in place. */
  sculptor_network_view_zoom_at (fixture->view, 2.0, x0, y0);
  unit_position (fixture, (guint) u, &x1, &y1);
  g_assert_cmpfloat_with_epsilon (x1, x0, 1e-6);
  g_assert_cmpfloat_with_epsilon (y1, y0, 1e-6);

  /* Out further than the minimum is clamped, centred; fit resets. */
  for (guint i = 0; i < 20; i++)
    sculptor_network_view_zoom_out (fixture->view);
  sculptor_network_view_get_transform (fixture->view, &zoom, &pan_x, &pan_y);
  g_assert_cmpfloat (zoom, ==, 0.5);
  g_assert_cmpfloat_with_epsilon (pan_x, gtk_widget_get_width (GTK_WIDGET (fixture->view)) * 0.25, 1e-6);
  sculptor_network_view_zoom_in (fixture->view);
  sculptor_network_view_zoom_in (fixture->view);
  sculptor_network_view_zoom_in (fixture->view);
  sculptor_network_view_zoom_fit (fixture->view);
  assert_view (fixture, 1.0, 0.0, 0.0);
  GUI_WAIT_UNTIL (is_still (fixture));
}

/* The same network, its weights moved (a training snapshot). */
static ScSnapshot *
with_new_weights (const ScSnapshot *snapshot,
                  float             factor)
{
  ScSnapshot *copy = sc_snapshot_new (snapshot->arch, snapshot->n_layers);

  for (guint k = 0; k + 1 < snapshot->n_layers; k++)
    memcpy (copy->mask->m[k], snapshot->mask->m[k], sc_mask_layer_size (snapshot->mask, k));
  copy->density = snapshot->density;

  for (guint k = 0; k + 1 < snapshot->n_layers; k++)
    for (gsize e = 0; e < sc_mask_layer_size (snapshot->mask, k); e++)
      copy->w[k][e] = snapshot->w[k][e] * (e % 2 ? factor : 1.0f);
  return copy;
}

/* A fade's mix of two frames: each premultiplied channel is
 * (1 − w) · from + w · to rounded down, w the progress in 256ths (so within
 * 1.5 of the exact mix), the ends exact, no channel above its alpha. */
static void
test_blend_pixels (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  const double progress[] = { 0.0, 0.1, 0.5, 0.73, 1.0 };
  guint32 from[512], to[512], out[512];

  for (guint i = 0; i < G_N_ELEMENTS (from); i++)
    for (guint j = 0; j < 2; j++)
      {
        guint32 alpha = i < 4 ? (i % 2) * 255 : (guint32) g_rand_int_range (rand, 0, 256);
        guint32 pixel = alpha << 24;

        for (guint c = 0; c < 3; c++)
          pixel |= (guint32) g_rand_int_range (rand, 0, alpha + 1) << (8 * c);
        (j == 0 ? from : to)[i] = pixel;
      }

  for (guint k = 0; k < G_N_ELEMENTS (progress); k++)
    {
      double p = progress[k], w = round (p * 256.0);

      _sculptor_frame_blend_pixels (from, to, out, G_N_ELEMENTS (out), p);
      for (guint i = 0; i < G_N_ELEMENTS (out); i++)
        for (guint c = 0; c < 4; c++)
          {
            double a = from[i] >> (8 * c) & 0xff, b = to[i] >> (8 * c) & 0xff;
            guint32 got = out[i] >> (8 * c) & 0xff;

            if (p == 0.0 || p == 1.0)
              g_assert_cmpuint (got, ==, p == 0.0 ? (guint32) a : (guint32) b);
            g_assert_cmpuint (got, ==, (guint32) (((256.0 - w) * a + w * b) / 256.0));
            g_assert_cmpfloat (fabs (got - ((1.0 - p) * a + p * b)), <=, 1.5);
            if (c < 3)
              g_assert_cmpuint (got, <=, out[i] >> 24);
          }
    }
}

/* Shows before, then after animated, with their modules or without (how
 * they look before detection): the animation runs and ends. */
static void
assert_fades (Fixture      *fixture,
              const ScStep *before,
              const ScStep *after,
              gboolean      detected,
              const char   *png_name)
{
  ScSnapshot *after_snapshot = after->snapshot;
  g_autoptr(GdkTexture) shown = NULL;

  show (fixture, before->snapshot, detected ? before->analysis : NULL);
  g_assert_false (sculptor_network_view_is_animating (fixture->view));
  shown = g_object_ref (fixture->view->frame->content);

  sculptor_network_view_set_snapshot (fixture->view, after->snapshot,
                                      detected ? after->analysis : NULL, TRUE);
  g_assert_true (sculptor_network_view_get_snapshot (fixture->view) == after_snapshot);
  GUI_WAIT_UNTIL (is_animating (fixture));
  /* detected networks fade from the frame that was on screen, not drawn again */
  if (detected)
    g_assert_true (fixture->view->frame->fade_from == shown);
  g_object_unref (gui_render_widget (GTK_WIDGET (fixture->view), png_name));
  GUI_WAIT_UNTIL (is_still (fixture));
}

static void
test_view_fade (Fixture       *fixture,
                gconstpointer  data)
{
  ScRun *run = get_run ();
  const ScStep *before = NULL, *after = NULL;

  /* Two accepted steps in a row whose masks differ. */
  for (guint i = 0; i < run->steps->len && after == NULL; i++)
    {
      const ScStep *step = &g_array_index (run->steps, ScStep, i);

      if (!step->accepted || step->snapshot == NULL)
        continue;
      if (before != NULL && !sc_mask_equal (before->snapshot->mask, step->snapshot->mask))
        after = step;
      else
        before = step;
    }
  g_assert_nonnull (after);
  g_assert_nonnull (after->analysis);

  /* Detected networks blend; before detection pruned parts fade out. */
  assert_fades (fixture, before, after, TRUE, "gui-netview-blending.png");
  assert_fades (fixture, before, after, FALSE, "gui-netview-fading.png");

  /* The retraining's first snapshots (new weights, the same mask) come
   * while the fade plays: it goes on into them. The fade is held still
   * here (its start far ahead) so that the frame surely arrives during it. */
  {
    g_autoptr(ScSnapshot) retrained = with_new_weights (after->snapshot, 2.0f);

    show (fixture, before->snapshot, NULL);
    sculptor_network_view_set_snapshot (fixture->view, after->snapshot, NULL, TRUE);
    GUI_WAIT_UNTIL (is_animating (fixture) && fixture->view->animation_start != 0);
    fixture->view->animation_start = G_MAXINT64 / 2;
    g_assert_nonnull (fixture->view->frame->fade_from);
    sculptor_network_view_set_snapshot (fixture->view, retrained, NULL, FALSE);
    GUI_WAIT_UNTIL (!sculptor_network_view_is_busy (fixture->view) &&
                    fixture->view->frame->request.snapshot == retrained);
    g_assert_true (sculptor_network_view_is_animating (fixture->view));
    g_assert_nonnull (fixture->view->frame->fade_from);
    g_assert_nonnull (fixture->view->frame->fade_to);
    fixture->view->animation_start = 1;   /* long over: the next tick ends it */
    GUI_WAIT_UNTIL (is_still (fixture));
    g_assert_null (fixture->view->frame->fade_from);
  }

  /* Without animate, nothing moves; nor when the desktop says so. */
  sculptor_network_view_set_snapshot (fixture->view, before->snapshot, before->analysis, FALSE);
  GUI_WAIT_UNTIL (is_drawn (fixture));
  g_assert_false (sculptor_network_view_is_animating (fixture->view));
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  sculptor_network_view_set_snapshot (fixture->view, after->snapshot, after->analysis, TRUE);
  GUI_WAIT_UNTIL (is_drawn (fixture));
  g_assert_true (sculptor_network_view_get_snapshot (fixture->view) == after->snapshot);
  g_assert_false (sculptor_network_view_is_animating (fixture->view));
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", TRUE, NULL);

  /* No snapshot: the empty state, no layout. */
  sculptor_network_view_set_snapshot (fixture->view, NULL, NULL, TRUE);
  g_assert_null (sculptor_network_view_get_layout (fixture->view));
  g_assert_false (sculptor_network_view_is_animating (fixture->view));
  g_object_unref (gui_render_widget (GTK_WIDGET (fixture->view), "gui-netview-empty.png"));
}

/* Two accepted steps in a row whose masks differ, shown without their
 * modules: pruning there closes the layers up. @return the second's
 * modules */
static ScAnalysis *
pruning_pair (ScSnapshot **before,
              ScSnapshot **after)
{
  ScRun *run = get_run ();
  ScSnapshot *a = NULL;

  for (guint i = 0; i < run->steps->len; i++)
    {
      ScStep *step = &g_array_index (run->steps, ScStep, i);

      if (!step->accepted || step->snapshot == NULL)
        continue;
      if (a != NULL && !sc_mask_equal (a->mask, step->snapshot->mask))
        {
          g_assert_nonnull (step->analysis);
          *before = sc_snapshot_ref (a);
          *after = sc_snapshot_ref (step->snapshot);
          return step->analysis;
        }
      a = step->snapshot;
    }
  g_assert_not_reached ();
  return NULL;
}

static void
texture_rgba (GdkTexture *texture,
              int         x,
              int         y,
              guchar      rgba[4])
{
  int width = gdk_texture_get_width (texture), height = gdk_texture_get_height (texture);
  g_autofree guchar *data = g_malloc ((gsize) width * height * 4);

  gdk_texture_download (texture, data, (gsize) width * 4);
  memcpy (rgba, data + ((gsize) y * width + x) * 4, 4);
}

static void
frame_request_init (SculptorFrameRequest *request,
                    ScSnapshot           *before,
                    ScSnapshot           *after,
                    ScAnalysis           *analysis,
                    ScTask               *task)
{
  memset (request, 0, sizeof *request);
  request->snapshot = sc_snapshot_ref (after);
  request->analysis = analysis ? sc_analysis_ref (analysis) : NULL;
  request->previous = before ? sc_snapshot_ref (before) : NULL;
  request->task = sc_task_ref (task);
  request->width = 640;
  request->height = 560;
  request->scale = 1;
  request->transform.zoom = 1.0;
  request->selected_id = -1;
}

/* Units that move from `from` to the frame's layout are drawn, in each
 * close-up texture, on the straight way: their centre has the unit's fill
 * there, as in the content. @return how many move */
static guint
assert_close_up (const SculptorFrame *frame,
                 const ScLayout      *from)
{
  guint n = frame->close_up->len, moving = 0;

  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n, <=, SCULPTOR_FRAME_CLOSE_UP_FRAMES);
  for (guint u = 0; u < frame->layout->n_units; u++)
    {
      const ScLayoutUnit *a = &from->units[u], *b = &frame->layout->units[u];

      if (!a->visible || !b->visible || hypot (b->x - a->x, b->y - a->y) < 3.0)
        continue;
      moving++;
      for (guint k = 0; k < n; k++)
        {
          double t = (k + 1.0) / (n + 1), x = a->x + (b->x - a->x) * t, y = a->y + (b->y - a->y) * t;
          guchar inside[4], final[4];

          texture_rgba (g_ptr_array_index (frame->close_up, k), (int) round (x), (int) round (y), inside);
          texture_rgba (frame->content, (int) round (b->x), (int) round (b->y), final);
          g_assert_cmpmem (inside, 4, final, 4);
        }
    }
  return moving;
}

static void
on_close_up_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GPtrArray **frames = user_data;
  double cpu_ms = -1.0;

  *frames = _sculptor_frame_close_up_finish (result, &cpu_ms, NULL);
  g_assert_cmpfloat (cpu_ms, >=, 0.0);
}

static void
assert_same_pixels (GdkTexture *a,
                    GdkTexture *b)
{
  int width = gdk_texture_get_width (a), height = gdk_texture_get_height (a);
  g_autofree guchar *pa = g_malloc ((gsize) width * height * 4);
  g_autofree guchar *pb = g_malloc ((gsize) width * height * 4);

  g_assert_cmpint (gdk_texture_get_width (b), ==, width);
  g_assert_cmpint (gdk_texture_get_height (b), ==, height);
  gdk_texture_download (a, pa, (gsize) width * 4);
  gdk_texture_download (b, pb, (gsize) width * 4);
  g_assert_cmpmem (pa, (gsize) width * height * 4, pb, (gsize) width * height * 4);
}

/* The view has the close-up drawn while the fade plays, so the fade
 * starts a few frames' drawing sooner: a request deferring it leaves the
 * fade's end, and the close-up drawn from it afterwards (on a worker, from
 * references of its own) is the one drawn in one go, pixel for pixel. */
static void
test_frame_close_up_deferred (void)
{
  g_autoptr(ScSnapshot) before = NULL;
  g_autoptr(ScSnapshot) after = NULL;
  g_autoptr(SculptorFrame) whole = NULL;
  g_autoptr(SculptorFrame) deferred = NULL;
  g_autoptr(GPtrArray) frames = NULL;
  SculptorFrameRequest request;
  ScTask *task = get_run ()->task;

  pruning_pair (&before, &after);
  frame_request_init (&request, before, after, NULL, task);
  whole = _sculptor_frame_render (&request);
  g_assert_nonnull (whole->close_up);
  g_assert_null (whole->close_up_from);

  frame_request_init (&request, before, after, NULL, task);
  request.defer_close_up = TRUE;
  deferred = _sculptor_frame_render (&request);
  g_assert_nonnull (deferred->fade_from);
  g_assert_null (deferred->close_up);
  g_assert_nonnull (deferred->close_up_from);

  _sculptor_frame_close_up_async (deferred, NULL, on_close_up_done, &frames);
  g_clear_pointer (&deferred, _sculptor_frame_free);   /* the job keeps what it needs */
  GUI_WAIT_UNTIL (frames != NULL);
  g_assert_cmpuint (frames->len, ==, whole->close_up->len);
  for (guint k = 0; k < frames->len; k++)
    assert_same_pixels (g_ptr_array_index (whole->close_up, k), g_ptr_array_index (frames, k));
}

/* The requests of the frame on screen (before) and of the next (after,
 * fading from before) as the view makes them: with titles, the selection
 * and theme of variant; in_place: before and after without modules (a
 * retraining's snapshots) drawn in the layout of base, the network with
 * modules shown last. */
static void
fade_requests (SculptorFrameRequest *shown,
               SculptorFrameRequest *next,
               const ScStep         *base,
               ScSnapshot           *before,
               const ScStep         *after,
               gboolean              in_place,
               guint                 variant)
{
  ScTask *task = get_run ()->task;
  SculptorFrameRequest *requests[2] = { shown, next };

  frame_request_init (shown, NULL, before, in_place ? NULL : base->analysis, task);
  frame_request_init (next, before, after->snapshot, in_place ? NULL : after->analysis, task);
  next->previous_analysis = in_place ? NULL : sc_analysis_ref (base->analysis);
  for (guint r = 0; r < 2; r++)
    {
      requests[r]->title = g_strdup ("A task");
      requests[r]->subtitle = g_strdup_printf ("density %u %%", 50 - 10 * r);   /* differs */
      requests[r]->selected_id = variant == 1 ? (int) base->analysis->modules->modules[0].id : -1;
      requests[r]->dark = variant == 2;
      if (in_place)
        {
          requests[r]->layout_from = sc_snapshot_ref (base->snapshot);
          requests[r]->layout_analysis = sc_analysis_ref (base->analysis);
        }
    }
}

/* A fade starts from the frame on screen instead of drawing the network
 * before again: the same pixels, for every pruning step of the run,
 * detected networks and networks drawn in their predecessor's layout
 * (retraining), plain, with a module selected, dark. */
static void
test_frame_fade_starts_from_shown (void)
{
  ScRun *run = get_run ();
  const ScStep *before = NULL;
  guint pairs = 0;

  for (guint i = 0; i < run->steps->len; i++)
    {
      const ScStep *step = &g_array_index (run->steps, ScStep, i);

      if (!step->accepted || step->snapshot == NULL || step->analysis == NULL)
        continue;
      if (before != NULL && !sc_mask_equal (before->snapshot->mask, step->snapshot->mask))
        for (guint k = 0; k < 6; k++)
          {
            gboolean in_place = k >= 3;
            /* a retraining's snapshot: before's mask, other weights */
            g_autoptr(ScSnapshot) shown_net = in_place ? with_new_weights (before->snapshot, 1.5f)
                                                       : sc_snapshot_ref (before->snapshot);
            g_autoptr(SculptorFrame) shown = NULL;
            g_autoptr(SculptorFrame) drawn = NULL;
            g_autoptr(SculptorFrame) reused = NULL;
            SculptorFrameRequest request, next;

            fade_requests (&request, &next, before, shown_net, step, in_place, k % 3);
            shown = _sculptor_frame_render (&request);
            g_assert_true (_sculptor_frame_can_start_fade (&shown->request, &next));
            drawn = _sculptor_frame_render (&next);

            fade_requests (&request, &next, before, shown_net, step, in_place, k % 3);
            _sculptor_frame_request_clear (&request);
            next.shown_content = g_object_ref (shown->content);
            reused = _sculptor_frame_render (&next);

            g_assert_nonnull (drawn->fade_from);
            g_assert_true (reused->fade_from == shown->content);
            assert_same_pixels (drawn->fade_from, reused->fade_from);
            assert_same_pixels (drawn->fade_to, reused->fade_to);
            pairs++;
          }
      before = step;
    }
  g_assert_cmpuint (pairs, >=, 6);
  g_test_message ("%u fades compared", pairs);

  /* not when what is on screen differs */
  {
    SculptorFrameRequest shown, next;
    g_autoptr(SculptorFrame) frame = NULL;

    fade_requests (&shown, &next, before, before->snapshot, before, FALSE, 0);
    frame = _sculptor_frame_render (&shown);
    g_assert_true (_sculptor_frame_can_start_fade (&frame->request, &next));
    next.dark = TRUE;
    g_assert_false (_sculptor_frame_can_start_fade (&frame->request, &next));
    next.dark = FALSE;
    next.transform.zoom = 2.0;
    g_assert_false (_sculptor_frame_can_start_fade (&frame->request, &next));
    next.transform.zoom = 1.0;
    g_clear_pointer (&next.title, g_free);
    g_assert_false (_sculptor_frame_can_start_fade (&frame->request, &next));
    _sculptor_frame_request_clear (&next);
  }
}

/* In the view: the fade's frame comes without its close-up, which arrives
 * while the fade plays. */
static void
test_view_close_up_arrives (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(ScSnapshot) before = NULL;
  g_autoptr(ScSnapshot) after = NULL;
  g_autoptr(GPtrArray) textures = NULL;

  pruning_pair (&before, &after);
  show (fixture, before, NULL);
  sculptor_network_view_set_snapshot (fixture->view, after, NULL, TRUE);
  /* the fade's frame: on screen, fading, its close-up still to come */
  GUI_WAIT_UNTIL (sculptor_network_view_get_snapshot (fixture->view) == after &&
                  fixture->view->frame != NULL && fixture->view->frame->request.snapshot == after);
  g_assert_nonnull (fixture->view->frame->fade_from);
  g_assert_null (fixture->view->frame->close_up);
  g_assert_nonnull (fixture->view->frame->close_up_from);
  g_assert_true (sculptor_network_view_is_animating (fixture->view));
  g_assert_true (sculptor_network_view_is_busy (fixture->view));
  /* then the close-up, in time for the fade to close up (300 ms) */
  GUI_WAIT_UNTIL (!sculptor_network_view_is_busy (fixture->view));
  g_assert_cmpfloat (fixture->view->frame->close_up_cpu_ms, >, 0.0);
  if (sculptor_network_view_is_animating (fixture->view) && fixture->view->frame->close_up != NULL)
    textures = g_ptr_array_ref (fixture->view->frame->close_up);
  g_test_message ("close-up %s, %.1f ms a frame", textures ? "arrived during the fade" : "came late",
                  fixture->view->frame->close_up_cpu_ms);
  GUI_WAIT_UNTIL (is_still (fixture));
}

/* After the fade the layers close up: the frame brings a few textures in
 * between (from where the fade left the units), and so does a frame
 * blended from another layout (from where the view had them: a network
 * drawn before detection gets its modules). */
static void
test_frame_close_up (void)
{
  g_autoptr(ScSnapshot) before = NULL;
  g_autoptr(ScSnapshot) after = NULL;
  g_autoptr(ScLayout) fade_end = NULL;
  g_autoptr(SculptorFrame) frame = NULL;
  g_autoptr(SculptorFrame) plain = NULL;
  g_autoptr(SculptorFrame) detected = NULL;
  SculptorFrameRequest request;
  ScTask *task = get_run ()->task;
  ScAnalysis *modules;
  guint moving;
  ScScene scene;

  modules = pruning_pair (&before, &after);
  frame_request_init (&request, before, after, NULL, task);
  frame = _sculptor_frame_render (&request);
  g_assert_nonnull (frame->fade_from);
  g_assert_nonnull (frame->close_up);

  /* where the fade leaves the units: the frame's scene, with the pruned
   * parts all but gone */
  sc_figure_scene_init (&scene, after, NULL, task);
  scene.options.paint_background = FALSE;
  scene.previous_mask = before->mask;
  scene.progress = 0.999;
  fade_end = sc_layout_compute (&scene, frame->request.width, frame->request.height);
  moving = assert_close_up (frame, fade_end);
  g_test_message ("fade: %u units move in %u frames", moving, frame->close_up->len);
  g_assert_cmpuint (moving, >, 0);

  /* the same network gets its modules: a blend, with the units on their
   * way to the modules' columns */
  frame_request_init (&request, NULL, after, NULL, task);
  plain = _sculptor_frame_render (&request);
  g_assert_null (plain->close_up);
  frame_request_init (&request, after, after, modules, task);
  request.shown_layout = sc_layout_copy (plain->layout);
  detected = _sculptor_frame_render (&request);
  g_assert_null (detected->fade_from);
  g_assert_nonnull (detected->close_up);
  moving = assert_close_up (detected, plain->layout);
  g_test_message ("modules: %u units move in %u frames", moving, detected->close_up->len);
  g_assert_cmpuint (moving, >, 0);

  /* nothing pruned, nothing moved: no fade, no close-up */
  {
    g_autoptr(SculptorFrame) same = NULL;

    frame_request_init (&request, after, after, NULL, task);
    request.shown_layout = sc_layout_copy (plain->layout);
    same = _sculptor_frame_render (&request);
    g_assert_null (same->fade_from);
    g_assert_null (same->close_up);
  }
}

static void
set_dark (gboolean dark)
{
  g_object_set (gtk_settings_get_default (), "gtk-application-prefer-dark-theme", dark, NULL);
}

static void
test_view_png (Fixture       *fixture,
               gconstpointer  data)
{
  ScSnapshot *final = get_run ()->final;
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) dark = NULL;
  const ScLayout *layout;
  guint id = get_run ()->analysis->modules->modules[0].id;
  double x, y;
  int u;

  set_dark (FALSE);
  show (fixture, final, get_run ()->analysis);
  layout = sculptor_network_view_get_layout (fixture->view);
  u = find_unit_of (layout, (int) id);
  unit_position (fixture, (guint) u, &x, &y);

  /* The unit is painted in its module's colour, in the light palette… */
  light = gui_render_widget (GTK_WIDGET (fixture->view), "gui-netview-network.png");
  g_assert_cmpint (gdk_texture_get_width (light), ==, gtk_widget_get_width (GTK_WIDGET (fixture->view)));
  assert_module_colour (light, x, y, id, FALSE);

  /* …and follows the theme to the dark one. */
  set_dark (TRUE);
  GUI_WAIT_UNTIL (_sculptor_theme_is_dark (GTK_WIDGET (fixture->view)));
  gui_wait_for_frame (GTK_WIDGET (fixture->view));   /* the paint that asks for a dark frame */
  GUI_WAIT_UNTIL (is_still (fixture));
  dark = gui_render_widget (GTK_WIDGET (fixture->view), "gui-netview-network-dark.png");
  assert_module_colour (dark, x, y, id, TRUE);
  set_dark (FALSE);
}

/* A network of MNIST's shape, with 5 % of its dense edges: drawing it takes
 * a while, but never on the main loop. */
static ScSnapshot *
mnist_like_snapshot (void)
{
  const guint arch[] = { 1568, 392, 392, 20 };
  ScSnapshot *snapshot = sc_snapshot_new (arch, G_N_ELEMENTS (arch));
  GRand *rand = g_rand_new_with_seed (7);

  for (guint k = 0; k + 1 < G_N_ELEMENTS (arch); k++)
    for (gsize e = 0; e < (gsize) arch[k] * arch[k + 1]; e++)
      {
        snapshot->w[k][e] = (float) g_rand_double_range (rand, -1.0, 1.0);
        snapshot->mask->m[k][e] = g_rand_double (rand) < 0.05;
        if (!snapshot->mask->m[k][e])
          snapshot->w[k][e] = 0.0f;
      }
  snapshot->density = 0.05;
  g_rand_free (rand);
  return snapshot;
}

typedef struct
{
  SculptorNetworkView *view;
  gint64               last;
  gint64               max_gap;
  guint                n_busy;    /* beats while the frame was being drawn */
} Heartbeat;

static gboolean
beat (gpointer data)
{
  Heartbeat *heartbeat = data;
  gint64 now = g_get_monotonic_time ();

  heartbeat->max_gap = MAX (heartbeat->max_gap, now - heartbeat->last);
  heartbeat->last = now;
  heartbeat->n_busy += sculptor_network_view_is_busy (heartbeat->view);
  return G_SOURCE_CONTINUE;
}

static void
test_view_large (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ScSnapshot) snapshot = mnist_like_snapshot ();
  g_autoptr(ScTask) task = sc_task_new ();
  Heartbeat heartbeat = { fixture->view, g_get_monotonic_time (), 0, 0 };
  guint source;
  double x, y;
  ScHit hit;

  task->kind = SC_TASK_IMAGE;
  task->n_in = 1568;
  task->n_out = 20;
  task->image_width = 56;
  task->image_height = 28;
  sculptor_network_view_set_task (fixture->view, task);

  /* Handing the snapshot over returns before the frame is drawn, and the
   * main loop keeps running while it is drawn. How long the longest gap
   * is depends on the machine's load: reported, not asserted. */
  sculptor_network_view_set_snapshot (fixture->view, snapshot, NULL, FALSE);
  g_assert_true (sculptor_network_view_is_busy (fixture->view));

  source = g_timeout_add (10, beat, &heartbeat);
  heartbeat.last = g_get_monotonic_time ();
  GUI_WAIT_UNTIL_TIMEOUT (is_still (fixture), 120);
  g_source_remove (source);
  /* The call above returned with the frame still being drawn: that is
   * what keeps the main loop free. How many beats fall inside the drawing
   * depends on how fast it is (17 ms since the level-of-detail renderer,
   * 400 ms before): reported, not asserted. */
  g_test_message ("Main loop beats while drawing: %u; largest gap %.1f ms",
                  heartbeat.n_busy, heartbeat.max_gap / 1000.0);

  /* The input layer is an image; a pixel is hit as a unit of layer 0. */
  g_assert_true (sculptor_network_view_get_layout (fixture->view)->has_image);
  sculptor_network_view_layout_to_widget (fixture->view,
                                          sculptor_network_view_get_layout (fixture->view)->units[57].x,
                                          sculptor_network_view_get_layout (fixture->view)->units[57].y,
                                          &x, &y);
  hit = sculptor_network_view_hit_test_widget (fixture->view, x, y);
  g_assert_cmpint (hit.kind, ==, SC_HIT_UNIT);
  g_assert_cmpuint (hit.layer, ==, 0);
  g_assert_cmpuint (hit.index, ==, 57);
  gui_save_png (GTK_WIDGET (fixture->view), "gui-netview-large.png");
}

static void
test_view_tooltip (Fixture       *fixture,
                   gconstpointer  data)
{
  ScRun *run = get_run ();
  ScSnapshot *final = run->final;
  const ScModule *module = &run->analysis->modules->modules[0];
  g_autofree char *module_text = NULL;
  g_autofree char *module_label = NULL;
  const ScLayout *layout;
  guint fan_in = 0, fan_out = 0;
  double x, y;
  ScHit hit;
  int u;

  show (fixture, final, run->analysis);
  layout = sculptor_network_view_get_layout (fixture->view);
  u = find_unit_of (layout, (int) module->id);
  unit_position (fixture, (guint) u, &x, &y);
  hit = sculptor_network_view_hit_test_widget (fixture->view, x, y);
  g_assert_cmpint (hit.kind, ==, SC_HIT_UNIT);

  /* Fan-in and fan-out counted here from the mask, the module by id. */
  for (guint i = 0; hit.layer > 0 && i < final->arch[hit.layer - 1]; i++)
    fan_in += sc_mask_get (final->mask, hit.layer - 1, i, hit.index);
  for (guint j = 0; hit.layer + 1 < final->n_layers && j < final->arch[hit.layer + 1]; j++)
    fan_out += sc_mask_get (final->mask, hit.layer, hit.index, j);
  g_assert_cmpuint (fan_in + fan_out, >, 0);
  {
    g_autofree char *text = _sculptor_network_describe_unit (final, run->analysis, run->task, &hit);
    g_autofree char *fans = g_strdup_printf ("Fan-in %u · fan-out %u", fan_in, fan_out);
    g_autofree char *label = g_strdup_printf ("Module M%u", module->id);
    g_autofree char *where = g_strdup_printf ("unit %u", hit.index);

    g_assert_nonnull (strstr (text, fans));
    g_assert_nonnull (strstr (text, label));
    g_assert_nonnull (strstr (text, where));
  }

  /* A module names its inputs with the task's names. */
  module_text = _sculptor_network_describe_module (final, run->analysis, run->task, module->id);
  module_label = g_strdup_printf ("<b>Module M%u</b>", module->id);
  g_assert_true (g_str_has_prefix (module_text, module_label));
  g_assert_cmpuint (module->inputs->len, >, 0);
  g_assert_nonnull (strstr (module_text,
                            run->task->input_names[g_array_index (module->inputs, guint, 0)]));
}

static void
cache_stats (Fixture *fixture,
             guint    stats[3])
{
  _sculptor_frame_cache_get_stats (fixture->view->cache, &stats[0], &stats[1], &stats[2]);
}

/* Frames reuse the layout of the network before while only the zoom or
 * the weights change, brought up to date with the weights; a new mask
 * lays the network out afresh. What the view shows follows every change. */
static void
test_view_cache (Fixture       *fixture,
                 gconstpointer  data)
{
  ScRun *run = get_run ();
  ScSnapshot *plain = run->final;   /* shown without its analysis: no modules */
  g_autoptr(ScSnapshot) heavier = with_new_weights (plain, 3.0f);
  ScSnapshot *dense = run->dense;
  g_autoptr(GdkTexture) light = NULL;
  g_autoptr(GdkTexture) heavy = NULL;
  g_autoptr(ScLayout) fresh = NULL;
  guint before[3], after[3];
  ScScene scene;

  show (fixture, plain, NULL);
  cache_stats (fixture, before);
  light = g_object_ref (fixture->view->frame->content);

  /* zoom: the same layout as it was */
  sculptor_network_view_zoom_in (fixture->view);
  GUI_WAIT_UNTIL (is_still (fixture));
  cache_stats (fixture, after);
  g_assert_cmpuint (after[0], ==, before[0] + 1);
  g_assert_cmpuint (after[2], ==, before[2]);
  sculptor_network_view_zoom_fit (fixture->view);
  GUI_WAIT_UNTIL (is_still (fixture));

  /* new weights: the layout follows them, the pixels too */
  cache_stats (fixture, before);
  show (fixture, heavier, NULL);
  cache_stats (fixture, after);
  g_assert_cmpuint (after[1], ==, before[1] + 1);
  g_assert_cmpuint (after[2], ==, before[2]);
  sc_figure_scene_init (&scene, heavier, NULL, NULL);
  fresh = sc_layout_compute (&scene, fixture->view->frame->request.width,
                             fixture->view->frame->request.height);
  g_assert_cmpfloat (sculptor_network_view_get_layout (fixture->view)->max_abs_weight, ==,
                     fresh->max_abs_weight);
  heavy = g_object_ref (fixture->view->frame->content);
  {
    g_autoptr(GBytes) a = gdk_texture_save_to_png_bytes (light);
    g_autoptr(GBytes) b = gdk_texture_save_to_png_bytes (heavy);

    g_assert_false (g_bytes_equal (a, b));
  }

  /* another mask: computed */
  cache_stats (fixture, before);
  show (fixture, dense, NULL);
  cache_stats (fixture, after);
  g_assert_cmpuint (after[2], ==, before[2] + 1);
}

/* ---- timeline --------------------------------------------------------------- */

static void
fill_timeline (Fixture *fixture)
{
  ScRun *run = get_run ();

  for (guint i = 0; i < run->steps->len; i++)
    sculptor_timeline_append (fixture->timeline, &g_array_index (run->steps, ScStep, i));
  sculptor_timeline_set_stage (fixture->timeline, SC_STAGE_DONE);
}

static void
test_timeline_click (Fixture       *fixture,
                     gconstpointer  data)
{
  guint n = get_run ()->steps->len;
  double x, y, last_x;

  fill_timeline (fixture);
  g_assert_cmpuint (sc_timeline_get_n_points (sculptor_timeline_get_model (fixture->timeline)), ==, n);
  g_assert_cmpint (sculptor_timeline_get_selected (fixture->timeline), ==, -1);

  /* A click on a step's marker, and one in its column far below it. */
  g_assert_true (sculptor_timeline_get_step_position (fixture->timeline, 3, &x, &y));
  g_assert_true (sculptor_timeline_activate_at (fixture->timeline, x, y));
  g_assert_cmpint (sculptor_timeline_get_selected (fixture->timeline), ==, 3);
  g_assert_cmpint (fixture->step_signal, ==, 3);
  g_assert_true (sculptor_timeline_get_step_position (fixture->timeline, 1, &x, &y));
  g_assert_true (sculptor_timeline_activate_at (fixture->timeline, x + 1,
                                                gtk_widget_get_height (GTK_WIDGET (fixture->timeline)) - 25));
  g_assert_cmpint (sculptor_timeline_get_selected (fixture->timeline), ==, 1);
  g_assert_cmpint (fixture->step_signal, ==, 1);

  /* Right of the last step: back to the live end. */
  g_assert_true (sculptor_timeline_get_step_position (fixture->timeline, n - 1, &last_x, &y));
  g_assert_true (sculptor_timeline_activate_at (fixture->timeline,
                                                gtk_widget_get_width (GTK_WIDGET (fixture->timeline)) - 50, y));
  g_assert_cmpint (sculptor_timeline_get_selected (fixture->timeline), ==, -1);
  g_assert_cmpint (fixture->step_signal, ==, -1);

  /* Outside the plot (the axis labels) nothing happens. */
  g_assert_false (sculptor_timeline_activate_at (fixture->timeline, 5, y));
  g_assert_cmpuint (fixture->n_step_signals, ==, 3);

  /* Keys: Left from the live end picks the last step, Home the first. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.previous", NULL));
  g_assert_cmpint (sculptor_timeline_get_selected (fixture->timeline), ==, (int) n - 1);
  g_assert_cmpint (fixture->step_signal, ==, (int) n - 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture->timeline), "timeline.first", NULL));
  g_assert_cmpint (fixture->step_signal, ==, 0);

  /* Setting the selection does not signal; it is clamped. */
  sculptor_timeline_set_selected (fixture->timeline, 2);
  g_assert_cmpint (fixture->step_signal, ==, 0);
  sculptor_timeline_set_selected (fixture->timeline, (int) n + 10);
  g_assert_cmpint (sculptor_timeline_get_selected (fixture->timeline), ==, -1);

  sculptor_timeline_set_selected (fixture->timeline, 4);
  g_object_unref (gui_render_widget (GTK_WIDGET (fixture->timeline), "gui-netview-timeline.png"));
  sculptor_timeline_set_log_density (fixture->timeline, TRUE);
  g_object_unref (gui_render_widget (GTK_WIDGET (fixture->timeline), "gui-netview-timeline-log.png"));

  sculptor_timeline_clear (fixture->timeline);
  g_assert_cmpint (sculptor_timeline_get_selected (fixture->timeline), ==, -1);
  g_assert_false (sculptor_timeline_get_step_position (fixture->timeline, 0, &x, &y));
}

/* The frame painted moved by x, y and zoomed with the window's renderer,
 * either as a texture node (GTK's way) or the view's way. */
static GdkTexture *
render_frame (Fixture    *fixture,
              GdkTexture *texture,
              double      x,
              double      y,
              double      zoom,
              gboolean    as_texture_node)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  graphene_rect_t bounds = GRAPHENE_RECT_INIT (0, 0, gdk_texture_get_width (texture),
                                               gdk_texture_get_height (texture));

  if (as_texture_node)
    {
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
      gtk_snapshot_scale (snapshot, zoom, zoom);
      gtk_snapshot_append_texture (snapshot, texture, &bounds);
    }
  else
    _sculptor_network_view_append_frame (fixture->view, snapshot, texture, x, y, zoom, &bounds);
  node = gtk_snapshot_free_to_node (snapshot);
  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (fixture->window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, 600, 500));
}

/* With the cairo renderer the view paints its frames from their Cairo
 * surfaces, not as texture nodes (GTK 4.8 converts every pixel of those,
 * each frame): the same pixels, as drawn and moved and zoomed as during a
 * zoom or pan before the sharp frame arrives. */
static void
test_view_cairo_frame (Fixture       *fixture,
                       gconstpointer  data)
{
  const double moves[][3] = { { 0.0, 0.0, 1.0 }, { -17.5, 9.0, 1.0 }, { -217.5, -109.0, 2.5 },
                              { 40.0, 12.25, 0.75 } };
  GdkTexture *content;

  show (fixture, get_run ()->final, get_run ()->analysis);
  g_assert_true (GSK_IS_CAIRO_RENDERER (gtk_native_get_renderer (GTK_NATIVE (fixture->window))));
  content = fixture->view->frame->content;
  g_assert_nonnull (_sculptor_frame_texture_surface (content));

  for (guint m = 0; m < G_N_ELEMENTS (moves); m++)
    {
      g_autoptr(GdkTexture) expected = render_frame (fixture, content, moves[m][0], moves[m][1],
                                                     moves[m][2], TRUE);
      g_autoptr(GdkTexture) painted = render_frame (fixture, content, moves[m][0], moves[m][1],
                                                    moves[m][2], FALSE);
      g_autofree guint8 *a = g_malloc ((gsize) 600 * 500 * 4);
      g_autofree guint8 *b = g_malloc ((gsize) 600 * 500 * 4);
      guint worst = 0, inked = 0;

      gdk_texture_download (expected, a, 600 * 4);
      gdk_texture_download (painted, b, 600 * 4);
      for (gsize i = 0; i < (gsize) 600 * 500 * 4; i++)
        {
          worst = MAX (worst, (guint) ABS ((int) a[i] - (int) b[i]));
          inked += (i % 4 == 3) && a[i] != 0;
        }
      g_test_message ("moved %.2f, %.2f, zoom %.2f: %u pixels with ink, largest difference %u",
                      moves[m][0], moves[m][1], moves[m][2], inked, worst);
      g_assert_cmpuint (inked, >, 1000);
      g_assert_cmpuint (worst, <=, 1);
    }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);

  g_test_add ("/NetworkView/hit-test", Fixture, NULL, fixture_set_up, test_view_hit_test, fixture_tear_down);
  g_test_add ("/NetworkView/zoom", Fixture, NULL, fixture_set_up, test_view_zoom, fixture_tear_down);
  g_test_add ("/NetworkView/fade", Fixture, NULL, fixture_set_up, test_view_fade, fixture_tear_down);
  g_test_add_func ("/NetworkView/blend-pixels", test_blend_pixels);
  g_test_add_func ("/NetworkView/close-up", test_frame_close_up);
  g_test_add_func ("/NetworkView/fade-starts-from-shown", test_frame_fade_starts_from_shown);
  g_test_add_func ("/NetworkView/close-up-deferred", test_frame_close_up_deferred);
  g_test_add ("/NetworkView/close-up-arrives", Fixture, NULL, fixture_set_up,
              test_view_close_up_arrives, fixture_tear_down);
  g_test_add ("/NetworkView/tooltip", Fixture, NULL, fixture_set_up, test_view_tooltip, fixture_tear_down);
  g_test_add ("/NetworkView/png", Fixture, NULL, fixture_set_up, test_view_png, fixture_tear_down);
  g_test_add ("/NetworkView/large", Fixture, NULL, fixture_set_up, test_view_large, fixture_tear_down);
  g_test_add ("/NetworkView/cache", Fixture, NULL, fixture_set_up, test_view_cache, fixture_tear_down);
  g_test_add ("/NetworkView/cairo-frame", Fixture, NULL, fixture_set_up, test_view_cairo_frame,
              fixture_tear_down);
  g_test_add ("/Timeline/click", Fixture, NULL, fixture_set_up, test_timeline_click, fixture_tear_down);

  status = g_test_run ();
  g_clear_pointer (&the_run, sc_run_free);
  return status;
}
