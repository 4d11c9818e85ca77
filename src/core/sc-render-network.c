/* sc-render-network.c — drawing a network scene with Cairo
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
#if defined(__x86_64__) || defined(__SSE__)
#include <xmmintrin.h>
#define HAVE_MXCSR 1
#endif

#include "sc-render-private.h"

/* Edges are stroked in buckets of equal colour, width and alpha: one
 * path per bucket is far faster than one stroke per edge, and an SVG of
 * an MNIST network stays small (one <path> element per bucket). */
#define N_WIDTHS SC_EDGE_WIDTHS
#define N_ALPHAS 16
#define DIMMED   SC_EDGE_DIMMED

typedef struct
{
  const ScScene  *scene;
  const ScLayout *layout;
  ScTheme         theme;
  double          sk;           /* scale: font_size relative to 11.5 px */
  GArray         *buckets[4][N_WIDTHS][N_ALPHAS];  /* sign 0 −, 1 +, 2 none, 3 greyed */
  guint           n_edges;
} Painter;

/* A module's colour: by its key when the scene follows a run. */
static void
module_color (const Painter *p,
              guint          id,
              ScRgba        *color)
{
  sc_render_module_color (sc_module_colors_key (p->scene->module_colors, id),
                          p->scene->options.dark, color);
}

static double
edge_width (const Painter *p,
            guint          level)
{
  return _sc_edge_width (p->layout, level);
}

#define width_level _sc_edge_width_level

static double
unit_dim (const Painter *p,
          guint          u)
{
  int selected = p->scene->selected_module;

  if (selected >= 0 && p->layout->units[u].module != selected)
    return 0.3;
  return 1.0;
}

static double
edge_dim (const Painter *p,
          guint          a,
          guint          b)
{
  return _sc_edge_dim (p->scene, p->layout, a, b);
}

/* Greyed by a what-if change: the edge itself or one of its units. */
static gboolean
edge_greyed (const ScScene *scene,
             guint          k,
             guint          i,
             guint          j,
             guint          a,
             guint          b)
{
  return (scene->greyed_units != NULL && (scene->greyed_units[a] || scene->greyed_units[b])) ||
         (scene->greyed_edges != NULL && sc_mask_get (scene->greyed_edges, k, i, j));
}

static gboolean
unit_greyed (const Painter *p,
             guint          u)
{
  return p->scene->greyed_units != NULL && p->scene->greyed_units[u];
}

static void
bucket_add (Painter *p,
            guint    sign,
            guint    level,
            double   alpha,
            double   x0,
            double   y0,
            double   x1,
            double   y1)
{
  guint a = (guint) lround (CLAMP (alpha, 0.0, 1.0) * (N_ALPHAS - 1));
  double seg[4] = { x0, y0, x1, y1 };

  if (a == 0)
    return;
  if (p->buckets[sign][level][a] == NULL)
    p->buckets[sign][level][a] = g_array_new (FALSE, FALSE, sizeof seg);
  g_array_append_val (p->buckets[sign][level][a], seg);
  p->n_edges++;
}

static void
collect_layer (Painter *p,
               guint    k)
{
  const ScScene *scene = p->scene;
  const ScLayout *layout = p->layout;
  const guint *arch = layout->arch;
  guint off_in = sc_mask_unit_offset (scene->mask, k);
  guint off_out = off_in + arch[k];

  for (guint j = 0; j < arch[k + 1]; j++)
    {
      const ScLayoutUnit *to = &layout->units[off_out + j];

      if (!to->visible)
        continue;
      for (guint i = 0; i < arch[k]; i++)
        {
          const ScLayoutUnit *from = &layout->units[off_in + i];
          double fade, w = 0.0;
          guint sign = 2, level = N_WIDTHS / 3;

          if (!from->visible || !_sc_scene_edge (scene, k, i, j, &fade))
            continue;
          if (scene->weights != NULL)
            {
              w = scene->weights[k][(gsize) j * arch[k] + i];
              sign = w >= 0.0;
              level = width_level (fabs (w), layout->max_abs_weight);
            }
          if (edge_greyed (scene, k, i, j, off_in + i, off_out + j))
            sign = 3;
          fade *= MIN (from->alpha, to->alpha) * edge_dim (p, off_in + i, off_out + j);
          bucket_add (p, sign, level, fade, from->x, from->y, to->x, to->y);
        }
    }
}

/* ---- input bundles (image mode) ----------------------------------- */

typedef struct
{
  guint  unit;        /* layer-1 unit */
  guint  group;
  double sum_abs;
  double sum;
  double x;           /* sums of pixel centres, then the centroid */
  double y;
  guint  count;
  double fade;
  int    module;
} Bundle;

/* The input edges of an image drawn as one bundle per (pixel block,
 * module) → hidden unit, with width ∝ Σ|w|: an MNIST layer has ~10⁵ edges. */
static guint
pixel_group (const Painter *p,
             guint          i,
             guint          n_slots,
             GHashTable    *slot_of)
{
  const ScLayout *layout = p->layout;
  guint bs = MAX (1, (MAX (layout->image_width, layout->image_height) + 7) / 8);
  guint bx = (layout->image_width + bs - 1) / bs;
  guint row = i / layout->image_width, col = i % layout->image_width;
  int module = layout->units[i].module;
  guint slot = module < 0 ? 0 : GPOINTER_TO_UINT (g_hash_table_lookup (slot_of, GINT_TO_POINTER (module)));

  return ((row / bs) * bx + col / bs) * n_slots + slot;
}

static void
collect_bundles_of (Painter    *p,
                    guint       j,
                    GHashTable *slot_of,
                    guint       n_slots,
                    GArray     *bundles)
{
  const ScScene *scene = p->scene;
  const ScLayout *layout = p->layout;
  guint n_in = layout->arch[0];
  g_autoptr(GHashTable) index_of = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_in; i++)
    {
      const ScLayoutUnit *px = &layout->units[i];
      double fade, w;
      gpointer found;
      Bundle *bundle;
      guint group;

      if (!_sc_scene_edge (scene, 0, i, j, &fade) || px->alpha <= 0.0f)
        continue;

      group = pixel_group (p, i, n_slots, slot_of);
      if (!g_hash_table_lookup_extended (index_of, GUINT_TO_POINTER (group), NULL, &found))
        {
          Bundle fresh = { n_in + j, group, 0, 0, 0, 0, 0, 0, px->module };

          found = GUINT_TO_POINTER (bundles->len);
          g_array_append_val (bundles, fresh);
          g_hash_table_insert (index_of, GUINT_TO_POINTER (group), found);
        }

      bundle = &g_array_index (bundles, Bundle, GPOINTER_TO_UINT (found));
      w = scene->weights != NULL ? scene->weights[0][(gsize) j * n_in + i] : 1.0;
      bundle->sum += w;
      bundle->sum_abs += fabs (w);
      bundle->x += px->x;
      bundle->y += px->y;
      bundle->count++;
      bundle->fade = MAX (bundle->fade, fade * px->alpha);
    }
}

static void
collect_bundles (Painter *p)
{
  const ScLayout *layout = p->layout;
  g_autoptr(GArray) bundles = g_array_new (FALSE, FALSE, sizeof (Bundle));
  g_autoptr(GHashTable) slot_of = g_hash_table_new (NULL, NULL);
  double max = 0.0;

  for (guint m = 0; m < layout->n_boxes; m++)
    g_hash_table_insert (slot_of, GINT_TO_POINTER (layout->boxes[m].id), GUINT_TO_POINTER (m + 1));
  for (guint i = 0; i < layout->arch[0]; i++)
    if (layout->units[i].module >= 0 &&
        !g_hash_table_contains (slot_of, GINT_TO_POINTER (layout->units[i].module)))
      g_hash_table_insert (slot_of, GINT_TO_POINTER (layout->units[i].module),
                           GUINT_TO_POINTER (g_hash_table_size (slot_of) + 1));

  for (guint j = 0; j < layout->arch[1]; j++)
    if (layout->units[layout->arch[0] + j].visible)
      collect_bundles_of (p, j, slot_of, g_hash_table_size (slot_of) + 1, bundles);

  for (guint b = 0; b < bundles->len; b++)
    max = MAX (max, g_array_index (bundles, Bundle, b).sum_abs);

  for (guint b = 0; b < bundles->len; b++)
    {
      Bundle *bundle = &g_array_index (bundles, Bundle, b);
      const ScLayoutUnit *to = &layout->units[bundle->unit];
      guint sign = unit_greyed (p, bundle->unit) ? 3
                 : p->scene->weights != NULL ? bundle->sum >= 0.0 : 2;
      double dim = 1.0;
      int selected = p->scene->selected_module;

      if (selected >= 0 && bundle->module != selected && to->module != selected)
        dim = DIMMED;
      if (p->scene->selected_unit >= 0 && (int) bundle->unit != p->scene->selected_unit)
        dim *= DIMMED;
      bucket_add (p, sign, width_level (bundle->sum_abs, max), bundle->fade * to->alpha * dim,
                  bundle->x / bundle->count, bundle->y / bundle->count, to->x, to->y);
    }
}

static void
stroke_buckets (cairo_t *cr,
                Painter *p)
{
  double base = _sc_edge_base_alpha (p->n_edges);
  ScRgba neutral = _sc_rgba_mix (&p->theme.foreground, &p->theme.background, 0.35);
  ScRgba greyed = _sc_rgba_mix (&p->theme.foreground, &p->theme.background, 0.7);
  /* Cairo 1.16 rasterises one long path of crossing lines far slower than
   * many short ones (seconds for 10⁴ edges): on raster targets, stroke in
   * chunks. Vector targets keep one path per bucket (smaller files). */
  guint chunk = cairo_surface_get_type (cairo_get_target (cr)) == CAIRO_SURFACE_TYPE_IMAGE
                ? 16 : G_MAXUINT;

  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);
  for (guint a = 1; a < N_ALPHAS; a++)
    for (guint sign = 0; sign < 4; sign++)
      for (guint level = 0; level < N_WIDTHS; level++)
        {
          GArray *segs = p->buckets[sign][level][a];
          ScRgba color;

          if (segs == NULL)
            continue;

          if (sign == 3)
            color = greyed;
          else if (sign == 2)
            color = neutral;
          else
            sc_render_edge_color (sign == 1, p->scene->options.dark, &color);
          _sc_set_source (cr, &color, base * a / (N_ALPHAS - 1));
          cairo_set_line_width (cr, edge_width (p, level));
          for (guint s = 0; s < segs->len; s++)
            {
              const double *seg = &g_array_index (segs, double, 4 * s);

              cairo_move_to (cr, seg[0], seg[1]);
              cairo_line_to (cr, seg[2], seg[3]);
              if ((s + 1) % chunk == 0)
                cairo_stroke (cr);
            }
          cairo_stroke (cr);
        }
}

static void
draw_edges (cairo_t *cr,
            Painter *p)
{
  if (p->scene->options.level_of_detail && _sc_render_edges_screen (cr, p->scene, p->layout))
    return;

  for (guint k = p->layout->has_image ? 1 : 0; k + 1 < p->layout->n_layers; k++)
    collect_layer (p, k);
  if (p->layout->has_image)
    collect_bundles (p);

  stroke_buckets (cr, p);
}

/* ---- boxes -------------------------------------------------------- */

static double
box_radius (const Painter     *p,
            const ScLayoutBox *box)
{
  return MIN (8.0 * p->sk, MIN (box->rect.width, box->rect.height) * 0.3);
}

/* A box's fill; dimmer when another module is selected. */
static double
box_fill_alpha (const Painter     *p,
                const ScLayoutBox *box)
{
  int selected = p->scene->selected_module;

  return p->theme.box_fill_alpha * (selected >= 0 && (int) box->id != selected ? 0.4 : 1.0);
}

static void
draw_box_fills (cairo_t *cr,
                Painter *p)
{
  for (guint m = 0; m < p->layout->n_boxes; m++)
    {
      const ScLayoutBox *box = &p->layout->boxes[m];
      ScRgba color;

      module_color (p, box->id, &color);
      _sc_rounded_rect (cr, &box->rect, box_radius (p, box));
      _sc_set_source (cr, &color, box_fill_alpha (p, box));
      cairo_fill (cr);
    }
}

/* The box's label: where its text starts (baseline) and the halo around
 * it, measured with cr's current font. */
static void
box_label_geometry (cairo_t           *cr,
                    const ScLayout    *layout,
                    const ScLayoutBox *box,
                    const char        *label,
                    ScRect            *halo,
                    double            *text_x,
                    double            *baseline)
{
  double fs = layout->font_size, w = _sc_text_width (cr, label);
  gboolean bottom_up = layout->orientation != SC_ORIENTATION_LEFT_RIGHT;

  *text_x = bottom_up ? box->rect.x + fs * 0.45 : box->rect.x + box->rect.width - fs * 0.45 - w;
  *baseline = box->rect.y + fs * 1.1;
  /* "M12" has no descenders: from above the capitals to just under the
   * baseline, inside the box's border */
  *halo = (ScRect) { *text_x - fs * 0.25, *baseline - fs * 0.88, w + fs * 0.5, fs * 1.06 };
}

void
sc_layout_box_label_rect (const ScLayout    *layout,
                          const ScLayoutBox *box,
                          ScRect            *rect)
{
  g_autofree char *label = NULL;
  cairo_t *text;
  double x, baseline;

  g_return_if_fail (layout != NULL && box != NULL && rect != NULL);

  label = sc_render_module_label (box->id);
  text = _sc_text_context_new ();
  _sc_text_set_font (text, layout->font_size, TRUE);
  box_label_geometry (text, layout, box, label, rect, &x, &baseline);
  cairo_destroy (text);
}

/* The label on a halo of the box's own fill, opaque: edges passing
 * under the corner of the box do not cross it out. */
static void
draw_box_label (cairo_t           *cr,
                Painter           *p,
                const ScLayoutBox *box,
                const ScRgba      *color,
                double             fill_alpha,
                double             alpha)
{
  g_autofree char *label = sc_render_module_label (box->id);
  ScRgba ink = _sc_rgba_mix (color, &p->theme.foreground, 0.45);
  ScRgba fill = _sc_rgba_mix (&p->theme.background, color, fill_alpha);
  double x, baseline;
  ScRect halo;

  _sc_text_set_font (cr, p->layout->font_size, TRUE);
  box_label_geometry (cr, p->layout, box, label, &halo, &x, &baseline);
  _sc_rounded_rect (cr, &halo, p->layout->font_size * 0.25);
  _sc_set_source (cr, &fill, 1.0);
  cairo_fill (cr);
  _sc_set_source (cr, &ink, alpha);
  _sc_text_draw (cr, label, x, baseline, 0.0);
}

static void
draw_box_borders (cairo_t *cr,
                  Painter *p)
{
  int selected = p->scene->selected_module;

  for (guint m = 0; m < p->layout->n_boxes; m++)
    {
      const ScLayoutBox *box = &p->layout->boxes[m];
      gboolean is_selected = selected >= 0 && (int) box->id == selected;
      double alpha = selected >= 0 && !is_selected ? 0.35 : 0.9;
      ScRgba color;

      module_color (p, box->id, &color);
      _sc_rounded_rect (cr, &box->rect, box_radius (p, box));
      _sc_set_source (cr, &color, alpha);
      cairo_set_line_width (cr, (is_selected ? 3.0 : 1.25) * p->sk);
      cairo_stroke (cr);

      if (box->show_label)
        draw_box_label (cr, p, box, &color, box_fill_alpha (p, box), alpha + 0.1);
    }
}

/* ---- units -------------------------------------------------------- */

static void
unit_color (const Painter      *p,
            const ScLayoutUnit *unit,
            ScRgba             *color)
{
  if (unit->module >= 0)
    module_color (p, unit->module, color);
  else
    *color = p->theme.undetected;
}

#define HEAT_LEVELS 8
#define HEAT_FLOOR  0.25

/* An input pixel's shade: Σ|w| of its edges into the first hidden layer
 * (their number without weights), against the largest: a dense network's
 * image shows where it looks, not a flat block. Kept pixels get at least
 * HEAT_FLOOR; levels are few, so that runs of equal pixels stay long (an
 * SVG stays small). */
static double *
pixel_heat (const Painter *p)
{
  const ScScene *scene = p->scene;
  const ScLayout *layout = p->layout;
  guint n_in = layout->arch[0], n_out = layout->arch[1];
  double *heat = g_new0 (double, n_in), max = 0.0;

  for (guint j = 0; j < n_out; j++)
    {
      const guint8 *mask = scene->mask->m[0] + (gsize) j * n_in;
      const float *w = scene->weights != NULL ? scene->weights[0] + (gsize) j * n_in : NULL;

      if (!layout->units[n_in + j].visible)
        continue;
      for (guint i = 0; i < n_in; i++)
        if (mask[i])
          heat[i] += w != NULL ? fabsf (w[i]) : 1.0;
    }
  for (guint i = 0; i < n_in; i++)
    max = MAX (max, heat[i]);
  for (guint i = 0; i < n_in; i++)
    heat[i] = heat[i] > 0.0 && max > 0.0
              ? round ((HEAT_FLOOR + (1.0 - HEAT_FLOOR) * heat[i] / max) * HEAT_LEVELS) / HEAT_LEVELS
              : 1.0;   /* no edges: a removed pixel, shown by its alpha */
  return heat;
}

static guint32
pixel_color (const Painter *p,
             const double  *heat,
             guint          i)
{
  const ScLayoutUnit *unit = &p->layout->units[i];
  ScRgba on, c;

  if (unit_greyed (p, i))
    on = p->theme.muted;
  else if (unit->module >= 0)
    module_color (p, unit->module, &on);
  else
    on = p->theme.image_on;
  c = _sc_rgba_mix (&p->theme.image_off, &on,
                    unit->alpha * heat[i] * (unit_dim (p, i) < 1.0 ? 0.3 : 1.0));

  return (guint32) lround (c.red * 255) << 16 | (guint32) lround (c.green * 255) << 8 |
         (guint32) lround (c.blue * 255);
}

typedef struct
{
  guint32 color;
  guint   row;
  guint   start;
  guint   end;
} Run;

static int
compare_runs (gconstpointer a,
              gconstpointer b)
{
  const Run *x = a, *y = b;

  if (x->color != y->color)
    return x->color < y->color ? -1 : 1;
  if (x->row != y->row)
    return x->row < y->row ? -1 : 1;
  return x->start < y->start ? -1 : x->start > y->start;
}

static void
fill_runs (cairo_t   *cr,
           const Run *runs,
           guint      n,
           double     px)
{
  for (guint r = 0; r < n; r++)
    cairo_rectangle (cr, runs[r].start * px, runs[r].row * px, (runs[r].end - runs[r].start) * px, px);
  cairo_set_source_rgb (cr, (runs[0].color >> 16 & 0xff) / 255.0, (runs[0].color >> 8 & 0xff) / 255.0,
                        (runs[0].color & 0xff) / 255.0);
  cairo_fill (cr);
}

/* The input image as rectangles, one per run of equal pixels and one path
 * per colour: crisp at any zoom and in every SVG viewer (an embedded
 * bitmap would be smoothed), and small. */
static void
draw_image (cairo_t *cr,
            Painter *p)
{
  const ScLayout *layout = p->layout;
  guint w = layout->image_width, h = layout->image_height;
  double px = layout->image_rect.width / w;
  g_autoptr(GArray) runs = g_array_new (FALSE, FALSE, sizeof (Run));
  const ScRgba *o = &p->theme.image_off;
  guint32 off = (guint32) lround (o->red * 255) << 16 | (guint32) lround (o->green * 255) << 8 |
                (guint32) lround (o->blue * 255);
  g_autofree double *heat = pixel_heat (p);
  guint start = 0;

  for (guint row = 0; row < h; row++)
    for (guint col = 0; col < w; col++)
      {
        guint32 color = pixel_color (p, heat, row * w + col);

        if (col == 0)
          start = 0;
        if (col + 1 < w && pixel_color (p, heat, row * w + col + 1) == color)
          continue;
        if (color != off)
          g_array_append_val (runs, ((Run) { color, row, start, col + 1 }));
        start = col + 1;
      }
  g_array_sort (runs, compare_runs);

  cairo_save (cr);
  cairo_translate (cr, layout->image_rect.x, layout->image_rect.y);
  _sc_set_source (cr, &p->theme.image_off, 1.0);
  cairo_rectangle (cr, 0, 0, layout->image_rect.width, layout->image_rect.height);
  cairo_fill (cr);
  for (guint r = 1, first = 0; r <= runs->len; r++)
    if (r == runs->len || g_array_index (runs, Run, r).color != g_array_index (runs, Run, first).color)
      {
        fill_runs (cr, &g_array_index (runs, Run, first), r - first, px);
        first = r;
      }
  cairo_restore (cr);

  cairo_rectangle (cr, layout->image_rect.x, layout->image_rect.y,
                   layout->image_rect.width, layout->image_rect.height);
  _sc_set_source (cr, &p->theme.frame, 1.0);
  cairo_set_line_width (cr, 1.0 * p->sk);
  cairo_stroke (cr);
}

typedef struct
{
  guint unit;
  int   module;
  guint alpha;      /* quantised */
  guint ghost;
  guint dimmed;     /* outside the selected module */
  guint greyed;     /* a what-if change */
} UnitKey;

static int
compare_unit_keys (gconstpointer a,
                   gconstpointer b)
{
  const UnitKey *x = a, *y = b;

  if (x->ghost != y->ghost)
    return x->ghost < y->ghost ? -1 : 1;
  if (x->module != y->module)
    return x->module < y->module ? -1 : 1;
  if (x->alpha != y->alpha)
    return x->alpha < y->alpha ? -1 : 1;
  if (x->dimmed != y->dimmed)
    return x->dimmed < y->dimmed ? -1 : 1;
  if (x->greyed != y->greyed)
    return x->greyed < y->greyed ? -1 : 1;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

static gboolean
same_style (const UnitKey *a,
            const UnitKey *b)
{
  return a->ghost == b->ghost && a->module == b->module && a->alpha == b->alpha &&
         a->dimmed == b->dimmed && a->greyed == b->greyed;
}

/* On screen, units a pixel or two across are squares: Cairo fills
 * thousands of them (a dense MNIST layer) far faster than circles. */
static gboolean
is_speck (cairo_t            *cr,
          const Painter      *p,
          const ScLayoutUnit *unit)
{
  double dx = unit->radius, dy = 0.0;

  if (!p->scene->options.level_of_detail)
    return FALSE;
  cairo_user_to_device_distance (cr, &dx, &dy);
  return fabs (dx) < 1.5;
}

/* One fill and one stroke per run of units with the same colour and alpha
 * (and one fill for the specks among them). */
static void
draw_unit_run (cairo_t       *cr,
               Painter       *p,
               const UnitKey *run,
               guint          n)
{
  const ScLayoutUnit *first = &p->layout->units[run[0].unit];
  double alpha = run[0].alpha / 100.0;
  ScRgba color, outline;
  gboolean circles = FALSE;

  if (run[0].ghost)
    color = outline = p->theme.muted;
  else
    {
      unit_color (p, first, &color);
      /* greyed (knocked out) units keep a trace of their module's colour */
      if (run[0].greyed)
        color = _sc_rgba_mix (&p->theme.muted, &color, 0.2);
      /* dimmed units stay opaque: edges must not show through them */
      if (run[0].dimmed)
        color = _sc_rgba_mix (&color, &p->theme.background, 0.7);
      outline = _sc_rgba_mix (&color, &p->theme.foreground, 0.35);
    }

  if (p->scene->options.level_of_detail)
    {
      for (guint r = 0; r < n; r++)
        {
          const ScLayoutUnit *unit = &p->layout->units[run[r].unit];

          if (is_speck (cr, p, unit))
            cairo_rectangle (cr, unit->x - unit->radius, unit->y - unit->radius,
                             2 * unit->radius, 2 * unit->radius);
        }
      _sc_set_source (cr, &outline, alpha);
      cairo_fill (cr);
    }

  for (guint r = 0; r < n; r++)
    {
      const ScLayoutUnit *unit = &p->layout->units[run[r].unit];

      if (is_speck (cr, p, unit))
        continue;
      cairo_new_sub_path (cr);
      cairo_arc (cr, unit->x, unit->y, unit->radius, 0, 2 * G_PI);
      circles = TRUE;
    }
  if (!circles)
    return;

  cairo_set_line_width (cr, MIN (1.0 * p->sk, first->radius * 0.3));
  if (run[0].ghost)
    {
      _sc_set_source (cr, &p->theme.muted, alpha);
      cairo_stroke (cr);
      return;
    }
  _sc_set_source (cr, &color, alpha);
  cairo_fill_preserve (cr);
  _sc_set_source (cr, &outline, alpha);
  cairo_stroke (cr);
}

static void
draw_units (cairo_t *cr,
            Painter *p)
{
  const ScLayout *layout = p->layout;
  g_autoptr(GArray) keys = g_array_new (FALSE, FALSE, sizeof (UnitKey));
  guint start = 0;

  for (guint u = 0; u < layout->n_units; u++)
    {
      const ScLayoutUnit *unit = &layout->units[u];
      UnitKey key;

      if (!unit->visible || (layout->has_image && unit->layer == 0))
        continue;
      key.unit = u;
      key.module = unit->module;
      key.ghost = !unit->kept && unit->alpha <= 0.3f;
      key.alpha = (guint) lround (unit->alpha * 100);
      key.dimmed = unit_dim (p, u) < 1.0;
      key.greyed = unit_greyed (p, u);
      if (key.alpha > 0)
        g_array_append_val (keys, key);
    }
  g_array_sort (keys, compare_unit_keys);

  for (guint r = 1; r <= keys->len; r++)
    if (r == keys->len || !same_style (&g_array_index (keys, UnitKey, start),
                                       &g_array_index (keys, UnitKey, r)))
      {
        draw_unit_run (cr, p, &g_array_index (keys, UnitKey, start), r - start);
        start = r;
      }
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The smallest distance between neighbouring visible units of a layer,
 * along the layer: names wider than that would collide. */
static double
layer_gap (const Painter *p,
           guint          layer)
{
  const ScLayout *layout = p->layout;
  gboolean bottom_up = layout->orientation != SC_ORIENTATION_LEFT_RIGHT;
  g_autoptr(GArray) pos = g_array_new (FALSE, FALSE, sizeof (double));
  guint off = sc_mask_unit_offset (p->scene->mask, layer);
  double gap = G_MAXDOUBLE;

  for (guint j = 0; j < layout->arch[layer]; j++)
    if (layout->units[off + j].visible)
      {
        double c = bottom_up ? layout->units[off + j].x : layout->units[off + j].y;

        g_array_append_val (pos, c);
      }
  g_array_sort (pos, compare_doubles);

  for (guint a = 1; a < pos->len; a++)
    gap = MIN (gap, g_array_index (pos, double, a) - g_array_index (pos, double, a - 1));

  return gap;
}

static void
draw_names (cairo_t            *cr,
            Painter            *p,
            guint               layer,
            const char * const *names,
            const char         *prefix,
            gboolean            below)
{
  const ScLayout *layout = p->layout;
  gboolean bottom_up = layout->orientation != SC_ORIENTATION_LEFT_RIGHT;
  double fs = layout->font_size * 0.92;
  double gap = layer_gap (p, layer);
  guint off = sc_mask_unit_offset (p->scene->mask, layer);

  _sc_text_set_font (cr, fs, FALSE);
  if (!bottom_up && fs > gap * 0.95)
    return;

  for (guint j = 0; j < layout->arch[layer]; j++)
    {
      const ScLayoutUnit *unit = &layout->units[off + j];
      char buffer[32];
      const char *name;

      if (!unit->visible || unit->alpha <= 0.0f)
        continue;
      name = _sc_unit_name (names, prefix, j, buffer, sizeof buffer);
      if (bottom_up && _sc_text_width (cr, name) > gap * 0.95)
        return;

      _sc_set_source (cr, &p->theme.foreground, unit->alpha * unit_dim (p, off + j));
      if (bottom_up)
        _sc_text_draw (cr, name, unit->x,
                       below ? unit->y + unit->radius + fs * 1.1 : unit->y - unit->radius - fs * 0.4, 0.5);
      else
        _sc_text_draw (cr, name, below ? unit->x - unit->radius - fs * 0.4 : unit->x + unit->radius + fs * 0.4,
                       unit->y + fs * 0.35, below ? 1.0 : 0.0);
    }
}

static void
draw_ring (cairo_t      *cr,
           Painter      *p,
           int           u,
           const ScRgba *color,
           double        width)
{
  const ScLayoutUnit *unit;
  double grow = 2.5 * p->sk + width / 2;

  if (u < 0 || (guint) u >= p->layout->n_units || !p->layout->units[u].visible)
    return;

  unit = &p->layout->units[u];
  if (p->layout->has_image && unit->layer == 0)
    cairo_rectangle (cr, unit->x - unit->radius - grow, unit->y - unit->radius - grow,
                     2 * (unit->radius + grow), 2 * (unit->radius + grow));
  else
    cairo_arc (cr, unit->x, unit->y, unit->radius + grow, 0, 2 * G_PI);
  _sc_set_source (cr, color, 1.0);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
draw_all_units (cairo_t *cr,
                Painter *p)
{
  const ScScene *scene = p->scene;
  guint last = p->layout->n_layers - 1;

  if (p->layout->has_image)
    draw_image (cr, p);
  draw_units (cr, p);

  if (scene->options.show_labels)
    {
      if (!p->layout->has_image)
        draw_names (cr, p, 0, scene->input_names, "x", TRUE);
      draw_names (cr, p, last, scene->output_names, "y", FALSE);
    }

  draw_ring (cr, p, scene->selected_unit, &p->theme.foreground, 2.5 * p->sk);
}

/* ---- title and legend --------------------------------------------- */

static void
draw_title (cairo_t *cr,
            Painter *p)
{
  const ScScene *scene = p->scene;
  const ScRect *rect = &p->layout->title_rect;
  double fs = p->layout->font_size, y = rect->y;

  if (rect->height <= 0.0)
    return;

  if (scene->title != NULL)
    {
      g_autofree char *text = NULL;

      _sc_text_set_font (cr, fs * 1.4, TRUE);
      text = _sc_text_ellipsize (cr, scene->title, rect->width);
      _sc_set_source (cr, &p->theme.foreground, 1.0);
      _sc_text_draw (cr, text, rect->x, y + fs * 1.4, 0.0);
      y += fs * 1.4 * 1.3;
    }

  if (scene->subtitle != NULL)
    {
      g_autofree char *text = NULL;

      _sc_text_set_font (cr, fs, FALSE);
      text = _sc_text_ellipsize (cr, scene->subtitle, rect->width);
      _sc_set_source (cr, &p->theme.muted, 1.0);
      _sc_text_draw (cr, text, rect->x, y + fs * 1.1, 0.0);
    }
}

static void
draw_swatch_line (cairo_t      *cr,
                  const ScRect *swatch,
                  const ScRgba *color,
                  double        width)
{
  cairo_move_to (cr, swatch->x + width, swatch->y + swatch->height / 2);
  cairo_line_to (cr, swatch->x + swatch->width - width, swatch->y + swatch->height / 2);
  _sc_set_source (cr, color, 1.0);
  cairo_set_line_width (cr, width);
  cairo_stroke (cr);
}

static void
draw_swatch_unit (cairo_t      *cr,
                  Painter      *p,
                  const ScRect *swatch,
                  const ScRgba *color,
                  gboolean      ghost)
{
  double r = swatch->height * 0.32;

  cairo_arc (cr, swatch->x + swatch->width / 2, swatch->y + swatch->height / 2, r, 0, 2 * G_PI);
  cairo_set_line_width (cr, 1.0 * p->sk);
  if (ghost)
    {
      _sc_set_source (cr, color, 0.3);
      cairo_stroke (cr);
      return;
    }
  _sc_set_source (cr, color, 1.0);
  cairo_fill (cr);
}

static void
draw_swatch_module (cairo_t      *cr,
                    Painter      *p,
                    const ScRect *swatch,
                    guint         id,
                    double        alpha)
{
  ScRect box = { swatch->x + swatch->width * 0.12, swatch->y + swatch->height * 0.12,
                 swatch->width * 0.76, swatch->height * 0.76 };
  ScRgba color;

  module_color (p, id, &color);
  _sc_rounded_rect (cr, &box, 4.0 * p->sk);
  _sc_set_source (cr, &color, p->theme.box_fill_alpha * 1.5 * alpha);
  cairo_fill_preserve (cr);
  _sc_set_source (cr, &color, 0.9 * alpha);
  cairo_set_line_width (cr, 1.0 * p->sk);
  cairo_stroke (cr);
  cairo_arc (cr, box.x + box.width / 2, box.y + box.height / 2, box.height * 0.3, 0, 2 * G_PI);
  _sc_set_source (cr, &color, alpha);
  cairo_fill (cr);
}

/* Light to dark, as pixel_heat() shades the image. */
static void
draw_swatch_heat (cairo_t      *cr,
                  Painter      *p,
                  const ScRect *swatch)
{
  double side = MIN (swatch->height * 0.8, swatch->width / 4);
  double y = swatch->y + (swatch->height - side) / 2;

  for (guint s = 0; s < 4; s++)
    {
      ScRgba c = _sc_rgba_mix (&p->theme.image_off, &p->theme.image_on,
                               HEAT_FLOOR + (1.0 - HEAT_FLOOR) * s / 3.0);

      cairo_rectangle (cr, swatch->x + s * side, y, side, side);
      _sc_set_source (cr, &c, 1.0);
      cairo_fill (cr);
    }
  cairo_rectangle (cr, swatch->x, y, 4 * side, side);
  _sc_set_source (cr, &p->theme.frame, 1.0);
  cairo_set_line_width (cr, 1.0 * p->sk);
  cairo_stroke (cr);
}

static void
draw_swatch (cairo_t             *cr,
             Painter             *p,
             const ScLegendEntry *entry,
             const ScRect        *swatch,
             double               alpha)
{
  ScRgba color, neutral = _sc_rgba_mix (&p->theme.foreground, &p->theme.background, 0.35);

  switch (entry->kind)
    {
    case SC_LEGEND_MODULE:
      draw_swatch_module (cr, p, swatch, entry->module, alpha);
      break;
    case SC_LEGEND_EDGE_POSITIVE:
    case SC_LEGEND_EDGE_NEGATIVE:
      sc_render_edge_color (entry->kind == SC_LEGEND_EDGE_POSITIVE, p->scene->options.dark, &color);
      draw_swatch_line (cr, swatch, &color, edge_width (p, N_WIDTHS / 2));
      break;
    case SC_LEGEND_EDGE_UNIFORM:
      draw_swatch_line (cr, swatch, &neutral, edge_width (p, N_WIDTHS / 3));
      break;
    case SC_LEGEND_WIDTH_MAX:
      draw_swatch_line (cr, swatch, &neutral, edge_width (p, N_WIDTHS - 1));
      break;
    case SC_LEGEND_WIDTH_MIN:
      draw_swatch_line (cr, swatch, &neutral, edge_width (p, width_level (0.25, 1.0)));
      break;
    case SC_LEGEND_UNGROUPED:
      draw_swatch_unit (cr, p, swatch, &p->theme.undetected, FALSE);
      break;
    case SC_LEGEND_REMOVED:
      draw_swatch_unit (cr, p, swatch, &p->theme.muted, TRUE);
      break;
    case SC_LEGEND_PIXEL_HEAT:
      draw_swatch_heat (cr, p, swatch);
      break;
    case SC_LEGEND_HEADING:
    case SC_LEGEND_MORE:
    default:
      break;
    }
}

static void
draw_legend (cairo_t *cr,
             Painter *p)
{
  const ScLayout *layout = p->layout;
  double fs = layout->font_size, sw = fs * 2.4;
  int selected = p->scene->selected_module;

  for (guint r = 0; r < layout->n_legend; r++)
    {
      const ScLegendEntry *entry = &layout->legend[r];
      ScRect swatch = { entry->rect.x, entry->rect.y + entry->rect.height * 0.15,
                        sw, entry->rect.height * 0.7 };
      double alpha = selected >= 0 && entry->kind == SC_LEGEND_MODULE && entry->module != selected ? 0.4 : 1.0;
      gboolean heading = entry->kind == SC_LEGEND_HEADING;
      double text_x = heading ? entry->rect.x : entry->rect.x + sw + fs * 0.5;

      draw_swatch (cr, p, entry, &swatch, alpha);
      _sc_text_set_font (cr, fs, heading || (entry->kind == SC_LEGEND_MODULE && entry->module == selected));
      _sc_set_source (cr, entry->kind == SC_LEGEND_MORE ? &p->theme.muted : &p->theme.foreground, alpha);
      _sc_text_draw (cr, entry->text, text_x, entry->rect.y + entry->rect.height / 2 + fs * 0.36, 0.0);
    }
}

/* ---- entry points ------------------------------------------------- */

/* Trained networks hold subnormal weights (a third of a dense MNIST
 * network's first layer), and every float operation on one takes a
 * hundred cycles: on screen they count as the zeros they nearly are
 * (flush to zero, denormals are zero: the thread's own SSE state, put
 * back afterwards). Exports keep IEEE arithmetic. */
static unsigned
screen_arithmetic_begin (const ScScene *scene)
{
#ifdef HAVE_MXCSR
  unsigned saved = _mm_getcsr ();

  if (scene->options.level_of_detail)
    _mm_setcsr (saved | 0x8040);   /* FTZ | DAZ */
  return saved;
#else
  return 0;
#endif
}

static void
screen_arithmetic_end (unsigned saved)
{
#ifdef HAVE_MXCSR
  _mm_setcsr (saved);
#endif
}

void
sc_render_network_parts (cairo_t        *cr,
                         const ScScene  *scene,
                         const ScLayout *layout,
                         ScRenderParts   parts)
{
  unsigned arithmetic;
  Painter p;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (scene != NULL && _sc_scene_is_valid (scene));
  g_return_if_fail (layout != NULL);
  g_return_if_fail (layout->n_units == sc_mask_n_units (scene->mask));

  memset (&p, 0, sizeof p);
  p.scene = scene;
  p.layout = layout;
  p.sk = layout->font_size / 11.5;
  _sc_theme_get (scene->options.dark, &p.theme);

  arithmetic = screen_arithmetic_begin (scene);
  cairo_save (cr);
  if ((parts & SC_RENDER_BACKGROUND) && scene->options.paint_background)
    {
      _sc_set_source (cr, &p.theme.background, 1.0);
      cairo_paint (cr);
    }
  if ((parts & SC_RENDER_BOXES) && scene->options.show_boxes)
    draw_box_fills (cr, &p);
  if (parts & SC_RENDER_EDGES)
    draw_edges (cr, &p);
  if ((parts & SC_RENDER_BOXES) && scene->options.show_boxes)
    draw_box_borders (cr, &p);
  if (parts & SC_RENDER_UNITS)
    draw_all_units (cr, &p);
  if (parts & SC_RENDER_TITLE)
    draw_title (cr, &p);
  if (parts & SC_RENDER_LEGEND)
    draw_legend (cr, &p);
  if (parts & SC_RENDER_HOVER)
    draw_ring (cr, &p, scene->hovered_unit, &p.theme.muted, 1.5 * p.sk);
  cairo_restore (cr);
  screen_arithmetic_end (arithmetic);

  for (guint s = 0; s < 4; s++)
    for (guint w = 0; w < N_WIDTHS; w++)
      for (guint a = 0; a < N_ALPHAS; a++)
        g_clear_pointer (&p.buckets[s][w][a], g_array_unref);
}

void
sc_render_network (cairo_t        *cr,
                   const ScScene  *scene,
                   const ScLayout *layout)
{
  sc_render_network_parts (cr, scene, layout, SC_RENDER_ALL);
}
