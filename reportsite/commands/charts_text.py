"""The UI strings of a page's charts, for translators: exported beside the page's
segments, written back into the site's locales/<lang>.po on import.

A chart string's message id is English (charts/<id>.py calls `_("...")`); translators of
a page work from the original's language, so its source is the original's translation of
the string (the English id where there is none) and its target the translation's.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_file
from babel.messages.pofile import read_po, write_po

from reportsite.core.layout import CHARTS_DIR, LOCALES_DIR
from reportsite.core.paths import inside
from reportsite.core.errors import SiteErrors
from reportsite.load.catalogs import needs_catalog
from reportsite.load.translations import original_page

CHART_PREFIX = "chart:"  # a chart string's unit id: this and its English message id
_CHART_RE = re.compile(r"\bchart\(\s*([\"'])(.+?)\1")


def chart_strings(root: Path, pages, key: str, lang: str
                  ) -> list[tuple[str, str, str, str, str]]:
    """The UI strings of the charts page key shows, as (unit id, source, target, state,
    location); none for a language whose messages need no catalog (their ids are its
    text)."""
    if not needs_catalog(lang):
        return []
    original = original_page(pages.group(key), pages.languages)
    source, target = _catalog(root, original.lang), _catalog(root, lang)
    units, seen = [], set()
    for chart in dict.fromkeys(match.group(2) for match in _CHART_RE.finditer(original.body)):
        path = root / CHARTS_DIR / f"{chart}.py"
        if not path.is_file() or not inside(path, root, []):
            continue
        for line, message, _, _ in extract_from_file("python", path):
            if not isinstance(message, str) or message in seen:
                continue
            seen.add(message)
            known = target.get(message) if target is not None else None
            text = known.string if known is not None and isinstance(known.string, str) else ""
            state = "new" if not text else "needs-review" if known.fuzzy else "translated"
            said = source.get(message) if source is not None else None
            units.append((CHART_PREFIX + message,
                          said.string if said is not None and said.string else message,
                          text, state, f"{CHARTS_DIR}/{chart}.py:{line}"))
    return units


def _catalog(root: Path, lang: str) -> Catalog | None:
    """The site's catalog for lang (None when it has none, or the language needs none)."""
    path = root / LOCALES_DIR / f"{lang}.po"
    if not needs_catalog(lang) or not path.is_file():
        return None
    problems: list = []
    if not inside(path, root, problems):
        raise SiteErrors(problems)
    with path.open("rb") as f:
        return read_po(f, locale=lang)


def write_chart_units(root: Path, lang: str, units: list) -> list[str]:
    """Put the chart strings' translations into locales/<lang>.po; report lines."""
    if not units:
        return []
    path = root / LOCALES_DIR / f"{lang}.po"
    catalog = _catalog(root, lang) or Catalog(locale=lang, fuzzy=False)
    for unit in units:
        message_id = unit.id.removeprefix(CHART_PREFIX)
        message = catalog.get(message_id)
        if message is None:
            catalog.add(message_id, unit.target, locations=[(unit.location.rsplit(":", 1)[0],
                                                             int(unit.location.rsplit(":", 1)[1]))])
        else:
            message.string = unit.target
            message.flags.discard("fuzzy")
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, sort_by_file=True, ignore_obsolete=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())
    return [f"{LOCALES_DIR}/{lang}.po: {len(units)} chart string(s) written"]
