/* sculptor-sweep-report.h — the paper's success-rate figures of a sweep
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-render-report.h"
#include "sc-report.h"

G_BEGIN_DECLS

/* The figures `sculptor-cli report` draws (sc_render_report), one at a
 * time with a drop-down, or a message when there is none. */
#define SCULPTOR_TYPE_SWEEP_REPORT (sculptor_sweep_report_get_type ())
G_DECLARE_FINAL_TYPE (SculptorSweepReport, sculptor_sweep_report, SCULPTOR, SWEEP_REPORT, GtkWidget)

GtkWidget *sculptor_sweep_report_new     (void);
/* report (taken over, nullable): its figures; message: what is shown
 * instead when report is NULL or has no figure. */
void       sculptor_sweep_report_set     (SculptorSweepReport *self,
                                          ScReport            *report,
                                          const char          *message);
/* The figure on screen, or FALSE when there is none. */
gboolean   sculptor_sweep_report_get_figure (SculptorSweepReport *self,
                                          ScReportFigure      *figure);
gboolean   sculptor_sweep_report_export  (SculptorSweepReport *self,
                                          ScExportFormat       format,
                                          const char          *path,
                                          GError             **error);

G_END_DECLS
