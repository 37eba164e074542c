"""Re-make the vendored search runtime from the pinned npm packages (make vendor-search).

  reportsite/theme/runtime/minisearch.js  MiniSearch's UMD build, unchanged, under its
                                          licence notice
  reportsite/theme/runtime/snowball.js    the English and Russian stemmers of
                                          snowball-stemmers (the rest of its 24 languages
                                          left out), under its notice

Usage: make vendor-search, which installs the packages this script pins (python
tools/vendor_search.py --packages prints them) and runs python tools/vendor_search.py
NODE_MODULES. It refuses other versions: the Python stemmer (PyStemmer 2.2,
requirements.txt) is pinned to match this JS word for word (tests/test_search.py).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNTIME = REPO / "reportsite" / "theme" / "runtime"
MINISEARCH = "7.2.0"
SNOWBALL_STEMMERS = "0.6.0"
ALGORITHMS = ("english", "russian")  # what reportsite.outputs.stemming.SNOWBALL uses
STEMMER_START = re.compile(r"^    var (\w+)Stemmer = function \(_SnowballStemmer\d*\) \{$")
FACTORY = re.compile(r"^    function newStemmer\(lng\) \{$")


def package_version(folder: Path) -> str:
    """The version in a package's package.json."""
    return json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]


def vendor_minisearch(modules: Path) -> str:
    """MiniSearch's UMD build (a classic script that sets window.MiniSearch)."""
    folder = modules / "minisearch"
    license_text = (folder / "LICENSE.txt").read_text(encoding="utf-8").strip()
    code = (folder / "dist" / "umd" / "index.js").read_text(encoding="utf-8")
    code = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", code)
    return (f"/*! MiniSearch {MINISEARCH} (npm minisearch@{MINISEARCH}, dist/umd/index.js), "
            f"vendored by tools/vendor_search.py.\n * https://github.com/lucaong/minisearch\n\n"
            + license_text + "\n*/\n" + code)


def vendor_snowball(modules: Path) -> str:
    """The shared Snowball runtime plus the English and Russian stemmers, with a factory
    that knows only those (window.snowballFactory.newStemmer(name).stem(word))."""
    lines = (modules / "snowball-stemmers" / "snowball-stemmers.js").read_text(
        encoding="utf-8").split("\n")
    starts = [n for n, line in enumerate(lines) if STEMMER_START.match(line)]
    factory = next(n for n, line in enumerate(lines) if FACTORY.match(line))
    kept = lines[:starts[0]]
    for start, end in zip(starts, starts[1:] + [factory]):
        if STEMMER_START.match(lines[start]).group(1) in ALGORITHMS:
            kept += lines[start:end]
    entries = ",\n".join(f"            {name}: {name}Stemmer" for name in ALGORITHMS)
    names = ", ".join(f"'{name}'" for name in ALGORITHMS)
    tail = "\n".join(lines[factory:])
    tail = re.sub(r"var stemMap = \{.*?\};", "var stemMap = {\n" + entries + "\n        };",
                  tail, count=1, flags=re.S)
    tail = re.sub(r"return \[[^\]]*\];", f"return [{names}];", tail, count=1)
    return (f"/*! snowball-stemmers {SNOWBALL_STEMMERS} (npm snowball-stemmers@"
            f"{SNOWBALL_STEMMERS}, snowball-stemmers.js), the {' and '.join(ALGORITHMS)} "
            "stemmers only;\n * vendored by tools/vendor_search.py.\n"
            " * https://github.com/mazko/jssnowball - ISC License, Copyright (c) Oleg Mazko.\n"
            " * A JavaScript port of the Snowball stemmers (https://snowballstem.org/):\n"
            " * BSD-3-Clause, Copyright (c) 2001, Dr Martin Porter; Copyright (c) 2002,\n"
            " * Richard Boulton. All rights reserved.\n*/\n"
            # wrapped, so that its helpers (_typeof, ...) do not become globals
            "(function () {\n" + "\n".join(kept) + "\n" + tail + "\n}).call(this);\n")


def vendored(modules: Path) -> dict[str, str]:
    """File name -> the text vendoring makes from the packages in modules."""
    return {"minisearch.js": vendor_minisearch(modules), "snowball.js": vendor_snowball(modules)}


def main(modules: Path) -> None:
    """Check the versions, then write both files."""
    for name, pinned in (("minisearch", MINISEARCH), ("snowball-stemmers", SNOWBALL_STEMMERS)):
        found = package_version(modules / name)
        if found != pinned:
            sys.exit(f"{name} {found} in {modules}, but {pinned} is pinned")
    for name, text in vendored(modules).items():
        (RUNTIME / name).write_text(text, encoding="utf-8")
        print(f"wrote {RUNTIME / name}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--packages"]:
        print(f"minisearch@{MINISEARCH} snowball-stemmers@{SNOWBALL_STEMMERS}")
    else:
        main(Path(sys.argv[1]).resolve())
