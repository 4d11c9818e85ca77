/* sc-paper.c — the authors' per-architecture settings of a task
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include <string.h>

#include "sc-error.h"
#include "sc-mask.h"
#include "sc-paper.h"

static const char * const paper_keys[] = { "lr", "batch-size", "epochs" };

void
sc_paper_setting_clear (ScPaperSetting *setting)
{
  g_clear_pointer (&setting->arch, g_array_unref);
}

static void
setting_clear_func (gpointer data)
{
  sc_paper_setting_clear (data);
}

GArray *
sc_paper_table_new (void)
{
  GArray *table = g_array_new (FALSE, TRUE, sizeof (ScPaperSetting));

  g_array_set_clear_func (table, setting_clear_func);
  return table;
}

gboolean
sc_paper_parse (const char      *text,
                ScPaperSetting  *out,
                GError         **error)
{
  g_auto(GStrv) words = g_strsplit_set (text, " \t", -1);
  g_autoptr(GArray) arch = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *given[G_N_ELEMENTS (paper_keys)] = { NULL };
  ScHyper scratch;
  guint n = 0;

  g_return_val_if_fail (text != NULL && out != NULL, FALSE);

  /* Drop the empty words that runs of blanks leave. */
  for (guint i = 0; words[i] != NULL; i++)
    if (words[i][0] != '\0')
      words[n++] = words[i];
    else
      g_free (words[i]);
  words[n] = NULL;

  if (n == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "“paper” needs an architecture and its settings, e.g. "
                   "“paper 4-24-24-2 lr 0.1 batch-size 8 epochs 30”");
      return FALSE;
    }
  if (!sc_arch_parse (words[0], &arch, error))
    return FALSE;
  if (n % 2 == 0)
    {
      g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                   "“%s” has no value (expected lr, batch-size and epochs, each with a value)",
                   words[n - 1]);
      return FALSE;
    }

  for (guint i = 1; i + 1 < n; i += 2)
    {
      guint k;

      g_strdelimit (words[i], "_", '-');
      for (k = 0; k < G_N_ELEMENTS (paper_keys); k++)
        if (strcmp (words[i], paper_keys[k]) == 0)
          break;
      if (k == G_N_ELEMENTS (paper_keys))
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                       "unknown setting “%s” (a paper row gives lr, batch-size and epochs)",
                       words[i]);
          return FALSE;
        }
      if (given[k] != NULL)
        {
          g_set_error (error, SC_ERROR, SC_ERROR_INVALID, "%s given twice", paper_keys[k]);
          return FALSE;
        }
      given[k] = words[i + 1];
    }

  for (guint k = 0; k < G_N_ELEMENTS (paper_keys); k++)
    if (given[k] == NULL)
      {
        g_set_error (error, SC_ERROR, SC_ERROR_INVALID,
                     "%s is missing (a paper row gives lr, batch-size and epochs)",
                     paper_keys[k]);
        return FALSE;
      }

  /* The hyper-parameter parser checks the values and their ranges. */
  sc_hyper_init_defaults (&scratch);
  for (guint k = 0; k < G_N_ELEMENTS (paper_keys); k++)
    if (!sc_hyper_set (&scratch, paper_keys[k], given[k], &local_error))
      {
        sc_hyper_clear (&scratch);
        g_propagate_error (error, g_steal_pointer (&local_error));
        return FALSE;
      }

  *out = (ScPaperSetting) {
    .arch = g_steal_pointer (&arch),
    .lr = scratch.lr,
    .batch_size = scratch.batch_size,
    .epochs = scratch.epochs,
  };
  sc_hyper_clear (&scratch);
  return TRUE;
}

const ScPaperSetting *
sc_paper_find (const GArray *table,
               const guint  *arch,
               guint         n_layers)
{
  g_return_val_if_fail (arch != NULL, NULL);

  for (guint i = 0; table != NULL && i < table->len; i++)
    {
      const ScPaperSetting *s = &g_array_index (table, ScPaperSetting, i);

      if (s->arch->len == n_layers &&
          memcmp (s->arch->data, arch, n_layers * sizeof (guint)) == 0)
        return s;
    }

  return NULL;
}

void
sc_paper_apply (const ScPaperSetting *setting,
                ScHyper              *hyper)
{
  g_return_if_fail (setting != NULL && hyper != NULL);

  g_array_set_size (hyper->arch, 0);
  g_array_append_vals (hyper->arch, setting->arch->data, setting->arch->len);
  hyper->lr = setting->lr;
  hyper->batch_size = setting->batch_size;
  hyper->epochs = setting->epochs;
}

char *
sc_paper_format (const ScPaperSetting *setting)
{
  g_autofree char *arch = sc_arch_to_string ((const guint *) setting->arch->data,
                                             setting->arch->len, '-');
  char lr[G_ASCII_DTOSTR_BUF_SIZE];

  return g_strdup_printf ("%s lr %s batch-size %u epochs %u", arch,
                          g_ascii_formatd (lr, sizeof lr, "%g", setting->lr),
                          setting->batch_size, setting->epochs);
}

guint
sc_paper_hidden_layers (const ScPaperSetting *setting)
{
  return setting->arch->len - 2;
}

guint
sc_paper_width (const ScPaperSetting *setting)
{
  const guint *arch = (const guint *) setting->arch->data;

  for (guint l = 2; l + 1 < setting->arch->len; l++)
    if (arch[l] != arch[1])
      return 0;
  return arch[1];
}
