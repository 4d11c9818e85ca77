#!/bin/sh
# check-cli-i18n.sh — sculptor-cli speaks German with LANGUAGE=de and the
# catalog built in the build directory; English stays the default.
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-cli-i18n.sh SCULPTOR-CLI LOCALEDIR
set -eu

cli=$1
export SCULPTOR_LOCALEDIR=$2
status=0

expect() {
  case $2 in
    *"$3"*) echo "ok: $1" ;;
    *) echo "FAIL: $1: “$3” not in:"; echo "$2"; status=1 ;;
  esac
}

de() { LANG=C.UTF-8 LANGUAGE=de "$cli" "$@" 2>&1 || true; }

expect "usage in German" "$(de --help)" "Befehle:"
expect "command summary in German" "$(de --help)" "Die mitgelieferten Aufgaben auflisten"
expect "options in German" "$(de render --help)" "Die dunkle Farbpalette verwenden"
expect "hyper-parameters in German" "$(de run --help-method)" "Lernrate von Adam"
expect "task description in German" "$(de tasks exemplar/reused)" "Wahrheitstabelle: 16 Zeilen"
# the bundled tasks' own texts (data files) are translated too
expect "task title in German" "$(de tasks exemplar/reused)" "exemplar/reused — Wiederverwendete Teilfunktion"
expect "task family in German" "$(de tasks levels/k8)" "Familie: Hierarchiestufen"
expect "task text in German" "$(de tasks overlap/o1-k4)" "(gemeinsam: x3)"
expect "families in the list in German" "$(de tasks)" "overlap/o0-k2              Überlappende Eingaben  [8,2,2]"
expect "task title in English" "$(LANG=C.UTF-8 LANGUAGE= "$cli" tasks exemplar/reused)" "exemplar/reused — Reused sub-function"
expect "usage errors in German" "$(de render)" "render braucht genau eine ERGEBNIS.json"
expect "English without LANGUAGE" "$(LANG=C.UTF-8 LANGUAGE= "$cli" --help)" "Commands:"
version=$(LANG=C.UTF-8 LANGUAGE=de "$cli" --version)
expect "--version" "$version" "sculptor-cli "

exit $status
