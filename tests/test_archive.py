"""The offline zip and the journal package: reproducible, complete, citable."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml

from conftest import REPO, snapshot
from htmlquery import find, parse
from reportsite.pipeline import load_site, render_site

NAME = "kazakhstan-migration-0.1.0"
LANGS = ("kk", "ru", "en")
# Everything the archive holds, written out (not read from the build it checks).
ZIP_FILES = sorted(
    ["404.html", "index.html", "CITATION.cff", "LICENSE.txt", "README.txt", "SHA256SUMS.txt",
     "citation.bib", "citation.ris", "assets/charts.js", "assets/fonts.js", "assets/site.css",
     "assets/site.js", "assets/vega.js", "data/datapackage.json", "favicon.svg",
     "fonts/noto-serif/OFL.txt"]
    + [f"data/codebook.{lang}.md" for lang in LANGS]
    + [f"data/{name}.{ext}" for name in ("survey_attitudes", "external_flows_2022", "key_figures")
       for ext in ("csv", "json")]
    + [f"{lang}/{page}.html" for lang in LANGS for page in ("index", "article", "data", "cite")]
    + [f"{lang}/figures/{chart}.{ext}" for lang in LANGS
       for chart in ("survey_attitudes", "external_flows_2022") for ext in ("csv", "svg", "png")]
    + [f"fonts/noto-serif/noto-serif-{script}-{style}.woff2"
       for script in ("common", "latin", "symbols", "cyrillic", "kazakh", "cyrillic-ext")
       for style in ("400-italic", "400-normal", "700-normal")])
CITATION_TITLES = {
    "kk": "Қазақстандағы ішкі және сыртқы көші-қон үдерістері: саяси басқару тетіктері, "
          "әлеуметтік-экономикалық салдары және қоғамдық пікір",
    "ru": "Внутренние и внешние миграционные процессы в Казахстане: механизмы политического "
          "управления, социально-экономические последствия и общественное мнение",
    "en": "Internal and external migration processes in Kazakhstan: political management "
          "mechanisms, socio-economic consequences, and public opinion"}
AUTHORS = {"kk": ["М.Ш. Назарова", "А.Б. Сарсенбаев"], "ru": ["М.Ш. Назарова", "А.Б. Сарсенбаев"],
           "en": ["M.Sh. Nazarova", "A.B. Sarsenbayev"]}


def build_zip(root: Path, env_extra: dict[str, str]) -> Path:
    """Run `python build.py zip` in root with a changed environment; return the zip."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | env_extra
    env["PYTHONPATH"] = str(REPO)
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "zip", "--strict", "-q"],
                            cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return root / "dist" / f"{NAME}.zip"


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The real site zipped twice: other folders, times, time zones and locales."""
    import shutil
    zips = []
    for i, (tz, lang) in enumerate((("UTC", "C.UTF-8"), ("Asia/Almaty", "ru_RU.UTF-8"))):
        root = tmp_path_factory.mktemp(f"copy{i}") / f"checkout-{i}"
        shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
            "site", "dist", ".venv", ".git", ".cache", "__pycache__", ".pytest_cache"))
        zips.append((root, build_zip(root, {"TZ": tz, "LANG": lang, "LC_ALL": lang})))
    return zips


def test_zip_and_site_are_byte_identical_across_builds(two_builds):
    (root_a, zip_a), (root_b, zip_b) = two_builds
    assert hashlib.sha256(zip_a.read_bytes()).hexdigest() == \
        hashlib.sha256(zip_b.read_bytes()).hexdigest()
    assert snapshot(root_a / "site") == snapshot(root_b / "site")


def test_zip_entries_are_fixed_and_sorted(two_builds):
    _, path = two_builds[0]
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names) and all(n.startswith(f"{NAME}/") for n in names)
    assert not any(n.endswith("/") for n in names)  # no folder entries
    assert {i.date_time for i in infos} == {(2026, 11, 24, 0, 0, 0)}  # publication date, UTC
    assert {(i.external_attr >> 16) & 0o777 for i in infos} == {0o644}
    assert {i.extra for i in infos} == {b""}


def test_source_date_epoch_sets_every_timestamp(make_site):
    root = make_site(base=REPO)
    path = build_zip(root, {"SOURCE_DATE_EPOCH": "1700000000"})
    with zipfile.ZipFile(path) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_zip_holds_the_site_and_the_package(two_builds):
    root, path = two_builds[0]
    with zipfile.ZipFile(path) as archive:
        files = {i.filename.removeprefix(f"{NAME}/"): archive.read(i) for i in archive.infolist()}
    site = {p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*") if p.is_file()}
    assert sorted(files) == ZIP_FILES
    assert sorted(site) == sorted(set(ZIP_FILES) - {"README.txt", "SHA256SUMS.txt"})
    for name in ("README.txt", "LICENSE.txt", "CITATION.cff", "citation.bib", "citation.ris",
                 "SHA256SUMS.txt", "data/datapackage.json", "data/codebook.kk.md",
                 "data/codebook.ru.md", "data/codebook.en.md", "index.html"):
        assert name in files, name
    readme = files["README.txt"].decode()
    for words in ("Қалай ашу керек", "Как открыть", "How to open it", "index.html"):
        assert words in readme
    licence = files["LICENSE.txt"].decode()
    assert licence.count("CC-BY-4.0") == 6  # text/figures and data, in three languages
    sums = dict(reversed(line.split("  ", 1)) for line in files["SHA256SUMS.txt"].decode().splitlines())
    assert set(sums) == set(files) - {"SHA256SUMS.txt"}
    for name, digest in sums.items():
        assert hashlib.sha256(files[name]).hexdigest() == digest


def test_citation_cff_follows_the_cff_1_2_0_schema():
    import jsonschema

    wheels = sorted((REPO / ".venv" / "schemas").glob("cffconvert-*.whl"))
    assert wheels, "make test downloads the cffconvert wheel that carries the CFF schema"
    with zipfile.ZipFile(wheels[0]) as wheel:
        schema = json.loads(wheel.read("cffconvert/schemas/1.2.0/schema.json"))
    outputs = render_site(load_site(REPO)).files
    cff = yaml.safe_load(outputs["CITATION.cff"])
    jsonschema.validate(cff, schema)
    assert [a["family-names"] for a in cff["authors"]] == ["Nazarova", "Sarsenbayev"]
    broken = dict(cff, authors=[{"given-names": 5}])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_bibtex_and_ris_name_both_authors():
    outputs = render_site(load_site(REPO)).files
    bib = outputs["citation.bib"].decode()
    assert bib.startswith("@misc{kazakhstan-migration-0.1.0,")
    assert "author = {Nazarova, M.Sh. and Sarsenbayev, A.B.}" in bib
    ris = outputs["citation.ris"].decode()
    assert ris.startswith("TY  - DATA\r\n") and ris.rstrip().endswith("ER  -")
    assert ris.count("AU  - ") == 2


@pytest.mark.parametrize("key", ["index", "article", "data", "cite"])
def test_every_language_page_carries_citation_tags_and_json_ld(key):
    site = load_site(REPO)
    outputs = render_site(site).files
    for lang in ("kk", "ru", "en"):
        elements = parse(outputs[f"{lang}/{key}.html"].decode())
        meta = {}
        for m in find(elements, "meta"):
            meta.setdefault(m.attrs.get("name"), []).append(m.attrs.get("content"))
        assert meta["citation_title"] == [CITATION_TITLES[lang]]
        assert meta["citation_author"] == AUTHORS[lang]
        assert meta["citation_publication_date"] == ["2026/11/24"]
        assert meta["citation_language"] == [lang]
        graphs = [json.loads(s.text) for s in find(elements, "script", type="application/ld+json")]
        article = graphs[0][0]
        assert article["@type"] == "ScholarlyArticle" and article["inLanguage"] == lang
        if lang == "kk":
            assert [w["@id"] for w in article["workTranslation"]] == [
                "../ru/article.html", "../en/article.html"]
        else:
            assert article["translationOfWork"] == {"@id": "../kk/article.html"}
        if key == "data":
            dataset = graphs[0][1]
            assert dataset["@type"] == "Dataset"
            assert dataset["license"] == "https://creativecommons.org/licenses/by/4.0/"
            assert {d["contentUrl"] for d in dataset["distribution"]} >= {
                "../data/survey_attitudes.csv", "../data/external_flows_2022.csv",
                "../data/key_figures.csv"}


def test_base_url_adds_canonical_open_graph_and_sitemap(make_site, run):
    root = make_site()
    (root / "site.yaml").write_text((root / "site.yaml").read_text()
                                    + "base_url: https://example.org/garden/\n")
    assert run("build", "--root", root, "--strict")[0] == 0
    html = (root / "site/de/harvest.html").read_text()
    assert '<link rel="canonical" href="https://example.org/garden/de/harvest.html">' in html
    assert '<meta property="og:locale" content="de_DE">' in html
    assert '<meta property="og:locale:alternate" content="fr_FR">' in html
    assert '<meta property="og:image" content="https://example.org/garden/de/figures/harvest.png">' in html
    sitemap = (root / "site/sitemap.xml").read_text()
    assert sitemap.count("<loc>") == 3 * 3
    assert ('<xhtml:link rel="alternate" hreflang="en" href="https://example.org/garden/en/data.html"/>'
            in sitemap)
    # Search engines need absolute hreflang alternates; the switcher's links stay relative.
    assert '<link rel="alternate" hreflang="fr" href="https://example.org/garden/fr/harvest.html">' in html
    assert ('<link rel="alternate" hreflang="x-default" href="https://example.org/garden/fr/harvest.html">'
            in html)
    assert '<a href="../fr/harvest.html" hreflang="fr" lang="fr">' in html
    root_page = (root / "site/index.html").read_text()
    assert '<link rel="alternate" hreflang="x-default" href="https://example.org/garden/index.html">' in root_page
    assert not (root / "site/robots.txt").exists()  # crawlers look for it only at a host's root
    assert not re.search(r'(href|src)="/', html)  # links stay relative


def test_robots_txt_only_at_a_host_root(make_site, run):
    root = make_site()
    (root / "site.yaml").write_text((root / "site.yaml").read_text()
                                    + "base_url: https://garden.example.org/\n")
    assert run("build", "--root", root, "--strict")[0] == 0
    assert (root / "site/robots.txt").read_text() == (
        "User-agent: *\nAllow: /\n\nSitemap: https://garden.example.org/sitemap.xml\n")


def test_without_base_url_there_is_no_absolute_metadata():
    outputs = render_site(load_site(REPO)).files
    assert "sitemap.xml" not in outputs and "robots.txt" not in outputs
    assert 'rel="canonical"' not in outputs["en/index.html"].decode()
