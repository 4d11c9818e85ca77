/* sc-error.c
 *
 * Copyright 2026 The Sculptor authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "sculptor-core"

#include "config.h"

#include "sc-error.h"

G_DEFINE_QUARK (sculptor-error-quark, sc_error)
