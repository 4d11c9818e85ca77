#!/bin/sh
# check-screenshots.sh — every screenshot the metainfo names is in the
# repository (the URLs point at the raw files of the main branch) and is a
# PNG of a sensible size.
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-screenshots.sh METAINFO SOURCE_ROOT
set -eu

metainfo=$1
root=$2
prefix=https://raw.githubusercontent.com/sculptor-app/sculptor/main/
status=0
count=0

for url in $(sed -n 's:.*<image[^>]*>\(.*\)</image>.*:\1:p' "$metainfo"); do
  count=$((count + 1))
  case $url in
    "$prefix"*) file="$root/${url#"$prefix"}" ;;
    *) echo "$url is not a raw file of the main branch"; status=1; continue ;;
  esac
  if [ ! -f "$file" ]; then
    echo "$url: ${file#"$root/"} is missing"
    status=1
    continue
  fi
  # PNG signature, then the IHDR width and height (big-endian).
  if [ "$(head -c 8 "$file" | od -An -tx1 | tr -d ' \n')" != "89504e470d0a1a0a" ]; then
    echo "$file is not a PNG"
    status=1
    continue
  fi
  width=$(od -An -tu1 -j16 -N4 "$file" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
  height=$(od -An -tu1 -j20 -N4 "$file" | awk '{print $1*16777216+$2*65536+$3*256+$4}')
  if [ "$width" -lt 620 ] || [ "$height" -lt 350 ]; then
    echo "$file is only ${width}x$height"
    status=1
  else
    echo "ok: ${file#"$root/"} ${width}x$height"
  fi
done

[ $count -gt 0 ] || { echo "no screenshots in $metainfo"; status=1; }
exit $status
