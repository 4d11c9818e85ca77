/* cli-render.c — sculptor-cli render
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>

#include "cli.h"
#include "sc-error.h"
#include "sc-render-input.h"

#define DEFAULT_WIDTH  1200
#define DEFAULT_HEIGHT 800

static char *
figure_path (const char    *out_dir,
             const char    *name,
             ScExportFormat format)
{
  g_autofree char *file = g_strdup_printf ("%s.%s", name, sc_export_format_extension (format));

  return g_build_filename (out_dir, file, NULL);
}

gboolean
cli_render_figures (const ScScene            *scene,
                    const ScModuleGraph      *modules,
                    const ScHierarchyOptions *hierarchy,
                    const char               *out_dir,
                    ScExportFormat            format,
                    double                    width,
                    double                    height,
                    GPtrArray                *written,
                    GError                  **error)
{
  g_autofree char *network_path = NULL;
  g_autofree char *hierarchy_path = NULL;

  g_return_val_if_fail (scene != NULL, FALSE);
  g_return_val_if_fail (out_dir != NULL, FALSE);

  if (g_mkdir_with_parents (out_dir, 0777) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, SC_ERROR, SC_ERROR_IO, _("cannot create the directory %s: %s"),
                   out_dir, g_strerror (saved_errno));
      return FALSE;
    }

  network_path = figure_path (out_dir, "network", format);
  if (!sc_render_export_network (format, network_path, scene, width, height, error))
    return FALSE;
  if (written != NULL)
    g_ptr_array_add (written, g_strdup (network_path));

  if (modules == NULL || modules->n_modules == 0)
    return TRUE;

  hierarchy_path = figure_path (out_dir, "hierarchy", format);
  if (!sc_render_export_hierarchy (format, hierarchy_path, modules, hierarchy, width, height, error))
    return FALSE;
  if (written != NULL)
    g_ptr_array_add (written, g_strdup (hierarchy_path));

  return TRUE;
}

typedef struct
{
  char     *out_dir;
  char     *format;
  int       width;
  int       height;
  gboolean  dark;
  gboolean  left_right;
  char    **files;
} RenderArgs;

static void
render_args_clear (RenderArgs *args)
{
  g_free (args->out_dir);
  g_free (args->format);
  g_strfreev (args->files);
}

static int
parse_args (int             argc,
            char          **argv,
            RenderArgs     *args,
            ScExportFormat *format)
{
  const GOptionEntry entries[] = {
    { "out", 'o', 0, G_OPTION_ARG_FILENAME, &args->out_dir, N_("Directory for the figures (required)"), N_("DIR") },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &args->format, N_("svg (default), png or pdf"), N_("FORMAT") },
    { "width", 0, 0, G_OPTION_ARG_INT, &args->width, N_("Figure width in pixels (1200)"), N_("W") },
    { "height", 0, 0, G_OPTION_ARG_INT, &args->height, N_("Figure height in pixels (800)"), N_("H") },
    { "dark", 0, 0, G_OPTION_ARG_NONE, &args->dark, N_("Use the dark palette"), NULL },
    { "left-right", 0, 0, G_OPTION_ARG_NONE, &args->left_right, N_("Draw layers left to right"), NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &args->files, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (N_("RESULT.json"));
  g_autoptr(GError) error = NULL;

  g_option_context_set_summary (context, _("Draw network.svg and hierarchy.svg of a saved result."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  args->width = DEFAULT_WIDTH;
  args->height = DEFAULT_HEIGHT;

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("%s", error->message);
  if (args->files == NULL || g_strv_length (args->files) != 1)
    return cli_usage_error (_("render needs exactly one RESULT.json"));
  if (args->out_dir == NULL)
    return cli_usage_error (_("render needs --out DIR"));
  *format = SC_EXPORT_SVG;
  if (args->format != NULL && !sc_export_format_from_string (args->format, format))
    return cli_usage_error (_("unknown format “%s” (svg, png or pdf)"), args->format);
  if (args->width < 64 || args->height < 64 || args->width > 8192 || args->height > 8192)
    return cli_usage_error (_("--width and --height must be between 64 and 8192"));

  return CLI_EXIT_OK;
}

int
cli_render (int    argc,
            char **argv)
{
  RenderArgs args = { 0, };
  g_autoptr(ScRenderInput) input = NULL;
  g_autoptr(GPtrArray) written = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  ScHierarchyOptions hierarchy;
  ScExportFormat format;
  int status;

  if ((status = parse_args (argc, argv, &args, &format)) != CLI_EXIT_OK)
    {
      render_args_clear (&args);
      return status;
    }

  input = sc_render_input_load (args.files[0], &error);
  if (input != NULL)
    {
      input->scene.options.dark = args.dark;
      input->scene.options.orientation = args.left_right ? SC_ORIENTATION_LEFT_RIGHT
                                                         : SC_ORIENTATION_BOTTOM_UP;
      sc_render_input_hierarchy_options (input, &hierarchy);
      hierarchy.dark = args.dark;
      cli_render_figures (&input->scene, input->modules, &hierarchy, args.out_dir, format,
                          args.width, args.height, written, &error);
    }

  render_args_clear (&args);
  if (error != NULL)
    {
      fprintf (stderr, "sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }

  for (guint i = 0; i < written->len; i++)
    printf ("%s\n", (const char *) g_ptr_array_index (written, i));
  return CLI_EXIT_OK;
}
