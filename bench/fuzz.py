"""Fuzz the parsers and the whole check for a set time; save any failing input.

    L2TP_LINT_CORPUS=/path/to/corpus/public python bench/fuzz.py --minutes 10

The properties are those of tests/test_fuzz.py (imported from there): both
parsers take any bytes and render them back exactly, and a check over a copy
of /etc holding the inputs raises nothing.  Without the corpus only the
built-in seeds are mutated.  Exit status 1 when anything failed.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))

import test_fuzz  # noqa: E402 - needs the tests folder on the path

from l2tp_lint import linter  # noqa: E402

SLOW_SECONDS = 20
SYNTAX = b" \t\r\n;#[]=\"'\\-x0179abln\x00\xef\xbb\xbf\xff"


class Slow(Exception):
    """One input ran longer than SLOW_SECONDS."""


@dataclass(slots=True)
class Tally:
    """What the run tried and what failed."""

    parsed: int = 0
    checked: int = 0
    failures: int = 0
    kinds: dict[str, Path] = field(default_factory=dict)


class Inputs:
    """Random inputs: raw bytes, byte soup and mutated seed files."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.seeds = {kind: test_fuzz.seeds(kind) for kind in ("xl2tpd", "pppd", "ipsec")}

    def raw(self) -> bytes:
        """Return random bytes of a random, mostly small length."""
        size = min(int(self.rng.expovariate(1 / 300)), 20_000)
        if self.rng.random() < 0.5:
            return self.rng.randbytes(size)
        return bytes(self.rng.choice(SYNTAX) for _ in range(size))

    def mutated(self, kind: str) -> bytes:
        """Return a seed of ``kind`` after a few mutations and maybe a splice."""
        tables = {"xl2tpd": test_fuzz.mutations.XL2TPD_MUTATIONS,
                  "pppd": test_fuzz.mutations.PPPD_MUTATIONS,
                  "ipsec": test_fuzz.GENERIC_MUTATIONS}
        table = test_fuzz.ALL_MUTATIONS if self.rng.random() < 0.3 else tables[kind]
        steps = [self.rng.choice(table) for _ in range(self.rng.randint(1, 4))]
        data = test_fuzz.mutate(self.rng.choice(self.seeds[kind]), steps,
                                self.rng.getrandbits(32))
        if self.rng.random() < 0.3:
            extra = self.rng.randbytes(self.rng.randint(1, 16))
            data = test_fuzz.splice(data, extra, self.rng.getrandbits(20))
        return data

    def one(self, kind: str) -> bytes:
        """Return an input for a file of ``kind``."""
        return self.raw() if self.rng.random() < 0.25 else self.mutated(kind)

    def setup(self) -> tuple[bytes, bytes, bytes | None, bool, str]:
        """Return the arguments of check_lint: three files, root or not, mode."""
        ipsec = self.one("ipsec") if self.rng.random() < 0.3 else None
        return (self.one("xl2tpd"), self.one("pppd"), ipsec, self.rng.random() < 0.5,
                self.rng.choice(linter.MODES))


def _alarm(signum: int, frame: object) -> None:
    """Interrupt an input that runs too long."""
    raise Slow(f"no result after {SLOW_SECONDS} s")


def signature(error: BaseException) -> str:
    """Name a failure by its type and the innermost l2tp_lint frame."""
    frames = traceback.extract_tb(error.__traceback__)
    ours = [f for f in frames if "l2tp_lint" in f.filename] or frames[-1:]
    where = f"{Path(ours[-1].filename).name}:{ours[-1].lineno}" if ours else "?"
    return f"{type(error).__name__} at {where}"


def save(files: dict[str, bytes | None], note: str) -> Path:
    """Write a failing input to a fresh temporary folder; return the folder."""
    folder = Path(tempfile.mkdtemp(prefix="l2tp-lint-fuzz-failure-"))
    for name, data in files.items():
        if data is not None:
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    (folder / "failure.txt").write_text(note)
    return folder


def attempt(tally: Tally, run: Callable[[], None], files: dict[str, bytes | None],
            what: str) -> None:
    """Run one property; record, save and print a failure the first time it is seen."""
    signal.alarm(SLOW_SECONDS)
    try:
        run()
    except Exception as error:  # noqa: BLE001 - every failure is a finding here
        tally.failures += 1
        kind = signature(error)
        if kind not in tally.kinds:
            note = f"{what}\n{''.join(traceback.format_exception(error))}"
            tally.kinds[kind] = save(files, note)
            print(f"FAIL {kind}: {str(error)[:200]}\n  input saved in {tally.kinds[kind]}",
                  flush=True)
    finally:
        signal.alarm(0)


def step(tally: Tally, inputs: Inputs) -> None:
    """Try one setup: both parsers on each file, then the whole check."""
    conf, options, ipsec, under_root, mode = inputs.setup()
    files = {test_fuzz.CONF_PATH: conf, test_fuzz.OPTIONS_PATH: options,
             test_fuzz.IPSEC_PATH: ipsec}
    for data in (conf, options):
        attempt(tally, lambda data=data: test_fuzz.check_parsers(data), {"input.bin": data},
                "check_parsers(open('input.bin', 'rb').read())")
        tally.parsed += 1
    attempt(tally, lambda: test_fuzz.check_lint(conf, options, ipsec, under_root, mode),
            files, f"check_lint over this folder as a copy of /etc: "
                   f"under_root={under_root} mode={mode}")
    for prop in test_fuzz.FIXER_PROPERTIES:
        attempt(tally, lambda prop=prop: prop(conf, options), files, prop.__name__)
    tally.checked += 1


def main() -> None:
    """Fuzz until the time is up; print counts and failures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=10.0, help="how long to run")
    parser.add_argument("--seed", type=int, default=None, help="random seed (default: time)")
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else int(time.time())
    if not test_fuzz.corpus_files("pppd"):
        print("note: L2TP_LINT_CORPUS not set; mutating the built-in seeds only")
    print(f"fuzzing for {options.minutes:g} min, seed {seed}, pid {os.getpid()}", flush=True)
    signal.signal(signal.SIGALRM, _alarm)
    inputs, tally = Inputs(seed), Tally()
    start = time.monotonic()
    deadline, report_at = start + options.minutes * 60, start + 60
    while time.monotonic() < deadline:
        step(tally, inputs)
        if time.monotonic() >= report_at:
            report_at += 60
            print(f"  {tally.parsed} parser inputs, {tally.checked} setups checked, "
                  f"{tally.failures} failures", flush=True)
    elapsed = time.monotonic() - start
    print(f"done in {elapsed:.0f} s: {tally.parsed} parser inputs and {tally.checked} "
          f"setups checked ({tally.parsed + tally.checked} inputs tried), "
          f"{tally.failures} failures of {len(tally.kinds)} kinds")
    for kind, folder in tally.kinds.items():
        print(f"  {kind}: {folder}")
    sys.exit(1 if tally.failures else 0)


if __name__ == "__main__":
    main()
