/* sc-render-input.h
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-render.h"

G_BEGIN_DECLS

/* A scene read from a saved result (result.json), owning everything its
 * scene borrows. The members read are the run-file contract:
 *
 *   task            string, required (the title)
 *   arch            dense widths, required
 *   final_arch      condensed widths, optional (the subtitle)
 *   density         surviving weights / dense weights, 0–1, optional
 *   edges_by_layer  the mask, golden-file format (sc_mask_from_edges_json)
 *   weights         optional: per weight layer, arch[k+1] rows of arch[k]
 *                   numbers (out × in)
 *   kept_units, partition_merged   optional together: the detection
 *   partition_premerge             optional
 *   input_names, output_names      optional string arrays
 *   image_width, image_height      optional: the input layer is an image
 */
typedef struct
{
  ScScene        scene;          /* borrows from the members below */
  char          *task;
  GArray        *arch;           /* guint */
  GArray        *final_arch;     /* guint, or NULL */
  double         density;        /* -1 when unknown */
  ScMask        *mask;
  float        **weights;        /* arch->len - 1 layers, or NULL */
  ScDetection   *detection;      /* NULL without a partition */
  ScModuleGraph *modules;        /* NULL without a detection */
  char         **input_names;    /* NULL-terminated, or NULL */
  char         **output_names;
  char          *title;
  char          *subtitle;
} ScRenderInput;

/* @param root      the parsed result.json
 * @param filename  for error messages
 * @param error     SC_ERROR_PARSE naming the file and the member
 * @return (transfer full) free with sc_render_input_free() */
ScRenderInput *sc_render_input_from_json   (JsonNode            *root,
                                            const char          *filename,
                                            GError             **error);
ScRenderInput *sc_render_input_load        (const char          *path,
                                            GError             **error);
void           sc_render_input_free        (ScRenderInput       *input);

/* Names, title and image mode of the input for sc_render_hierarchy(). */
void           sc_render_input_hierarchy_options (const ScRenderInput *input,
                                                  ScHierarchyOptions  *options);

/* Rebuilds a detection from a saved partition: kept units (global indices,
 * ascending) and their merged module ids. premerge may be NULL (then the
 * merged ids stand in for it); the per-layer diagnostics are left empty
 * (q_min = +inf). condensed is the mask without the edges of removed units
 * (§5.2).
 *
 * @return (transfer full) free with sc_detection_free(), or NULL with
 *         SC_ERROR_INVALID */
ScDetection   *sc_detection_from_partition (const ScMask        *mask,
                                            const guint         *kept_units,
                                            const guint         *merged,
                                            const guint         *premerge,
                                            guint                n_kept,
                                            GError             **error);

/* "Arch 4-24-24-4 → 4-4-2-4 · density 2.9 % · 2 modules"; final_arch may be
 * NULL, density < 0 and n_modules 0 leave their parts out.
 * @return (transfer full) */
char          *sc_render_format_subtitle   (const guint         *arch,
                                            guint                n_layers,
                                            const guint         *final_arch,
                                            double               density,
                                            guint                n_modules);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ScRenderInput, sc_render_input_free)

G_END_DECLS
