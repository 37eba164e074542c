"""A site folder received from someone else: its state never runs, its files are bounded.

A received folder may bring its .cache/ (pickles, Jinja's compiled templates, a page with a
script), YAML written to explode, nesting deep enough to exhaust Python, and control
characters. Each case has its exact outcome here (issue 26: S1, S2, S3, E2, E4).
"""

from __future__ import annotations

import os
import pickle
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, TINY, snapshot
from reportsite.core.signing import MAGIC

NOTE = ("note: ignoring the cache in {cache}: this user's builds did not make it (another "
        "user, another machine or an older reportsite did), so nothing in it is trusted; its "
        "entries are removed unread and made again")
SCRIPT = b"<script>alert('sent with the folder')</script>"


def cli(root: Path, *args: str, home: Path | None = None, limit: int | None = None,
        timeout: float = 600) -> subprocess.CompletedProcess:
    """python build.py in a fresh process, in root; home: another user's folder (another
    key); limit: bytes of address space the process may use."""
    env = dict(os.environ)
    if home is not None:
        env["XDG_CACHE_HOME"] = str(home)

    def bounded() -> None:
        if limit:
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    return subprocess.run([sys.executable, str(REPO / "build.py"), *args], cwd=root, env=env,
                          capture_output=True, text=True, timeout=timeout, preexec_fn=bounded)


class Planted:
    """What a hostile sender's pickles do when unpickled: create a file (the proof)."""

    def __init__(self, mark: Path):
        self.mark = mark

    def __reduce__(self):
        return (open, (str(self.mark), "w"))


def plant_pickles(cache: Path, jinja: Path, marks: Path) -> None:
    """Put pickles where reportsite used to unpickle them: index.pickle, every results/
    entry, and a Jinja bucket (magic, then a pickled 'checksum') for every compiled template,
    under the names the old cache used."""
    import jinja2.bccache

    marks.mkdir(exist_ok=True)
    (cache / "index.pickle").write_bytes(pickle.dumps(Planted(marks / "index")))
    for n, path in enumerate(sorted((cache / "results").iterdir())):
        path.write_bytes(pickle.dumps(Planted(marks / f"result-{n}")))
        path.with_suffix(".charts").write_bytes(pickle.dumps(Planted(marks / f"charts-{n}")))
    bucket = jinja2.bccache.bc_magic + pickle.dumps(Planted(marks / "jinja"))
    for compiled in sorted(jinja.rglob("*")):
        if compiled.is_file():
            where = compiled.relative_to(jinja)
            legacy = cache / "templates" / where.parent / f"__jinja2_{compiled.name}.cache"
            legacy.parent.mkdir(parents=True, exist_ok=True)
            legacy.write_bytes(bucket)


def add_script(cache: Path, home: Path) -> int:
    """Put a script into every cached page, signed again with the sender's own key (as a
    sender can); returns how many pages."""
    code = ("import sys; from pathlib import Path; from reportsite.core.signing import seal, unseal\n"
            "cache = Path(sys.argv[1])\n"
            "for page in sorted((cache / 'pages').iterdir()):\n"
            "    name = f'pages/{page.name}'\n"
            "    html = unseal(name, page.read_bytes())\n"
            "    assert html is not None, page\n"
            f"    page.write_bytes(seal(name, html.replace(b'</body>', {SCRIPT!r} + b'</body>')))\n")
    env = dict(os.environ, XDG_CACHE_HOME=str(home), PYTHONPATH=str(REPO))
    subprocess.run([sys.executable, "-c", code, str(cache)], env=env, check=True, timeout=60)
    return len(list((cache / "pages").iterdir()))


@pytest.fixture(scope="module")
def received(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A copy of the tiny site as a sender would send it: built by the sender (another
    user's key), with pickles and Jinja buckets planted in its .cache/ and a script in each
    cached page; and the snapshot of a clean build of the same site."""
    work = tmp_path_factory.mktemp("received")
    clean = work / "clean"
    shutil.copytree(TINY, clean)
    assert cli(clean, "build", "--cache-dir", str(work / "clean-cache"), "-q").returncode == 0
    expected = snapshot(clean / "site")
    folder, sender = work / "folder", work / "sender-home"
    shutil.copytree(TINY, folder)
    built = cli(folder, "build", "-q", home=sender)
    assert built.returncode == 0, built.stderr
    assert add_script(folder / ".cache", sender) == 9
    plant_pickles(folder / ".cache", sender / "reportsite" / "jinja", work / "marks")
    shutil.rmtree(folder / "site")
    return folder, expected


@pytest.mark.parametrize("command", ["build", "check", "zip", "serve"])
def test_a_received_cache_runs_nothing_and_publishes_nothing_unaudited(received, tmp_path,
                                                                       command):
    template, expected = received
    root = tmp_path / "folder"
    shutil.copytree(template, root)
    marks = template.parent / "marks"
    if command == "serve":
        result = _serve_once(root)
    else:
        result = cli(root, command, *(["--strict"] if command != "zip" else []))
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if line.startswith("note:")]
    assert notes == [NOTE.format(cache=root / ".cache")]
    assert sorted(p.name for p in marks.iterdir()) == []  # not one pickle was loaded
    assert not (root / ".cache" / "index.pickle").exists()
    assert not (root / ".cache" / "templates").exists()
    if command != "check":
        assert snapshot(root / "site") == expected
        assert not any(SCRIPT in p.read_bytes() for p in (root / "site").rglob("*.html"))
    if command == "build":
        again = cli(root, "build", "--strict")
        assert "nothing changed" in again.stdout and "note:" not in again.stderr  # it is ours


def _serve_once(root: Path) -> subprocess.CompletedProcess:
    """The preview's first build of root (as `serve` runs it), in a fresh process."""
    code = ("import sys; from pathlib import Path; from reportsite.commands.serve import Preview\n"
            "root = Path(sys.argv[1]); p = Preview(root, root / 'site', False, None)\n"
            "p.build(); sys.exit(1 if p.error else 0)\n")
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.run([sys.executable, "-c", code, str(root)], env=env, cwd=root,
                          capture_output=True, text=True, timeout=600)


def test_planted_entries_in_this_users_own_cache_are_misses(make_site, tmp_path):
    """Unsigned entries (pickles, Jinja buckets) in a cache this user owns are never read."""
    root, cache = make_site(), tmp_path / "cache"
    assert cli(root, "build", "--cache-dir", str(cache), "-q").returncode == 0
    expected = snapshot(root / "site")
    jinja = Path(os.environ["XDG_CACHE_HOME"]) / "reportsite" / "jinja"
    plant_pickles(cache, jinja, tmp_path / "marks")
    (cache / "index.json").write_bytes(pickle.dumps(Planted(tmp_path / "marks" / "json")))
    for compiled in (p for p in jinja.rglob("*") if p.is_file()):
        compiled.write_bytes(pickle.dumps(Planted(tmp_path / "marks" / "bucket")))
    shutil.rmtree(root / "site")
    again = cli(root, "build", "--cache-dir", str(cache), "--strict")
    assert again.returncode == 0, again.stderr
    assert "note:" not in again.stderr  # the folder is this user's: its bad entries are misses
    assert "pages (9 rendered, 0 cached)" in again.stdout
    assert sorted(p.name for p in (tmp_path / "marks").iterdir()) == []
    assert snapshot(root / "site") == expected


def test_an_edited_cached_page_is_rendered_again_not_published(make_site, tmp_path):
    root, cache = make_site(), tmp_path / "cache"
    assert cli(root, "build", "--cache-dir", str(cache), "-q").returncode == 0
    page = next(p for p in sorted((cache / "pages").iterdir())
                if b'<html lang="en"' in p.read_bytes() and b"We planted" in p.read_bytes())
    data = page.read_bytes()
    assert data.startswith(MAGIC)
    page.write_bytes(data.replace(b"</body>", SCRIPT + b"</body>"))  # its signature breaks
    body = root / "content/de/index.md"  # another page changes: the build cannot skip work
    body.write_text(body.read_text(encoding="utf-8") + "\nUnd Tulpen.\n", encoding="utf-8")
    again = cli(root, "build", "--cache-dir", str(cache), "--strict")
    assert again.returncode == 0, again.stderr
    assert "pages (2 rendered, 7 cached)" in again.stdout  # de/index, and the edited en/index
    cold = cli(root, "build", "--cache-dir", str(tmp_path / "cold-cache"), "--out",
               str(tmp_path / "cold"), "-q")
    assert cold.returncode == 0, cold.stderr
    assert snapshot(root / "site") == snapshot(tmp_path / "cold")
    assert not any(SCRIPT in p.read_bytes() for p in (root / "site").rglob("*.html"))
    assert SCRIPT not in page.read_bytes()  # kept again as rendered


# --- YAML: aliases, bombs, nesting ------------------------------------------------------

BOMB = "".join([
    'lol0: &lol0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n',
    *(f"lol{n}: &lol{n} [" + ", ".join([f"*lol{n - 1}"] * 9) + "]\n" for n in range(1, 10))])
FRONT = "---\ntitle: Home\norder: 1\n{bomb}---\nWe planted 1200 bulbs.\n"
REFERENCES = ("forms: {fr: original, de: original, en: original}\nreferences:\n  - n: 1\n"
              "    original: {lang: fr, text: Un livre}\n")


def _bombed(name: str) -> tuple[dict[str, str], int]:
    """The files that put the bomb into one YAML file of the tiny site; the line of the
    bomb's first alias."""
    if name == "content/en/index.md":
        return {name: FRONT.format(bomb=BOMB)}, 5
    before = REFERENCES if name == "content/references.yaml" else \
        (TINY / name).read_text(encoding="utf-8")
    return {name: before + BOMB}, before.count("\n") + 2


@pytest.mark.parametrize("name", ["site.yaml", "content/en/index.md", "content/references.yaml",
                                  "data/datapackage.yaml"])
def test_a_yaml_alias_bomb_stops_at_once_in_bounded_memory(make_site, name):
    assert len(BOMB) < 1024  # a billion "lol"s in under 1 KB
    files, line = _bombed(name)
    root = make_site(files)
    result = cli(root, "check", "--cache-dir", str(root.parent / "cache"),
                 limit=2 << 30, timeout=120)  # 2 GB of address space; it took 6 GB before
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"error: {name}:{line}: YAML alias '*lol0' is not allowed in a site file: write the "
        "value out where it is used (anchors and aliases let a small file stand for an "
        "endless one)", "1 error(s); nothing was written"]


@pytest.mark.parametrize("files, expected", [
    pytest.param({"site.yaml": (TINY / "site.yaml").read_text() + "loop: &loop [*loop]\n"},
                 "site.yaml:24: YAML alias '*loop' is not allowed in a site file: write the "
                 "value out where it is used (anchors and aliases let a small file stand for "
                 "an endless one)", id="recursive_alias"),
    pytest.param({"content/en/index.md": "---\ntitle: Home\norder: 1\ndeep: " + "[" * 10000
                  + "]" * 10000 + "\n---\nText.\n"},
                 "content/en/index.md:4: nested deeper than 32 levels; a site file needs only "
                 "a few", id="yaml_10000_levels"),
    pytest.param({"content/en/index.md": "---\ntitle: Home\norder: 1\ndeep: " + "[" * 10000
                  + "\n---\nText.\n"},
                 "content/en/index.md:2: nested deeper than 32 levels; a site file needs only "
                 "a few", id="yaml_10000_levels_unclosed"),
    pytest.param({"content/en/index.md": "---\ntitle: Home\norder: 1\n---\n" + "- " * 10000
                  + "level\n"},
                 "content/en/index.md:5: nested deeper than 32 levels (lists, quotes or "
                 "indented blocks); a page needs only a few", id="markdown_10000_levels"),
    pytest.param({"content/en/index.md": "---\ntitle: Home\norder: 1\n---\n"
                  + "".join("    " * n + "- level\n" for n in range(1000))},
                 "content/en/index.md:37: nested deeper than 32 levels (lists, quotes or "
                 "indented blocks); a page needs only a few (967 more lines below like it)",
                 id="markdown_1000_indented"),
    pytest.param({"content/en/index.md": "---\ntitle: Home\norder: 1\n---\n" + ">" * 10000
                  + " deep\n"},
                 "content/en/index.md:5: nested deeper than 32 levels (lists, quotes or "
                 "indented blocks); a page needs only a few", id="markdown_10000_quotes"),
    pytest.param({"content/en/index.md": "---\ntitle: Home\norder: 1\n---\n" + "*" * 3000
                  + "deep" + "*" * 3000 + "\n"},
                 "content/en/index.md: nested too deeply to render (emphasis, lists or quotes "
                 "inside one another); a page needs only a few levels", id="markdown_emphasis"),
    pytest.param({"content/en/index.md": "---\ntitle: Home\norder: 1\n---\n{{ " + "(" * 3000
                  + "1" + ")" * 3000 + " }}\n"},
                 "content/en/index.md: shortcodes nested too deeply (brackets or blocks inside "
                 "one another); a page needs only a few levels", id="shortcode_brackets"),
])
def test_nesting_too_deep_is_an_error_with_the_file(make_site, run, files, expected):
    root = make_site(files)
    started = time.monotonic()
    code, _, err = run("check", "--root", root)
    assert time.monotonic() - started < 30  # 1,000 levels took 17 s and 784 MB before
    assert code == 1
    assert err.splitlines() == [f"error: {expected}", "1 error(s); nothing was written"]


# --- control characters -----------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("We planted\x00 1200 bulbs.", "content/en/index.md:5: column 11: NUL (U+0000) cannot "
     "appear in a web page; remove it (it came with a copy and paste, or from a converter)"),
    ("We planted 1200 \x1b[31mbulbs.\nAnd \x07more\x07.", "content/en/index.md:5: column 17: "
     "ESC (U+001B) cannot appear in a web page; remove it (it came with a copy and paste, or "
     "from a converter) (1 more line below like it)"),
    ("Page one.\fPage two.", "content/en/index.md:5: column 10: form feed (U+000C) cannot "
     "appear in a web page; remove it (it came with a copy and paste, or from a converter)"),
], ids=["nul", "escape_and_bell", "form_feed"])
def test_control_characters_in_a_page_are_an_error_with_their_place(make_site, run, text,
                                                                    expected):
    root = make_site({"content/en/index.md": f"---\ntitle: Home\norder: 1\n---\n{text}\n"})
    code, _, err = run("build", "--root", root)
    assert code == 1
    assert err.splitlines() == [f"error: {expected}", "1 error(s); nothing was written"]
    assert not (root / "site").exists()


def test_tabs_and_ordinary_text_pass(make_site, run):
    root = make_site({"content/en/index.md": "---\ntitle: Home\norder: 1\n---\n"
                      "## The garden {#garden}\n\nWe planted\t1200 bulbs.\n"})
    code, _, err = run("build", "--root", root)
    assert code == 0, err
    assert "1200 bulbs." in (root / "site/en/index.html").read_text(encoding="utf-8")


def _with_nul_translation() -> str:
    """The tiny site's de.po with a NUL in its first translation (its line and column)."""
    lines = (TINY / "locales/de.po").read_text(encoding="utf-8").split("\n")
    at = next(n for n, line in enumerate(lines) if line.startswith('msgstr "') and n > 12)
    lines[at] = lines[at].replace('msgstr "', 'msgstr "\x00', 1)
    return "\n".join(lines), at + 1


@pytest.mark.parametrize("name", ["site.yaml", "front matter", "content/references.yaml",
                                  "locales/de.po"])
def test_control_characters_in_yaml_and_catalogs_are_an_error_with_their_line(make_site, run,
                                                                               name):
    """An escape that writes a control character into a YAML value (\\e, \\0), or a raw one
    in a catalog, would reach every page in its language (issue 26, E4)."""
    site = (TINY / "site.yaml").read_text(encoding="utf-8")
    cases = {
        "site.yaml": ({"site.yaml": site.replace("  fr: Le jardin partagé",
                                                 '  fr: "Le jardin \\e[1mpartagé"', 1)},
                      "site.yaml:4: ESC (U+001B) cannot appear in a web page; remove the escape "
                      "that writes it in this value"),
        "front matter": ({"content/en/index.md": '---\ntitle: Home\norder: 1\ndescription: "A\\0 b"'
                          "\n---\nWe planted 1200 bulbs.\n"},
                         "content/en/index.md:4: NUL (U+0000) cannot appear in a web page; remove "
                         "the escape that writes it in this value"),
        "content/references.yaml": ({"content/references.yaml": REFERENCES.replace(
            "text: Un livre", 'text: "Un \\x07livre"')},
            "content/references.yaml:4: a control character (U+0007) cannot appear in a web "
            "page; remove the escape that writes it in this value"),
    }
    if name == "locales/de.po":
        text, line = _with_nul_translation()
        files, expected = {name: text}, (f"locales/de.po:{line}: column 9: NUL (U+0000) cannot "
                                         "appear in a web page; remove it")
    else:
        files, expected = cases[name]
    root = make_site(files)
    code, _, err = run("build", "--root", root)
    assert code == 1
    assert err.splitlines() == [f"error: {expected}", "1 error(s); nothing was written"]
    assert not (root / "site").exists()
