/* main.c — the Sculptor application
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor"

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "sc-file.h"
#include "sculptor-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(SculptorApplication) app = NULL;
  const char *localedir;

  setlocale (LC_ALL, "");
  /* SCULPTOR_LOCALEDIR: the translations built in the build directory,
   * for the tests and for trying a translation before installing it. */
  localedir = g_getenv ("SCULPTOR_LOCALEDIR");
  bindtextdomain (GETTEXT_PACKAGE, localedir && localedir[0] ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_application_name (_("Sculptor"));
  /* Killed while saving a run or exporting: no NAME.XXXXXX left behind. */
  sc_file_clean_up_on_signals ();

  app = sculptor_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
