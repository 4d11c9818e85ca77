/* leak-window.c — opens and closes the main window, for check-leaks.py
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Not a test by itself: check-leaks.py runs it under valgrind and fails
 * on memory that Sculptor's own code lost. Twice, so that what is cached
 * once per process is not mistaken for what leaks per window.
 */

#include "config.h"

#include <gtk/gtk.h>

#include "sculptor-resources.h"
#include "sculptor-window-private.h"

#include "gui-test-util.h"

int
main (int   argc,
      char *argv[])
{
  gtk_init ();
  g_assert_nonnull (sculptor_get_resource ());

  for (guint i = 0; i < 2; i++)
    {
      SculptorWindow *window = g_object_new (SCULPTOR_TYPE_WINDOW, NULL);

      gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
      gtk_window_present (GTK_WINDOW (window));
      gui_wait_for_frame (GTK_WIDGET (window));
      g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
      gtk_window_destroy (GTK_WINDOW (window));
      GUI_WAIT_UNTIL (window == NULL);
    }
  gui_drain ();
  return 0;
}
