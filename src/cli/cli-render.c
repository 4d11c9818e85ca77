/* cli-render.c — sculptor-cli render
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include "cli.h"

int
cli_render (int    argc,
        char **argv)
{
  return cli_usage_error ("“render” is not implemented yet");
}
