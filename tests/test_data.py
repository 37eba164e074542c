"""The article's numbers in data/: traced to the source, checked, published, rendered."""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
import subprocess
import sys

import pytest

from conftest import REPO, TINY
from htmlquery import find, parse
from reportsite.core.errors import Report
from reportsite.load.data import load_data
from reportsite.load.rows import evaluate

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def package():
    return load_data(REPO, ("kk", "ru", "en"), Report())


@pytest.fixture(scope="module")
def outputs(real_site):
    return real_site[1].files


def test_table_1_is_the_articles_table(package):
    rows = {(r["question"], r["answer"]): r["share"] for r in package.resource("survey_attitudes").rows}
    assert rows == {("attitude", "positive"): 45, ("attitude", "neutral"): 30,
                    ("attitude", "negative"): 25, ("competition", "yes"): 60,
                    ("competition", "no"): 40, ("living_standard", "yes"): 50,
                    ("living_standard", "no"): 50}


def test_table_2_and_its_estimates(package):
    flows = package.resource("external_flows_2022")
    assert [(r["country"], r["arrivals"], r["stayed_share"]) for r in flows.rows] == [
        ("UZ", 150000, 45), ("KG", 80000, 35), ("TJ", 70000, 40), ("RU", 100000, 60)]
    assert [(r["stayed"], r["left"]) for r in flows.rows] == [
        (67500, 82500), (28000, 52000), (28000, 42000), (60000, 40000)]
    for name in ("stayed", "left"):
        field = flows.field(name)
        assert field.formula and "estimate" in field.titles["en"].lower()


def test_country_names_come_from_cldr(package):
    country = package.resource("external_flows_2022").field("country")
    assert [country.label(c, "kk") for c in ("UZ", "KG", "TJ", "RU")] == [
        "Өзбекстан", "Қырғызстан", "Тәжікстан", "Ресей"]
    assert country.label("UZ", "ru") == "Узбекистан" and country.label("TJ", "en") == "Tajikistan"


def test_the_data_package_names_a_country_where_cldr_differs(package):
    country = package.resource("external_flows_2022").field("country")
    assert country.names == {"KG": {"ru": "Кыргызстан"}}  # CLDR's Russian name is «Киргизия»
    assert [country.label("KG", lang) for lang in ("kk", "ru", "en")] == [
        "Қырғызстан", "Кыргызстан", "Kyrgyzstan"]
    assert country.label("UZ", "ru") == "Узбекистан"  # the other codes still come from CLDR


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_table_chart_and_prose_use_the_same_country_name(outputs, package, lang):
    name = package.resource("external_flows_2022").field("country").label("KG", lang)
    for page in ("article", "data"):
        elements = parse(outputs[f"{lang}/{page}.html"].decode())
        table = find(elements, "figure", id="tbl-external_flows_2022")[0]
        assert name in [c.text for c in find(elements, "th") if table in c.ancestors]
    elements = parse(outputs[f"{lang}/data.html"].decode())
    chart = find(elements, "figure", id="fig-external_flows_2022")[0]
    shown = [e.text for e in find(elements, "td") if chart in e.ancestors]  # its data table
    assert name in shown
    assert name in [d for d in find(elements, "div", class_="chart")
                    if chart in d.ancestors][0].attrs["aria-label"]  # its text alternative
    for download in ("svg", "csv"):
        assert name in outputs[f"{lang}/figures/external_flows_2022.{download}"].decode()
    prose = " ".join(p.text for p in find(parse(outputs[f"{lang}/article.html"].decode()), "p")
                     if p.inside("div", "prose") and not p.inside("figure"))
    assert name in prose  # "Кыргызстана" (genitive) holds "Кыргызстан"
    if lang == "ru":
        assert not [path for path, data in outputs.items()
                    if path.startswith("ru/") and "Киргиз" in data.decode(errors="replace")]


def test_published_package_keeps_the_own_country_names(outputs):
    descriptor = json.loads(outputs["data/datapackage.json"])
    flows = next(r for r in descriptor["resources"] if r["name"] == "external_flows_2022")
    country = flows["schema"]["fields"][0]
    assert country["labels"] == "cldr:territory"
    assert country["names"] == {"KG": {"ru": "Кыргызстан"}}


def test_every_key_figure_quotes_the_article_and_its_number(package, article):
    for row in package.resource("key_figures").rows:
        assert row["quote"] in article, row["id"]
        numbers = {n.replace(",", "").replace(" ", "")
                   for n in re.findall(r"\d[\d, ]*\d|\d", row["quote"])}
        for value in (row["value"], row["value_max"]):
            if value is not None:
                assert str(value) in numbers, (row["id"], value, numbers)
        if row["reference"] is not None and row["reference_scope"] == "sentence":
            assert re.search(rf"\[{row['reference']}[\],]", row["quote"]), row["id"]


def test_tables_match_the_article_text(package, article):
    for answer, share in (("Позитивті", 45), ("Нейтралды", 30), ("Қарсы ойлар", 25)):
        assert f"{answer}: {share}%" in article
    for name, arrivals, share in (("Өзбекстан", "150,000", 45), ("Қырғызстан", "80,000", 35),
                                  ("Тәжікстан", "70,000", 40), ("Ресей", "100,000", 60)):
        assert re.search(rf"\| {name}\s*\| {arrivals}\s*\| {share}\s*\|", article)


def test_every_label_exists_in_every_language(package):
    for resource in package.resources.values():
        assert set(resource.titles) == {"kk", "ru", "en"}
        for field in resource.all_fields:
            assert set(field.titles) == {"kk", "ru", "en"}
            if isinstance(field.labels, dict):
                for text in field.labels.values():
                    assert set(text) == {"kk", "ru", "en"} and all(text.values())


def test_formulas_are_exact_decimal_arithmetic():
    assert evaluate("arrivals * stayed_share / 100", {"arrivals": 70000, "stayed_share": 40}) == 28000
    assert str(evaluate("a - a * b / 100", {"a": 3, "b": 33.3})) == "2.001"
    with pytest.raises(ValueError) as e:
        evaluate("__import__('os')", {})
    assert str(e.value) == ("formula \"__import__('os')\": only field names, numbers and "
                            "+ - * / are allowed")


def test_values_at_the_limits_are_accepted(make_site, run):
    """minimum and maximum include the limit itself (0 kg; a share of 0 or 100 %)."""
    root = make_site({"data/harvest.csv": "crop,weight,share\ntomato,0,100\nbean,500,0\n"
                                          "herb,300,0\n"})
    code, _, err = run("build", "--root", root)
    assert code == 0, err
    rows = json.loads((root / "site/data/harvest.json").read_text())
    assert [(r["crop"], r["weight"], r["share"]) for r in rows] == [
        ("tomato", 0, 100), ("bean", 500, 0), ("herb", 300, 0)]


def test_derived_integers_round_half_up(make_site, run):
    """A derived integer field is rounded half up: 500 / 200 = 2.5 gives 3 (not 2, as
    rounding half to even would), 300 / 200 = 1.5 gives 2."""
    package = (TINY / "data/datapackage.yaml").read_text(encoding="utf-8")
    root = make_site({"data/datapackage.yaml": package + (
        "      - name: crates\n        type: integer\n        formula: weight / 200\n"
        "        titles: {fr: Caisses, de: Kisten, en: Crates}\n")})
    code, _, err = run("build", "--root", root)
    assert code == 0, err
    rows = json.loads((root / "site/data/harvest.json").read_text())
    assert [(r["crop"], r["crates"]) for r in rows] == [("tomato", 6), ("bean", 3), ("herb", 2)]


def test_published_package_has_every_csv_as_written(outputs):
    descriptor = json.loads(outputs["data/datapackage.json"])
    assert [r["name"] for r in descriptor["resources"]] == [
        "survey_attitudes", "external_flows_2022", "key_figures"]
    # Where each dataset's values come from: the article's reference and place (in kk, the
    # original), with the locator in every language.
    assert {r["name"]: [(s["reference"], s["title"]) for s in r["sources"]]
            for r in descriptor["resources"]} == {
        "survey_attitudes": [(10, "[10], 1-кесте")],
        "external_flows_2022": [(12, "[12], 2-кесте")],
        "key_figures": [(None, "мақала мәтіні")]}
    assert descriptor["resources"][0]["sources"][0]["locator"] == {
        "kk": "1-кесте", "ru": "таблица 1", "en": "Table 1"}
    rows = {}
    for resource in descriptor["resources"]:
        assert outputs[f"data/{resource['path']}"] == (REPO / "data" / resource["path"]).read_bytes()
        rows[resource["name"]] = len(json.loads(outputs[f"data/{resource['name']}.json"]))
        assert rows[resource["name"]] == len(list(csv.DictReader(
            (REPO / "data" / resource["path"]).read_text(encoding="utf-8").splitlines())))
    assert rows == {"survey_attitudes": 7, "external_flows_2022": 4, "key_figures": 18}
    assert "licenses" not in descriptor  # pending the authors' confirmation


def test_frictionless_validates_the_published_package(tmp_path, outputs):
    for path, data in outputs.items():
        if path.startswith("data/"):
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_bytes(data)
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json",
                             str(tmp_path / "data" / "datapackage.json")],
                            capture_output=True, text=True, timeout=300)
    report = json.loads(result.stdout)
    assert report["valid"] is True, json.dumps(report, indent=1)[:3000]
    assert len(report["tasks"]) == 3 and all(t["valid"] for t in report["tasks"])


def test_frictionless_rejects_a_broken_csv(tmp_path, outputs):
    """The validation above can fail: a published CSV with a bad value does not pass."""
    for path, data in outputs.items():
        if path.startswith("data/"):
            (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / path).write_bytes(data)
    broken = tmp_path / "data" / "external_flows_2022.csv"
    broken.write_text(broken.read_text().replace("150000", "many"))
    result = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json",
                             str(tmp_path / "data" / "datapackage.json")],
                            capture_output=True, text=True, timeout=300)
    assert json.loads(result.stdout)["valid"] is False


@pytest.mark.parametrize("lang, number", [("kk", f"150{NBSP}000"), ("ru", f"150{NBSP}000"),
                                          ("en", "150,000")])
def test_prose_and_tables_format_numbers_per_language(outputs, lang, number):
    html = outputs[f"{lang}/data.html"].decode()
    elements = parse(html)
    prose = [p.text for p in find(elements, "p") if not p.inside("figure")]
    assert any(number in text for text in prose)
    table = find(elements, "figure", id="tbl-external_flows_2022")[0]
    cells = [c.text for c in find(elements, "td") if table in c.ancestors]
    assert number in cells
    assert "150000" not in " ".join(prose + cells)


def test_data_page_lists_every_dataset_in_every_language(outputs, package):
    assert [(r.path, r.titles["en"]) for r in package.resources.values()] == [
        ("survey_attitudes.csv", "Survey of local residents of large cities on migration"),
        ("external_flows_2022.csv", "External migration flows to Kazakhstan (2022)"),
        ("key_figures.csv", "Key figures stated in the text of the article")]
    for lang in ("kk", "ru", "en"):
        html = outputs[f"{lang}/data.html"].decode()
        for resource in package.resources.values():
            assert f'href="../data/{resource.path}"' in html
            assert resource.titles[lang] in html  # the codebook caption
        assert 'href="../data/datapackage.json"' in html


def test_figure_1_is_not_drawn_but_explained(outputs):
    for lang, words in (("kk", "суретсіз әрі деректерсіз"), ("ru", "без изображения и без данных"),
                        ("en", "without its image or the data")):
        html = outputs[f"{lang}/data.html"].decode()
        assert words in html
        elements = parse(html)
        table = find(elements, "figure", id="tbl-internal")[0]
        rows = [r for r in find(elements, "tr") if table in r.ancestors]
        assert len(rows) == 1 + 12  # header + the twelve internal-migration figures


def test_published_package_follows_data_package_v2(outputs):
    descriptor = json.loads(outputs["data/datapackage.json"])
    assert descriptor["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    assert (descriptor["version"], descriptor["created"]) == ("0.1.0", "2026-11-24T00:00:00Z")
    assert descriptor["keywords"][:2] == ["ішкі және сыртқы көші-қон", "саяси басқару"]
    assert [(c["title"], c["roles"], c["organization"]) for c in descriptor["contributors"]] == [
        ("М.Ш. Назарова", ["author"], "әл-Фараби атындағы Қазақ Ұлттық Университеті"),
        ("А.Б. Сарсенбаев", ["author"], "Қазақ Ұлттық Аграрлық зерттеу университеті")]
    assert "homepage" not in descriptor and "id" not in descriptor  # no base_url, no DOI
    assert {r["type"] for r in descriptor["resources"]} == {"table"}
    survey, flows, _ = descriptor["resources"]
    answer = survey["schema"]["fields"][1]
    assert answer["categories"][:3] == [{"value": "positive", "label": "Позитивті"},
                                        {"value": "neutral", "label": "Нейтралды"},
                                        {"value": "negative", "label": "Қарсы ойлар"}]
    assert answer["labels"]["negative"] == {"kk": "Қарсы ойлар", "ru": "Против", "en": "Opposed"}
    # Country codes: the codes the data holds, named as the site names them (kk here).
    assert flows["schema"]["fields"][0]["categories"] == [
        {"value": "KG", "label": "Қырғызстан"}, {"value": "RU", "label": "Ресей"},
        {"value": "TJ", "label": "Тәжікстан"}, {"value": "UZ", "label": "Өзбекстан"}]


def _codebook_columns(text: str) -> dict[str, tuple[list[str], list[str], list[str]]]:
    """From a codebook: per heading, the files it names and the field names listed under it."""
    found = {}
    for part in re.split(r"^### ", text, flags=re.M)[1:]:
        heading, body = part.split("\n", 1)
        body = re.split(r"^##", body, flags=re.M)[0]
        files = re.findall(r"`([^`]+)`", heading)
        fields = re.findall(r"^- `([^`]+)`", body, flags=re.M)
        found[heading] = (files, fields)
    return found


@pytest.mark.parametrize("lang", ["kk", "ru", "en"])
def test_codebooks_describe_exactly_the_columns_of_each_file(outputs, lang):
    from openpyxl import load_workbook

    columns: dict[str, list[str]] = {}
    for path, data in outputs.items():
        if path.startswith("data/") and path.endswith(".csv"):
            columns[path[5:]] = next(csv.reader(data.decode().splitlines()))
        elif path.startswith("data/") and path.endswith(".json") and path != "data/datapackage.json":
            columns[path[5:]] = list(json.loads(data)[0])
        elif path.startswith("data/") and path.endswith(".xlsx"):
            sheet = load_workbook(io.BytesIO(data), read_only=True).active
            columns[path[5:]] = list(next(sheet.iter_rows(values_only=True)))
    described: dict[str, list[str]] = {}
    for files, fields in _codebook_columns(outputs[f"data/codebook.{lang}.md"].decode()).values():
        for name in files:
            described.setdefault(name, []).extend(fields)
    # A JSON row's keys are sorted; the CSV's and the workbook's columns keep their order.
    sort = {name: sorted(fields) if name.endswith(".json") else fields
            for name, fields in described.items()}
    assert sort == {name: sorted(fields) if name.endswith(".json") else fields
                    for name, fields in columns.items()}
    assert "stayed" not in columns["external_flows_2022.csv"]
    assert {"stayed", "left"} <= set(columns["external_flows_2022.json"])


def test_excel_workbooks_hold_the_csv_values_typed(outputs):
    from openpyxl import load_workbook

    for name in ("survey_attitudes", "external_flows_2022", "key_figures"):
        rows = list(csv.reader(outputs[f"data/{name}.csv"].decode().splitlines()))
        data = outputs[f"data/{name}.xlsx"]
        sheet = load_workbook(io.BytesIO(data)).active
        cells = [list(row) for row in sheet.iter_rows(values_only=True)]
        assert cells[0] == rows[0] and len(cells) == len(rows)
        for row, text in zip(cells[1:], rows[1:]):
            for value, written in zip(row, text):
                if isinstance(value, (int, float)):
                    assert value == float(written), (name, written)
                else:
                    assert (value or "") == written, (name, written)
        with zipfile.ZipFile(io.BytesIO(data)) as book:  # dated with the edition: reproducible
            assert {i.date_time for i in book.infolist()} == {(2026, 11, 24, 0, 0, 0)}
    quotes = [row[-1] for row in load_workbook(io.BytesIO(
        outputs["data/key_figures.xlsx"])).active.iter_rows(values_only=True)]
    assert any("Қазақстан" in (q or "") for q in quotes)  # Kazakh text intact, no encoding
