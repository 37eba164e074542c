"""`reportsite translations`: where each translation stands against the original, segment
by segment; `--accept` records a translator's update; export and import (commands/
exchange.py) round-trip a page's segments through translation tools.

A record, translations/<lang>/<page>.yaml, holds the original's segments as the
translation was accepted against them (load/translations.py reads it). `start_tracking`
is what `new` and `add page` call after writing a page in every language.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from reportsite import command_name
from reportsite.core.errors import Report, SiteError, SiteErrors
from reportsite.core.sources import read_text
from reportsite.load.config import read_config
from reportsite.load.content import PageGroup, load_pages
from reportsite.load.segments import Segment, page_segments, without_own_notes
from reportsite.load.translations import (Recorded, TranslationState, load_translations,
                                          orphan_records, original_page)


@dataclass(frozen=True)
class PageStates:
    """A site folder's pages and their translation states, without the rest of the site
    (a translator can see where things stand while the data or templates are broken)."""

    root: Path  # the site folder
    languages: tuple[str, ...]  # the site's, the original first
    groups: tuple[PageGroup, ...]  # the pages
    states: dict[tuple[str, str], TranslationState]  # (page, language) -> its state
    orphans: tuple[str, ...] = ()  # records of no translation (deleted pages)

    def group(self, key: str) -> PageGroup:
        """The page named key, or SiteErrors naming the pages there are."""
        for group in self.groups:
            if group.key == key:
                return group
        raise SiteErrors([SiteError("content", None, f"no page '{key}'; the pages are "
                                    + ", ".join(g.key for g in self.groups))])


def read_pages(root: Path, broken_ok: bool = False) -> PageStates:
    """The site's languages, pages and translation states (SiteErrors if they have errors;
    with broken_ok, a record that cannot be read leaves its page untracked instead)."""
    report = Report()
    languages, _ = read_config(root, report)
    groups = load_pages(root, languages, report)
    states = load_translations(root, languages, groups, None, report, broken_ok)
    return PageStates(root, languages, groups, dict(states),
                      tuple(orphan_records(root, states)))


def segments_of(root: Path, path: str) -> tuple[Segment, ...]:
    """The segments of a page file of the site."""
    return page_segments(read_text(root / path, root, path))


def record_text(root: Path, original: str, segments: tuple[Segment, ...] | list[Recorded],
                translation: str) -> str:
    """A record: the original's segments as a translation is accepted against them, and
    the digest of the original's file (while it is unchanged, a build reads no more)."""
    items = [{"id": s.id, "fingerprint": s.fingerprint, "text": s.text} for s in segments]
    digest = hashlib.sha256((root / original).read_bytes()).hexdigest()
    body = yaml.dump({"original": original, "digest": digest, "segments": items},
                     Dumper=_RecordDumper, allow_unicode=True, sort_keys=False, width=10**9)
    return (f"# The segments of {original} that {translation} was last accepted against.\n"
            f"# Written by `{command_name()} translations --accept`: do not edit by hand.\n"
            + body)


class _RecordDumper(yaml.SafeDumper):
    """YAML with a paragraph of several lines written as a block, as it stands in the page."""


_RecordDumper.add_representer(str, lambda dumper, text: dumper.represent_scalar(
    "tag:yaml.org,2002:str", text, style="|" if "\n" in text else None))


def structure_problems(root: Path, original: str, translation: str) -> list[SiteError]:
    """Where a translation's body does not follow the original's segment for segment
    (headings, paragraphs, list items, table cells, captions and notes, per section): a
    record could not say which of its segments translates which."""
    theirs = [s for s in segments_of(root, original) if s.section]
    mine = [s for s in without_own_notes(segments_of(root, translation), theirs) if s.section]
    for n in range(max(len(mine), len(theirs))):
        have = mine[n] if n < len(mine) else None
        want = theirs[n] if n < len(theirs) else None
        if have and want and (have.id, have.kind) == (want.id, want.kind):
            continue
        where = f"line {have.line}" if have else "the end"
        expected = f"{want.kind} {want.id} ({original}:{want.line})" if want else "nothing more"
        found = f"{have.kind} {have.id}" if have else "nothing"
        return [SiteError(translation, have.line if have else None,
                          f"does not follow {original} segment for segment: at {where} it "
                          f"has {found} where the original has {expected}; give it the "
                          "same headings, paragraphs, list items and captions in each "
                          "section, then accept it")]
    return []


def accept(root: Path, pairs: list[tuple[str, str]] | None = None) -> list[Path]:
    """Record, for each (page, language) of pairs (None: every translation of the site),
    that the translation is up to date with the original as it is now; return the records
    written. Nothing is written if any of them does not follow the original's structure.
    A record that cannot be read is written anew."""
    pages = read_pages(root, broken_ok=True)
    if pairs is None:
        pairs = [(group.key, lang) for group in pages.groups for lang in pages.languages
                 if pages.states[group.key, lang].status in ("current", "stale", "untracked")]
    problems, todo = [], []
    for key, lang in pairs:
        group = pages.group(key)
        if lang not in pages.languages:
            problems.append(SiteError("site.yaml", None, f"'{lang}' is not one of the site's "
                                      f"languages ({', '.join(pages.languages)})"))
            continue
        state = pages.states[key, lang]
        if state.status in ("original", "missing"):
            what = "is the original" if state.status == "original" else "does not exist"
            problems.append(SiteError(state.path, None, f"{what}: only a translation can be "
                                      "accepted"))
            continue
        original = original_page(group, pages.languages).path
        problems += structure_problems(root, original, state.path)
        todo.append((state, original))
    if problems:
        raise SiteErrors(problems)
    written = []
    for state, original in todo:
        path = root / state.record
        path.parent.mkdir(parents=True, exist_ok=True)
        text = record_text(root, original, segments_of(root, original), state.path)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def start_tracking(root: Path, key: str) -> list[Path]:
    """Record every translation of page key as made from the original as it is now: for
    `new` and `add page`, which write a page in every language at once."""
    pages = read_pages(root)
    group = pages.group(key)
    return accept(root, [(key, lang) for lang in pages.languages
                         if lang in group.pages and group.pages[lang]
                         is not original_page(group, pages.languages)])


def status_lines(pages: PageStates) -> list[str]:
    """The translations table (every page in every language), then, for each translation
    that is not current, what to do and, for a stale one, what changed."""
    width = max([len(g.key) for g in pages.groups] + [4]) + 2
    lines = [(f"{'page':<{width}}" + "".join(f"{lang:<12}" for lang in pages.languages)).rstrip()]
    for group in pages.groups:
        lines.append((f"{group.key:<{width}}" + "".join(
            f"{pages.states[group.key, lang].status:<12}" for lang in pages.languages)).rstrip())
    tool = f"{command_name()} translations"
    short: list[str] = []  # one line each: untracked and missing translations
    blocks: list[str] = []  # a block each: stale translations, with what changed
    for state in pages.states.values():
        accept_it = f"{tool} --accept {state.page} {state.lang}"
        if state.status == "untracked":
            short.append(f"{state.path}: untracked; once it matches {state.original}, "
                         f"start tracking it: {accept_it}")
        elif state.status == "missing":
            short.append(f"{state.path}: missing; readers of '{state.lang}' see "
                         f"{state.original} with a notice")
        elif state.status == "stale":
            blocks.append("\n".join([f"{state.path}: stale: {len(state.changes)} segment(s) "
                                     f"of {state.original} changed since it was accepted; "
                                     f"update them, then: {accept_it}"]
                                    + [f"  {_change_line(change, state.original)}"
                                       for change in state.changes]))
    short += [f"{path}: the record of no translation (its page was deleted, or it is the "
              "original now): delete it" for path in pages.orphans]
    parts = (["\n".join(short)] if short else []) + blocks
    return lines + ([""] + "\n\n".join(parts).split("\n") if parts else [])


def _change_line(change, original: str) -> str:
    """One changed segment of the original, with a short diff of its words."""
    where = f"{original}:{change.line}" if change.line else original
    if change.kind == "added":
        return f"{change.id} added ({where}): {shorten(change.new)}"
    if change.kind == "removed":
        return f"{change.id} removed: {shorten(change.old)}"
    if change.old is None:
        return f"{change.id} ({where}): {shorten(change.new)}"
    return f"{change.id} changed ({where}): {word_diff(change.old, change.new)}"


def shorten(text: str, limit: int = 100) -> str:
    """A text on one line, cut at limit characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def word_diff(old: str, new: str, context: int = 4, limit: int = 240) -> str:
    """What changed between two texts, word by word: [-removed-]{+added+}, with a few
    words of context around each change and '…' for the rest."""
    words = re.compile(r"\{\{.*?\}\}|\S+", re.S)  # a shortcode is one word
    a, b = words.findall(old), words.findall(new)
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            words = a[i1:i2]
            keep_start = i1 > 0
            keep_end = i2 < len(a)
            if len(words) > 2 * context:
                words = (words[:context] if keep_start else []) + ["…"] + \
                    (words[-context:] if keep_end else [])
            parts += words
            continue
        if i2 > i1:
            parts.append("[-" + " ".join(a[i1:i2]) + "-]")
        if j2 > j1:
            parts.append("{+" + " ".join(b[j1:j2]) + "+}")
    if a == b:
        return "(the same words; its place changed)"
    return shorten(" ".join(parts), limit)
