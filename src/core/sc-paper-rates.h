/* sc-paper-rates.h — the success rates the paper plots
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One published rate (method.md §7): for a bundled task, one criterion
 * ("success", "depth-aware", "input", "output" or "hidden", as in
 * sc-score.h) and the hidden-layer counts it pools. The table is
 * data/paper-rates.json, compiled in; bench/fidelity reads the same file. */
typedef struct
{
  char   *task;
  char   *criterion;
  guint32 hidden;      /* bit h: networks with h hidden layers */
  double  rate;
} ScPaperRate;

/* Parses a table in the format of data/paper-rates.json; display names
 * the text in errors. Returns a GArray of ScPaperRate, or NULL. */
GArray *sc_paper_rates_parse (const char  *text,
                              gsize        length,
                              const char  *display,
                              GError     **error);

/* The compiled-in table, parsed once (never NULL). */
GArray *sc_paper_rates       (void);

/* The paper's rate for task and criterion over networks of hidden_min …
 * hidden_max hidden layers: a row whose depths include all of them; NAN
 * if the paper plots none. */
double  sc_paper_rate_lookup (const char  *task,
                              const char  *criterion,
                              guint        hidden_min,
                              guint        hidden_max);

G_END_DECLS
