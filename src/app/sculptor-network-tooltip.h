/* sculptor-network-tooltip.h — what the network view's tooltips say
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-analysis.h"
#include "sc-render.h"
#include "sc-snapshot.h"
#include "sc-task.h"

G_BEGIN_DECLS

/* Live edges into and out of unit index of layer in mask. */
void  _sculptor_network_fan             (const ScMask     *mask,
                                         guint             layer,
                                         guint             index,
                                         guint            *fan_in,
                                         guint            *fan_out);

/* Pango markup for a unit (hit->kind SC_HIT_UNIT): its name, layer and
 * index, activation × gradient score if known, fan-in and fan-out from the
 * mask, and its module once detected (analysis, or NULL). task may be
 * NULL. */
char *_sculptor_network_describe_unit   (const ScSnapshot *snapshot,
                                         const ScAnalysis *analysis,
                                         const ScTask     *task,
                                         const ScHit      *hit);
/* Pango markup for module id of analysis: units, input and output sets. */
char *_sculptor_network_describe_module (const ScSnapshot *snapshot,
                                         const ScAnalysis *analysis,
                                         const ScTask     *task,
                                         guint             id);

G_END_DECLS
