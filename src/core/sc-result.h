/* sc-result.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-pipeline.h"

G_BEGIN_DECLS

/* result.json: everything a run produced (README "result.json"). With
 * with_snapshots, also the network after every step that kept one (a saved
 * run the app can reopen and scrub through without recomputing). */
JsonNode   *sc_run_to_json        (const ScRun      *run,
                                   gboolean          with_snapshots);

/* Writes atomically (temporary file + rename): an existing file is never
 * left half-written. */
gboolean    sc_json_write_file    (JsonNode         *root,
                                   const char       *path,
                                   gboolean          pretty,
                                   GError          **error);

/* A snapshot as JSON: mask as edges_by_layer, weights of the surviving
 * edges in the same order (edge_weights), biases of units with inputs. */
JsonNode   *sc_snapshot_to_json   (const ScSnapshot *snapshot);
ScSnapshot *sc_snapshot_from_json (JsonNode         *node,
                                   GError          **error);

/* Reads a result.json or saved run back (README "Saved runs"): the task is
 * looked up by name or path (a placeholder with the stored names if it is
 * gone), the final network's modules are detected again from its mask
 * (detection is deterministic) and scored, and the steps get their
 * snapshots when the file has them. Errors name the file and the field. */
ScRun      *sc_run_load           (const char       *path,
                                   GError          **error);
ScRun      *sc_run_from_json      (JsonNode         *root,
                                   const char       *filename,
                                   GError          **error);

G_END_DECLS
