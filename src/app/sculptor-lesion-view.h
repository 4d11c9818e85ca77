/* sculptor-lesion-view.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "sc-lesion.h"
#include "sc-task.h"

G_BEGIN_DECLS

/* What a what-if change does to the outputs: per output the network's own
 * accuracy and the changed network's, the outputs that got worse marked,
 * and the truth-table rows that now fail (a task of at most six inputs),
 * else how many. */
#define SCULPTOR_TYPE_LESION_VIEW (sculptor_lesion_view_get_type ())
G_DECLARE_FINAL_TYPE (SculptorLesionView, sculptor_lesion_view, SCULPTOR, LESION_VIEW, GtkWidget)

/* Truth tables of more inputs show counts instead of rows. */
#define SCULPTOR_LESION_MAX_ROW_INPUTS 6

GtkWidget *sculptor_lesion_view_new (void);
/* @task: names and the test set the evaluations are of
 * @base: the network's own evaluation
 * @eval: (nullable): the changed network's; NULL while it is computed */
void       sculptor_lesion_view_set (SculptorLesionView *self,
                                     ScTask             *task,
                                     const ScLesionEval *base,
                                     const ScLesionEval *eval);

/* "y0, y1": the outputs eval gets wrong more often than base; (transfer full). */
char      *sculptor_lesion_worse_outputs (const ScTask       *task,
                                          const ScLesionEval *base,
                                          const ScLesionEval *eval);

G_END_DECLS
