"""Measure l2tp-lint's start-up, throughput and scaling; print figures against goals.

Run from a clone after ``pip install .``:

    L2TP_LINT_CORPUS=/path/to/corpus/public python bench/run.py [--quick] [--profile]

Every figure comes from one run on this machine: ratios compare l2tp-lint with
a baseline measured the same way a moment before or after.
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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS_VARIABLE = "L2TP_LINT_CORPUS"
PPPD = Path("/usr/sbin/pppd")
MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Plan:
    """How much work one benchmark run does."""

    repeats: int
    warmups: int
    files: int
    pppd_files: int
    sizes_mb: tuple[int, int]


FULL = Plan(repeats=30, warmups=3, files=10_000, pppd_files=300, sizes_mb=(1, 10))
QUICK = Plan(repeats=10, warmups=1, files=1_000, pppd_files=50, sizes_mb=(1, 10))


@dataclass(slots=True)
class Row:
    """One line of the result table."""

    name: str
    value: str
    goal: str
    verdict: str


def corpus_root() -> Path:
    """Return the corpus folder from the environment, or exit saying why not."""
    value = os.environ.get(CORPUS_VARIABLE)
    if not value or not Path(value, "pppd").is_dir() or not Path(value, "xl2tpd").is_dir():
        sys.exit(f"bench: set {CORPUS_VARIABLE} to the public corpus folder "
                 "(the one holding xl2tpd/ and pppd/)")
    return Path(value)


def console_script() -> Path:
    """Return the installed l2tp-lint console script, or exit saying how to get it."""
    scripts = Path(sysconfig.get_path("scripts"))
    found = shutil.which("l2tp-lint", path=str(scripts)) or shutil.which("l2tp-lint")
    if found is None:
        sys.exit("bench: no l2tp-lint console script; run 'pip install .' first")
    return Path(found)


def load_mutations():  # noqa: ANN201 - a module object
    """Import tests/mutations.py, which is not part of the installed package."""
    sys.path.insert(0, str(REPO / "tests"))
    import mutations

    return mutations


def originals(corpus: Path, kind: str) -> list[bytes]:
    """Return the corpus files of one kind, in a stable order."""
    return [path.read_bytes() for path in sorted((corpus / kind).iterdir()) if path.is_file()]


class UniqueFiles:
    """Produce mutated corpus files, never the same bytes twice."""

    def __init__(self, corpus: Path, seed: int) -> None:
        self.mutations = load_mutations()
        self.rng = random.Random(seed)
        self.seen: set[bytes] = set()
        self.sources = {kind: originals(corpus, kind) for kind in ("xl2tpd", "pppd")}
        self.counter = 0

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
            self.counter += 1
            mark = b"; variant" if kind == "xl2tpd" else b"# variant"
            data += b"\n" + mark + b" %d\n" % self.counter
        self.seen.add(data)
        return data


def timed(command: list[str], cwd: Path) -> float:
    """Run a command with its output discarded; return its wall time in seconds."""
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=False, timeout=300)
    return time.perf_counter() - start


def median_time(command: list[str], cwd: Path, plan: Plan) -> float:
    """Return the median wall time of a command over the plan's repeats."""
    for _ in range(plan.warmups):
        timed(command, cwd)
    return statistics.median(timed(command, cwd) for _ in range(plan.repeats))


def run_measured(command: list[str], cwd: Path, output: Path) -> tuple[float, int, float]:
    """Run one command; return wall seconds, exit code and the child's peak RSS in MB."""
    with output.open("wb") as sink:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=sink, stderr=subprocess.STDOUT)
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


def cold_start(script: Path, corpus: Path, work: Path, plan: Plan) -> tuple[list[Row], float]:
    """Compare checking one small file with importing click and lark."""
    small = work / "small" / "options.xl2tpd"
    small.parent.mkdir()
    small.write_bytes(median_small_file(corpus))
    lint = median_time([str(script), "check", str(small)], work, plan)
    base = median_time([sys.executable, "-c", "import click, lark"], work, plan)
    ratio = lint / base
    rows = [Row("cold start: check 1 small file", f"{lint * 1000:.0f} ms", "", ""),
            Row("cold start: import click, lark", f"{base * 1000:.0f} ms", "", ""),
            Row("cold start ratio", f"{ratio:.2f}x", "<= 1.3x", verdict(ratio <= 1.3))]
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


def pppd_rate(paths: list[Path], work: Path) -> float | None:
    """Return files per second for pppd parsing one file per process."""
    if not os.access(PPPD, os.X_OK):
        return None
    start = time.perf_counter()
    for path in paths:
        subprocess.run([str(PPPD), "notty", "file", str(path), "dryrun"], cwd=work,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL, check=False, timeout=30)
    return len(paths) / (time.perf_counter() - start)


def throughput(script: Path, corpus: Path, work: Path, plan: Plan) -> list[Row]:
    """Check many unique files in one run; compare with pppd's own parse."""
    tree = work / "tree"
    pppd_paths = build_tree(tree, plan.files, corpus, seed=1701)
    elapsed, code, peak = run_measured([str(script), "check", str(tree)], work,
                                       work / "tree.out")
    if code not in (0, 1):
        sys.exit(f"bench: l2tp-lint exited {code} on the tree; see {work / 'tree.out'}")
    rate = plan.files / elapsed
    rows = [Row(f"throughput: {plan.files} files in one run", f"{elapsed:.2f} s", "", ""),
            Row("throughput", f"{rate:,.0f} files/s", ">= 2,000/s", verdict(rate >= 2000)),
            Row("peak memory (ru_maxrss)", f"{peak:.0f} MB", "< 150 MB", verdict(peak < 150))]
    baseline = pppd_rate(pppd_paths[:plan.pppd_files], work)
    if baseline is None:
        rows.append(Row("vs pppd (1 file/process)", f"skipped: no {PPPD}", ">= 12x", "SKIP"))
        return rows
    rows.append(Row(f"pppd dryrun, {plan.pppd_files} processes",
                    f"{baseline:,.0f} files/s", "", ""))
    ratio = rate / baseline
    rows.append(Row("vs pppd (1 file/process)", f"{ratio:.1f}x", ">= 12x", verdict(ratio >= 12)))
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


def scaling(script: Path, corpus: Path, work: Path, plan: Plan, start: float) -> list[Row]:
    """Time one large pppd file and one ten times larger."""
    times = []
    for size_mb in plan.sizes_mb:
        path = work / f"big{size_mb}" / "options.xl2tpd"
        path.parent.mkdir()
        big_pppd_file(path, size_mb * MB, corpus, seed=size_mb)
        elapsed, code, peak = run_measured([str(script), "check", str(path)], work,
                                           path.with_suffix(".out"))
        if code not in (0, 1):
            sys.exit(f"bench: l2tp-lint exited {code} on {path}")
        times.append((size_mb, elapsed, peak))
    (small_mb, small_t, _), (large_mb, large_t, _) = times
    factor = large_mb / small_mb
    net = (large_t - start) / max(small_t - start, 1e-9)
    rows = [Row(f"scaling: {mb} MB pppd file", f"{t:.2f} s, {peak:.0f} MB", "", "")
            for mb, t, peak in times]
    rows.append(Row(f"scaling {large_mb} MB / {small_mb} MB", f"{large_t / small_t:.1f}x", "", ""))
    rows.append(Row("  same, start-up taken off", f"{net:.1f}x",
                    f"<= {factor * 1.2:.0f}x (linear)", verdict(net <= factor * 1.2)))
    return rows


def print_table(rows: list[Row]) -> None:
    """Print the rows as an aligned table."""
    widths = [max(len(getattr(row, name)) for row in rows) for name in ("name", "value", "goal")]
    for row in rows:
        print(f"{row.name:<{widths[0]}}  {row.value:>{widths[1]}}  "
              f"{row.goal:<{widths[2]}}  {row.verdict}".rstrip())


def profile(corpus: Path, work: Path, plan: Plan) -> None:
    """Profile an in-process check of a fresh tree; print where l2tp_lint spends time."""
    import cProfile
    import pstats

    from l2tp_lint import linter

    tree = work / "profiled"
    build_tree(tree, plan.files, corpus, seed=4242)
    profiler = cProfile.Profile()
    profiler.runcall(linter.lint, [str(tree)], linter.Settings())
    stats = pstats.Stats(profiler, stream=sys.stdout)
    print(f"\nprofile of linter.lint over {plan.files} files (cumulative, l2tp_lint only):")
    stats.sort_stats("cumulative").print_stats(r"l2tp_lint", 25)
    print("by own time (all code):")
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
    try:
        steps: list[Callable[[], list[Row]]] = []
        rows, start = cold_start(script, corpus, work, plan)
        steps.append(lambda: throughput(script, corpus, work, plan))
        steps.append(lambda: scaling(script, corpus, work, plan, start))
        for step in steps:
            rows.extend(step())
        print(f"l2tp-lint bench ({'quick' if options.quick else 'full'}), "
              f"python {sys.version.split()[0]}, {os.cpu_count()} CPUs, script {script}")
        print_table(rows)
        if options.profile:
            profile(corpus, work, plan)
    finally:
        if options.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
