"""Translation status: what each translation was made from, and when it went stale."""

from __future__ import annotations

from reportsite.load.content import translation_status
from reportsite.load.site import load_site


def fingerprint(root, path):
    site = load_site(root)
    group = next(g for g in site.pages if g.key == "index")
    return group.pages["fr"].fingerprint


def test_a_translation_goes_stale_when_the_original_changes(make_site, run):
    root = make_site()
    current = fingerprint(root, "content/fr/index.md")
    # The first 12 hex digits of the SHA-256 of the body ("## Le jardin {#garden} ... yield)."),
    # as `sha256sum` gives them.
    assert current == "4cc954d5aba6"
    page = root / "content/de/index.md"
    page.write_text(page.read_text().replace("order: 1", f"order: 1\ntranslated_from: {current}"))
    code, out, err = run("check", "--root", root, "--translations")
    assert code == 0 and err == ""
    assert out.splitlines()[1].split() == ["index", "original", "current", "unrecorded", current]

    original = root / "content/fr/index.md"
    original.write_text(original.read_text().replace("1200 bulbes", "1300 bulbes"))
    changed = fingerprint(root, "content/fr/index.md")
    assert changed == "0cfb2e3ee07f"
    code, out, err = run("check", "--root", root, "--translations")
    assert code == 0
    assert err == (f"warning: content/de/index.md: stale translation: made from {current} but "
                   f"content/fr/index.md is now {changed}; update the translation, then set "
                   f"translated_from: {changed}\n"
                   "warning: content/de/index.md: section 'garden': numbers differ from "
                   "content/fr/index.md (missing 1300; extra 1200)\n"
                   "warning: content/en/index.md: section 'garden': numbers differ from "
                   "content/fr/index.md (missing 1300; extra 1200)\n")
    assert out.splitlines()[1].split()[:3] == ["index", "original", "stale"]
    assert run("build", "--root", root, "--strict")[0] == 1


def test_missing_pages_and_untranslated_strings_are_listed(make_site, run):
    root = make_site({"content/de/harvest.md": None,
                      "locales/de.po": (make_site.__globals__["TINY"] / "locales/de.po")
                      .read_text().replace('msgid "Language"', '#, fuzzy\nmsgid "Language"')})
    code, out, _ = run("check", "--root", root, "--translations")
    assert code == 0
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()}
    assert rows["harvest"][:3] == ["original", "missing", "unrecorded"]
    assert "UI strings de: 1 untranslated: 'Language'" in out


def test_the_real_translations_are_current(real_site):
    site = real_site[0]
    assert [group.key for group in site.pages] == ["index", "article", "data", "cite"]
    for group in site.pages:
        assert translation_status(group, site.config.languages) == {
            "kk": "original", "ru": "current", "en": "current"}, group.key
