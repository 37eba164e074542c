"""Shared fixtures: the real site and the tiny fixture site built once for the whole run
(their caches in temporary folders, so the run writes nothing into the working tree), a
scratch copy of the tiny site, snapshots, running the CLI, the source article and the
browser (each a failure in CI when missing, see missing())."""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable, NoReturn

import pytest

from reportsite.build.pipeline import render_site
from reportsite.build.writing import write_site
from reportsite.cli import main
from reportsite.core.layout import CACHE_DIR
from reportsite.core.outputs import Outputs
from reportsite.load.site import Site, load_site

TESTS = Path(__file__).parent
REPO = TESTS.parent
TINY = TESTS / "fixtures" / "tiny"
# The user's folder of reportsite (the cache's key, compiled templates): one of the run's
# own, so tests never use or change the developer's (builds in subprocesses inherit it).
USER_HOME = Path(tempfile.mkdtemp(prefix="reportsite-test-user-"))
os.environ["XDG_CACHE_HOME"] = str(USER_HOME)
atexit.register(shutil.rmtree, USER_HOME, True)
# The article the site is made from, kept beside the repository (shared with other work);
# REPORTSITE_ARTICLE points the tests at another copy (or at none, to try what happens).
ARTICLE = Path(os.environ.get("REPORTSITE_ARTICLE")
               or REPO.parent / "shared" / "source" / "article.md")


def missing(what: str, remedy: str) -> NoReturn:
    """A test's prerequisite is missing. In CI (the CI environment variable set to anything
    non-empty) that is a failure: a skip there would hide a broken set-up. On a developer's
    clone the test is skipped, saying why and what to do."""
    if os.environ.get("CI"):
        pytest.fail(f"{what}; {remedy} (CI is set, so this fails instead of skipping)",
                    pytrace=False)
    pytest.skip(f"{what}; {remedy}")


@pytest.fixture(scope="session")
def article() -> str:
    """The text of the source article (../shared/source/article.md)."""
    if not ARTICLE.is_file():
        missing(f"{ARTICLE} is missing", "the source article is kept in ../shared/source/ "
                "beside the repository")
    return ARTICLE.read_text(encoding="utf-8")


@pytest.fixture(scope="session", autouse=True)
def the_tree_stays_clean():
    """After the run, no test has left a build cache in the repository or the fixtures."""
    yield
    left = [p.relative_to(REPO).as_posix() for p in (REPO / CACHE_DIR, TINY / CACHE_DIR)
            if p.exists()]
    assert left == [], f"a test wrote {left}: pass cache_dir (or --cache-dir) under tmp_path"


@pytest.fixture(scope="session")
def real_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site's build cache for the run: later builds of it are fast."""
    return tmp_path_factory.mktemp("real-cache")


@pytest.fixture(scope="session")
def real_site(real_cache: Path) -> tuple[Site, Outputs]:
    """The real site, loaded with --strict and rendered once for the whole run (in two
    processes, as a build on this machine is)."""
    site = load_site(REPO, strict=True, cache_dir=real_cache)
    return site, render_site(site, jobs=2)


@pytest.fixture(scope="session")
def real_built(real_site: tuple[Site, Outputs], tmp_path_factory: pytest.TempPathFactory
               ) -> Path:
    """The real site written to a folder once, for the browser tests: tests read it, none
    changes it."""
    out = tmp_path_factory.mktemp("real") / "site"
    write_site(real_site[1], out, REPO)
    return out


@pytest.fixture(scope="session")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Site, Outputs]:
    """The tiny fixture site, loaded with --strict and rendered once for the whole run."""
    site = load_site(TINY, strict=True, cache_dir=tmp_path_factory.mktemp("tiny-cache"))
    return site, render_site(site)


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


def renamed_language(root: Path, old: str, new: str) -> Path:
    """A site whose language old is called new instead (its folder, its texts; its own
    catalog dropped): the tiny site in a language the theme has no catalog for."""
    import re
    for name in ("site.yaml", "data/datapackage.yaml"):
        path = root / name
        if path.is_file():
            text = re.sub(rf"\b{old}:", f"{new}:", path.read_text(encoding="utf-8"))
            path.write_text(re.sub(rf"(languages: \[[^\]]*)\b{old}\b", rf"\g<1>{new}", text),
                            encoding="utf-8")
    (root / "content" / old).rename(root / "content" / new)
    if (root / "translations" / old).is_dir():  # its records (reportsite translations)
        (root / "translations" / old).rename(root / "translations" / new)
    (root / "locales" / f"{old}.po").unlink(missing_ok=True)
    return root


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
        extra = ["--cache-dir", str(chart_cache)] if args and args[0] in ("build", "check") \
            and "--cache-dir" not in args else []  # a test's own cache folder is used
        code = main([str(a) for a in args] + extra)
        out, err = capsys.readouterr()
        return code, out, err

    return invoke


CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


@pytest.fixture(scope="session")
def chromium():
    """Debian's Chromium driven by Playwright (browser downloads do not work here), with the
    background networking that this closed network refuses turned off."""
    try:
        from playwright import sync_api
    except ImportError:
        missing("Playwright is not installed", "make test installs it (requirements-test.txt)")
    if not Path(CHROMIUM).exists():  # make test installs it; say so plainly if it could not
        missing(f"{CHROMIUM} is missing", "install Debian's chromium package (make test does)")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"])
        yield browser
        browser.close()


def offline_pages(browser):
    """Yield a page whose console errors and non-file requests are recorded in
    page.problems (and refused), and whose loaded files' names are in page.loaded."""
    context = browser.new_context()
    page = context.new_page()
    page.problems, page.loaded = [], []
    page.on("console", lambda m: m.type == "error" and page.problems.append(m.text))
    page.on("pageerror", lambda e: page.problems.append(str(e)))

    def only_files(route):
        if route.request.url.startswith("file://"):
            page.loaded.append(route.request.url.rsplit("/", 1)[1])
            route.continue_()
        else:
            page.problems.append(f"network request: {route.request.url}")
            route.abort()

    context.route("**/*", only_files)
    yield page
    context.close()


# The article's title and subtitle as site.yaml gives them (what citation records and the
# PDF carry), written out, not read from the site.
TITLES = {
    "kk": "Қазақстандағы ішкі және сыртқы көші-қон үдерістері: саяси басқару тетіктері, "
          "әлеуметтік-экономикалық салдары және қоғамдық пікір",
    "ru": "Внутренние и внешние миграционные процессы в Казахстане: механизмы политического "
          "управления, социально-экономические последствия и общественное мнение",
    "en": "Internal and external migration processes in Kazakhstan: political management "
          "mechanisms, socio-economic consequences, and public opinion"}


def wait_until_shown(page) -> None:
    """Wait until the page shows itself: assets/fonts.js keeps it transparent while its
    faces load."""
    page.wait_for_function("() => !document.documentElement.classList.contains('fonts-loading')")


def make_charts_live(page) -> None:
    """Bring each chart of the page into view, as a reader scrolling down would, and wait
    until every one is interactive (charts.js loads the vega runtime only then)."""
    wait_until_shown(page)
    charts = page.locator(".chart")
    for index in range(charts.count()):
        charts.nth(index).scroll_into_view_if_needed()
    page.wait_for_function("document.querySelectorAll('.chart.is-live').length === "
                           "document.querySelectorAll('.chart').length", timeout=15000)
