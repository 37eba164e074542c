"""The rendered site, before it is written: output path -> bytes (rendered pages stay in
the cache on disk, checked against their signature when read), where each file came from, what rendering found, how long each stage
took. Every stage adds to one Outputs; only build/writing.py writes it out."""

from __future__ import annotations

import time
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field
from typing import Iterator

from reportsite.core.cache import sha256
from reportsite.core.entries import KeptPage
from reportsite.core.errors import Report, SiteError


class Files(MappingABC):
    """Output path -> bytes. Rendered pages stay on disk in the cache (where they are kept,
    not their bytes) and are read, and verified, when asked for, so a large site is never
    all in memory."""

    def __init__(self) -> None:
        self._items: dict[str, bytes | KeptPage] = {}
        self._ids: dict[str, str] = {}  # content_id() of each file, once asked for

    def __getitem__(self, path: str) -> bytes:
        item = self._items[path]
        return item.read() if isinstance(item, KeptPage) else item

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, path: object) -> bool:
        return path in self._items

    def put(self, path: str, item: bytes | KeptPage) -> None:
        """Add bytes, or a page kept in the cache."""
        self._items[path] = item
        self._ids.pop(path, None)

    def kept_at(self, path: str) -> KeptPage | None:
        """The cached page holding this output, if it is kept on disk."""
        item = self._items[path]
        return item if isinstance(item, KeptPage) else None

    def size(self, path: str) -> int:
        """A file's size in bytes (a page kept on disk is not read)."""
        item = self._items[path]
        return item.size() if isinstance(item, KeptPage) else len(item)

    def without(self, paths: frozenset[str]) -> "Files":
        """A copy without some files (nothing is read)."""
        copy = Files()
        copy._items = {path: item for path, item in self._items.items() if path not in paths}
        return copy

    def content_id(self, path: str) -> str:
        """An id of a file's content: its cache key for a rendered page (the hash of what
        it was made from), else the SHA-256 of its bytes."""
        if path not in self._ids:
            item = self._items[path]
            self._ids[path] = f"page:{item.key}" if isinstance(item, KeptPage) else sha256(item)
        return self._ids[path]


@dataclass
class Outputs:
    """The rendered site: relative path -> bytes, with the source of each."""

    files: Files = field(default_factory=Files)
    sources: dict[str, str] = field(default_factory=dict)  # output path -> what produced it
    server_only: frozenset[str] = frozenset({"404.html"})  # in site/, not in the zip
    timings: list[tuple[str, float]] = field(default_factory=list)  # (stage, seconds), in order
    report: Report = field(default_factory=Report)  # what rendering found (warnings, errors)
    # The UI strings the files show: (language, message id) -> the first file showing it.
    strings_shown: dict[tuple[str, str], str | None] = field(default_factory=dict)

    @property
    def warnings(self) -> list[SiteError]:
        """The warnings of rendering (missing translations, broken links, ...)."""
        return self.report.warnings

    def lap(self, stage: str, started: float) -> float:
        """Record how long a stage took since started; return the new start."""
        now = time.perf_counter()
        self.timings.append((stage, now - started))
        return now

    def add(self, path: str, data: bytes | KeptPage, source: str) -> None:
        """Add one file; two sources writing one path is an error naming both."""
        if path in self.files:
            self.report.error(source, None, f"writes {path}, which {self.sources[path]} also writes")
            return
        self.files.put(path, data)
        self.sources[path] = source
