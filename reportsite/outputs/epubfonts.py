"""The theme's fonts for an EPUB: each face cut down to the characters the book uses.

The theme cuts Noto Serif into faces along the lines its languages use (common, latin,
kazakh, cyrillic, ...; tools/fonts.py), each code point in exactly one face, and the pages
pick them by `unicode-range`. Reading systems do not all honour `unicode-range`, so in
the EPUB, as in the PDF, each face is a family of its own and the text lists them all:
every character then comes from the one face that has it, in every reader. A face the
book needs no character of is left out; the others keep only the characters it uses (a
few kilobytes each), as TrueType/OpenType, which every EPUB reader opens (WOFF2 is new to
EPUB 3.3). The fonts' names table is kept whole: it carries their copyright and the OFL.
"""

from __future__ import annotations

import io
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Mapping

from reportsite.core.cache import installed_versions, sha256

FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".otf")
# "noto-serif-kazakh-400-italic.woff2": the family's file name, the weight, the style.
_FACE_NAME_RE = re.compile(r"^(?P<family>.+)-(?P<weight>\d{3})-(?P<style>normal|italic)$")


@dataclass(frozen=True)
class Face:
    """One embedded font face."""

    family: str  # the CSS family it is declared as, e.g. "noto-serif-kazakh"
    weight: int  # its CSS font-weight (from the font's OS/2 table)
    style: str  # "normal" or "italic" (from the font's OS/2 table)
    name: str  # its file name in the EPUB, e.g. "noto-serif-kazakh-400-normal.ttf"
    media_type: str  # "font/ttf" or "font/otf"
    data: bytes  # the subset font
    characters: frozenset[int]  # the code points it holds


def font_files(static: Mapping[str, Path]) -> list[tuple[str, Path]]:
    """The site's static font files (theme and overrides), sorted by path."""
    return sorted((relative, path) for relative, path in static.items()
                  if relative.startswith("fonts/") and relative.endswith(FONT_SUFFIXES))


def subset_faces(fonts: Iterable[tuple[str, Path]], text: str,
                 unpack: Callable[[bytes], bytes] = None) -> tuple[Face, ...]:
    """Every font of fonts that a character of text is drawn from, cut down to those
    characters. A character is drawn from the first family, in path order (the order
    font_css lists them), whose face of its weight and style has it: a font's character
    map may hold more than the range the theme uses it for (a space, say)."""
    used = {ord(c) for c in text if not c.isspace() or c == " "}
    unpack = unpack or unpacked
    loaded = [(relative, load_font(unpack(path.read_bytes()))) for relative, path in fonts]
    taken: dict[tuple[int, str], set[int]] = {}  # (weight, style) -> characters placed
    faces = []
    for relative, font in loaded:
        style = (font["OS/2"].usWeightClass, "italic" if font["OS/2"].fsSelection & 1
                 else "normal")
        placed = taken.setdefault(style, set())
        wanted = (used - placed) & set(font.getBestCmap())
        if wanted:
            placed |= wanted
            faces.append(subset_face(relative, font, wanted))
    return tuple(faces)


def load_font(data: bytes):
    """A font's TrueType/OpenType data as fontTools reads it, its head table's date kept as
    it is (fontTools would set it to now on saving)."""
    from fontTools.ttLib import TTFont

    return TTFont(io.BytesIO(data), recalcTimestamp=False)


def sfnt_key(data: bytes) -> str:
    """The cache key of a font file's unpacked form: the PDFs' (outputs/printer.FontFiles.key,
    tests/test_epub.py checks they agree), so the fonts the PDFs unpacked serve the books."""
    return sha256("woff2", installed_versions(("fonttools",)).get("fonttools", ""), data)


def unpacked(data: bytes) -> bytes:
    """WOFF2 unpacked to TrueType/OpenType; other formats as they are."""
    if not data.startswith(b"wOF2"):
        return data
    from fontTools.ttLib import woff2

    out = io.BytesIO()
    woff2.decompress(io.BytesIO(data), out)
    return out.getvalue()


def subset_face(relative: str, font, wanted: set[int]) -> Face:
    """The font (from the file at relative) with only the code points of wanted."""
    from fontTools import subset

    options = subset.Options()
    options.name_IDs, options.name_languages = ["*"], ["*"]  # the copyright and the OFL
    options.flavor = None  # plain TrueType/OpenType
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out, reorderTables=True)
    stem = posixpath.splitext(posixpath.basename(relative))[0]
    match = _FACE_NAME_RE.match(stem)
    family = match.group("family") if match else stem
    cff = "CFF " in font or "CFF2" in font
    return Face(family, font["OS/2"].usWeightClass,
                "italic" if font["OS/2"].fsSelection & 1 else "normal",
                f"{stem}.{'otf' if cff else 'ttf'}", "font/otf" if cff else "font/ttf",
                out.getvalue(), frozenset(wanted))


def font_css(faces: Iterable[Face], folder: str) -> str:
    """The @font-face rules of faces (their files in folder, relative to the stylesheet)
    and the font-family list that names every family, for the book's stylesheet."""
    faces = list(faces)
    rules = [f'@font-face {{ font-family: "{face.family}"; font-style: {face.style}; '
             f'font-weight: {face.weight}; src: url("{folder}/{face.name}"); }}'
             for face in faces]
    families = ", ".join(f'"{family}"' for family in dict.fromkeys(f.family for f in faces))
    rules.append(f"html, body, body * {{ font-family: {families}{', ' if families else ''}serif; }}")
    return "\n".join(rules) + "\n"
