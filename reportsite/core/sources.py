"""Reading source files: UTF-8 text and YAML with the line of every key.

A site file may come from someone else, so YAML is bounded before anything walks it: an
alias (*name, which repeats an anchored value) is refused where it is used, since a 1 KB
file of aliases to aliases stands for billions of values (and one that contains itself
never ends); nesting deeper than MAX_DEPTH is refused too, and so is a control character
that an escape (\\e, \\0) writes into a value.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.paths import read_inside

# A key path into a YAML document, e.g. ("authors", 0, "email").
KeyPath = tuple[Any, ...]
MAX_DEPTH = 32  # levels of nesting a YAML file of a site may have (they need a few)
# Control characters cannot appear in a web page (HTML forbids them in text) or in XML (the
# JATS file): a NUL or an escape code in a site file is a copy-and-paste accident, never text.
CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
CONTROL_NAMES = {0: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0x0C: "form feed", 0x0D: "carriage return",
                 0x0B: "vertical tab", 0x08: "backspace"}


def read_text(path: Path, root: Path, shown: str) -> str:
    """Read a file of the site folder root as UTF-8, or raise SiteErrors: naming the line of
    the first bad byte, or, reading nothing, the symlink that leads out of the folder."""
    return decode_utf8(read_inside(path, root), shown)


def decode_utf8(data: bytes, shown: str) -> str:
    """Decode UTF-8 (dropping a BOM, normalising CRLF), or raise SiteErrors with the line."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        raise SiteErrors([SiteError(shown, line, f"not valid UTF-8 (byte 0x{data[e.start]:02x} "
                                    f"at offset {e.start}); save the file as UTF-8")]) from e
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def load_yaml(text: str, shown: str, first_line: int = 1) -> tuple[Any, dict[KeyPath, int]]:
    """Parse YAML safely; return the data and the 1-based line of every key path in it.

    first_line is the file line where text starts (front matter starts after '---').
    """
    try:
        node, data = _parse_fast(text, shown, first_line)
    except yaml.YAMLError:  # parsed again, for PyYAML's own wording of the problem
        node, data = _parse_explained(text, shown, first_line)
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _record_lines(node, lines, first_line)
    return data, lines


# libyaml (PyYAML's C parser) when PyYAML was built with it: the same documents, ~10x faster.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_fast(text: str, shown: str, first_line: int) -> tuple[yaml.Node | None, Any]:
    """Compose the document once, check it, and construct its data from the same nodes."""
    loader = _FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None, None
        check_tree(node, text, shown, first_line)
        return node, loader.construct_document(node)
    finally:
        loader.dispose()


def _parse_explained(text: str, shown: str, first_line: int) -> tuple[yaml.Node | None, Any]:
    """Parse with the pure-Python loader, whose error messages the tests and users know."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        if node is not None:
            check_tree(node, text, shown, first_line)
        return node, yaml.safe_load(text)
    except RecursionError as e:  # its composer recurses: nesting far too deep
        raise SiteErrors([SiteError(shown, first_line, f"nested deeper than {MAX_DEPTH} "
                                    "levels; a site file needs only a few")]) from e
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None) or getattr(e, "context_mark", None)
        line = first_line + mark.line if mark is not None else first_line
        if isinstance(e, yaml.reader.ReaderError):  # a character YAML does not allow
            line = first_line + text.count("\n", 0, e.position)
            problem = f"character {e.character!r} is not allowed in YAML ({e.reason})"
        else:
            problem = getattr(e, "problem", None) or " ".join(str(e).split())
        context, context_mark = getattr(e, "context", None), getattr(e, "context_mark", None)
        if context and context_mark is not None and context_mark.line + first_line != line:
            context += f" (from line {first_line + context_mark.line})"
        detail = f"{context}: {problem}" if context else problem
        raise SiteErrors([SiteError(shown, line, f"invalid YAML: {detail}")]) from e


def check_tree(root: yaml.Node, text: str, shown: str, first_line: int) -> None:
    """Refuse a composed document with an alias (a node reached twice) or nested deeper
    than MAX_DEPTH, or with a control character in a value, before anything walks it;
    SiteErrors with the line."""
    seen: set[int] = set()
    todo = [(root, 0)]
    while todo:
        node, depth = todo.pop()
        if id(node) in seen:
            line, name = _first_alias(text)
            raise SiteErrors([SiteError(shown, first_line + line, f"YAML alias '*{name}' is not "
                                        "allowed in a site file: write the value out where it "
                                        "is used (anchors and aliases let a small file stand "
                                        "for an endless one)")])
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise SiteErrors([SiteError(shown, first_line + node.start_mark.line,
                                        f"nested deeper than {MAX_DEPTH} levels; a site file "
                                        "needs only a few")])
        if isinstance(node, yaml.MappingNode):
            todo += [(n, depth + 1) for pair in reversed(node.value) for n in reversed(pair)]
        elif isinstance(node, yaml.SequenceNode):
            todo += [(n, depth + 1) for n in reversed(node.value)]
        else:
            _check_scalar(node, shown, first_line)


def control_name(char: str) -> str:
    """A control character as messages name it: "NUL (U+0000)"."""
    code = ord(char)
    return f"{CONTROL_NAMES.get(code, 'a control character')} (U+{code:04X})"


def _check_scalar(node: yaml.ScalarNode, shown: str, first_line: int) -> None:
    """Refuse a value that holds a control character (only an escape such as \\e or \\0
    writes one: YAML refuses them as they are)."""
    found = CONTROL_RE.search(node.value)
    if found:
        raise SiteErrors([SiteError(shown, first_line + node.start_mark.line,
                                    f"{control_name(found.group())} cannot appear in a web "
                                    "page; remove the escape that writes it in this value")])


def _first_alias(text: str) -> tuple[int, str]:
    """The 0-based line and name of the first alias in a YAML text."""
    for event in yaml.parse(text, Loader=_FAST_LOADER):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line, event.anchor
    return 0, "?"


def _record_lines(root: yaml.Node, lines: dict[KeyPath, int], first: int) -> None:
    """Walk a composed YAML node (checked: no alias, bounded depth) and note the line of
    each key and list item."""
    todo: list[tuple[yaml.Node, KeyPath]] = [(root, ())]
    while todo:
        node, at = todo.pop()
        lines.setdefault(at, first + node.start_mark.line)
        if isinstance(node, yaml.MappingNode):
            for key_node, value_node in reversed(node.value):
                key = key_node.value
                todo.append((value_node, at + (key,)))
            for key_node, _ in node.value:
                lines[at + (key_node.value,)] = first + key_node.start_mark.line
        elif isinstance(node, yaml.SequenceNode):
            todo += [(item, at + (index,)) for index, item in reversed(list(enumerate(node.value)))]


def line_of(lines: dict[KeyPath, int], at: KeyPath) -> int | None:
    """Return the line of the deepest known prefix of a key path."""
    while at:
        if at in lines:
            return lines[at]
        at = at[:-1]
    return lines.get(())
