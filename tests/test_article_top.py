"""The article as scholars read it (issue 24): its top (abstract, keywords, the original's
title and the translation statement on a translation, other formats with sizes), notes,
citation and note previews, the cite box's copy button, the contents marking the section
in view, and the switcher carrying it — in real Chromium over file://, and in the PDF,
JATS and DataCite records."""

from __future__ import annotations

import io
import re

import pypdf
import pytest
from lxml import etree

from conftest import offline_pages, wait_until_shown
from test_citebox import GOST

LANGS = ("kk", "ru", "en")
ABSTRACT = {"kk": "Аңдатпа", "ru": "Аннотация", "en": "Abstract"}
KEYWORD = {"kk": "урбанизация", "ru": "урбанизация", "en": "urbanization"}
STATEMENT = {
    "ru": "Перевод с языка оригинала (казахский) выполнен для этого издания; аннотация "
          "написана авторами.",
    "en": "Translated from the Kazakh original for this edition; the abstract is the "
          "authors' own."}
# The opening words of each language's abstract (content/<lang>/index.md), written out.
ABSTRACT_START = {"kk": "Бұл мақалада Қазақстандағы ішкі және сыртқы көші-қон",
                  "ru": "В данной статье всесторонне рассматриваются",
                  "en": "This article comprehensively examines internal and external"}
NOTE_START = {"ru": "Примечание переводчика: в казахском оригинале буквально",
              "en": "Translator's note: the Kazakh original says literally"}
JATS = {"j": "http://www.w3.org/1999/xlink"}


@pytest.fixture(scope="module")
def browser(chromium):
    return chromium


@pytest.fixture
def page(browser):
    yield from offline_pages(browser)


def article_url(built, lang):
    return (built / lang / "article.html").as_uri()


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_article_opens_with_its_abstract_and_keywords(real_built, page, lang):
    page.goto(article_url(real_built, lang))
    wait_until_shown(page)
    abstract = page.locator(".article-abstract")
    assert abstract.locator("h2").inner_text() == ABSTRACT[lang]
    assert abstract.locator("p").first.inner_text().startswith(ABSTRACT_START[lang])
    assert abstract.is_visible()
    assert KEYWORD[lang] in page.locator(".article-keywords").inner_text()
    url = page.locator('meta[name="citation_abstract_html_url"]').get_attribute("content")
    assert url == "article.html#abstract" and page.locator("#abstract").count() == 1
    formats = page.locator(".other-formats li")
    assert formats.count() == 3  # the PDF, EPUB and JATS, each with its size
    for n in range(3):
        assert re.search(r"\d+\s*(kB|кБ|MB|МБ)", formats.nth(n).inner_text())
    assert page.locator(".other-formats a[type='application/jats+xml']").count() == 1
    statement = page.locator(".translation-statement")
    if lang == "kk":
        assert statement.count() == 0 and page.locator(".original-title").count() == 0
    else:
        assert statement.inner_text() == STATEMENT[lang]
        assert "Қазақстандағы ішкі және сыртқы" in page.locator(".original-title").inner_text()
    assert not page.problems


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_focusing_a_citation_shows_its_reference(real_built, page, lang):
    page.goto(article_url(real_built, lang))
    wait_until_shown(page)
    expected = " ".join(page.locator("#ref-10 > span").inner_text().split())
    mark = page.locator('.prose a.cite[href="#ref-10"]').first
    before = page.evaluate("() => document.querySelector('.prose').getBoundingClientRect().height")
    mark.focus()
    preview = page.locator(".preview")
    preview.wait_for(state="visible")
    assert expected in " ".join(preview.inner_text().split())
    assert preview.inner_text().startswith("10. ")
    assert mark.get_attribute("aria-describedby") == "preview"
    box, link = preview.bounding_box(), mark.bounding_box()
    assert box["y"] >= link["y"] + link["height"] or box["y"] + box["height"] <= link["y"]
    after = page.evaluate("() => document.querySelector('.prose').getBoundingClientRect().height")
    assert after == before  # it floats over the text
    page.keyboard.press("Escape")
    preview.wait_for(state="hidden")
    assert mark.get_attribute("aria-describedby") is None
    mark.hover()
    preview.wait_for(state="visible")
    assert not page.problems


@pytest.mark.browser
def test_a_tap_opens_the_preview_and_the_plain_link_works_without_script(real_built, browser):
    context = browser.new_context(has_touch=True, is_mobile=True,
                                  viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(article_url(real_built, "en"))
    wait_until_shown(page)
    mark = page.locator('.prose a.cite[href="#ref-10"]').first
    mark.tap()
    page.locator(".preview").wait_for(state="visible")
    assert page.evaluate("location.hash") == ""  # the first tap previews
    page.locator(".preview .preview-go").tap()
    page.wait_for_function("location.hash === '#ref-10'")
    context.close()
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(article_url(real_built, "en"))
    page.locator('.prose a.cite[href="#ref-10"]').first.click()
    assert page.evaluate("location.hash") == "#ref-10"
    assert page.locator(".page-tools a.tool-top").get_attribute("href") == "#top"
    context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", ("ru", "en"))
def test_translators_notes_are_notes_with_backlinks(real_built, page, lang):
    page.goto(article_url(real_built, lang))
    wait_until_shown(page)
    notes = page.locator("section.notes li")
    assert notes.count() == 2
    assert notes.first.inner_text().startswith(NOTE_START[lang])
    assert "[" not in page.locator(".prose").inner_text().split(NOTE_START[lang][:12])[0][-3:]
    assert "Translator's note:" not in page.locator(".prose p").all_inner_texts()[0]
    mark = page.locator(".prose sup a.footnote-ref").first
    mark.focus()
    page.locator(".preview").wait_for(state="visible")
    assert NOTE_START[lang] in page.locator(".preview").inner_text()
    page.keyboard.press("Escape")
    page.locator("section.notes li .backlink").first.click()
    assert page.evaluate("location.hash").startswith("#fnref-")
    # the notes come before the reference list
    order = page.evaluate("() => [...document.querySelectorAll('#notes, #references')]"
                          ".map(e => e.id)")
    assert order == ["notes", "references"]
    assert not page.problems


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_switcher_carries_the_section_in_view(real_built, page, lang):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(article_url(real_built, lang))
    wait_until_shown(page)
    page.evaluate("() => { document.getElementById('results').scrollIntoView();"
                  " window.scrollBy(0, 300); }")
    assert page.evaluate("location.hash") == ""  # no heading was clicked
    page.wait_for_timeout(400)  # the reader reads a moment, then goes up to the switcher
    other = "ru" if lang != "ru" else "en"
    page.locator(f".lang-switcher a[hreflang={other}]").click()
    page.wait_for_url(f"**/{other}/article.html#results")
    assert page.locator("html").get_attribute("lang") == other
    top = page.evaluate("() => document.getElementById('results').getBoundingClientRect().top")
    assert abs(top) < 5


@pytest.mark.browser
def test_the_contents_mark_the_section_in_view_without_shift(real_built, page):
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(article_url(real_built, "en"))
    wait_until_shown(page)
    page.evaluate("""() => { window.__shift = 0; new PerformanceObserver(list => {
        for (const entry of list.getEntries()) { if (!entry.hadRecentInput) {
          window.__shift += entry.value; } } }).observe({type: 'layout-shift', buffered: true}); }""")
    assert page.locator(".toc[open]").count() == 1
    page.evaluate("() => document.getElementById('methods').scrollIntoView()")
    page.wait_for_function("() => document.querySelector('.toc a[aria-current]')"
                           " && document.querySelector('.toc a[aria-current]').hash === '#methods'")
    page.evaluate("() => document.getElementById('conclusion').scrollIntoView()")
    page.wait_for_function("() => document.querySelector('.toc a[aria-current]').hash"
                           " === '#conclusion'")
    assert page.locator(".toc a[aria-current]").count() == 1
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") == 0
    assert page.locator(".page-tools .tool-top").is_visible()
    page.locator(".page-tools .tool-top").click()
    page.wait_for_function("window.scrollY === 0")


@pytest.mark.browser
def test_on_a_phone_the_contents_stay_reachable(real_built, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(article_url(real_built, "kk"))
    wait_until_shown(page)
    page.evaluate("() => document.getElementById('results').scrollIntoView()")
    control = page.locator(".page-tools .tool-contents")
    control.wait_for(state="visible")
    box = control.bounding_box()
    assert box["y"] + box["height"] <= 844 and box["x"] >= 0  # on screen, fixed
    control.click()
    assert page.locator("details.toc[open]").count() == 1
    toc = page.locator("details.toc").bounding_box()
    assert -5 < toc["y"] < 844


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_copy_button_copies_the_gost_string_over_file(real_built, browser, lang):
    """From file:// (where navigator.clipboard may be refused) the button still copies:
    the selection and execCommand('copy') fallback. Read back with clipboard permission."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto((real_built / lang / "cite.html").as_uri())
    wait_until_shown(page)
    button = page.locator('.copy-button[data-copy="cite-text-gost-r-7-0-5-2008"]')
    assert button.is_visible()
    label = button.inner_text()
    button.click()
    page.wait_for_function("label => document.querySelector("
                           "'.copy-button[data-copy=\"cite-text-gost-r-7-0-5-2008\"]')"
                           ".textContent !== label", arg=label)  # "Copied"
    text = page.evaluate("() => navigator.clipboard.readText()")
    assert text == GOST[lang]
    context.close()


def test_the_translation_statement_in_the_pdf_and_jats(real_site):
    site, outputs = real_site
    for lang, statement in STATEMENT.items():
        reader = pypdf.PdfReader(io.BytesIO(outputs.files[f"{lang}/kazakhstan-migration-{lang}.pdf"]))
        first = " ".join(reader.pages[0].extract_text().split())
        assert statement in first
        root = etree.fromstring(outputs.files[f"{lang}/kazakhstan-migration-{lang}.xml"])
        [notes] = root.findall("front/notes[@notes-type='translation']")
        assert notes.findtext("p") == statement
        assert not root.findall(".//contrib[@contrib-type='translator']")  # none is named
    kk = etree.fromstring(outputs.files["kk/kazakhstan-migration-kk.xml"])
    assert not kk.findall(".//notes")
    kk_pdf = pypdf.PdfReader(io.BytesIO(outputs.files["kk/kazakhstan-migration-kk.pdf"]))
    assert "Translated" not in kk_pdf.pages[0].extract_text()
    datacite = outputs.files["datacite.xml"].decode()
    assert "Translator" not in datacite


def test_notes_are_footnotes_in_the_pdf_and_fn_in_jats(real_site):
    site, outputs = real_site
    for lang, start in NOTE_START.items():
        reader = pypdf.PdfReader(io.BytesIO(outputs.files[f"{lang}/kazakhstan-migration-{lang}.pdf"]))
        texts = [" ".join(page.extract_text().split()) for page in reader.pages]
        second = {"en": "Translator's note: in the Kazakh original a stray full stop",
                  "ru": "Примечание переводчика: в казахском оригинале это"}[lang]
        # each in the foot-of-page area after its number (a note broken out into the text,
        # as a block inside the footnote once was, has no number before it), in order
        [first_page] = [n for n, text in enumerate(texts) if start in text]
        [second_page] = [n for n, text in enumerate(texts) if second in text]
        assert f"1. {start}" in texts[first_page] and f"2. {second}" in texts[second_page]
        assert (first_page, texts[first_page].find(start)) < (
            second_page, texts[second_page].find(second))
        assert not any("[Translator" in t or "[Примечание" in t for t in texts)
        root = etree.fromstring(outputs.files[f"{lang}/kazakhstan-migration-{lang}.xml"])
        fns = root.findall("back/fn-group/fn")
        assert [fn.get("id") for fn in fns] == ["fn-tn1", "fn-tn2"]
        assert fns[0].findtext("p").startswith(start)
        xrefs = root.findall(".//body//xref[@ref-type='fn']")
        assert [x.get("rid") for x in xrefs] == ["fn-tn1", "fn-tn2"]
        body = etree.tostring(root.find("body"), encoding="unicode")
        assert "Translator's note" not in body and "Примечание переводчика" not in body


def tiny_article(make_site, translation: str):
    """The tiny site (fr the original; de, en translations) with its harvest page as the
    article and site.yaml's translation: as given."""
    root = make_site()
    for lang in ("fr", "de", "en"):
        path = root / f"content/{lang}/harvest.md"
        path.write_text(path.read_text(encoding="utf-8").replace(
            "order: 2", "order: 2\ntemplate: article"), encoding="utf-8")
    site_yaml = root / "site.yaml"
    site_yaml.write_text(site_yaml.read_text(encoding="utf-8") + translation, encoding="utf-8")
    return root


def test_a_named_translator_is_named_everywhere(make_site, run):
    """Only when site.yaml names a translator: the statement, JATS contrib, DataCite."""
    root = tiny_article(make_site, "translation:\n  translators:\n    en: [Jane Example]\n"
                        "  authors_abstracts: [de]\n")
    code, out, err = run("build", "--root", root, "--strict")
    assert code == 0, err
    site = root / "site"
    text = (site / "en/harvest.html").read_text(encoding="utf-8")
    assert "Translated from the French original for this edition by Jane Example.</p>" in text
    german = (site / "de/harvest.html").read_text(encoding="utf-8")
    assert "Zusammenfassung stammt von den Autoren" in german and "Jane" not in german
    assert "translation-statement" not in (site / "fr/harvest.html").read_text(encoding="utf-8")
    [jats] = (site / "en").glob("*.xml")
    xml = etree.parse(str(jats))
    [contrib] = xml.findall(".//contrib[@contrib-type='translator']")
    assert contrib.findtext("string-name") == "Jane Example"
    assert "by Jane Example" in xml.findtext(".//notes[@notes-type='translation']/p")
    [german_jats] = (site / "de").glob("*.xml")
    assert not etree.parse(str(german_jats)).findall(".//contrib[@contrib-type='translator']")
    datacite = etree.parse(str(site / "datacite.xml"))
    ns = {"d": "http://datacite.org/schema/kernel-4"}
    [person] = datacite.findall(".//d:contributor[@contributorType='Translator']", ns)
    assert person.findtext("d:contributorName", namespaces=ns) == "Jane Example"


def test_a_translator_for_the_original_is_refused(make_site, run):
    root = tiny_article(make_site, "translation:\n  translators:\n    fr: [Jane Example]\n")
    code, out, err = run("build", "--root", root, "--strict")
    assert code != 0
    assert "site.yaml:" in err and "'fr' is not a translation: expected one of de, en" in err


@pytest.mark.browser
@pytest.mark.parametrize("lang", LANGS)
def test_the_cite_page_waits_for_no_italic_face(real_built, page, lang):
    """APA's italic title in the cite box is slanted from the upright faces: the page,
    which shows itself once its faces are in (assets/fonts.js), fetches no italic one."""
    page.goto((real_built / lang / "cite.html").as_uri())
    wait_until_shown(page)
    page.evaluate("() => document.querySelector('.cite-box').scrollIntoView()")
    page.wait_for_timeout(300)
    assert [name for name in page.loaded if "italic" in name] == []
    style = page.evaluate("() => getComputedStyle(document.querySelector('.cite-text i'))"
                          ".fontStyle")
    assert style == "italic"
