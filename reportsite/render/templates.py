"""The Jinja environments (one per language, compiled templates kept outside the site
folder, signed) and rendering a template to HTML, with errors mapped to the template's file
and line."""

from __future__ import annotations

import marshal
import os
import re
import shutil
import time
import traceback
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterable, Iterator, Mapping

import jinja2
from jinja2.loaders import split_template_path
from markupsafe import Markup, escape

from reportsite.core.cache import generator_digest
from reportsite.core.entries import read_entry, write_entry
from reportsite.core.errors import SiteError, SiteErrors
from reportsite.core.i18n import Formatter, language_name, native_name
from reportsite.core.layout import TEMPLATES_DIR, THEME
from reportsite.core.paths import inside
from reportsite.core.signing import user_folder
from reportsite.load.catalogs import FALLBACK_CLOSE, FALLBACK_OPEN, UiStrings
from reportsite.load.config import SiteConfig
from reportsite.load.overrides import THEME_PREFIX, shown_path, template_folders
from reportsite.load.site import Site
from reportsite.render.prose import TocEntry


@dataclass(frozen=True)
class Link:
    """A link in the navigation or the language switcher."""

    href: str  # relative URL from the current page, always to a file
    label: str  # what the reader sees
    lang: str  # language of the target page
    current: bool  # True for the page being rendered


@dataclass(frozen=True)
class PageView:
    """What a template knows about the page it renders."""

    key: str  # page name, e.g. "index"
    title: str  # the page title (in the content's language)
    description: str | None  # meta description
    html: str  # the body, rendered from Markdown
    toc: tuple[TocEntry, ...]  # the body's headings
    lang: str  # language of the content (differs from the UI language when borrowed)
    source: str  # source file, for error messages and the edit trail
    borrowed: bool  # True when the page is missing in this language and shows the original
    charts: bool  # True when the body shows a chart (the page then loads the chart runtime)
    article: bool = False  # the page of the article's full text (the first page with
    # template: article), in any language: it carries the citation_* tags
    stale: bool = False  # a translation that predates changes to its original (readers see
    # a notice, with the edition's date)


@dataclass(frozen=True)
class Chrome:
    """The parts of every page that depend on where it is: links and languages."""

    lang: str  # the reader's language (UI strings, formatting)
    root: str  # relative prefix from this page to the site root: "../" or ""
    filename: str  # this page's file name within its folder, e.g. "index.html"
    languages: tuple[Link, ...]  # the switcher: this page in every language
    nav: tuple[Link, ...]  # the site navigation in the reader's language
    x_default: str  # href for hreflang="x-default" (absolute with base_url)
    alternates: tuple[Link, ...] = ()  # hreflang alternates: this page in every language,
    # absolute with base_url (search engines require it), else the switcher's links


class ShownStrings:
    """The UI strings the templates looked up while rendering: (language, message id) ->
    the first file that shows it. The site needs a translation of exactly these (no article
    page: no PDF strings). Every environment of a build shares one (make_environments);
    recording(place) gathers one render's strings and adds them to the build's."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], str | None] = {}
        self.place: str | None = None  # the file being rendered

    def add(self, lang: str, message: str) -> None:
        """Note that a file shows message in lang."""
        self.found.setdefault((lang, message), self.place)

    def merge(self, pairs: Iterable[tuple[str, str]], place: str) -> None:
        """Note what a file rendered earlier (from the cache) shows."""
        for lang, message in pairs:
            self.found.setdefault((lang, message), place)

    @contextmanager
    def recording(self, place: str) -> Iterator[dict[tuple[str, str], str | None]]:
        """Collect what is shown while rendering place; on the way out it joins the rest."""
        outer, outer_place = self.found, self.place
        self.found, self.place = {}, place
        try:
            yield self.found
        finally:
            for pair, where in self.found.items():
                outer.setdefault(pair, where)
            self.found, self.place = outer, outer_place


def shown_strings(envs: Mapping[str, jinja2.Environment]) -> ShownStrings:
    """The record of UI strings shared by a build's environments."""
    return next(iter(envs.values())).shown_strings  # type: ignore[attr-defined]


class SiteLoader(jinja2.FileSystemLoader):
    """The site's templates/, then the theme's: Jinja's FileSystemLoader, which refuses a
    name with '..' (and reads '/x' as 'x' in the folder), and which here also refuses a
    template file that leads out of the site folder, symlinks followed, before reading it."""

    def __init__(self, root: Path):
        super().__init__([str(p) for p in template_folders(root)])
        self.root = root

    def get_source(self, environment: jinja2.Environment, template: str
                   ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """The template's source, as Jinja's loader finds it, once it is known to be inside."""
        for folder in self.searchpath:
            path = Path(folder, *split_template_path(template))
            if path.is_file():
                problems: list[SiteError] = []
                if not inside(path, self.root, problems):
                    raise SiteErrors(problems)
                break
        return super().get_source(environment, template)


class SignedBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates (marshalled code, which runs when loaded) kept in this
    user's folder, outside every site folder, each signed with the user's key: only code
    compiled by this user's own builds is ever loaded (docs/SECURITY.md). An entry is the
    template source's checksum, a line feed, and the marshalled code — not Jinja's own
    bucket format, whose checksum is pickled. The folder's name holds the generator's
    digest (Python's and Jinja's versions included), so marshal's format always fits."""

    def __init__(self, name: str):
        self.name = name  # the folder under core/signing.user_folder()

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """The bucket's code, if this user's build kept it, it verifies and it was
        compiled from the same source."""
        entry = read_entry(user_folder(), f"{self.name}/{bucket.key}")
        if isinstance(entry, bytes):
            checksum, _, code = entry.partition(b"\n")
            if checksum == bucket.checksum.encode("ascii"):
                bucket.code = marshal.loads(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        """Keep the bucket's code (a failure to keep it costs only time)."""
        entry = bucket.checksum.encode("ascii") + b"\n" + marshal.dumps(bucket.code)
        try:
            write_entry(user_folder(), f"{self.name}/{bucket.key}", entry)
        except OSError:
            pass


def make_environment(root: Path, strings: UiStrings, bytecode_name: str | None = None,
                     record: ShownStrings | None = None) -> jinja2.Environment:
    """A strict, autoescaping Jinja environment speaking one language, finding templates
    in the site's templates/ first, then in the theme. With bytecode_name, compiled
    templates are kept in that folder of the user's (SignedBytecodeCache, keyed by each
    template's path and checked against its source; the name must be specific to this
    generator's code and settings), so an unchanged template is not compiled again by the
    next build."""
    bytecode = SignedBytecodeCache(bytecode_name) if bytecode_name else None
    env = jinja2.Environment(
        bytecode_cache=bytecode,
        loader=jinja2.ChoiceLoader([
            SiteLoader(root),
            jinja2.PrefixLoader({THEME_PREFIX.rstrip("/"):
                                 jinja2.FileSystemLoader(THEME / TEMPLATES_DIR)})]),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Jinja marks translated strings safe; a catalog is input like any other, so escape
    # each translation first (the %(name)s values are escaped by Jinja as usual) — in
    # HTML only: a text template (README.txt) gets the words as written. A message with
    # no translation is shown in English between markers, which mark_fallbacks() turns
    # into lang="en" (or removes where no element can go).
    def shown(eval_ctx, text: str, missing: bool) -> str:
        if not eval_ctx.autoescape:
            return FALLBACK_OPEN + text + FALLBACK_CLOSE if missing else text
        text = escape(text)
        return Markup(FALLBACK_OPEN + text + FALLBACK_CLOSE) if missing else text

    record = record if record is not None else ShownStrings()
    env.extend(shown_strings=record)
    lang = strings.lang

    @jinja2.pass_eval_context
    def gettext(eval_ctx, message: str) -> str:
        record.add(lang, message)
        return shown(eval_ctx, strings.gettext(message), message in strings.missing)

    @jinja2.pass_eval_context
    def ngettext(eval_ctx, singular: str, plural: str, n: int) -> str:
        record.add(lang, singular)
        return shown(eval_ctx, strings.ngettext(singular, plural, n), singular in strings.missing)

    env.install_gettext_callables(gettext=gettext, ngettext=ngettext,  # type: ignore[attr-defined]
                                  newstyle=True)
    fmt = Formatter(lang)
    env.filters.update(number=fmt.number, percent=fmt.percent, date=fmt.date,
                       filesize=fmt.file_size,
                       end_sentence=end_sentence,
                       native_name=native_name,
                       language_name=lambda code: language_name(code, lang))
    return env


def end_sentence(text: str) -> str:
    """A sentence with its full stop, unless it ends in one already: a Russian date ends in
    "г." and must not become "г.."."""
    bare = text.replace(FALLBACK_CLOSE, "").rstrip()
    return text if bare.endswith((".", "!", "?", "…")) else text + Markup(".")


def render_template(env: jinja2.Environment, name: str, context: dict, root: Path,
                    source: str) -> str:
    """Render template name (".html" unless it has a suffix), mapping any template error
    to its file and line."""
    filename = name if "." in name.rsplit("/", 1)[-1] else f"{name}.html"
    try:
        return env.get_template(filename).render(context)
    except jinja2.TemplateSyntaxError as e:
        where = shown_path(Path(e.filename), root) if e.filename else f"{TEMPLATES_DIR}/{e.name}"
        raise SiteErrors([SiteError(where, e.lineno, f"template syntax error: {e.message}")]) from e
    except jinja2.TemplateNotFound as e:
        raise SiteErrors([SiteError(source, None, f"template '{e.name}' not found in "
                                    f"{TEMPLATES_DIR}/ or the theme")]) from e
    except jinja2.UndefinedError as e:
        where, line = _template_frame(e, root)
        raise SiteErrors([SiteError(where, line, f"{e.message} (while rendering {source}); "
                                    "pass it from the generator or guard it with 'is defined'")]) from e
    except jinja2.TemplateError as e:
        where, line = _template_frame(e, root)
        raise SiteErrors([SiteError(where, line, f"{e} (while rendering {source})")]) from e


def _template_frame(error: Exception, root: Path) -> tuple[str, int | None]:
    """The innermost template file (the site's or the theme's) and line in an exception's
    traceback."""
    folders = [folder.resolve() for folder in template_folders(root)]
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename).resolve()
        if any(folder in path.parents for folder in folders):
            return shown_path(path, root), frame.lineno
    return TEMPLATES_DIR, None


_FALLBACK_RE = re.compile(f"{FALLBACK_OPEN}(.*?){FALLBACK_CLOSE}", re.S)
# Where an element cannot go: inside a tag, and in elements whose content is raw text.
_NO_ELEMENTS_RE = re.compile(r"<(title|script|style|textarea)\b.*?</\1\s*>|<[^>]*>", re.S | re.I)


def mark_fallbacks(html: str) -> str:
    """Mark UI strings shown in English for want of a translation: <span lang="en"> in
    text; inside tags and raw-text elements the markers are only removed."""
    if FALLBACK_OPEN not in html:
        return html
    parts, position = [], 0
    for match in _NO_ELEMENTS_RE.finditer(html):
        parts.append(_FALLBACK_RE.sub(r'<span lang="en">\1</span>', html[position:match.start()]))
        parts.append(_FALLBACK_RE.sub(r"\1", match.group(0)))
        position = match.end()
    parts.append(_FALLBACK_RE.sub(r'<span lang="en">\1</span>', html[position:]))
    return "".join(parts)


def strip_fallbacks(text: str) -> str:
    """Remove the markers of UI strings shown in English (for text files)."""
    return text.replace(FALLBACK_OPEN, "").replace(FALLBACK_CLOSE, "") \
        if FALLBACK_OPEN in text else text


def base_context(config: SiteConfig, chrome: Chrome) -> dict:
    """The variables every template gets."""
    return {"site": config, "lang": chrome.lang, "chrome": chrome, "root": chrome.root}


BYTECODE = "jinja"  # compiled templates, in core/signing.user_folder()
KEEP_BYTECODE_SECONDS = 7 * 24 * 3600  # another generator's compiled templates, unused


def bytecode_name() -> str:
    """Where compiled templates are kept, under the user's folder: one folder per version
    of the generator (several may be in use, by several checkouts); one no build used for
    a week is removed."""
    current = generator_digest()[:16]
    folder = user_folder() / BYTECODE
    try:
        (folder / current).mkdir(parents=True, exist_ok=True)
        os.utime(folder / current)  # in use (see below)
        cutoff = time.time() - KEEP_BYTECODE_SECONDS
        for old in folder.iterdir():
            if old.name != current and old.stat().st_mtime < cutoff:
                shutil.rmtree(old, ignore_errors=True)
    except OSError:  # no such folder can be kept: templates are compiled on each build
        pass
    return f"{BYTECODE}/{current}"


def make_environments(site: Site) -> dict[str, jinja2.Environment]:
    """One environment per language, each with its own bytecode folder (Jinja folds
    filters such as `1200 | number` into the compiled template), all recording the UI
    strings they show in one ShownStrings."""
    shown, name = ShownStrings(), bytecode_name()
    return {lang: make_environment(site.root, site.catalogs[lang], f"{name}/{lang}", shown)
            for lang in site.config.languages}
