/* sc-module-colors.h — module colours that stay put across pruning steps
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "sc-modules.h"

G_BEGIN_DECLS

/* A module's colour is the palette entry of its colour key
 * (sc_render_module_color()). By default the key is the merged module id,
 * which detection numbers afresh on every network; following a run, each
 * module instead takes the key of the previous network's module it shares
 * most units with, so a module keeps its colour while it is pruned. */
typedef struct
{
  guint  n;
  guint *ids;     /* merged module ids */
  guint *keys;    /* their colour keys */
} ScModuleColors;

/* Keys equal to ids. */
ScModuleColors *sc_module_colors_new_default (const ScModuleGraph  *graph);
/* Keys for now's modules matched to before's (coloured by before_colors,
 * NULL: by id): pairs are taken by most shared units first; a module
 * sharing none takes the first key whose colour no matched module has. */
ScModuleColors *sc_module_colors_match       (const ScModuleGraph  *before,
                                              const ScModuleColors *before_colors,
                                              const ScModuleGraph  *now);
/* The key of module id (the id itself when colors is NULL or lacks it). */
guint           sc_module_colors_key         (const ScModuleColors *colors,
                                              guint                 id);
ScModuleColors *sc_module_colors_copy        (const ScModuleColors *colors);
/* The same ids with the same keys, in the same order (NULL only equals NULL). */
gboolean        sc_module_colors_equal       (const ScModuleColors *a,
                                              const ScModuleColors *b);
void            sc_module_colors_free        (ScModuleColors       *colors);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScModuleColors, sc_module_colors_free)

G_END_DECLS
