/* test-golden-runs.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* A few complete runs against their stored outcome (tests/data/golden-runs.json):
 * every step's accept/reject decision, the final mask, the final weights
 * to the bit (as a hash) and the modules. The portable products give these
 * bits on every CPU, so a change of compiler flags, of a kernel's
 * summation order or of an elementary function shows here, on any machine.
 *
 * When a change is meant to alter the numbers (a rule fixed to match the
 * reference, say), regenerate the file and say why in the commit:
 *   SCULPTOR_UPDATE_GOLDEN=1 build/tests/test-golden-runs */

#include "config.h"

#include <json-glib/json-glib.h>

#include "sc-json.h"
#include "sc-pipeline.h"
#include "sc-task.h"

typedef struct
{
  const char *name;
  const char *task;
  const char *set[4][2];   /* hyper-parameter overrides */
} GoldenRun;

/* Both paths of the portable products: the plain loop (the exemplars'
 * batch-8 products) and the blocked kernels (batch 128 × width 36 of the
 * levels task; width 96). */
static const GoldenRun golden_runs[] = {
  { "reused-seed0", "exemplar/reused", { { "seed", "0" } } },
  { "levels-k8-seed1", "levels/k8", { { "seed", "1" } } },
  { "input-separable-wide-seed3", "exemplar/input-separable",
    { { "seed", "3" }, { "arch", "4,96,96,4" } } },
};

static guint64
fnv1a (guint64      hash,
       const void  *data,
       gsize        size)
{
  const guint8 *bytes = data;

  for (gsize i = 0; i < size; i++)
    hash = (hash ^ bytes[i]) * G_GUINT64_CONSTANT (1099511628211);
  return hash;
}

/* The outcome of a run as the JSON object stored in the golden file. */
static JsonNode *
outcome_of (const ScRun *run)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GString) history = g_string_new (NULL);
  const ScSnapshot *final = run->final;
  guint64 hash = G_GUINT64_CONSTANT (14695981039346656037);
  g_autofree char *hash_text = NULL;

  for (guint s = 0; s < run->steps->len; s++)
    {
      const ScStep *step = &g_array_index (run->steps, ScStep, s);

      g_string_append_c (history, sc_stage_to_string (step->stage)[0]);
      g_string_append_c (history, step->accepted ? '+' : '-');
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "history");
  json_builder_add_string_value (builder, history->str);

  json_builder_set_member_name (builder, "edges");
  json_builder_begin_array (builder);
  for (guint k = 0; k + 1 < final->n_layers; k++)
    for (guint j = 0; j < final->arch[k + 1]; j++)
      for (guint i = 0; i < final->arch[k]; i++)
        if (final->mask->m[k][(gsize) j * final->arch[k] + i])
          {
            /* "k:i-j": unit i of layer k to unit j of layer k+1. */
            g_autofree char *edge = g_strdup_printf ("%u:%u-%u", k, i, j);

            json_builder_add_string_value (builder, edge);
          }
  json_builder_end_array (builder);

  for (guint k = 0; k + 1 < final->n_layers; k++)
    {
      hash = fnv1a (hash, final->w[k], sizeof (float) * final->arch[k] * final->arch[k + 1]);
      hash = fnv1a (hash, final->b[k], sizeof (float) * final->arch[k + 1]);
    }
  hash_text = g_strdup_printf ("%016" G_GINT64_MODIFIER "x", hash);
  json_builder_set_member_name (builder, "parameters_fnv1a");
  json_builder_add_string_value (builder, hash_text);

  json_builder_set_member_name (builder, "modules");
  json_builder_begin_array (builder);
  for (guint m = 0; m < sc_analysis_n_modules (run->analysis); m++)
    {
      const ScModule *module = &run->analysis->modules->modules[m];

      json_builder_begin_array (builder);
      for (guint u = 0; u < module->n_units; u++)
        {
          g_autofree char *unit = g_strdup_printf ("%u:%u", module->units[u].layer,
                                                   module->units[u].index);

          json_builder_add_string_value (builder, unit);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  return json_builder_get_root (builder);
}

static JsonNode *
run_golden (const GoldenRun *golden)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = sc_task_lookup (golden->task, &error);
  g_autoptr(ScRun) run = NULL;
  ScPipelineOptions options;
  ScHyper hyper;

  g_assert_no_error (error);
  sc_hyper_copy (&hyper, &task->defaults);
  for (guint i = 0; i < G_N_ELEMENTS (golden->set) && golden->set[i][0]; i++)
    g_assert_true (sc_hyper_set (&hyper, golden->set[i][0], golden->set[i][1], NULL));
  sc_pipeline_options_init (&options);
  run = sc_pipeline_run (task, &hyper, &options, &error);
  sc_hyper_clear (&hyper);
  g_assert_no_error (error);
  g_assert_nonnull (run->final);

  return outcome_of (run);
}

static char *
golden_path (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "golden-runs.json", NULL);
}

/* The first member whose value differs, or NULL. */
static const char *
first_difference (JsonObject *want,
                  JsonObject *got)
{
  static const char * const members[] = { "history", "edges", "parameters_fnv1a", "modules" };

  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      JsonNode *a = json_object_get_member (want, members[i]);
      JsonNode *b = json_object_get_member (got, members[i]);

      if (a == NULL || b == NULL || !json_node_equal (a, b))
        return members[i];
    }
  return NULL;
}

static void
test_golden_runs (void)
{
  g_autofree char *path = golden_path ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *stored;

  /* A missing file is a failure: the comparison is the test. */
  if (!json_parser_load_from_file (parser, path, &error))
    g_error ("%s: %s (regenerate with SCULPTOR_UPDATE_GOLDEN=1)", path, error->message);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));
  stored = json_node_get_object (json_parser_get_root (parser));

  for (guint r = 0; r < G_N_ELEMENTS (golden_runs); r++)
    {
      g_autoptr(JsonNode) got = run_golden (&golden_runs[r]);
      JsonNode *want = json_object_get_member (stored, golden_runs[r].name);
      const char *member;

      if (want == NULL || !JSON_NODE_HOLDS_OBJECT (want))
        g_error ("%s has no run “%s”", path, golden_runs[r].name);
      member = first_difference (json_node_get_object (want), json_node_get_object (got));
      if (member != NULL)
        {
          g_autofree char *text = json_to_string (json_object_get_member (json_node_get_object (got),
                                                                          member), FALSE);

          g_error ("%s (%s): “%s” differs from the stored run; now: %.300s",
                   golden_runs[r].name, golden_runs[r].task, member, text);
        }
      g_test_message ("%s: identical", golden_runs[r].name);
    }
}

static void
update_golden_file (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("SCULPTOR_SOURCE_ROOT") ?: ".",
                                            "tests", "data", "golden-runs.json", NULL);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;

  json_builder_begin_object (builder);
  for (guint r = 0; r < G_N_ELEMENTS (golden_runs); r++)
    {
      json_builder_set_member_name (builder, golden_runs[r].name);
      json_builder_add_value (builder, run_golden (&golden_runs[r]));
    }
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  if (!json_generator_to_file (generator, path, &error))
    g_error ("%s: %s", path, error->message);
  g_print ("wrote %s\n", path);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("SCULPTOR_UPDATE_GOLDEN"))
    {
      update_golden_file ();
      return 0;
    }

  g_test_add_func ("/golden-runs/identical", test_golden_runs);

  return g_test_run ();
}
