/* sc-render-legend.c — the legend of the network figure
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "sc-render-private.h"

#define ROW_HEIGHT(b)   ((b)->fs * 1.6)
#define SWATCH(b)       ((b)->fs * 2.4)

static void
legend_add (GArray      *rows,
            ScLegendKind kind,
            int          module,
            char        *text)
{
  ScLegendEntry entry = { kind, module, text, { 0, 0, 0, 0 } };

  g_array_append_val (rows, entry);
}

static char *
legend_module_text (const ScLayoutBuilder *b,
                    const ScSceneModule   *module)
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
legend_keys (const ScLayoutBuilder *b,
             GArray                *rows)
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
  if (b->info->image)
    legend_add (rows, SC_LEGEND_PIXEL_HEAT, -1,
                g_strdup (scene->weights != NULL ? _("pixel: Σ|w| of its edges")
                                                 : _("pixel: number of its edges")));

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
legend_modules (const ScLayoutBuilder *b,
                GArray                *rows,
                gboolean               heading,
                int                    capacity)
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
legend_text_width (ScLayoutBuilder *b,
                   const GArray    *rows)
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
legend_ellipsize (ScLayoutBuilder *b,
                  GArray          *rows,
                  double           max_text)
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
void
_sc_legend_column (ScLayoutBuilder *b,
                   double           top,
                   ScRect          *plot)
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
void
_sc_legend_grid (ScLayoutBuilder *b,
                 ScRect          *plot)
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
