"""Every kind of bad input stops the build with its exact message and leaves site/ as it was."""

from __future__ import annotations

import pytest

from conftest import TINY, snapshot, write_files

FM = "---\ntitle: Startseite\norder: 1\n---\nText.\n"
PO_HEAD = 'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


def tiny(name: str) -> str:
    """The text of a file of the tiny fixture site, to derive a broken variant from."""
    return (TINY / name).read_text(encoding="utf-8")


CASES = [
    pytest.param(
        {"content/de/index.md": "---\ntitle: Startseite\norder: [1\n---\nText.\n"},
        [],
        ["content/de/index.md:3: invalid YAML: while parsing a flow sequence: expected ',' or ']', but got '<stream end>'"],
        id='front_matter_yaml'),
    pytest.param(
        {"content/de/index.md": "---\ntitel: Startseite\n---\nText.\n"},
        [],
        ["content/de/index.md:2: unknown front matter key 'titel' — did you mean 'title'?", "content/de/index.md:2: front matter needs 'title' (the page title)"],
        id='front_matter_unknown_key'),
    pytest.param(
        {"content/de/index.md": "# Startseite\n"},
        [],
        ["content/de/index.md:1: missing front matter: start the file with a line '---', then 'title: ...', then another '---'"],
        id='front_matter_missing'),
    pytest.param(
        {"content/de/index.md": "---\ntitle: Startseite\n\nText.\n"},
        [],
        ["content/de/index.md:1: front matter opened with '---' is never closed by a line '---'"],
        id='front_matter_unclosed'),
    pytest.param(
        {"content/de/index.md": "---\n- title\n---\n"},
        [],
        ["content/de/index.md:2: front matter must be 'key: value' lines, e.g. 'title: ...'"],
        id='front_matter_not_mapping'),
    pytest.param(
        {"content/de/index.md": "---\ntitle: Startseite\norder: first\n---\n"},
        [],
        ["content/de/index.md:3: 'order' must be a whole number, got 'first'"],
        id='front_matter_order_type'),
    pytest.param(
        {"content/de/index.md": "---\ntitle: ''\n---\n"},
        [],
        ["content/de/index.md:2: 'title' must be non-empty text, got ''"],
        id='front_matter_empty_title'),
    pytest.param(
        {"content/es/index.md": FM},
        [],
        ["content/es: unknown language folder 'es'; site.yaml lists fr, de, en (rename the folder or add 'es' to languages)"],
        id='unknown_language_folder'),
    pytest.param(
        {"content/readme.md": FM},
        [],
        ['content/readme.md: pages go in a language folder: content/<language>/NAME.md'],
        id='file_in_content_root'),
    pytest.param(
        {"content/de/index.markdown": FM},
        [],
        ["content/de/index.md: duplicate page 'index' in de: content/de/index.markdown is the same page; keep one of them"],
        id='duplicate_page'),
    pytest.param(
        {"content/de/Ernte 2.md": FM},
        [],
        ["content/de/Ernte 2.md: page name 'Ernte 2' must be lower-case letters, digits, '-' or '_' (it becomes the file name of the HTML page)"],
        id='bad_page_name'),
    pytest.param(
        {"content/de/photo.jpg": b"\xff\xd8"},
        [],
        ['content/de/photo.jpg: not a page: a language folder holds only NAME.md files (images and other files go in static/)'],
        id='not_a_page'),
    pytest.param(
        {"content/de/harvest.md": "---\ntitle: Ernte\ntemplate: pages\n---\n"},
        [],
        ["content/de/harvest.md:3: template 'pages' not found in templates/ — did you mean 'page'?"],
        id='missing_template'),
    pytest.param(
        {"templates/page.html": "{% extends 'base.html' %}\n{% block content %}\n{{ page.subtitle }}\n{% endblock %}\n"},
        [],
        ["templates/page.html:3: 'reportsite.render.PageView object' has no attribute 'subtitle' (while rendering content/fr/index.md); pass it from the generator or guard it with 'is defined'"],
        id='undefined_variable'),
    pytest.param(
        {"templates/page.html": "{% extends 'base.html' %}\n{% block content %}\n{% if %}\n{% endblock %}\n"},
        [],
        ["templates/page.html:3: template syntax error: Expected an expression, got 'end of statement block'"],
        id='template_syntax'),
    pytest.param(
        {"templates/404.html": None},
        [],
        ['templates/404.html: missing: the generator renders it for every site'],
        id='missing_site_template'),
    pytest.param(
        {"locales/de.po": None},
        [],
        ['locales/de.po: missing gettext catalog; create it with: pybabel init -i locales/messages.pot -d locales -l de'],
        id='missing_po'),
    pytest.param(
        {"locales/de.po": PO_HEAD + 'msgid "Start"\nmsgstr "Start"\nGarbage here\n'},
        [],
        ['locales/de.po:8: not a valid gettext catalog: unknown or misformatted keyword: \'Garbage here\'; every entry is \'#\' comments, msgid "..." and msgstr "..."'],
        id='broken_po'),
    pytest.param(
        {"locales/de.po": PO_HEAD.encode() + 'msgid "Start"\nmsgstr "Stärt"\n'.encode("latin-1")},
        [],
        ['locales/de.po:7: not valid UTF-8 (byte 0xe4 at offset 105); save the file as UTF-8'],
        id='po_not_utf8'),
    pytest.param(
        {"content/de/index.md": "---\ntitle: Startseite\n---\nGrüße\n".encode("latin-1")},
        [],
        ['content/de/index.md:4: not valid UTF-8 (byte 0xfc at offset 28); save the file as UTF-8'],
        id='content_not_utf8'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("languages:", "langauges:")},
        [],
        ["site.yaml:2: langauges: unknown key 'langauges' — did you mean 'languages'?", "site.yaml: missing required key 'languages'"],
        id='config_unknown_key'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("  de: Der Gemeinschaftsgarten\n", "")},
        [],
        ["site.yaml:3: title: missing the 'de' translation"],
        id='config_missing_translation'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("date: 2024-05-01", "date: 1 May 2024")},
        [],
        ["site.yaml:20: date: expected a date written YYYY-MM-DD, got '1 May 2024'"],
        id='config_bad_date'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace('version: "1.2.0"', "version: 1.2")},
        [],
        ['site.yaml:19: version: write the version as text in quotes, e.g. "1.2"'],
        id='config_version_number'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("title:\n", "title: [\n")},
        [],
        ["site.yaml:5: invalid YAML: while parsing a flow sequence (from line 3): expected ',' or ']', but got ':'"],
        id='config_yaml'),
    pytest.param(
        {"site.yaml": None},
        [],
        ['site.yaml: missing: every site needs a site.yaml at its root'],
        id='config_missing'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("[fr, de, en]", "[fr, de, en, xx]")},
        [],
        ["site.yaml:2: languages[3]: 'xx' is not a language known to CLDR"],
        id='config_unknown_language'),
    pytest.param(
        {"site.yaml": "languages: [fr]\ntitle: {fr: Été}\n".encode("latin-1")},
        [],
        ['site.yaml:2: not valid UTF-8 (byte 0xc9 at offset 28); save the file as UTF-8'],
        id='config_not_utf8'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("CC0-1.0", "CC0 1.0")},
        [],
        ["site.yaml:21: license: expected an SPDX licence id such as CC-BY-4.0, got 'CC0 1.0'"],
        id='config_bad_license'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("    corresponding: true", "    corespondent: true")},
        [],
        ["site.yaml:14: authors[0].corespondent: unknown key 'corespondent' — did you mean 'corresponding'?"],
        id='config_author_key'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("camille@example.org", "camille at example")},
        [],
        ["site.yaml:13: authors[0].email: expected an e-mail address, got 'camille at example'"],
        id='config_bad_email'),
    pytest.param(
        {"site.yaml": tiny("site.yaml") + "base_url: example.org/garden\n"},
        [],
        ["site.yaml:22: base_url: expected an absolute URL ending in '/', like https://example.org/report/, got 'example.org/garden'"],
        id='config_base_url'),
    pytest.param(
        {"static/index.html": "<p>hi</p>"},
        [],
        ['static/index.html: writes index.html, which templates/root.html also writes'],
        id='output_collision'),
    pytest.param(
        {"content/de/harvest.md": None},
        ["--strict"],
        ["content/de/harvest.md: missing translation of content/fr/harvest.md; readers of 'de' will see the original with a notice"],
        id='strict_missing_translation'),
    pytest.param(
        {"locales/de.po": tiny("locales/de.po").replace('msgstr "Sprache"', 'msgstr ""')},
        ["--strict"],
        ["locales/de.po:6: untranslated message 'Language'"],
        id='strict_untranslated'),
    pytest.param(
        {"locales/de.po": tiny("locales/de.po").replace('msgid "Language"', '#, fuzzy\nmsgid "Language"')},
        ["--strict"],
        ["locales/de.po:7: fuzzy translation of 'Language': check it and remove the '#, fuzzy' flag"],
        id='strict_fuzzy'),
    pytest.param(
        {"content/en/harvest.md": "---\ntitle: Harvest\n---\nSee [seeds](seeds.html) and [home](index.html#nowhere).\n"},
        ["--strict"],
        ["content/en/harvest.md: link 'seeds.html' does not resolve to a file of the site (in en/harvest.html, line 23)", "content/en/harvest.md: link 'index.html#nowhere' points to a missing anchor '#nowhere' in en/index.html (in en/harvest.html, line 23)", "content/en/index.md: link 'harvest.html#yield' points to a missing anchor '#yield' in en/harvest.html (in en/index.html, line 24)"],
        id='strict_broken_link'),
    pytest.param(
        {"locales/messages.pot": tiny("locales/messages.pot") + '\nmsgid "Imprint"\nmsgstr ""\n'},
        ["--strict"],
        ["locales/fr.po: message 'Imprint' from messages.pot is missing; run: make messages", "locales/de.po: message 'Imprint' from messages.pot is missing; run: make messages", "locales/en.po: message 'Imprint' from messages.pot is missing; run: make messages"],
        id='strict_missing_pot_entry'),
]


@pytest.mark.parametrize("files, args, expected", CASES)
def test_bad_input_is_reported_and_site_is_untouched(make_site, run, files, args, expected):
    root = make_site()
    code, _, err = run("build", "--root", root)
    assert code == 0, err
    before = snapshot(root / "site")
    write_files(root, files)

    code, out, err = run("build", "--root", root, *args)

    assert code == 1
    assert [line.removeprefix("error: ") for line in err.splitlines()
            if line.startswith("error: ")] == expected
    assert err.splitlines()[-1] == f"{len(expected)} error(s); nothing was written"
    assert "Traceback" not in err and out == ""
    assert snapshot(root / "site") == before


@pytest.mark.parametrize("files, args, expected", CASES)
def test_check_reports_the_same_errors(make_site, run, files, args, expected):
    root = make_site(files)
    code, _, err = run("check", "--root", root, *args)
    assert code == 1
    assert [line.removeprefix("error: ") for line in err.splitlines()
            if line.startswith("error: ")] == expected
    assert not (root / "site").exists()
