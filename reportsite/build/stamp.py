"""The no-change stamp: is the output folder already what these inputs make?

Each successful build into an output folder records, in the cache, the digest of every
input and option, the files it wrote (size, mtime, the id of their content) and its
warnings and counts. When the next build into that folder has the same digest and the
folder still holds exactly those files, there is nothing to do; otherwise the files that
are still as written are hard-linked into the new site instead of copied.

This module is imported before anything heavy.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from reportsite.core.cache import generator_digest, sha256
from reportsite.core.entries import read_entry, write_entry
from reportsite.core.inputs import Inputs


def build_digest(inputs: Inputs, options: dict[str, Any]) -> str:
    """One hash over the generator, every input file and the build options."""
    return sha256(generator_digest(), inputs.digest(), json.dumps(options, sort_keys=True))


def _stamp_name(out_dir: Path) -> str:
    """The stamp's entry in the cache (signed like every entry: a stamp made elsewhere, as
    in a received .cache/, is not used)."""
    return f"stamps/{sha256(str(out_dir))[:16]}.json"


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
    stamp = read_entry(cache_dir, _stamp_name(out_dir))
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
    write_entry(cache_dir, _stamp_name(out_dir), stamp)


def forget_stamp(cache_dir: Path, out_dir: Path) -> None:
    """Drop the stamp of out_dir (its contents are about to change)."""
    (cache_dir / _stamp_name(out_dir)).unlink(missing_ok=True)
