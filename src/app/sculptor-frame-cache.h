/* sculptor-frame-cache.h — layouts the network view's frames share
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-analysis.h"
#include "sc-render.h"
#include "sc-snapshot.h"
#include "sc-task.h"

G_BEGIN_DECLS

typedef struct _SculptorFrameCache SculptorFrameCache;

/* Thread-safe and reference-counted: the view owns one, its frames (drawn
 * on a worker thread) borrow it. */
SculptorFrameCache *_sculptor_frame_cache_new    (void);
SculptorFrameCache *_sculptor_frame_cache_ref    (SculptorFrameCache *cache);
void                _sculptor_frame_cache_unref  (SculptorFrameCache *cache);

/* The layout of scene on a width × height canvas (transfer full): a copy
 * of one computed before for the same scene, its largest |w| brought up to
 * date when only the weights changed (sc_layout_update_weights()), else
 * computed afresh. The scene borrows its weights from weights_owner, its
 * detection and modules from analysis and its names from task (each may be
 * NULL when the scene has none); the cache keeps them while it uses their
 * data. cache may be NULL: computed. */
ScLayout *_sculptor_frame_cache_layout    (SculptorFrameCache *cache,
                                           const ScScene      *scene,
                                           ScSnapshot         *weights_owner,
                                           ScAnalysis         *analysis,
                                           ScTask             *task,
                                           int                 width,
                                           int                 height);

/* How layouts were found: copied as they were, copied with new weights,
 * computed. For tests. */
void      _sculptor_frame_cache_get_stats (SculptorFrameCache *cache,
                                           guint              *hits,
                                           guint              *updates,
                                           guint              *misses);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SculptorFrameCache, _sculptor_frame_cache_unref)

G_END_DECLS
