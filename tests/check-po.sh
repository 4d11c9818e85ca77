#!/bin/sh
# check-po.sh — every translation is valid and complete: no string marked in
# the sources (po/POTFILES.in) is left untranslated or fuzzy.
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-po.sh SOURCE_ROOT
#
# When this fails after new strings were added: `ninja -C build
# sculptor-update-po`, then translate what msgmerge left empty or fuzzy.
set -eu

cd "$1"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/sculptor-po-XXXXXX")
trap 'rm -rf "$tmp"' EXIT
status=0

# The keywords of meson's "glib" preset that our sources use.
xgettext --from-code=UTF-8 --add-comments --package-name=sculptor \
  --keyword=_ --keyword=N_ --keyword=C_:1c,2 --keyword=NC_:1c,2 \
  --keyword=g_dngettext:2,3 \
  --files-from=po/POTFILES.in --directory=. --output="$tmp/sculptor.pot"

for lang in $(grep -v '^#' po/LINGUAS); do
  po="po/$lang.po"
  if ! msgfmt --check --output-file=/dev/null "$po"; then
    echo "$po: msgfmt --check failed"
    status=1
    continue
  fi
  msgmerge --quiet --no-fuzzy-matching --output-file="$tmp/$lang.po" "$po" "$tmp/sculptor.pot"
  stats=$(LC_ALL=C msgfmt --check --statistics --output-file=/dev/null "$tmp/$lang.po" 2>&1)
  case $stats in
    *untranslated*|*fuzzy*)
      echo "$po is incomplete: $stats"
      msgattrib --untranslated --no-obsolete "$tmp/$lang.po" | grep '^msgid' | head -20
      status=1 ;;
    *) echo "ok: $lang: $stats" ;;
  esac
  obsolete=$(msgattrib --only-obsolete "$tmp/$lang.po" | grep -c '^#~ msgid' || true)
  [ "$obsolete" -eq 0 ] || echo "note: $po has $obsolete strings no longer used"
done

exit $status
