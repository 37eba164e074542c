"""The command line: python build.py [build|check] [options]."""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

from .cache import (CACHE_DIR, build_digest, forget_stamp, read_stamp, reusable_files,
                    scan_inputs, unusable, write_stamp)
from .errors import SiteError, SiteErrors

# Jinja, Markdown, Babel and the rest are imported only when there is something to build.

COMMANDS = ("build", "check", "zip", "serve")


def make_parser() -> argparse.ArgumentParser:
    """The argument parser, with help for every command and option."""
    parser = argparse.ArgumentParser(
        prog="python build.py",
        description="Build a trilingual research report site from content/, data/, charts/, "
                    "locales/, templates/, static/ and site.yaml. With no command, builds.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    build = commands.add_parser("build", help="build the site into the output folder",
                                description="Load, check and render the site, then replace the "
                                            "output folder in one step. On any error the "
                                            "previous output is left untouched.")
    check = commands.add_parser("check", help="load and render the site, write nothing",
                                description="Run every check of a build without writing files.")
    archive = commands.add_parser(
        "zip", help="build the site, then the offline archive dist/<slug>-<version>.zip",
        description="Build the site, then write a reproducible zip of it with README.txt and "
                    "SHA256SUMS.txt. Timestamps come from SOURCE_DATE_EPOCH, else the last "
                    "commit, else the publication date in site.yaml.")
    preview = commands.add_parser(
        "serve", help="preview on 127.0.0.1, rebuilding and reloading on every change",
        description="Build, serve the output folder on 127.0.0.1 and rebuild whenever "
                    "content/, data/, charts/, templates/, locales/, static/ or site.yaml "
                    "changes; the open page reloads. A failed rebuild keeps the last good "
                    "site and shows the error in the page and the terminal.")
    preview.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    for sub in (build, check, archive, preview):
        sub.add_argument("--root", type=Path, default=Path("."), metavar="DIR",
                         help="the site folder holding site.yaml (default: current folder)")
        sub.add_argument("--strict", action="store_true",
                         help="treat warnings (missing translations, untranslated UI strings, "
                              "broken links) as errors")
        sub.add_argument("--debug", action="store_true",
                         help="show Python tracebacks for errors")
        sub.add_argument("-q", "--quiet", action="store_true",
                         help="print nothing but warnings and errors")
        sub.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                         help="keep rendered pages and charts here between builds (default: "
                              ".cache/ in the site folder); safe to delete at any time")
    check.add_argument("--translations", action="store_true",
                       help="report, per page and language, missing and stale translations "
                            "and untranslated UI strings")
    for sub in (build, check, archive):
        sub.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 1, metavar="N",
                         help="render pages in N processes (default: the number of CPUs)")
    for sub in (build, archive, preview):
        sub.add_argument("--out", type=Path, default=None, metavar="DIR",
                         help="output folder (default: site/ inside the site folder)")
    archive.add_argument("--dist", type=Path, default=None, metavar="DIR",
                         help="where the zip goes (default: dist/ inside the site folder)")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the process exit code (0 ok, 1 site errors, 2 usage)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS + ("-h", "--help"):
        argv.insert(0, "build")
    args = make_parser().parse_args(argv)
    if args.command == "serve":
        from .serve import serve
        root = args.root.resolve()
        return serve(root, (args.out or root / "site").resolve(), args.port, args.strict,
                     args.cache_dir)
    started = time.perf_counter()
    root = args.root.resolve()
    out_dir = (args.out or root / "site").resolve() if args.command != "check" else None
    cache_dir = (args.cache_dir or root / CACHE_DIR).resolve()
    why = unusable(cache_dir)
    if why:
        return _fail([SiteError(str(cache_dir), None, f"cannot keep the build cache here "
                                f"({why}); choose another --cache-dir (the cache only saves "
                                "time and is safe to delete)")])
    inputs = scan_inputs(root)
    digest = build_digest(inputs, {"strict": args.strict})
    if args.command == "build":
        stamp = read_stamp(cache_dir, out_dir, digest)
        if stamp is not None:  # the output folder is exactly what these inputs make
            _print_problems([SiteError(*w) for w in stamp["warnings"]], "warning")
            if not args.quiet:
                print(f"  {'nothing changed':<26} {time.perf_counter() - started:6.2f} s")
                _print_summary(f"built {out_dir}", stamp["counts"], started)
            return 0
    from .pipeline import load_site, render_site, write_archive, write_site

    stages: list[tuple[str, float]] = []
    try:
        clock = time.perf_counter()
        site = load_site(root, strict=args.strict, cache_dir=cache_dir, inputs=inputs)
        stages.append(("load and check sources", time.perf_counter() - clock))
        outputs = render_site(site, jobs=args.jobs)
        stages += outputs.timings
        if args.command in ("build", "zip"):
            clock = time.perf_counter()
            reuse = reusable_files(cache_dir, out_dir)
            forget_stamp(cache_dir, out_dir)
            write_site(outputs, out_dir, site.root, reuse)
            stages.append(("write site/", time.perf_counter() - clock))
        if args.command == "zip":
            clock = time.perf_counter()
            zipped = write_archive(site, outputs, args.dist or site.root / "dist")
            stages.append(("write zip", time.perf_counter() - clock))
    except SiteErrors as e:
        code = _fail(e.errors)
        if args.debug:
            traceback.print_exc()
        return code
    except Exception as e:  # a bug in the generator, not in the site: say so, briefly
        if args.debug:
            raise
        print(f"internal error: {type(e).__name__}: {e} (run with --debug for the traceback)",
              file=sys.stderr)
        return 1
    _print_problems(site.report.warnings, "warning")
    counts = {"pages": len(site.pages), "languages": len(site.config.languages),
              "html": sum(1 for name in outputs.files if name.endswith(".html")),
              "charts": len({name.split("/")[-1].rsplit(".", 1)[0] for name in outputs.files
                             if "/figures/" in name}),
              "warnings": len(site.report.warnings)}
    if args.command in ("build", "zip"):
        write_stamp(cache_dir, out_dir, digest, {
            "counts": counts,
            "warnings": [[w.path, w.line, w.message] for w in site.report.warnings]},
            {path: outputs.files.content_id(path) for path in outputs.files})
    if getattr(args, "translations", False):
        print_translation_status(site)
    if not args.quiet:
        for stage, seconds in stages:
            print(f"  {stage:<26} {seconds:6.2f} s")
        done = {"build": f"built {out_dir}", "check": "checked",
                "zip": f"built {out_dir} and {zipped if args.command == 'zip' else ''}"}[args.command]
        _print_summary(done, counts, started)
    return 0


def _fail(errors: tuple[SiteError, ...] | list[SiteError]) -> int:
    """Print the errors and that nothing was written; the exit code for site errors."""
    _print_problems(errors, "error")
    print(f"{len(errors)} error(s); nothing was written", file=sys.stderr)
    return 1


def _print_summary(done: str, counts: dict, started: float) -> None:
    """The last line: what was built, how much of it, and how long it took."""
    print(f"{done}: {counts['pages']} page(s) in {counts['languages']} languages, "
          f"{counts['html']} HTML files, {counts['charts']} chart(s), "
          f"{counts['warnings']} warning(s), {time.perf_counter() - started:.2f} s")


def print_translation_status(site) -> None:
    """The translation table: every page in every language, then UI strings."""
    from .content import translation_status
    from .i18n import untranslated_messages

    languages = site.config.languages
    print(f"{'page':<14}" + "".join(f"{lang:<12}" for lang in languages) + "original fingerprint")
    for group in site.pages:
        status = translation_status(group, site.config)
        original = next(group.pages[c] for c in languages if c in group.pages)
        print(f"{group.key:<14}" + "".join(f"{status[lang]:<12}" for lang in languages)
              + original.fingerprint)
    for lang, messages in untranslated_messages(site.root, languages).items():
        listed = ": " + ", ".join(repr(m) for m in messages) if messages else ""
        print(f"UI strings {lang}: {len(messages)} untranslated{listed}")


def _print_problems(problems: tuple[SiteError, ...] | list[SiteError], kind: str) -> None:
    """Print one line per problem to stderr."""
    for problem in problems:
        print(f"{kind}: {problem}", file=sys.stderr)
