"""Which version of the original each translation was made from, segment by segment.

For a translated page content/<lang>/<page>.md, translations/<lang>/<page>.yaml keeps the
segments of the original (load/segments.py) that the translation was last accepted
against: their ids, fingerprints and texts. `reportsite translations --accept` writes it;
nobody types a fingerprint. A translation is current while the original's segments are
those; stale once one of them changed, was added or was removed (the texts kept in the
record give the translator the old words beside the new); untracked without a record.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, replace
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

from reportsite import command_name
from reportsite.core.errors import Report, SiteError, SiteErrors, rel
from reportsite.core.inputs import Inputs
from reportsite.core.layout import TRANSLATIONS_DIR
from reportsite.core.paths import site_files
from reportsite.core.sources import load_yaml, read_text
from reportsite.core.yamlcheck import YamlChecker
from reportsite.load.content import PageGroup
from reportsite.load.segments import Segment, page_segments

RECORD_KEYS = ("original", "digest", "segments")  # the keys of a record
HEADER_BYTES = 2048  # a record's first lines, which hold its original and digest
_HEADER_RE = re.compile(r"^(original|digest): (\S+)\s*$")
SEGMENT_KEYS = ("id", "fingerprint", "text")  # the keys of each of its segments


@dataclass(frozen=True)
class Recorded:
    """A segment of the original as a translation was accepted against it."""

    id: str  # its id then
    fingerprint: str  # the fingerprint of its words then
    text: str  # its words then (for the translator's diff)


@dataclass(frozen=True)
class Change:
    """A segment of the original that changed since a translation was accepted."""

    kind: str  # "changed", "added" or "removed"
    id: str  # its id in the original now (removed: its id then)
    line: int | None  # its line in the original now (None when removed)
    old: str | None  # its words when the translation was accepted (None when added)
    new: str | None  # its words now (None when removed)


@dataclass(frozen=True)
class TranslationState:
    """How one page in one language stands against the original."""

    page: str  # the page's key
    lang: str  # the language
    status: str  # "original", "current", "stale", "untracked" or "missing"
    path: str  # content/<lang>/<page>.md (whether or not it exists)
    original: str  # the original's path, content/<original>/<page>.md
    record: str  # translations/<lang>/<page>.yaml (whether or not it exists)
    changes: tuple[Change, ...]  # for a stale translation: what changed in the original


def record_path(lang: str, key: str) -> str:
    """Where the record of page key's translation into lang is kept, in the site folder."""
    return f"{TRANSLATIONS_DIR}/{lang}/{key}.yaml"


def original_page(group: PageGroup, languages: tuple[str, ...]):
    """The page in the first language that has it: what its translations are made from."""
    return next(group.pages[code] for code in languages if code in group.pages)


def load_translations(root: Path, languages: tuple[str, ...], groups: tuple[PageGroup, ...],
                      inputs: Inputs | None, report: Report, broken_ok: bool = False
                      ) -> Mapping[tuple[str, str], TranslationState]:
    """Every (page, language)'s state against the original. A record that cannot be read
    is an error (with broken_ok, for --accept, which rewrites it: its page is untracked).
    inputs: the input files' hashes, if known (else the files are hashed)."""
    before = len(report.errors)
    found = _record_files(root, languages, inputs, report)
    segments: dict[str, tuple[Segment, ...]] = {}
    states = {}
    for group in groups:
        original = original_page(group, languages).path
        digest = inputs.files.get(original) if inputs else None
        for lang in languages:  # a record of no translation is left alone (see orphans)
            page = group.pages.get(lang)
            path = page.path if page else f"{original.split('/')[0]}/{lang}/{group.key}.md"
            state = TranslationState(group.key, lang, "missing" if page is None else
                                     "original" if page.path == original else "untracked",
                                     path, original, record_path(lang, group.key), ())
            if state.status == "untracked" and (lang, group.key) in found:
                digest = digest or hashlib.sha256((root / original).read_bytes()).hexdigest()
                state = _tracked(root, state, digest, segments,
                                 Report() if broken_ok else report)
            states[group.key, lang] = state
    if len(report.errors) > before:
        raise SiteErrors(report.errors[before:])
    return MappingProxyType(states)


def _tracked(root: Path, state: TranslationState, digest: str,
             segments: dict[str, tuple[Segment, ...]], report: Report) -> TranslationState:
    """A translation with a record: current at once if the original's file is the one it
    was accepted against (most builds read only the record's first lines); otherwise its
    segments are compared with the record's."""
    header = read_header(root / state.record)
    if header == (state.original, digest):
        return replace(state, status="current")
    try:
        record = read_record(root, state.record)
    except SiteErrors as e:
        report.errors.extend(e.errors)
        return state
    original = state.original
    if original not in segments:
        segments[original] = page_segments(read_text(root / original, root, original))
    changes = compare(record[1], segments[original]) if record[0] == original else tuple(
        Change("changed", s.id, s.line, None, s.text) for s in segments[original])
    return replace(state, status="stale" if changes else "current", changes=changes)


def read_header(path: Path) -> tuple[str, str] | None:
    """A record's original and the digest of its file when accepted, from the record's
    first lines (as record_text writes them); None if they are not there."""
    with path.open("rb") as f:
        head = f.read(HEADER_BYTES).decode("utf-8", errors="replace").split("\n")
    found = dict(match.groups() for line in head[:-1] if (match := _HEADER_RE.match(line)))
    return (found["original"], found["digest"]) if len(found) == 2 else None


def orphan_records(root: Path, states: Mapping[tuple[str, str], TranslationState]
                   ) -> list[str]:
    """The records under translations/ of no translation (its page, or that language of
    it, was deleted, or became the original): harmless, and `translations` names them."""
    used = {state.record for state in states.values()
            if state.status in ("current", "stale")}
    return [rel(path, root) for path in site_files(root / TRANSLATIONS_DIR, root, [])
            if rel(path, root) not in used]


def compare(recorded: tuple[Recorded, ...], current: tuple[Segment, ...]) -> tuple[Change, ...]:
    """What changed in the original since recorded: segments changed in place, added,
    removed (matched in order, by id and fingerprint)."""
    old = [(r.id, r.fingerprint) for r in recorded]
    new = [(s.id, s.fingerprint) for s in current]
    changes: list[Change] = []
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            continue
        paired = min(i2 - i1, j2 - j1) if op == "replace" else 0
        for n in range(paired):
            was, now = recorded[i1 + n], current[j1 + n]
            changes.append(Change("changed", now.id, now.line, was.text, now.text))
        for was in recorded[i1 + paired:i2]:
            changes.append(Change("removed", was.id, None, was.text, None))
        for now in current[j1 + paired:j2]:
            changes.append(Change("added", now.id, now.line, None, now.text))
    return tuple(changes)


def read_record(root: Path, shown: str) -> tuple[str, tuple[Recorded, ...]] | None:
    """The record at shown (translations/<lang>/<page>.yaml): the original's path and its
    segments as last accepted; None if there is none; SiteErrors if it is not one."""
    if not (root / shown).is_file():
        return None
    report = Report()
    data, lines = load_yaml(read_text(root / shown, root, shown), shown)
    record = _check_record(data, lines, shown, report)
    report.raise_if_errors()
    return record


def _record_files(root: Path, languages: tuple[str, ...], inputs: Inputs | None,
                  report: Report) -> set[tuple[str, str]]:
    """(language, page) of every record under translations/ (as the input scan found
    them, when it ran); a file that cannot be one is an error."""
    found = set()
    if inputs:  # a path that leads out of the folder is reported by the scan, not read
        outside = {error.path for error in inputs.outside}
        shown_paths = sorted(path for path in inputs.files
                             if path.startswith(f"{TRANSLATIONS_DIR}/") and path not in outside)
    else:
        shown_paths = [rel(path, root)
                       for path in site_files(root / TRANSLATIONS_DIR, root, report.errors)]
    for shown in shown_paths:
        parts = shown.split("/")
        if len(parts) != 3 or parts[1] not in languages or not shown.endswith(".yaml"):
            report.error(shown, None, f"not a translation record: {TRANSLATIONS_DIR}/ holds "
                         f"only <language>/<page>.yaml files, written by {command_name()} "
                         "translations --accept")
        else:
            found.add((parts[1], parts[2].removesuffix(".yaml")))
    return found


def _check_record(data, lines, shown: str, report: Report
                  ) -> tuple[str, tuple[Recorded, ...]] | None:
    """A record's original and segments, or None (errors recorded) if it is not one."""
    before = len(report.errors)
    check = YamlChecker(shown, lines, report)
    redo = f"; write it again with {command_name()} translations --accept PAGE LANG"
    if not check.keys((), data, RECORD_KEYS, RECORD_KEYS):
        report.errors[before:] = [SiteError(e.path, e.line, e.message.removeprefix(": ") + redo)
                                  for e in report.errors[before:]]
        return None
    original = check.text(("original",), data["original"])
    check.text(("digest",), data["digest"])
    segments = []
    if not isinstance(data["segments"], list):
        check.fail(("segments",), "expected a list of segments")
    for n, item in enumerate(data["segments"] if isinstance(data["segments"], list) else []):
        if check.keys(("segments", n), item, SEGMENT_KEYS, SEGMENT_KEYS):
            values = [item[key] for key in SEGMENT_KEYS]
            if all(isinstance(v, str) for v in values):
                segments.append(Recorded(*values))
            else:
                check.fail(("segments", n), "id, fingerprint and text must be text")
    if len(report.errors) > before:
        report.errors[before:] = [SiteError(e.path, e.line, e.message + redo)
                                  for e in report.errors[before:]]
        return None
    return original, tuple(segments)


def translation_problems(states: Mapping[tuple[str, str], TranslationState]
                         ) -> list[SiteError]:
    """A warning (an error with --strict, reported after every other problem) for each
    stale translation and each untracked one, saying what to do."""
    problems = []
    tool = f"{command_name()} translations"
    for state in states.values():
        accept = f"{tool} --accept {state.page} {state.lang}"
        if state.status == "stale":
            shown = ", ".join(f"{c.id}" + (f" (line {c.line})" if c.line else "")
                              for c in state.changes[:5])
            more = f" and {len(state.changes) - 5} more" if len(state.changes) > 5 else ""
            problems.append(SiteError(state.path, None, f"stale translation: "
                                      f"{len(state.changes)} segment(s) of {state.original} "
                                      f"changed since it was accepted: {shown}{more}; "
                                      f"`{tool}` shows what changed; update the translation, "
                                      f"then run: {accept}"))
        elif state.status == "untracked":
            problems.append(SiteError(state.path, None, f"untracked translation: nothing "
                                      f"records which version of {state.original} it was made "
                                      f"from, so it can never be reported stale; once it "
                                      f"matches the original, run: {accept}"))
    return problems
