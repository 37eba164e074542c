"""What the theme vendors is what the pinned packages ship: the full licence texts (from
spdx-license-list) and the notices of the vega runtime (for the versions vl-convert
carries)."""

from __future__ import annotations

import json
import re

from conftest import REPO, missing
from reportsite.commands.vendor import (LICENSES_DIR, LICENSE_SOURCE, NOT_BUNDLED,
                                        VENDORED_LICENSES, carried_packages)
from reportsite.outputs.documents import notices_path
from reportsite.render.charts import vl_convert_version

PACKAGE = REPO / ".venv" / "node" / "node_modules" / "spdx-license-list"


def test_licence_texts_are_the_pinned_packages_texts():
    if not PACKAGE.is_dir():
        missing(f"{PACKAGE} is missing", "make test installs spdx-license-list from npm")
    version = json.loads((PACKAGE / "package.json").read_text())["version"]
    pinned = re.search(r"^SPDX_LICENSE_LIST := (\S+)$", (REPO / "Makefile").read_text(), re.M)
    assert pinned and pinned.group(1) == version
    assert LICENSE_SOURCE.read_text().strip() == f"spdx-license-list@{version}"
    assert sorted(p.stem for p in LICENSES_DIR.glob("*.txt")) == sorted(VENDORED_LICENSES)
    for spdx in VENDORED_LICENSES:
        shipped = json.loads((PACKAGE / "licenses" / f"{spdx}.json").read_text())["licenseText"]
        assert (LICENSES_DIR / f"{spdx}.txt").read_text(encoding="utf-8") == shipped, spdx
    assert "Creative Commons Attribution 4.0 International" in \
        (LICENSES_DIR / "CC-BY-4.0.txt").read_text(encoding="utf-8")


def test_runtime_notices_cover_every_package_vl_convert_carries():
    path = notices_path(vl_convert_version())
    assert path.is_file(), "make vendor-vega writes the notices beside the runtime"
    notices = {entry["name"]: entry for entry in json.loads(path.read_text(encoding="utf-8"))}
    carried = carried_packages()
    for root in ("vega", "vega-lite", "vega-embed"):
        assert notices[root]["version"] == carried[root], root
    bundled = {name: version for name, version in carried.items()
               if name.startswith(("d3-", "vega")) and name not in NOT_BUNDLED}
    assert len(bundled) > 40
    for name, version in bundled.items():
        assert name in notices and notices[name]["version"] == version, name
    for entry in notices.values():
        assert entry["license"] in ("BSD-3-Clause", "ISC", "MIT", "0BSD", "Unlicense"), entry["name"]
        assert re.search(r"Copyright|public domain", entry["notice"]), entry["name"]
