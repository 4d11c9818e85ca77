/* test-stable-rows.c — the hierarchy's rows in slots that stay
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>

#include "sculptor-stable-rows.h"

/* Named items without GTK: GSimpleActions. */
static GListStore *
store_of (const char *names)
{
  g_auto(GStrv) split = g_strsplit (names, " ", -1);
  GListStore *store = g_list_store_new (G_TYPE_SIMPLE_ACTION);

  for (guint i = 0; split[i] != NULL; i++)
    if (*split[i] != '\0')
      {
        g_autoptr(GSimpleAction) item = g_simple_action_new (split[i], NULL);

        g_list_store_append (store, item);
      }
  return store;
}

/* The names the slots show, space-separated. */
static char *
shown (SculptorStableRows *rows)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (rows)); i++)
    {
      g_autoptr(SculptorRowSlot) slot = g_list_model_get_item (G_LIST_MODEL (rows), i);

      g_string_append_printf (text, "%s%s", i ? " " : "",
                              g_action_get_name (sculptor_row_slot_get_item (slot)));
    }
  return g_string_free (text, FALSE);
}

typedef struct
{
  guint position, removed, added, calls;
} Change;

static void
on_items_changed (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Change     *change)
{
  *change = (Change) { position, removed, added, change->calls + 1 };
}

static void
on_notify (GObject    *slot,
           GParamSpec *pspec,
           guint      *count)
{
  (*count)++;
}

static void
test_replace_in_place (void)
{
  g_autoptr(SculptorStableRows) rows = sculptor_stable_rows_new ();
  g_autoptr(GListStore) first = store_of ("a b c d");
  g_autoptr(GListStore) second = store_of ("a x c");
  g_autoptr(GListStore) third = store_of ("p q r s t");
  g_autoptr(SculptorRowSlot) slot0 = NULL;
  g_autoptr(SculptorRowSlot) slot1 = NULL;
  g_autofree char *text = NULL;
  Change change = { 0 };
  guint notified0 = 0, notified1 = 0;

  g_signal_connect (rows, "items-changed", G_CALLBACK (on_items_changed), &change);
  sculptor_stable_rows_set_source (rows, G_LIST_MODEL (first));
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 0);
  g_assert_cmpuint (change.added, ==, 4);
  text = shown (rows);
  g_assert_cmpstr (text, ==, "a b c d");
  g_clear_pointer (&text, g_free);

  slot0 = g_list_model_get_item (G_LIST_MODEL (rows), 0);
  slot1 = g_list_model_get_item (G_LIST_MODEL (rows), 1);
  g_signal_connect (slot0, "notify::item", G_CALLBACK (on_notify), &notified0);
  g_signal_connect (slot1, "notify::item", G_CALLBACK (on_notify), &notified1);

  /* shorter: the first three slots stay and show the new items, the
   * fourth goes */
  sculptor_stable_rows_set_source (rows, G_LIST_MODEL (second));
  g_assert_cmpuint (change.calls, ==, 2);
  g_assert_cmpuint (change.position, ==, 3);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 0);
  text = shown (rows);
  g_assert_cmpstr (text, ==, "a x c");
  g_clear_pointer (&text, g_free);
  g_assert_true (g_list_model_get_item (G_LIST_MODEL (rows), 0) == (gpointer) slot0);
  g_object_unref (slot0);
  g_assert_cmpuint (notified0, ==, 1);
  g_assert_cmpuint (notified1, ==, 1);

  /* longer: new slots only for the tail */
  sculptor_stable_rows_set_source (rows, G_LIST_MODEL (third));
  g_assert_cmpuint (change.calls, ==, 3);
  g_assert_cmpuint (change.position, ==, 3);
  g_assert_cmpuint (change.removed, ==, 0);
  g_assert_cmpuint (change.added, ==, 2);
  text = shown (rows);
  g_assert_cmpstr (text, ==, "p q r s t");
  g_clear_pointer (&text, g_free);

  /* none */
  sculptor_stable_rows_set_source (rows, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (rows)), ==, 0);
  g_assert_cmpuint (change.removed, ==, 5);
}

/* Rows expanded or collapsed in the source are passed on as they are. */
static void
test_source_changes (void)
{
  g_autoptr(SculptorStableRows) rows = sculptor_stable_rows_new ();
  g_autoptr(GListStore) store = store_of ("a b c");
  g_autoptr(GSimpleAction) x = g_simple_action_new ("x", NULL);
  g_autoptr(GSimpleAction) y = g_simple_action_new ("y", NULL);
  g_autofree char *text = NULL;
  Change change = { 0 };

  sculptor_stable_rows_set_source (rows, G_LIST_MODEL (store));
  g_signal_connect (rows, "items-changed", G_CALLBACK (on_items_changed), &change);
  g_list_store_splice (store, 1, 1, (gpointer[]) { x, y }, 2);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (change.position, ==, 1);
  g_assert_cmpuint (change.removed, ==, 1);
  g_assert_cmpuint (change.added, ==, 2);
  text = shown (rows);
  g_assert_cmpstr (text, ==, "a x y c");
}

/* A long new source comes max_growth slots at a time; reveal shows a
 * position at once; changes beyond the shown slots wait for their turn. */
static void
test_growth (void)
{
  g_autoptr(SculptorStableRows) rows = sculptor_stable_rows_new ();
  g_autoptr(GListStore) store = store_of ("a b c d e f g h");
  g_autoptr(GListStore) shorter = store_of ("p q");
  g_autoptr(GSimpleAction) z = g_simple_action_new ("z", NULL);
  g_autofree char *text = NULL;
  Change change = { 0 };

  sculptor_stable_rows_set_max_growth (rows, 3);
  g_signal_connect (rows, "items-changed", G_CALLBACK (on_items_changed), &change);
  sculptor_stable_rows_set_source (rows, G_LIST_MODEL (store));
  text = shown (rows);
  g_assert_cmpstr (text, ==, "a b c");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (sculptor_stable_rows_get_n_pending (rows), ==, 5);

  /* an item not shown yet changes: nothing to pass on */
  g_list_store_insert (store, 6, z);
  g_assert_cmpuint (change.calls, ==, 1);
  g_assert_cmpuint (sculptor_stable_rows_get_n_pending (rows), ==, 6);

  g_assert_true (sculptor_stable_rows_grow (rows));
  g_assert_cmpuint (change.position, ==, 3);
  g_assert_cmpuint (change.added, ==, 3);
  text = shown (rows);
  g_assert_cmpstr (text, ==, "a b c d e f");
  g_clear_pointer (&text, g_free);

  sculptor_stable_rows_reveal (rows, 7);
  text = shown (rows);
  g_assert_cmpstr (text, ==, "a b c d e f z g");
  g_clear_pointer (&text, g_free);
  g_assert_false (sculptor_stable_rows_grow (rows));
  text = shown (rows);
  g_assert_cmpstr (text, ==, "a b c d e f z g h");
  g_clear_pointer (&text, g_free);
  g_assert_cmpuint (sculptor_stable_rows_get_n_pending (rows), ==, 0);

  /* shrinking is never spread out */
  sculptor_stable_rows_set_source (rows, G_LIST_MODEL (shorter));
  text = shown (rows);
  g_assert_cmpstr (text, ==, "p q");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/StableRows/replace-in-place", test_replace_in_place);
  g_test_add_func ("/StableRows/source-changes", test_source_changes);
  g_test_add_func ("/StableRows/growth", test_growth);
  return g_test_run ();
}
