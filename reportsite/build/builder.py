"""One build, as every command runs it: the no-change check, the three stages, the zip,
and the stamp that lets the next build with nothing changed do nothing.

This module is imported before anything heavy: when nothing changed, a build never
imports Jinja, Markdown, Babel or Altair.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportsite.build.stamp import (build_digest, forget_stamp, read_stamp, reusable_files,
                                    write_stamp)
from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.inputs import scan_inputs


@dataclass
class BuildResult:
    """What a build did: its warnings, counts and stage times."""

    warnings: list[SiteError]  # printed after the build (replayed when nothing changed)
    counts: dict[str, int]  # pages, languages, html, charts, warnings, search (index bytes)
    stages: list[tuple[str, float]] = field(default_factory=list)  # (stage, seconds)
    unchanged: bool = False  # nothing changed since the last build into out_dir
    site: Any = None  # the loaded Site (None when nothing changed)
    archive: Path | None = None  # the zip, when one was asked for
    # Per language, the UI strings shown in English for want of a translation.
    untranslated: dict[str, list[str]] = field(default_factory=dict)


def build(root: Path, out_dir: Path | None, cache_dir: Path, strict: bool = False,
          jobs: int = 1, dist: Path | None = None) -> BuildResult:
    """Build the site folder root into out_dir (None: check only, write nothing), and
    with dist the zip into dist. Raises SiteErrors when the site has errors; out_dir is
    then left as it was."""
    inputs = scan_inputs(root)
    digest = build_digest(inputs, {"strict": strict})
    if out_dir is not None and dist is None and not inputs.outside:
        stamp = read_stamp(cache_dir, out_dir, digest)
        if stamp is not None:  # the output folder is exactly what these inputs make
            return BuildResult([SiteError(*w) for w in stamp["warnings"]], stamp["counts"],
                               unchanged=True)
    from reportsite.load.site import load_site
    from reportsite.build.archive import write_archive
    from reportsite.build.writing import write_site
    from reportsite.load.catalogs import shown_missing

    clock = time.perf_counter()
    site = load_site(root, strict=strict, cache_dir=cache_dir, inputs=inputs)
    stages = [("load and check sources", time.perf_counter() - clock)]
    outputs = _render_then_translations(site, jobs)
    stages += outputs.timings
    warnings = list(site.warnings) + outputs.warnings + list(site.translation_warnings)
    result = BuildResult(warnings, _counts(site, outputs.files, warnings), stages, site=site,
                         untranslated=shown_missing(site.catalogs, outputs.strings_shown))
    if out_dir is None:
        return result
    clock = time.perf_counter()
    reuse = reusable_files(cache_dir, out_dir)
    forget_stamp(cache_dir, out_dir)
    write_site(outputs, out_dir, site.root, reuse)
    stages.append((f"write {out_dir.name}/", time.perf_counter() - clock))
    if dist is not None:
        clock = time.perf_counter()
        result.archive = write_archive(site.config, outputs, dist)
        stages.append(("write zip", time.perf_counter() - clock))
    write_stamp(cache_dir, out_dir, digest, {
        "counts": result.counts,
        "warnings": [[w.path, w.line, w.message] for w in warnings]},
        {path: outputs.files.content_id(path) for path in outputs.files})
    return result


def _render_then_translations(site, jobs: int):
    """render_site, with the stale and untracked translations reported after every other
    problem: with --strict they are errors, but they never hide a real one (a typo in the
    original under a stale translation is reported in the same run)."""
    from reportsite.build.pipeline import render_site
    later = list(site.translation_warnings) if site.strict else []
    try:
        outputs = render_site(site, jobs=jobs)
    except SiteErrors as e:
        raise SiteErrors(list(e.errors) + later) from e
    if later:
        raise SiteErrors(later)
    return outputs


def _counts(site, files, warnings: list[SiteError]) -> dict[str, int]:
    """The numbers of the build summary."""
    return {"pages": len(site.pages), "languages": len(site.config.languages),
            "html": sum(1 for name in files if name.endswith(".html")),
            "charts": len({name.split("/")[-1].rsplit(".", 1)[0] for name in files
                           if "/figures/" in name}),
            "warnings": len(warnings),
            "search": sum(len(files[name]) for name in files
                          if name.startswith("assets/search/"))}
