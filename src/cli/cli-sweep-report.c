/* cli-sweep-report.c — what sculptor-cli's sweep commands print and draw
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "cli.h"
#include "cli-sweep.h"
#include "sc-sweep-slurm.h"

void
cli_sweep_print_progress (const ScSweepOutcome *outcome,
                          guint                 n_finished,
                          guint                 n_runs,
                          gpointer              user_data)
{
  const ScSweep *sweep = user_data;
  const ScSweepCell *cell = &g_array_index (sweep->plan->cells, ScSweepCell, outcome->cell);

  g_print ("[sweep] %3u/%-3u %s seed %-3" G_GUINT64_FORMAT " Pu %-4g ",
           n_finished, n_runs, cell->label, outcome->seed, outcome->unit_step);
  if (outcome->ok && !outcome->no_result)
    g_print ("%6.2fs\n", outcome->seconds);
  else if (outcome->ok)
    g_print ("%s\n", _("no result: no unit-pruning step was accepted"));
  else
    g_print (_("failed: %s\n"), outcome->message);
}

static const char *
mark (gboolean applicable,
      gboolean ok)
{
  return !applicable ? "n/a" : ok ? "✓" : "✗";
}

static void
print_choice_row (const ScSweepCellResult *cr,
                  guint64                  seed,
                  const ScSweepChoice     *choice,
                  gboolean                 depth_column)
{
  const ScGridPoint *p;
  const ScSnapshot *network;
  g_autofree char *kept = NULL;

  if (choice->point < 0)
    {
      g_print ("%-6" G_GUINT64_FORMAT " %s\n", seed,
               _("no network passes the accuracy threshold"));
      return;
    }

  p = g_ptr_array_index (cr->grid->points, choice->point);
  network = g_ptr_array_index (cr->networks, choice->point);
  kept = sc_arch_to_string (p->analysis->detection->new_arch, p->analysis->detection->n_layers,
                            '-');
  g_print ("%-6" G_GUINT64_FORMAT " %-6g %-6g %-6u %-8.4f %-18s %-8u", seed, p->pu, p->pe,
           p->n_edges, network->density, kept, sc_analysis_n_modules (p->analysis));
  if (choice->score)
    {
      g_print (" %-4s %s %s %s", choice->score->success ? _("yes") : _("no"),
               mark (choice->score->input_applicable, choice->score->input_separable),
               mark (choice->score->output_applicable, choice->score->output_grouped),
               mark (choice->score->hidden_applicable, choice->score->hidden_separable));
      if (depth_column)
        g_print ("   %s", choice->score->depth_aware_success ? _("yes") : _("no"));
    }
  g_print ("\n");
}

static char *
format_rates (const ScSweepTally *tallies,
              gboolean            depth)
{
  GString *text = g_string_new (NULL);

  for (guint r = 0; r < sc_sweep_n_rules (); r++)
    g_string_append_printf (text, "%s%s %u/%u", r ? " · " : "", sc_select_rule_name (r),
                            depth ? tallies[r].n_depth_aware : tallies[r].n_success,
                            tallies[r].n_scored);
  return g_string_free (text, FALSE);
}

static void
print_cell (const ScSweepResult     *result,
            const ScSweepCellResult *cr)
{
  const GArray *seeds = result->sweep->plan->seeds;
  const ScHyper *hyper = &cr->cell->hyper;
  gboolean truth = result->task->truth != NULL, depth_column = FALSE;
  g_autofree char *hyper_text = NULL;

  for (guint i = 0; i < cr->n_choices; i++)
    depth_column |= cr->choices[i].score && cr->choices[i].score->depth_aware_applicable;

  hyper_text = g_strdup_printf ("lr %g, batch %u, %u epochs", hyper->lr, hyper->batch_size,
                                hyper->epochs);
  g_print ("\n%s (%s), %s %s\n", cr->cell->label, hyper_text, _("networks chosen by"),
           sc_select_rule_name (result->rule));
  g_print ("%-6s %-6s %-6s %-6s %-8s %-18s %-8s %s%s\n", _("seed"), "Pu", "Pe", _("edges"),
           _("density"), _("kept units"), _("modules"),
           truth ? _("recovered (inputs, outputs, hidden)") : "",
           depth_column ? _("  depth-aware") : "");
  for (guint s = 0; s < seeds->len; s++)
    print_choice_row (cr, g_array_index (seeds, guint64, s),
                      &cr->choices[result->rule * seeds->len + s], depth_column);
  if (truth)
    {
      g_autofree char *rates = format_rates (cr->tallies, FALSE);
      g_autofree char *depth = format_rates (cr->tallies, TRUE);

      g_print (_("Recovered by rule: %s\n"), rates);
      if (depth_column)
        g_print (_("Depth-aware:       %s\n"), depth);
    }
  if (cr->n_failed)
    g_print (_("%u runs failed\n"), cr->n_failed);
}

static void
print_totals (const ScSweepResult *result)
{
  const ScSweepTally *totals = result->totals;
  const ScSweepTally *t = &totals[result->rule];
  guint n_rules = sc_sweep_n_rules (), n_cells = result->cells->len;
  gboolean depth = FALSE;

  for (guint r = 0; r < n_rules; r++)
    depth |= totals[r].n_depth_aware != totals[r].n_success;

  if (n_cells > 1 && t->n_scored)
    {
      g_print (_("\nAll %u architectures, recovered by rule:\n"), n_cells);
      for (guint r = 0; r < n_rules; r++)
        {
          g_print ("  %-18s %3u/%-3u", sc_select_rule_name (r), totals[r].n_success,
                   totals[r].n_scored);
          if (depth)
            g_print (_("  depth-aware %3u/%-3u"), totals[r].n_depth_aware, totals[r].n_scored);
          g_print ("\n");
        }
    }
  if (t->n_scored)
    g_print (_("\nGround-truth structure recovered for %u of %u seeds (%.2f) with %s\n"),
             t->n_success, t->n_scored, (double) t->n_success / t->n_scored,
             sc_select_rule_name (result->rule));
  if (t->n_empty)
    g_print (_("%u seeds had no network that passes the accuracy threshold\n"), t->n_empty);
}

void
cli_sweep_print_result (const ScSweepResult *result)
{
  for (guint c = 0; c < result->cells->len; c++)
    print_cell (result, g_ptr_array_index (result->cells, c));
  print_totals (result);
}

gboolean
cli_sweep_write_figures (const ScSweepResult  *result,
                         GError              **error)
{
  const GArray *seeds = result->sweep->plan->seeds;

  for (guint c = 0; c < result->cells->len; c++)
    {
      const ScSweepCellResult *cr = g_ptr_array_index (result->cells, c);

      for (guint s = 0; s < seeds->len; s++)
        {
          const ScSweepChoice *choice = &cr->choices[result->rule * seeds->len + s];
          const ScGridPoint *p;
          g_autofree char *dir = NULL;

          if (choice->point < 0)
            continue;
          p = g_ptr_array_index (cr->grid->points, choice->point);
          dir = g_strdup_printf ("%s/seed-%" G_GUINT64_FORMAT, cr->dir,
                                 g_array_index (seeds, guint64, s));
          if (!cli_write_figures (result->task, g_ptr_array_index (cr->networks, choice->point),
                                  p->analysis, dir, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* "3, 5, 7–9" */
static char *
format_indices (const GArray *indices)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < indices->len;)
    {
      guint first = g_array_index (indices, guint, i), last = first;

      while (i + 1 < indices->len && g_array_index (indices, guint, i + 1) == last + 1)
        last = g_array_index (indices, guint, ++i);
      i++;
      g_string_append_printf (text, "%s%u", text->len ? ", " : "", first);
      if (last > first)
        g_string_append_printf (text, "–%u", last);
    }
  return g_string_free (text, FALSE);
}

void
cli_sweep_print_status (const ScSweep *sweep)
{
  g_autofree ScSweepRunState *states = sc_sweep_scan (sweep);
  g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) failed = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *slurm = sc_sweep_slurm_describe (sweep);
  guint n = sc_sweep_plan_n_runs (sweep->plan);

  for (guint i = 0; i < n; i++)
    if (states[i] == SC_SWEEP_RUN_PENDING)
      g_array_append_val (pending, i);
    else if (states[i] == SC_SWEEP_RUN_FAILED)
      g_array_append_val (failed, i);

  g_print (_("%s: %s, %u architectures × %u seeds × %u Pu\n"), sweep->dir,
           sweep->plan->task.name, sweep->plan->cells->len, sweep->plan->seeds->len,
           sweep->plan->unit_steps->len);
  g_print (_("%u runs: %u done, %u failed, %u not done\n"), n, n - pending->len - failed->len,
           failed->len, pending->len);
  for (guint f = 0; f < failed->len; f++)
    {
      guint index = g_array_index (failed, guint, f);
      g_autofree char *why = sc_sweep_run_error (sweep, index);

      g_print (_("  run %u failed: %s\n"), index, why ? why : "");
    }
  if (pending->len > 0)
    {
      g_autofree char *list = format_indices (pending);

      g_print (_("  not done: %s\n"), list);
    }
  if (slurm != NULL)
    g_print (_("In Slurm's queue:\n%s"), slurm);
}
