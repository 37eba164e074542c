"""Reading source files: UTF-8 text and YAML with the line of every key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.paths import read_inside

# A key path into a YAML document, e.g. ("authors", 0, "email").
KeyPath = tuple[Any, ...]


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
        node, data = _parse_fast(text)
    except yaml.YAMLError:  # parsed again, for PyYAML's own wording of the problem
        node, data = _parse_explained(text, shown, first_line)
    lines: dict[KeyPath, int] = {}
    if node is not None:
        _record_lines(node, (), lines, first_line)
    return data, lines


# libyaml (PyYAML's C parser) when PyYAML was built with it: the same documents, ~10x faster.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _parse_fast(text: str) -> tuple[yaml.Node | None, Any]:
    """Compose the document once and construct its data from the same nodes."""
    loader = _FAST_LOADER(text)
    try:
        node = loader.get_single_node()
        return node, (loader.construct_document(node) if node is not None else None)
    finally:
        loader.dispose()


def _parse_explained(text: str, shown: str, first_line: int) -> tuple[yaml.Node | None, Any]:
    """Parse with the pure-Python loader, whose error messages the tests and users know."""
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader), yaml.safe_load(text)
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


def _record_lines(node: yaml.Node, at: KeyPath, lines: dict[KeyPath, int], first: int) -> None:
    """Walk a composed YAML node and note the line of each key and list item."""
    lines.setdefault(at, first + node.start_mark.line)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            lines[at + (key,)] = first + key_node.start_mark.line
            _record_lines(value_node, at + (key,), lines, first)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _record_lines(item, at + (index,), lines, first)


def line_of(lines: dict[KeyPath, int], at: KeyPath) -> int | None:
    """Return the line of the deepest known prefix of a key path."""
    while at:
        if at in lines:
            return lines[at]
        at = at[:-1]
    return lines.get(())
