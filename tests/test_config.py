"""site.yaml becomes a frozen SiteConfig; every field is checked."""

import dataclasses
import datetime

import pytest

from reportsite.config import load_config
from reportsite.errors import Report, SiteErrors

from conftest import REPO


def test_the_real_site_yaml_loads():
    config = load_config(REPO, Report())
    assert config.languages == ("kk", "ru", "en")
    assert config.original == "kk"
    assert config.title["en"] == "Internal and external migration processes in Kazakhstan"
    assert [a.name["en"] for a in config.authors] == ["M.Sh. Nazarova", "A.B. Sarsenbayev"]
    assert [a.corresponding for a in config.authors] == [True, False]
    assert config.keywords["ru"][0] == "внутренняя и внешняя миграция"
    assert config.license.spdx == "CC-BY-4.0"
    assert config.date == datetime.date(2026, 11, 24)
    assert config.doi is None and config.base_url is None and config.journal is None


def test_config_is_frozen():
    config = load_config(REPO, Report())
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.version = "2"  # type: ignore[misc]
    with pytest.raises(TypeError):
        config.title["en"] = "x"  # type: ignore[index]


def test_a_single_string_name_applies_to_every_language(make_site):
    config = load_config(make_site(), Report())
    assert dict(config.authors[0].name) == {"fr": "Camille Martin", "de": "Camille Martin",
                                            "en": "Camille Martin"}


def test_optional_fields_are_read(make_site):
    root = make_site()
    text = (root / "site.yaml").read_text() + (
        "doi: 10.1234/garden.5\nbase_url: https://example.org/garden/\n"
        "journal: {fr: Revue, de: Zeitschrift, en: Journal}\n")
    (root / "site.yaml").write_text(text)
    config = load_config(root, Report())
    assert config.doi == "10.1234/garden.5"
    assert config.base_url == "https://example.org/garden/"
    assert config.journal["de"] == "Zeitschrift"
    assert config.license.url == "https://creativecommons.org/publicdomain/zero/1.0/"


def test_all_problems_are_reported_together(make_site):
    root = make_site()
    text = (root / "site.yaml").read_text().replace('version: "1.2.0"', "version: 1.2")
    (root / "site.yaml").write_text(text.replace("date: 2024-05-01", "date: soon") + "colour: red\n")
    with pytest.raises(SiteErrors) as e:
        load_config(root, Report())
    assert [str(x) for x in e.value.errors] == [
        "site.yaml:23: colour: unknown key 'colour' (expected one of: authors, base_url, date, "
        "doi, journal, keywords, languages, license, slug, subtitle, title, version)",
        "site.yaml:19: version: write the version as text in quotes, e.g. \"1.2\"",
        "site.yaml:20: date: expected a date written YYYY-MM-DD, got 'soon'",
    ]
