/* detect-test-util.h — helpers shared by the detection tests
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <json-glib/json-glib.h>

#include "sc-detect.h"
#include "sc-mask.h"

static inline ScMask *
test_mask_from_edges (const guint *arch,
                      guint        n_layers,
                      const char  *edges)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string (edges, &error);
  ScMask *mask;

  g_assert_no_error (error);
  mask = sc_mask_from_edges_json (arch, n_layers, node, &error);
  g_assert_no_error (error);
  return mask;
}

/* The golden lines of tests/data/detection-exemplar.jsonl, as parsed
 * objects (line i of the file is element i - 1). */
static inline GPtrArray *
test_load_golden (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data",
                                                 "detection-exemplar.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      JsonNode *node;

      if (*g_strstrip (lines[i]) == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_ptr_array_add (objects, node);
    }

  return objects;
}

/* Runs sc_detect on one golden line with its parameters. */
static inline ScDetection *
test_detect_golden (JsonNode *line)
{
  JsonObject *object = json_node_get_object (line);
  g_autoptr(GArray) arch = NULL;
  g_autoptr(ScMask) mask = NULL;
  g_autoptr(GError) error = NULL;
  ScDetectParams params;
  ScDetection *det;

  g_assert_true (sc_arch_from_json (json_object_get_member (object, "arch"), &arch, &error));
  g_assert_no_error (error);
  mask = sc_mask_from_edges_json ((guint *) arch->data, arch->len,
                                  json_object_get_member (object, "edges_by_layer"),
                                  &error);
  g_assert_no_error (error);

  sc_detect_params_init (&params);
  params.feature_step = json_object_get_int_member (object, "feature_step_size");
  params.clusterability_step = json_object_get_int_member (object, "clusterability_step_size");
  params.mm_threshold = json_object_get_double_member (object, "mm_threshold");
  params.merge_threshold = json_object_get_double_member (object, "cluster_merging_threshold");

  det = sc_detect (mask, &params, &error);
  g_assert_no_error (error);
  return det;
}

/* Same partition up to a bijective renaming of the labels. */
static inline gboolean
test_same_partition (const guint *expected,
                     const guint *got,
                     guint        n)
{
  g_autoptr(GHashTable) forward = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) backward = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n; i++)
    {
      gpointer e = GUINT_TO_POINTER (expected[i] + 1);
      gpointer g = GUINT_TO_POINTER (got[i] + 1);
      gpointer fe = g_hash_table_lookup (forward, e);
      gpointer bg = g_hash_table_lookup (backward, g);

      if ((fe != NULL && fe != g) || (bg != NULL && bg != e))
        return FALSE;
      g_hash_table_insert (forward, e, g);
      g_hash_table_insert (backward, g, e);
    }

  return TRUE;
}
