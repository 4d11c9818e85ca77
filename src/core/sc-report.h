/* sc-report.h — the paper's success-rate figures from sweeps
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-select.h"

G_BEGIN_DECLS

/* The figures of the paper's Boolean study (method.md §7) that sweeps of
 * the bundled tasks can fill. */
typedef enum
{
  SC_REPORT_EXEMPLARS,  /* the four exemplars; one panel per hidden-layer count */
  SC_REPORT_REUSE,      /* reuse family, rate by uses (exemplar/reused = K 16);
                         * one panel per hidden-layer count */
  SC_REPORT_LEVELS,     /* hierarchical levels, depth-aware rate by uses; per count */
  SC_REPORT_OVERLAP,    /* overlap × uses, one panel per criterion, depths pooled */
  SC_REPORT_WIDTH,      /* the reused exemplar by width; per count */
  SC_REPORT_N_FIGURES
} ScReportFigure;

/* The overlap figure's criteria, its panels in this order. */
#define SC_REPORT_N_OVERLAP_CRITERIA 3

/* One point of a figure: the chosen networks of every sweep cell that
 * falls on it, pooled (widths and seeds; for the overlap figure also
 * depths), and the paper's rate there. */
typedef struct
{
  ScReportFigure figure;
  const char    *criterion;   /* static: success, depth-aware, input, output, hidden */
  guint          panel;       /* hidden layers; the criterion's index in the overlap figure */
  guint          x;           /* exemplar index, uses (K / 2) or width */
  guint          row;         /* overlap o in the overlap figure, else 0 */
  guint32        hidden;      /* bit h: networks with h hidden layers are pooled here */
  GPtrArray     *tasks;       /* char *, the tasks pooled, in the order first seen */
  guint          recovered;   /* networks that meet the criterion */
  guint          networks;    /* chosen networks the criterion applies to */
  guint          no_network;  /* seeds with no network that passes the threshold */
  double         paper;       /* the paper's rate (sc-paper-rates.h), NAN if none */
} ScReportPoint;

typedef struct
{
  ScSelectRule  rule;        /* whose choices are counted */
  GPtrArray    *points;      /* ScReportPoint, by figure, panel, row, x */
  GPtrArray    *sweeps;      /* char *, the sweep.json files read */
} ScReport;

ScReport   *sc_report_new          (ScSelectRule     rule);
void        sc_report_free         (ScReport        *report);

/* Reads path (a sweep directory or its sweep.json, as `sculptor-cli sweep`
 * writes it) and adds its cells' choices under report->rule to the
 * points. Sweeps of the same task pool (e.g. two sets of seeds). Errors
 * name the file and the member; on error the report is unchanged. */
gboolean    sc_report_add_sweep    (ScReport        *report,
                                    const char      *path,
                                    GError         **error);

/* The same for a merged sweep in memory (sc_sweep_result_to_json()):
 * display names it in errors and in report->sweeps. */
gboolean    sc_report_add_sweep_json (ScReport      *report,
                                    JsonNode        *root,
                                    const char      *display,
                                    GError         **error);

gboolean    sc_report_has_figure   (const ScReport  *report,
                                    ScReportFigure   figure);
/* "exemplars", "reuse", "levels", "overlap", "reused-by-width": file names. */
const char *sc_report_figure_name  (ScReportFigure   figure);
/* The label of an exemplar index ("input separable", …), or NULL. */
const char *sc_report_exemplar_label (guint          index);
/* The overlap figure's criterion of a panel: "input", "output", "hidden". */
const char *sc_report_overlap_criterion (guint       panel);

/* The 95 % Wilson score interval of k successes in n (n > 0). */
void        sc_report_interval     (guint            k,
                                    guint            n,
                                    double          *low,
                                    double          *high);

/* The table: a header line, then one line per point. */
char       *sc_report_to_csv       (const ScReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScReport, sc_report_free)

G_END_DECLS
