"""Babel: locale formatting, CLDR language names, and d3 locales derived from CLDR."""

from __future__ import annotations

import copy
import datetime
import re
from dataclasses import dataclass

from babel import Locale
from babel.core import get_global
from babel.dates import (format_date, get_date_format, get_datetime_format, get_day_names,
                         get_month_names, get_period_names, get_time_format)
from babel.numbers import (NumberPattern, format_decimal, get_currency_symbol,
                           get_territory_currencies)
from babel.units import format_unit

NUMBER_RANGE = "{0}–{1}"  # CLDR's numbers/miscPatterns/range of the theme's languages


@dataclass(frozen=True)
class Formatter:
    """Number, percent and date formatting for one language, from CLDR."""

    lang: str

    def number(self, value: float, digits: int | None = None) -> str:
        """150000 -> '150 000' (kk, ru; no-break space) or '150,000' (en).

        digits fixes the number of decimals; by default CLDR's pattern decides (up to 3).
        """
        if digits is None:
            return format_decimal(value, locale=self.lang)
        return _with_decimals(Locale.parse(self.lang).decimal_formats[None], digits) \
            .apply(value, self.lang)

    def percent(self, value: float, digits: int = 0) -> str:
        """A value in percent (45, not 0.45) -> '45%' (kk, en) or '45 %' (ru)."""
        pattern = _with_decimals(Locale.parse(self.lang).percent_formats[None], digits)
        return pattern.apply(value / 100, self.lang)

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
        return format_date(value, format=style, locale=self.lang)

    def file_size(self, size: int) -> str:
        """A file's size in bytes as readers see it: '105 kB' (en), '105 кБ' (kk, ru)."""
        value, unit = shown_size(size)
        return format_unit(value, unit, length="short", locale=self.lang)


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
    """A language's name in itself, capitalised as a label: 'Қазақ тілі', 'Русский'."""
    name = Locale.parse(code).get_display_name(code) or code
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
    return Locale.parse(lang).territories.get(code, code)


def english_name(code: str) -> str:
    """A language's English name, from CLDR: 'kk' -> 'Kazakh'."""
    return Locale.parse("en").languages.get(code, code)


def language_name(code: str, in_lang: str) -> str:
    """A language's name in another language, in running text: 'казахский', 'Kazakh'."""
    return Locale.parse(in_lang).languages.get(code, code)


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
    locale = Locale.parse(lang)
    symbols = locale.number_symbols["latn"]
    decimal = locale.decimal_formats[None]
    percent = locale.percent_formats[None].pattern
    territory = locale.territory or get_global("likely_subtags").get(lang, "").split("_")[-1]
    symbol = get_currency_symbol(get_territory_currencies(territory)[0], locale=lang)
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
