/* sculptor-sweep-grid.h — one architecture of a sweep: seeds × Pu × Pe
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-sweep-table.h"

G_BEGIN_DECLS

/* Where the cells are: a row per seed, a run per Pu, a sub-cell per Pe. */
typedef struct
{
  double x0, y0;       /* the first run's corner */
  double sub_w;        /* one Pe */
  double cell_h;
  double gap;          /* between runs and between rows */
  guint  n_seeds, n_pu, n_pe;
} SculptorSweepGridLayout;

void     sculptor_sweep_grid_layout_init (SculptorSweepGridLayout       *layout,
                                          guint                          n_seeds,
                                          guint                          n_pu,
                                          guint                          n_pe);
/* The sub-cell's rectangle. */
void     sculptor_sweep_grid_layout_cell (const SculptorSweepGridLayout *layout,
                                          guint                          seed,
                                          guint                          pu,
                                          guint                          pe,
                                          double                        *x,
                                          double                        *y,
                                          double                        *width,
                                          double                        *height);
/* The sub-cell at (x, y); FALSE between cells or outside. */
gboolean sculptor_sweep_grid_layout_hit  (const SculptorSweepGridLayout *layout,
                                          double                         x,
                                          double                         y,
                                          guint                         *seed,
                                          guint                         *pu,
                                          guint                         *pe);
void     sculptor_sweep_grid_layout_size (const SculptorSweepGridLayout *layout,
                                          int                           *width,
                                          int                           *height);

/* Draws cell `cell` of a table it does not own (the window keeps both);
 * emits ::run-activated (run index, Pe position) when a done run's
 * sub-cell is clicked. */
#define SCULPTOR_TYPE_SWEEP_GRID (sculptor_sweep_grid_get_type ())
G_DECLARE_FINAL_TYPE (SculptorSweepGrid, sculptor_sweep_grid, SCULPTOR, SWEEP_GRID, GtkWidget)

GtkWidget *sculptor_sweep_grid_new      (const ScSweepTable *table,
                                         guint               cell);
/* The table changed (runs read, choices made): redraw. */
void       sculptor_sweep_grid_update   (SculptorSweepGrid  *self);
const SculptorSweepGridLayout *
           sculptor_sweep_grid_get_layout (SculptorSweepGrid *self);
/* What a tooltip says of the sub-cell (transfer full), NULL outside. */
char      *sculptor_sweep_grid_describe (SculptorSweepGrid  *self,
                                         guint               seed,
                                         guint               pu,
                                         guint               pe);

G_END_DECLS
