#!/bin/sh
# check-install.sh — `meson install` puts every file where GNOME expects it
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-install.sh BUILD_DIR PREFIX APP_ID WITH_APP
#
# Installs into a temporary DESTDIR (the post-install hooks skip themselves
# there), then checks each file and, where a validator exists, validates the
# installed copy.
set -eu

build=$1
prefix=$2
app_id=$3
with_app=$4

dest=$(mktemp -d "${TMPDIR:-/tmp}/sculptor-install-XXXXXX")
trap 'rm -rf "$dest"' EXIT

if ! DESTDIR="$dest" meson install -C "$build" --no-rebuild --quiet >"$dest.log" 2>&1; then
  cat "$dest.log"
  rm -f "$dest.log"
  echo "meson install failed"
  exit 1
fi
rm -f "$dest.log"

root="$dest$prefix"
status=0

expect() {
  if [ -s "$root/$1" ]; then
    echo "ok: $1"
  else
    echo "MISSING: $1"
    status=1
  fi
}

expect bin/sculptor-cli
expect share/man/man1/sculptor-cli.1
expect share/locale/de/LC_MESSAGES/sculptor.mo

if [ "$with_app" = true ]; then
  expect bin/sculptor
  expect "share/applications/$app_id.desktop"
  expect "share/metainfo/$app_id.metainfo.xml"
  expect "share/icons/hicolor/scalable/apps/$app_id.svg"
  expect "share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
  expect "share/glib-2.0/schemas/$app_id.gschema.xml"

  # The installed copies are the ones desktops read.
  if [ $status -eq 0 ]; then
    if command -v desktop-file-validate >/dev/null 2>&1; then
      desktop-file-validate "$root/share/applications/$app_id.desktop" || status=1
    fi
    if command -v appstreamcli >/dev/null 2>&1; then
      appstreamcli validate --no-net --no-color "$root/share/metainfo/$app_id.metainfo.xml" >/dev/null || status=1
    fi
    glib-compile-schemas --strict --dry-run "$root/share/glib-2.0/schemas" || status=1
    grep -q "^Icon=$app_id\$" "$root/share/applications/$app_id.desktop" || {
      echo "the desktop file does not name the installed icon $app_id"; status=1; }
    grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" \
      "$root/share/metainfo/$app_id.metainfo.xml" || {
      echo "the metainfo does not launch $app_id.desktop"; status=1; }
    # The German strings were merged into the installed desktop file.
    grep -q '^Comment\[de\]=' "$root/share/applications/$app_id.desktop" || {
      echo "the desktop file has no German comment"; status=1; }
  fi
fi

# The installed CLI speaks German from the installed catalog.
if [ -x "$root/bin/sculptor-cli" ]; then
  out=$(LANG=C.UTF-8 LANGUAGE=de SCULPTOR_LOCALEDIR="$root/share/locale" "$root/bin/sculptor-cli" --help)
  case $out in
    *Befehle:*) echo "ok: installed catalog used" ;;
    *) echo "the installed German catalog is not used:"; echo "$out"; status=1 ;;
  esac
  version=$("$root/bin/sculptor-cli" --version)
  [ -n "$version" ] && echo "ok: $version" || status=1
fi

exit $status
