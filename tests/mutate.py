"""make mutate: realistic one-line bugs in the code that guards correctness (CSV rows,
checks, the raw-HTML audit, the archive, cache keys, escaping, atomic output), each put
alone into a temporary copy of the repository, with the tests that must then fail.

A mutation is (name, file, [(exact snippet, replacement), ...], tests expected to kill it).
Every snippet must occur exactly once in its file: when code moves, this script stops
before running anything and says which snippet it could not find, so the list is easy to
update. The repository itself is never edited (a copy in a temporary folder is, and is
removed at the end, also on Ctrl-C or SIGTERM).

    python tests/mutate.py              every mutation; the score; exit 1 if any survived
    python tests/mutate.py --only NAME  only these (repeatable)
    python tests/mutate.py --list       the list as the Markdown table of docs/QUALITY.md

Not part of make test (it takes a few minutes: each mutation runs only its tests).
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SKIP = {".git", ".venv", ".bench-venv", "site", "dist", ".cache", "test-artifacts", "__pycache__",
        ".pytest_cache"}


def copy_ignore(folder: str, names: list[str]) -> set[str]:
    """What not to copy: outputs, caches, virtual environments, bench/work."""
    at_top = Path(folder) == REPO
    return {n for n in names if (n in SKIP and (at_top or n in ("__pycache__", ".cache")))
            or (Path(folder) == REPO / "bench" and n == "work")}
TIMEOUT = 900  # seconds for one mutation's tests


@dataclass(frozen=True)
class Mutation:
    name: str  # short id, for --only
    what: str  # the bug, in words
    file: str  # path relative to the repository
    edits: tuple[tuple[str, str], ...]  # (exact snippet, replacement)
    tests: tuple[str, ...]  # pytest node ids expected to fail


def m(name: str, what: str, file: str, edits: list[tuple[str, str]] | tuple[str, str],
      *tests: str) -> Mutation:
    return Mutation(name, what, file, tuple(edits) if isinstance(edits, list) else (edits,),
                    tests)


ERR = "tests/test_errors.py::test_check_reports_the_same_errors"
ESCAPE = "tests/test_errors.py::test_a_path_out_of_the_site_folder_stops_the_build"
HOSTILE = "tests/test_hostile_text.py"
CHANGE = "tests/test_cache.py::test_every_kind_of_change_gives_what_a_cold_build_gives"
RAW = "tests/test_security.py::test_raw_html_that_could_run_code_is_refused"

MUTATIONS = [
    # --- CSV rows (reportsite/load/rows.py) -------------------------------------------------
    m("rows-int", "integer cells parsed with int() instead of the digits pattern",
      "reportsite/load/rows.py",
      ('''        if not re.fullmatch(r"-?[0-9]+", cell):
            raise ValueError(f"{cell!r} is not an integer (write digits only, e.g. 150000)")
        value: Any = int(cell)''',
       '''        try:
            value: Any = int(cell)
        except ValueError:
            raise ValueError(f"{cell!r} is not an integer (write digits only, e.g. 150000)")'''),
      *(f"{ERR}[csv_integer_{form}]" for form in ("underscore", "plus", "leading_space",
                                                   "full_width"))),
    m("rows-float", "number cells parsed with float()/int() instead of the pattern",
      "reportsite/load/rows.py",
      ('''        if not re.fullmatch(r"-?[0-9]+(\\.[0-9]+)?", cell):
            raise ValueError(f"{cell!r} is not a number (use '.' for decimals, no grouping)")
        value = float(cell) if "." in cell else int(cell)''',
       '''        try:
            value = float(cell) if "." in cell else int(cell)
        except ValueError:
            raise ValueError(f"{cell!r} is not a number (use '.' for decimals, no grouping)")'''),
      *(f"{ERR}[csv_number_{form}]" for form in ("underscore", "plus", "leading_space",
                                                  "full_width"))),
    m("rows-minimum-boundary", "a value equal to the minimum refused (< became <=)",
      "reportsite/load/rows.py",
      ('if "minimum" in rules and value < rules["minimum"]:',
       'if "minimum" in rules and value <= rules["minimum"]:'),
      "tests/test_data.py::test_values_at_the_limits_are_accepted"),
    m("rows-maximum-boundary", "a value equal to the maximum refused (> became >=)",
      "reportsite/load/rows.py",
      ('if "maximum" in rules and value > rules["maximum"]:',
       'if "maximum" in rules and value >= rules["maximum"]:'),
      "tests/test_data.py::test_values_at_the_limits_are_accepted"),
    m("rows-enum", "categories not checked", "reportsite/load/rows.py",
      ('if "enum" in rules and value not in rules["enum"]:', 'if False:'),
      f"{ERR}[csv_unknown_category]"),
    m("rows-primary-key", "duplicate primary keys not reported", "reportsite/load/rows.py",
      ("            if value in seen_keys:", "            if False:"),
      f"{ERR}[csv_duplicate_key]"),
    m("rows-sum-tolerance", "shares may miss their total by 1", "reportsite/load/rows.py",
      ('if total != decimal.Decimal(str(check["total"])):',
       'if abs(total - decimal.Decimal(str(check["total"]))) > 1:'),
      f"{ERR}[csv_sum_not_100]"),
    m("rows-float-arithmetic", "formulas computed from binary floats, not decimals",
      "reportsite/load/rows.py",
      ("decimal.Decimal(str(row[node.id]))", "decimal.Decimal(row[node.id])"),
      "tests/test_data.py::test_formulas_are_exact_decimal_arithmetic"),
    m("rows-rounding", "derived integers rounded half to even, not half up", "reportsite/load/rows.py",
      ("rounding=decimal.ROUND_HALF_UP", "rounding=decimal.ROUND_HALF_EVEN"),
      "tests/test_data.py::test_derived_integers_round_half_up"),
    # --- checks (reportsite/build/checks.py) ----------------------------------------------
    m("links-missing-file", "links to missing files pass", "reportsite/build/checks.py",
      ("        if target not in files:", "        if False:"),
      f"{ERR}[strict_broken_link]"),
    m("links-missing-anchor", "links to missing anchors pass", "reportsite/build/checks.py",
      ("    if parts.fragment and target in parsed and unquote(parts.fragment) not in "
       "parsed[target].ids:", "    if False:"),
      f"{ERR}[strict_broken_link]"),
    m("links-root-absolute", "root-absolute links pass", "reportsite/build/checks.py",
      ('    if url.startswith("/"):', "    if False:"),
      f"{ERR}[strict_root_absolute_link]"),
    m("links-search-index", "a link into the search index not checked again when its files change",
      "reportsite/build/checks.py",
      ("            if any(SEARCH_FILES in url for url in parsed[path].urls):  # see above",
       "            if False:  # see above"),
      "tests/test_cache.py::test_a_link_into_the_search_index_is_checked_when_its_files_change"),
    m("parity-numbers", "translations not compared by their numbers", "reportsite/build/checks.py",
      ('''            for what, mine, theirs in (("shortcodes", tokens, base_tokens),
                                       ("numbers", numbers, base_numbers)):''',
       '''            for what, mine, theirs in (("shortcodes", tokens, base_tokens),):'''),
      f"{ERR}[parity_number_changed]"),
    m("parity-sections", "translations not compared by their sections", "reportsite/build/checks.py",
      ("        if ids != base_ids:", "        if False:"),
      f"{ERR}[parity_section_changed]"),
    # --- the raw-HTML audit (reportsite/render/prose.py) ----------------------------------
    m("audit-handlers", "only onclick and onload count as event handlers", "reportsite/render/prose.py",
      ('            if name.startswith("on"):', '            if name in ("onclick", "onload"):'),
      f"{RAW}[event_handler]"),
    m("audit-case", "javascript: URLs matched case-sensitively", "reportsite/render/prose.py",
      ('gif|webp);))\\s*:", re.I)', 'gif|webp);))\\s*:")'),
      f"{RAW}[mixed_case_url]"),
    m("audit-iframe", "<iframe> allowed", "reportsite/render/prose.py",
      ('_UNSAFE_TAGS = {"script", "iframe", ', '_UNSAFE_TAGS = {"script", '),
      f"{RAW}[iframe]"),
    m("audit-off", "the audit's findings ignored", "reportsite/render/prose.py",
      ("    if errors:\n        raise SiteErrors(errors)\n\n\n_NOTES_RE",
       "    if False:\n        raise SiteErrors(errors)\n\n\n_NOTES_RE"),
      f"{RAW}[script]"),
    # --- the archive (reportsite/build/archive.py, outputs/checksums.py) -------------------
    m("zip-order", "zip entries in the order they were made", "reportsite/build/archive.py",
      ("        for path in sorted(files):\n            info = zipfile.ZipInfo",
       "        for path in files:\n            info = zipfile.ZipInfo"),
      "tests/test_archive.py::test_zip_entries_are_fixed_and_sorted"),
    m("zip-time", "zip entries stamped with the current time", "reportsite/build/archive.py",
      ('zipfile.ZipInfo(f"{folder}/{path}", date_time=date_time)',
       'zipfile.ZipInfo(f"{folder}/{path}", date_time=datetime.datetime.now().timetuple()[:6])'),
      "tests/test_archive.py::test_zip_entries_are_fixed_and_sorted"),
    m("zip-epoch", "SOURCE_DATE_EPOCH ignored", "reportsite/build/archive.py",
      ('    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():', "    if False:"),
      "tests/test_archive.py::test_source_date_epoch_sets_every_timestamp"),
    m("zip-mode", "zip entries group-writable", "reportsite/build/archive.py",
      ("info.external_attr = (0o100644 & 0xFFFF) << 16",
       "info.external_attr = (0o100664 & 0xFFFF) << 16"),
      "tests/test_archive.py::test_zip_entries_are_fixed_and_sorted"),
    m("zip-checksums", "SHA256SUMS.txt with one space (sha256sum -c needs two)",
      "reportsite/outputs/checksums.py",
      ('f"{hashlib.sha256(files[path]).hexdigest()}  {path}\\n"',
       'f"{hashlib.sha256(files[path]).hexdigest()} {path}\\n"'),
      "tests/test_archive.py::test_checksums_verify_the_zip_and_the_site_with_sha256sum"),
    m("zip-git-time", "zip entries stamped with the last commit's time", "reportsite/build/archive.py",
      ("    day = datetime.datetime.combine(config.date, datetime.time(), datetime.timezone.utc)\n"
       "    return int(day.timestamp())",
       "    import subprocess\n    return int(subprocess.run(['git', 'log', '-1', '--format=%ct'],"
       " capture_output=True, text=True).stdout.strip() or 0)"),
      "tests/test_archive.py::test_zip_entries_are_fixed_and_sorted"),
    m("zip-404", "404.html shipped in the zip", "reportsite/core/outputs.py",
      ('    server_only: frozenset[str] = frozenset({"404.html"})',
       "    server_only: frozenset[str] = frozenset()"),
      "tests/test_archive.py::test_zip_holds_the_site_but_not_its_404_page"),
    # --- the article's record (render/jsonld.py, templates, outputs/citations.py) ---------
    m("citation-tags-everywhere", "citation_* tags on every page",
      "reportsite/theme/templates/partials/metadata.html",
      ("{% if page.article %}\n{% set text_lang", "{% if true %}\n{% set text_lang"),
      "tests/test_journal.py::test_no_other_page_carries_citation_tags_or_a_publication_date"),
    m("institution-affiliation", "the whole affiliation line as the institution",
      "reportsite/outputs/citations.py",
      ('        entry["affiliation"] = author.institution[lang]',
       '        entry["affiliation"] = author.affiliation[lang]'),
      "tests/test_journal.py::test_citation_cff_follows_the_cff_1_2_0_schema"),
    m("edition-date-published", "the edition's date published as the article's",
      "reportsite/render/jsonld.py",
      ('        else (str(article.year) if article.year else None),',
       '        else config.date.isoformat(),'),
      "tests/test_journal.py::test_no_other_page_carries_citation_tags_or_a_publication_date"),
    m("journal-on-translations", "journal fields on the translations' records",
      "reportsite/outputs/citations.py",
      ("    if lang == config.original:\n        tags += [(\"T2\"",
       "    if True:\n        tags += [(\"T2\""),
      "tests/test_journal.py::test_a_known_journal_record_reaches_every_output"),
    m("hreflang-relative", "hreflang stays relative with base_url", "reportsite/render/pages.py",
      ("        alternates = languages if not base else tuple(",
       "        alternates = languages if True else tuple("),
      "tests/test_journal.py::test_base_url_makes_every_alternate_and_canonical_absolute"),
    m("robots-sub-path", "robots.txt under a sub-path", "reportsite/outputs/sitemap.py",
      ('urlsplit(config.base_url).path in ("", "/")', "True"),
      "tests/test_journal.py::test_base_url_makes_every_alternate_and_canonical_absolute"),
    m("codebook-derived-in-csv", "derived fields listed among the CSV's columns",
      "reportsite/theme/templates/codebook.md",
      ("{% for field in resource.fields %}", "{% for field in resource.all_fields %}"),
      "tests/test_data.py::test_codebooks_describe_exactly_the_columns_of_each_file"),
    m("xlsx-time-of-day", "the workbook stamped with the time of day", "reportsite/outputs/datafiles.py",
      ("    return fixed_zip(buffer.getvalue(), moment)",
       "    return fixed_zip(buffer.getvalue(), datetime.datetime.now())"),
      "tests/test_data.py::test_excel_workbooks_hold_the_csv_values_typed"),
    m("licence-pending-hidden", "the unconfirmed licence shown as confirmed",
      "reportsite/theme/templates/partials/license.html",
      ("{% if not site.license.confirmed %}", "{% if false %}"),
      "tests/test_journal.py::test_the_licence_is_shown_pending_until_confirmed"),
    m("issn-check-digit", "the ISSN check digit not verified", "reportsite/load/records.py",
      ("        if check != expected:", "        if False:"),
      f"{ERR}[config_article_issn_check_digit]"),
    # --- cache keys (reportsite/build/keys.py, build/checks.py, build/stamp.py) -----------
    m("key-nav-title", "page keys ignore the other pages' navigation titles",
      "reportsite/build/keys.py",
      ("for part in (page.path, page.title, page.nav_title, str(page.order),",
       "for part in (page.path, page.title, str(page.order),"),
      f"{CHANGE}[a page title (every page's navigation)]"),
    m("key-charts-data", "the charts' key ignores data/", "reportsite/render/charts.py",
      ('include=(f"{CHARTS_DIR}/", f"{DATA_DIR}/", f"{LOCALES_DIR}/", CONFIG_FILE)',
       'include=(f"{CHARTS_DIR}/", f"{LOCALES_DIR}/", CONFIG_FILE)'),
      f"{CHANGE}[a data value (tables and charts)]"),
    m("key-parity-languages", "the translation check's key ignores which language is first",
      "reportsite/build/checks.py",
      ("key = sha256(generator_digest(), *site.config.languages,",
       "key = sha256(generator_digest(),"),
      "tests/test_cache.py::test_the_translation_check_follows_which_language_is_the_original"),
    m("key-links-page", "a page's link check is kept when its HTML changes",
      "reportsite/build/checks.py",
      ("keys[path] = sha256(targets, path, outputs.sources.get(path, path), made_from)",
       "keys[path] = sha256(targets, path, outputs.sources.get(path, path))"),
      f"{CHANGE}[a broken link beside the same anchors]"),
    m("stamp-files", "'nothing changed' without looking at the output folder",
      "reportsite/build/stamp.py",
      ("    return stamp if list_output(out_dir) == written else None", "    return stamp"),
      "tests/test_cache.py::test_a_changed_or_removed_output_file_is_rebuilt"),
    # --- escaping ---------------------------------------------------------------------------
    m("jsonld-json-dumps", "JSON-LD written with plain json.dumps", "reportsite/render/pages.py",
      ('"jsonld": Markup(spec_json(jsonld)),',
       '"jsonld": Markup(__import__("json").dumps(jsonld)),'),
      f"{HOSTILE}::test_no_script_or_handler_outside_the_json_blocks[en/data.html-7]",
      f"{HOSTILE}::test_json_ld_holds_each_text_intact"),
    m("spec-json-dumps", "chart specs written with plain json.dumps", "reportsite/render/shortcodes.py",
      ("Markup(spec_json(form.spec))", 'Markup(__import__("json").dumps(form.spec))'),
      f"{HOSTILE}::test_chart_spec_holds_each_text_intact",
      "tests/test_charts.py::test_a_hostile_label_stays_inside_the_json"),
    m("spec-json-lt", "'<' not escaped in JSON blocks", "reportsite/render/charts.py",
      ('for char, escaped in (("<", "\\\\u003c"), (">", "\\\\u003e"),',
       'for char, escaped in ((">", "\\\\u003e"),'),
      "tests/test_charts.py::test_spec_json_cannot_break_out_of_its_script",
      f"{HOSTILE}::test_no_script_or_handler_outside_the_json_blocks[en/data.html-7]"),
    m("autoescape-off", "templates not autoescaped", "reportsite/render/templates.py",
      ('autoescape=jinja2.select_autoescape(["html", "xml"], default_for_string=True),',
       "autoescape=False,"),
      f"{HOSTILE}::test_titles_and_meta_tags_show_each_text_as_written",
      "tests/test_security.py::test_payloads_are_escaped_in_the_html"),
    m("gettext-unescaped", "UI strings from .po files trusted as HTML", "reportsite/render/templates.py",
      ("        text = escape(text)\n", "        text = Markup(text)\n"),
      "tests/test_security.py::test_payloads_are_escaped_in_the_html"),
    m("value-unescaped", "value() shortcode output trusted as HTML", "reportsite/render/shortcodes.py",
      ("return escape(format_value(column, record[field], self.fmt, self.lang).text)",
       "return Markup(format_value(column, record[field], self.fmt, self.lang).text)"),
      f"{HOSTILE}::test_data_texts_show_as_written_in_tables_codebooks_and_prose"),
    m("content-sandbox", "shortcodes run outside Jinja's sandbox", "reportsite/render/prose.py",
      ("_CONTENT = SandboxedEnvironment(", "_CONTENT = jinja2.Environment("),
      f"{ERR}[shortcode_sandbox]"),
    # --- atomic output (reportsite/build/writing.py) --------------------------------------
    m("write-in-place", "site/ overwritten in place, without a staging folder",
      "reportsite/build/writing.py",
      [('            staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))\n',
        "            staging = out_dir\n            out_dir.mkdir(exist_ok=True)\n"),
       ("            old = _swap(staging, out_dir)\n", "            old = None\n"),
       ("            shutil.rmtree(staging, ignore_errors=True)\n            raise\n",
        "            raise\n")],
      "tests/test_build.py::test_a_failure_while_writing_leaves_the_old_site"),
    m("swap-two-renames", "the swap done by two renames, with a moment without a site",
      "reportsite/build/writing.py",
      ("    if exchange(staging, out_dir):\n        return staging\n", ""),
      "tests/test_writing.py::test_a_build_killed_during_the_swap_leaves_a_site_and_the_next_one_cleans_up[after the exchange]"),
    m("out-foreign", "--out replaces a folder of the user's files", "reportsite/build/writing.py",
      ("    if not out_dir.is_dir() or (out_dir / OUTPUT_MARKER).is_file():\n        return []\n",
       "    return []\n"),
      "tests/test_writing.py::test_out_refuses_a_folder_holding_files_it_did_not_write"),
    m("leftovers-kept", "stale .site.* folders of killed builds left behind",
      "reportsite/build/writing.py",
      ("        remove_leftovers(out_dir)\n", ""),
      "tests/test_writing.py::test_a_build_killed_during_the_swap_leaves_a_site_and_the_next_one_cleans_up[between the renames]"),
    m("fixed-temp-names", "a cache entry written under a fixed temporary name",
      "reportsite/core/entries.py",
      ('    fd, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)\n',
       '    temporary = str(path) + ".tmp"\n    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)\n'),
      "tests/test_writing.py::test_two_builds_at_once_both_finish[build]"),
    # --- the cache that cannot run code (reportsite/core/signing.py, cache.py, sources.py) --
    m("cache-unsigned", "cache entries trusted without checking their signature",
      "reportsite/core/signing.py",
      ("    if not hmac.compare_digest(data[len(MAGIC):HEADER - 1], signature(name, payload)):\n"
       "        return None\n", ""),
      "tests/test_received.py::test_an_edited_cached_page_is_rendered_again_not_published",
      "tests/test_cache.py::test_an_entry_verifies_only_under_its_own_name_and_this_users_key"),
    m("cache-foreign-kept", "a received cache kept (not said, not emptied)", "reportsite/core/entries.py",
      ("    if found == mark:\n        return None\n", "    return None\n"),
      "tests/test_received.py::test_a_received_cache_runs_nothing_and_publishes_nothing_unaudited[build]"),
    m("yaml-aliases", "YAML aliases expanded", "reportsite/core/sources.py",
      ("        if id(node) in seen:\n", "        if False:\n"),
      "tests/test_received.py::test_a_yaml_alias_bomb_stops_at_once_in_bounded_memory[site.yaml]"),
    m("serve-symlinks", "the preview follows symlinks out of the site", "reportsite/commands/serve.py",
      ("    return real if real == folder or folder in real.parents else None\n",
       "    return real\n"),
      "tests/test_serve.py::test_symlinks_in_the_site_folder_never_lead_out"),
    # --- the preview's pages first (issue 30) -----------------------------------------------
    m("preview-pdf-first", "the preview waits for the PDF before swapping the pages in",
      "reportsite/commands/serve.py",
      ("        first = self.build(pages_first=self.version > 0)\n",
       "        first = self.build()\n"),
      "tests/test_serve.py::test_an_edit_shows_its_pages_before_the_pdf_then_the_site_build_makes"),
    m("partial-stamp", "a partial site gets the no-change stamp", "reportsite/build/builder.py",
      ("        if not result.partial:", "        if True:"),
      "tests/test_serve.py::test_an_edit_shows_its_pages_before_the_pdf_then_the_site_build_makes"),
    m("save-lost", "a save during the full build is not built", "reportsite/commands/serve.py",
      ("            changed = self.snapshot() != self.seen\n",
       "            changed = self.snapshot() != self.seen and self.version < 2\n"),
      "tests/test_serve.py::test_a_save_during_the_full_build_is_built_after_it_never_mixed"),
    m("messages-obsolete", "messages drops translations whose message left the site",
      "reportsite/commands/messages.py",
      ("sort_by_file=True, ignore_obsolete=False)", "sort_by_file=True, ignore_obsolete=True)"),
      "tests/test_messages.py::test_messages_keeps_translations_whose_message_left_the_site_as_obsolete"),
    # --- confinement (reportsite/core/paths.py, docs/SECURITY.md) ---------------------------
    m("paths-inside", "every path counts as inside the site folder", "reportsite/core/paths.py",
      ("        if real == base or real.startswith(base + os.sep):", "        if True:"),
      f"{ESCAPE}[static_symlink]", f"{ESCAPE}[content_symlink]",
      "tests/test_security.py::test_no_byte_outside_the_site_folder_is_read"),
    m("paths-dotdot", "'..' in a data path allowed while it stays inside", "reportsite/core/paths.py",
      ('    if ".." in posix.split("/"):', "    if False:"), f"{ESCAPE}[data_path_dotdot]"),
    m("links-leave", "links out of the site folder are only broken links",
      "reportsite/build/checks.py",
      ('        if target == ".." or target.startswith("../"):', "        if False:"),
      f"{ESCAPE}[page_images_and_links]", f"{ESCAPE}[reference_link]"),
    # --- the PDF (reportsite/outputs/pdf.py, outputs/printer.py) ----------------------------
    m("pdf-key-html", "a PDF's cache key leaves out its HTML (an edit keeps the old PDF)",
      "reportsite/outputs/pdf.py",
      ("                  *system_libraries(), static, html)",
       "                  *system_libraries(), static)"),
      "tests/test_pdf.py::test_an_unrelated_edit_prints_no_pdf_again"),
    m("pdf-links-virtual", "links to the site's pages keep WeasyPrint's made-up address",
      "reportsite/outputs/printer.py",
      ("        relink(document, posixpath.dirname(page), base_url)\n", ""),
      "tests/test_pdf.py::test_links_to_other_pages_stay_relative_without_base_url",
      "tests/test_pdf.py::test_a_site_with_base_url_links_absolutely"),
    m("pdf-chart-fonts", "chart text left in the system's sans-serif",
      "reportsite/outputs/printer.py",
      ("""    html = re.sub(' font-family="(?:sans-serif|Noto Serif)"', f' font-family="{SVG_FONTS}"', html)\n""",
       ""),
      "tests/test_pdf.py::test_a_chart_is_drawn_as_vectors_with_its_text_and_alternative"),
    m("pdf-margins-tagged", "the running head and page number stay tagged content, not artifacts",
      "reportsite/outputs/pdftags.py",
      ("            if artifacts.get(index):\n", "            if False:\n"),
      "tests/test_pdf.py::test_running_heads_and_page_numbers_are_artifacts"),
    m("pdf-lang-dropped", "a reference in another language gets no /Lang",
      "reportsite/outputs/pdftags.py",
      ('                element["Lang"] = pydyf.String(language)\n', "                pass\n"),
      "tests/test_pdf.py::test_each_reference_in_another_language_says_so"),
    # --- the JATS references (reportsite/load/references.py) -------------------------------
    m("references-invented", "a reference's field need not be in its text",
      "reportsite/load/references.py",
      ('        if " ".join(value.split()) not in text:\n', "        if False:\n"),
      "tests/test_errors.py::test_bad_input_is_reported_and_site_is_untouched"
      "[references_field_not_in_the_text]"),
    # --- translations (issue 28) ------------------------------------------------------------
    m("stale-hides-errors", "staleness reported instead of the render stage's errors",
      "reportsite/build/builder.py",
      ("raise SiteErrors(list(e.errors) + later) from e", "raise SiteErrors(later) from e"),
      "tests/test_translations.py::"
      "test_a_typo_under_a_stale_translation_is_reported_in_the_first_run"),
    m("key-translation-states", "page keys ignore the translations' states",
      "reportsite/build/keys.py",
      ('                    *(f"{key}/{lang}:{state.status}"\n'
       "                      for (key, lang), state in sorted(site.translations.items())),\n",
       ""),
      "tests/test_translations.py::test_a_stale_translation_says_so_to_its_readers"),
    m("import-numbers", "import lets a changed number through", "reportsite/commands/exchange.py",
      ('(("shortcodes", shortcodes_in), ("numbers", numbers_in))',
       '(("shortcodes", shortcodes_in),)'),
      "tests/test_exchange.py::test_a_changed_number_is_refused_with_its_line"),
    m("record-replace", "a changed segment of the original reported as removed and added",
      "reportsite/load/translations.py",
      ('paired = min(i2 - i1, j2 - j1) if op == "replace" else 0', "paired = 0"),
      "tests/test_translations.py::test_a_changed_heading_an_added_and_a_removed_paragraph"),
    m("epub-font-date", "the EPUB's fonts stamped with the time they were cut",
      "reportsite/outputs/epubfonts.py",
      ("TTFont(io.BytesIO(data), recalcTimestamp=False)", "TTFont(io.BytesIO(data))"),
      "tests/test_epub.py::test_made_again_from_a_cold_cache_in_another_time_zone_it_is_the_same_bytes"),
    m("epub-mimetype-deflated", "the EPUB's mimetype entry compressed",
      "reportsite/outputs/epub.py",
      ("        info.compress_type = zipfile.ZIP_STORED\n",
       "        info.compress_type = zipfile.ZIP_DEFLATED\n"),
      "tests/test_epub.py::test_the_container_is_reproducible_and_as_ocf_requires"),
    m("epub-noteref", "a note's mark not an EPUB noteref", "reportsite/outputs/epubxhtml.py",
      ('            link.set(EPUB_TYPE, "noteref")\n', ""),
      "tests/test_epub.py::test_notes_are_epub_footnotes_linked_both_ways"),
]


def check_snippets(mutations: list[Mutation]) -> list[str]:
    """Why some snippet cannot be applied (missing or not unique), per mutation."""
    problems = []
    for mutation in mutations:
        path = REPO / mutation.file
        if not path.is_file():
            problems.append(f"{mutation.name}: {mutation.file} does not exist")
            continue
        text = path.read_text(encoding="utf-8")
        for snippet, _ in mutation.edits:
            count = text.count(snippet)
            if count != 1:
                first = snippet.strip().splitlines()[0]
                problems.append(f"{mutation.name}: {mutation.file} has {count} copies of the "
                                f"snippet starting {first!r} (need exactly 1)")
    return problems


def run_tests(copy: Path, tests: tuple[str, ...]) -> tuple[int, list[str], str]:
    """pytest on tests in the copy: (exit status, the tests that failed or errored, output)."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    article = REPO.parent / "shared" / "source" / "article.md"
    env.setdefault("REPORTSITE_ARTICLE", str(article))
    result = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rfE", "-p", "no:cacheprovider",
                             *tests], cwd=copy, env=env,
                            capture_output=True, text=True, timeout=TIMEOUT)
    failed = [line.split(" ", 1)[1].split(" - ")[0] for line in result.stdout.splitlines()
              if line.startswith(("FAILED ", "ERROR "))]
    return result.returncode, failed, result.stdout + result.stderr


def markdown(mutations: list[Mutation]) -> str:
    lines = ["| mutation | file | the bug | killed by |", "|---|---|---|---|"]
    for mutation in mutations:
        tests = "<br>".join(f"`{t.removeprefix('tests/')}`" for t in mutation.tests)
        lines.append(f"| {mutation.name} | `{mutation.file}` | {mutation.what} | {tests} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", action="append", metavar="NAME", help="run only this mutation")
    parser.add_argument("--list", action="store_true", help="print the list as Markdown")
    args = parser.parse_args(argv)
    names = {mutation.name for mutation in MUTATIONS}
    assert len(names) == len(MUTATIONS), "mutation names must be unique"
    unknown = set(args.only or ()) - names
    if unknown:
        parser.error(f"unknown mutation(s): {', '.join(sorted(unknown))}")
    mutations = [x for x in MUTATIONS if not args.only or x.name in args.only]
    if args.list:
        print(markdown(mutations))
        return 0
    problems = check_snippets(mutations)
    if problems:
        print("make mutate: the code moved; update tests/mutate.py:", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 2

    # SIGTERM (a CI timeout, kill) ends the run through the finally below, like Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    work = Path(tempfile.mkdtemp(prefix="reportsite-mutate-"))
    try:
        copy = work / REPO.name
        shutil.copytree(REPO, copy, ignore=copy_ignore, symlinks=True)
        if (REPO / ".venv").exists():  # the CFF schema and vnu live there
            (copy / ".venv").symlink_to(REPO / ".venv")
        every_test = tuple(dict.fromkeys(t for x in mutations for t in x.tests))
        started = time.perf_counter()
        code, failed, output = run_tests(copy, every_test)
        if code != 0:
            print(output[-5000:], file=sys.stderr)
            print(f"make mutate: the tests fail (exit {code}) before any mutation: "
                  f"{failed}", file=sys.stderr)
            return 2
        print(f"unmutated: {len(every_test)} test(s) pass ({time.perf_counter() - started:.0f} s)")

        survived, broken = [], []
        for n, mutation in enumerate(mutations, 1):
            path = copy / mutation.file
            original = path.read_text(encoding="utf-8")
            mutated = original
            for snippet, replacement in mutation.edits:
                mutated = mutated.replace(snippet, replacement, 1)
            started = time.perf_counter()
            try:
                path.write_text(mutated, encoding="utf-8")
                code, failed, output = run_tests(copy, mutation.tests)
            except subprocess.TimeoutExpired:
                code, failed, output = 1, ["(timed out)"], ""
            finally:
                path.write_text(original, encoding="utf-8")
            seconds = time.perf_counter() - started
            label = f"[{n}/{len(mutations)}] {mutation.name} ({mutation.file}): {mutation.what}"
            if code == 0:
                survived.append(mutation)
                print(f"SURVIVED {label}; {', '.join(mutation.tests)} passed ({seconds:.0f} s)")
            elif code == 1:
                print(f"killed   {label}; by {', '.join(failed)} ({seconds:.0f} s)")
            else:  # 2: interrupted or a collection error; 4: usage (a test id not found); 5: none
                broken.append(mutation)
                print(f"BROKEN   {label}: pytest exited {code}\n{output[-3000:]}")
        killed = len(mutations) - len(survived) - len(broken)
        print(f"\nmutation score: {killed}/{len(mutations)} killed"
              f" ({100 * killed / len(mutations):.0f} %)")
        for mutation in survived:
            print(f"  survived: {mutation.name}: {mutation.what} ({mutation.file})")
        for mutation in broken:
            print(f"  could not run: {mutation.name} (see above)")
        return 2 if broken else 1 if survived else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
