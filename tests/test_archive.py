"""The offline zip and the journal package: reproducible, complete, citable."""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pypdf
import pytest
import yaml

from conftest import REPO, snapshot

NAME = "kazakhstan-migration-0.1.0"
LANGS = ("kk", "ru", "en")
DATASETS = ("survey_attitudes", "external_flows_2022", "key_figures")
# Everything the archive holds, written out (not read from the build it checks).
ZIP_FILES = sorted(
    ["index.html", "CHANGELOG.txt", "CITATION.cff", "LICENSE.txt", "README.txt",
     "datacite.xml", "ro-crate-metadata.json",
     "SHA256SUMS.txt", "THIRD-PARTY-NOTICES.txt", "citation.bib", "citation.ris",
     "assets/charts.js", "assets/fonts.js", "assets/site.css", "assets/site.js", "assets/vega.js",
     "data/datapackage.json", "favicon.svg", "fonts/noto-serif/OFL.txt",
     "assets/search.js", "assets/search-words.js", "assets/snowball-english.js",
     "assets/snowball-russian.js"]
    + [f"assets/search/{lang}/index.js" for lang in LANGS]
    + [f"data/codebook.{lang}.md" for lang in LANGS]
    + [f"data/{name}.{ext}" for name in DATASETS for ext in ("csv", "json", "xlsx")]
    + [f"{lang}/{page}.html" for lang in LANGS for page in ("index", "article", "data", "cite")]
    + [f"{lang}/kazakhstan-migration-{lang}.{ext}" for lang in LANGS for ext in ("epub", "pdf", "xml")]
    + [f"{lang}/figures/{chart}.{ext}" for lang in LANGS
       for chart in ("survey_attitudes", "external_flows_2022") for ext in ("csv", "svg", "png")]
    + [f"fonts/noto-serif/noto-serif-{script}-{style}.woff2"
       for script in ("common", "latin", "latin-ext", "symbols", "cyrillic", "kazakh",
                      "cyrillic-ext")
       for style in ("400-italic", "400-normal", "700-normal")])
# The search index's shards and fragments, whose number depends on the text: t0.js ... and
# f0.js ... in each language's folder, numbered without a gap.
SEARCH_PARTS = re.compile(r"assets/search/(kk|ru|en)/([tf])(\d+)\.js")
IGNORED = shutil.ignore_patterns("site", "dist", ".venv", ".git", ".cache", "__pycache__",
                                 ".pytest_cache", "test-artifacts", ".bench-venv")


def build_zip(root: Path, env_extra: dict[str, str], said: str = "") -> Path:
    """Run `python build.py zip` in root with a changed environment; return the zip
    (said: what its report must say)."""
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"} | env_extra
    env["PYTHONPATH"] = str(REPO)
    result = subprocess.run([sys.executable, str(REPO / "build.py"), "zip", "--strict"]
                            + ([] if said else ["-q"]),
                            cwd=root, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert said in result.stdout
    return root / "dist" / f"{NAME}.zip"


def git(folder: Path, *args: str, **env: str) -> None:
    """Run git in folder, with a fixed author and the given environment."""
    base = {"GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@example.org",
            "HOME": str(folder), "PATH": os.environ.get("PATH", "")}
    subprocess.run(["git", "-C", str(folder), *args], env=base | env, check=True,
                   capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The real site zipped twice: once in a git repository whose last commit is years
    after the edition's date, once from `git archive` output of that commit (no .git);
    in other folders, time zones and locales."""
    repo = tmp_path_factory.mktemp("repo") / "checkout"
    shutil.copytree(REPO, repo, ignore=IGNORED)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "x", GIT_AUTHOR_DATE="2031-05-06T07:08:09Z",
        GIT_COMMITTER_DATE="2031-05-06T07:08:09Z")
    export = tmp_path_factory.mktemp("export") / "kazakhstan-migration"
    export.mkdir()
    tarball = export.parent / "export.tar"
    git(repo, "archive", "-o", str(tarball), "HEAD")
    with tarfile.open(tarball) as tar:
        tar.extractall(export, filter="data")
    assert not (export / ".git").exists()
    return [(repo, build_zip(repo, {"TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"})),
            (export, build_zip(export, {"TZ": "Asia/Almaty", "LANG": "ru_RU.UTF-8",
                                        "LC_ALL": "ru_RU.UTF-8"}))]


def zip_files(path: Path) -> dict[str, bytes]:
    """The files of a zip, by their path under its folder."""
    with zipfile.ZipFile(path) as archive:
        return {i.filename.removeprefix(f"{NAME}/"): archive.read(i) for i in archive.infolist()}


def test_a_build_from_git_archive_output_gives_the_same_zip(two_builds):
    (root_a, zip_a), (root_b, zip_b) = two_builds
    assert hashlib.sha256(zip_a.read_bytes()).hexdigest() == \
        hashlib.sha256(zip_b.read_bytes()).hexdigest()
    assert snapshot(root_a / "site") == snapshot(root_b / "site")


def test_two_builds_print_the_same_pdfs(two_builds):
    """Each build printed its PDFs itself (no shared cache), at another time, in another
    time zone and locale: WeasyPrint's dates come from the edition, its file identifier
    from the content, so the bytes are the same."""
    (root_a, _), (root_b, _) = two_builds
    for lang in LANGS:
        a, b = (root / "site" / lang / f"kazakhstan-migration-{lang}.pdf" for root in (root_a, root_b))
        assert a.read_bytes() == b.read_bytes()
        assert pypdf.PdfReader(a).metadata["/CreationDate"] == "D:20261124"
    assert (root_a / ".cache").is_dir() and (root_b / ".cache").is_dir()


def test_a_build_from_the_cache_gives_the_same_bytes_as_the_cold_ones(two_builds):
    """The checkout built again with its cache (its PDFs not printed again, so WeasyPrint
    is never imported): every file of the site and the zip are those of the cold builds,
    the checkout's and the export's (the site has article pages, so the cold builds
    printed PDFs, whose library once changed how the XML records were written)."""
    (root_a, zip_a), (root_b, zip_b) = two_builds
    cold = snapshot(root_a / "site"), zip_a.read_bytes()
    assert (root_a / "site/kk/kazakhstan-migration-kk.pdf").is_file()
    again = build_zip(root_a, {"TZ": "UTC", "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"},
                      said="PDF (0 printed, 3 cached)")
    assert snapshot(root_a / "site") == cold[0] == snapshot(root_b / "site")
    assert again.read_bytes() == cold[1] == zip_b.read_bytes()
    assert b"ns0:" not in (root_a / "site/datacite.xml").read_bytes()


def test_zip_entries_are_fixed_and_sorted(two_builds):
    _, path = two_builds[0]
    with zipfile.ZipFile(path) as archive:
        infos = archive.infolist()
    names = [i.filename for i in infos]
    assert names == sorted(names) and all(n.startswith(f"{NAME}/") for n in names)
    assert not any(n.endswith("/") for n in names)  # no folder entries
    # The edition's date in site.yaml (UTC), not the last commit's (2031).
    assert {i.date_time for i in infos} == {(2026, 11, 24, 0, 0, 0)}
    assert {(i.external_attr >> 16) & 0o777 for i in infos} == {0o644}
    assert {i.extra for i in infos} == {b""}


def test_source_date_epoch_sets_every_timestamp(make_site):
    root = make_site(base=REPO)
    path = build_zip(root, {"SOURCE_DATE_EPOCH": "1700000000"})
    with zipfile.ZipFile(path) as archive:
        assert {i.date_time for i in archive.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_zip_holds_the_site_but_not_its_404_page(two_builds):
    root, path = two_builds[0]
    files = zip_files(path)
    site = {p.relative_to(root / "site").as_posix() for p in (root / "site").rglob("*") if p.is_file()}
    parts = [SEARCH_PARTS.fullmatch(name) for name in files]
    numbers = {}
    for part in filter(None, parts):
        numbers.setdefault(part.group(1, 2), []).append(int(part.group(3)))
    assert sorted(numbers) == [(lang, kind) for lang in sorted(LANGS) for kind in "ft"]
    assert all(sorted(found) == list(range(len(found))) for found in numbers.values())
    parts = {part.group(0) for part in parts if part}
    assert sorted(set(files) - parts) == ZIP_FILES
    # 404.html: a server's file, useless offline; the marker: says the folder is a build's
    assert sorted(site - parts) == sorted(ZIP_FILES + ["404.html", ".reportsite-output"])
    for name in files:
        assert files[name] == (root / "site" / name).read_bytes(), name


def test_checksums_verify_the_zip_and_the_site_with_sha256sum(two_builds, tmp_path):
    root, path = two_builds[0]
    files = zip_files(path)
    sums = dict(reversed(line.split("  ", 1)) for line in files["SHA256SUMS.txt"].decode().splitlines())
    assert set(sums) == set(files) - {"SHA256SUMS.txt"}
    for name, digest in sums.items():
        assert hashlib.sha256(files[name]).hexdigest() == digest
    with zipfile.ZipFile(path) as archive:
        archive.extractall(tmp_path)
    # The command README.txt gives for Linux, run as a reader would.
    for folder in (tmp_path / NAME, root / "site"):
        check = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS.txt"], cwd=folder,
                               capture_output=True, text=True, timeout=60)
        assert check.returncode == 0, check.stdout + check.stderr
    (tmp_path / NAME / "data" / "key_figures.csv").write_bytes(b"changed\n")
    check = subprocess.run(["sha256sum", "-c", "--quiet", "SHA256SUMS.txt"], cwd=tmp_path / NAME,
                           capture_output=True, text=True, timeout=60)
    assert check.returncode == 1 and "data/key_figures.csv: FAILED" in check.stdout


def test_readme_says_how_to_open_and_verify_in_every_language(two_builds):
    readme = zip_files(two_builds[0][1])["README.txt"].decode()
    for words in ("Қалай ашу керек", "Как открыть", "How to open it", "index.html",
                  "Көшірмені қалай тексеру керек", "Как проверить копию", "How to verify the copy"):
        assert words in readme
    for command in ("sha256sum -c --quiet SHA256SUMS.txt", "shasum -a 256 -c --quiet SHA256SUMS.txt",
                    "Get-FileHash -Algorithm SHA256"):
        assert readme.count(command) == 3, command
    assert "&#39;" not in readme and "&amp;" not in readme  # plain text, not HTML


def test_licence_is_the_full_text_and_pending_until_confirmed(two_builds):
    licence = zip_files(two_builds[0][1])["LICENSE.txt"].decode()
    full = (REPO / "reportsite/theme/licenses/CC-BY-4.0.txt").read_text(encoding="utf-8")
    assert licence.count(full.strip()) == 1  # once, after the summary in each language
    assert "Section 1 – Definitions." in licence
    for pending in ("авторлардың растауын күтуде", "ожидает подтверждения авторов",
                    "pending the authors' confirmation"):
        assert licence.count(pending) == 1, pending


def test_notices_cover_the_chart_runtime_and_the_fonts(two_builds):
    notices = zip_files(two_builds[0][1])["THIRD-PARTY-NOTICES.txt"].decode()
    assert "fonts/noto-serif/: Noto Serif (OFL-1.1)" in notices
    ofl = (REPO / "reportsite/theme/static/fonts/noto-serif/OFL.txt").read_text(encoding="utf-8")
    assert ofl.strip() in notices
    for package in ("vega 6.2.0", "vega-lite 6.4.1", "vega-embed 7.0.2", "d3-array 3.2.4",
                    "d3-scale 4.0.2", "d3-geo 3.1.1"):
        assert f"assets/vega.js: {package} (" in notices, package
    assert "Copyright (c) 2015, University of Washington Interactive Data Lab" in notices
    assert "Copyright 2010-2021 Mike Bostock" in notices  # d3's ISC notice


def test_citation_cff_follows_the_cff_1_2_0_schema(real_site):
    import jsonschema

    wheels = sorted((REPO / ".venv" / "schemas").glob("cffconvert-*.whl"))
    assert wheels, "make test downloads the cffconvert wheel that carries the CFF schema"
    with zipfile.ZipFile(wheels[0]) as wheel:
        schema = json.loads(wheel.read("cffconvert/schemas/1.2.0/schema.json"))
    outputs = real_site[1].files
    cff = yaml.safe_load(outputs["CITATION.cff"])
    jsonschema.validate(cff, schema)
    assert [a["family-names"] for a in cff["authors"]] == ["Nazarova", "Sarsenbayev"]
    broken = dict(cff, authors=[{"given-names": 5}])
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


