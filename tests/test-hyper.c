/* test-hyper.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "sc-error.h"
#include "sc-hyper.h"

static void
test_hyper_defaults (void)
{
  ScHyper h;

  sc_hyper_init_defaults (&h);
  g_assert_cmpfloat (h.lr, ==, 0.05);
  g_assert_cmpuint (h.batch_size, ==, 8);
  g_assert_cmpuint (h.epochs, ==, 15);
  g_assert_cmpfloat (h.weight_decay, ==, 1e-4);
  g_assert_cmpfloat (h.noise, ==, 0.1);
  g_assert_cmpfloat (h.threshold, ==, 100.0);
  g_assert_cmpuint (h.edge_steps->len, ==, 5);
  g_assert_cmpfloat (g_array_index (h.edge_steps, double, 0), ==, 2.5);
  g_assert_cmpfloat (h.mm_threshold, ==, 0.2);
  g_assert_cmpfloat (h.merge_threshold, ==, 0.9);
  /* step sizes default to the number of weight layers (method.md §5) */
  g_assert_cmpuint (sc_hyper_feature_step (&h), ==, 2);
  g_assert_cmpuint (sc_hyper_clusterability_step (&h), ==, 2);
  g_assert_cmpuint (sc_hyper_retrain_epochs (&h), ==, 15);
  sc_hyper_clear (&h);
}

static void
test_hyper_set_get (void)
{
  ScHyper h;
  g_autoptr(GError) error = NULL;
  g_autofree char *steps = NULL;
  g_autofree char *arch = NULL;

  sc_hyper_init_defaults (&h);
  g_assert_true (sc_hyper_set (&h, "batch-size", "32", &error));
  g_assert_true (sc_hyper_set (&h, "batch_size", "16", &error));
  g_assert_true (sc_hyper_set (&h, "edge-steps", "2,1.5", &error));
  g_assert_true (sc_hyper_set (&h, "arch", "6,24,24,3", &error));
  g_assert_true (sc_hyper_set (&h, "threshold-mode", "below-dense", &error));
  g_assert_true (sc_hyper_set (&h, "seed", "18446744073709551615", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (h.batch_size, ==, 16);
  g_assert_cmpuint (h.seed, ==, G_MAXUINT64);
  steps = sc_hyper_get (&h, "edge-steps");
  g_assert_cmpstr (steps, ==, "2,1.5");
  arch = sc_hyper_get (&h, "arch");
  g_assert_cmpstr (arch, ==, "6,24,24,3");
  g_assert_cmpuint (sc_hyper_feature_step (&h), ==, 3);
  sc_hyper_clear (&h);
}

static void
test_hyper_errors (void)
{
  struct { const char *key, *value, *fragment; } bad[] = {
    { "lr", "fast", "lr" },
    { "lr", "-1", "between" },
    { "batch-size", "0", "batch-size" },
    { "batch-size", "-3", "non-negative" },
    { "epochs", "1.5", "epochs" },
    { "edge-steps", "", "at least one" },
    { "edge-steps", "2,x", "not a number" },
    { "unit-step", "100", "unit-step" },
    { "threshold", "nan", "threshold" },
    { "threshold-mode", "relative", "absolute" },
    { "no-such-key", "1", "unknown parameter" },
    { "arch", "4", "architecture" },
    { "arch", "4,0,4", "width 0" },
    { "arch", "4,x,4", "not an architecture" },
    { "batch-size", "2000000", "between 1 and 1048576" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      ScHyper h;
      g_autoptr(GError) error = NULL;

      sc_hyper_init_defaults (&h);
      g_assert_false (sc_hyper_set (&h, bad[i].key, bad[i].value, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, bad[i].fragment));
      /* the command line prints "--" + message: it starts with the key */
      if (strcmp (bad[i].key, "no-such-key") != 0)
        g_assert_true (g_str_has_prefix (error->message, bad[i].key));
      sc_hyper_clear (&h);
    }
}

static void
test_hyper_validate (void)
{
  ScHyper h;
  g_autoptr(GError) error = NULL;

  sc_hyper_init_defaults (&h);
  g_assert_true (sc_hyper_validate (&h, 4, 4, NULL));
  g_assert_false (sc_hyper_validate (&h, 6, 3, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "6"));
  g_clear_error (&error);

  /* too big to train: refused, not an allocation failure */
  g_assert_true (sc_hyper_set (&h, "arch", "4,100000,100000,4", NULL));
  g_assert_false (sc_hyper_validate (&h, 4, 4, &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "weights"));
  sc_hyper_clear (&h);
}

static void
test_hyper_json_roundtrip (void)
{
  ScHyper a, b;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) error = NULL;
  const char * const *keys = sc_hyper_keys ();

  sc_hyper_init_defaults (&a);
  sc_hyper_init_defaults (&b);
  sc_hyper_set (&a, "arch", "8,36,36,8", NULL);
  sc_hyper_set (&a, "lr", "0.1", NULL);
  sc_hyper_set (&a, "edge-steps", "1.5", NULL);
  sc_hyper_set (&a, "reference-val-loss", "true", NULL);
  sc_hyper_set (&a, "seed", "5", NULL);

  json_builder_begin_object (builder);
  sc_hyper_to_json (&a, builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);

  g_assert_true (sc_hyper_from_json (&b, json_node_get_object (root), &error));
  g_assert_no_error (error);
  for (guint i = 0; keys[i]; i++)
    {
      g_autofree char *va = sc_hyper_get (&a, keys[i]);
      g_autofree char *vb = sc_hyper_get (&b, keys[i]);

      g_assert_cmpstr (va, ==, vb);
      g_assert_nonnull (sc_hyper_describe (keys[i]));
    }

  sc_hyper_clear (&a);
  sc_hyper_clear (&b);
}

static void
test_hyper_json_error (void)
{
  ScHyper h;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = json_from_string ("{\"lr\": \"x\"}", NULL);

  sc_hyper_init_defaults (&h);
  g_assert_false (sc_hyper_from_json (&h, json_node_get_object (node), &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
  g_assert_nonnull (strstr (error->message, "lr"));
  sc_hyper_clear (&h);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/hyper/defaults", test_hyper_defaults);
  g_test_add_func ("/hyper/set-get", test_hyper_set_get);
  g_test_add_func ("/hyper/errors", test_hyper_errors);
  g_test_add_func ("/hyper/validate", test_hyper_validate);
  g_test_add_func ("/hyper/json-roundtrip", test_hyper_json_roundtrip);
  g_test_add_func ("/hyper/json-error", test_hyper_json_error);

  return g_test_run ();
}
