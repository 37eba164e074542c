"""The text documents beside the pages, each in every language: LICENSE.txt (with the
licences' full texts), README.txt, CHANGELOG.txt, THIRD-PARTY-NOTICES.txt, the codebooks.

A text document is a template (templates/NAME) rendered once per language and joined, so
its words go through the catalogs; a site without the template does not get the file.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from reportsite.core.layout import THEME
from reportsite.core.outputs import Outputs
from reportsite.load.overrides import find_template
from reportsite.load.site import Site
from reportsite.outputs.plan import Plan
from reportsite.render.charts import runtime_path
from reportsite.render.citebox import style_credits
from reportsite.render.standalone import SEPARATOR, every_language, render_text, template_source
from reportsite.render.templates import shown_strings

LICENSE_TEXTS = THEME / "licenses"  # full SPDX texts, vendored (make vendor-licenses)


@dataclass(frozen=True)
class Notice:
    """Material by others that the site ships, with the notice its licence asks for."""

    path: str  # where it is in the site: "fonts/noto-serif/", "assets/vega.js"
    name: str  # what it is, with its version: "d3-array 3.2.4"
    license: str  # SPDX id: "ISC"
    text: str  # its copyright notice and licence text, as its authors wrote them


def license_text(spdx: str) -> str | None:
    """The full text of an SPDX licence, if the theme carries it."""
    path = LICENSE_TEXTS / f"{spdx}.txt"
    return path.read_text(encoding="utf-8") if path.is_file() else None


def add_documents(site: Site, envs: dict, plan: Plan, outputs: Outputs) -> None:
    """LICENSE.txt, README.txt, CHANGELOG.txt and the codebooks."""
    config = site.config
    licenses = list(site.data.licenses) if site.data else []
    spdx_ids = list(dict.fromkeys([config.license.spdx] + [x["name"] for x in licenses]))
    texts = {spdx: text for spdx in spdx_ids if (text := license_text(spdx))}
    if find_template(site.root, "license.txt"):
        with shown_strings(envs).recording("LICENSE.txt"):
            summary = every_language(site, envs, "license.txt", data_licenses=licenses,
                                     full_texts=sorted(texts))
        body = "".join(SEPARATOR + f"{spdx}\n\n{text.strip()}" for spdx, text in texts.items())
        outputs.add("LICENSE.txt", (summary + body + "\n").encode(),
                    template_source(site, "license.txt"))
    article_files: dict[str, list[str]] = {}  # the article's PDF, EPUB, JATS, per language
    for planned in (f for f in plan.files if f.kind in ("pdf", "epub", "jats")):
        article_files.setdefault(planned.lang, []).append(planned.path)
    for template, filename, wanted in (("readme.txt", "README.txt", True),
                                       ("changelog.txt", "CHANGELOG.txt",
                                        bool(config.edition.changelog))):
        if wanted and find_template(site.root, template):
            with shown_strings(envs).recording(filename):
                text = every_language(site, envs, template, article_files=article_files)
            outputs.add(filename, (text + "\n").encode(), template_source(site, template))
    if site.data is not None and find_template(site.root, "codebook.md"):
        for code in config.languages:
            with shown_strings(envs).recording(f"data/codebook.{code}.md"):
                text = render_text(site, envs, "codebook.md", code, package=site.data)
            outputs.add(f"data/codebook.{code}.md", text.encode(),
                        template_source(site, "codebook.md"))


def notices_path(version: str) -> Path:
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
    """THIRD-PARTY-NOTICES.txt for the fonts, the chart runtime and the citation styles
    the site ships."""
    notices = font_notices(outputs)
    if "assets/vega.js" in outputs.files and runtime_version:
        found = runtime_notices(runtime_version)
        if found is None:
            outputs.report.warn("assets/vega.js", None, "no third-party notices are vendored "
                                f"for vl-convert {runtime_version}; run make vendor-vega")
        notices += found or []
    if site.article_key is not None:  # the article and cite pages show the cite box
        notices += [Notice("*/article.html, */cite.html", name, licence, text)
                    for name, licence, text in style_credits()]
    if not notices or not find_template(site.root, "notices.txt"):
        return
    with shown_strings(envs).recording("THIRD-PARTY-NOTICES.txt"):
        intro = every_language(site, envs, "notices.txt", notices=notices)
    body = "".join(SEPARATOR + f"{n.path}: {n.name} ({n.license})\n\n{n.text}" for n in notices)
    outputs.add("THIRD-PARTY-NOTICES.txt", (intro + body + "\n").encode(),
                template_source(site, "notices.txt"))
