"""The build cache: a build that reuses earlier work makes exactly what a cold build makes.

Every test here compares against a cold build (an empty cache folder) of the same inputs:
byte for byte, warnings included.
"""

from __future__ import annotations

import dataclasses
import os
import pickle
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, snapshot
from reportsite.build.checks import LeavingLink
from reportsite.core import codec
from reportsite.core.errors import SiteError
from reportsite.core.signing import seal, unseal

sys.path.insert(0, str(REPO / "bench"))
import corpus  # noqa: E402  (bench/corpus.py: the benchmark's generated trilingual corpus)


def build(root: Path, out: Path, cache: Path, *extra: str) -> subprocess.CompletedProcess:
    """python build.py build in a fresh process (as a user runs it; workers may fork)."""
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "build", "--root", str(root), "--out", str(out),
         "--cache-dir", str(cache), *extra],
        capture_output=True, text=True, timeout=600, cwd=root)
    assert result.returncode == 0, result.stderr
    return result


def warnings(result: subprocess.CompletedProcess) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning:")]


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    """A 30-page-per-language corpus (90 pages: enough to render in worker processes)."""
    return corpus.make_corpus(tmp_path_factory.mktemp("corpus"), 30)["ours"]


def test_parallel_cached_and_cold_builds_are_byte_identical(generated, tmp_path):
    root, cache = generated, tmp_path / "cache"
    first = build(root, tmp_path / "a", cache, "--jobs", "2")
    assert "pages (90 rendered, 0 cached)" in first.stdout
    # Edit one page in every language (as the benchmark does), then rebuild with the cache.
    key = corpus.page_key(15)
    for path in (root / "content" / lang / f"{key}.md" for lang in corpus.LANGS):
        path.write_text(path.read_text(encoding="utf-8") + "\n" + corpus.EDIT_SENTENCE[
            path.parent.name] + "\n", encoding="utf-8")
    corpus.accept_translations(root, key)  # the translator's update, as in the benchmark
    again = build(root, tmp_path / "a", cache, "--jobs", "2")
    assert "pages (3 rendered, 87 cached)" in again.stdout
    cold = build(root, tmp_path / "b", tmp_path / "cold-cache", "--jobs", "1")
    assert "pages (90 rendered, 0 cached)" in cold.stdout
    assert snapshot(tmp_path / "a") == snapshot(tmp_path / "b")
    assert warnings(again) == warnings(cold)


def test_nothing_changed_writes_nothing_and_replays_the_warnings(make_site, tmp_path):
    root = make_site({"content/de/data.md": None})  # a missing translation: one warning
    first = build(root, root / "site", tmp_path / "cache")
    inode = (root / "site/en/index.html").stat().st_ino
    second = build(root, root / "site", tmp_path / "cache")
    assert "nothing changed" in second.stdout
    assert warnings(second) == warnings(first) and len(warnings(first)) == 1
    assert (root / "site/en/index.html").stat().st_ino == inode
    assert second.stdout.splitlines()[-1].split(", ")[:-1] == \
        first.stdout.splitlines()[-1].split(", ")[:-1]  # the same summary, but the seconds


def test_a_changed_or_removed_output_file_is_rebuilt(make_site, tmp_path):
    root, cache = make_site(), tmp_path / "cache"
    build(root, root / "site", cache)
    expected = snapshot(root / "site")
    page = root / "site/en/index.html"
    page.write_text(page.read_text() + "<!-- edited by hand -->")
    assert "nothing changed" not in build(root, root / "site", cache).stdout
    assert snapshot(root / "site") == expected
    (root / "site/fr/data.html").unlink()
    assert "nothing changed" not in build(root, root / "site", cache).stdout
    assert snapshot(root / "site") == expected


TINY_CHANGES = {
    "a page body": {"content/en/index.md": "---\ntitle: Home\norder: 1\n---\n"
                    "## The garden {#garden}\n\nWe planted 1200 tulips.\n"},
    "a page title (every page's navigation)": {"content/fr/data.md": None},
    "a template (a site override of the theme's)": {
        "templates/page.html": "{% extends 'theme/page.html' %}\n"
                               "{% block content %}<p>v2</p>{{ super() }}{% endblock %}\n"},
    "a UI string": {"locales/de.po": None},
    "a data value (tables and charts)": {"data/harvest.csv": None},
    "site.yaml": {"site.yaml": None},
    "a static file": {"static/css/tiny.css": "body { color: black; }\n"},
    "a new broken link (the link check)": {
        "content/de/index.md": "---\ntitle: Start\norder: 1\n---\n[weg](nirgends.html)\n"},
    # The same files and anchors as before: only the page's own HTML tells its check is stale.
    "a broken link beside the same anchors": {"content/de/index.md": None},
}


def _edit(root: Path, name: str) -> None:
    """Apply one change of TINY_CHANGES (None: a small edit of the existing file)."""
    edits = {"content/fr/data.md": ("title: Données\n", "title: Données\nnav_title: Chiffres\n"),
             "locales/de.po": ('msgstr "Sprache"', 'msgstr "Sprachen"'),
             "data/harvest.csv": ("tomato,1200,60", "tomato,1300,60"),
             "site.yaml": ("de: Der Gemeinschaftsgarten", "de: Der Gemeinschaftsgarten am Fluss"),
             "content/de/index.md": ("(harvest.html#yield).",
                                     "(harvest.html#yield) und [weg](nirgends.html).")}
    for path, text in TINY_CHANGES[name].items():
        target = root / path
        if text is None:
            old, new = edits[path]
            content = target.read_text(encoding="utf-8")
            assert old in content, (path, old)
            target.write_text(content.replace(old, new, 1), encoding="utf-8")
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("change", sorted(TINY_CHANGES))
def test_every_kind_of_change_gives_what_a_cold_build_gives(make_site, tmp_path, change):
    root, cache = make_site(), tmp_path / "cache"
    build(root, tmp_path / "warm", cache)
    before = snapshot(tmp_path / "warm")
    _edit(root, change)
    warm = build(root, tmp_path / "warm", cache)
    cold = build(root, tmp_path / "cold", tmp_path / "cold-cache")
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")
    assert snapshot(tmp_path / "warm") != before
    assert warnings(warm) == warnings(cold)


def test_the_translation_check_follows_which_language_is_the_original(make_site, tmp_path):
    root, cache = make_site(), tmp_path / "cache"
    page = root / "content/de/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nIm Jahr 1999.\n", encoding="utf-8")
    first = build(root, tmp_path / "warm", cache)
    assert any("content/de/index.md" in w and "differ from content/fr/index.md" in w
               for w in warnings(first))
    config = root / "site.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "languages: [fr, de, en]", "languages: [de, fr, en]"), encoding="utf-8")
    warm = build(root, tmp_path / "warm", cache)
    cold = build(root, tmp_path / "cold", tmp_path / "cold-cache")
    assert warnings(warm) == warnings(cold)
    assert any("differ from content/de/index.md" in w for w in warnings(warm))


def test_a_damaged_cache_is_ignored(make_site, tmp_path):
    root, cache = make_site(), tmp_path / "cache"
    build(root, tmp_path / "cold", cache)
    expected = snapshot(tmp_path / "cold")
    (cache / "index.json").write_bytes(b"not an entry")
    for page in list((cache / "pages").iterdir())[:3]:
        page.unlink()
    for n, result in enumerate(sorted((cache / "results").iterdir())):
        data = result.read_bytes()  # cut short, or one byte of its payload changed
        result.write_bytes(data[:len(data) // 2] if n % 2 else data[:-1] + bytes([data[-1] ^ 1]))
    again = build(root, tmp_path / "again", cache)
    assert "pages (9 rendered, 0 cached)" in again.stdout
    assert snapshot(tmp_path / "again") == expected


# --- what an entry is: exact, and nothing but data ----------------------------------------

def _same(a, b) -> bool:
    """Equal, and of the same types all the way down."""
    if type(a) is not type(b):
        return False
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    if dataclasses.is_dataclass(a):
        return all(_same(getattr(a, f.name), getattr(b, f.name)) for f in dataclasses.fields(a))
    return a == b or (a != a and b != b)  # NaN


def test_every_kind_of_cached_value_comes_back_exactly(real_site, real_cache):
    """Each kind the real site's build keeps (chart renders, PDFs with their warnings,
    JATS, the RO-Crate graph, workbooks, unpacked fonts, vl-convert renders, each page's
    search share, the index of page ids, link checks, translation checks and UI strings)
    decodes to values that encode to the very same payload, of the types the code uses."""
    from reportsite.build.checks import LeavingLink
    from reportsite.core.cache import Cache
    from reportsite.outputs.search import PageIndex
    from reportsite.core.chartforms import ChartForm
    from reportsite.render.charts import ChartRender

    cache = Cache(real_cache, types=(LeavingLink,))
    kinds = {}
    for path in sorted((real_cache / "results").iterdir()):
        kind = path.suffix[1:]
        value = cache.read(f"results/{path.name}", (ChartRender, ChartForm, PageIndex))
        assert value is not None, path.name
        payload = unseal(f"results/{path.name}", path.read_bytes())
        assert codec.encode(value) == payload, path.name
        kinds.setdefault(kind, value)
    assert sorted(kinds) == ["charts", "crate", "epub", "figure-svg", "jats", "pdf", "png",
                             "search", "sfnt", "svg", "xlsx"]
    renders = kinds["charts"]["renders"]
    assert all(type(k) is tuple and type(v) is ChartRender for k, v in renders.items())
    render = next(iter(renders.values()))
    assert type(render.forms) is tuple and all(type(f) is ChartForm for f in render.forms)
    assert type(render.columns) is tuple and type(render.rows) is tuple
    assert "$schema" in render.spec  # a key that looks like a tag stays a key
    data, problems = kinds["pdf"]
    assert type(data) is bytes and data.startswith(b"%PDF") and type(problems) is tuple
    assert all(type(kinds[k]) is bytes for k in ("epub", "jats", "png", "search", "sfnt", "svg",
                                                 "xlsx"))
    assert type(kinds["crate"]) is dict and type(kinds["figure-svg"]) is str
    index = cache.index
    assert all(type(v) is frozenset for v in index["ids"].values()) and index["ids"]
    from reportsite.outputs.search import read_share
    assert type(kinds["search"]) is bytes  # JSON, read back by one json.loads (issue 30)
    assert type(read_share(kinds["search"])) is PageIndex and read_share(kinds["search"]).fragments
    assert index["ui"] and all(type(v) is tuple for v in index["ui"].values())
    assert all(type(v) is list for t in ("links", "parity") for v in index[t].values())
    assert _same(codec.decode(codec.encode(index), cache.types), index)


@pytest.mark.parametrize("value", [
    None, True, 0, -1, 2 ** 70, 1.5, -0.0, float("inf"), "", "қала\u2028", b"\x00\xff",
    [1, (2, 3)], (), ((1,), [2]), frozenset({"a", "b"}), {"$schema": 1, "a": b"x"},
    {(1, "a"): [b"y", b"z"]}, {"plain": {"nested": [None]}},
    [SiteError("a.md", 3, "x"), LeavingLink("b.md", None, "y")],
], ids=repr)
def test_the_codec_is_exact(value):
    from reportsite.build.checks import LeavingLink  # noqa: F811 -- as the cache reads it

    back = codec.decode(codec.encode(value), (SiteError, LeavingLink))
    assert _same(back, value)


def test_decoding_builds_only_what_the_reader_names():
    from reportsite.outputs.search import PageIndex

    share = PageIndex(((("a", "b", 0, "text", "c"),),), (("c", 0, 0, ""),), (("c", "c"),))
    payload = codec.encode((share,))
    with pytest.raises(codec.Undecodable):
        codec.decode(payload)  # PageIndex not named: not built
    assert codec.decode(payload, (PageIndex,)) == (share,)
    for bad in (pickle.dumps([1]), b"J" + (99).to_bytes(8, "big") + b"{}", b"",
                codec.encode({"x": 1}).replace(b'"x"', b'"$obj"')):
        with pytest.raises(codec.Undecodable):
            codec.decode(bad)
    with pytest.raises(TypeError):
        codec.encode({1, 2})  # a set has no exact form: refused, not guessed


def test_an_entry_verifies_only_under_its_own_name_and_this_users_key(tmp_path):
    sealed = seal("pages/a.html", b"<p>x</p>")
    assert unseal("pages/a.html", sealed) == b"<p>x</p>"
    assert unseal("pages/b.html", sealed) is None  # moved under another name
    assert unseal("pages/a.html", sealed.replace(b"x</p>", b"y</p>")) is None  # edited
    assert unseal("pages/a.html", b"<p>x</p>") is None  # unsigned
    other = subprocess.run(
        [sys.executable, "-c", "import sys; from reportsite.core.signing import seal; "
         "sys.stdout.buffer.write(seal('pages/a.html', b'<p>x</p>'))"],
        env=dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "other"), PYTHONPATH=str(REPO)),
        capture_output=True, check=True, timeout=60).stdout
    assert other != sealed and unseal("pages/a.html", other) is None  # another user's key
    key = tmp_path / "other" / "reportsite" / "key"
    assert oct(key.stat().st_mode & 0o777) == "0o600" and len(key.read_bytes()) == 32


def test_a_key_others_could_read_is_not_used(tmp_path):
    home = tmp_path / "home"
    (home / "reportsite").mkdir(parents=True)
    (home / "reportsite" / "key").write_bytes(b"k" * 32)
    os.chmod(home / "reportsite" / "key", 0o644)
    code = ("from reportsite.core.entries import claim; from pathlib import Path; "
            "print(claim(Path('cache')))")
    result = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60, check=True,
                            env=dict(os.environ, XDG_CACHE_HOME=str(home), PYTHONPATH=str(REPO)))
    assert result.stdout.strip() == (
        f"not using {home}/reportsite/key: it is not a file of this user's that only this "
        "user can read; delete it (a new key is made): cached results are not reused "
        "between builds")


def test_the_cache_forgets_what_no_build_used_for_a_while(make_site, tmp_path):
    root, cache = make_site(), tmp_path / "cache"
    build(root, tmp_path / "site", cache)
    pages = set(os.listdir(cache / "pages"))
    for n in range(3):
        (root / "content/en/index.md").write_text(
            f"---\ntitle: Home\norder: 1\n---\nEdit {n}.\n", encoding="utf-8")
        build(root, tmp_path / "site", cache)
    assert len(os.listdir(cache / "pages")) > len(pages)  # recent ones may still be in use
    hour_ago = time.time() - 3600
    for path in (cache / "pages").iterdir():
        os.utime(path, (hour_ago, hour_ago))
    build(root, tmp_path / "site", cache)  # nothing changed: no pruning needed, none done
    (root / "content/en/index.md").write_text("---\ntitle: Home\norder: 1\n---\nLast.\n",
                                              encoding="utf-8")
    build(root, tmp_path / "site", cache)
    assert len(os.listdir(cache / "pages")) == len(pages)  # older versions are gone


def test_an_unusable_cache_folder_is_a_clear_error(make_site, tmp_path):
    root = make_site()
    build(root, root / "site", tmp_path / "cache")
    before = snapshot(root / "site")
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    result = subprocess.run(
        [sys.executable, str(REPO / "build.py"), "build", "--root", str(root),
         "--cache-dir", str(blocker)], capture_output=True, text=True, timeout=600)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        f"error: {blocker}: cannot keep the build cache here (File exists); choose another "
        "--cache-dir (the cache only saves time and is safe to delete)",
        "1 error(s); nothing was written"]
    assert snapshot(root / "site") == before


LONG_DE = "\n\n".join(f"Im {word} haben wir Beete angelegt und gegossen, jeden Morgen, "
                      "bevor die Sonne hoch stand, und jeden Abend danach, bis es dunkel war."
                      for word in ("Frühling", "Sommer", "Herbst", "Winter") * 10)  # no numbers


def _fragments(site: Path, lang: str) -> list[str]:
    return sorted(p.name for p in (site / "assets/search" / lang).glob("f*.js"))


def test_renamed_search_files_do_not_check_every_pages_links_again(make_site, run, tmp_path,
                                                                     monkeypatch):
    """An edit that gives a page more search fragments renames the language's later ones;
    no page links to them, so only the edited page's links are checked again (at 1,000
    pages a language every page was: 7 s of a one-page edit, issue 30)."""
    from reportsite.build import checks

    root, cache = make_site(), tmp_path / "cache"
    assert run("build", "--root", root, "--cache-dir", cache)[0] == 0
    before = _fragments(root / "site", "de")
    index = root / "content/de/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n" + LONG_DE + "\n", encoding="utf-8")
    checked = []
    real = checks.link_problems
    monkeypatch.setattr(checks, "link_problems",
                        lambda files, sources, parsed, pages, *rest:
                        checked.extend(pages) or real(files, sources, parsed, pages, *rest))
    assert run("build", "--root", root, "--cache-dir", cache)[0] == 0
    assert len(_fragments(root / "site", "de")) > len(before)  # later fragments renamed
    # the edited page, and the landing page, which gives the sizes of the package's files
    assert checked == ["de/index.html", "index.html"]


def test_a_link_into_the_search_index_is_checked_when_its_files_change(make_site, tmp_path):
    """The other side: a page that links to a search file is checked again when they change,
    and a link to a fragment that is gone is reported, as a cold build reports it."""
    root, cache = make_site(), tmp_path / "cache"
    index = root / "content/de/index.md"
    index.write_text(index.read_text(encoding="utf-8") + "\n" + LONG_DE + "\n", encoding="utf-8")
    build(root, tmp_path / "warm", cache)
    last = _fragments(tmp_path / "warm", "de")[-1]
    harvest = root / "content/de/harvest.md"
    harvest.write_text(harvest.read_text(encoding="utf-8")
                       + f"\n[Suchdatei](../assets/search/de/{last})\n", encoding="utf-8")
    # (the file's number is a number the translations lack: a warning, not the point here)
    assert not [w for w in warnings(build(root, tmp_path / "warm", cache)) if "resolve" in w]
    index.write_text(index.read_text(encoding="utf-8").replace(LONG_DE, "Kurz."), encoding="utf-8")
    warm = build(root, tmp_path / "warm", cache)
    cold = build(root, tmp_path / "cold", tmp_path / "cold-cache")
    assert any(last in line and "does not resolve" in line for line in warnings(warm)), warm.stderr
    assert warnings(warm) == warnings(cold)
    assert snapshot(tmp_path / "warm") == snapshot(tmp_path / "cold")
