"""The gettext template lists exactly the UI strings the templates use, and every
catalog translates all of them."""

from __future__ import annotations

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from conftest import REPO, TINY

JINJA = {"extensions": "jinja2.ext.i18n", "trim_blocks": "True", "lstrip_blocks": "True"}
METHODS = [("templates/**.html", "jinja2"), ("templates/**.txt", "jinja2"),
           ("templates/**.md", "jinja2"), ("charts/**.py", "python")]
OPTIONS = {"templates/**.html": JINJA, "templates/**.txt": JINJA, "templates/**.md": JINJA}


def template_messages(root):
    """Message ids pybabel would extract from root/templates."""
    return {message for _, _, message, _, _ in
            extract_from_dir(root, METHODS, OPTIONS)}


def catalog(path):
    with path.open("rb") as f:
        return read_po(f)


def test_messages_pot_is_current():
    """If this fails, run `make messages` and translate the new entries."""
    pot = {m.id for m in catalog(REPO / "locales/messages.pot") if m.id}
    assert pot == template_messages(REPO)


def test_every_language_translates_every_message():
    pot = {m.id for m in catalog(REPO / "locales/messages.pot") if m.id}
    for lang in ("kk", "ru", "en"):
        po = catalog(REPO / f"locales/{lang}.po")
        translated = {m.id for m in po if m.id and m.string and not m.fuzzy}
        assert translated == pot, lang


def test_kazakh_and_russian_are_not_english():
    """A copied English string is 'translated' to gettext, but not to a reader."""
    en = {m.id: m.string for m in catalog(REPO / "locales/en.po") if m.id}
    for lang in ("kk", "ru"):
        po = {m.id: m.string for m in catalog(REPO / f"locales/{lang}.po") if m.id}
        assert all(po[k] != en[k] for k in en), lang


def test_fixture_template_is_current():
    pot = {m.id for m in catalog(TINY / "locales/messages.pot") if m.id}
    assert pot == template_messages(TINY)
