/* sc-analysis.c — what module detection found in one network
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-analysis.h"
#include "sc-graph.h"

static void
analysis_clear (gpointer data)
{
  ScAnalysis *analysis = data;

  g_clear_pointer (&analysis->detection, sc_detection_free);
  g_clear_pointer (&analysis->modules, sc_module_graph_free);
  g_clear_pointer (&analysis->score, sc_score_free);
}

ScAnalysis *
sc_analysis_new (const ScMask          *mask,
                 const ScDetectParams  *params,
                 const ScTruth         *truth,
                 GError               **error)
{
  g_autoptr(ScDetection) detection = NULL;
  g_autoptr(GError) q_error = NULL;
  ScAnalysis *analysis;
  ScDetectParams defaults;

  g_return_val_if_fail (mask != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (params == NULL)
    {
      sc_detect_params_init (&defaults);
      params = &defaults;
    }
  if (!(detection = sc_detect (mask, params, error)))
    return NULL;

  analysis = g_atomic_rc_box_new0 (ScAnalysis);
  analysis->params = *params;
  analysis->modules = sc_module_graph_new (detection);
  analysis->detection = g_steal_pointer (&detection);
  /* Q is a description, not part of the method: a run goes on without it */
  if (!sc_graph_modularity (analysis->detection, &analysis->modularity_q, &q_error))
    {
      g_warning ("Newman modularity unavailable: %s", q_error->message);
      analysis->modularity_q = NAN;
    }
  if (truth != NULL &&
      !(analysis->score = sc_score_detection (truth, analysis->detection, analysis->modules,
                                              error)))
    {
      sc_analysis_unref (analysis);
      return NULL;
    }

  return analysis;
}

ScAnalysis *
sc_analysis_ref (ScAnalysis *analysis)
{
  g_return_val_if_fail (analysis != NULL, NULL);

  return g_atomic_rc_box_acquire (analysis);
}

void
sc_analysis_unref (ScAnalysis *analysis)
{
  g_return_if_fail (analysis != NULL);

  g_atomic_rc_box_release_full (analysis, analysis_clear);
}

guint
sc_analysis_n_modules (const ScAnalysis *analysis)
{
  return analysis != NULL ? analysis->modules->n_modules : 0;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

char *
sc_analysis_structure (const ScAnalysis *analysis)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  const ScModuleGraph *graph;
  guint last;
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (analysis != NULL, NULL);

  graph = analysis->modules;
  last = analysis->detection->n_layers - 1;
  for (guint m = 0; m < graph->n_modules; m++)
    {
      const ScModule *module = &graph->modules[m];
      GString *part = g_string_new ("i");

      for (guint u = 0; u < module->n_units; u++)
        if (module->units[u].layer == 0)
          g_string_append_printf (part, " %u", module->units[u].index);
      g_string_append (part, " o");
      for (guint u = 0; u < module->n_units; u++)
        if (module->units[u].layer == last)
          g_string_append_printf (part, " %u", module->units[u].index);
      g_ptr_array_add (parts, g_string_free (part, FALSE));
    }

  g_ptr_array_sort (parts, compare_strings);
  for (guint i = 0; i < parts->len; i++)
    g_string_append_printf (text, "%s[%s]", i ? " " : "", (char *) parts->pdata[i]);
  return g_string_free (text, FALSE);
}
