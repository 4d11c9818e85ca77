#!/usr/bin/env python3
# check-bad-input.py — the README's bad-input table is what sculptor-cli does.
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-bad-input.py README.md SCULPTOR-CLI
#
# Runs the command of every row of the table between
# <!-- bad-input-table --> and <!-- /bad-input-table --> in a scratch
# directory holding the files the rows name, and compares its one-line
# error (after "sculptor-cli: ") with the row's message, where "…" stands
# for any text, and its exit code with the row's. Also checks that a row
# leaves nothing behind: no temporary file, no output directory.

import os
import re
import shlex
import subprocess
import sys
import tempfile

# The files the rows name. A FIFO is made with mkfifo.
SFG = "inputs a b\nnode c = xor(a, b)\noutput y = c\n"
FILES = {
    "empty.json": "",
    "task.sfg": SFG,
    "nul.sfg": SFG.replace("b)\n", "b)\0\n"),
    "types.json": '{"task": "t", "arch": [2, 2, 1], "edges_by_layer": [[], []],'
                  ' "image_width": [28]}',
}
FIFOS = ["fifo.sfg"]
# A saved run, made by the CLI itself: (directory, task).
RUNS = [("run", "exemplar/input-separable")]


def table_rows(readme):
    text = open(readme, encoding="utf-8").read()
    m = re.search(r"<!-- bad-input-table -->(.*?)<!-- /bad-input-table -->", text, re.S)
    if not m:
        sys.exit("no <!-- bad-input-table --> in " + readme)
    rows = []
    for line in m.group(1).splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) != 3 or not cells[0].startswith("`"):
            continue
        command = re.match(r"`([^`]*)`", cells[0]).group(1)
        message = re.match(r"`([^`]*)`", cells[1]).group(1)
        rows.append((command, message, int(cells[2])))
    return rows


def make_files(directory, cli):
    for out, task in RUNS:
        subprocess.run([cli, "run", task, "--quiet", "--out", os.path.join(directory, out)],
                       check=True, capture_output=True, timeout=120)
    for name, content in FILES.items():
        with open(os.path.join(directory, name), "w", encoding="utf-8") as f:
            f.write(content)
    for name in FIFOS:
        os.mkfifo(os.path.join(directory, name))


def pattern(message):
    return re.compile("^" + ".*".join(re.escape(p) for p in message.split("…")) + "$")


def check(cli, command, message, code, directory):
    argv = shlex.split(command)
    if argv[0] != "sculptor-cli":
        return f"{command}: does not start with sculptor-cli"
    before = set(os.listdir(directory))
    env = dict(os.environ, LANGUAGE="", LANG="C.UTF-8", LC_ALL="C.UTF-8")
    env.pop("SCULPTOR_MEMORY_LIMIT", None)
    try:
        done = subprocess.run([cli] + argv[1:], cwd=directory, env=env, capture_output=True,
                              text=True, timeout=60)
    except subprocess.TimeoutExpired:
        return f"{command}: still running after 60 s"
    lines = done.stderr.splitlines()
    problems = []
    if done.returncode != code:
        problems.append(f"exit code {done.returncode}, the table says {code}")
    if len(lines) != 1 or not lines[0].startswith("sculptor-cli: "):
        problems.append(f"not a one-line error: {done.stderr!r}")
    elif not pattern(message).match(lines[0][len("sculptor-cli: "):]):
        problems.append(f"message\n      {lines[0]}\n    does not match the table's\n      {message}")
    if done.stdout:
        problems.append(f"printed on standard output (work was done?): {done.stdout[:200]!r}")
    left = set(os.listdir(directory)) - before
    if left:
        problems.append(f"left behind: {sorted(left)}")
    return "\n    ".join([command] + problems) if problems else None


def main():
    readme, cli = sys.argv[1], os.path.abspath(sys.argv[2])
    rows = table_rows(readme)
    if len(rows) < 5:
        sys.exit(f"only {len(rows)} rows in the bad-input table")
    failures = 0
    with tempfile.TemporaryDirectory(prefix="sculptor-bad-input-") as directory:
        make_files(directory, cli)
        for command, message, code in rows:
            problem = check(cli, command, message, code, directory)
            print(f"FAIL: {problem}" if problem else f"ok: {command}")
            failures += problem is not None
    print(f"{len(rows) - failures} of {len(rows)} rows hold")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
