/* test-mask.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "sc-error.h"
#include "sc-mask.h"

static JsonNode *
parse_json (const char *text)
{
  g_autoptr(GError) error = NULL;
  JsonNode *node = json_from_string (text, &error);

  g_assert_no_error (error);
  return node;
}

static void
test_mask_edges_roundtrip (void)
{
  const guint arch[] = { 4, 3, 2 };
  const char *edges = "[[[0,0],[1,0],[2,2],[3,2]],[[0,0],[2,1]]]";
  g_autoptr(JsonNode) node = parse_json (edges);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScMask) mask = sc_mask_from_edges_json (arch, 3, node, &error);
  g_autoptr(JsonNode) back = NULL;
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (sc_mask_count (mask), ==, 6);
  g_assert_cmpuint (sc_mask_count_layer (mask, 1), ==, 2);
  g_assert_cmpuint (sc_mask_total_size (mask), ==, 18);
  g_assert_true (sc_mask_get (mask, 0, 3, 2));
  g_assert_false (sc_mask_get (mask, 0, 2, 1));
  g_assert_cmpuint (sc_mask_unit_offset (mask, 2), ==, 7);
  g_assert_cmpuint (sc_mask_n_units (mask), ==, 9);

  back = sc_mask_to_edges_json (mask);
  text = json_to_string (back, FALSE);
  g_assert_cmpstr (text, ==, edges);
}

static void
test_mask_edges_errors (void)
{
  const guint arch[] = { 2, 2 };
  const char *bad[] = {
    "{}", "[]", "[[[0,2]]]", "[[[0]]]", "[[[-1,0]]]", "[[[0.5,0]]]", "[[7]]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(JsonNode) node = parse_json (bad[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(ScMask) mask = sc_mask_from_edges_json (arch, 2, node, &error);

      g_assert_null (mask);
      g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
    }
}

/* A hostile architecture is an error, not a terabyte allocation. */
static void
test_mask_edges_too_big (void)
{
  const guint arch[] = { 1048576, 1048576, 2 };
  g_autoptr(JsonNode) node = parse_json ("[[], []]");
  g_autoptr(GError) error = NULL;
  g_autoptr(ScMask) mask = sc_mask_from_edges_json (arch, 3, node, &error);

  g_assert_null (mask);
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "weights"));
}

static void
test_mask_copy_equal (void)
{
  const guint arch[] = { 3, 5, 2 };
  g_autoptr(ScMask) a = sc_mask_new (arch, 3, TRUE);
  g_autoptr(ScMask) b = sc_mask_copy (a);

  g_assert_true (sc_mask_equal (a, b));
  b->m[1][3] = 0;
  g_assert_false (sc_mask_equal (a, b));
  g_assert_cmpuint (sc_mask_count (b), ==, 24);
}

static void
test_arch_parse (void)
{
  struct { const char *text; const char *expect; } good[] = {
    { "4,24,24,4", "4-24-24-4" },
    { "4-24-4", "4-24-4" },
    { "[4, 24, 4]", "4-24-4" },
    { " 1568 , 392,3 ", "1568-392-3" },
  };
  const char *bad[] = { "", "4", "4,,x", "4,0,4", "a,b", "4,-1,3", "4,99999999999,4" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GArray) arch = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *text = NULL;

      g_assert_true (sc_arch_parse (good[i].text, &arch, &error));
      g_assert_no_error (error);
      text = sc_arch_to_string ((guint *) arch->data, arch->len, '-');
      g_assert_cmpstr (text, ==, good[i].expect);
    }

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GArray) arch = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (sc_arch_parse (bad[i], &arch, &error));
      g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
      g_assert_null (arch);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/mask/edges-roundtrip", test_mask_edges_roundtrip);
  g_test_add_func ("/mask/edges-errors", test_mask_edges_errors);
  g_test_add_func ("/mask/copy-equal", test_mask_copy_equal);
  g_test_add_func ("/mask/edges-too-big", test_mask_edges_too_big);
  g_test_add_func ("/mask/arch-parse", test_arch_parse);

  return g_test_run ();
}
