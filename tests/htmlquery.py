"""A very small HTML element finder for tests (standard library only)."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


@dataclass(eq=False)  # identity, not deep comparison: elements link to their ancestors
class Element:
    """One element: tag, attributes, text inside it, and its ancestors' tags and classes."""

    tag: str
    attrs: dict[str, str]
    ancestors: list["Element"] = field(repr=False)
    text: str = ""
    children: list["Element"] = field(default_factory=list, repr=False)

    def inside(self, tag: str, cls: str | None = None) -> bool:
        """True if some ancestor is <tag class="... cls ...">."""
        return any(a.tag == tag and (cls is None or cls in a.attrs.get("class", "").split())
                   for a in self.ancestors)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[Element] = []
        self.all: list[Element] = []

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs}, list(self.stack))
        self.all.append(element)
        if self.stack:
            self.stack[-1].children.append(element)
        if tag not in VOID:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        for element in self.stack:
            element.text += data


def parse(html: str) -> list[Element]:
    """Every element of a document, in document order."""
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.all


def find(elements: list[Element], tag: str, **attrs: str) -> list[Element]:
    """Elements with this tag whose attributes include the given ones (class_ for class)."""
    wanted = {k.rstrip("_"): v for k, v in attrs.items()}
    return [e for e in elements if e.tag == tag
            and all(e.attrs.get(k) == v for k, v in wanted.items())]
