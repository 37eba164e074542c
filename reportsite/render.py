"""The Jinja environment (one per language) and turning pages into HTML."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2
from babel.support import Translations
from markupsafe import escape

from .config import SiteConfig
from .errors import SiteError, SiteErrors, did_you_mean, rel
from .i18n import Formatter, language_name, native_name
from .prose import TocEntry

TEMPLATES_DIR = "templates"


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


@dataclass(frozen=True)
class Chrome:
    """The parts of every page that depend on where it is: links and languages."""

    lang: str  # the reader's language (UI strings, formatting)
    root: str  # relative prefix from this page to the site root: "../" or ""
    filename: str  # this page's file name within its folder, e.g. "index.html"
    languages: tuple[Link, ...]  # the switcher: this page in every language
    nav: tuple[Link, ...]  # the site navigation in the reader's language
    x_default: str  # href for hreflang="x-default"


def list_templates(root: Path) -> set[str]:
    """Names of the templates in templates/ (*.html without suffix; partials excluded)."""
    folder = root / TEMPLATES_DIR
    return {p.stem for p in folder.glob("*.html")} if folder.is_dir() else set()


def check_template(name: str, available: set[str], path: str, line: int | None) -> SiteError | None:
    """An error if a page asks for a template that does not exist."""
    if name in available:
        return None
    return SiteError(path, line, f"template '{name}' not found in templates/"
                     + did_you_mean(name, available))


def make_environment(root: Path, lang: str, translations: Translations,
                     cache_dir: Path | None = None) -> jinja2.Environment:
    """A strict, autoescaping Jinja environment speaking one language. With cache_dir,
    compiled templates are kept there (Jinja's bytecode cache, keyed by each template's
    source; cache_dir must be specific to this generator's code and settings), so an
    unchanged template is not compiled again by the next build."""
    bytecode = None
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        bytecode = jinja2.FileSystemBytecodeCache(str(cache_dir))
    env = jinja2.Environment(
        bytecode_cache=bytecode,
        loader=jinja2.FileSystemLoader(root / TEMPLATES_DIR),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # Jinja marks translated strings safe; a catalog is input like any other, so escape
    # each translation first (the %(name)s values are escaped by Jinja as usual).
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=lambda message: escape(translations.gettext(message)),
        ngettext=lambda one, many, n: escape(translations.ngettext(one, many, n)),
        newstyle=True)
    fmt = Formatter(lang)
    env.filters.update(number=fmt.number, percent=fmt.percent, date=fmt.date,
                       native_name=native_name,
                       language_name=lambda code: language_name(code, lang))
    return env


def render_template(env: jinja2.Environment, name: str, context: dict, root: Path,
                    source: str) -> str:
    """Render templates/<name>.html, mapping any template error to its file and line."""
    filename = name if "." in name.rsplit("/", 1)[-1] else f"{name}.html"
    try:
        return env.get_template(filename).render(context)
    except jinja2.TemplateSyntaxError as e:
        where = rel(Path(e.filename), root) if e.filename else f"{TEMPLATES_DIR}/{e.name}"
        raise SiteErrors([SiteError(where, e.lineno, f"template syntax error: {e.message}")]) from e
    except jinja2.TemplateNotFound as e:
        raise SiteErrors([SiteError(source, None, f"template '{e.name}' not found in "
                                    f"{TEMPLATES_DIR}/")]) from e
    except jinja2.UndefinedError as e:
        where, line = _template_frame(e, root)
        raise SiteErrors([SiteError(where, line, f"{e.message} (while rendering {source}); "
                                    "pass it from the generator or guard it with 'is defined'")]) from e
    except jinja2.TemplateError as e:
        where, line = _template_frame(e, root)
        raise SiteErrors([SiteError(where, line, f"{e} (while rendering {source})")]) from e


def _template_frame(error: Exception, root: Path) -> tuple[str, int | None]:
    """The innermost template file and line in an exception's traceback."""
    templates = (root / TEMPLATES_DIR).resolve()
    for frame in reversed(traceback.extract_tb(error.__traceback__)):
        path = Path(frame.filename)
        if templates in path.resolve().parents:
            return rel(path.resolve(), root.resolve()), frame.lineno
    return TEMPLATES_DIR, None


def base_context(config: SiteConfig, chrome: Chrome) -> dict:
    """The variables every template gets."""
    return {"site": config, "lang": chrome.lang, "chrome": chrome, "root": chrome.root}
