"""Whole builds: the real site and the tiny fixture, from site.yaml to files on disk."""

from __future__ import annotations

import builtins
import hashlib
import io
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Mapping

import pytest

from conftest import REPO, snapshot
from htmlquery import find, parse
from reportsite.build.checks import link_problems, scan_links
from reportsite.build.pipeline import render_site
from reportsite.build.writing import write_site
from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.i18n import native_name
from reportsite.load.site import load_site


@pytest.fixture(scope="module")
def real(real_site):
    """The real site rendered in memory with --strict."""
    return real_site


def pages_of(outputs):
    """Language pages: (lang, file name, parsed elements)."""
    return [(path.split("/")[0], path.split("/")[1], parse(data.decode()))
            for path, data in sorted(outputs.files.items())
            if path.endswith(".html") and "/" in path]


def test_real_site_has_the_expected_files(real):
    site, outputs = real
    assert site.warnings == () and outputs.warnings == []
    html = {p for p in outputs.files if p.endswith(".html")}
    assert {"index.html", "404.html", "kk/index.html", "ru/index.html", "en/index.html"} <= html
    assert "assets/site.css" in outputs.files


@pytest.mark.parametrize("built, languages, labels, pages", [
    ("real_site", ("kk", "ru", "en"), ["Қазақ тілі", "Русский", "English"], 4),
    ("tiny_site", ("fr", "de", "en"), ["Français", "Deutsch", "English"], 3)],
    ids=["real", "tiny"])
def test_every_page_has_lang_alternates_and_a_switcher_to_itself(built, languages, labels,
                                                                  pages, request):
    site, outputs = request.getfixturevalue(built)
    assert site.config.languages == languages
    assert [native_name(code) for code in languages] == labels
    found = pages_of(outputs)
    assert len(found) == pages * len(languages)
    for lang, name, elements in found:
        assert find(elements, "html")[0].attrs["lang"] == lang
        alternates = {e.attrs["hreflang"]: e.attrs["href"]
                      for e in find(elements, "link", rel="alternate")}
        assert {k: v for k, v in alternates.items() if k != "x-default"} == {
            code: f"../{code}/{name}" for code in languages}
        assert alternates["x-default"] == ("../index.html" if name == "index.html"
                                           else f"../{languages[0]}/{name}")
        switcher = [a for a in find(elements, "a") if a.inside("nav", "lang-switcher")
                    or (a.inside("nav") and a.attrs.get("hreflang"))]
        assert [(a.attrs["href"], a.attrs["hreflang"], a.attrs["lang"]) for a in switcher] == [
            (f"../{code}/{name}", code, code) for code in languages]
        assert [a.text.strip() for a in switcher] == labels


@pytest.mark.parametrize("built", ["real_site", "tiny_site"], ids=["real", "tiny"])
def test_every_local_link_resolves_to_a_file(built, request):
    _, outputs = request.getfixturevalue(built)
    assert check_links(outputs.files, outputs.sources) == []
    for path, data in outputs.files.items():
        if path.endswith(".html"):
            for url in re.findall(r'(?:href|src)="([^"]*)"', data.decode()):
                assert not url.startswith("/"), (path, url)
                assert not url.endswith("/") or "://" in url, (path, url)


TITLES = {"kk": "Қазақстандағы ішкі және сыртқы көші-қон үдерістері",
          "ru": "Внутренние и внешние миграционные процессы в Казахстане",
          "en": "Internal and external migration processes in Kazakhstan"}


def test_root_page_offers_every_language_with_its_title(real):
    site, outputs = real
    elements = parse(outputs.files["index.html"].decode())
    assert [s.attrs["lang"] for s in find(elements, "section")] == ["kk", "ru", "en"]
    for lang, title in TITLES.items():
        section = find(elements, "section", lang=lang)
        assert len(section) == 1
        assert title in section[0].text
        links = [e.attrs["href"] for e in find(elements, "a") if section[0] in e.ancestors
                 and not e.inside("details")]
        assert links == [f"{lang}/index.html", "LICENSE.txt"] + [
            f"{lang}/{key}.html" for key in ("index", "article", "data", "cite")]


def _paragraph_after(article: str, marker: str) -> str:
    """The article source's first paragraph after a line starting with marker."""
    lines = article.split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith(marker))
    para = []
    for line in lines[start + 1:]:
        if line.strip():
            para.append(line.strip())
        elif para and not para[-1].endswith("due"):  # the en abstract is cut by a page break
            break
    return " ".join(para)


@pytest.mark.parametrize("lang, heading", [("kk", "### Аңдатпа"), ("ru", "*Аннотация*"),
                                           ("en", "*Abstract*")])
def test_overview_carries_the_authors_abstract_as_written(real, article, lang, heading):
    site, outputs = real
    html = outputs.files[f"{lang}/index.html"].decode()
    elements = parse(html)
    abstract = _paragraph_after(article, heading)
    assert len(abstract) > 500
    assert abstract in [p.text for p in find(elements, "p")]
    for author in site.config.authors:
        assert author.name[lang] in html and author.affiliation[lang] in html
        assert f'href="mailto:{author.email}"' in html
    keywords = [li.text for li in find(elements, "li") if li.inside("ul", "keyword-list")]
    assert keywords == list(site.config.keywords[lang])
    assert ", ".join(keywords) in article


def test_numbers_and_dates_follow_the_language(make_site, run):
    root = make_site()
    assert run("build", "--root", root)[0] == 0
    page = {lang: (root / "site" / lang / "data.html").read_text() for lang in ("fr", "de", "en")}
    footer = {lang: text.split('<footer class="site-footer">')[1] for lang, text in page.items()}
    assert "récolté 1\u202f200 kg" in page["fr"] and "Version 1.2.0, 1 mai 2024." in footer["fr"]
    assert "1.200 kg" in page["de"] and "Version 1.2.0, 1. Mai 2024." in footer["de"]
    assert "harvested 1,200 kg" in page["en"] and "Version 1.2.0, May 1, 2024." in footer["en"]


def test_missing_translation_borrows_the_original_with_a_notice(make_site, run):
    root = make_site({"content/de/harvest.md": None})
    code, _, err = run("build", "--root", root)
    assert code == 0
    assert err == ("warning: content/de/harvest.md: missing translation of content/fr/harvest.md; "
                   "readers of 'de' will see the original with a notice\n")
    elements = parse((root / "site/de/harvest.html").read_text())
    assert find(elements, "html")[0].attrs["lang"] == "de"
    assert find(elements, "h1", lang="fr")[0].text == "Récoltes"
    notice = find(elements, "p", class_="notice")[0].text
    assert notice == ("Diese Seite ist noch nicht übersetzt. Unten steht der Originaltext "
                      "(Sprache: Französisch).")
    assert "Trois paniers" in find(elements, "div", lang="fr")[0].text
    nav = [a for a in find(elements, "a") if a.attrs.get("href") == "harvest.html"]
    assert nav[0].attrs["lang"] == "fr"


def test_builds_are_byte_identical(make_site, run, tmp_path):
    root = make_site()
    assert run("build", "--root", root, "--out", tmp_path / "a")[0] == 0
    assert run("build", "--root", root, "--out", tmp_path / "b")[0] == 0
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")


def test_stale_files_do_not_survive(make_site, run):
    root = make_site()
    assert run("build", "--root", root)[0] == 0
    (root / "site" / "stray.txt").write_text("old")
    for lang in ("fr", "de", "en"):
        (root / "content" / lang / "harvest.md").unlink()
    (root / "content/fr/index.md").write_text("---\ntitle: Accueil\n---\nBonjour.\n")
    (root / "content/de/index.md").write_text("---\ntitle: Start\n---\nHallo.\n")
    (root / "content/en/index.md").write_text("---\ntitle: Home\n---\nHello.\n")
    assert run("build", "--root", root)[0] == 0
    files = set(snapshot(root / "site"))
    assert "stray.txt" not in files and "fr/harvest.html" not in files
    assert "fr/index.html" in files


def test_output_permissions_are_fixed(make_site, run):
    root = make_site()
    assert run("build", "--root", root)[0] == 0
    modes = {oct(p.stat().st_mode & 0o777) for p in (root / "site").rglob("*")}
    assert modes == {"0o644", "0o755"}
    assert oct((root / "site").stat().st_mode & 0o777) == "0o755"


def test_a_failure_while_writing_leaves_the_old_site(make_site, run, monkeypatch):
    root = make_site()
    assert run("build", "--root", root)[0] == 0
    before = snapshot(root / "site")
    # A new version changes every language page (footer) and CITATION.cff: a site/ written
    # over in place before the failure would differ from the old one.
    config = root / "site.yaml"
    config.write_text(config.read_text().replace('version: "1.2.0"', 'version: "1.3.0"'))
    outputs = render_site(load_site(root))
    changed = {path for path in outputs.files
               if hashlib.sha256(outputs.files[path]).hexdigest() != before.get(path)}
    assert {"CITATION.cff", "fr/index.html", "de/data.html", "en/harvest.html"} <= changed
    # Fail while opening the last file for writing, whichever function writes it: every
    # other file of the new site has been written by then.
    opened = []
    real_open = io.open

    def failing_open(file, mode="r", *args, **kwargs):
        if isinstance(file, (str, os.PathLike)) and set(mode) & set("wax") \
                and Path(root) in Path(file).parents:
            opened.append(file)
            if len(opened) == len(outputs.files):
                raise OSError(28, "No space left on device")
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(io, "open", failing_open)
    monkeypatch.setattr(builtins, "open", failing_open)
    with pytest.raises(OSError, match="No space left on device"):
        write_site(outputs, root / "site", root)
    monkeypatch.undo()
    assert len(opened) == len(outputs.files)
    assert snapshot(root / "site") == before
    assert [p.name for p in root.iterdir() if p.name.startswith(".site")] == []


@pytest.mark.parametrize("out", [".", "content", "content/fr", ".."])
def test_refuses_to_replace_the_site_folder_or_its_inputs(make_site, out):
    root = make_site()
    outputs = render_site(load_site(root))
    with pytest.raises(SiteErrors) as e:
        write_site(outputs, root / out, root)
    assert "refusing to write the site here" in str(e.value)
    assert (root / "content/fr/index.md").exists()


def test_refuses_to_replace_a_folder_that_is_not_a_site(make_site, tmp_path):
    root = make_site()
    keep = tmp_path / "documents"
    keep.mkdir()
    (keep / "thesis.txt").write_text("precious")
    with pytest.raises(SiteErrors) as e:
        write_site(render_site(load_site(root)), keep, root)
    assert str(e.value) == (f"{keep}: refusing to write the site here: it holds files reportsite "
                            "did not write (thesis.txt), and a build replaces the whole folder; "
                            "move them away, or choose another --out (a folder reportsite "
                            "writes carries a .reportsite-output file)")
    assert (keep / "thesis.txt").read_text() == "precious"


def _cli(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_cli_help_explains_every_command_and_option(tmp_path):
    top = _cli("-h", cwd=tmp_path).stdout
    assert "build" in top and "check" in top
    build = _cli("build", "-h", cwd=tmp_path).stdout
    for option in ("--root", "--out", "--strict", "--debug", "--quiet"):
        assert option in build
    check = _cli("check", "-h", cwd=tmp_path).stdout
    assert "--root" in check and "--out" not in check


def test_build_with_no_command_builds_the_current_folder(make_site):
    root = make_site()
    result = _cli(cwd=root)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1].startswith(f"built {root / 'site'}: 3 page(s) in 3 languages, 11 HTML files, "
                                "1 chart(s), 0 warning(s)")
    assert [line.split()[0] for line in lines[:-1]] == ["load", "charts", "translation", "data,",
                                                        "pages", "search", "other", "link",
                                                        "write"]
    assert (root / "site" / "index.html").exists()


def test_quiet_prints_nothing(make_site):
    root = make_site()
    result = _cli("build", "-q", cwd=root)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""


def test_check_writes_nothing(make_site):
    root = make_site()
    result = _cli("check", "--root", str(root), cwd=root)
    assert result.returncode == 0 and result.stdout.splitlines()[-1].startswith("checked: 3 page(s)")
    assert not (root / "site").exists()


def test_errors_have_no_traceback_unless_debug(make_site):
    root = make_site({"content/de/index.md": "---\ntitle: [\n---\n"})
    plain = _cli("build", cwd=root)
    assert plain.returncode == 1
    assert plain.stderr.startswith("error: content/de/index.md:2: invalid YAML")
    assert "Traceback" not in plain.stderr
    debug = _cli("build", "--debug", cwd=root)
    assert debug.returncode == 1 and "Traceback" in debug.stderr


def test_broken_front_matter_in_the_real_site_stops_the_build(tmp_path, make_site):
    """The issue's acceptance case, on a copy of the real site."""
    root = make_site(base=REPO)
    assert _cli("build", cwd=root).returncode == 0
    before = snapshot(root / "site")
    page = root / "content/ru/index.md"
    page.write_text(page.read_text().replace("order: 0", "order: [0"))
    result = _cli("build", cwd=root)
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (
        "error: content/ru/index.md:4: invalid YAML: while parsing a flow sequence (from line 3): "
        "expected ',' or ']', but got ':'")
    assert "Traceback" not in result.stderr
    assert snapshot(root / "site") == before


def check_links(files: Mapping[str, bytes], sources: Mapping[str, str]) -> list[SiteError]:
    """Every local link in every HTML file must point to a file of the site (and anchor)."""
    parsed = {path: scan_links(files[path].decode("utf-8")) for path in files
              if path.endswith(".html")}
    found = link_problems(files, sources, parsed, sorted(parsed))
    return [problem for path in sorted(found) for problem in found[path]]
