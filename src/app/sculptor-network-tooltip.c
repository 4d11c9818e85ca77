/* sculptor-network-tooltip.c — what the network view's tooltips say
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <glib/gi18n.h>

#include "sculptor-network-tooltip.h"

#define MAX_NAMES 8

static const char *
task_name (const ScTask *task,
           gboolean      input,
           guint         index)
{
  char * const *names;
  guint n;

  if (task == NULL)
    return NULL;
  names = input ? task->input_names : task->output_names;
  n = input ? task->n_in : task->n_out;
  return names != NULL && index < n ? names[index] : NULL;
}

static char *
unit_name (const ScTask *task,
           gboolean      input,
           guint         index)
{
  const char *name = task_name (task, input, index);

  return name ? g_strdup (name) : g_strdup_printf ("%c%u", input ? 'x' : 'y', index);
}

void
_sculptor_network_fan (const ScMask *mask,
                       guint         layer,
                       guint         index,
                       guint        *fan_in,
                       guint        *fan_out)
{
  g_return_if_fail (mask != NULL && layer < mask->n_layers && index < mask->arch[layer]);
  g_return_if_fail (fan_in != NULL && fan_out != NULL);

  *fan_in = *fan_out = 0;
  if (layer > 0)
    for (guint i = 0; i < mask->arch[layer - 1]; i++)
      *fan_in += sc_mask_get (mask, layer - 1, i, index) ? 1 : 0;
  if (layer + 1 < mask->n_layers)
    for (guint j = 0; j < mask->arch[layer + 1]; j++)
      *fan_out += sc_mask_get (mask, layer, index, j) ? 1 : 0;
}

static char *
unit_title (const ScSnapshot *snapshot,
            const ScTask     *task,
            guint             layer,
            guint             index)
{
  g_autofree char *name = NULL;
  guint last = snapshot->n_layers - 1;

  if (layer == 0 && task != NULL && task->kind == SC_TASK_IMAGE && task->image_width > 0)
    return g_strdup_printf (_("Pixel (row %u, column %u)"),
                            index / task->image_width, index % task->image_width);
  if (layer == 0 || layer == last)
    {
      name = unit_name (task, layer == 0, index);
      return g_strdup_printf (layer == 0 ? _("Input %s") : _("Output %s"), name);
    }
  return g_strdup_printf (_("Hidden unit %u"), index);
}

static void
append_module (GString             *text,
               const ScModuleGraph *graph,
               int                  id)
{
  g_autofree char *label = NULL;

  if (id < 0)
    {
      g_string_append_printf (text, "\n%s", _("Not in a module"));
      return;
    }
  label = sc_render_module_label ((guint) id);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Module %s"), label);
  if (graph != NULL)
    {
      int m = sc_module_graph_find (graph, (guint) id);

      if (m >= 0 && graph->modules[m].reused)
        g_string_append_printf (text, " · %s", _("reused"));
    }
}

char *
_sculptor_network_describe_unit (const ScSnapshot *snapshot,
                                 const ScAnalysis *analysis,
                                 const ScTask     *task,
                                 const ScHit      *hit)
{
  g_autofree char *title = NULL;
  g_autofree char *escaped = NULL;
  GString *text;
  guint fan_in, fan_out;

  g_return_val_if_fail (snapshot != NULL && hit != NULL, NULL);
  g_return_val_if_fail (hit->kind == SC_HIT_UNIT && hit->layer < snapshot->n_layers, NULL);

  title = unit_title (snapshot, task, hit->layer, hit->index);
  escaped = g_markup_escape_text (title, -1);
  text = g_string_new (NULL);
  g_string_append_printf (text, "<b>%s</b>", escaped);
  g_string_append_c (text, '\n');
  if (hit->layer == 0)
    g_string_append_printf (text, _("Input layer, unit %u"), hit->index);
  else if (hit->layer == snapshot->n_layers - 1)
    g_string_append_printf (text, _("Output layer, unit %u"), hit->index);
  else
    g_string_append_printf (text, _("Layer %u, unit %u"), hit->layer, hit->index);

  /* Only hidden units are scored and pruned (§3.1). */
  if (snapshot->unit_scores != NULL && hit->unit < sc_snapshot_n_units (snapshot) &&
      hit->layer > 0 && hit->layer + 1 < snapshot->n_layers)
    /* Translators: the unit-pruning score of method.md §3.1 */
    g_string_append_printf (text, "\n%s %.4g", _("Activation × gradient"),
                            snapshot->unit_scores[hit->unit]);

  _sculptor_network_fan (snapshot->mask, hit->layer, hit->index, &fan_in, &fan_out);
  g_string_append_c (text, '\n');
  g_string_append_printf (text, _("Fan-in %u · fan-out %u"), fan_in, fan_out);

  if (analysis != NULL)
    append_module (text, analysis->modules, hit->module);

  return g_string_free (text, FALSE);
}

static void
append_set (GString            *text,
            const char         *heading,
            const GArray       *set,
            const ScTask       *task,
            gboolean            input)
{
  if (set == NULL || set->len == 0)
    return;

  g_string_append_printf (text, "\n%s ", heading);
  if (input && task != NULL && task->kind == SC_TASK_IMAGE)
    {
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u pixel", "%u pixels", set->len),
                              set->len);
      return;
    }
  for (guint i = 0; i < set->len && i < MAX_NAMES; i++)
    {
      g_autofree char *name = unit_name (task, input, g_array_index (set, guint, i));
      g_autofree char *escaped = g_markup_escape_text (name, -1);

      g_string_append_printf (text, "%s%s", i ? " " : "", escaped);
    }
  if (set->len > MAX_NAMES)
    g_string_append_printf (text, " … +%u", set->len - MAX_NAMES);
}

char *
_sculptor_network_describe_module (const ScSnapshot *snapshot,
                                   const ScAnalysis *analysis,
                                   const ScTask     *task,
                                   guint             id)
{
  g_autofree char *label = sc_render_module_label (id);
  const ScModule *module;
  GString *text;
  int m;

  g_return_val_if_fail (snapshot != NULL, NULL);

  text = g_string_new ("<b>");
  g_string_append_printf (text, _("Module %s"), label);
  g_string_append (text, "</b>");
  m = analysis ? sc_module_graph_find (analysis->modules, id) : -1;
  if (m < 0)
    return g_string_free (text, FALSE);

  module = &analysis->modules->modules[m];
  g_string_append_c (text, '\n');
  g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u unit in layers %u–%u",
                                             "%u units in layers %u–%u", module->n_units),
                          module->n_units, module->first_layer, module->last_layer);
  append_set (text, _("Inputs:"), module->inputs, task, TRUE);
  append_set (text, _("Outputs:"), module->outputs, task, FALSE);
  if (module->reused)
    g_string_append_printf (text, "\n%s", _("Reused by several modules"));
  return g_string_free (text, FALSE);
}
