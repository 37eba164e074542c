"""Any language from the first command (issue 27): BCP 47 tags, `new` in the theme's
languages and in others, the UI strings a site shows, placeholders, errors that name their
cause, and the commands around them (--version, clean, add page)."""

from __future__ import annotations

import re

import pytest

from conftest import TINY, write_files
from htmlquery import find, parse
from reportsite.core.i18n import catalog_tags, native_name, tag_problem


# --- BCP 47 -------------------------------------------------------------------------------

@pytest.mark.parametrize("tag", ["kk", "uz-Latn", "uz-Cyrl", "sr-Latn", "zh-Hant", "zh-CN",
                                 "en-GB", "es-419", "uz-Latn-UZ"])
def test_tags_cldr_knows_are_accepted(tag):
    assert tag_problem(tag) is None


@pytest.mark.parametrize("tag, problem", [
    ("uzb", "'uzb': write 'uz' (the shorter code of the same language)"),
    ("kaz", "'kaz': write 'kk' (the shorter code of the same language)"),
    ("uz_Latn", "'uz_Latn': write 'uz-Latn' (BCP 47: language in lower case, Script "
                "capitalised, REGION in upper case, joined by '-')"),
    ("kk-Latn", "'kk-Latn' is not a locale CLDR knows; it has kk, kk-Arab, kk-Arab-CN, "
                "kk-Cyrl, kk-Cyrl-KZ, kk-KZ"),
    ("xx", "'xx' is not a language code CLDR knows (ISO 639, like kk, ru, en, de)"),
    ("uz, ru", "'uz, ru' is not a language tag (BCP 47: a language code, then optionally a "
               "script and a region, like kk, uz-Latn, zh-Hant, en-GB)"),
])
def test_tags_are_refused_with_what_to_write(tag, problem):
    assert tag_problem(tag) == problem


def test_a_script_tag_finds_its_catalog():
    assert catalog_tags("uz-Latn") == ("uz-Latn", "uz")  # Uzbek is Latin unless said otherwise
    assert catalog_tags("uz-Cyrl") == ("uz-Cyrl",)  # never the Latin uz.po
    assert catalog_tags("de-AT") == ("de-AT", "de")


def test_site_yaml_refuses_a_three_letter_code_with_a_two_letter_form(make_site, run):
    root = make_site({"site.yaml": (TINY / "site.yaml").read_text().replace(
        "[fr, de, en]", "[fr, deu, en]")})
    code, _, err = run("check", "--root", root)
    assert code == 1
    assert err.splitlines()[0] == ("error: site.yaml:2: languages[1]: 'deu': write 'de' (the "
                                   "shorter code of the same language)")


def test_a_site_in_uzbek_latin_and_cyrillic_and_kyrgyz(tmp_path, run):
    """Tags as written in folders, lang, hreflang and og:locale; the theme's catalogs (uz.po
    for uz-Latn), CLDR's names and numbers; --languages with spaces."""
    site = tmp_path / "r"
    code, out, _ = run("new", site, "--languages", "uz-Latn, uz-Cyrl, ky")
    assert code == 0 and "UI strings to translate" not in out and "[TRANSLATE]" not in out
    text = (site / "site.yaml").read_text()
    (site / "site.yaml").write_text(text.replace("# base_url: https://example.org/report/",
                                                 "base_url: https://example.org/report/"))
    code, _, err = run("build", "--root", site, "--strict")
    assert code == 0, err
    page = (site / "site/uz-Cyrl/index.html").read_text()
    elements = parse(page)
    assert find(elements, "html")[0].attrs["lang"] == "uz-Cyrl"
    assert {e.attrs["hreflang"] for e in find(elements, "link", rel="alternate")} == {
        "uz-Latn", "uz-Cyrl", "ky", "x-default"}
    assert '<meta property="og:locale" content="uz_UZ">' in page
    assert [a.text.strip() for a in find(elements, "a") if a.inside("nav", "lang-switcher")] == [
        native_name("uz-Latn"), native_name("uz-Cyrl"), "Кыргызча"]
    assert "Қидирув" in page and "1\xa0500 та хонадон" in page  # the theme's uz-Cyrl, CLDR
    latin = (site / "site/uz-Latn/index.html").read_text()
    assert "Qidiruv" in latin and "Yillar bo‘yicha" in latin  # uz.po serves uz-Latn
    assert "Издөө" in (site / "site/ky/index.html").read_text()
    assert (site / "site/data/codebook.uz-Cyrl.md").is_file()


# --- new ----------------------------------------------------------------------------------

@pytest.mark.parametrize("languages", ["uz,ru", "uz-Latn,ky", "de,fr", "tg,tk,tr"])
def test_new_in_the_themes_languages_builds_strictly_at_once(tmp_path, run, languages):
    """0 UI strings left to translate and no placeholder: the theme speaks them all."""
    site = tmp_path / "r"
    code, out, _ = run("new", site, "--languages", languages)
    assert code == 0
    assert out.splitlines()[1:] == ["build it with:", f"  python build.py build --root {site} "
                                                      "--strict"]
    assert "[TRANSLATE]" not in "".join(p.read_text() for p in site.rglob("*") if p.is_file())
    code, _, err = run("build", "--root", site, "--strict")
    assert code == 0, err
    assert "warning" not in err


def test_new_with_a_title_marks_the_other_languages_title(tmp_path, run):
    site = tmp_path / "r"
    code, out, _ = run("new", site, "--languages", "ru,kk", "--title", "Миграция в Казахстане")
    assert code == 0
    assert "text to write where it is marked [TRANSLATE]: site.yaml, content/kk/index.md" in out
    assert 'ru: "Миграция в Казахстане"' in (site / "site.yaml").read_text()
    code, _, err = run("build", "--root", site, "--strict")
    assert code == 1
    assert err.splitlines()[:2] == [
        "error: site.yaml:8: 1 placeholder(s) marked [TRANSLATE] still to be written in Kazakh: "
        "title.kk (line 8); replace each with the text in that language",
        "error: content/kk/index.md:2: 1 placeholder(s) marked [TRANSLATE] still to be written "
        "in Kazakh: title (line 2); replace each with the text in that language"]


def test_new_dot_fills_the_current_folder(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run("new", ".", "--languages", "kk,en")
    assert code == 0
    assert out.splitlines()[-1] == "  python build.py build --strict"
    assert "slug: " + tmp_path.name.lower().replace("_", "-") in (tmp_path / "site.yaml").read_text()
    assert (tmp_path / "content/kk/index.md").is_file()


def test_new_starts_every_translation_tracked(tmp_path, run):
    site = tmp_path / "r"
    assert run("new", site, "--languages", "kk,ru,en")[0] == 0
    code, out, _ = run("check", "--root", site, "--translations")
    assert code == 0
    assert out.splitlines()[1].split()[:4] == ["index", "original", "current", "current"]


# --- a site's catalog overrides the theme's ------------------------------------------------

def test_a_site_catalog_overrides_any_theme_string(make_site, run):
    root = make_site({"locales/de.po": 'msgid ""\nmsgstr ""\n"Language: de\\n"\n\n'
                                       'msgid "Search"\nmsgstr "Finden"\n'})
    code, _, err = run("build", "--root", root, "--strict")
    assert code == 0, err
    page = (root / "site/de/index.html").read_text()
    assert '<label for="search-input">Finden</label>' in page  # the site's
    assert "Zum Inhalt springen" in page  # the rest: the theme's German


# --- errors that say the cause ------------------------------------------------------------

def test_a_missing_site_yaml_says_where_it_looked(tmp_path, run):
    code, _, err = run("build", "--root", tmp_path)
    assert code == 1
    assert err.splitlines()[0] == (f"error: site.yaml: missing in {tmp_path}: every site needs "
                                   "a site.yaml at its root; run in the site folder or pass it "
                                   "with --root DIR")


def test_one_run_lists_the_problems_of_every_source(make_site, run):
    """A bad slug, a new chart string, a source citing a reference the list lacks: one run
    (the broken link comes from rendering, which needs clean sources: README, 'On any error')."""
    root = make_site({
        "site.yaml": (TINY / "site.yaml").read_text().replace("slug: shared-garden",
                                                              "slug: Shared Garden"),
        "charts/harvest.py": (TINY / "charts/harvest.py").read_text().replace(
            'description=ctx.dataset("harvest").titles[ctx.lang]',
            'description=ctx._("Harvest by crop")'),
        "content/references.yaml": "forms: {fr: original, de: original, en: original}\n"
                                   "references:\n  - n: 1\n    original: {lang: fr, text: Un livre}\n",
        "data/datapackage.yaml": (TINY / "data/datapackage.yaml").read_text().replace(
            "reference: null", "reference: 3", 1)})
    code, _, err = run("check", "--root", root, "--strict")
    assert code == 1
    files = sorted({line.split(":")[1].strip() for line in err.splitlines()[:-1]})
    assert files == ["data/datapackage.yaml", "locales/de.po", "locales/fr.po", "site.yaml"]
    assert "reference 3" in err and "slug" in err and "'Harvest by crop'" in err


def test_an_unclosed_bracket_in_a_chart_module_is_named_with_its_line(make_site, run):
    chart = (TINY / "charts/harvest.py").read_text().replace("    ).properties(", "    .properties(")
    root = make_site({"charts/harvest.py": chart})
    code, _, err = run("check", "--root", root)
    assert code == 1
    assert "internal error" not in err and "TokenError" not in err
    assert re.match(r"error: charts/harvest\.py:\d+: syntax error: '\(' was never closed$",
                    err.splitlines()[0]), err


def test_cite_without_references_on_its_page(make_site, run):
    root = make_site({
        "content/references.yaml": "forms: {fr: original, de: original, en: original}\n"
                                   "references:\n  - n: 1\n    original: {lang: fr, text: Un livre}\n",
        "content/en/index.md": (TINY / "content/en/index.md").read_text().replace(
            "1200 bulbs.", "1200 bulbs {{ cite(1) }}.")})
    code, _, err = run("check", "--root", root)
    assert code == 1
    assert err.splitlines()[0] == ("error: content/en/index.md:8: cite(1) needs "
                                   "{{ references() }} on this page: a citation links to the "
                                   "reference list of its own page")


def test_a_broken_link_is_named_at_its_markdown_line_with_the_close_match(make_site, run):
    root = make_site({"content/en/index.md": (TINY / "content/en/index.md").read_text().replace(
        "harvest.html#yield", "harvst.html") + "\nAnd [the yield](harvest.html#yeild).\n"})
    code, _, err = run("check", "--root", root, "--strict")
    assert code == 1
    assert "error: content/en/index.md:8: link 'harvst.html' does not resolve to a file of the " \
           "site — did you mean 'harvest.html'? (in en/index.html)" in err.splitlines()
    assert "error: content/en/index.md:10: link 'harvest.html#yeild' points to a missing anchor " \
           "'#yeild' in en/harvest.html — did you mean 'yield'? (in en/index.html)" in err.splitlines()


def test_a_value_without_a_label_is_an_error_under_strict(make_site, run):
    package = (TINY / "data/datapackage.yaml").read_text()
    package = package.replace("enum: [tomato, bean, herb]", "enum: [tomato, bean, herb, leek]")
    root = make_site({"data/datapackage.yaml": package.replace(
        "constraints: {required: true, enum: [tomato, bean, herb, leek]}", "constraints: {required: true}")
        .replace("            herb: {fr: Herbes, de: Kräuter, en: Herbs}\n", "")})
    code, _, err = run("check", "--root", root)
    assert code == 0
    assert ("warning: data/harvest.csv:4: field 'crop': no label for 'herb' in "
            "data/datapackage.yaml (labels), so readers would see the code itself; add herb: "
            "{language: text} to the field's labels") in err.splitlines()
    assert run("check", "--root", root, "--strict")[0] == 1


def test_a_unit_is_named_in_every_language(make_site, run, real_site):
    package = (TINY / "data/datapackage.yaml").read_text()
    root = make_site({"data/datapackage.yaml": package.replace(
        "unit: {fr: kilogrammes, de: Kilogramm, en: kilograms}", "unit: kilograms")})
    code, _, err = run("check", "--root", root)
    assert code == 1
    assert err.splitlines()[0].endswith(
        "resources[0].schema.fields[1].unit: 'kilograms' is not a unit the theme names in every "
        "language (percent, persons); give its name in each language, like a title: unit: "
        "{fr: ..., de: ..., en: ...}")
    root = make_site()  # the tiny site names it per language; the real site uses the theme's
    code, _, err = run("build", "--root", root, "--strict")
    assert code == 0, err
    assert "(ganze Zahl, Kilogramm)" in (root / "site/data/codebook.de.md").read_text()
    assert "бүтін сан, адам" in real_site[1].files["data/codebook.kk.md"].decode()


# --- commands -----------------------------------------------------------------------------

def test_version(run):
    with pytest.raises(SystemExit) as stopped:
        run("--version")
    assert stopped.value.code == 0


def test_clean_removes_what_builds_made_and_nothing_else(make_site, run):
    root = make_site()
    assert run("build", "--root", root)[0] == 0
    write_files(root, {"dist/old.zip": "zip", ".cache/x": "x", "notes.txt": "mine"})
    before = sorted(p.name for p in root.iterdir())
    code, out, _ = run("clean", "--root", root)
    assert code == 0 and out == "removed site/, dist/, .cache/\n"
    assert sorted(p.name for p in root.iterdir()) == [
        name for name in before if name not in ("site", "dist", ".cache")]
    assert (root / "notes.txt").read_text() == "mine"
    assert run("clean", "--root", root)[1] == "nothing to remove\n"
    code, _, err = run("clean", "--root", root / "content")
    assert code == 1 and "site.yaml: missing in" in err


def test_add_page_writes_it_in_every_language_tracked(make_site, run):
    root = make_site()
    code, out, _ = run("add", "page", "methods", "--root", root)
    assert code == 0
    assert out.splitlines() == ["wrote content/fr/methods.md", "wrote content/de/methods.md",
                                "wrote content/en/methods.md", "wrote translations/de/methods.yaml",
                                "wrote translations/en/methods.yaml"]
    assert (root / "content/de/methods.md").read_text().startswith(
        '---\ntitle: "Eine neue Seite"\n---\n')
    code, out, err = run("check", "--root", root, "--strict", "--translations")
    assert code == 0, err
    assert [line.split()[:4] for line in out.splitlines() if line.startswith("methods")] == [
        ["methods", "original", "current", "current"]]
    code, _, err = run("add", "page", "methods", "--root", root)
    assert code == 1 and "exists already" in err


def test_maintainer_options_are_not_in_the_users_help(run, capsys):
    with pytest.raises(SystemExit):
        run("messages", "--help")
    assert "--theme" not in capsys.readouterr().out
    with pytest.raises(SystemExit):
        run("zip", "--help")
    help_text = " ".join(capsys.readouterr().out.split())
    assert "midnight UTC of edition.date" in help_text and "404.html" in help_text


def test_serve_prints_the_warnings_of_each_build(make_site, chart_cache, capsys):
    from reportsite.commands.serve import Preview
    root = make_site({"content/de/harvest.md": None})
    Preview(root, root / "site", strict=False, cache_dir=chart_cache).build()
    err = capsys.readouterr().err
    assert "warning: content/de/harvest.md: missing translation of content/fr/harvest.md" in err
    assert re.search(r"rebuilt in [0-9.]+ s, 1 warning\(s\)", err)


# --- looked at ----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def turkic_site(tmp_path_factory):
    """A new site in Turkish, Turkmen, Uzbek (Cyrillic) and Tajik with an article page (so
    with PDFs), built with --strict."""
    from reportsite.cli import main
    site = tmp_path_factory.mktemp("turkic") / "r"
    cache = tmp_path_factory.mktemp("turkic-cache")
    assert main(["new", str(site), "--languages", "tr,tk,uz-Cyrl,tg"]) == 0
    assert main(["add", "page", "article", "--root", str(site)]) == 0
    for path in site.glob("content/*/article.md"):
        path.write_text(path.read_text().replace("\n---\n", "\ntemplate: article\n---\n", 1)
                        .replace("{#introduction}\n", "{#introduction}\n\nğüşİ ňžý ҳҷӣӯ ўқ\n"))
    assert main(["translations", "--root", str(site), "--all"]) == 0  # each edited alike
    assert main(["build", "--root", str(site), "--strict", "--cache-dir", str(cache)]) == 0
    return site / "site"


def test_every_letter_of_the_new_languages_is_in_the_bundled_fonts(turkic_site):
    """--strict passed, so WeasyPrint found every letter in the bundled faces (a missing one
    is a warning); the PDFs are there."""
    assert sorted(p.name for p in turkic_site.glob("*/*.pdf")) == [
        "r-tg.pdf", "r-tk.pdf", "r-tr.pdf", "r-uz-Cyrl.pdf"]


@pytest.mark.browser
@pytest.mark.parametrize("lang, face", [("tr", "U+100"), ("tk", "U+100"), ("tg", "U+460")])
def test_a_phone_shows_the_new_languages_in_the_bundled_faces(turkic_site, chromium, lang, face):
    """At 390 px the header's search label and the page fit, and the letters beyond Latin-1
    and basic Cyrillic are drawn from Noto Serif's own faces (latin-ext, cyrillic-ext)."""
    context = chromium.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto((turkic_site / lang / "article.html").as_uri())
    page.wait_for_function("() => document.fonts.status === 'loaded'")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    label = page.locator("label[for=search-input]")
    assert label.is_visible() and label.bounding_box()["width"] < 120
    loaded = page.evaluate("() => Array.from(document.fonts).filter(f => f.status === 'loaded')"
                           ".map(f => f.family + ' ' + f.unicodeRange)")
    assert any(entry.startswith(f"Noto Serif {face}") for entry in loaded), loaded
    context.close()
