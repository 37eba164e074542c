"""Golden snapshots: one rendered page of the tiny fixture site per language, kept in
tests/golden/ and compared byte for byte by tests/test_golden.py, so that any change to what
a page looks like is seen in review. `make golden` refreshes them, on purpose only."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

GOLDEN = Path(__file__).parent / "golden"
PAGE = "data.html"  # the tiny site's page with a table, a chart, a value and a citation


def golden_names(languages: tuple[str, ...]) -> dict[str, str]:
    """Output path -> the golden file's name, one page per language."""
    return {f"{lang}/{PAGE}": f"{lang}-{PAGE}" for lang in languages}


def rendered(outputs, languages: tuple[str, ...]) -> dict[str, bytes]:
    """The golden file name -> the page as this build renders it."""
    return {name: outputs.files[path] for path, name in golden_names(languages).items()}


def refresh() -> list[Path]:
    """Render the tiny site with an empty cache and write the golden files."""
    sys.path.insert(0, str(Path(__file__).parent.parent))
    from reportsite.build.pipeline import render_site
    from reportsite.load.site import load_site

    with tempfile.TemporaryDirectory() as cache:
        site = load_site(Path(__file__).parent / "fixtures" / "tiny", strict=True,
                         cache_dir=Path(cache))
        pages = rendered(render_site(site), site.config.languages)
    GOLDEN.mkdir(exist_ok=True)
    for old in GOLDEN.glob("*.html"):
        old.unlink()
    written = []
    for name, data in pages.items():
        (GOLDEN / name).write_bytes(data)
        written.append(GOLDEN / name)
    return written


if __name__ == "__main__":
    for path in refresh():
        print(f"wrote {path}")
