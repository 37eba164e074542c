"""The rendered site and the only code that writes it: outputs in memory (pages stay in the
cache on disk), the swap of the output folder, and the reproducible zip."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Mapping as MappingABC
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator, Mapping

from .archive import source_epoch, write_zip
from .cache import INPUT_DIRS, sha256
from .config import SiteConfig
from .errors import Report, SiteError, SiteErrors


class Files(MappingABC):
    """Output path -> bytes. Rendered pages stay on disk in the cache (a path is kept, not
    their bytes) and are read when asked for, so a large site is never all in memory."""

    def __init__(self) -> None:
        self._items: dict[str, bytes | Path] = {}
        self._ids: dict[str, str] = {}  # content_id() of each file, once asked for

    def __getitem__(self, path: str) -> bytes:
        item = self._items[path]
        return item.read_bytes() if isinstance(item, Path) else item

    def __iter__(self) -> Iterator[str]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __contains__(self, path: object) -> bool:
        return path in self._items

    def put(self, path: str, item: bytes | Path) -> None:
        """Add bytes, or a file whose bytes these are."""
        self._items[path] = item
        self._ids.pop(path, None)

    def kept_at(self, path: str) -> Path | None:
        """The file holding this output, if it is kept on disk."""
        item = self._items[path]
        return item if isinstance(item, Path) else None

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
            self._ids[path] = f"page:{item.stem}" if isinstance(item, Path) else sha256(item)
        return self._ids[path]


@dataclass
class Outputs:
    """The rendered site: relative path -> bytes, with the source of each."""

    files: Files = field(default_factory=Files)
    sources: dict[str, str] = field(default_factory=dict)  # output path -> what produced it
    server_only: frozenset[str] = frozenset({"404.html"})  # in site/, not in the zip
    timings: list[tuple[str, float]] = field(default_factory=list)  # (stage, seconds), in order
    report: Report = field(default_factory=Report)  # what rendering found (warnings, errors)

    @property
    def warnings(self) -> list[SiteError]:
        """The warnings of rendering (missing translations, broken links, ...)."""
        return self.report.warnings

    def lap(self, stage: str, started: float) -> float:
        """Record how long a stage took since started; return the new start."""
        now = time.perf_counter()
        self.timings.append((stage, now - started))
        return now

    def add(self, path: str, data: bytes | Path, source: str) -> None:
        """Add one file; two sources writing one path is an error naming both."""
        if path in self.files:
            self.report.error(source, None, f"writes {path}, which {self.sources[path]} also writes")
            return
        self.files.put(path, data)
        self.sources[path] = source


def write_site(outputs: Outputs, out_dir: Path, root: Path,
               reuse: Mapping[str, str] | None = None) -> None:
    """Write outputs to a temporary folder beside out_dir, then swap it into place.
    reuse: files of the current out_dir known to be unchanged since the last build, with
    the id of their content; one with the same content now is hard-linked, not written."""
    reuse = reuse or {}
    out_dir, root = out_dir.resolve(), root.resolve()
    _refuse_unsafe_output(out_dir, root)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    try:
        made = set()
        for relative in sorted(outputs.files):
            target = staging / relative
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            if relative in reuse and reuse[relative] == outputs.files.content_id(relative):
                try:
                    os.link(out_dir / relative, target)
                    continue
                except OSError:  # a file system without hard links: write it
                    pass
            kept = outputs.files.kept_at(relative)
            if kept is not None:
                shutil.copyfile(kept, target)  # a rendered page, from the cache
            else:
                target.write_bytes(outputs.files[relative])
            os.chmod(target, 0o644)
        for folder in (staging, *(p for p in staging.rglob("*") if p.is_dir())):
            os.chmod(folder, 0o755)  # mkdtemp makes 0700; a served site must be readable
        old = None
        if out_dir.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
            out_dir.rename(old / "site")
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)


def write_archive(config: SiteConfig, outputs: Outputs, dist: Path) -> Path:
    """dist/<slug>-<version>.zip: the site (its SHA256SUMS.txt included) without the files
    only a web server needs (404.html), reproducibly."""
    folder = f"{config.slug}-{config.version}"
    files = outputs.files.without(outputs.server_only)  # pages are read one at a time
    target = dist.resolve() / f"{folder}.zip"
    write_zip(files, target, folder, source_epoch(config))
    return target


def _refuse_unsafe_output(out_dir: Path, root: Path) -> None:
    """Never replace the site's own folder, an input folder, or a folder that is not a site."""
    inputs = [root] + [root / name for name in INPUT_DIRS]
    if out_dir in inputs or out_dir in root.parents or any(d in out_dir.parents for d in inputs[1:]):
        raise SiteErrors([_output_error(out_dir, "is the site folder, holds it, or is inside "
                                        "one of its input folders; choose another --out")])
    if out_dir.is_file() or (out_dir.is_dir() and any(out_dir.iterdir())
                             and not (out_dir / "index.html").is_file()):
        raise SiteErrors([_output_error(out_dir, "exists and does not look like a built site "
                                        "(no index.html); remove it or choose another --out")])


def _output_error(out_dir: Path, why: str) -> SiteError:
    """A SiteError about the output folder."""
    return SiteError(str(out_dir), None, f"refusing to write the site here: it {why}")
