"""Page bodies: shortcodes (sandboxed Jinja) first, then Markdown, then the blocks.

Block shortcodes (table, chart, ...) leave a placeholder paragraph that Markdown passes
through untouched; it is replaced by the block's HTML afterwards, so Markdown never sees
(or mangles) the HTML of a table or an SVG.
"""

from __future__ import annotations

import re
import traceback
from dataclasses import dataclass
from typing import Any, Callable, Mapping

import jinja2
import markdown
from jinja2.sandbox import SandboxedEnvironment
from markdown.extensions.toc import slugify_unicode

from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.htmltree import elements, parse_html


@dataclass(frozen=True)
class TocEntry:
    """One heading of a page, for its table of contents."""

    id: str  # the anchor, from {#id} or made from the heading text
    title: str  # heading text (plain)
    level: int  # 2 for ##, 3 for ###
    children: tuple["TocEntry", ...]  # the headings nested under it


@dataclass(frozen=True)
class Prose:
    """A page body rendered to HTML."""

    html: str  # the body as HTML
    toc: tuple[TocEntry, ...]  # its headings


class ShortcodeError(Exception):
    """A shortcode was called wrongly; the message says what would be right."""


@dataclass(frozen=True)
class Note:
    """A footnote of a page ([^1] in Markdown), as the notes partial lists it."""

    id: str  # its anchor, "fn-1"
    ref: str  # the anchor of its mark in the text, "fnref-1"
    number: str  # its number as the mark shows it
    html: str  # its text as HTML, without the back-link


def markdown_engine(without: frozenset[str] = frozenset()) -> markdown.Markdown:
    """Python-Markdown with extra + toc; without: inline patterns to leave out. Footnote
    ids are fn-1 and fnref-1 (XML names, for JATS); their list is re-made by
    place_notes() with the page's own words."""
    engine = markdown.Markdown(
        extensions=["extra", "toc"],
        extension_configs={"toc": {"slugify": slugify_unicode, "toc_depth": "2-3"},
                           "extra": {"footnotes": {"SEPARATOR": "-", "BACKLINK_TITLE": "",
                                                   "BACKLINK_TEXT": "↩"}}},
        output_format="html",
    )
    for name in without:
        engine.inlinePatterns.deregister(name)
    return engine


# Python-Markdown tries each inline pattern at every position of every text node: most of
# its time. A pattern cannot match a text that lacks all of its characters (the text
# nodes hold the text's own characters, tabs expanded, and placeholders made of letters,
# digits and control characters), so such a text is converted by an engine without it:
# the same HTML (tests/test_prose.py), in 29 % less time on the benchmark corpus.
_INLINE_NEEDS = {
    "backtick": ("`",), "escape": ("\\",), "reference": ("[",), "link": ("[",),
    "short_reference": ("[",), "footnote": ("[",), "image_link": ("!",),
    "image_reference": ("!",), "short_image_ref": ("!",), "autolink": ("<",),
    "automail": ("<",), "html": ("<",), "entity": ("&",), "em_strong": ("*", "_"),
    "linebreak": ("  \n", "\t"),
}
_ENGINES: dict[frozenset[str], markdown.Markdown] = {}


def _engine_for(text: str) -> markdown.Markdown:
    """The engine for text: the full one, less the inline patterns that cannot match."""
    without = frozenset(name for name, needs in _INLINE_NEEDS.items()
                        if not any(need in text for need in needs))
    if without not in _ENGINES:
        _ENGINES[without] = markdown_engine(without)
    return _ENGINES[without]

# Content is Markdown, where "{#id}" sets a heading id: Jinja comments use {## ... ##}.
_CONTENT = SandboxedEnvironment(undefined=jinja2.StrictUndefined, autoescape=True,
                                comment_start_string="{##", comment_end_string="##}",
                                keep_trailing_newline=True)
PLACEHOLDER = "RSBLOCK{}RS"
_PLACEHOLDER_RE = re.compile(r"RSBLOCK(\d+)RS")


def render_markdown(text: str) -> Prose:
    """Convert Markdown (extra + toc; `## Heading {#id}` sets a section id) to HTML."""
    engine = _engine_for(text)
    engine.reset()
    html = engine.convert(text)
    toc = tuple(_toc_entry(token) for token in engine.toc_tokens)  # type: ignore[attr-defined]
    return Prose(html, toc)


def _toc_entry(token: dict) -> TocEntry:
    """Turn one of Python-Markdown's toc tokens into a TocEntry."""
    return TocEntry(token["id"], token["name"], token["level"],
                    tuple(_toc_entry(child) for child in token["children"]))


@dataclass(frozen=True)
class _PlainBody:
    """A body without any shortcode or content comment: it renders to itself."""

    body: str

    def render(self, functions: Mapping[str, Callable[..., Any]]) -> str:
        return self.body


def compile_body(body: str, shown: str, first_line: int) -> jinja2.Template | _PlainBody:
    """Compile a page body as a sandboxed template; syntax errors point at the file line.
    A body with no `{{`, `{%` or `{##` (most pages) is not compiled: it renders to itself."""
    if "{{" not in body and "{%" not in body and "{##" not in body:
        return _PlainBody(body)
    try:
        code = _CONTENT.compile(body, name=shown, filename=shown)
    except jinja2.TemplateSyntaxError as e:
        raise SiteErrors([SiteError(shown, first_line + (e.lineno or 1) - 1,
                                    f"shortcode syntax error: {e.message}")]) from e
    except RecursionError as e:  # Jinja's parser recurses once per level of brackets
        raise SiteErrors([SiteError(shown, None, "shortcodes nested too deeply (brackets or "
                                    "blocks inside one another); a page needs only a few "
                                    "levels")]) from e
    return _CONTENT.template_class.from_code(_CONTENT, code, _CONTENT.make_globals(None))


def run_shortcodes(template: jinja2.Template | _PlainBody, functions: Mapping[str, Callable[..., Any]],
                   shown: str, first_line: int) -> str:
    """Evaluate the body's shortcodes; any error is reported at its line in the file."""
    try:
        return template.render(functions)
    except (ShortcodeError, jinja2.TemplateError, TypeError) as e:
        lines = [f.lineno for f in traceback.extract_tb(e.__traceback__) if f.filename == shown]
        line = first_line + lines[-1] - 1 if lines else None
        message = str(e).replace("Shortcodes.", "")
        if isinstance(e, jinja2.UndefinedError):
            message += "; shortcodes are " + ", ".join(sorted(functions))
        elif isinstance(e, jinja2.exceptions.SecurityError):
            message = f"not allowed in content: {e}"
        raise SiteErrors([SiteError(shown, line, message)]) from e


_UNSAFE_TAGS = {"script", "iframe", "object", "embed", "base", "form", "meta", "link", "style"}
_UNSAFE_URL = re.compile(r"^\s*(javascript|vbscript|data(?!:image/(png|jpeg|gif|webp);))\s*:", re.I)


def as_url(value: str) -> str:
    """An attribute's value as the browser's URL parser reads it: C0 controls and spaces
    at either end dropped, tabs and line breaks anywhere removed (so "java&#9;script:"
    is a javascript: URL, as it is to the browser)."""
    return "".join(value.split("\t")).replace("\n", "").replace("\r", "").strip(
        "".join(map(chr, range(33))))


def audit_html(html: str, body: str, shown: str, first_line: int) -> None:
    """Refuse author HTML that could run code: active tags, event handlers, script URLs;
    each problem at its line in the file. html is the author's Markdown as HTML before any
    shortcode's output goes in, parsed as the browser parses it (core/htmltree.py), so what
    it would run is what is seen here: an attribute the parser moves (<body onload>), a
    tag it moves to the head (<meta>, <base>), the content of a <template> included."""
    problems = []  # (what is wrong, text to find it by, else this text)
    for tag, attrs in elements(parse_html(html), templates=True):
        if tag in _UNSAFE_TAGS:
            problems.append((f"raw HTML may not contain <{tag}>", f"<{tag}", f"<{tag}"))
        for name, value in attrs.items():
            if name.startswith("on"):
                problems.append((f"raw HTML may not carry event handlers ({name}=)", name, name))
            elif name in ("href", "src", "action", "formaction", "xlink:href", "srcdoc") \
                    and value and (_UNSAFE_URL.match(as_url(value)) or name == "srcdoc"):
                scheme = as_url(value).split(":")[0].strip()
                problems.append((f"raw HTML may not link to {scheme}: URLs",
                                 scheme if name != "srcdoc" else value.split(":")[0].strip(),
                                 f"{name}="))
    errors = []
    for message, needle, fallback in problems:
        index = body.lower().find(needle.lower())
        index = index if index >= 0 else body.lower().find(fallback.lower())
        line = first_line + body.count("\n", 0, index) if index >= 0 else None
        errors.append(SiteError(shown, line, f"{message}; write Markdown, or use a shortcode"))
    if errors:
        raise SiteErrors(errors)


_NOTES_RE = re.compile(r'<div class="footnote">\s*<hr\s*/?>\s*<ol>(.*?)</ol>\s*</div>\s*', re.S)
_NOTE_RE = re.compile(r'<li id="(fn-[^"]+)">(.*?)</li>', re.S)
_BACKREF_RE = re.compile(r'(?:&#160;|\s)*<a class="footnote-backref" href="#(fnref-[^"]+)"'
                         r'[^>]*>.*?</a>', re.S)
_REFERENCES_HEADING_RE = re.compile(r'<h2[^>]*>(?:(?!<h2).)*?<ol class="references"', re.S)


def place_notes(html: str, render: Callable[[list[Note]], str]) -> str:
    """Replace Markdown's footnote list by render(notes) (the theme's notes partial),
    before the reference list's section when there is one, else at the end."""
    found = _NOTES_RE.search(html)
    if not found:
        return html
    notes = []
    for number, (ident, body) in enumerate(_NOTE_RE.findall(found.group(1)), 1):
        ref = _BACKREF_RE.search(body)
        text = _BACKREF_RE.sub("", body).strip()
        notes.append(Note(ident, ref.group(1) if ref else "", str(number), text))
    html = html[:found.start()] + html[found.end():]
    block = render(notes)
    references = _REFERENCES_HEADING_RE.search(html)
    if references:
        return html[:references.start()] + block + html[references.start():]
    return html + block


def place_blocks(html: str, blocks: list[str], shown: str) -> str:
    """Replace each block placeholder paragraph by the block's HTML."""
    def swap(match: re.Match) -> str:
        return blocks[int(match.group(1))]
    html = re.sub(r"<p>\s*RSBLOCK(\d+)RS\s*</p>", swap, html)
    stray = _PLACEHOLDER_RE.search(html)
    if stray:
        raise SiteErrors([SiteError(shown, None, "a table(), chart(), codebook() or downloads() "
                                    "shortcode must stand alone in its own paragraph "
                                    "(blank lines before and after)")])
    return html
