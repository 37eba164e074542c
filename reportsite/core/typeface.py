"""The theme's typeface for code: Noto Serif as vl-convert needs it (one TrueType file per
style, to measure and draw text), as the generator measures it (to wrap labels and to let
chart modules fit text in bars) and as a downloaded SVG carries it (a subset, embedded).

The theme ships Noto Serif as WOFF2 faces cut by unicode-range (static/fonts/noto-serif,
tools/fonts.py). Here the faces of each style are merged back into one font, so that a
chart's text finds every letter (Kazakh, Russian, Latin) in the one family it names."""

from __future__ import annotations

import base64
import functools
import hashlib
import html
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from reportsite.core.layout import THEME

FONT_DIR = THEME / "static" / "fonts" / "noto-serif"
FAMILY = "Noto Serif"  # the family site.css gives the page, and the charts' text
STYLES = {"normal": "400-normal", "bold": "700-normal"}  # what chart text uses (Vega: weight)


def face_files(style: str) -> list[Path]:
    """The theme's WOFF2 faces of one style ("400-normal"), in a fixed order."""
    return sorted(FONT_DIR.glob(f"noto-serif-*-{style}.woff2"))


def fonts_digest() -> str:
    """What the charts' text looks like: the bytes of every face they are drawn with."""
    digest = hashlib.sha256()  # not core/cache's sha256: this module stays below the cache
    for style in STYLES.values():
        for path in face_files(style):
            data = path.read_bytes()
            digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


@functools.lru_cache(maxsize=None)
def merged_font(style: str) -> bytes:
    """The faces of one style merged into one TrueType font, dated as the faces are (the
    same bytes in every build)."""
    from fontTools.merge import Merger
    from fontTools.ttLib import TTFont

    parts = []
    for path in face_files(style):
        face = TTFont(path)
        face.flavor = None
        buffer = io.BytesIO()
        face.save(buffer)
        parts.append(io.BytesIO(buffer.getvalue()))
    merged = Merger().merge(parts)
    first = TTFont(face_files(style)[0])["head"]
    # The merger stamps the font with the time of day: the faces' own dates instead.
    merged["head"].created, merged["head"].modified = first.created, first.modified
    buffer = io.BytesIO()
    merged.recalcTimestamp = False
    merged.save(buffer)
    return buffer.getvalue()


def font_directory(home: Path) -> Path:
    """A folder with the merged fonts as TrueType files, for vl-convert (made once per set
    of faces, under home: this user's folder, never a site folder, where a received
    .cache/ could bring fonts of its own)."""
    folder = home / "chart-fonts" / fonts_digest()[:16]
    folder.mkdir(parents=True, exist_ok=True)
    for name, style in STYLES.items():
        final = folder / f"NotoSerif-{style}.ttf"
        if not final.is_file():  # each whole or absent: two builds at once both finish
            temporary = folder / f".NotoSerif-{style}.{os.getpid()}.tmp"
            temporary.write_bytes(merged_font(style))
            temporary.replace(final)
    return folder


@dataclass(frozen=True)
class Metrics:
    """Advance widths of one style, to measure a line of text as the font sets it."""

    units: int  # units per em
    advances: dict[int, int]  # code point -> advance width in font units
    fallback: int  # the advance of a character the font lacks (its .notdef)

    def width(self, text: str, size: float) -> float:
        """The width in px of text set on one line at size px (kerning left out: it
        narrows a line by a fraction of a percent)."""
        total = sum(self.advances.get(ord(char), self.fallback) for char in text)
        return total * size / self.units


@functools.lru_cache(maxsize=None)
def metrics(bold: bool = False) -> Metrics:
    """The metrics of the charts' regular or bold type, read from the theme's faces of that
    style: each code point's advance from the first face (in face_files' order) that has
    it, as the merged font has it (tests/test_charts.py compares), in a twentieth of the
    time merging takes (the merge writes every glyph; this reads two small tables)."""
    from fontTools.ttLib import TTFont

    advances: dict[int, int] = {}
    units = fallback = 0
    for n, path in enumerate(face_files(STYLES["bold" if bold else "normal"])):
        face = TTFont(path, lazy=True)
        widths = face["hmtx"].metrics
        if n == 0:
            units, fallback = face["head"].unitsPerEm, widths[".notdef"][0]
        elif face["head"].unitsPerEm != units:
            raise ValueError(f"{path.name}: {face['head'].unitsPerEm} units per em, not {units}")
        for code, glyph in face.getBestCmap().items():
            advances.setdefault(code, widths[glyph][0])
    return Metrics(units, advances, fallback)


def text_width(text: str, size: float = 12, bold: bool = False) -> float:
    """The width in px of text in the charts' type at size px."""
    return metrics(bold).width(text, size)


def wrap(text: str, width: float, size: float = 12, bold: bool = False) -> list[str]:
    """Text broken at spaces into lines no wider than width px (a word wider than that
    stands on a line of its own)."""
    lines: list[str] = []
    for word in text.split():
        if lines and text_width(f"{lines[-1]} {word}", size, bold) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [text]


def embed_fonts(svg: str, fonts: Path) -> str:
    """The SVG with the fonts its text uses embedded: for each style it uses, a WOFF2
    subset of the letters it shows, in a <style> @font-face, so that it looks the same
    on a machine without Noto Serif (every Kazakh letter included). fonts: the folder
    font_directory made."""
    texts = {"bold": "", "normal": ""}
    for attributes, content in re.findall(r"<text\b([^>]*)>(.*?)</text>", svg, re.S):
        style = "bold" if re.search(r'font-weight="(bold|[6-9]00)"', attributes) else "normal"
        texts[style] += re.sub(r"<[^>]+>", "", content)
    rules = [font_face(fonts, name, characters(html.unescape(text)))
             for name, text in sorted(texts.items()) if text]
    if not rules:
        return svg
    style = "<defs><style>" + "".join(rules) + "</style></defs>"
    return re.sub(r"(<svg\b[^>]*>)", lambda m: m.group(1) + style, svg, count=1)


def font_face(fonts: Path, style: str, text: str) -> str:
    """An @font-face rule carrying the subset of one style that draws text."""
    data = subset(fonts / f"NotoSerif-{STYLES[style]}.ttf", text)
    weight = "700" if style == "bold" else "400"
    return (f"@font-face{{font-family:'{FAMILY}';font-style:normal;font-weight:{weight};"
            f"src:url(data:font/woff2;base64,{base64.b64encode(data).decode()}) "
            "format('woff2')}")


@functools.lru_cache(maxsize=256)
def subset(font_file: Path, text: str) -> bytes:
    """A WOFF2 font of one merged style (a file of font_directory) with only the glyphs
    text needs (no hinting, no names beyond the family's: small), the same bytes for the
    same text."""
    from fontTools import subset as subsetter
    from fontTools.ttLib import TTFont

    font = TTFont(font_file)
    options = subsetter.Options()
    options.flavor = "woff2"
    options.hinting = False
    options.desubroutinize = True
    worker = subsetter.Subsetter(options)
    worker.populate(text=text + " ")
    worker.subset(font)
    font.recalcTimestamp = False
    buffer = io.BytesIO()
    font.flavor = "woff2"
    font.save(buffer)
    return buffer.getvalue()


def characters(text: str) -> str:
    """The distinct characters of a text, sorted (one subset for the same letters)."""
    return "".join(sorted(set(text)))
