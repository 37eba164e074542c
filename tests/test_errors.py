"""Every kind of bad input stops the build with its exact message and leaves site/ as it was."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from conftest import TINY, snapshot, write_files
from reportsite.cli import main

FM = "---\ntitle: Startseite\norder: 1\n---\nText.\n"
PO_HEAD = 'msgid ""\nmsgstr ""\n"Language: de\\n"\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'


def tiny(name: str) -> str:
    """The text of a file of the tiny fixture site, to derive a broken variant from."""
    return (TINY / name).read_text(encoding="utf-8")


DP = tiny("data/datapackage.yaml")
LABELS = """          labels:
            tomato: {fr: Tomate, de: Tomate, en: Tomato}
            bean: {fr: Haricot, de: Bohne, en: Bean}
            herb: {fr: Herbes, de: Kräuter, en: Herbs}
"""  # the crop field's labels, replaced by labels: cldr:territory to test names:
CSV = tiny("data/harvest.csv")
DATA_EN = tiny("content/en/data.md")
CHART = tiny("charts/harvest.py")
DATA_DE = tiny("content/de/data.md")
IDX_DE = tiny("content/de/index.md")
# Number forms the CSV rule refuses (ASCII digits, a leading '-' and one '.' only), most of
# which Python's int() or float() would take.
NUMBER_FORMS = [("underscore", "6_0"), ("plus", "+25"), ("exponent", "1e2"),
                ("leading_space", " 25"), ("full_width", "２５"), ("decimal_comma", "1,5")]


def csv_cell(value: str) -> str:
    """value as a CSV cell (quoted when it holds a comma)."""
    return f'"{value}"' if "," in value else value

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
        ["content/de/harvest.md:3: template 'pages' not found in templates/ or the theme — did you mean 'page'?"],
        id='missing_template'),
    pytest.param(
        {"templates/page.html": "{% extends 'base.html' %}\n{% block content %}\n{{ page.subtitle }}\n{% endblock %}\n"},
        [],
        ["templates/page.html:3: 'reportsite.render.templates.PageView object' has no attribute 'subtitle' (while rendering content/fr/index.md); pass it from the generator or guard it with 'is defined'"],
        id='undefined_variable'),
    pytest.param(
        {"templates/page.html": "{% extends 'base.html' %}\n{% block content %}\n{% if %}\n{% endblock %}\n"},
        [],
        ["templates/page.html:3: template syntax error: Expected an expression, got 'end of statement block'"],
        id='template_syntax'),
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
        ["site.yaml:21: edition.date: expected a date written YYYY-MM-DD, got '1 May 2024'"],
        id='config_bad_date'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace('version: "1.2.0"', "version: 1.2")},
        [],
        ['site.yaml:20: edition.version: write the version as text in quotes, e.g. "1.2"'],
        id='config_version_number'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("title:\n", "title: [\n")},
        [],
        ["site.yaml:5: invalid YAML: while parsing a flow sequence (from line 3): expected ',' or ']', but got ':'"],
        id='config_yaml'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("[fr, de, en]", "[fr, de, en, xx]")},
        [],
        ["site.yaml:2: languages[3]: 'xx' is not a language code CLDR knows (ISO 639, like kk, ru, en, de)"],
        id='config_unknown_language'),
    pytest.param(
        {"site.yaml": "languages: [fr]\ntitle: {fr: Été}\n".encode("latin-1")},
        [],
        ['site.yaml:2: not valid UTF-8 (byte 0xc9 at offset 28); save the file as UTF-8'],
        id='config_not_utf8'),
    pytest.param(
        {"site.yaml": tiny("site.yaml") + "article:\n  jornal: Revue\n  volume: 3\n"},
        [],
        ["site.yaml:25: article.jornal: unknown key 'jornal' — did you mean 'journal'?"],
        id='config_article_unknown_key'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("  date: 2024-05-01\n", "  date: 2024-05-01\n  isbn: 1\n")},
        [],
        ["site.yaml:22: edition.isbn: unknown key 'isbn' (expected one of: changelog, date, doi, version)"],
        id='config_edition_unknown_key'),
    pytest.param(
        {"site.yaml": tiny("site.yaml") + "article:\n  issn: 2617-8894\n"},
        [],
        ["site.yaml:25: article.issn: the ISSN 2617-8894 has the check digit 4, but its first seven digits give 3: is a digit mistyped?"],
        id='config_article_issn_check_digit'),
    pytest.param(
        {"site.yaml": tiny("site.yaml") + "article:\n  issn: 26178893\n"},
        [],
        ["site.yaml:25: article.issn: expected an ISSN like 2617-8893, got '26178893'"],
        id='config_article_issn_form'),
    pytest.param(
        {"site.yaml": tiny("site.yaml") + "article:\n  date: March 2025\n"},
        [],
        ["site.yaml:25: article.date: expected a date written YYYY-MM-DD, or a year, got 'March 2025'"],
        id='config_article_bad_date'),
    pytest.param(
        {"site.yaml": tiny("site.yaml") + "article:\n  doi: https://doi.org/10.1234/x\n"},
        [],
        ["site.yaml:25: article.doi: expected a DOI like 10.1234/abcd, without https://doi.org/, got 'https://doi.org/10.1234/x'"],
        id='config_article_bad_doi'),
    pytest.param(
        {"site.yaml": tiny("site.yaml") + "article:\n  pages: 195 to 210\n"},
        [],
        ["site.yaml:25: article.pages: expected pages like 195-210, or one page or article number, got '195 to 210'"],
        id='config_article_bad_pages'),
    pytest.param(
        {"site.yaml": tiny("site.yaml") + "article:\n  url: journal.example/12\n"},
        [],
        ["site.yaml:25: article.url: expected an absolute URL like https://journal.example/article/12, got 'journal.example/12'"],
        id='config_article_bad_url'),
    pytest.param(
        {"site.yaml": tiny("site.yaml") + "license_confirmed: yes please\n"},
        [],
        ["site.yaml:24: license_confirmed: expected true or false, got 'yes please'"],
        id='config_license_confirmed_not_boolean'),
    pytest.param(
        {"site.yaml": tiny("site.yaml") + "doi: 10.1234/x\n"},
        [],
        ["site.yaml:24: doi: 'doi' has moved: write it as article: doi (the article's) or edition: doi (this edition's own)"],
        id='config_moved_key'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("  date: 2024-05-01\n", "  date: 2024-05-01\n  changelog:\n    - version: \"1.1.0\"\n      date: 2024-01-01\n      changes: {fr: [a], de: [b], en: [c]}\n")},
        [],
        ["site.yaml:23: edition.changelog[0]: the newest entry is 1.1.0 of 2024-01-01; put this edition (1.2.0 of 2024-05-01) first"],
        id='config_changelog_not_this_edition'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("  date: 2024-05-01\n", "  date: 2024-05-01\n  changelog:\n    - version: \"1.2.0\"\n      date: 2024-05-01\n      changes: {fr: [a], en: [c]}\n")},
        [],
        ["site.yaml:25: edition.changelog[0].changes: missing the 'de' translation"],
        id='config_changelog_missing_language'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("      en: Garden Association, Lyon\n", "      en: Garden Association, Lyon\n    institution: {fr: Association des jardins}\n")},
        [],
        ["site.yaml:13: authors[0].institution: missing the 'de' translation", "site.yaml:13: authors[0].institution: missing the 'en' translation"],
        id='config_institution_missing_language'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("CC0-1.0", "CC0 1.0")},
        [],
        ["site.yaml:22: license: expected an SPDX licence id such as CC-BY-4.0, got 'CC0 1.0'"],
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
        ["site.yaml:24: base_url: expected an absolute URL ending in '/', like https://example.org/report/, got 'example.org/garden'"],
        id='config_base_url'),
    pytest.param(
        {"static/index.html": "<p>hi</p>"},
        [],
        ['reportsite/theme/templates/root.html: writes index.html, which static/index.html also writes'],
        id='output_collision'),
    pytest.param(
        {"content/de/harvest.md": None},
        ["--strict"],
        ["content/de/harvest.md: missing translation of content/fr/harvest.md; readers of 'de' will see the original with a notice"],
        id='strict_missing_translation'),
    pytest.param(
        {"charts/harvest.py": CHART.replace("description=ctx.dataset(\"harvest\").titles[ctx.lang]", "description=ctx._(\"Harvest by crop\")"),
         "locales/fr.po": tiny("locales/fr.po") + '\nmsgid "Harvest by crop"\nmsgstr "Récolte par culture"\n',
         "locales/de.po": tiny("locales/de.po") + '\nmsgid "Harvest by crop"\nmsgstr ""\n'},
        ["--strict"],
        ["locales/de.po:{line}: untranslated message 'Harvest by crop'".replace("{line}", str(tiny("locales/de.po").count("\n") + 2))],
        id='strict_untranslated'),
    pytest.param(
        {"locales/de.po": tiny("locales/de.po").replace('msgid "Language"', '#, fuzzy\nmsgid "Language"')},
        ["--strict"],
        ["locales/de.po:49: fuzzy translation of 'Language': check it and remove the '#, fuzzy' flag (shown in de/index.html)"],
        id='strict_fuzzy'),
    pytest.param(
        {"content/en/harvest.md": "---\ntitle: Harvest\n---\nSee [seeds](seeds.html) and [home](index.html#nowhere).\n"},
        ["--strict"],
        ["content/en/harvest.md: sections [] differ from content/fr/harvest.md: ['yield']", "content/en/harvest.md:4: link 'seeds.html' does not resolve to a file of the site (in en/harvest.html)", "content/en/harvest.md:4: link 'index.html#nowhere' points to a missing anchor '#nowhere' in en/index.html (in en/harvest.html)", "content/en/index.md:8: link 'harvest.html#yield' points to a missing anchor '#yield' in en/harvest.html (in en/index.html)"],
        id='strict_broken_link'),
    pytest.param(
        {"content/en/harvest.md": tiny("content/en/harvest.md").replace("Three baskets a week.", "Three baskets a week ([home](/en/index.html)).")},
        ["--strict"],
        ["content/en/harvest.md:7: link '/en/index.html' is root-absolute; use a relative link so the site works from file:// (in en/harvest.html)"],
        id='strict_root_absolute_link'),
    pytest.param(
        {"templates/page.html": "{% extends 'theme/page.html' %}\n{% block footer %}\n{{ _('Imprint') }}\n{% endblock %}\n"},
        ["--strict"],
        ["locales/fr.po: no translation of 'Imprint' (used in templates/page.html:3); English is shown. Add it with: python build.py messages --root {root} --lang fr", "locales/de.po: no translation of 'Imprint' (used in templates/page.html:3); English is shown. Add it with: python build.py messages --root {root} --lang de"],
        id='strict_new_template_string'),
    pytest.param(
        {"charts/harvest.py": CHART.replace("description=ctx.dataset(\"harvest\").titles[ctx.lang]", "description=ctx._(\"Harvest by crop, in kilograms\")")},
        ["--strict"],
        ["locales/fr.po: no translation of 'Harvest by crop, in kilograms' (used in charts/harvest.py:13); English is shown. Add it with: python build.py messages --root {root} --lang fr", "locales/de.po: no translation of 'Harvest by crop, in kilograms' (used in charts/harvest.py:13); English is shown. Add it with: python build.py messages --root {root} --lang de"],
        id='strict_untranslated_chart_description'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace("reference: null", "reference: 2")},
        [],
        ["data/datapackage.yaml:10: resource 'harvest': reference 2, but the site has no content/references.yaml; add the reference list, or write 'reference: null' for the report's own text"],
        id='source_reference_without_references'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace("reference: null", "reference: 2"),
         "content/references.yaml": "forms: {fr: original, de: original, en: original}\nreferences:\n  - n: 1\n    original: {lang: fr, text: Un livre}\n"},
        [],
        ["data/datapackage.yaml:10: resource 'harvest': reference 2 is not in content/references.yaml (it has 1)"],
        id='source_reference_out_of_range'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace("    sources:\n      - reference: null\n        locator: {fr: tableau 1, de: Tabelle 1, en: Table 1}\n", "    sources: []\n")},
        [],
        ["data/datapackage.yaml:9: resources[0].sources: expected a list of one or more sources, each with 'locator' (e.g. Table 2) and 'reference' (its number in the reference list, or null for the report's own text)"],
        id='sources_empty'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace("      - reference: null\n", "      - reference: null\n        page: 12\n")},
        [],
        ["data/datapackage.yaml:11: resources[0].sources[0].page: unknown key 'page' (expected one of: locator, reference)"],
        id='source_unknown_key'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace("reference: null", "reference: first")},
        [],
        ["data/datapackage.yaml:10: resources[0].sources[0].reference: expected a reference number (1, 2, ...) or null for the report's own text, got 'first'"],
        id='source_reference_not_a_number'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace("      primaryKey: [crop]\n", "      primaryKey: [crop]\n      foreignKeys: []\n")},
        [],
        ["data/datapackage.yaml:14: resources[0].schema.foreignKeys: unknown key 'foreignKeys' (expected one of: fields, primaryKey)"],
        id='schema_unknown_key'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace("{field: share, by: [], total: 100}", "{field: shares, by: [], total: 100}")},
        [],
        ["data/datapackage.yaml:35: resources[0].checks.sums[0]: 'shares' is not a field — did you mean 'share'?"],
        id='sums_unknown_field'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace("{field: share, by: [], total: 100}", "{field: share, by: [], total: all}")},
        [],
        ["data/datapackage.yaml:35: resources[0].checks.sums[0]: total must be a number, got 'all'"],
        id='sums_total_not_a_number'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace("resources:\n", "licenses:\n  - {name: CC0-1.0, url: https://example.org}\nresources:\n", 1)},
        [],
        ["data/datapackage.yaml:5: licenses[0].url: unknown key 'url' (expected one of: name, path, title)"],
        id='data_licence_unknown_key'),
    pytest.param(
        {"content/fr/index.md": tiny("content/fr/index.md") + "\n## Encore {#garden}\n\nTexte.\n"},
        [],
        ["content/fr/index.md:10: section id 'garden' is used twice on this page (also on line 6); give each section its own id"],
        id='duplicate_section_id'),
    pytest.param(
        {"data/harvest.csv": CSV.replace("1200", "1 200")},
        [],
        ["data/harvest.csv:2: field 'weight': '1 200' is not an integer (write digits only, e.g. 150000)"],
        id='csv_not_integer'),
    pytest.param(
        {"data/harvest.csv": CSV.replace(",25", ",25%")},
        [],
        ["data/harvest.csv:3: field 'share': '25%' is not a number (use '.' for decimals, no grouping)"],
        id='csv_not_number'),
    *(pytest.param(
        {"data/harvest.csv": CSV.replace("bean,500,25", f"bean,{csv_cell(value)},25")},
        [],
        [f"data/harvest.csv:3: field 'weight': {value!r} is not an integer (write digits only, e.g. 150000)"],
        id=f'csv_integer_{name}') for name, value in NUMBER_FORMS),
    *(pytest.param(
        {"data/harvest.csv": CSV.replace("bean,500,25", f"bean,500,{csv_cell(value)}")},
        [],
        [f"data/harvest.csv:3: field 'share': {value!r} is not a number (use '.' for decimals, no grouping)"],
        id=f'csv_number_{name}') for name, value in NUMBER_FORMS),
    pytest.param(
        {"data/harvest.csv": CSV.replace("bean,500", "bean,-5")},
        [],
        ["data/harvest.csv:3: field 'weight': -5 is below the minimum 0"],
        id='csv_below_minimum'),
    pytest.param(
        {"data/harvest.csv": CSV.replace("tomato,1200,60", "tomato,1200,160").replace("herb,300,15", "herb,300,-85")},
        [],
        ["data/harvest.csv:2: field 'share': 160 is above the maximum 100", "data/harvest.csv:4: field 'share': -85 is below the minimum 0"],
        id='csv_above_maximum'),
    pytest.param(
        {"data/harvest.csv": CSV.replace("herb,", "herbs,")},
        [],
        ["data/harvest.csv:4: field 'crop': unknown category 'herbs' — did you mean 'herb'?"],
        id='csv_unknown_category'),
    pytest.param(
        {"data/harvest.csv": CSV.replace("herb,", "bean,")},
        [],
        ["data/harvest.csv:4: duplicate primary key 'bean' (also on line 3)"],
        id='csv_duplicate_key'),
    pytest.param(
        {"data/harvest.csv": CSV.replace("bean,500,", "bean,,")},
        [],
        ["data/harvest.csv:3: field 'weight': a value is required"],
        id='csv_required_missing'),
    pytest.param(
        {"data/harvest.csv": CSV.replace("herb,300,15", "herb,300,16")},
        [],
        ["data/harvest.csv:4: field 'share': values add up to 101, expected 100 (lines 2, 3, 4)"],
        id='csv_sum_not_100'),
    pytest.param(
        {"data/harvest.csv": CSV.replace("crop,weight,share", "crop,weight,percent")},
        [],
        ["data/harvest.csv:1: header is 'crop,weight,percent'; expected 'crop,weight,share' (the fields of the schema, in order)"],
        id='csv_bad_header'),
    pytest.param(
        {"data/harvest.csv": CSV.replace("bean,500,25", "bean,500")},
        [],
        ['data/harvest.csv:3: 2 values; expected 3 (crop, weight, share)'],
        id='csv_wrong_cell_count'),
    pytest.param(
        {"data/harvest.csv": CSV.replace("herb", "herb").encode() + "tomate,1,0\n".encode("utf-16")},
        [],
        ['data/harvest.csv:5: not valid UTF-8 (byte 0xff at offset 57); save the file as UTF-8'],
        id='csv_not_utf8'),
    pytest.param(
        {"data/harvest.csv": None},
        [],
        ['data/datapackage.yaml:6: resources[0].path: data/harvest.csv does not exist'],
        id='csv_missing'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace("          unit: {fr: kilogrammes, de: Kilogramm, en: kilograms}", "          unit: {fr: kilogrammes, de: Kilogramm, en: kilograms}\n          units: kg")},
        [],
        ["data/datapackage.yaml:26: resources[0].schema.fields[1].units: unknown key 'units' — did you mean 'unit'?"],
        id='package_unknown_key'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace("type: integer\n          unit: {fr:", "type: int\n          unit: {fr:")},
        [],
        ["data/datapackage.yaml:24: resources[0].schema.fields[1].type: unsupported type 'int' — did you mean 'integer'?"],
        id='package_field_type'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace("            herb: {fr: Herbes, de: Kräuter, en: Herbs}\n", "")},
        [],
        ["data/datapackage.yaml:19: resources[0].schema.fields[0].labels: no label for the value 'herb'"],
        id='package_missing_label'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace("titles: {fr: Part, de: Anteil, en: Share}", "titles: {fr: Part, en: Share}")},
        [],
        ["data/datapackage.yaml:32: resources[0].schema.fields[2].titles: missing the 'de' text"],
        id='package_missing_translation'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace("formula: weight * 1000", "formula: __import__('os')")},
        [],
        ['data/datapackage.yaml:39: resources[0].derived[0].formula: formula "__import__(\'os\')": only field names, numbers and + - * / are allowed'],
        id='package_bad_formula'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace(LABELS, LABELS + "          names: {herb: {de: Kraut}}\n")},
        [],
        ["data/datapackage.yaml:23: resources[0].schema.fields[0].names: names override CLDR's country names; the field needs labels: cldr:territory"],
        id='package_names_without_territory'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace(LABELS, "          labels: cldr:territory\n          names: {herb: {it: Erbe}}\n")},
        [],
        ["data/datapackage.yaml:20: resources[0].schema.fields[0].names.herb.it: 'it' is not one of the site's languages (expected one of: de, en, fr)"],
        id='package_names_unknown_language'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace(LABELS, "          labels: cldr:territory\n          names: {herb: {de: 5, en: ''}}\n")},
        [],
        ["data/datapackage.yaml:20: resources[0].schema.fields[0].names.herb.de: expected the name as text, got 5", "data/datapackage.yaml:20: resources[0].schema.fields[0].names.herb.en: expected the name as text, got ''"],
        id='package_names_not_text'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace(LABELS, "          labels: cldr:territory\n          names: {herbs: {de: Kraut}}\n")},
        [],
        ["data/datapackage.yaml:20: resources[0].schema.fields[0].names.herbs: 'herbs' is not a value of this field — did you mean 'herb'?"],
        id='package_names_unknown_code'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace(LABELS, "          labels: cldr:territory\n          names: Kräuter\n")},
        [],
        ["data/datapackage.yaml:20: resources[0].schema.fields[0].names: expected code: {language: text}, e.g. KG: {ru: Кыргызстан}"],
        id='package_names_not_mapping'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace(LABELS, "          labels: cldr:territory\n          names: {herb: Kraut}\n")},
        [],
        ["data/datapackage.yaml:20: resources[0].schema.fields[0].names.herb: expected {language: text}, e.g. {ru: Кыргызстан}"],
        id='package_names_code_not_mapping'),
    pytest.param(
        {"data/datapackage.yaml": DP.replace(LABELS, "          labels: cldr:territory\n          names: {NO: {de: Norwegen}}\n")},
        [],
        ["data/datapackage.yaml:20: resources[0].schema.fields[0].names: the key False is not text (YAML reads NO, ON, YES as true/false); put the country code in quotes, e.g. 'NO'"],
        id='package_names_code_not_text'),
    pytest.param(
        {"content/en/data.md": DATA_EN.replace('value("harvest"', 'value("harvests"')},
        [],
        ["content/en/data.md:7: unknown dataset 'harvests' — did you mean 'harvest'?"],
        id='shortcode_unknown_dataset'),
    pytest.param(
        {"content/en/data.md": DATA_EN.replace('"tomato", "weight"', '"tomatoes", "weight"')},
        [],
        ["content/en/data.md:7: dataset 'harvest' has no row 'tomatoes' — did you mean 'tomato'?"],
        id='shortcode_unknown_row'),
    pytest.param(
        {"content/en/data.md": DATA_EN.replace('"tomato", "weight"', '"tomato", "weigth"')},
        [],
        ["content/en/data.md:7: dataset 'harvest' has no field 'weigth' — did you mean 'weight'?"],
        id='shortcode_unknown_field'),
    pytest.param(
        {"content/en/data.md": DATA_EN.replace('chart("harvest"', 'chart("harvset"')},
        [],
        ["content/en/data.md:11: unknown chart 'harvset' — did you mean 'harvest'?"],
        id='shortcode_unknown_chart'),
    pytest.param(
        {"content/en/data.md": DATA_EN.replace('ref("fig-harvest")', 'ref("fig-harvests")')},
        [],
        ["content/en/data.md:7: ref('fig-harvests'): no table or figure with that id on this page — did you mean 'fig-harvest'?"],
        id='shortcode_unknown_ref'),
    pytest.param(
        {"content/en/data.md": DATA_EN.replace('{{ table(', '{{ tabel(')},
        [],
        ["content/en/data.md:9: 'tabel' is undefined; shortcodes are chart, cite, codebook, downloads, ref, references, table, value"],
        id='shortcode_unknown_name'),
    pytest.param(
        {"content/en/data.md": DATA_EN.replace('{{ table("harvest", derived=True) }}', '{{ table("harvest" }}')},
        [],
        ["content/en/data.md:9: shortcode syntax error: unexpected '}', expected ')'"],
        id='shortcode_syntax'),
    pytest.param(
        {"content/en/data.md": DATA_EN.replace("{{ table(\"harvest\", derived=True) }}", "<div>{{ table(\"harvest\", derived=True) }}</div>")},
        [],
        ['content/en/data.md: a table(), chart(), codebook() or downloads() shortcode must stand alone in its own paragraph (blank lines before and after)'],
        id='shortcode_inside_html'),
    pytest.param(
        {"content/en/data.md": DATA_EN + '\n{{ table("harvest") }}\n'},
        [],
        ["content/en/data.md:13: 'tbl-harvest' is used twice on this page; give one of them another id=..."],
        id='shortcode_duplicate_anchor'),
    pytest.param(
        {"content/en/data.md": DATA_EN + '\n{{ value.__func__.__globals__ }}\n'},
        [],
        ["content/en/data.md:13: not allowed in content: access to attribute '__func__' of 'method' object is unsafe."],
        id='shortcode_sandbox'),
    pytest.param(
        {"content/en/data.md": DATA_EN.replace(', caption="Harvest by crop"', '')},
        [],
        ["content/en/data.md:11: chart() missing 1 required positional argument: 'caption'"],
        id='shortcode_missing_caption'),
    pytest.param(
        {"content/en/data.md": DATA_EN.replace('derived=True', 'where={"crop": "potato"}')},
        [],
        ["content/en/data.md:9: no row of 'harvest' matches where={'crop': 'potato'}"],
        id='shortcode_bad_where'),
    pytest.param(
        {"content/en/data.md": DATA_EN.replace('derived=True', 'ranges={"crop": "weight"}')},
        [],
        ["content/en/data.md:9: ranges={'crop': 'weight'}: a range joins a number field the table shows and the number field of its upper end"],
        id='shortcode_range_of_text'),
    pytest.param(
        {"content/en/data.md": DATA_EN.replace('derived=True', 'ranges={"weight": "wieght"}')},
        [],
        ["content/en/data.md:9: dataset 'harvest' has no field 'wieght' — did you mean 'weight'?"],
        id='shortcode_range_unknown_field'),
    pytest.param(
        {"charts/harvest.py": CHART.replace("def chart(ctx):", "def chart(ctx)")},
        [],
        ["charts/harvest.py:6: syntax error: expected ':'"],
        id='chart_syntax'),
    pytest.param(
        {"charts/harvest.py": CHART.replace("    rows = ctx.records", "    1 / 0\n    rows = ctx.records")},
        [],
        ["charts/harvest.py:7: chart('fr') failed: ZeroDivisionError: division by zero"],
        id='chart_raises'),
    pytest.param(
        {"charts/harvest.py": CHART.replace('ctx.records("harvest")', 'ctx.records("harvst")')},
        [],
        ["charts/harvest.py:7: unknown dataset 'harvst' — did you mean 'harvest'?"],
        id='chart_unknown_dataset'),
    pytest.param(
        {"charts/harvest.py": CHART.replace(', description=ctx.dataset("harvest").titles[ctx.lang]', '')},
        [],
        ['charts/harvest.py: the chart has no description: pass description=... (a sentence for screen readers)'],
        id='chart_no_description'),
    pytest.param(
        {"charts/harvest.py": CHART.replace('        tooltip=[alt.Tooltip("crop:N", title=ctx.title("harvest", "crop")),\n                 alt.Tooltip("weight:Q", title=ctx.title("harvest", "weight"), format=",d")],\n', '')},
        [],
        ['charts/harvest.py: the chart has no tooltip listing its fields; add tooltip=[alt.Tooltip(field, title=...), ...] so readers can see the values'],
        id='chart_no_tooltip'),
    pytest.param(
        {"charts/harvest.py": CHART.replace("def chart(ctx):", "def draw(ctx):")},
        [],
        ['charts/harvest.py: defines no chart(ctx) function returning an Altair chart'],
        id='chart_no_function'),
    pytest.param(
        {"charts/Harvest-2.py": CHART},
        [],
        ["charts/Harvest-2.py: chart file names must be lower-case letters, digits and '_' (the name is the chart id)"],
        id='chart_bad_name'),
    pytest.param(
        {"content/de/index.md": IDX_DE.replace("1200", "1300")},
        ["--strict"],
        ["content/de/index.md: section 'garden': numbers differ from content/fr/index.md (missing 1200; extra 1300)"],
        id='parity_number_changed'),
    pytest.param(
        {"content/de/data.md": DATA_DE.replace("{#harvest}", "{#ernte}")},
        ["--strict"],
        ["content/de/data.md: sections ['ernte'] differ from content/fr/data.md: ['harvest']"],
        id='parity_section_changed'),
    pytest.param(
        {"content/en/data.md": DATA_EN.replace(', {{ ref("fig-harvest") }}', "")},
        ["--strict"],
        ["content/en/data.md: section 'harvest': shortcodes differ from content/fr/data.md (missing ref(fig-harvest))"],
        id='parity_shortcode_dropped'),
    pytest.param(
        {"content/en/data.md": DATA_EN.replace("tomatoes", "tomatoes {{ cite(1) }}")},
        [],
        ['content/en/data.md:7: cite(): this site has no content/references.yaml'],
        id='cite_without_references'),
    pytest.param(
        {"content/references.yaml": "forms: {fr: original, de: original, en: original}\nreferences:\n  - n: 2\n    original: {lang: fr, text: Un livre}\n"},
        [],
        ['content/references.yaml:3: reference 2 is out of order; expected 1'],
        id='references_bad_number'),
    pytest.param(
        {"content/references.yaml": "forms: {fr: original, en: original}\nreferences:\n  - n: 1\n    original: {lang: fr, text: Un livre}\n"},
        [],
        ["content/references.yaml:1: forms: missing the 'de' entry (which form its pages show)"],
        id='references_missing_form'),
    pytest.param(
        {"content/references.yaml": "forms: {fr: original, de: original, en: original}\nreferences:\n  - n: 1\n    type: journal\n    original:\n      lang: fr\n      text: Durand P. Un livre. Paris, 2001.\n      authors: [\"Durand, P.\"]\n      source: Un autre livre\n"},
        [],
        ["content/references.yaml:9: reference 1: 'source' is «Un autre livre», which its text does not state; a field holds only what the text says, as it says it"],
        id='references_field_not_in_the_text'),
    pytest.param(
        {"content/references.yaml": "forms: {fr: original, de: original, en: original}\nreferences:\n  - n: 1\n    type: newspaper\n    original:\n      lang: fr\n      text: Un livre\n      titel: Un livre\n"},
        [],
        ["content/references.yaml:4: reference 1: type 'newspaper' is not one of journal, book, report, web, gov, other",
         "content/references.yaml:8: reference 1: unknown field 'titel' — did you mean 'title'?"],
        id='references_bad_type_and_field'),
    pytest.param(
        {"site.yaml": tiny("site.yaml").replace("    email: camille@example.org", "    email: camille@example.org\n    country: France")},
        [],
        ["site.yaml:14: authors[0].country: expected an ISO 3166-1 country code like KZ, got 'France'"],
        id='author_country_not_a_code'),
    pytest.param(
        {"content/references.yaml": "forms: {fr: original, de: original, en: original}\nreferences:\n  - n: 1\n    original: {lang: fr, text: Un livre}\n", "content/en/data.md": DATA_EN.replace("tomatoes", "tomatoes {{ cite(2) }}")},
        [],
        ['content/en/data.md:7: cite(2): the reference list has entries 1–1'],
        id='cite_out_of_range'),
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
    expected = [line.replace("{root}", str(root)) for line in expected]
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
    expected = [line.replace("{root}", str(root)) for line in expected]
    assert [line.removeprefix("error: ") for line in err.splitlines()
            if line.startswith("error: ")] == expected
    assert not (root / "site").exists()


# --- paths that leave the site folder (docs/SECURITY.md) -----------------------------------
# The outside folder sits beside the site folder; its files hold MARKER, which must never
# appear in a message or an output. "{out}" in a case stands for that folder. Links are
# made with os.symlink; their values are the link text.

MARKER = "MARKER-OUTSIDE-3f9c1d"
PASSWD = f"root:x:0:0:{MARKER}:/root:/bin/bash\n"  # shaped like /etc/passwd's first line
REFS = ("forms: {fr: original, de: original, en: original}\nreferences:\n  - n: 1\n"
        "    original: {lang: fr, text: '[Un livre](../../outside/passwd)'}\n")
LEAVES = "leaves the site folder; put a copy in the site folder instead"
NAMED = "put the file in data/ and give its path relative to data/, e.g. 'table.csv'"

ESCAPES = [
    pytest.param({"static/passwd.txt": "{out}/passwd"}, {},
                 [f"static/passwd.txt: symlink to '{{out}}/passwd' {LEAVES}"], id="static_symlink"),
    pytest.param({"static/css/passwd.txt": "../../../outside/passwd"}, {},
                 [f"static/css/passwd.txt: symlink to '../../../outside/passwd' {LEAVES}"],
                 id="static_relative_symlink"),
    pytest.param({"static/.passwd": "{out}/passwd"}, {},
                 [f"static/.passwd: symlink to '{{out}}/passwd' {LEAVES}"], id="static_hidden_symlink"),
    pytest.param({"static/etc": "{out}"}, {},
                 [f"static/etc: symlink to '{{out}}' {LEAVES}"], id="static_folder_symlink"),
    pytest.param({"content/en/leak.md": "{out}/page.md"}, {},
                 [f"content/en/leak.md: symlink to '{{out}}/page.md' {LEAVES}"], id="content_symlink"),
    pytest.param({"content/de": "{out}"}, {"content/de": None},
                 [f"content/de: symlink to '{{out}}' {LEAVES}"], id="content_folder_symlink"),
    pytest.param({"content/references.yaml": "{out}/passwd"}, {},
                 [f"content/references.yaml: symlink to '{{out}}/passwd' {LEAVES}"],
                 id="references_symlink"),
    pytest.param({"site.yaml": "{out}/passwd"}, {"site.yaml": None},
                 [f"site.yaml: symlink to '{{out}}/passwd' {LEAVES}"], id="config_symlink"),
    pytest.param({"templates/page.html": "{out}/page.md"}, {},
                 [f"templates/page.html: symlink to '{{out}}/page.md' {LEAVES}"],
                 id="template_symlink"),
    pytest.param({"locales/de.po": "{out}/passwd"}, {"locales/de.po": None},
                 [f"locales/de.po: symlink to '{{out}}/passwd' {LEAVES}"], id="catalog_symlink"),
    pytest.param({"charts/harvest.py": "{out}/chart.py"}, {"charts/harvest.py": None},
                 [f"charts/harvest.py: symlink to '{{out}}/chart.py' {LEAVES}"], id="chart_symlink"),
    pytest.param({"data/harvest.csv": "{out}/passwd"}, {"data/harvest.csv": None},
                 [f"data/harvest.csv: symlink to '{{out}}/passwd' {LEAVES}",
                  f"data/datapackage.yaml:6: resources[0].path: path 'harvest.csv' leaves the "
                  f"site folder; {NAMED}"], id="data_symlink"),
    pytest.param({"data/sub": "{out}"}, {"data/datapackage.yaml": DP.replace("path: harvest.csv", "path: sub/passwd")},
                 [f"data/sub: symlink to '{{out}}' {LEAVES}",
                  f"data/datapackage.yaml:6: resources[0].path: path 'sub/passwd' leaves the "
                  f"site folder; {NAMED}"], id="data_path_through_symlinked_folder"),
    pytest.param({}, {"data/datapackage.yaml": DP.replace("path: harvest.csv", "path: ../../outside/passwd")},
                 [f"data/datapackage.yaml:6: resources[0].path: path '../../outside/passwd' "
                  f"leaves the site folder; {NAMED}"], id="data_path_up"),
    pytest.param({}, {"data/datapackage.yaml": DP.replace("path: harvest.csv", "path: {out}/passwd")},
                 [f"data/datapackage.yaml:6: resources[0].path: path '{{out}}/passwd' is "
                  f"absolute; {NAMED}"], id="data_path_absolute"),
    pytest.param({}, {"data/datapackage.yaml": DP.replace("path: harvest.csv", "path: https://example.org/harvest.csv")},
                 ["data/datapackage.yaml:6: resources[0].path: path 'https://example.org/harvest.csv' "
                  "is a URL; the build reads only files in the site folder: save the file in data/ "
                  "and give its path relative to data/, e.g. 'table.csv'"], id="data_path_url"),
    pytest.param({}, {"data/datapackage.yaml": DP.replace("path: harvest.csv", "path: ../data/harvest.csv")},
                 [f"data/datapackage.yaml:6: resources[0].path: path '../data/harvest.csv' goes "
                  f"up with '..'; {NAMED}"], id="data_path_dotdot"),
    pytest.param({}, {"data/datapackage.yaml": DP.replace("path: harvest.csv", "path: 5")},
                 ["data/datapackage.yaml:6: resources[0].path: expected the name of a file in data/ "
                  "(give its path relative to data/, e.g. 'table.csv'), got 5"], id="data_path_not_text"),
    pytest.param({}, {"content/en/harvest.md": tiny("content/en/harvest.md").replace(
        "Three baskets a week.", "Three baskets a week ![a](../../outside/passwd) ![b]({out}/passwd) "
        "[c](file://{out}/passwd).")},
                 ["content/en/harvest.md:7: link '../../outside/passwd' leaves the site folder; put "
                  "the file in static/ and link to it relatively (in en/harvest.html)",
                  "content/en/harvest.md:7: link '{out}/passwd' is root-absolute; use a relative "
                  "link so the site works from file:// (in en/harvest.html)",
                  "content/en/harvest.md:7: link 'file://{out}/passwd' leaves the site folder (file: "
                  "names a file on the reader's disk); put the file in static/ and link to it "
                  "relatively (in en/harvest.html)"], id="page_images_and_links"),
    pytest.param({}, {"content/references.yaml": REFS, "content/en/data.md": DATA_EN + "\n{{ references() }}\n"},
                 ["content/en/data.md: link '../../outside/passwd' leaves the site folder; put the "
                  "file in static/ and link to it relatively (in en/data.html, line 118)"],
                 id="reference_link"),
    pytest.param({}, {"templates/partials/sources.html": "{% include '../../outside/passwd' %}\n"},
                 [f"content/{lang}/data.md: template '../../outside/passwd' not found in "
                  "templates/ or the theme" for lang in ("de", "en", "fr")], id="template_include_up"),
    pytest.param({}, {"templates/partials/sources.html": "{% include '{out}/passwd' %}\n"},
                 [f"content/{lang}/data.md: template '{{out}}/passwd' not found in "
                  "templates/ or the theme" for lang in ("de", "en", "fr")],
                 id="template_include_absolute"),
    pytest.param({}, {"content/de/index.md": IDX_DE.replace("title:", "template: ../../outside/passwd\ntitle:")},
                 ["content/de/index.md:2: template '../../outside/passwd' not found in templates/ "
                  "or the theme (expected one of: article, cite, overview, page)"],
                 id="template_front_matter"),
]


@pytest.fixture(scope="module")
def built_site(tmp_path_factory: pytest.TempPathFactory, chart_cache: Path) -> Path:
    """The tiny site, built once (site/ made) for the cases below to copy."""
    root = tmp_path_factory.mktemp("built") / "src"
    shutil.copytree(TINY, root)
    assert main(["build", "--root", str(root), "--cache-dir", str(chart_cache), "-q"]) == 0
    return root


def make_escape(root: Path, outside: Path, links: dict[str, str],
                files: dict[str, str | None]) -> None:
    """Overlay files and make symlinks, "{out}" standing for the outside folder."""
    write_files(root, {name: None if text is None else text.replace("{out}", str(outside))
                       for name, text in files.items()})
    for name, target in links.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target.replace("{out}", str(outside)), root / name)


def outside_folder(tmp_path: Path) -> Path:
    """The folder beside the site folder, with a passwd-like file, a page and a chart."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "passwd").write_text(PASSWD)
    (outside / "page.md").write_text(f"---\ntitle: {MARKER}\n---\n{MARKER}\n")
    (outside / "chart.py").write_text(f"raise SystemExit('{MARKER}')\n")
    return outside


@pytest.mark.parametrize("links, files, expected", ESCAPES)
def test_a_path_out_of_the_site_folder_stops_the_build(tmp_path, built_site, run, links, files,
                                                        expected):
    root = tmp_path / "src"
    shutil.copytree(built_site, root)
    before = snapshot(root / "site")
    outside = outside_folder(tmp_path)
    make_escape(root, outside, links, files)

    code, out, err = run("build", "--root", root)

    assert code == 1
    assert [line.removeprefix("error: ") for line in err.splitlines()
            if line.startswith("error: ")] == [e.replace("{out}", str(outside)) for e in expected]
    assert MARKER not in out + err and "Traceback" not in err
    assert snapshot(root / "site") == before
