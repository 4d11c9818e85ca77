/* sc-timeline.c — the pruning timeline's data and geometry
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>

#include "sc-timeline.h"

struct _ScTimeline
{
  GArray  *points;        /* ScTimelinePoint */
  ScStage  stage;         /* the live stage */
};

ScTimeline *
sc_timeline_new (void)
{
  ScTimeline *timeline = g_new0 (ScTimeline, 1);

  timeline->points = g_array_new (FALSE, TRUE, sizeof (ScTimelinePoint));
  timeline->stage = SC_STAGE_DENSE;
  return timeline;
}

void
sc_timeline_free (ScTimeline *timeline)
{
  if (timeline == NULL)
    return;

  g_array_unref (timeline->points);
  g_free (timeline);
}

void
sc_timeline_clear (ScTimeline *timeline)
{
  g_return_if_fail (timeline != NULL);

  g_array_set_size (timeline->points, 0);
  timeline->stage = SC_STAGE_DENSE;
}

guint
sc_timeline_append (ScTimeline   *timeline,
                    const ScStep *step)
{
  ScTimelinePoint point;

  g_return_val_if_fail (timeline != NULL, 0);
  g_return_val_if_fail (step != NULL, 0);

  point = (ScTimelinePoint) {
    .stage = step->stage,
    .edge_run = step->edge_run,
    .step = step->step,
    .target = step->target,
    .retrain_only = step->retrain_only,
    .trained = step->trained,
    .accepted = step->accepted,
    .accuracy = step->accuracy,
    .density = step->density,
  };
  g_array_append_val (timeline->points, point);

  /* A step of a later stage means the run got there. */
  if (step->stage > timeline->stage && step->stage < SC_STAGE_DETECTION)
    timeline->stage = step->stage;

  return timeline->points->len - 1;
}

guint
sc_timeline_get_n_points (const ScTimeline *timeline)
{
  g_return_val_if_fail (timeline != NULL, 0);

  return timeline->points->len;
}

const ScTimelinePoint *
sc_timeline_get_point (const ScTimeline *timeline,
                       guint             index)
{
  g_return_val_if_fail (timeline != NULL, NULL);

  if (index >= timeline->points->len)
    return NULL;
  return &g_array_index (timeline->points, ScTimelinePoint, index);
}

void
sc_timeline_set_stage (ScTimeline *timeline,
                       ScStage     stage)
{
  g_return_if_fail (timeline != NULL);
  g_return_if_fail (stage <= SC_STAGE_DONE);

  timeline->stage = stage;
}

ScStage
sc_timeline_get_stage (const ScTimeline *timeline)
{
  g_return_val_if_fail (timeline != NULL, SC_STAGE_DENSE);

  return timeline->stage;
}

static gboolean
has_detection_slot (const ScTimeline *timeline)
{
  return timeline->points->len > 0 && timeline->stage >= SC_STAGE_DETECTION;
}

guint
sc_timeline_get_n_slots (const ScTimeline *timeline)
{
  g_return_val_if_fail (timeline != NULL, 0);

  return timeline->points->len + (has_detection_slot (timeline) ? 1 : 0);
}

/* ---- spans -------------------------------------------------------- */

/* The edge run a point is shaded with: the edge stage's re-training
 * (edge_run −1) belongs to the run that follows it. */
static int
span_edge_run (const ScTimeline *timeline,
               guint             index)
{
  const ScTimelinePoint *point = sc_timeline_get_point (timeline, index);

  if (point->stage != SC_STAGE_EDGES)
    return -1;
  if (point->edge_run >= 0)
    return point->edge_run;

  for (guint i = index + 1; i < timeline->points->len; i++)
    {
      const ScTimelinePoint *next = sc_timeline_get_point (timeline, i);

      if (next->stage != SC_STAGE_EDGES)
        break;
      if (next->edge_run >= 0)
        return next->edge_run;
    }
  return 0;
}

static double
span_pe (const ScTimeline *timeline,
         guint             first,
         guint             n)
{
  for (guint i = first; i < first + n; i++)
    {
      const ScTimelinePoint *point = sc_timeline_get_point (timeline, i);

      if (point->stage == SC_STAGE_EDGES && point->edge_run >= 0)
        return point->step;
    }
  return 0.0;
}

static void
spans_of_points (const ScTimeline *timeline,
                 GArray           *spans)
{
  guint n = timeline->points->len;

  for (guint i = 0; i < n; )
    {
      const ScTimelinePoint *point = sc_timeline_get_point (timeline, i);
      ScTimelineSpan span = { point->stage, span_edge_run (timeline, i), 0.0, i, 0, FALSE };
      guint end = i;

      while (end < n &&
             sc_timeline_get_point (timeline, end)->stage == span.stage &&
             span_edge_run (timeline, end) == span.edge_run)
        end++;
      span.n_slots = end - i;
      span.pe = span_pe (timeline, i, span.n_slots);
      g_array_append_val (spans, span);
      i = end;
    }
}

GArray *
sc_timeline_get_spans (const ScTimeline *timeline)
{
  GArray *spans;
  guint n;
  ScTimelineSpan *last;

  g_return_val_if_fail (timeline != NULL, NULL);

  spans = g_array_new (FALSE, TRUE, sizeof (ScTimelineSpan));
  n = timeline->points->len;
  spans_of_points (timeline, spans);

  if (timeline->stage >= SC_STAGE_DETECTION)
    {
      /* Detection has no steps but its own slot once there are any. */
      ScTimelineSpan detection = { SC_STAGE_DETECTION, -1, 0.0, n, n > 0 ? 1 : 0,
                                   timeline->stage == SC_STAGE_DETECTION };

      g_array_append_val (spans, detection);
      return spans;
    }

  last = spans->len > 0 ? &g_array_index (spans, ScTimelineSpan, spans->len - 1) : NULL;
  if (last != NULL && last->stage == timeline->stage)
    last->live = TRUE;
  else
    {
      ScTimelineSpan live = { timeline->stage, -1, 0.0, n, 0, TRUE };

      g_array_append_val (spans, live);
    }
  return spans;
}

/* ---- ranges and selection ----------------------------------------- */

void
sc_timeline_get_accuracy_range (const ScTimeline *timeline,
                                double           *lo,
                                double           *hi)
{
  double min = 100.0;
  gboolean any = FALSE;

  g_return_if_fail (timeline != NULL);
  g_return_if_fail (lo != NULL && hi != NULL);

  for (guint i = 0; i < timeline->points->len; i++)
    {
      const ScTimelinePoint *point = sc_timeline_get_point (timeline, i);

      if (point->trained && isfinite (point->accuracy))
        {
          min = MIN (min, point->accuracy);
          any = TRUE;
        }
    }

  /* Nothing measured yet: the whole axis. */
  *lo = any ? floor ((min - 5.0) / 5.0) * 5.0 : 0.0;
  if (*lo < 20.0)
    *lo = 0.0;
  *lo = MIN (*lo, 95.0);
  *hi = 100.0;
}

void
sc_timeline_get_density_range (const ScTimeline *timeline,
                               gboolean          log_scale,
                               double           *lo,
                               double           *hi)
{
  double min = 1.0;

  g_return_if_fail (timeline != NULL);
  g_return_if_fail (lo != NULL && hi != NULL);

  *hi = 1.0;
  if (!log_scale)
    {
      *lo = 0.0;
      return;
    }

  for (guint i = 0; i < timeline->points->len; i++)
    {
      const ScTimelinePoint *point = sc_timeline_get_point (timeline, i);

      if (point->trained && point->density > 0.0)
        min = MIN (min, point->density);
    }
  *lo = MIN (pow (10.0, floor (log10 (MAX (min, 1e-6)))), 0.1);
}

int
sc_timeline_clamp_selection (const ScTimeline *timeline,
                             int               index)
{
  g_return_val_if_fail (timeline != NULL, -1);

  if (index < 0 || (guint) index >= timeline->points->len)
    return -1;
  return index;
}

int
sc_timeline_move_selection (const ScTimeline *timeline,
                            int               index,
                            int               delta)
{
  int n, position;

  g_return_val_if_fail (timeline != NULL, -1);

  n = (int) timeline->points->len;
  if (n == 0)
    return -1;

  /* The live end is position n, just after the last step. */
  position = sc_timeline_clamp_selection (timeline, index) < 0 ? n : index;
  position = CLAMP (position + delta, 0, n);
  return position == n ? -1 : position;
}

/* ---- geometry ----------------------------------------------------- */

void
sc_timeline_geometry_init (ScTimelineGeometry *geometry,
                           const ScTimeline   *timeline,
                           double              x,
                           double              y,
                           double              width,
                           double              height,
                           gboolean            log_density)
{
  g_return_if_fail (geometry != NULL);
  g_return_if_fail (timeline != NULL);

  geometry->x = x;
  geometry->y = y;
  geometry->width = MAX (width, 1.0);
  geometry->height = MAX (height, 1.0);
  geometry->n_slots = MAX (sc_timeline_get_n_slots (timeline), SC_TIMELINE_MIN_SLOTS);
  geometry->slot_width = geometry->width / geometry->n_slots;
  geometry->log_density = log_density;
  sc_timeline_get_accuracy_range (timeline, &geometry->accuracy_lo, &geometry->accuracy_hi);
  sc_timeline_get_density_range (timeline, log_density,
                                 &geometry->density_lo, &geometry->density_hi);
}

double
sc_timeline_geometry_slot_x (const ScTimelineGeometry *geometry,
                             double                    slot)
{
  g_return_val_if_fail (geometry != NULL, 0.0);

  return geometry->x + (slot + 0.5) * geometry->slot_width;
}

double
sc_timeline_geometry_slot_left (const ScTimelineGeometry *geometry,
                                guint                     slot)
{
  g_return_val_if_fail (geometry != NULL, 0.0);

  return geometry->x + MIN (slot, geometry->n_slots) * geometry->slot_width;
}

/* t in [0, 1] from the bottom of the plot to its top. */
static double
plot_y (const ScTimelineGeometry *geometry,
        double                    t)
{
  return geometry->y + geometry->height * (1.0 - CLAMP (t, 0.0, 1.0));
}

double
sc_timeline_geometry_accuracy_y (const ScTimelineGeometry *geometry,
                                 double                    accuracy)
{
  double span;

  g_return_val_if_fail (geometry != NULL, 0.0);

  span = MAX (geometry->accuracy_hi - geometry->accuracy_lo, 1e-9);
  return plot_y (geometry, (accuracy - geometry->accuracy_lo) / span);
}

double
sc_timeline_geometry_density_y (const ScTimelineGeometry *geometry,
                                double                    density)
{
  double lo = geometry->density_lo, hi = geometry->density_hi;

  g_return_val_if_fail (geometry != NULL, 0.0);

  if (geometry->log_density)
    {
      double d = MAX (density, lo);

      return plot_y (geometry, log10 (d / lo) / MAX (log10 (hi / lo), 1e-9));
    }
  return plot_y (geometry, (density - lo) / MAX (hi - lo, 1e-9));
}

ScTimelineHitKind
sc_timeline_hit_test (const ScTimeline         *timeline,
                      const ScTimelineGeometry *geometry,
                      double                    x,
                      double                    y,
                      int                      *index)
{
  guint slot;

  g_return_val_if_fail (timeline != NULL, SC_TIMELINE_HIT_NONE);
  g_return_val_if_fail (geometry != NULL, SC_TIMELINE_HIT_NONE);
  g_return_val_if_fail (index != NULL, SC_TIMELINE_HIT_NONE);

  *index = -1;
  if (x < geometry->x || x > geometry->x + geometry->width ||
      y < geometry->y - SC_TIMELINE_HIT_SLACK ||
      y > geometry->y + geometry->height + SC_TIMELINE_HIT_SLACK)
    return SC_TIMELINE_HIT_NONE;

  slot = (guint) MIN (floor ((x - geometry->x) / geometry->slot_width),
                      (double) geometry->n_slots - 1);
  if (slot >= timeline->points->len)
    return SC_TIMELINE_HIT_LIVE;

  *index = (int) slot;
  return SC_TIMELINE_HIT_STEP;
}

/* ---- ticks -------------------------------------------------------- */

guint
sc_timeline_accuracy_ticks (const ScTimelineGeometry *geometry,
                            double                   *ticks,
                            guint                     max_ticks)
{
  static const double steps[] = { 1, 2, 5, 10, 20, 25, 50, 100 };
  double lo, hi;
  guint n = 0;

  g_return_val_if_fail (geometry != NULL, 0);
  g_return_val_if_fail (ticks != NULL || max_ticks == 0, 0);

  lo = geometry->accuracy_lo;
  hi = geometry->accuracy_hi;
  for (guint s = 0; s < G_N_ELEMENTS (steps); s++)
    {
      double first = ceil (lo / steps[s] - 1e-9) * steps[s];
      guint count = (guint) floor ((hi - first) / steps[s] + 1e-9) + 1;

      if (count > max_ticks)
        continue;
      for (n = 0; n < count; n++)
        ticks[n] = first + n * steps[s];
      return n;
    }
  return 0;
}

guint
sc_timeline_density_ticks (const ScTimelineGeometry *geometry,
                           double                   *ticks,
                           guint                     max_ticks)
{
  guint n = 0;

  g_return_val_if_fail (geometry != NULL, 0);
  g_return_val_if_fail (ticks != NULL || max_ticks == 0, 0);

  if (geometry->log_density)
    {
      int first = (int) lround (log10 (geometry->density_lo));
      guint decades = (guint) (-first) + 1;
      guint stride = (decades + MAX (max_ticks, 1) - 1) / MAX (max_ticks, 1);

      /* Every stride-th power of ten down from 1, so 1 is always there. */
      for (int e = -(int) ((decades - 1) / stride * stride); e <= 0 && n < max_ticks; e += (int) stride)
        ticks[n++] = pow (10.0, e);
      return n;
    }

  for (guint parts = 4; parts >= 1; parts /= 2)
    if (parts + 1 <= max_ticks)
      {
        for (n = 0; n <= parts; n++)
          ticks[n] = (double) n / parts;
        return n;
      }
  return 0;
}
