/* bench-render.c — how long the app's views take to draw a frame
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* bench-render [--tasks NAME,…] [--no-boolean] [--no-mnist] [--run RESULT.json …]
 *              [--repeats N] [--screenshots DIR]
 *
 * Opens the app's window at 1600 × 1000 (the size the frame costs of
 * issue 12 were measured at; --window W×H for another) and puts networks
 * into its views (--network-view W×H: the network view alone in a window
 * of its own, as large as a user may make it):
 *
 *   Boolean   every bundled Boolean task (or --tasks), run with its default
 *             hyper-parameters and seed 0: the dense network and the pruned,
 *             detected one, the run's steps in the timeline, its modules in
 *             the hierarchy;
 *   MNIST     a network of mnist/hierarchical-xor's shape, 1568-392×5-3:
 *             dense with random weights (PyTorch's default initialisation),
 *             and a pruned one with two digit modules feeding three XOR
 *             modules (synthetic, detected by Sculptor);
 *   --run     the dense and final networks and the steps of saved runs
 *             (sculptor-cli run --snapshots), e.g. a real MNIST run.
 *
 * For every network it prints the cost of a frame of each view, in
 * milliseconds of CPU time of the thread doing the work (on a shared
 * machine wall time mostly measures the other processes):
 *
 *   draw    the network view's worker drawing the frame of a new state
 *           (SCULPTOR_DEBUG_FRAMES logs its wall time): the network shown
 *           first ("new"), the same network with new weights as during live
 *           training ("live", the median of --repeats updates; "retrain":
 *           the same without modules of its own, drawn in the detected
 *           network's layout, as while a step's network is retrained),
 *           zoomed in 8× on the first hidden layer ("zoom"), and a pruning
 *           step with its fade ("step"; "close": per frame of the layers
 *           closing up after the fade, drawn while the fade plays);
 *   hierarchy new: the tree made for the run's first modules and painted
 *           (a long tree comes a few rows per frame: the most expensive
 *           frame); step: the tree of the step before replaced by the
 *           run's (each detected step); all: painted again whole;
 *   open    (--run) the longest main-loop iteration while the window opens
 *           the saved run (read and detected on a worker thread, then
 *           shown), in the paint column;
 *   paint   the main thread's part of the window frames that put that state
 *           on screen (layout, snapshot, render with the cairo renderer):
 *           the most expensive of them (for "step", of the fade's whole
 *           animation); the timeline and the hierarchy repainted whole.
 *
 * Every row of the network view is the median of --repeats measurements.
 *
 * and the ratio to the budget: 16 ms for Boolean networks, 33 ms for MNIST
 * networks (the largest of the draw and paint ratios of a row). Needs a
 * display and software rendering: bench/run --render starts Xvfb with
 * GSK_RENDERER=cairo. The last line is one JSON object with every number. */

#define G_LOG_DOMAIN "sculptor-bench"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <gtk/gtk.h>

#include "sc-mnist.h"
#include "sc-module-tree.h"
#include "sc-pipeline.h"
#include "sc-result.h"
#include "sc-task.h"
#include "sculptor-network-view-private.h"
#include "sculptor-resources.h"
#include "sculptor-window-private.h"

#define BUDGET_BOOLEAN 16.0
#define BUDGET_MNIST   33.0
#define ZOOM_IN        8.0
#define WAIT_S         600.0

/* ---- time ------------------------------------------------------------ */

static double
thread_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *values)
{
  if (values->len == 0)
    return NAN;
  g_array_sort (values, compare_doubles);
  return g_array_index (values, double, values->len / 2);
}

static double
maximum (GArray *values)
{
  double max = NAN;

  for (guint i = 0; i < values->len; i++)
    if (isnan (max) || g_array_index (values, double, i) > max)
      max = g_array_index (values, double, i);
  return max;
}

/* ---- the main loop ------------------------------------------------------ */

static gboolean
wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* The main thread's CPU time in the longest main-loop iteration since the
 * last reset: how long the window could not answer. */
static double longest_iteration;

static void
iterate (void)
{
  guint source = g_timeout_add (5, wake, NULL);
  double start;

  start = thread_cpu_ms ();
  g_main_context_iteration (NULL, TRUE);
  longest_iteration = MAX (longest_iteration, thread_cpu_ms () - start);
  g_source_remove (source);
}

#define WAIT_UNTIL(expr)                                                          \
  G_STMT_START {                                                                  \
    gint64 deadline_ = g_get_monotonic_time () + (gint64) (WAIT_S * G_USEC_PER_SEC); \
    while (!(expr))                                                               \
      {                                                                           \
        if (g_get_monotonic_time () > deadline_)                                  \
          g_error ("still false after %.0f s: %s", WAIT_S, #expr);                \
        iterate ();                                                               \
      }                                                                           \
  } G_STMT_END

/* ---- frames of the main thread ------------------------------------------ */

/* The main thread's CPU time per frame of the window, from the start of
 * the frame clock's cycle to its end. */
typedef struct
{
  GdkFrameClock *clock;
  double         start;
  GArray        *frames;      /* double ms */
  gulong         before;
  gulong         after;
} FrameMeter;

static void
on_before_paint (GdkFrameClock *clock,
                 FrameMeter    *meter)
{
  meter->start = thread_cpu_ms ();
}

static void
on_after_paint (GdkFrameClock *clock,
                FrameMeter    *meter)
{
  double ms = thread_cpu_ms () - meter->start;

  if (meter->start > 0.0)
    g_array_append_val (meter->frames, ms);
  meter->start = 0.0;
}

static void
meter_init (FrameMeter *meter,
            GtkWidget  *window)
{
  meter->clock = gtk_widget_get_frame_clock (window);
  meter->frames = g_array_new (FALSE, FALSE, sizeof (double));
  meter->before = g_signal_connect (meter->clock, "before-paint", G_CALLBACK (on_before_paint), meter);
  meter->after = g_signal_connect (meter->clock, "after-paint", G_CALLBACK (on_after_paint), meter);
}

static void
invalidate_tree (GtkWidget *widget)
{
  gtk_widget_queue_draw (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    invalidate_tree (child);
}

/* One frame that redraws widget and everything in it. */
static double
paint_frame (FrameMeter *meter,
             GtkWidget  *widget)
{
  guint n;

  /* Whatever was pending goes first. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  n = meter->frames->len;
  invalidate_tree (widget);
  WAIT_UNTIL (meter->frames->len > n);
  return g_array_index (meter->frames, double, meter->frames->len - 1);
}

static double
paint_median (FrameMeter *meter,
              GtkWidget  *widget,
              guint       repeats)
{
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint r = 0; r < repeats; r++)
    {
      double ms = paint_frame (meter, widget);

      g_array_append_val (values, ms);
    }
  return median (values);
}

/* ---- the network view ------------------------------------------------- */

static gboolean
view_is_still (SculptorNetworkView *view)
{
  return !sculptor_network_view_is_busy (view) && !sculptor_network_view_is_animating (view) &&
         view->frame != NULL;
}

/* Shows snapshot (with analysis's modules, or none) and waits for its
 * frame: the worker's CPU time. */
static double
show (SculptorNetworkView *view,
      ScSnapshot          *snapshot,
      ScAnalysis          *analysis,
      gboolean             animate)
{
  sculptor_network_view_set_snapshot (view, snapshot, analysis, animate);
  WAIT_UNTIL (!sculptor_network_view_is_busy (view));
  return view->frame->cpu_ms;
}

/* The network with every weight moved by up to 2 %, as between two
 * training snapshots (a few mini-batches apart). */
static ScSnapshot *
nudged (const ScSnapshot *snapshot,
        GRand            *rand)
{
  ScSnapshot *copy = sc_snapshot_new (snapshot->arch, snapshot->n_layers);

  for (guint k = 0; k + 1 < snapshot->n_layers; k++)
    {
      gsize size = sc_mask_layer_size (snapshot->mask, k);

      memcpy (copy->mask->m[k], snapshot->mask->m[k], size);
      for (gsize e = 0; e < size; e++)
        copy->w[k][e] = snapshot->mask->m[k][e]
                        ? snapshot->w[k][e] * (float) g_rand_double_range (rand, 0.98, 1.02) : 0.0f;
      memcpy (copy->b[k], snapshot->b[k], sizeof (float) * snapshot->arch[k + 1]);
    }
  copy->stage = snapshot->stage;
  copy->step = snapshot->step;
  copy->density = snapshot->density;
  copy->accuracy = snapshot->accuracy;
  return copy;
}

/* The centre of the first hidden layer's units, in widget coordinates. */
static void
first_hidden_centre (SculptorNetworkView *view,
                     double              *x,
                     double              *y)
{
  const ScLayout *layout = sculptor_network_view_get_layout (view);
  double sx = 0.0, sy = 0.0;
  guint n = 0;

  for (guint u = 0; u < layout->n_units; u++)
    if (layout->units[u].layer == 1 && layout->units[u].visible)
      {
        sx += layout->units[u].x;
        sy += layout->units[u].y;
        n++;
      }
  if (n == 0)
    {
      *x = layout->width / 2;
      *y = layout->height / 2;
      return;
    }
  sculptor_network_view_layout_to_widget (view, sx / n, sy / n, x, y);
}

typedef struct
{
  const char *network;
  const char *view;
  const char *what;
  double      draw;        /* NAN: not drawn by the worker */
  double      paint;
  double      budget;
} Row;

static GArray *rows;

static void
add_row (const char *network,
         const char *view,
         const char *what,
         double      draw,
         double      paint,
         double      budget)
{
  Row row = { g_intern_string (network), view, what, draw, paint, budget };
  double ratio = MAX (isnan (draw) ? 0.0 : draw, isnan (paint) ? 0.0 : paint) / budget;
  g_autofree char *draw_text = isnan (draw) ? g_strdup ("-") : g_strdup_printf ("%.1f", draw);
  g_autofree char *paint_text = isnan (paint) ? g_strdup ("-") : g_strdup_printf ("%.1f", paint);

  g_array_append_val (rows, row);
  printf ("%-30s %-9s %-5s %9s %9s %7.0f %6.2f%s\n", network, view, what, draw_text, paint_text,
          budget, ratio, ratio > 1.0 ? "  over" : "");
  fflush (stdout);
}

typedef struct
{
  GtkWidget           *window;
  SculptorNetworkView *view;
  SculptorTimeline    *timeline;
  SculptorHierarchyView *hierarchy;
  FrameMeter           meter;       /* the app's window */
  FrameMeter          *view_meter;  /* the network view's window */
  FrameMeter           own_meter;   /* of the view's own window (--network-view) */
  GtkWidget           *view_window; /* or NULL */
  guint                repeats;
  const char          *screenshots;
  GRand               *rand;
} Bench;

static void
screenshot (Bench      *bench,
            GtkWidget  *window,
            const char *network,
            const char *what)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *name = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width = gtk_widget_get_width (window), height = gtk_widget_get_height (window);

  if (bench->screenshots == NULL)
    return;
  paint_frame (window == bench->window ? &bench->meter : bench->view_meter, window);
  snapshot = gtk_snapshot_new ();
  paintable = gtk_widget_paintable_new (window);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return;
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  name = g_strdup_printf ("%s-%s.png", network, what);
  g_strdelimit (name, "/", '-');
  path = g_build_filename (bench->screenshots, name, NULL);
  gdk_texture_save_to_png (texture, path);
}

/* The most expensive frame the window painted since the meter had n
 * frames: the frames that put a new state on screen (a new texture has
 * all of the view re-rendered). One more is painted if there was none. */
static double
frames_since (FrameMeter *meter,
              GtkWidget  *widget,
              guint       n)
{
  g_autoptr(GArray) frames = g_array_new (FALSE, FALSE, sizeof (double));
  guint now = meter->frames->len;

  /* the view asked for a paint when its frame arrived: if it has not come
   * yet, it comes with the next one (which then repaints what changed) */
  gtk_widget_queue_draw (widget);
  WAIT_UNTIL (meter->frames->len > now);
  g_array_append_vals (frames, &g_array_index (meter->frames, double, n), meter->frames->len - n);
  return maximum (frames);
}

/* A row of --repeats frames of network with new weights (as a training
 * snapshot brings), shown with analysis. */
static void
add_update_row (Bench      *bench,
                const char *name,
                const char *which,
                ScSnapshot *network,
                ScAnalysis *analysis,
                double      budget)
{
  g_autoptr(GArray) draws = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paints = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *widget = GTK_WIDGET (bench->view);

  for (guint r = 0; r < bench->repeats; r++)
    {
      g_autoptr(ScSnapshot) next = nudged (network, bench->rand);
      guint n = bench->view_meter->frames->len;
      double draw = show (bench->view, next, analysis, FALSE), paint;

      WAIT_UNTIL (view_is_still (bench->view));
      paint = frames_since (bench->view_meter, widget, n);
      g_array_append_val (draws, draw);
      g_array_append_val (paints, paint);
    }
  add_row (name, "network", which, median (draws), median (paints), budget);
}

/* The rows of one network shown in the network view. */
static void
bench_network (Bench        *bench,
               const char   *name,
               ScSnapshot   *network,
               ScAnalysis   *analysis,
               const ScStep *before,
               double        budget)
{
  g_autoptr(GArray) draws = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) paints = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) closes = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *widget = GTK_WIDGET (bench->view);
  double draw, paint, x, y;
  guint n;

  /* from nothing: the first frame of a network */
  for (guint r = 0; r < bench->repeats; r++)
    {
      sculptor_network_view_set_snapshot (bench->view, NULL, NULL, FALSE);
      sculptor_network_view_zoom_fit (bench->view);
      paint_frame (bench->view_meter, widget);
      n = bench->view_meter->frames->len;
      draw = show (bench->view, network, analysis, FALSE);
      WAIT_UNTIL (view_is_still (bench->view));
      paint = frames_since (bench->view_meter, widget, n);
      g_array_append_val (draws, draw);
      g_array_append_val (paints, paint);
    }
  add_row (name, "network", "new", median (draws), median (paints), budget);
  screenshot (bench, gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW), name, "network");

  /* live training: new weights, the same mask */
  add_update_row (bench, name, "live", network, analysis, budget);

  /* the retraining after a step: new weights without modules of their
   * own, drawn in the layout of the detected network shown before */
  if (analysis != NULL)
    {
      show (bench->view, network, analysis, FALSE);
      WAIT_UNTIL (view_is_still (bench->view));
      add_update_row (bench, name, "retrain", network, NULL, budget);
    }

  /* zoomed in on the first hidden layer: the last frame scaled at once,
   * then the new one */
  g_array_set_size (draws, 0);
  g_array_set_size (paints, 0);
  for (guint r = 0; r < bench->repeats; r++)
    {
      show (bench->view, network, analysis, FALSE);
      sculptor_network_view_zoom_fit (bench->view);
      WAIT_UNTIL (view_is_still (bench->view));
      first_hidden_centre (bench->view, &x, &y);
      n = bench->view_meter->frames->len;
      sculptor_network_view_zoom_at (bench->view, ZOOM_IN, x, y);
      WAIT_UNTIL (!sculptor_network_view_is_busy (bench->view));
      draw = bench->view->frame->cpu_ms;
      WAIT_UNTIL (view_is_still (bench->view));
      paint = frames_since (bench->view_meter, widget, n);
      g_array_append_val (draws, draw);
      g_array_append_val (paints, paint);
    }
  add_row (name, "network", "zoom", median (draws), median (paints), budget);
  screenshot (bench, gtk_widget_get_ancestor (widget, GTK_TYPE_WINDOW), name, "zoom");
  sculptor_network_view_zoom_fit (bench->view);
  WAIT_UNTIL (view_is_still (bench->view));

  /* a pruning step: before, then network with the fade */
  if (before == NULL)
    return;
  g_array_set_size (draws, 0);
  g_array_set_size (paints, 0);
  g_array_set_size (closes, 0);
  for (guint r = 0; r < bench->repeats; r++)
    {
      show (bench->view, before->snapshot, before->analysis, FALSE);
      WAIT_UNTIL (view_is_still (bench->view));
      n = bench->view_meter->frames->len;
      draw = show (bench->view, network, analysis, TRUE);
      WAIT_UNTIL (view_is_still (bench->view));
      paint = frames_since (bench->view_meter, widget, n);
      g_array_append_val (draws, draw);
      g_array_append_val (paints, paint);
      /* the layers closing up after the fade, drawn while it plays: per frame */
      if (bench->view->frame->close_up_cpu_ms > 0.0)
        g_array_append_val (closes, bench->view->frame->close_up_cpu_ms);
    }
  add_row (name, "network", "step", median (draws), median (paints), budget);
  if (closes->len > 0)
    add_row (name, "network", "close", median (closes), NAN, budget);
}

static void
bench_timeline (Bench        *bench,
                const char   *name,
                const GArray *steps,
                double        budget)
{
  sculptor_timeline_clear (bench->timeline);
  for (guint i = 0; i < steps->len; i++)
    sculptor_timeline_append (bench->timeline, &g_array_index (steps, ScStep, i));
  sculptor_timeline_set_stage (bench->timeline, SC_STAGE_DONE);
  add_row (name, "timeline", "all", NAN,
           paint_median (&bench->meter, GTK_WIDGET (bench->timeline), bench->repeats), budget);
}

/* The tree's modules replaced by detected's, shown before with those of
 * previous (NULL: none), until its frames are painted (a long tree comes
 * a few rows per frame): the main thread's CPU time in the call and the
 * most expensive frame after it, summed (an upper bound of a main-loop
 * iteration). */
static double
hierarchy_update (Bench      *bench,
                  ScTask     *task,
                  ScAnalysis *previous,
                  ScAnalysis *detected)
{
  double start, ms;
  guint n;

  sculptor_hierarchy_view_set_modules (bench->hierarchy, task, NULL);
  sculptor_hierarchy_view_set_modules (bench->hierarchy, task, previous);
  WAIT_UNTIL (!sculptor_hierarchy_view_has_pending_rows (bench->hierarchy));
  paint_frame (&bench->meter, bench->window);
  n = bench->meter.frames->len;
  start = thread_cpu_ms ();
  sculptor_hierarchy_view_set_modules (bench->hierarchy, task, detected);
  ms = thread_cpu_ms () - start;
  WAIT_UNTIL (!sculptor_hierarchy_view_has_pending_rows (bench->hierarchy));
  return ms + frames_since (&bench->meter, GTK_WIDGET (bench->hierarchy), n);
}

static void
bench_hierarchy (Bench      *bench,
                 const char *name,
                 ScTask     *task,
                 ScAnalysis *previous,
                 ScAnalysis *detected,
                 double      budget)
{
  g_autoptr(GArray) updates = g_array_new (FALSE, FALSE, sizeof (double));

  if (detected == NULL)
    return;

  /* the first modules of a run: the tree made from nothing */
  for (guint r = 0; r < bench->repeats; r++)
    {
      double ms = hierarchy_update (bench, task, NULL, detected);

      g_array_append_val (updates, ms);
    }
  add_row (name, "hierarchy", "new", NAN, median (updates), budget);

  /* new modules after a detected step: the tree of the step before
   * replaced */
  if (sc_analysis_n_modules (previous) > 0 && previous != detected)
    {
      g_array_set_size (updates, 0);
      for (guint r = 0; r < bench->repeats; r++)
        {
          double ms = hierarchy_update (bench, task, previous, detected);

          g_array_append_val (updates, ms);
        }
      add_row (name, "hierarchy", "step", NAN, median (updates), budget);
    }
  add_row (name, "hierarchy", "all", NAN,
           paint_median (&bench->meter, GTK_WIDGET (bench->hierarchy), bench->repeats), budget);
}

/* The last accepted step before final whose network differs from it: a
 * pruning step to fade. */
static const ScStep *
step_before (const GArray *steps,
             ScSnapshot   *final)
{
  const ScStep *before = NULL;

  for (guint i = 0; i < steps->len; i++)
    {
      const ScStep *step = &g_array_index (steps, ScStep, i);

      if (step->accepted && step->snapshot != NULL && step->snapshot != final &&
          step->snapshot->n_layers == final->n_layers &&
          !sc_mask_equal (step->snapshot->mask, final->mask))
        before = step;
    }
  return before;
}

static void
bench_run (Bench      *bench,
           const char *name,
           ScRun      *run,
           double      budget)
{
  g_autofree char *dense = g_strdup_printf ("%s dense", name);
  g_autofree char *pruned = g_strdup_printf ("%s pruned", name);
  const ScStep *before = run->final ? step_before (run->steps, run->final) : NULL;

  sculptor_network_view_set_task (bench->view, run->task);
  if (run->dense != NULL)
    bench_network (bench, dense, run->dense, NULL, NULL, budget);
  if (run->final != NULL)
    bench_network (bench, pruned, run->final, run->analysis, before, budget);
  bench_timeline (bench, name, run->steps, budget);
  bench_hierarchy (bench, name, run->task, before ? before->analysis : NULL, run->analysis, budget);
}

/* Opening a saved run in the window: read and detected on a worker, then
 * shown; the longest main-loop iteration meanwhile (the window does not
 * answer for that long), the repaint of the whole window included. */
typedef struct
{
  SculptorWindow *window;
  GFile          *file;
} OpenArgs;

static void
open_file_now (gpointer data)
{
  OpenArgs *args = data;

  sculptor_window_open_file (args->window, args->file);
}

static void
bench_open (Bench      *bench,
            const char *name,
            const char *path,
            double      budget)
{
  SculptorWindow *window = SCULPTOR_WINDOW (bench->window);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  paint_frame (&bench->meter, bench->window);
  g_clear_pointer (&window->loaded, sc_run_free);
  longest_iteration = 0.0;
  /* from the main loop, as a click on Open: all of it is measured */
  g_idle_add_once (open_file_now, &(OpenArgs) { window, file });
  WAIT_UNTIL (window->loaded != NULL && view_is_still (window->network_view));
  paint_frame (&bench->meter, bench->window);
  add_row (name, "window", "open", NAN, longest_iteration, budget);
  screenshot (bench, bench->window, name, "opened");
}

/* ---- networks ----------------------------------------------------------- */

static ScRun *
boolean_run (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = sc_task_load_bundled (name, &error);
  ScPipelineOptions options;
  ScHyper hyper;
  ScRun *run;

  if (task == NULL)
    g_error ("%s", error->message);
  sc_hyper_copy (&hyper, &task->defaults);
  hyper.seed = 0;
  sc_pipeline_options_init (&options);
  options.keep_snapshots = TRUE;
  options.detect_each_step = TRUE;
  run = sc_pipeline_run (task, &hyper, &options, &error);
  sc_hyper_clear (&hyper);
  if (run == NULL)
    g_error ("%s: %s", name, error->message);
  return run;
}

/* PyTorch's default initialisation: U(±1/√fan-in). */
static void
init_dense (ScSnapshot *snapshot,
            GRand      *rand)
{
  for (guint k = 0; k + 1 < snapshot->n_layers; k++)
    {
      double bound = 1.0 / sqrt (snapshot->arch[k]);

      for (gsize e = 0; e < (gsize) snapshot->arch[k] * snapshot->arch[k + 1]; e++)
        snapshot->w[k][e] = (float) g_rand_double_range (rand, -bound, bound);
    }
  snapshot->density = 1.0;
}

static void
connect (ScSnapshot *snapshot,
         guint       k,
         guint       from,
         guint       to,
         GRand      *rand)
{
  gsize e = (gsize) to * snapshot->arch[k] + from;

  snapshot->mask->m[k][e] = 1;
  snapshot->w[k][e] = (float) (g_rand_double_range (rand, 0.3, 1.5) *
                               (g_rand_boolean (rand) ? 1.0 : -1.0));
}

/* A pruned network of hierarchical-xor's shape: each digit (28 × 28 pixels
 * side by side) feeds 16 units through three layers, both feed three
 * groups of 4 units through two more, one per output. */
static ScSnapshot *
mnist_pruned (const guint *arch,
              guint        n_layers,
              GRand       *rand)
{
  ScSnapshot *snapshot = sc_snapshot_new (arch, n_layers);
  guint edges = 0, total = 0;

  for (guint k = 0; k + 1 < n_layers; k++)
    {
      memset (snapshot->mask->m[k], 0, sc_mask_layer_size (snapshot->mask, k));
      memset (snapshot->w[k], 0, sizeof (float) * sc_mask_layer_size (snapshot->mask, k));
      total += arch[k] * arch[k + 1];
    }

  for (guint digit = 0; digit < 2; digit++)
    for (guint u = 0; u < 16; u++)
      {
        for (guint e = 0; e < 40; e++)
          {
            guint row = 4 + g_rand_int_range (rand, 0, 20), col = 4 + g_rand_int_range (rand, 0, 20);

            connect (snapshot, 0, row * 56 + digit * 28 + col, digit * 16 + u, rand);
          }
        for (guint k = 1; k < 3; k++)
          for (guint e = 0; e < 5; e++)
            connect (snapshot, k, digit * 16 + g_rand_int_range (rand, 0, 16), digit * 16 + u, rand);
      }
  for (guint out = 0; out < arch[n_layers - 1]; out++)
    for (guint u = 0; u < 4; u++)
      {
        for (guint e = 0; e < 6; e++)
          connect (snapshot, 3, g_rand_int_range (rand, 0, 32), out * 4 + u, rand);
        for (guint e = 0; e < 3; e++)
          connect (snapshot, 4, out * 4 + g_rand_int_range (rand, 0, 4), out * 4 + u, rand);
        connect (snapshot, 5, out * 4 + u, out, rand);
      }

  for (guint k = 0; k + 1 < n_layers; k++)
    for (gsize e = 0; e < sc_mask_layer_size (snapshot->mask, k); e++)
      edges += snapshot->mask->m[k][e];
  snapshot->density = (double) edges / total;
  snapshot->stage = SC_STAGE_EDGES;
  return snapshot;
}

/* Steps of a run of the pruned network's density: for the timeline. */
static GArray *
mnist_steps (ScSnapshot *dense,
             ScSnapshot *pruned)
{
  GArray *steps = g_array_new (FALSE, TRUE, sizeof (ScStep));
  ScStep step = { 0 };

  step.stage = SC_STAGE_DENSE;
  step.retrain_only = step.trained = step.accepted = TRUE;
  step.accuracy = 98.5;
  step.density = 1.0;
  step.hidden_units = 1960;
  step.snapshot = sc_snapshot_ref (dense);
  g_array_append_val (steps, step);
  for (guint i = 1; i <= 48; i++)
    {
      gboolean units = i <= 6;

      memset (&step, 0, sizeof step);
      step.stage = units ? SC_STAGE_UNITS : SC_STAGE_EDGES;
      step.edge_run = units ? -1 : 0;
      step.step = units ? 70.0 : 1.0;
      step.target = units ? 100.0 * (1.0 - pow (0.3, i)) : 100.0 * (1.0 - pow (0.99, i - 6));
      step.trained = TRUE;
      step.accepted = i % 7 != 0 && i != 48;
      step.accuracy = step.accepted ? 98.0 - i * 0.02 : 93.0;
      step.density = units ? pow (0.3, 2.0 * i) : pruned->density * pow (1.01, 48 - i);
      step.hidden_units = units ? (guint) (1960 * pow (0.3, i)) + 40 : 44;
      step.seconds = i * 9.0;
      if (i == 47)
        step.snapshot = sc_snapshot_ref (pruned);
      g_array_append_val (steps, step);
    }
  return steps;
}

static ScRun *
mnist_run (GRand *rand)
{
  static const guint arch[] = { 1568, 392, 392, 392, 392, 392, 3 };
  g_autoptr(GError) error = NULL;
  ScRun *run = g_new0 (ScRun, 1);
  ScDetectParams params;

  /* names, image size and defaults: no digits needed */
  run->task = sc_mnist_task_new_without_data (SC_MNIST_HIERARCHICAL_XOR, 28, 28);
  sc_hyper_copy (&run->hyper, &run->task->defaults);

  run->dense = sc_snapshot_new (arch, G_N_ELEMENTS (arch));
  init_dense (run->dense, rand);
  run->final = mnist_pruned (arch, G_N_ELEMENTS (arch), rand);
  sc_hyper_detect_params (&run->hyper, &params);
  if (!(run->analysis = sc_analysis_new (run->final->mask, &params, NULL, &error)))
    g_error ("detection of the synthetic MNIST network: %s", error->message);
  run->steps = mnist_steps (run->dense, run->final);
  run->edge_runs = g_array_new (FALSE, TRUE, sizeof (ScEdgeRun));
  return run;
}

/* The final network of a saved run, detected as the app does. */
static ScRun *
saved_run (const char *path)
{
  g_autoptr(GError) error = NULL;
  ScRun *run = sc_run_load (path, &error);
  ScDetectParams params;

  if (run == NULL)
    g_error ("%s", error->message);
  sc_hyper_detect_params (&run->hyper, &params);
  if (run->final != NULL && run->analysis == NULL &&
      !(run->analysis = sc_analysis_new (run->final->mask, &params, run->task->truth, &error)))
    g_warning ("%s: no modules: %s", path, error->message);
  if (run->dense == NULL)
    for (guint i = 0; i < run->steps->len && run->dense == NULL; i++)
      if (g_array_index (run->steps, ScStep, i).snapshot != NULL)
        run->dense = sc_snapshot_ref (g_array_index (run->steps, ScStep, i).snapshot);
  return run;
}

/* ---- JSON ------------------------------------------------------------- */

static int window_width = 1600, window_height = 1000;

static void
print_json (void)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "window");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, window_width);
  json_builder_add_int_value (builder, window_height);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rows");
  json_builder_begin_array (builder);
  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "network");
      json_builder_add_string_value (builder, row->network);
      json_builder_set_member_name (builder, "view");
      json_builder_add_string_value (builder, row->view);
      json_builder_set_member_name (builder, "case");
      json_builder_add_string_value (builder, row->what);
      if (!isnan (row->draw))
        {
          json_builder_set_member_name (builder, "draw_ms");
          json_builder_add_double_value (builder, row->draw);
        }
      if (!isnan (row->paint))
        {
          json_builder_set_member_name (builder, "paint_ms");
          json_builder_add_double_value (builder, row->paint);
        }
      json_builder_set_member_name (builder, "budget_ms");
      json_builder_add_double_value (builder, row->budget);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}

static void
print_summary (void)
{
  double worst[2] = { 0.0, 0.0 };
  guint over = 0;

  for (guint i = 0; i < rows->len; i++)
    {
      const Row *row = &g_array_index (rows, Row, i);
      double ratio = MAX (isnan (row->draw) ? 0.0 : row->draw,
                          isnan (row->paint) ? 0.0 : row->paint) / row->budget;
      guint kind = row->budget == BUDGET_MNIST;

      worst[kind] = MAX (worst[kind], ratio);
      over += ratio > 1.0;
    }
  printf ("# worst ratio to the budget: Boolean %.2f, MNIST %.2f; %u of %u rows over\n",
          worst[0], worst[1], over, rows->len);
}

/* ---- main ------------------------------------------------------------- */

int
main (int   argc,
      char *argv[])
{
  g_autofree char *tasks = NULL;
  g_auto(GStrv) saved = NULL;
  gboolean no_boolean = FALSE, no_mnist = FALSE;
  int repeats = 5;
  g_autofree char *screenshots = NULL;
  g_autofree char *window_size = NULL;
  g_autofree char *view_size = NULL;
  int view_width = 0, view_height = 0;
  GOptionEntry entries[] = {
    { "tasks", 0, 0, G_OPTION_ARG_STRING, &tasks, "Boolean tasks (default: every bundled one)", "NAME,…" },
    { "no-boolean", 0, 0, G_OPTION_ARG_NONE, &no_boolean, "No Boolean task", NULL },
    { "no-mnist", 0, 0, G_OPTION_ARG_NONE, &no_mnist, "No MNIST network", NULL },
    { "run", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &saved, "A saved run to draw too", "RESULT.json" },
    { "repeats", 0, 0, G_OPTION_ARG_INT, &repeats, "Frames per measurement (default 5)", "N" },
    { "window", 0, 0, G_OPTION_ARG_STRING, &window_size, "Window size (default 1600x1000)", "WxH" },
    { "network-view", 0, 0, G_OPTION_ARG_STRING, &view_size,
      "Measure the network view alone in a window of this size instead", "WxH" },
    { "screenshots", 0, 0, G_OPTION_ARG_FILENAME, &screenshots, "Save the window as PNG files into DIR", "DIR" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("— frame costs of the app's views");
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  Bench bench = { 0 };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || repeats < 1)
    {
      fprintf (stderr, "%s\n", error ? error->message : "--repeats must be at least 1");
      return 2;
    }
  if (window_size != NULL &&
      (sscanf (window_size, "%dx%d", &window_width, &window_height) != 2 ||
       window_width < 400 || window_height < 300))
    {
      fprintf (stderr, "--window: WIDTHxHEIGHT, at least 400x300\n");
      return 2;
    }
  if (view_size != NULL &&
      (sscanf (view_size, "%dx%d", &view_width, &view_height) != 2 ||
       view_width < 200 || view_height < 200))
    {
      fprintf (stderr, "--network-view: WIDTHxHEIGHT, at least 200x200\n");
      return 2;
    }
  if (!gtk_init_check ())
    {
      fprintf (stderr, "bench-render needs a display (bench/run --render starts Xvfb)\n");
      return 2;
    }
  if (screenshots != NULL)
    g_mkdir_with_parents (screenshots, 0755);
  /* The resources live in the static app library: referencing them links
   * them in; the style sheet is the application's. */
  {
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    g_assert (sculptor_get_resource () != NULL);
    gtk_css_provider_load_from_resource (css, "/io/github/sculptor/Sculptor/style.css");
    gtk_style_context_add_provider_for_display (gdk_display_get_default (), GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  }

  rows = g_array_new (FALSE, FALSE, sizeof (Row));
  bench.repeats = (guint) repeats;
  bench.screenshots = screenshots;
  bench.rand = g_rand_new_with_seed (12);
  bench.window = g_object_new (SCULPTOR_TYPE_WINDOW, NULL);
  gtk_window_set_default_size (GTK_WINDOW (bench.window), window_width, window_height);
  gtk_window_present (GTK_WINDOW (bench.window));
  WAIT_UNTIL (gtk_widget_get_mapped (bench.window) && gtk_widget_get_frame_clock (bench.window) != NULL);
  meter_init (&bench.meter, bench.window);
  bench.view = SCULPTOR_WINDOW (bench.window)->network_view;
  bench.view_meter = &bench.meter;
  if (view_width > 0)
    {
      /* the network view alone, as large as asked */
      bench.view_window = gtk_window_new ();
      bench.view = SCULPTOR_NETWORK_VIEW (sculptor_network_view_new ());
      gtk_widget_set_size_request (GTK_WIDGET (bench.view), view_width, view_height);
      gtk_window_set_child (GTK_WINDOW (bench.view_window), GTK_WIDGET (bench.view));
      gtk_window_present (GTK_WINDOW (bench.view_window));
      WAIT_UNTIL (gtk_widget_get_mapped (bench.view_window) &&
                  gtk_widget_get_frame_clock (bench.view_window) != NULL);
      meter_init (&bench.own_meter, bench.view_window);
      bench.view_meter = &bench.own_meter;
      paint_frame (bench.view_meter, bench.view_window);
    }
  bench.timeline = SCULPTOR_WINDOW (bench.window)->timeline;
  bench.hierarchy = SCULPTOR_WINDOW (bench.window)->hierarchy_view;
  paint_frame (&bench.meter, bench.window);

  printf ("# window %d×%d (asked %d×%d), network view %d×%d, timeline %d×%d, hierarchy %d×%d; GSK_RENDERER=%s;"
          " CPU ms of the drawing thread; %u repeats\n",
          gtk_widget_get_width (bench.window), gtk_widget_get_height (bench.window),
          window_width, window_height,
          gtk_widget_get_width (GTK_WIDGET (bench.view)), gtk_widget_get_height (GTK_WIDGET (bench.view)),
          gtk_widget_get_width (GTK_WIDGET (bench.timeline)), gtk_widget_get_height (GTK_WIDGET (bench.timeline)),
          gtk_widget_get_width (GTK_WIDGET (bench.hierarchy)), gtk_widget_get_height (GTK_WIDGET (bench.hierarchy)),
          g_getenv ("GSK_RENDERER") ? g_getenv ("GSK_RENDERER") : "(default)", bench.repeats);
  printf ("%-30s %-9s %-5s %9s %9s %7s %6s\n", "network", "view", "case", "draw ms", "paint ms",
          "budget", "ratio");

  if (!no_boolean)
    {
      if (tasks != NULL)
        names = g_strsplit (tasks, ",", -1);
      else
        {
          g_autoptr(GPtrArray) list = g_ptr_array_new ();
          const char * const *bundled = sc_task_bundled_names ();

          for (guint i = 0; bundled[i] != NULL; i++)
            if (!g_str_has_prefix (bundled[i], "mnist/"))
              g_ptr_array_add (list, g_strdup (bundled[i]));
          g_ptr_array_add (list, NULL);
          names = (char **) g_ptr_array_free (g_steal_pointer (&list), FALSE);
        }
      for (guint i = 0; names[i] != NULL; i++)
        {
          g_autoptr(ScRun) run = boolean_run (names[i]);

          bench_run (&bench, names[i], run, BUDGET_BOOLEAN);
        }
    }
  if (!no_mnist)
    {
      g_autoptr(ScRun) run = mnist_run (bench.rand);

      bench_run (&bench, "mnist-synthetic", run, BUDGET_MNIST);
    }
  for (guint i = 0; saved != NULL && saved[i] != NULL; i++)
    {
      g_autoptr(ScRun) run = saved_run (saved[i]);
      g_autofree char *base = g_path_get_basename (saved[i]);
      g_autofree char *dir = g_path_get_dirname (saved[i]);
      g_autofree char *name = g_path_get_basename (dir);
      double budget = run->task->kind == SC_TASK_IMAGE ? BUDGET_MNIST : BUDGET_BOOLEAN;

      bench_run (&bench, name, run, budget);
      bench_open (&bench, name, saved[i], budget);
    }

  print_summary ();
  print_json ();
  sculptor_network_view_set_snapshot (bench.view, NULL, NULL, FALSE);
  if (bench.view_window != NULL)
    gtk_window_destroy (GTK_WINDOW (bench.view_window));
  gtk_window_destroy (GTK_WINDOW (bench.window));
  g_rand_free (bench.rand);
  return 0;
}
