"""Vendoring for the theme's maintainers (make vendor-vega, make vendor-licenses); builds
never run this module.

- The notices of the vega runtime: vl-convert's javascript_bundle() is vega, vega-lite and
  vega-embed with their dependencies (d3 modules and a few more), whose licences (BSD-3,
  ISC, MIT) require their copyright notices beside the code. The package versions are the
  ones vl-convert carries (read from its library), installed from npm with those versions
  forced; each package's own licence file is copied.
- Full licence texts: from the npm package spdx-license-list, which ships the SPDX License
  List's texts; the ones a report is likely to use are kept in the theme.

  python -m reportsite.commands.vendor vega-packages > package.json     # versions vl-convert carries
  python -m reportsite.commands.vendor vega-notices NODE_MODULES        # writes the notices
  python -m reportsite.commands.vendor licenses NODE_MODULES            # writes the licence texts
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from reportsite.core.layout import THEME
from reportsite.outputs.documents import notices_path
from reportsite.render.charts import vl_convert_version

LICENSES_DIR = THEME / "licenses"
LICENSE_SOURCE = LICENSES_DIR / "SOURCE"  # "spdx-license-list@<version>"
# The licences whose full text the theme carries: Creative Commons 4.0, CC0 and the Open
# Data Commons licences, the ones a report's text, figures or data are usually under.
VENDORED_LICENSES = ("CC-BY-4.0", "CC-BY-SA-4.0", "CC-BY-NC-4.0", "CC-BY-NC-SA-4.0",
                     "CC-BY-ND-4.0", "CC-BY-NC-ND-4.0", "CC0-1.0", "ODC-By-1.0", "ODbL-1.0",
                     "PDDL-1.0")
# Dependencies that serve the packages' command-line tools or type checking, never the
# browser bundle: their notices are not needed for the runtime.
NOT_BUNDLED = {"yargs", "commander", "iconv-lite", "rw", "vega-typings"}
# Versions vl-convert carries that the npm registry does not serve (unpublished): the
# nearest patch release stands in for the notice, and the entry says so.
NOT_ON_NPM = {"robust-predicates": "3.0.0"}
NPM_MODULE_RE = re.compile(rb"npm/((?:@[a-z0-9-]+/)?[a-z0-9._-]+)@(\d+\.\d+\.\d+[0-9A-Za-z.+-]*?)/")


def carried_packages() -> dict[str, str]:
    """The npm packages vl-convert carries and their versions, read from its library
    (for vega-lite, which it carries in several versions, the newest: the bundle's)."""
    import vl_convert

    found: dict[str, list[str]] = {}
    for library in Path(vl_convert.__file__).parent.glob("vl_convert*.*"):
        if library.suffix in (".so", ".pyd", ".dylib"):
            for name, version in NPM_MODULE_RE.findall(library.read_bytes()):
                found.setdefault(name.decode(), []).append(version.decode())
    versions = {name: max(set(v), key=lambda s: [int(x) for x in re.findall(r"\d+", s)])
                for name, v in found.items()}
    versions["vega"] = vl_convert.get_vega_version()
    versions["vega-embed"] = vl_convert.get_vega_embed_version()
    return versions


def vega_package_json() -> str:
    """A package.json that installs the bundle's roots with every carried version forced."""
    versions = carried_packages()
    roots = {name: versions[name] for name in ("vega", "vega-lite", "vega-embed")}
    overrides = {name: (f"~{version}" if NOT_ON_NPM.get(name) == version else version)
                 for name, version in sorted(versions.items()) if name not in roots}
    return json.dumps({"name": "vega-runtime-notices", "private": True,
                       "dependencies": roots, "overrides": overrides}, indent=2) + "\n"


def _license_file(folder: Path) -> Path | None:
    """A package's licence file (LICENSE, LICENSE.md, license, LICENCE.txt, ...)."""
    candidates = sorted(p for p in folder.iterdir()
                        if p.is_file() and re.match(r"(?i)^licen[cs]e([.-].*)?$", p.name))
    return candidates[0] if candidates else None


def bundle_notices(node_modules: Path) -> list[dict[str, str]]:
    """Name, version, licence and notice of every package the runtime is made of: the
    dependencies of vega, vega-lite and vega-embed, followed from their package.json."""
    seen: dict[str, dict[str, str]] = {}
    todo = ["vega", "vega-lite", "vega-embed"]
    while todo:
        name = todo.pop()
        if name in seen or name in NOT_BUNDLED or name.startswith("@types/"):
            continue
        folder = node_modules / name
        meta = json.loads((folder / "package.json").read_text(encoding="utf-8"))
        licence = _license_file(folder)
        if licence is None:
            raise SystemExit(f"{name}@{meta['version']} has no licence file in {folder}")
        seen[name] = {"name": name, "version": meta["version"], "license": meta["license"],
                      "notice": licence.read_text(encoding="utf-8").strip() + "\n"}
        todo += sorted(meta.get("dependencies", {}))
    return [seen[name] for name in sorted(seen)]


def write_vega_notices(node_modules: Path) -> Path:
    """Write the notices of the vendored runtime (make vendor-vega)."""
    carried = carried_packages()
    notices = bundle_notices(node_modules)
    for entry in notices:
        bundled = carried.get(entry["name"], entry["version"])
        if bundled != entry["version"]:
            if NOT_ON_NPM.get(entry["name"]) != bundled:
                raise SystemExit(f"{entry['name']}: npm installed {entry['version']}, vl-convert "
                                 f"carries {bundled}; install with vega-packages")
            entry["notice_from"] = entry["version"]  # the nearest release npm serves
            entry["version"] = bundled
    path = notices_path(vl_convert_version())
    path.write_text(json.dumps(notices, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def write_licenses(node_modules: Path) -> list[Path]:
    """Copy the full texts of VENDORED_LICENSES from spdx-license-list (make vendor-licenses)."""
    package = node_modules / "spdx-license-list"
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    LICENSES_DIR.mkdir(exist_ok=True)
    written = []
    for spdx in VENDORED_LICENSES:
        text = json.loads((package / "licenses" / f"{spdx}.json").read_text(encoding="utf-8"))
        path = LICENSES_DIR / f"{spdx}.txt"
        path.write_text(text["licenseText"], encoding="utf-8")
        written.append(path)
    LICENSE_SOURCE.write_text(f"spdx-license-list@{version}\n", encoding="utf-8")
    return written


if __name__ == "__main__":
    command, *args = sys.argv[1:] or ["help"]
    if command == "vega-packages":
        print(vega_package_json(), end="")
    elif command == "vega-notices":
        print(write_vega_notices(Path(args[0])))
    elif command == "licenses":
        print("\n".join(str(p) for p in write_licenses(Path(args[0]))))
    else:
        raise SystemExit(__doc__)
