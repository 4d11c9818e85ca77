/* cli-method.c — options shared by the commands that run the method
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "cli.h"
#include "sc-mnist.h"

void
cli_method_args_init (CliMethodArgs *args)
{
  memset (args, 0, sizeof *args);
  args->overrides = g_ptr_array_new_with_free_func (g_free);
}

void
cli_method_args_clear (CliMethodArgs *args)
{
  g_clear_pointer (&args->overrides, g_ptr_array_unref);
  g_clear_pointer (&args->mnist_images, g_free);
  g_clear_pointer (&args->mnist_labels, g_free);
  g_clear_pointer (&args->entries, g_free);
}

static gboolean
on_hyper_option (const char  *option_name,
                 const char  *value,
                 gpointer     data,
                 GError     **error)
{
  CliMethodArgs *args = data;

  /* Kept as text and applied on top of the task's defaults once the task
   * is known; sc_hyper_set() validates them then. */
  g_ptr_array_add (args->overrides, g_strdup (option_name + 2));
  g_ptr_array_add (args->overrides, g_strdup (value ? value : "true"));
  return TRUE;
}

GOptionGroup *
cli_method_option_group (CliMethodArgs *args)
{
  const char * const *keys = sc_hyper_keys ();
  guint n = g_strv_length ((char **) keys);
  GOptionGroup *group;

  args->entries = g_new0 (GOptionEntry, n + 1);
  for (guint i = 0; i < n; i++)
    {
      gboolean flag = sc_hyper_is_flag (keys[i]);

      /* a flag turns a true/false parameter on; --KEY=false turns it off */
      args->entries[i] = (GOptionEntry) {
        .long_name = keys[i],
        .flags = flag ? G_OPTION_FLAG_OPTIONAL_ARG : 0,
        .arg = G_OPTION_ARG_CALLBACK,
        .arg_data = (gpointer) on_hyper_option,
        .description = sc_hyper_describe (keys[i]),
        .arg_description = flag ? NULL : "VALUE",
      };
    }

  group = g_option_group_new ("method", _("Hyper-parameters of the method:"),
                              _("Show the hyper-parameter options"), args, NULL);
  /* The descriptions come from sc-hyper.c, marked with N_(). */
  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, args->entries);
  return group;
}

/* --mnist-train N and --mnist-test N: 1 to 100000 composites per class
 * (0 stays "not given", the task's default). */
static gboolean
on_count_option (const char  *option_name,
                 const char  *value,
                 gpointer     data,
                 GError     **error)
{
  CliMethodArgs *args = data;
  guint64 count;

  if (!g_ascii_string_to_unsigned (value, 10, 1, CLI_MNIST_MAX_PER_CLASS, &count, NULL))
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                   _("%s must be between 1 and %u, got “%s”"), option_name,
                   CLI_MNIST_MAX_PER_CLASS, value);
      return FALSE;
    }
  if (strcmp (option_name, "--mnist-train") == 0)
    args->mnist_train = (int) count;
  else
    args->mnist_test = (int) count;
  return TRUE;
}

GOptionGroup *
cli_data_option_group (CliMethodArgs *args)
{
  const GOptionEntry entries[] = {
    { "mnist-images", 0, 0, G_OPTION_ARG_FILENAME, &args->mnist_images,
      N_("MNIST images in IDX format, plain or gzipped (MNIST tasks)"), N_("FILE") },
    { "mnist-labels", 0, 0, G_OPTION_ARG_FILENAME, &args->mnist_labels,
      N_("MNIST labels in IDX format, plain or gzipped (MNIST tasks)"), N_("FILE") },
    { "mnist-train", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) on_count_option,
      N_("Training composites per class (MNIST tasks)"), N_("N") },
    { "mnist-test", 0, 0, G_OPTION_ARG_CALLBACK, (gpointer) on_count_option,
      N_("Test composites per class (MNIST tasks)"), N_("N") },
    { NULL }
  };
  GOptionGroup *group = g_option_group_new ("data", _("MNIST data:"),
                                            _("Show the MNIST data options"), args, NULL);

  g_option_group_set_translation_domain (group, GETTEXT_PACKAGE);
  g_option_group_add_entries (group, entries);
  return group;
}

const char *
cli_method_args_check (const CliMethodArgs *args)
{
  if ((args->mnist_images == NULL) != (args->mnist_labels == NULL))
    return _("--mnist-images and --mnist-labels go together");
  return NULL;
}

ScTask *
cli_load_task (const char          *name,
               const CliMethodArgs *args,
               GError             **error)
{
  g_auto(ScTaskSource) source = { 0 };

  cli_task_source_init (&source, name, args);
  return sc_task_source_load (&source, error);
}

void
cli_task_source_init (ScTaskSource        *source,
                      const char          *name,
                      const CliMethodArgs *args)
{
  sc_task_source_init (source, name, args->mnist_images, args->mnist_labels,
                       (guint) MAX (args->mnist_train, 0), (guint) MAX (args->mnist_test, 0));
}

gboolean
cli_build_hyper (const ScTask        *task,
                 const CliMethodArgs *args,
                 ScHyper             *hyper,
                 GError             **error)
{
  sc_hyper_copy (hyper, &task->defaults);
  for (guint i = 0; i < args->overrides->len; i += 2)
    {
      g_autoptr(GError) local_error = NULL;

      if (!sc_hyper_set (hyper, args->overrides->pdata[i], args->overrides->pdata[i + 1],
                         &local_error))
        {
          g_set_error (error, local_error->domain, local_error->code, "--%s",
                       local_error->message);
          sc_hyper_clear (hyper);
          return FALSE;
        }
    }
  if (!sc_hyper_validate (hyper, task->n_in, task->n_out, error))
    {
      sc_hyper_clear (hyper);
      return FALSE;
    }

  return TRUE;
}
