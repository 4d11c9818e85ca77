#!/usr/bin/env python3
# check-leaks.py — runs a program under valgrind and fails on memory lost
# by Sculptor's own code.
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-leaks.py VALGRIND PROGRAM [ARGS…]
#
# A definitely-lost block is Sculptor's when the first frame of its
# allocation stack outside the allocator and GLib/GObject (g_strdup,
# g_object_new…) is in a file of Sculptor (sc-*.c, sculptor-*.c). Blocks
# that fontconfig, Pango or GTK keep for the life of the process are theirs.

import glob
import os
import re
import subprocess
import sys
import tempfile

PASS_THROUGH = ("vgpreload_", "libglib-2.0", "libgobject-2.0", "libgio-2.0", "libc.so")
OURS = re.compile(r"^(sc|sculptor)-[\w-]+\.c$")


def frames(error):
    for frame in re.findall(r"<frame>(.*?)</frame>", error, re.S):
        def field(name):
            m = re.search(rf"<{name}>(.*?)</{name}>", frame, re.S)
            return m.group(1) if m else ""
        yield field("obj"), field("fn"), field("file"), field("line")


def owner(error):
    for obj, fn, file, line in frames(error):
        if any(lib in obj for lib in PASS_THROUGH):
            continue
        return (fn, file, line) if OURS.match(file) else None
    return None


def main():
    valgrind, program = sys.argv[1], sys.argv[2:]
    with tempfile.TemporaryDirectory(prefix="sculptor-leaks-") as tmp:
        command = [valgrind, "--leak-check=full", "--show-leak-kinds=definite",
                   "--num-callers=40", "--xml=yes",
                   "--xml-file=" + os.path.join(tmp, "vg.%p.xml")] + program
        status = subprocess.run(command).returncode
        if status != 0:
            print(f"{program[0]} exited with {status} under valgrind")
            return 1
        reports = [open(p).read() for p in glob.glob(os.path.join(tmp, "vg.*.xml"))]

    ours = []
    for report in reports:
        for error in re.findall(r"<error>(.*?)</error>", report, re.S):
            if "<kind>Leak_DefinitelyLost</kind>" in error and owner(error):
                what = re.search(r"<text>(.*?)</text>", error, re.S).group(1)
                fn, file, line = owner(error)
                ours.append(f"{what}\n    allocated in {fn} ({file}:{line})")

    for leak in ours:
        print(leak)
    print(f"{len(ours)} leak(s) in Sculptor's code" if ours else "no leak in Sculptor's code")
    return 1 if ours else 0


if __name__ == "__main__":
    sys.exit(main())
