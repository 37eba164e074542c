"""A page's segments: what a translator translates, one unit at a time.

The segments of a page are its front matter's `title`, `nav_title` and `description`;
each heading, paragraph, list item and table cell of its body; each footnote definition
("notes.<label>"; a translator's own note, whose label the original lacks, translates
nothing of it: without_own_notes); and the prose arguments (`caption`, `note`) of each
block shortcode. Each has an id that is the same in every
language when the translation follows the original's structure ("results.0" for the
heading of the section {#results}, "results.1", "results.2", ... for what follows it), its
exact place in the file (so a translation tool's text can be written back into it), and a
fingerprint of its words (reflowing a paragraph does not change it).
"""

from __future__ import annotations

import ast
import hashlib
import io
import re
import tokenize
from dataclasses import dataclass

import yaml

# The shortcode parameters that hold prose in the page's language (the @shortcode(text=...)
# of render/shortcodes.py, which a test compares with this).
TEXT_ARGUMENTS = ("caption", "note")
FRONT_MATTER_TEXT = ("title", "nav_title", "description")  # front-matter keys holding prose
TOP = "top"  # the section of what comes before the first heading with an id
NOTES = "notes"  # the section of the footnotes, each named by its label: "notes.tn1"


@dataclass(frozen=True)
class Segment:
    """One unit of translation in a page file."""

    id: str  # "title", "results.0" (the heading of {#results}), "results.1", ...
    kind: str  # title, nav_title, description, heading, paragraph, item, cell, caption, note,
    #            footnote
    text: str  # what is translated: Markdown for prose, the value of a quoted string
    start: int  # where its raw text begins in the file's text
    end: int  # where it ends
    line: int  # the file line it starts on
    quoting: str  # how the raw text holds the text: "" (as is), "yaml" or "string" (Jinja)

    @property
    def fingerprint(self) -> str:
        """12 hex digits of the SHA-256 of its words (whitespace runs count as one space)."""
        return fingerprint_of(self.text)

    @property
    def section(self) -> str:
        """The section it belongs to (the id before its number; front matter: "")."""
        return self.id.rpartition(".")[0]


def without_own_notes(translation: tuple[Segment, ...] | list[Segment],
              original: tuple[Segment, ...] | list[Segment]) -> tuple[Segment, ...]:
    """A translation's segments without its own footnotes (a translator's note: a label
    the original has none of), which translate nothing of the original."""
    labels = {s.id for s in original if s.kind == "footnote"}
    return tuple(s for s in translation if s.kind != "footnote" or s.id in labels)


def fingerprint_of(text: str) -> str:
    """The fingerprint of a text: 12 hex digits of the SHA-256 of its words."""
    return hashlib.sha256(" ".join(text.split()).encode()).hexdigest()[:12]


def page_segments(text: str) -> tuple[Segment, ...]:
    """The segments of a page file (front matter and body), in the order of the file."""
    lines = text.split("\n")
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None) \
        if lines and lines[0].strip() == "---" else None
    if end is None:
        return ()
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line) + 1)
    found = _front_matter_segments(text, lines, offsets, end)
    found += _BodyScanner(text, lines, offsets, end + 1).segments()
    return tuple(found)


def _front_matter_segments(text: str, lines: list[str], offsets: list[int], end: int
                           ) -> list[Segment]:
    """title, nav_title and description, each with the span of its YAML value."""
    found = []
    for key in FRONT_MATTER_TEXT:
        for index in range(1, end):
            if lines[index].startswith(f"{key}:"):
                last = index
                while last + 1 < end and lines[last + 1][:1] in (" ", "\t") \
                        and lines[last + 1].strip():
                    last += 1  # a value continued on indented lines
                start = offsets[index] + len(key) + 1
                stop = offsets[last] + len(lines[last])
                try:
                    value = yaml.safe_load(f"v:{text[start:stop]}")["v"]
                except yaml.YAMLError:
                    break  # the page's loader reports it
                if isinstance(value, str) and value.strip():
                    found.append(Segment(key, key, value, start, stop, index + 1, "yaml"))
                break
    return found


_FENCE_RE = re.compile(r"^\s*(```|~~~)")
_HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*$")
_HEADING_END_RE = re.compile(r"(?:[ \t]+#+)?(?:[ \t]*\{[:#][^}]*\})?[ \t]*$")
_HEADING_ID_RE = re.compile(r"\{#([^}\s]+)\}[ \t]*$")
_ITEM_RE = re.compile(r"^([ \t]*)([-*+]|\d+[.)])[ \t]+")
_ATTR_LINE_RE = re.compile(r"^[ \t]*\{:[^}]*\}[ \t]*$")
_RULE_RE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$")
_FOOTNOTE_RE = re.compile(r"^\[\^([^\]\s]+)\]:[ \t]*")
_HTML_BLOCK_RE = re.compile(r"^[ \t]*<(!--|/?(address|article|aside|blockquote|details|div|dl|"
                            r"fieldset|figure|footer|form|h[1-6]|header|hr|ol|p|pre|section|"
                            r"table|ul|script|style)\b)", re.I)
_TABLE_RULE_RE = re.compile(r"^[ \t]*\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")


class _BodyScanner:
    """Cuts a body into blocks (separated by blank lines; headings and fenced code apart)
    and each block into segments, numbering them per section."""

    def __init__(self, text: str, lines: list[str], offsets: list[int], first: int):
        self.text, self.lines, self.offsets, self.first = text, lines, offsets, first
        self.section, self.count, self.found = TOP, 0, []

    def segments(self) -> list[Segment]:
        """Every segment of the body."""
        index = self.first
        while index < len(self.lines):
            line = self.lines[index]
            if not line.strip():
                index += 1
            elif _FENCE_RE.match(line):
                fence = _FENCE_RE.match(line).group(1)
                index += 1
                while index < len(self.lines) and not self.lines[index].strip().startswith(fence):
                    index += 1
                index += 1
            elif _HEADING_RE.match(line):
                self._heading(index)
                index += 1
            else:
                index = self._block(index)
        return self.found

    def _add(self, kind: str, start: int, end: int, text: str | None = None,
             quoting: str = "") -> None:
        """Record a segment spanning text[start:end] (with text, the value it encodes)."""
        value = self.text[start:end] if text is None else text
        if not value.strip():
            return
        self.count += 1
        line = self.text.count("\n", 0, start) + 1
        self.found.append(Segment(f"{self.section}.{self.count}", kind, value, start, end,
                                  line, quoting))

    def _heading(self, index: int) -> None:
        """A heading line: a section starts at an id; the words are the segment."""
        line = self.lines[index]
        match = _HEADING_ID_RE.search(line)
        if match:
            self.section, self.count = match.group(1), -1
        head = _HEADING_RE.match(line)
        content = head.group(2)
        words = content[:_HEADING_END_RE.search(content).start()] if content else ""
        start = self.offsets[index] + head.start(2)
        self._add("heading", start, start + len(words))

    def _block(self, index: int) -> int:
        """The block starting at line index (up to a blank line, a heading or a fence, but
        never inside an open shortcode); its segments; the line after it."""
        end, depth = index, 0
        while end < len(self.lines):
            line = self.lines[end]
            if end > index and depth <= 0 and (not line.strip() or _HEADING_RE.match(line)
                                               or _FENCE_RE.match(line)):
                break
            depth += line.count("{{") - line.count("}}")
            end += 1
        block = self.lines[index:end]
        while len(block) > 1 and _ATTR_LINE_RE.match(block[-1]):
            block = block[:-1]  # {: #id } under a paragraph: its attributes, not its text
        start = self.offsets[index]
        stop = start + len("\n".join(block))
        stripped = self.text[start:stop].strip()
        if _ATTR_LINE_RE.match(stripped) or _RULE_RE.match(stripped) \
                or _HTML_BLOCK_RE.match(block[0]) or _is_statement(stripped):
            pass
        elif stripped.startswith("{{") and stripped.endswith("}}") and stripped.count("{{") == 1:
            self._shortcode(start + self.text[start:stop].index("{{"), stripped)
        elif all(line.lstrip().startswith("|") for line in block):
            self._table(index, len(block))
        elif _ITEM_RE.match(block[0]):
            self._items(index, len(block))
        elif _FOOTNOTE_RE.match(block[0]):
            self._footnotes(index, len(block))
        else:
            lead = len(block[0]) - len(block[0].lstrip())
            self._add("paragraph", start + lead, start + len(self.text[start:stop].rstrip()))
        return end

    def _footnotes(self, index: int, count: int) -> None:
        """Footnote definitions ([^label]: text, continued on the lines below): each a
        segment of the section "notes" named by its label, so that a translator's own note
        (a label the original lacks) leaves the numbering of the text alone."""
        starts = [i for i in range(index, index + count) if _FOOTNOTE_RE.match(self.lines[i])]
        for n, first in enumerate(starts):
            last = (starts[n + 1] if n + 1 < len(starts) else index + count) - 1
            head = _FOOTNOTE_RE.match(self.lines[first])
            begin = self.offsets[first] + head.end()
            end = self.offsets[last] + len(self.lines[last].rstrip())
            if self.text[begin:end].strip():
                self.found.append(Segment(f"{NOTES}.{head.group(1)}", "footnote",
                                          self.text[begin:end], begin, end, first + 1, ""))

    def _shortcode(self, start: int, call: str) -> None:
        """A block shortcode: each prose argument (caption=..., note=...) that is a string."""
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO(call[2:-2]).readline))
        except (tokenize.TokenError, SyntaxError, IndentationError):
            return  # not an expression: the renderer reports it
        line_starts = [0]
        for line in call[2:-2].split("\n"):
            line_starts.append(line_starts[-1] + len(line) + 1)
        depth = 0
        for n, token in enumerate(tokens):
            if token.type == tokenize.OP and token.string in "([{":
                depth += 1
            elif token.type == tokenize.OP and token.string in ")]}":
                depth -= 1
            elif depth == 1 and token.type == tokenize.NAME and token.string in TEXT_ARGUMENTS \
                    and n + 2 < len(tokens) and tokens[n + 1].string == "=" \
                    and tokens[n + 2].type == tokenize.STRING:
                literal = tokens[n + 2]
                begin = start + 2 + line_starts[literal.start[0] - 1] + literal.start[1]
                finish = start + 2 + line_starts[literal.end[0] - 1] + literal.end[1]
                try:
                    value = ast.literal_eval(literal.string)
                except (ValueError, SyntaxError):
                    continue
                if isinstance(value, str):
                    self._add(token.string, begin, finish, value, "string")

    def _items(self, index: int, count: int) -> None:
        """A list: each item (its marker left out, its continuation lines kept)."""
        starts = [i for i in range(index, index + count) if _ITEM_RE.match(self.lines[i])]
        for n, first in enumerate(starts):
            last = (starts[n + 1] if n + 1 < len(starts) else index + count) - 1
            begin = self.offsets[first] + _ITEM_RE.match(self.lines[first]).end()
            self._add("item", begin, self.offsets[last] + len(self.lines[last].rstrip()))

    def _table(self, index: int, count: int) -> None:
        """A table: each cell of each row but the rule under the header."""
        for row in range(index, index + count):
            line = self.lines[row]
            if _TABLE_RULE_RE.match(line):
                continue
            for begin, end in _cells(line):
                cell = line[begin:end]
                lead = len(cell) - len(cell.lstrip())
                self._add("cell", self.offsets[row] + begin + lead,
                          self.offsets[row] + begin + len(cell.rstrip()))


def _cells(line: str) -> list[tuple[int, int]]:
    """The spans of a table row's cells (a '|' in a shortcode, code span or escape is text)."""
    bounds, position, depth = [], 0, 0
    while position < len(line):
        if line.startswith("{{", position):
            depth += 1
            position += 2
        elif line.startswith("}}", position):
            depth -= 1
            position += 2
        elif line[position] == "\\":
            position += 2
        elif line[position] == "`" and depth == 0:
            close = line.find("`", position + 1)
            position = close + 1 if close > 0 else position + 1
        else:
            if line[position] == "|" and depth == 0:
                bounds.append(position)
            position += 1
    edges = ([] if line.lstrip().startswith("|") else [-1]) + bounds
    if not line.rstrip().endswith("|"):
        edges.append(len(line))
    return [(a + 1, b) for a, b in zip(edges, edges[1:])]


def _is_statement(block: str) -> bool:
    """A block that is only Jinja statements or content comments: nothing to translate."""
    rest = re.sub(r"\{%.*?%\}|\{##.*?##\}", "", block, flags=re.S)
    return rest.strip() == "" and rest != block
