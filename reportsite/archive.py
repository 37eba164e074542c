"""The offline archive: dist/<slug>-<version>.zip, byte-identical for the same inputs.

Entries are sorted, every timestamp is one fixed moment (SOURCE_DATE_EPOCH, else the last
commit's date, else the publication date), permissions are fixed, and no extra fields
are written, so two builds at different times, places, TZ and LANG give the same bytes.
"""

from __future__ import annotations

import datetime
import hashlib
import os
import subprocess
import zipfile
from pathlib import Path
from typing import Mapping

from .config import SiteConfig

ZIP_EPOCH_MIN = 315532800  # 1980-01-01: the earliest moment a zip entry can hold


def source_epoch(root: Path, config: SiteConfig) -> int:
    """The moment the archive's entries are stamped with, in seconds since 1970 (UTC)."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    # The site folder's own repository, not one around it, and without the one setting that
    # makes `git log` run a program (gpg.program); docs/SECURITY.md says to set
    # SOURCE_DATE_EPOCH for a folder from elsewhere, so that git is not run at all.
    env = os.environ | {"GIT_CEILING_DIRECTORIES": str(root.resolve().parent)}
    try:
        out = subprocess.run(["git", "-c", "log.showSignature=false", "-C", str(root), "log",
                              "-1", "--format=%ct"], capture_output=True, text=True, timeout=30,
                             check=True, env=env).stdout
        if out.strip().isdigit():
            return int(out.strip())
    except (OSError, subprocess.SubprocessError):
        pass
    day = datetime.datetime.combine(config.date, datetime.time(), datetime.timezone.utc)
    return int(day.timestamp())


def checksums(files: Mapping[str, bytes]) -> bytes:
    """SHA256SUMS.txt in the format `sha256sum -c` reads (files read one at a time)."""
    return "".join(f"{hashlib.sha256(files[path]).hexdigest()}  {path}\n"
                   for path in sorted(files)).encode()


def write_zip(files: Mapping[str, bytes], target: Path, folder: str, epoch: int) -> None:
    """Write files under folder/ in a reproducible zip at target (atomically)."""
    stamp = datetime.datetime.fromtimestamp(max(epoch, ZIP_EPOCH_MIN), datetime.timezone.utc)
    date_time = stamp.timetuple()[:6]
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.part")
    with zipfile.ZipFile(partial, "w") as archive:  # folders are implied by their files
        for path in sorted(files):
            info = zipfile.ZipInfo(f"{folder}/{path}", date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3  # Unix, so the permissions below are read
            info.external_attr = (0o100644 & 0xFFFF) << 16
            archive.writestr(info, files[path], compress_type=zipfile.ZIP_DEFLATED,
                             compresslevel=9)
    partial.replace(target)
