"""Locale formatting and language names come from CLDR through Babel."""

import datetime

import pytest

from reportsite.core.i18n import Formatter, language_name, native_name

NBSP = "\u00a0"


@pytest.mark.parametrize("lang, expected", [("kk", f"150{NBSP}000"), ("ru", f"150{NBSP}000"),
                                            ("en", "150,000")])
def test_numbers_group_thousands_per_language(lang, expected):
    assert Formatter(lang).number(150000) == expected


def test_number_digits_are_fixed():
    assert Formatter("ru").number(1234.5, digits=1) == f"1{NBSP}234,5"
    assert Formatter("en").number(1234.5, digits=2) == "1,234.50"
    assert Formatter("en").number(1234.5, digits=0) == "1,234"


@pytest.mark.parametrize("lang, expected", [("kk", "45%"), ("ru", f"45{NBSP}%"), ("en", "45%")])
def test_percent_takes_percent_units(lang, expected):
    assert Formatter(lang).percent(45) == expected


def test_percent_digits_keep_the_locale_pattern():
    assert Formatter("en").percent(12.5, digits=1) == "12.5%"
    assert Formatter("ru").percent(12.5, digits=1) == f"12,5{NBSP}%"


@pytest.mark.parametrize("lang, numbers, percents", [
    ("kk", f"1{NBSP}000–150{NBSP}000", "25–35%"), ("ru", f"1{NBSP}000–150{NBSP}000", f"25–35{NBSP}%"),
    ("en", "1,000–150,000", "25–35%"), ("de", "1.000–150.000", f"25–35{NBSP}%"),
    ("tr", "1.000–150.000", "%25–35")])
def test_a_range_is_two_numbers_of_the_language_and_its_unit_once(lang, numbers, percents):
    """Each end formatted by Babel, joined by CLDR's range pattern; a percent sign once,
    on the side the language puts it (Turkish before the number)."""
    fmt = Formatter(lang)
    assert fmt.range_of(fmt.number(1000), fmt.number(150000)) == numbers
    assert fmt.percent_range(25, 35) == percents


@pytest.mark.parametrize("lang, expected", [("kk", "2026\u202fж. 24 қараша"),
                                            ("ru", "24 ноября 2026\u202fг."),
                                            ("en", "November 24, 2026")])
def test_dates_are_long_and_localized(lang, expected):
    assert Formatter(lang).date(datetime.date(2026, 11, 24)) == expected


def test_native_names_are_capitalised_labels():
    assert [native_name(code) for code in ("kk", "ru", "en")] == ["Қазақ тілі", "Русский", "English"]


def test_language_names_in_running_text():
    assert language_name("kk", "ru") == "казахский"
    assert language_name("kk", "en") == "Kazakh"
    assert language_name("ru", "kk") == "орыс тілі"
