/* cli-detect.c — sculptor-cli detect
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-cli"

#include "config.h"

#include "cli.h"

int
cli_detect (int    argc,
        char **argv)
{
  return cli_usage_error ("“detect” is not implemented yet");
}
