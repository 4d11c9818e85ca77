/* gui-test-util.h — GUI tests wait on conditions, never on the clock
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * On a loaded machine every step of GTK's frame cycle (the X server, the
 * layout, the paint) can take seconds; a test that sleeps a fixed time and
 * then looks sees a window not yet drawn (an empty snapshot). These helpers
 * spin the main loop until a condition holds, and fail naming the condition
 * after a generous timeout.
 */

#pragma once

#include <gtk/gtk.h>

/* Long enough for a machine shared by several builds; a test that really
 * hangs still ends well before meson's own timeout. */
#define GUI_WAIT_TIMEOUT_S 60.0

static inline gboolean
gui_wake (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

/* One blocking iteration of the default main context, woken after 10 ms at
 * the latest so that a condition set by another thread is seen. */
static inline void
gui_iterate (void)
{
  guint wake = g_timeout_add (10, gui_wake, NULL);

  g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

/* Dispatches whatever is pending now (idles, queued signals), without
 * waiting: before asserting that something did *not* happen. */
static inline void
gui_drain (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static inline void
gui_wait_step (gint64      deadline,
               double      timeout_s,
               const char *what,
               const char *file,
               int         line)
{
  if (g_get_monotonic_time () > deadline)
    g_error ("%s:%d: still false after %.0f s: %s", file, line, timeout_s, what);
  gui_iterate ();
}

/* Spins the main loop until expr is true; fails the test after timeout_s. */
#define GUI_WAIT_UNTIL_TIMEOUT(expr, timeout_s)                                          \
  G_STMT_START {                                                                         \
    double gui_timeout_ = (timeout_s);                                                   \
    gint64 gui_deadline_ = g_get_monotonic_time () + (gint64) (gui_timeout_ * G_USEC_PER_SEC); \
    while (!(expr))                                                                      \
      gui_wait_step (gui_deadline_, gui_timeout_, #expr, __FILE__, __LINE__);            \
  } G_STMT_END

#define GUI_WAIT_UNTIL(expr) GUI_WAIT_UNTIL_TIMEOUT (expr, GUI_WAIT_TIMEOUT_S)

static inline gboolean
gui_is_on_screen (GtkWidget *widget)
{
  return gtk_widget_get_mapped (widget) &&
         gtk_widget_get_width (widget) > 0 && gtk_widget_get_height (widget) > 0;
}

static inline void
gui_count_paint (GdkFrameClock *clock,
                 guint         *n_paints)
{
  (*n_paints)++;
}

/* Waits until widget is mapped, has a size, and its window has painted a
 * frame after this call: the widget's last render node, which
 * GtkWidgetPaintable shows, is then its current state. */
static inline void
gui_wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock;
  guint n_paints = 0;
  gulong handler;

  GUI_WAIT_UNTIL (gui_is_on_screen (widget));
  clock = gtk_widget_get_frame_clock (widget);
  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (gui_count_paint), &n_paints);
  gtk_widget_queue_draw (widget);
  GUI_WAIT_UNTIL (n_paints > 0);
  g_signal_handler_disconnect (clock, handler);
}

/* The widget as painted in a frame drawn now, as a texture of its size;
 * saved as png_name in the build directory unless png_name is NULL. */
static inline GdkTexture *
gui_render_widget (GtkWidget  *widget,
                   const char *png_name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  GdkTexture *texture;
  int width, height;

  gui_wait_for_frame (widget);
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    g_error ("%s: a frame was painted but the widget's snapshot is empty",
             G_OBJECT_TYPE_NAME (widget));

  texture = gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                         node, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (png_name != NULL)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_BUILT, png_name, NULL);

      g_assert_true (gdk_texture_save_to_png (texture, path));
      g_test_message ("saved %s", path);
    }
  return texture;
}

static inline void
gui_save_png (GtkWidget  *widget,
              const char *png_name)
{
  g_autoptr(GdkTexture) texture = gui_render_widget (widget, png_name);
}
