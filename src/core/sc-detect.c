/* sc-detect.c
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
#include "sc-cluster-count.h"
#include "sc-detect.h"
#include "sc-error.h"
#include "sc-json.h"
#include "sc-merge.h"

/* correct_arch() runs a fixed number of sweeps (§5.2, §9.14). */
#define CONDENSE_SWEEPS 10

void
sc_detect_params_init (ScDetectParams *params)
{
  g_return_if_fail (params != NULL);

  params->feature_step = 0;
  params->clusterability_step = 0;
  params->mm_threshold = 0.2;
  params->merge_threshold = 0.9;
}

gboolean
sc_detect_params_validate (const ScDetectParams  *params,
                           GError               **error)
{
  g_return_val_if_fail (params != NULL, FALSE);

  if (params->feature_step > SC_DETECT_MAX_STEP ||
      params->clusterability_step > SC_DETECT_MAX_STEP)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "feature_step_size and clusterability_step_size must be between 0 and %d "
                   "(0: number of weight layers)", SC_DETECT_MAX_STEP);
      return FALSE;
    }
  if (!(params->mm_threshold >= 0 && params->mm_threshold <= SC_DETECT_MM_MAX))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "mm_threshold must be between 0 and %g", SC_DETECT_MM_MAX);
      return FALSE;
    }
  if (!(params->merge_threshold >= SC_DETECT_MERGE_MIN &&
        params->merge_threshold <= SC_DETECT_MERGE_MAX))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "cluster_merging_threshold must be between %g and %g",
                   SC_DETECT_MERGE_MIN, SC_DETECT_MERGE_MAX);
      return FALSE;
    }
  return TRUE;
}

/* Working state shared by the stages of one detection. */
typedef struct
{
  const ScMask *mask;
  ScMask       *condensed;
  guint         n_layers;
  guint        *offset;      /* n_layers + 1: global index of unit 0 of each layer */
  guint        *kept_offset; /* n_layers + 1: kept position of the first kept unit */
  int          *position;    /* global index -> kept position, or -1 */
} Work;

static void
work_clear (Work *work)
{
  g_clear_pointer (&work->condensed, sc_mask_free);
  g_clear_pointer (&work->offset, g_free);
  g_clear_pointer (&work->kept_offset, g_free);
  g_clear_pointer (&work->position, g_free);
}

/* Marks ignored units, then deletes their edges, CONDENSE_SWEEPS times
 * (§5.2). Marking in a sweep sees the edges as they were at its start. */
static void
condense_mark (const Work *work,
               const guint *indeg,
               const guint *outdeg,
               gboolean    *ignored)
{
  guint last = work->n_layers - 1;

  for (guint u = work->offset[0]; u < work->offset[last]; u++)
    {
      gboolean is_input = u < work->offset[1];

      if (outdeg[u] == 0 || (!is_input && indeg[u] == 0))
        ignored[u] = TRUE;
    }
}

static void
condense_delete (Work     *work,
                 guint     u,
                 guint     layer,
                 guint    *indeg,
                 guint    *outdeg)
{
  const guint *arch = work->mask->arch;
  guint index = u - work->offset[layer];

  if (layer > 0)
    for (guint i = 0; i < arch[layer - 1]; i++)
      {
        guint8 *e = &work->condensed->m[layer - 1][(gsize) index * arch[layer - 1] + i];

        if (*e)
          {
            *e = 0;
            outdeg[work->offset[layer - 1] + i]--;
            indeg[u]--;
          }
      }

  if (layer + 1 < work->n_layers)
    for (guint j = 0; j < arch[layer + 1]; j++)
      {
        guint8 *e = &work->condensed->m[layer][(gsize) j * arch[layer] + index];

        if (*e)
          {
            *e = 0;
            indeg[work->offset[layer + 1] + j]--;
            outdeg[u]--;
          }
      }
}

static gboolean *
condense (Work *work)
{
  const ScMask *mask = work->mask;
  guint n_units = work->offset[work->n_layers];
  g_autofree guint *indeg = g_new0 (guint, n_units);
  g_autofree guint *outdeg = g_new0 (guint, n_units);
  g_autofree guint *unit_layer = g_new (guint, n_units);
  g_autofree gboolean *deleted = g_new0 (gboolean, n_units);
  gboolean *ignored = g_new0 (gboolean, n_units);

  work->condensed = sc_mask_copy (mask);
  for (guint l = 0; l < work->n_layers; l++)
    for (guint u = work->offset[l]; u < work->offset[l + 1]; u++)
      unit_layer[u] = l;

  for (guint k = 0; k + 1 < work->n_layers; k++)
    for (guint j = 0; j < mask->arch[k + 1]; j++)
      for (guint i = 0; i < mask->arch[k]; i++)
        if (sc_mask_get (mask, k, i, j))
          {
            outdeg[work->offset[k] + i]++;
            indeg[work->offset[k + 1] + j]++;
          }

  for (guint sweep = 0; sweep < CONDENSE_SWEEPS; sweep++)
    {
      condense_mark (work, indeg, outdeg, ignored);
      /* Edges of a unit deleted once stay deleted: scan each unit once. */
      for (guint u = 0; u < n_units; u++)
        if (ignored[u] && !deleted[u])
          {
            condense_delete (work, u, unit_layer[u], indeg, outdeg);
            deleted[u] = TRUE;
          }
    }

  return ignored;
}

static void
fill_kept (Work        *work,
           ScDetection *det,
           const gboolean *ignored)
{
  guint n_units = work->offset[work->n_layers];
  guint p = 0;

  det->n_kept = 0;
  for (guint u = 0; u < n_units; u++)
    det->n_kept += !ignored[u];

  det->kept_units = g_new (guint, MAX (det->n_kept, 1));
  det->kept_layer = g_new (guint, MAX (det->n_kept, 1));
  det->kept_index = g_new (guint, MAX (det->n_kept, 1));
  work->position = g_new (int, n_units);
  work->kept_offset = g_new0 (guint, work->n_layers + 1);

  for (guint l = 0; l < work->n_layers; l++)
    {
      work->kept_offset[l] = p;
      det->new_arch[l] = 0;
      for (guint u = work->offset[l]; u < work->offset[l + 1]; u++)
        {
          work->position[u] = ignored[u] ? -1 : (int) p;
          if (ignored[u])
            continue;
          det->kept_units[p] = u;
          det->kept_layer[p] = l;
          det->kept_index[p] = u - work->offset[l];
          det->new_arch[l]++;
          p++;
        }
    }
  work->kept_offset[work->n_layers] = p;
}

/* Downstream reachability of every kept unit over kept positions (§5.3):
 * in a layered graph, bit v is set iff v is reachable, and the path length
 * is the layer difference. */
static ScBitRows *
reachability (const Work *work,
              guint       n_kept)
{
  const ScMask *cm = work->condensed;
  ScBitRows *reach = sc_bit_rows_new (n_kept, n_kept);

  for (guint l = work->n_layers - 1; l-- > 0;)
    for (guint j = 0; j < cm->arch[l + 1]; j++)
      {
        int q = work->position[work->offset[l + 1] + j];

        if (q < 0)
          continue;
        for (guint i = 0; i < cm->arch[l]; i++)
          {
            int p = work->position[work->offset[l] + i];
            guint64 *dst;
            const guint64 *src;

            if (p < 0 || !sc_mask_get (cm, l, i, j))
              continue;
            sc_bit_rows_set (reach, p, q);
            dst = sc_bit_rows_row (reach, p);
            src = sc_bit_rows_row (reach, q);
            for (guint w = 0; w < reach->n_words; w++)
              dst[w] |= src[w];
          }
      }

  return reach;
}

static void
cluster_layers (const Work           *work,
                const ScDetectParams *params,
                ScDetection          *det)
{
  guint last = work->n_layers - 1;
  guint S = params->feature_step ? params->feature_step : last;
  guint Sc = params->clusterability_step ? params->clusterability_step : last;
  g_autoptr(ScBitRows) reach = reachability (work, det->n_kept);
  const guint *ko = work->kept_offset;

  for (guint l = 0; l < last; l++)
    {
      guint first_col = ko[l + 1];
      /* Columns of layers l+1 … l+S (features) and l+1 … l+Sc (the first N
       * columns used by the separate test); bits past l+S are zero. */
      guint f_end = ko[MIN (l + (guint64) S, last) + 1];
      guint n_end = ko[MIN (l + (guint64) Sc, last) + 1];
      guint r_end = MIN (f_end, n_end);
      g_autoptr(ScBitRows) features = NULL;
      g_autoptr(ScBitRows) restricted = NULL;

      features = sc_bit_rows_slice (reach, ko[l], det->new_arch[l],
                                    first_col, f_end - first_col);
      restricted = sc_bit_rows_slice (reach, ko[l], det->new_arch[l],
                                      first_col, r_end - first_col);
      sc_cluster_layer (features, restricted, n_end - first_col,
                        params->mm_threshold, det->premerge + ko[l],
                        &det->layers[l]);
    }

  /* Every output unit is its own cluster. */
  det->layers[last] = (ScLayerDetection) {
    .n_kept = det->new_arch[last],
    .n_clusters = det->new_arch[last],
    .separability = SC_SEPARABILITY_NONE,
    .q_min = INFINITY,
    .k_modularity = 0,
  };
  for (guint i = 0; i < det->new_arch[last]; i++)
    det->premerge[ko[last] + i] = i;
}

static guint
count_modules (const ScDetection *det)
{
  g_autoptr(GHashTable) ids = g_hash_table_new (NULL, NULL);

  for (guint p = 0; p < det->n_kept; p++)
    g_hash_table_add (ids, GUINT_TO_POINTER (det->merged[p] + 1));

  return g_hash_table_size (ids);
}

static gboolean
check_params (const ScMask          *mask,
              const ScDetectParams  *params,
              GError               **error)
{
  if (mask->n_layers < 2 || mask->arch == NULL)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "detection needs a network with at least 2 layers");
      return FALSE;
    }

  return sc_detect_params_validate (params, error);
}

ScDetection *
sc_detect (const ScMask          *mask,
           const ScDetectParams  *params,
           GError               **error)
{
  g_autoptr(ScDetection) det = NULL;
  g_autofree gboolean *ignored = NULL;
  g_autofree guint *n_clusters = NULL;
  ScDetectParams defaults;
  Work work = { 0 };

  g_return_val_if_fail (mask != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (params == NULL)
    {
      sc_detect_params_init (&defaults);
      params = &defaults;
    }
  if (!check_params (mask, params, error))
    return NULL;

  work.mask = mask;
  work.n_layers = mask->n_layers;
  work.offset = g_new (guint, mask->n_layers + 1);
  for (guint l = 0; l <= mask->n_layers; l++)
    work.offset[l] = sc_mask_unit_offset (mask, l);

  det = g_new0 (ScDetection, 1);
  det->n_layers = mask->n_layers;
  det->arch = g_memdup2 (mask->arch, sizeof (guint) * mask->n_layers);
  det->new_arch = g_new0 (guint, mask->n_layers);
  det->layers = g_new0 (ScLayerDetection, mask->n_layers);

  ignored = condense (&work);
  fill_kept (&work, det, ignored);
  det->premerge = g_new0 (guint, MAX (det->n_kept, 1));
  det->merged = g_new0 (guint, MAX (det->n_kept, 1));

  cluster_layers (&work, params, det);
  n_clusters = g_new (guint, det->n_layers);
  for (guint l = 0; l < det->n_layers; l++)
    n_clusters[l] = det->layers[l].n_clusters;
  sc_merge_clusters (work.condensed, det->n_layers, det->new_arch,
                     det->kept_index, det->premerge, n_clusters,
                     params->merge_threshold, det->merged);
  det->n_modules = count_modules (det);
  det->condensed = g_steal_pointer (&work.condensed);

  work_clear (&work);
  return g_steal_pointer (&det);
}

void
sc_detection_free (ScDetection *detection)
{
  if (detection == NULL)
    return;

  g_free (detection->arch);
  g_free (detection->new_arch);
  g_free (detection->kept_units);
  g_free (detection->kept_layer);
  g_free (detection->kept_index);
  g_free (detection->premerge);
  g_free (detection->merged);
  g_free (detection->layers);
  g_clear_pointer (&detection->condensed, sc_mask_free);
  g_free (detection);
}

int
sc_detection_find (const ScDetection *detection,
                   guint              layer,
                   guint              index)
{
  guint global = 0, lo = 0, hi;

  g_return_val_if_fail (detection != NULL, -1);

  if (layer >= detection->n_layers || index >= detection->arch[layer])
    return -1;

  for (guint l = 0; l < layer; l++)
    global += detection->arch[l];
  global += index;

  /* kept_units is ascending. */
  hi = detection->n_kept;
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (detection->kept_units[mid] < global)
        lo = mid + 1;
      else
        hi = mid;
    }

  return lo < detection->n_kept && detection->kept_units[lo] == global ? (int) lo : -1;
}

void
sc_detection_to_json (const ScDetection *detection,
                      JsonBuilder       *builder)
{
  g_return_if_fail (detection != NULL);
  g_return_if_fail (JSON_IS_BUILDER (builder));

  sc_json_add_uints (builder, "new_arch", detection->new_arch, detection->n_layers);
  sc_json_add_uints (builder, "kept_units", detection->kept_units, detection->n_kept);
  sc_json_add_uints (builder, "partition_premerge", detection->premerge, detection->n_kept);
  sc_json_add_uints (builder, "partition_merged", detection->merged, detection->n_kept);
}
