/* sc-score.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <string.h>

#include "sc-bitrows.h"
#include "sc-error.h"
#include "sc-graph.h"
#include "sc-json.h"
#include "sc-score.h"

/* Precise definitions (README, section "detection"):
 *
 *  - input separability: the kept inputs that some truth node reads are
 *    split among modules exactly as truth->input_group (same partition),
 *    and every input group keeps at least one input;
 *  - output grouping: the outputs are split among modules exactly as
 *    truth->output_group;
 *  - hidden-unit separability (only with >= 2 level-1 truth nodes and a
 *    hidden layer): every module holding first-hidden-layer units can be
 *    attributed to one level-1 node N — every input group those units read
 *    (edges from its inputs) is read by N, and every output they reach
 *    depends on N;
 *  - module attribution: every module holding a hidden or an output unit
 *    implements a truth node (module_truth_node != -1), no two such
 *    modules implement the same node (a sub-function split into several
 *    modules, or a module mixing sub-functions, is not "uncovered"), and
 *    every node read by two or more nodes is implemented by a module
 *    holding hidden units;
 *  - success: every applicable criterion holds;
 *  - depth-aware success: success, or success against the truth with the
 *    nodes deeper than the network's hidden layers folded into the node
 *    they copy (sc_truth_limit_depth). */

typedef struct
{
  const ScTruth       *truth;
  const ScDetection   *det;
  const ScModuleGraph *graph;
  guint               *module_of;   /* kept position -> module index */
  gboolean            *stray;       /* kept input position -> ignored (tolerance) */
  guint                last;        /* output layer */
  guint                out_first;   /* kept position of the first output */
} Scoring;

/* Same partition of n items up to a bijective renaming. */
static gboolean
same_partition (const int *a,
                const int *b,
                guint      n)
{
  g_autoptr(GHashTable) forward = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) backward = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      gpointer ka = GINT_TO_POINTER (a[i] + 1), kb = GINT_TO_POINTER (b[i] + 1);
      gpointer fa, bb;

      if (g_hash_table_lookup_extended (forward, ka, NULL, &fa) && fa != kb)
        return FALSE;
      if (g_hash_table_lookup_extended (backward, kb, NULL, &bb) && bb != ka)
        return FALSE;
      g_hash_table_insert (forward, ka, kb);
      g_hash_table_insert (backward, kb, ka);
    }

  return TRUE;
}

static gboolean
compare_items (const int *truth_labels,
               const int *module_labels,
               guint      n,
               double    *ari,
               GError   **error)
{
  if (n == 0)
    {
      *ari = NAN;
      return TRUE;
    }

  return sc_graph_adjusted_rand (truth_labels, module_labels, n, ari, error);
}

/* With a tolerance t > 0: each truth group's inputs go to the module
 * holding most of them, these modules differ, and at most t of the kept
 * inputs are elsewhere — the strays, which the other criteria then leave
 * out as if they had been pruned. */
static gboolean
within_tolerance (const Scoring *sc,
                  ScScore       *score)
{
  const ScTruth *truth = sc->truth;
  const ScDetection *det = sc->det;
  guint n_groups = truth->n_input_groups, n_modules = sc->graph->n_modules;
  g_autofree guint *count = g_new0 (guint, MAX ((gsize) n_groups * n_modules, 1));
  g_autofree int *home = g_new (int, MAX (n_groups, 1));
  g_autofree gboolean *used = g_new0 (gboolean, MAX (n_modules, 1));
  guint n = 0, strays = 0;

  if (truth->input_tolerance <= 0.0)
    return FALSE;

  for (guint p = 0; p < det->new_arch[0]; p++)
    {
      int g = truth->input_group[det->kept_index[p]];

      if (g >= 0)
        {
          count[(gsize) g * n_modules + sc->module_of[p]]++;
          n++;
        }
    }

  for (guint g = 0; g < n_groups; g++)
    {
      home[g] = 0;
      for (guint m = 1; m < n_modules; m++)
        if (count[(gsize) g * n_modules + m] > count[(gsize) g * n_modules + home[g]])
          home[g] = (int) m;
      if (used[home[g]])
        return FALSE;
      used[home[g]] = TRUE;
    }

  for (guint p = 0; p < det->new_arch[0]; p++)
    {
      int g = truth->input_group[det->kept_index[p]];

      sc->stray[p] = g >= 0 && (int) sc->module_of[p] != home[g];
      strays += sc->stray[p];
    }

  if ((double) strays > truth->input_tolerance * n)
    {
      memset (sc->stray, 0, sizeof (gboolean) * det->new_arch[0]);
      return FALSE;
    }

  score->input_strays = strays;
  return TRUE;
}

static gboolean
score_inputs (const Scoring *sc,
              ScScore       *score,
              GError       **error)
{
  const ScTruth *truth = sc->truth;
  guint n_kept_in = sc->det->new_arch[0];
  g_autofree int *groups = g_new (int, MAX (n_kept_in, 1));
  g_autofree int *modules = g_new (int, MAX (n_kept_in, 1));
  g_autofree gboolean *group_kept = g_new0 (gboolean, MAX (truth->n_input_groups, 1));
  gboolean all_groups = TRUE;
  guint n = 0;

  /* Unread inputs, and inputs pruned away, take no part. */
  for (guint p = 0; p < n_kept_in; p++)
    {
      int g = truth->input_group[sc->det->kept_index[p]];

      if (g < 0)
        continue;
      groups[n] = g;
      modules[n] = (int) sc->module_of[p];
      group_kept[g] = TRUE;
      n++;
    }

  for (guint g = 0; g < truth->n_input_groups; g++)
    all_groups &= group_kept[g];

  score->input_applicable = truth->n_input_groups >= 1;
  score->input_separable = all_groups && (same_partition (groups, modules, n) ||
                                          within_tolerance (sc, score));
  return compare_items (groups, modules, n, &score->input_ari, error);
}

static gboolean
score_outputs (const Scoring *sc,
               ScScore       *score,
               GError       **error)
{
  const ScTruth *truth = sc->truth;
  guint n_out = sc->det->new_arch[sc->last];
  g_autofree int *groups = g_new (int, MAX (n_out, 1));
  g_autofree int *modules = g_new (int, MAX (n_out, 1));
  guint n = 0;

  for (guint b = 0; b < n_out; b++)
    {
      guint p = sc->out_first + b;
      int g = truth->output_group[sc->det->kept_index[p]];

      if (g < 0)
        continue;
      groups[n] = g;
      modules[n] = (int) sc->module_of[p];
      n++;
    }

  score->output_applicable = truth->n_output_groups >= 1;
  score->output_grouped = same_partition (groups, modules, n);
  return compare_items (groups, modules, n, &score->output_ari, error);
}

/* anc1[n * n_nodes + m]: level-1 node m is node n or one of its ancestors. */
static gboolean *
level1_ancestors (const ScTruth *truth)
{
  guint nn = truth->n_nodes;
  gboolean *anc = g_new0 (gboolean, MAX ((gsize) nn * nn, 1));

  for (guint n = 0; n < nn; n++)
    {
      const GArray *reads = truth->nodes[n].nodes;

      if (truth->nodes[n].level == 1)
        anc[(gsize) n * nn + n] = TRUE;
      for (guint k = 0; reads != NULL && k < reads->len; k++)
        {
          guint r = g_array_index (reads, guint, k);

          for (guint m = 0; m < nn && r < n; m++)
            anc[(gsize) n * nn + m] |= anc[(gsize) r * nn + m];
        }
    }

  return anc;
}

/* Outputs reachable from every kept unit (bits over output indices). */
static ScBitRows *
reachable_outputs (const Scoring *sc)
{
  const ScDetection *det = sc->det;
  ScBitRows *reach = sc_bit_rows_new (det->n_kept, det->arch[sc->last]);
  guint first = sc->out_first;

  for (guint b = 0; b < det->new_arch[sc->last]; b++)
    sc_bit_rows_set (reach, first + b, det->kept_index[first + b]);

  for (guint l = sc->last; l-- > 0;)
    {
      guint lo = first - det->new_arch[l];

      for (guint a = lo; a < first; a++)
        for (guint b = first; b < first + det->new_arch[l + 1]; b++)
          if (sc_mask_get (det->condensed, l, det->kept_index[a], det->kept_index[b]))
            for (guint w = 0; w < reach->n_words; w++)
              sc_bit_rows_row (reach, a)[w] |= sc_bit_rows_row (reach, b)[w];
      first = lo;
    }

  return reach;
}

static gboolean
node_reads_input (const ScTruthNode *node,
                  guint              i)
{
  for (guint k = 0; node->inputs != NULL && k < node->inputs->len; k++)
    if (g_array_index (node->inputs, guint, k) == i)
      return TRUE;

  return FALSE;
}

/* Counts, for the layer-1 unit b, the inputs it reads that some level-1
 * node reads (constrained) and, per level-1 node, how many of them that
 * node reads; stray inputs (tolerance) do not count. */
static void
count_reads (const Scoring *sc,
             guint          b,
             guint         *reads,
             guint         *constrained)
{
  const ScTruth *truth = sc->truth;
  const ScDetection *det = sc->det;

  for (guint a = 0; a < det->new_arch[0]; a++)
    {
      guint i = det->kept_index[a];
      gboolean any = FALSE;

      if (sc->stray[a] || !sc_mask_get (det->condensed, 0, i, det->kept_index[b]))
        continue;

      for (guint m = 0; m < truth->n_nodes; m++)
        if (truth->nodes[m].level == 1 && node_reads_input (&truth->nodes[m], i))
          {
            reads[m]++;
            any = TRUE;
          }
      *constrained += any;
    }
}

/* Keeps the level-1 nodes every output reachable from unit b depends on. */
static void
narrow_by_outputs (const Scoring   *sc,
                   guint            b,
                   const ScBitRows *reach,
                   const gboolean  *anc1,
                   gboolean        *cand)
{
  const ScTruth *truth = sc->truth;
  guint nn = truth->n_nodes;

  for (guint o = 0; o < truth->n_out; o++)
    {
      int node = truth->output_node[o];

      if (node < 0 || !sc_bit_rows_get (reach, b, o))
        continue;
      for (guint m = 0; m < nn; m++)
        cand[m] &= anc1[(gsize) node * nn + m];
    }
}

static void
score_hidden (const Scoring *sc,
              ScScore       *score)
{
  const ScTruth *truth = sc->truth;
  const ScDetection *det = sc->det;
  guint nn = truth->n_nodes, n_level1 = 0, n_modules = sc->graph->n_modules;
  guint first = det->new_arch[0], last = det->new_arch[0] + det->new_arch[1];
  g_autofree gboolean *anc1 = NULL;
  g_autofree gboolean *cand = NULL;
  g_autofree guint *reads = NULL;
  g_autofree guint *constrained = NULL;
  g_autoptr(ScBitRows) reach = NULL;

  for (guint m = 0; m < nn; m++)
    n_level1 += truth->nodes[m].level == 1;

  score->hidden_applicable = n_level1 >= 2 && det->n_layers >= 3 && det->new_arch[1] > 0;
  score->hidden_separable = TRUE;
  if (!score->hidden_applicable)
    return;

  anc1 = level1_ancestors (truth);
  reach = reachable_outputs (sc);
  cand = g_new (gboolean, (gsize) n_modules * nn);
  reads = g_new0 (guint, (gsize) n_modules * nn);
  constrained = g_new0 (guint, n_modules);
  for (guint k = 0; k < n_modules; k++)
    for (guint m = 0; m < nn; m++)
      cand[(gsize) k * nn + m] = truth->nodes[m].level == 1;

  for (guint b = first; b < last; b++)
    {
      guint k = sc->module_of[b];

      count_reads (sc, b, reads + (gsize) k * nn, &constrained[k]);
      narrow_by_outputs (sc, b, reach, anc1, cand + (gsize) k * nn);
    }

  /* Per module: a candidate node reads all the inputs its first-hidden-
   * layer units read (all but the tolerance), and some candidate remains. */
  for (guint b = first; b < last; b++)
    {
      guint k = sc->module_of[b];
      gboolean any = FALSE;

      for (guint m = 0; m < nn; m++)
        {
          gboolean *c = &cand[(gsize) k * nn + m];

          *c &= (double) (constrained[k] - reads[(gsize) k * nn + m]) <=
                truth->input_tolerance * constrained[k];
          any |= *c;
        }
      score->hidden_separable &= any;
    }
}

/* Does node n depend on exactly the module's inputs (restricted to kept
 * inputs that some node reads)? */
static gboolean
same_inputs (const Scoring  *sc,
             const ScModule *module,
             guint           n,
             const gboolean *kept_read)
{
  const GArray *set = sc->truth->nodes[n].input_set;
  guint a = 0, b = 0, n_a = 0, n_b = 0, differ = 0;

  /* Both lists are ascending: merge them, counting what only one has. */
  for (;;)
    {
      gboolean more_a, more_b;
      guint va = 0, vb = 0;

      while (a < module->inputs->len && !kept_read[g_array_index (module->inputs, guint, a)])
        a++;
      while (set != NULL && b < set->len && !kept_read[g_array_index (set, guint, b)])
        b++;
      more_a = a < module->inputs->len;
      more_b = set != NULL && b < set->len;
      if (!more_a && !more_b)
        break;
      if (more_a)
        va = g_array_index (module->inputs, guint, a);
      if (more_b)
        vb = g_array_index (set, guint, b);
      if (more_a && (!more_b || va < vb))
        differ++, n_a++, a++;
      else if (more_b && (!more_a || vb < va))
        differ++, n_b++, b++;
      else
        n_a++, n_b++, a++, b++;
    }

  return (double) differ <= sc->truth->input_tolerance * MAX (n_a, n_b);
}

/* The truth node a module implements: same input set and, if the module
 * holds outputs, copied by all of them. Among several, a node no output
 * copies (an internal sub-function) wins, then the lowest level, then the
 * first. */
static int
match_module (const Scoring  *sc,
              const ScModule *module,
              const gboolean *kept_read,
              const gboolean *copied)
{
  const ScTruth *truth = sc->truth;
  int best = -1;

  for (guint n = 0; n < truth->n_nodes; n++)
    {
      gboolean outputs_match = TRUE;

      for (guint k = 0; k < module->outputs->len; k++)
        outputs_match &= truth->output_node[g_array_index (module->outputs, guint, k)] == (int) n;
      if (!outputs_match || !same_inputs (sc, module, n, kept_read))
        continue;

      if (best < 0 ||
          (copied[best] && !copied[n]) ||
          (copied[best] == copied[n] && truth->nodes[n].level < truth->nodes[best].level))
        best = (int) n;
    }

  return best;
}

static void
match_modules (const Scoring *sc,
               ScScore       *score)
{
  const ScTruth *truth = sc->truth;
  g_autofree gboolean *kept_read = g_new0 (gboolean, MAX (truth->n_in, 1));
  g_autofree gboolean *copied = g_new0 (gboolean, MAX (truth->n_nodes, 1));

  for (guint p = 0; p < sc->det->new_arch[0]; p++)
    kept_read[sc->det->kept_index[p]] = truth->input_group[sc->det->kept_index[p]] >= 0 &&
                                        !sc->stray[p];
  for (guint o = 0; o < truth->n_out; o++)
    if (truth->output_node[o] >= 0)
      copied[truth->output_node[o]] = TRUE;

  for (guint m = 0; m < sc->graph->n_modules; m++)
    score->module_truth_node[m] = match_module (sc, &sc->graph->modules[m], kept_read, copied);
}

/* Distinct nodes reading each node. */
static guint *
count_node_readers (const ScTruth *truth)
{
  guint *readers = g_new0 (guint, MAX (truth->n_nodes, 1));

  for (guint n = 0; n < truth->n_nodes; n++)
    {
      const GArray *reads = truth->nodes[n].nodes;

      for (guint k = 0; reads != NULL && k < reads->len; k++)
        {
          gboolean seen = FALSE;

          for (guint e = 0; e < k; e++)
            seen |= g_array_index (reads, guint, e) == g_array_index (reads, guint, k);
          if (!seen)
            readers[g_array_index (reads, guint, k)]++;
        }
    }

  return readers;
}

/* A sub-function that two or more sub-functions read (the reused R of the
 * reuse family, the AND gates of [6,3,3,3], G of the levels family) is
 * uncovered only by a module of its own that holds hidden units: with one
 * hidden layer the reuse family's inputs can form an input-only module of
 * R's input set while the hidden units join the a and b output modules,
 * which is no reused module (the paper's rate there is 0, method.md §7).
 * Image tasks, whose middle layers are not judged, are left out. */
static gboolean
reused_nodes_have_modules (const Scoring *sc,
                           const ScScore *score)
{
  const ScTruth *truth = sc->truth;
  g_autofree guint *readers = NULL;
  g_autofree gboolean *found = NULL;

  if (truth->ignore_middle_modules || truth->loose_reused)
    return TRUE;

  readers = count_node_readers (truth);
  found = g_new0 (gboolean, MAX (truth->n_nodes, 1));
  for (guint m = 0; m < sc->graph->n_modules; m++)
    {
      const ScModule *module = &sc->graph->modules[m];
      int n = score->module_truth_node[m];

      if (n >= 0 && module->last_layer >= 1 && module->first_layer < sc->last)
        found[n] = TRUE;
    }

  for (guint n = 0; n < truth->n_nodes; n++)
    if (readers[n] >= 2 && !found[n])
      return FALSE;
  return TRUE;
}

static void
score_modules (const Scoring *sc,
               ScScore       *score)
{
  g_autofree gboolean *taken = g_new0 (gboolean, MAX (sc->truth->n_nodes, 1));

  score->modules_applicable = FALSE;
  score->modules_matched = TRUE;

  /* Input-only modules are judged by the input criterion. */
  for (guint m = 0; m < sc->graph->n_modules; m++)
    {
      const ScModule *module = &sc->graph->modules[m];
      int n = score->module_truth_node[m];

      if (module->last_layer == 0)
        continue;
      if (sc->truth->ignore_middle_modules && module->first_layer > 0 &&
          module->outputs->len == 0)
        continue;
      score->modules_applicable = TRUE;
      if (n < 0 || taken[n])
        score->modules_matched = FALSE;
      else
        taken[n] = TRUE;
    }

  if (score->modules_applicable && !reused_nodes_have_modules (sc, score))
    score->modules_matched = FALSE;
}

static gboolean
check_inputs (const ScTruth        *truth,
              const ScDetection    *det,
              const ScModuleGraph  *graph,
              GError              **error)
{
  if (truth->n_in != det->arch[0] || truth->n_out != det->arch[det->n_layers - 1])
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "the ground truth has %u inputs and %u outputs, the network %u and %u",
                   truth->n_in, truth->n_out, det->arch[0], det->arch[det->n_layers - 1]);
      return FALSE;
    }

  if (truth->input_group == NULL || truth->output_group == NULL ||
      (truth->output_node == NULL && truth->n_out > 0))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "the ground truth has no input or output groups (sc_truth_derive)");
      return FALSE;
    }

  for (guint o = 0; o < truth->n_out; o++)
    if (truth->output_node[o] >= (int) truth->n_nodes)
      {
        g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                     "output %u of the ground truth copies node %d of %u",
                     o, truth->output_node[o], truth->n_nodes);
        return FALSE;
      }

  if (det->new_arch[det->n_layers - 1] != det->arch[det->n_layers - 1] ||
      graph->n_modules != det->n_modules)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "the module graph does not belong to this detection");
      return FALSE;
    }

  return TRUE;
}

static ScScore *score_against (const ScTruth       *truth,
                               const ScDetection   *detection,
                               const ScModuleGraph *graph,
                               GError             **error);

ScScore *
sc_score_detection (const ScTruth        *truth,
                    const ScDetection    *detection,
                    const ScModuleGraph  *graph,
                    GError              **error)
{
  g_autoptr(ScScore) score = NULL;
  g_autoptr(ScScore) shallow = NULL;
  g_autoptr(ScTruth) folded = NULL;

  g_return_val_if_fail (truth != NULL, NULL);
  g_return_val_if_fail (detection != NULL, NULL);
  g_return_val_if_fail (graph != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_inputs (truth, detection, graph, error) ||
      !(score = score_against (truth, detection, graph, error)))
    return NULL;

  /* Depth-aware: success against the strict truth, or against the truth
   * as deep as the network's hidden layers can express it. */
  score->depth_aware_success = score->success;
  folded = sc_truth_limit_depth (truth, detection->n_layers - 2);
  if (folded != NULL)
    {
      if (!(shallow = score_against (folded, detection, graph, error)))
        return NULL;
      score->depth_aware_applicable = TRUE;
      score->depth_aware_success |= shallow->success;
    }

  return g_steal_pointer (&score);
}

static ScScore *
score_against (const ScTruth        *truth,
               const ScDetection    *detection,
               const ScModuleGraph  *graph,
               GError              **error)
{
  g_autoptr(ScScore) score = NULL;
  g_autofree guint *module_of = NULL;
  g_autofree gboolean *stray = NULL;
  Scoring sc;

  module_of = g_new (guint, MAX (detection->n_kept, 1));
  for (guint p = 0; p < detection->n_kept; p++)
    module_of[p] = (guint) sc_module_graph_find (graph, detection->merged[p]);

  stray = g_new0 (gboolean, MAX (detection->new_arch[0], 1));
  sc = (Scoring) { truth, detection, graph, module_of, stray, detection->n_layers - 1,
                   detection->n_kept - detection->new_arch[detection->n_layers - 1] };

  score = g_new0 (ScScore, 1);
  score->n_modules = graph->n_modules;
  score->module_truth_node = g_new (int, MAX (graph->n_modules, 1));

  if (!score_inputs (&sc, score, error) || !score_outputs (&sc, score, error))
    return NULL;
  score_hidden (&sc, score);
  match_modules (&sc, score);
  score_modules (&sc, score);

  score->success = (!score->input_applicable || score->input_separable) &&
                   (!score->output_applicable || score->output_grouped) &&
                   (!score->hidden_applicable || score->hidden_separable) &&
                   (!score->modules_applicable || score->modules_matched);

  return g_steal_pointer (&score);
}

void
sc_score_free (ScScore *score)
{
  if (score == NULL)
    return;

  g_free (score->module_truth_node);
  g_free (score);
}

void
sc_score_to_json (const ScScore *score,
                  const ScTruth *truth,
                  JsonBuilder   *builder)
{
  g_return_if_fail (score != NULL);
  g_return_if_fail (truth != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  sc_json_add_bool (builder, "input_applicable", score->input_applicable);
  sc_json_add_bool (builder, "input_separable", score->input_separable);
  sc_json_add_bool (builder, "output_applicable", score->output_applicable);
  sc_json_add_bool (builder, "output_grouped", score->output_grouped);
  sc_json_add_bool (builder, "hidden_applicable", score->hidden_applicable);
  sc_json_add_bool (builder, "hidden_separable", score->hidden_separable);
  sc_json_add_bool (builder, "modules_applicable", score->modules_applicable);
  sc_json_add_bool (builder, "modules_matched", score->modules_matched);
  sc_json_add_bool (builder, "success", score->success);
  sc_json_add_bool (builder, "depth_aware_applicable", score->depth_aware_applicable);
  sc_json_add_bool (builder, "depth_aware_success", score->depth_aware_success);
  sc_json_add_int (builder, "input_strays", score->input_strays);
  sc_json_add_double (builder, "input_ari", score->input_ari);
  sc_json_add_double (builder, "output_ari", score->output_ari);

  /* One entry per module, in module-graph order: the truth node's name. */
  json_builder_set_member_name (builder, "module_truth_node");
  json_builder_begin_array (builder);
  for (guint m = 0; m < score->n_modules; m++)
    {
      int n = score->module_truth_node[m];

      if (n >= 0 && (guint) n < truth->n_nodes && truth->nodes[n].name != NULL)
        json_builder_add_string_value (builder, truth->nodes[n].name);
      else
        json_builder_add_null_value (builder);
    }
  json_builder_end_array (builder);
}
