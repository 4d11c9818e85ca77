/* cli-tasks.c — sculptor-cli tasks
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* sculptor-cli tasks               list the bundled tasks
 * sculptor-cli tasks NAME          describe a task (bundled name or file)
 * sculptor-cli tasks NAME --csv    print its truth table as CSV
 *
 * Exit status: 0 on success, 2 for bad arguments, 1 when the task cannot be
 * loaded (unknown name, unreadable or invalid file): the arguments were
 * well-formed, the work failed. */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>

#include "cli.h"
#include "sc-mnist.h"
#include "sc-paper.h"
#include "sc-task.h"

/* The defaults shown for each task, in this order. */
static const char * const shown_keys[] = {
  "arch", "lr", "batch-size", "epochs", "unit-step", "edge-steps",
};

static int
load_failed (const GError *error)
{
  fprintf (stderr, "sculptor-cli: %s\n", error->message);
  return CLI_EXIT_FAILED;
}

static char *
defaults_line (const ScTask *task)
{
  GString *line = g_string_new (NULL);

  for (guint k = 0; k < G_N_ELEMENTS (shown_keys); k++)
    {
      g_autofree char *value = sc_hyper_get (&task->defaults, shown_keys[k]);

      g_string_append_printf (line, "%s%s=%s", k > 0 ? " " : "", shown_keys[k], value);
    }
  return g_string_free (line, FALSE);
}

/* One line per task: name, family, spec, defaults; columns aligned. */
static int
list_tasks (void)
{
  const char * const *names = sc_task_bundled_names ();
  g_autoptr(GPtrArray) tasks = g_ptr_array_new_with_free_func ((GDestroyNotify) sc_task_unref);
  int name_width = 0, family_width = 0, spec_width = 0;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      ScTask *task = sc_task_load_bundled (names[i], &error);

      if (task == NULL)
        return load_failed (error);
      g_ptr_array_add (tasks, task);
      name_width = MAX (name_width, (int) g_utf8_strlen (task->name, -1));
      family_width = MAX (family_width, (int) g_utf8_strlen (sc_task_get_family (task), -1));
      spec_width = MAX (spec_width, (int) g_utf8_strlen (task->spec, -1));
    }

  /* The vision tasks: their names, spec and defaults do not depend on the
   * digits, so a few synthetic ones describe them without loading MNIST. */
  for (const char * const *mnist = sc_mnist_task_names (); *mnist; mnist++)
    {
      g_autoptr(ScDigits) digits = sc_mnist_synthetic_digits (4, 0);
      g_autoptr(GError) error = NULL;
      ScMnistKind kind;
      ScTask *task;

      sc_mnist_kind_from_name (*mnist, &kind);
      if (!(task = sc_mnist_task_new (kind, digits, NULL, &error)))
        return load_failed (error);
      g_ptr_array_add (tasks, task);
      name_width = MAX (name_width, (int) g_utf8_strlen (task->name, -1));
      family_width = MAX (family_width, (int) g_utf8_strlen (sc_task_get_family (task), -1));
      spec_width = MAX (spec_width, (int) g_utf8_strlen (task->spec, -1));
    }

  for (guint i = 0; i < tasks->len; i++)
    {
      ScTask *task = g_ptr_array_index (tasks, i);
      g_autofree char *defaults = defaults_line (task);
      const char *family = sc_task_get_family (task);

      /* %-*s pads bytes, the widths count characters */
      printf ("%-*s  %s%*s  %-*s  %s\n", name_width, task->name, family,
              family_width - (int) g_utf8_strlen (family, -1), "", spec_width, task->spec, defaults);
    }
  return CLI_EXIT_OK;
}

/* Prints text wrapped at about 76 columns, each line indented. */
static void
print_wrapped (const char *text,
               const char *indent)
{
  g_auto(GStrv) words = g_strsplit (text, " ", -1);
  glong column = 0;

  for (guint w = 0; words[w] != NULL; w++)
    {
      glong len = g_utf8_strlen (words[w], -1);

      if (len == 0)
        continue;
      if (column > 0 && column + 1 + len > 76)
        {
          printf ("\n");
          column = 0;
        }
      if (column == 0)
        {
          printf ("%s%s", indent, words[w]);
          column = g_utf8_strlen (indent, -1) + len;
        }
      else
        {
          printf (" %s", words[w]);
          column += 1 + len;
        }
    }
  if (column > 0)
    printf ("\n");
}

/* Long lists (image tasks have 1568 inputs) are shown as their first and
 * last items and a count. */
#define LIST_HEAD 6
#define LIST_TAIL 2

static char *
join_names (const char * const *names,
            const guint        *indices,   /* NULL: 0 .. n-1 */
            guint               n,
            const char         *separator)
{
  GString *text = g_string_new (NULL);
  gboolean elide = n > LIST_HEAD + LIST_TAIL + 4;

  for (guint k = 0; k < n; k++)
    {
      if (elide && k == LIST_HEAD)
        {
          g_string_append_printf (text, "%s…", separator);
          k = n - LIST_TAIL - 1;
          continue;
        }
      g_string_append_printf (text, "%s%s", k > 0 ? separator : "",
                              names[indices ? indices[k] : k]);
    }
  if (elide)
    g_string_append_printf (text, _(" (%u in all)"), n);

  return g_string_free (text, FALSE);
}

static char *
join_indices (const GArray       *indices,
              const char * const *names)
{
  return join_names (names, (const guint *) indices->data, indices->len, ", ");
}

static char *
node_reads (const ScTask      *task,
            const ScTruthNode *node)
{
  g_autofree char *inputs = join_indices (node->inputs, (const char * const *) task->input_names);
  g_autoptr(GPtrArray) node_names = g_ptr_array_new ();
  g_autofree char *nodes = NULL;

  for (guint n = 0; n < task->truth->n_nodes; n++)
    g_ptr_array_add (node_names, task->truth->nodes[n].name);
  nodes = join_indices (node->nodes, (const char * const *) node_names->pdata);

  if (inputs[0] != '\0' && nodes[0] != '\0')
    return g_strconcat (inputs, ", ", nodes, NULL);
  return g_strdup (inputs[0] != '\0' ? inputs : nodes);
}

static void
print_nodes (const ScTask *task)
{
  const ScTruth *truth = task->truth;

  printf (_("Nodes (%u):\n"), truth->n_nodes);
  for (guint n = 0; n < truth->n_nodes; n++)
    {
      const ScTruthNode *node = &truth->nodes[n];
      g_autofree char *reads = node_reads (task, node);
      g_autofree char *input_set = join_indices (node->input_set,
                                                 (const char * const *) task->input_names);

      printf (_("  %-6s %u bit(s), level %u, reads %s; depends on {%s}; used %u time(s)%s\n"),
              node->name, node->n_bits, node->level, reads, input_set, node->n_users,
              node->reused ? _(", reused") : "");
    }
}

static void
print_groups (const char         *label,
              const int          *group,
              guint               n_groups,
              guint               n,
              const char * const *names)
{
  printf ("%s", label);
  for (guint g = 0; g < n_groups; g++)
    {
      g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (guint));
      g_autofree char *text = NULL;

      for (guint i = 0; i < n; i++)
        if (group[i] == (int) g)
          g_array_append_val (members, i);
      text = join_indices (members, names);
      printf (" {%s}", text);
    }
  printf ("\n");
}

static void
print_outputs (const ScTask *task)
{
  const ScTruth *truth = task->truth;

  printf (_("Outputs (%u):\n"), task->n_out);
  for (guint o = 0; o < task->n_out; o++)
    {
      const ScTruthNode *node = &truth->nodes[truth->output_node[o]];

      if (node->n_bits == 1)
        printf ("  %s = %s\n", task->output_names[o], node->name);
      else
        printf ("  %s = %s.%u\n", task->output_names[o], node->name, truth->output_bit[o]);
    }
  print_groups (_("Input groups:"), truth->input_group, truth->n_input_groups,
                task->n_in, (const char * const *) task->input_names);
  print_groups (_("Output groups:"), truth->output_group, truth->n_output_groups,
                task->n_out, (const char * const *) task->output_names);
}

static void
print_defaults (const ScTask *task)
{
  printf (_("Defaults:\n"));
  for (guint k = 0; k < G_N_ELEMENTS (shown_keys); k++)
    {
      g_autofree char *value = sc_hyper_get (&task->defaults, shown_keys[k]);

      printf ("  %-11s %s\n", shown_keys[k], value);
    }
}

/* The authors' settings per architecture (sweep --paper runs them). */
static void
print_paper (const ScTask *task)
{
  if (task->paper->len == 0)
    return;

  printf (_("The paper's settings per architecture (sweep --paper):\n"));
  for (guint i = 0; i < task->paper->len; i++)
    {
      g_autofree char *row = sc_paper_format (&g_array_index (task->paper, ScPaperSetting, i));

      printf ("  %s\n", row);
    }
}

static void
describe_task (const ScTask *task)
{
  g_autofree char *inputs = join_names ((const char * const *) task->input_names, NULL,
                                        task->n_in, " ");

  printf ("%s — %s\n", task->name, sc_task_get_title (task));
  if (task->family != NULL)
    printf (_("Family: %s\n"), sc_task_get_family (task));
  if (task->spec != NULL)
    printf (_("Spec: %s\n"), task->spec);
  if (task->path != NULL)
    printf (_("File: %s\n"), task->path);
  if (task->description != NULL)
    {
      printf ("\n");
      print_wrapped (sc_task_get_description (task), "");
    }
  printf ("\n");
  printf (_("Inputs (%u): %s\n"), task->n_in, inputs);
  if (task->kind == SC_TASK_IMAGE)
    printf (_("Images: %u × %u pixels, %u training and %u test samples\n"),
            task->image_width, task->image_height, task->train->n_rows, task->test->n_rows);
  else
    printf (_("Truth table: %u rows\n"), task->train->n_rows);

  if (task->truth != NULL)
    {
      print_nodes (task);
      print_outputs (task);
    }
  else
    {
      g_autofree char *outputs = join_names ((const char * const *) task->output_names, NULL,
                                             task->n_out, " ");

      printf (_("Outputs (%u): %s\n"), task->n_out, outputs);
      printf (_("Ground truth: unknown (a plain truth table has no function graph)\n"));
    }
  print_defaults (task);
  print_paper (task);
}

static int
show_task (const char *name,
           gboolean    csv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(ScTask) task = sc_task_lookup (name, &error);

  if (task == NULL)
    return load_failed (error);

  if (csv)
    {
      g_autofree char *text = sc_task_to_csv (task);

      fputs (text, stdout);
    }
  else
    describe_task (task);

  return CLI_EXIT_OK;
}

int
cli_tasks (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gboolean csv = FALSE;
  const GOptionEntry entries[] = {
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv,
      N_("Print the task’s truth table as CSV (header x0,…,y0,…)"), NULL },
    { NULL }
  };

  context = g_option_context_new (_("[NAME|FILE] — list, describe or export tasks"));
  g_option_context_set_summary (context,
    _("Without arguments, lists the bundled tasks: name, family, spec and default\n"
      "hyper-parameters. With a bundled task name or a file (.sfg function graph or\n"
      ".csv truth table), describes that task, or prints its truth table with --csv."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, &argc, &argv, &error))
    return cli_usage_error ("%s", error->message);

  if (argc > 2)
    return cli_usage_error (_("tasks takes at most one task name, got “%s” too (try --help)"),
                            argv[2]);
  if (argc == 2 && argv[1][0] == '-' && argv[1][1] != '\0')
    return cli_usage_error (_("unknown option “%s” (try --help)"), argv[1]);

  if (argc == 1)
    {
      if (csv)
        return cli_usage_error (_("--csv needs a task name, e.g. “tasks exemplar/reused --csv”"));
      return list_tasks ();
    }

  return show_task (argv[1], csv);
}
