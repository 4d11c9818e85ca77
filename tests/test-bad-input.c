/* test-bad-input.c — files, saved runs and sizes that Sculptor refuses, and
 * what it leaves behind when it refuses or is interrupted
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by meson with G_DEBUG=fatal-criticals: a GLib CRITICAL (a typed
 * getter on a member of the wrong type) aborts the test.
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "sc-error.h"
#include "sc-file.h"
#include "sc-idx.h"
#include "sc-json.h"
#include "sc-memory.h"
#include "sc-pipeline.h"
#include "sc-render-input.h"
#include "sc-result.h"

/* Everything here must answer at once; a read that blocks (a FIFO) would
 * otherwise hang until meson's timeout. */
#define BLOCKED_AFTER_S 20

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->dir = g_dir_make_tmp ("sculptor-bad-input-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  alarm (BLOCKED_AFTER_S);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  alarm (0);
  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->dir);
}

static char *
fixture_file (Fixture    *fixture,
              const char *name,
              const char *contents,
              gssize      length)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, length, NULL));
  return path;
}

static char *
fixture_fifo (Fixture    *fixture,
              const char *name)
{
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_cmpint (mkfifo (path, 0600), ==, 0);
  return path;
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (d && g_dir_read_name (d))
    n++;
  return n;
}

static void
assert_message (const GError *error,
                const char   *fragment)
{
  g_assert_nonnull (error);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” lacks “%s”", error->message, fragment);
}

/* ---- files: regular only, bounded, text without NUL --------------------- */

static void
test_file_not_regular (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *fifo = fixture_fifo (fixture, "task.sfg");
  struct { const char *path, *fragment; } cases[] = {
    { fifo, "is a FIFO (named pipe): Sculptor reads only regular files" },
    { "/dev/zero", "/dev/zero is a character device" },
    { fixture->dir, "is a directory, not a regular file" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(ScTask) task = NULL;
      guint n_labels;

      g_assert_false (sc_file_read (cases[i].path, SC_FILE_LIMIT_TASK, &contents, NULL, &error));
      g_assert_error (error, SC_ERROR, SC_ERROR_IO);
      assert_message (error, cases[i].fragment);
      g_clear_error (&error);

      /* the same through every reader: tasks, saved runs, IDX */
      task = sc_task_load_file (cases[i].path, &error);
      g_assert_null (task);
      assert_message (error, cases[i].fragment);
      g_clear_error (&error);
      g_assert_null (sc_run_load (cases[i].path, &error));
      assert_message (error, cases[i].fragment);
      g_clear_error (&error);
      g_assert_null (sc_idx_read_labels (cases[i].path, &n_labels, &error));
      assert_message (error, cases[i].fragment);
    }
}

static void
test_file_limits (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *big = fixture_file (fixture, "big.json", "[1, 2, 3, 4, 5, 6, 7, 8]", -1);
  g_autofree char *empty = fixture_file (fixture, "empty.json", "", 0);
  g_autofree char *blank = fixture_file (fixture, "blank.json", " \n\t\n", -1);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;
  gsize length;

  /* a file over its kind's limit is refused, saying both sizes */
  g_assert_false (sc_file_read (big, 10, &contents, &length, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_IO);
  assert_message (error, "is 24 bytes, more than the 10 bytes Sculptor reads");
  g_clear_error (&error);
  g_assert_true (sc_file_read (big, 24, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 24);
  g_assert_cmpint (contents[24], ==, '\0');

  g_assert_false (sc_file_read (missing, 10, &contents, &length, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* JSON: an empty file or one without a value says so; no CRITICAL */
  g_assert_null (node = sc_json_read_file (empty, SC_FILE_LIMIT_JSON, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
  assert_message (error, "is empty");
  g_clear_error (&error);
  g_assert_null (node = sc_json_read_file (blank, SC_FILE_LIMIT_JSON, &error));
  assert_message (error, "holds no JSON value");
  g_clear_error (&error);
  g_assert_null (sc_render_input_load (empty, &error));
  assert_message (error, "is empty");
  g_clear_error (&error);
  g_assert_null (sc_run_load (blank, &error));
  assert_message (error, "holds no JSON value");
}

/* A NUL byte used to cut the text short: "no outputs" for a .sfg whose
 * outputs were after it. */
static void
test_file_nul_byte (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char sfg[] = "inputs a b\nnode c = xor(a, b)\0\noutput y = c\n";
  static const char csv[] = "x0,y0\n0,1\n1\0,0\n";
  g_autofree char *sfg_path = fixture_file (fixture, "nul.sfg", sfg, sizeof sfg - 1);
  g_autofree char *csv_path = fixture_file (fixture, "nul.csv", csv, sizeof csv - 1);
  g_autofree char *good = fixture_file (fixture, "good.sfg", sfg, strlen (sfg));
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = NULL;

  g_assert_null (sc_task_load_file (sfg_path, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
  assert_message (error, "nul.sfg:2: a NUL byte (at byte 30): not a text file");
  g_clear_error (&error);

  g_assert_null (sc_task_load_file (csv_path, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
  assert_message (error, "nul.csv:3: a NUL byte");
  g_clear_error (&error);

  /* the text before the NUL is a task without outputs: the old message */
  g_assert_null (sc_task_load_file (good, &error));
  g_assert_nonnull (error);
  g_assert_null (strstr (error->message, "NUL"));
}

/* ---- writing: atomic, and nothing left on failure or a signal ----------- */

static void
test_write_atomic (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autofree char *path = g_build_filename (fixture->dir, "out.json", NULL);
  g_autofree char *nowhere = g_build_filename (fixture->dir, "no", "such", "out.json", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  mode_t mask = umask (022);
  GStatBuf st;

  g_assert_true (sc_file_write_atomic (path, "old", 3, &error));
  g_assert_true (sc_file_write_atomic (path, "new!", 4, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "new!");
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0644);   /* what a new file gets */
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
  umask (mask);

  g_assert_false (sc_file_write_atomic (nowhere, "x", 1, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_IO);
  assert_message (error, "Could not write");
  g_assert_cmpuint (count_files (fixture->dir), ==, 1);
}

/* A child writes a large file; SIGTERM arrives while the temporary file is
 * there. The child must die by SIGTERM and leave neither the temporary file
 * nor a partial target. Writing may win the race on a fast disk: then try
 * again with more bytes; at least one interruption must be seen. Returns
 * whether this attempt interrupted the write. */
static gboolean
kill_while_writing (const char *dir,
                    gsize       size)
{
  g_autofree char *target = g_build_filename (dir, "result.json", NULL);
  gboolean interrupted = FALSE;
  int status;
  pid_t pid;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      char *data = g_malloc0 (size);

      sc_file_clean_up_on_signals ();
      sc_file_write_atomic (target, data, size, NULL);
      _exit (0);
    }

  /* wait for the temporary file to appear, then interrupt */
  while (!interrupted && waitpid (pid, &status, WNOHANG) == 0)
    {
      if (count_files (dir) > 0 && !g_file_test (target, G_FILE_TEST_EXISTS))
        {
          kill (pid, SIGTERM);
          interrupted = TRUE;
        }
      else
        g_usleep (200);
    }
  if (interrupted)
    g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);

  if (WIFSIGNALED (status))
    {
      GStatBuf st;

      g_assert_cmpint (WTERMSIG (status), ==, SIGTERM);
      /* no temporary file; the target only if the rename came first */
      if (g_stat (target, &st) == 0)
        {
          g_assert_cmpuint (st.st_size, ==, size);
          g_assert_cmpuint (count_files (dir), ==, 1);
          g_unlink (target);
          return FALSE;
        }
      g_assert_cmpuint (count_files (dir), ==, 0);
      return TRUE;
    }
  /* the write finished first: it is complete, and alone */
  g_assert_true (g_file_test (target, G_FILE_TEST_EXISTS));
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_unlink (target);
  return FALSE;
}

static void
test_write_signal (Fixture       *fixture,
                   gconstpointer  data)
{
  gboolean seen = FALSE;

  alarm (0);   /* each attempt waits for its child */
  for (gsize size = (gsize) 64 << 20; !seen && size <= (gsize) 512 << 20; size *= 2)
    seen = kill_while_writing (fixture->dir, size);
  g_assert_true (seen);
}

/* ---- saved runs: the JSON types of every member read ------------------- */

static ScRun *
small_run (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = sc_task_load_bundled ("exemplar/input-separable", &error);
  ScPipelineOptions options;
  ScHyper hyper;
  ScRun *run;

  g_assert_no_error (error);
  sc_hyper_copy (&hyper, &task->defaults);
  g_assert_true (sc_hyper_set (&hyper, "arch", "4,24,4", NULL));
  g_assert_true (sc_hyper_set (&hyper, "epochs", "15", NULL));
  g_assert_true (sc_hyper_set (&hyper, "edge-steps", "2.5", NULL));
  sc_pipeline_options_init (&options);
  options.keep_snapshots = TRUE;
  run = sc_pipeline_run (task, &hyper, &options, &error);
  sc_hyper_clear (&hyper);
  g_assert_no_error (error);
  return run;
}

static JsonObject *
member_object (JsonObject *root,
               const char *array,
               guint       index)
{
  return json_array_get_object_element (json_object_get_array_member (root, array), index);
}

static void
test_result_types (void)
{
  g_autoptr(ScRun) run = small_run ();
  g_autoptr(JsonNode) good = sc_run_to_json (run, TRUE);
  g_autofree char *text = json_to_string (good, FALSE);   /* json_node_copy() shares objects */
  struct { const char *member, *json, *fragment; } bad[] = {
    { "edge_runs", "{}", "edge_runs must be an array, not an object" },
    { "seconds", "[1, 2]", "seconds must be an object, not an array" },
    { "history", "{\"a\": 1}", "history must be an array, not an object" },
    { "input_names", "[1, 2]", "input_names must be an array of strings" },
    { "image_width", "[28]", "image_width must be a non-negative integer, not an array" },
    { "image_height", "-3", "image_height must be a non-negative integer" },
    { "task", "5", "task must be a string, not an integer" },
    { "task_path", "{}", "task_path must be a string, not an object" },
    { "final_accuracy", "\"high\"", "final_accuracy must be a number, not a string" },
    { "chosen_edge_run", "99", "chosen_edge_run is 99, but there are 1 edge runs" },
    { "snapshots", "7", "snapshots must be an array, not an integer" },
  };
  struct { const char *array; const char *member, *json, *fragment; } bad_inner[] = {
    { "history", "accuracy", "[]", "history[1].accuracy must be a number, not an array" },
    { "history", "accepted", "1", "history[1].accepted must be true or false, not an integer" },
    { "history", "stage", "{}", "history[1].stage must be a string, not an object" },
    { "edge_runs", "pe", "\"x\"", "edge_runs[0].pe must be a number, not a string" },
    { "snapshots", "step", "[]", "snapshots[1]: step must be a non-negative integer" },
  };

  /* as written, it loads */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(ScRun) loaded = sc_run_from_json (good, "good.json", &error);

    g_assert_no_error (error);
    g_assert_nonnull (loaded);
    g_assert_null (loaded->load_notice);
  }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) root = json_from_string (text, NULL);
      g_autoptr(GError) error = NULL;

      json_object_set_member (json_node_get_object (root), bad[i].member,
                              json_from_string (bad[i].json, NULL));
      g_assert_null (sc_run_from_json (root, "bad.json", &error));
      g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
      assert_message (error, "bad.json: ");
      assert_message (error, bad[i].fragment);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad_inner); i++)
    {
      g_autoptr(JsonNode) root = json_from_string (text, NULL);
      g_autoptr(GError) error = NULL;
      guint index = strcmp (bad_inner[i].array, "edge_runs") == 0 ? 0 : 1;

      json_object_set_member (member_object (json_node_get_object (root), bad_inner[i].array, index),
                              bad_inner[i].member, json_from_string (bad_inner[i].json, NULL));
      g_assert_null (sc_run_from_json (root, "bad.json", &error));
      assert_message (error, bad_inner[i].fragment);
    }

  /* an element that is not an object */
  {
    g_autoptr(JsonNode) root = json_from_string (text, NULL);
    g_autoptr(GError) error = NULL;

    json_array_add_string_element (json_object_get_array_member (json_node_get_object (root),
                                                                 "edge_runs"), "x");
    g_assert_null (sc_run_from_json (root, "bad.json", &error));
    assert_message (error, "edge_runs[1] is not an object");
  }
}

/* A saved run's task file is read only if it is a regular file: a device
 * or a FIFO is not opened (no hang, no memory), and the run opens with
 * its bundled task, saying why. */
static void
test_result_task_path (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(ScRun) run = small_run ();
  g_autofree char *fifo = fixture_fifo (fixture, "task.sfg");
  const char *paths[] = { "/dev/zero", fifo };
  const char *fragments[] = { "is a character device", "is a FIFO" };

  for (guint i = 0; i < G_N_ELEMENTS (paths); i++)
    {
      g_autoptr(JsonNode) root = sc_run_to_json (run, FALSE);
      g_autoptr(GError) error = NULL;
      g_autoptr(ScRun) loaded = NULL;

      json_object_set_string_member (json_node_get_object (root), "task_path", paths[i]);
      loaded = sc_run_from_json (root, "run.json", &error);
      g_assert_no_error (error);
      g_assert_nonnull (loaded);
      g_assert_cmpstr (loaded->task->name, ==, "exemplar/input-separable");
      g_assert_nonnull (loaded->load_notice);
      if (strstr (loaded->load_notice, fragments[i]) == NULL ||
          strstr (loaded->load_notice, "task file was not read") == NULL)
        g_error ("notice “%s”", loaded->load_notice);
    }
}

/* ---- memory: estimated, and refused before any work --------------------- */

static ScTask *
input_separable (void)
{
  g_autoptr(GError) error = NULL;
  ScTask *task = sc_task_load_bundled ("exemplar/input-separable", &error);

  g_assert_no_error (error);
  return task;
}

static void
estimate_for (const ScTask     *task,
              const char       *arch,
              gboolean          step_snapshots,
              ScMemoryEstimate *estimate)
{
  ScHyper hyper;

  sc_hyper_copy (&hyper, &task->defaults);
  g_assert_true (sc_hyper_set (&hyper, "arch", arch, NULL));
  sc_memory_estimate_run (task, &hyper, step_snapshots, estimate);
  sc_hyper_clear (&hyper);
}

static void
test_memory_estimate (void)
{
  g_autoptr(ScTask) task = input_separable ();
  ScMemoryEstimate small, big, replay;
  guint64 weights = 4 * 1000 + 1000 * 1000 + 1000 * 4;

  estimate_for (task, "4,1000,1000,4", FALSE, &small);
  estimate_for (task, "4,4000,4000,4", FALSE, &big);
  estimate_for (task, "4,1000,1000,4", TRUE, &replay);

  /* the parts add up; each grows with the weights */
  g_assert_cmpuint (small.total, ==, small.program + small.training + small.snapshots +
                                     small.data + small.detection + small.result);
  g_assert_cmpuint (small.data, ==, 16 * (4 + 4) * sizeof (float));
  g_assert_cmpuint (small.training, >=, 17 * weights);   /* net ×3, Adam ×2, gradients */
  g_assert_cmpuint (small.snapshots, ==,
                    (2 + task->defaults.edge_steps->len) *
                    sc_snapshot_size_for_arch ((guint[]) { 4, 1000, 1000, 4 }, 4));
  g_assert_cmpuint (big.training, >, 15 * small.training);
  g_assert_cmpuint (big.result, >, 15 * small.result);
  g_assert_cmpuint (big.detection, ==, 16 * small.detection);
  /* the app keeps a network per step, up to the snapshot budget */
  g_assert_cmpuint (replay.snapshots, >, small.snapshots);
  g_assert_cmpuint (replay.snapshots - small.snapshots, <=,
                    SC_SNAPSHOT_BUDGET + 2 * sc_snapshot_size_for_arch ((guint[]) { 4, 1000, 1000, 4 }, 4));
  /* a run that stayed dense at 4-1000-1000-4 peaked at 464 MiB */
  g_assert_cmpuint (small.total, >=, (guint64) 464 << 20);
  g_assert_cmpuint (small.total, <, (guint64) 600 << 20);
}

static void
test_memory_sizes (void)
{
  struct { const char *text; guint64 bytes; } good[] = {
    { "2048", 2048 }, { "4G", (guint64) 4 << 30 }, { "512M", 512 << 20 }, { "1.5GiB", (guint64) 3 << 29 },
    { " 64 k ", 64 << 10 }, { "none", G_MAXUINT64 }, { "unlimited", G_MAXUINT64 },
  };
  const char *bad[] = { "", "0", "-1G", "4X", "G", "lots", "1e30T", "nan" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      guint64 bytes = 0;

      g_assert_true (sc_memory_parse_size (good[i].text, &bytes, NULL));
      g_assert_cmpuint (bytes, ==, good[i].bytes);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      guint64 bytes;

      g_assert_false (sc_memory_parse_size (bad[i], &bytes, &error));
      assert_message (error, "is not a memory size");
    }
}

/* SCULPTOR_MEMORY_LIMIT, then half the machine, never above ulimit -v. */
static void
test_memory_default_limit (void)
{
  g_autoptr(GError) error = NULL;
  const char *source = NULL;
  guint64 limit = 0;
  int status;
  pid_t pid;

  g_unsetenv ("SCULPTOR_MEMORY_LIMIT");
  g_assert_true (sc_memory_default_limit (&limit, &source, NULL));
  g_assert_cmpuint (limit, >, 0);
  g_assert_cmpstr (source, ==, "half of this machine's memory");

  g_setenv ("SCULPTOR_MEMORY_LIMIT", "3G", TRUE);
  g_assert_true (sc_memory_default_limit (&limit, &source, NULL));
  g_assert_cmpuint (limit, ==, (guint64) 3 << 30);
  g_assert_cmpstr (source, ==, "SCULPTOR_MEMORY_LIMIT");

  g_setenv ("SCULPTOR_MEMORY_LIMIT", "plenty", TRUE);
  g_assert_false (sc_memory_default_limit (&limit, &source, &error));
  assert_message (error, "SCULPTOR_MEMORY_LIMIT: “plenty” is not a memory size");
  g_unsetenv ("SCULPTOR_MEMORY_LIMIT");

  /* in a child: lowering the address-space limit is for good */
  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      struct rlimit rl = { (rlim_t) 1 << 30, RLIM_INFINITY };

      if (setrlimit (RLIMIT_AS, &rl) != 0 || !sc_memory_default_limit (&limit, &source, NULL))
        _exit (2);
      _exit (limit == (guint64) 1 << 30 && strstr (source, "ulimit -v") ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
count_event (const ScEvent *event,
             gpointer       user_data)
{
  (*(guint *) user_data)++;
}

/* The pipeline itself refuses, before its first event: the app and every
 * command get the check. */
static void
test_memory_pipeline_refuses (void)
{
  g_autoptr(ScTask) task = input_separable ();
  g_autoptr(GError) error = NULL;
  ScPipelineOptions options;
  guint n_events = 0;
  ScHyper hyper;
  ScRun *run;

  sc_hyper_copy (&hyper, &task->defaults);
  g_assert_true (sc_hyper_set (&hyper, "arch", "4,1000,1000,4", NULL));
  sc_pipeline_options_init (&options);
  options.memory_limit = 100 << 20;
  options.memory_limit_source = "the test";
  options.event_func = count_event;
  options.event_data = &n_events;

  run = sc_pipeline_run (task, &hyper, &options, &error);
  sc_hyper_clear (&hyper);
  g_assert_null (run);
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  assert_message (error, "this run may need up to ");
  assert_message (error, "more than the limit of 100.0 MiB (the test)");
  g_assert_cmpuint (n_events, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/bad-input/file/not-regular", Fixture, NULL, fixture_set_up, test_file_not_regular,
              fixture_tear_down);
  g_test_add ("/bad-input/file/limits", Fixture, NULL, fixture_set_up, test_file_limits,
              fixture_tear_down);
  g_test_add ("/bad-input/file/nul-byte", Fixture, NULL, fixture_set_up, test_file_nul_byte,
              fixture_tear_down);
  g_test_add ("/bad-input/write/atomic", Fixture, NULL, fixture_set_up, test_write_atomic,
              fixture_tear_down);
  g_test_add ("/bad-input/write/signal", Fixture, NULL, fixture_set_up, test_write_signal,
              fixture_tear_down);
  g_test_add_func ("/bad-input/result/types", test_result_types);
  g_test_add ("/bad-input/result/task-path", Fixture, NULL, fixture_set_up, test_result_task_path,
              fixture_tear_down);
  g_test_add_func ("/bad-input/memory/estimate", test_memory_estimate);
  g_test_add_func ("/bad-input/memory/sizes", test_memory_sizes);
  g_test_add_func ("/bad-input/memory/default-limit", test_memory_default_limit);
  g_test_add_func ("/bad-input/memory/pipeline-refuses", test_memory_pipeline_refuses);

  return g_test_run ();
}
