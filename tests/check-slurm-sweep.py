#!/usr/bin/env python3
# check-slurm-sweep.py — a sweep through a real (single-node) Slurm cluster
# gives the local backend's merged result, also after one of its array
# tasks is killed mid-run and the sweep is submitted again.
#
# Copyright 2026 The Sculptor authors
# SPDX-License-Identifier: GPL-3.0-or-later
#
#   check-slurm-sweep.py SCULPTOR-CLI SLURM-LOCAL WORK-DIR
#
# SLURM-LOCAL (build-aux/slurm-local) installs munge and Slurm if they are
# missing and starts the daemons that are not running; the test stops only
# what it started (its own state file). Every wait has a deadline.
import os
import re
import shutil
import subprocess
import sys
import time

cli, slurm_local, work = sys.argv[1:4]
env = dict(os.environ, SCULPTOR_SLURM_STATE=os.path.join(work, "slurm-local.pids"))
# 4 runs of about 2 s each: long enough to kill one while it runs
SWEEP = ["sweep", "exemplar/separable-reused", "--seeds", "0,1", "--unit-steps", "70,40",
         "--epochs", "600", "--edge-steps", "2.5,1", "--quiet"]


def run(args, check=True):
    proc = subprocess.run(args, capture_output=True, text=True, env=env)
    if check and proc.returncode != 0:
        sys.exit(f"FAIL: {' '.join(args)} exited {proc.returncode}\n{proc.stdout}{proc.stderr}")
    return proc


def wait(what, seconds, condition):
    deadline = time.monotonic() + seconds
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            sys.exit(f"FAIL: {what} did not happen within {seconds} s")
        time.sleep(0.05)


def squeue(job, *extra):
    return run(["squeue", "-h", "-r", "-j", job, *extra], check=False).stdout.split()


def read(path):
    with open(path) as f:
        return f.read()


def main():
    os.makedirs(work, exist_ok=True)
    local = os.path.join(work, "local")
    slurm = os.path.join(work, "slurm")
    for d in (local, slurm):
        shutil.rmtree(d, ignore_errors=True)

    up = run([slurm_local, "up"], check=False)
    if up.returncode != 0:
        sys.exit(f"FAIL: build-aux/slurm-local up could not start a cluster:\n{up.stderr}")
    try:
        check(local, slurm)
    finally:
        run([slurm_local, "down"], check=False)
    shutil.rmtree(work, ignore_errors=True)
    print("ok: the Slurm backend's sweep equals the local one, a killed task resubmitted")


def check(local, slurm):
    run([cli, *SWEEP, "--jobs", "2", "--out", local])

    # Submitted and left; --slurm-args reach sbatch.
    out = run([cli, *SWEEP, "--backend", "slurm", "--detach", "--slurm-args=--time=7",
               "--out", slurm]).stdout
    job = re.search(r"Submitted Slurm job (\d+): runs 0-3 ", out)
    if not job:
        sys.exit(f"FAIL: no submission in:\n{out}")
    job = job.group(1)
    if "TimeLimit=00:07:00" not in run(["scontrol", "show", "job", "-o", job]).stdout:
        sys.exit("FAIL: --slurm-args=--time=7 did not reach sbatch")
    # The same command while the job works submits nothing twice.
    out = run([cli, *SWEEP, "--backend", "slurm", "--detach", "--out", slurm]).stdout
    if f"Slurm job {job} of " not in out or "Submitted" in out:
        sys.exit(f"FAIL: runs of job {job} submitted again while it works:\n{out}")

    # One array task killed while its run trains.
    task = wait("a running array task", 60, lambda: squeue(job, "-t", "RUNNING", "-o", "%i"))[0]
    killed = int(task.split("_")[1])
    run(["scancel", task])
    wait(f"the end of job {job}", 120, lambda: not squeue(job))
    result = os.path.join(slurm, "runs", f"{killed:06d}.json")
    if os.path.exists(result):
        sys.exit(f"FAIL: run {killed} has a result although its task was killed")
    status = run([cli, "sweep-status", slurm]).stdout
    if "0 failed, 1 not done" not in status or f"not done: {killed}" not in status:
        sys.exit(f"FAIL: sweep-status does not say run {killed} is not done:\n{status}")
    if os.path.exists(os.path.join(slurm, "sweep.json")):
        sys.exit("FAIL: merged although a run is not done")

    # The same command: only the killed run is submitted, then the merge.
    out = run([cli, *SWEEP, "--backend", "slurm", "--out", slurm]).stdout
    if f": runs {killed} of " not in out:
        sys.exit(f"FAIL: the resubmission is not run {killed} alone:\n{out}")
    for name in ("sweep.json", "grid.jsonl"):
        if read(os.path.join(local, name)) != read(os.path.join(slurm, name)):
            sys.exit(f"FAIL: {name} of the Slurm backend differs from the local backend's")


main()
