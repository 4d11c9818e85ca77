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

/* Geometry is computed in an orientation-free frame: u runs along a layer
 * (the "cross" axis), v from the inputs to the outputs (the "depth" axis);
 * map_point() turns (u, v) into canvas coordinates at the end. */
typedef struct
{
  const ScScene *scene;
  ScSceneInfo   *info;
  ScLayout      *layout;
  cairo_t       *text;
  gboolean       bottom_up;
  double         k;            /* scale of fonts and margins */
  double         fs;           /* label font size */
  double         margin;
  double         cross;        /* plot extent along u */
  double         depth;        /* plot extent along v */
  double         r_max;
  double         s_max;
  double         pad;          /* box padding beyond the circles, along v */
  gboolean       input_names;
  gboolean       output_names;
  double         band_lo;      /* input names, along v */
  double         band_hi;      /* output names, along v */
  double         label_band;   /* module labels at the top of boxes */
  double         row_gap;
  double        *row_v;        /* n_layers */
  double        *unit_u;       /* per unit */
  double        *unit_v;
  double        *unit_r;
  gboolean      *placed;       /* per unit: has a position */
  double         img_u;        /* image rect in (u, v) */
  double         img_v;
  double         img_px;
  double        *slot_u;       /* per module slot: left edge along u, or NAN */
  double        *slot_w;
  double         s;            /* spacing with modules */
  double         box_pad;      /* box padding across the layer, px */
} Builder;

/* Box padding across the layer and the gap between module columns, in
 * units of the spacing: boxes of neighbouring columns stay apart. */
#define BOX_PAD         0.22
#define COLUMN_GAP      0.7
#define MIN_GAP_PX      10.0
#define MIN_PAD_PX      3.0

#define ROW_HEIGHT(b)   ((b)->fs * 1.6)
#define SWATCH(b)       ((b)->fs * 2.4)
#define NAME_SIZE(b)    ((b)->fs * 0.92)

static void
map_point (const Builder *b,
           double         u,
           double         v,
           double        *x,
           double        *y)
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
map_rect (const Builder *b,
          double         u0,
          double         u1,
          double         v0,
          double         v1,
          ScRect        *rect)
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
layout_title (Builder *b)
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

/* ---- legend ------------------------------------------------------- */

static void
legend_add (GArray       *rows,
            ScLegendKind  kind,
            int           module,
            char         *text)
{
  ScLegendEntry entry = { kind, module, text, { 0, 0, 0, 0 } };

  g_array_append_val (rows, entry);
}

static char *
legend_module_text (const Builder       *b,
                    const ScSceneModule *module)
{
  g_autofree char *label = sc_render_module_label (module->id);
  g_autofree char *inputs = NULL;

  if (module->inputs == NULL || module->inputs->len == 0)
    return g_steal_pointer (&label);

  inputs = _sc_format_unit_set ((const guint *) module->inputs->data, module->inputs->len,
                                b->scene->input_names, "x", b->info->image, 6);
  return g_strdup_printf ("%s · %s", label, inputs);
}

static void
legend_keys (const Builder *b,
             GArray        *rows)
{
  const ScScene *scene = b->scene;
  double max = b->layout->max_abs_weight;

  if (scene->weights != NULL && max > 0.0)
    {
      legend_add (rows, SC_LEGEND_EDGE_POSITIVE, -1, g_strdup (_("positive weight")));
      legend_add (rows, SC_LEGEND_EDGE_NEGATIVE, -1, g_strdup (_("negative weight")));
      legend_add (rows, SC_LEGEND_WIDTH_MAX, -1, g_strdup_printf ("|w| = %.3g", max));
      legend_add (rows, SC_LEGEND_WIDTH_MIN, -1, g_strdup_printf ("|w| = %.3g", max / 4));
    }
  else
    legend_add (rows, SC_LEGEND_EDGE_UNIFORM, -1, g_strdup (_("edge")));

  if (scene->detection == NULL)
    {
      legend_add (rows, SC_LEGEND_UNGROUPED, -1, g_strdup (_("unit (no modules yet)")));
      if (scene->options.show_pruned)
        legend_add (rows, SC_LEGEND_REMOVED, -1, g_strdup (_("removed unit")));
    }
}

/* The module rows, cut to capacity rows in total (keys included) with a
 * "+N more" row when they do not all fit. */
static void
legend_modules (const Builder *b,
                GArray        *rows,
                gboolean       heading,
                int            capacity)
{
  const ScSceneInfo *info = b->info;
  int room = capacity - (int) rows->len - (heading ? 1 : 0);
  guint shown = info->n_modules;

  if (info->n_modules == 0)
    return;

  if ((int) info->n_modules > room)
    shown = (guint) MAX (room - 1, 0);

  if (heading)
    legend_add (rows, SC_LEGEND_HEADING, -1, g_strdup (_("Modules")));
  for (guint m = 0; m < shown; m++)
    legend_add (rows, SC_LEGEND_MODULE, info->modules[m].id,
                legend_module_text (b, &info->modules[m]));
  if (shown < info->n_modules)
    legend_add (rows, SC_LEGEND_MORE, -1,
                g_strdup_printf (_("+%u more"), info->n_modules - shown));
}

static double
legend_text_width (Builder      *b,
                   const GArray *rows)
{
  double w = 0.0;

  for (guint r = 0; r < rows->len; r++)
    {
      const ScLegendEntry *entry = &g_array_index (rows, ScLegendEntry, r);

      _sc_text_set_font (b->text, b->fs, entry->kind == SC_LEGEND_HEADING);
      w = MAX (w, _sc_text_width (b->text, entry->text));
    }

  return w;
}

static void
legend_ellipsize (Builder *b,
                  GArray  *rows,
                  double   max_text)
{
  for (guint r = 0; r < rows->len; r++)
    {
      ScLegendEntry *entry = &g_array_index (rows, ScLegendEntry, r);
      char *text;

      _sc_text_set_font (b->text, b->fs, entry->kind == SC_LEGEND_HEADING);
      text = _sc_text_ellipsize (b->text, entry->text, max_text);
      g_free (entry->text);
      entry->text = text;
    }
}

/* Moves keys after the modules (they were added first to count them). */
static GArray *
legend_reorder (GArray *rows,
                guint   n_keys)
{
  GArray *ordered = g_array_sized_new (FALSE, FALSE, sizeof (ScLegendEntry), rows->len);

  g_array_append_vals (ordered, rows->data + n_keys * sizeof (ScLegendEntry), rows->len - n_keys);
  g_array_append_vals (ordered, rows->data, n_keys);
  g_array_unref (rows);

  return ordered;
}

static void
legend_store (ScLayout *layout,
              GArray   *rows)
{
  layout->n_legend = rows->len;
  layout->legend = (ScLegendEntry *) (void *) g_array_free (rows, FALSE);
}

/* A column on the right of a landscape canvas. */
static void
legend_column (Builder *b,
               double   top,
               ScRect  *plot)
{
  ScLayout *layout = b->layout;
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (ScLegendEntry));
  double avail = layout->height - top - b->margin;
  double rh = ROW_HEIGHT (b), text_w, width, y;
  guint n_keys;

  legend_keys (b, rows);
  n_keys = rows->len;
  /* one row of space between the modules and the keys */
  legend_modules (b, rows, TRUE, (int) floor (avail / rh) - 1);
  rows = legend_reorder (rows, n_keys);

  text_w = MIN (legend_text_width (b, rows), layout->width * 0.3 - SWATCH (b) - b->fs * 0.5);
  legend_ellipsize (b, rows, text_w);
  width = SWATCH (b) + b->fs * 0.5 + text_w;

  y = top;
  for (guint r = 0; r < rows->len; r++)
    {
      ScLegendEntry *entry = &g_array_index (rows, ScLegendEntry, r);

      if (r == rows->len - n_keys && r > 0)
        y += rh;
      entry->rect = (ScRect) { layout->width - b->margin - width, y, width, rh };
      y += rh;
    }

  layout->legend_rect = (ScRect) { layout->width - b->margin - width, top, width, y - top };
  legend_store (layout, rows);
  plot->width -= width + b->fs * 1.5;
}

/* A grid below the network on a portrait canvas. */
static void
legend_grid (Builder *b,
             ScRect  *plot)
{
  ScLayout *layout = b->layout;
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (ScLegendEntry));
  double rh = ROW_HEIGHT (b), avail_w = layout->width - 2 * b->margin;
  double gap = b->fs * 1.5, cell_w, text_w;
  guint n_cols, max_rows, n_keys, n_rows;
  double top;

  legend_keys (b, rows);
  n_keys = rows->len;
  text_w = MIN (legend_text_width (b, rows), avail_w - SWATCH (b) - b->fs * 0.5);
  cell_w = SWATCH (b) + b->fs * 0.5 + text_w;
  n_cols = MAX (1, (guint) floor ((avail_w + gap) / (cell_w + gap)));
  max_rows = MAX (1, (guint) floor (layout->height * 0.3 / rh));
  legend_modules (b, rows, FALSE, (int) (n_cols * max_rows));
  rows = legend_reorder (rows, n_keys);

  /* widths of module entries were not known when the cell was chosen */
  text_w = MIN (legend_text_width (b, rows), avail_w - SWATCH (b) - b->fs * 0.5);
  cell_w = SWATCH (b) + b->fs * 0.5 + text_w;
  n_cols = MAX (1, (guint) floor ((avail_w + gap) / (cell_w + gap)));
  n_cols = MIN (n_cols, rows->len);
  legend_ellipsize (b, rows, text_w);

  n_rows = (rows->len + n_cols - 1) / n_cols;
  top = layout->height - b->margin - n_rows * rh;
  for (guint r = 0; r < rows->len; r++)
    {
      ScLegendEntry *entry = &g_array_index (rows, ScLegendEntry, r);

      entry->rect = (ScRect) { b->margin + (r % n_cols) * (cell_w + gap),
                               top + (r / n_cols) * rh, cell_w, rh };
    }

  layout->legend_rect = (ScRect) { b->margin, top, n_cols * cell_w + (n_cols - 1) * gap, n_rows * rh };
  legend_store (layout, rows);
  plot->height -= n_rows * rh + b->fs;
}

/* ---- units before detection -------------------------------------- */

static gboolean
unit_takes_slot (const Builder *b,
                 guint          u)
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
place_plain (Builder *b)
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

/* Columns for the modules: one slot per module spanning its layers, in
 * barycentre order within each layer (fewest crossings). */
static void
pack_modules (Builder *b)
{
  const ScSceneInfo *info = b->info;
  g_autofree guint *by_key = g_new0 (guint, MAX (info->n_modules, 1));
  guint l0 = info->image ? 1 : 0, n = 0;
  g_autofree guint *slot = g_new0 (guint, MAX (info->n_modules, 1));
  g_autofree double *width = g_new0 (double, MAX (info->n_modules, 1));
  g_autofree guint *first = g_new0 (guint, MAX (info->n_modules, 1));
  g_autofree guint *last = g_new0 (guint, MAX (info->n_modules, 1));
  g_autofree double *weights = NULL;
  g_autofree double *x = NULL;
  double lo = 0.0, hi = 1.0, gap = COLUMN_GAP, pad = BOX_PAD;

  for (guint m = 0; m < info->n_modules; m++)
    by_key[m] = m;
  g_qsort_with_data (by_key, info->n_modules, sizeof (guint), compare_module_keys, info->modules);

  for (guint o = 0; o < info->n_modules; o++)
    {
      guint m = by_key[o];
      const ScSceneModule *module = &info->modules[m];
      guint w = 0;

      b->slot_u[m] = NAN;
      for (guint l = MAX (module->first_layer, l0); l <= module->last_layer; l++)
        w = MAX (w, module->count[l]);
      if (w == 0)
        continue;

      slot[n] = m;
      width[n] = w;
      first[n] = MAX (module->first_layer, l0);
      last[n] = module->last_layer;
      n++;
    }

  weights = g_new0 (double, MAX ((gsize) n * n, 1));
  for (guint a = 0; a < n; a++)
    for (guint c = 0; c < n; c++)
      weights[(gsize) a * n + c] = info->links[(gsize) slot[a] * info->n_modules + slot[c]];

  x = g_new0 (double, MAX (n, 1));
  if (n == 0)
    return;

  /* In units of the spacing; when units get tiny (MNIST), the gaps and
   * paddings keep a minimum size in pixels so boxes stay apart. */
  for (guint round = 0; round < 6; round++)
    {
      double new_gap, new_pad;

      _sc_pack_1d (n, width, first, last, weights, gap, x);
      lo = G_MAXDOUBLE;
      hi = -G_MAXDOUBLE;
      for (guint a = 0; a < n; a++)
        {
          lo = MIN (lo, x[a]);
          hi = MAX (hi, x[a] + width[a]);
        }
      b->s = MIN (b->cross / (hi - lo + 2 * pad), b->s_max);

      new_gap = MAX (COLUMN_GAP, MIN_GAP_PX * b->k / b->s);
      new_pad = MAX (BOX_PAD, MIN_PAD_PX * b->k / b->s);
      if (new_gap <= gap && new_pad <= pad)
        break;
      gap = new_gap;
      pad = new_pad;
    }

  b->box_pad = pad * b->s;
  b->layout->spacing = b->s;
  for (guint a = 0; a < n; a++)
    {
      b->slot_u[slot[a]] = (b->cross - (hi - lo) * b->s) / 2 + (x[a] - lo) * b->s;
      b->slot_w[slot[a]] = width[a] * b->s;
    }
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
unit_order_key (const Builder *b,
                guint          l,
                guint          j)
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
place_module_layer (Builder *b,
                    guint    m,
                    guint    l)
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
place_modules (Builder *b)
{
  const ScSceneInfo *info = b->info;

  for (guint l = info->image ? 1 : 0; l < info->n_layers; l++)
    for (guint m = 0; m < info->n_modules; m++)
      if (!isnan (b->slot_u[m]) && info->modules[m].count[l] > 0)
        place_module_layer (b, m, l);
}

/* ---- rows, image, boxes ------------------------------------------- */

static double
max_name_width (Builder            *b,
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
max_label_width (Builder *b)
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
layout_bands (Builder *b)
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
layout_image (Builder *b)
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
layout_rows (Builder *b)
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
layout_boxes (Builder *b)
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
layout_image_units (Builder *b)
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
layout_units (Builder *b)
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
unit_drawn (const Builder *b,
            guint          u)
{
  const ScSceneInfo *info = b->info;

  if (info->image && u < info->mask->arch[0])
    return TRUE;
  if (b->scene->detection != NULL)
    return info->alive[u] && info->module_of[u] >= 0;
  return unit_takes_slot (b, u);
}

static void
layout_max_weight (Builder *b)
{
  const ScScene *scene = b->scene;
  const ScSceneInfo *info = b->info;
  double max = 0.0;

  if (scene->weights == NULL)
    return;

  for (guint k = 0; k + 1 < info->n_layers; k++)
    for (guint j = 0; j < info->mask->arch[k + 1]; j++)
      {
        const float *row = scene->weights[k] + (gsize) j * info->mask->arch[k];

        if (!unit_drawn (b, info->offset[k + 1] + j))
          continue;
        for (guint i = 0; i < info->mask->arch[k]; i++)
          {
            double fade;

            if (unit_drawn (b, info->offset[k] + i) &&
                _sc_scene_edge (scene, k, i, j, &fade))
              max = MAX (max, fabs (row[i]));
          }
      }

  b->layout->max_abs_weight = max;
}

static void
builder_init (Builder       *b,
              const ScScene *scene,
              double         width,
              double         height)
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
builder_clear (Builder *b)
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
layout_frame (Builder *b)
{
  const ScScene *scene = b->scene;
  ScLayout *layout = b->layout;
  double top = layout_title (b);
  ScRect plot = { b->margin, top, layout->width - 2 * b->margin, layout->height - top - b->margin };

  if (scene->options.show_legend)
    {
      if (layout->width >= layout->height * 1.1)
        legend_column (b, top, &plot);
      else
        legend_grid (b, &plot);
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
  Builder b;

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
