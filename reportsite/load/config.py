"""Reading and validating site.yaml into frozen dataclasses.

Every problem is collected with its line, unknown keys get the close match, and no value
is silently repaired: the site's metadata is what the authors wrote, or the build stops.
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping

from reportsite.core.errors import Report, did_you_mean
from reportsite.core.i18n import country_codes, tag_problem
from reportsite.core.layout import CONFIG_FILE
from reportsite.core.sources import KeyPath, load_yaml, read_text
from reportsite.core.yamlcheck import Localized, YamlChecker
from reportsite.load.records import (Article, Edition, NO_ARTICLE, NO_TRANSLATION, RecordReader,
                                     Translation)


@dataclass(frozen=True)
class License:
    """The licence of the text and figures, by SPDX id."""

    spdx: str  # SPDX identifier, e.g. "CC-BY-4.0"
    name: str  # human-readable name, e.g. "Creative Commons Attribution 4.0 International"
    url: str  # where the licence text lives
    confirmed: bool = False  # the rights holders have agreed (site.yaml license_confirmed);
    # until then readers see "pending the authors' confirmation" beside it


@dataclass(frozen=True)
class Author:
    """One author of the report, in the order of the byline."""

    name: Localized  # as written in each language ("М.Ш. Назарова" / "M.Sh. Nazarova");
    # site.yaml may give one string when the name is the same in every language
    affiliation: Localized  # the whole affiliation line of the byline, in each language
    institution: Localized | None  # the institution alone (citation_author_institution,
    # JSON-LD affiliation, CFF affiliation); None when not given
    email: str | None  # contact address, shown as a mailto: link
    corresponding: bool  # marked with * in the byline
    orcid: str | None  # ORCID iD, 0000-0000-0000-0000
    city: Localized | None = None  # the institution's city, per language (JATS <aff>)
    country: str | None = None  # its country, ISO 3166-1 alpha-2 ("KZ"); names from CLDR


@dataclass(frozen=True)
class SiteConfig:
    """Everything site.yaml says about the site."""

    languages: tuple[str, ...]  # language codes in order; the first is the original
    title: Localized  # the report's title in each language
    subtitle: Localized | None  # the part after the colon, if the title has one
    authors: tuple[Author, ...]  # byline, in order
    keywords: Mapping[str, tuple[str, ...]]  # keywords in each language
    edition: Edition  # this edition of the site: version, date, its own DOI, changelog
    article: Article  # the article as a journal published it (NO_ARTICLE: nothing known)
    license: License  # licence of text and figures
    base_url: str | None  # absolute URL where the site is hosted, ending in "/"
    slug: str  # short name for files: dist/<slug>-<version>.zip
    translation: Translation = NO_TRANSLATION  # who translated, whose abstracts are the
    # authors' (site.yaml translation:; nothing stated: no one is named)

    @property
    def original(self) -> str:
        """The language the report was written in."""
        return self.languages[0]

    @property
    def record_language(self) -> str:
        """The language records written once for all readers take names and descriptions
        in (citation files, DataCite, RO-Crate): English when the site has it, citation
        managers' common language, else the original."""
        return "en" if "en" in self.languages else self.original

    def full_title(self, lang: str) -> str:
        """The title with its subtitle, in lang."""
        return self.title[lang] + (f": {self.subtitle[lang]}" if self.subtitle else "")

    @property
    def version(self) -> str:
        """This edition's version (edition.version)."""
        return self.edition.version

    @property
    def date(self) -> datetime.date:
        """This edition's date (edition.date), not the article's."""
        return self.edition.date


def family_given(name: str) -> tuple[str, str]:
    """'M.Sh. Nazarova' -> ('Nazarova', 'M.Sh.'): the last word is the family name."""
    parts = name.split()
    return parts[-1], " ".join(parts[:-1])


# Common licences get a name and a link; any other valid SPDX id links to its SPDX page.
KNOWN_LICENSES = {
    "CC-BY-4.0": ("Creative Commons Attribution 4.0 International",
                  "https://creativecommons.org/licenses/by/4.0/"),
    "CC-BY-SA-4.0": ("Creative Commons Attribution-ShareAlike 4.0 International",
                     "https://creativecommons.org/licenses/by-sa/4.0/"),
    "CC-BY-NC-4.0": ("Creative Commons Attribution-NonCommercial 4.0 International",
                     "https://creativecommons.org/licenses/by-nc/4.0/"),
    "CC0-1.0": ("Creative Commons Zero v1.0 Universal",
                "https://creativecommons.org/publicdomain/zero/1.0/"),
}

AUTHOR_KEYS = {"name", "affiliation", "institution", "email", "corresponding", "orcid", "city",
               "country"}
SPDX_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$")
# Keys of older site.yaml files, and where they went.
MOVED = {"version": "edition: version", "date": "edition: date",
         "doi": "article: doi (the article's) or edition: doi (this edition's own)",
         "journal": "article: journal"}
EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
ORCID_RE = re.compile(r"^[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$")  # ASCII digits only
COUNTRY_RE = re.compile(rf"^({'|'.join(country_codes())})$")


class _Reader(YamlChecker):
    """Validates one parsed site.yaml, recording every problem with its line."""

    def localized(self, at: KeyPath, value: Any) -> Localized | None:
        """Text in every language of the site, as a mapping language -> text."""
        if not isinstance(value, dict):
            self.fail(at, "expected one text per language, e.g. "
                      + ", ".join(f"{lang}: ..." for lang in self.languages))
            return None
        result = {}
        self.other_languages(at, value)
        for lang in self.languages:
            if lang not in value:
                self.fail(at, f"missing the '{lang}' translation")
            else:
                result[lang] = self.text(at + (lang,), value[lang])
        return MappingProxyType(result) if None not in result.values() else None

    def parse_languages(self, at: KeyPath, value: Any) -> tuple[str, ...]:
        """BCP 47 language tags CLDR knows (kk, uz-Latn, zh-Hant), in order, without repeats."""
        if not isinstance(value, list) or not value:
            self.fail(at, "expected a list of language tags, the original first, e.g. [kk, ru, en]")
            return ()
        seen: list[str] = []
        for i, code in enumerate(value):
            problem = tag_problem(code)
            if problem:
                self.fail(at + (i,), problem)
            elif code in seen:
                self.fail(at + (i,), f"'{code}' is listed twice")
            else:
                seen.append(code)
        return tuple(seen)

    def keywords(self, at: KeyPath, value: Any,
                 what: str = "keywords") -> Mapping[str, tuple[str, ...]] | None:
        """A list of keywords (or other short texts) per language."""
        if not isinstance(value, dict):
            self.fail(at, f"expected a list of {what} per language")
            return None
        result = {}
        for lang in self.languages:
            words = value.get(lang)
            if words is None:
                self.fail(at, f"missing the '{lang}' translation")
            elif not isinstance(words, list) or not words:
                self.fail(at + (lang,), f"expected a non-empty list of {what}")
            else:
                result[lang] = tuple(self.text(at + (lang, i), w) or "" for i, w in enumerate(words))
        self.other_languages(at, value)
        return MappingProxyType(result)

    def authors(self, at: KeyPath, value: Any) -> tuple[Author, ...]:
        """The byline: a list of authors."""
        if not isinstance(value, list) or not value:
            self.fail(at, "expected a list of authors")
            return ()
        return tuple(a for i, item in enumerate(value) if (a := self.author(at + (i,), item)))

    def author(self, at: KeyPath, item: Any) -> Author | None:
        """One author: name and affiliation per language, email, corresponding, orcid."""
        if not isinstance(item, dict):
            self.fail(at, "expected name, affiliation, email, corresponding")
            return None
        for key in item:
            if key not in AUTHOR_KEYS:
                self.fail(at + (key,), f"unknown key '{key}'" + did_you_mean(str(key), AUTHOR_KEYS))
        for key in ("name", "affiliation"):
            if key not in item:
                self.fail(at, f"missing required key '{key}'")
        name = item.get("name")
        if isinstance(name, str) and name.strip():  # a name written the same way everywhere
            name = {lang: name for lang in self.languages}
        name = self.localized(at + ("name",), name) if "name" in item else None
        affiliation = (self.localized(at + ("affiliation",), item["affiliation"])
                       if "affiliation" in item else None)
        institution = (self.localized(at + ("institution",), item["institution"])
                       if item.get("institution") is not None else None)
        email = self.pattern(at + ("email",), item.get("email"), EMAIL_RE, "an e-mail address")
        orcid = self.pattern(at + ("orcid",), item.get("orcid"), ORCID_RE,
                             "an ORCID iD like 0000-0002-1825-0097")
        corresponding = item.get("corresponding", False)
        if not isinstance(corresponding, bool):
            self.fail(at + ("corresponding",), f"expected true or false, got {corresponding!r}")
        city = (self.localized(at + ("city",), item["city"]) if item.get("city") is not None
                else None)
        country = self.pattern(at + ("country",), item.get("country"), COUNTRY_RE,
                               "an ISO 3166-1 country code like KZ")
        if name is None or affiliation is None:
            return None
        return Author(name, affiliation, institution, email, corresponding is True, orcid,
                      city, country)

    def version(self, at: KeyPath, value: Any) -> str | None:
        """A version string; YAML would read 1.0 as a number, so ask for quotes."""
        if isinstance(value, (int, float)):
            self.fail(at, f"write the version as text in quotes, e.g. \"{value}\"")
            return None
        return self.text(at, value)

    def date(self, at: KeyPath, value: Any) -> datetime.date | None:
        """A calendar date written YYYY-MM-DD."""
        if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
            return value
        self.fail(at, f"expected a date written YYYY-MM-DD, got {value!r}")
        return None

    def license(self, at: KeyPath, value: Any) -> License | None:
        """An SPDX licence identifier."""
        if not isinstance(value, str) or not SPDX_RE.match(value):
            self.fail(at, f"expected an SPDX licence id such as CC-BY-4.0, got {value!r}")
            return None
        name, url = KNOWN_LICENSES.get(value, (value, f"https://spdx.org/licenses/{value}.html"))
        return License(value, name, url)

    def confirmed(self, at: KeyPath, value: Any) -> bool | None:
        """true or false."""
        if not isinstance(value, bool):
            self.fail(at, f"expected true or false, got {value!r}")
            return None
        return value

    def article(self, at: KeyPath, value: Any) -> Article | None:
        """The article's own record (records.py)."""
        return RecordReader(self).article(at, value)

    def edition(self, at: KeyPath, value: Any) -> Edition | None:
        """This edition's record (records.py)."""
        return RecordReader(self).edition(at, value)

    def translation(self, at: KeyPath, value: Any) -> Translation | None:
        """How the translations were made (records.py)."""
        return RecordReader(self).translation(at, value)

    def slug(self, at: KeyPath, value: Any) -> str | None:
        """A short file-name-safe name: lower-case letters, digits and '-'."""
        return self.pattern(at, value, re.compile(r"^[a-z0-9][a-z0-9-]*$"),
                            "lower-case letters, digits and '-', like 'garden-report'")

    def base_url(self, at: KeyPath, value: Any) -> str | None:
        """An absolute http(s) URL ending in '/'."""
        if value is None:
            return None
        if not isinstance(value, str) or not re.match(r"^https?://[^/\s]+(/\S*)?/$", value):
            self.fail(at, f"expected an absolute URL ending in '/', like "
                      f"https://example.org/report/, got {value!r}")
            return None
        return value


# key -> (reader method, required); the order is the order errors are reported in.
FIELDS: dict[str, tuple[Callable[..., Any], bool]] = {
    "languages": (_Reader.parse_languages, True),
    "title": (_Reader.localized, True),
    "subtitle": (_Reader.localized, False),
    "authors": (_Reader.authors, True),
    "keywords": (_Reader.keywords, True),
    "edition": (_Reader.edition, True),
    "article": (_Reader.article, False),
    "license": (_Reader.license, True),
    "license_confirmed": (_Reader.confirmed, False),
    "base_url": (_Reader.base_url, False),
    "slug": (_Reader.slug, True),
    "translation": (_Reader.translation, False),
}


def read_config(root: Path, report: Report) -> tuple[tuple[str, ...], SiteConfig | None]:
    """Read root/site.yaml: its languages, and the whole configuration (None if it has
    errors, which are recorded in report). Raises only when the languages themselves are
    unusable, since every other file is checked against them."""
    path = root / CONFIG_FILE
    if not path.is_file():
        report.error(CONFIG_FILE, None, f"missing in {root}: every site needs a site.yaml at "
                     "its root; run in the site folder or pass it with --root DIR")
        report.raise_if_errors()
    data, lines = load_yaml(read_text(path, root, CONFIG_FILE), CONFIG_FILE)
    if not isinstance(data, dict):
        report.error(CONFIG_FILE, 1, "expected a mapping of keys such as languages, title, authors")
        report.raise_if_errors()
    reader = _Reader(CONFIG_FILE, lines, report)
    before = len(report.errors)
    for key in data:
        if key in MOVED:
            reader.fail((key,), f"'{key}' has moved: write it as {MOVED[key]}")
        elif key not in FIELDS:
            reader.fail((key,), f"unknown key '{key}'" + did_you_mean(str(key), FIELDS))
    values: dict[str, Any] = {}
    for key, (method, required) in FIELDS.items():
        if key not in data or data[key] is None:
            if required:
                report.error(CONFIG_FILE, None, f"missing required key '{key}'")
            values[key] = None
        else:
            values[key] = method(reader, (key,), data[key])
        if key == "languages":
            reader.languages = values[key] or ()
            if not reader.languages:  # every translated field depends on them: stop here
                report.raise_if_errors()
    if len(report.errors) > before:
        return reader.languages, None
    values["languages"] = tuple(values["languages"])
    values["article"] = values["article"] or NO_ARTICLE
    values["translation"] = values["translation"] or NO_TRANSLATION
    confirmed = values.pop("license_confirmed") is True
    values["license"] = dataclasses.replace(values["license"], confirmed=confirmed)
    return reader.languages, SiteConfig(**values)
