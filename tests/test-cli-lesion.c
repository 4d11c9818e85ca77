/* test-cli-lesion.c — sculptor-cli lesion on a saved run, end to end
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "cli-test-util.h"

static char *
checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

typedef struct
{
  char *dir;
  char *result;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_auto(Run) run = { 0 };

  fixture->dir = g_dir_make_tmp ("sculptor-lesion-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  spawn (&run, "run", "exemplar/input-separable", "--quiet", "--out", fixture->dir, NULL);
  g_assert_cmpint (run.status, ==, 0);
  fixture->result = g_build_filename (fixture->dir, "result.json", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  const char *names[] = { "result.json", "network.svg", "hierarchy.svg" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, names[i], NULL);

      g_remove (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->result);
}

static JsonObject *
parse_json (const char  *text,
            JsonParser **parser)
{
  g_autoptr(GError) error = NULL;

  *parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (*parser, text, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (*parser));
}

/* Which outputs a module of the saved result holds (its "outputs"). */
static GHashTable *
module_outputs (const char *result_path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  GHashTable *outputs = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                               (GDestroyNotify) g_hash_table_unref);
  JsonArray *modules;

  g_assert_true (json_parser_load_from_file (parser, result_path, &error));
  modules = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "modules");
  for (guint m = 0; m < json_array_get_length (modules); m++)
    {
      JsonObject *module = json_array_get_object_element (modules, m);
      JsonArray *outs = json_object_get_array_member (module, "outputs");
      GHashTable *set = g_hash_table_new (g_direct_hash, g_direct_equal);

      for (guint o = 0; o < json_array_get_length (outs); o++)
        g_hash_table_add (set, GINT_TO_POINTER ((int) json_array_get_int_element (outs, o)));
      g_hash_table_insert (outputs, GINT_TO_POINTER ((int) json_object_get_int_member (module, "id")),
                           set);
    }

  return outputs;
}

/* --all --json: nothing silenced gives the run's accuracy; each module of
 * [4,2,4] silenced breaks its own outputs and no other. */
static void
test_cli_lesion_all_json (Fixture       *fixture,
                          gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(JsonParser) result_parser = json_parser_new ();
  g_autoptr(GHashTable) outputs = module_outputs (fixture->result);
  JsonObject *root, *result;
  JsonArray *lesions;
  guint n_with_outputs = 0;

  spawn (&run, "lesion", fixture->result, "--all", "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  root = parse_json (run.out, &parser);
  g_assert_true (json_parser_load_from_file (result_parser, fixture->result, NULL));
  result = json_node_get_object (json_parser_get_root (result_parser));

  g_assert_cmpint (json_object_get_int_member (root, "rows"), ==, 16);
  lesions = json_object_get_array_member (root, "lesions");
  g_assert_cmpuint (json_array_get_length (lesions), ==, 1 + g_hash_table_size (outputs));
  {
    JsonObject *none = json_array_get_object_element (lesions, 0);

    g_assert_true (json_object_get_null_member (none, "module"));
    g_assert_cmpfloat (json_object_get_double_member (none, "accuracy"), ==,
                       json_object_get_double_member (result, "final_accuracy"));
    g_assert_cmpfloat (json_object_get_double_member (none, "exact_accuracy"), ==,
                       json_object_get_double_member (result, "final_exact_accuracy"));
  }

  for (guint i = 1; i < json_array_get_length (lesions); i++)
    {
      JsonObject *lesion = json_array_get_object_element (lesions, i);
      int id = (int) json_object_get_int_member (lesion, "module");
      GHashTable *own = g_hash_table_lookup (outputs, GINT_TO_POINTER (id));
      JsonArray *acc = json_object_get_array_member (lesion, "output_accuracy");

      g_assert_nonnull (own);
      g_assert_cmpuint (json_array_get_length (acc), ==, 4);
      if (g_hash_table_size (own) == 0)
        continue;
      n_with_outputs++;
      for (guint o = 0; o < 4; o++)
        if (g_hash_table_contains (own, GINT_TO_POINTER ((int) o)))
          g_assert_cmpfloat (json_array_get_double_element (acc, o), <, 100.0);
        else
          g_assert_cmpfloat (json_array_get_double_element (acc, o), ==, 100.0);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (lesion, "failing_rows")), >, 0);
    }
  g_assert_cmpuint (n_with_outputs, ==, 2);
}

/* --module prints the table and the failing rows; the run file is only
 * read; bad module ids and bad files are clear errors. */
static void
test_cli_lesion_module (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autofree char *before = checksum (fixture->result);
  g_autofree char *after = NULL;
  g_autofree char *task = g_build_filename (fixture->dir, "network.svg", NULL);
  g_auto(Run) ok = { 0 };
  g_auto(Run) missing = { 0 };
  g_auto(Run) bad_id = { 0 };
  g_auto(Run) not_run = { 0 };
  g_auto(Run) neither = { 0 };

  spawn (&ok, "lesion", fixture->result, "--module", "M0", NULL);
  g_assert_cmpint (ok.status, ==, 0);
  g_assert_nonnull (strstr (ok.out, "nothing"));
  g_assert_nonnull (strstr (ok.out, "\nM0 "));
  g_assert_nonnull (strstr (ok.out, " of 16 rows fail"));

  spawn (&missing, "lesion", fixture->result, "--module", "99", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "has no module M99 (its modules: M"));

  spawn (&bad_id, "lesion", fixture->result, "--module", "first", NULL);
  g_assert_cmpint (bad_id.status, ==, 2);
  g_assert_nonnull (strstr (bad_id.err, "“first” is not a module id"));

  spawn (&not_run, "lesion", task, "--all", NULL);
  g_assert_cmpint (not_run.status, ==, 1);
  g_assert_nonnull (strstr (not_run.err, "network.svg"));

  spawn (&neither, "lesion", fixture->result, NULL);
  g_assert_cmpint (neither.status, ==, 2);
  g_assert_nonnull (strstr (neither.err, "--module M or --all"));

  after = checksum (fixture->result);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/cli-lesion/all-json", Fixture, NULL, fixture_set_up, test_cli_lesion_all_json,
              fixture_tear_down);
  g_test_add ("/cli-lesion/module", Fixture, NULL, fixture_set_up, test_cli_lesion_module,
              fixture_tear_down);

  return g_test_run ();
}
