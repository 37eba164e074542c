"""Re-make the vendored search runtime from the pinned npm packages (make vendor-search).

  reportsite/theme/runtime/snowball-english.js  the shared Snowball runtime of
  reportsite/theme/runtime/snowball-russian.js  snowball-stemmers with one stemmer each
                                                (the rest of its 24 languages left out),
                                                minified by terser, under its notice
  reportsite/theme/runtime/search.min.js        the theme's own search.js and
  reportsite/theme/runtime/search-words.min.js  search-words.js, minified by terser (what
                                                the site ships; the sources are what one
                                                reads and edits: re-run after a change)

One file per language, so that a reader's first search loads only its own language's
stemmer (the English one and the runtime are 76 KB as published, 29 KB minified: the
first query on this site must stay under 60 KB in all, docs/BENCHMARKS.md).

Usage: make vendor-search, which installs the packages this script pins (python
tools/vendor_search.py --packages prints them) and runs python tools/vendor_search.py
NODE_MODULES. It refuses other versions: the Python stemmer (PyStemmer 2.2,
requirements.txt) is pinned to match this JS word for word (tests/test_search.py), and
terser's output is what is checked in.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
RUNTIME = REPO / "reportsite" / "theme" / "runtime"
SNOWBALL_STEMMERS = "0.6.0"
TERSER = "5.51.2"
PINNED = {"snowball-stemmers": SNOWBALL_STEMMERS, "terser": TERSER}
OWN = ("search", "search-words")  # the theme's scripts, shipped minified
ALGORITHMS = ("english", "russian")  # what reportsite.outputs.stemming.SNOWBALL uses
STEMMER_START = re.compile(r"^    var (\w+)Stemmer = function \(_SnowballStemmer\d*\) \{$")
FACTORY = re.compile(r"^    function newStemmer\(lng\) \{$")


def package_version(folder: Path) -> str:
    """The version in a package's package.json."""
    return json.loads((folder / "package.json").read_text(encoding="utf-8"))["version"]


def vendor_snowball(modules: Path, algorithm: str) -> str:
    """The shared Snowball runtime plus one stemmer, with a factory that knows only it
    (window.snowballFactory.newStemmer(name).stem(word)), minified."""
    lines = (modules / "snowball-stemmers" / "snowball-stemmers.js").read_text(
        encoding="utf-8").split("\n")
    starts = [n for n, line in enumerate(lines) if STEMMER_START.match(line)]
    factory = next(n for n, line in enumerate(lines) if FACTORY.match(line))
    kept = lines[:starts[0]]
    for start, end in zip(starts, starts[1:] + [factory]):
        if STEMMER_START.match(lines[start]).group(1) == algorithm:
            kept += lines[start:end]
    tail = "\n".join(lines[factory:])
    tail = re.sub(r"var stemMap = \{.*?\};",
                  f"var stemMap = {{\n            {algorithm}: {algorithm}Stemmer\n        }};",
                  tail, count=1, flags=re.S)
    tail = re.sub(r"return \[[^\]]*\];", f"return ['{algorithm}'];", tail, count=1)
    # wrapped, so that its helpers (_typeof, ...) do not become globals
    code = "(function () {\n" + "\n".join(kept) + "\n" + tail + "\n}).call(this);\n"
    return (f"/*! snowball-stemmers {SNOWBALL_STEMMERS} (npm snowball-stemmers@"
            f"{SNOWBALL_STEMMERS}, snowball-stemmers.js), the {algorithm} stemmer only;\n"
            f" * vendored by tools/vendor_search.py, minified by terser {TERSER}.\n"
            " * https://github.com/mazko/jssnowball - ISC License, Copyright (c) Oleg Mazko.\n"
            " * A JavaScript port of the Snowball stemmers (https://snowballstem.org/):\n"
            " * BSD-3-Clause, Copyright (c) 2001, Dr Martin Porter; Copyright (c) 2002,\n"
            " * Richard Boulton. All rights reserved.\n*/\n" + minify(modules, code))


def minify(modules: Path, code: str) -> str:
    """code minified by the pinned terser (compressed and its local names shortened)."""
    terser = modules / "terser" / "bin" / "terser"
    result = subprocess.run(["node", str(terser), "--compress", "--mangle", "--ecma", "5",
                             "--comments", "false"], input=code, capture_output=True,
                            text=True, check=True, timeout=300)
    return result.stdout.rstrip("\n") + "\n"


def vendored(modules: Path) -> dict[str, str]:
    """File name -> the text vendoring makes from the packages in modules."""
    files = {f"snowball-{algorithm}.js": vendor_snowball(modules, algorithm)
             for algorithm in ALGORITHMS}
    for name in OWN:
        source = (RUNTIME / f"{name}.js").read_text(encoding="utf-8")
        files[f"{name}.min.js"] = (f"/* reportsite/theme/runtime/{name}.js, minified by terser "
                                   f"{TERSER} (make vendor-search). */\n" + minify(modules, source))
    return files


def main(modules: Path) -> None:
    """Check the versions, then write the files."""
    for name, pinned in PINNED.items():
        found = package_version(modules / name)
        if found != pinned:
            sys.exit(f"{name} {found} in {modules}, but {pinned} is pinned")
    for name, text in vendored(modules).items():
        (RUNTIME / name).write_text(text, encoding="utf-8")
        print(f"wrote {RUNTIME / name}")


if __name__ == "__main__":
    if sys.argv[1:] == ["--packages"]:
        print(" ".join(f"{name}@{version}" for name, version in PINNED.items()))
    else:
        main(Path(sys.argv[1]).resolve())
