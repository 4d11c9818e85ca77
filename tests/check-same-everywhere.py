#!/usr/bin/python3
# check-same-everywhere.py — the same task and seed give the same bytes
# whatever the CPU's vector extensions and the OpenBLAS kernels
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-same-everywhere.py SCULPTOR_CLI
#
# Runs `sculptor-cli run` on a few tasks once per configuration — each
# portable kernel build the CPU can run (SCULPTOR_KERNEL) paired with an
# OpenBLAS kernel family (OPENBLAS_CORETYPE=Prescott, Haswell, SkylakeX), and
# --blas plain, the portable order written as a loop — and requires
# result.json (less its wall-clock times) and every figure to be
# byte-identical across them. The runs cover both paths of the portable
# products: the unblocked small products (the Boolean networks', below
# 2^18 multiply-adds) and the blocked kernels (the hidden layer of the
# 160-wide network, batch 16: 16 × 160 × 160).

import json
import os
import subprocess
import sys
import tempfile

RUNS = [
    ["levels/k8", "--seed", "1"],
    ["exemplar/input-separable", "--arch", "4,160,160,4", "--batch-size", "16", "--seed", "3"],
    ["exemplar/reused", "--seed", "2"],
]

CONFIGS = [
    ("generic", "Prescott", []),
    ("avx2", "Haswell", []),
    ("avx512", "SkylakeX", []),
    ("", "Haswell", ["--blas", "plain"]),
]

CPU_FLAGS = {"avx2": ["avx2", "fma"], "avx512": ["avx512f"]}


def cpu_has(flags):
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("flags"):
                return all(flag in line.split() for flag in flags)
    return False


def strip_seconds(node):
    """Wall-clock times are the only fields allowed to differ."""
    if isinstance(node, dict):
        return {k: strip_seconds(v) for k, v in node.items() if k != "seconds"}
    if isinstance(node, list):
        return [strip_seconds(v) for v in node]
    return node


def run(cli, args, kernel, coretype, extra, out):
    env = dict(os.environ, OPENBLAS_CORETYPE=coretype)
    env.pop("SCULPTOR_KERNEL", None)
    if kernel:
        env["SCULPTOR_KERNEL"] = kernel
    proc = subprocess.run([cli, "run", *args, *extra, "--quiet", "--out", out],
                          env=env, capture_output=True, text=True)
    if proc.returncode != 0 or "not available" in proc.stderr:
        sys.exit(f"FAIL: {' '.join(args + extra)} with SCULPTOR_KERNEL={kernel} "
                 f"OPENBLAS_CORETYPE={coretype}: exit {proc.returncode}\n{proc.stderr}")
    files = {}
    for name in sorted(os.listdir(out)):
        with open(os.path.join(out, name), "rb") as f:
            data = f.read()
        if name == "result.json":
            data = json.dumps(strip_seconds(json.loads(data)), sort_keys=True).encode()
        files[name] = data
    return files


def main():
    cli = sys.argv[1]
    configs = [c for c in CONFIGS if not c[0] or c[0] == "generic" or cpu_has(CPU_FLAGS[c[0]])]
    if len(configs) < 3:
        sys.exit("FAIL: fewer than three configurations can run on this CPU")
    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        for r, args in enumerate(RUNS):
            first = None
            for c, (kernel, coretype, extra) in enumerate(configs):
                label = f"{kernel or 'plain'}/{coretype}"
                files = run(cli, args, kernel, coretype, extra, os.path.join(tmp, f"{r}-{c}"))
                if first is None:
                    first = (label, files)
                    continue
                for name in sorted(set(first[1]) | set(files)):
                    if first[1].get(name) != files.get(name):
                        print(f"FAIL: {' '.join(args)}: {name} differs between "
                              f"{first[0]} and {label}")
                        failures += 1
            print(f"ok: {' '.join(args)}: {len(first[1])} files identical over "
                  f"{', '.join((k or 'plain') + '/' + t for k, t, _ in configs)}")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
