/* sc-select.c — which network of a seed's grid goes to module detection
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-select.h"

static const char * const rule_names[] = {
  "sparsest", "consensus", "modularity", "stable", "modular-consensus", NULL
};

const char * const *
sc_select_rule_names (void)
{
  return rule_names;
}

const char *
sc_select_rule_name (ScSelectRule rule)
{
  g_return_val_if_fail ((guint) rule < G_N_ELEMENTS (rule_names) - 1, NULL);

  return rule_names[rule];
}

gboolean
sc_select_rule_parse (const char   *name,
                      ScSelectRule *rule)
{
  g_return_val_if_fail (name != NULL && rule != NULL, FALSE);

  for (guint r = 0; rule_names[r] != NULL; r++)
    if (strcmp (name, rule_names[r]) == 0)
      {
        *rule = (ScSelectRule) r;
        return TRUE;
      }
  return FALSE;
}

/* §0's order: sparsest first; on ties Pe outer, Pu inner. */
static int
compare_sparsest (gconstpointer a,
                  gconstpointer b)
{
  const ScGridPoint *p = *(ScGridPoint * const *) a;
  const ScGridPoint *q = *(ScGridPoint * const *) b;

  if (p->final_percent != q->final_percent)
    return p->final_percent > q->final_percent ? -1 : 1;
  if (p->pe_index != q->pe_index)
    return p->pe_index < q->pe_index ? -1 : 1;
  return (p->pu_index > q->pu_index) - (p->pu_index < q->pu_index);
}

/* The seed's networks that pass the threshold, sparsest first. */
static GPtrArray *
candidates (const ScGrid *grid,
            guint64       seed)
{
  GPtrArray *list = g_ptr_array_new ();

  for (guint i = 0; i < grid->points->len; i++)
    {
      ScGridPoint *p = g_ptr_array_index (grid->points, i);

      if (p->seed == seed && !p->no_result && p->meets_threshold)
        g_ptr_array_add (list, p);
    }
  g_ptr_array_sort (list, compare_sparsest);
  return list;
}

/* How many of the list's first n networks show each structure; the most
 * frequent wins, the one whose first network comes first on ties. */
static const char *
most_frequent_structure (GPtrArray *list,
                         guint      n)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  const char *best = NULL;
  guint best_count = 0;

  for (guint i = 0; i < n; i++)
    {
      const ScGridPoint *p = list->pdata[i];
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (counts, p->structure)) + 1;

      g_hash_table_insert (counts, p->structure, GUINT_TO_POINTER (c));
    }
  for (guint i = 0; i < n; i++)
    {
      const ScGridPoint *p = list->pdata[i];
      guint c = GPOINTER_TO_UINT (g_hash_table_lookup (counts, p->structure));

      if (c > best_count)
        {
          best = p->structure;
          best_count = c;
        }
    }
  return best;
}

typedef struct
{
  guint  count;
  double q_sum;      /* Σ Newman Q of its networks that have one */
  guint  q_count;
} Tally;

static double
mean_q (const Tally *t)
{
  /* rounded so that sums taken in another order tie alike */
  return t->q_count ? round (t->q_sum / t->q_count * 1e12) / 1e12 : -INFINITY;
}

/* modular-consensus over the list's first n networks: the most frequent
 * structure (first network first on ties), unless structures found at
 * least SC_SELECT_SUPPORT times as often have a mean Newman Q at least
 * SC_SELECT_Q_GAIN above its own; then the most modular of those (the
 * more frequent, then the first, on ties). */
static const char *
modular_consensus_structure (GPtrArray *list,
                             guint      n)
{
  g_autoptr(GHashTable) tallies = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  const char *base = NULL, *best = NULL;
  const Tally *base_t = NULL, *best_t = NULL;

  for (guint i = 0; i < n; i++)
    {
      const ScGridPoint *p = list->pdata[i];
      Tally *t = g_hash_table_lookup (tallies, p->structure);

      if (t == NULL)
        g_hash_table_insert (tallies, p->structure, t = g_new0 (Tally, 1));
      t->count++;
      if (isfinite (p->analysis->modularity_q))
        {
          t->q_sum += p->analysis->modularity_q;
          t->q_count++;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      const ScGridPoint *p = list->pdata[i];
      const Tally *t = g_hash_table_lookup (tallies, p->structure);

      if (base_t == NULL || t->count > base_t->count)
        {
          base = p->structure;
          base_t = t;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      const ScGridPoint *p = list->pdata[i];
      const Tally *t = g_hash_table_lookup (tallies, p->structure);

      if (t->count < SC_SELECT_SUPPORT * base_t->count ||
          mean_q (t) < mean_q (base_t) + SC_SELECT_Q_GAIN)
        continue;
      if (best_t == NULL || mean_q (t) > mean_q (best_t) ||
          (mean_q (t) == mean_q (best_t) && t->count > best_t->count))
        {
          best = p->structure;
          best_t = t;
        }
    }

  return best ? best : base;
}

static guint
first_with_structure (GPtrArray  *list,
                      const char *structure)
{
  for (guint i = 0; i < list->len; i++)
    if (strcmp (((ScGridPoint *) list->pdata[i])->structure, structure) == 0)
      return i;
  g_assert_not_reached ();
}

int
sc_grid_select (ScGrid        *grid,
                guint64        seed,
                ScSelectRule   rule,
                double         band,
                GError       **error)
{
  g_autoptr(GPtrArray) list = NULL;
  const ScGridPoint *chosen;
  guint n_near = 0, pick = 0;
  double limit;

  g_return_val_if_fail (grid != NULL, -1);
  g_return_val_if_fail (band >= 0, -1);

  list = candidates (grid, seed);
  if (list->len == 0)
    return -1;

  limit = ((const ScGridPoint *) list->pdata[0])->n_edges * (1.0 + band / 100.0);
  while (n_near < list->len && ((const ScGridPoint *) list->pdata[n_near])->n_edges <= limit)
    n_near++;

  switch (rule)
    {
    case SC_SELECT_SPARSEST:
      break;

    case SC_SELECT_CONSENSUS:
    case SC_SELECT_STABLE:
      {
        guint n = rule == SC_SELECT_CONSENSUS ? n_near : list->len;

        for (guint i = 0; i < n; i++)
          if (!sc_grid_detect_point (list->pdata[i], error))
            return -1;
        pick = first_with_structure (list, most_frequent_structure (list, n));
      }
      break;

    case SC_SELECT_MODULAR_CONSENSUS:
      for (guint i = 0; i < n_near; i++)
        if (!sc_grid_detect_point (list->pdata[i], error))
          return -1;
      pick = first_with_structure (list, modular_consensus_structure (list, n_near));
      break;

    case SC_SELECT_MODULARITY:
      for (guint i = 0; i < n_near; i++)
        {
          const ScGridPoint *p = list->pdata[i];

          if (!sc_grid_detect_point (list->pdata[i], error))
            return -1;
          if (isfinite (p->analysis->modularity_q) &&
              !(p->analysis->modularity_q <=
                ((const ScGridPoint *) list->pdata[pick])->analysis->modularity_q))
            pick = i;
        }
      break;

    default:
      g_assert_not_reached ();
    }

  chosen = list->pdata[pick];
  return (int) g_ptr_array_find (grid->points, chosen, (guint *) &pick) ? (int) pick : -1;
}
