"""`python build.py add page NAME`: a new page in every language of a site, the original
first, each translation recorded as made from it (translations/<lang>/NAME.yaml), so the
page starts out tracked and current. The text is the theme's starter text in each language
it speaks, else the English marked as a placeholder (load/placeholders.py)."""

from __future__ import annotations

from pathlib import Path

from reportsite.commands.new import pages_in_every_language, quoted, texts_for
from reportsite.commands.translations import start_tracking
from reportsite.core.errors import Report, SiteError, SiteErrors
from reportsite.core.layout import CONTENT_DIR
from reportsite.core.paths import inside
from reportsite.load.config import read_config
from reportsite.load.content import PAGE_NAME_RE
from reportsite.load.placeholders import PLACEHOLDER


def add_page(root: Path, name: str, title: str | None = None) -> list[Path]:
    """Write content/<lang>/<name>.md for every language of the site at root; return the
    files, the original's first. Raises SiteErrors, writing nothing, for a bad name, a page
    that exists in some language, or a site.yaml whose languages cannot be read."""
    languages, _ = read_config(root, Report())
    problems: list[SiteError] = []
    if not PAGE_NAME_RE.match(name):
        problems.append(SiteError(name, None, "a page name is lower-case letters, digits, '-' "
                                  "and '_' (it becomes the HTML file's name), like 'methods'"))
    paths = [root / CONTENT_DIR / lang / f"{name}.md" for lang in languages]
    for path in paths:
        if path.exists() or path.is_symlink():
            problems.append(SiteError(path.relative_to(root).as_posix(), None, "exists already; "
                                      "add never overwrites a page (choose another name)"))
        else:
            inside(path, root, problems)
    if problems:
        raise SiteErrors(problems)
    pages = {}
    for lang in languages:
        text = texts_for(lang)
        heading = text["new_page"] if title is None else (
            title if lang == languages[0] else f"{PLACEHOLDER} {title}")
        pages[lang] = (f"---\ntitle: {quoted(heading)}\n---\n"
                       f"## {text['new_section']} {{#introduction}}\n\n{text['new_body']}\n")
    files = pages_in_every_language(languages, pages, name)
    for path in paths:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(files[path.relative_to(root).as_posix()], encoding="utf-8")
    return paths + start_tracking(root, name)
