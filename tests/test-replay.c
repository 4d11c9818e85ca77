/* test-replay.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Sculptor's own training, scoring and pruning, fed with the initial weights
 * and mini-batches of runs recorded from the original PyTorch code
 * (tests/data/README.md), must reproduce every recorded number. */

#include <string.h>

#include <gio/gio.h>

#include "sc-error.h"
#include "sc-replay.h"

static char *
data_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

static ScTrace *
load_trace (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GError) error = NULL;
  ScTrace *trace = sc_trace_load (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (trace);
  return trace;
}

/* Every tallied number of kind was bit-identical. */
static void
assert_all_identical (const ScReplayReport *report,
                      ScReplayKind          kind,
                      guint                 at_least)
{
  const ScReplayTally *t = &report->tally[kind];

  g_test_message ("%s: %u compared, %u identical", sc_replay_kind_to_string (kind),
                  t->n, t->n_exact);
  g_assert_cmpuint (t->n, >=, at_least);
  g_assert_cmpuint (t->n_exact, ==, t->n);
}

static void
check_full_match (const char   *name,
                  ScReplayMode  mode)
{
  g_autoptr(ScTrace) trace = load_trace (name);
  g_autoptr(ScReplayReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  ScReplayOptions options;
  guint n_params = 0;

  sc_replay_options_init (&options);
  options.mode = mode;
  report = sc_replay_run (trace, &options, &error);
  g_assert_no_error (error);
  text = sc_replay_report_format (report, trace);
  g_test_message ("%s", text);

  g_assert_null (report->first_divergence);
  g_assert_true (report->ok);
  g_assert_true (report->completed);
  g_assert_cmpuint (report->runs_trained, ==, trace->n_runs);
  g_assert_cmpuint (report->epochs_trained, ==, report->n_epochs);

  for (guint k = 0; k + 1 < trace->n_layers; k++)
    n_params += trace->arch[k] * trace->arch[k + 1] + trace->arch[k + 1];

  /* Discrete outcomes identical at every step. */
  assert_all_identical (report, SC_REPLAY_BEST_EPOCH, trace->n_runs);
  assert_all_identical (report, SC_REPLAY_VAL_ACC, report->n_epochs);
  assert_all_identical (report, SC_REPLAY_TEST_ACC, trace->n_runs);
  assert_all_identical (report, SC_REPLAY_MASKS, 2 * trace->n_runs);
  assert_all_identical (report, SC_REPLAY_UNIT_RANKING, trace->n_unit_decisions);
  assert_all_identical (report, SC_REPLAY_UNIT_MASK, trace->n_unit_decisions);
  assert_all_identical (report, SC_REPLAY_EDGE_MASK, trace->n_edge_decisions);
  assert_all_identical (report, SC_REPLAY_EDGE_THRESHOLD, trace->n_edge_decisions);
  assert_all_identical (report, SC_REPLAY_STEP, trace->n_steps);
  assert_all_identical (report, SC_REPLAY_FINAL_MASK, 1);
  /* Every parameter of every run bit for bit, not only within tolerance. */
  assert_all_identical (report, SC_REPLAY_FIRST_STEP, 3 * n_params);
  assert_all_identical (report, SC_REPLAY_PARAMS_START, trace->n_runs * n_params);
  assert_all_identical (report, SC_REPLAY_PARAMS_BEST, trace->n_runs * n_params);
  /* Losses within 1e-5 (they differ in the last bits: PyTorch's float64
   * log and sum are SLEEF's and vectorised). */
  g_assert_cmpuint (report->tally[SC_REPLAY_TRAIN_LOSS].n, ==, report->n_epochs);
  g_assert_cmpuint (report->tally[SC_REPLAY_TRAIN_LOSS].n_bad, ==, 0);
  g_assert_cmpfloat (report->tally[SC_REPLAY_TRAIN_LOSS].max_diff, <=, 1e-5);
  g_assert_cmpuint (report->tally[SC_REPLAY_VAL_LOSS].n_bad, ==, 0);
}

static void
test_reuse_k2_chain (void)
{
  check_full_match ("reuse_k2.json.gz", SC_REPLAY_CHAIN);
}

static void
test_exemplar_chain (void)
{
  check_full_match ("exemplar_424.json.gz", SC_REPLAY_CHAIN);
}

static void
test_exemplar_lockstep (void)
{
  check_full_match ("exemplar_424.json.gz", SC_REPLAY_LOCKSTEP);
}

/* A trace changed in one recorded input must be caught, at that run. */
static void
test_detects_divergence (void)
{
  g_autoptr(ScTrace) trace = load_trace ("exemplar_424.json.gz");
  g_autoptr(ScReplayReport) report = NULL;
  g_autoptr(GError) error = NULL;

  trace->runs[3].epochs[5].batches[1].x[2] += 0.25f;
  report = sc_replay_run (trace, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (report->ok);
  g_assert_nonnull (report->first_divergence);
  g_test_message ("%s", report->first_divergence);
  g_assert_true (g_str_has_prefix (report->first_divergence, "run 3 (unit, step 5"));
  g_assert_nonnull (strstr (report->first_divergence, "epoch 5"));
}

/* A recorded mask that Sculptor's decision does not produce stops the
 * replay there: the runs no longer correspond. */
static void
test_detects_mask (void)
{
  g_autoptr(ScTrace) trace = load_trace ("reuse_k2.json.gz");
  g_autoptr(ScReplayReport) report = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *w = trace->edge_decisions[2].mask.w[1];
  guint n = trace->arch[1] * trace->arch[2];
  guint on = 0;

  while (on < n && !w[on])
    on++;
  g_assert_cmpuint (on, <, n);
  w[on] = 0;

  report = sc_replay_run (trace, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (report->ok);
  g_assert_false (report->completed);
  g_test_message ("%s", report->first_divergence);
  g_assert_true (g_str_has_prefix (report->first_divergence, "edge decision 2 "));
  g_assert_nonnull (strstr (report->first_divergence, "mask differs: W[1]"));
  g_assert_cmpuint (report->runs_trained, <, trace->n_runs);
}

static char *
gunzip_data (const char *name)
{
  g_autofree char *path = data_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GInputStream) raw = G_INPUT_STREAM (g_file_read (file, NULL, NULL));
  g_autoptr(GZlibDecompressor) gunzip = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
  g_autoptr(GInputStream) stream = g_converter_input_stream_new (raw, G_CONVERTER (gunzip));
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  g_output_stream_splice (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write (out, "", 1, NULL, NULL);
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

/* text with the first occurrence of from replaced by to. */
static char *
replace_once (const char *text,
              const char *from,
              const char *to)
{
  const char *at = strstr (text, from);

  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - text), text, to, at + strlen (from));
}

static void
assert_parse_error (const char *text,
                    const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTrace) trace = sc_trace_parse (text, -1, "t.json", &error);

  g_assert_null (trace);
  g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
  g_test_message ("%s", error->message);
  if (strstr (error->message, expected) == NULL)
    g_error ("“%s” does not contain “%s”", error->message, expected);
}

/* Bad traces: a clear error naming the field, never a crash. */
static void
test_bad_json (void)
{
  g_autofree char *good = gunzip_data ("exemplar_424.json.gz");
  g_autofree char *best = replace_once (good, "\"best_epoch\":14", "\"best_epoch\":\"x\"");
  g_autofree char *acc = replace_once (good, "\"val_acc\":60.9375", "\"val_acc\":[]");
  g_autofree char *rows = replace_once (good, "\"n_rows\":16", "\"n_rows\":-3");
  g_autofree char *truncated = g_strndup (good, strlen (good) / 2);
  g_autoptr(ScTrace) trace = NULL;
  g_autoptr(GError) error = NULL;

  assert_parse_error ("not json", "t.json: not valid JSON");
  assert_parse_error ("[1, 2]", "t.json: (top level): expected an object, found an array");
  assert_parse_error ("{}", "t.json: source: missing");
  assert_parse_error (best, "t.json: runs[0].best_epoch: expected an integer, found a string");
  assert_parse_error (acc, "t.json: runs[0].epochs[1].val_acc: expected a number, found an array");
  assert_parse_error (rows, "t.json: data.n_rows:");
  assert_parse_error (truncated, "t.json: not valid JSON");

  trace = sc_trace_parse (good, -1, "t.json", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (trace->n_runs, ==, 17);
  g_assert_cmpuint (trace->n_steps, ==, 17);
}

static void
test_missing_file (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTrace) trace = sc_trace_load ("/nonexistent/trace.json.gz", &error);

  g_assert_null (trace);
  g_assert_error (error, SC_ERROR, SC_ERROR_IO);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/replay/reuse-k2-chain", test_reuse_k2_chain);
  g_test_add_func ("/replay/exemplar-chain", test_exemplar_chain);
  g_test_add_func ("/replay/exemplar-lockstep", test_exemplar_lockstep);
  g_test_add_func ("/replay/detects-divergence", test_detects_divergence);
  g_test_add_func ("/replay/detects-mask", test_detects_mask);
  g_test_add_func ("/replay/bad-json", test_bad_json);
  g_test_add_func ("/replay/missing-file", test_missing_file);

  return g_test_run ();
}
