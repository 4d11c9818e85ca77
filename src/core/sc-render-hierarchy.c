/* sc-render-hierarchy.c — the module hierarchy (§5.10) as a layered diagram
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

/* Natural sizes, at scale 1 (fonts of 11.5 px); the layout scales them. */
#define FS        SC_HIERARCHY_FS
#define PAD       8.0
#define LINE      (FS * 1.35)
#define H_GAP     28.0
#define V_GAP     56.0
#define MIN_BOX_W 64.0

void
sc_hierarchy_options_init (ScHierarchyOptions *options)
{
  g_return_if_fail (options != NULL);

  memset (options, 0, sizeof *options);
  options->paint_background = TRUE;
  options->selected_module = -1;
  options->hovered_module = -1;
}

static const ScHierarchyOptions *
options_or_default (const ScHierarchyOptions *options,
                    ScHierarchyOptions       *fallback)
{
  if (options != NULL)
    return options;
  sc_hierarchy_options_init (fallback);
  return fallback;
}

/* Level = the longest chain of modules feeding a module. Modules feeding
 * each other through a cycle share a level: between cycle groups the graph
 * is a DAG. The relaxation is capped all the same. */
static guint
compute_levels (const ScModuleGraph *graph,
                guint               *level)
{
  guint n_levels = 0;

  memset (level, 0, sizeof (guint) * graph->n_modules);
  for (guint round = 0; round < graph->n_modules; round++)
    {
      gboolean changed = FALSE;

      for (guint m = 0; m < graph->n_modules; m++)
        {
          const GArray *fed_by = graph->modules[m].fed_by;

          for (guint f = 0; fed_by != NULL && f < fed_by->len; f++)
            {
              guint p = g_array_index (fed_by, guint, f);

              if (p < graph->n_modules && !sc_module_graph_same_group (graph, p, m)
                  && level[p] + 1 > level[m])
                {
                  level[m] = level[p] + 1;
                  changed = TRUE;
                }
            }
        }
      if (!changed)
        break;
    }

  for (guint m = 0; m < graph->n_modules; m++)
    n_levels = MAX (n_levels, level[m] + 1);
  return n_levels;
}

static double
mean_of (const GArray *values)
{
  double sum = 0.0;

  if (values == NULL || values->len == 0)
    return 0.0;
  for (guint i = 0; i < values->len; i++)
    sum += g_array_index (values, guint, i);
  return sum / values->len;
}

/* Ordering keys: level 0 by the mean of its inputs, higher levels by the
 * mean key of the modules feeding them (barycentre heuristic). */
static void
compute_keys (const ScModuleGraph *graph,
              const guint         *level,
              guint                n_levels,
              double              *key)
{
  for (guint l = 0; l < n_levels; l++)
    for (guint m = 0; m < graph->n_modules; m++)
      {
        const GArray *fed_by = graph->modules[m].fed_by;
        double sum = 0.0;
        guint n = 0;

        if (level[m] != l)
          continue;
        for (guint f = 0; fed_by != NULL && f < fed_by->len; f++)
          {
            guint p = g_array_index (fed_by, guint, f);

            if (p < graph->n_modules && level[p] < l)
              {
                sum += key[p];
                n++;
              }
          }
        key[m] = n > 0 ? sum / n : mean_of (graph->modules[m].inputs);
      }
}

static void
box_texts (ScHierarchyBox           *box,
           const ScModule           *module,
           const ScHierarchyOptions *options)
{
  box->id = module->id;
  box->label = sc_render_module_label (module->id);
  box->n_uses = module->feeds != NULL ? module->feeds->len : 0;

  if (module->inputs != NULL && module->inputs->len > 0)
    box->inputs_text = _sc_format_unit_set ((const guint *) module->inputs->data, module->inputs->len,
                                            options->input_names, "x", options->image_input, 8);
  else
    box->inputs_text = g_strdup ("");

  if (module->outputs != NULL && module->outputs->len > 0)
    {
      g_autofree char *outputs = _sc_format_unit_set ((const guint *) module->outputs->data,
                                                      module->outputs->len,
                                                      options->output_names, "y", FALSE, 8);

      box->outputs_text = g_strdup_printf ("→ %s", outputs);
    }
}

static char *
badge_text (guint n_uses)
{
  return g_strdup_printf (_("shared ×%u"), n_uses);
}

/* The natural size of a box at scale 1. */
static void
box_natural_size (cairo_t              *text,
                  const ScHierarchyBox *box,
                  double               *width,
                  double               *height)
{
  double w;
  guint lines = 2 + (box->outputs_text != NULL);

  _sc_text_set_font (text, FS, TRUE);
  w = _sc_text_width (text, box->label);
  if (box->n_uses >= 2)
    {
      g_autofree char *badge = badge_text (box->n_uses);

      _sc_text_set_font (text, FS * 0.85, TRUE);
      w += FS + _sc_text_width (text, badge) + FS * 0.8;
    }
  _sc_text_set_font (text, FS, FALSE);
  w = MAX (w, _sc_text_width (text, box->inputs_text));
  if (box->outputs_text != NULL)
    w = MAX (w, _sc_text_width (text, box->outputs_text));

  *width = MAX (w + 2 * PAD, MIN_BOX_W);
  *height = lines * LINE + 2 * PAD;
}

static double
title_height (const ScHierarchyOptions *options,
              double                    fs)
{
  return (options->title != NULL ? fs * 1.4 * 1.3 : 0) + (options->subtitle != NULL ? fs * 1.45 : 0);
}

typedef struct
{
  guint   n;
  double *w;         /* natural sizes */
  double *h;
  double *x;         /* natural left edges (packing) */
  guint  *level;
  guint   n_levels;
} Natural;

static void
natural_free (Natural *nat)
{
  g_free (nat->w);
  g_free (nat->h);
  g_free (nat->x);
  g_free (nat->level);
}

static int
compare_by_key (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  const double *key = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;

  if (key[x] != key[y])
    return key[x] < key[y] ? -1 : 1;
  return x < y ? -1 : x > y;
}

/* Packs the boxes of each level side by side, in key order, pulled over
 * the modules they are connected to. */
static void
natural_pack (const ScModuleGraph *graph,
              Natural             *nat)
{
  guint n = nat->n;
  g_autofree double *key = g_new0 (double, MAX (n, 1));
  g_autofree guint *order = g_new0 (guint, MAX (n, 1));
  g_autofree double *w = g_new0 (double, MAX (n, 1));
  g_autofree guint *rows = g_new0 (guint, MAX (n, 1));
  g_autofree double *weights = g_new0 (double, MAX ((gsize) n * n, 1));
  g_autofree double *x = g_new0 (double, MAX (n, 1));

  compute_keys (graph, nat->level, nat->n_levels, key);
  for (guint m = 0; m < n; m++)
    order[m] = m;
  g_qsort_with_data (order, n, sizeof (guint), compare_by_key, key);

  /* in packing order */
  for (guint a = 0; a < n; a++)
    {
      const GArray *feeds = graph->modules[order[a]].feeds;

      w[a] = nat->w[order[a]];
      rows[a] = nat->level[order[a]];
      for (guint c = 0; c < n; c++)
        for (guint f = 0; feeds != NULL && f < feeds->len; f++)
          if (g_array_index (feeds, guint, f) == order[c])
            weights[(gsize) a * n + c] = 1.0;
    }

  _sc_pack_1d (n, w, rows, rows, weights, H_GAP, x);
  for (guint a = 0; a < n; a++)
    nat->x[order[a]] = x[a];
}

static void
place_boxes (ScHierarchyLayout *layout,
             const Natural     *nat,
             double             top,
             double             margin,
             double             k)
{
  double lo = G_MAXDOUBLE, hi = -G_MAXDOUBLE, row_h = 0.0, nat_h, scale, gap, y0;
  double avail_w = layout->width - 2 * margin, avail_h = layout->height - top - margin;

  for (guint m = 0; m < nat->n; m++)
    {
      lo = MIN (lo, nat->x[m]);
      hi = MAX (hi, nat->x[m] + nat->w[m]);
      row_h = MAX (row_h, nat->h[m]);
    }
  nat_h = nat->n_levels * row_h + (nat->n_levels - 1) * V_GAP;

  scale = MIN (MIN (avail_w / (hi - lo), avail_h / nat_h), 1.4 * k);
  /* spread the levels over a tall canvas, up to 2.5 times the gap */
  gap = nat->n_levels > 1 ? (avail_h / scale - nat->n_levels * row_h) / (nat->n_levels - 1) : V_GAP;
  gap = CLAMP (gap, V_GAP, 2.5 * V_GAP);
  nat_h = nat->n_levels * row_h + (nat->n_levels - 1) * gap;
  y0 = top + (avail_h - nat_h * scale) / 2;

  layout->font_size = FS * scale;
  for (guint m = 0; m < nat->n; m++)
    {
      ScHierarchyBox *box = &layout->boxes[m];
      double row_bottom = nat_h - nat->level[m] * (row_h + gap);

      box->level = nat->level[m];
      box->rect.width = nat->w[m] * scale;
      box->rect.height = nat->h[m] * scale;
      box->rect.x = margin + (avail_w - (hi - lo) * scale) / 2 + (nat->x[m] - lo) * scale;
      box->rect.y = y0 + (row_bottom - (row_h + nat->h[m]) / 2) * scale;
    }
}

ScHierarchyLayout *
sc_hierarchy_layout_compute (const ScModuleGraph      *graph,
                             const ScHierarchyOptions *options,
                             double                    width,
                             double                    height)
{
  ScHierarchyOptions fallback;
  ScHierarchyLayout *layout;
  cairo_t *text;
  Natural nat = { 0, };
  double k, margin, top;

  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (width > 0 && height > 0, NULL);

  options = options_or_default (options, &fallback);
  layout = g_new0 (ScHierarchyLayout, 1);
  layout->width = width;
  layout->height = height;
  layout->n_boxes = graph->n_modules;
  layout->boxes = g_new0 (ScHierarchyBox, MAX (graph->n_modules, 1));

  k = CLAMP (MIN (width, height) / 640.0, 0.75, 1.5);
  margin = 14 * k;
  layout->font_size = FS * k;
  layout->title_rect = (ScRect) { margin, margin, width - 2 * margin, title_height (options, FS * k) };
  top = margin + layout->title_rect.height + (layout->title_rect.height > 0 ? FS * k : 0);
  if (graph->n_modules == 0)
    return layout;

  text = _sc_text_context_new ();
  nat.n = graph->n_modules;
  nat.w = g_new0 (double, nat.n);
  nat.h = g_new0 (double, nat.n);
  nat.x = g_new0 (double, nat.n);
  nat.level = g_new0 (guint, nat.n);
  nat.n_levels = compute_levels (graph, nat.level);
  for (guint m = 0; m < nat.n; m++)
    {
      box_texts (&layout->boxes[m], &graph->modules[m], options);
      layout->boxes[m].module = m;
      box_natural_size (text, &layout->boxes[m], &nat.w[m], &nat.h[m]);
    }
  natural_pack (graph, &nat);
  place_boxes (layout, &nat, top, margin, k);
  layout->n_levels = nat.n_levels;
  _sc_hierarchy_links_compute (layout, graph);

  natural_free (&nat);
  cairo_destroy (text);
  return layout;
}

void
sc_hierarchy_layout_free (ScHierarchyLayout *layout)
{
  if (layout == NULL)
    return;

  for (guint m = 0; m < layout->n_boxes; m++)
    {
      g_free (layout->boxes[m].label);
      g_free (layout->boxes[m].inputs_text);
      g_free (layout->boxes[m].outputs_text);
    }
  g_free (layout->boxes);
  _sc_hierarchy_links_free (layout);
  g_free (layout);
}

int
sc_hierarchy_layout_hit_test (const ScHierarchyLayout *layout,
                              double                   x,
                              double                   y)
{
  g_return_val_if_fail (layout != NULL, -1);

  for (guint m = 0; m < layout->n_boxes; m++)
    if (_sc_rect_contains (&layout->boxes[m].rect, x, y))
      return (int) m;

  return -1;
}

/* ---- drawing ------------------------------------------------------ */

/* A filled arrowhead with its tip at (x, y), pointing along the unit
 * vector (dx, dy). */
static void
draw_head (cairo_t *cr,
           double   x,
           double   y,
           double   dx,
           double   dy,
           double   size)
{
  double bx = x - dx * size * 1.1, by = y - dy * size * 1.1;

  cairo_move_to (cr, x, y);
  cairo_line_to (cr, bx - dy * size * 0.55, by + dx * size * 0.55);
  cairo_line_to (cr, bx + dy * size * 0.55, by - dx * size * 0.55);
  cairo_close_path (cr);
  cairo_fill (cr);
}

/* Between levels a curve with a head at its tip; within a cycle group a
 * dashed connector between the facing sides, with a head at each end fed. */
static void
draw_link_line (cairo_t               *cr,
                const ScHierarchyLink *link,
                double                 size,
                double                 width)
{
  const double *c = link->curve;
  const double dashes[] = { 3 * width, 2 * width };

  cairo_set_line_width (cr, width);
  if (link->side)
    cairo_set_dash (cr, dashes, 2, 0);
  cairo_move_to (cr, c[0], c[1]);
  cairo_curve_to (cr, c[2], c[3], c[4], c[5], c[6], c[7]);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);

  if (!link->side)
    {
      draw_head (cr, link->tip_x, link->tip_y, 0.0, -1.0, size);
      return;
    }
  {
    double dir = link->tip_x > c[0] ? 1.0 : -1.0;

    draw_head (cr, link->tip_x, link->tip_y, dir, 0.0, size);
    if (link->both_ways)
      draw_head (cr, c[0] - dir * size, c[1], -dir, 0.0, size);
  }
}

/* Line width by the number of surviving edges behind a link, on a log
 * scale: a single stray edge stays thin next to a bundle of a hundred. */
static double
link_width (guint  edges,
            guint  max_edges,
            double base)
{
  if (edges == 0 || max_edges <= 1)
    return base;
  return base * (0.6 + 1.4 * log1p (edges) / log1p (max_edges));
}

/* The edge count of a link, where the layout placed it, on a halo of the
 * background so it stays legible over other links. */
static void
draw_link_label (cairo_t               *cr,
                 const ScHierarchyLink *link,
                 double                 s,
                 const ScTheme         *theme,
                 double                 alpha)
{
  const ScRect *r = &link->label_rect;

  _sc_set_source (cr, &theme->background, 0.85);
  _sc_rounded_rect (cr, r, 4 * s);
  cairo_fill (cr);
  _sc_text_set_font (cr, FS * 0.8 * s, FALSE);
  _sc_set_source (cr, &theme->muted, alpha);
  _sc_text_draw (cr, link->label, r->x + r->width / 2, r->y + r->height / 2 + 3.3 * s, 0.5);
}

static void
draw_links (cairo_t                  *cr,
            const ScModuleGraph      *graph,
            const ScHierarchyOptions *options,
            const ScHierarchyLayout  *layout,
            const ScTheme            *theme)
{
  double s = layout->font_size / FS;
  int selected = options->selected_module;
  guint max_edges = 0;

  for (guint l = 0; l < layout->n_links; l++)
    max_edges = MAX (max_edges, layout->links[l].edges);

  /* all lines first: a label is never crossed by a line drawn after it */
  for (guint pass = 0; pass < 2; pass++)
    for (guint l = 0; l < layout->n_links; l++)
      {
        const ScHierarchyLink *link = &layout->links[l];
        gboolean lit = selected < 0 || (int) graph->modules[link->from].id == selected ||
                       (int) graph->modules[link->to].id == selected;
        double alpha = lit ? 0.9 : 0.25;

        if (pass == 0)
          {
            _sc_set_source (cr, &theme->muted, alpha);
            draw_link_line (cr, link, 6.0 * s, link_width (link->edges, max_edges, 1.4 * s));
          }
        else if (link->label != NULL)
          draw_link_label (cr, link, s, theme, alpha);
      }
}

static void
draw_badge (cairo_t              *cr,
            const ScHierarchyBox *box,
            const ScRgba         *color,
            double                fs,
            double                alpha)
{
  g_autofree char *text = badge_text (box->n_uses);
  double pad = PAD * fs / FS, w, h = fs * 1.25;
  ScRect pill;

  _sc_text_set_font (cr, fs * 0.85, TRUE);
  w = _sc_text_width (cr, text) + fs * 0.8;
  pill = (ScRect) { box->rect.x + box->rect.width - pad - w, box->rect.y + pad + fs * 0.05, w, h };
  _sc_rounded_rect (cr, &pill, h / 2);
  _sc_set_source (cr, color, alpha);
  cairo_fill (cr);
  cairo_set_source_rgba (cr, 1, 1, 1, alpha);
  _sc_text_draw (cr, text, pill.x + w / 2, pill.y + h / 2 + fs * 0.3, 0.5);
}

static void
draw_box (cairo_t                  *cr,
          const ScHierarchyOptions *options,
          const ScHierarchyLayout  *layout,
          const ScHierarchyBox     *box,
          const ScTheme            *theme)
{
  double fs = layout->font_size, s = fs / FS, pad = PAD * s, line = LINE * s;
  gboolean selected = options->selected_module >= 0 && (int) box->id == options->selected_module;
  gboolean hovered = options->hovered_module >= 0 && (int) box->id == options->hovered_module;
  double alpha = options->selected_module >= 0 && !selected ? 0.45 : 1.0;
  double y = box->rect.y + pad;
  ScRgba color;

  sc_render_module_color (box->id, options->dark, &color);
  _sc_rounded_rect (cr, &box->rect, 8 * s);
  _sc_set_source (cr, &theme->background, 1.0);
  cairo_fill_preserve (cr);
  _sc_set_source (cr, &color, theme->box_fill_alpha * 1.6 * alpha);
  cairo_fill_preserve (cr);
  _sc_set_source (cr, &color, alpha);
  cairo_set_line_width (cr, (selected ? 3.0 : hovered ? 2.2 : 1.4) * s);
  cairo_stroke (cr);

  _sc_text_set_font (cr, fs, TRUE);
  _sc_set_source (cr, &theme->foreground, alpha);
  _sc_text_draw (cr, box->label, box->rect.x + pad, y + fs, 0.0);
  if (box->n_uses >= 2)
    draw_badge (cr, box, &color, fs, alpha);

  y += line;
  _sc_text_set_font (cr, fs, FALSE);
  _sc_set_source (cr, &theme->foreground, alpha);
  _sc_text_draw (cr, box->inputs_text, box->rect.x + pad, y + fs, 0.0);
  if (box->outputs_text != NULL)
    {
      y += line;
      _sc_set_source (cr, &theme->muted, alpha);
      _sc_text_draw (cr, box->outputs_text, box->rect.x + pad, y + fs, 0.0);
    }
}

static void
draw_title (cairo_t                  *cr,
            const ScHierarchyOptions *options,
            const ScHierarchyLayout  *layout,
            const ScTheme            *theme)
{
  const ScRect *rect = &layout->title_rect;
  double fs = FS * CLAMP (MIN (layout->width, layout->height) / 640.0, 0.75, 1.5);
  double y = rect->y;

  if (options->title != NULL)
    {
      g_autofree char *text = NULL;

      _sc_text_set_font (cr, fs * 1.4, TRUE);
      text = _sc_text_ellipsize (cr, options->title, rect->width);
      _sc_set_source (cr, &theme->foreground, 1.0);
      _sc_text_draw (cr, text, rect->x, y + fs * 1.4, 0.0);
      y += fs * 1.4 * 1.3;
    }
  if (options->subtitle != NULL)
    {
      g_autofree char *text = NULL;

      _sc_text_set_font (cr, fs, FALSE);
      text = _sc_text_ellipsize (cr, options->subtitle, rect->width);
      _sc_set_source (cr, &theme->muted, 1.0);
      _sc_text_draw (cr, text, rect->x, y + fs * 1.1, 0.0);
    }
}

void
sc_render_hierarchy_with_layout (cairo_t                  *cr,
                                 const ScModuleGraph      *graph,
                                 const ScHierarchyOptions *options,
                                 const ScHierarchyLayout  *layout)
{
  ScHierarchyOptions fallback;
  ScTheme theme;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (graph != NULL);
  g_return_if_fail (layout != NULL && layout->n_boxes == graph->n_modules);

  options = options_or_default (options, &fallback);
  _sc_theme_get (options->dark, &theme);

  cairo_save (cr);
  if (options->paint_background)
    {
      _sc_set_source (cr, &theme.background, 1.0);
      cairo_paint (cr);
    }
  draw_title (cr, options, layout, &theme);

  if (graph->n_modules == 0)
    {
      _sc_text_set_font (cr, layout->font_size * 1.2, FALSE);
      _sc_set_source (cr, &theme.muted, 1.0);
      _sc_text_draw (cr, _("No modules"), layout->width / 2, layout->height / 2, 0.5);
    }

  draw_links (cr, graph, options, layout, &theme);
  for (guint m = 0; m < layout->n_boxes; m++)
    draw_box (cr, options, layout, &layout->boxes[m], &theme);
  cairo_restore (cr);
}

void
sc_render_hierarchy (cairo_t                  *cr,
                     const ScModuleGraph      *graph,
                     const ScHierarchyOptions *options,
                     double                    width,
                     double                    height)
{
  g_autoptr(ScHierarchyLayout) layout = NULL;

  g_return_if_fail (cr != NULL);
  g_return_if_fail (graph != NULL);

  layout = sc_hierarchy_layout_compute (graph, options, width, height);
  sc_render_hierarchy_with_layout (cr, graph, options, layout);
}
