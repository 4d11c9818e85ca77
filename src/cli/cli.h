/* cli.h — sculptor-cli subcommands
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "sc-pipeline.h"
#include "sc-render.h"
#include "sc-task-source.h"

G_BEGIN_DECLS

/* Exit codes shared by every subcommand. */
enum
{
  CLI_EXIT_OK = 0,
  CLI_EXIT_FAILED = 1,     /* the work failed (or some batch lines failed) */
  CLI_EXIT_USAGE = 2,      /* bad arguments: one-line error on stderr */
};

/* Each subcommand gets argv with argv[0] = "sculptor-cli SUBCOMMAND". */
int cli_tasks  (int argc, char **argv);
int cli_run    (int argc, char **argv);
int cli_detect (int argc, char **argv);
int cli_render (int argc, char **argv);
int cli_lesion (int argc, char **argv);
int cli_sweep  (int argc, char **argv);
int cli_sweep_run    (int argc, char **argv);
int cli_sweep_status (int argc, char **argv);
int cli_replay (int argc, char **argv);
int cli_report (int argc, char **argv);
int cli_import_mnist (int argc, char **argv);

/* The work of "detect": appends to out one line per non-blank line of
 * contents, a result or {"line": N, "error": …}; errors also go to stderr
 * as FILENAME:LINE: message. Returns the number of failed lines. */
guint cli_detect_batch (const char *filename,
                        const char *contents,
                        GString    *out);
/* Before any work: creates dir (with its parents) and checks that a file
 * can be written in it, so that a long run does not fail at its end.
 * @return FALSE with error set (SC_ERROR_IO) naming dir and the reason */
gboolean cli_prepare_out_dir (const char  *dir,
                              GError     **error);
/* Before any work: checks that the file path can be written (its
 * directory exists and takes a new file). Creates nothing. */
gboolean cli_check_out_file  (const char  *path,
                              GError     **error);

/* Writes network.svg and hierarchy.svg (when analysis has modules) of a
 * network of task into out_dir. */
gboolean cli_write_figures (const ScTask      *task,
                            const ScSnapshot  *network,
                            const ScAnalysis  *analysis,
                            const char        *out_dir,
                            GError           **error);

/* Writes the figures of a result into out_dir (created if needed):
 * network.EXT always, hierarchy.EXT when modules has modules. Shared by
 * "run" and "render". Each file is written atomically.
 *
 * @param scene          the network scene (options as wanted)
 * @param modules        the module graph, or NULL before detection
 * @param hierarchy      names and title for hierarchy.EXT; NULL for defaults
 * @param written        (out) (optional) paths written, appended
 * @return FALSE with error set (SC_ERROR_IO) on failure */
gboolean cli_render_figures (const ScScene             *scene,
                             const ScModuleGraph       *modules,
                             const ScHierarchyOptions  *hierarchy,
                             const char                *out_dir,
                             ScExportFormat             format,
                             double                     width,
                             double                     height,
                             GPtrArray                 *written,
                             GError                   **error);

#define CLI_MNIST_MAX_PER_CLASS 100000

/* Options of the commands that run the method (run, sweep): every
 * hyper-parameter, and where the MNIST digits come from. */
typedef struct
{
  GPtrArray    *overrides;     /* "key", "value", …: applied on the task's defaults */
  char         *mnist_images;
  char         *mnist_labels;
  int           mnist_train;   /* 1 to CLI_MNIST_MAX_PER_CLASS; 0: not given */
  int           mnist_test;
  GOptionEntry *entries;
} CliMethodArgs;

void          cli_method_args_init    (CliMethodArgs       *args);
void          cli_method_args_clear   (CliMethodArgs       *args);
GOptionGroup *cli_method_option_group (CliMethodArgs       *args);
GOptionGroup *cli_data_option_group   (CliMethodArgs       *args);
/* A usage error message, or NULL. */
const char   *cli_method_args_check   (const CliMethodArgs *args);
ScTask       *cli_load_task           (const char          *name,
                                       const CliMethodArgs *args,
                                       GError             **error);
/* The task and its data as the command line gives them. */
void          cli_task_source_init    (ScTaskSource        *source,
                                       const char          *name,
                                       const CliMethodArgs *args);
/* The task's defaults with the command line's values on top, validated. */
gboolean      cli_build_hyper         (const ScTask        *task,
                                       const CliMethodArgs *args,
                                       ScHyper             *hyper,
                                       GError             **error);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliMethodArgs, cli_method_args_clear)

/* Prints "sculptor-cli: MESSAGE" to stderr and returns CLI_EXIT_USAGE. */
int cli_usage_error (const char *format, ...) G_GNUC_PRINTF (1, 2);

G_END_DECLS
