/* fuzz-replay.c — runs a fuzz target over corpus files, without libFuzzer
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* fuzz-replay-TARGET DIR|FILE…: every file of each directory (sorted), or
 * each file, goes through the target once. An empty corpus is a failure, so
 * a corpus that went missing cannot pass unnoticed. */

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "fuzz.h"

static gboolean
replay_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  fprintf (stderr, "%s\n", path);
  LLVMFuzzerTestOneInput ((const uint8_t *) contents, length);
  return TRUE;
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Appends the files of dir (sorted), or dir itself when it is a file. */
static gboolean
collect (const char *path,
         GPtrArray  *files)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_ptr_array_add (files, g_strdup (path));
      return TRUE;
    }
  if (!(dir = g_dir_open (path, 0, &error)))
    {
      fprintf (stderr, "%s\n", error->message);
      return FALSE;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_build_filename (path, name, NULL));
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (files, g_strdup (names->pdata[i]));
  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    if (!collect (argv[i], files))
      return 1;
  if (files->len == 0)
    {
      fprintf (stderr, "%s: no corpus files given\n", argv[0]);
      return 1;
    }

  for (guint i = 0; i < files->len; i++)
    if (!replay_file (files->pdata[i]))
      return 1;

  printf ("replayed %u inputs\n", files->len);
  return 0;
}
