/* main.c — sculptor-cli
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include <stdio.h>

int
main (int   argc,
      char *argv[])
{
  printf ("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
  return 0;
}
