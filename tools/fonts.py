#!/usr/bin/env python3
"""make theme-fonts: the theme's Noto Serif faces, cut from Fontsource's subsets so that a
page downloads only the letters its languages use.

    python tools/fonts.py --source DIR [--check]

DIR is the @fontsource/noto-serif package (make theme-fonts installs the pinned version).
Fontsource cuts Noto Serif by script: its latin file (14-16 KB a style) holds the Latin
letters and every digit, space and punctuation mark, so a Kazakh or Russian page loads all
of it for its spaces and digits; its cyrillic-ext file (25-30 KB) holds some 350 letters of
dozens of languages, of which Kazakh uses 14. The faces below re-cut those files along the
lines the theme's languages (kk, ru, en) use, in every style (regular, italic, bold):

    common        spaces, digits and the punctuation of kk, ru and en      (every page)
    latin         Latin letters, Latin-1's included                        (Latin text)
    latin-ext     Latin Extended-A (and Romanian's ș ț): Turkish, Turkmen, Central
                  European letters, from Fontsource's latin-ext subset
    symbols       the rest of Fontsource's latin subset: rarer signs
    cyrillic      Fontsource's cyrillic subset: Russian and most of Kazakh
    kazakh        the 14 Kazakh letters of cyrillic-ext (Ғ ғ Қ қ Ң ң Ү ү Һ һ Ә ә Ө ө)
    cyrillic-ext  the rest of cyrillic-ext

Every code point of the three Fontsource subsets belongs to exactly one face, with its glyph,
kerning and marks; the tool writes the faces to the theme's fonts folder and their
@font-face rules (one unicode-range each) into site.css between the fonts markers. Glyph
names are dropped (they only serve font editors). Of Fontsource's latin-ext subset (Latin
Extended, the tenge sign; 60-67 KB a style) only Latin Extended-A is taken, for the theme's
Turkish and Turkmen (ğ İ ş ň ž); a page without those letters never loads it.
--check writes nothing and fails if the committed files differ from what it would write.
Needs fontTools and brotli (the test dependencies).
"""

from __future__ import annotations

import argparse
import io
import re
import sys
from pathlib import Path

THEME = Path(__file__).resolve().parent.parent / "reportsite" / "theme" / "static"
FONTS = THEME / "fonts" / "noto-serif"
CSS = THEME / "assets" / "site.css"
START, END = "/* fonts:start (tools/fonts.py writes this block) */", "/* fonts:end */"
STYLES = {"400-normal": ("400.css", "normal", 400), "400-italic": ("400-italic.css", "italic", 400),
          "700-normal": ("700.css", "normal", 700)}
# face -> (the Fontsource subset it is cut from, its code points; None: the rest of that subset)
FACES = {
    "common": ("latin", "U+0020-0040,U+005B-0060,U+007B-007E,U+00A0,U+00AB,U+00B0,U+00B7,"
                        "U+00BB,U+00D7,U+2009-200B,U+2010-2014,U+2018-201E,U+2022,U+2026,"
                        "U+202F,U+2032-2033,U+2212,U+FEFF"),
    "latin": ("latin", "U+0041-005A,U+0061-007A,U+00AA,U+00B5,U+00BA,U+00C0-00D6,U+00D8-00F6,"
                       "U+00F8-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,"
                       "U+0308,U+0329"),
    "latin-ext": ("latin-ext", "U+0100-017F,U+0218-021B"),
    "symbols": ("latin", None),
    "cyrillic": ("cyrillic", None),
    "kazakh": ("cyrillic-ext", "U+0492-0493,U+049A-049B,U+04A2-04A3,U+04AE-04AF,U+04BA-04BB,"
                               "U+04D8-04D9,U+04E8-04E9"),
    "cyrillic-ext": ("cyrillic-ext", None),
}
SOURCES = ("cyrillic", "latin", "cyrillic-ext", "latin-ext")  # in two subsets: the first wins
SPACES = {0x0020, 0x00A0}  # in every Fontsource subset


def parse_ranges(text: str) -> set[int]:
    """The code points of a CSS unicode-range value."""
    points: set[int] = set()
    for part in text.replace(" ", "").split(","):
        first, _, last = part.removeprefix("U+").partition("-")
        points.update(range(int(first, 16), int(last or first, 16) + 1))
    return points


def format_ranges(points: set[int]) -> str:
    """Code points as a CSS unicode-range value, consecutive ones joined."""
    runs: list[list[int]] = []
    for point in sorted(points):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return ",".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in runs)


def source_ranges(source: Path, style: str) -> dict[str, set[int]]:
    """Fontsource's unicode-range of each subset for one style, overlaps given to the first
    subset in SOURCES."""
    css = (source / STYLES[style][0]).read_text(encoding="utf-8")
    found = {}
    for subset in SOURCES:
        rule = re.search(rf"noto-serif-{subset}-{style}\.woff2\).*?unicode-range:\s*([^;]+);", css, re.S)
        found[subset] = parse_ranges(rule.group(1))
    taken: set[int] = set()
    for subset in SOURCES:
        found[subset] -= taken
        taken |= found[subset]
    return found


def face_ranges(source: Path, style: str) -> dict[str, set[int]]:
    """The code points of every face for one style (each in exactly one face)."""
    subsets = source_ranges(source, style)
    faces = {name: parse_ranges(points) & subsets[subset]
             for name, (subset, points) in FACES.items() if points}
    for name, (subset, points) in FACES.items():
        if points is None:
            faces[name] = subsets[subset] - set().union(
                *(faces[other] for other, (s, p) in FACES.items() if s == subset and p))
    return faces


def cut(source: Path, subset: str, style: str, points: set[int]) -> bytes:
    """The glyphs of points from a Fontsource subset file, as WOFF2 bytes."""
    from fontTools import subset as subsetting
    from fontTools.ttLib import TTFont

    font = TTFont(source / "files" / f"noto-serif-{subset}-{style}.woff2", recalcTimestamp=False)
    options = subsetting.Options(flavor="woff2", layout_features=["*"], name_IDs=["*"],
                                 name_languages=["*"], notdef_outline=True, glyph_names=False)
    subsetter = subsetting.Subsetter(options)
    # Every face also keeps the space and the no-break space (from its own subset), though
    # its unicode-range leaves them to the common face: a browser takes them from there,
    # but Pango (the PDF) draws a space in the font of the letters around it.
    subsetter.populate(unicodes=sorted(points | SPACES))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def font_face(face: str, style: str, points: set[int]) -> str:
    """One @font-face rule of site.css."""
    _, font_style, weight = STYLES[style]
    # swap: assets/fonts.js shows the page once its faces are loaded; without JavaScript, or
    # after 3 s, text shows in a fallback font and the face is swapped in when it arrives.
    return (f"@font-face {{ font-family: 'Noto Serif'; font-style: {font_style}; "
            f"font-weight: {weight}; font-display: swap;\n"
            f"  src: url('../fonts/noto-serif/noto-serif-{face}-{style}.woff2') format('woff2');\n"
            f"  unicode-range: {format_ranges(points)}; }}\n")


def make(source: Path) -> tuple[dict[str, bytes], str]:
    """Every font file (by name) and the @font-face block of site.css."""
    files, rules = {}, []
    for style in STYLES:
        for face, points in face_ranges(source, style).items():
            files[f"noto-serif-{face}-{style}.woff2"] = cut(source, FACES[face][0], style, points)
            rules.append(font_face(face, style, points))
    return files, "".join(rules)


def with_block(css: str, block: str) -> str:
    """site.css with block between the fonts markers."""
    head, rest = css.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{block}{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    """Write the faces and their rules (or, with --check, compare them with the committed)."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, required=True,
                        help="the @fontsource/noto-serif package folder")
    parser.add_argument("--check", action="store_true", help="compare, write nothing")
    args = parser.parse_args(argv)
    files, block = make(args.source)
    css = with_block(CSS.read_text(encoding="utf-8"), block)
    present = {p.name for p in FONTS.glob("*.woff2")}
    if args.check:
        stale = sorted(name for name, data in files.items()
                       if not (FONTS / name).is_file() or (FONTS / name).read_bytes() != data)
        stale += sorted(present - set(files))
        stale += ["site.css"] if CSS.read_text(encoding="utf-8") != css else []
        for name in stale:
            print(f"{name} differs from what tools/fonts.py makes", file=sys.stderr)
        return 1 if stale else 0
    for name in present - set(files):
        (FONTS / name).unlink()
    for name, data in files.items():
        (FONTS / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes")
    CSS.write_text(css, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
