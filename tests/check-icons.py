#!/usr/bin/env python3
# check-icons.py — the app icons are well-formed and load everywhere
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-icons.py APP_ICON.svg SYMBOLIC_ICON.svg
#
# - gdk-pixbuf recognises an SVG by "<svg" near the start of the file: a long
#   comment before the root element makes the icon fail to load (seen).
# - The application icon is 128×128 (GNOME HIG) with no text or external
#   references; the symbolic one is 16×16, filled paths of one colour only,
#   no strokes, so GTK can recolour it.

import sys
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
errors = []


def load(path, size):
    with open(path, "rb") as f:
        head = f.read(256)
    if b"<svg" not in head:
        errors.append("%s: <svg> must start within the first 256 bytes" % path)
    root = ET.parse(path).getroot()
    if root.tag != SVG + "svg":
        errors.append("%s: the root element is not svg" % path)
    for attribute in ("width", "height"):
        if root.get(attribute) != str(size):
            errors.append("%s: %s must be %d" % (path, attribute, size))
    if root.get("viewBox") != "0 0 %d %d" % (size, size):
        errors.append("%s: viewBox must be 0 0 %d %d" % (path, size, size))
    for element in root.iter():
        if element.tag in (SVG + "text", SVG + "image", SVG + "script"):
            errors.append("%s: no %s elements" % (path, element.tag[len(SVG):]))
        for key, value in element.attrib.items():
            if key.endswith("href") and not value.startswith("#"):
                errors.append("%s: external reference %s" % (path, value))
    return root


def check_symbolic(root, path):
    colours = set()
    shapes = 0
    for element in root.iter():
        if any(key.startswith("stroke") for key in element.attrib):
            errors.append("%s: symbolic icons use fills, not strokes" % path)
        if element.get("fill") not in (None, "none"):
            colours.add(element.get("fill").lower())
        if element.tag in (SVG + "path", SVG + "circle", SVG + "rect", SVG + "ellipse"):
            shapes += 1
    if len(colours) != 1:
        errors.append("%s: one fill colour expected, found %s" % (path, sorted(colours)))
    if shapes == 0:
        errors.append("%s: no shapes" % path)


def main():
    app, symbolic = sys.argv[1], sys.argv[2]
    load(app, 128)
    check_symbolic(load(symbolic, 16), symbolic)
    for error in errors:
        print("error: " + error)
    if not errors:
        print("ok: both icons")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
