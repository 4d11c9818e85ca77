#!/usr/bin/env python3
# check-flatpak-manifest.py — offline checks of the Flatpak manifest
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-flatpak-manifest.py MANIFEST APP_ID
#
# A real build needs the GNOME runtime and the source archives, which are
# not reachable offline (toolchain.md). So: flatpak-builder parses the
# manifest with warnings fatal (unknown keys fail), then the structure is
# checked: ids, runtime, sandbox permissions, modules, sources and hashes.

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

BUILDSYSTEMS = {"autotools", "cmake", "cmake-ninja", "meson", "simple", "qmake"}
REQUIRED_ARGS = {"--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"}
# Broad access the app does not need: files go through the portal file
# chooser, the MNIST cache lives in the sandbox's XDG cache.
FORBIDDEN_PREFIXES = ("--filesystem=host", "--filesystem=home", "--socket=x11",
                      "--filesystem=/", "--device=all", "--talk-name=org.freedesktop.Flatpak")
DEPENDENCIES = ["openblas", "igraph"]

errors = []


def check(condition, message):
    if not condition:
        errors.append(message)
    return condition


def show_manifest(path):
    builder = shutil.which("flatpak-builder")
    if builder is None:
        print("flatpak-builder not found: parsing by flatpak-builder skipped")
        return
    env = dict(os.environ, G_DEBUG="fatal-warnings")
    # It leaves a .flatpak-builder state directory in the working directory.
    with tempfile.TemporaryDirectory(prefix="sculptor-flatpak-") as scratch:
        result = subprocess.run([builder, "--show-manifest", os.path.abspath(path)], env=env,
                                cwd=scratch, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)
    check(result.returncode == 0,
          "flatpak-builder --show-manifest failed (%d): %s" % (result.returncode,
                                                             result.stderr.strip()))


def check_source(module, source):
    kind = source.get("type")
    where = "module %s: source %s" % (module, kind)
    check(kind in {"archive", "file", "git", "dir", "patch", "script", "shell"},
          "%s: unknown type" % where)
    if kind in {"archive", "file"}:
        url = source.get("url", "")
        check(url.startswith("https://"), "%s: url must be https: %r" % (where, url))
        check(re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")) is not None,
              "%s: sha256 must be 64 lowercase hex digits" % where)
    if kind == "git":
        check("url" in source and ("tag" in source or "commit" in source),
              "%s: git sources need url and tag or commit" % where)


def check_module(module):
    name = module.get("name", "?")
    check("name" in module, "a module has no name")
    system = module.get("buildsystem", "autotools")
    check(system in BUILDSYSTEMS, "module %s: unknown buildsystem %r" % (name, system))
    if system == "simple":
        check(module.get("build-commands"), "module %s: simple needs build-commands" % name)
    check(module.get("sources"), "module %s: no sources" % name)
    for source in module.get("sources", []):
        check_source(name, source)


def main():
    path, app_id = sys.argv[1], sys.argv[2]
    show_manifest(path)
    with open(path, encoding="utf-8") as f:
        manifest = json.load(f)

    check(manifest.get("id", manifest.get("app-id")) == app_id,
          "id must be %s, not %r" % (app_id, manifest.get("id")))
    check(os.path.basename(path) == app_id + ".json", "the file must be named after the id")
    check(manifest.get("runtime") == "org.gnome.Platform", "runtime must be org.gnome.Platform")
    check(manifest.get("sdk") == "org.gnome.Sdk", "sdk must be org.gnome.Sdk")
    check(re.fullmatch(r"\d+(\.\d+)?|master", str(manifest.get("runtime-version", ""))),
          "runtime-version must be a GNOME version")
    check(manifest.get("command") == "sculptor", "command must be sculptor")

    args = set(manifest.get("finish-args", []))
    for arg in sorted(REQUIRED_ARGS - args):
        errors.append("finish-args lacks %s" % arg)
    for arg in sorted(args):
        if arg.startswith(FORBIDDEN_PREFIXES):
            errors.append("finish-args grants too much: %s" % arg)

    modules = manifest.get("modules", [])
    for module in modules:
        if check(isinstance(module, dict), "modules must be inline objects"):
            check_module(module)
    names = [m.get("name") for m in modules if isinstance(m, dict)]
    for dep in DEPENDENCIES:
        check(dep in names, "no %s module" % dep)
    if check(names and names[-1] == "sculptor", "the app must be the last module"):
        app = modules[-1]
        check(app.get("buildsystem") == "meson", "the app must be built with meson")
        check(any(s.get("type") in {"dir", "git"} for s in app.get("sources", [])),
              "the app must be built from this tree (dir) or its repository (git)")
        if "igraph" in names and "openblas" in names:
            check(names.index("openblas") < names.index("igraph"),
                  "openblas must come before igraph, which links it")

    for error in errors:
        print("error: " + error)
    if errors:
        return 1
    print("ok: %s, %d modules (%s)" % (app_id, len(names), ", ".join(names)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
