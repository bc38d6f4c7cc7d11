"""Measure l2tp-lint's start-up, throughput and scaling; print figures against goals.

Run from a clone after ``pip install .``:

    L2TP_LINT_CORPUS=/path/to/corpus/public python bench/run.py [--quick] [--profile]

Every figure comes from one run on this machine, and each ratio compares
l2tp-lint with a baseline measured the same way in the same run.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

REPO = Path(__file__).resolve().parent.parent
CORPUS_VARIABLE = "L2TP_LINT_CORPUS"
PPPD = Path("/usr/sbin/pppd")
KB = 1024
GOAL_COLD_RATIO, GOAL_RATE, GOAL_PPPD_RATIO, GOAL_PEAK_MB = 1.3, 2000, 12, 150


@dataclass(frozen=True, slots=True)
class Plan:
    """How much work one benchmark run does."""

    repeats: int
    warmups: int
    files: int
    pppd_files: int
    sizes_kb: tuple[int, int]


FULL = Plan(repeats=30, warmups=3, files=10_000, pppd_files=300, sizes_kb=(1024, 10240))
QUICK = Plan(repeats=10, warmups=2, files=1_000, pppd_files=50, sizes_kb=(256, 2560))


@dataclass(slots=True)
class Row:
    """One line of the result table."""

    name: str
    value: str
    goal: str = ""
    verdict: str = ""


@dataclass(slots=True)
class Bench:
    """What every measurement needs: inputs, the script, a folder, an environment."""

    corpus: Path
    script: Path
    work: Path
    plan: Plan
    env: dict[str, str]


def corpus_root() -> Path:
    """Return the corpus folder from the environment, or exit saying why not."""
    value = os.environ.get(CORPUS_VARIABLE)
    if not value or not Path(value, "pppd").is_dir() or not Path(value, "xl2tpd").is_dir():
        sys.exit(f"bench: set {CORPUS_VARIABLE} to the public corpus folder "
                 "(the one holding xl2tpd/ and pppd/)")
    return Path(value)


def console_script() -> Path:
    """Return the installed l2tp-lint console script, or exit saying how to get it."""
    scripts = sysconfig.get_path("scripts")
    found = shutil.which("l2tp-lint", path=scripts) or shutil.which("l2tp-lint")
    if found is None:
        sys.exit("bench: no l2tp-lint console script; run 'pip install .' first")
    return Path(found)


def cached_bytecode_env(work: Path) -> dict[str, str]:
    """Return an environment in which children cache bytecode, outside the source tree."""
    env = dict(os.environ)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(work / "pycache")
    return env


def load_mutations() -> ModuleType:
    """Import tests/mutations.py, which is not part of the installed package."""
    sys.path.insert(0, str(REPO / "tests"))
    import mutations

    return mutations


class UniqueFiles:
    """Produce mutated corpus files, never the same bytes twice."""

    def __init__(self, corpus: Path, seed: int) -> None:
        self.mutations = load_mutations()
        self.rng = random.Random(seed)
        self.seen: set[bytes] = set()
        self.sources = {kind: [p.read_bytes() for p in sorted((corpus / kind).iterdir())
                               if p.is_file()] for kind in ("xl2tpd", "pppd")}
        self.marks = 0

    def next(self, kind: str) -> bytes:
        """Return a new file of ``kind`` unlike any returned before."""
        table = (self.mutations.XL2TPD_MUTATIONS if kind == "xl2tpd"
                 else self.mutations.PPPD_MUTATIONS)
        data = b""
        for _ in range(8):
            data = self.rng.choice(self.sources[kind])
            for _ in range(self.rng.choice([1, 1, 1, 2])):
                data = self.rng.choice(table)(data, self.rng)
            if data not in self.seen:
                break
        if data in self.seen:
            self.marks += 1
            mark = b"; variant" if kind == "xl2tpd" else b"# variant"
            data += b"\n" + mark + b" %d\n" % self.marks
        self.seen.add(data)
        return data


def timed(command: list[str], bench: Bench, env: dict[str, str] | None = None) -> float:
    """Run a command with its output discarded; return its wall time in seconds."""
    start = time.perf_counter()
    subprocess.run(command, cwd=bench.work, env=env or bench.env, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL, check=False, timeout=300)
    return time.perf_counter() - start


def paired_medians(first: list[str], second: list[str], bench: Bench,
                   env: dict[str, str] | None = None) -> tuple[float, float]:
    """Return the median wall times of two commands, run in turn so both meet the same load."""
    for _ in range(bench.plan.warmups):
        timed(first, bench, env)
        timed(second, bench, env)
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(bench.plan.repeats):
        times[0].append(timed(first, bench, env))
        times[1].append(timed(second, bench, env))
    return statistics.median(times[0]), statistics.median(times[1])


def run_measured(command: list[str], bench: Bench, output: Path) -> tuple[float, int, float]:
    """Run one command; return wall seconds, exit code and the child's peak RSS in MB."""
    with output.open("wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=bench.work, env=bench.env, stdout=sink,
                                   stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, process.returncode, usage.ru_maxrss / 1024


def verdict(ok: bool) -> str:
    """Spell a goal's outcome."""
    return "PASS" if ok else "MISS"


def median_small_file(corpus: Path) -> bytes:
    """Return a pppd corpus file of median size: a typical small input."""
    files = sorted((p for p in (corpus / "pppd").iterdir() if p.is_file()),
                   key=lambda p: (p.stat().st_size, p.name))
    return files[len(files) // 2].read_bytes()


def cold_start(bench: Bench) -> tuple[list[Row], float]:
    """Compare checking one small file with importing click and lark."""
    small = bench.work / "small" / "options.xl2tpd"
    small.parent.mkdir()
    small.write_bytes(median_small_file(bench.corpus))
    lint_command = [str(bench.script), "check", str(small)]
    base_command = [sys.executable, "-c", "import click, lark"]
    lint, base = paired_medians(lint_command, base_command, bench)
    rows = [Row(f"cold start: check {len(small.read_bytes())}-byte file", f"{lint * 1e3:.0f} ms"),
            Row("cold start: import click, lark", f"{base * 1e3:.0f} ms"),
            Row("cold start ratio", f"{lint / base:.2f}x", f"<= {GOAL_COLD_RATIO}x",
                verdict(lint / base <= GOAL_COLD_RATIO))]
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        uncached, uncached_base = paired_medians(lint_command, base_command, bench,
                                                 dict(os.environ))
        rows.append(Row("  same, no bytecode cache (as this shell)",
                        f"{uncached / uncached_base:.2f}x", "", "info"))
    return rows, lint


def build_tree(root: Path, count: int, corpus: Path, seed: int) -> list[Path]:
    """Write ``count`` unique files as setups (xl2tpd.conf + options.xl2tpd)."""
    files = UniqueFiles(corpus, seed)
    pppd_paths = []
    for index in range(count):
        setup = root / f"{index // 200:03d}" / f"site{index // 2:05d}"
        if index % 2 == 0:
            setup.mkdir(parents=True)
            (setup / "xl2tpd.conf").write_bytes(files.next("xl2tpd"))
        else:
            path = setup / "options.xl2tpd"
            path.write_bytes(files.next("pppd"))
            pppd_paths.append(path)
    return pppd_paths


def pppd_rate(paths: list[Path], bench: Bench) -> float:
    """Return files per second for pppd parsing one file per process."""
    start = time.perf_counter()
    for path in paths:
        subprocess.run([str(PPPD), "notty", "file", str(path), "dryrun"], cwd=bench.work,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False, timeout=30)
    return len(paths) / (time.perf_counter() - start)


def throughput(bench: Bench) -> list[Row]:
    """Check many unique files in one run; compare with pppd's own parse."""
    tree, count = bench.work / "tree", bench.plan.files
    pppd_paths = build_tree(tree, count, bench.corpus, seed=1701)
    output = bench.work / "tree.out"
    elapsed, code, peak = run_measured([str(bench.script), "check", str(tree)], bench, output)
    if code not in (0, 1):
        sys.exit(f"bench: l2tp-lint exited {code} on the tree; its output is in {output}")
    rate = count / elapsed
    rows = [Row(f"throughput: {count} files in one run", f"{elapsed:.2f} s"),
            Row("throughput", f"{rate:,.0f} files/s", f">= {GOAL_RATE:,}/s",
                verdict(rate >= GOAL_RATE)),
            Row("peak memory (ru_maxrss)", f"{peak:.0f} MB", f"< {GOAL_PEAK_MB} MB",
                verdict(peak < GOAL_PEAK_MB))]
    if not os.access(PPPD, os.X_OK):
        rows.append(Row("vs pppd (1 file/process)", f"skipped: no {PPPD}",
                        f">= {GOAL_PPPD_RATIO}x", "SKIP"))
        return rows
    baseline = pppd_rate(pppd_paths[:bench.plan.pppd_files], bench)
    rows.append(Row(f"pppd dryrun, {bench.plan.pppd_files} processes",
                    f"{baseline:,.0f} files/s"))
    rows.append(Row("vs pppd (1 file/process)", f"{rate / baseline:.1f}x",
                    f">= {GOAL_PPPD_RATIO}x", verdict(rate / baseline >= GOAL_PPPD_RATIO)))
    return rows


def big_pppd_file(path: Path, size: int, corpus: Path, seed: int) -> None:
    """Write a pppd options file of about ``size`` bytes from mutated corpus files."""
    files = UniqueFiles(corpus, seed)
    parts: list[bytes] = []
    total = 0
    while total < size:
        data = files.next("pppd").replace(b"\r", b"")
        data = data if data.endswith(b"\n") else data + b"\n"
        parts.append(data)
        total += len(data)
    path.write_bytes(b"".join(parts)[:size].rsplit(b"\n", 1)[0] + b"\n")


def scaling(bench: Bench, start: float) -> list[Row]:
    """Time one large pppd file and one ten times larger."""
    times = []
    for size_kb in bench.plan.sizes_kb:
        path = bench.work / f"big{size_kb}" / "options.xl2tpd"
        path.parent.mkdir()
        big_pppd_file(path, size_kb * KB, bench.corpus, seed=size_kb)
        elapsed, code, peak = run_measured([str(bench.script), "check", str(path)], bench,
                                           path.with_suffix(".out"))
        if code not in (0, 1):
            sys.exit(f"bench: l2tp-lint exited {code} on {path}")
        times.append((size_kb / KB, elapsed, peak))
    (small_mb, small_t, _), (large_mb, large_t, _) = times
    factor = large_mb / small_mb
    net = (large_t - start) / max(small_t - start, 1e-9)
    rows = [Row(f"scaling: {mb:g} MB pppd file", f"{t:.2f} s, {peak:.0f} MB")
            for mb, t, peak in times]
    rows.append(Row(f"scaling {large_mb:g} MB / {small_mb:g} MB", f"{large_t / small_t:.1f}x"))
    rows.append(Row("  same, start-up taken off", f"{net:.1f}x",
                    f"<= {factor * 1.2:.0f}x (linear)", verdict(net <= factor * 1.2)))
    return rows


def print_table(rows: list[Row]) -> None:
    """Print the rows as an aligned table."""
    widths = [max(len(getattr(row, name)) for row in rows) for name in ("name", "value", "goal")]
    for row in rows:
        print(f"{row.name:<{widths[0]}}  {row.value:>{widths[1]}}  "
              f"{row.goal:<{widths[2]}}  {row.verdict}".rstrip())


def profile(bench: Bench) -> None:
    """Profile an in-process check of a fresh tree; print where l2tp_lint spends time."""
    import cProfile
    import pstats

    from l2tp_lint import linter

    tree = bench.work / "profiled"
    build_tree(tree, bench.plan.files, bench.corpus, seed=4242)
    profiler = cProfile.Profile()
    profiler.runcall(linter.lint, [str(tree)], linter.Settings())
    stats = pstats.Stats(profiler, stream=sys.stdout)
    print(f"\nprofile of linter.lint over {bench.plan.files} files, l2tp_lint by cumulative time:")
    stats.sort_stats("cumulative").print_stats(r"l2tp_lint", 25)
    print("all code by own time:")
    stats.sort_stats("tottime").print_stats(15)


def main() -> None:
    """Parse arguments, run every measurement, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a reduced run")
    parser.add_argument("--profile", action="store_true",
                        help="also profile an in-process check of a fresh tree")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    options = parser.parse_args()
    plan = QUICK if options.quick else FULL
    corpus, script = corpus_root(), console_script()
    work = Path(tempfile.mkdtemp(prefix="l2tp-lint-bench-"))
    bench = Bench(corpus, script, work, plan, cached_bytecode_env(work))
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(f"l2tp-lint bench ({'quick' if options.quick else 'full'}): python "
          f"{sys.version.split()[0]}, {os.cpu_count()} CPUs, load {load}\nscript {script}",
          flush=True)
    try:
        rows, start = cold_start(bench)
        rows += throughput(bench)
        rows += scaling(bench, start)
        print_table(rows)
        if options.profile:
            profile(bench)
    finally:
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
