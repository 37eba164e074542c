"""The two bibliographic records of site.yaml, kept apart: the article as a journal
published it (`article:`), and this edition of the site (`edition:`).

Every field of the article is optional and nothing is guessed: a field the authors have
not supplied stays None and is left out of every output (citation tags, JSON-LD, CFF,
BibTeX, RIS, the landing page). Other outputs (PDF, JATS, DataCite, RO-Crate) read the
same two frozen records.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Mapping

from reportsite.core.yamlcheck import Localized, YamlChecker

ARTICLE_KEYS = ("journal", "volume", "issue", "pages", "issn", "publisher", "date", "doi", "url")
EDITION_KEYS = ("version", "date", "doi", "changelog")
CHANGE_KEYS = ("version", "date", "changes")
TRANSLATION_KEYS = ("translators", "authors_abstracts")
DOI_RE = re.compile(r"^10\.[0-9]{4,9}/\S+$")  # ASCII digits: \d matches any script's
ISSN_RE = re.compile(r"^([0-9]{4})-([0-9]{3})([0-9X])$")
PAGES_RE = re.compile(r"^([A-Za-z]?[0-9]+)(?:\s*[-–]\s*([A-Za-z]?[0-9]+))?$")
URL_RE = re.compile(r"^https?://[^/\s]+(/\S*)?$")
NUMBER_RE = re.compile(r"^[\w.()/ -]+$")


@dataclass(frozen=True)
class Article:
    """The article as published (or to be published) in a journal; None: not known."""

    journal: Localized | None  # the journal's title in each language
    volume: str | None  # volume, as the journal numbers it ("12")
    issue: str | None  # issue within the volume ("3", "2(45)")
    pages: str | None  # "195-210", or one page or article number ("e1234")
    issn: str | None  # the journal's ISSN, NNNN-NNNC (check digit verified)
    publisher: Localized | None  # the journal's publisher in each language
    date: datetime.date | None  # the article's publication date, when the day is known
    year: int | None  # its publication year (from date, or given alone)
    doi: str | None  # the article's DOI, without https://doi.org/
    url: str | None  # the article's page at the journal

    @property
    def first_page(self) -> str | None:
        """The first page of pages ("195" of "195-210")."""
        return PAGES_RE.match(self.pages).group(1) if self.pages else None

    @property
    def last_page(self) -> str | None:
        """The last page of pages ("210" of "195-210"), None for a single page."""
        return PAGES_RE.match(self.pages).group(2) if self.pages else None

    @property
    def published(self) -> bool:
        """True when the journal, the year or the DOI is known: the article has a record
        of its own to cite, beyond this site."""
        return bool(self.journal or self.year or self.doi)


NO_ARTICLE = Article(None, None, None, None, None, None, None, None, None, None)


@dataclass(frozen=True)
class Change:
    """One entry of the edition's changelog."""

    version: str  # the edition it describes
    date: datetime.date  # that edition's date
    changes: Mapping[str, tuple[str, ...]]  # what changed, a list per language


@dataclass(frozen=True)
class Edition:
    """This edition of the site: the thing the zip, the data and the site files are."""

    version: str  # "1.0.0"
    date: datetime.date  # the date of this edition (not the article's)
    doi: str | None  # the edition's own DOI (a data repository's), when it has one
    changelog: tuple[Change, ...]  # newest first, the first being this edition; may be empty


@dataclass(frozen=True)
class Translation:
    """How this edition's translations were made, as far as site.yaml states it."""

    translators: Mapping[str, tuple[str, ...]]  # translated language -> who translated it,
    # named as in that language; a language not listed names no one
    authors_abstracts: tuple[str, ...]  # the translated languages whose abstract the
    # authors wrote themselves (the rest of the text is this edition's translation)


NO_TRANSLATION = Translation(MappingProxyType({}), ())


def issn_check_digit(digits: str) -> str:
    """The ISSN check digit of its first seven digits (ISO 3297: weights 8..2, mod 11)."""
    rest = -sum(int(d) * w for d, w in zip(digits, range(8, 1, -1))) % 11
    return "X" if rest == 10 else str(rest)


class RecordReader(YamlChecker):
    """Reads article: and edition: of site.yaml, with the site.yaml reader's own checks of
    dates, versions and per-language texts (reader: its date, version, keywords and
    localized methods)."""

    def __init__(self, reader: Any):
        super().__init__(reader.shown, reader.lines, reader.report, reader.languages)
        self.r = reader

    def article(self, at: tuple, value: Any) -> Article | None:
        """The article: every key optional; an empty one means not known."""
        if not self.keys(at, value, ARTICLE_KEYS, example="journal, volume, issue, pages, doi"):
            return None
        given = {key: value.get(key) for key in ARTICLE_KEYS}
        date, year = self.date_or_year(at + ("date",), given["date"])
        fields = {
            "journal": self.text_or_localized(at + ("journal",), given["journal"]),
            "volume": self.number(at + ("volume",), given["volume"], "a volume like 12"),
            "issue": self.number(at + ("issue",), given["issue"], "an issue like 3"),
            "pages": self.match(at + ("pages",), given["pages"], PAGES_RE,
                                "pages like 195-210, or one page or article number"),
            "issn": self.issn(at + ("issn",), given["issn"]),
            "publisher": self.text_or_localized(at + ("publisher",), given["publisher"]),
            "date": date, "year": year,
            "doi": self.doi(at + ("doi",), given["doi"]),
            "url": self.match(at + ("url",), given["url"], URL_RE,
                              "an absolute URL like https://journal.example/article/12"),
        }
        return Article(**fields)

    def edition(self, at: tuple, value: Any) -> Edition | None:
        """This edition: version and date required, its own DOI and changelog optional."""
        if not self.keys(at, value, EDITION_KEYS, example="version, date, doi, changelog"):
            return None
        for key in ("version", "date"):
            if value.get(key) is None:
                self.fail(at, f"missing required key '{key}'")
        version = self.r.version(at + ("version",), value["version"]) \
            if value.get("version") is not None else None
        date = self.r.date(at + ("date",), value["date"]) if value.get("date") is not None else None
        doi = self.doi(at + ("doi",), value.get("doi"))
        changelog = self.changelog(at + ("changelog",), value.get("changelog"), version, date)
        if version is None or date is None or changelog is None:
            return None
        return Edition(version, date, doi, changelog)

    def changelog(self, at: tuple, value: Any, version: str | None,
                  date: datetime.date | None) -> tuple[Change, ...] | None:
        """The changelog, newest first; its first entry must be this edition."""
        if value is None:
            return ()
        if not isinstance(value, list) or not value:
            self.fail(at, "expected a list of entries (version, date, changes), newest first")
            return None
        entries = [self.change(at + (i,), item) for i, item in enumerate(value)]
        if None in entries:
            return None
        first = entries[0]
        if version and date and (first.version, first.date) != (version, date):
            self.fail(at + (0,), f"the newest entry is {first.version} of {first.date}; "
                        f"put this edition ({version} of {date}) first")
            return None
        return tuple(entries)

    def change(self, at: tuple, item: Any) -> Change | None:
        """One changelog entry: version, date, and the changes as a list per language."""
        if not self.keys(at, item, CHANGE_KEYS, example="version, date, changes"):
            return None
        missing = [key for key in CHANGE_KEYS if item.get(key) is None]
        for key in missing:
            self.fail(at, f"missing required key '{key}'")
        if missing:
            return None
        version = self.r.version(at + ("version",), item["version"])
        date = self.r.date(at + ("date",), item["date"])
        changes = self.r.keywords(at + ("changes",), item["changes"], "changes")
        if version is None or date is None or changes is None:
            return None
        return Change(version, date, changes)

    def translation(self, at: tuple, value: Any) -> Translation | None:
        """Who translated each translated language, and whose abstracts are the authors'."""
        if not self.keys(at, value, TRANSLATION_KEYS, example="translators, authors_abstracts"):
            return None
        translated = self.languages[1:]
        translators = value.get("translators") or {}
        if not isinstance(translators, dict):
            self.fail(at + ("translators",), "expected a list of names per translated "
                      "language, e.g. " + ", ".join(f"{lang}: [...]" for lang in translated))
            return None
        names = {}
        for lang, given in translators.items():
            if lang not in translated:
                self.fail(at + ("translators", lang), f"'{lang}' is not a translation: "
                          f"expected one of {', '.join(translated)}")
            elif not isinstance(given, list) or not given:
                self.fail(at + ("translators", lang), "expected a non-empty list of names")
            else:
                names[lang] = tuple(self.text(at + ("translators", lang, i), name) or ""
                                    for i, name in enumerate(given))
        abstracts = value.get("authors_abstracts") or []
        if not isinstance(abstracts, list) or any(lang not in translated for lang in abstracts):
            self.fail(at + ("authors_abstracts",), "expected a list of translated languages "
                      f"(of {', '.join(translated)}) whose abstract the authors wrote")
            return None
        return Translation(MappingProxyType(names), tuple(abstracts))

    def text_or_localized(self, at: tuple, value: Any) -> Localized | None:
        """Optional text that is the same in every language, or given per language."""
        if value is None:
            return None
        if isinstance(value, str) and value.strip():
            return MappingProxyType({lang: value.strip() for lang in self.languages})
        return self.r.localized(at, value)

    def number(self, at: tuple, value: Any, what: str) -> str | None:
        """An optional volume or issue number: digits, or short text such as 2(45)."""
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        return self.match(at, value, NUMBER_RE, what)

    def match(self, at: tuple, value: Any, regex: re.Pattern, what: str) -> str | None:
        """An optional string matching regex."""
        if value is None:
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not regex.match(value.strip()):
            self.fail(at, f"expected {what}, got {value!r}")
            return None
        return value.strip()

    def doi(self, at: tuple, value: Any) -> str | None:
        """An optional bare DOI, 10.xxxx/yyyy."""
        return self.match(at, value, DOI_RE, "a DOI like 10.1234/abcd, without https://doi.org/")

    def issn(self, at: tuple, value: Any) -> str | None:
        """An optional ISSN, NNNN-NNNC, whose check digit is right."""
        issn = self.match(at, value, ISSN_RE, "an ISSN like 2617-8893")
        if issn is None:
            return None
        head, tail, check = ISSN_RE.match(issn).groups()
        expected = issn_check_digit(head + tail)
        if check != expected:
            self.fail(at, f"the ISSN {issn} has the check digit {check}, but its first seven "
                        f"digits give {expected}: is a digit mistyped?")
            return None
        return issn

    def date_or_year(self, at: tuple, value: Any) -> tuple[datetime.date | None, int | None]:
        """An optional publication date YYYY-MM-DD, or a year alone."""
        if value is None:
            return None, None
        if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
            return None, value
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value, value.year
        self.fail(at, f"expected a date written YYYY-MM-DD, or a year, got {value!r}")
        return None, None
