"""One rendered page per language of the tiny fixture site, byte for byte as reviewed
(tests/golden/; `make golden` refreshes them on purpose)."""

from __future__ import annotations

import difflib

from golden import GOLDEN, golden_names, rendered


def test_each_language_renders_its_golden_page(tiny_site):
    site, outputs = tiny_site
    assert sorted(p.name for p in GOLDEN.glob("*.html")) == \
        sorted(golden_names(site.config.languages).values())
    for name, data in rendered(outputs, site.config.languages).items():
        expected = (GOLDEN / name).read_bytes()
        if data != expected:
            diff = difflib.unified_diff(expected.decode().splitlines(), data.decode().splitlines(),
                                        f"tests/golden/{name}", "rendered now", lineterm="", n=1)
            raise AssertionError("\n".join(list(diff)[:40]) + "\n(if the change is intended: "
                                 "make golden, and review the diff)")
