#!/usr/bin/env python3
"""make screenshots: what readers see of each kind of page, at 390 and 1366 px, light and
dark, kept in docs/screenshots/ and shown in docs/QUALITY.md with the gate's figures.

    python tools/screenshots.py [--chrome PATH] [--no-write]

1. Builds the site with --strict into a temporary folder (its own cache).
2. Opens each kind of page (the Kazakh original's overview, article, data and cite pages,
   the root page and 404.html) in Chromium at 390 x 844 and 1366 x 900, in the light and
   the dark scheme, scrolls to the part that matters as a reader would (the first chart,
   made interactive; the widest table), and saves the screen as
   docs/screenshots/<kind>-<width>-<scheme>.webp (lossless WebP in 256 colours, no
   dithering: text stays sharp and each file small; every colour as taken where that
   would change a colour of the page).
3. Runs the gate of tests/test_readable.py (tools/readable.py) over every page and writes,
   per kind of page and view, the smallest chart text drawn and the widest table against
   the box that shows it, with the screenshots, into docs/QUALITY.md between the
   screenshots markers.

Not in make test: the gate itself runs there; this records what it saw for people.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tools"))

import readable  # noqa: E402  (the gate's measurements)

SHOTS = REPO / "docs" / "screenshots"
QUALITY = REPO / "docs" / "QUALITY.md"
START, END = "<!-- screenshots:start -->", "<!-- screenshots:end -->"
# Each kind of page, the page shown and the part of it scrolled to (None: its top).
KINDS = {
    "overview": ("kk/index.html", "#fig-survey_attitudes"),
    "article": ("kk/article.html", "#fig-internal-flows"),
    "data": ("kk/data.html", "#tbl-key_figures"),
    "cite": ("kk/cite.html", None),
    "root": ("index.html", None),
    "404": ("404.html", None),
}
SCREENS = {"390": (390, 844), "1366": (1366, 900)}
SCHEMES = ("light", "dark")


def build(out: Path, cache: Path) -> None:
    """The site with --strict, as make site builds it, into out."""
    subprocess.run([sys.executable, str(REPO / "build.py"), "build", "--root", str(REPO),
                    "--out", str(out), "--cache-dir", str(cache), "--strict", "-q"], check=True)


def small_image(png: bytes) -> bytes:
    """A screenshot as lossless WebP (Pillow, WeasyPrint's own; GitHub shows WebP): in 256
    colours, without dithering, so text stays sharp and each file small, unless that would
    change a colour of 20 pixels or more (a chart's legend): then every colour as taken."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    reduced = image.quantize(colors=256, method=Image.Quantize.FASTOCTREE,
                             dither=Image.Dither.NONE).convert("RGB")
    palette = {colour for _, colour in reduced.getcolors(1 << 16)}
    kept = reduced
    for count, colour in image.getcolors(1 << 24):
        if count >= 20 and min(sum(abs(a - b) for a, b in zip(colour, shade))
                               for shade in palette) > 30:
            kept = image
            break
    buffer = io.BytesIO()
    kept.save(buffer, format="WEBP", lossless=True, quality=100, method=6)
    return buffer.getvalue()


def shoot(browser, site: Path, folder: Path) -> list[Path]:
    """Every kind of page on every screen in every scheme, as PNGs in folder."""
    made = []
    for width, (w, h) in SCREENS.items():
        for scheme in SCHEMES:
            context = browser.new_context(viewport={"width": w, "height": h},
                                          color_scheme=scheme)
            page = context.new_page()
            for kind, (name, target) in KINDS.items():
                page.goto((site / name).as_uri())
                page.wait_for_function(readable.SHOWN)
                if page.locator(".chart").count():
                    readable.make_live(page)
                if target:
                    page.locator(target).evaluate("e => e.scrollIntoView({block: 'start'})")
                    page.evaluate("window.scrollBy(0, -12)")
                else:
                    page.evaluate("window.scrollTo(0, 0)")
                page.wait_for_timeout(300)
                path = folder / f"{kind}-{width}-{scheme}.webp"
                path.write_bytes(small_image(page.screenshot()))
                made.append(path)
            context.close()
    return made


def figures_table(report: readable.Report) -> str:
    """docs/QUALITY.md's section: the figures per kind of page and view, then the shots."""
    lines = ["| page kind | view | smallest chart text | widest table / its box | tables, charts |",
             "|---|---|---|---|---|"]
    views = list(readable.VIEWS) + [readable.PRINT[0]]
    for kind in KINDS:
        for view in views:
            figures = report.figures.get((kind, view))
            if figures is None:
                continue
            text = f"{figures.smallest_text:.1f} px" if figures.smallest_text else "—"
            widest = (f"{figures.widest[0]:.0f} / {figures.widest[1]:.0f} px"
                      if figures.widest else "—")
            lines.append(f"| {kind} | {view} | {text} | {widest} | "
                         f"{figures.tables}, {figures.charts} |")
    lines += ["", f"Gate findings: {len(report.problems)}.", "",
              "| page kind | 390 light | 390 dark | 1366 light | 1366 dark |",
              "|---|---|---|---|---|"]
    for kind in KINDS:
        cells = [f"![{kind} {width} {scheme}](screenshots/{kind}-{width}-{scheme}.webp)"
                 for width in SCREENS for scheme in SCHEMES]
        lines.append(f"| {kind} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def write_quality(section: str) -> None:
    """Put the section between the markers of docs/QUALITY.md."""
    text = QUALITY.read_text(encoding="utf-8")
    before, _, rest = text.partition(START)
    _, _, after = rest.partition(END)
    QUALITY.write_text(f"{before}{START}\n{section}\n{END}{after}", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chrome", default="/usr/bin/chromium")
    parser.add_argument("--no-write", action="store_true",
                        help="measure and shoot into a temporary folder; leave docs/ alone")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="reportsite-shots-") as temporary:
        work = Path(temporary)
        build(work / "site", work / "cache")
        folder = work / "shots" if args.no_write else SHOTS
        if not args.no_write and folder.is_dir():
            shutil.rmtree(folder)
        folder.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chrome, args=[
                "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync"])
            made = shoot(browser, work / "site", folder)
            report = readable.check_pages(browser, work / "site",
                                          readable.site_pages(work / "site"))
            browser.close()
        total = sum(path.stat().st_size for path in made)
        print(f"{len(made)} screenshots, {total / 1024:.0f} KB in all; "
              f"gate findings: {len(report.problems)}")
        for problem in report.problems:
            print("  " + problem)
        section = figures_table(report)
        print(section)
        if not args.no_write:
            write_quality(section)
    return 1 if report.problems else 0


if __name__ == "__main__":
    sys.exit(main())
