/* sculptor-window-colors.c — module colours that stay put along a run
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include "sculptor-window-private.h"

/* Detection numbers modules afresh on every network; the window matches
 * each detected step's modules to the previous detected step's by their
 * units (sc_module_colors_match), in step order, so the colours are a
 * function of the run, whichever way it is scrubbed. Kept per step index
 * (a step's network may be dropped later for memory; its colours stay). */

void
_sculptor_window_colors_reset (SculptorWindow *self)
{
  if (self->step_colors == NULL)
    self->step_colors = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_module_colors_free);
  g_ptr_array_set_size (self->step_colors, 0);
  g_clear_pointer (&self->final_colors, sc_module_colors_free);
  g_clear_pointer (&self->colors_previous, sc_analysis_unref);
  g_clear_pointer (&self->colors_previous_keys, sc_module_colors_free);
}

static ScModuleColors *
follow (SculptorWindow *self,
        ScAnalysis     *analysis)
{
  ScModuleColors *colors;

  if (analysis == NULL)
    return NULL;

  colors = sc_module_colors_match (self->colors_previous ? self->colors_previous->modules : NULL,
                                   self->colors_previous_keys, analysis->modules);
  g_clear_pointer (&self->colors_previous, sc_analysis_unref);
  g_clear_pointer (&self->colors_previous_keys, sc_module_colors_free);
  self->colors_previous = sc_analysis_ref (analysis);
  self->colors_previous_keys = sc_module_colors_copy (colors);
  return colors;
}

/* Colours the steps up to index (call for each new step, in order). */
void
_sculptor_window_colors_add_steps (SculptorWindow *self,
                                   guint           n_steps)
{
  if (self->step_colors == NULL)
    _sculptor_window_colors_reset (self);

  while (self->step_colors->len < n_steps)
    {
      const ScStep *step = _sculptor_window_get_step (self, self->step_colors->len);

      /* rejected trials have no modules: they keep nothing */
      g_ptr_array_add (self->step_colors, step->accepted ? follow (self, step->analysis) : NULL);
    }
}

void
_sculptor_window_colors_add_final (SculptorWindow *self,
                                   ScAnalysis     *final)
{
  g_clear_pointer (&self->final_colors, sc_module_colors_free);
  self->final_colors = follow (self, final);
}

const ScModuleColors *
_sculptor_window_colors_for (SculptorWindow   *self,
                             const ScAnalysis *analysis)
{
  const ScRun *run = _sculptor_window_get_run (self);
  guint n;

  if (analysis == NULL || self->step_colors == NULL)
    return NULL;
  if (run && analysis == run->analysis && self->final_colors)
    return self->final_colors;

  n = MIN (self->step_colors->len, _sculptor_window_n_steps (self));
  for (guint i = n; i-- > 0;)
    if (_sculptor_window_get_step (self, i)->analysis == analysis)
      return g_ptr_array_index (self->step_colors, i);
  return NULL;
}
