"""The pre-commit hooks, run by the real pre-commit through 'try-repo'.

try-repo clones a repository at its HEAD commit (a shadow commit adds
changes to tracked files, but never untracked ones), so the hooks are tried
from a copy of this working tree committed in a fresh repository.  The
hook's environment is built with pip from that copy (its dependencies come
from the package index).  Without pre-commit or git these tests skip, except
in CI, where they fail.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPOSITORY = Path(__file__).resolve().parent.parent
MANIFEST = REPOSITORY / ".pre-commit-hooks.yaml"
TIMEOUT = 900
GIT_IDENTITY = {"GIT_AUTHOR_NAME": "l2tp-lint tests", "GIT_AUTHOR_EMAIL": "tests@example.invalid",
                "GIT_COMMITTER_NAME": "l2tp-lint tests",
                "GIT_COMMITTER_EMAIL": "tests@example.invalid"}

CONF = """\
[global]
port = 1701

[lns default]
ip range = 10.20.0.100-10.20.0.199
local ip = 10.20.0.1
refuse pap = yes
refuse chap = yes
require authentication = yes
pppoptfile = /etc/ppp/options.xl2tpd
"""
# Only what 'check --fix' can mend is wrong here: 'lock' in kernel mode
# (P104) and no reorder timeout (C401).
OPTIONS = """\
require-mschap-v2
mtu 1388
mru 1382
lcp-echo-interval 30
lcp-echo-failure 4
lock
"""


def unavailable(reason: str) -> None:
    """Skip, or fail in CI, where every test must be able to run."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def git(folder: Path, *arguments: str) -> str:
    """Run git in ``folder`` and return its output."""
    done = subprocess.run(["git", *arguments], cwd=folder, capture_output=True, text=True,
                          env={**os.environ, **GIT_IDENTITY}, check=True, timeout=120)
    return done.stdout


def manifest_patterns() -> list[str]:
    """Return the 'files' regex of each hook in the manifest."""
    text = MANIFEST.read_text(encoding="utf-8")
    return [match.group(1) for match in re.finditer(r"^\s*files: '([^']*)'$", text, re.M)]


# the file selection, without pre-commit


@pytest.mark.parametrize(("path", "selected"), [
    ("etc/xl2tpd/xl2tpd.conf", True),
    ("xl2tpd.conf", True),
    ("etc/l2tp/l2tpd.conf", True),
    ("etc/ppp/options", True),
    ("etc/ppp/options.xl2tpd", True),
    ("roles/vpn/files/options.xl2tpd", True),
    ("roles/vpn/files/options.l2tpd.client", True),
    ("etc/ppp/peers/office", True),
    ("src/options.py", False),
    ("etc/ppp/chap-secrets", False),
    ("etc/ppp/peers/sub/office", False),
    ("etc/xl2tpd/xl2tpd.conf.orig/x", False),
    ("docs/xl2tpd.conf.md", False),
])
def test_files_regex(path: str, selected: bool) -> None:
    patterns = manifest_patterns()
    assert len(patterns) == 2 and len(set(patterns)) == 1
    assert bool(re.search(patterns[0], path)) is selected


# the real pre-commit


@pytest.fixture(scope="module")
def hook_repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a committed copy of this working tree, as try-repo wants it."""
    if importlib.util.find_spec("pre_commit") is None:
        unavailable("pre-commit is not installed (pip install pre-commit)")
    if shutil.which("git") is None:
        unavailable("git is not installed")
    try:
        listed = git(REPOSITORY, "ls-files", "-z", "--cached", "--others",
                     "--exclude-standard")
    except subprocess.CalledProcessError:
        unavailable(f"{REPOSITORY} is not a git working tree")
    copy = tmp_path_factory.mktemp("hook-repository")
    for relative in filter(None, listed.split("\0")):
        copy_entry(REPOSITORY / relative, copy / relative)
    git(copy, "init", "-q")
    git(copy, "add", "-A")
    git(copy, "commit", "-q", "-m", "hooks under test")
    return copy


def copy_entry(source: Path, target: Path) -> None:
    """Copy a listed file, keeping a symbolic link (the package's grammars) a link."""
    if not source.is_symlink() and not source.is_file():
        return  # listed, but deleted in the working tree
    target.parent.mkdir(parents=True, exist_ok=True)
    if source.is_symlink():
        target.symlink_to(os.readlink(source))
    else:
        shutil.copy2(source, target)


@pytest.fixture(scope="module")
def pre_commit_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return a cache folder for pre-commit, shared by the runs of this module."""
    return tmp_path_factory.mktemp("pre-commit-home")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """Return a git repository holding a broken LNS setup."""
    (tmp_path / "etc/xl2tpd").mkdir(parents=True)
    (tmp_path / "etc/ppp").mkdir(parents=True)
    (tmp_path / "etc/xl2tpd/xl2tpd.conf").write_text(CONF, encoding="ascii")
    (tmp_path / "etc/ppp/options.xl2tpd").write_text(OPTIONS, encoding="ascii")
    git(tmp_path, "init", "-q")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "broken setup")
    return tmp_path


def try_repo(hook: str, project: Path, hooks: Path, home: Path) -> subprocess.CompletedProcess:
    """Run one hook of ``hooks`` over every file of ``project``."""
    environment = {**os.environ, **GIT_IDENTITY, "PRE_COMMIT_HOME": str(home)}
    environment.pop("PRE_COMMIT", None)
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "try-repo", str(hooks), hook,
         "--all-files", "--color", "never", "--verbose"],
        cwd=project, capture_output=True, text=True, env=environment, timeout=TIMEOUT)


def shown(done: subprocess.CompletedProcess) -> str:
    """Return a run's output for an assertion message."""
    return f"exit {done.returncode}\n{done.stdout}\n{done.stderr}"


def test_check_hook_fails_and_shows_the_findings(project: Path, hook_repository: Path,
                                                 pre_commit_home: Path) -> None:
    done = try_repo("l2tp-lint", project, hook_repository, pre_commit_home)
    assert done.returncode == 1, shown(done)
    assert "etc/ppp/options.xl2tpd:6:1: P104 'lock' is a serial-line option" in done.stdout
    assert "etc/ppp/options.xl2tpd:1:1: C401 " in done.stdout
    assert git(project, "status", "--porcelain") == ""


def option_names(path: Path) -> list[str]:
    """Return the words of a pppd options file as pppd reads them."""
    from l2tp_lint import pppd_options
    from l2tp_lint.source import SourceText

    document = pppd_options.parse(SourceText.from_bytes(str(path), path.read_bytes()))
    return [word.value for word in document.words]


def test_fix_hook_mends_the_files_and_the_check_then_passes(
        project: Path, hook_repository: Path, pre_commit_home: Path) -> None:
    fixed = try_repo("l2tp-lint-fix", project, hook_repository, pre_commit_home)
    assert fixed.returncode == 1, shown(fixed)
    assert "files were modified by this hook" in fixed.stdout, shown(fixed)
    words = option_names(project / "etc/ppp/options.xl2tpd")
    assert "pppol2tp_reorderto" in words and "lock" not in words, words
    assert "require-mschap-v2" in words and "mtu" in words
    again = try_repo("l2tp-lint", project, hook_repository, pre_commit_home)
    assert again.returncode == 0, shown(again)
    assert "Passed" in again.stdout
