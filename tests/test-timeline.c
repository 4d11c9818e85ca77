/* test-timeline.c — the pruning timeline's model and geometry
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>

#include "sc-timeline.h"

static ScStep
make_step (ScStage  stage,
           int      edge_run,
           double   pe,
           gboolean accepted,
           double   accuracy,
           double   density)
{
  return (ScStep) {
    .stage = stage, .edge_run = edge_run, .step = pe, .target = 10.0,
    .trained = TRUE, .accepted = accepted, .accuracy = accuracy, .density = density,
  };
}

/* A run like the pipeline records it: dense training, three unit steps
 * (the last untrained, P >= 100), the edge stage's re-training, then two
 * edge runs (Pe 2.5 and 5). */
static ScTimeline *
make_run (void)
{
  ScTimeline *timeline = sc_timeline_new ();
  ScStep steps[] = {
    make_step (SC_STAGE_DENSE, -1, 0.0, TRUE, 100.0, 1.0),
    make_step (SC_STAGE_UNITS, -1, 70.0, TRUE, 100.0, 0.3),
    make_step (SC_STAGE_UNITS, -1, 70.0, FALSE, 81.0, 0.1),
    make_step (SC_STAGE_UNITS, -1, 70.0, FALSE, 0.0, 0.0),
    make_step (SC_STAGE_EDGES, -1, 0.0, TRUE, 100.0, 0.3),
    make_step (SC_STAGE_EDGES, 0, 2.5, TRUE, 100.0, 0.2),
    make_step (SC_STAGE_EDGES, 0, 2.5, FALSE, 90.0, 0.05),
    make_step (SC_STAGE_EDGES, 1, 5.0, TRUE, 99.0, 0.15),
  };

  steps[0].retrain_only = TRUE;
  steps[3].trained = FALSE;
  steps[4].retrain_only = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    g_assert_cmpuint (sc_timeline_append (timeline, &steps[i]), ==, i);
  return timeline;
}

static void
test_timeline_append (void)
{
  g_autoptr(ScTimeline) timeline = make_run ();
  const ScTimelinePoint *point;

  g_assert_cmpuint (sc_timeline_get_n_points (timeline), ==, 8);
  point = sc_timeline_get_point (timeline, 6);
  g_assert_nonnull (point);
  g_assert_cmpint (point->stage, ==, SC_STAGE_EDGES);
  g_assert_cmpint (point->edge_run, ==, 0);
  g_assert_false (point->accepted);
  g_assert_cmpfloat (point->accuracy, ==, 90.0);
  g_assert_cmpfloat (point->density, ==, 0.05);
  g_assert_false (sc_timeline_get_point (timeline, 3)->trained);
  g_assert_null (sc_timeline_get_point (timeline, 8));

  /* Steps move the live stage forward; detection is set explicitly. */
  g_assert_cmpint (sc_timeline_get_stage (timeline), ==, SC_STAGE_EDGES);
  g_assert_cmpuint (sc_timeline_get_n_slots (timeline), ==, 8);
  sc_timeline_set_stage (timeline, SC_STAGE_DETECTION);
  g_assert_cmpuint (sc_timeline_get_n_slots (timeline), ==, 9);

  sc_timeline_clear (timeline);
  g_assert_cmpuint (sc_timeline_get_n_points (timeline), ==, 0);
  g_assert_cmpint (sc_timeline_get_stage (timeline), ==, SC_STAGE_DENSE);
  g_assert_cmpuint (sc_timeline_get_n_slots (timeline), ==, 0);
}

static void
test_timeline_ranges (void)
{
  g_autoptr(ScTimeline) timeline = sc_timeline_new ();
  ScStep high = make_step (SC_STAGE_DENSE, -1, 0.0, TRUE, 100.0, 1.0);
  ScStep drop = make_step (SC_STAGE_UNITS, -1, 50.0, FALSE, 97.3, 0.02);
  ScStep untrained = { .stage = SC_STAGE_UNITS, .edge_run = -1, .target = 100.0 };
  ScStep low = make_step (SC_STAGE_UNITS, -1, 50.0, FALSE, 40.0, 0.5);
  double lo, hi;

  /* Nothing yet: the full axis. */
  sc_timeline_get_accuracy_range (timeline, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0.0);
  g_assert_cmpfloat (hi, ==, 100.0);

  /* All at 100 %: a 5 % window under 100. */
  sc_timeline_append (timeline, &high);
  sc_timeline_get_accuracy_range (timeline, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 95.0);
  g_assert_cmpfloat (hi, ==, 100.0);

  /* min − 5 = 92.3, rounded down to 90; an untrained step (accuracy 0)
   * does not count. */
  sc_timeline_append (timeline, &drop);
  sc_timeline_append (timeline, &untrained);
  sc_timeline_get_accuracy_range (timeline, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 90.0);

  /* 40 − 5 = 35: still zoomed; below 20 the axis starts at 0. */
  sc_timeline_append (timeline, &low);
  sc_timeline_get_accuracy_range (timeline, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 35.0);
  low.accuracy = 22.0;
  sc_timeline_append (timeline, &low);
  sc_timeline_get_accuracy_range (timeline, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0.0);

  /* Density: linear 0–1, log down to the decade of the smallest (0.02). */
  sc_timeline_get_density_range (timeline, FALSE, &lo, &hi);
  g_assert_cmpfloat (lo, ==, 0.0);
  g_assert_cmpfloat (hi, ==, 1.0);
  sc_timeline_get_density_range (timeline, TRUE, &lo, &hi);
  g_assert_cmpfloat_with_epsilon (lo, 0.01, 1e-12);
  g_assert_cmpfloat (hi, ==, 1.0);
}

static void
assert_span (const ScTimelineSpan *span,
             ScStage               stage,
             int                   edge_run,
             guint                 first,
             guint                 n_slots,
             gboolean              live)
{
  g_assert_cmpint (span->stage, ==, stage);
  g_assert_cmpint (span->edge_run, ==, edge_run);
  g_assert_cmpuint (span->first, ==, first);
  g_assert_cmpuint (span->n_slots, ==, n_slots);
  g_assert_cmpint (span->live, ==, live);
}

static void
test_timeline_spans (void)
{
  g_autoptr(ScTimeline) timeline = make_run ();
  g_autoptr(GArray) spans = sc_timeline_get_spans (timeline);
  g_autoptr(GArray) detecting = NULL;
  g_autoptr(GArray) done = NULL;
  g_autoptr(GArray) later = NULL;

  /* dense | units ×3 | re-training + Pe 2.5 ×2 | Pe 5 (live) */
  g_assert_cmpuint (spans->len, ==, 4);
  assert_span (&g_array_index (spans, ScTimelineSpan, 0), SC_STAGE_DENSE, -1, 0, 1, FALSE);
  assert_span (&g_array_index (spans, ScTimelineSpan, 1), SC_STAGE_UNITS, -1, 1, 3, FALSE);
  assert_span (&g_array_index (spans, ScTimelineSpan, 2), SC_STAGE_EDGES, 0, 4, 3, FALSE);
  assert_span (&g_array_index (spans, ScTimelineSpan, 3), SC_STAGE_EDGES, 1, 7, 1, TRUE);
  g_assert_cmpfloat (g_array_index (spans, ScTimelineSpan, 2).pe, ==, 2.5);
  g_assert_cmpfloat (g_array_index (spans, ScTimelineSpan, 3).pe, ==, 5.0);

  /* Detection gets a slot of its own after the steps. */
  sc_timeline_set_stage (timeline, SC_STAGE_DETECTION);
  detecting = sc_timeline_get_spans (timeline);
  g_assert_cmpuint (detecting->len, ==, 5);
  assert_span (&g_array_index (detecting, ScTimelineSpan, 3), SC_STAGE_EDGES, 1, 7, 1, FALSE);
  assert_span (&g_array_index (detecting, ScTimelineSpan, 4), SC_STAGE_DETECTION, -1, 8, 1, TRUE);

  sc_timeline_set_stage (timeline, SC_STAGE_DONE);
  done = sc_timeline_get_spans (timeline);
  assert_span (&g_array_index (done, ScTimelineSpan, 4), SC_STAGE_DETECTION, -1, 8, 1, FALSE);

  /* A stage that has begun without a step yet: an empty live span. */
  sc_timeline_clear (timeline);
  {
    ScStep dense = make_step (SC_STAGE_DENSE, -1, 0.0, TRUE, 100.0, 1.0);

    sc_timeline_append (timeline, &dense);
  }
  sc_timeline_set_stage (timeline, SC_STAGE_UNITS);
  later = sc_timeline_get_spans (timeline);
  g_assert_cmpuint (later->len, ==, 2);
  assert_span (&g_array_index (later, ScTimelineSpan, 0), SC_STAGE_DENSE, -1, 0, 1, FALSE);
  assert_span (&g_array_index (later, ScTimelineSpan, 1), SC_STAGE_UNITS, -1, 1, 0, TRUE);
}

static void
test_timeline_spans_empty (void)
{
  g_autoptr(ScTimeline) timeline = sc_timeline_new ();
  g_autoptr(GArray) spans = sc_timeline_get_spans (timeline);

  /* Dense training before its step arrives. */
  g_assert_cmpuint (spans->len, ==, 1);
  assert_span (&g_array_index (spans, ScTimelineSpan, 0), SC_STAGE_DENSE, -1, 0, 0, TRUE);
}

static void
test_timeline_geometry (void)
{
  g_autoptr(ScTimeline) timeline = make_run ();
  ScTimelineGeometry geometry;

  /* 8 steps, fewer than the minimum of slots: 12 slots of 50 px. */
  sc_timeline_geometry_init (&geometry, timeline, 40, 20, 600, 100, FALSE);
  g_assert_cmpuint (geometry.n_slots, ==, SC_TIMELINE_MIN_SLOTS);
  g_assert_cmpfloat_with_epsilon (geometry.slot_width, 50.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_timeline_geometry_slot_x (&geometry, 0), 65.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_timeline_geometry_slot_x (&geometry, 3), 215.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_timeline_geometry_slot_left (&geometry, 12), 640.0, 1e-9);

  /* Accuracy 81 % is the minimum: axis 75–100. */
  g_assert_cmpfloat (geometry.accuracy_lo, ==, 75.0);
  g_assert_cmpfloat_with_epsilon (sc_timeline_geometry_accuracy_y (&geometry, 100.0), 20.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_timeline_geometry_accuracy_y (&geometry, 75.0), 120.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_timeline_geometry_accuracy_y (&geometry, 87.5), 70.0, 1e-9);
  /* clamped to the plot */
  g_assert_cmpfloat_with_epsilon (sc_timeline_geometry_accuracy_y (&geometry, 0.0), 120.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_timeline_geometry_density_y (&geometry, 0.25), 95.0, 1e-9);

  /* Log density: 0.05 is the smallest → 0.01–1, two decades. */
  sc_timeline_geometry_init (&geometry, timeline, 40, 20, 600, 100, TRUE);
  g_assert_cmpfloat_with_epsilon (geometry.density_lo, 0.01, 1e-12);
  g_assert_cmpfloat_with_epsilon (sc_timeline_geometry_density_y (&geometry, 1.0), 20.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_timeline_geometry_density_y (&geometry, 0.1), 70.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (sc_timeline_geometry_density_y (&geometry, 0.01), 120.0, 1e-9);

  /* Many steps: one slot each, no minimum. */
  for (guint i = 0; i < 40; i++)
    {
      ScStep step = make_step (SC_STAGE_EDGES, 1, 5.0, TRUE, 100.0, 0.1);

      sc_timeline_append (timeline, &step);
    }
  sc_timeline_geometry_init (&geometry, timeline, 0, 0, 480, 100, FALSE);
  g_assert_cmpuint (geometry.n_slots, ==, 48);
  g_assert_cmpfloat_with_epsilon (geometry.slot_width, 10.0, 1e-9);
}

static void
test_timeline_hit_test (void)
{
  g_autoptr(ScTimeline) timeline = make_run ();
  ScTimelineGeometry geometry;
  int index = 42;

  sc_timeline_geometry_init (&geometry, timeline, 40, 20, 600, 100, FALSE);

  /* The column of a step, at any height of the plot. */
  g_assert_cmpint (sc_timeline_hit_test (timeline, &geometry, 65, 70, &index), ==, SC_TIMELINE_HIT_STEP);
  g_assert_cmpint (index, ==, 0);
  g_assert_cmpint (sc_timeline_hit_test (timeline, &geometry, 40 + 3 * 50 + 49, 21, &index),
                   ==, SC_TIMELINE_HIT_STEP);
  g_assert_cmpint (index, ==, 3);
  g_assert_cmpint (sc_timeline_hit_test (timeline, &geometry, 40 + 7 * 50 + 1, 119, &index),
                   ==, SC_TIMELINE_HIT_STEP);
  g_assert_cmpint (index, ==, 7);
  /* the labels just under the plot count */
  g_assert_cmpint (sc_timeline_hit_test (timeline, &geometry, 140, 130, &index), ==, SC_TIMELINE_HIT_STEP);
  g_assert_cmpint (index, ==, 2);

  /* Right of the last step: the live end. */
  g_assert_cmpint (sc_timeline_hit_test (timeline, &geometry, 40 + 8 * 50 + 2, 70, &index),
                   ==, SC_TIMELINE_HIT_LIVE);
  g_assert_cmpint (index, ==, -1);
  g_assert_cmpint (sc_timeline_hit_test (timeline, &geometry, 640, 70, &index), ==, SC_TIMELINE_HIT_LIVE);

  /* Outside the plot. */
  g_assert_cmpint (sc_timeline_hit_test (timeline, &geometry, 39, 70, &index), ==, SC_TIMELINE_HIT_NONE);
  g_assert_cmpint (sc_timeline_hit_test (timeline, &geometry, 641, 70, &index), ==, SC_TIMELINE_HIT_NONE);
  g_assert_cmpint (sc_timeline_hit_test (timeline, &geometry, 100, -10, &index), ==, SC_TIMELINE_HIT_NONE);
  g_assert_cmpint (sc_timeline_hit_test (timeline, &geometry, 100, 150, &index), ==, SC_TIMELINE_HIT_NONE);
  g_assert_cmpint (index, ==, -1);
}

static void
test_timeline_selection (void)
{
  g_autoptr(ScTimeline) timeline = make_run ();
  g_autoptr(ScTimeline) empty = sc_timeline_new ();

  g_assert_cmpint (sc_timeline_clamp_selection (timeline, 3), ==, 3);
  g_assert_cmpint (sc_timeline_clamp_selection (timeline, 7), ==, 7);
  g_assert_cmpint (sc_timeline_clamp_selection (timeline, 8), ==, -1);
  g_assert_cmpint (sc_timeline_clamp_selection (timeline, -5), ==, -1);

  /* The live end sits right of the last step. */
  g_assert_cmpint (sc_timeline_move_selection (timeline, -1, -1), ==, 7);
  g_assert_cmpint (sc_timeline_move_selection (timeline, 7, 1), ==, -1);
  g_assert_cmpint (sc_timeline_move_selection (timeline, -1, 1), ==, -1);
  g_assert_cmpint (sc_timeline_move_selection (timeline, 4, -1), ==, 3);
  g_assert_cmpint (sc_timeline_move_selection (timeline, 0, -1), ==, 0);
  g_assert_cmpint (sc_timeline_move_selection (timeline, 2, -100), ==, 0);
  g_assert_cmpint (sc_timeline_move_selection (timeline, 2, 100), ==, -1);
  /* a stale index beyond the end counts as the live end */
  g_assert_cmpint (sc_timeline_move_selection (timeline, 30, -2), ==, 6);

  g_assert_cmpint (sc_timeline_move_selection (empty, -1, -1), ==, -1);
  g_assert_cmpint (sc_timeline_clamp_selection (empty, 0), ==, -1);
}

static void
test_timeline_ticks (void)
{
  g_autoptr(ScTimeline) timeline = sc_timeline_new ();
  ScStep step = make_step (SC_STAGE_DENSE, -1, 0.0, TRUE, 100.0, 1.0);
  ScTimelineGeometry geometry;
  double ticks[16];
  guint n;

  /* 0–100 with room for 5 ticks: 0, 25, 50, 75, 100. */
  sc_timeline_geometry_init (&geometry, timeline, 0, 0, 100, 100, FALSE);
  n = sc_timeline_accuracy_ticks (&geometry, ticks, 5);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat (ticks[0], ==, 0.0);
  g_assert_cmpfloat (ticks[1], ==, 25.0);
  g_assert_cmpfloat (ticks[4], ==, 100.0);

  /* 95–100: whole percents when they fit, else every 2 or 5. */
  sc_timeline_append (timeline, &step);
  sc_timeline_geometry_init (&geometry, timeline, 0, 0, 100, 100, FALSE);
  g_assert_cmpuint (sc_timeline_accuracy_ticks (&geometry, ticks, 6), ==, 6);
  g_assert_cmpfloat (ticks[0], ==, 95.0);
  n = sc_timeline_accuracy_ticks (&geometry, ticks, 3);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat (ticks[0], ==, 96.0);
  g_assert_cmpfloat (ticks[2], ==, 100.0);

  /* Density quarters, or halves when only 3 fit. */
  g_assert_cmpuint (sc_timeline_density_ticks (&geometry, ticks, 5), ==, 5);
  g_assert_cmpfloat (ticks[1], ==, 0.25);
  g_assert_cmpuint (sc_timeline_density_ticks (&geometry, ticks, 3), ==, 3);
  g_assert_cmpfloat (ticks[1], ==, 0.5);

  /* Log: 1e-4 … 1 is five decades; with 3 ticks every other one. */
  step.density = 0.0003;
  sc_timeline_append (timeline, &step);
  sc_timeline_geometry_init (&geometry, timeline, 0, 0, 100, 100, TRUE);
  n = sc_timeline_density_ticks (&geometry, ticks, 8);
  g_assert_cmpuint (n, ==, 5);
  g_assert_cmpfloat_with_epsilon (ticks[0], 1e-4, 1e-12);
  g_assert_cmpfloat (ticks[4], ==, 1.0);
  n = sc_timeline_density_ticks (&geometry, ticks, 3);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpfloat_with_epsilon (ticks[0], 1e-4, 1e-12);
  g_assert_cmpfloat_with_epsilon (ticks[1], 1e-2, 1e-12);
  g_assert_cmpfloat (ticks[2], ==, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/Timeline/append", test_timeline_append);
  g_test_add_func ("/Timeline/ranges", test_timeline_ranges);
  g_test_add_func ("/Timeline/spans", test_timeline_spans);
  g_test_add_func ("/Timeline/spans-empty", test_timeline_spans_empty);
  g_test_add_func ("/Timeline/geometry", test_timeline_geometry);
  g_test_add_func ("/Timeline/hit-test", test_timeline_hit_test);
  g_test_add_func ("/Timeline/selection", test_timeline_selection);
  g_test_add_func ("/Timeline/ticks", test_timeline_ticks);

  return g_test_run ();
}
