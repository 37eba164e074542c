"""The pages at the site's root, one block per language: the landing page (index.html),
which lists every file a reader downloads with its size and SHA-256, and 404.html."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from reportsite.core.layout import ROOT_PAGES
from reportsite.core.outputs import Outputs
from reportsite.load.site import Site
from reportsite.outputs.plan import CHECKSUMS
from reportsite.render.standalone import render_multilingual, template_source
from reportsite.render.templates import shown_strings


@dataclass(frozen=True)
class FileEntry:
    """A file of this edition as the landing page lists it."""

    path: str  # relative to the site root: "data/key_figures.csv"
    size: int  # in bytes
    sha256: str  # hex digest of its bytes


def add_root_pages(site: Site, envs: dict, outputs: Outputs) -> None:
    """index.html and 404.html, listing the files made so far."""
    files = file_list(outputs)
    for name, filename in ROOT_PAGES.items():
        with shown_strings(envs).recording(filename):
            html = render_multilingual(site, envs, name, filename, files)
        outputs.add(filename, html.encode("utf-8"), template_source(site, f"{name}.html"))


def file_list(outputs: Outputs) -> tuple[FileEntry, ...]:
    """The edition's files a reader downloads (every file at the root but the pages, and
    data/), with their sizes and SHA-256, sorted."""
    entries = []
    for path in sorted(outputs.files):
        if path.endswith(".html") or path == CHECKSUMS or ("/" in path and not path.startswith("data/")):
            continue
        data = outputs.files[path]
        entries.append(FileEntry(path, len(data), hashlib.sha256(data).hexdigest()))
    return tuple(entries)
