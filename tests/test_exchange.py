"""A page's segments through translation tools and back: XLIFF 2.0 and PO export, import
that writes each segment in place (byte-identical when nothing changed), refuses changed
numbers and broken shortcodes with the imported file's line, and records what a tool
marks translated. The XLIFF is validated against the OASIS XLIFF 2.0 core schema."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import polib
import pytest
from lxml import etree

from conftest import REPO, missing, snapshot

NS = {"x": "urn:oasis:names:tc:xliff:document:2.0"}
# Debian's php-symfony-translation ships the OASIS schema; make test puts it here.
SCHEMA = Path(os.environ.get("XLIFF_SCHEMA") or REPO / ".venv/xliff-schema/xliff-core-2.0.xsd")


@pytest.fixture
def real_copy(tmp_path: Path) -> Path:
    """A scratch copy of this site's folder (its pages, data, charts, catalogs, records)."""
    root = tmp_path / "real"
    root.mkdir()
    shutil.copy(REPO / "site.yaml", root)
    for name in ("content", "data", "charts", "locales", "translations"):
        shutil.copytree(REPO / name, root / name)
    return root


def xliff_schema() -> etree.XMLSchema:
    """The OASIS XLIFF 2.0 core schema (it imports xml.xsd from beside it)."""
    if not SCHEMA.is_file():
        missing(f"{SCHEMA} is missing", "make test extracts it from Debian's "
                "php-symfony-translation (Makefile: .xliff-schema)")
    return etree.XMLSchema(etree.parse(str(SCHEMA)))


def export(run, root: Path, page: str, lang: str, form: str) -> Path:
    path = root.parent / f"{page}-{lang}.{'xlf' if form == 'xliff' else 'po'}"
    code, out, err = run("translations", "export", page, "--lang", lang, "--format", form,
                         "-o", path, "--root", root)
    assert code == 0, err
    return path


@pytest.mark.parametrize("form", ["xliff", "po"])
def test_export_then_import_unchanged_is_byte_identical(real_copy, run, form):
    before = snapshot(real_copy)
    for page in ("index", "article", "data", "cite"):
        for lang in ("ru", "en"):
            path = export(run, real_copy, page, lang, form)
            code, out, err = run("translations", "import", path, "--root", real_copy)
            assert (code, err) == (0, ""), err
            assert out == f"content/{lang}/{page}.md: unchanged\n"
    assert snapshot(real_copy) == before


def test_the_exported_xliff_is_xliff_2_0_with_protected_codes(real_copy, run):
    schema = xliff_schema()
    for page in ("index", "article", "data", "cite"):
        for lang in ("ru", "en"):
            document = etree.parse(str(export(run, real_copy, page, lang, "xliff")))
            assert schema.validate(document), (page, lang, schema.error_log)
    document = etree.parse(str(export(run, real_copy, "index", "ru", "xliff")))
    root = document.getroot()
    assert (root.get("srcLang"), root.get("trgLang")) == ("kk", "ru")
    unit = root.find(".//x:unit[@name='key-findings.1']", NS)
    data = {d.get("id"): d.text for d in unit.iterfind(".//x:data", NS)}
    source = unit.find(".//x:source", NS)
    # The shortcodes are placeholders that may not be deleted; the link a pair around words.
    shortcodes = [data[ph.get("dataRef")] for ph in source.iterfind("x:ph", NS)]
    assert shortcodes[0] == '{{ value("key_figures", "almaty_population_growth", "value") }}'
    assert {ph.get("canDelete") for ph in source.iterfind("x:ph", NS)} == {"no"}
    link = source.find("x:pc", NS)
    assert (data[link.get("dataRefStart")], link.text, data[link.get("dataRefEnd")]) == (
        "[", "Нәтижелер мен талқылаулар", "](article.html#results)")
    assert "{{" not in "".join(source.itertext())  # no shortcode left in the words
    target = unit.find(".//x:target", NS)
    assert [ph.get("id") for ph in target.iterfind("x:ph", NS)] == \
        [ph.get("id") for ph in source.iterfind("x:ph", NS)]
    assert unit.find(".//x:segment", NS).get("state") == "translated"
    # The page's chart strings, from the original's catalog to the translation's.
    chart = root.find(".//x:unit[@name='chart:Share of respondents']", NS)
    assert chart.find(".//x:source", NS).text == "Респонденттердің үлесі"
    assert chart.find(".//x:target", NS).text == "Доля респондентов"


def _set_target(path: Path, name: str, edit, state: str | None = None) -> int:
    """Edit one unit's target in an XLIFF file (edit: the target element -> None); its line."""
    document = etree.parse(str(path))
    unit = document.getroot().find(f".//x:unit[@name='{name}']", NS)
    edit(unit.find(".//x:target", NS))
    if state:
        segment = unit.find(".//x:segment", NS)
        segment.set("state", state)
        segment.attrib.pop("subState", None)
    document.write(str(path), xml_declaration=True, encoding="UTF-8")
    return unit.find(".//x:target", NS).sourceline


def test_a_changed_number_is_refused_with_its_line(make_site, run):
    root = make_site()
    before = snapshot(root)
    path = export(run, root, "index", "de", "xliff")

    def renumber(target):
        target.text = target.text.replace("1200", "1250")
    _set_target(path, "garden.1", renumber)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1) if "1250" in text)
    code, _, err = run("translations", "import", path, "--root", root)
    assert code == 1
    assert err.splitlines() == [
        f"error: {path}:{line}: garden.1: its numbers differ from the original's "
        "(content/fr/index.md:8): missing 1200; extra 1250; keep them as the original has "
        "them", "1 error(s); nothing was written"]
    assert snapshot(root) == before


def test_a_broken_shortcode_is_refused_with_its_line(make_site, run):
    root = make_site()
    before = snapshot(root)
    path = export(run, root, "data", "en", "po")
    po = polib.pofile(str(path))
    entry = po.find("harvest.1", by="msgctxt")
    entry.msgstr = entry.msgstr.replace('"weight") }}', '"weight") }')
    po.save(str(path))
    line = polib.pofile(str(path)).find("harvest.1", by="msgctxt").linenum
    code, _, err = run("translations", "import", path, "--root", root)
    assert code == 1
    assert err.splitlines()[0].startswith(
        f"error: {path}:{line}: harvest.1: its shortcodes differ from the original's "
        "(content/fr/data.md:7): missing {{ ref(\"tbl-harvest\") }}, {{ value(\"harvest\", "
        "\"tomato\", \"weight\") }}; extra {{ value(\"harvest\", \"tomato\", \"weight\") } kg "
        "of tomatoes ({{ ref(\"tbl-harvest\") }}; keep them as the original has them")

    path = export(run, root, "data", "en", "xliff")
    _set_target(path, "harvest.1", lambda target: target.remove(target.find("x:ph", NS)))
    code, _, err = run("translations", "import", path, "--root", root)
    assert code == 1 and "harvest.1: its shortcodes differ" in err
    assert "missing {{ value(\"harvest\", \"tomato\", \"weight\") }}; extra none" in err
    assert snapshot(root) == before


def test_a_reviewed_segment_is_written_in_place_and_accepted(make_site, run):
    root = make_site()
    original = root / "content/fr/index.md"
    original.write_text(original.read_text().replace("1200 bulbes", "1300 bulbes"))
    page = root / "content/de/index.md"
    page_before = page.read_text()
    path = export(run, root, "index", "de", "xliff")
    unit = etree.parse(str(path)).getroot().find(".//x:unit[@name='garden.1']", NS)
    segment = unit.find(".//x:segment", NS)
    assert (segment.get("state"), segment.get("subState")) == ("initial",
                                                               "reportsite:needs-review")
    assert unit.find("x:notes/x:note[@category='previous-source']", NS).text == \
        "Nous avons planté 1200 bulbes. Voir [les récoltes](harvest.html#yield)."

    def renumber(target):
        target.text = target.text.replace("1200", "1300")
    _set_target(path, "garden.1", renumber, state="translated")
    code, out, err = run("translations", "import", path, "--root", root)
    assert (code, err) == (0, "")
    assert out == ("content/de/index.md: 1 segment(s) written\n"
                   "translations/de/index.yaml: 1 segment(s) accepted\n")
    assert page.read_text() == page_before.replace("1200 Zwiebeln", "1300 Zwiebeln")
    rows = run("translations", "--root", root)[1].splitlines()
    assert rows[1].split() == ["index", "original", "current", "stale"]


def test_po_marks_a_changed_segment_fuzzy_with_the_previous_source(make_site, run):
    root = make_site()
    original = root / "content/fr/harvest.md"
    original.write_text(original.read_text().replace("Trois paniers", "Quatre paniers"))
    po = polib.pofile(str(export(run, root, "harvest", "en", "po")))
    entry = po.find("yield.1", by="msgctxt")
    assert entry.fuzzy and entry.msgstr == "Three baskets a week."
    assert (entry.msgid, entry.previous_msgid) == ("Quatre paniers par semaine.",
                                                   "Trois paniers par semaine.")
    assert not po.find("yield.0", by="msgctxt").fuzzy
    assert po.metadata["Language"] == "en" and po.metadata["X-Source-Language"] == "fr"
    assert "POT-Creation-Date" not in po.metadata  # the same page gives the same bytes
    entry.msgstr, entry.flags = "Four baskets a week.", ["md-text"]
    po.save(str(po.fpath))
    assert run("translations", "import", po.fpath, "--root", root)[0] == 0
    assert "Four baskets a week." in (root / "content/en/harvest.md").read_text()
    assert run("translations", "--root", root)[1].splitlines()[2].split() == [
        "harvest", "original", "stale", "current"]


def test_a_new_paragraph_of_the_original_is_added_by_import(make_site, run):
    root = make_site()
    original = root / "content/fr/harvest.md"
    original.write_text(original.read_text() + "\nEn été, davantage.\n")
    path = export(run, root, "harvest", "de", "xliff")
    document = etree.parse(str(path))
    unit = document.getroot().find(".//x:unit[@name='yield.2']", NS)
    segment = unit.find("x:segment", NS)
    assert (segment.get("subState"), segment.find("x:target", NS)) == ("reportsite:new", None)
    target = etree.SubElement(segment, f"{{{NS['x']}}}target")
    target.text = "Im Sommer mehr."
    segment.set("state", "translated")
    del segment.attrib["subState"]
    document.write(str(path), xml_declaration=True, encoding="UTF-8")
    assert run("translations", "import", path, "--root", root)[0] == 0
    assert (root / "content/de/harvest.md").read_text().endswith(
        "Drei Körbe pro Woche.\n\nIm Sommer mehr.\n")
    assert run("translations", "--root", root)[1].splitlines()[2].split() == [
        "harvest", "original", "current", "stale"]


def test_chart_strings_go_back_to_the_catalog(real_copy, run):
    path = export(run, real_copy, "index", "ru", "po")
    po = polib.pofile(str(path))
    entry = po.find("chart:Group", by="msgctxt")
    assert (entry.msgid, entry.occurrences[0][0]) == ("Топ", "charts/external_flows_2022.py")
    entry.msgstr = "Категория"
    po.save(str(path))
    code, out, _ = run("translations", "import", path, "--root", real_copy)
    assert code == 0 and "locales/ru.po: 1 chart string(s) written" in out
    catalog = polib.pofile(str(real_copy / "locales/ru.po"))
    assert catalog.find("Group").msgstr == "Категория"


def test_export_refuses_the_original_and_an_unknown_language(make_site, run):
    root = make_site()
    out = root.parent / "x.xlf"
    code, _, err = run("translations", "export", "index", "--lang", "fr", "--format", "xliff",
                       "-o", out, "--root", root)
    assert code == 1 and "'fr' is the original; only a translation can be exported" in err
    code, _, err = run("translations", "export", "index", "--lang", "uz", "--format", "po",
                       "-o", out, "--root", root)
    assert code == 1 and "'uz' is not a language of the site" in err
    assert not out.exists()


def test_a_missing_translation_starts_from_an_export(make_site, run):
    root = make_site({"content/de/harvest.md": None, "translations/de/harvest.yaml": None})
    path = export(run, root, "harvest", "de", "po")
    po = polib.pofile(str(path))
    assert [(e.msgctxt, e.msgstr) for e in po] == [
        ("title", ""), ("nav_title", ""), ("yield.0", ""), ("yield.1", "")]
    po.find("title", by="msgctxt").msgstr = "Ernte"
    po.save(str(path))
    code, _, err = run("translations", "import", path, "--root", root)
    assert code == 1 and "content/de/harvest.md does not exist yet, so every segment needs a " \
        "translation; 3 have none: nav_title, yield.0, yield.1" in err
    assert not (root / "content/de/harvest.md").exists()
    for context, text in (("nav_title", "Ernte"), ("yield.0", "Ertrag"),
                          ("yield.1", "Drei Körbe pro Woche.")):
        po.find(context, by="msgctxt").msgstr = text
    po.save(str(path))
    code, out, err = run("translations", "import", path, "--root", root)
    assert (code, err) == (0, "")
    assert (root / "content/de/harvest.md").read_text() == (
        '---\ntitle: "Ernte"\nnav_title: "Ernte"\norder: 2\n---\n## Ertrag {#yield}\n\n'
        "Drei Körbe pro Woche.\n")
    assert out.splitlines()[-1] == "translations/de/harvest.yaml: accepted"
    assert run("translations", "--root", root)[1].splitlines()[2].split() == [
        "harvest", "original", "current", "current"]
