/* sc-render-edges.c — the edges on screen, at a level of detail
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-render-private.h"
#include "sc-render-raster.h"

/* The app draws a frame in a few milliseconds whatever the network: the
 * edges of each pair of layers become strokes of the rasteriser
 * (sc-render-raster.c), one per edge while a layer pair has few enough,
 * else one per pair of *bins* — runs of neighbouring units along a layer,
 * on screen — carrying the summed ink of the edges between them. The work
 * (strokes × pixel rows crossed) stays under OPS_BUDGET; the bins shrink
 * as the view zooms in, down to one unit each, where the bundles are the
 * edges themselves. Exports never come here: they draw every edge with
 * Cairo (sc-render-network.c). */

#define OPS_BUDGET   1000000.0  /* stroke-row visits per frame */
#define MIN_BUNDLES  64.0
/* The densest place of a bundled layer pair gets this optical density
 * (opacity 1 − e^−2.3 = 90 %): density varies, it does not saturate. */
#define PEAK_DENSITY 2.3

typedef struct
{
  const ScScene  *scene;
  const ScLayout *layout;
  cairo_matrix_t  m;           /* layout → device */
  gboolean        bottom_up;
  int             length;      /* device pixels along u */
  int             lines;       /* … along v */
  double          base;        /* opacity of an edge */
  double          density[16]; /* optical density per quantised opacity */
} Edges;

/* Along the layers. */
static double
unit_u (const Edges *e,
        guint        u)
{
  const ScLayoutUnit *unit = &e->layout->units[u];

  return e->bottom_up ? e->m.xx * unit->x + e->m.x0 : e->m.yy * unit->y + e->m.y0;
}

/* Across them. */
static double
layer_v (const Edges *e,
         guint        layer)
{
  const ScLayout *layout = e->layout;
  guint off = sc_mask_unit_offset (e->scene->mask, layer);

  if (layout->has_image && layer == 0)
    {
      /* the image's side that faces the first hidden layer */
      const ScRect *r = &layout->image_rect;

      return e->bottom_up ? e->m.yy * r->y + e->m.y0 : e->m.xx * (r->x + r->width) + e->m.x0;
    }
  /* every placed unit of a layer is on its row; removed ones may not be */
  for (guint i = 0; i < layout->arch[layer]; i++)
    if (layout->units[off + i].visible)
      {
        off += i;
        break;
      }
  return e->bottom_up ? e->m.yy * layout->units[off].y + e->m.y0
                      : e->m.xx * layout->units[off].x + e->m.x0;
}

/* ---- bins ------------------------------------------------------------- */

typedef struct
{
  guint  n;
  int   *of;        /* per unit of the layer: its bin, -1 when not drawn */
  float *lo;        /* per bin: its units' extent along u */
  float *hi;
} Bins;

typedef struct
{
  float u;
  guint unit;
} Place;

static int
compare_places (gconstpointer a,
                gconstpointer b)
{
  const Place *x = a, *y = b;

  if (x->u != y->u)
    return x->u < y->u ? -1 : 1;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* Runs of neighbouring drawn units no wider than size (0: one bin per
 * unit, in unit order, which keeps strokes in the order of the edges). */
static void
bins_build (Bins        *bins,
            const Edges *e,
            guint        layer,
            double       size)
{
  const ScLayout *layout = e->layout;
  guint n = layout->arch[layer], off = sc_mask_unit_offset (e->scene->mask, layer);
  g_autofree Place *places = g_new (Place, n);
  guint count = 0;

  bins->of = g_new (int, n);
  bins->lo = g_new (float, n);
  bins->hi = g_new (float, n);
  bins->n = 0;
  for (guint i = 0; i < n; i++)
    {
      bins->of[i] = -1;
      if (layout->units[off + i].visible && layout->units[off + i].alpha > 0.0f)
        places[count++] = (Place) { (float) unit_u (e, off + i), i };
    }
  if (size > 0.0)
    qsort (places, count, sizeof (Place), compare_places);

  for (guint p = 0; p < count; p++)
    {
      if (bins->n == 0 || size <= 0.0 || places[p].u - bins->lo[bins->n - 1] >= size)
        {
          bins->lo[bins->n] = bins->hi[bins->n] = places[p].u;
          bins->n++;
        }
      bins->hi[bins->n - 1] = places[p].u;
      bins->of[places[p].unit] = (int) bins->n - 1;
    }
}

static void
bins_clear (Bins *bins)
{
  g_clear_pointer (&bins->of, g_free);
  g_clear_pointer (&bins->lo, g_free);
  g_clear_pointer (&bins->hi, g_free);
}

/* ---- strokes ------------------------------------------------------------ */

/* What decides an edge's opacity at each end (as collect_layer() of
 * sc-render-network.c): the unit's opacity and whether it is selected. */
typedef struct
{
  float   *alpha;     /* 0 for units not drawn */
  guint8  *chosen;    /* bit 0: in the selected module; bit 1: the selected unit */
  float   *u;         /* along the layer, device pixels */
  guint    n;         /* units */
  double   v;         /* the layer's row */
  gboolean inside;    /* every drawn unit is on screen along u */
} Ends;

static void
ends_init (Ends        *ends,
           const Edges *e,
           guint        layer)
{
  const ScScene *scene = e->scene;
  guint n = e->layout->arch[layer], off = sc_mask_unit_offset (scene->mask, layer);

  ends->alpha = g_new (float, n);
  ends->chosen = g_new (guint8, n);
  ends->u = g_new (float, n);
  ends->v = layer_v (e, layer);
  ends->n = n;
  ends->inside = TRUE;
  for (guint i = 0; i < n; i++)
    {
      const ScLayoutUnit *unit = &e->layout->units[off + i];

      ends->alpha[i] = unit->visible ? MAX (unit->alpha, 0.0f) : 0.0f;
      ends->u[i] = (float) unit_u (e, off + i);
      if (ends->alpha[i] > 0.0f && (ends->u[i] < 0.0f || ends->u[i] > e->length))
        ends->inside = FALSE;
      ends->chosen[i] = (scene->selected_module >= 0 && unit->module == scene->selected_module) |
                        (scene->selected_unit >= 0 && (int) (off + i) == scene->selected_unit) << 1;
    }
}

static void
ends_clear (Ends *ends)
{
  g_clear_pointer (&ends->alpha, g_free);
  g_clear_pointer (&ends->chosen, g_free);
  g_clear_pointer (&ends->u, g_free);
}

/* Whether every drawn edge of the band is as opaque as the next and of
 * its weight's colour: nothing fades, nothing is selected or greyed, every
 * drawn unit is opaque. */
static gboolean
plain_band (const ScScene *scene,
            const Ends    *from,
            const Ends    *to)
{
  const Ends *ends[2] = { from, to };

  if ((scene->previous_mask != NULL && scene->progress < 1.0) ||
      scene->selected_module >= 0 || scene->selected_unit >= 0 ||
      scene->greyed_units != NULL || scene->greyed_edges != NULL)
    return FALSE;
  for (guint e = 0; e < 2; e++)
    for (guint i = 0; i < ends[e]->n; i++)
      if (ends[e]->alpha[i] != 0.0f && ends[e]->alpha[i] != 1.0f)
        return FALSE;
  return TRUE;
}

/* Whether the line from (ua, va) to (ub, vb), margin wide, crosses the
 * screen. */
static gboolean
on_screen (const Edges *e,
           double       ua,
           double       va,
           double       ub,
           double       vb,
           double       margin)
{
  double lo = MAX (MIN (va, vb), 0.0), hi = MIN (MAX (va, vb), e->lines);
  double t0, t1, u0, u1;

  if (lo >= hi)
    return FALSE;
  t0 = vb != va ? (lo - va) / (vb - va) : 0.0;
  t1 = vb != va ? (hi - va) / (vb - va) : 1.0;
  u0 = ua + t0 * (ub - ua);
  u1 = ua + t1 * (ub - ua);
  return MAX (u0, u1) >= -margin && MIN (u0, u1) <= e->length + margin;
}

/* Whether every edge of weight layer k is on screen (no need to ask). */
static gboolean
band_inside (const Edges *e,
             const Ends  *ends,
             guint        k)
{
  return ends[k].inside && ends[k + 1].inside &&
         MIN (ends[k].v, ends[k + 1].v) >= 0.0 && MAX (ends[k].v, ends[k + 1].v) <= e->lines;
}

/* Opacity factors of an edge by which of its ends are selected (bit 0 in
 * the selected module, bit 1 the selected unit): dimmed unless one is. */
static void
edge_dims (const ScScene *scene,
           float          dims[4])
{
  for (guint chosen = 0; chosen < 4; chosen++)
    dims[chosen] = (float) (((scene->selected_module >= 0 && !(chosen & 1)) ? SC_EDGE_DIMMED : 1.0) *
                            ((scene->selected_unit >= 0 && !(chosen & 2)) ? SC_EDGE_DIMMED : 1.0));
}

/* collect() of a plain band into bundles: every edge has the same opacity,
 * and the widths grow evenly with the level, so a bundle's ink is its
 * number of edges and their sum of levels, per sign — counted without a
 * branch over the input units of each bin in turn (10⁶ edges: a few ms). */
static void
collect_plain (const Edges *e,
               guint        k,
               const Bins  *in,
               const Bins  *out,
               const float *width_of,
               float        to_level,
               ScStroke    *bundles)
{
  const ScScene *scene = e->scene;
  guint n_in = e->layout->arch[k], n_out = e->layout->arch[k + 1];
  float levels = SC_EDGE_WIDTHS - 1, ink = (float) e->density[15];
  float w_min = width_of[0], w_step = (width_of[SC_EDGE_WIDTHS - 1] - width_of[0]) / levels;
  g_autofree guint *order = g_new (guint, n_in);
  g_autofree guint *start = g_new0 (guint, in->n + 1);

  /* the input units of each bin, bin by bin */
  for (guint i = 0; i < n_in; i++)
    if (in->of[i] >= 0)
      start[in->of[i] + 1]++;
  for (guint a = 0; a < in->n; a++)
    start[a + 1] += start[a];
  {
    g_autofree guint *next = g_memdup2 (start, sizeof (guint) * in->n);

    for (guint i = 0; i < n_in; i++)
      if (in->of[i] >= 0)
        order[next[in->of[i]]++] = i;
  }

  for (guint j = 0; j < n_out; j++)
    {
      const guint8 *mrow = scene->mask->m[k] + (gsize) j * n_in;
      const float *wrow = scene->weights ? scene->weights[k] + (gsize) j * n_in : NULL;
      ScStroke *brow;

      if (out->of[j] < 0)
        continue;
      brow = bundles + (gsize) out->of[j] * in->n;
      for (guint a = 0; a < in->n; a++)
        {
          guint n_all = 0, n_pos = 0, l_all = 0, l_pos = 0;

          for (guint p = start[a]; p < start[a + 1]; p++)
            {
              guint i = order[p], m = mrow[i] != 0;
              float w = wrow ? wrow[i] : 0.0f;
              guint level = wrow ? (guint) (MIN (fabsf (w) * to_level, levels) + 0.5f) : SC_EDGE_WIDTHS / 3;
              guint positive = m & (w >= 0.0f);

              n_all += m;
              l_all += m * level;
              n_pos += positive;
              l_pos += positive * level;
            }
          if (wrow == NULL)
            brow[a].mass[2] += ink * (n_all * w_min + l_all * w_step);
          else
            {
              brow[a].mass[1] += ink * (n_pos * w_min + l_pos * w_step);
              brow[a].mass[0] += ink * ((n_all - n_pos) * w_min + (l_all - l_pos) * w_step);
            }
        }
    }
}

/* Every drawn edge of weight layer k into band: one stroke each, or one
 * per pair of bins with their summed ink. This loop sees every edge of a
 * dense MNIST network (10⁶): tables instead of calls. */
static void
collect (const Edges *e,
         guint        k,
         const Ends  *ends,
         const Bins  *in,
         const Bins  *out,
         gboolean     bundled,
         ScBand      *band)
{
  const ScScene *scene = e->scene;
  const ScLayout *layout = e->layout;
  guint n_in = layout->arch[k], n_out = layout->arch[k + 1];
  const guint8 *mask = scene->mask->m[k];
  const guint8 *previous = scene->previous_mask != NULL && scene->progress < 1.0
                           ? scene->previous_mask->m[k] : NULL;
  const float *weights = scene->weights != NULL ? scene->weights[k] : NULL;
  const guint8 *greyed_in = NULL, *greyed_out = NULL;
  const guint8 *greyed_edges = scene->greyed_edges != NULL ? scene->greyed_edges->m[k] : NULL;
  float faded = (float) (1.0 - CLAMP (scene->progress, 0.0, 1.0));
  double scale = e->bottom_up ? e->m.xx : e->m.yy;
  float width_of[SC_EDGE_WIDTHS], levels = SC_EDGE_WIDTHS - 1;
  float to_level = layout->max_abs_weight > 0.0 ? (float) (levels / layout->max_abs_weight) : 0.0f;
  float dims[4] = { 0 };
  g_autofree ScStroke *bundles = NULL;
  const Ends *from = &ends[k], *to = &ends[k + 1];
  gboolean inside = band_inside (e, ends, k);

  for (guint l = 0; l < SC_EDGE_WIDTHS; l++)
    width_of[l] = (float) (_sc_edge_width (layout, l) * scale);
  edge_dims (scene, dims);
  if (scene->greyed_units != NULL)
    {
      greyed_in = scene->greyed_units + sc_mask_unit_offset (scene->mask, k);
      greyed_out = scene->greyed_units + sc_mask_unit_offset (scene->mask, k + 1);
    }
  if (bundled)
    {
      bundles = g_new0 (ScStroke, (gsize) in->n * out->n);
      for (guint a = 0; a < in->n; a++)
        for (guint b = 0; b < out->n; b++)
          {
            ScStroke *s = &bundles[(gsize) b * in->n + a];

            s->u0 = (in->lo[a] + in->hi[a]) / 2;
            s->spread0 = in->hi[a] - in->lo[a];
            s->u1 = (out->lo[b] + out->hi[b]) / 2;
            s->spread1 = out->hi[b] - out->lo[b];
            s->width = 1.0f;
          }
    }

  if (bundled && plain_band (scene, from, to))
    collect_plain (e, k, in, out, width_of, to_level, bundles);
  else for (guint j = 0; j < n_out; j++)
    {
      const guint8 *mrow = mask + (gsize) j * n_in;
      const guint8 *prow = previous ? previous + (gsize) j * n_in : NULL;
      const float *wrow = weights ? weights + (gsize) j * n_in : NULL;
      const guint8 *grow = greyed_edges ? greyed_edges + (gsize) j * n_in : NULL;
      gboolean greyed_to = greyed_out != NULL && greyed_out[j];
      ScStroke *brow = bundled ? bundles + (gsize) out->of[j] * in->n : NULL;

      if (out->of[j] < 0)
        continue;
      for (guint i = 0; i < n_in; i++)
        {
          float fade, x, w = wrow ? wrow[i] : 0.0f, aw = fabsf (w);
          guint q, level, channel = wrow ? w >= 0.0f : 2;

          if (in->of[i] < 0)
            continue;
          if (mrow[i])
            fade = 1.0f;
          else if (prow && prow[i])
            fade = faded;
          else
            continue;
          x = fade * MIN (from->alpha[i], to->alpha[j]) * dims[from->chosen[i] | to->chosen[j]];
          q = (guint) (CLAMP (x, 0.0f, 1.0f) * 15.0f + 0.5f);
          if (q == 0)
            continue;
          level = wrow ? (guint) (MIN (aw * to_level, levels) + 0.5f) : SC_EDGE_WIDTHS / 3;
          /* a what-if change: the edge or one of its units (as the export) */
          if (greyed_to || (greyed_in != NULL && greyed_in[i]) || (grow != NULL && grow[i]))
            channel = 3;

          if (bundled)
            brow[in->of[i]].mass[channel] += (float) e->density[q] * width_of[level];
          else if (inside || on_screen (e, from->u[i], from->v, to->u[j], to->v, width_of[level]))
            {
              ScStroke s = { 0 };

              s.u0 = in->lo[in->of[i]];
              s.u1 = out->lo[out->of[j]];
              s.width = width_of[level];
              s.mass[channel] = (float) e->density[q] * width_of[level];
              s.alpha = (float) (q * e->base / 15.0);
              g_array_append_val (band->strokes, s);
            }
        }
    }
  if (bundled)
    for (gsize b = 0; b < (gsize) in->n * out->n; b++)
      {
        const ScStroke *s = &bundles[b];

        if (s->mass[0] + s->mass[1] + s->mass[2] + s->mass[3] > 0.0f &&
            (inside || on_screen (e, s->u0, from->v, s->u1, to->v, MAX (s->spread0, s->spread1) + 2.0)))
          g_array_append_val (band->strokes, *s);
      }
}

/* The edges of weight layer k drawn at all (as collect() decides): their
 * number sets every edge's opacity, so it must be exact; and how many of
 * them cross the screen (the work they make). */
static gsize
drawn_edges (const Edges *e,
             const Ends  *ends,
             guint        k,
             gsize       *n_visible)
{
  const ScScene *scene = e->scene;
  guint n_in = e->layout->arch[k], n_out = e->layout->arch[k + 1];
  const guint8 *previous = scene->previous_mask != NULL && scene->progress < 1.0
                           ? scene->previous_mask->m[k] : NULL;
  float faded = (float) (1.0 - CLAMP (scene->progress, 0.0, 1.0)), dims[4];
  const Ends *from = &ends[k], *to = &ends[k + 1];
  gboolean inside = band_inside (e, ends, k);
  gsize n = 0, visible = 0;

  edge_dims (scene, dims);
  if (inside && plain_band (scene, from, to))
    {
      /* every edge between drawn units is drawn */
      g_autofree guint8 *drawn = g_new (guint8, n_in);

      for (guint i = 0; i < n_in; i++)
        drawn[i] = from->alpha[i] > 0.0f;
      for (guint j = 0; j < n_out; j++)
        {
          const guint8 *mrow = scene->mask->m[k] + (gsize) j * n_in;
          guint row = 0;

          if (to->alpha[j] <= 0.0f)
            continue;
          for (guint i = 0; i < n_in; i++)
            row += (mrow[i] != 0) & drawn[i];
          n += row;
        }
      *n_visible = n;
      return n;
    }
  for (guint j = 0; j < n_out; j++)
    {
      const guint8 *mrow = scene->mask->m[k] + (gsize) j * n_in;
      const guint8 *prow = previous ? previous + (gsize) j * n_in : NULL;

      if (to->alpha[j] <= 0.0f)
        continue;
      for (guint i = 0; i < n_in; i++)
        {
          float fade = mrow[i] ? 1.0f : prow && prow[i] ? faded : 0.0f;
          float x = fade * MIN (from->alpha[i], to->alpha[j]) * dims[from->chosen[i] | to->chosen[j]];
          gboolean drawn = x * 15.0f + 0.5f >= 1.0f;

          n += drawn;
          if (drawn && !inside)
            visible += on_screen (e, from->u[i], from->v, to->u[j], to->v, 4.0);
        }
    }
  *n_visible = inside ? n : visible;
  return n;
}

static double
extent_of_layer (const Edges *e,
                 guint        layer)
{
  Bins bins = { 0 };
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE;

  bins_build (&bins, e, layer, 0.0);
  for (guint b = 0; b < bins.n; b++)
    {
      lo = MIN (lo, bins.lo[b]);
      hi = MAX (hi, bins.hi[b]);
    }
  bins_clear (&bins);
  return hi > lo ? hi - lo : 1.0;
}

gboolean
_sc_render_edges_screen (cairo_t        *cr,
                         const ScScene  *scene,
                         const ScLayout *layout)
{
  cairo_surface_t *target = cairo_get_target (cr);
  guint n_bands = layout->n_layers - 1;
  g_autofree ScBand *bands = g_new0 (ScBand, n_bands);
  g_autofree double *rows = g_new0 (double, n_bands);
  g_autofree gboolean *bundles = g_new0 (gboolean, n_bands);
  g_autofree gsize *counts = g_new0 (gsize, n_bands);
  g_autofree gsize *visible = g_new0 (gsize, n_bands);
  g_autofree Ends *ends = NULL;
  ScRgba colors[SC_INK_CHANNELS];
  ScTheme theme;
  double total_rows = 0.0, peak = 0.0;
  gsize n_edges = 0;
  Edges e = { scene, layout };
  int width, height;

  /* pixels drawn straight into the surface: no group, no clip honoured */
  if (cairo_get_group_target (cr) != target ||
      cairo_surface_get_type (target) != CAIRO_SURFACE_TYPE_IMAGE ||
      cairo_image_surface_get_format (target) != CAIRO_FORMAT_ARGB32)
    return FALSE;
  cairo_get_matrix (cr, &e.m);
  if (e.m.xy != 0.0 || e.m.yx != 0.0 || e.m.xx <= 0.0 || e.m.yy <= 0.0)
    return FALSE;

  width = cairo_image_surface_get_width (target);
  height = cairo_image_surface_get_height (target);
  e.bottom_up = layout->orientation != SC_ORIENTATION_LEFT_RIGHT;
  e.length = e.bottom_up ? width : height;
  e.lines = e.bottom_up ? height : width;
  ends = g_new0 (Ends, layout->n_layers);
  for (guint l = 0; l < layout->n_layers; l++)
    ends_init (&ends[l], &e, l);
  for (guint k = 0; k < n_bands; k++)
    {
      counts[k] = drawn_edges (&e, ends, k, &visible[k]);
      n_edges += counts[k];
    }
  e.base = _sc_edge_base_alpha ((guint) MIN (n_edges, G_MAXUINT));
  for (guint q = 0; q < 16; q++)
    e.density[q] = _sc_raster_density (q * e.base / 15.0);

  /* Pixel rows each band crosses on screen: the work per stroke. */
  for (guint k = 0; k < n_bands; k++)
    {
      double v0 = layer_v (&e, k), v1 = layer_v (&e, k + 1);

      bands[k].v0 = MIN (v0, v1);
      bands[k].v1 = MAX (v0, v1);
      rows[k] = MAX (0.0, MIN (bands[k].v1, e.lines) - MAX (bands[k].v0, 0.0));
      total_rows += rows[k];
    }

  for (guint k = 0; k < n_bands; k++)
    {
      double budget = MAX (OPS_BUDGET / MAX (total_rows, 1.0), MIN_BUNDLES);
      gboolean bundled = rows[k] > 0.0 && visible[k] > budget;
      gboolean flip = layer_v (&e, k) > layer_v (&e, k + 1);
      Bins in = { 0 }, out = { 0 };

      bands[k].strokes = g_array_new (FALSE, FALSE, sizeof (ScStroke));
      if (rows[k] <= 0.0)
        continue;   /* off screen */

      if (bundled)
        {
          /* square bins whose pairs on screen fill the budget */
          double on = (double) visible[k] / MAX (counts[k], 1);
          double size = sqrt (extent_of_layer (&e, k) * extent_of_layer (&e, k + 1) * on / budget);

          bins_build (&in, &e, k, size);
          bins_build (&out, &e, k + 1, size);
        }
      else
        {
          bins_build (&in, &e, k, 0.0);
          bins_build (&out, &e, k + 1, 0.0);
        }
      collect (&e, k, ends, &in, &out, bundled, &bands[k]);
      bands[k].coarse = bundled;
      bundles[k] = bundled;
      if (flip)
        for (guint s = 0; s < bands[k].strokes->len; s++)
          {
            ScStroke *stroke = &g_array_index (bands[k].strokes, ScStroke, s);
            float u = stroke->u0, spread = stroke->spread0;

            stroke->u0 = stroke->u1;
            stroke->u1 = u;
            stroke->spread0 = stroke->spread1;
            stroke->spread1 = spread;
          }
      bands[k].v0 = floor (bands[k].v0);   /* whole rows: no seam between bands */
      bands[k].v1 = floor (bands[k].v1);
      for (guint s = 0; !bundled && s < bands[k].strokes->len; s++)
        bands[k].cap = MAX (bands[k].cap, g_array_index (bands[k].strokes, ScStroke, s).width / 2);
      bins_clear (&in);
      bins_clear (&out);
      if (bundled)
        {
          double band_peak = _sc_raster_band_peak (&bands[k], e.length);

          peak = MAX (peak, band_peak);
        }
    }

  /* Bundled ink is scaled so that its densest place is dark, not black. */
  if (peak > PEAK_DENSITY)
    for (guint k = 0; k < n_bands; k++)
      if (bundles[k])
        for (guint s = 0; s < bands[k].strokes->len; s++)
          for (guint c = 0; c < SC_INK_CHANNELS; c++)
            g_array_index (bands[k].strokes, ScStroke, s).mass[c] *= (float) (PEAK_DENSITY / peak);

  _sc_theme_get (scene->options.dark, &theme);
  sc_render_edge_color (FALSE, scene->options.dark, &colors[0]);
  sc_render_edge_color (TRUE, scene->options.dark, &colors[1]);
  colors[2] = _sc_rgba_mix (&theme.foreground, &theme.background, 0.35);
  colors[3] = _sc_rgba_mix (&theme.foreground, &theme.background, 0.7);   /* as stroke_buckets() */

  /* straight into the target's pixels, over what is drawn there */
  cairo_surface_flush (target);
  _sc_raster_bands ((guint32 *) cairo_image_surface_get_data (target), width, height,
                    cairo_image_surface_get_stride (target), !e.bottom_up, bands, n_bands, colors);
  cairo_surface_mark_dirty (target);

  for (guint k = 0; k < n_bands; k++)
    g_clear_pointer (&bands[k].strokes, g_array_unref);
  for (guint l = 0; l < layout->n_layers; l++)
    ends_clear (&ends[l]);
  return TRUE;
}
