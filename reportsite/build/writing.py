"""The only code that writes the site: a temporary folder beside the output folder (files
unchanged since the last build hard-linked, not copied), then the swap."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Mapping

from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.layout import INPUT_DIRS
from reportsite.core.outputs import Outputs


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
