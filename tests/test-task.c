/* test-task.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Every expected truth table here is computed from the definitions of
 * tasks-truth.md written out below (minterm sets, formulas, the printed
 * t.t. strings), never from the .sfg files under test. */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>
#include <gio/gio.h>

#include "sc-error.h"
#include "sc-mask.h"
#include "sc-paper.h"
#include "sc-task.h"
#include "sc-tasks-resources.h"

/* ------------------------------------------------------------------ */
/* tasks-truth.md, written independently of data/tasks */

/* minterms as x0x1x2x3 */
static const char * const F_A_MINTERMS[] = { "0011", "1010", "1100", NULL };
static const char * const F_B_MINTERMS[] = { "0101", "1001", "1111", NULL };
static const char * const R_A_MINTERMS[] = { "1010", "1100", NULL };
static const char * const R_B_MINTERMS[] = { "0011", "1010", NULL };

/* Exemplar 1, full truth table x0x1x2x3 → y0y1y2y3 */
static const char * const TABLE_424[] = {
  "0000→0101", "0001→0110", "0010→0110", "0011→0101", "0100→1001",
  "0101→1010", "0110→1010", "0111→1001", "1000→1001", "1001→1010", "1010→1010",
  "1011→1001", "1100→0101", "1101→0110", "1110→0110", "1111→0101",
};

/* printed t.t. strings (rows 0, 1, … left to right) */
static const char * const TT_424[] = {
  "0000111111110000", "1111000000001111", "0110011001100110", "1001100110011001",
};
static const char TT_414[] = "0001000000101000";
static const char TT_REUSED_EVEN[] = "0000000000101000";
static const char TT_REUSED_ODD[] = "0001000000100000";
static const char * const TT_6333[] = {
  "0000000000001111000000000000111100000000000011111111111111111111",
  "0001000100010001000100010001000100010001000100011111111111111111",
  "0001000100011111000100010001111100010001000111110001000100011111",
};
static const char TT_LEVELS_EVEN_HEX[] =
  "000000000000fbbe000000000000000000000000fbbe0000fbbe000000000000";
static const char TT_LEVELS_ODD_HEX[] =
  "0441044104410000044104410441044104410441000004410000044104410441";

static const guint KS[] = { 2, 4, 8, 12, 16 };

/* x_i of row r of an n-input table: x0 is the most significant bit */
static guint
row_bit (guint r,
         guint n,
         guint i)
{
  return (r >> (n - 1 - i)) & 1;
}

/* The 4-bit pattern x_first … x_first+3 of row r as a string "0101". */
static void
window (guint  r,
        guint  n,
        guint  first,
        char   out[5])
{
  for (guint k = 0; k < 4; k++)
    out[k] = '0' + row_bit (r, n, first + k);
  out[4] = '\0';
}

static guint
in_set (const char * const *minterms,
        const char          *pattern)
{
  return g_strv_contains (minterms, pattern) ? 1 : 0;
}

static guint
f_a (guint r, guint n, guint first)
{
  char w[5];

  window (r, n, first, w);
  return in_set (F_A_MINTERMS, w);
}

static guint
f_b (guint r, guint n, guint first)
{
  char w[5];

  window (r, n, first, w);
  return in_set (F_B_MINTERMS, w);
}

static guint
r_a (guint r)
{
  char w[5];

  window (r, 4, 0, w);
  return in_set (R_A_MINTERMS, w);
}

static guint
r_b (guint r)
{
  char w[5];

  window (r, 4, 0, w);
  return in_set (R_B_MINTERMS, w);
}

/* Expected output j of row r, from the definitions above. */
typedef guint (*ExpectFunc) (guint r, guint j, guint n, guint param);

static guint
expect_424 (guint r, guint j, guint n, guint param)
{
  const char *entry = TABLE_424[r];
  const char *arrow = strstr (entry, "→");
  char pattern[5];

  /* the table's own input column must be row r's expansion */
  window (r, 4, 0, pattern);
  g_assert_cmpint (strncmp (entry, pattern, 4), ==, 0);
  return arrow[strlen ("→") + j] == '1';
}

static guint
expect_414 (guint r, guint j, guint n, guint param)
{
  return f_a (r, 4, 0);
}

static guint
expect_reuse (guint r, guint j, guint n, guint param)
{
  return j % 2 == 0 ? r_a (r) : r_b (r);
}

static guint
expect_6333 (guint r, guint j, guint n, guint param)
{
  guint p[3];

  for (guint k = 0; k < 3; k++)
    p[k] = row_bit (r, 6, 2 * k) & row_bit (r, 6, 2 * k + 1);
  switch (j)
    {
    case 0: return p[0] | p[1];
    case 1: return p[0] | p[2];
    case 2: return p[1] | p[2];
    default: g_assert_not_reached ();
    }
}

/* overlap o: n = 8 − o, g = F_A(x0..x3), h = F_B(x(n−4)..x(n−1)) */
static guint
expect_overlap (guint r, guint j, guint n, guint overlap)
{
  g_assert_cmpuint (n, ==, 8 - overlap);
  return j % 2 == 0 ? f_a (r, n, 0) : f_b (r, n, n - 4);
}

/* G(g, h) = (g ∧ ¬h, ¬g ∧ h) on g = F_A(x0..x3), h = F_B(x4..x7) */
static guint
expect_levels (guint r, guint j, guint n, guint param)
{
  guint g = f_a (r, 8, 0);
  guint h = f_b (r, 8, 4);

  return j % 2 == 0 ? (g && !h) : (!g && h);
}

typedef struct
{
  char       *name;
  const char *family;
  char       *spec;
  guint       n_in;
  guint       n_out;
  ExpectFunc  expect;
  guint       param;
} Expected;

static void
expected_free (gpointer data)
{
  Expected *e = data;

  g_free (e->name);
  g_free (e->spec);
  g_free (e);
}

static void
add_expected (GPtrArray  *list,
              char       *name,
              const char *family,
              char       *spec,
              guint       n_in,
              guint       n_out,
              ExpectFunc  expect,
              guint       param)
{
  Expected *e = g_new0 (Expected, 1);

  e->name = name;
  e->family = family;
  e->spec = spec;
  e->n_in = n_in;
  e->n_out = n_out;
  e->expect = expect;
  e->param = param;
  g_ptr_array_add (list, e);
}

/* Every bundled task of the paper (tasks-truth.md, method.md §1.3). */
static GPtrArray *
expected_tasks (void)
{
  /* spec = prefix + K + "]" */
  static const char * const overlap_specs[] = {
    "[8,2,", "[7,3,2,", "[6,3,2,", "[5,3,2,", "[4,1,2,2,",
  };
  GPtrArray *list = g_ptr_array_new_with_free_func (expected_free);

  add_expected (list, g_strdup ("exemplar/input-separable"), "Exemplars", g_strdup ("[4,2,4]"),
                4, 4, expect_424, 0);
  add_expected (list, g_strdup ("exemplar/non-modular"), "Exemplars", g_strdup ("[4,1,4]"),
                4, 4, expect_414, 0);
  add_expected (list, g_strdup ("exemplar/reused"), "Exemplars", g_strdup ("[4,1,2,16]"),
                4, 16, expect_reuse, 0);
  add_expected (list, g_strdup ("exemplar/separable-reused"), "Exemplars",
                g_strdup ("[6,3,3,3]"), 6, 3, expect_6333, 0);

  for (guint k = 0; k < G_N_ELEMENTS (KS); k++)
    add_expected (list, g_strdup_printf ("reuse/k%u", KS[k]), "Reuse",
                  g_strdup_printf ("[4,1,2,%u]", KS[k]), 4, KS[k], expect_reuse, 0);

  for (guint o = 0; o <= 4; o++)
    for (guint k = 0; k < G_N_ELEMENTS (KS); k++)
      add_expected (list, g_strdup_printf ("overlap/o%u-k%u", o, KS[k]), "Input overlap",
                    g_strdup_printf ("%s%u]", overlap_specs[o], KS[k]),
                    8 - o, KS[k], expect_overlap, o);

  for (guint k = 0; k < G_N_ELEMENTS (KS); k++)
    add_expected (list, g_strdup_printf ("levels/k%u", KS[k]), "Hierarchical levels",
                  g_strdup_printf ("[8,2,1,2,%u]", KS[k]), 8, KS[k], expect_levels, 0);

  return list;
}

/* ------------------------------------------------------------------ */
/* Helpers */

static ScTask *
load_bundled (const char *name)
{
  g_autoptr(GError) error = NULL;
  ScTask *task = sc_task_load_bundled (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (task);
  return task;
}

static guint
out_bit (const ScTask *task,
         guint         r,
         guint         j)
{
  float v = task->train->y[(gsize) r * task->n_out + j];

  g_assert_true (v == 0.0f || v == 1.0f);
  return v == 1.0f;
}

/* Column j of the task as a t.t. string. */
static char *
column_string (const ScTask *task,
               guint         j)
{
  GString *s = g_string_new (NULL);

  for (guint r = 0; r < task->train->n_rows; r++)
    g_string_append_c (s, '0' + out_bit (task, r, j));
  return g_string_free (s, FALSE);
}

static char *
hex_to_bits (const char *hex)
{
  GString *s = g_string_new (NULL);

  for (const char *h = hex; *h != '\0'; h++)
    {
      int v = g_ascii_xdigit_value (*h);

      g_assert_cmpint (v, >=, 0);
      for (int b = 3; b >= 0; b--)
        g_string_append_c (s, '0' + ((v >> b) & 1));
    }
  return g_string_free (s, FALSE);
}

static int
node_index (const ScTruth *truth,
            const char    *name)
{
  for (guint n = 0; n < truth->n_nodes; n++)
    if (strcmp (truth->nodes[n].name, name) == 0)
      return n;
  g_assert_not_reached ();
}

static const ScTruthNode *
node (const ScTruth *truth,
      const char    *name)
{
  return &truth->nodes[node_index (truth, name)];
}

static void
assert_groups (const int  *group,
               guint       n,
               const int  *expected,
               guint       n_groups,
               guint       expected_n_groups)
{
  g_assert_cmpuint (n_groups, ==, expected_n_groups);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (group[i], ==, expected[i]);
}

static void
assert_uints (const GArray *array,
              const guint  *expected,
              guint         n)
{
  g_assert_cmpuint (array->len, ==, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (g_array_index (array, guint, i), ==, expected[i]);
}

/* A scratch directory with files written by the tests. */
typedef struct
{
  char      *dir;
  GPtrArray *files;
} Scratch;

static void
scratch_init (Scratch *s)
{
  g_autoptr(GError) error = NULL;

  s->dir = g_dir_make_tmp ("sculptor-test-task-XXXXXX", &error);
  g_assert_no_error (error);
  s->files = g_ptr_array_new_with_free_func (g_free);
}

static const char *
scratch_write (Scratch    *s,
               const char *basename,
               const char *contents)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (s->dir, basename, NULL);
  guint index;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  /* the returned path stays valid until scratch_clear() */
  if (!g_ptr_array_find_with_equal_func (s->files, path, g_str_equal, &index))
    {
      index = s->files->len;
      g_ptr_array_add (s->files, g_steal_pointer (&path));
    }
  return g_ptr_array_index (s->files, index);
}

static void
scratch_clear (Scratch *s)
{
  for (guint i = 0; i < s->files->len; i++)
    g_unlink (g_ptr_array_index (s->files, i));
  g_rmdir (s->dir);
  g_free (s->dir);
  g_ptr_array_unref (s->files);
}

/* ------------------------------------------------------------------ */
/* Bundled tasks */

static void
collect_resources (const char *dir,
                   GPtrArray  *names)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) children = g_resource_enumerate_children (sc_tasks_get_resource (), dir,
                                                           G_RESOURCE_LOOKUP_FLAGS_NONE,
                                                           &error);
  const char *prefix = "/io/github/sculptor/tasks/";

  g_assert_no_error (error);
  for (guint c = 0; children[c] != NULL; c++)
    {
      g_autofree char *path = g_strconcat (dir, children[c], NULL);

      if (g_str_has_suffix (children[c], "/"))
        collect_resources (path, names);
      else
        {
          g_assert_true (g_str_has_suffix (path, ".sfg"));
          path[strlen (path) - strlen (".sfg")] = '\0';
          g_ptr_array_add (names, g_strdup (path + strlen (prefix)));
        }
    }
}

static void
test_bundled_names (void)
{
  const char * const *names = sc_task_bundled_names ();
  g_autoptr(GPtrArray) expected = expected_tasks ();
  g_autoptr(GPtrArray) resources = g_ptr_array_new_with_free_func (g_free);
  guint n = g_strv_length ((char **) names);

  /* the list is the paper's tasks in a sensible order: exemplars first */
  g_assert_cmpuint (n, ==, expected->len);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (names[i], ==, ((Expected *) g_ptr_array_index (expected, i))->name);

  /* and exactly the files compiled into the resource bundle */
  collect_resources ("/io/github/sculptor/tasks/", resources);
  g_assert_cmpuint (resources->len, ==, n);
  for (guint i = 0; i < resources->len; i++)
    g_assert_true (g_strv_contains (names, g_ptr_array_index (resources, i)));
}

static void
test_bundled_tables (void)
{
  g_autoptr(GPtrArray) expected = expected_tasks ();

  for (guint t = 0; t < expected->len; t++)
    {
      const Expected *e = g_ptr_array_index (expected, t);
      g_autoptr(ScTask) task = load_bundled (e->name);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", e->name);
      g_assert_cmpstr (task->name, ==, e->name);
      g_assert_cmpstr (task->family, ==, e->family);
      g_assert_cmpstr (task->spec, ==, e->spec);
      g_assert_nonnull (task->title);
      g_assert_nonnull (task->description);
      g_assert_null (task->path);
      g_assert_cmpint (task->kind, ==, SC_TASK_BOOLEAN);
      g_assert_cmpuint (task->n_in, ==, e->n_in);
      g_assert_cmpuint (task->n_out, ==, e->n_out);
      g_assert_cmpuint (g_strv_length (task->input_names), ==, e->n_in);
      g_assert_cmpuint (g_strv_length (task->output_names), ==, e->n_out);
      /* Boolean tasks: train = validation = test (method.md §1.1) */
      g_assert_true (task->test == task->train);
      g_assert_cmpuint (task->train->n_rows, ==, 1u << e->n_in);
      g_assert_nonnull (task->truth);
      g_assert_true (sc_hyper_validate (&task->defaults, e->n_in, e->n_out, &error));
      g_assert_no_error (error);

      for (guint r = 0; r < task->train->n_rows; r++)
        {
          for (guint i = 0; i < e->n_in; i++)
            g_assert_cmpfloat (task->train->x[(gsize) r * e->n_in + i], ==,
                               (float) row_bit (r, e->n_in, i));
          for (guint j = 0; j < e->n_out; j++)
            if (out_bit (task, r, j) != e->expect (r, j, e->n_in, e->param))
              g_error ("%s: row %u output y%u is %u, expected %u", e->name, r, j,
                       out_bit (task, r, j), e->expect (r, j, e->n_in, e->param));
        }
    }
}

/* The t.t. strings printed in tasks-truth.md, column by column. */
static void
test_bundled_printed_strings (void)
{
  g_autoptr(ScTask) sep = load_bundled ("exemplar/input-separable");
  g_autoptr(ScTask) nonmod = load_bundled ("exemplar/non-modular");
  g_autoptr(ScTask) reused = load_bundled ("exemplar/reused");
  g_autoptr(ScTask) both = load_bundled ("exemplar/separable-reused");
  g_autofree char *even_bits = hex_to_bits (TT_LEVELS_EVEN_HEX);
  g_autofree char *odd_bits = hex_to_bits (TT_LEVELS_ODD_HEX);

  for (guint j = 0; j < 4; j++)
    {
      g_autofree char *a = column_string (sep, j);
      g_autofree char *b = column_string (nonmod, j);

      g_assert_cmpstr (a, ==, TT_424[j]);
      g_assert_cmpstr (b, ==, TT_414);
    }
  for (guint j = 0; j < 16; j++)
    {
      g_autofree char *col = column_string (reused, j);

      g_assert_cmpstr (col, ==, j % 2 == 0 ? TT_REUSED_EVEN : TT_REUSED_ODD);
    }
  for (guint j = 0; j < 3; j++)
    {
      g_autofree char *col = column_string (both, j);

      g_assert_cmpstr (col, ==, TT_6333[j]);
    }
  for (guint k = 0; k < G_N_ELEMENTS (KS); k++)
    {
      g_autofree char *name = g_strdup_printf ("levels/k%u", KS[k]);
      g_autoptr(ScTask) levels = load_bundled (name);

      for (guint j = 0; j < KS[k]; j++)
        {
          g_autofree char *col = column_string (levels, j);

          g_assert_cmpstr (col, ==, j % 2 == 0 ? even_bits : odd_bits);
        }
    }
  /* the reuse family's K = 16 is the reused exemplar (method.md §7) */
  {
    g_autoptr(ScTask) k16 = load_bundled ("reuse/k16");
    g_autofree char *a = sc_task_to_csv (k16);
    g_autofree char *b = sc_task_to_csv (reused);

    g_assert_cmpstr (a, ==, b);
  }
}

/* The paper's per-task settings (method.md §7). */
static void
test_bundled_defaults (void)
{
  static const struct
  {
    const char *name, *arch;
    double lr;
    guint batch, epochs;
    double pu, pe;
  } cases[] = {
    { "exemplar/input-separable", "4,24,24,4", 0.05, 8, 10, 65, 1.5 },
    { "exemplar/non-modular", "4,24,4", 0.1, 8, 40, 70, 2.5 },
    { "exemplar/reused", "4,24,24,16", 0.1, 8, 40, 70, 2.5 },
    { "exemplar/separable-reused", "6,24,24,3", 0.05, 32, 10, 70, 2.5 },
  };
  const char * const *names = sc_task_bundled_names ();

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(ScTask) task = load_bundled (cases[c].name);
      g_autofree char *arch = sc_hyper_get (&task->defaults, "arch");

      g_assert_cmpstr (arch, ==, cases[c].arch);
      g_assert_cmpfloat (task->defaults.lr, ==, cases[c].lr);
      g_assert_cmpuint (task->defaults.batch_size, ==, cases[c].batch);
      g_assert_cmpuint (task->defaults.epochs, ==, cases[c].epochs);
      g_assert_cmpfloat (task->defaults.unit_step, ==, cases[c].pu);
      g_assert_cmpuint (task->defaults.edge_steps->len, ==, 1);
      g_assert_cmpfloat (g_array_index (task->defaults.edge_steps, double, 0), ==, cases[c].pe);
    }

  /* families: inside the ranges of method.md §7, and never one hidden layer
   * for reuse (which one hidden layer cannot express) */
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(ScTask) task = load_bundled (names[i]);
      const ScHyper *h = &task->defaults;

      g_assert_cmpfloat (h->lr, >=, 0.05);
      g_assert_cmpfloat (h->lr, <=, 0.1);
      g_assert_cmpuint (h->batch_size, >=, 8);
      g_assert_cmpuint (h->batch_size, <=, 128);
      g_assert_cmpuint (h->epochs, >=, 10);
      g_assert_cmpuint (h->epochs, <=, 120);
      if (g_str_has_prefix (names[i], "reuse/"))
        g_assert_cmpuint (h->arch->len, >=, 4);
      if (g_str_has_prefix (names[i], "levels/"))
        g_assert_cmpuint (h->arch->len, >=, 5);
    }
}

/* Every bundled Boolean task carries the authors' settings per
 * architecture (paper-settings.json, method.md §7), and its default lr,
 * batch size and epochs are its default architecture's row. */
static void
test_bundled_paper (void)
{
  static const struct
  {
    const char *name, *arch;
    double lr;
    guint batch, epochs, n_rows;
  } cases[] = {
    { "reuse/k2", "4,24,24,2", 0.1, 8, 30, 9 },           /* oracle grid reuse_k2 */
    { "reuse/k4", "4,36,36,4", 0.1, 16, 20, 9 },          /* oracle grid reuse_k4 */
    { "reuse/k16", "4,24,24,24,16", 0.1, 8, 40, 13 },     /* = exemplar/reused */
    { "exemplar/reused", "4,8,8,16", 0.1, 16, 120, 13 },  /* the width study */
    { "exemplar/input-separable", "4,48,48,48,4", 0.05, 8, 20, 9 },
    { "exemplar/non-modular", "4,24,24,4", 0.05, 8, 30, 9 },
    { "exemplar/separable-reused", "6,36,36,36,3", 0.05, 32, 15, 9 },
    { "levels/k8", "8,36,36,36,8", 0.1, 128, 80, 12 },    /* oracle grid levels_k8 */
    { "levels/k2", "8,60,60,60,60,2", 0.05, 64, 40, 12 },
    { "overlap/o4-k16", "4,24,24,16", 0.1, 8, 15, 9 },
    { "overlap/o2-k12", "6,24,24,24,12", 0.05, 32, 80, 9 },
  };
  const char * const *names = sc_task_bundled_names ();

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(ScTask) task = load_bundled (cases[c].name);
      g_autoptr(GArray) arch = NULL;
      const ScPaperSetting *row;

      g_assert_true (sc_arch_parse (cases[c].arch, &arch, NULL));
      row = sc_paper_find (task->paper, (const guint *) arch->data, arch->len);
      g_assert_nonnull (row);
      g_assert_cmpfloat (row->lr, ==, cases[c].lr);
      g_assert_cmpuint (row->batch_size, ==, cases[c].batch);
      g_assert_cmpuint (row->epochs, ==, cases[c].epochs);
      g_assert_cmpuint (task->paper->len, ==, cases[c].n_rows);
    }

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(ScTask) task = load_bundled (names[i]);
      const ScHyper *h = &task->defaults;
      const ScPaperSetting *row = sc_paper_find (task->paper, (const guint *) h->arch->data,
                                                 h->arch->len);

      g_test_message ("%s", names[i]);
      g_assert_nonnull (row);
      g_assert_cmpfloat (h->lr, ==, row->lr);
      g_assert_cmpuint (h->batch_size, ==, row->batch_size);
      g_assert_cmpuint (h->epochs, ==, row->epochs);
      /* the reference's validation loss, as the paper's results (§9.4) */
      g_assert_true (h->reference_val_loss);
      /* 1–3 hidden layers of 24, 36 and 48 (levels: 1–4 of 36, 48, 60) */
      g_assert_cmpuint (task->paper->len, >=, 9);
    }
}

/* `paper` rows: parsed, looked up by architecture, and the source of the
 * defaults a file does not give. */
static void
test_graph_paper (void)
{
  const char *text =
    "inputs a b\nnode f = and(a, b)\noutput y = f\n"
    "default arch 2,4,4,1\n"
    "default epochs 7\n"
    "paper 2-4-1    lr 0.2  batch-size 2  epochs 11\n"
    "paper 2,4,4,1  epochs 12  lr 0.3  batch_size 3   # any order\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = sc_task_parse_graph (text, "paper.sfg", &error);
  g_autoptr(ScTask) plain = NULL;
  const guint deep[] = { 2, 4, 4, 1 }, other[] = { 2, 5, 1 };
  const ScPaperSetting *row;
  g_autofree char *formatted = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (task->paper->len, ==, 2);
  row = sc_paper_find (task->paper, deep, G_N_ELEMENTS (deep));
  g_assert_nonnull (row);
  g_assert_cmpuint (row->line, ==, 7);
  g_assert_cmpfloat (row->lr, ==, 0.3);
  g_assert_cmpuint (row->batch_size, ==, 3);
  g_assert_cmpuint (sc_paper_hidden_layers (row), ==, 2);
  g_assert_cmpuint (sc_paper_width (row), ==, 4);
  g_assert_null (sc_paper_find (task->paper, other, G_N_ELEMENTS (other)));
  formatted = sc_paper_format (row);
  g_assert_cmpstr (formatted, ==, "2-4-4-1 lr 0.3 batch-size 3 epochs 12");

  /* lr and batch size from the default architecture's row; epochs given */
  g_assert_cmpfloat (task->defaults.lr, ==, 0.3);
  g_assert_cmpuint (task->defaults.batch_size, ==, 3);
  g_assert_cmpuint (task->defaults.epochs, ==, 7);

  /* no row for the default architecture: the usual fallbacks */
  plain = sc_task_parse_graph ("inputs a b\nnode f = and(a, b)\noutput y = f\n"
                               "paper 2-4-1 lr 0.2 batch-size 2 epochs 11\n", "p.sfg", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (plain->defaults.lr, ==, 0.05);
  g_assert_cmpuint (plain->defaults.epochs, ==, 15);
}

/* ------------------------------------------------------------------ */
/* Ground truth (sc-truth.h) */

static void
test_truth_input_separable (void)
{
  g_autoptr(ScTask) task = load_bundled ("exemplar/input-separable");
  const ScTruth *t = task->truth;
  const int in_groups[] = { 0, 0, 1, 1 };
  const int out_groups[] = { 0, 0, 1, 1 };
  const guint s1_inputs[] = { 0, 1 };
  const guint s2_inputs[] = { 2, 3 };

  g_assert_cmpuint (t->n_in, ==, 4);
  g_assert_cmpuint (t->n_out, ==, 4);
  g_assert_cmpuint (t->n_nodes, ==, 2);
  assert_groups (t->input_group, 4, in_groups, t->n_input_groups, 2);
  assert_groups (t->output_group, 4, out_groups, t->n_output_groups, 2);
  assert_uints (node (t, "s1")->input_set, s1_inputs, 2);
  assert_uints (node (t, "s2")->input_set, s2_inputs, 2);
  g_assert_cmpuint (node (t, "s1")->n_bits, ==, 2);
  g_assert_cmpuint (node (t, "s1")->level, ==, 1);
  /* each bit copied once: not reuse */
  g_assert_false (node (t, "s1")->reused);
  g_assert_false (node (t, "s2")->reused);
  g_assert_cmpuint (t->output_bit[1], ==, 1);
  g_assert_cmpint (t->output_node[2], ==, node_index (t, "s2"));
}

static void
test_truth_non_modular (void)
{
  g_autoptr(ScTask) task = load_bundled ("exemplar/non-modular");
  const ScTruth *t = task->truth;
  const int groups[] = { 0, 0, 0, 0 };
  const guint all[] = { 0, 1, 2, 3 };

  g_assert_cmpuint (t->n_nodes, ==, 1);
  assert_groups (t->input_group, 4, groups, t->n_input_groups, 1);
  assert_groups (t->output_group, 4, groups, t->n_output_groups, 1);
  assert_uints (t->nodes[0].input_set, all, 4);
  g_assert_cmpuint (t->nodes[0].level, ==, 1);
  g_assert_cmpuint (t->nodes[0].n_users, ==, 4);
  g_assert_true (t->nodes[0].reused);
}

static void
test_truth_reused (void)
{
  g_autoptr(ScTask) task = load_bundled ("exemplar/reused");
  const ScTruth *t = task->truth;
  const int in_groups[] = { 0, 0, 0, 0 };
  const guint all[] = { 0, 1, 2, 3 };
  const guint reads_r[] = { (guint) node_index (t, "R") };

  assert_groups (t->input_group, 4, in_groups, t->n_input_groups, 1);
  g_assert_cmpuint (t->n_output_groups, ==, 2);
  for (guint j = 0; j < 16; j++)
    g_assert_cmpint (t->output_group[j], ==, j % 2);

  g_assert_cmpuint (node (t, "R")->n_bits, ==, 2);
  g_assert_cmpuint (node (t, "R")->level, ==, 1);
  g_assert_cmpuint (node (t, "a")->level, ==, 2);
  g_assert_cmpuint (node (t, "b")->level, ==, 2);
  assert_uints (node (t, "a")->nodes, reads_r, 1);
  assert_uints (node (t, "a")->input_set, all, 4);
  g_assert_cmpuint (node (t, "a")->inputs->len, ==, 0);
  /* R is read by two sub-functions, a and b are copied eight times each */
  g_assert_true (node (t, "R")->reused);
  g_assert_cmpuint (node (t, "R")->n_users, ==, 2);
  g_assert_true (node (t, "a")->reused);
  g_assert_cmpuint (node (t, "a")->n_users, ==, 8);
}

static void
test_truth_separable_reused (void)
{
  g_autoptr(ScTask) task = load_bundled ("exemplar/separable-reused");
  const ScTruth *t = task->truth;
  const int in_groups[] = { 0, 0, 1, 1, 2, 2 };
  const int out_groups[] = { 0, 1, 2 };
  const guint q1_set[] = { 0, 1, 4, 5 };
  const guint q1_reads[] = { (guint) node_index (t, "p0"), (guint) node_index (t, "p2") };

  assert_groups (t->input_group, 6, in_groups, t->n_input_groups, 3);
  assert_groups (t->output_group, 3, out_groups, t->n_output_groups, 3);
  for (guint k = 0; k < 3; k++)
    {
      g_autofree char *p = g_strdup_printf ("p%u", k);
      g_autofree char *q = g_strdup_printf ("q%u", k);

      g_assert_cmpuint (node (t, p)->level, ==, 1);
      g_assert_cmpuint (node (t, q)->level, ==, 2);
      g_assert_true (node (t, p)->reused);          /* each read by two ORs */
      g_assert_cmpuint (node (t, p)->n_users, ==, 2);
      g_assert_false (node (t, q)->reused);
    }
  assert_uints (node (t, "q1")->input_set, q1_set, 4);
  assert_uints (node (t, "q1")->nodes, q1_reads, 2);
}

static void
test_truth_families (void)
{
  /* overlap o: input groups A-only, shared, B-only (tasks-truth.md) */
  static const int groups[5][8] = {
    { 0, 0, 0, 0, 1, 1, 1, 1 },
    { 0, 0, 0, 1, 2, 2, 2 },
    { 0, 0, 1, 1, 2, 2 },
    { 0, 1, 1, 1, 2 },
    { 0, 0, 0, 0 },
  };
  static const guint n_groups[5] = { 2, 3, 3, 3, 1 };

  for (guint o = 0; o <= 4; o++)
    {
      g_autofree char *name = g_strdup_printf ("overlap/o%u-k8", o);
      g_autoptr(ScTask) task = load_bundled (name);
      const ScTruth *t = task->truth;

      assert_groups (t->input_group, 8 - o, groups[o], t->n_input_groups, n_groups[o]);
      g_assert_cmpuint (t->n_output_groups, ==, 2);
      for (guint j = 0; j < 8; j++)
        g_assert_cmpint (t->output_group[j], ==, j % 2);
    }

  for (guint k = 0; k < G_N_ELEMENTS (KS); k++)
    {
      g_autofree char *name = g_strdup_printf ("levels/k%u", KS[k]);
      g_autoptr(ScTask) task = load_bundled (name);
      const ScTruth *t = task->truth;
      const int in_groups[] = { 0, 0, 0, 0, 1, 1, 1, 1 };

      assert_groups (t->input_group, 8, in_groups, t->n_input_groups, 2);
      g_assert_cmpuint (t->n_output_groups, ==, 2);
      g_assert_cmpuint (node (t, "g")->level, ==, 1);
      g_assert_cmpuint (node (t, "h")->level, ==, 1);
      g_assert_cmpuint (node (t, "G")->level, ==, 2);
      g_assert_cmpuint (node (t, "o0")->level, ==, 3);
      g_assert_cmpuint (node (t, "o1")->level, ==, 3);
      g_assert_cmpuint (node (t, "o0")->input_set->len, ==, 8);
      g_assert_cmpuint (node (t, "o0")->n_users, ==, KS[k] / 2);
      g_assert_cmpint (node (t, "o0")->reused, ==, KS[k] >= 4);
    }
}

static void
test_truth_copy (void)
{
  g_autoptr(ScTask) task = load_bundled ("levels/k8");
  g_autoptr(ScTruth) copy = sc_truth_copy (task->truth);

  g_assert_true (copy->nodes != task->truth->nodes);
  g_assert_cmpuint (copy->n_nodes, ==, task->truth->n_nodes);
  for (guint n = 0; n < copy->n_nodes; n++)
    {
      g_assert_cmpstr (copy->nodes[n].name, ==, task->truth->nodes[n].name);
      g_assert_true (copy->nodes[n].input_set != task->truth->nodes[n].input_set);
      g_assert_cmpuint (copy->nodes[n].input_set->len, ==, task->truth->nodes[n].input_set->len);
      g_assert_cmpuint (copy->nodes[n].level, ==, task->truth->nodes[n].level);
    }
  g_assert_cmpmem (copy->output_group, sizeof (int) * copy->n_out,
                   task->truth->output_group, sizeof (int) * task->truth->n_out);
}

/* ------------------------------------------------------------------ */
/* The function-graph format */

static ScTask *
parse_ok (const char *text)
{
  g_autoptr(GError) error = NULL;
  ScTask *task = sc_task_parse_graph (text, "test.sfg", &error);

  g_assert_no_error (error);
  g_assert_nonnull (task);
  return task;
}

static void
test_graph_gates (void)
{
  g_autoptr(ScTask) task = parse_ok (
    "# every gate, hex and binary tables, continuation lines\n"
    "inputs a, b c\n"
    "node n = AND(a, b, c), or(a, b, c), Xor(a, b, c), xnor(a, b),\n"
    "         nand(a, b), nor(a, c),   # comment after a comma\n"
    "\n"
    "         not(a), buf(c)\n"
    "node t = table[0x1e](a, b, c), table[0110_1001](n.2, n.6, n.7)\n"
    "node one = table[10](n.6)\n"
    "outputs o0 = n.0, o1 = n.1, o2 = n.2, o3 = n.3,\n"
    "        o4 = n.4, o5 = n.5, o6 = n.6, o7 = n.7\n"
    "output o8 = t, o9 = t.1\n"
    "output o10 = one.0\n");

  g_assert_cmpuint (task->n_in, ==, 3);
  g_assert_cmpuint (task->n_out, ==, 11);
  g_assert_cmpstr (task->name, ==, "test");        /* no name line: the file name */
  g_assert_cmpstr (task->output_names[10], ==, "o10");

  for (guint r = 0; r < 8; r++)
    {
      guint a = row_bit (r, 3, 0), b = row_bit (r, 3, 1), c = row_bit (r, 3, 2);
      guint want[11];

      want[0] = a & b & c;
      want[1] = a | b | c;
      want[2] = a ^ b ^ c;
      want[3] = !(a ^ b);
      want[4] = !(a & b);
      want[5] = !(a | c);
      want[6] = !a;
      want[7] = c;
      want[8] = (0x1e >> (7 - r)) & 1;             /* rows 0..7 = 00011110 */
      {
        guint idx = want[2] << 2 | want[6] << 1 | want[7];
        want[9] = "01101001"[idx] == '1';
      }
      want[10] = !want[6];                          /* table[10]: row 0 → 1 */
      for (guint j = 0; j < 11; j++)
        g_assert_cmpuint (out_bit (task, r, j), ==, want[j]);
    }

  /* n reads inputs only (level 1); t reads n (level 2); one group per node */
  g_assert_cmpuint (task->truth->nodes[0].level, ==, 1);
  g_assert_cmpuint (task->truth->nodes[1].level, ==, 2);
  g_assert_cmpuint (task->truth->nodes[2].level, ==, 2);
  g_assert_cmpuint (task->truth->n_output_groups, ==, 3);
}

static void
test_graph_metadata (void)
{
  g_autoptr(ScTask) task = parse_ok (
    "name    my/task\n"
    "title   My task\n"
    "family  Mine\n"
    "spec    [3,1,1]\n"
    "description First line,\n"
    "description second line.\n"
    "default lr 0.02\n"
    "default batch_size 4\n"
    "default edge-steps 2, 1\n"
    "inputs x0 x1 x2\n"
    "node f = and(x0, x1, x2)\n"
    "output y = f\n");
  g_autoptr(ScTask) bare = parse_ok ("inputs a b\nnode f = or(a, b)\noutput y = f\n");
  g_autofree char *arch = sc_hyper_get (&task->defaults, "arch");
  g_autofree char *steps = sc_hyper_get (&task->defaults, "edge-steps");

  g_assert_cmpstr (task->name, ==, "my/task");
  g_assert_cmpstr (task->title, ==, "My task");
  g_assert_cmpstr (task->family, ==, "Mine");
  g_assert_cmpstr (task->spec, ==, "[3,1,1]");
  g_assert_cmpstr (task->description, ==, "First line, second line.");
  g_assert_cmpfloat (task->defaults.lr, ==, 0.02);
  g_assert_cmpuint (task->defaults.batch_size, ==, 4);
  g_assert_cmpstr (steps, ==, "2,1");
  /* no default arch: n-24-24-m (sc-task-private.h) */
  g_assert_cmpstr (arch, ==, "3,24,24,1");
  g_assert_null (bare->family);
  g_assert_null (bare->spec);
  g_assert_cmpuint (bare->defaults.batch_size, ==, 8);
}

static void
test_graph_errors (void)
{
  static const struct
  {
    const char *text;
    guint       line;
    const char *fragment;
  } cases[] = {
    /* unknown gate */
    { "inputs a b\nnode f = andd(a, b)\noutput y = f\n", 2, "unknown gate “andd”" },
    /* wrong arity */
    { "inputs a b\nnode f = not(a, b)\noutput y = f\n", 2, "exactly 1 argument" },
    { "inputs a b\nnode f = and(a)\noutput y = f\n", 2, "at least 2 arguments" },
    /* undefined name */
    { "inputs a b\nnode f = and(a, c)\noutput y = f\n", 2, "undefined name “c”" },
    /* cycles */
    { "inputs a b\nnode f = and(a, f)\noutput y = f\n", 2, "cycle: node “f” reads itself" },
    { "inputs a b\n\nnode f = and(a, g)\nnode g = or(f, b)\noutput y = g\n", 3, "cycle" },
    /* forward reference without a cycle */
    { "inputs a b\nnode f = and(a, g)\nnode g = or(a, b)\noutput y = f\n", 2,
      "forward reference to node “g” (defined at line 3)" },
    { "node f = and(a, b)\ninputs a b\noutput y = f\n", 1, "forward reference to input “a”" },
    /* duplicate names */
    { "inputs a b\nnode a = and(a, b)\noutput y = a\n", 2, "duplicate name “a” (first defined at line 1)" },
    { "inputs a b\nnode f = and(a, b)\noutput y = f\noutput y = f\n", 4, "duplicate name “y”" },
    /* bad table length and digits */
    { "inputs a b\nnode f = table[011](a, b)\noutput y = f\n", 2, "needs 4 bits, got 3" },
    { "inputs a b c\nnode f = table[0x1](a, b, c)\noutput y = f\n", 2, "needs 2 hex digits" },
    { "inputs a b\nnode f = table[0120](a, b)\noutput y = f\n", 2, "“2” is not a binary digit" },
    { "inputs a b\nnode f = table(a, b)\noutput y = f\n", 2, "needs its truth table" },
    { "inputs a b\nnode f = and[0110](a, b)\noutput y = f\n", 2, "only “table” gates" },
    /* bad defaults */
    { "default lr fast\ninputs a b\nnode f = and(a, b)\noutput y = f\n", 1, "lr must be a number" },
    { "default speed 3\ninputs a b\nnode f = and(a, b)\noutput y = f\n", 1, "unknown parameter “speed”" },
    { "default arch 3,24,1\ninputs a b\nnode f = and(a, b)\noutput y = f\n", 1, "arch starts with 3 inputs" },
    { "default lr 0.1\ndefault lr 0.2\ninputs a b\nnode f = and(a, b)\noutput y = f\n", 2,
      "duplicate default for “lr” (first at line 1)" },
    /* bad paper rows */
    { "inputs a b\nnode f = and(a, b)\noutput y = f\npaper 2-4-1 lr 0.1 batch-size 8\n", 4,
      "epochs is missing" },
    { "inputs a b\nnode f = and(a, b)\noutput y = f\npaper 2-4-1 lr 0.1 batch 8 epochs 3\n", 4,
      "unknown setting “batch”" },
    { "inputs a b\nnode f = and(a, b)\noutput y = f\npaper 2-4-1 lr slow batch-size 8 epochs 3\n",
      4, "lr must be a number, got “slow”" },
    { "inputs a b\nnode f = and(a, b)\noutput y = f\npaper 2-4-1 lr 0.1 lr 0.2 epochs 3\n", 4,
      "lr given twice" },
    { "inputs a b\nnode f = and(a, b)\noutput y = f\npaper 2-4-1 lr 0.1 batch-size 0 epochs 3\n", 4,
      "batch-size must be between" },
    { "inputs a b\nnode f = and(a, b)\noutput y = f\npaper 2-4-1 lr 0.1 batch-size 8 epochs\n", 4,
      "“epochs” has no value" },
    { "inputs a b\nnode f = and(a, b)\noutput y = f\npaper fast lr 0.1\n", 4,
      "not an architecture" },
    { "inputs a b\nnode f = and(a, b)\noutput y = f\n\npaper 2-4-2 lr 0.1 batch-size 8 epochs 3\n", 5,
      "arch ends with 2 outputs but the task has 1" },
    { "inputs a b\nnode f = and(a, b)\noutput y = f\npaper 2-4-1 lr 0.1 batch-size 8 epochs 3\n"
      "paper 2,4,1 lr 0.2 batch-size 8 epochs 3\n", 5, "duplicate paper row for 2-4-1 (first at line 4)" },
    /* missing inputs or outputs (reported at the last line) */
    { "# nothing\nnode f = and(a, b)\n", 2, "no inputs" },
    { "inputs a b\nnode f = and(a, b)\n\n", 3, "no outputs" },
    /* too many inputs */
    { "inputs x0 x1 x2 x3 x4 x5 x6 x7 x8 x9 x10 x11\n"
      "inputs x12 x13 x14 x15 x16 x17 x18 x19\n"
      "inputs x20\nnode f = and(x0, x1)\noutput y = f\n", 3, "too many inputs" },
    /* bits and outputs */
    { "inputs a b\nnode f = and(a, b)\nnode g = buf(f.1)\noutput y = g\n", 3,
      "node “f” has 1 bit, so “f.1” does not exist" },
    { "inputs a b\nnode f = and(a, b)\noutput y = a\n", 3, "must copy a node bit" },
    { "inputs a b\nnode f = and(a, b)\noutput y = f\nnode g = buf(y)\n", 4, "“y” is an output" },
    /* syntax */
    { "inputs a b\nnode f and(a, b)\noutput y = f\n", 2, "expected “=” after the node name" },
    { "inputs a b\nnode f = and(a b)\noutput y = f\n", 2, "expected “,” or “)”" },
    { "inputs a b\nnode f = and(a, b)\noutput y = f\nfoo bar\n", 4, "unknown statement “foo”" },
    { "inputs a b\nnode f = and(a, b) $\noutput y = f\n", 2, "unexpected character “$”" },
    { "inputs a b\nnode f = and(a, b),\n", 2, "unexpected end of file" },
    { "name one\nname two\ninputs a\nnode f = buf(a)\noutput y = f\n", 2,
      "duplicate “name” line (first at line 1)" },
    { "title\ninputs a\nnode f = buf(a)\noutput y = f\n", 1, "“title” needs a value" },
  };

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScTask) task = sc_task_parse_graph (cases[c].text, "bad.sfg", &error);
      g_autofree char *prefix = g_strdup_printf ("bad.sfg:%u: ", cases[c].line);

      g_test_message ("case %u: %s", c, error ? error->message : "(no error)");
      g_assert_null (task);
      g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_nonnull (strstr (error->message, cases[c].fragment));
    }
}

/* A function graph of n inputs whose one output is x0 XOR x(n−1). */
static char *
xor_of_ends (guint n)
{
  GString *text = g_string_new ("inputs");

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, " x%u", i);
  g_string_append_printf (text, "\nnode f = xor(x0, x%u)\noutput y = f\n", n - 1);
  return g_string_free (text, FALSE);
}

/* A graph with 20 inputs is the largest allowed; 2^20 rows would be slow
 * to test, so check the shape with a smaller table, and that 21 inputs are
 * refused before anything is built. */
static void
test_graph_input_limit (void)
{
  g_autofree char *text = xor_of_ends (12);
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = NULL;

  task = sc_task_parse_graph (text, "wide.sfg", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (task->train->n_rows, ==, 4096);
  g_assert_cmpuint (out_bit (task, 1, 0), ==, 1);       /* x11 = 1 */
  g_assert_cmpuint (out_bit (task, 2048, 0), ==, 1);    /* x0 = 1 */
  g_assert_cmpuint (out_bit (task, 2049, 0), ==, 0);
  g_assert_cmpint (task->truth->input_group[5], ==, -1); /* unread input */

  {
    g_autofree char *wide = xor_of_ends (21);
    g_autoptr(GError) wide_error = NULL;
    g_autoptr(ScTask) none = NULL;

    none = sc_task_parse_graph (wide, "wider.sfg", &wide_error);
    g_assert_null (none);
    g_assert_error (wide_error, SC_ERROR, SC_ERROR_PARSE);
    g_assert_nonnull (strstr (wide_error->message, "at most 20"));
  }
}

/* ------------------------------------------------------------------ */
/* CSV and files */

static void
assert_same_table (const ScTask *a,
                   const ScTask *b)
{
  g_assert_cmpuint (a->n_in, ==, b->n_in);
  g_assert_cmpuint (a->n_out, ==, b->n_out);
  g_assert_cmpuint (a->train->n_rows, ==, b->train->n_rows);
  g_assert_cmpmem (a->train->x, sizeof (float) * a->train->n_rows * a->n_in,
                   b->train->x, sizeof (float) * b->train->n_rows * b->n_in);
  g_assert_cmpmem (a->train->y, sizeof (float) * a->train->n_rows * a->n_out,
                   b->train->y, sizeof (float) * b->train->n_rows * b->n_out);
}

static void
test_csv_roundtrip (void)
{
  const char * const *names = sc_task_bundled_names ();
  Scratch s;

  scratch_init (&s);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(ScTask) task = load_bundled (names[i]);
      g_autofree char *csv = sc_task_to_csv (task);
      const char *path = scratch_write (&s, "table.csv", csv);
      g_autoptr(ScTask) back = sc_task_load_csv (path, &error);
      g_autofree char *again = NULL;

      g_assert_no_error (error);
      assert_same_table (task, back);
      g_assert_null (back->truth);
      g_assert_true (back->test == back->train);
      g_assert_cmpstr (back->name, ==, "table");
      g_assert_cmpstr (back->path, ==, path);
      g_assert_cmpstr (back->output_names[0], ==, "y0");
      again = sc_task_to_csv (back);
      g_assert_cmpstr (again, ==, csv);
    }
  scratch_clear (&s);
}

static void
test_csv_partial (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = NULL;
  g_autofree char *csv = NULL;
  g_autofree char *arch = NULL;
  Scratch s;
  const char *path;

  scratch_init (&s);
  path = scratch_write (&s, "partial.csv",
                        "# a partial XOR table, rows out of order\r\n"
                        " x0 , x1 ,\"y0\",y1\r\n"
                        "\n"
                        "1,1,0,1   # comment\n"
                        "0,1,1,0\n"
                        "1,1,0,1\n");
  task = sc_task_load_csv (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (task->n_in, ==, 2);
  g_assert_cmpuint (task->n_out, ==, 2);
  /* the repeated row collapses; rows are sorted by input pattern */
  g_assert_cmpuint (task->train->n_rows, ==, 2);
  csv = sc_task_to_csv (task);
  g_assert_cmpstr (csv, ==, "x0,x1,y0,y1\n0,1,1,0\n1,1,0,1\n");
  /* CSV defaults: n-24-24-m (sc-task-private.h) */
  arch = sc_hyper_get (&task->defaults, "arch");
  g_assert_cmpstr (arch, ==, "2,24,24,2");
  g_assert_cmpuint (task->defaults.batch_size, ==, 8);
  scratch_clear (&s);
}

static void
test_csv_errors (void)
{
  static const struct
  {
    const char *text;
    guint       line;
    const char *fragment;
  } cases[] = {
    { "", 1, "no header" },
    { "# only a comment\n\n", 1, "no header" },
    { "a,b,y0\n0,0,1\n", 1, "column 1: expected “x0” or “y0”, got “a”" },
    { "x0,x2,y0\n0,0,1\n", 1, "column 2: expected “x1” or “y0”, got “x2”" },
    { "x0,y0,x1\n0,0,1\n", 1, "column 3: expected “y1”, got “x1”" },
    { "x0,x1\n0,1\n", 1, "no output columns" },
    { "y0,y1\n0,1\n", 1, "no input columns" },
    { "x0,x1,y0\n0,0,1\n0,1\n", 3, "expected 3 values (2 inputs, 1 outputs), got 2" },
    { "x0,x1,y0\n\n0,0,1\n0,2,1\n", 4, "column 2 (x1): “2” is not 0 or 1" },
    { "x0,x1,y0\n0,0,1\n1,0,0.5\n", 3, "column 3 (y0): “0.5” is not 0 or 1" },
    { "x0,x1,y0,y1\n0,1,1,0\n1,1,0,0\n# again\n0,1,1,1\n", 5,
      "input row 01 was already given at line 2 with outputs 10; here its outputs are 11" },
    { "x0,x1,y0\n", 1, "no data rows" },
  };
  Scratch s;

  scratch_init (&s);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(GError) error = NULL;
      const char *path = scratch_write (&s, "bad.csv", cases[c].text);
      g_autoptr(ScTask) task = sc_task_load_csv (path, &error);
      g_autofree char *prefix = g_strdup_printf ("%s:%u: ", path, cases[c].line);

      g_test_message ("case %u: %s", c, error ? error->message : "(no error)");
      g_assert_null (task);
      g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, prefix));
      g_assert_nonnull (strstr (error->message, cases[c].fragment));
    }
  scratch_clear (&s);
}

static void
test_lookup (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) bundled = NULL;
  g_autoptr(ScTask) graph = NULL;
  g_autoptr(ScTask) csv = NULL;
  g_autoptr(ScTask) missing = NULL;
  g_autoptr(ScTask) extra = NULL;
  Scratch s;
  const char *sfg_path, *csv_path;

  scratch_init (&s);
  bundled = sc_task_lookup ("overlap/o2-k8", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (bundled->name, ==, "overlap/o2-k8");
  g_assert_null (bundled->path);

  /* a file: .sfg (or any extension) is a graph, .csv a truth table */
  sfg_path = scratch_write (&s, "mine.sfg", "inputs a b\nnode f = xor(a, b)\noutput y = f\n");
  graph = sc_task_lookup (sfg_path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (graph->name, ==, "mine");
  g_assert_cmpstr (graph->path, ==, sfg_path);
  g_assert_nonnull (graph->truth);

  csv_path = scratch_write (&s, "mine.csv", "x0,x1,y0\n0,1,1\n");
  csv = sc_task_lookup (csv_path, &error);
  g_assert_no_error (error);
  g_assert_null (csv->truth);
  g_assert_cmpuint (csv->train->n_rows, ==, 1);

  missing = sc_task_lookup ("reuse/k3", &error);
  g_assert_null (missing);
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  extra = sc_task_load_bundled ("exemplar/nope", &error);
  g_assert_null (extra);
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_null (sc_task_load_file ("/nonexistent/dir/task.sfg", &error));
  g_assert_error (error, SC_ERROR, SC_ERROR_NOT_FOUND);
  scratch_clear (&s);
}

static void
test_refcount (void)
{
  ScTask *task = sc_task_new ();
  ScTask *same = sc_task_ref (task);

  g_assert_true (same == task);
  /* defaults are the reference's (sc_hyper_init_defaults) */
  g_assert_cmpfloat (task->defaults.lr, ==, 0.05);
  g_assert_cmpuint (task->defaults.edge_steps->len, ==, 5);
  sc_task_unref (same);
  sc_task_unref (task);
}

static void
test_display_title (void)
{
  g_autoptr(ScTask) task = sc_task_new ();
  g_autofree char *a = NULL, *b = NULL, *c = NULL;

  task->name = g_strdup ("exemplar/input-separable");
  a = sc_task_display_title (task);
  g_assert_cmpstr (a, ==, "exemplar/input-separable");
  task->title = g_strdup ("Input separable");
  task->spec = g_strdup ("[4,2,4]");
  b = sc_task_display_title (task);
  g_assert_cmpstr (b, ==, "Input separable [4,2,4]");
  c = sc_task_format_title ("Two digits", NULL);
  g_assert_cmpstr (c, ==, "Two digits");
}

static gboolean
in_texts (const char * const *texts,
          const char         *text)
{
  for (guint i = 0; texts[i] != NULL; i++)
    if (strcmp (texts[i], text) == 0)
      return TRUE;
  return FALSE;
}

/* The texts marked for translation (sc-task-strings.c, generated by
 * build-aux/gen-tasks.py) are exactly those of the bundled task files:
 * none missing, none stale. Without a catalog they read as written. */
static void
test_bundled_texts (void)
{
  const char * const *texts = sc_task_bundled_texts ();
  const char * const *names = sc_task_bundled_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(ScTask) task = load_bundled (names[i]);
      const char *own[] = { task->title, task->family, task->description };

      for (guint k = 0; k < G_N_ELEMENTS (own); k++)
        {
          g_assert_nonnull (own[k]);
          if (!in_texts (texts, own[k]))
            g_error ("%s: “%s” is not in sc-task-strings.c; run build-aux/gen-tasks.py",
                     names[i], own[k]);
        }
    }

  for (guint t = 0; texts[t] != NULL; t++)
    {
      gboolean found = FALSE;

      for (guint i = 0; names[i] != NULL && !found; i++)
        {
          g_autoptr(ScTask) task = load_bundled (names[i]);

          found = g_strcmp0 (task->title, texts[t]) == 0 || g_strcmp0 (task->family, texts[t]) == 0 ||
                  g_strcmp0 (task->description, texts[t]) == 0;
        }
      if (!found)
        g_error ("“%s” of sc-task-strings.c belongs to no bundled task; run build-aux/gen-tasks.py",
                 texts[t]);
    }

  {
    g_autoptr(ScTask) task = load_bundled ("reuse/k8");

    g_assert_cmpstr (sc_task_get_title (task), ==, "Reused sub-function, K = 8 (use 4)");
    g_assert_cmpstr (sc_task_get_family (task), ==, "Reuse");
    g_assert_cmpstr (sc_task_get_description (task), ==, task->description);
  }
  g_assert_null (sc_task_translate (NULL));
  g_assert_cmpstr (sc_task_translate (""), ==, "");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/task/bundled/names", test_bundled_names);
  g_test_add_func ("/task/bundled/tables", test_bundled_tables);
  g_test_add_func ("/task/bundled/printed-strings", test_bundled_printed_strings);
  g_test_add_func ("/task/bundled/defaults", test_bundled_defaults);
  g_test_add_func ("/task/bundled/paper", test_bundled_paper);
  g_test_add_func ("/task/bundled/texts", test_bundled_texts);
  g_test_add_func ("/task/truth/input-separable", test_truth_input_separable);
  g_test_add_func ("/task/truth/non-modular", test_truth_non_modular);
  g_test_add_func ("/task/truth/reused", test_truth_reused);
  g_test_add_func ("/task/truth/separable-reused", test_truth_separable_reused);
  g_test_add_func ("/task/truth/families", test_truth_families);
  g_test_add_func ("/task/truth/copy", test_truth_copy);
  g_test_add_func ("/task/graph/gates", test_graph_gates);
  g_test_add_func ("/task/graph/metadata", test_graph_metadata);
  g_test_add_func ("/task/graph/errors", test_graph_errors);
  g_test_add_func ("/task/graph/paper", test_graph_paper);
  g_test_add_func ("/task/graph/input-limit", test_graph_input_limit);
  g_test_add_func ("/task/csv/roundtrip", test_csv_roundtrip);
  g_test_add_func ("/task/csv/partial", test_csv_partial);
  g_test_add_func ("/task/csv/errors", test_csv_errors);
  g_test_add_func ("/task/lookup", test_lookup);
  g_test_add_func ("/task/refcount", test_refcount);
  g_test_add_func ("/task/display-title", test_display_title);

  return g_test_run ();
}
