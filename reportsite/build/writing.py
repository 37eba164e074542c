"""The only code that writes the site: a temporary folder beside the output folder (files
unchanged since the last build hard-linked, not copied), then the swap, in one step.

The output folder is never one the build did not write: each site it writes carries a
marker file (OUTPUT_MARKER), and a folder with other files and no marker is refused,
naming some of them. The swap exchanges the new folder and the old one in one system call
(Linux renameat2 RENAME_EXCHANGE, macOS renamex_np RENAME_SWAP), so the output folder is at
every moment the old site or the new one; where neither exists (another system, or a file
system without it) two renames are used, and a build killed between them leaves the old
site beside it, which the next build puts back. Every build into a folder holds the lock of
the folder's parent meanwhile (a second one waits, saying so), and starts by removing what
killed builds left there.
"""

from __future__ import annotations

import ctypes
import errno
import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.layout import INPUT_DIRS, OUTPUT_MARKER
from reportsite.core.outputs import Outputs

try:
    import fcntl
except ImportError:  # not a POSIX system: no lock
    fcntl = None  # type: ignore[assignment]

MARKER_TEXT = (b"This folder was written by reportsite, and each build replaces it as a whole:\n"
               b"a file added here is removed by the next build. Keep your own files elsewhere.\n")
SHOWN_FOREIGN = 5  # foreign files named when refusing a folder
CHECKSUMS = "SHA256SUMS.txt"  # a site written before the marker existed lists its files here


def write_site(outputs: Outputs, out_dir: Path, root: Path,
               reuse: Mapping[str, str] | None = None, locked: bool = False) -> None:
    """Write outputs to a temporary folder beside out_dir, then swap it into place.
    reuse: files of the current out_dir known to be unchanged since the last build, with
    the id of their content; one with the same content now is hard-linked, not written.
    locked: the caller holds output_lock(out_dir) already."""
    out_dir, root = out_dir.resolve(), root.resolve()
    check_output(out_dir, root)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    with (_held() if locked else output_lock(out_dir)):
        remove_leftovers(out_dir)
        check_output(out_dir, root)  # again, now that no other build writes there
        try:
            staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
        except OSError as e:  # named by the folder it could not write in
            raise OSError(e.errno, e.strerror, str(out_dir.parent)) from e
        try:
            _fill(staging, outputs, out_dir, reuse or {})
            old = _swap(staging, out_dir)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)


def _fill(staging: Path, outputs: Outputs, out_dir: Path, reuse: Mapping[str, str]) -> None:
    """Write every output file into staging (and the marker), with fixed permissions."""
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
        try:
            target.write_bytes(outputs.files[relative])  # a cached page is verified as read
        except OSError as e:  # named as the reader knows it, not by the staging folder
            raise OSError(e.errno, e.strerror, str(out_dir / relative)) from e
        os.chmod(target, 0o644)
    (staging / OUTPUT_MARKER).write_bytes(MARKER_TEXT)
    os.chmod(staging / OUTPUT_MARKER, 0o644)
    for folder in (staging, *(p for p in staging.rglob("*") if p.is_dir())):
        os.chmod(folder, 0o755)  # mkdtemp makes 0700; a served site must be readable


def _swap(staging: Path, out_dir: Path) -> Path | None:
    """Put staging in out_dir's place; return what now holds the old site (to delete)."""
    if not os.path.lexists(out_dir):
        staging.rename(out_dir)
        return None
    if exchange(staging, out_dir):
        return staging
    old = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.parent))
    out_dir.rename(old / out_dir.name)  # a build killed here: remove_leftovers puts it back
    staging.rename(out_dir)
    return old


AT_FDCWD, RENAME_EXCHANGE, RENAME_SWAP = -100, 2, 2
UNSUPPORTED = {errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP}


def exchange(a: Path, b: Path) -> bool:
    """Swap two paths in one step; False where the system or file system cannot."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
    except OSError:
        return False
    if hasattr(libc, "renameat2"):
        result = libc.renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b),
                                RENAME_EXCHANGE)
    elif hasattr(libc, "renamex_np"):
        result = libc.renamex_np(os.fsencode(a), os.fsencode(b), RENAME_SWAP)
    else:
        return False
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in UNSUPPORTED:
        return False
    raise OSError(code, os.strerror(code), str(b))


def remove_leftovers(out_dir: Path) -> None:
    """Remove the temporary folders that killed builds left beside out_dir; if one was
    killed between the two renames of a swap without exchange, put the old site back
    first. Only under the lock: no running build has a folder there then."""
    prefix = f".{out_dir.name}."
    for path in sorted(out_dir.parent.iterdir()):
        if not path.name.startswith((prefix + "new-", prefix + "old-")) or not path.is_dir():
            continue
        kept = path / out_dir.name
        if path.name.startswith(prefix + "old-") and kept.is_dir() \
                and not os.path.lexists(out_dir):
            kept.rename(out_dir)
        shutil.rmtree(path, ignore_errors=True)


@contextmanager
def output_lock(out_dir: Path) -> Iterator[None]:
    """Hold the lock of the folder out_dir is written in: a second build writing there
    waits, and says so, until this one has finished. (The folder's own lock: out_dir is
    swapped away, and a lock file beside it would be left in the site folder.)"""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    if fcntl is None:
        yield
        return
    fd = os.open(out_dir.parent, os.O_RDONLY)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"waiting for another build that is writing in {out_dir.parent} ...",
                  file=sys.stderr, flush=True)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # releases the lock


@contextmanager
def _held() -> Iterator[None]:
    """The lock the caller already holds."""
    yield


def check_output(out_dir: Path, root: Path) -> None:
    """Refuse (SiteErrors) an output folder a build may not replace: the site's own folder,
    an input folder, a file, a mount point, or a folder with files a build did not write.
    Both paths resolved."""
    _refuse_unsafe_output(out_dir, root)
    _refuse_foreign_files(out_dir)


def _refuse_unsafe_output(out_dir: Path, root: Path) -> None:
    """Never replace the site's own folder, an input folder, a file or a mount point."""
    inputs = [root] + [root / name for name in INPUT_DIRS]
    if out_dir in inputs or out_dir in root.parents or any(d in out_dir.parents for d in inputs[1:]):
        raise SiteErrors([_output_error(out_dir, "is the site folder, holds it, or is inside "
                                        "one of its input folders; choose another --out")])
    if os.path.lexists(out_dir) and not out_dir.is_dir():
        raise SiteErrors([_output_error(out_dir, "is a file; remove it or choose another --out")])
    if out_dir.is_dir() and os.path.ismount(out_dir):
        raise SiteErrors([_output_error(out_dir, "is a mount point, which cannot be replaced "
                                        f"in one step; write into a folder inside it: --out "
                                        f"{out_dir / out_dir.name}")])


def _refuse_foreign_files(out_dir: Path) -> None:
    """Refuse an output folder that holds files a build did not write (see foreign_files)."""
    foreign = foreign_files(out_dir)
    if foreign:
        shown = ", ".join(foreign[:SHOWN_FOREIGN])
        more = f" and {len(foreign) - SHOWN_FOREIGN} more" if len(foreign) > SHOWN_FOREIGN else ""
        raise SiteErrors([_output_error(
            out_dir, f"holds files reportsite did not write ({shown}{more}), and a build "
            f"replaces the whole folder; move them away, or choose another --out (a folder "
            f"reportsite writes carries a {OUTPUT_MARKER} file)")])


def foreign_files(out_dir: Path) -> list[str]:
    """What in out_dir a build did not write, as shown in messages (a folder with a '/'):
    nothing if it carries the marker; for a site written before the marker existed, what
    its SHA256SUMS.txt does not list; else everything in it."""
    if not out_dir.is_dir() or (out_dir / OUTPUT_MARKER).is_file():
        return []
    listed = {CHECKSUMS, "404.html"}
    try:
        lines = (out_dir / CHECKSUMS).read_text(encoding="utf-8").splitlines()
        listed |= {line.split("  ", 1)[1] for line in lines if "  " in line}
    except (OSError, UnicodeDecodeError):
        pass
    found = []
    for folder, folders, names in os.walk(out_dir):
        folders.sort()
        at = Path(folder).relative_to(out_dir).as_posix()
        for name in sorted(names):
            path = name if at == "." else f"{at}/{name}"
            if path not in listed:
                found.append(path)
        for name in list(folders):
            path = name if at == "." else f"{at}/{name}"
            if not any(p.startswith(path + "/") for p in listed):
                found.append(path + "/")  # nothing of ours inside: named once, not walked
                folders.remove(name)
    return sorted(found)


def _output_error(out_dir: Path, why: str) -> SiteError:
    """A SiteError about the output folder."""
    return SiteError(str(out_dir), None, f"refusing to write the site here: it {why}")
