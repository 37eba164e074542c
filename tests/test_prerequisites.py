"""A missing source article or browser fails the run in CI and is a reasoned skip elsewhere
(conftest.missing). Checked by running pytest on two tests with the prerequisites pointed
at files that do not exist."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import REPO

NEEDS_ARTICLE = "tests/test_data.py::test_tables_match_the_article_text"
NEEDS_BROWSER = "tests/test_security.py::test_the_policy_refuses_inline_script"


def pytest_without_prerequisites(tmp_path, ci: str | None) -> subprocess.CompletedProcess:
    """pytest on one test that needs the article and one that needs Chromium, both absent."""
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env |= {"REPORTSITE_ARTICLE": str(tmp_path / "article.md"),
            "CHROMIUM": str(tmp_path / "chromium")}
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rsE", "-p", "no:cacheprovider",
                           NEEDS_ARTICLE, NEEDS_BROWSER],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=300)


@pytest.mark.parametrize("ci", ["true", "1"])
def test_in_ci_a_missing_article_or_browser_fails(tmp_path, ci):
    result = pytest_without_prerequisites(tmp_path, ci)
    assert result.returncode == 1, result.stdout
    summary = [line for line in result.stdout.splitlines() if line.startswith("ERROR ")]
    assert summary == [
        f"ERROR {NEEDS_ARTICLE} - Failed: {tmp_path / 'article.md'} is missing; the source "
        "article is kept in ../shared/source/ beside the repository (CI is set, so this fails "
        "instead of skipping)",
        f"ERROR {NEEDS_BROWSER} - Failed: {tmp_path / 'chromium'} is missing; install Debian's "
        "chromium package (make test does) (CI is set, so this fails instead of skipping)"]
    assert result.stdout.splitlines()[-1].startswith("2 errors in ")


@pytest.mark.parametrize("ci", [None, ""])
def test_on_a_developers_clone_it_is_a_skip_that_says_why(tmp_path, ci):
    result = pytest_without_prerequisites(tmp_path, ci)
    assert result.returncode == 0, result.stdout
    skips = sorted(line.split(": ", 1)[1] for line in result.stdout.splitlines()
                   if line.startswith("SKIPPED "))
    assert skips == [
        f"{tmp_path / 'article.md'} is missing; the source article is kept in ../shared/source/ "
        "beside the repository",
        f"{tmp_path / 'chromium'} is missing; install Debian's chromium package (make test does)"]
    assert result.stdout.splitlines()[-1].startswith("2 skipped in ")
