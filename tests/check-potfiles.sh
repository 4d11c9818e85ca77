#!/bin/sh
# check-potfiles.sh — every source file with translatable strings is listed
# in po/POTFILES.in, and every listed file exists.
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-potfiles.sh SOURCE_ROOT
set -eu

cd "$1"
status=0
listed=$(grep -v '^#' po/POTFILES.in | grep -v '^$')

for file in $listed; do
  [ -f "$file" ] || { echo "po/POTFILES.in lists $file, which does not exist"; status=1; }
done

# _("…"), N_("…"), C_("…", …), ngettext (…) in C; translatable="yes" in .ui
# and .in files.
marked=$( (grep -l -E '\b(N?C?_|g?d?n?gettext)[[:space:]]*\(' src/*/*.c 2>/dev/null || true;
           grep -l 'translatable="yes"' ui/*.ui 2>/dev/null || true) | sort -u)
for file in $marked; do
  if ! printf '%s\n' "$listed" | grep -qx "$file"; then
    echo "$file has translatable strings but is not in po/POTFILES.in"
    status=1
  fi
done

[ $status -eq 0 ] && echo "ok: $(printf '%s\n' "$listed" | wc -l) files listed, $(printf '%s\n' "$marked" | wc -l) with marked strings"
exit $status
