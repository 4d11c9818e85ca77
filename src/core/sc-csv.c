/* sc-csv.c — truth tables as CSV files
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Header x0,…,x(n−1),y0,…,y(m−1); then one row of 0/1 values per line.
 * Blank lines and # comments are ignored. Rows may be missing (a partial
 * truth table) and in any order; they are stored sorted by input pattern.
 * A repeated input pattern is fine if its outputs agree and an error
 * naming both lines if they do not. */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "sc-error.h"
#include "sc-file.h"
#include "sc-funcgraph.h"
#include "sc-task.h"
#include "sc-task-private.h"

typedef struct
{
  guint  index;   /* input pattern, x0 = most significant bit */
  guint  line;
  char  *y;       /* outputs as a string of '0'/'1' */
} CsvRow;

typedef struct
{
  const char *filename;
  guint       n_in;
  guint       n_out;
  GHashTable *rows;     /* index → CsvRow */
} Csv;

/* "FILE:LINE: problem" (sc_set_parse_error). */
#define csv_fail(csv, line, error, ...) \
  sc_set_parse_error ((error), (csv)->filename, (line), __VA_ARGS__)

static void
csv_row_free (gpointer data)
{
  CsvRow *row = data;

  g_free (row->y);
  g_free (row);
}

/* Fields are trimmed; spreadsheet exports may quote them. */
static char **
split_fields (const char *line)
{
  char **fields = g_strsplit (line, ",", -1);

  for (guint f = 0; fields[f] != NULL; f++)
    {
      gsize len;

      g_strstrip (fields[f]);
      len = strlen (fields[f]);
      if (len >= 2 && fields[f][0] == '"' && fields[f][len - 1] == '"')
        {
          memmove (fields[f], fields[f] + 1, len - 2);
          fields[f][len - 2] = '\0';
        }
    }
  return fields;
}

static gboolean
is_column (const char *field,
           char        prefix,
           guint       number)
{
  g_autofree char *want = g_strdup_printf ("%c%u", prefix, number);

  return strcmp (field, want) == 0;
}

static gboolean
parse_header (Csv     *csv,
              char   **fields,
              guint    line,
              GError **error)
{
  for (guint f = 0; fields[f] != NULL; f++)
    {
      if (csv->n_out == 0 && is_column (fields[f], 'x', csv->n_in))
        csv->n_in++;
      else if (is_column (fields[f], 'y', csv->n_out))
        csv->n_out++;
      else if (csv->n_out == 0)
        return csv_fail (csv, line, error, "column %u: expected “x%u” or “y0”, got “%s” "
                         "(the header is x0,…,y0,…)", f + 1, csv->n_in, fields[f]);
      else
        return csv_fail (csv, line, error, "column %u: expected “y%u”, got “%s” "
                         "(the header is x0,…,y0,…)", f + 1, csv->n_out, fields[f]);
    }

  if (csv->n_in == 0)
    return csv_fail (csv, line, error, "no input columns: the header starts with x0");
  if (csv->n_out == 0)
    return csv_fail (csv, line, error, "no output columns: add y0, y1, … after the inputs");
  if (csv->n_in > SC_FUNCGRAPH_MAX_INPUTS)
    return csv_fail (csv, line, error, "too many inputs: %u, at most %u are allowed",
                     csv->n_in, SC_FUNCGRAPH_MAX_INPUTS);
  return TRUE;
}

static const char *
column_name (Csv   *csv,
             guint  f,
             char  *buf,
             gsize  size)
{
  if (f < csv->n_in)
    g_snprintf (buf, size, "x%u", f);
  else
    g_snprintf (buf, size, "y%u", f - csv->n_in);
  return buf;
}

static gboolean
parse_row (Csv     *csv,
           char   **fields,
           guint    line,
           GError **error)
{
  guint n_fields = g_strv_length (fields);
  g_autofree char *y = NULL;
  g_autofree char *x = NULL;
  CsvRow *row, *seen;
  guint index = 0;

  if (n_fields != csv->n_in + csv->n_out)
    return csv_fail (csv, line, error, "expected %u values (%u inputs, %u outputs), got %u",
                     csv->n_in + csv->n_out, csv->n_in, csv->n_out, n_fields);

  for (guint f = 0; f < n_fields; f++)
    if (strcmp (fields[f], "0") != 0 && strcmp (fields[f], "1") != 0)
      {
        char buf[16];

        return csv_fail (csv, line, error, "column %u (%s): “%s” is not 0 or 1",
                         f + 1, column_name (csv, f, buf, sizeof buf), fields[f]);
      }

  x = g_new0 (char, csv->n_in + 1);
  y = g_new0 (char, csv->n_out + 1);
  for (guint i = 0; i < csv->n_in; i++)
    {
      x[i] = fields[i][0];
      index = (index << 1) | (x[i] == '1');
    }
  for (guint j = 0; j < csv->n_out; j++)
    y[j] = fields[csv->n_in + j][0];

  if ((seen = g_hash_table_lookup (csv->rows, GUINT_TO_POINTER (index))) != NULL)
    {
      if (strcmp (seen->y, y) == 0)
        return TRUE;
      return csv_fail (csv, line, error, "input row %s was already given at line %u with "
                       "outputs %s; here its outputs are %s", x, seen->line, seen->y, y);
    }

  row = g_new0 (CsvRow, 1);
  row->index = index;
  row->line = line;
  row->y = g_steal_pointer (&y);
  g_hash_table_insert (csv->rows, GUINT_TO_POINTER (index), row);
  return TRUE;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const CsvRow *ra = *(CsvRow * const *) a;
  const CsvRow *rb = *(CsvRow * const *) b;

  return ra->index < rb->index ? -1 : ra->index > rb->index;
}

static ScDataset *
build_dataset (Csv *csv)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  ScDataset *data;

  g_hash_table_iter_init (&iter, csv->rows);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (rows, value);
  g_ptr_array_sort (rows, compare_rows);
  data = sc_dataset_new (rows->len, csv->n_in, csv->n_out);
  for (guint r = 0; r < rows->len; r++)
    {
      const CsvRow *row = g_ptr_array_index (rows, r);

      for (guint i = 0; i < csv->n_in; i++)
        data->x[(gsize) r * csv->n_in + i] = (row->index >> (csv->n_in - 1 - i)) & 1;
      for (guint j = 0; j < csv->n_out; j++)
        data->y[(gsize) r * csv->n_out + j] = row->y[j] == '1';
    }
  return data;
}

static char **
column_names (char  prefix,
              guint n)
{
  char **names = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    names[i] = g_strdup_printf ("%c%u", prefix, i);
  return names;
}

static ScTask *
task_from_csv (Csv        *csv,
               const char *path)
{
  ScTask *task = sc_task_new ();

  task->kind = SC_TASK_BOOLEAN;
  task->name = sc_task_name_from_path (path);
  task->title = g_strdup (task->name);
  task->path = g_strdup (path);
  task->n_in = csv->n_in;
  task->n_out = csv->n_out;
  task->input_names = column_names ('x', csv->n_in);
  task->output_names = column_names ('y', csv->n_out);
  task->train = build_dataset (csv);
  task->test = sc_dataset_ref (task->train);
  task->description = g_strdup_printf ("Truth table read from %s: %u of %u rows.",
                                       path, task->train->n_rows, 1u << csv->n_in);
  sc_task_fallback_arch (&task->defaults, csv->n_in, csv->n_out);
  task->defaults.batch_size = sc_task_fallback_batch_size (task->train->n_rows);
  return task;
}

static gboolean
parse_lines (Csv         *csv,
             char       **lines,
             GError     **error)
{
  gboolean have_header = FALSE;
  guint n_lines = g_strv_length (lines);

  if (n_lines > 1 && lines[n_lines - 1][0] == '\0')
    n_lines--;   /* the final newline does not start a line */

  for (guint l = 0; l < n_lines; l++)
    {
      g_auto(GStrv) fields = NULL;
      char *text = lines[l];

      if (strchr (text, '#') != NULL)
        *strchr (text, '#') = '\0';
      g_strstrip (text);
      if (text[0] == '\0')
        continue;

      fields = split_fields (text);
      if (!have_header)
        {
          if (!parse_header (csv, fields, l + 1, error))
            return FALSE;
          have_header = TRUE;
        }
      else if (!parse_row (csv, fields, l + 1, error))
        return FALSE;
    }

  if (!have_header)
    return csv_fail (csv, 1, error, "no header: expected a line x0,…,y0,…");
  if (g_hash_table_size (csv->rows) == 0)
    return csv_fail (csv, MAX (n_lines, 1), error, "no data rows after the header");
  return TRUE;
}

ScTask *
sc_task_load_csv (const char  *path,
                  GError     **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GHashTable) rows = NULL;
  Csv csv = { 0 };

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!sc_file_read_text (path, SC_FILE_LIMIT_TASK, &text, error))
    return NULL;

  rows = g_hash_table_new_full (NULL, NULL, NULL, csv_row_free);
  csv.filename = path;
  csv.rows = rows;

  if (!g_utf8_validate (text, -1, NULL))
    {
      csv_fail (&csv, 1, error, "not UTF-8 text");
      return NULL;
    }

  lines = g_strsplit (text, "\n", -1);
  if (!parse_lines (&csv, lines, error))
    return NULL;

  return task_from_csv (&csv, path);
}
