"""Property tests: whatever the input, the build succeeds or reports SiteErrors — never a
traceback, never a half-written site/."""

from __future__ import annotations

import contextlib
import csv
import io
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import TINY, snapshot, write_files
from reportsite.cli import main

SETTINGS = settings(max_examples=25, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])
CACHE = Path(tempfile.mkdtemp(prefix="fuzz-cache-"))
_BASE: list[Path] = []


def built_base() -> Path:
    """The tiny site, built once; each example starts from a copy of it."""
    if not _BASE:
        root = Path(tempfile.mkdtemp(prefix="fuzz-base-")) / "src"
        shutil.copytree(TINY, root)
        assert main(["build", "--root", str(root), "-q", "--cache-dir", str(CACHE)]) == 0
        _BASE.append(root)
    return _BASE[0]


def build_with(files: dict[str, str | bytes]) -> None:
    """Build a copy of the tiny site with files changed, and check the promises."""
    root = Path(tempfile.mkdtemp(prefix="fuzz-")) / "src"
    shutil.copytree(built_base(), root)
    before = snapshot(root / "site")
    write_files(root, files)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        code = main(["build", "--root", str(root), "--cache-dir", str(CACHE)])
    text = err.getvalue()
    assert code in (0, 1), text
    assert "internal error" not in text and "Traceback" not in text, text
    for line in text.splitlines():
        assert line.startswith(("error: ", "warning: ")) or line.endswith("nothing was written"), line
    if code == 1:
        assert snapshot(root / "site") == before
    else:
        assert (root / "site" / "index.html").is_file()
    assert not [p for p in root.iterdir() if p.name.startswith(".site.")]
    shutil.rmtree(root.parent, ignore_errors=True)


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6),
                    st.floats(allow_nan=False), st.text(max_size=40))
values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=10), inner, max_size=3)),
    max_leaves=6)


@SETTINGS
@given(st.text(max_size=300))
def test_any_front_matter_text(text):
    build_with({"content/de/index.md": f"---\n{text}\n---\nText.\n"})


@SETTINGS
@given(st.dictionaries(st.sampled_from(["title", "nav_title", "order", "template",
                                        "description", "titel", "lang"]), values, max_size=5))
def test_any_front_matter_values(meta):
    build_with({"content/de/index.md": "---\n" + yaml.safe_dump(meta, allow_unicode=True)
                + "---\nText.\n"})


shortcode_args = st.one_of(st.text(max_size=15).map(repr), st.integers(-5, 5).map(str),
                           st.sampled_from(['"harvest"', '"tomato"', '"weight"', "None",
                                            "[1, 2]", '{"crop": "bean"}', '"fig-harvest"']))


@SETTINGS
@given(st.sampled_from(["value", "table", "chart", "ref", "cite", "codebook", "downloads",
                        "references", "nope"]),
       st.lists(shortcode_args, max_size=4),
       st.dictionaries(st.sampled_from(["caption", "fields", "where", "derived", "id", "page",
                                        "as_figure", "note", "x"]), shortcode_args, max_size=3))
def test_any_shortcode_call(name, args, kwargs):
    call = ", ".join(list(args) + [f"{k}={v}" for k, v in kwargs.items()])
    page = (TINY / "content/en/data.md").read_text()
    build_with({"content/en/data.md": page + f"\n\n{{{{ {name}({call}) }}}}\n"})


@SETTINGS
@given(st.lists(st.lists(st.text(max_size=12), min_size=0, max_size=4), max_size=5))
def test_any_csv_rows(rows):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(["crop", "weight", "share"])
    writer.writerows(rows)
    build_with({"data/harvest.csv": buffer.getvalue()})


@SETTINGS
@given(st.sampled_from(["languages", "title", "authors", "keywords", "version", "date",
                        "license", "doi", "base_url", "journal", "slug", "subtitle"]), values)
def test_any_site_yaml_value(key, value):
    config = yaml.safe_load((TINY / "site.yaml").read_text())
    config[key] = value
    build_with({"site.yaml": yaml.safe_dump(config, allow_unicode=True)})
