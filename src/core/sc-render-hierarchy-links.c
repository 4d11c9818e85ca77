/* sc-render-hierarchy-links.c — the arrows of the module hierarchy and
 * where their edge counts go
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

#define FS          SC_HIERARCHY_FS
#define LABEL_FS    (FS * 0.8)
#define HEAD        6.0      /* arrowhead length / 1.1, at scale 1 */
#define N_SAMPLES   32       /* segments of a curve when testing crossings */
#define T_STEP      0.03     /* label candidates along a curve: 0.5 ± k·T_STEP … */
#define T_MIN       0.15     /* … within [T_MIN, 1 - T_MIN] */
#define SIDE_TRIES  6
#define CLEARANCE   5.0      /* from other arrows, at scale 1 */
#define GAP         3.0      /* between labels, at scale 1 */

void
sc_hierarchy_link_point (const ScHierarchyLink *link,
                         double                 t,
                         double                *x,
                         double                *y)
{
  const double *c = link->curve;
  double u = 1.0 - t;
  double b0 = u * u * u, b1 = 3 * u * u * t, b2 = 3 * u * t * t, b3 = t * t * t;

  g_return_if_fail (link != NULL && x != NULL && y != NULL);

  *x = b0 * c[0] + b1 * c[2] + b2 * c[4] + b3 * c[6];
  *y = b0 * c[1] + b1 * c[3] + b2 * c[5] + b3 * c[7];
}

/* Position of a port: the k-th of n along the top or bottom edge. */
static double
port_x (const ScRect *rect,
        guint         k,
        guint         n)
{
  return rect->x + rect->width * (k + 1) / (n + 1);
}

/* Rank of `other` among the neighbours in `list`, sorted left to right. */
static guint
port_rank (const ScHierarchyLayout *layout,
           const GArray            *list,
           guint                    other)
{
  double x = layout->boxes[other].rect.x;
  guint rank = 0;

  for (guint i = 0; i < list->len; i++)
    {
      guint o = g_array_index (list, guint, i);

      if (o < layout->n_boxes && o != other &&
          (layout->boxes[o].rect.x < x || (layout->boxes[o].rect.x == x && o < other)))
        rank++;
    }

  return rank;
}

static void
set_line (ScHierarchyLink *link,
          double           x0,
          double           y0,
          double           x1,
          double           y1)
{
  const double c[8] = { x0, y0, x0, y0, x1, y1, x1, y1 };

  memcpy (link->curve, c, sizeof c);
}

/* Up from the top of `from` to the bottom of `to`: the curve leaves and
 * arrives vertically, and stops where the arrowhead begins. */
static void
up_link (const ScHierarchyLayout *layout,
         const ScModuleGraph     *graph,
         ScHierarchyLink         *link,
         double                   s)
{
  const ScRect *from = &layout->boxes[link->from].rect, *to = &layout->boxes[link->to].rect;
  const GArray *feeds = graph->modules[link->from].feeds, *fed_by = graph->modules[link->to].fed_by;
  double size = HEAD * s;
  double x0 = port_x (from, port_rank (layout, feeds, link->to), feeds->len), y0 = from->y;
  double x1 = port_x (to, fed_by != NULL ? port_rank (layout, fed_by, link->from) : 0,
                      fed_by != NULL ? fed_by->len : 1);
  double y1 = to->y + to->height;
  double dy = MAX (fabs (y1 - y0) * 0.45, size * 2);
  const double c[8] = { x0, y0, x0, y0 - dy, x1, y1 + dy + size, x1, y1 + size };

  memcpy (link->curve, c, sizeof c);
  link->tip_x = x1;
  link->tip_y = y1;
}

/* Between the facing sides of two boxes on one level, at the height they
 * share. */
static void
side_link (const ScHierarchyLayout *layout,
           ScHierarchyLink         *link,
           double                   s)
{
  const ScRect *from = &layout->boxes[link->from].rect, *to = &layout->boxes[link->to].rect;
  double dir = to->x > from->x ? 1.0 : -1.0, size = HEAD * s;
  double x0 = dir > 0 ? from->x + from->width : from->x;
  double x1 = dir > 0 ? to->x : to->x + to->width;
  double y = (MAX (from->y, to->y) + MIN (from->y + from->height, to->y + to->height)) / 2;

  set_line (link, x0 + (link->both_ways ? dir * size : 0), y, x1 - dir * size, y);
  link->tip_x = x1;
  link->tip_y = y;
}

static char *
link_label (const ScModuleGraph   *graph,
            const ScHierarchyLink *link,
            const ScHierarchyLayout *layout)
{
  guint edges = sc_module_graph_edges_between (graph, link->from, link->to);
  guint back;
  gboolean rightwards;

  if (edges == 0)
    return NULL;
  if (!link->both_ways)
    return g_strdup_printf ("%u", edges);

  /* rightwards count first: "→ 4 ← 2" */
  back = sc_module_graph_edges_between (graph, link->to, link->from);
  rightwards = layout->boxes[link->from].rect.x < layout->boxes[link->to].rect.x;
  return g_strdup_printf ("→ %u ← %u", rightwards ? edges : back, rightwards ? back : edges);
}

static GArray *
collect_links (const ScModuleGraph     *graph,
               const ScHierarchyLayout *layout,
               double                   s)
{
  GArray *links = g_array_new (FALSE, TRUE, sizeof (ScHierarchyLink));

  for (guint a = 0; a < graph->n_modules; a++)
    {
      const GArray *feeds = graph->modules[a].feeds;

      for (guint f = 0; feeds != NULL && f < feeds->len; f++)
        {
          guint b = g_array_index (feeds, guint, f);
          ScHierarchyLink link = { .from = a, .to = b };

          if (b >= graph->n_modules || b == a)
            continue;
          link.side = sc_module_graph_same_group (graph, a, b);
          link.both_ways = link.side && sc_module_graph_feeds (graph, b, a);
          if (link.both_ways && a > b)
            continue;   /* drawn once, from the lower index */
          link.edges = sc_module_graph_edges_between (graph, a, b) +
                       (link.both_ways ? sc_module_graph_edges_between (graph, b, a) : 0);
          if (link.side)
            side_link (layout, &link, s);
          else
            up_link (layout, graph, &link, s);
          link.label = link_label (graph, &link, layout);
          g_array_append_val (links, link);
        }
    }

  return links;
}

/* ---- label placement ---------------------------------------------- */

static ScRect
inflate (const ScRect *r,
         double        d)
{
  return (ScRect) { r->x - d, r->y - d, r->width + 2 * d, r->height + 2 * d };
}

/* Whether the segment (x0, y0)–(x1, y1) passes through rect
 * (Liang–Barsky clipping). */
static gboolean
segment_hits_rect (double        x0,
                   double        y0,
                   double        x1,
                   double        y1,
                   const ScRect *r)
{
  double p[4] = { -(x1 - x0), x1 - x0, -(y1 - y0), y1 - y0 };
  double q[4] = { x0 - r->x, r->x + r->width - x0, y0 - r->y, r->y + r->height - y0 };
  double lo = 0.0, hi = 1.0;

  for (guint i = 0; i < 4; i++)
    {
      if (p[i] == 0.0)
        {
          if (q[i] < 0.0)
            return FALSE;
          continue;
        }
      if (p[i] < 0.0)
        lo = MAX (lo, q[i] / p[i]);
      else
        hi = MIN (hi, q[i] / p[i]);
      if (lo > hi)
        return FALSE;
    }
  return TRUE;
}

static gboolean
curve_hits_rect (const ScHierarchyLink *link,
                 const ScRect          *r)
{
  double px, py;

  sc_hierarchy_link_point (link, 0.0, &px, &py);
  for (guint i = 1; i <= N_SAMPLES; i++)
    {
      double x, y;

      sc_hierarchy_link_point (link, (double) i / N_SAMPLES, &x, &y);
      if (segment_hits_rect (px, py, x, y, r))
        return TRUE;
      px = x;
      py = y;
    }
  return FALSE;
}

typedef struct
{
  const ScHierarchyLayout *layout;
  const GArray            *links;
  GArray                  *blocked;   /* ScRect: boxes, arrowheads, title, placed labels */
  double                   s;
} Placer;

static double
overlap_area (const ScRect *a,
              const ScRect *b)
{
  double w = MIN (a->x + a->width, b->x + b->width) - MAX (a->x, b->x);
  double h = MIN (a->y + a->height, b->y + b->height) - MAX (a->y, b->y);

  return w > 0 && h > 0 ? w * h : 0.0;
}

/* What a label at `rect` costs: +inf off the canvas; the area it covers
 * of boxes, arrowheads and placed labels (a candidate covering nothing
 * always wins); then the other arrows it crosses; then `offset`, how far
 * it is from where it belongs. */
static double
candidate_cost (const Placer *pl,
                const ScRect *rect,
                guint         self,
                double        offset)
{
  const ScHierarchyLayout *layout = pl->layout;
  double covered = 0.0;
  guint crossings = 0;
  ScRect clear;

  if (rect->x < 0 || rect->y < 0 || rect->x + rect->width > layout->width ||
      rect->y + rect->height > layout->height)
    return INFINITY;

  for (guint i = 0; i < pl->blocked->len; i++)
    covered += overlap_area (rect, &g_array_index (pl->blocked, ScRect, i));
  /* with a margin: a label right beside another arrow reads as its */
  clear = inflate (rect, CLEARANCE * pl->s);
  for (guint l = 0; l < pl->links->len; l++)
    if (l != self && curve_hits_rect (&g_array_index (pl->links, ScHierarchyLink, l), &clear))
      crossings++;

  return (covered > 0 ? 1e6 + covered : 0.0) + 10.0 * crossings + offset;
}

static ScRect
label_rect_at (double x,
               double y,
               double w,
               double h)
{
  return (ScRect) { x - w / 2, y - h / 2, w, h };
}

/* Along the curve, from its middle outwards. */
static ScRect
place_on_curve (const Placer          *pl,
                const ScHierarchyLink *link,
                guint                  self,
                double                 w,
                double                 h)
{
  double best_cost = INFINITY;
  ScRect best;

  for (guint k = 0; 0.5 - (k + 1) / 2 * T_STEP >= T_MIN - 1e-9; k++)
    {
      double t = 0.5 + (k % 2 ? -1.0 : 1.0) * ((k + 1) / 2) * T_STEP;
      double x, y, cost;
      ScRect rect;

      sc_hierarchy_link_point (link, t, &x, &y);
      rect = label_rect_at (x, y, w, h);
      cost = candidate_cost (pl, &rect, self, fabs (t - 0.5));
      if (k == 0 || cost < best_cost)
        {
          best_cost = cost;
          best = rect;
        }
    }
  return best;
}

/* A side link's label goes under the gap between its boxes (the gap is
 * narrower than the label, and the up-links leave the boxes' tops), lower
 * down when that is taken. */
static ScRect
place_under_gap (const Placer          *pl,
                 const ScHierarchyLink *link,
                 guint                  self,
                 double                 w,
                 double                 h)
{
  const ScRect *a = &pl->layout->boxes[link->from].rect, *b = &pl->layout->boxes[link->to].rect;
  double x = (MIN (a->x + a->width, b->x + b->width) + MAX (a->x, b->x)) / 2;
  double y = MAX (a->y + a->height, b->y + b->height) + 2 * pl->s + h / 2;
  double best_cost = INFINITY;
  ScRect best;

  for (guint k = 0; k < SIDE_TRIES; k++)
    {
      ScRect rect = label_rect_at (x, y + k * (h + 2 * pl->s), w, h);
      double cost = candidate_cost (pl, &rect, self, k);

      if (k == 0 || cost < best_cost)
        {
          best_cost = cost;
          best = rect;
        }
    }
  return best;
}

/* Greedy, in link order: each label takes the cheapest free spot, then
 * blocks it for the labels after it. */
static void
place_labels (const ScHierarchyLayout *layout,
              GArray                  *links,
              double                   s)
{
  cairo_t *text = _sc_text_context_new ();
  Placer pl = { layout, links, g_array_new (FALSE, FALSE, sizeof (ScRect)), s };
  double h = 13 * s;

  for (guint m = 0; m < layout->n_boxes; m++)
    {
      ScRect r = inflate (&layout->boxes[m].rect, s);

      g_array_append_val (pl.blocked, r);
    }
  for (guint l = 0; l < links->len; l++)
    {
      const ScHierarchyLink *link = &g_array_index (links, ScHierarchyLink, l);
      double size = HEAD * s;
      ScRect head = { link->tip_x - 0.6 * size, link->tip_y, 1.2 * size, 1.1 * size };

      if (link->side)
        continue;
      g_array_append_val (pl.blocked, head);
    }
  if (layout->title_rect.height > 0)
    g_array_append_val (pl.blocked, layout->title_rect);

  _sc_text_set_font (text, LABEL_FS * s, FALSE);
  for (guint l = 0; l < links->len; l++)
    {
      ScHierarchyLink *link = &g_array_index (links, ScHierarchyLink, l);
      double w;
      ScRect gap;

      if (link->label == NULL)
        continue;
      w = _sc_text_width (text, link->label) + 6 * s;
      link->label_rect = link->side ? place_under_gap (&pl, link, l, w, h)
                                    : place_on_curve (&pl, link, l, w, h);
      gap = inflate (&link->label_rect, GAP * s);
      g_array_append_val (pl.blocked, gap);
    }

  g_array_unref (pl.blocked);
  cairo_destroy (text);
}

void
_sc_hierarchy_links_compute (ScHierarchyLayout   *layout,
                             const ScModuleGraph *graph)
{
  double s = layout->font_size / FS;
  GArray *links = collect_links (graph, layout, s);

  place_labels (layout, links, s);
  layout->n_links = links->len;
  layout->links = (ScHierarchyLink *) (void *) g_array_free (links, FALSE);
}

void
_sc_hierarchy_links_free (ScHierarchyLayout *layout)
{
  for (guint l = 0; l < layout->n_links; l++)
    g_free (layout->links[l].label);
  g_clear_pointer (&layout->links, g_free);
  layout->n_links = 0;
}
