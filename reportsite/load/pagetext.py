"""A page's text checked before Markdown sees it: control characters (which HTML and XML
forbid) and nesting deeper than Markdown can take (it recurses once per level of lists,
quotes and indented blocks: 400 levels exhausted Python, 1,000 took 17 s and 784 MB)."""

from __future__ import annotations

import re

from reportsite.core.errors import Report
from reportsite.core.sources import CONTROL_RE, control_name

MAX_NESTING = 32  # levels of lists and quotes a page may nest (Markdown slows down, then fails)
FENCE_RE = re.compile(r"^\s*(```|~~~)")  # a line that opens or closes a fenced code block


def text_is_safe(text: str, lines: list[str], shown: str, report: Report) -> bool:
    """Whether a page's text (and its lines) is free of control characters and nesting too
    deep; each problem is reported with its first line."""
    return not _may_be_refused(text) or _check_text(lines, shown, report)


def _may_be_refused(text: str) -> bool:
    """Whether a page has a control character, or a line whose start could nest too deep
    (one pass over the text; _check_text then looks closer, line by line)."""
    return bool(CONTROL_RE.search(text) or _DEEP_RE.search(text))


def _check_text(lines: list[str], shown: str, report: Report) -> bool:
    """Refuse control characters and nesting too deep for Markdown: the first line of
    each, and how many more lines have it."""
    controls, deep, fenced = [], [], False
    for number, line in enumerate(lines, 1):
        control = CONTROL_RE.search(line)
        if control:
            controls.append((number, control))
        if FENCE_RE.match(line):
            fenced = not fenced
        elif not fenced and _nesting(line) > MAX_NESTING:
            deep.append(number)
    if controls:
        number, control = controls[0]
        name = control_name(control.group())
        report.error(shown, number, f"column {control.start() + 1}: {name} cannot appear in a "
                     "web page; remove it (it came with a copy and paste, or from a converter)"
                     + _more(len(controls) - 1))
    if deep:
        report.error(shown, deep[0], f"nested deeper than {MAX_NESTING} levels (lists, quotes or "
                     "indented blocks); a page needs only a few" + _more(len(deep) - 1))
    return not controls and not deep


def _more(lines: int) -> str:
    """How many more lines have the same problem, for its message."""
    return f" ({lines} more line{'s' if lines > 1 else ''} below like it)" if lines else ""


# A line's start: indentation, quote marks and list markers ("- ", "* ", "+ ", "1. ").
_LEAD_RE = re.compile(r"(?:[ \t>]|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*")
_MARKER_RE = re.compile(r">|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])")
# A line that starts with MAX_NESTING + 1 of these characters may nest too deep; no other can.
_DEEP_RE = re.compile(r"^[ \t>*+\-0-9.)]{%d}" % (MAX_NESTING + 1), re.M)
_LEAD_SEEN = 12 * (MAX_NESTING + 1)  # enough of a line's start to tell it is too deep


def _nesting(line: str) -> int:
    """How deep Markdown would nest a line: a level per quote mark or list marker at its
    start, and per 4 columns of indentation (a tab to the next multiple of 4)."""
    lead = _LEAD_RE.match(line, 0, _LEAD_SEEN).group()
    markers = len(_MARKER_RE.findall(lead))
    return markers + len(_MARKER_RE.sub("", lead).expandtabs(4)) // 4
