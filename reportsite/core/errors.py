"""Errors with a place: SiteError(path, line, message) and the Report that collects them."""

from __future__ import annotations

import difflib
import errno
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable


@dataclass(frozen=True)
class SiteError:
    """One problem in the site's input, printed as `path:line: message`."""

    path: str  # relative to the site root, with forward slashes ("content/ru/index.md")
    line: int | None  # 1-based line in that file, None when the problem has no line
    message: str  # what is wrong and what would be right

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        # One problem, one line: control characters from the input are shown escaped.
        message = "".join(c if c.isprintable() or c == " " else repr(c)[1:-1]
                          for c in self.message)
        return f"{where}: {message}"


class SiteErrors(Exception):
    """Raised at the end of a stage that found errors; carries all of them, and what the
    build left behind (outcome; by default it wrote nothing)."""

    def __init__(self, errors: Iterable[SiteError], outcome: str = "nothing was written"):
        self.errors = tuple(errors)
        self.outcome = outcome
        super().__init__("\n".join(str(e) for e in self.errors))


# What to do about the OS errors a user can cause, by errno ({elsewhere}: where else the
# command can write, which depends on the command).
_REMEDIES = {
    errno.ENOSPC: "the disk is full: free some space, or {elsewhere}",
    errno.EDQUOT: "the disk quota is used up: free some space, or {elsewhere}",
    errno.EROFS: "the file system is read-only: {elsewhere}",
    errno.EACCES: "this user may not do that there: change the folder's permissions, or "
                  "{elsewhere}",
    errno.EBUSY: "it is in use or a mount point, which cannot be replaced: write into a "
                 "folder inside it (--out)",
    errno.EXDEV: "it is on another file system than its folder (a mount point?): write "
                 "into a folder inside it (--out)",
    errno.ENAMETOOLONG: "the path is too long: choose a shorter one",
    errno.EMFILE: "too many files are open: raise the limit (ulimit -n) or use fewer --jobs",
    errno.ENOTDIR: "a file stands where a folder must be: move it away or choose another path",
    errno.EISDIR: "a folder stands where a file must be: move it away or choose another path",
    errno.EIO: "the disk reported an input/output error: check the device",
}
_REMEDIES[errno.EPERM] = _REMEDIES[errno.EACCES]
_REMEDIES[errno.ENFILE] = _REMEDIES[errno.EMFILE]
BUILD_ELSEWHERE = "write elsewhere with --out, --dist or --cache-dir"


def os_error(error: OSError, where: Path | str, elsewhere: str = BUILD_ELSEWHERE) -> SiteError:
    """A SiteError for an OS failure: the file (where, when the system did not name one),
    what the system said, and what would help (elsewhere: how the command can write
    somewhere else)."""
    path = error.filename if error.filename is not None else where
    said = error.strerror or type(error).__name__
    remedy = _REMEDIES.get(error.errno, "check the path and try again")
    return SiteError(str(path), None, f"{said}; {remedy.format(elsewhere=elsewhere)}")


@dataclass
class Report:
    """Collects the errors and warnings of a build, so a stage can report them all at once."""

    strict: bool = False  # with --strict, every warning is an error
    errors: list[SiteError] = field(default_factory=list)
    warnings: list[SiteError] = field(default_factory=list)
    strict_only: list[SiteError] = field(default_factory=list)  # errors only for --strict

    def error(self, path: str, line: int | None, message: str) -> None:
        """Record an error; the stage raises once it has looked at everything."""
        self.errors.append(SiteError(path, line, message))

    def warn(self, path: str, line: int | None, message: str) -> None:
        """Record a warning, which is an error in strict mode (one that does not keep the
        later stages from being checked: see blocking())."""
        problem = SiteError(path, line, message)
        (self.errors if self.strict else self.warnings).append(problem)
        if self.strict:
            self.strict_only.append(problem)

    def blocking(self) -> bool:
        """Whether an error so far is one the next stage cannot run past (not a warning
        that --strict made an error: those are reported with the next stage's problems)."""
        return any(error not in self.strict_only for error in self.errors)

    def raise_if_errors(self) -> None:
        """End a stage: raise SiteErrors (with every error so far) if one of them keeps the
        next stage from running; the errors only --strict makes are raised at the end of
        the build, with the later stages' (build/pipeline.py)."""
        if self.blocking():
            raise SiteErrors(self.errors)


def rel(path: Path, root: Path) -> str:
    """Return path relative to root with forward slashes, for messages."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def did_you_mean(word: str, choices: Iterable[str], list_all: bool = True) -> str:
    """Return " — did you mean 'x'?" for the closest choice, else the valid ones (or "")."""
    options = sorted(choices)
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    if close:
        return f" — did you mean '{close[0]}'?"
    if options and list_all:
        return " (expected one of: " + ", ".join(options) + ")"
    return ""
