"""site.yaml becomes a frozen SiteConfig; every field is checked."""

import dataclasses
import datetime

import pytest

from reportsite.core.errors import Report, SiteErrors
from reportsite.load.config import SiteConfig, read_config
from reportsite.load.records import NO_ARTICLE

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
    assert config.date == datetime.date(2026, 11, 24) == config.edition.date
    assert config.version == "0.1.0" == config.edition.version
    assert config.base_url is None and config.edition.doi is None
    # The source states no journal, date, DOI or licence: nothing of the article is known,
    # and the licence is only offered.
    assert config.article == NO_ARTICLE and not config.article.published
    assert config.license.confirmed is False
    assert [dict(a.institution) for a in config.authors] == [
        {"kk": "әл-Фараби атындағы Қазақ Ұлттық Университеті",
         "ru": "Казахский национальный университет имени аль-Фараби",
         "en": "Al-Farabi Kazakh National University"},
        {"kk": "Қазақ Ұлттық Аграрлық зерттеу университеті",
         "ru": "Казахский национальный аграрный исследовательский университет",
         "en": "Kazakh National Agrarian Research University"}]
    assert [c.version for c in config.edition.changelog] == ["0.1.0"]


def test_each_institution_is_named_in_its_authors_affiliation_line(article):
    """The institution alone is the university the source's affiliation line names (in
    the nominative where the line has the genitive): its distinctive words appear there."""
    config = load_config(REPO, Report())
    for author in config.authors:
        for lang in config.languages:
            line = author.affiliation[lang].lower()
            stems = [w[:5] for w in author.institution[lang].lower().split() if len(w) > 3]
            assert all(stem in line for stem in stems), (lang, author.institution[lang])
            assert author.institution[lang] != author.affiliation[lang]
    assert "Al-Farabi Kazakh National University" in article
    assert "Kazakh National Agrarian Research" in article


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


ARTICLE = """article:
  journal: {fr: Revue du jardin, de: Gartenzeitschrift, en: Garden Review}
  volume: 12
  issue: 2(45)
  pages: 195–210
  issn: 2617-8893
  publisher: Éditions du jardin
  date: 2025-03-31
  doi: 10.1234/garden.5
  url: https://journal.example/garden/12
"""


def test_optional_fields_are_read(make_site):
    root = make_site()
    text = (root / "site.yaml").read_text().replace(
        '  date: 2024-05-01\n', '  date: 2024-05-01\n  doi: 10.5281/zenodo.42\n') + (
        "base_url: https://example.org/garden/\nlicense_confirmed: true\n" + ARTICLE)
    (root / "site.yaml").write_text(text)
    config = load_config(root, Report())
    assert config.base_url == "https://example.org/garden/"
    assert config.edition.doi == "10.5281/zenodo.42"
    assert config.license.url == "https://creativecommons.org/publicdomain/zero/1.0/"
    assert config.license.confirmed is True
    article = config.article
    assert article.journal["de"] == "Gartenzeitschrift"
    assert (article.volume, article.issue, article.pages) == ("12", "2(45)", "195–210")
    assert (article.first_page, article.last_page) == ("195", "210")
    assert article.issn == "2617-8893" and article.doi == "10.1234/garden.5"
    assert dict(article.publisher) == {lang: "Éditions du jardin" for lang in ("fr", "de", "en")}
    assert (article.date, article.year) == (datetime.date(2025, 3, 31), 2025)
    assert article.url == "https://journal.example/garden/12" and article.published


def test_an_article_known_by_its_year_alone(make_site):
    root = make_site()
    (root / "site.yaml").write_text((root / "site.yaml").read_text()
                                    + "article:\n  date: 2025\n  pages: e1234\n")
    article = load_config(root, Report()).article
    assert (article.date, article.year, article.first_page, article.last_page) == (
        None, 2025, "e1234", None)


def test_every_key_of_a_new_site_yaml_is_valid_when_uncommented(tmp_path, run):
    """build.py new writes the optional keys commented out: each, uncommented, is read."""
    assert run("new", tmp_path / "fresh", "--languages", "kk,ru,en")[0] == 0
    text = (tmp_path / "fresh" / "site.yaml").read_text()
    lines = []
    for line in text.splitlines():
        bare = line.lstrip()
        if bare.startswith("# ") and ":" in bare and not bare.startswith("# The") \
                and not bare.startswith("# Every") and not bare.startswith("# known") \
                and not bare.startswith("#  "):
            line = line[: len(line) - len(bare)] + bare[2:]
        elif bare.startswith("#   ") or bare.startswith("#     ") or bare.startswith("#       "):
            line = line[: len(line) - len(bare)] + bare[2:]
        lines.append(line)
    (tmp_path / "fresh" / "site.yaml").write_text("\n".join(lines) + "\n")
    config = load_config(tmp_path / "fresh", Report())
    assert config.subtitle is not None and config.authors[0].institution is not None
    assert config.article.journal is not None and config.article.issn == "2617-8893"
    assert config.edition.doi and config.edition.changelog and config.license.confirmed


def test_all_problems_are_reported_together(make_site):
    root = make_site()
    text = (root / "site.yaml").read_text().replace('version: "1.2.0"', "version: 1.2")
    (root / "site.yaml").write_text(text.replace("date: 2024-05-01", "date: soon") + "colour: red\n")
    with pytest.raises(SiteErrors) as e:
        load_config(root, Report())
    assert [str(x) for x in e.value.errors] == [
        "site.yaml:24: colour: unknown key 'colour' (expected one of: article, authors, "
        "base_url, edition, keywords, languages, license, license_confirmed, slug, subtitle, "
        "title, translation)",
        "site.yaml:20: edition.version: write the version as text in quotes, e.g. \"1.2\"",
        "site.yaml:21: edition.date: expected a date written YYYY-MM-DD, got 'soon'",
    ]


@pytest.mark.parametrize("key, value, message", [
    ("orcid", "０000-0002-1825-0097", "authors[0].orcid: expected an ORCID iD like "
     "0000-0002-1825-0097, got '０000-0002-1825-0097'"),
])
def test_identifiers_take_ascii_digits_only(make_site, key, value, message):
    """Python's \\d matches every script's digits; an ORCID iD or a DOI does not."""
    root = make_site()
    text = (root / "site.yaml").read_text().replace(
        "    email: camille@example.org\n", f"    email: camille@example.org\n    {key}: {value}\n")
    (root / "site.yaml").write_text(text)
    report = Report()
    with pytest.raises(SiteErrors):
        load_config(root, report)
    assert [e.message for e in report.errors] == [message]


def test_a_doi_takes_ascii_digits_only():
    from reportsite.load.records import DOI_RE, ISSN_RE
    assert DOI_RE.match("10.5281/zenodo.42") and not DOI_RE.match("10.５２８１/zenodo.42")
    assert ISSN_RE.match("2617-8893") and not ISSN_RE.match("２617-8893")


def load_config(root, report: Report) -> SiteConfig:
    """Read root/site.yaml; record every problem in report and raise if there were any."""
    _, config = read_config(root, report)
    report.raise_if_errors()
    assert config is not None
    return config
