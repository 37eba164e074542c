"""The build cache: content hashes of every input, and what was made from them.

Everything here is keyed by the SHA-256 of exactly the inputs it was made from (and of the
generator itself), so a stale entry is never used: it is simply not found. The folder
(default .cache/ in the site folder, or --cache-dir) is safe to delete at any time.

  stamps/<out>.json  the last successful build into one output folder: the digest of all
                     inputs and options, the files it wrote (size, mtime) and its warnings.
                     When nothing changed, a build has nothing to do.
  pages/<key>.html   one rendered page, so an unchanged page is not rendered again.
  index.pickle       small results: the ids of each rendered page; the link check of each
                     page; the translation check of each page group; the search sections
                     of each page.
  results/<key>.charts  the chart renders (specs, SVG, PNG), so Altair and vl-convert are
                     not even imported when no chart input changed.

This module is imported before anything heavy: a build with nothing to do never imports
Jinja, Markdown, Babel or Altair.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import pickle
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .errors import SiteError
from .paths import site_files

CACHE_DIR = ".cache"
CONTENT_DIR = "content"
INPUT_DIRS = (CONTENT_DIR, "templates", "locales", "static", "data", "charts")
CONFIG_FILE = "site.yaml"
# The libraries whose versions change what a build makes.
DEPENDENCIES = ("jinja2", "markupsafe", "markdown", "pyyaml", "babel", "altair",
                "vl-convert-python", "pystemmer")
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
    package = Path(__file__).resolve().parent
    parts: list[bytes | str] = [str(FORMAT), sys.version]
    for path in sorted(p for p in package.rglob("*") if p.is_file() and _is_source(p)):
        parts += [path.relative_to(package).as_posix(), path.read_bytes()]
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


def _is_source(path: Path) -> bool:
    """Files that are part of the input or the generator (not byte code)."""
    return "__pycache__" not in path.parts and path.suffix != ".pyc"


@dataclass(frozen=True)
class Inputs:
    """The content hash of every input file of a site (site.yaml and the input folders)."""

    files: dict[str, str]  # path relative to the site root -> SHA-256 of its bytes
    # Entries that lead out of the site folder (paths.py): never read; load_site reports them.
    outside: tuple[SiteError, ...] = ()

    def digest(self, include: Iterable[str] = ("",), exclude: Iterable[str] = ()) -> str:
        """One hash over the files whose path starts with an include prefix and with no
        exclude prefix (prefixes like "templates/" or "site.yaml")."""
        include, exclude = tuple(include), tuple(exclude)
        chosen = [(path, h) for path, h in sorted(self.files.items())
                  if path.startswith(include) and not path.startswith(exclude)]
        return sha256(*(part for pair in chosen for part in pair))


def scan_inputs(root: Path) -> Inputs:
    """Hash site.yaml and every file under the input folders (byte code excluded). A file
    or folder that leads out of the site folder is not read: it is recorded in outside,
    and its error stands in the hashes for it (so the digest changes with it)."""
    root = root.resolve()
    outside: list[SiteError] = []
    candidates = site_files(root / CONFIG_FILE, root, outside)
    for name in INPUT_DIRS:
        candidates += site_files(root / name, root, outside)
    files = {path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
             for path in candidates if _is_source(path)}
    files |= {problem.path: f"outside: {problem.message}" for problem in outside}
    return Inputs(files, tuple(outside))


class Cache:
    """Rendered pages, small results in one index, and pickled renders, under a folder.

    The index (index.pickle) maps keys to small results: the ids of each rendered page,
    the link check of each page, the translation check of each page group, the search
    sections of each page. Only the
    entries a build used are written back, so it never grows stale."""

    TABLES = ("ids", "links", "parity", "search")

    def __init__(self, folder: Path):
        self.folder = folder
        self.index = self._read_index()
        self.fresh: dict[str, dict[str, Any]] = {table: {} for table in self.TABLES}
        self.used: set[str] = set()  # file names in results/ read or written by this build

    def _read_index(self) -> dict[str, dict[str, Any]]:
        index = _load(self.folder / "index.pickle")
        if isinstance(index, dict) and all(isinstance(index.get(t), dict) for t in self.TABLES):
            return index
        return {table: {} for table in self.TABLES}

    @staticmethod
    def write_file(path: Path, data: bytes) -> None:
        """Write a file so that a killed build never leaves half of it."""
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            temporary.write_bytes(data)
        except FileNotFoundError:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary.write_bytes(data)
        os.replace(temporary, path)

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
        if self.lookup("ids", key) is None:
            return False
        try:
            os.utime(self.page_path(key))  # used now (see save)
        except OSError:
            return False
        return True

    def put_page(self, key: str, html: bytes) -> None:
        """Keep a rendered page (its ids go in the index: remember("ids", ...))."""
        self.write_file(self.page_path(key), html)

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
        self.write_file(self.folder / "results" / name, pickle.dumps(value, protocol=5))

    def save(self) -> None:
        """Write the index of this build's results; forget pages and results that neither
        it nor any build in the last KEEP_UNUSED_SECONDS used (older versions of edited
        pages), so the cache does not grow with edits."""
        self.write_file(self.folder / "index.pickle", pickle.dumps(self.fresh, protocol=5))
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


def _load(path: Path) -> Any | None:
    """A pickled value, or None if the file is missing, damaged or from another version."""
    try:
        with open(path, "rb") as f:
            return pickle.load(f)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError,
            ValueError, IndexError):
        return None


# --- stamps: is the output folder already what these inputs make? ---------------------------

def build_digest(inputs: Inputs, options: dict[str, Any]) -> str:
    """One hash over the generator, every input file and the build options."""
    return sha256(generator_digest(), inputs.digest(), json.dumps(options, sort_keys=True))


def _stamp_path(cache_dir: Path, out_dir: Path) -> Path:
    return cache_dir / "stamps" / f"{sha256(str(out_dir))[:16]}.json"


def list_output(out_dir: Path) -> dict[str, list[int]]:
    """Every file in an output folder: relative path -> [size, mtime in ns]."""
    found = {}
    for folder, _, names in os.walk(out_dir):
        for name in names:
            path = os.path.join(folder, name)
            info = os.stat(path)
            found[os.path.relpath(path, out_dir).replace(os.sep, "/")] = [info.st_size,
                                                                          info.st_mtime_ns]
    return found


def _read_stamp(cache_dir: Path, out_dir: Path) -> dict | None:
    try:
        stamp = json.loads(_stamp_path(cache_dir, out_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return stamp if isinstance(stamp, dict) and isinstance(stamp.get("files"), dict) else None


def read_stamp(cache_dir: Path, out_dir: Path, digest: str) -> dict | None:
    """The stamp of the last build into out_dir if it was made from exactly these inputs
    and out_dir still holds exactly the files it wrote (none changed, added or removed)."""
    stamp = _read_stamp(cache_dir, out_dir)
    if stamp is None or stamp.get("digest") != digest or not out_dir.is_dir():
        return None
    written = {path: entry[:2] for path, entry in stamp["files"].items()}
    return stamp if list_output(out_dir) == written else None


def reusable_files(cache_dir: Path, out_dir: Path) -> dict[str, str]:
    """The files of out_dir that are still as the last build wrote them: path -> the id
    of their content (write_site links them into the new site instead of copying)."""
    stamp = _read_stamp(cache_dir, out_dir)
    if stamp is None or not out_dir.is_dir():
        return {}
    current = list_output(out_dir)
    return {path: entry[2] for path, entry in stamp["files"].items()
            if len(entry) == 3 and entry[2] and current.get(path) == entry[:2]}


def write_stamp(cache_dir: Path, out_dir: Path, digest: str, summary: dict,
                content_ids: dict[str, str]) -> None:
    """Record a successful build into out_dir: the files it wrote with the id of their
    content, and (summary) the warnings and counts a build with nothing to do replays."""
    files = {path: [*entry, content_ids.get(path)] for path, entry in list_output(out_dir).items()}
    stamp = {"digest": digest, "files": files} | summary
    Cache.write_file(_stamp_path(cache_dir, out_dir),
                     json.dumps(stamp, ensure_ascii=False).encode("utf-8"))


def forget_stamp(cache_dir: Path, out_dir: Path) -> None:
    """Drop the stamp of out_dir (its contents are about to change)."""
    _stamp_path(cache_dir, out_dir).unlink(missing_ok=True)
