/* bench-grid.c — Sculptor against the original code on one full grid
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* bench-grid ORIGINAL.jsonl [--task NAME] [--set KEY=VALUE …] [--jobs N]
 *            [--save-grid FILE | --sculptor-grid FILE] [--band P]
 *
 * ORIGINAL.jsonl is a grid recorded from the original PyTorch code (the
 * oracle's format: one run per line, seeds × Pu × Pe). bench-grid runs
 * Sculptor on the same grid — the same task, architecture, Pu and Pe
 * values, with the authors' lr, batch size and epochs from the task's paper
 * table — on the original's seeds or on more (--sculptor-seeds N: 0 … N−1),
 * detects and scores every network of both grids with Sculptor's detector
 * and scorer, and compares the two:
 *
 *   - the final edge counts, the per-seed minima, the success share, and
 *     the success at equal edge counts (success minus the pooled success
 *     rate of its edge count), each by a permutation test whose units are
 *     the seeds: every run of a seed starts from the same dense network
 *     (the seed is re-set for every Pu), so runs are not independent and a
 *     test over runs would overstate the evidence;
 *   - success per edge count, as a table;
 *   - what each selection rule (sc-select.h) chooses per seed and how often
 *     that is a success, with Fisher's exact test over seeds.
 *
 * The task comes from the file name (reuse_kK_…, reused_…, levels_kK_…)
 * unless --task names it. --sculptor-grid compares with a grid saved by an
 * earlier --save-grid (or by sculptor-cli sweep) instead of running. */

#define G_LOG_DOMAIN "sculptor-bench"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "bench-common.h"
#include "bench-stats.h"
#include "sc-error.h"
#include "sc-grid.h"
#include "sc-linalg.h"
#include "sc-paper.h"
#include "sc-select.h"
#include "sc-task.h"

typedef struct
{
  const char *name;
  ScGrid     *grid;
  gboolean   *success;        /* per point, FALSE without a network */
  guint       n_networks;     /* points with a network */
  guint       n_passing;      /* ... that pass the accuracy threshold */
} Side;

typedef struct
{
  ScTask        *task;
  const ScHyper *hyper;
  guint64        seed;
  double         pu;
  ScRun         *run;
  GError        *error;
} Job;

static const struct
{
  const char *prefix;
  const char *task;
} file_tasks[] = {
  { "reuse_k", "reuse/k" },       /* reuse_k2_… → reuse/k2 */
  { "levels_k", "levels/k" },
  { "reused_", "exemplar/reused" },
};

/* The bundled task a grid file is named after, or NULL. */
static char *
task_from_path (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  for (guint i = 0; i < G_N_ELEMENTS (file_tasks); i++)
    if (g_str_has_prefix (base, file_tasks[i].prefix))
      {
        const char *rest = base + strlen (file_tasks[i].prefix);

        if (!g_str_has_suffix (file_tasks[i].task, "/k"))
          return g_strdup (file_tasks[i].task);
        return g_strdup_printf ("%s%d", file_tasks[i].task, atoi (rest));
      }
  return NULL;
}

static int
compare_desc (gconstpointer a,
              gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x < y) - (x > y);
}

/* The distinct Pu (or Pe) values of a grid, largest first. */
static GArray *
distinct_values (const ScGrid *grid,
                 gboolean      pe)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < grid->points->len; i++)
    {
      const ScGridPoint *p = g_ptr_array_index (grid->points, i);
      double v = pe ? p->pe : p->pu;
      gboolean seen = FALSE;

      for (guint k = 0; k < values->len && !seen; k++)
        seen = g_array_index (values, double, k) == v;
      if (!seen)
        g_array_append_val (values, v);
    }
  g_array_sort (values, compare_desc);
  return values;
}

static const guint *
grid_arch (const ScGrid *grid,
           guint        *n_layers)
{
  for (guint i = 0; i < grid->points->len; i++)
    {
      const ScGridPoint *p = g_ptr_array_index (grid->points, i);

      if (p->mask != NULL)
        {
          *n_layers = p->mask->n_layers;
          return p->mask->arch;
        }
    }
  return NULL;
}

static void
run_job (gpointer data,
         gpointer user_data)
{
  Job *job = data;
  char buf[G_ASCII_DTOSTR_BUF_SIZE];
  g_autofree char *seed = g_strdup_printf ("%" G_GUINT64_FORMAT, job->seed);
  ScHyper hyper;

  sc_hyper_copy (&hyper, job->hyper);
  sc_hyper_set (&hyper, "seed", seed, NULL);
  sc_hyper_set (&hyper, "unit-step", g_ascii_dtostr (buf, sizeof buf, job->pu), NULL);
  job->run = sc_pipeline_run (job->task, &hyper, NULL, &job->error);
  sc_hyper_clear (&hyper);
}

/* Sculptor's grid over the original's seeds and Pu (the Pe list is in
 * hyper), in (seed, Pu, Pe) order. */
static ScGrid *
run_sculptor (ScTask        *task,
              const ScHyper *hyper,
              GArray        *seeds,
              GArray        *pus,
              guint          n_threads,
              GError       **error)
{
  guint n_jobs = seeds->len * pus->len;
  g_autofree Job *jobs = g_new0 (Job, n_jobs);
  g_autoptr(ScGrid) grid = sc_grid_new ();
  GThreadPool *pool = g_thread_pool_new (run_job, NULL, (int) n_threads, TRUE, NULL);
  gboolean ok = TRUE;

  for (guint s = 0; s < seeds->len; s++)
    for (guint u = 0; u < pus->len; u++)
      {
        Job *job = &jobs[s * pus->len + u];

        *job = (Job) { .task = task, .hyper = hyper,
                       .seed = g_array_index (seeds, guint64, s),
                       .pu = g_array_index (pus, double, u) };
        g_thread_pool_push (pool, job, NULL);
      }
  g_thread_pool_free (pool, FALSE, TRUE);

  for (guint j = 0; j < n_jobs; j++)
    {
      Job *job = &jobs[j];

      if (job->run == NULL && !g_error_matches (job->error, SC_ERROR, SC_ERROR_NO_RESULT))
        {
          if (ok)
            g_propagate_prefixed_error (error, g_steal_pointer (&job->error),
                                        "seed %" G_GUINT64_FORMAT " Pu %g: ", job->seed, job->pu);
          ok = FALSE;
        }
      else if (ok)
        sc_grid_add_run (grid, hyper, job->seed, job->pu, j % pus->len, job->run);
      g_clear_pointer (&job->run, sc_run_free);
      g_clear_error (&job->error);
    }

  return ok ? g_steal_pointer (&grid) : NULL;
}

static gboolean
score_side (Side          *side,
            const ScTruth *truth,
            GError       **error)
{
  guint n = side->grid->points->len;

  side->success = g_new0 (gboolean, MAX (n, 1));
  if (!sc_grid_detect (side->grid, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const ScGridPoint *p = g_ptr_array_index (side->grid->points, i);
      g_autoptr(ScScore) score = NULL;

      if (p->no_result)
        continue;
      side->n_networks++;
      side->n_passing += p->meets_threshold;
      if (!(score = sc_grid_score_point (p, truth, error)))
        return FALSE;
      side->success[i] = score->success;
    }
  return TRUE;
}

static guint
seed_minimum (const Side *side,
              guint64     seed)
{
  guint best = G_MAXUINT;

  for (guint i = 0; i < side->grid->points->len; i++)
    {
      const ScGridPoint *p = g_ptr_array_index (side->grid->points, i);

      if (p->seed == seed && !p->no_result && p->meets_threshold)
        best = MIN (best, p->n_edges);
    }
  return best;
}

/* Per seed of a side: sums and counts of the statistics tested. */
typedef struct
{
  double edges, edges_n;       /* final edges of the passing runs */
  double minimum;              /* fewest edges */
  double success, success_n;   /* successes among the passing runs */
  double excess;               /* Σ (success − pooled rate at its edge count) */
} SeedStats;

/* The pooled success rate per edge count over both sides' passing runs. */
static double *
pooled_rates (const Side *sides[2],
              guint      *max_edges)
{
  g_autofree double *n = NULL;
  double *rate;

  *max_edges = 0;
  for (guint k = 0; k < 2; k++)
    for (guint i = 0; i < sides[k]->grid->points->len; i++)
      {
        const ScGridPoint *p = g_ptr_array_index (sides[k]->grid->points, i);

        if (!p->no_result && p->meets_threshold)
          *max_edges = MAX (*max_edges, p->n_edges);
      }
  rate = g_new0 (double, *max_edges + 1);
  n = g_new0 (double, *max_edges + 1);
  for (guint k = 0; k < 2; k++)
    for (guint i = 0; i < sides[k]->grid->points->len; i++)
      {
        const ScGridPoint *p = g_ptr_array_index (sides[k]->grid->points, i);

        if (!p->no_result && p->meets_threshold)
          {
            rate[p->n_edges] += sides[k]->success[i];
            n[p->n_edges]++;
          }
      }
  for (guint e = 0; e <= *max_edges; e++)
    rate[e] = n[e] > 0 ? rate[e] / n[e] : 0;
  return rate;
}

static void
seed_stats (const Side   *side,
            GArray       *seeds,
            const double *rate,
            SeedStats    *out)
{
  for (guint s = 0; s < seeds->len; s++)
    {
      guint64 seed = g_array_index (seeds, guint64, s);
      SeedStats *st = &out[s];

      *st = (SeedStats) { .minimum = seed_minimum (side, seed) };
      for (guint i = 0; i < side->grid->points->len; i++)
        {
          const ScGridPoint *p = g_ptr_array_index (side->grid->points, i);

          if (p->seed != seed || p->no_result || !p->meets_threshold)
            continue;
          st->edges += p->n_edges;
          st->edges_n++;
          st->success += side->success[i];
          st->success_n++;
          st->excess += side->success[i] - rate[p->n_edges];
        }
    }
}

/* One statistic: per cluster (original's seeds first) a sum and a count. */
static void
print_test (const char      *label,
            const SeedStats *stats,
            guint            n_orig,
            guint            n_ours,
            gsize            sum_offset,
            gsize            count_offset,
            int              digits,
            gboolean         sign)
{
  guint n = n_orig + n_ours, used = 0, first = 0;
  g_autofree double *sum = g_new (double, n);
  g_autofree double *count = g_new (double, n);
  char a[32], b[32];
  BenchPermutation t;

  /* seeds without a passing network have no value */
  for (guint c = 0; c < n; c++)
    {
      const char *st = (const char *) &stats[c];
      double cnt = count_offset == G_MAXSIZE ? 1.0 : *(const double *) (st + count_offset);

      if (cnt <= 0 || (count_offset == G_MAXSIZE && stats[c].edges_n == 0))
        continue;
      sum[used] = *(const double *) (st + sum_offset);
      count[used] = cnt;
      used++;
      first += c < n_orig;
    }
  if (first == 0 || first == used)
    {
      printf ("%-34s (no data)\n", label);
      return;
    }
  t = bench_cluster_permutation (sum, count, used, first);
  g_snprintf (a, sizeof a, sign ? "%+.*f" : "%.*f", digits, t.mean_a);
  g_snprintf (b, sizeof b, sign ? "%+.*f" : "%.*f", digits, t.mean_b);
  printf ("%-34s %-14s %-14s p = %.3f (%s, %u relabellings of %u + %u seeds)\n", label, a, b,
          t.p, t.exact ? "exact" : "sampled", t.n_relabelings, first, used - first);
}

static void
print_tests (const Side *orig,
             const Side *ours,
             GArray     *orig_seeds,
             GArray     *ours_seeds)
{
  const Side *sides[2] = { orig, ours };
  guint max_edges, n_orig = orig_seeds->len, n_ours = ours_seeds->len;
  g_autofree double *rate = pooled_rates (sides, &max_edges);
  g_autofree SeedStats *stats = g_new0 (SeedStats, n_orig + n_ours);

  seed_stats (orig, orig_seeds, rate, stats);
  seed_stats (ours, ours_seeds, rate, stats + n_orig);

  printf ("%-34s %-14u %-14u\n", "seeds", n_orig, n_ours);
  printf ("%-34s %-14u %-14u\n", "runs with a network", orig->n_networks, ours->n_networks);
  printf ("%-34s %-14u %-14u\n", "... passing the accuracy threshold", orig->n_passing,
          ours->n_passing);
  print_test ("final edges, mean", stats, n_orig, n_ours, G_STRUCT_OFFSET (SeedStats, edges),
              G_STRUCT_OFFSET (SeedStats, edges_n), 2, FALSE);
  print_test ("per-seed minimum edges, mean", stats, n_orig, n_ours,
              G_STRUCT_OFFSET (SeedStats, minimum), G_MAXSIZE, 2, FALSE);
  print_test ("success share", stats, n_orig, n_ours, G_STRUCT_OFFSET (SeedStats, success),
              G_STRUCT_OFFSET (SeedStats, success_n), 3, FALSE);
  print_test ("success minus pooled rate at", stats, n_orig, n_ours,
              G_STRUCT_OFFSET (SeedStats, excess), G_STRUCT_OFFSET (SeedStats, success_n),
              3, TRUE);
  printf ("%-34s\n", "  its edge count (equal sparsity)");

  printf ("%-34s", "per-seed minimum edges");
  for (guint s = 0; s < n_orig; s++)
    printf (" s%" G_GUINT64_FORMAT " %g", g_array_index (orig_seeds, guint64, s),
            stats[s].minimum);
  printf (" | Sculptor");
  for (guint s = 0; s < MIN (n_ours, 8); s++)
    printf (" s%" G_GUINT64_FORMAT " %g", g_array_index (ours_seeds, guint64, s),
            stats[n_orig + s].minimum);
  printf ("%s\n", n_ours > 8 ? " …" : "");
}

/* Success per edge count, as counts. */
static void
print_success_table (const Side *orig,
                     const Side *ours)
{
  const Side *sides[2] = { orig, ours };
  guint max_edges = 0;
  g_autofree guint *table = NULL;

  for (guint k = 0; k < 2; k++)
    for (guint i = 0; i < sides[k]->grid->points->len; i++)
      {
        const ScGridPoint *p = g_ptr_array_index (sides[k]->grid->points, i);

        if (!p->no_result && p->meets_threshold)
          max_edges = MAX (max_edges, p->n_edges);
      }

  /* table[4e + 0..3]: original successes, runs, Sculptor successes, runs */
  table = g_new0 (guint, 4 * (max_edges + 1));
  for (guint k = 0; k < 2; k++)
    for (guint i = 0; i < sides[k]->grid->points->len; i++)
      {
        const ScGridPoint *p = g_ptr_array_index (sides[k]->grid->points, i);

        if (p->no_result || !p->meets_threshold)
          continue;
        table[4 * p->n_edges + 2 * k] += sides[k]->success[i];
        table[4 * p->n_edges + 2 * k + 1]++;
      }

  printf ("\nsuccess (Sculptor's scorer) per edge count, recovered/runs:\n");
  printf ("  %-6s %-12s %-12s\n", "edges", "original", "Sculptor");
  for (guint e = 0; e <= max_edges; e++)
    {
      const guint *t = &table[4 * e];

      if (t[1] + t[3] > 0)
        printf ("  %-6u %3u/%-8u %3u/%-8u\n", e, t[0], t[1], t[2], t[3]);
    }
}

static gboolean
print_rules (Side          *orig,
             Side          *ours,
             GArray        *orig_seeds,
             GArray        *ours_seeds,
             double         band,
             GError       **error)
{
  const char * const *rules = sc_select_rule_names ();
  Side *sides[2] = { orig, ours };
  GArray *seeds[2] = { orig_seeds, ours_seeds };

  printf ("\nchosen per seed (edges, ✓ recovered) and seeds recovered, by selection rule:\n");
  for (guint r = 0; rules[r] != NULL; r++)
    {
      guint won[2] = { 0, 0 }, n[2] = { 0, 0 };

      printf ("  %-18s", rules[r]);
      for (guint k = 0; k < 2; k++)
        {
          printf (" %s", k ? "| Sculptor" : "original");
          for (guint s = 0; s < seeds[k]->len; s++)
            {
              int i = sc_grid_select (sides[k]->grid, g_array_index (seeds[k], guint64, s), r,
                                      band, error);
              const ScGridPoint *p;

              if (i < 0)
                {
                  if (error && *error)
                    return FALSE;
                  if (s < 8)
                    printf (" –");
                  continue;
                }
              p = g_ptr_array_index (sides[k]->grid->points, i);
              if (s < 8)
                printf (" %u%s", p->n_edges, sides[k]->success[i] ? "✓" : "·");
              won[k] += sides[k]->success[i];
              n[k]++;
            }
          printf ("%s %u/%u", seeds[k]->len > 8 ? " …" : "", won[k], n[k]);
        }
      printf ("   Fisher p = %.2f\n", bench_fisher_exact (won[0], n[0] - won[0],
                                                          won[1], n[1] - won[1]));
    }
  return TRUE;
}

/* The task's defaults, the paper's row of the grid's architecture, the
 * grid's Pe list, then --set. */
static gboolean
grid_hyper (const ScTask *task,
            const ScGrid *grid,
            char * const *set,
            ScHyper      *hyper,
            GError      **error)
{
  g_autoptr(GArray) pes = distinct_values (grid, TRUE);
  guint n_layers = 0;
  const guint *arch = grid_arch (grid, &n_layers);
  const ScPaperSetting *row = arch ? sc_paper_find (task->paper, arch, n_layers) : NULL;

  if (row == NULL)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   "%s has no paper row for the grid's architecture", task->name);
      return FALSE;
    }
  sc_hyper_copy (hyper, &task->defaults);
  sc_paper_apply (row, hyper);
  g_array_set_size (hyper->edge_steps, 0);
  g_array_append_vals (hyper->edge_steps, pes->data, pes->len);
  return bench_apply_overrides (hyper, set, error) &&
         sc_hyper_validate (hyper, task->n_in, task->n_out, error);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *task_name = NULL;
  g_autofree char *save_path = NULL;
  g_autofree char *ours_path = NULL;
  g_auto(GStrv) set = NULL;
  int jobs = 1, n_seeds = 0;
  double band = SC_SELECT_DEFAULT_BAND;
  GOptionEntry entries[] = {
    { "task", 0, 0, G_OPTION_ARG_STRING, &task_name, "Task (default: from the file name)", "NAME" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &set,
      "Override a hyper-parameter (keys as in sculptor-cli run), repeatable", "KEY=VALUE" },
    { "jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, "Runs in parallel (default 1)", "N" },
    { "sculptor-seeds", 0, 0, G_OPTION_ARG_INT, &n_seeds,
      "Run Sculptor with seeds 0 … N−1 (default: the original's seeds)", "N" },
    { "band", 0, 0, G_OPTION_ARG_DOUBLE, &band,
      "Near-sparsest band of the selection rules, % (default 20)", "P" },
    { "save-grid", 0, 0, G_OPTION_ARG_FILENAME, &save_path,
      "Write Sculptor's grid to FILE", "FILE" },
    { "sculptor-grid", 0, 0, G_OPTION_ARG_FILENAME, &ours_path,
      "Compare with this saved Sculptor grid instead of running", "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("ORIGINAL.jsonl");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = NULL;
  g_autoptr(ScGrid) orig_grid = NULL;
  g_autoptr(ScGrid) ours_grid = NULL;
  g_autoptr(GArray) seeds = NULL;
  g_autoptr(GArray) ours_seeds = NULL;
  g_autoptr(GArray) pus = NULL;
  g_autofree char *arch_text = NULL;
  Side orig = { "original" }, ours = { "Sculptor" };
  ScHyper hyper;
  GTimer *timer;
  guint n_layers = 0;
  const guint *arch;
  int status = 0;

  g_option_context_set_summary (context,
    "Runs Sculptor on the grid of a recording of the original code and compares the\n"
    "two: edge counts, per-seed minima, success per edge count, selection rules.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return fprintf (stderr, "%s\n", error->message), 2;
  if (argc != 2 || jobs < 1 || jobs > 64 || !(band >= 0) || n_seeds < 0 || n_seeds > 10000)
    return fprintf (stderr, "expected one ORIGINAL.jsonl, --jobs 1–64, --band ≥ 0, "
                            "--sculptor-seeds 1–10000\n"), 2;

  if (!(orig_grid = sc_grid_load (argv[1], 100.0, &error)))
    return fprintf (stderr, "%s\n", error->message), 1;
  if (task_name == NULL && !(task_name = task_from_path (argv[1])))
    return fprintf (stderr, "%s: cannot tell the task from the name: use --task\n", argv[1]), 2;
  if (!(task = sc_task_lookup (task_name, &error)) ||
      !grid_hyper (task, orig_grid, set, &hyper, &error))
    return fprintf (stderr, "%s\n", error->message), 1;

  seeds = sc_grid_seeds (orig_grid);
  if (n_seeds > 0)
    {
      ours_seeds = g_array_new (FALSE, FALSE, sizeof (guint64));
      for (guint64 s = 0; s < (guint64) n_seeds; s++)
        g_array_append_val (ours_seeds, s);
    }
  else
    ours_seeds = g_array_copy (seeds);
  pus = distinct_values (orig_grid, FALSE);
  arch = grid_arch (orig_grid, &n_layers);
  arch_text = sc_arch_to_string (arch, n_layers, '-');
  printf ("grid %s: %s %s, lr %g, batch %u, %u epochs%s; %u Pu × %u Pe\n",
          argv[1], task->name, arch_text, hyper.lr, hyper.batch_size, hyper.epochs,
          hyper.reference_val_loss ? ", reference validation loss" : "", pus->len,
          hyper.edge_steps->len);

  timer = g_timer_new ();
  sc_linalg_init (1);
  if (ours_path && (ours_grid = sc_grid_load (ours_path, 100.0, &error)))
    {
      g_array_unref (ours_seeds);
      ours_seeds = sc_grid_seeds (ours_grid);
    }
  else
    ours_grid = run_sculptor (task, &hyper, ours_seeds, pus, (guint) jobs, &error);
  if (ours_grid == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      sc_hyper_clear (&hyper);
      g_timer_destroy (timer);
      return 1;
    }
  if (!ours_path)
    printf ("Sculptor ran the grid in %.1f s wall (%d job%s)\n", g_timer_elapsed (timer, NULL),
            jobs, jobs > 1 ? "s" : "");
  g_timer_destroy (timer);
  if (save_path && !sc_grid_save (ours_grid, save_path, &error))
    fprintf (stderr, "%s\n", error->message), status = 1;

  orig.grid = orig_grid;
  ours.grid = ours_grid;
  if (!score_side (&orig, task->truth, &error) || !score_side (&ours, task->truth, &error))
    fprintf (stderr, "%s\n", error->message), status = 1;
  else
    {
      printf ("\n%-34s %-14s %-14s\n", "", "original", "Sculptor");
      print_tests (&orig, &ours, seeds, ours_seeds);
      print_success_table (&orig, &ours);
      if (!print_rules (&orig, &ours, seeds, ours_seeds, band, &error))
        fprintf (stderr, "%s\n", error->message), status = 1;
    }

  g_free (orig.success);
  g_free (ours.success);
  sc_hyper_clear (&hyper);
  return status;
}
