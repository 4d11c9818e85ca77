# bench/boolean_sweep.py — `bench/run --boolean-sweep`: the Boolean study's speed, before and after
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
# The whole Boolean study is `sculptor-cli sweep TASK --paper` for every
# Boolean task: the paper's architectures × seeds 0, 1, 2, 5 × Pu 70 … 5
# (14 steps). This times a fixed 1/56 sample of it — every task, its paper
# architectures, one seed and one Pu each, spread over the 4 seeds and 14
# steps in task order — with two builds of sculptor-cli in one invocation:
# a baseline revision (built from `git archive` in its own directory) and
# this tree, interleaved task by task, under nice, --jobs 1; then this
# tree once more with --jobs 2. It checks that both builds wrote the same
# runs (every runs/NNNNNN.json apart from its wall-clock seconds: the
# masks, weights, biases and accuracies of every network) and prints per
# family the CPU seconds, the ratio, and the whole study projected: 56 ×
# the sample's runs plus each sweep's fixed cost once (start-up, OpenBLAS's
# threads spinning for their first 0.1 s, the summary), measured by running
# each sweep again on its finished directory, which does all but the runs.

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

STUDY_SEEDS = [0, 1, 2, 5]
STUDY_UNIT_STEPS = [70, 65, 60, 55, 50, 45, 40, 35, 30, 25, 20, 15, 10, 5]
SAMPLE_FRACTION = len(STUDY_SEEDS) * len(STUDY_UNIT_STEPS)
FAMILIES = ("exemplar", "reuse", "levels", "overlap")


def log(msg):
    print(f"==> {msg}", file=sys.stderr, flush=True)


def build_cli(src_dir, build_dir):
    if not os.path.isfile(os.path.join(build_dir, "build.ninja")):
        log(f"meson setup {build_dir} (release)")
        subprocess.run(["meson", "setup", build_dir, "-Dbuildtype=release", "-Dapp=disabled"],
                       cwd=src_dir, check=True, stdout=subprocess.DEVNULL)
    log(f"ninja -C {build_dir} src/cli/sculptor-cli")
    subprocess.run(["nice", "ninja", "-C", build_dir, "-j2", "src/cli/sculptor-cli"],
                   cwd=src_dir, check=True, stdout=subprocess.DEVNULL)
    return os.path.join(build_dir, "src", "cli", "sculptor-cli")


def baseline_cli(root, rev):
    """sculptor-cli built from REV's files, kept in _build-baseline/HASH."""
    full = subprocess.run(["git", "-C", root, "rev-parse", "--verify", rev + "^{commit}"],
                          check=True, capture_output=True, text=True).stdout.strip()
    base = os.path.join(root, "_build-baseline", full[:12])
    src = os.path.join(base, "src")
    if not os.path.isdir(src):
        os.makedirs(src)
        log(f"git archive {full[:12]} into {src}")
        archive = subprocess.Popen(["git", "-C", root, "archive", full], stdout=subprocess.PIPE)
        subprocess.run(["tar", "-x", "-C", src], stdin=archive.stdout, check=True)
        if archive.wait() != 0:
            shutil.rmtree(base)
            sys.exit(f"git archive {rev} failed")
    return full[:12], build_cli(src, os.path.join(base, "build"))


def tasks_of(cli):
    out = subprocess.run([cli, "tasks"], check=True, capture_output=True, text=True).stdout
    return [line.split()[0] for line in out.splitlines()
            if line.strip() and line.split()[0].split("/")[0] in FAMILIES]


def timed_sweep(cli, task, seed, unit_step, jobs, out_dir):
    argv = ["nice", cli, "sweep", task, "--paper", "--seeds", str(seed),
            "--unit-steps", str(unit_step), "--jobs", str(jobs), "-q", "--out", out_dir]
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(argv)} failed:\n{proc.stderr.read().decode()}")
    proc.stderr.close()
    return wall, usage.ru_utime + usage.ru_stime


def without_times(value):
    if isinstance(value, dict):
        return {k: without_times(v) for k, v in value.items() if k != "seconds"}
    if isinstance(value, list):
        return [without_times(v) for v in value]
    return value


def runs_of(out_dir):
    runs_dir = os.path.join(out_dir, "runs")
    result = {}
    for name in sorted(os.listdir(runs_dir)):
        with open(os.path.join(runs_dir, name)) as f:
            result[name] = without_times(json.load(f))
    return result


def run_boolean_sweep(args, root, machine_info):
    new_cli = build_cli(root, os.path.join(root, args.build_dir))
    base_rev, old_cli = baseline_cli(root, args.baseline)
    tasks = tasks_of(new_cli)
    if args.boolean_tasks:
        wanted = [t for t in args.boolean_tasks.split(",") if t]
        tasks = [t for t in tasks if t in wanted]
        if len(tasks) != len(wanted):
            sys.exit(f"unknown Boolean task among {args.boolean_tasks}")

    info = machine_info()
    print(f"# {info['date']}, {info['cpu']}, {info['cores']} cores, load "
          f"{os.getloadavg()[0]:.1f} at the start; baseline {base_rev}, this tree "
          f"{info.get('sculptor', '?')}", flush=True)
    print(f"# sample: {len(tasks)} tasks × their paper architectures × 1 seed × 1 Pu "
          f"(1/{SAMPLE_FRACTION} of the study), nice, --jobs 1", flush=True)
    print(f"{'task':26} {'seed':>4} {'Pu':>3} {'runs':>5} {'old CPU s':>10} {'new CPU s':>10} "
          f"{'ratio':>6} {'new -j2 wall s':>14} {'same':>5}", flush=True)

    totals = {}
    study = {"old": 0.0, "new": 0.0, "new2": 0.0}
    all_same = True
    n_runs = 0
    with tempfile.TemporaryDirectory() as tmp:
        for i, task in enumerate(tasks):
            seed = STUDY_SEEDS[i % len(STUDY_SEEDS)]
            unit_step = STUDY_UNIT_STEPS[i % len(STUDY_UNIT_STEPS)]
            dirs = {k: os.path.join(tmp, k, task.replace("/", "-")) for k in ("old", "new", "new2")}
            _, old_cpu = timed_sweep(old_cli, task, seed, unit_step, 1, dirs["old"])
            _, new_cpu = timed_sweep(new_cli, task, seed, unit_step, 1, dirs["new"])
            new2_wall, _ = timed_sweep(new_cli, task, seed, unit_step, 2, dirs["new2"])
            _, old_fixed = timed_sweep(old_cli, task, seed, unit_step, 1, dirs["old"])
            _, new_fixed = timed_sweep(new_cli, task, seed, unit_step, 1, dirs["new"])
            _, new2_fixed = timed_sweep(new_cli, task, seed, unit_step, 2, dirs["new2"])
            old_runs, new_runs = runs_of(dirs["old"]), runs_of(dirs["new"])
            same = old_runs == new_runs and new_runs == runs_of(dirs["new2"])
            all_same &= same
            n_runs += len(new_runs)
            family = task.split("/")[0]
            t = totals.setdefault(family, [0.0, 0.0, 0.0, 0])
            t[0] += old_cpu
            t[1] += new_cpu
            t[2] += new2_wall
            t[3] += len(new_runs)
            for key, whole, fixed in (("old", old_cpu, old_fixed), ("new", new_cpu, new_fixed),
                                      ("new2", new2_wall, new2_fixed)):
                study[key] += max(whole - fixed, 0.0) * SAMPLE_FRACTION + fixed
            print(f"{task:26} {seed:4} {unit_step:3} {len(new_runs):5} {old_cpu:10.2f} "
                  f"{new_cpu:10.2f} {old_cpu / max(new_cpu, 1e-9):5.2f}× {new2_wall:14.2f} "
                  f"{'yes' if same else 'NO':>5}", flush=True)
            for d in dirs.values():
                shutil.rmtree(d, ignore_errors=True)

    print()
    print(f"{'family':10} {'runs':>5} {'old CPU s':>10} {'new CPU s':>10} {'ratio':>6} "
          f"{'new -j2 wall s':>14}")
    grand = [0.0, 0.0, 0.0, 0]
    for family in FAMILIES:
        if family not in totals:
            continue
        t = totals[family]
        grand = [g + x for g, x in zip(grand, t)]
        print(f"{family:10} {t[3]:5} {t[0]:10.2f} {t[1]:10.2f} {t[0] / max(t[1], 1e-9):5.2f}× "
              f"{t[2]:14.2f}")
    print(f"{'all':10} {grand[3]:5} {grand[0]:10.2f} {grand[1]:10.2f} "
          f"{grand[0] / max(grand[1], 1e-9):5.2f}× {grand[2]:14.2f}")
    print()
    print(f"Whole study projected ({SAMPLE_FRACTION} × the runs + each sweep's fixed cost once): "
          f"baseline {study['old'] / 60:.0f} min CPU, this tree {study['new'] / 60:.1f} min CPU "
          f"on one core ({study['old'] / max(study['new'], 1e-9):.2f}×), "
          f"{study['new2'] / 60:.1f} min wall with --jobs 2 at this load "
          f"({study['new'] / 120:.1f} min if both cores were free).")
    print(f"Same runs (masks, weights, accuracies) from both builds: "
          f"{'yes' if all_same else 'NO'} ({n_runs} runs)", flush=True)
    if not all_same:
        sys.exit(1)
