/* bench-common.c — shared setup of the benchmark programs
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-bench"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bench-common.h"
#include "sc-linalg.h"

/* The keys bench/reference.py needs, printed by --defaults. */
static const char * const reference_keys[] = {
  "arch", "lr", "batch-size", "epochs", "retrain-epochs", "weight-decay",
  "noise", "unit-step", "edge-steps", "threshold", "seed",
};

gboolean
bench_apply_overrides (ScHyper      *hyper,
                       char * const *set,
                       GError      **error)
{
  for (guint i = 0; set != NULL && set[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (set[i], "=", 2);

      if (kv[0] == NULL || kv[1] == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       "--set %s: expected KEY=VALUE", set[i]);
          return FALSE;
        }
      if (!sc_hyper_set (hyper, kv[0], kv[1], error))
        return FALSE;
    }
  return TRUE;
}

static void
print_defaults (const ScHyper *hyper)
{
  for (guint k = 0; k < G_N_ELEMENTS (reference_keys); k++)
    {
      g_autofree char *value = sc_hyper_get (hyper, reference_keys[k]);

      printf ("%s=%s\n", reference_keys[k], value);
    }
  printf ("threshold-mode=%s\n",
          hyper->threshold_mode == SC_THRESHOLD_ABSOLUTE ? "absolute" : "below-dense");
}

int
bench_setup (int            *argc,
             char         ***argv,
             const char     *summary,
             GOptionEntry   *extra,
             BenchArgs      *args,
             ScTask        **task,
             ScHyper        *hyper)
{
  GOptionEntry common[] = {
    { "seed", 0, 0, G_OPTION_ARG_INT64, &args->seed, "Random seed (default 0)", "N" },
    { "set", 0, 0, G_OPTION_ARG_STRING_ARRAY, &args->set,
      "Override a hyper-parameter (keys as in sculptor-cli run), repeatable", "KEY=VALUE" },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &args->csv,
      "Print the task's truth table as CSV and exit", NULL },
    { "defaults", 0, 0, G_OPTION_ARG_NONE, &args->defaults,
      "Print the effective hyper-parameters as KEY=VALUE lines and exit", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("TASK");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) loaded = NULL;

  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, common, NULL);
  if (extra != NULL)
    g_option_context_add_main_entries (context, extra, NULL);
  if (!g_option_context_parse (context, argc, argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  if (*argc != 2)
    {
      fprintf (stderr, "expected exactly one TASK (a bundled name or a file)\n");
      return 2;
    }
  if (args->seed < 0)
    {
      fprintf (stderr, "--seed must not be negative\n");
      return 2;
    }

  if (!(loaded = sc_task_lookup ((*argv)[1], &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  if (args->csv)
    {
      g_autofree char *text = NULL;

      if (loaded->kind != SC_TASK_BOOLEAN)
        {
          fprintf (stderr, "%s is not a Boolean task\n", loaded->name);
          return 1;
        }
      text = sc_task_to_csv (loaded);
      fputs (text, stdout);
      return 0;
    }

  sc_hyper_copy (hyper, &loaded->defaults);
  hyper->reference_val_loss = TRUE;
  hyper->seed = (guint64) args->seed;
  if (!bench_apply_overrides (hyper, args->set, &error) ||
      !sc_hyper_validate (hyper, loaded->n_in, loaded->n_out, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      sc_hyper_clear (hyper);
      return 2;
    }
  if (args->defaults)
    {
      print_defaults (hyper);
      sc_hyper_clear (hyper);
      return 0;
    }

  /* One OpenBLAS thread, as in sculptor-cli and the app (toolchain.md). */
  sc_linalg_init (1);
  *task = g_steal_pointer (&loaded);
  return -1;
}

JsonBuilder *
bench_result_begin (const char    *mode,
                    const ScTask  *task,
                    const ScHyper *hyper)
{
  JsonBuilder *builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "implementation");
  json_builder_add_string_value (builder, "sculptor");
  json_builder_set_member_name (builder, "mode");
  json_builder_add_string_value (builder, mode);
  json_builder_set_member_name (builder, "task");
  json_builder_add_string_value (builder, task->name);
  json_builder_set_member_name (builder, "hyper");
  json_builder_begin_object (builder);
  sc_hyper_to_json (hyper, builder);
  json_builder_end_object (builder);
  return builder;
}

/* VmHWM of this process image: the peak after exec, unlike getrusage()'s
 * ru_maxrss, which keeps the launcher's pre-exec peak. 0 if unknown. */
static gint64
peak_rss_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return 0;
  if ((line = strstr (status, "VmHWM:")) == NULL)
    return 0;
  return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);
}

void
bench_result_print (JsonBuilder *builder)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *text = NULL;

  json_builder_set_member_name (builder, "self_peak_rss_kib");
  json_builder_add_int_value (builder, peak_rss_kib ());
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  text = json_generator_to_data (generator, NULL);
  printf ("%s\n", text);
}
