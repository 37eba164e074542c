"""A cache entry on disk: a value encoded by core/codec.py, sealed by core/signing.py, and
written atomically under a temporary name of its own; a rendered page kept in the cache;
and claiming a cache folder for this user (emptying one someone else made).

This module is imported before anything heavy.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from reportsite.core import codec
from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.signing import HEADER, key_problem, owner_mark, seal, unseal

OWNER_FILE = "owner"  # core/signing.owner_mark() of the user whose key signs the entries
INDEX_FILE = "index.json"
# What a cache folder holds (and held before FORMAT 2: pickles, compiled templates, renders).
ENTRIES = (INDEX_FILE, "pages", "results", "stamps", "index.pickle", "templates", "charts")


def claim(folder: Path) -> str | None:
    """Make folder this user's cache. Returns the one line to show when it was not: it held
    a cache made by someone else, elsewhere, or by an older reportsite, whose entries are
    then removed unread; or no key could be kept (nothing is reused between builds)."""
    problem = key_problem()
    if problem:
        return f"{problem}: cached results are not reused between builds"
    mark, path = owner_mark(), folder / OWNER_FILE
    try:
        found = path.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        found = None
    if found == mark:
        return None
    held = [folder / name for name in ENTRIES if os.path.lexists(folder / name)]
    for entry in held:  # none could be used: none verifies, or none is of this format
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry, ignore_errors=True)
        else:
            entry.unlink(missing_ok=True)
    write_file(path, f"{mark}\n".encode("ascii"))
    if not held:
        return None
    return (f"ignoring the cache in {folder}: this user's builds did not make it (another "
            "user, another machine or an older reportsite did), so nothing in it is trusted; "
            "its entries are removed unread and made again")


@dataclass(frozen=True)
class KeptPage:
    """A rendered page kept in the cache and published from there: its file is the signed
    header, then the HTML, which is checked against the signature whenever it is read."""

    folder: Path  # the cache folder
    key: str  # the page's cache key

    @property
    def name(self) -> str:
        """The entry's name in the cache (signed with it)."""
        return f"pages/{self.key}.html"

    @property
    def path(self) -> Path:
        """The file."""
        return self.folder / self.name

    def read(self) -> bytes:
        """The page's HTML; SiteErrors if the file no longer holds what this user's build
        wrote (it changed after the build checked it)."""
        html = unseal(self.name, self.path.read_bytes())
        if html is None:
            raise SiteErrors([SiteError(str(self.path), None, "this cached page changed while "
                                        "the build ran; build again")])
        return html

    def size(self) -> int:
        """The HTML's size in bytes (nothing is read)."""
        return self.path.stat().st_size - HEADER


def read_entry(folder: Path, name: str, types: Iterable[type] = ()) -> Any | None:
    """The value kept at name (a path in folder), or None if it is missing, damaged or not
    signed with this user's key. types: the dataclasses it may hold."""
    try:
        data = (folder / name).read_bytes()
    except OSError:
        return None
    payload = unseal(name, data)
    if payload is None:
        return None
    try:
        return codec.decode(payload, types)
    except codec.Undecodable:
        return None


def write_entry(folder: Path, name: str, value: Any) -> None:
    """Keep value at name (a path in folder), encoded and signed."""
    write_file(folder / name, seal(name, codec.encode(value)))


def write_file(path: Path, data: bytes) -> None:
    """Write a file so that a killed or failed build never leaves half of it: under a
    temporary name of its own (two builds at once never share one), then renamed; on a
    failure (a full disk) the temporary file is removed."""
    try:
        _write_renamed(path, data)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_renamed(path, data)


def _write_renamed(path: Path, data: bytes) -> None:
    """Write data to a new temporary file beside path, then rename it to path."""
    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(temporary, path)
    except BaseException as e:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        if isinstance(e, OSError) and e.filename in (None, temporary):  # name the file meant
            raise OSError(e.errno, e.strerror, str(path)) from e
        raise
