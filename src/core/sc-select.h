/* sc-select.h — which network of a seed's grid goes to module detection
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-grid.h"

G_BEGIN_DECLS

/* The rules (README, "Choosing the network"). Only networks that pass the
 * accuracy threshold take part. None but sparsest looks further than the
 * edge counts, and none looks at the ground truth. */
typedef enum
{
  SC_SELECT_SPARSEST,    /* the paper's stated rule (§0): the sparsest, Pe outer,
                          * Pu inner, first on ties */
  SC_SELECT_CONSENSUS,   /* the structure found most often among the near-sparsest;
                          * its sparsest network */
  SC_SELECT_MODULARITY,  /* the highest Newman Q among the near-sparsest */
  SC_SELECT_STABLE,      /* the structure found most often over the seed's whole grid;
                          * its sparsest network */
  SC_SELECT_MODULAR_CONSENSUS, /* consensus, unless a structure found at least
                                * SC_SELECT_SUPPORT times as often is clearly more
                                * modular (mean Newman Q SC_SELECT_Q_GAIN higher):
                                * then the most modular such; its sparsest network */
} ScSelectRule;

/* The sweeps' default: it measured better than the paper's sparsest over
 * the Boolean families, on the paper's seeds and on others (README,
 * "Fidelity"), and looks only at the detected modules. */
#define SC_SELECT_DEFAULT SC_SELECT_MODULAR_CONSENSUS

/* Near-sparsest: at most band % more edges than the seed's sparsest. */
#define SC_SELECT_DEFAULT_BAND 20.0
/* modular-consensus: a structure may override the most frequent one when it
 * is found at least SC_SELECT_SUPPORT times as often and its networks' mean
 * Newman Q is at least SC_SELECT_Q_GAIN higher. */
#define SC_SELECT_SUPPORT 0.25
#define SC_SELECT_Q_GAIN  0.1

const char * const *sc_select_rule_names (void);   /* NULL-terminated, enum order */
const char *sc_select_rule_name          (ScSelectRule  rule);
gboolean    sc_select_rule_parse         (const char   *name,
                                          ScSelectRule *rule);

/* Index into grid->points of the seed's chosen network, detecting what the
 * rule needs; -1 (no error) when the seed has no network that passes. */
int         sc_grid_select               (ScGrid       *grid,
                                          guint64       seed,
                                          ScSelectRule  rule,
                                          double        band,
                                          GError      **error);

G_END_DECLS
