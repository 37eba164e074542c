"""The cite box: this article formatted by citeproc-py in GOST R 7.0.5-2008 and APA, from
the same records as the citation files, with the theme's Kazakh CSL locale."""

from __future__ import annotations

import re

import bibtexparser
import citeproc
import yaml
from babel import Locale
from babel.dates import get_month_names
from lxml import etree

from reportsite.render.citebox import THEME_LOCALES, csl_item, formatted, style_credits

CSL = {"cs": "http://purl.org/net/xbiblio/csl"}

# GOST R 7.0.5-2008, written out by hand from its rules, not from the generator: the
# heading names up to three authors, family name first, then the initials, each followed by
# a full stop and a space (the standard's own examples space them: "Куфаев М. Н."), the
# authors separated by commas; a full stop and a space; the title proper; ": " before the
# other title information (the subtitle); the reference ends in a full stop. Nothing else
# is known of this article (no journal, year, volume, pages, DOI; no base_url, so no URL
# and no "[Электронный ресурс]"), so nothing else is written.
GOST = {
    "ru": "Назарова М. Ш., Сарсенбаев А. Б. Внутренние и внешние миграционные процессы в "
          "Казахстане: механизмы политического управления, социально-экономические "
          "последствия и общественное мнение.",
    "kk": "Назарова М. Ш., Сарсенбаев А. Б. Қазақстандағы ішкі және сыртқы көші-қон "
          "үдерістері: саяси басқару тетіктері, әлеуметтік-экономикалық салдары және "
          "қоғамдық пікір.",
    "en": "Nazarova M. Sh., Sarsenbayev A. B. Internal and external migration processes in "
          "Kazakhstan: political management mechanisms, socio-economic consequences, and "
          "public opinion.",
}
# APA 7 (Publication Manual 9.8, 9.10, 10.1): "Family, I. I., & Family, I. I. (n.d.).
# Title in italics." — "n.d." in the page's language: "б. д." (CSL's Russian), the theme's
# Kazakh "жылы көрсетілмеген".
APA_NO_DATE = {"en": "(n.d.)", "ru": "(б. д.)", "kk": "(жылы көрсетілмеген)"}


def forms(site, lang):
    return {form.style: form for form in formatted(site.config, lang, None)}


def test_the_gost_string_of_this_article_is_the_hand_checked_one(real_site):
    site, _ = real_site
    for lang, expected in GOST.items():
        form = forms(site, lang)["gost-r-7-0-5-2008"]
        assert form.text == expected
        assert form.name == "GOST R 7.0.5-2008" and form.lang == lang


def test_apa_in_every_language(real_site):
    site, _ = real_site
    for lang, no_date in APA_NO_DATE.items():
        apa = forms(site, lang)["apa"]
        family = "Nazarova, M. Sh., & Sarsenbayev, A. B." if lang == "en" \
            else "Назарова, М. Ш., & Сарсенбаев, А. Б."
        assert apa.text == f"{family} {no_date}. {site.config.full_title(lang)}."
        assert f"<i>{site.config.full_title(lang)}</i>" in apa.html  # APA sets it in italics


def test_each_language_gets_its_usual_style_first(real_site):
    site, _ = real_site
    firsts = {lang: formatted(site.config, lang, None)[0].style for lang in ("kk", "ru", "en")}
    assert firsts == {"kk": "gost-r-7-0-5-2008", "ru": "gost-r-7-0-5-2008", "en": "apa"}


def test_the_kazakh_forms_use_no_english_term(real_site):
    """Every term the styles print comes from the theme's kk locale, not CSL's en-US."""
    site, _ = real_site
    for form in formatted(site.config, "kk", "https://example.org/kk/article.html"):
        words = re.sub(r"https?://\S+", "", form.text)
        assert not re.search(r"[A-Za-z]", words), form.text


def test_the_record_is_the_one_of_the_citation_files(real_site):
    """The CSL item and CITATION.cff / citation.bib name the same authors and titles."""
    site, outputs = real_site
    cff = yaml.safe_load(outputs.files["CITATION.cff"])["preferred-citation"]
    bib = {e.key: e for e in bibtexparser.parse_string(
        outputs.files["citation.bib"].decode()).entries}
    for lang in site.config.languages:
        item = csl_item(site.config, lang, None)
        entry = bib[f"kazakhstan-migration-{lang}"]
        assert item["title"] == entry["title"].strip("{}")
        assert " and ".join(f"{a['family']}, {a['given']}" for a in item["author"]) \
            == entry["author"]
    english = csl_item(site.config, "en", None)
    assert [(a["family"], a["given"]) for a in english["author"]] == \
        [(a["family-names"], a["given-names"]) for a in cff["authors"]]
    assert english["type"] == "article"  # no journal is known: not an article-journal
    assert not {"container-title", "issued", "DOI", "URL"} & set(english)


def test_journal_fields_are_the_originals_only(real_site):
    """With a journal, the original cites it; a translation does not claim it."""
    import dataclasses
    import datetime
    site, _ = real_site
    article = dataclasses.replace(site.config.article, journal={"kk": "Хабаршы", "ru": "Вестник",
                                                                "en": "Bulletin"},
                                  volume="3", issue="2", pages="10-20",
                                  date=datetime.date(2025, 3, 1), year=2025)
    config = dataclasses.replace(site.config, article=article)
    gost = {f.style: f for f in formatted(config, "kk", None)}["gost-r-7-0-5-2008"]
    assert gost.text.endswith("// Хабаршы. 2025. Т. 3. № 2. С. 10–20.")
    assert "Bulletin" not in csl_item(config, "en", None).values()


def test_the_kazakh_locale_is_valid_csl_and_agrees_with_cldr():
    """locales-kk-KZ.xml validates against CSL's schema (shipped with citeproc-py); its
    month names and its "and" are CLDR's Kazakh ones; it has every term the styles use."""
    path = THEME_LOCALES["kk"]
    schema = etree.RelaxNG(etree.parse(citeproc.SCHEMA_PATH))
    document = etree.parse(str(path))
    assert schema.validate(document), schema.error_log
    terms = {(t.get("name"), t.get("form", "long")): "".join(t.itertext()).strip()
             for t in document.iterfind(".//cs:term", CSL)}
    months = get_month_names("wide", "format", "kk")
    assert [terms[(f"month-{n:02d}", "long")] for n in range(1, 13)] == \
        [months[n] for n in range(1, 13)]
    assert Locale.parse("kk").list_patterns["standard"]["2"] == "{0} " + terms[("and", "long")] + " {1}"
    # GOST's terms (et-al, editor as a verb, accessed: the style defines them for en and
    # ru only) and those APA prints for an article like this one (no date, retrieved)
    asked = {("et-al", "long"), ("accessed", "long"), ("no date", "long"), ("no date", "short"),
             ("editor", "verb"), ("retrieved", "long"), ("and", "long")}
    assert asked <= set(terms)


def test_the_styles_are_credited(real_site):
    site, outputs = real_site
    notices = outputs.files["THIRD-PARTY-NOTICES.txt"].decode()
    for name, licence, text in style_credits():
        assert f"{name} ({licence})" in notices
        assert text in notices
    assert "Andrey Chetverikov" in notices and "Brenton M. Wiernik" in notices
    assert "Creative Commons Attribution-ShareAlike 3.0" in notices


def test_the_html_form_escapes_the_records_text(real_site):
    """citeproc-py passes an item's values into its HTML as they are: they are escaped
    first, so a title with markup shows as text (the plain form keeps it as written)."""
    import dataclasses
    from types import MappingProxyType
    site, _ = real_site
    title = dict(site.config.title) | {"en": "A <img src=x onerror=alert(1)> & b"}
    config = dataclasses.replace(site.config, title=MappingProxyType(title))
    for form in formatted(config, "en", "https://example.org/a?b=1&c=<2>"):
        assert "<img" not in form.html and "&lt;img src=x onerror=alert(1)&gt; &amp; b" in form.html
        assert "<img src=x onerror=alert(1)> & b" in form.text
