/* test-cli-detect.c — runs the built `sculptor-cli detect`
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-test-util.h"
#include "detect-test-util.h"

static void
run_cli (Run        *run,
         const char *first,
         ...)
{
  va_list args;

  va_start (args, first);
  run_cli_valist (run, g_getenv ("SCULPTOR_CLI"), "detect", first, args);
  va_end (args);
}

static GPtrArray *
parse_lines (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *objects = g_ptr_array_new_with_free_func ((GDestroyNotify) json_node_unref);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      JsonNode *node;

      if (lines[i][0] == '\0')
        continue;
      node = json_from_string (lines[i], &error);
      g_assert_no_error (error);
      g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
      g_ptr_array_add (objects, node);
    }

  return objects;
}

static GArray *
uint_member (JsonObject *object,
             const char *member)
{
  JsonArray *array = json_object_get_array_member (object, member);
  GArray *values = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      guint v = (guint) json_array_get_int_element (array, i);
      g_array_append_val (values, v);
    }

  return values;
}

static void
test_cli_golden (void)
{
  g_autofree char *input = g_test_build_filename (G_TEST_DIST, "data",
                                                  "detection-exemplar.jsonl", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sculptor-cli-XXXXXX", &error);
  g_autofree char *out_path = g_build_filename (dir, "out.jsonl", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) golden = test_load_golden ();
  g_autoptr(GPtrArray) results = NULL;
  g_auto(Run) run = { 0 };

  run_cli (&run, input, "--out", out_path, NULL);
  if (run.status < 0)
    return;
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, "");
  g_assert_cmpstr (run.err, ==, "");

  g_assert_true (g_file_get_contents (out_path, &contents, NULL, &error));
  g_assert_no_error (error);
  results = parse_lines (contents);
  g_assert_cmpuint (results->len, ==, golden->len);

  for (guint i = 0; i < golden->len; i++)
    {
      JsonObject *result = json_node_get_object (g_ptr_array_index (results, i));
      JsonObject *expected = json_object_get_object_member (
        json_node_get_object (g_ptr_array_index (golden, i)), "expected");
      g_autoptr(GArray) kept_e = uint_member (expected, "kept_units");
      g_autoptr(GArray) kept_r = uint_member (result, "kept_units");
      g_autoptr(GArray) merged_e = uint_member (expected, "partition_merged");
      g_autoptr(GArray) merged_r = uint_member (result, "partition_merged");
      JsonArray *modules = json_object_get_array_member (result, "modules");
      GArray *ids = NULL;

      g_assert_cmpint (json_object_get_int_member (result, "line"), ==, i + 1);
      g_assert_cmpmem (kept_e->data, kept_e->len * sizeof (guint),
                       kept_r->data, kept_r->len * sizeof (guint));
      g_assert_true (test_same_partition ((guint *) merged_e->data, (guint *) merged_r->data,
                                          merged_r->len));
      g_assert_true (json_object_has_member (result, "partition_premerge"));
      g_assert_true (json_object_has_member (result, "new_arch"));
      g_assert_true (json_object_has_member (result, "hierarchy"));
      g_assert_cmpuint (json_array_get_length (modules), >=, 1);

      /* Newman Q of the merged partition lies in [-1/2, 1]. */
      g_assert_cmpfloat (json_object_get_double_member (result, "modularity_q"), >=, -0.5);
      g_assert_cmpfloat (json_object_get_double_member (result, "modularity_q"), <=, 1.0);

      /* The modules' units cover every kept unit once. */
      ids = g_array_new (FALSE, FALSE, sizeof (guint));
      for (guint m = 0; m < json_array_get_length (modules); m++)
        {
          JsonObject *module = json_array_get_object_element (modules, m);

          for (guint u = 0; u < json_array_get_length (json_object_get_array_member (module, "units")); u++)
            g_array_append_val (ids, m);
        }
      g_assert_cmpuint (ids->len, ==, kept_r->len);
      g_array_unref (ids);
    }

  g_remove (out_path);
  g_rmdir (dir);
}

static const char malformed[] =
  "{\"arch\":[2,2],\"edges_by_layer\":[[[0,0],[1,1]]],\"comment\":\"unknown members are fine\"}\n"
  "\n"
  "this is not json\n"
  "[1, 2, 3]\n"
  "{\"arch\":[4,2]}\n"
  "   \n"
  "{\"arch\":[2,2],\"edges_by_layer\":[[[0,5]]]}\n"
  "{\"arch\":[2,2],\"edges_by_layer\":[[[0,0]]],\"mm_threshold\":\"high\"}\n"
  "{\"arch\":[2,0,2],\"edges_by_layer\":[[],[]]}\n"
  "{\"arch\":[2,2,2],\"edges_by_layer\":[[[0,0],[1,1]],[[0,0],[1,1]]],\"feature_step_size\":-1}\n"
  "{\"arch\":[2,2,2],\"edges_by_layer\":[[[0,0],[1,1]],[[0,0],[1,1]]],\"feature_step_size\":1}\n";

static void
test_cli_malformed (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sculptor-cli-XXXXXX", &error);
  g_autofree char *input = g_build_filename (dir, "bad.jsonl", NULL);
  g_autoptr(GPtrArray) results = NULL;
  g_autofree char *expect_err = NULL;
  g_auto(Run) run = { 0 };
  const guint failing[] = { 3, 4, 5, 7, 8, 9, 10 };

  g_assert_true (g_file_set_contents (input, malformed, -1, &error));
  run_cli (&run, input, NULL);
  if (run.status < 0)
    return;

  /* Some lines failed: exit 1, but every non-blank line has an answer. */
  g_assert_cmpint (run.status, ==, 1);
  results = parse_lines (run.out);
  g_assert_cmpuint (results->len, ==, 9);

  for (guint k = 0; k < G_N_ELEMENTS (failing); k++)
    {
      g_autofree char *prefix = g_strdup_printf ("%s:%u: ", input, failing[k]);

      g_assert_nonnull (strstr (run.err, prefix));
    }

  for (guint i = 0; i < results->len; i++)
    {
      JsonObject *object = json_node_get_object (g_ptr_array_index (results, i));
      guint line = json_object_get_int_member (object, "line");
      gboolean should_fail = FALSE;

      for (guint k = 0; k < G_N_ELEMENTS (failing); k++)
        should_fail |= failing[k] == line;
      g_assert_cmpint (json_object_has_member (object, "error"), ==, should_fail);
      g_assert_cmpint (json_object_has_member (object, "partition_merged"), ==, !should_fail);
    }

  /* The first and last lines were processed: two disjoint chains. */
  expect_err = g_strdup_printf ("%s:1:", input);
  g_assert_null (strstr (run.err, expect_err));
  g_assert_cmpint (json_object_get_int_member (
    json_node_get_object (g_ptr_array_index (results, 8)), "line"), ==, 11);

  g_remove (input);
  g_rmdir (dir);
}

static void
test_cli_usage (void)
{
  g_auto(Run) none = { 0 };
  g_auto(Run) two = { 0 };
  g_auto(Run) unknown = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) help = { 0 };

  run_cli (&none, NULL);
  if (none.status < 0)
    return;
  g_assert_cmpint (none.status, ==, 2);
  g_assert_true (g_str_has_prefix (none.err, "sculptor-cli: "));
  g_assert_cmpuint (strlen (strchr (none.err, '\n')), ==, 1);   /* one line */

  run_cli (&two, "a.jsonl", "b.jsonl", NULL);
  g_assert_cmpint (two.status, ==, 2);

  run_cli (&unknown, "--frobnicate", "a.jsonl", NULL);
  g_assert_cmpint (unknown.status, ==, 2);

  run_cli (&missing, "/nonexistent/sculptor.jsonl", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "/nonexistent/sculptor.jsonl"));

  run_cli (&help, "--help", NULL);
  g_assert_cmpint (help.status, ==, 0);
  g_assert_nonnull (strstr (help.out, "--out"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-detect/golden", test_cli_golden);
  g_test_add_func ("/cli-detect/malformed", test_cli_malformed);
  g_test_add_func ("/cli-detect/usage", test_cli_usage);

  return g_test_run ();
}
