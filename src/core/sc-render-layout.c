/* sc-render-layout.c — where the units, boxes, title and legend go
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "sc-render-private.h"

/* Box padding across the layer and the gap between module columns, in
 * units of the spacing: boxes of neighbouring columns stay apart. */
#define BOX_PAD         0.22
#define COLUMN_GAP      0.7
#define MIN_GAP_PX      10.0
#define MIN_PAD_PX      3.0

#define NAME_SIZE(b)    ((b)->fs * 0.92)

static void
map_point (const ScLayoutBuilder *b,
           double                 u,
           double                 v,
           double                *x,
           double                *y)
{
  const ScRect *plot = &b->layout->plot_rect;

  if (b->bottom_up)
    {
      *x = plot->x + u;
      *y = plot->y + plot->height - v;
    }
  else
    {
      *x = plot->x + v;
      *y = plot->y + u;
    }
}

static void
map_rect (const ScLayoutBuilder *b,
          double                 u0,
          double                 u1,
          double                 v0,
          double                 v1,
          ScRect                *rect)
{
  double x0, y0, x1, y1;

  map_point (b, u0, v0, &x0, &y0);
  map_point (b, u1, v1, &x1, &y1);
  rect->x = MIN (x0, x1);
  rect->y = MIN (y0, y1);
  rect->width = fabs (x1 - x0);
  rect->height = fabs (y1 - y0);
}

/* ---- title -------------------------------------------------------- */

static double
layout_title (ScLayoutBuilder *b)
{
  const ScScene *scene = b->scene;
  ScLayout *layout = b->layout;
  double h = 0.0;

  if (!scene->options.show_title || (scene->title == NULL && scene->subtitle == NULL))
    return b->margin;

  if (scene->title != NULL)
    h += b->fs * 1.4 * 1.3;
  if (scene->subtitle != NULL)
    h += b->fs * 1.45;

  layout->title_rect = (ScRect) { b->margin, b->margin, layout->width - 2 * b->margin, h };
  return b->margin + h + b->fs;
}

/* ---- units before detection -------------------------------------- */

static gboolean
unit_takes_slot (const ScLayoutBuilder *b,
                 guint                  u)
{
  const ScScene *scene = b->scene;
  const ScSceneInfo *info = b->info;

  if (info->alive[u] || info->was_alive[u])
    return TRUE;
  if (scene->unit_alpha != NULL && scene->unit_alpha[u] > 0.0f)
    return TRUE;
  return scene->options.show_pruned && scene->detection == NULL;
}

/* Every layer evenly spaced in original order, centred. */
static void
place_plain (ScLayoutBuilder *b)
{
  const ScSceneInfo *info = b->info;
  guint l0 = info->image ? 1 : 0;

  b->layout->spacing = b->s_max;
  for (guint l = l0; l < info->n_layers; l++)
    {
      guint n = 0, i = 0;
      double s, r;

      for (guint j = 0; j < info->mask->arch[l]; j++)
        n += unit_takes_slot (b, info->offset[l] + j);
      if (n == 0)
        continue;

      s = MIN (b->cross / n, b->s_max);
      r = MIN (MIN (b->r_max, s * 0.34), b->row_gap * 0.2);
      b->layout->spacing = MIN (b->layout->spacing, s);
      for (guint j = 0; j < info->mask->arch[l]; j++)
        {
          guint u = info->offset[l] + j;

          if (!unit_takes_slot (b, u))
            continue;
          b->unit_u[u] = (b->cross - n * s) / 2 + (i++ + 0.5) * s;
          b->unit_v[u] = b->row_v[l];
          b->unit_r[u] = r;
          b->placed[u] = TRUE;
        }
    }
}

/* ---- units of detected modules ------------------------------------ */

static int
compare_module_keys (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  const ScSceneModule *modules = user_data;
  const ScSceneModule *x = &modules[*(const guint *) a], *y = &modules[*(const guint *) b];

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->id < y->id ? -1 : x->id > y->id;
}

/* The module columns to pack, in barycentre order. */
typedef struct
{
  guint   n;
  guint  *slot;       /* module slot (index into info->modules) */
  double *width;      /* in units of the spacing */
  guint  *first;      /* rows */
  guint  *last;
  double *weights;    /* n × n: module-to-module edges */
  double *x;          /* left edges, in units of the spacing */
} Columns;

static void
columns_init (Columns               *columns,
              const ScLayoutBuilder *b)
{
  const ScSceneInfo *info = b->info;
  guint n_max = MAX (info->n_modules, 1), l0 = info->image ? 1 : 0, n = 0;
  g_autofree guint *by_key = g_new0 (guint, n_max);

  columns->slot = g_new0 (guint, n_max);
  columns->width = g_new0 (double, n_max);
  columns->first = g_new0 (guint, n_max);
  columns->last = g_new0 (guint, n_max);
  columns->x = g_new0 (double, n_max);

  for (guint m = 0; m < info->n_modules; m++)
    by_key[m] = m;
  g_qsort_with_data (by_key, info->n_modules, sizeof (guint), compare_module_keys, info->modules);

  /* one column per module, as wide as its widest layer; in image mode
   * the input layer is the image, not part of any column */
  for (guint o = 0; o < info->n_modules; o++)
    {
      const ScSceneModule *module = &info->modules[by_key[o]];
      guint w = 0;

      for (guint l = MAX (module->first_layer, l0); l <= module->last_layer; l++)
        w = MAX (w, module->count[l]);
      if (w == 0)
        continue;

      columns->slot[n] = by_key[o];
      columns->width[n] = w;
      columns->first[n] = MAX (module->first_layer, l0);
      columns->last[n] = module->last_layer;
      n++;
    }

  columns->n = n;
  columns->weights = g_new0 (double, MAX ((gsize) n * n, 1));
  for (guint a = 0; a < n; a++)
    for (guint c = 0; c < n; c++)
      columns->weights[(gsize) a * n + c] =
        info->links[(gsize) columns->slot[a] * info->n_modules + columns->slot[c]];
}

static void
columns_clear (Columns *columns)
{
  g_free (columns->slot);
  g_free (columns->width);
  g_free (columns->first);
  g_free (columns->last);
  g_free (columns->weights);
  g_free (columns->x);
}

/* Packs the columns and finds the spacing b->s that fits them. Gaps and
 * paddings are in units of the spacing; when units get tiny (MNIST) they
 * keep a minimum size in pixels, so boxes stay apart. Returns the padding
 * and the extent [lo, hi] of the packing. */
static double
columns_fit (Columns         *columns,
             ScLayoutBuilder *b,
             double          *lo,
             double          *hi)
{
  double gap = COLUMN_GAP, pad = BOX_PAD;

  for (guint round = 0; round < 6; round++)
    {
      double new_gap, new_pad;

      _sc_pack_1d (columns->n, columns->width, columns->first, columns->last,
                   columns->weights, gap, columns->x);
      *lo = G_MAXDOUBLE;
      *hi = -G_MAXDOUBLE;
      for (guint a = 0; a < columns->n; a++)
        {
          *lo = MIN (*lo, columns->x[a]);
          *hi = MAX (*hi, columns->x[a] + columns->width[a]);
        }
      b->s = MIN (b->cross / (*hi - *lo + 2 * pad), b->s_max);

      new_gap = MAX (COLUMN_GAP, MIN_GAP_PX * b->k / b->s);
      new_pad = MAX (BOX_PAD, MIN_PAD_PX * b->k / b->s);
      if (new_gap <= gap && new_pad <= pad)
        break;
      gap = new_gap;
      pad = new_pad;
    }

  return pad;
}

/* Columns for the modules: one slot per module spanning its layers, in
 * barycentre order within each layer (fewest crossings), centred. */
static void
pack_modules (ScLayoutBuilder *b)
{
  Columns columns = { 0, };
  double lo, hi, pad;

  for (guint m = 0; m < b->info->n_modules; m++)
    b->slot_u[m] = NAN;

  columns_init (&columns, b);
  if (columns.n == 0)
    {
      columns_clear (&columns);
      return;
    }

  pad = columns_fit (&columns, b, &lo, &hi);
  b->box_pad = pad * b->s;
  b->layout->spacing = b->s;
  for (guint a = 0; a < columns.n; a++)
    {
      b->slot_u[columns.slot[a]] = (b->cross - (hi - lo) * b->s) / 2 + (columns.x[a] - lo) * b->s;
      b->slot_w[columns.slot[a]] = columns.width[a] * b->s;
    }
  columns_clear (&columns);
}

typedef struct
{
  guint  unit;
  double key;
} Ordered;

static int
compare_ordered (gconstpointer a,
                 gconstpointer c)
{
  const Ordered *x = a, *y = c;

  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->unit < y->unit ? -1 : x->unit > y->unit;
}

/* Hidden units of a module sit under the barycentre of their inputs'
 * positions; inputs and outputs keep their original order. */
static double
unit_order_key (const ScLayoutBuilder *b,
                guint                  l,
                guint                  j)
{
  const ScSceneInfo *info = b->info;
  double sum = 0.0;
  guint n = 0;

  if (l == 0 || l == info->n_layers - 1)
    return j;

  for (guint i = 0; i < info->mask->arch[l - 1]; i++)
    {
      guint u = info->offset[l - 1] + i;

      if (b->placed[u] && info->alive[u] && sc_mask_get (info->mask, l - 1, i, j))
        {
          sum += b->unit_u[u];
          n++;
        }
    }

  return n > 0 ? sum / n : j * 1e-6;
}

/* Units of a module spread over its column (up to the maximum spacing),
 * so a layer with few units is not squeezed into the middle. */
static void
place_module_layer (ScLayoutBuilder *b,
                    guint            m,
                    guint            l)
{
  const ScSceneInfo *info = b->info;
  g_autoptr(GArray) units = g_array_new (FALSE, FALSE, sizeof (Ordered));
  double first, s, r;

  for (guint j = 0; j < info->mask->arch[l]; j++)
    if (info->module_of[info->offset[l] + j] == (int) m)
      {
        Ordered o = { info->offset[l] + j, unit_order_key (b, l, j) };

        g_array_append_val (units, o);
      }
  g_array_sort (units, compare_ordered);

  s = MIN (b->slot_w[m] / units->len, b->s_max);
  r = MIN (MIN (b->r_max, s * 0.34), b->row_gap * 0.2);
  first = b->slot_u[m] + (b->slot_w[m] - units->len * s) / 2;
  for (guint p = 0; p < units->len; p++)
    {
      guint u = g_array_index (units, Ordered, p).unit;

      b->unit_u[u] = first + (p + 0.5) * s;
      b->unit_v[u] = b->row_v[l];
      b->unit_r[u] = r;
      b->placed[u] = TRUE;
    }
}

static void
place_modules (ScLayoutBuilder *b)
{
  const ScSceneInfo *info = b->info;

  for (guint l = info->image ? 1 : 0; l < info->n_layers; l++)
    for (guint m = 0; m < info->n_modules; m++)
      if (!isnan (b->slot_u[m]) && info->modules[m].count[l] > 0)
        place_module_layer (b, m, l);
}

/* ---- rows, image, boxes ------------------------------------------- */

static double
max_name_width (ScLayoutBuilder    *b,
                const char * const *names,
                const char         *prefix,
                guint               n)
{
  double w = 0.0;

  _sc_text_set_font (b->text, NAME_SIZE (b), FALSE);
  for (guint i = 0; i < n; i++)
    {
      char buffer[32];

      w = MAX (w, _sc_text_width (b->text, _sc_unit_name (names, prefix, i, buffer, sizeof buffer)));
    }

  return w;
}

static double
max_label_width (ScLayoutBuilder *b)
{
  double w = 0.0;

  _sc_text_set_font (b->text, b->fs, TRUE);
  for (guint m = 0; m < b->info->n_modules; m++)
    {
      g_autofree char *label = sc_render_module_label (b->info->modules[m].id);

      w = MAX (w, _sc_text_width (b->text, label));
    }

  return w;
}

static void
layout_bands (ScLayoutBuilder *b)
{
  const ScScene *scene = b->scene;
  const ScSceneInfo *info = b->info;
  guint last = info->n_layers - 1;

  b->input_names = scene->options.show_labels && !info->image;
  b->output_names = scene->options.show_labels;

  if (b->input_names)
    b->band_lo = b->bottom_up ? NAME_SIZE (b) * 1.5
                              : max_name_width (b, scene->input_names, "x", info->mask->arch[0]) + b->fs * 0.6;
  if (b->output_names)
    b->band_hi = b->bottom_up ? NAME_SIZE (b) * 1.5
                              : max_name_width (b, scene->output_names, "y", info->mask->arch[last]) + b->fs * 0.6;
  if (scene->options.show_boxes && scene->options.show_labels && info->n_modules > 0)
    b->label_band = b->bottom_up ? b->fs * 1.35 : max_label_width (b) + b->fs * 0.9;
}

static void
layout_image (ScLayoutBuilder *b)
{
  const ScScene *scene = b->scene;
  ScLayout *layout = b->layout;
  double along_v = b->bottom_up ? scene->image_height : scene->image_width;
  double along_u = b->bottom_up ? scene->image_width : scene->image_height;

  b->img_px = MIN (0.28 * b->depth / along_v, 0.8 * b->cross / along_u);
  b->img_u = (b->cross - b->img_px * along_u) / 2;
  b->img_v = 0.0;

  layout->has_image = TRUE;
  layout->image_width = scene->image_width;
  layout->image_height = scene->image_height;
  map_rect (b, b->img_u, b->img_u + b->img_px * along_u, 0.0, b->img_px * along_v,
            &layout->image_rect);
}

static void
layout_rows (ScLayoutBuilder *b)
{
  const ScSceneInfo *info = b->info;
  guint n = info->n_layers;
  double top = b->depth - b->band_hi - b->label_band - b->pad - b->r_max;

  if (info->image)
    {
      double base = b->img_px * (b->bottom_up ? b->scene->image_height : b->scene->image_width);

      b->row_gap = MAX ((top - base) / (n - 1), 0.0);
      b->row_v[0] = base / 2;
      for (guint l = 1; l < n; l++)
        b->row_v[l] = base + l * b->row_gap;
    }
  else
    {
      double bottom = b->band_lo + b->pad + b->r_max;

      b->row_gap = MAX ((top - bottom) / (n - 1), 0.0);
      for (guint l = 0; l < n; l++)
        b->row_v[l] = bottom + l * b->row_gap;
    }
}

static void
layout_boxes (ScLayoutBuilder *b)
{
  const ScSceneInfo *info = b->info;
  ScLayout *layout = b->layout;
  guint last = info->n_layers - 1, n = 0;
  double r = MIN (b->r_max, b->row_gap * 0.2);   /* the largest radius */
  double label_w, pc = b->box_pad;
  gboolean labels = b->label_band > 0.0 &&
                    b->row_gap >= 2 * r + 2 * b->pad + b->label_band + 2 * b->k;

  layout->boxes = g_new0 (ScLayoutBox, MAX (info->n_modules, 1));
  label_w = info->n_modules > 0 ? max_label_width (b) : 0.0;

  for (guint m = 0; m < info->n_modules; m++)
    {
      const ScSceneModule *module = &info->modules[m];
      ScLayoutBox *box = &layout->boxes[n];
      guint first = MAX (module->first_layer, info->image ? 1u : 0u);
      double v0, v1;

      if (isnan (b->slot_u[m]))
        continue;

      v0 = b->row_v[first] - r - b->pad - (first == 0 && b->input_names ? b->band_lo : 0);
      v1 = b->row_v[module->last_layer] + r + b->pad + (labels ? b->label_band : 0) +
           (module->last_layer == last && b->output_names ? b->band_hi : 0);
      box->id = module->id;
      box->first_layer = first;
      box->last_layer = module->last_layer;
      map_rect (b, b->slot_u[m] - pc, b->slot_u[m] + b->slot_w[m] + pc, v0, v1, &box->rect);
      box->show_label = labels && (b->bottom_up ? box->rect.width >= label_w + b->fs * 0.9
                                                : box->rect.height >= b->fs * 1.4);
      n++;
    }

  layout->n_boxes = n;
}

/* ---- units: alpha, visibility, canvas coordinates ----------------- */

static void
layout_image_units (ScLayoutBuilder *b)
{
  ScLayout *layout = b->layout;
  guint w = b->scene->image_width;

  for (guint i = 0; i < b->info->mask->arch[0]; i++)
    {
      guint row = i / w, col = i % w;
      double u, v;

      if (b->bottom_up)
        {
          u = b->img_u + (col + 0.5) * b->img_px;
          v = b->img_v + (b->scene->image_height - row - 0.5) * b->img_px;
        }
      else
        {
          u = b->img_u + (row + 0.5) * b->img_px;
          v = b->img_v + (col + 0.5) * b->img_px;
        }
      map_point (b, u, v, &layout->units[i].x, &layout->units[i].y);
      layout->units[i].radius = b->img_px / 2;
      layout->units[i].visible = TRUE;
    }
}

static void
layout_units (ScLayoutBuilder *b)
{
  const ScScene *scene = b->scene;
  const ScSceneInfo *info = b->info;
  ScLayout *layout = b->layout;
  double fade = 1.0 - CLAMP (scene->progress, 0.0, 1.0);

  for (guint u = 0; u < info->n_units; u++)
    {
      ScLayoutUnit *unit = &layout->units[u];

      unit->kept = info->alive[u];
      unit->module = info->module_of[u] >= 0 ? (int) info->modules[info->module_of[u]].id : -1;
      if (info->alive[u])
        unit->alpha = 1.0f;
      else if (info->was_alive[u])
        unit->alpha = fade;
      else if (b->placed[u])
        unit->alpha = 0.3f;   /* a ghost */
      if (scene->unit_alpha != NULL)
        unit->alpha = CLAMP (scene->unit_alpha[u], 0.0f, 1.0f);

      if (!b->placed[u])
        continue;
      map_point (b, b->unit_u[u], b->unit_v[u], &unit->x, &unit->y);
      unit->radius = b->unit_r[u];
      unit->visible = TRUE;
    }

  if (info->image)
    layout_image_units (b);
}

/* Whether unit u will be drawn (layout_units() sets visible the same way),
 * needed before positions exist: the legend shows the maximum |w|. */
static gboolean
unit_drawn (const ScLayoutBuilder *b,
            guint                  u)
{
  const ScSceneInfo *info = b->info;

  if (info->image && u < info->mask->arch[0])
    return TRUE;
  if (b->scene->detection != NULL)
    return info->alive[u] && info->module_of[u] >= 0;
  return unit_takes_slot (b, u);
}

/* The largest |w| of the edges drawn between drawn units: what the edge
 * widths and the legend are scaled to. */
static double
max_weight (const ScScene *scene,
            const guint8  *drawn)
{
  const ScMask *mask = scene->mask;
  float max = 0.0f;

  /* every edge of the network: an MNIST one has 10⁶ */
  for (guint k = 0, off = 0; k + 1 < mask->n_layers; off += mask->arch[k], k++)
    {
      guint n_in = mask->arch[k];
      const guint8 *from = drawn + off, *to = drawn + off + n_in;
      const guint8 *previous = scene->previous_mask != NULL && scene->progress < 1.0
                               ? scene->previous_mask->m[k] : NULL;

      for (guint j = 0; j < mask->arch[k + 1]; j++)
        {
          const float *row = scene->weights[k] + (gsize) j * n_in;
          const guint8 *now = mask->m[k] + (gsize) j * n_in;
          const guint8 *before = previous ? previous + (gsize) j * n_in : NULL;

          if (!to[j])
            continue;
          for (guint i = 0; i < n_in; i++)
            if (from[i] && (now[i] || (before && before[i])))
              max = MAX (max, fabsf (row[i]));
        }
    }
  return max;
}

static void
layout_max_weight (ScLayoutBuilder *b)
{
  g_autofree guint8 *drawn = NULL;

  if (b->scene->weights == NULL)
    return;

  drawn = g_new (guint8, b->info->n_units);
  for (guint u = 0; u < b->info->n_units; u++)
    drawn[u] = unit_drawn (b, u);
  b->layout->max_abs_weight = max_weight (b->scene, drawn);
}

static void
builder_init (ScLayoutBuilder *b,
              const ScScene   *scene,
              double           width,
              double           height)
{
  ScLayout *layout = g_new0 (ScLayout, 1);
  const ScMask *mask = scene->mask;

  memset (b, 0, sizeof *b);
  b->scene = scene;
  b->info = _sc_scene_info_new (scene);
  b->layout = layout;
  b->text = _sc_text_context_new ();
  b->bottom_up = scene->options.orientation != SC_ORIENTATION_LEFT_RIGHT;
  b->k = CLAMP (MIN (width, height) / 640.0, 0.75, 1.5);
  b->fs = 11.5 * b->k;
  b->margin = 14 * b->k;
  b->r_max = 12 * b->k;
  b->s_max = 64 * b->k;
  b->pad = 4 * b->k;
  b->row_v = g_new0 (double, mask->n_layers);
  b->unit_u = g_new0 (double, b->info->n_units);
  b->unit_v = g_new0 (double, b->info->n_units);
  b->unit_r = g_new0 (double, b->info->n_units);
  b->placed = g_new0 (gboolean, b->info->n_units);
  b->slot_u = g_new0 (double, MAX (b->info->n_modules, 1));
  b->slot_w = g_new0 (double, MAX (b->info->n_modules, 1));

  layout->width = width;
  layout->height = height;
  layout->orientation = scene->options.orientation;
  layout->n_layers = mask->n_layers;
  layout->arch = g_memdup2 (mask->arch, sizeof (guint) * mask->n_layers);
  layout->n_units = b->info->n_units;
  layout->units = g_new0 (ScLayoutUnit, layout->n_units);
  layout->font_size = b->fs;
  for (guint l = 0; l < mask->n_layers; l++)
    for (guint j = 0; j < mask->arch[l]; j++)
      {
        ScLayoutUnit *unit = &layout->units[b->info->offset[l] + j];

        unit->layer = l;
        unit->index = j;
        unit->module = -1;
      }
}

static void
builder_clear (ScLayoutBuilder *b)
{
  g_clear_pointer (&b->info, _sc_scene_info_free);
  g_clear_pointer (&b->text, cairo_destroy);
  g_free (b->row_v);
  g_free (b->unit_u);
  g_free (b->unit_v);
  g_free (b->unit_r);
  g_free (b->placed);
  g_free (b->slot_u);
  g_free (b->slot_w);
}

/* The plot area: what the title and the legend leave. */
static void
layout_frame (ScLayoutBuilder *b)
{
  const ScScene *scene = b->scene;
  ScLayout *layout = b->layout;
  double top = layout_title (b);
  ScRect plot = { b->margin, top, layout->width - 2 * b->margin, layout->height - top - b->margin };

  if (scene->options.show_legend)
    {
      if (layout->width >= layout->height * 1.1)
        _sc_legend_column (b, top, &plot);
      else
        _sc_legend_grid (b, &plot);
    }

  plot.width = MAX (plot.width, 1.0);
  plot.height = MAX (plot.height, 1.0);
  layout->plot_rect = plot;
  b->cross = b->bottom_up ? plot.width : plot.height;
  b->depth = b->bottom_up ? plot.height : plot.width;
}

ScLayout *
sc_layout_compute (const ScScene *scene,
                   double         width,
                   double         height)
{
  ScLayoutBuilder b;

  g_return_val_if_fail (scene != NULL && _sc_scene_is_valid (scene), NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  builder_init (&b, scene, width, height);
  layout_max_weight (&b);
  layout_frame (&b);
  layout_bands (&b);
  if (b.info->image)
    layout_image (&b);
  layout_rows (&b);

  if (scene->detection != NULL)
    {
      pack_modules (&b);
      place_modules (&b);
      layout_boxes (&b);
    }
  else
    place_plain (&b);

  layout_units (&b);

  builder_clear (&b);
  return g_steal_pointer (&b.layout);
}

/* The widest legend text, with the |w| rows' texts replaced (or not). */
static double
legend_text_extent (const ScLayout *layout,
                    const char     *max_text,
                    const char     *min_text)
{
  cairo_t *cr = _sc_text_context_new ();
  double widest = 0.0;

  for (guint r = 0; r < layout->n_legend; r++)
    {
      const ScLegendEntry *entry = &layout->legend[r];
      const char *text = entry->text;

      if (entry->kind == SC_LEGEND_WIDTH_MAX && max_text != NULL)
        text = max_text;
      else if (entry->kind == SC_LEGEND_WIDTH_MIN && min_text != NULL)
        text = min_text;
      _sc_text_set_font (cr, layout->font_size, entry->kind == SC_LEGEND_HEADING);
      widest = MAX (widest, _sc_text_width (cr, text));
    }
  cairo_destroy (cr);
  return widest;
}

gboolean
sc_layout_update_weights (ScLayout      *layout,
                          const ScScene *scene)
{
  g_autofree guint8 *drawn = NULL;
  g_autofree char *max_text = NULL;
  g_autofree char *min_text = NULL;
  double max;

  g_return_val_if_fail (layout != NULL && scene != NULL && _sc_scene_is_valid (scene), FALSE);
  g_return_val_if_fail (layout->n_units == sc_mask_n_units (scene->mask), FALSE);

  if (scene->weights == NULL || layout->max_abs_weight <= 0.0)
    return FALSE;
  drawn = g_new (guint8, layout->n_units);
  for (guint u = 0; u < layout->n_units; u++)
    drawn[u] = layout->units[u].visible;   /* as unit_drawn() decided */
  max = max_weight (scene, drawn);
  if (max <= 0.0)
    return FALSE;   /* the legend would lose its width rows */

  /* The widest legend text sets the legend's width, and that the plot's:
   * the new |w| texts must leave it as it was. */
  max_text = g_strdup_printf ("|w| = %.3g", max);
  min_text = g_strdup_printf ("|w| = %.3g", max / 4);
  if (legend_text_extent (layout, max_text, min_text) != legend_text_extent (layout, NULL, NULL))
    return FALSE;

  layout->max_abs_weight = max;
  for (guint r = 0; r < layout->n_legend; r++)
    if (layout->legend[r].kind == SC_LEGEND_WIDTH_MAX || layout->legend[r].kind == SC_LEGEND_WIDTH_MIN)
      {
        g_free (layout->legend[r].text);
        layout->legend[r].text = g_strdup (layout->legend[r].kind == SC_LEGEND_WIDTH_MAX
                                           ? max_text : min_text);
      }
  return TRUE;
}

void
sc_layout_free (ScLayout *layout)
{
  if (layout == NULL)
    return;

  for (guint r = 0; r < layout->n_legend; r++)
    g_free (layout->legend[r].text);
  g_free (layout->legend);
  g_free (layout->boxes);
  g_free (layout->units);
  g_free (layout->arch);
  g_free (layout);
}
