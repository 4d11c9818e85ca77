/* cli-sweep-report.c — sculptor-cli sweep: choices, tables and files
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
#include "sc-json.h"

/* One seed's choice under one rule. */
typedef struct
{
  int      point;      /* index into the grid, -1: no network passes */
  ScScore *score;      /* NULL without ground truth */
} Choice;

static const char *
mark (gboolean applicable,
      gboolean ok)
{
  return !applicable ? "n/a" : ok ? "✓" : "✗";
}

static void
tally (SweepTally   *t,
       const Choice *choice)
{
  if (choice->point < 0)
    {
      t->n_empty++;
      return;
    }
  t->n_seeds++;
  if (choice->score)
    {
      t->n_scored++;
      t->n_success += choice->score->success;
      t->n_depth_aware += choice->score->depth_aware_success;
    }
}

static gboolean
choose (ScGrid            *grid,
        const ScTruth     *truth,
        guint64            seed,
        ScSelectRule       rule,
        double             band,
        Choice            *out,
        GError           **error)
{
  *out = (Choice) { .point = sc_grid_select (grid, seed, rule, band, error) };
  if (out->point < 0)
    return error == NULL || *error == NULL;
  if (!sc_grid_detect_point (g_ptr_array_index (grid->points, out->point), error))
    return FALSE;
  if (truth != NULL &&
      !(out->score = sc_grid_score_point (g_ptr_array_index (grid->points, out->point),
                                          truth, error)))
    return FALSE;
  return TRUE;
}

static void
print_choice_row (const SweepCell *cell,
                  guint64          seed,
                  const Choice    *choice,
                  gboolean         depth_column)
{
  const ScGridPoint *p;
  const ScSnapshot *final;
  g_autofree char *kept = NULL;

  if (choice->point < 0)
    {
      g_print ("%-6" G_GUINT64_FORMAT " %s\n", seed,
               _("no network passes the accuracy threshold"));
      return;
    }

  p = g_ptr_array_index (cell->grid->points, choice->point);
  final = g_ptr_array_index (cell->finals, choice->point);
  kept = sc_arch_to_string (p->analysis->detection->new_arch, p->analysis->detection->n_layers,
                            '-');
  g_print ("%-6" G_GUINT64_FORMAT " %-6g %-6g %-6u %-8.4f %-18s %-8u", seed, p->pu, p->pe,
           p->n_edges, final->density, kept, sc_analysis_n_modules (p->analysis));
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

static void
add_choice_json (JsonBuilder     *builder,
                 const SweepCell *cell,
                 guint64          seed,
                 const Choice    *choice,
                 const ScTruth   *truth,
                 gboolean         full)
{
  const ScGridPoint *p;

  json_builder_begin_object (builder);
  sc_json_add_int (builder, "seed", (gint64) seed);
  if (choice->point < 0)
    {
      json_builder_set_member_name (builder, "point");
      json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      return;
    }

  p = g_ptr_array_index (cell->grid->points, choice->point);
  sc_json_add_int (builder, "point", choice->point);
  sc_json_add_double (builder, "unit_step", p->pu);
  sc_json_add_double (builder, "edge_step", p->pe);
  sc_json_add_double (builder, "final_percent", p->final_percent);
  sc_json_add_double (builder, "accuracy", p->accuracy);
  sc_json_add_int (builder, "n_edges", p->n_edges);
  sc_json_add_double (builder, "modularity_q", p->analysis->modularity_q);
  sc_json_add_string (builder, "structure", p->structure);
  if (full)
    {
      json_builder_set_member_name (builder, "final_arch");
      json_builder_add_value (builder, sc_arch_to_json (p->analysis->detection->new_arch,
                                                        p->analysis->detection->n_layers));
      json_builder_set_member_name (builder, "edges_by_layer");
      json_builder_add_value (builder, sc_mask_to_edges_json (p->mask));
      sc_detection_to_json (p->analysis->detection, builder);
      sc_module_graph_to_json (p->analysis->modules, builder);
    }
  if (choice->score)
    {
      json_builder_set_member_name (builder, "score");
      json_builder_begin_object (builder);
      sc_score_to_json (choice->score, truth, builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}

static void
begin_tally_json (JsonBuilder      *builder,
                const SweepTally *t)
{
  json_builder_begin_object (builder);
  sc_json_add_int (builder, "seeds", t->n_seeds);
  sc_json_add_int (builder, "seeds_without_network", t->n_empty);
  sc_json_add_int (builder, "scored", t->n_scored);
  sc_json_add_int (builder, "recovered", t->n_success);
  sc_json_add_int (builder, "recovered_depth_aware", t->n_depth_aware);
}

static char *
format_rates (const SweepTally *tallies,
              guint             n_rules,
              gboolean          depth)
{
  GString *text = g_string_new (NULL);

  for (guint r = 0; r < n_rules; r++)
    g_string_append_printf (text, "%s%s %u/%u", r ? " · " : "", sc_select_rule_name (r),
                            depth ? tallies[r].n_depth_aware : tallies[r].n_success,
                            tallies[r].n_scored);
  return g_string_free (text, FALSE);
}

static gboolean
write_figures (const SweepReport *report,
               SweepCell         *cell,
               guint64            seed,
               const Choice      *choice,
               GError           **error)
{
  const ScSnapshot *final = g_ptr_array_index (cell->finals, choice->point);
  const ScGridPoint *point = g_ptr_array_index (cell->grid->points, choice->point);
  g_autofree char *dir = g_strdup_printf ("%s/seed-%" G_GUINT64_FORMAT, cell->dir, seed);

  return cli_write_figures (report->task, final, point->analysis, dir, error);
}

gboolean
cli_sweep_report_cell (const SweepReport *report,
                       SweepCell         *cell,
                       JsonBuilder       *builder,
                       SweepTally        *totals,
                       GError           **error)
{
  const ScTruth *truth = report->task->truth;
  guint n_rules = g_strv_length ((char **) sc_select_rule_names ());
  guint n_seeds = report->seeds->len;
  g_autofree Choice *choices = g_new0 (Choice, (gsize) n_rules * n_seeds);
  g_autofree SweepTally *tallies = g_new0 (SweepTally, n_rules);
  g_autofree char *grid_path = g_build_filename (cell->dir, "grid.jsonl", NULL);
  g_autofree char *hyper_text = NULL;
  gboolean depth_column = FALSE, ok = TRUE;

  for (guint r = 0; r < n_rules && ok; r++)
    for (guint s = 0; s < n_seeds && ok; s++)
      {
        Choice *c = &choices[r * n_seeds + s];

        ok = choose (cell->grid, truth, (guint64) g_array_index (report->seeds, double, s),
                     r, report->band, c, error);
        if (ok)
          {
            tally (&tallies[r], c);
            tally (&totals[r], c);
            depth_column |= c->score && c->score->depth_aware_applicable;
          }
      }

  if (ok)
    {
      hyper_text = g_strdup_printf ("lr %g, batch %u, %u epochs", cell->hyper.lr,
                                    cell->hyper.batch_size, cell->hyper.epochs);
      g_print ("\n%s (%s), %s %s\n", cell->label, hyper_text, _("networks chosen by"),
               sc_select_rule_name (report->rule));
      g_print ("%-6s %-6s %-6s %-6s %-8s %-18s %-8s %s%s\n", _("seed"), "Pu", "Pe", _("edges"),
               _("density"), _("kept units"), _("modules"),
               truth ? _("recovered (inputs, outputs, hidden)") : "",
               depth_column ? _("  depth-aware") : "");
      for (guint s = 0; s < n_seeds; s++)
        print_choice_row (cell, (guint64) g_array_index (report->seeds, double, s),
                          &choices[report->rule * n_seeds + s], depth_column);
      if (truth)
        {
          g_autofree char *rates = format_rates (tallies, n_rules, FALSE);
          g_autofree char *depth = format_rates (tallies, n_rules, TRUE);

          g_print (_("Recovered by rule: %s\n"), rates);
          if (depth_column)
            g_print (_("Depth-aware:       %s\n"), depth);
        }
      if (cell->n_failed)
        g_print (_("%u runs failed\n"), cell->n_failed);
    }

  /* The JSON gets the cell even after an error, for what is known. */
  json_builder_begin_object (builder);
  sc_json_add_string (builder, "arch_label", cell->label);
  sc_hyper_to_json (&cell->hyper, builder);
  sc_json_add_int (builder, "failed_runs", cell->n_failed);
  json_builder_set_member_name (builder, "choices");
  json_builder_begin_array (builder);
  for (guint s = 0; ok && s < n_seeds; s++)
    add_choice_json (builder, cell, (guint64) g_array_index (report->seeds, double, s),
                     &choices[report->rule * n_seeds + s], truth, TRUE);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "rules");
  json_builder_begin_object (builder);
  for (guint r = 0; ok && r < n_rules; r++)
    {
      json_builder_set_member_name (builder, sc_select_rule_name (r));
      begin_tally_json (builder, &tallies[r]);
      json_builder_set_member_name (builder, "choices");
      json_builder_begin_array (builder);
      for (guint s = 0; s < n_seeds; s++)
        add_choice_json (builder, cell, (guint64) g_array_index (report->seeds, double, s),
                         &choices[r * n_seeds + s], truth, FALSE);
      json_builder_end_array (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  if (ok && (g_mkdir_with_parents (cell->dir, 0755) != 0 ||
             !sc_grid_save (cell->grid, grid_path, error)))
    {
      if (error && *error == NULL)
        g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, _("cannot create %s"), cell->dir);
      ok = FALSE;
    }
  for (guint s = 0; ok && report->figures && s < n_seeds; s++)
    {
      const Choice *c = &choices[report->rule * n_seeds + s];

      if (c->point >= 0)
        ok = write_figures (report, cell, (guint64) g_array_index (report->seeds, double, s),
                            c, error);
    }

  for (guint i = 0; i < n_rules * n_seeds; i++)
    g_clear_pointer (&choices[i].score, sc_score_free);
  return ok;
}

void
cli_sweep_print_totals (const SweepReport *report,
                        const SweepTally  *totals,
                        guint              n_cells)
{
  guint n_rules = g_strv_length ((char **) sc_select_rule_names ());
  const SweepTally *t = &totals[report->rule];
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
             sc_select_rule_name (report->rule));
  if (t->n_empty)
    g_print (_("%u seeds had no network that passes the accuracy threshold\n"), t->n_empty);
}

void
cli_sweep_totals_json (const SweepTally *totals,
                       JsonBuilder      *builder)
{
  guint n_rules = g_strv_length ((char **) sc_select_rule_names ());

  json_builder_set_member_name (builder, "rules");
  json_builder_begin_object (builder);
  for (guint r = 0; r < n_rules; r++)
    {
      json_builder_set_member_name (builder, sc_select_rule_name (r));
      begin_tally_json (builder, &totals[r]);
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
}
