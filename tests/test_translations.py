"""Translations tracked segment by segment: what changed in the original since each
translation was accepted, accepting an update, and staleness that never hides an error.
No test types a fingerprint: records are written by `translations --accept`."""

from __future__ import annotations

import re

from reportsite.load.segments import TEXT_ARGUMENTS, page_segments
from reportsite.render.shortcodes import Shortcodes, shortcode_names

def test_editing_one_paragraph_names_it_in_every_translation(make_site, run):
    root = make_site()
    code, out, err = run("translations", "--root", root)
    assert code == 0 and err == ""
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines()[1:4]}
    assert rows == {key: ["original", "current", "current"] for key in ("index", "harvest", "data")}

    original = root / "content/fr/index.md"
    original.write_text(original.read_text().replace("1200 bulbes", "1300 bulbes"))
    code, out, _ = run("translations", "--root", root)
    assert code == 0
    assert out.splitlines()[1].split() == ["index", "original", "stale", "stale"]
    for lang in ("de", "en"):
        assert (f"content/{lang}/index.md: stale: 1 segment(s) of content/fr/index.md changed "
                f"since it was accepted; update them, then: python build.py translations "
                f"--accept index {lang}") in out
    # The paragraph that changed, where it is, and its words before and after.
    changed = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    assert changed == ["garden.1 changed (content/fr/index.md:8): Nous avons planté [-1200-] "
                       "{+1300+} bulbes. Voir [les récoltes](harvest.html#yield)."] * 2
    # Only that paragraph: the heading and the title of the page did not change.
    assert "garden.0" not in out and "title" not in out.split("\n", 4)[-1]

    for lang, words in (("de", "1200 Zwiebeln"), ("en", "1200 bulbs")):
        page = root / f"content/{lang}/index.md"
        page.write_text(page.read_text().replace(words, words.replace("1200", "1300")))
    assert run("build", "--root", root, "--strict", "--out", root / "site")[0] == 1  # stale
    code, out, _ = run("translations", "--root", root, "--accept", "index", "de",
                       "--accept", "index", "en")
    assert code == 0
    assert out == "accepted: translations/de/index.yaml\naccepted: translations/en/index.yaml\n"
    code, out, _ = run("translations", "--root", root)
    assert out.splitlines()[1].split() == ["index", "original", "current", "current"]
    assert "stale" not in out
    assert run("build", "--root", root, "--strict", "--out", root / "site")[0] == 0


def test_missing_pages_and_untranslated_strings_are_listed(make_site, run):
    root = make_site({"content/de/harvest.md": None,
                      "locales/de.po": (make_site.__globals__["TINY"] / "locales/de.po")
                      .read_text().replace('msgid "Language"', '#, fuzzy\nmsgid "Language"')})
    code, out, _ = run("check", "--root", root, "--translations")
    assert code == 0
    row = next(line.split() for line in out.splitlines() if line.startswith("harvest "))
    assert row[:3] == ["harvest", "original", "missing"]
    assert "UI strings de: 1 untranslated: 'Language'" in out


def test_a_changed_heading_an_added_and_a_removed_paragraph(make_site, run):
    root = make_site()
    original = root / "content/fr/harvest.md"
    text = original.read_text()
    original.write_text(text.replace("## Rendement {#yield}", "## Rendements {#yield}")
                        .replace("Trois paniers par semaine.", "Quatre paniers.\n\nEn été."))
    out = run("translations", "--root", root)[1]
    changed = [line.strip() for line in out.splitlines() if line.startswith("  ")][:3]
    assert changed == ["yield.0 changed (content/fr/harvest.md:6): [-Rendement-] {+Rendements+}",
                       "yield.1 changed (content/fr/harvest.md:8): [-Trois paniers par "
                       "semaine.-] {+Quatre paniers.+}",
                       "yield.2 added (content/fr/harvest.md:10): En été."]
    original.write_text(text.replace("Trois paniers par semaine.", ""))
    out = run("translations", "--root", root)[1]
    assert "  yield.1 removed: Trois paniers par semaine." in out


def test_an_untracked_translation_says_how_to_start_tracking(make_site, run):
    root = make_site({"translations/de/harvest.yaml": None})
    code, out, err = run("check", "--root", root)
    assert code == 0
    assert ("warning: content/de/harvest.md: untracked translation: nothing records which "
            "version of content/fr/harvest.md it was made from, so it can never be reported "
            "stale; once it matches the original, run: python build.py translations --accept "
            "harvest de") in err
    assert run("translations", "--root", root)[1].splitlines()[2].split() == [
        "harvest", "original", "untracked", "current"]
    assert run("check", "--root", root, "--strict")[0] == 1
    out = run("check", "--root", root, "--translations")[1]  # the same table, and UI strings
    assert out.splitlines()[2].split() == ["harvest", "original", "untracked", "current"]
    assert "UI strings de: 0 untranslated" in out
    assert run("translations", "--root", root, "--accept", "harvest", "de")[0] == 0
    assert run("check", "--root", root, "--strict")[0] == 0


def test_a_typo_under_a_stale_translation_is_reported_in_the_first_run(make_site, run):
    """The issue's case: one edit to an original used to cost three rounds."""
    root = make_site()
    data = root / "content/fr/data.md"
    data.write_text(data.read_text().replace('value("harvest", "tomato"',
                                             'value("wheat_harvst", "tomato"'))
    code, _, err = run("build", "--root", root, "--strict", "--out", root / "site")
    assert code == 1
    lines = err.splitlines()
    assert lines[0] == ("error: content/fr/data.md:7: unknown dataset 'wheat_harvst' — did "
                        "you mean 'harvest'?")
    # The staleness the edit caused comes after it, in the same run.
    assert [line.split(":")[1].strip() for line in lines[1:-1]] == [
        "content/de/data.md", "content/en/data.md"]
    assert all("stale translation: 1 segment(s) of content/fr/data.md changed" in line
               for line in lines[1:-1])


def test_every_load_error_of_every_language_comes_before_staleness(make_site, run):
    root = make_site()
    for lang, bad in (("fr", "order: one"), ("de", "titel: Ernte"), ("en", "order: 2.5")):
        page = root / f"content/{lang}/harvest.md"
        page.write_text(page.read_text().replace("order: 2", bad))
    code, _, err = run("build", "--root", root, "--strict", "--out", root / "site")
    assert code == 1
    assert [line.split(": ")[1] for line in err.splitlines()[:-1]] == [
        "content/de/harvest.md:3", "content/en/harvest.md:3", "content/fr/harvest.md:4"]

    root = make_site({"data/datapackage.yaml": (root / "data/datapackage.yaml").read_text()
                      .replace("name: harvest", "name: harvest\n    colour: green", 1)})
    index = root / "content/fr/index.md"
    index.write_text(index.read_text().replace("1200", "1300"))
    code, _, err = run("build", "--root", root, "--strict", "--out", root / "site")
    lines = err.splitlines()[:-1]
    assert code == 1 and len(lines) == 3
    assert lines[0].startswith("error: data/datapackage.yaml:")
    assert [line.split(": ")[1] for line in lines[1:]] == ["content/de/index.md",
                                                           "content/en/index.md"]
    assert all("stale translation" in line for line in lines[1:])


def test_a_translators_own_note_is_no_segment_of_the_original(make_site, run, tmp_path):
    """A footnote only the translation has (a translator's note, as the article's ru and en
    pages have) translates nothing of the original: the translation still follows it."""
    root = make_site()
    page = root / "content/de/harvest.md"
    page.write_text(page.read_text().replace("Drei Körbe pro Woche.", "Drei Körbe pro "
                    "Woche.[^tn1]\n\n[^tn1]: Anmerkung der Übersetzung: im Original »Körbe«."))
    code, out, err = run("translations", "--root", root, "--accept", "harvest", "de")
    assert code == 0, err
    code, out, err = run("translations", "export", "harvest", "--lang", "de", "--format",
                         "po", "-o", tmp_path / "de.po", "--root", root)
    assert code == 0, err
    exported = (tmp_path / "de.po").read_text()
    assert "Drei Körbe pro Woche.[^tn1]" in exported and "Anmerkung der" not in exported
    original = root / "content/fr/harvest.md"
    original.write_text(original.read_text() + "\nNote[^a].\n\n[^a]: Une note de l’autrice.\n")
    out = run("translations", "--root", root)[1]
    assert "notes.a added (content/fr/harvest.md:" in out  # the original's own notes count


def test_accept_refuses_a_translation_that_does_not_follow_the_original(make_site, run):
    root = make_site()
    page = root / "content/de/harvest.md"
    page.write_text(page.read_text() + "\nNoch ein Absatz.\n")
    code, _, err = run("translations", "--root", root, "--accept", "harvest", "de")
    assert code == 1
    assert err.splitlines()[0] == (
        "error: content/de/harvest.md:9: does not follow content/fr/harvest.md segment for "
        "segment: at line 9 it has paragraph yield.2 where the original has nothing more; "
        "give it the same headings, paragraphs, list items and captions in each section, "
        "then accept it")
    assert run("translations", "--root", root, "--accept", "harvest", "fr")[2].startswith(
        "error: content/fr/harvest.md: is the original: only a translation can be accepted")
    assert "no page 'harvst'" in run("translations", "--root", root, "--accept", "harvst",
                                     "de")[2]


def test_records_that_are_not_records_and_the_old_front_matter_key(make_site, run):
    root = make_site({"translations/de/garden.yaml": "original: content/fr/garden.md\n"
                                                    "segments: []\n",
                      "translations/en/index.yaml": "segments: 3\n"})
    code, _, err = run("check", "--root", root)
    assert code == 1
    assert ("error: translations/en/index.yaml:1: missing required key 'original'; write it "
            "again with python build.py translations --accept PAGE LANG") in err
    root = make_site({"content/de/index.md": (root / "content/de/index.md").read_text()
                      .replace("order: 1", "order: 1\ntranslated_from: typed-by-hand")})
    code, _, err = run("check", "--root", root)
    assert ("error: content/de/index.md:4: 'translated_from' is no longer used: translations "
            "are tracked segment by segment in translations/<lang>/<page>.yaml") in err


def test_a_record_of_no_translation_is_named_but_harmless(make_site, run):
    root = make_site({"content/de/harvest.md": None})
    code, _, err = run("check", "--root", root, "--strict")
    assert code == 1 and "translations/de/harvest.yaml" not in err  # only the missing page
    out = run("translations", "--root", root)[1]
    assert ("translations/de/harvest.yaml: the record of no translation (its page was "
            "deleted, or it is the original now): delete it") in out.splitlines()


def test_segments_of_a_page():
    text = ("---\ntitle: Titre\ndescription: >\n  Une ligne\n  et une autre.\n---\n"
            "Avant.\n\n## Premier {#one}\n\nUn *paragraphe*\nsur deux lignes.\n{: #p1 }\n\n"
            "- point un\n- point {{ value(\"a\", \"b\", \"c\") }}\n\n"
            "| A | B |\n|---|---|\n| x | `a|b` |\n\n"
            "```\n## pas un titre\n```\n\n"
            "{{ table(\"t\", caption=\"Légende \\\"citée\\\"\" ~ cite(7), note='Note') }}\n\n"
            "[^1]: Une note.\n")
    found = [(s.id, s.kind, s.text, s.line) for s in page_segments(text)]
    assert found == [
        ("title", "title", "Titre", 2),
        ("description", "description", "Une ligne et une autre.", 3),
        ("top.1", "paragraph", "Avant.", 7), ("one.0", "heading", "Premier", 9),
        ("one.1", "paragraph", "Un *paragraphe*\nsur deux lignes.", 11),
        ("one.2", "item", "point un", 15),
        ("one.3", "item", 'point {{ value("a", "b", "c") }}', 16),
        ("one.4", "cell", "A", 18), ("one.5", "cell", "B", 18), ("one.6", "cell", "x", 20),
        ("one.7", "cell", "`a|b`", 20),
        ("one.8", "caption", 'Légende "citée"', 26), ("one.9", "note", "Note", 26),
        ("notes.1", "footnote", "Une note.", 28)]  # by its label
    # Each segment's place in the file: its raw text is there, the quoted ones quoted.
    raw = [text[s.start:s.end] for s in page_segments(text)]
    assert raw[1] == " >\n  Une ligne\n  et une autre." and raw[11] == '"Légende \\"citée\\""'
    assert raw[4] == "Un *paragraphe*\nsur deux lignes."


def test_the_prose_arguments_are_those_of_the_shortcodes():
    declared = {param for name in shortcode_names()
                for param in getattr(Shortcodes, name).shortcode_text}
    assert set(TEXT_ARGUMENTS) == declared


def test_the_real_translations_are_current(real_site):
    site = real_site[0]
    assert [group.key for group in site.pages] == ["index", "article", "data", "cite"]
    for group in site.pages:
        assert {lang: site.translations[group.key, lang].status
                for lang in site.config.languages} == {
            "kk": "original", "ru": "current", "en": "current"}, group.key
    assert site.translation_warnings == ()


def test_no_test_or_doc_types_a_fingerprint():
    """Fingerprints are written by --accept into translations/, never typed elsewhere."""
    from conftest import REPO
    typed = []
    for path in [*REPO.glob("*.md"), *(REPO / "docs").glob("*.md"), *(REPO / "tests").glob("*.py"),
                 *(REPO / "content").rglob("*.md")]:
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for match in re.finditer(r"(?<![0-9A-Za-z])[0-9a-f]{12}(?![0-9A-Za-z])", line):
                if re.search(r"[a-f]", match.group()) and re.search(r"[0-9]", match.group()):
                    typed.append(f"{path.relative_to(REPO)}:{n}: {match.group()}")
    assert typed == []


def test_a_stale_translation_says_so_to_its_readers(make_site, run):
    """Readers of a stale translation see a notice in their language, dated by the edition
    (never the build's clock); the cite page lists each language's state."""
    cite = "---\ntitle: {}\norder: 4\ntemplate: cite\n---\n{}\n"
    root = make_site({"content/fr/cite.md": cite.format("Citer", "Citez ce jardin."),
                      "content/de/cite.md": cite.format("Zitieren", "Zitieren Sie den Garten."),
                      "content/en/cite.md": cite.format("Cite", "Cite the garden.")})
    assert run("translations", "--root", root, "--accept", "cite", "de",
               "--accept", "cite", "en")[0] == 0
    out = root.parent / "out"
    assert run("build", "--root", root, "--strict", "--out", out)[0] == 0
    assert "notice" not in (out / "de/index.html").read_text()
    assert re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", (out / "de/cite.html").read_text())) \
        .count("Deutsch: eine Übersetzung, auf dem Stand des Originals") == 1

    # Only the original's body changes: the translations' pages, unchanged, are not taken
    # from the cache as they were (their state is in their cache key).
    original = root / "content/fr/index.md"
    original.write_text(original.read_text().replace("1200 bulbes", "1300 bulbes"))
    code, _, err = run("build", "--root", root, "--out", out)
    assert code == 0 and "stale translation" in err
    page = (out / "de/index.html").read_text()
    assert ('<p class="notice" role="note">Diese Übersetzung ist älter als die Änderungen am '
            'Original vom 1. Mai 2024. <a href="../fr/index.html" hreflang="fr">Das Original '
            'lesen</a></p>') in page
    assert "This translation predates changes to the original of May 1, 2024." in \
        (out / "en/index.html").read_text()
    assert 'class="notice"' not in (out / "fr/index.html").read_text()
    assert 'class="notice"' not in (out / "de/harvest.html").read_text()  # still current
    (root / "content/en/cite.md").unlink()
    assert run("build", "--root", root, "--out", out)[0] == 0
    listed = [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", item)).strip() for item in re.findall(
        r"<li>(.*?)</li>", (out / "de/cite.html").read_text().split('id="translations"')[1]
        .split("</ul>")[0], re.S)]
    assert listed == [
        "Français: das Original",
        "Deutsch: eine Übersetzung; Seiten, die älter sind als die Änderungen am Original vom "
        "1. Mai 2024: Startseite",
        "English: eine Übersetzung; Seiten, die älter sind als die Änderungen am Original vom "
        "1. Mai 2024: Startseite; noch nicht übersetzte Seiten: Zitieren"]
