/* sc-report.c — the paper's success-rate figures from sweeps
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "sc-error.h"
#include "sc-file.h"
#include "sc-json.h"
#include "sc-paper-rates.h"
#include "sc-report.h"

/* The exemplars in the order of the paper's figure (and of the bundled
 * list), with their labels on the figure's axis. */
static const struct
{
  const char *task;
  const char *label;
} exemplars[] = {
  { "exemplar/input-separable", "input separable" },
  { "exemplar/non-modular", "non-modular" },
  { "exemplar/reused", "reused" },
  { "exemplar/separable-reused", "separable + reused" },
};

/* The reused exemplar is the reuse family's K = 16 (tasks-truth.md). */
#define REUSED_EXEMPLAR 2
#define REUSED_USES     8

static const char * const overlap_criteria[SC_REPORT_N_OVERLAP_CRITERIA] = {
  "input", "output", "hidden",
};

static const char * const figure_names[SC_REPORT_N_FIGURES] = {
  "exemplars", "reuse", "levels", "overlap", "reused-by-width",
};

/* What one chosen network's score says, criterion by criterion. */
typedef struct
{
  gboolean success;
  gboolean depth_aware;
  gboolean applies[SC_REPORT_N_OVERLAP_CRITERIA];
  gboolean holds[SC_REPORT_N_OVERLAP_CRITERIA];
} Verdict;

/* Where a task's networks go: which figures, at which x (and row). */
typedef struct
{
  int   exemplar;   /* index into exemplars, or -1 */
  guint uses;       /* reuse, levels and overlap: K / 2; 0 otherwise */
  int   overlap;    /* overlap o, or -1 */
  gboolean reuse;
  gboolean levels;
} Placement;

const char *
sc_report_figure_name (ScReportFigure figure)
{
  g_return_val_if_fail (figure < SC_REPORT_N_FIGURES, NULL);

  return figure_names[figure];
}

const char *
sc_report_exemplar_label (guint index)
{
  return index < G_N_ELEMENTS (exemplars) ? exemplars[index].label : NULL;
}

const char *
sc_report_overlap_criterion (guint panel)
{
  return panel < SC_REPORT_N_OVERLAP_CRITERIA ? overlap_criteria[panel] : NULL;
}

void
sc_report_interval (guint   k,
                    guint   n,
                    double *low,
                    double *high)
{
  const double z = 1.959963984540054;
  double p, centre, half;

  g_return_if_fail (n > 0 && k <= n);
  g_return_if_fail (low != NULL && high != NULL);

  p = (double) k / n;
  centre = (p + z * z / (2.0 * n)) / (1.0 + z * z / n);
  half = z / (1.0 + z * z / n) * sqrt (p * (1.0 - p) / n + z * z / (4.0 * n * n));
  *low = MAX (0.0, centre - half);
  *high = MIN (1.0, centre + half);
}

static void
point_free (gpointer data)
{
  ScReportPoint *point = data;

  g_ptr_array_unref (point->tasks);
  g_free (point);
}

ScReport *
sc_report_new (ScSelectRule rule)
{
  ScReport *report = g_new0 (ScReport, 1);

  report->rule = rule;
  report->points = g_ptr_array_new_with_free_func (point_free);
  report->sweeps = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
sc_report_free (ScReport *report)
{
  if (report == NULL)
    return;
  g_ptr_array_unref (report->points);
  g_ptr_array_unref (report->sweeps);
  g_free (report);
}

gboolean
sc_report_has_figure (const ScReport *report,
                      ScReportFigure  figure)
{
  g_return_val_if_fail (report != NULL, FALSE);

  for (guint i = 0; i < report->points->len; i++)
    if (((ScReportPoint *) g_ptr_array_index (report->points, i))->figure == figure)
      return TRUE;
  return FALSE;
}

/* "reuse/k4" → K = 4, and nothing after it. */
static gboolean
parse_k (const char *text,
         guint      *k)
{
  int end = -1;

  return sscanf (text, "k%u%n", k, &end) == 1 && end > 0 && text[end] == '\0' &&
         *k >= 2 && *k % 2 == 0 && *k <= 64;
}

static gboolean
place_task (const char *task,
            Placement  *place)
{
  guint k = 0, o = 0;
  int end = -1;

  *place = (Placement) { .exemplar = -1, .overlap = -1 };
  for (guint i = 0; i < G_N_ELEMENTS (exemplars); i++)
    if (strcmp (task, exemplars[i].task) == 0)
      {
        place->exemplar = (int) i;
        place->reuse = i == REUSED_EXEMPLAR;
        place->uses = place->reuse ? REUSED_USES : 0;
        return TRUE;
      }
  if (g_str_has_prefix (task, "reuse/") && parse_k (task + strlen ("reuse/"), &k))
    place->reuse = TRUE;
  else if (g_str_has_prefix (task, "levels/") && parse_k (task + strlen ("levels/"), &k))
    place->levels = TRUE;
  else if (sscanf (task, "overlap/o%u-%n", &o, &end) == 1 && end > 0 && o <= 4 &&
           parse_k (task + end, &k))
    place->overlap = (int) o;
  else
    return FALSE;
  place->uses = k / 2;
  return TRUE;
}

/* The paper's task at a point: the figures name points by family and x. */
static char *
paper_task (const ScReportPoint *point)
{
  switch (point->figure)
    {
    case SC_REPORT_EXEMPLARS: return g_strdup (exemplars[point->x].task);
    case SC_REPORT_REUSE:     return g_strdup_printf ("reuse/k%u", 2 * point->x);
    case SC_REPORT_LEVELS:    return g_strdup_printf ("levels/k%u", 2 * point->x);
    case SC_REPORT_OVERLAP:   return g_strdup_printf ("overlap/o%u-k%u", point->row, 2 * point->x);
    case SC_REPORT_WIDTH:     /* the paper's text gives no rate per width */
    case SC_REPORT_N_FIGURES:
    default:                  return NULL;
    }
}

static void
hidden_range (guint32  mask,
              guint   *low,
              guint   *high)
{
  *low = (guint) g_bit_nth_lsf (mask, -1);
  *high = (guint) g_bit_nth_msf (mask, -1);
}

static void
look_up_paper (ScReportPoint *point)
{
  g_autofree char *task = paper_task (point);
  guint low, high;

  hidden_range (point->hidden, &low, &high);
  point->paper = task ? sc_paper_rate_lookup (task, point->criterion, low, high) : NAN;
}

static ScReportPoint *
find_point (GPtrArray      *points,
            ScReportFigure  figure,
            const char     *criterion,
            guint           panel,
            guint           x,
            guint           row)
{
  ScReportPoint *point;

  for (guint i = 0; i < points->len; i++)
    {
      point = g_ptr_array_index (points, i);
      if (point->figure == figure && point->panel == panel && point->x == x &&
          point->row == row && strcmp (point->criterion, criterion) == 0)
        return point;
    }
  point = g_new0 (ScReportPoint, 1);
  *point = (ScReportPoint) { .figure = figure, .criterion = criterion, .panel = panel,
                             .x = x, .row = row, .paper = NAN,
                             .tasks = g_ptr_array_new_with_free_func (g_free) };
  g_ptr_array_add (points, point);
  return point;
}

static void
add_task (ScReportPoint *point,
          const char    *task)
{
  for (guint i = 0; i < point->tasks->len; i++)
    if (strcmp (g_ptr_array_index (point->tasks, i), task) == 0)
      return;
  g_ptr_array_add (point->tasks, g_strdup (task));
}

/* One chosen network (verdict) or a seed without one (NULL). */
static void
count (GPtrArray      *points,
       ScReportFigure  figure,
       const char     *criterion,
       guint           panel,
       guint           x,
       guint           row,
       const char     *task,
       guint           hidden,
       const Verdict  *verdict,
       gboolean        holds)
{
  ScReportPoint *point = find_point (points, figure, criterion, panel, x, row);

  add_task (point, task);
  point->hidden |= 1u << hidden;
  if (verdict == NULL)
    point->no_network++;
  else
    {
      point->networks++;
      point->recovered += holds;
    }
}

static void
count_network (GPtrArray       *points,
               const char      *task,
               const Placement *place,
               guint            hidden,
               guint            width,
               const Verdict   *v)
{
  gboolean ok = v && v->success;

  if (place->exemplar >= 0)
    count (points, SC_REPORT_EXEMPLARS, "success", hidden, (guint) place->exemplar, 0, task,
           hidden, v, ok);
  if (place->reuse)
    count (points, SC_REPORT_REUSE, "success", hidden, place->uses, 0, task, hidden, v, ok);
  if (place->exemplar == REUSED_EXEMPLAR && width > 0)
    count (points, SC_REPORT_WIDTH, "success", hidden, width, 0, task, hidden, v, ok);
  /* The paper judged the levels family by the modules the network's depth
   * can express (method.md §7): depth-aware. */
  if (place->levels)
    count (points, SC_REPORT_LEVELS, "depth-aware", hidden, place->uses, 0, task, hidden, v,
           v && v->depth_aware);
  for (guint c = 0; place->overlap >= 0 && c < SC_REPORT_N_OVERLAP_CRITERIA; c++)
    if (v == NULL || v->applies[c])
      count (points, SC_REPORT_OVERLAP, overlap_criteria[c], c, place->uses,
             (guint) place->overlap, task, hidden, v, v && v->holds[c]);
}

static gboolean
require (JsonObject  *object,
         const char  *where,
         const char  *member,
         GError     **error)
{
  if (json_object_has_member (object, member) && !json_object_get_null_member (object, member))
    return TRUE;
  g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s has no “%s”", where, member);
  return FALSE;
}

static gboolean
read_verdict (JsonObject  *score,
              const char  *where,
              Verdict     *v,
              GError     **error)
{
  static const char * const applies[] = {
    "input_applicable", "output_applicable", "hidden_applicable",
  };
  static const char * const holds[] = {
    "input_separable", "output_grouped", "hidden_separable",
  };
  ScJsonField fields[2 + 2 * SC_REPORT_N_OVERLAP_CRITERIA] = {
    { "success", SC_JSON_BOOL }, { "depth_aware_success", SC_JSON_BOOL },
  };

  for (guint c = 0; c < SC_REPORT_N_OVERLAP_CRITERIA; c++)
    {
      fields[2 + 2 * c] = (ScJsonField) { applies[c], SC_JSON_BOOL };
      fields[3 + 2 * c] = (ScJsonField) { holds[c], SC_JSON_BOOL };
    }
  if (!sc_json_check_fields (score, where, fields, G_N_ELEMENTS (fields), error))
    return FALSE;
  for (guint f = 0; f < G_N_ELEMENTS (fields); f++)
    if (!require (score, where, fields[f].member, error))
      return FALSE;

  v->success = json_object_get_boolean_member (score, "success");
  v->depth_aware = json_object_get_boolean_member (score, "depth_aware_success");
  for (guint c = 0; c < SC_REPORT_N_OVERLAP_CRITERIA; c++)
    {
      v->applies[c] = json_object_get_boolean_member (score, applies[c]);
      v->holds[c] = json_object_get_boolean_member (score, holds[c]);
    }
  return TRUE;
}

/* Hidden layers and their width (0 if they differ) from the cell's arch. */
static gboolean
read_arch (JsonObject  *cell,
           const char  *where,
           guint       *hidden,
           guint       *width,
           GError     **error)
{
  JsonArray *arch = json_object_get_array_member (cell, "arch");
  guint n = json_array_get_length (arch);

  *width = 0;
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (arch, i);

      if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_INT64 ||
          json_node_get_int (node) < 1 || json_node_get_int (node) > G_MAXINT)
        break;
      if (i == 1)
        *width = (guint) json_node_get_int (node);
      else if (i > 1 && i < n - 1 && (guint) json_node_get_int (node) != *width)
        *width = 0;
      if (i == n - 1 && n >= 3 && n - 2 <= 31)
        {
          *hidden = n - 2;
          return TRUE;
        }
    }
  g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
               "%s.arch must list 3 to 33 positive layer widths", where);
  return FALSE;
}

static gboolean
read_choice (JsonNode        *node,
             const char      *where,
             const char      *task,
             const Placement *place,
             guint            hidden,
             guint            width,
             GPtrArray       *points,
             GError         **error)
{
  static const ScJsonField fields[] = {
    { "point", SC_JSON_COUNT }, { "score", SC_JSON_OBJECT },
  };
  g_autofree char *score_where = NULL;
  JsonObject *choice;
  Verdict verdict;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s must be an object", where);
      return FALSE;
    }
  choice = json_node_get_object (node);
  if (!sc_json_check_fields (choice, where, fields, G_N_ELEMENTS (fields), error))
    return FALSE;
  /* "point": null — no network of the seed passes the accuracy threshold */
  if (json_object_has_member (choice, "point") && json_object_get_null_member (choice, "point"))
    {
      count_network (points, task, place, hidden, width, NULL);
      return TRUE;
    }
  if (!require (choice, where, "point", error))
    return FALSE;
  if (!json_object_has_member (choice, "score") || json_object_get_null_member (choice, "score"))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s has no “score”: the sweep's task has no ground truth to score against",
                   where);
      return FALSE;
    }
  score_where = g_strdup_printf ("%s.score", where);
  if (!read_verdict (json_object_get_object_member (choice, "score"), score_where, &verdict,
                     error))
    return FALSE;
  count_network (points, task, place, hidden, width, &verdict);
  return TRUE;
}

static gboolean
read_cell (JsonNode        *node,
           const char      *where,
           const char      *task,
           const Placement *place,
           ScSelectRule     rule,
           GPtrArray       *points,
           GError         **error)
{
  static const ScJsonField fields[] = { { "arch", SC_JSON_ARRAY }, { "rules", SC_JSON_OBJECT } };
  const char *name = sc_select_rule_name (rule);
  g_autofree char *rule_where = NULL;
  JsonObject *cell, *rules, *chosen;
  JsonArray *choices;
  guint hidden = 0, width = 0;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s must be an object", where);
      return FALSE;
    }
  cell = json_node_get_object (node);
  if (!sc_json_check_fields (cell, where, fields, G_N_ELEMENTS (fields), error) ||
      !require (cell, where, "arch", error) || !require (cell, where, "rules", error) ||
      !read_arch (cell, where, &hidden, &width, error))
    return FALSE;

  rules = json_object_get_object_member (cell, "rules");
  rule_where = g_strdup_printf ("%s.rules.%s", where, name);
  if (!json_object_has_member (rules, name))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s.rules has no “%s”: the sweep was made before that selection rule", where,
                   name);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_OBJECT (json_object_get_member (rules, name)) ||
      !json_object_has_member ((chosen = json_object_get_object_member (rules, name)), "choices") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (chosen, "choices")))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE, "%s must be an object with a “choices” array",
                   rule_where);
      return FALSE;
    }
  choices = json_object_get_array_member (chosen, "choices");
  for (guint s = 0; s < json_array_get_length (choices); s++)
    {
      g_autofree char *at = g_strdup_printf ("%s.choices[%u]", rule_where, s);

      if (!read_choice (json_array_get_element (choices, s), at, task, place, hidden, width,
                        points, error))
        return FALSE;
    }
  return TRUE;
}

static char *
sweep_json_path (const char  *path,
                 GError     **error)
{
  g_autofree char *display = g_filename_display_name (path);
  g_autofree char *file = NULL;

  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NOT_FOUND, "%s does not exist", display);
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    return g_strdup (path);
  file = g_build_filename (path, "sweep.json", NULL);
  if (!g_file_test (file, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_NOT_FOUND,
                   "%s holds no sweep.json: not a sweep directory (sculptor-cli sweep --out "
                   "DIR writes one)", display);
      return NULL;
    }
  return g_steal_pointer (&file);
}

/* The sweep's points, counted apart from the report's. */
static gboolean
read_sweep (JsonNode      *root,
            const char    *display,
            ScSelectRule   rule,
            GPtrArray     *points,
            GError       **error)
{
  JsonObject *object;
  JsonNode *task_node, *cells_node;
  const char *task;
  Placement place;

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      !(task_node = json_object_get_member ((object = json_node_get_object (root)), "task")) ||
      !(cells_node = json_object_get_member (object, "cells")) ||
      !JSON_NODE_HOLDS_VALUE (task_node) || json_node_get_value_type (task_node) != G_TYPE_STRING ||
      !JSON_NODE_HOLDS_ARRAY (cells_node))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_PARSE,
                   "%s is not a sweep: it needs a “task” string and a “cells” array "
                   "(sculptor-cli sweep writes them)", display);
      return FALSE;
    }
  task = json_node_get_string (task_node);
  if (!place_task (task, &place))
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "%s: task “%s” is in none of the paper's figures (exemplar/…, reuse/kK, "
                   "levels/kK, overlap/oO-kK)", display, task);
      return FALSE;
    }
  for (guint c = 0; c < json_array_get_length (json_node_get_array (cells_node)); c++)
    {
      g_autofree char *where = g_strdup_printf ("%s: cells[%u]", display, c);

      if (!read_cell (json_array_get_element (json_node_get_array (cells_node), c), where, task,
                      &place, rule, points, error))
        return FALSE;
    }
  return TRUE;
}

static int
compare_points (gconstpointer a,
                gconstpointer b)
{
  const ScReportPoint *p = *(ScReportPoint * const *) a;
  const ScReportPoint *q = *(ScReportPoint * const *) b;

  if (p->figure != q->figure)
    return p->figure < q->figure ? -1 : 1;
  if (p->panel != q->panel)
    return p->panel < q->panel ? -1 : 1;
  if (p->row != q->row)
    return p->row < q->row ? -1 : 1;
  return p->x < q->x ? -1 : p->x > q->x;
}

static gboolean
add_sweep (ScReport    *report,
           JsonNode    *root,
           const char  *display,
           char        *file,
           GError     **error)
{
  g_autoptr(GPtrArray) points = g_ptr_array_new_with_free_func (point_free);
  g_autofree char *owned = file;

  if (!read_sweep (root, display, report->rule, points, error))
    return FALSE;

  for (guint i = 0; i < points->len; i++)
    {
      const ScReportPoint *p = g_ptr_array_index (points, i);
      ScReportPoint *into = find_point (report->points, p->figure, p->criterion, p->panel, p->x,
                                        p->row);

      for (guint t = 0; t < p->tasks->len; t++)
        add_task (into, g_ptr_array_index (p->tasks, t));
      into->hidden |= p->hidden;
      into->recovered += p->recovered;
      into->networks += p->networks;
      into->no_network += p->no_network;
      look_up_paper (into);
    }
  g_ptr_array_sort (report->points, compare_points);
  g_ptr_array_add (report->sweeps, g_steal_pointer (&owned));
  return TRUE;
}

gboolean
sc_report_add_sweep (ScReport    *report,
                     const char  *path,
                     GError     **error)
{
  g_autofree char *file = NULL;
  g_autofree char *display = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (report != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(file = sweep_json_path (path, error)))
    return FALSE;
  display = g_filename_display_name (file);
  if (!(root = sc_json_read_file (file, SC_FILE_LIMIT_JSON, error)))
    return FALSE;
  return add_sweep (report, root, display, g_steal_pointer (&file), error);
}

gboolean
sc_report_add_sweep_json (ScReport    *report,
                          JsonNode    *root,
                          const char  *display,
                          GError     **error)
{
  g_return_val_if_fail (report != NULL && root != NULL && display != NULL, FALSE);

  return add_sweep (report, root, display, g_strdup (display), error);
}

/* "2", "2-3", or "2+4" for depths that are not contiguous. */
static char *
format_hidden (guint32 mask)
{
  GString *text = g_string_new (NULL);
  guint low, high;
  gboolean contiguous = TRUE;

  hidden_range (mask, &low, &high);
  for (guint h = low; h <= high; h++)
    contiguous &= (mask >> h) & 1;
  if (contiguous)
    {
      g_string_append_printf (text, "%u", low);
      if (high > low)
        g_string_append_printf (text, "-%u", high);
      return g_string_free (text, FALSE);
    }
  for (guint h = low; h <= high; h++)
    if ((mask >> h) & 1)
      g_string_append_printf (text, "%s%u", text->len ? "+" : "", h);
  return g_string_free (text, FALSE);
}

static void
append_number (GString *line,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (line, ',');
  if (isfinite (value))
    g_string_append (line, g_ascii_formatd (buffer, sizeof buffer, "%.4f", value));
}

static void
append_csv_line (GString             *csv,
                 const ScReportPoint *p,
                 ScSelectRule         rule)
{
  g_autofree char *hidden = format_hidden (p->hidden);
  double low = NAN, high = NAN;

  g_string_append_printf (csv, "%s,", figure_names[p->figure]);
  for (guint t = 0; t < p->tasks->len; t++)
    g_string_append_printf (csv, "%s%s", t ? " + " : "", (char *) g_ptr_array_index (p->tasks, t));
  g_string_append_printf (csv, ",%s,%s,", p->criterion, hidden);
  if (p->figure == SC_REPORT_REUSE || p->figure == SC_REPORT_LEVELS ||
      p->figure == SC_REPORT_OVERLAP)
    g_string_append_printf (csv, "%u", p->x);
  g_string_append_c (csv, ',');
  if (p->figure == SC_REPORT_OVERLAP)
    g_string_append_printf (csv, "%u", p->row);
  g_string_append_c (csv, ',');
  if (p->figure == SC_REPORT_WIDTH)
    g_string_append_printf (csv, "%u", p->x);
  g_string_append_printf (csv, ",%s,%u,%u,%u", sc_select_rule_name (rule), p->recovered,
                          p->networks, p->no_network);
  if (p->networks > 0)
    sc_report_interval (p->recovered, p->networks, &low, &high);
  append_number (csv, p->networks ? (double) p->recovered / p->networks : NAN);
  append_number (csv, low);
  append_number (csv, high);
  append_number (csv, p->paper);
  g_string_append_c (csv, '\n');
}

char *
sc_report_to_csv (const ScReport *report)
{
  GString *csv = g_string_new ("figure,tasks,criterion,hidden,uses,overlap,width,rule,"
                               "recovered,networks,no_network,rate,ci_low,ci_high,paper\n");

  g_return_val_if_fail (report != NULL, NULL);

  for (guint i = 0; i < report->points->len; i++)
    append_csv_line (csv, g_ptr_array_index (report->points, i), report->rule);
  return g_string_free (csv, FALSE);
}
