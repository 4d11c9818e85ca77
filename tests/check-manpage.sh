#!/bin/sh
# check-manpage.sh — the sculptor-cli man page formats without warnings and
# documents every subcommand and option the program itself lists.
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-manpage.sh MANPAGE SCULPTOR-CLI
set -eu

page=$1
cli=$2
status=0

# groff warnings (-ww) are what `man --warnings` shows.
if command -v groff >/dev/null 2>&1; then
  warnings=$(groff -man -ww -z "$page" 2>&1 || true)
  if [ -n "$warnings" ]; then
    echo "groff warnings in $page:"
    echo "$warnings"
    status=1
  fi
else
  echo "groff not found: formatting not checked"
fi

# The page in plain text, hyphens unescaped.
text=$(sed -e 's/\\-/-/g' "$page")

commands=$(LC_ALL=C "$cli" --help | sed -n 's/^  \([a-z][a-z-]*\)  .*/\1/p')
[ -n "$commands" ] || { echo "no commands in sculptor-cli --help"; exit 1; }
for command in $commands; do
  if ! printf '%s\n' "$text" | grep -q "^\.BR $command "; then
    echo "command $command is not described"
    status=1
  fi
  options=$(LC_ALL=C "$cli" "$command" --help-all | sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}--\([a-z][a-z-]*\).*/\2/p')
  for option in $options; do
    case $option in help|help-all|help-method) continue ;; esac
    if ! printf '%s\n' "$text" | grep -q -- "--$option"; then
      echo "option --$option of $command is not described"
      status=1
    fi
  done
done

for option in --help --version; do
  printf '%s\n' "$text" | grep -q -- "^\.B.* $option" || { echo "$option is not described"; status=1; }
done

[ $status -eq 0 ] && echo "ok: $(echo $commands | wc -w) commands, formatting clean"
exit $status
