/* sculptor-frame-cache.c — layouts the network view's frames share
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <string.h>

#include "sculptor-frame-cache.h"

/* A layout depends on the mask, the detection, the names, the titles and
 * the canvas, not on the zoom, the selection or the theme; on the weights
 * only through the largest |w|. Frames of the same network (zooming,
 * selecting) reuse its layout as it is, frames of a network training
 * (every few mini-batches, the same mask) reuse it with their own largest
 * |w|: an MNIST layout takes milliseconds to compute. */

#define N_ENTRIES 4   /* a frame and its fade need three layouts */

typedef struct
{
  ScLayout           *layout;
  gint64              used;            /* last use, for eviction */
  int                 width;
  int                 height;
  ScMask             *mask;            /* copies */
  ScMask             *previous_mask;
  double              progress;
  float              *unit_alpha;
  const ScDetection  *detection;       /* of analysis */
  const ScModuleGraph *modules;
  ScAnalysis         *analysis;
  float * const      *weights;         /* of weights_owner */
  ScSnapshot         *weights_owner;
  ScTask             *task;            /* owns the names */
  const char * const *input_names;
  const char * const *output_names;
  guint               image_width;
  guint               image_height;
  char               *title;
  char               *subtitle;
  ScRenderOptions     options;
} Entry;

struct _SculptorFrameCache
{
  GMutex mutex;
  Entry  entries[N_ENTRIES];
  gint64 clock;
  guint  hits;
  guint  updates;
  guint  misses;
};

static void
entry_clear (Entry *entry)
{
  g_clear_pointer (&entry->layout, sc_layout_free);
  g_clear_pointer (&entry->mask, sc_mask_free);
  g_clear_pointer (&entry->previous_mask, sc_mask_free);
  g_clear_pointer (&entry->unit_alpha, g_free);
  g_clear_pointer (&entry->analysis, sc_analysis_unref);
  g_clear_pointer (&entry->weights_owner, sc_snapshot_unref);
  g_clear_pointer (&entry->task, sc_task_unref);
  g_clear_pointer (&entry->title, g_free);
  g_clear_pointer (&entry->subtitle, g_free);
  memset (entry, 0, sizeof *entry);
}

SculptorFrameCache *
_sculptor_frame_cache_new (void)
{
  SculptorFrameCache *cache = g_atomic_rc_box_new0 (SculptorFrameCache);

  g_mutex_init (&cache->mutex);
  return cache;
}

SculptorFrameCache *
_sculptor_frame_cache_ref (SculptorFrameCache *cache)
{
  g_return_val_if_fail (cache != NULL, NULL);

  return g_atomic_rc_box_acquire (cache);
}

static void
cache_clear (gpointer data)
{
  SculptorFrameCache *cache = data;

  for (guint e = 0; e < N_ENTRIES; e++)
    entry_clear (&cache->entries[e]);
  g_mutex_clear (&cache->mutex);
}

void
_sculptor_frame_cache_unref (SculptorFrameCache *cache)
{
  if (cache != NULL)
    g_atomic_rc_box_release_full (cache, cache_clear);
}

static gboolean
same_options (const ScRenderOptions *a,
              const ScRenderOptions *b)
{
  /* those the layout reads */
  return a->orientation == b->orientation && a->show_pruned == b->show_pruned &&
         a->show_boxes == b->show_boxes && a->show_legend == b->show_legend &&
         a->show_title == b->show_title && a->show_labels == b->show_labels &&
         a->image_input == b->image_input;
}

static gboolean
same_masks (const ScMask *a,
            const ScMask *b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return sc_mask_equal (a, b);
}

/* The same layout, but for the weights. Cheap tests first: the masks of an
 * MNIST network are a megabyte. */
static gboolean
entry_matches (const Entry   *entry,
               const ScScene *scene,
               int            width,
               int            height)
{
  guint n_units = sc_mask_n_units (scene->mask);

  return entry->layout != NULL && entry->width == width && entry->height == height &&
         entry->detection == scene->detection && entry->modules == scene->modules &&
         entry->input_names == scene->input_names && entry->output_names == scene->output_names &&
         entry->image_width == scene->image_width && entry->image_height == scene->image_height &&
         (entry->weights != NULL) == (scene->weights != NULL) &&
         (entry->unit_alpha != NULL) == (scene->unit_alpha != NULL) &&
         same_options (&entry->options, &scene->options) &&
         g_strcmp0 (entry->title, scene->title) == 0 && g_strcmp0 (entry->subtitle, scene->subtitle) == 0 &&
         entry->layout->n_units == n_units &&
         (scene->previous_mask == NULL || entry->progress == scene->progress) &&
         (entry->unit_alpha == NULL || memcmp (entry->unit_alpha, scene->unit_alpha, sizeof (float) * n_units) == 0) &&
         same_masks (entry->previous_mask, scene->previous_mask) &&
         same_masks (entry->mask, scene->mask);
}

static void
entry_set_weights (Entry         *entry,
                   const ScScene *scene,
                   ScSnapshot    *weights_owner)
{
  g_clear_pointer (&entry->weights_owner, sc_snapshot_unref);
  entry->weights_owner = weights_owner ? sc_snapshot_ref (weights_owner) : NULL;
  entry->weights = scene->weights;
}

static void
entry_store (Entry         *entry,
             const ScScene *scene,
             const ScLayout *layout,
             ScSnapshot    *weights_owner,
             ScAnalysis    *analysis,
             ScTask        *task,
             int            width,
             int            height)
{
  guint n_units = sc_mask_n_units (scene->mask);

  entry_clear (entry);
  entry->layout = sc_layout_copy (layout);
  entry->width = width;
  entry->height = height;
  entry->mask = sc_mask_copy (scene->mask);
  entry->previous_mask = scene->previous_mask ? sc_mask_copy (scene->previous_mask) : NULL;
  entry->progress = scene->progress;
  entry->unit_alpha = scene->unit_alpha ? g_memdup2 (scene->unit_alpha, sizeof (float) * n_units) : NULL;
  entry->detection = scene->detection;
  entry->modules = scene->modules;
  entry->analysis = analysis ? sc_analysis_ref (analysis) : NULL;
  entry_set_weights (entry, scene, weights_owner);
  entry->task = task ? sc_task_ref (task) : NULL;
  entry->input_names = scene->input_names;
  entry->output_names = scene->output_names;
  entry->image_width = scene->image_width;
  entry->image_height = scene->image_height;
  entry->title = g_strdup (scene->title);
  entry->subtitle = g_strdup (scene->subtitle);
  entry->options = scene->options;
}

ScLayout *
_sculptor_frame_cache_layout (SculptorFrameCache *cache,
                              const ScScene      *scene,
                              ScSnapshot         *weights_owner,
                              ScAnalysis         *analysis,
                              ScTask             *task,
                              int                 width,
                              int                 height)
{
  ScLayout *layout = NULL;
  Entry *oldest;

  g_return_val_if_fail (scene != NULL && width > 0 && height > 0, NULL);

  if (cache == NULL)
    return sc_layout_compute (scene, width, height);

  g_mutex_lock (&cache->mutex);
  cache->clock++;
  for (guint e = 0; e < N_ENTRIES && layout == NULL; e++)
    {
      Entry *entry = &cache->entries[e];

      if (!entry_matches (entry, scene, width, height))
        continue;
      layout = sc_layout_copy (entry->layout);
      if (entry->weights != scene->weights)
        {
          if (!sc_layout_update_weights (layout, scene))
            {
              g_clear_pointer (&layout, sc_layout_free);
              continue;
            }
          /* the entry follows the training network */
          sc_layout_free (entry->layout);
          entry->layout = sc_layout_copy (layout);
          entry_set_weights (entry, scene, weights_owner);
          cache->updates++;
        }
      else
        cache->hits++;
      entry->used = cache->clock;
    }
  g_mutex_unlock (&cache->mutex);
  if (layout != NULL)
    return layout;

  /* computed outside the lock: it takes a while */
  layout = sc_layout_compute (scene, width, height);

  g_mutex_lock (&cache->mutex);
  oldest = &cache->entries[0];
  for (guint e = 1; e < N_ENTRIES; e++)
    if (cache->entries[e].used < oldest->used)
      oldest = &cache->entries[e];
  entry_store (oldest, scene, layout, weights_owner, analysis, task, width, height);
  oldest->used = ++cache->clock;
  cache->misses++;
  g_mutex_unlock (&cache->mutex);
  return layout;
}

void
_sculptor_frame_cache_get_stats (SculptorFrameCache *cache,
                                 guint              *hits,
                                 guint              *updates,
                                 guint              *misses)
{
  g_return_if_fail (cache != NULL);

  g_mutex_lock (&cache->mutex);
  if (hits)
    *hits = cache->hits;
  if (updates)
    *updates = cache->updates;
  if (misses)
    *misses = cache->misses;
  g_mutex_unlock (&cache->mutex);
}
