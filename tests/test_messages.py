"""UI-string catalogs: the theme's messages.pot lists exactly the strings its templates use
and its catalogs translate all of them; a site's catalogs hold its own strings (and the
theme's, for a language the theme lacks); `python build.py messages` makes and updates them."""

from __future__ import annotations

import gettext
import re

import pytest
from babel.messages.pofile import read_po

from conftest import REPO, TINY, renamed_language, write_files
from reportsite.core.i18n import locale_of
from reportsite.commands.messages import site_template
from reportsite.core.layout import THEME
from reportsite.core.errors import Report
from reportsite.load.catalogs import load_catalogs, theme_messages, theme_template_messages

THEME_LOCALES = THEME / "locales"


def catalog(path):
    with path.open("rb") as f:
        return read_po(f)


def ids(messages) -> set[str]:
    return {m.id for m in messages if m.id}


def translated(path) -> dict[str, str]:
    return {m.id: m.string for m in catalog(path) if m.id and m.string and not m.fuzzy}


def test_theme_messages_pot_is_current():
    """If this fails, run `make theme-messages` and translate the new entries."""
    assert ids(catalog(THEME_LOCALES / "messages.pot")) == ids(theme_template_messages())


THEME_LANGUAGES = {"kk", "ru", "uz", "uz-Cyrl", "ky", "tg", "tk", "tr", "de", "fr"}
NEW_LANGUAGES = THEME_LANGUAGES - {"kk", "ru"}  # awaiting review by a native speaker


def test_every_theme_catalog_translates_every_message_of_messages_pot():
    """If this fails after adding a string to the theme: `make theme-messages`, then give
    every catalog its translation (README: Adding a UI string)."""
    pot = ids(catalog(THEME_LOCALES / "messages.pot"))
    assert {p.stem for p in THEME_LOCALES.glob("*.po")} == THEME_LANGUAGES  # en: the msgids
    for lang in THEME_LANGUAGES:
        assert set(translated(THEME_LOCALES / f"{lang}.po")) == pot, lang


def test_theme_translations_keep_every_placeholder():
    for lang in THEME_LANGUAGES:
        for message, text in translated(THEME_LOCALES / f"{lang}.po").items():
            assert sorted(re.findall(r"%\((\w+)\)s", text)) == sorted(
                re.findall(r"%\((\w+)\)s", message)), (lang, message)
            assert "%" not in re.sub(r"%\(\w+\)s", "", text), (lang, text)


@pytest.mark.parametrize("lang", sorted(THEME_LANGUAGES))
def test_theme_catalogs_have_cldr_plural_forms(lang):
    """Plural-Forms tells whole numbers apart exactly as CLDR's plural rules do: each form
    is one CLDR category (gettext counts whole numbers only)."""
    header = catalog(THEME_LOCALES / f"{lang}.po").plural_forms
    count, expression = re.match(r"nplurals=(\d+); plural=(.*);$", header).groups()
    form = gettext.c2py(expression)
    rule = locale_of(lang).plural_form
    pairs = {(form(n), rule(n)) for n in [*range(0, 2001), 10 ** 6, 2 * 10 ** 6, 10 ** 7]}
    assert len({f for f, _ in pairs}) == len({c for _, c in pairs}) == len(pairs) == int(count)


# Strings in tight places (the header, labels, table headings, download links): a translation
# at most twice as long as the English, or 10 characters longer (tests/test_browser.py looks).
TIGHT = ["Search", "Contents", "Download:", "data (CSV)", "chart (SVG)", "chart (PNG)",
         "Table %(n)s", "Chart %(n)s", "Figure %(n)s", "Field", "Meaning", "Type", "Values",
         "File", "Size, bytes", "Skip to content", "Results: %(count)s", "Keywords", "Language"]


def test_theme_translations_fit_where_the_layout_is_tight():
    for lang in THEME_LANGUAGES:
        texts = translated(THEME_LOCALES / f"{lang}.po")
        for message in TIGHT:
            limit = max(2 * len(message), len(message) + 10)
            assert len(texts[message]) <= limit, (lang, texts[message])


def test_new_catalogs_await_a_native_speakers_review_and_the_readme_lists_them():
    readme = (REPO / "README.md").read_text()
    for lang in NEW_LANGUAGES:
        head = (THEME_LOCALES / f"{lang}.po").read_text().split('msgid ""')[0]
        assert "AWAITING REVIEW BY A NATIVE SPEAKER" in head, lang
        assert f"`{lang}`" in readme, lang


def test_theme_translations_are_not_english():
    """A copied English string is 'translated' to gettext, but not to a reader: only words
    that are the same in the language may match."""
    same = {"fr": {"Type", "Version %(version)s, %(date)s", "Figure %(n)s", "Page %(number)s",
                   "p. %(page)s", "vol. %(volume)s", "Notes"},
            "de": {"Downloads", "Version %(version)s, %(date)s", "Online:"}}
    for lang in THEME_LANGUAGES:
        for message, text in translated(THEME_LOCALES / f"{lang}.po").items():
            assert text != message or message in same.get(lang, set()), (lang, message)


def test_the_sites_catalogs_are_not_english():
    for path in (REPO / "locales/kk.po", REPO / "locales/ru.po"):
        assert all(text != message for message, text in translated(path).items()), path


def test_the_article_site_translates_exactly_its_own_strings():
    own = ids(site_template(REPO, with_theme=False))
    assert "Share of respondents" in own and "Contents" not in own
    for lang in ("kk", "ru"):
        assert set(translated(REPO / f"locales/{lang}.po")) == own, lang
    assert not (REPO / "locales/en.po").exists()


def test_the_fixture_translates_the_theme_into_french_and_german():
    needed = ids(site_template(TINY, with_theme=True))
    assert "Contents" in needed
    for lang in ("fr", "de"):
        assert set(translated(TINY / f"locales/{lang}.po")) == needed, lang
    assert translated(TINY / "locales/de.po")["Table %(n)s"] == "Tabelle %(n)s"


def test_messages_creates_updates_and_reports(make_site, run):
    root = make_site({"locales/de.po": None,
                      "charts/harvest.py": (TINY / "charts/harvest.py").read_text().replace(
                          'description=ctx.dataset("harvest").titles[ctx.lang]',
                          'description=ctx._("Harvest by crop, in kilograms")')})
    code, out, _ = run("messages", "--root", root, "--lang", "de")
    assert code == 0
    created = catalog(root / "locales/de.po")  # the theme speaks German: only the site's own
    assert ids(created) == {"Harvest by crop, in kilograms"}
    assert out.splitlines()[0] == "locales/de.po: 1 message(s), 1 to translate:"
    # French keeps its translations (overrides of the theme's) and gains the chart string.
    code, out, _ = run("messages", "--root", root)
    assert code == 0
    french = catalog(root / "locales/fr.po")
    assert french.get("Contents").string == "Sommaire"
    assert french.get("Harvest by crop, in kilograms").string == ""
    theme = len(ids(catalog(THEME / "locales" / "messages.pot")))
    assert f"locales/fr.po: {theme + 1} message(s), 1 to translate:" in out.splitlines()
    assert "en: message ids are English; no catalog needed" in out.splitlines()


def test_messages_for_a_language_the_theme_lacks_holds_what_the_site_shows(make_site, run):
    """Italian: the theme's strings that a file of this site shows, found by rendering it;
    no article page, so no PDF string."""
    root = renamed_language(make_site(), "de", "it")
    code, out, _ = run("messages", "--root", root, "--lang", "it")
    assert code == 0
    made = ids(catalog(root / "locales/it.po"))
    assert {"Table %(n)s", "Search", "Page not found", "Codebook"} <= made
    assert not made & {"Contents", "Page %(number)s", "Abstract", "Keywords"}
    assert out.splitlines()[0] == (f"locales/it.po: {len(made)} message(s), {len(made)} to "
                                   "translate:")
    assert not (root / "site").exists()  # it renders, writing nothing but the cache


def test_messages_refuses_a_language_the_site_does_not_have(make_site, run):
    root = make_site()
    code, _, err = run("messages", "--root", root, "--lang", "uz")
    assert code == 1
    assert err.splitlines()[0] == ("error: site.yaml: 'uz' is not one of the site's languages "
                                   "(fr, de, en); add it to languages first")


def test_a_site_template_string_goes_into_the_site_catalog(make_site, run):
    root = make_site()
    write_files(root, {"templates/page.html": "{% extends 'theme/page.html' %}\n"
                                              "{% block footer %}{{ _('Imprint') }}{% endblock %}\n"})
    assert run("messages", "--root", root)[0] == 0
    entry = catalog(root / "locales/fr.po").get("Imprint")
    assert entry is not None and entry.locations == [("templates/page.html", 2)]


# --- every translator entry is kept; a broken catalog is not rewritten (issue 26) ---------

def _real_site(make_site):
    """A copy of this repository's site folder (kk, ru, en: languages the theme speaks)."""
    return make_site(base=REPO)


def test_messages_keeps_a_sites_override_of_a_theme_string(make_site, run):
    root = _real_site(make_site)
    po = root / "locales/kk.po"
    po.write_text(po.read_text(encoding="utf-8") + '\n#: site override\nmsgid "Contents"\n'
                  'msgstr "Баяндама мазмұны"\n', encoding="utf-8")
    code, out, err = run("messages", "--root", root, "--lang", "kk")
    assert code == 0, err
    entry = catalog(po).get("Contents")
    assert entry is not None and entry.string == "Баяндама мазмұны" and not entry.fuzzy
    assert entry.locations == [theme_messages()["Contents"]]  # where the theme uses it
    report = Report(strict=True)  # and the build takes it, with nothing left to translate
    strings = load_catalogs(root, ("kk", "ru", "en"), report)
    assert strings["kk"].gettext("Contents") == "Баяндама мазмұны"
    assert report.errors == [] and report.warnings == []


def test_messages_keeps_translations_whose_message_left_the_site_as_obsolete(make_site, run):
    root = _real_site(make_site)
    po = root / "locales/kk.po"
    po.write_text(po.read_text(encoding="utf-8") + '\n#: charts/old_chart.py:3\n'
                  'msgid "Migrants by year"\nmsgstr "Жылдар бойынша мигранттар"\n',
                  encoding="utf-8")
    assert run("messages", "--root", root, "--lang", "kk")[0] == 0
    assert catalog(po).get("Migrants by year") is None  # not an active entry any more
    text = po.read_text(encoding="utf-8")
    assert '#~ msgid "Migrants by year"\n#~ msgstr "Жылдар бойынша мигранттар"\n' in text
    again = po.read_bytes()
    assert run("messages", "--root", root, "--lang", "kk")[0] == 0
    assert po.read_bytes() == again  # kept as it is, run after run


def test_messages_refuses_a_catalog_the_build_refuses_and_writes_nothing(make_site, run):
    root = make_site()
    broken = (TINY / "locales/de.po").read_text(encoding="utf-8").replace(
        'msgid "Contents"\nmsgstr "Inhalt"\n', 'msgid "Contents"\n\nmsgid "Search"\nmsgstr "Suche"\n', 1)
    write_files(root, {"locales/de.po": broken})
    before = {p.name: p.read_bytes() for p in (root / "locales").iterdir()}
    build_code, _, build_err = run("check", "--root", root)
    code, out, err = run("messages", "--root", root)
    assert build_code == code == 1 and out == ""
    assert err == build_err  # the build's own error, file:line
    line = broken[:broken.index('msgid "Contents"\n\n')].count("\n") + 1  # its msgid
    assert err.splitlines() == [
        f"error: locales/de.po:{line}: not a valid gettext catalog: missing msgstr for msgid "
        "'contents': ''; every entry is '#' comments, msgid \"...\" and msgstr \"...\"",
        "1 error(s); nothing was written"]
    assert {p.name: p.read_bytes() for p in (root / "locales").iterdir()} == before


def test_messages_on_a_full_disk_says_which_catalogs_were_written(make_site, run, monkeypatch):
    """A catalog is written whole or not at all; the message names the file that failed and
    the ones already updated (issue 26, item 7)."""
    import errno
    import os

    import reportsite.commands.messages as messages

    root = make_site()
    before = {p.name: p.read_bytes() for p in (root / "locales").iterdir()}
    real_write = messages.write_file

    def full_after_one(path, data):
        if path.name == "de.po":  # fr.po comes first (site.yaml's order): it is written
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real_write(path, data)

    monkeypatch.setattr(messages, "write_file", full_after_one)
    code, out, err = run("messages", "--root", root)
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"error: {root / 'locales/de.po'}: No space left on device; the disk is full: free some "
        "space, or work on a copy of the site folder on another disk",
        "1 error(s); locales/fr.po was updated; no other file was"]
    assert (root / "locales/de.po").read_bytes() == before["de.po"]
    assert sorted(p.name for p in (root / "locales").iterdir()) == sorted(before)


def test_new_on_a_read_only_disk_says_where_and_what_is_left(tmp_path, run, monkeypatch):
    import errno
    import os
    from pathlib import Path

    real_write_text = Path.write_text
    count = []

    def read_only_after_two(self, *args, **kwargs):
        count.append(self)
        if len(count) > 2:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS), str(self))
        return real_write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", read_only_after_two)
    folder = tmp_path / "report"
    code, out, err = run("new", str(folder))
    assert code == 1 and out == ""
    assert err.splitlines() == [
        f"error: {count[2]}: Read-only file system; the file system is read-only: choose "
        "another folder (on another disk)",
        f"1 error(s); {folder} is partly written: remove it, then run new again"]
