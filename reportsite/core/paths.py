"""What a build may read: files inside the site folder, or inside the theme.

A site folder may come from someone else (docs/SECURITY.md). Every file the build reads,
hashes or copies is checked by `inside` first: resolved with symlinks followed, it must lie
in the site folder or in the generator's theme. One that leads out is refused by name and
no byte of it is read: a file found by walking a folder is named by its own path (the
symlink, or the symlinked folder above it); a path written in a site file is named where
it is written (`named_path_problem`). Symlinks that stay inside are followed.

This module is imported before anything heavy (cache.scan_inputs walks with it).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.layout import THEME

COPY = "put a copy in the site folder instead"  # what to do about a link that leads out
_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]+:")  # "https:", "file:", "data:" (not "C:")


def inside(path: Path, root: Path, problems: list[SiteError], remedy: str = COPY) -> bool:
    """Whether path, symlinks followed, lies in the site folder root (resolved) or in the
    theme; if it leads out, record the error in problems (nothing of it is read)."""
    if _within(os.path.realpath(path), root):
        return True
    problems.append(outside_error(path, root, remedy))
    return False


def _within(real: str, root: Path) -> bool:
    """Whether a resolved path lies in the site folder or in the theme."""
    for base in (str(root).rstrip(os.sep), str(THEME)):
        if real == base or real.startswith(base + os.sep):
            return True
    return False


def outside_error(path: Path, root: Path, remedy: str = COPY) -> SiteError:
    """The error for a site path that leads out of the site folder, named by the first
    symlink on the way that leads out (the path itself, or a folder above it) and by what
    that link says (its own text: nothing outside is read)."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:  # not under the site folder at all
        return SiteError(path.as_posix(), None, "this path leaves the site folder")
    for depth in range(1, len(parts) + 1):
        link = root.joinpath(*parts[:depth])
        if link.is_symlink() and not _within(os.path.realpath(link), root):
            return SiteError("/".join(parts[:depth]), None,
                             f"symlink to '{os.readlink(link)}' leaves the site folder; {remedy}")
    return SiteError("/".join(parts), None, "this path leaves the site folder")


def read_inside(path: Path, root: Path) -> bytes:
    """The bytes of a file of the site, or SiteErrors if it leads out of the site folder."""
    problems: list[SiteError] = []
    if not inside(path, root, problems):
        raise SiteErrors(problems)
    return path.read_bytes()


def site_files(folder: Path, root: Path, problems: list[SiteError]) -> list[Path]:
    """Every file under folder (or folder itself, if it is a file), sorted. A symlink (to
    a file or a folder) is followed while it stays in the site folder or the theme; one
    that leads out is recorded in problems, and neither read nor listed."""
    if not os.path.lexists(folder) or not inside(folder, root, problems):
        return []
    if folder.is_file():
        return [folder]
    found: list[Path] = []

    def visit(directory: str, real: str, above: frozenset[str]) -> None:
        if real in above:  # a symlink to a folder it is in: a loop
            return
        try:
            entries = sorted(os.scandir(directory), key=lambda entry: entry.name)
        except OSError:  # not a folder, or unreadable: nothing to list
            return
        for entry in entries:
            link = entry.is_symlink()
            if link and not inside(Path(entry.path), root, problems):
                continue
            try:
                if entry.is_dir():
                    visit(entry.path, os.path.realpath(entry.path) if link
                          else os.path.join(real, entry.name), above | {real})
                elif entry.is_file():
                    found.append(Path(entry.path))
            except OSError:  # a symlink loop, or removed meanwhile
                continue

    visit(str(folder), os.path.realpath(folder), frozenset())
    return sorted(found)


def named_path_problem(value: object, base: str, root: Path) -> str | None:
    """Why value, a path written in a site file and relative to the folder base (such as
    "data"), cannot name a file of the site, or None if it can: relative text without '..'
    (so it names a file in base) that, symlinks followed, lies in the site folder. Nothing
    is read."""
    example = f"give its path relative to {base}/, e.g. 'table.csv'"
    if not isinstance(value, str) or not value.strip() or "\0" in value:
        return f"expected the name of a file in {base}/ ({example}), got {value!r}"
    if _URL_RE.match(value) or value.startswith("//"):
        return (f"path '{value}' is a URL; the build reads only files in the site folder: "
                f"save the file in {base}/ and {example}")
    if value.startswith(("/", "\\", "~/")):
        return f"path '{value}' is absolute; put the file in {base}/ and {example}"
    posix = value.replace("\\", "/")
    if ".." in posix.split("/"):
        lexical = os.path.normpath(os.path.join(base, posix))
        if lexical == ".." or lexical.startswith("../"):
            return f"path '{value}' leaves the site folder; put the file in {base}/ and {example}"
        return f"path '{value}' goes up with '..'; put the file in {base}/ and {example}"
    if not inside(root / base / value, root, []):
        return f"path '{value}' leaves the site folder; put the file in {base}/ and {example}"
    return None
