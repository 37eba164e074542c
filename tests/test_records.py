"""Records a journal or an indexer can trust: no output states a licence for machines
before the authors confirm it (read over every file of the build, both ways), and the
RO-Crate passes roc-validator's REQUIRED and RECOMMENDED checks for RO-Crate 1.2 but
those whose facts the source does not give."""

from __future__ import annotations

import importlib.resources
import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
import yaml

from conftest import REPO, write_files
from reportsite.build.pipeline import render_site
from reportsite.load.site import load_site

URL = "https://creativecommons.org/licenses/by/4.0/"
SPDX = "CC-BY-4.0"
ALI = "{http://www.niso.org/schemas/ali/1.0/}license_ref"
HREF = "{http://www.w3.org/1999/xlink}href"
KERNEL = "{http://datacite.org/schema/kernel-4}"
JSONLD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
# Where a licence may be named in text for people: the licence file itself.
TEXT_ONLY = {"LICENSE.txt"}


def licence_claims(path: str, data: bytes) -> list[str]:
    """Every place in one output file where a machine reads a licence as granted."""
    found = []
    if path.endswith(".html"):
        text = data.decode()
        if 'rel="license"' in text:
            found.append("rel=license")
        for block in JSONLD.findall(text):
            found += [f"JSON-LD {p}" for p in json_licences(json.loads(block))]
    elif path.endswith(".json"):
        found += [f"JSON {p}" for p in json_licences(json.loads(data))]
    elif path.endswith(".xml") and path != "sitemap.xml":
        root = ET.fromstring(data)
        found += ["license/@xlink:href" for e in root.iter("license") if e.get(HREF)]
        found += ["ali:license_ref" for _ in root.iter(ALI)]
        found += ["DataCite rights" for e in root.iter(f"{KERNEL}rights")
                  if e.get("rightsURI") or e.get("rightsIdentifier")]
    elif path == "CITATION.cff":
        cff = yaml.safe_load(data)
        found += ["CFF " + where for where, entry in (("license", cff),
                                                      ("preferred-citation", cff["preferred-citation"]))
                  if "license" in entry]
    elif path.endswith((".bib", ".ris")) and re.search(rb"(?im)^\s*(license|copyright|C7  -)", data):
        found.append("citation licence field")
    if path.endswith(".pdf") and (URL.encode() in data or b"xmpRights" in data):
        found.append("PDF licence URL or XMP rights")
    if path not in TEXT_ONLY and not path.endswith(".pdf") and URL.encode() in data:
        found.append("the licence's URL")
    return found


def json_licences(value, where: str = "") -> list[str]:
    """Keys license/licenses anywhere in a JSON value whose value names the licence (its
    URL or SPDX id), and RO-Crate's licence entities with its URL."""
    found = []
    if isinstance(value, dict):
        for key, item in value.items():
            if key in ("license", "licenses") and (URL in json.dumps(item) or SPDX in json.dumps(item)):
                found.append(f"{where}/{key}")
            found += json_licences(item, f"{where}/{key}")
        if value.get("@id") == URL:
            found.append(f"{where} entity {URL}")
    elif isinstance(value, list):
        for n, item in enumerate(value):
            found += json_licences(item, f"{where}[{n}]")
    return found


def test_no_output_states_the_pending_licence_for_machines(real_site):
    """Every file of the real site's build (license_confirmed: false) is read: none
    carries the licence in a field for machines; the statement stays in text."""
    site, outputs = real_site
    assert site.config.license.confirmed is False
    claims = {path: found for path in sorted(outputs.files)
              if (found := licence_claims(path, outputs.files[path]))}
    assert claims == {}
    pending = "pending the authors' confirmation"
    for path in ("LICENSE.txt", "en/article.html", "datacite.xml", "en/kazakhstan-migration-en.xml"):
        assert pending in outputs.files[path].decode().replace("&#39;", "'"), path
    crate = json.loads(outputs.files["ro-crate-metadata.json"])
    [entity] = [e for e in crate["@graph"] if e["@id"] == "#license-pending"]
    assert "pending the authors' confirmation" in entity["description"]


@pytest.fixture(scope="module")
def confirmed(tmp_path_factory, real_cache):
    """The real site with license_confirmed: true, rendered (its cache shared)."""
    root = tmp_path_factory.mktemp("confirmed") / "site-src"
    shutil.copytree(REPO, root, ignore=shutil.ignore_patterns(
        "site", "dist", ".venv", ".git", ".cache", "__pycache__", "tests", ".bench-venv"))
    config = (root / "site.yaml").read_text(encoding="utf-8")
    write_files(root, {"site.yaml": config.replace("license_confirmed: false",
                                                   "license_confirmed: true")})
    return render_site(load_site(root, strict=True, cache_dir=real_cache), jobs=2)


def test_once_confirmed_every_record_states_the_licence(confirmed):
    files = confirmed.files
    claims = {path: licence_claims(path, files[path]) for path in sorted(files)}
    expected = {
        "datacite.xml": ["DataCite rights", "the licence's URL"],
        "CITATION.cff": ["CFF license", "CFF preferred-citation"],
        "data/datapackage.json": ["JSON /licenses", "the licence's URL"],
    }
    for path, found in expected.items():
        assert set(found) <= set(claims[path]), (path, claims[path])
    for lang in ("kk", "ru", "en"):
        jats = claims[f"{lang}/kazakhstan-migration-{lang}.xml"]
        assert {"license/@xlink:href", "ali:license_ref"} <= set(jats)
        assert "JSON-LD [0]/license" in claims[f"{lang}/article.html"]
        assert "JSON-LD [1]/license" in claims[f"{lang}/data.html"]
        assert "rel=license" in claims[f"{lang}/index.html"]
    crate = claims["ro-crate-metadata.json"]
    assert any(c.startswith("JSON ") and c.endswith("/license") for c in crate), crate
    assert "pending" not in files["LICENSE.txt"].decode()


# roc-validator


# What the source does not state, so the crate cannot say it (each a RECOMMENDED check):
NOT_STATED = {
    "ro-crate-1.2_56.1": "publisher: the source names none (DataCite says (:unav))",
    "ro-crate-1.2_91.0": "ORCID: the source gives none for either author",
    "ro-crate-1.2_89.0": "ROR id of the institutions: the source gives none",
    "ro-crate-1.2_86.2": "a URL of the institutions: the source gives none",
    "ro-crate-1.2_90.1": "a contact point of the institutions: the source gives none",
    "ro-crate-1.2_85.0": "an absolute licence URL: no licence is granted until the authors "
                         "confirm it (the entity is the local #license-pending)",
    # index.html and SHA256SUMS.txt are made after the crate (the checksums list its own),
    # so their sizes cannot be in it.
    "ro-crate-1.2_64.1": "contentSize of index.html and SHA256SUMS.txt",
}


def roc_validate(folder, severity: str):
    """roc-validator on a built site, the RO-Crate 1.2 JSON-LD context served from the
    rocrate library's bundled RO-Crate context (the network is closed; it is the only
    remote resource the checks ask for: any other request fails the test)."""
    import requests
    from rocrate_validator import services
    from rocrate_validator.models import Severity, ValidationSettings
    import rocrate_validator.utils.http as http
    from rocrate_validator.utils.document_loader import install_document_loader

    context = importlib.resources.files("rocrate").joinpath("data/ro-crate.jsonld").read_bytes()
    asked = []

    def get(self, url, *args, **kwargs):
        asked.append(url)
        response = requests.Response()
        response.url, response.status_code, response._content = url, 404, b"{}"
        if url.rstrip("/") == "https://w3id.org/ro/crate/1.2/context":
            response.status_code, response._content = 200, context
            response.headers["Content-Type"] = "application/ld+json"
        return response

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(http.HttpRequester, "get", get, raising=False)
        patch.setattr(http.HttpRequester, "head", get, raising=False)
        install_document_loader()
        result = services.validate(ValidationSettings(
            rocrate_uri=str(folder), profile_identifier="ro-crate-1.2",
            requirement_severity=getattr(Severity, severity), no_cache=True,
            skip_availability_check=True))
    assert set(asked) <= {"https://w3id.org/ro/crate/1.2/context"}, asked
    return result


def test_roc_validator_required_and_recommended(real_built):
    """One run at RECOMMENDED, which runs the REQUIRED checks too (two runs took 64 s)."""
    from rocrate_validator.models import Severity

    recommended = roc_validate(real_built, "RECOMMENDED")
    assert recommended.passed(Severity.REQUIRED), [
        (i.check.identifier, i.message) for i in recommended.get_issues(Severity.REQUIRED)]
    assert any(i.severity == Severity.RECOMMENDED for i in recommended.get_issues())
    failed = sorted({issue.check.identifier for issue in recommended.get_issues()})
    assert failed == sorted(NOT_STATED), [
        (i.check.identifier, i.message) for i in recommended.get_issues()
        if i.check.identifier not in NOT_STATED]
