"""Export and import: a page's segments through a translation tool and back.

export_page writes one page in one language as units (commands/xliff.py, commands/
pofile.py): each segment of the original with the translation's text and a state
(translated; needs-review where the original changed since the translation was accepted;
new where the translation has nothing yet), and the UI strings of the charts it shows.
import_file writes the units back: each text at its segment's place in content/<lang>/,
so shortcodes and Markdown structure stay as they are and a file imported unchanged leaves
the page byte for byte as it was. A unit whose shortcodes or numbers differ from the
original's is refused with its line in the imported file, and then nothing is written.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import replace
from pathlib import Path

from reportsite import command_name
from reportsite.commands.charts_text import chart_strings, write_chart_units
from reportsite.commands.inline import numbers_in, shortcodes_in
from reportsite.commands.pofile import po_bytes, read_po_units
from reportsite.commands.translations import (PageStates, accept, read_pages, record_text,
                                              segments_of)
from reportsite.commands.units import Document, Unit
from reportsite.commands.xliff import read_xliff, xliff_bytes
from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.sources import read_text
from reportsite.load.segments import Segment, page_segments, without_own_notes
from reportsite.load.translations import Recorded, read_record


def page_document(root: Path, key: str, lang: str) -> Document:
    """The units of page key for translators into lang, as the site stands now."""
    pages = read_pages(root)
    state = pages.states[pages.group(key).key, lang] if lang in pages.languages else None
    if state is None or state.status == "original":
        why = "is not a language of the site" if state is None else "is the original"
        raise SiteErrors([SiteError(f"content/{lang}/{key}.md", None, f"'{lang}' {why}; "
                                    "only a translation can be exported")])
    original = segments_of(root, state.original)
    if state.status == "missing":  # a translation to start: every unit is new
        translation, mapping = (), [None] * len(original)
    else:
        translation = without_own_notes(segments_of(root, state.path), original)
        mapping = align(original, translation, read_record(root, state.record), state.path)
    review = {c.id: c.old for c in state.changes if c.kind != "removed"}
    own = {s.id: s for s in translation if not s.section}
    units = []
    for n, segment in enumerate(original):
        if not segment.section:
            mine = own.get(segment.id)
        else:
            mine = translation[mapping[n]] if mapping[n] is not None else None
        units.append(Unit(segment.id, segment.kind, segment.text, mine.text if mine else "",
                          "new" if mine is None else "needs-review" if segment.id in review
                          else "translated", review.get(segment.id),
                          f"{state.original}:{segment.line}"))
    units += [Unit(unit_id, "chart", source, target, status, None, where)
              for unit_id, source, target, status, where in chart_strings(root, pages, key, lang)]
    return Document(key, lang, pages.languages[0], state.path, tuple(units))


def align(original: tuple[Segment, ...], translation: tuple[Segment, ...],
          record: tuple[str, tuple[Recorded, ...]] | None, path: str) -> list[int | None]:
    """For each segment of the original, the index in translation of the one that
    translates it (front matter: matched by key elsewhere; None: not translated yet). The
    translation follows either the original as it is now or, when it has not been updated
    yet, the original as it was accepted; otherwise SiteErrors."""
    body = [n for n, s in enumerate(translation) if s.section]
    mine = [translation[n].id for n in body]
    theirs = [(n, s) for n, s in enumerate(original) if s.section]
    mapping: list[int | None] = [None] * len(original)
    if mine == [s.id for _, s in theirs]:
        for (n, _), t in zip(theirs, body):
            mapping[n] = t
        return mapping
    old = [r for r in (record[1] if record else ()) if "." in r.id]
    if mine != [r.id for r in old]:
        raise SiteErrors([SiteError(path, None, "does not follow the original segment for "
                                    "segment, as it is now or as it was accepted: give it the "
                                    "same headings, paragraphs, list items and captions in "
                                    "each section (`" + command_name() + " translations "
                                    "--accept` says where it differs), then export it")])
    matcher = difflib.SequenceMatcher(None, [(r.id, r.fingerprint) for r in old],
                                      [(s.id, s.fingerprint) for _, s in theirs],
                                      autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op in ("equal", "replace"):
            for k in range(min(i2 - i1, j2 - j1)):
                mapping[theirs[j1 + k][0]] = body[i1 + k]
    return mapping


def export_page(root: Path, key: str, lang: str, form: str, output: Path) -> int:
    """Write page key's units for lang to output as XLIFF 2.0 or PO; how many."""
    document = page_document(root, key, lang)
    data = xliff_bytes(document) if form == "xliff" else po_bytes(document)
    try:
        output.write_bytes(data)
    except OSError as e:
        raise SiteErrors([SiteError(str(output), None, f"cannot write it: {e.strerror}; "
                                    "choose another -o")]) from e
    return len(document.units)


def import_file(root: Path, path: Path) -> list[str]:
    """Write the translations of an exported file back into the site; report lines."""
    shown = str(path)
    try:
        data = path.read_bytes()
    except OSError as e:
        raise SiteErrors([SiteError(shown, None, f"cannot read it: {e.strerror}")]) from e
    imported = read_xliff(data, shown) if data.lstrip().startswith(b"<") \
        else read_po_units(data, shown)
    current = page_document(root, imported.page, imported.lang)
    edits, accepted, problems = _check_units(imported, current, shown)
    if problems:
        raise SiteErrors(problems)
    pages = read_pages(root)
    state = pages.states[imported.page, imported.lang]
    start = None
    if state.status == "missing":  # a new translation: the original, every segment replaced
        _check_complete(current, edits, state.path, shown)
        start = read_text(root / state.original, root, state.original)
    lines = _write_page(root, state.path, state.original, edits, start)
    lines += write_chart_units(root, imported.lang,
                               [u for u in edits.values() if u.kind == "chart"])
    if start is not None and all(u.state == "translated" for u in imported.units
                                 if u.kind != "chart" and u.id in edits):
        accept(root, [(state.page, state.lang)])
        lines.append(f"{state.record}: accepted")
    elif start is not None:
        lines.append(f"{state.path}: untracked until its segments are reviewed; then run "
                     f"{command_name()} translations --accept {state.page} {state.lang}")
    else:
        lines += _accept_units(root, pages, imported, accepted)
    return lines or [f"{state.path}: unchanged"]


def _check_complete(current: Document, edits: dict[str, Unit], path: str, shown: str) -> None:
    """A new translation is written only whole: every segment translated."""
    lacking = [u.id for u in current.units if u.kind != "chart" and u.id not in edits]
    if lacking:
        raise SiteErrors([SiteError(shown, None, f"{path} does not exist yet, so every "
                                    f"segment needs a translation; {len(lacking)} have none: "
                                    + ", ".join(lacking[:8]) + (" ..." if len(lacking) > 8
                                                                else ""))])


def _check_units(imported: Document, current: Document, shown: str
                 ) -> tuple[dict[str, Unit], set[str], list[SiteError]]:
    """The units whose text changed, those a tool marks translated where the original had
    changed, and why any of them cannot be written back."""
    now = {unit.id: unit for unit in current.units}
    edits, accepted, problems = {}, set(), []
    for unit in imported.units:
        was = now.get(unit.id)
        if was is None:
            problems.append(SiteError(shown, unit.line, f"{unit.id}: no such segment in the "
                                      "original now; export the page again"))
            continue
        if " ".join(unit.source.split()) != " ".join(was.source.split()):
            problems.append(SiteError(shown, unit.line, f"{unit.id}: the original's text "
                                      f"changed since this file was exported ({was.location}); "
                                      "export the page again"))
            continue
        if unit.target and unit.target != was.target:
            problems += _unit_problems(unit, was, shown)
            edits[unit.id] = replace(was, target=unit.target)
        if unit.target and unit.state == "translated" and was.state != "translated":
            accepted.add(unit.id)
    return edits, accepted, problems


def _unit_problems(unit: Unit, was: Unit, shown: str) -> list[SiteError]:
    """Why a translated unit may not be written: its shortcodes or numbers differ from the
    original's."""
    problems = []
    for what, found in (("shortcodes", shortcodes_in), ("numbers", numbers_in)):
        mine, theirs = found(unit.target), found(was.source)
        if mine != theirs:
            missing = ", ".join(sorted((theirs - mine).elements())) or "none"
            extra = ", ".join(sorted((mine - theirs).elements())) or "none"
            problems.append(SiteError(shown, unit.line, f"{unit.id}: its {what} differ from "
                                      f"the original's ({was.location}): missing {missing}; "
                                      f"extra {extra}; keep them as the original has them"))
    return problems


def _write_page(root: Path, path: str, original: str, edits: dict[str, Unit],
                text: str | None = None) -> list[str]:
    """Put each edited unit's text at its segment's place in the translation's file (or
    in text, what it is to start from); segments it lacks are added after the one before
    them, in the original's structure."""
    text = read_text(root / path, root, path) if text is None else text
    mine = {s.id: s for s in page_segments(text)}
    theirs = segments_of(root, original)
    changes = []  # (start, end, new raw text)
    for unit in edits.values():
        if unit.kind == "chart":
            continue
        segment = mine.get(unit.id)
        if segment is not None:
            changes.append((segment.start, segment.end, _encoded(segment, unit.target)))
        elif unit.kind in ("title", "nav_title", "description"):
            close = text.index("\n---", 3)  # a key the translation's front matter lacks
            value = json.dumps(unit.target, ensure_ascii=False)
            changes.append((close, close, f"\n{unit.id}: {value}"))
        else:
            changes.append(_insertion(text, mine, theirs, root, original, unit))
    if not changes:
        return []
    for start, end, new in sorted(changes, reverse=True):
        text = text[:start] + new + text[end:]
    _check_body(text, path)
    (root / path).parent.mkdir(parents=True, exist_ok=True)
    (root / path).write_text(text, encoding="utf-8")
    return [f"{path}: {len(changes)} segment(s) written"]


def _encoded(segment: Segment, value: str) -> str:
    """A segment's new text as its file holds it (a quoted string stays quoted)."""
    if segment.quoting == "yaml":
        return " " + json.dumps(value, ensure_ascii=False)
    if segment.quoting == "string":
        return json.dumps(value, ensure_ascii=False)
    return value


def _insertion(text: str, mine: dict[str, Segment], theirs: tuple[Segment, ...], root: Path,
               original: str, unit: Unit) -> tuple[int, int, str]:
    """A segment the translation lacks: the original's block around it, with the unit's
    text in it, after the translation's block of the segment before it."""
    source = read_text(root / original, root, original)
    index = next(n for n, s in enumerate(theirs) if s.id == unit.id)
    segment = theirs[index]
    apart = "\n\n" if segment.kind in ("caption", "note") else "\n"  # a whole shortcode
    start = source.rfind(apart, 0, segment.start) + len(apart)
    end = source.find(apart, segment.end)
    end = len(source) if end < 0 else end
    block = source[start:segment.start] + _encoded(segment, unit.target) + source[segment.end:end]
    before = next((mine[s.id] for s in reversed(theirs[:index]) if s.id in mine and s.section),
                  None)
    if before is None:
        at = text.index("\n---", 3) + 4
        return at, at, "\n" + block + "\n"
    at = text.find("\n", before.end)
    at = len(text) if at < 0 else at
    gap = "\n" if before.kind == segment.kind == "item" else "\n\n"
    return at, at, gap + block


def _check_body(text: str, path: str) -> None:
    """The new page's shortcodes still parse (SiteErrors with the page's line if not)."""
    from reportsite.render.prose import compile_body
    end = text.index("\n---", 3) + 4
    compile_body(text[end + 1:], path, text.count("\n", 0, end) + 2)


def _accept_units(root: Path, pages: PageStates, imported: Document, accepted: set[str]
                  ) -> list[str]:
    """Record the segments a tool marked translated as accepted, if the translation now
    follows the original's structure (otherwise `--accept` does, once it does)."""
    state = pages.states[imported.page, imported.lang]
    if not accepted or state.status != "stale":
        return []
    original = segments_of(root, state.original)
    translation = without_own_notes(segments_of(root, state.path), original)
    if [s.id for s in translation if s.section] != [s.id for s in original if s.section]:
        return [f"{state.path}: not recorded as accepted: it does not follow {state.original} "
                f"segment for segment yet; then run {command_name()} translations --accept "
                f"{state.page} {state.lang}"]
    record = read_record(root, state.record)
    old = {r.id: r for r in record[1]} if record else {}
    changed = {c.id for c in state.changes}
    kept = [s if s.id in accepted or s.id not in changed else old[s.id]
            for s in original if s.id in accepted or s.id not in changed or s.id in old]
    path = root / state.record
    path.write_text(record_text(root, state.original, kept, state.path), encoding="utf-8")
    left = len(changed - accepted)
    return [f"{state.record}: {len(accepted)} segment(s) accepted"
            + (f", {left} still to review" if left else "")]
