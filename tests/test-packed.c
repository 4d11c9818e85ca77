/* test-packed.c — compressed blobs of saved runs, and the snapshot budget
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sc-error.h"
#include "sc-packed.h"
#include "sc-rng.h"
#include "sc-snapshot.h"

static void
test_roundtrip (void)
{
  const gsize lengths[] = { 0, 1, 1000, 300000 };

  for (guint l = 0; l < G_N_ELEMENTS (lengths); l++)
    {
      gsize len = lengths[l];
      g_autofree guint8 *data = g_malloc (MAX (len, 1));
      g_autofree char *text = NULL;
      g_autofree guint8 *back = NULL;
      g_autoptr(GError) error = NULL;
      ScRng rng;

      /* half random bytes, half a sparse 0/1 mask */
      sc_rng_init (&rng, l);
      for (gsize i = 0; i < len; i++)
        data[i] = i < len / 2 ? (guint8) (sc_rng_next (&rng) & 0xff) : (sc_rng_next (&rng) % 97 == 0);

      text = sc_pack_bytes (data, len);
      g_assert_nonnull (text);
      back = sc_unpack_bytes (text, len, &error);
      g_assert_no_error (error);
      g_assert_nonnull (back);   /* also for no bytes: a layer without edges */
      g_assert_true (len == 0 || memcmp (data, back, len) == 0);
    }
}

static void
test_mask_compresses (void)
{
  /* a 1568 × 392 mask at 1 % density: the point of packing */
  gsize len = 1568 * 392;
  g_autofree guint8 *mask = g_malloc0 (len);
  g_autofree char *text = NULL;

  for (gsize i = 0; i < len; i += 100)
    mask[i] = 1;
  text = sc_pack_bytes (mask, len);
  g_assert_cmpuint (strlen (text), <, len / 50);
}

static void
test_errors (void)
{
  guint8 data[256];
  g_autofree char *text = NULL;
  g_autofree char *cut = NULL;

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) (i * 37);
  text = sc_pack_bytes (data, sizeof data);

  {
    g_autoptr(GError) error = NULL;

    /* more or fewer bytes than the snapshot needs */
    g_assert_null (sc_unpack_bytes (text, sizeof data - 1, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
    g_clear_error (&error);
    g_assert_null (sc_unpack_bytes (text, sizeof data + 1, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
    g_assert_nonnull (strstr (error->message, "256"));
  }
  {
    g_autoptr(GError) error = NULL;

    g_assert_null (sc_unpack_bytes ("not base64 at all!", 4, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
    g_assert_nonnull (strstr (error->message, "base64"));
  }
  {
    g_autoptr(GError) error = NULL;

    /* valid base64 but not zlib */
    g_assert_null (sc_unpack_bytes ("AAAAAAAA", 4, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
  }
  {
    g_autoptr(GError) error = NULL;

    /* a cut-off stream */
    cut = g_strndup (text, strlen (text) / 2 / 4 * 4);
    g_assert_null (sc_unpack_bytes (cut, sizeof data, &error));
    g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
  }
}

static void
test_budget_plan (void)
{
  const gsize sizes[] = { 10, 10, 10, 10, 10, 10 };
  const gboolean accepted[] = { TRUE, TRUE, FALSE, TRUE, FALSE, TRUE };
  gboolean keep[6];

  /* everything fits */
  sc_snapshot_plan_budget (sizes, accepted, 6, 60, keep);
  for (guint i = 0; i < 6; i++)
    g_assert_true (keep[i]);

  /* rejected steps go first, earliest first */
  sc_snapshot_plan_budget (sizes, accepted, 6, 50, keep);
  g_assert_false (keep[2]);
  g_assert_true (keep[4]);
  sc_snapshot_plan_budget (sizes, accepted, 6, 40, keep);
  g_assert_false (keep[2]);
  g_assert_false (keep[4]);
  g_assert_true (keep[1] && keep[3]);

  /* then accepted ones, but never the first or the last */
  sc_snapshot_plan_budget (sizes, accepted, 6, 0, keep);
  g_assert_true (keep[0]);
  g_assert_true (keep[5]);
  for (guint i = 1; i < 5; i++)
    g_assert_false (keep[i]);

  /* sizes from the architecture match what a snapshot reports */
  {
    const guint arch[] = { 1568, 392, 3 };
    g_autoptr(ScSnapshot) snapshot = sc_snapshot_new (arch, 3);

    g_assert_cmpuint (sc_snapshot_size_for_arch (arch, 3), ==, sc_snapshot_get_size (snapshot));
    g_assert_cmpuint (sc_snapshot_get_size (snapshot), >, 1568 * 392 * 5);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/packed/roundtrip", test_roundtrip);
  g_test_add_func ("/packed/mask-compresses", test_mask_compresses);
  g_test_add_func ("/packed/errors", test_errors);
  g_test_add_func ("/packed/budget-plan", test_budget_plan);

  return g_test_run ();
}
