"""Babel: language tags, locale formatting, CLDR language names, and d3 locales derived
from CLDR.

A site names its languages by BCP 47 tags (kk, uz-Latn, uz-Cyrl, zh-Hant, en-GB): folder
names, lang and hreflang use the tag as written; Babel is asked for the same locale by its
own identifier (uz_Latn). Everything here takes the tag.
"""

from __future__ import annotations

import copy
import datetime
import functools
import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError, localedata
from babel.core import get_global
from babel.dates import (format_date, get_date_format, get_datetime_format, get_day_names,
                         get_month_names, get_period_names, get_time_format)
from babel.numbers import (NumberPattern, format_decimal, get_currency_symbol,
                           get_territory_currencies)
from babel.units import format_unit

# language[-Script][-REGION], as BCP 47 writes them: the cases CLDR knows (no variants).
TAG_RE = re.compile(r"^[a-z]{2,3}(-[A-Z][a-z]{3})?(-(?:[A-Z]{2}|[0-9]{3}))?$")

NUMBER_RANGE = "{0}–{1}"  # CLDR's numbers/miscPatterns/range of the theme's languages


def babel_id(tag: str) -> str:
    """A BCP 47 tag as Babel names the locale: 'uz-Latn' -> 'uz_Latn'."""
    return tag.replace("-", "_")


@functools.lru_cache(maxsize=None)
def locale_of(tag: str) -> Locale:
    """The CLDR locale of a language tag (checked with tag_problem first)."""
    return Locale.parse(babel_id(tag))


def tag_problem(code: object) -> str | None:
    """Why code is not a language tag a site can use, with what to write instead; None if
    it is one: a BCP 47 tag (language, optional script and region) that CLDR has data for."""
    if not isinstance(code, str) or not code:
        return f"{code!r} is not a language tag (BCP 47, like kk, ru, uz-Latn)"
    canonical = _canonical_case(code)
    if canonical != code and TAG_RE.match(canonical):
        return f"'{code}': write '{canonical}' (BCP 47: language in lower case, Script " \
               "capitalised, REGION in upper case, joined by '-')"
    if not TAG_RE.match(code):
        return f"'{code}' is not a language tag (BCP 47: a language code, then optionally " \
               "a script and a region, like kk, uz-Latn, zh-Hant, en-GB)"
    language = code.split("-")[0]
    alias = get_global("language_aliases").get(language)
    if alias:
        better = babel_id(alias).replace("_", "-") + code[len(language):]
        why = "the shorter code of the same language" if len(alias) < len(language) \
            else "the code CLDR gives this language"
        return f"'{code}': write '{better}' ({why})"
    if _cldr_knows(code):
        return None
    known = sorted(i.replace("_", "-") for i in localedata.locale_identifiers()
                   if i.split("_")[0] == language)
    if not known:
        return f"'{code}' is not a language code CLDR knows (ISO 639, like kk, ru, en, de)"
    shown = ", ".join(known[:12]) + (", ..." if len(known) > 12 else "")
    return f"'{code}' is not a locale CLDR knows; it has {shown}"


def _cldr_knows(tag: str) -> bool:
    """Whether CLDR has the locale of a well-formed tag: as written (uz_Latn), or through
    its likely subtags (zh-CN is zh_Hans_CN) with the script and region asked for kept
    (Babel reads kk_Latn as kk_Cyrl: that is not Kazakh in Latin letters)."""
    if localedata.exists(babel_id(tag)):
        return True
    try:
        locale = Locale.parse(babel_id(tag))
    except (ValueError, UnknownLocaleError):
        return False
    parts = tag.split("-")[1:]
    script = next((p for p in parts if len(p) == 4), None)
    region = next((p for p in parts if len(p) != 4), None)
    return (locale.language == tag.split("-")[0] and (script is None or locale.script == script)
            and (region is None or locale.territory == region))


def _canonical_case(code: str) -> str:
    """A tag's subtags in BCP 47's usual case, joined by '-': 'UZ_latn' -> 'uz-Latn'."""
    parts = re.split(r"[-_]", code)
    fixed = [parts[0].lower()]
    for part in parts[1:]:
        fixed.append(part.title() if len(part) == 4 else part.upper())
    return "-".join(fixed)


def catalog_tags(tag: str) -> tuple[str, ...]:
    """The tags whose UI catalog serves readers of tag, best first: itself, then the same
    language and script with fewer subtags ('uz-Latn-UZ' -> 'uz-Latn', 'uz', since Uzbek is
    written in Latin unless said otherwise; 'uz-Cyrl' has only itself; 'de-AT' -> 'de')."""
    parts = tag.split("-")
    script = _likely_script(tag)
    found = [tag]
    for shorter in ("-".join(parts[:2]), parts[0]):
        if shorter not in found and _likely_script(shorter) == script:
            found.append(shorter)
    return tuple(found)


def likely_territory(tag: str) -> str:
    """The region a tag names, or CLDR's likely one for it: kk -> KZ, uz-Cyrl -> UZ."""
    locale = locale_of(tag)
    if locale.territory:
        return locale.territory
    likely = get_global("likely_subtags")
    found = likely.get(babel_id(tag)) or likely.get(tag.split("-")[0], "")
    return next((part for part in found.split("_")[1:] if len(part) in (2, 3)
                 and part.isupper() or part.isdigit()), "001")


def _likely_script(tag: str) -> str | None:
    """The script a tag is written in: its own, or CLDR's likely one for its language."""
    for part in tag.split("-")[1:]:
        if len(part) == 4:
            return part
    likely = get_global("likely_subtags").get(babel_id(tag)) \
        or get_global("likely_subtags").get(tag.split("-")[0], "")
    return next((part for part in likely.split("_")[1:] if len(part) == 4), None)


@dataclass(frozen=True)
class Formatter:
    """Number, percent and date formatting for one language, from CLDR."""

    lang: str

    def number(self, value: float, digits: int | None = None) -> str:
        """150000 -> '150 000' (kk, ru; no-break space) or '150,000' (en).

        digits fixes the number of decimals; by default CLDR's pattern decides (up to 3).
        """
        if digits is None:
            return format_decimal(value, locale=locale_of(self.lang))
        return _with_decimals(locale_of(self.lang).decimal_formats[None], digits) \
            .apply(value, locale_of(self.lang))

    def percent(self, value: float, digits: int = 0) -> str:
        """A value in percent (45, not 0.45) -> '45%' (kk, en) or '45 %' (ru)."""
        pattern = _with_decimals(locale_of(self.lang).percent_formats[None], digits)
        return pattern.apply(value / 100, locale_of(self.lang))

    def range_of(self, low: str, high: str) -> str:
        """Two formatted numbers as a range: '25–35'. CLDR's number range pattern
        (numbers/miscPatterns/range) is "{0}–{1}" in kk, ru, en, fr and de; Babel 2.18
        does not carry it."""
        return NUMBER_RANGE.format(low, high)

    def percent_range(self, low: float, high: float) -> str:
        """A range of percentages with the sign once, as ICU's number range formatter
        collapses a shared unit: '25–35%' (kk, en), '25–35 %' (ru)."""
        low_text, high_text = self.percent(low), self.percent(high)
        prefix = re.match(r"\D*", high_text).group()
        suffix = re.search(r"\D*$", low_text).group()
        if prefix and low_text.startswith(prefix):
            high_text = high_text[len(prefix):]
        if suffix and high_text.endswith(suffix):
            low_text = low_text[:len(low_text) - len(suffix)]
        return self.range_of(low_text, high_text)

    def date(self, value: datetime.date, style: str = "long") -> str:
        """A date in the language's own long (or short/medium/full) form."""
        return format_date(value, format=style, locale=locale_of(self.lang))

    def file_size(self, size: int) -> str:
        """A file's size in bytes as readers see it: '105 kB' (en), '105 кБ' (kk, ru)."""
        value, unit = shown_size(size)
        return format_unit(value, unit, length="short", locale=locale_of(self.lang))


def shown_size(size: int) -> tuple[float, str]:
    """A size in bytes in the unit it is shown in: whole kilobytes below a megabyte (at
    least 1), else megabytes with one decimal (CLDR's digital units: 1 kB = 1000 bytes)."""
    if size < 999_500:
        return max(1, round(size / 1000)), "digital-kilobyte"
    return round(size / 1_000_000, 1), "digital-megabyte"


def _with_decimals(pattern: NumberPattern, digits: int) -> NumberPattern:
    """A copy of a CLDR number pattern that always shows exactly `digits` decimals."""
    fixed = copy.copy(pattern)
    fixed.frac_prec = (digits, digits)
    return fixed


def native_name(code: str) -> str:
    """A language's name in itself, capitalised as a label: 'Қазақ тілі', 'Русский',
    'Oʻzbek (lotin)' for uz-Latn (the script or region when the tag names one)."""
    name = locale_of(code).get_display_name(locale_of(code)) or code
    return name[:1].upper() + name[1:]


# CLDR's two-letter regions that are no ISO 3166-1 country: the EU, the eurozone,
# Outlying Oceania, the United Nations, the unknown region.
NOT_COUNTRIES = {"EU", "EZ", "QO", "UN", "ZZ"}


def country_codes() -> tuple[str, ...]:
    """The ISO 3166-1 alpha-2 codes CLDR names, sorted."""
    return tuple(sorted(code for code in Locale.parse("en").territories
                        if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES))


def country_name(code: str, lang: str) -> str:
    """A country's name in a language, from CLDR: 'KZ' -> 'Қазақстан' (kk)."""
    return locale_of(lang).territories.get(code, code)


def english_name(code: str) -> str:
    """The English name of a tag's language, from CLDR: 'kk' -> 'Kazakh', 'uz-Cyrl' ->
    'Uzbek' (what citation records call a language)."""
    language = code.split("-")[0]
    return Locale.parse("en").languages.get(language, language)


def language_name(code: str, in_lang: str) -> str:
    """A language's name in another language, in running text: 'казахский', 'Kazakh';
    with the script or region when the tag names one: 'Uzbek (Cyrillic)'."""
    return locale_of(code).get_display_name(locale_of(in_lang)) or code


# LDML date-pattern symbols -> d3-time-format directives. Longest symbols first.
_LDML_TO_D3 = [("yyyy", "%Y"), ("yy", "%y"), ("y", "%Y"), ("MMMM", "%B"), ("LLLL", "%B"),
               ("MMM", "%b"), ("LLL", "%b"), ("MM", "%m"), ("M", "%-m"), ("dd", "%d"),
               ("d", "%-d"), ("EEEE", "%A"), ("EEE", "%a"), ("EE", "%a"), ("E", "%a"),
               ("HH", "%H"), ("H", "%-H"), ("hh", "%I"), ("h", "%-I"), ("mm", "%M"),
               ("ss", "%S"), ("a", "%p")]


def ldml_to_d3(pattern: str) -> str:
    """Convert a CLDR date pattern ("d MMM y 'г'.") to d3-time-format ("%-d %b %Y г.")."""
    out, i = [], 0
    while i < len(pattern):
        char = pattern[i]
        if char == "'":  # quoted literal, in which '' is a single quote; '' alone is one too
            literal, j = [], i + 1
            while j < len(pattern) and not (pattern[j] == "'" and pattern[j + 1:j + 2] != "'"):
                literal.append(pattern[j])
                j += 2 if pattern[j] == "'" else 1
            out.append(("".join(literal) or "'").replace("%", "%%"))
            i = j + 1
        elif char.isalpha():
            run = len(pattern[i:]) - len(pattern[i:].lstrip(char))
            symbol = pattern[i:i + run]
            out.append(next((d3 for ldml, d3 in _LDML_TO_D3 if ldml == symbol), ""))
            i += run
        else:
            out.append("%%" if char == "%" else char)
            i += 1
    return "".join(out).strip()


def d3_format_locale(lang: str) -> dict:
    """d3-format's locale object for a language, from CLDR (d3 ships none for Kazakh)."""
    locale = locale_of(lang)
    symbols = locale.number_symbols["latn"]
    decimal = locale.decimal_formats[None]
    percent = locale.percent_formats[None].pattern
    symbol = get_currency_symbol(get_territory_currencies(likely_territory(lang))[0],
                                 locale=locale)
    money = locale.currency_formats["standard"].pattern.split(";")[0]  # "#,##0.00 ¤", "¤#,##0.00"
    if money.startswith("¤"):
        currency = [symbol + money[1:money.find("#")], ""]
    else:
        currency = ["", money[money.rfind("0") + 1:].replace("¤", symbol)]
    return {
        "decimal": symbols["decimal"],
        "thousands": symbols["group"],
        "grouping": [decimal.grouping[0]],
        "currency": currency,
        "percent": percent[percent.rfind("0") + 1:].replace("%", symbols["percentSign"]),
        "minus": symbols["minusSign"],
        "nan": symbols["nan"],
    }


def d3_time_format_locale(lang: str) -> dict:
    """d3-time-format's locale object, from CLDR; month names are the stand-alone forms,
    as axis labels need them ("январь", not the genitive "января")."""
    sunday_first = [6, 0, 1, 2, 3, 4, 5]  # Babel numbers days from Monday, d3 from Sunday
    lang = locale_of(lang)  # type: ignore[assignment]
    days = get_day_names("wide", context="stand-alone", locale=lang)
    short_days = get_day_names("abbreviated", context="stand-alone", locale=lang)
    months = get_month_names("wide", context="stand-alone", locale=lang)
    short_months = get_month_names("abbreviated", context="stand-alone", locale=lang)
    periods = get_period_names("abbreviated", context="format", locale=lang)
    date = ldml_to_d3(get_date_format("medium", locale=lang).pattern)
    time = ldml_to_d3(get_time_format("medium", locale=lang).pattern)
    return {
        "dateTime": get_datetime_format("medium", locale=lang).replace("{1}", date)
                                                              .replace("{0}", time),
        "date": ldml_to_d3(get_date_format("short", locale=lang).pattern),
        "time": time,
        "periods": [periods["am"], periods["pm"]],
        "days": [days[i] for i in sunday_first],
        "shortDays": [short_days[i] for i in sunday_first],
        "months": [months[i] for i in range(1, 13)],
        "shortMonths": [short_months[i] for i in range(1, 13)],
    }
