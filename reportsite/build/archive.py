"""The offline archive: dist/<slug>-<version>.zip, byte-identical for the same inputs.

Entries are sorted, every timestamp is one fixed moment (SOURCE_DATE_EPOCH, else the
edition's date in site.yaml), permissions are fixed, and no extra fields are written, so
two builds at different times, places, TZ and LANG — in a git checkout or from a
`git archive` export without .git — give the same bytes. It is written under a temporary
name of its own (two builds at once never share one) and renamed into place only once
complete; a failure (a full disk) removes the temporary file.
"""

from __future__ import annotations

import datetime
import os
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

from reportsite.core.outputs import Outputs
from reportsite.load.config import SiteConfig

ZIP_EPOCH_MIN = 315532800  # 1980-01-01: the earliest moment a zip entry can hold


def source_epoch(config: SiteConfig) -> int:
    """The moment the archive's entries are stamped with, in seconds since 1970 (UTC):
    SOURCE_DATE_EPOCH when set, else midnight UTC of the edition's date. Nothing is read
    from version control, so an export without .git gives the same zip."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    day = datetime.datetime.combine(config.date, datetime.time(), datetime.timezone.utc)
    return int(day.timestamp())


def write_zip(files: Mapping[str, bytes], partial: Path, folder: str, epoch: int) -> None:
    """Write files under folder/ in a reproducible zip at partial."""
    stamp = datetime.datetime.fromtimestamp(max(epoch, ZIP_EPOCH_MIN), datetime.timezone.utc)
    date_time = stamp.timetuple()[:6]
    with zipfile.ZipFile(partial, "w") as archive:  # folders are implied by their files
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below are read
            info.external_attr = (0o100644 & 0xFFFF) << 16
            archive.writestr(info, files[path], compress_type=zipfile.ZIP_DEFLATED,
                             compresslevel=9)


@contextmanager
def pending_archive(config: SiteConfig, outputs: Outputs, dist: Path) -> Iterator[Path]:
    """dist/<slug>-<version>.zip: the site (its SHA256SUMS.txt included) without the files
    only a web server needs (404.html), reproducibly. Written under a temporary name first;
    renamed into place when the block ends without an error (the site is swapped in the
    block, so a zip that cannot be written leaves both as they were), else removed."""
    folder = f"{config.slug}-{config.version}"
    files = outputs.files.without(outputs.server_only)  # pages are read one at a time
    target = dist.resolve() / f"{folder}.zip"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    except OSError as e:  # named by the folder it could not write in
        raise OSError(e.errno, e.strerror, str(target.parent)) from e
    os.close(fd)
    partial = Path(name)
    try:
        try:
            write_zip(files, partial, folder, source_epoch(config))
        except OSError as e:  # named as the reader knows it, not by its temporary name
            raise OSError(e.errno, e.strerror, str(target)) from e
        os.chmod(partial, 0o644)  # mkstemp makes 0600
        yield target
        partial.replace(target)
    finally:
        partial.unlink(missing_ok=True)


def write_archive(config: SiteConfig, outputs: Outputs, dist: Path) -> Path:
    """Write the zip (pending_archive) at once; return its path."""
    with pending_archive(config, outputs, dist) as target:
        return target
