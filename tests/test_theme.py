"""The generator others can use: the built-in theme and a site's overrides of it, `new`,
languages the theme has no catalog for, `year` fields, one error report for every input,
the installable package, and the shape of the code (pipeline in one screen, short
functions, no import cycle)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from conftest import REPO, TINY, renamed_language, write_files
from htmlquery import find, parse
from reportsite.core.layout import THEME

PACKAGE = REPO / "reportsite"


# --- the theme and what a site overrides ---------------------------------------------------

def test_a_site_needs_no_theme_file(make_site, run):
    root = make_site()
    assert not (root / "templates").exists() and not (root / "static" / "assets").exists()
    assert sorted(p.name for p in (root / "locales").iterdir()) == ["de.po", "fr.po"]
    code, _, err = run("build", "--root", root, "--strict")
    assert code == 0, err
    for name in ("index.html", "404.html", "assets/site.css", "assets/site.js",
                 "fonts/noto-serif/OFL.txt", "fr/index.html", "css/tiny.css"):
        assert (root / "site" / name).is_file(), name


def test_a_site_template_replaces_the_themes_and_can_extend_it(make_site, run):
    root = make_site({"templates/page.html": "{% extends 'theme/page.html' %}\n"
                                              "{% block content %}<p id=\"mine\">Ours</p>"
                                              "{{ super() }}{% endblock %}\n",
                      "templates/partials/sources.html": "<p class=\"source\">Ours too</p>\n"})
    assert run("build", "--root", root, "--strict")[0] == 0
    harvest = parse((root / "site/fr/harvest.html").read_text())
    assert find(harvest, "p", id="mine")[0].text == "Ours"
    assert find(harvest, "h1")[0].text == "Récoltes"  # the theme's block, through super()
    data = parse((root / "site/fr/data.html").read_text())
    assert [p.text for p in find(data, "p", class_="source")] == ["Ours too", "Ours too"]
    index = parse((root / "site/fr/index.html").read_text())  # a page template too
    assert find(index, "p", id="mine")


def test_a_site_static_file_replaces_the_themes_at_the_same_path(make_site, run):
    root = make_site({"static/assets/site.css": "body { color: green; }\n"})
    assert run("build", "--root", root)[0] == 0
    assert (root / "site/assets/site.css").read_text() == "body { color: green; }\n"
    assert (root / "site/assets/site.js").read_bytes() == \
        (THEME / "static/assets/site.js").read_bytes()


def test_a_site_catalog_overrides_one_theme_message(make_site, run):
    root = make_site(base=REPO)
    catalog = (root / "locales/ru.po").read_text()
    write_files(root, {"locales/ru.po": catalog + '\nmsgid "Contents"\nmsgstr "Оглавление"\n'})
    code, _, err = run("build", "--root", root, "--strict")
    assert code == 0, err
    page = parse((root / "site/ru/article.html").read_text())
    assert find(page, "summary", id="toc-title")[0].text == "Оглавление"  # the site's
    assert find(page, "a", class_="skip-link")[0].text == "Перейти к содержанию"  # the theme's
    kazakh = parse((root / "site/kk/article.html").read_text())
    assert find(kazakh, "summary", id="toc-title")[0].text == "Мазмұны"


def test_lookup_order_is_site_then_theme():
    from reportsite.load.overrides import find_template, template_folders
    assert template_folders(TINY) == [THEME / "templates"]
    assert find_template(TINY, "base.html") == THEME / "templates/base.html"


def test_no_template_is_repeated_between_theme_site_and_fixtures():
    theme = {p.relative_to(THEME / "templates").as_posix(): p.read_bytes()
             for p in (THEME / "templates").rglob("*") if p.is_file()}
    for folder in (REPO / "templates", *(REPO / "tests" / "fixtures").glob("*/templates")):
        for path in (folder.rglob("*") if folder.is_dir() else ()):
            if path.is_file():
                assert path.read_bytes() not in theme.values(), path


def theme_messages() -> set[str]:
    """The message ids of the theme's messages.pot."""
    from babel.messages.pofile import read_po
    with (THEME / "locales" / "messages.pot").open("rb") as f:
        return {m.id for m in read_po(f) if m.id}


# --- wording from the site, not from this article ------------------------------------------

def test_a_site_without_data_never_mentions_it(make_site, run):
    root = make_site({"data": None, "charts": None,
                      "content/fr/data.md": None, "content/de/data.md": None,
                      "content/en/data.md": None,
                      "content/en/cite.md": "---\ntitle: Cite\ntemplate: cite\n---\n",
                      "content/fr/cite.md": "---\ntitle: Citer\ntemplate: cite\n---\n",
                      "content/de/cite.md": "---\ntitle: Zitieren\ntemplate: cite\n---\n"})
    assert run("translations", "--root", root, "--all")[0] == 0  # the new page, tracked
    code, _, err = run("build", "--root", root, "--strict")
    assert code == 0, err
    cite = (root / "site/en/cite.html").read_text()
    assert "datapackage.json" not in cite and "codebook" not in cite.lower()
    assert "[website; languages: French, German, English]." in " ".join(cite.split())
    assert "The whole site is also distributed as shared-garden-1.2.0.zip" in cite
    root_page = parse((root / "site/index.html").read_text())
    section = find(root_page, "section", lang="en")[0]
    assert [a.text for a in find(root_page, "a") if section in a.ancestors
            and (a.inside("h2") or a.inside("ul", "choice-pages"))] == [
        "English", "Home", "Harvest", "Cite"]
    files = [a.text for a in find(root_page, "a") if section in a.ancestors
             and a.inside("table", "file-list")]
    assert files and not any(name.startswith("data/") for name in files)


def test_russian_dates_end_in_one_full_stop(real_site):
    _, outputs = real_site
    for path in outputs.files:
        if path.endswith((".html", ".txt", ".md")):
            assert "г.." not in outputs.files[path].decode(), path
    footer = outputs.files["ru/index.html"].decode().split('<footer class="site-footer">')[1]
    assert "Версия 0.1.0, 24 ноября 2026\u202fг.</p>" in footer


# --- a language the theme has no catalog for ------------------------------------------------

def test_a_language_without_any_catalog_shows_english_marked_and_warns(make_site, run):
    """Italian: no catalog in the theme, none in the site. Only the strings a file of the
    site shows are asked for: the tiny site has no article page, so no PDF string."""
    root = renamed_language(make_site(), "de", "it")
    code, _, err = run("build", "--root", root)
    assert code == 0
    warnings = [line for line in err.splitlines() if line.startswith("warning: locales/it.po")]
    shown = {re.search(r"no translation of (['\"])(.*?)\1", line).group(2) for line in warnings}
    assert "Contents" not in shown and "Page %(number)s" not in shown  # article, PDF
    assert "Keywords" not in shown  # the overview page's: the tiny site has none
    assert {"Table %(n)s", "Search", "Language", "Page not found"} <= shown
    assert len(warnings) == len(shown) < len(theme_messages())
    assert ("warning: locales/it.po: no translation of 'Table %(n)s' (shown in it/data.html); "
            f"English is shown. Add it with: python build.py messages --root {root} --lang it"
            ) in warnings
    page = (root / "site/it/data.html").read_text()
    elements = parse(page)
    caption = find(elements, "figcaption")[0]
    assert [s.text for s in find(elements, "span", lang="en") if caption in s.ancestors] == [
        "Table 1"]
    assert 'aria-label="Language"' in page and "\ue000" not in page and "\ue001" not in page
    assert "1.200" in page  # CLDR formats Italian numbers
    assert run("build", "--root", root, "--strict")[0] == 1


def _translate_everything(site, lang: str) -> None:
    """What a translator does after new: fill every msgstr and replace every placeholder."""
    catalog = (site / f"locales/{lang}.po").read_text()
    translated = catalog.replace('msgstr ""\n\n', f'msgstr "({lang}) …"\n\n')
    translated = translated[:-len('msgstr ""\n')] + f'msgstr "({lang}) …"\n' \
        if translated.endswith('msgstr ""\n') else translated
    (site / f"locales/{lang}.po").write_text(translated)
    for path in [site / "site.yaml", site / "data/datapackage.yaml", *site.glob("content/*/*.md")]:
        path.write_text(path.read_text().replace("[TRANSLATE] ", f"({lang}) "))


def test_a_new_language_from_new_to_strict(tmp_path, run):
    """Hausa: the theme speaks none of it. new writes its catalog with every string the site
    shows and the English text marked; round 1 lists exactly those, round 2 builds."""
    site = tmp_path / "report"
    code, out, _ = run("new", site, "--languages", "en,ha")
    assert code == 0
    count = int(out.splitlines()[1].split()[0])
    assert out.splitlines()[1:3] == [
        f"  {count} UI strings to translate in locales/ha.po",
        "  text to write where it is marked [TRANSLATE]: site.yaml, data/datapackage.yaml, "
        "content/ha/index.md"]
    code, _, err = run("build", "--root", site, "--strict")
    assert code == 1
    errors = err.splitlines()[:-1]
    assert sum(line.startswith("error: locales/ha.po:") for line in errors) == count
    assert [line.split(":")[1] for line in errors if "[TRANSLATE]" in line] == [
        " site.yaml", " data/datapackage.yaml", " content/ha/index.md"]
    assert len(errors) == count + 3  # nothing else
    _translate_everything(site, "ha")
    code, _, err = run("build", "--root", site, "--strict")
    assert code == 0, err


def test_writing_the_original_makes_its_translations_stale(tmp_path, run):
    """With Hausa the original, writing its text is an edit of the original: the English
    page, made from the placeholder text, is then stale, and the placeholder warning said so."""
    site = tmp_path / "report"
    assert run("new", site, "--languages", "ha,en")[0] == 0
    code, _, err = run("build", "--root", site, "--strict")
    assert "the pages translated from it (content/en/index.md) are then stale" in err
    _translate_everything(site, "ha")
    code, _, err = run("build", "--root", site, "--strict")
    assert code == 1
    assert err.splitlines()[0].startswith("error: content/en/index.md: stale translation")
    assert len(err.splitlines()) == 2


# --- new ---------------------------------------------------------------------------------

@pytest.mark.parametrize("languages", ["kk,ru,en", "ru,en"])
def test_new_writes_a_site_that_builds_strictly(tmp_path, run, languages):
    site = tmp_path / "report"
    code, out, _ = run("new", site, "--languages", languages)
    assert code == 0
    assert out.splitlines()[-1] == f"  python build.py build --root {site} --strict"
    files = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    pages = [f"content/{lang}/index.md" for lang in languages.split(",")]
    catalogs = [f"locales/{lang}.po" for lang in ("kk", "ru")
                if lang in languages.split(",")]
    records = [f"translations/{lang}/index.yaml" for lang in languages.split(",")[1:]]
    assert files == sorted([".gitignore", "charts/households.py", "data/datapackage.yaml",
                            "data/households.csv", "site.yaml", *pages, *catalogs, *records])
    # Its translations start tracked: current against the original.
    assert run("translations", "--root", site)[1].splitlines()[1].split()[2:] == \
        ["current"] * len(records)
    assert "# subtitle:" in (site / "site.yaml").read_text()
    code, _, err = run("build", "--root", site, "--strict")
    assert code == 0, err
    page = (site / "site/ru/index.html").read_text()
    assert "В 2024 году в опросе участвовали 1\xa0500 домохозяйств" in page
    assert "Опрошенные домохозяйства по годам" in page  # the chart title, translated
    assert '<th scope="row">2022</th>' in page  # a year: never "2 022"


def test_new_refuses_a_folder_with_files(tmp_path, run):
    (tmp_path / "keep.txt").write_text("mine")
    code, _, err = run("new", tmp_path)
    assert code == 1
    assert err.splitlines()[0] == (f"error: {tmp_path}: is not empty; choose a new folder "
                                   "(new never overwrites anything)")
    assert [p.name for p in tmp_path.iterdir()] == ["keep.txt"]


def test_new_refuses_an_unknown_language(tmp_path, run):
    code, _, err = run("new", tmp_path / "r", "--languages", "kk,xx")
    assert code == 1
    assert err.splitlines()[0] == ("error: --languages: 'xx' is not a language code CLDR "
                                   "knows (ISO 639, like kk, ru, en, de)")
    code, _, err = run("new", tmp_path / "r", "--languages", "uzb,ru, uz_Latn")
    assert code == 1
    assert err.splitlines()[:2] == [
        "error: --languages: 'uzb': write 'uz' (the shorter code of the same language)",
        "error: --languages: 'uz_Latn': write 'uz-Latn' (BCP 47: language in lower case, "
        "Script capitalised, REGION in upper case, joined by '-')"]
    assert not (tmp_path / "r").exists()


# --- data formats --------------------------------------------------------------------------

WITH_YEAR = (TINY / "data/datapackage.yaml").read_text().replace(  # a year column added
    "        - name: share\n", "        - name: year\n          type: year\n"
    "          titles: {fr: Année, de: Jahr, en: Year}\n        - name: share\n")

def test_a_year_field_prints_without_grouping(make_site, run):
    csv = "crop,weight,year,share\ntomato,1200,2020,60\nbean,500,2021,25\nherb,300,2022,15\n"
    root = make_site({"data/datapackage.yaml": WITH_YEAR, "data/harvest.csv": csv})
    code, _, err = run("build", "--root", root, "--strict")
    assert code == 0, err
    for lang, weight in (("fr", "1\u202f200"), ("de", "1.200"), ("en", "1,200")):
        page = parse((root / "site" / lang / "data.html").read_text())
        cells = [td.text for td in find(page, "td") if td.inside("figure", "table-figure")]
        assert cells[:3] == [weight, "2020", "60\u00a0%" if lang != "en" else "60%"], lang
    codebook = (root / "site/data/codebook.en.md").read_text()
    assert "- `year` — Year (year)" in codebook


def test_a_year_must_have_four_digits(make_site, run):
    csv = "crop,weight,year,share\ntomato,1200,20,60\nbean,500,2021,25\nherb,300,2022,15\n"
    root = make_site({"data/datapackage.yaml": WITH_YEAR, "data/harvest.csv": csv})
    code, _, err = run("check", "--root", root)
    assert code == 1
    assert err.splitlines()[0] == ("error: data/harvest.csv:2: field 'year': '20' is not a "
                                   "year (write four digits, e.g. 2022)")


# --- one error pass ------------------------------------------------------------------------

def test_a_new_language_reports_every_input_in_one_pass(make_site, run):
    """Adding a language used to take four rounds of errors."""
    root = make_site({"site.yaml": (TINY / "site.yaml").read_text().replace(
        "languages: [fr, de, en]", "languages: [fr, de, en, it]"),
        "content/references.yaml": "forms: {fr: original, de: original, en: original}\n"
                                   "references:\n  - n: 1\n    original: {lang: fr, text: Un livre}\n"})
    code, _, err = run("check", "--root", root)
    assert code == 1
    files = {line.removeprefix("error: ").split(":")[0] for line in err.splitlines()
             if line.startswith("error: ")}
    assert files == {"site.yaml", "data/datapackage.yaml", "content/references.yaml"}
    assert "error: content/references.yaml:1: forms: missing the 'it' entry (which form its " \
           "pages show)" in err.splitlines()


# --- the package ---------------------------------------------------------------------------

def test_pyproject_pins_what_requirements_pins():
    import tomllib
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    pins = [line.split("#")[0].strip() for line in
            (REPO / "requirements.txt").read_text().splitlines()]
    assert sorted(project["dependencies"]) == sorted(p for p in pins if p)
    assert project["scripts"] == {"reportsite": "reportsite.cli:run"}


def test_pip_install_gives_the_reportsite_command(tmp_path):
    """pip install . into a fresh venv, then reportsite new and build outside the repo."""
    source = tmp_path / "source"  # a clean copy: building a wheel writes build/ beside it
    shutil.copytree(PACKAGE, source / "reportsite",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, source / name)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    pip = subprocess.run([str(venv / "bin/python"), "-m", "pip", "install", "--quiet",
                          "--disable-pip-version-check", str(source)],
                         capture_output=True, text=True, timeout=600)
    assert pip.returncode == 0, pip.stderr[-2000:]
    command = venv / "bin" / "reportsite"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    work = tmp_path / "elsewhere"
    work.mkdir()
    new = subprocess.run([str(command), "new", "report", "--languages", "ru,en"], cwd=work,
                         capture_output=True, text=True, env=env, timeout=120)
    assert new.returncode == 0, new.stderr
    assert new.stdout.splitlines()[-1] == "  reportsite build --root report --strict"
    built = subprocess.run([str(command), "build", "--root", "report", "--strict"], cwd=work,
                           capture_output=True, text=True, env=env, timeout=300)
    assert built.returncode == 0, built.stderr
    assert (work / "report/site/ru/index.html").is_file()
    assert (work / "report/site/fonts/noto-serif/OFL.txt").is_file()  # theme files shipped
    assert str(REPO) not in subprocess.run(
        [str(venv / "bin/python"), "-c", "import reportsite; print(reportsite.__file__)"],
        capture_output=True, text=True, cwd=work, env=env).stdout


def test_the_abstract_is_read_once_from_the_content(real_site, tiny_site):
    site = real_site[0]
    lang, paragraphs = site.abstract("en")
    assert lang == "en" and len(paragraphs) == 1
    assert paragraphs[0].startswith("This article comprehensively examines internal and "
                                     "external migration processes in Kazakhstan")
    assert paragraphs[0].endswith("comprehensive balanced migration policy framework.")
    assert site.abstract("kk")[1][0].startswith("Бұл мақалада Қазақстандағы ішкі және сыртқы")
    assert tiny_site[0].abstract("fr") is None
