"""Shared fixtures: a scratch copy of the tiny fixture site, snapshots, running the CLI."""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path
from typing import Callable

import pytest

from reportsite.cli import main

TESTS = Path(__file__).parent
REPO = TESTS.parent
TINY = TESTS / "fixtures" / "tiny"


def write_files(root: Path, files: dict[str, str | bytes | None]) -> None:
    """Overlay files on a site folder: str/bytes write the file, None deletes it."""
    for name, content in files.items():
        path = root / name
        if content is None:
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


@pytest.fixture
def make_site(tmp_path: Path) -> Callable[..., Path]:
    """Return make(files={...}, base=TINY): a fresh copy of a site with files overlaid."""

    def make(files: dict[str, str | bytes | None] | None = None, base: Path = TINY) -> Path:
        root = tmp_path / "src"
        if root.exists():
            shutil.rmtree(root)
        shutil.copytree(base, root, ignore=shutil.ignore_patterns("site", ".venv", ".git",
                                                                  "__pycache__", ".cache", "dist"))
        write_files(root, files or {})
        return root

    return make


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under folder with its SHA-256, for 'byte-identical' comparisons."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="session")
def chart_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One chart cache for the whole run, so each scratch site need not re-render."""
    return tmp_path_factory.mktemp("chart-cache")


@pytest.fixture
def run(capsys: pytest.CaptureFixture, chart_cache: Path) -> Callable[..., tuple[int, str, str]]:
    """Run the CLI in-process (sharing the chart cache); return (exit code, stdout, stderr)."""

    def invoke(*args: str | Path) -> tuple[int, str, str]:
        extra = ["--cache-dir", str(chart_cache)] if args and args[0] in ("build", "check") else []
        code = main([str(a) for a in args] + extra)
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (browser downloads do not work here), with the
    background networking that this closed network refuses turned off."""
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():  # make test installs it; say so plainly if it could not
        pytest.fail(f"{CHROMIUM} is missing: install Debian's chromium package (make test does)",
                    pytrace=False)
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield browser
        browser.close()
