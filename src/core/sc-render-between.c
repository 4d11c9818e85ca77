/* sc-render-between.c — a layout on its way from one place to another,
 * and copies of layouts
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-render-private.h"

static double
lerp (double a,
      double b,
      double t)
{
  return a + (b - a) * t;
}

ScLayout *
sc_layout_copy (const ScLayout *layout)
{
  ScLayout *copy;

  g_return_val_if_fail (layout != NULL, NULL);

  copy = g_memdup2 (layout, sizeof *layout);
  copy->arch = g_memdup2 (layout->arch, sizeof (guint) * layout->n_layers);
  copy->units = g_memdup2 (layout->units, sizeof (ScLayoutUnit) * layout->n_units);
  copy->boxes = g_memdup2 (layout->boxes, sizeof (ScLayoutBox) * MAX (layout->n_boxes, 1));
  copy->legend = g_memdup2 (layout->legend, sizeof (ScLegendEntry) * MAX (layout->n_legend, 1));
  for (guint r = 0; r < layout->n_legend; r++)
    copy->legend[r].text = g_strdup (layout->legend[r].text);
  return copy;
}

typedef struct
{
  double x0, y0, x1, y1;
} Extent;

static void
extent_add (Extent             *e,
            const ScLayoutUnit *unit)
{
  e->x0 = MIN (e->x0, unit->x - unit->radius);
  e->y0 = MIN (e->y0, unit->y - unit->radius);
  e->x1 = MAX (e->x1, unit->x + unit->radius);
  e->y1 = MAX (e->y1, unit->y + unit->radius);
}

/* A box keeps its margins around its units: the same distances from the
 * extent of its units (where they are at t) to its sides as in `to`. */
static void
move_box (ScLayoutBox    *box,
          const ScLayout *to,
          const ScLayout *between)
{
  Extent now = { G_MAXDOUBLE, G_MAXDOUBLE, -G_MAXDOUBLE, -G_MAXDOUBLE };
  Extent end = now;
  const ScRect *r = &box->rect;

  for (guint u = 0; u < to->n_units; u++)
    if (to->units[u].visible && to->units[u].module == (int) box->id)
      {
        extent_add (&end, &to->units[u]);
        extent_add (&now, &between->units[u]);
      }
  if (end.x0 > end.x1)
    return;   /* no units: it stays */

  box->rect = (ScRect) {
    now.x0 - (end.x0 - r->x),
    now.y0 - (end.y0 - r->y),
    (now.x1 - now.x0) + (end.x0 - r->x) + (r->x + r->width - end.x1),
    (now.y1 - now.y0) + (end.y0 - r->y) + (r->y + r->height - end.y1),
  };
}

ScLayout *
sc_layout_between (const ScLayout *from,
                   const ScLayout *to,
                   double          t)
{
  ScLayout *between;

  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  g_return_val_if_fail (from->n_units == to->n_units, NULL);

  t = CLAMP (t, 0.0, 1.0);
  between = sc_layout_copy (to);
  for (guint u = 0; u < to->n_units; u++)
    {
      const ScLayoutUnit *a = &from->units[u], *b = &to->units[u];
      ScLayoutUnit *unit = &between->units[u];

      if (!b->visible || !a->visible)
        continue;   /* appears or goes where `to` has it */
      unit->x = lerp (a->x, b->x, t);
      unit->y = lerp (a->y, b->y, t);
      unit->radius = lerp (a->radius, b->radius, t);
    }
  for (guint m = 0; m < between->n_boxes; m++)
    move_box (&between->boxes[m], to, between);

  return between;
}
