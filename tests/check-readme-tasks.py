#!/usr/bin/env python3
# check-readme-tasks.py — doc/tasks.md's table of bundled tasks gives the
# defaults `sculptor-cli tasks` prints (architecture, lr, batch size,
# epochs, Pu, Pe); a family row (`reuse/k2` … `reuse/k16`) is checked
# against its K = 2 member.
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-readme-tasks.py doc/tasks.md SCULPTOR_CLI

import re
import subprocess
import sys

readme, cli = sys.argv[1], sys.argv[2]

printed = {}
out = subprocess.run([cli, 'tasks'], check=True, capture_output=True, text=True).stdout
for line in out.splitlines():
    fields = dict(re.findall(r'(\S+)=(\S+)', line))
    if 'arch' in fields:
        printed[line.split()[0]] = fields

rows = 0
failures = []
with open(readme, encoding='utf-8') as f:
    for line in f:
        m = re.match(r'\| `([^`]+)`.*\| ([0-9K-]+), ([0-9.]+), (\d+), (\d+), (\d+), ([0-9.]+) \|$', line)
        if not m:
            continue
        name = m.group(1).split(' ')[0]
        if '/' not in name:
            continue
        rows += 1
        arch = m.group(2).replace('K', '2').replace('-', ',')
        want = {'arch': arch, 'lr': m.group(3), 'batch-size': m.group(4), 'epochs': m.group(5),
                'unit-step': m.group(6), 'edge-steps': m.group(7)}
        got = printed.get(name)
        if got is None:
            failures.append(f'{name}: not printed by sculptor-cli tasks')
            continue
        for key, value in want.items():
            if float(got[key]) != float(value) if key in ('lr', 'edge-steps') else got[key] != value:
                failures.append(f'{name}: doc/tasks.md says {key} {value}, sculptor-cli tasks {got[key]}')

if rows < 10:
    failures.append(f'only {rows} task rows found in {readme}')
for failure in failures:
    print(failure)
print(f'{rows} rows checked, {len(failures)} disagreements')
sys.exit(1 if failures else 0)
