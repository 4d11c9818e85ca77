/* sc-paper.h — the authors' per-architecture settings of a task
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-hyper.h"

G_BEGIN_DECLS

/* One row of a task's `paper` table: the learning rate, batch size and
 * epochs the paper's authors used for one architecture (method.md §7 for
 * the exemplars, their shell scripts for the families). */
typedef struct
{
  GArray *arch;        /* guint widths, inputs first */
  double  lr;
  guint   batch_size;
  guint   epochs;
  guint   line;        /* where the task file gives it; 0 if unknown */
} ScPaperSetting;

/* An empty table (GArray of ScPaperSetting that frees its rows). */
GArray               *sc_paper_table_new     (void);

/* Parses "ARCH lr X batch-size N epochs N" (the rest of a `paper` line;
 * ARCH as 4-24-24-2 or 4,24,24,2; keys in any order, each exactly once).
 * Errors say what is wrong, without file or line. */
gboolean              sc_paper_parse         (const char            *text,
                                              ScPaperSetting        *out,
                                              GError               **error);
void                  sc_paper_setting_clear (ScPaperSetting        *setting);

/* The row for arch, or NULL. */
const ScPaperSetting *sc_paper_find          (const GArray          *table,
                                              const guint           *arch,
                                              guint                  n_layers);
/* Sets hyper's arch, lr, batch-size and epochs to the row's. */
void                  sc_paper_apply         (const ScPaperSetting  *setting,
                                              ScHyper               *hyper);
/* "4-24-24-2 lr 0.1 batch-size 8 epochs 30", as sc_paper_parse() reads it. */
char                 *sc_paper_format        (const ScPaperSetting  *setting);
/* Number of hidden layers and their width (0 when the hidden layers
 * differ in width). */
guint                 sc_paper_hidden_layers (const ScPaperSetting  *setting);
guint                 sc_paper_width         (const ScPaperSetting  *setting);

G_END_DECLS
