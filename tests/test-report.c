/* test-report.c — the paper's figures from sweeps (sc-report.h,
 * sc-render-report.h, sc-paper-rates.h, sculptor-cli report)
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <sys/wait.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "sc-error.h"
#include "sc-paper-rates.h"
#include "sc-render-report.h"
#include "sc-report.h"

/* Four small sweeps made by sculptor-cli sweep (tests/data/README.md):
 * the reused exemplar (exemplars, reuse at K = 16, width figures), a
 * levels task (depth-aware), an overlap task (three criteria) and a reuse
 * task with a seed that has no network. */
static const char * const fixtures[] = {
  "exemplar-reused", "levels-k4", "overlap-o3-k4", "reuse-k2",
};

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "report", name, NULL);
}

static ScReport *
load_fixtures (ScSelectRule rule)
{
  ScReport *report = sc_report_new (rule);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    {
      g_autofree char *path = fixture_path (fixtures[i]);
      g_autoptr(GError) error = NULL;

      g_assert_true (sc_report_add_sweep (report, path, &error));
      g_assert_no_error (error);
    }
  return report;
}

static JsonNode *
read_json (const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

/* ---- the paper's rates ---------------------------------------------- */

static char *
rates_file (void)
{
  const char *root = g_getenv ("SCULPTOR_SOURCE_ROOT");

  if (root != NULL)
    return g_build_filename (root, "data", "paper-rates.json", NULL);
  return g_test_build_filename (G_TEST_DIST, "..", "data", "paper-rates.json", NULL);
}

/* The compiled-in table is data/paper-rates.json, row for row. */
static void
test_paper_rates_table (void)
{
  g_autofree char *path = rates_file ();
  g_autoptr(JsonNode) root = read_json (path);
  JsonArray *rows = json_object_get_array_member (json_node_get_object (root), "rates");
  GArray *table = sc_paper_rates ();

  g_assert_cmpuint (table->len, ==, json_array_get_length (rows));
  g_assert_cmpuint (table->len, >, 100);
  for (guint i = 0; i < table->len; i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      const ScPaperRate *rate = &g_array_index (table, ScPaperRate, i);
      JsonArray *hidden = json_object_get_array_member (row, "hidden");
      guint32 mask = 0;

      for (guint h = 0; h < json_array_get_length (hidden); h++)
        mask |= 1u << json_array_get_int_element (hidden, h);
      g_assert_cmpstr (rate->task, ==, json_object_get_string_member (row, "task"));
      g_assert_cmpstr (rate->criterion, ==, json_object_get_string_member (row, "criterion"));
      g_assert_cmpuint (rate->hidden, ==, mask);
      g_assert_cmpfloat (rate->rate, ==, json_object_get_double_member (row, "rate"));
    }
}

/* Values the paper plots (method.md §7), and where it plots none. */
static void
test_paper_rates_lookup (void)
{
  g_assert_cmpfloat (sc_paper_rate_lookup ("reuse/k2", "success", 2, 2), ==, 0.58);
  g_assert_cmpfloat (sc_paper_rate_lookup ("reuse/k16", "success", 3, 3), ==, 0.92);
  g_assert_cmpfloat (sc_paper_rate_lookup ("exemplar/reused", "success", 1, 1), ==, 0.0);
  g_assert_cmpfloat (sc_paper_rate_lookup ("levels/k16", "depth-aware", 2, 2), ==, 0.83);
  /* the overlap rates pool 1–3 hidden layers: any range inside */
  g_assert_cmpfloat (sc_paper_rate_lookup ("overlap/o4-k16", "output", 2, 3), ==, 0.61);
  g_assert_cmpfloat (sc_paper_rate_lookup ("overlap/o3-k8", "hidden", 1, 3), ==, 0.03);

  g_assert_true (isnan (sc_paper_rate_lookup ("overlap/o4-k16", "output", 2, 4)));
  g_assert_true (isnan (sc_paper_rate_lookup ("reuse/k2", "success", 2, 3)));
  g_assert_true (isnan (sc_paper_rate_lookup ("reuse/k2", "depth-aware", 2, 2)));
  g_assert_true (isnan (sc_paper_rate_lookup ("levels/k2", "depth-aware", 2, 2)));
  g_assert_true (isnan (sc_paper_rate_lookup ("mnist/two-digits", "success", 2, 2)));
}

static void
assert_rates_error (const char *text,
                    const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) table = sc_paper_rates_parse (text, strlen (text), "t.json", &error);

  g_assert_null (table);
  g_assert_error (error, SC_ERROR, SC_ERROR_PARSE);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message);
}

static void
test_paper_rates_bad (void)
{
  assert_rates_error ("{\"rows\": []}", "t.json: no “rates” array");
  assert_rates_error ("{\"rates\": [", "t.json:");
  assert_rates_error ("{\"rates\": [{\"task\": \"a\", \"criterion\": \"success\", "
                      "\"hidden\": [2], \"rate\": 1.5}]}",
                      "t.json: rates[0].rate must be between 0 and 1");
  assert_rates_error ("{\"rates\": [{\"task\": \"a\", \"criterion\": \"success\", "
                      "\"hidden\": [0], \"rate\": 0.5}]}",
                      "t.json: rates[0].hidden must hold hidden-layer counts");
  assert_rates_error ("{\"rates\": [{\"task\": \"a\", \"hidden\": [2], \"rate\": 0.5}]}",
                      "t.json: rates[0] has no criterion");
  assert_rates_error ("{\"rates\": [{\"task\": 4, \"criterion\": \"success\", "
                      "\"hidden\": [2], \"rate\": 0.5}]}",
                      "t.json: rates[0].task must be a string, not an integer");
}

/* ---- the table, against counts made here ------------------------------ */

typedef struct
{
  guint recovered;
  guint networks;
  guint no_network;
} Tally;

/* The paper's rate of a row, read from data/paper-rates.json here. */
static double
paper_from_file (JsonArray  *rows,
                 const char *task,
                 const char *criterion,
                 guint       hidden_low,
                 guint       hidden_high)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonObject *row = json_array_get_object_element (rows, i);
      JsonArray *hidden = json_object_get_array_member (row, "hidden");
      guint covered = 0;

      if (g_strcmp0 (json_object_get_string_member (row, "task"), task) != 0 ||
          g_strcmp0 (json_object_get_string_member (row, "criterion"), criterion) != 0)
        continue;
      for (guint h = hidden_low; h <= hidden_high; h++)
        for (guint j = 0; j < json_array_get_length (hidden); j++)
          covered += (guint) json_array_get_int_element (hidden, j) == h;
      if (covered == hidden_high - hidden_low + 1)
        return json_object_get_double_member (row, "rate");
    }
  return NAN;
}

static void
tally (GHashTable *expected,
       const char *key,
       JsonObject *score,
       const char *member)
{
  Tally *t = g_hash_table_lookup (expected, key);

  if (t == NULL)
    g_hash_table_insert (expected, g_strdup (key), (t = g_new0 (Tally, 1)));
  if (score == NULL)
    t->no_network++;
  else
    {
      t->networks++;
      t->recovered += json_object_get_boolean_member (score, member);
    }
}

/* One fixture's choices under rule, keyed like the CSV's first seven
 * columns: figure,tasks,criterion,hidden,uses,overlap,width. */
static void
count_fixture (GHashTable *expected,
               const char *name,
               const char *rule)
{
  g_autofree char *dir = fixture_path (name);
  g_autofree char *path = g_build_filename (dir, "sweep.json", NULL);
  g_autoptr(JsonNode) root = read_json (path);
  JsonObject *sweep = json_node_get_object (root);
  const char *task = json_object_get_string_member (sweep, "task");
  JsonArray *cells = json_object_get_array_member (sweep, "cells");

  for (guint c = 0; c < json_array_get_length (cells); c++)
    {
      JsonObject *cell = json_array_get_object_element (cells, c);
      JsonArray *arch = json_object_get_array_member (cell, "arch");
      guint hidden = json_array_get_length (arch) - 2;
      guint width = (guint) json_array_get_int_element (arch, 1);
      JsonObject *rules = json_object_get_object_member (cell, "rules");
      JsonArray *choices = json_object_get_array_member (
        json_object_get_object_member (rules, rule), "choices");

      for (guint s = 0; s < json_array_get_length (choices); s++)
        {
          JsonObject *choice = json_array_get_object_element (choices, s);
          JsonObject *score = json_object_get_null_member (choice, "point") ? NULL
                              : json_object_get_object_member (choice, "score");
          g_autofree char *key = NULL;

          if (g_str_equal (task, "exemplar/reused"))
            {
              key = g_strdup_printf ("exemplars,%s,success,%u,,,", task, hidden);
              tally (expected, key, score, "success");
              g_free (key);
              key = g_strdup_printf ("reuse,%s,success,%u,8,,", task, hidden);
              tally (expected, key, score, "success");
              g_free (key);
              key = g_strdup_printf ("reused-by-width,%s,success,%u,,,%u", task, hidden, width);
              tally (expected, key, score, "success");
            }
          else if (g_str_has_prefix (task, "reuse/k"))
            {
              key = g_strdup_printf ("reuse,%s,success,%u,%d,,", task, hidden,
                                     atoi (task + strlen ("reuse/k")) / 2);
              tally (expected, key, score, "success");
            }
          else if (g_str_has_prefix (task, "levels/k"))
            {
              key = g_strdup_printf ("levels,%s,depth-aware,%u,%d,,", task, hidden,
                                     atoi (task + strlen ("levels/k")) / 2);
              tally (expected, key, score, "depth_aware_success");
            }
          else
            {
              const char *criteria[][3] = { { "input", "input_applicable", "input_separable" },
                                            { "output", "output_applicable", "output_grouped" },
                                            { "hidden", "hidden_applicable",
                                              "hidden_separable" } };
              int o = atoi (task + strlen ("overlap/o"));
              int k = atoi (strstr (task, "-k") + 2);

              g_assert_true (g_str_has_prefix (task, "overlap/o"));
              /* every depth of the fixture pools into one point: 2 hidden */
              g_assert_cmpuint (hidden, ==, 2);
              for (guint i = 0; i < G_N_ELEMENTS (criteria); i++)
                {
                  g_free (key);
                  key = g_strdup_printf ("overlap,%s,%s,%u,%d,%d,", task, criteria[i][0],
                                         hidden, k / 2, o);
                  if (score == NULL || json_object_get_boolean_member (score, criteria[i][1]))
                    tally (expected, key, score, criteria[i][2]);
                }
            }
        }
    }
}

static double
csv_number (const char *text)
{
  char *end;
  double value;

  if (*text == '\0')
    return NAN;
  value = g_ascii_strtod (text, &end);
  g_assert_true (*end == '\0');
  return value;
}

static void
check_csv_line (const char *line,
                GHashTable *expected,
                JsonArray  *paper_rows,
                const char *rule)
{
  g_auto(GStrv) f = g_strsplit (line, ",", -1);
  g_autofree char *key = NULL;
  const Tally *t;
  double rate, low, high, paper;
  const char *task;

  g_assert_cmpuint (g_strv_length (f), ==, 15);
  key = g_strjoin (",", f[0], f[1], f[2], f[3], f[4], f[5], f[6], NULL);
  if ((t = g_hash_table_lookup (expected, key)) == NULL)
    g_error ("report.csv has a line the fixtures do not give: %s", line);
  g_assert_cmpstr (f[7], ==, rule);
  g_assert_cmpuint (atoi (f[8]), ==, t->recovered);
  g_assert_cmpuint (atoi (f[9]), ==, t->networks);
  g_assert_cmpuint (atoi (f[10]), ==, t->no_network);
  rate = csv_number (f[11]);
  low = csv_number (f[12]);
  high = csv_number (f[13]);
  g_assert_cmpfloat_with_epsilon (rate, (double) t->recovered / t->networks, 5e-5);
  g_assert_cmpfloat (low, <=, rate);
  g_assert_cmpfloat (high, >=, rate);

  /* the paper's rate: width has none; the reuse figure's K = 16 is the
   * reused exemplar's row of the reuse family */
  paper = csv_number (f[14]);
  if (g_str_equal (f[0], "reused-by-width"))
    g_assert_true (isnan (paper));
  else
    {
      double want;

      task = g_str_equal (f[0], "reuse") && g_str_equal (f[1], "exemplar/reused")
             ? "reuse/k16" : f[1];
      want = paper_from_file (paper_rows, task, f[2], atoi (f[3]), atoi (f[3]));
      g_assert_false (isnan (want));
      g_assert_cmpfloat_with_epsilon (paper, want, 5e-5);
    }
  g_hash_table_remove (expected, key);
}

static void
check_csv (ScSelectRule rule)
{
  const char *name = sc_select_rule_name (rule);
  g_autoptr(ScReport) report = load_fixtures (rule);
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          g_free);
  g_autofree char *csv = sc_report_to_csv (report);
  g_auto(GStrv) lines = g_strsplit (csv, "\n", -1);
  g_autofree char *rates_path = rates_file ();
  g_autoptr(JsonNode) rates = read_json (rates_path);
  JsonArray *paper_rows = json_object_get_array_member (json_node_get_object (rates), "rates");
  guint n_lines = g_strv_length (lines);

  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    count_fixture (expected, fixtures[i], name);

  g_assert_cmpstr (lines[0], ==, "figure,tasks,criterion,hidden,uses,overlap,width,rule,"
                                 "recovered,networks,no_network,rate,ci_low,ci_high,paper");
  g_assert_cmpstr (lines[n_lines - 1], ==, "");
  g_assert_cmpuint (n_lines - 2, ==, g_hash_table_size (expected));
  g_assert_cmpuint (n_lines - 2, ==, report->points->len);
  for (guint i = 1; i + 1 < n_lines; i++)
    check_csv_line (lines[i], expected, paper_rows, name);
  g_assert_cmpuint (g_hash_table_size (expected), ==, 0);
}

static void
test_csv (void)
{
  check_csv (SC_SELECT_DEFAULT);
  check_csv (SC_SELECT_SPARSEST);
}

/* A sweep given twice pools: every count doubles. */
static void
test_pool (void)
{
  g_autoptr(ScReport) once = load_fixtures (SC_SELECT_DEFAULT);
  g_autoptr(ScReport) twice = load_fixtures (SC_SELECT_DEFAULT);
  g_autofree char *path = fixture_path ("levels-k4");
  g_autoptr(GError) error = NULL;

  g_assert_true (sc_report_add_sweep (twice, path, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (twice->points->len, ==, once->points->len);
  for (guint i = 0; i < once->points->len; i++)
    {
      const ScReportPoint *a = g_ptr_array_index (once->points, i);
      const ScReportPoint *b = g_ptr_array_index (twice->points, i);
      guint k = a->figure == SC_REPORT_LEVELS ? 2 : 1;

      g_assert_cmpuint (b->figure, ==, a->figure);
      g_assert_cmpuint (b->networks, ==, k * a->networks);
      g_assert_cmpuint (b->recovered, ==, k * a->recovered);
      g_assert_cmpuint (b->tasks->len, ==, 1);
    }
}

/* The 95 % Wilson interval (z = 1.96): the roots of (k/n − p)² = z² p (1 − p) / n,
 * found by bisection outside Sculptor. */
static void
test_interval (void)
{
  const struct { guint k, n; double low, high; } cases[] = {
    { 0, 12, 0.0, 0.2425 }, { 12, 12, 0.7575, 1.0 }, { 6, 12, 0.2538, 0.7462 },
    { 1, 4, 0.0456, 0.6994 }, { 53, 72, 0.6242, 0.8241 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double low, high;

      sc_report_interval (cases[i].k, cases[i].n, &low, &high);
      g_assert_cmpfloat_with_epsilon (low, cases[i].low, 1e-4);
      g_assert_cmpfloat_with_epsilon (high, cases[i].high, 1e-4);
    }
}

/* ---- figures ---------------------------------------------------------- */

/* Fill and stroke colours of the SVG's drawn elements. */
typedef struct
{
  GArray *fills;      /* ScRgba */
  GArray *strokes;    /* ScRgba, solid strokes only */
  GArray *dashed;     /* ScRgba */
} SvgColors;

static gboolean
parse_rgb (const char *text,
           ScRgba     *color)
{
  double v[3];

  if (sscanf (text, "rgb(%lf%%,%lf%%,%lf%%)", &v[0], &v[1], &v[2]) != 3)
    return FALSE;
  *color = (ScRgba) { v[0] / 100, v[1] / 100, v[2] / 100, 1.0 };
  return TRUE;
}

static void
start_element (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  SvgColors *colors = user_data;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_auto(GStrv) parts = NULL;
      gboolean dashed;

      if (strcmp (names[i], "style") != 0 || g_str_equal (element, "g"))
        continue;
      parts = g_strsplit (values[i], ";", -1);
      dashed = strstr (values[i], "stroke-dasharray") != NULL;
      for (guint p = 0; parts[p] != NULL; p++)
        {
          ScRgba c;

          if (g_str_has_prefix (parts[p], "fill:") && parse_rgb (parts[p] + 5, &c))
            g_array_append_val (colors->fills, c);
          else if (g_str_has_prefix (parts[p], "stroke:") && parse_rgb (parts[p] + 7, &c))
            g_array_append_val (dashed ? colors->dashed : colors->strokes, c);
        }
    }
}

/* Parses the SVG (well-formed XML, or the test fails) for its colours. */
static void
svg_colors (const char *path,
            SvgColors  *colors)
{
  const GMarkupParser parser = { .start_element = start_element };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  gsize length;

  g_file_get_contents (path, &text, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (text, "<?xml"));
  *colors = (SvgColors) { g_array_new (FALSE, FALSE, sizeof (ScRgba)),
                          g_array_new (FALSE, FALSE, sizeof (ScRgba)),
                          g_array_new (FALSE, FALSE, sizeof (ScRgba)) };
  context = g_markup_parse_context_new (&parser, 0, colors, NULL);
  g_markup_parse_context_parse (context, text, (gssize) length, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
svg_colors_clear (SvgColors *colors)
{
  g_array_unref (colors->fills);
  g_array_unref (colors->strokes);
  g_array_unref (colors->dashed);
}

static guint
count_color (const GArray *colors,
             const ScRgba *want)
{
  guint n = 0;

  for (guint i = 0; i < colors->len; i++)
    {
      const ScRgba *c = &g_array_index (colors, ScRgba, i);

      n += fabs (c->red - want->red) < 0.5 / 255 && fabs (c->green - want->green) < 0.5 / 255 &&
           fabs (c->blue - want->blue) < 0.5 / 255;
    }
  return n;
}

static char *
export_svg (const ScReport *report,
            ScReportFigure  figure,
            const char     *dir)
{
  g_autofree char *name = g_strdup_printf ("%s.svg", sc_report_figure_name (figure));
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (sc_render_export_report (SC_EXPORT_SVG, path, report, figure, &error));
  g_assert_no_error (error);
  return path;
}

/* One filled circle per Sculptor point with networks and one hollow
 * diamond per paper rate, each plus the legend's. */
static void
check_chart (const ScReport *report,
             ScReportFigure  figure,
             const char     *dir)
{
  g_autofree char *path = export_svg (report, figure, dir);
  guint ours = 0, paper = 0;
  ScRgba ours_color, paper_color;
  SvgColors colors;

  for (guint i = 0; i < report->points->len; i++)
    {
      const ScReportPoint *p = g_ptr_array_index (report->points, i);

      ours += p->figure == figure && p->networks > 0;
      paper += p->figure == figure && isfinite (p->paper);
    }
  g_assert_cmpuint (ours, >, 0);
  sc_render_report_series_color (FALSE, &ours_color);
  sc_render_report_series_color (TRUE, &paper_color);
  svg_colors (path, &colors);
  g_assert_cmpuint (count_color (colors.fills, &ours_color), ==, ours + 1);
  g_assert_cmpuint (count_color (colors.strokes, &paper_color), ==, paper ? paper + 1 : 0);
  svg_colors_clear (&colors);
}

/* The overlap grid: one cell per point in the colour of its rate (the
 * colour bar's 50 steps may share a colour). */
static void
check_overlap (const ScReport *report,
               const char     *dir)
{
  g_autofree char *path = export_svg (report, SC_REPORT_OVERLAP, dir);
  SvgColors colors;
  guint cells = 0;

  svg_colors (path, &colors);
  for (guint i = 0; i < report->points->len; i++)
    {
      const ScReportPoint *p = g_ptr_array_index (report->points, i);
      double rate = (double) p->recovered / p->networks;
      guint same = 0, in_bar = 0;
      ScRgba color;

      if (p->figure != SC_REPORT_OVERLAP)
        continue;
      cells++;
      for (guint j = 0; j < report->points->len; j++)
        {
          const ScReportPoint *q = g_ptr_array_index (report->points, j);

          same += q->figure == SC_REPORT_OVERLAP && q->recovered * p->networks ==
                                                    p->recovered * q->networks;
        }
      for (guint b = 0; b < 50; b++)
        in_bar += fabs (b / 49.0 - rate) < 1e-9;
      sc_render_report_rate_color (rate, &color);
      g_assert_cmpuint (count_color (colors.fills, &color), ==, same + in_bar);
    }
  g_assert_cmpuint (cells, ==, 3);
  svg_colors_clear (&colors);
}

static void
test_figures (void)
{
  g_autoptr(ScReport) report = load_fixtures (SC_SELECT_DEFAULT);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sculptor-report-XXXXXX", &error);
  g_autofree char *pdf = g_build_filename (dir, "levels.pdf", NULL);
  g_autofree char *bytes = NULL;
  gsize length;

  g_assert_no_error (error);
  for (guint f = 0; f < SC_REPORT_N_FIGURES; f++)
    g_assert_true (sc_report_has_figure (report, f));
  check_chart (report, SC_REPORT_EXEMPLARS, dir);
  check_chart (report, SC_REPORT_REUSE, dir);
  check_chart (report, SC_REPORT_LEVELS, dir);
  check_chart (report, SC_REPORT_WIDTH, dir);
  check_overlap (report, dir);

  g_assert_true (sc_render_export_report (SC_EXPORT_PDF, pdf, report, SC_REPORT_LEVELS, &error));
  g_assert_no_error (error);
  g_file_get_contents (pdf, &bytes, &length, &error);
  g_assert_no_error (error);
  g_assert_true (length > 1000 && g_str_has_prefix (bytes, "%PDF-"));

  for (guint f = 0; f < SC_REPORT_N_FIGURES; f++)
    {
      g_autofree char *name = g_strdup_printf ("%s.svg", sc_report_figure_name (f));
      g_autofree char *path = g_build_filename (dir, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_unlink (pdf), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- bad input -------------------------------------------------------- */

static void
assert_add_fails (ScReport   *report,
                  const char *path,
                  int         code,
                  const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = sc_report_to_csv (report);
  g_autofree char *after = NULL;

  if (sc_report_add_sweep (report, path, &error))
    g_error ("%s was accepted", path);
  g_assert_error (error, SC_ERROR, code);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message);
  /* nothing of a bad sweep is counted */
  after = sc_report_to_csv (report);
  g_assert_cmpstr (after, ==, before);
}

static char *
write_sweep (const char *dir,
             const char *name,
             const char *text)
{
  g_autofree char *sub = g_build_filename (dir, name, NULL);
  char *path = g_build_filename (sub, "sweep.json", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_mkdir_with_parents (sub, 0755), ==, 0);
  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* The levels fixture with the first old after "modular-consensus" (the
 * rule whose choices are read) replaced by new. */
static char *
edited_fixture (const char *old,
                const char *new)
{
  g_autofree char *dir = fixture_path ("levels-k4");
  g_autofree char *path = g_build_filename (dir, "sweep.json", NULL);
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  GString *edited;
  const char *rule, *at;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull ((rule = strstr (text, "\"modular-consensus\": {")));
  g_assert_nonnull ((at = strstr (rule, old)));
  edited = g_string_new_len (text, at - text);
  g_string_append (edited, new);
  g_string_append (edited, at + strlen (old));
  return g_string_free (edited, FALSE);
}

static void
test_bad_input (void)
{
  g_autoptr(ScReport) report = load_fixtures (SC_SELECT_DEFAULT);
  g_autoptr(ScReport) stable = sc_report_new (SC_SELECT_STABLE);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("sculptor-report-XXXXXX", &error);
  g_autofree char *missing = g_build_filename (dir, "no-such-sweep", NULL);
  g_autofree char *other = write_sweep (dir, "other", "{\"task\": \"exemplar/reused\"}");
  g_autofree char *mnist = write_sweep (dir, "mnist",
                                        "{\"task\": \"mnist/two-digits\", \"cells\": []}");
  g_autofree char *text = edited_fixture ("\"success\": false", "\"success\": 3");
  g_autofree char *typed = write_sweep (dir, "typed", text);
  g_autofree char *text2 = edited_fixture ("\"score\": {", "\"scores\": {");
  g_autofree char *unscored = write_sweep (dir, "unscored", text2);
  g_autofree char *levels = fixture_path ("levels-k4");

  g_assert_no_error (error);
  assert_add_fails (report, missing, SC_ERROR_NOT_FOUND, "no-such-sweep does not exist");
  assert_add_fails (report, dir, SC_ERROR_NOT_FOUND, "holds no sweep.json: not a sweep directory");
  assert_add_fails (report, other, SC_ERROR_PARSE,
                    "other/sweep.json is not a sweep: it needs a “task” string and a “cells” "
                    "array");
  assert_add_fails (report, mnist, SC_ERROR_INVALID,
                    "task “mnist/two-digits” is in none of the paper's figures");
  assert_add_fails (report, typed, SC_ERROR_PARSE,
                    "typed/sweep.json: cells[0].rules.modular-consensus.choices[0].score."
                    "success must be true or false, not an integer");
  assert_add_fails (report, unscored, SC_ERROR_PARSE,
                    "has no “score”: the sweep's task has no ground truth");
  /* the fixtures keep two rules */
  assert_add_fails (stable, levels, SC_ERROR_PARSE,
                    "cells[0].rules has no “stable”: the sweep was made before that "
                    "selection rule");

  for (const char * const *n = (const char *[]) { "other", "mnist", "typed", "unscored", NULL };
       *n != NULL; n++)
    {
      g_autofree char *sub = g_build_filename (dir, *n, NULL);
      g_autofree char *file = g_build_filename (sub, "sweep.json", NULL);

      g_assert_cmpint (g_unlink (file), ==, 0);
      g_assert_cmpint (g_rmdir (sub), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* ---- the command ------------------------------------------------------ */

static int
run_cli (const char * const *args,
         char              **err)
{
  const char *cli = g_getenv ("SCULPTOR_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_environ_setenv (g_get_environ (), "LC_ALL", "C.UTF-8", TRUE);
  int status;

  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                err, &status, &error);
  g_assert_no_error (error);
  return g_spawn_check_wait_status (status, NULL) ? 0 : WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL, *out = NULL, *csv = NULL, *err = NULL;
  char *paths[G_N_ELEMENTS (fixtures)] = { NULL };
  g_autoptr(ScReport) report = load_fixtures (SC_SELECT_SPARSEST);
  g_autofree char *expected = sc_report_to_csv (report);
  g_autofree char *csv_path = NULL;
  const char *args[G_N_ELEMENTS (fixtures) + 6] = { "report", "--select", "sparsest", "-o" };

  if (g_getenv ("SCULPTOR_CLI") == NULL)
    {
      g_test_skip ("SCULPTOR_CLI is not set (run through meson test)");
      return;
    }
  dir = g_dir_make_tmp ("sculptor-report-XXXXXX", &error);
  g_assert_no_error (error);
  out = g_build_filename (dir, "figures", NULL);
  args[4] = out;
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    args[5 + i] = paths[i] = fixture_path (fixtures[i]);

  g_assert_cmpint (run_cli (args, &err), ==, 0);
  g_assert_cmpstr (err, ==, "");
  csv_path = g_build_filename (out, "report.csv", NULL);
  g_file_get_contents (csv_path, &csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (csv, ==, expected);
  g_assert_cmpint (g_unlink (csv_path), ==, 0);
  for (guint f = 0; f < SC_REPORT_N_FIGURES; f++)
    for (guint k = 0; k < 2; k++)
      {
        g_autofree char *name = g_strdup_printf ("%s.%s", sc_report_figure_name (f),
                                                 k ? "pdf" : "svg");
        g_autofree char *path = g_build_filename (out, name, NULL);

        g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
        g_assert_cmpint (g_unlink (path), ==, 0);
      }
  g_assert_cmpint (g_rmdir (out), ==, 0);

  /* a bad rule is a usage error; a bad sweep fails before anything is made */
  args[2] = "sparse";
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (args, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--select must be sparsest"));
  args[2] = "sparsest";
  args[5] = dir;
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_cli (args, &err), ==, 1);
  g_assert_nonnull (strstr (err, "holds no sweep.json"));
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (fixtures); i++)
    g_free (paths[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/report/paper-rates/table", test_paper_rates_table);
  g_test_add_func ("/report/paper-rates/lookup", test_paper_rates_lookup);
  g_test_add_func ("/report/paper-rates/bad", test_paper_rates_bad);
  g_test_add_func ("/report/csv", test_csv);
  g_test_add_func ("/report/pool", test_pool);
  g_test_add_func ("/report/interval", test_interval);
  g_test_add_func ("/report/figures", test_figures);
  g_test_add_func ("/report/bad-input", test_bad_input);
  g_test_add_func ("/report/cli", test_cli);

  return g_test_run ();
}
