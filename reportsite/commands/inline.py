"""The inline codes of a segment: what a translation tool must protect in its text.

A segment's text is cut, without losing a character, into words and codes: shortcodes
(`{{ ... }}`, `{% ... %}`, `{## ... ##}`), code spans, inline HTML, autolinks, escapes,
attribute lists, footnote references and hard line breaks stand alone; a link's `[` and
`](url)` and a pair of emphasis marks (`**`, `*`, `__`, `_`) open and close around the
words between them. XLIFF makes them `<ph>` and `<pc>`; PO keeps them as they are, and
import checks them either way.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Piece:
    """A part of a segment's text: words, or a code."""

    kind: str  # "text", "code" (stands alone), "open" or "close" (around other pieces)
    text: str  # the characters, exactly as in the file
    shortcode: bool = False  # a code that is a shortcode (a translation must keep it)


_ALONE_RE = re.compile(
    r"\{\{.*?\}\}|\{%.*?%\}|\{##.*?##\}"  # shortcodes, statements, content comments
    r"|(`+).+?\1"  # a code span
    r"|<(?:https?|mailto|ftp):[^>\s]*>|<[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+>"  # autolinks
    r"|<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>"  # inline HTML
    r"|\\[\\`*_{}\[\]()#+\-.!|<>~]"  # an escaped character
    r"|\{[:#][^}\n]*\}|\[\^[^\]\s]+\]"  # an attribute list, a footnote reference
    r"| {2,}\n|\\\n|\n[ \t]*>[ \t]?",  # hard line breaks, a quote's next line
    re.S)
_EMPHASIS_RE = re.compile(r"\*+|_+")


def inline_pieces(text: str) -> list[Piece]:
    """text as words and codes; "".join(p.text for p in pieces) == text."""
    pieces: list[Piece] = []
    _scan(text, pieces)
    return pieces


def _scan(text: str, out: list[Piece]) -> None:
    """Cut text into out: codes standing alone and links found left to right; emphasis in
    the words between them."""
    position = plain = 0
    while position < len(text):
        alone = _ALONE_RE.match(text, position)
        link = None if alone else _link_at(text, position)
        if alone or link:
            _emphasis(text[plain:position], out)
            if alone:
                out.append(Piece("code", alone.group(), alone.group().startswith("{{")))
                position = alone.end()
            else:
                opening, inner_end, end = link
                out.append(Piece("open", text[position:opening]))
                _scan(text[opening:inner_end], out)
                out.append(Piece("close", text[inner_end:end]))
                position = end
            plain = position
        else:
            position += 1
    _emphasis(text[plain:], out)


def _link_at(text: str, position: int) -> tuple[int, int, int] | None:
    """A link or image at position: (where its words start, where they end, its end)."""
    start = position + 1 if text.startswith("![", position) else position
    if text[start:start + 1] != "[" or text.startswith("[^", start):
        return None
    depth, index = 0, start
    while index < len(text):
        if text[index] == "\\":
            index += 2
            continue
        depth += {"[": 1, "]": -1}.get(text[index], 0)
        if depth == 0:
            break
        index += 1
    else:
        return None
    after = text[index + 1:index + 2]
    closing = {"(": ")", "[": "]"}.get(after)
    if closing is None:
        return None
    end = text.find(closing, index + 2)
    if end < 0 or "\n\n" in text[index:end]:
        return None
    return start + 1, index, end + 1


def _emphasis(text: str, out: list[Piece]) -> None:
    """Words, with each pair of emphasis marks that opens and closes as Markdown would
    (same marks, the opening one before a word, the closing one after) as codes."""
    if not text:
        return
    runs = []  # (start, end, can open, can close)
    for match in _EMPHASIS_RE.finditer(text):
        before = text[match.start() - 1] if match.start() else " "
        after = text[match.end()] if match.end() < len(text) else " "
        opens, closes = not after.isspace(), not before.isspace()
        if match.group()[0] == "_":  # an underscore inside a word is a letter
            opens, closes = opens and not before.isalnum(), closes and not after.isalnum()
        runs.append((match.start(), match.end(), opens, closes))
    pairs, stack = {}, []
    for n, (start, end, opens, closes) in enumerate(runs):
        mark = text[start:end]
        match = next((k for k in range(len(stack) - 1, -1, -1)
                      if text[runs[stack[k]][0]:runs[stack[k]][1]] == mark), None) \
            if closes else None
        if match is not None:
            pairs[stack[match]] = n
            del stack[match:]
        elif opens:
            stack.append(n)
    closing = set(pairs.values())
    position = 0
    for n, (start, end, _, _) in enumerate(runs):
        if n in pairs or n in closing:
            if start > position:
                out.append(Piece("text", text[position:start]))
            out.append(Piece("open" if n in pairs else "close", text[start:end]))
            position = end
    if position < len(text):
        out.append(Piece("text", text[position:]))


def shortcodes_in(text: str) -> Counter:
    """The shortcodes of a text, each with its spaces normalised, counted."""
    return Counter(" ".join(p.text.split()) for p in inline_pieces(text) if p.shortcode)


def numbers_in(text: str) -> Counter:
    """The numbers typed in a text's words (not in its codes: a shortcode, a link's
    address), counted, as the translation check counts them."""
    words = " ".join(p.text for p in inline_pieces(text) if p.kind == "text")
    return Counter(re.findall(r"\d+", words))
