/* sc-memory.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "sc-error.h"
#include "sc-file.h"
#include "sc-memory.h"
#include "sc-snapshot.h"

#define PROGRAM_BYTES    ((guint64) 32 << 20)  /* code and libraries: 25 MiB resident measured */
#define RESULT_PER_EDGE  440    /* result.json's edge pair and weight as JSON nodes and text:
                                 * a run whose 4-1000-1000-4 network stayed dense peaked at
                                 * 464 MiB resident (GNU time), 1.0 M edges */
#define DENSE_PER_WEIGHT 100    /* the "weights" matrix, written for nets this small: */
#define DENSE_WEIGHTS    200000
#define STEPS_BOUND      256    /* more steps than a run takes, for the step snapshots */

static guint64
dataset_bytes (const ScDataset *data)
{
  return data ? (guint64) data->n_rows * (data->n_in + data->n_out) * sizeof (float) : 0;
}

void
sc_memory_estimate_run (const ScTask     *task,
                        const ScHyper    *hyper,
                        gboolean          step_snapshots,
                        ScMemoryEstimate *estimate)
{
  const guint *arch = (const guint *) hyper->arch->data;
  guint n = hyper->arch->len;
  guint64 weights = 0, biases = 0, units = 0, widest = 0, network, snapshot, steps;

  g_return_if_fail (task != NULL && hyper != NULL && estimate != NULL);

  for (guint l = 0; l < n; l++)
    {
      units += arch[l];
      widest = MAX (widest, arch[l]);
      if (l + 1 < n)
        {
          weights += (guint64) arch[l] * arch[l + 1];
          biases += arch[l + 1];
        }
    }

  /* weights and biases as float32 with a byte of mask each */
  network = 5 * (weights + biases);
  snapshot = sc_snapshot_size_for_arch (arch, n);

  memset (estimate, 0, sizeof *estimate);
  estimate->program = PROGRAM_BYTES;
  /* the network, its best epoch, the network before a pruning step, Adam's
   * two moments, the gradients; activations and their gradients of one
   * batch; spare masks of the pruning steps */
  estimate->training = 3 * network + 12 * (weights + biases) +
                       2 * (guint64) MAX (hyper->batch_size, 1) * units * sizeof (float) +
                       2 * weights;
  /* dense, after unit pruning, one per edge run (method.md §3) */
  estimate->snapshots = (2 + hyper->edge_steps->len) * snapshot;
  if (step_snapshots)
    {
      steps = MIN ((guint64) SC_SNAPSHOT_BUDGET, STEPS_BOUND * snapshot);
      estimate->snapshots += steps + 2 * snapshot;   /* the budget keeps the first and last */
    }
  estimate->data = dataset_bytes (task->train);
  if (task->test != task->train)
    estimate->data += dataset_bytes (task->test);
  /* average linkage on one layer's units (method.md §5.5): a condensed
   * matrix of doubles */
  estimate->detection = widest * widest / 2 * sizeof (double);
  estimate->result = weights * RESULT_PER_EDGE +
                     (weights <= DENSE_WEIGHTS ? weights * DENSE_PER_WEIGHT : 0);

  estimate->total = estimate->program + estimate->training + estimate->snapshots +
                    estimate->data + estimate->detection + estimate->result;
}

gboolean
sc_memory_parse_size (const char  *text,
                      guint64     *bytes,
                      GError     **error)
{
  static const struct { const char *suffix; int shift; } units[] = {
    { "", 0 }, { "B", 0 },
    { "K", 10 }, { "KB", 10 }, { "KiB", 10 },
    { "M", 20 }, { "MB", 20 }, { "MiB", 20 },
    { "G", 30 }, { "GB", 30 }, { "GiB", 30 },
    { "T", 40 }, { "TB", 40 }, { "TiB", 40 },
  };
  g_autofree char *copy = NULL;
  char *end;
  double value;

  g_return_val_if_fail (text != NULL && bytes != NULL, FALSE);

  copy = g_strstrip (g_strdup (text));
  if (g_ascii_strcasecmp (copy, "none") == 0 || g_ascii_strcasecmp (copy, "unlimited") == 0)
    {
      *bytes = G_MAXUINT64;
      return TRUE;
    }

  errno = 0;
  value = g_ascii_strtod (copy, &end);
  while (*end == ' ')
    end++;
  if (end != copy && errno == 0 && isfinite (value) && value > 0)
    for (guint u = 0; u < G_N_ELEMENTS (units); u++)
      if (g_ascii_strcasecmp (end, units[u].suffix) == 0 && value * ldexp (1, units[u].shift) < 0x1p63)
        {
          *bytes = (guint64) (value * ldexp (1, units[u].shift));
          return TRUE;
        }

  g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
               "“%s” is not a memory size: expected e.g. 4G, 512M or none", text);
  return FALSE;
}

static guint64
physical_memory (void)
{
  long pages = sysconf (_SC_PHYS_PAGES);
  long page_size = sysconf (_SC_PAGESIZE);

  return pages > 0 && page_size > 0 ? (guint64) pages * (guint64) page_size : 0;
}

gboolean
sc_memory_default_limit (guint64      *limit,
                         const char  **source,
                         GError      **error)
{
  static const struct { int resource; const char *name; } rlimits[] = {
    { RLIMIT_AS, "this process's address-space limit, ulimit -v" },
    { RLIMIT_DATA, "this process's data-size limit, ulimit -d" },
  };
  const char *env = g_getenv ("SCULPTOR_MEMORY_LIMIT");
  guint64 ram = physical_memory ();

  g_return_val_if_fail (limit != NULL, FALSE);

  if (env != NULL && env[0] != '\0')
    {
      if (!sc_memory_parse_size (env, limit, error))
        {
          g_prefix_error (error, "SCULPTOR_MEMORY_LIMIT: ");
          return FALSE;
        }
      if (source)
        *source = "SCULPTOR_MEMORY_LIMIT";
    }
  else
    {
      *limit = ram > 0 ? ram / 2 : G_MAXUINT64;
      if (source)
        *source = "half of this machine's memory";
    }

  for (guint r = 0; r < G_N_ELEMENTS (rlimits); r++)
    {
      struct rlimit rl;

      if (getrlimit (rlimits[r].resource, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY &&
          (guint64) rl.rlim_cur < *limit)
        {
          *limit = rl.rlim_cur;
          if (source)
            *source = rlimits[r].name;
        }
    }
  return TRUE;
}

gboolean
sc_memory_check_run (const ScTask  *task,
                     const ScHyper *hyper,
                     gboolean       step_snapshots,
                     guint64        limit,
                     const char    *limit_source,
                     GError       **error)
{
  ScMemoryEstimate e;

  g_return_val_if_fail (task != NULL && hyper != NULL, FALSE);

  sc_memory_estimate_run (task, hyper, step_snapshots, &e);
  return sc_memory_check (&e, limit, limit_source, error);
}

gboolean
sc_memory_check (const ScMemoryEstimate *estimate,
                 guint64                 limit,
                 const char             *limit_source,
                 GError                **error)
{
  const ScMemoryEstimate e = *estimate;
  g_autofree char *total = NULL, *training = NULL, *snapshots = NULL, *data = NULL;
  g_autofree char *detection = NULL, *result = NULL, *most = NULL;

  if (limit == 0 && !sc_memory_default_limit (&limit, &limit_source, error))
    return FALSE;
  if (e.total <= limit)
    return TRUE;

  total = sc_file_format_size (e.total);
  training = sc_file_format_size (e.training);
  snapshots = sc_file_format_size (e.snapshots);
  data = sc_file_format_size (e.data);
  detection = sc_file_format_size (e.detection);
  result = sc_file_format_size (e.result);
  most = sc_file_format_size (limit);
  g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
               "this run may need up to %s of memory (training %s, kept networks %s, data %s, "
               "module detection %s, writing the result %s), more than the limit of %s (%s); "
               "choose a smaller arch, or raise the limit with --memory-limit or "
               "SCULPTOR_MEMORY_LIMIT",
               total, training, snapshots, data, detection, result, most,
               limit_source ? limit_source : "the memory limit");
  return FALSE;
}
