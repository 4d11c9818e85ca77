/* sc-timeline.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-pipeline.h"

G_BEGIN_DECLS

/* The model behind the app's pruning timeline: the steps of a run as they
 * arrive, the stage they belong to, and the pure geometry of the chart
 * (slots along x, the accuracy axis on the left, the density axis on the
 * right, hit-testing). Nothing here needs a display, so all of it is
 * tested without one; the widget only paints what this computes. */

/* What the chart needs of one ScStep (copied: the step may go away). */
typedef struct
{
  ScStage  stage;
  int      edge_run;      /* the run of Pe it belongs to; -1 outside the edge stage */
  double   step;          /* Pu or Pe of the schedule */
  double   target;        /* P, % pruned */
  gboolean retrain_only;  /* dense training or the edge stage's re-training */
  gboolean trained;       /* FALSE: P >= 100, rejected without training */
  gboolean accepted;
  double   accuracy;      /* per-bit %, meaningless when !trained */
  double   density;       /* surviving / dense weights, meaningless when !trained */
} ScTimelinePoint;

/* A run of consecutive steps of one stage (one edge run in the edge
 * stage), shaded as a band behind the series. */
typedef struct
{
  ScStage  stage;
  int      edge_run;      /* -1 outside the edge stage */
  double   pe;            /* Pe of the edge run, 0 otherwise */
  guint    first;         /* first slot */
  guint    n_slots;       /* slots it covers; 0 for a live stage that has no step yet */
  gboolean live;          /* the stage the run is in now (not yet done) */
} ScTimelineSpan;

typedef struct _ScTimeline ScTimeline;

ScTimeline            *sc_timeline_new            (void);
void                   sc_timeline_free           (ScTimeline       *timeline);
void                   sc_timeline_clear          (ScTimeline       *timeline);

/* Appends a step (copies what the chart needs).
 * @return its index */
guint                  sc_timeline_append         (ScTimeline       *timeline,
                                                   const ScStep     *step);
guint                  sc_timeline_get_n_points   (const ScTimeline *timeline);
/* @return the point, or NULL when index is out of range */
const ScTimelinePoint *sc_timeline_get_point      (const ScTimeline *timeline,
                                                   guint             index);

/* The stage the run is in now (SC_STAGE_DONE once finished or loaded). */
void                   sc_timeline_set_stage      (ScTimeline       *timeline,
                                                   ScStage           stage);
ScStage                sc_timeline_get_stage      (const ScTimeline *timeline);

/* Slots along x: one per step, plus one for module detection once the
 * run reached it (detection is not a step but gets its band). */
guint                  sc_timeline_get_n_slots    (const ScTimeline *timeline);

/* The stage bands, in order. Consecutive steps with the same stage and
 * edge run form one span; the edge stage's initial re-training joins the
 * first edge run (it is where every run starts, method.md §4). A live
 * stage without steps yet gets an empty span at the end.
 *
 * @return (transfer full) ScTimelineSpan elements */
GArray                *sc_timeline_get_spans      (const ScTimeline *timeline);

/* The accuracy axis, in %: 0–100, zoomed in when every trained step is
 * accurate (lower bound min(accuracy) − 5, rounded down to a multiple of
 * 5; 0 when that is under 20, or before any step was trained) so that
 * small drops stay visible. */
void                   sc_timeline_get_accuracy_range (const ScTimeline *timeline,
                                                       double           *lo,
                                                       double           *hi);
/* The density axis: 0–1, or with log_scale from the power of ten at or
 * below the smallest trained density (at most 0.1) to 1. */
void                   sc_timeline_get_density_range  (const ScTimeline *timeline,
                                                       gboolean          log_scale,
                                                       double           *lo,
                                                       double           *hi);

/* A selection is a step index, or -1 for the live end (the newest network).
 * @return index when it names a step, else -1 */
int                    sc_timeline_clamp_selection (const ScTimeline *timeline,
                                                    int               index);
/* Keyboard navigation: moves a selection by delta steps; the live end sits
 * after the last step, so Left from it selects the last step and Right from
 * the last step returns to it. Stops at the first step. */
int                    sc_timeline_move_selection  (const ScTimeline *timeline,
                                                    int               index,
                                                    int               delta);

/* ------------------------------------------------------------------ */
/* Geometry                                                            */
/* ------------------------------------------------------------------ */

#define SC_TIMELINE_MIN_SLOTS 12   /* the first steps do not fill the chart */
#define SC_TIMELINE_HIT_SLACK 24.0

typedef struct
{
  double   x;             /* the plot area, widget pixels */
  double   y;
  double   width;
  double   height;
  guint    n_slots;       /* max (slots, SC_TIMELINE_MIN_SLOTS) */
  double   slot_width;
  double   accuracy_lo;
  double   accuracy_hi;
  double   density_lo;
  double   density_hi;
  gboolean log_density;
} ScTimelineGeometry;

typedef enum
{
  SC_TIMELINE_HIT_NONE,   /* outside the plot */
  SC_TIMELINE_HIT_STEP,   /* the slot of a step: index */
  SC_TIMELINE_HIT_LIVE,   /* right of the last step: the live end */
} ScTimelineHitKind;

void   sc_timeline_geometry_init   (ScTimelineGeometry       *geometry,
                                    const ScTimeline         *timeline,
                                    double                    x,
                                    double                    y,
                                    double                    width,
                                    double                    height,
                                    gboolean                  log_density);
/* The centre of slot (fractional slots allowed: −0.5 is the plot's left
 * edge). */
double sc_timeline_geometry_slot_x (const ScTimelineGeometry *geometry,
                                    double                    slot);
/* Left edge of slot; slot == n_slots gives the plot's right edge. */
double sc_timeline_geometry_slot_left (const ScTimelineGeometry *geometry,
                                       guint                     slot);
/* y of an accuracy (%), clamped to the plot. */
double sc_timeline_geometry_accuracy_y (const ScTimelineGeometry *geometry,
                                        double                    accuracy);
/* y of a density, clamped to the plot (log scale if set). */
double sc_timeline_geometry_density_y  (const ScTimelineGeometry *geometry,
                                        double                    density);

/* The step under (x, y): the step whose slot holds x, so a click anywhere
 * in a step's column picks it (y may be up to SC_TIMELINE_HIT_SLACK px
 * above or below the plot, where the labels are); right of the last step's
 * slot is the live end.
 *
 * @param index  (out) the step for SC_TIMELINE_HIT_STEP, else -1
 */
ScTimelineHitKind sc_timeline_hit_test (const ScTimeline         *timeline,
                                        const ScTimelineGeometry *geometry,
                                        double                    x,
                                        double                    y,
                                        int                      *index);

/* Nice tick values for the axes, at most max_ticks, in ascending order.
 * Accuracy ticks are multiples of 1, 2, 5, 10, 20 or 25 %; density ticks
 * are quarters (linear) or powers of ten (log).
 * @return the number written to ticks */
guint  sc_timeline_accuracy_ticks  (const ScTimelineGeometry *geometry,
                                    double                   *ticks,
                                    guint                     max_ticks);
guint  sc_timeline_density_ticks   (const ScTimelineGeometry *geometry,
                                    double                   *ticks,
                                    guint                     max_ticks);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScTimeline, sc_timeline_free)

G_END_DECLS
