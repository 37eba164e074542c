"""The files of the offline package, as the records that describe it see them: every path
the zip will hold (those made after the records included) and each file's media type.

DataCite's record (datacite.py) and the RO-Crate (crate.py) are made before the landing
page and SHA256SUMS.txt, which list them; they name those later files too, so both
describe the whole package.
"""

from __future__ import annotations

import posixpath

from .writing import Outputs

# Media types by file extension: IANA's registered types where there is one.
MEDIA_TYPES = {
    ".html": "text/html", ".css": "text/css", ".js": "text/javascript",
    ".json": "application/json", ".csv": "text/csv", ".txt": "text/plain",
    ".md": "text/markdown", ".pdf": "application/pdf", ".svg": "image/svg+xml",
    ".png": "image/png", ".xml": "application/xml", ".woff2": "font/woff2",
    ".woff": "font/woff", ".ttf": "font/ttf", ".ico": "image/vnd.microsoft.icon",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".webp": "image/webp",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".bib": "application/x-bibtex", ".ris": "application/x-research-info-systems",
    ".cff": "application/yaml",  # CFF is YAML (RFC 9512)
}
# Files whose name says more than their extension.
NAMED_TYPES = {
    "datacite.xml": "application/vnd.datacite.datacite+xml",  # DataCite's registered type
    "ro-crate-metadata.json": "application/ld+json",
}
JATS_TYPE = "application/jats+xml"  # IANA-registered for JATS documents


def media_type(path: str, jats: frozenset[str] = frozenset()) -> str:
    """The media type of a file of the package by its name (JATS files: those in jats)."""
    name = posixpath.basename(path)
    if path in jats:
        return JATS_TYPE
    if name in NAMED_TYPES:
        return NAMED_TYPES[name]
    extension = posixpath.splitext(name)[1].lower()
    return MEDIA_TYPES.get(extension, "application/octet-stream")


def package_paths(outputs: Outputs, later: tuple[str, ...]) -> list[str]:
    """Every path the offline package will hold, sorted: the files made so far but those
    only a web server needs, and the files still to come (later)."""
    made = [path for path in outputs.files if path not in outputs.server_only]
    return sorted(set(made) | {path for path in later if path not in outputs.server_only})
