/* sc-hyper.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-detect.h"

G_BEGIN_DECLS

/* How a pruning step is accepted (method.md §3.3, §9.2). */
typedef enum
{
  SC_THRESHOLD_ABSOLUTE,      /* accept iff accuracy >= threshold (the reference, 100) */
  SC_THRESHOLD_BELOW_DENSE,   /* accept iff accuracy >= dense accuracy - threshold */
} ScThresholdMode;

/* Every hyper-parameter of one sculpting run. Defaults are the reference's
 * (method.md §8); a task may override them. Keys are the same in the CLI
 * (--batch-size), in task files (default batch-size 8) and in result.json
 * (batch_size). */
typedef struct
{
  GArray          *arch;                /* guint widths, inputs first */
  guint64          seed;
  double           lr;                  /* Adam learning rate */
  guint            batch_size;
  guint            epochs;              /* dense training epochs */
  guint            retrain_epochs;      /* after each pruning step; 0 = epochs */
  double           weight_decay;        /* L2 added to the gradient */
  double           noise;               /* σ of input noise on training fetches */
  double           unit_step;           /* Pu, % of hidden units per step */
  GArray          *edge_steps;          /* double Pe list, % of weights per step */
  double           edge_min_step;       /* smallest edge step after halvings, %; 0: one weight (§4) */
  double           threshold;           /* see threshold_mode */
  ScThresholdMode  threshold_mode;
  gboolean         reference_val_loss;  /* divide by (batches − 1) as in §9.4 */
  gboolean         edge_prune_dense;    /* no unit step accepted: edge-prune the dense
                                         * net (the reference has no result, §9.9) */
  guint            feature_step;        /* §5.3 S; 0 = number of weight layers */
  guint            clusterability_step; /* §5.7 Sc; 0 = number of weight layers */
  double           mm_threshold;        /* §5.8 */
  double           merge_threshold;     /* §5.9 τ */
} ScHyper;

void      sc_hyper_init_defaults   (ScHyper       *hyper);
void      sc_hyper_copy            (ScHyper       *dest,
                                    const ScHyper *src);
void      sc_hyper_clear           (ScHyper       *hyper);

/* Sets one parameter from text. key is the dashed name ("batch-size");
 * underscores are accepted too. Errors name the bad value and start with
 * the dashed key ("lr must be…", "arch: …"), so that the command line can
 * print them as "--lr must be…". */
gboolean  sc_hyper_set             (ScHyper       *hyper,
                                    const char    *key,
                                    const char    *value,
                                    GError       **error);
/* The value of key formatted as sc_hyper_set() accepts it. */
char     *sc_hyper_get             (const ScHyper *hyper,
                                    const char    *key);
gboolean  sc_hyper_is_key          (const char    *key);
/* A true/false parameter (a flag on the command line). */
gboolean  sc_hyper_is_flag         (const char    *key);
const char * const *sc_hyper_keys  (void);        /* NULL-terminated, dashed */
/* One line for help texts, untranslated but marked with N_(): callers
 * translate it with _(). */
const char *sc_hyper_describe      (const char    *key);

/* Cross-field checks (arch against the task, ranges). */
gboolean  sc_hyper_validate        (const ScHyper *hyper,
                                    guint          n_inputs,
                                    guint          n_outputs,
                                    GError       **error);

guint     sc_hyper_feature_step         (const ScHyper *hyper);
guint     sc_hyper_clusterability_step  (const ScHyper *hyper);
guint     sc_hyper_retrain_epochs       (const ScHyper *hyper);
/* The detection settings of a run (step sizes resolved). */
void      sc_hyper_detect_params        (const ScHyper  *hyper,
                                         ScDetectParams *params);

/* Members with underscore keys, one per parameter. */
void      sc_hyper_to_json         (const ScHyper *hyper,
                                    JsonBuilder   *builder);
gboolean  sc_hyper_from_json       (ScHyper       *hyper,
                                    JsonObject    *object,
                                    GError       **error);

G_END_DECLS
