"""The command line: python build.py COMMAND [options], or `reportsite COMMAND` when installed."""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
from pathlib import Path

from reportsite import __version__, command_name
from reportsite.build.builder import DEFAULT_CHART_TIMEOUT, build
from reportsite.core.cache import unusable
from reportsite.core.errors import SiteError, SiteErrors, os_error
from reportsite.core.layout import CACHE_DIR, LOCALES_DIR
from reportsite.core.paths import inside

# Jinja, Markdown, Babel and the rest are imported only when there is something to build.

COMMANDS = ("build", "check", "zip", "serve", "new", "add", "messages", "translations",
            "clean")


def make_parser() -> argparse.ArgumentParser:
    """The argument parser, with help for every command and option."""
    parser = argparse.ArgumentParser(
        prog=command_name(),
        description="Build a multilingual research report site from site.yaml, content/, "
                    "data/, charts/ and the built-in theme (which the site's templates/, "
                    "static/ and locales/ override). With no command, builds.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_build_commands(commands)
    _add_authoring_commands(commands)
    _add_site_commands(commands)
    _add_translations_command(commands)
    return parser


def _add_build_commands(commands) -> None:
    """build, check, zip and serve, with the options they share."""
    build = commands.add_parser("build", help="build the site into the output folder",
                                description="Load, check and render the site, then replace the "
                                            "output folder in one step. On any error the "
                                            "previous output is left untouched.")
    check = commands.add_parser("check", help="load and render the site, write nothing",
                                description="Run every check of a build without writing files.")
    archive = commands.add_parser(
        "zip", help="build the site, then the offline archive dist/<slug>-<version>.zip",
        description="Build the site, then write a reproducible zip of it (every file but "
                    "404.html, which only a web server uses). Every entry carries one "
                    "timestamp: SOURCE_DATE_EPOCH when it is set, else midnight UTC of "
                    "edition.date in site.yaml; nothing is read from version control, so "
                    "the same inputs give the same bytes.")
    preview = commands.add_parser(
        "serve", help="preview on 127.0.0.1, rebuilding and reloading on every change",
        description="Build, serve the output folder on 127.0.0.1 and rebuild whenever "
                    "content/, data/, charts/, templates/, locales/, static/ or site.yaml "
                    "changes; the open page reloads. Each rebuild's warnings are printed, as "
                    "build prints them; a failed rebuild keeps the last good site and shows "
                    "the error in the page and the terminal.")
    preview.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    for sub in (build, check, archive, preview):
        _add_site_options(sub)
        _add_safety_options(sub, preview=sub is preview)
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


def _add_site_options(sub: argparse.ArgumentParser) -> None:
    """--root, --strict, --debug, -q and --cache-dir."""
    sub.add_argument("--root", type=Path, default=Path("."), metavar="DIR",
                     help="the site folder holding site.yaml (default: current folder)")
    sub.add_argument("--strict", action="store_true",
                     help="treat warnings (missing or stale translations, untranslated UI "
                          "strings, placeholders left by new, broken links) as errors")
    sub.add_argument("--debug", action="store_true", help="show Python tracebacks for errors")
    sub.add_argument("-q", "--quiet", action="store_true",
                     help="print nothing but warnings and errors")
    sub.add_argument("--cache-dir", type=Path, default=None, metavar="DIR",
                     help="keep rendered pages and charts here between builds (default: "
                          ".cache/ in the site folder); safe to delete at any time")


def _add_safety_options(sub: argparse.ArgumentParser, preview: bool) -> None:
    """--chart-timeout, and serve's --bind."""
    sub.add_argument("--chart-timeout", type=_seconds, default=DEFAULT_CHART_TIMEOUT,
                     metavar="SECONDS",
                     help="stop a chart module when loading it or drawing one language "
                          f"takes longer than this (default: {DEFAULT_CHART_TIMEOUT:.0f}; "
                          "0: never)")
    if preview:
        sub.add_argument("--bind", default="127.0.0.1", metavar="ADDRESS",
                         help="the address to serve on (default: 127.0.0.1, this computer "
                              "only; 0.0.0.0 shows the preview to the whole network)")


def _seconds(text: str) -> float:
    """A --chart-timeout value: seconds, 0 for none."""
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value >= 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds (0: no limit)")
    return value


def _add_authoring_commands(commands) -> None:
    """new and messages."""
    new = commands.add_parser(
        "new", help="start a new report: a small site in your languages",
        description="Write a new site folder: site.yaml with every key (optional ones "
                    "commented), an overview page per language, a sample dataset with a chart "
                    "and a value in the text, locales/<lang>.po for each language but English, "
                    "and a .gitignore. DIR must not exist or be empty ('new .' fills the "
                    "current folder). In a language the theme speaks the site builds with "
                    "--strict at once; in another, its text is English marked [TRANSLATE] "
                    "and its locales/<lang>.po lists the UI strings to translate, which "
                    "--strict asks for.")
    new.add_argument("dir", type=Path, metavar="DIR", help="the folder to create ('.': this one)")
    new.add_argument("--languages", default="kk,ru,en", metavar="LIST",
                     help="BCP 47 language tags, the original first, e.g. kk,ru,en or "
                          "uz-Latn,ky (default: kk,ru,en)")
    new.add_argument("--title", default=None, metavar="TEXT",
                     help="the report's title in the original language (the others' is "
                          "marked to be translated)")
    messages = commands.add_parser(
        "messages", help="create or update the site's UI-string catalogs (locales/<lang>.po)",
        description="Extract the UI strings of the site's own templates and chart modules "
                    "(and, for a language the theme has no catalog for, the theme's strings "
                    "the site shows) into locales/<lang>.po, keeping existing translations, "
                    "then list what is left to translate.")
    messages.add_argument("--root", type=Path, default=Path("."), metavar="DIR",
                          help="the site folder holding site.yaml (default: current folder)")
    messages.add_argument("--lang", default=None, metavar="CODE",
                          help="only this language (default: every language of the site)")
    # For the theme's maintainers (make theme-messages): not a user's option.
    messages.add_argument("--theme", action="store_true", help=argparse.SUPPRESS)


def _add_site_commands(commands) -> None:
    """add page and clean."""
    add = commands.add_parser(
        "add", help="add a page in every language of the site",
        description="add page NAME writes content/<lang>/NAME.md for every language, the "
                    "original first; each translation is recorded as made from it "
                    "(translations/<lang>/NAME.yaml), so it is reported once the original "
                    "changes.")
    add.add_argument("what", choices=["page"], help="what to add (page)")
    add.add_argument("name", metavar="NAME", help="the page's file name, e.g. methods")
    add.add_argument("--root", type=Path, default=Path("."), metavar="DIR",
                     help="the site folder holding site.yaml (default: current folder)")
    add.add_argument("--title", default=None, metavar="TEXT",
                     help="the page title in the original language")
    clean = commands.add_parser(
        "clean", help="remove what builds made: site/, dist/ and the cache",
        description="Remove site/, dist/ and .cache/ from the site folder (what build, zip "
                    "and serve write there by default; an --out, --dist or --cache-dir "
                    "elsewhere is left alone). Nothing else is touched.")
    clean.add_argument("--root", type=Path, default=Path("."), metavar="DIR",
                       help="the site folder holding site.yaml (default: current folder)")


def _add_translations_command(commands) -> None:
    """translations: status, --accept, export and import."""
    root_help = "the site folder holding site.yaml (default: current folder)"
    tool = commands.add_parser(
        "translations", help="where each translation stands against the original, segment "
                             "by segment; accept an update; export and import for CAT tools",
        description="Show every page in every language as original, current, stale, "
                    "untracked or missing, and for a stale translation the segments "
                    "(paragraphs, headings, captions) of the original that changed since it "
                    "was accepted, with a word diff. --accept records that a translation is "
                    "up to date with the original as it is now.")
    tool.add_argument("--root", type=Path, default=Path("."), metavar="DIR", help=root_help)
    tool.add_argument("--accept", nargs=2, action="append", metavar=("PAGE", "LANG"),
                      help="record that PAGE in LANG is up to date with the original "
                           "(may be given several times)")
    tool.add_argument("--all", action="store_true",
                      help="record every translation of the site as up to date with the "
                           "original (after checking each by hand, or to start tracking)")
    actions = tool.add_subparsers(dest="action", metavar="ACTION")
    export = actions.add_parser(
        "export", help="write a page's segments for a translation tool (XLIFF 2.0 or PO)",
        description="Write PAGE's segments (front matter, headings, paragraphs, list items, "
                    "captions, and its charts' UI strings) with the original's text, the "
                    "translation into LANG and each one's state (translated, or needing "
                    "review where the original changed). Shortcodes and Markdown marks are "
                    "protected inline codes.")
    export.add_argument("page", metavar="PAGE", help="the page's name (its file name)")
    export.add_argument("--lang", required=True, metavar="LANG", help="the translation's language")
    export.add_argument("--format", required=True, choices=("xliff", "po"),
                        help="XLIFF 2.0 (OmegaT, Trados, memoQ) or gettext PO (Weblate, Poedit)")
    export.add_argument("-o", "--output", required=True, type=Path, metavar="FILE",
                        help="the file to write")
    export.add_argument("--root", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                        help=root_help)
    imported = actions.add_parser(
        "import", help="write a translated XLIFF or PO file back into content/<lang>/",
        description="Write each segment's translation from FILE into the page, keeping its "
                    "shortcodes and Markdown structure. A segment whose shortcodes or numbers "
                    "differ from the original's is refused, with its line in FILE; nothing "
                    "is written then. Segments the tool marks as translated, where the "
                    "original had changed, are recorded as accepted.")
    imported.add_argument("file", type=Path, metavar="FILE", help="an exported .xlf or .po file")
    imported.add_argument("--root", type=Path, default=argparse.SUPPRESS, metavar="DIR",
                          help=root_help)


def main(argv: list[str] | None = None) -> int:
    """Run a command; return the process exit code (0 ok, 1 site errors, 2 usage)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0] not in COMMANDS + ("-h", "--help", "--version"):
        argv.insert(0, "build")
    args = make_parser().parse_args(argv)
    if args.command in ("new", "add", "clean", "messages", "translations"):
        return {"new": _new, "add": _add, "clean": _clean, "messages": _messages,
                "translations": _translations}[args.command](args)
    root = args.root.resolve()
    problems = _defaults_leading_out(root, args)
    if problems:
        return _fail(problems)
    out_dir = (args.out or root / "site").resolve() if args.command != "check" else None
    cache_dir = (args.cache_dir or root / CACHE_DIR).resolve()
    why = unusable(cache_dir)
    if why:
        return _fail([SiteError(str(cache_dir), None, f"cannot keep the build cache here "
                                f"({why}); choose another --cache-dir (the cache only saves "
                                "time and is safe to delete)")])
    if args.command == "serve":
        from reportsite.commands.serve import serve
        return serve(root, out_dir, args.port, args.strict, cache_dir, args.bind,
                     args.chart_timeout)
    started = time.perf_counter()
    dist = (args.dist or root / "dist") if args.command == "zip" else None
    try:
        result = build(root, out_dir, cache_dir, args.strict, args.jobs, dist,
                       args.chart_timeout)
    except SiteErrors as e:
        code = _fail(e.errors, e.outcome)
        if args.debug:
            traceback.print_exc()
        return code
    except OSError as e:  # a file the system would not read or write: say which, and why
        if args.debug:
            traceback.print_exc()
        return _fail([os_error(e, root)])
    except Exception as e:  # a bug in the generator, not in the site: say so, briefly
        if args.debug:
            raise
        print(f"internal error: {type(e).__name__}: {e} (run with --debug for the traceback)",
              file=sys.stderr)
        return 1
    _print_problems(result.warnings, "warning")
    if getattr(args, "translations", False):
        print_translation_status(result.site, result.untranslated)
    if not args.quiet:
        stages = [("nothing changed", time.perf_counter() - started)] if result.unchanged \
            else result.stages
        for stage, seconds in stages:
            print(f"  {stage:<26} {seconds:6.2f} s")
        done = {"build": f"built {out_dir}", "check": "checked",
                "zip": f"built {out_dir} and {result.archive}"}[args.command]
        _print_summary(done, result.counts, started)
    return 0


def _new(args: argparse.Namespace) -> int:
    """python build.py new DIR: write a small site; say what is left to write in it."""
    from reportsite.commands.new import parse_languages, write_new_site
    from reportsite.load.placeholders import placeholder_files

    try:
        languages = parse_languages(args.languages)
        written, left = write_new_site(args.dir.resolve(), languages, args.title)
    except SiteErrors as e:
        return _fail(e.errors)
    except OSError as e:  # a full disk, a read-only folder: say where, and what is left
        folder = args.dir.resolve()
        partly = folder.is_dir() and any(folder.iterdir())  # new writes only into an empty one
        return _fail([os_error(e, folder, "choose another folder (on another disk)")],
                     f"{args.dir} is partly written: remove it, then run "
                     "new again" if partly else "nothing was written")
    folder = args.dir
    print(f"wrote a new site with {len(written)} files in {folder}")
    todo = [f"  {count} UI strings to translate in {LOCALES_DIR}/{lang}.po"
            for lang, count in left.items() if count]
    marked = placeholder_files(args.dir.resolve(), languages)
    if marked:
        todo.append(f"  text to write where it is marked [TRANSLATE]: {', '.join(marked)}")
    if todo:
        print("\n".join(todo))
    root = "" if folder.resolve() == Path.cwd().resolve() else f" --root {folder}"
    print("build it with (--strict refuses what is listed above until it is done):" if todo
          else "build it with:")
    print(f"  {command_name()} build{root} --strict")
    return 0


def _add(args: argparse.Namespace) -> int:
    """python build.py add page NAME: the page in every language, the original first."""
    from reportsite.commands.add import add_page

    root = args.root.resolve()
    try:
        written = add_page(root, args.name, args.title)
    except SiteErrors as e:
        return _fail(e.errors)
    for path in written:
        print(f"wrote {path.relative_to(root).as_posix()}")
    return 0


def _clean(args: argparse.Namespace) -> int:
    """python build.py clean: remove site/, dist/ and .cache/ from the site folder."""
    from reportsite.commands.clean import clean_site

    try:
        removed = clean_site(args.root.resolve())
    except SiteErrors as e:
        return _fail(e.errors)
    print(f"removed {', '.join(removed)}" if removed else "nothing to remove")
    return 0


def _messages(args: argparse.Namespace) -> int:
    """python build.py messages: create or update the site's gettext catalogs."""
    from reportsite.load.config import read_config
    from reportsite.core.errors import Report
    from reportsite.commands.messages import update_site_catalogs, update_theme_catalogs

    if args.theme:
        print("\n".join(update_theme_catalogs()))
        return 0
    root = args.root.resolve()
    try:
        languages, _ = read_config(root, Report())
    except SiteErrors as e:
        return _fail(e.errors)
    if args.lang and args.lang not in languages:
        return _fail([SiteError("site.yaml", None, f"'{args.lang}' is not one of the site's "
                                f"languages ({', '.join(languages)}); add it to languages first")])
    try:
        lines = update_site_catalogs(root, (args.lang,) if args.lang else languages)
    except SiteErrors as e:
        return _fail(e.errors, e.outcome)
    print("\n".join(lines))
    return 0


def _translations(args: argparse.Namespace) -> int:
    """python build.py translations: status, accept, export, import."""
    from reportsite.commands import translations

    root = args.root.resolve()
    try:
        if args.action == "export":
            from reportsite.commands.exchange import export_page
            count = export_page(root, args.page, args.lang, args.format, args.output)
            print(f"wrote {count} segment(s) of {args.page} ({args.lang}) to {args.output}")
        elif args.action == "import":
            from reportsite.commands.exchange import import_file
            print("\n".join(import_file(root, args.file)))
        elif args.accept or args.all:
            written = translations.accept(root, None if args.all else
                                          [tuple(pair) for pair in args.accept or []])
            print("\n".join(f"accepted: {path.relative_to(root).as_posix()}"
                            for path in written) or "nothing to accept")
        else:
            print("\n".join(translations.status_lines(translations.read_pages(root))))
    except SiteErrors as e:
        return _fail(e.errors)
    return 0


def _defaults_leading_out(root: Path, args: argparse.Namespace) -> list[SiteError]:
    """The folders a build writes by default (site/, .cache/, dist/) are in the site folder;
    one that is a symlink leading out of it would have the build write, and prune, there."""
    defaults = [(args.cache_dir, CACHE_DIR, "--cache-dir")]
    if args.command != "check":
        defaults.append((args.out, "site", "--out"))
    if args.command == "zip":
        defaults.append((args.dist, "dist", "--dist"))
    problems: list[SiteError] = []
    for given, name, option in defaults:
        if given is None:
            inside(root / name, root, problems, f"remove the link, or name the folder with {option}")
    return problems


def _fail(errors: tuple[SiteError, ...] | list[SiteError],
          outcome: str = "nothing was written") -> int:
    """Print the errors and what was written (by default nothing); the exit code for site
    errors."""
    _print_problems(errors, "error")
    print(f"{len(errors)} error(s); {outcome}", file=sys.stderr)
    return 1


def _print_summary(done: str, counts: dict, started: float) -> None:
    """The last line: what was built, how much of it, and how long it took."""
    print(f"{done}: {counts['pages']} page(s) in {counts['languages']} languages, "
          f"{counts['html']} HTML files, {counts['charts']} chart(s), "
          f"{counts['warnings']} warning(s), search index {counts.get('search', 0) / 1000:.0f} KB, "
          f"{time.perf_counter() - started:.2f} s")


def print_translation_status(site, untranslated: dict[str, list[str]]) -> None:
    """The translation table (every page in every language, as `translations` shows it,
    with what changed), then the UI strings."""
    from reportsite.commands.translations import PageStates, status_lines

    languages = site.config.languages
    print("\n".join(status_lines(PageStates(site.root, languages, site.pages,
                                         dict(site.translations)))))
    for lang in languages:
        messages = untranslated.get(lang, [])
        listed = ": " + ", ".join(repr(m) for m in messages) if messages else ""
        print(f"UI strings {lang}: {len(messages)} untranslated{listed}")


def _print_problems(problems: tuple[SiteError, ...] | list[SiteError], kind: str) -> None:
    """Print one line per problem to stderr."""
    for problem in problems:
        print(f"{kind}: {problem}", file=sys.stderr)


def run() -> None:
    """The `reportsite` command (pip install .): main() with its exit code."""
    sys.exit(main())
