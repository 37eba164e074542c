"""One build, as every command runs it: the no-change check, the three stages, the zip,
and the stamp that lets the next build with nothing changed do nothing.

This module is imported before anything heavy: when nothing changed, a build never
imports Jinja, Markdown, Babel or Altair.
"""

from __future__ import annotations

import sys
import time
from contextlib import nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reportsite.build.stamp import (build_digest, forget_stamp, read_stamp, reusable_files,
                                    write_stamp)
from reportsite.core.entries import claim
from reportsite.core.errors import SiteError, SiteErrors, os_error
from reportsite.core.inputs import scan_inputs

DEFAULT_CHART_TIMEOUT = 300.0  # seconds a chart module may run (--chart-timeout)


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
    # The pages were made with the previous site's PDFs, JATS files and EPUBs (pages_first):
    # a complete site, but not what `build` makes, so no stamp records it.
    partial: bool = False


def build(root: Path, out_dir: Path | None, cache_dir: Path, strict: bool = False,
          jobs: int = 1, dist: Path | None = None,
          chart_timeout: float = DEFAULT_CHART_TIMEOUT, pages_first: bool = False
          ) -> BuildResult:
    """Build the site folder root into out_dir (None: check only, write nothing), and
    with dist the zip into dist. Raises SiteErrors when the site has errors, or when a
    file cannot be written (saying what was and was not); out_dir is then left as it was.
    pages_first (the preview's first pass after a save): the PDFs, JATS files and EPUBs
    of the site in out_dir are kept as they are when it has them all (result.partial)."""
    inputs = scan_inputs(root)
    digest = build_digest(inputs, {"strict": strict})
    note = claim(cache_dir)  # a cache made by someone else: ignored, and said once
    if note:
        print(f"note: {note}", file=sys.stderr, flush=True)
    if out_dir is not None and dist is None and not inputs.outside:
        stamp = read_stamp(cache_dir, out_dir, digest)
        if stamp is not None:  # the output folder is exactly what these inputs make
            return BuildResult([SiteError(*w) for w in stamp["warnings"]], stamp["counts"],
                               unchanged=True)
    from reportsite.load.site import load_site
    from reportsite.build.writing import check_output
    from reportsite.load.catalogs import shown_missing
    from reportsite.build.pipeline import CARRIED

    if out_dir is not None:  # before any work: a folder it may not replace is said at once
        check_output(out_dir.resolve(), root.resolve())
    clock = time.perf_counter()
    site = load_site(root, strict=strict, cache_dir=cache_dir, inputs=inputs)
    stages = [("load and check sources", time.perf_counter() - clock)]
    previous = out_dir.resolve() if pages_first and out_dir is not None and dist is None else None
    outputs = _render_then_translations(site, jobs, chart_timeout, previous)
    stages += outputs.timings
    warnings = list(site.warnings) + outputs.warnings + list(site.translation_warnings)
    result = BuildResult(warnings, _counts(site, outputs.files, warnings), stages, site=site,
                         untranslated=shown_missing(site.catalogs, outputs.strings_shown),
                         partial=previous is not None and CARRIED in outputs.sources.values())
    if out_dir is not None:
        result.archive = _write(site, outputs, out_dir, cache_dir, dist, stages)
        if not result.partial:  # a later build must never take a partial site for its own
            _record(cache_dir, out_dir, digest, result, outputs)
    return result


def _render_then_translations(site, jobs: int, chart_timeout: float, previous: Path | None):
    """render_site, with the stale and untracked translations reported after every other
    problem: with --strict they are errors, but they never hide a real one (a typo in the
    original under a stale translation is reported in the same run)."""
    from reportsite.build.pipeline import render_site
    later = list(site.translation_warnings) if site.strict else []
    try:
        outputs = render_site(site, jobs=jobs, chart_timeout=chart_timeout, previous=previous)
    except SiteErrors as e:
        raise SiteErrors(list(e.errors) + later) from e
    if later:
        raise SiteErrors(later)
    return outputs


def _write(site, outputs, out_dir: Path, cache_dir: Path, dist: Path | None,
           stages: list[tuple[str, float]]) -> Path | None:
    """Write the zip (under a temporary name), swap the site in, then rename the zip into
    place, under the output folder's lock: a failure before the swap changes neither.
    Returns the zip. An OS error (a full disk) becomes SiteErrors saying what was written."""
    from reportsite.build.archive import pending_archive
    from reportsite.build.writing import output_lock, write_site

    out_dir, swapped, target = out_dir.resolve(), False, None
    try:
        with output_lock(out_dir):
            reuse = reusable_files(cache_dir, out_dir)
            forget_stamp(cache_dir, out_dir)
            clock = time.perf_counter()
            with (pending_archive(site.config, outputs, dist) if dist is not None
                  else nullcontext()) as target:
                if target is not None:
                    clock = _lap(stages, "write zip", clock)
                write_site(outputs, out_dir, site.root, reuse, locked=True)
                swapped = True
                _lap(stages, f"write {out_dir.name}/", clock)
    except OSError as e:
        zip_part = f"; {dist.resolve()} got no zip" if dist is not None else ""
        outcome = (f"the new site is in {out_dir}{zip_part}" if swapped
                   else f"nothing was written: {out_dir} is as it was{zip_part}")
        raise SiteErrors([os_error(e, out_dir)], outcome=outcome) from e
    return target


def _lap(stages: list[tuple[str, float]], stage: str, started: float) -> float:
    """Record a stage's time since started; return now."""
    now = time.perf_counter()
    stages.append((stage, now - started))
    return now


def _record(cache_dir: Path, out_dir: Path, digest: str, result: BuildResult, outputs) -> None:
    """The stamp of a successful build (a failure to keep it costs the next build time)."""
    try:
        write_stamp(cache_dir, out_dir, digest, {
            "counts": result.counts,
            "warnings": [[w.path, w.line, w.message] for w in result.warnings]},
            {path: outputs.files.content_id(path) for path in outputs.files})
    except OSError as e:
        print(f"note: the build is done, but the cache could not record it "
              f"({e.strerror}): the next build does it all again", file=sys.stderr)


def _counts(site, files, warnings: list[SiteError]) -> dict[str, int]:
    """The numbers of the build summary."""
    return {"pages": len(site.pages), "languages": len(site.config.languages),
            "html": sum(1 for name in files if name.endswith(".html")),
            "charts": len({name.split("/")[-1].rsplit(".", 1)[0] for name in files
                           if "/figures/" in name}),
            "warnings": len(warnings),
            "search": sum(len(files[name]) for name in files
                          if name.startswith("assets/search/"))}
