/* sc-render-hit.c — hit-testing and bounds of a network layout
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>

#include "sc-render-private.h"

const ScLayoutBox *
sc_layout_find_box (const ScLayout *layout,
                    guint           id)
{
  g_return_val_if_fail (layout != NULL, NULL);

  for (guint m = 0; m < layout->n_boxes; m++)
    if (layout->boxes[m].id == id)
      return &layout->boxes[m];

  return NULL;
}

gboolean
sc_layout_unit_rect (const ScLayout *layout,
                     guint           unit,
                     ScRect         *rect)
{
  const ScLayoutUnit *u;

  g_return_val_if_fail (layout != NULL, FALSE);
  g_return_val_if_fail (rect != NULL, FALSE);

  if (unit >= layout->n_units || !layout->units[unit].visible)
    return FALSE;

  u = &layout->units[unit];
  *rect = (ScRect) { u->x - u->radius, u->y - u->radius, 2 * u->radius, 2 * u->radius };
  return TRUE;
}

static void
rect_union (ScRect       *acc,
            gboolean     *empty,
            const ScRect *rect)
{
  double x1, y1;

  if (*empty)
    {
      *acc = *rect;
      *empty = FALSE;
      return;
    }

  x1 = MAX (acc->x + acc->width, rect->x + rect->width);
  y1 = MAX (acc->y + acc->height, rect->y + rect->height);
  acc->x = MIN (acc->x, rect->x);
  acc->y = MIN (acc->y, rect->y);
  acc->width = x1 - acc->x;
  acc->height = y1 - acc->y;
}

void
sc_layout_get_bounds (const ScLayout *layout,
                      ScRect         *bounds)
{
  const ScRect *plot;
  gboolean empty = TRUE;
  ScRect acc = { 0, 0, 0, 0 };
  double grow, x0, y0, x1, y1;

  g_return_if_fail (layout != NULL);
  g_return_if_fail (bounds != NULL);

  plot = &layout->plot_rect;
  for (guint u = 0; u < layout->n_units; u++)
    {
      ScRect rect;

      if (!(layout->has_image && layout->units[u].layer == 0) &&
          sc_layout_unit_rect (layout, u, &rect))
        rect_union (&acc, &empty, &rect);
    }
  for (guint m = 0; m < layout->n_boxes; m++)
    rect_union (&acc, &empty, &layout->boxes[m].rect);
  if (layout->has_image)
    rect_union (&acc, &empty, &layout->image_rect);

  if (empty)
    {
      *bounds = *plot;
      return;
    }

  /* room for the names next to the input and output units */
  grow = layout->font_size * 1.6;
  x0 = MAX (acc.x - grow, plot->x);
  y0 = MAX (acc.y - grow, plot->y);
  x1 = MIN (acc.x + acc.width + grow, plot->x + plot->width);
  y1 = MIN (acc.y + acc.height + grow, plot->y + plot->height);
  *bounds = (ScRect) { x0, y0, MAX (x1 - x0, 0), MAX (y1 - y0, 0) };
}

static gboolean
hit_image (const ScLayout *layout,
           double          x,
           double          y,
           ScHit          *hit)
{
  double px;
  guint row, col;

  if (!layout->has_image || !_sc_rect_contains (&layout->image_rect, x, y))
    return FALSE;

  /* the image is never rotated: row 0 at the top, column 0 on the left */
  px = layout->image_rect.width / layout->image_width;
  col = MIN ((guint) ((x - layout->image_rect.x) / px), layout->image_width - 1);
  row = MIN ((guint) ((y - layout->image_rect.y) / px), layout->image_height - 1);

  hit->kind = SC_HIT_UNIT;
  hit->layer = 0;
  hit->index = row * layout->image_width + col;
  hit->unit = hit->index;
  hit->module = layout->units[hit->unit].module;
  return TRUE;
}

static gboolean
hit_unit (const ScLayout *layout,
          double          x,
          double          y,
          ScHit          *hit)
{
  double best = G_MAXDOUBLE;
  int found = -1;

  for (guint u = 0; u < layout->n_units; u++)
    {
      const ScLayoutUnit *unit = &layout->units[u];
      double d, tolerance;

      if (!unit->visible || (layout->has_image && unit->layer == 0))
        continue;

      d = hypot (x - unit->x, y - unit->y);
      tolerance = MAX (unit->radius, MIN (4.0, layout->spacing / 2));
      if (d <= tolerance && d < best)
        {
          best = d;
          found = u;
        }
    }

  if (found < 0)
    return FALSE;

  hit->kind = SC_HIT_UNIT;
  hit->layer = layout->units[found].layer;
  hit->index = layout->units[found].index;
  hit->unit = found;
  hit->module = layout->units[found].module;
  return TRUE;
}

ScHit
sc_layout_hit_test (const ScLayout *layout,
                    double          x,
                    double          y)
{
  ScHit hit = { SC_HIT_NONE, 0, 0, 0, -1 };

  g_return_val_if_fail (layout != NULL, hit);

  if (hit_unit (layout, x, y, &hit) || hit_image (layout, x, y, &hit))
    return hit;

  for (guint m = 0; m < layout->n_boxes; m++)
    if (_sc_rect_contains (&layout->boxes[m].rect, x, y))
      {
        hit.kind = SC_HIT_MODULE;
        hit.module = layout->boxes[m].id;
        return hit;
      }

  for (guint r = 0; r < layout->n_legend; r++)
    if (layout->legend[r].kind == SC_LEGEND_MODULE &&
        _sc_rect_contains (&layout->legend[r].rect, x, y))
      {
        hit.kind = SC_HIT_LEGEND;
        hit.module = layout->legend[r].module;
        return hit;
      }

  return hit;
}

/* Distance from (x, y) to the segment a–b. */
static double
segment_distance (double x,
                  double y,
                  double ax,
                  double ay,
                  double bx,
                  double by)
{
  double dx = bx - ax, dy = by - ay;
  double len2 = dx * dx + dy * dy;
  double t = len2 > 0.0 ? CLAMP (((x - ax) * dx + (y - ay) * dy) / len2, 0.0, 1.0) : 0.0;

  return hypot (x - (ax + t * dx), y - (ay + t * dy));
}

gboolean
sc_layout_hit_edge (const ScLayout *layout,
                    const ScMask   *mask,
                    double          x,
                    double          y,
                    double          tolerance,
                    guint          *k_out,
                    guint          *i_out,
                    guint          *j_out)
{
  double best = tolerance;
  gboolean found = FALSE;

  g_return_val_if_fail (layout != NULL && mask != NULL, FALSE);
  g_return_val_if_fail (mask->n_layers == layout->n_layers, FALSE);

  /* an image's edges are drawn as bundles, not one by one */
  for (guint k = layout->has_image ? 1 : 0; k + 1 < layout->n_layers; k++)
    {
      guint off_in = sc_mask_unit_offset (mask, k);
      guint off_out = off_in + mask->arch[k];

      for (guint j = 0; j < mask->arch[k + 1]; j++)
        for (guint i = 0; i < mask->arch[k]; i++)
          {
            const ScLayoutUnit *a = &layout->units[off_in + i];
            const ScLayoutUnit *b = &layout->units[off_out + j];
            double d;

            if (!sc_mask_get (mask, k, i, j) || !a->visible || !b->visible)
              continue;
            d = segment_distance (x, y, a->x, a->y, b->x, b->y);
            if (d < best)
              {
                best = d;
                found = TRUE;
                *k_out = k;
                *i_out = i;
                *j_out = j;
              }
          }
    }

  return found;
}
