"""The documents beside the pages: the citation files, and text files in every language —
LICENSE.txt (with the licences' full texts), README.txt, CHANGELOG.txt,
THIRD-PARTY-NOTICES.txt, the codebooks — then the list of files with their sizes and
SHA-256 (the landing page shows it) and SHA256SUMS.txt.

A text document is a template (templates/NAME) rendered once per language and joined, so
its words go through the catalogs; a site without the template does not get the file.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from .archive import checksums
from .charts import runtime_path
from .citations import citation_bib, citation_cff, citation_ris
from .jats import jats_jobs
from .pages import template_context
from .render import Chrome, render_template, strip_fallbacks
from .site import Site
from .theme import THEME, find_template, shown_path
from .writing import Outputs

LICENSE_TEXTS = THEME / "licenses"  # full SPDX texts, vendored (make vendor-licenses)
SEPARATOR = "\n\n" + "=" * 72 + "\n\n"
CHECKSUMS = "SHA256SUMS.txt"


@dataclass(frozen=True)
class FileEntry:
    """A file of this edition as the landing page lists it."""

    path: str  # relative to the site root: "data/key_figures.csv"
    size: int  # in bytes
    sha256: str  # hex digest of its bytes


@dataclass(frozen=True)
class Notice:
    """Material by others that the site ships, with the notice its licence asks for."""

    path: str  # where it is in the site: "fonts/noto-serif/", "assets/vega.js"
    name: str  # what it is, with its version: "d3-array 3.2.4"
    license: str  # SPDX id: "ISC"
    text: str  # its copyright notice and licence text, as its authors wrote them


def template_source(site: Site, name: str) -> str:
    """The file that provides a template, as messages name it."""
    path = find_template(site.root, name)
    return shown_path(path, site.root) if path else f"templates/{name}"


def render_text(site: Site, envs: dict, template: str, lang: str, **context) -> str:
    """A text template in one language (UI strings missing there shown in English)."""
    chrome = Chrome(lang, "", template, (), (), "index.html")
    text = render_template(envs[lang], template, template_context(site, chrome) | context,
                           site.root, template_source(site, template))
    return strip_fallbacks(text)


def every_language(site: Site, envs: dict, template: str, **context) -> str:
    """A text template rendered in every language, joined by a rule."""
    return SEPARATOR.join(render_text(site, envs, template, code, **context).strip()
                          for code in site.config.languages)


def license_text(spdx: str) -> str | None:
    """The full text of an SPDX licence, if the theme carries it."""
    path = LICENSE_TEXTS / f"{spdx}.txt"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def add_documents(site: Site, envs: dict, outputs: Outputs) -> None:
    """Citation files, LICENSE.txt, README.txt, CHANGELOG.txt and the codebooks."""
    config = site.config
    lang = "en" if "en" in config.languages else config.original  # citation managers' lingua franca
    for name, make in (("CITATION.cff", citation_cff), ("citation.bib", citation_bib),
                       ("citation.ris", citation_ris)):
        outputs.add(name, make(site, lang), "site.yaml")
    licenses = list(site.data.licenses) if site.data else []
    spdx_ids = list(dict.fromkeys([config.license.spdx] + [x["name"] for x in licenses]))
    texts = {spdx: text for spdx in spdx_ids if (text := license_text(spdx))}
    if find_template(site.root, "license.txt"):
        summary = every_language(site, envs, "license.txt", data_licenses=licenses,
                                 full_texts=sorted(texts))
        body = "".join(SEPARATOR + f"{spdx}\n\n{text.strip()}" for spdx, text in texts.items())
        outputs.add("LICENSE.txt", (summary + body + "\n").encode(),
                    template_source(site, "license.txt"))
    article_files: dict[str, list[str]] = {}  # the article's PDF and JATS, per language
    for job, jats in jats_jobs(site):
        article_files.setdefault(job.lang, []).extend([job.path, jats])
    for template, filename, wanted in (("readme.txt", "README.txt", True),
                                       ("changelog.txt", "CHANGELOG.txt",
                                        bool(config.edition.changelog))):
        if wanted and find_template(site.root, template):
            text = every_language(site, envs, template, article_files=article_files)
            outputs.add(filename, (text + "\n").encode(), template_source(site, template))
    if site.data is not None and find_template(site.root, "codebook.md"):
        for code in config.languages:
            text = render_text(site, envs, "codebook.md", code, package=site.data)
            outputs.add(f"data/codebook.{code}.md", text.encode(),
                        template_source(site, "codebook.md"))


def notices_path(version: str):
    """The vendored notices of the vega runtime of a vl-convert version (make vendor-vega)."""
    runtime = runtime_path(version)
    return runtime.with_name(runtime.name.removesuffix(".js.gz") + ".notices.json")


def font_notices(outputs: Outputs) -> list[Notice]:
    """The licence of each font family the site ships (fonts/<family>/ with its OFL.txt
    or LICENSE file)."""
    notices = []
    families = sorted({path.rsplit("/", 1)[0] for path in outputs.files
                       if path.startswith("fonts/") and path.endswith((".woff2", ".woff", ".ttf"))})
    for folder in families:
        for name in ("OFL.txt", "LICENSE.txt", "LICENSE"):
            if f"{folder}/{name}" in outputs.files:
                text = outputs.files[f"{folder}/{name}"].decode("utf-8")
                family = folder.rsplit("/", 1)[1].replace("-", " ").title()
                licence = "OFL-1.1" if "Open Font License" in text else "see the text"
                notices.append(Notice(f"{folder}/", family, licence, text.strip()))
                break
    return notices


def runtime_notices(version: str) -> list[Notice] | None:
    """The notices of every package in the vega runtime (None: none vendored)."""
    path = notices_path(version)
    if not path.is_file():
        return None
    return [Notice("assets/vega.js", f"{entry['name']} {entry['version']}", entry["license"],
                   entry["notice"].strip())
            for entry in json.loads(path.read_text(encoding="utf-8"))]


def add_notices(site: Site, envs: dict, outputs: Outputs, runtime_version: str | None) -> None:
    """THIRD-PARTY-NOTICES.txt for the fonts and the chart runtime the site ships."""
    notices = font_notices(outputs)
    if "assets/vega.js" in outputs.files and runtime_version:
        found = runtime_notices(runtime_version)
        if found is None:
            outputs.report.warn("assets/vega.js", None, "no third-party notices are vendored "
                                f"for vl-convert {runtime_version}; run make vendor-vega")
        notices += found or []
    if not notices or not find_template(site.root, "notices.txt"):
        return
    intro = every_language(site, envs, "notices.txt", notices=notices)
    body = "".join(SEPARATOR + f"{n.path}: {n.name} ({n.license})\n\n{n.text}" for n in notices)
    outputs.add("THIRD-PARTY-NOTICES.txt", (intro + body + "\n").encode(),
                template_source(site, "notices.txt"))


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


def add_checksums(outputs: Outputs) -> None:
    """SHA256SUMS.txt: every file of the offline copy but itself, as `sha256sum -c` reads
    it (the same file in site/ and in the zip)."""
    files = outputs.files.without(outputs.server_only)
    outputs.add(CHECKSUMS, checksums(files), "the files of the site")
