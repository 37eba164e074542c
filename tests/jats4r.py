"""The JATS4R schematrons (npm @jats4r/schematrons), compiled by SchXslt and run by
SaxonC-HE (saxonche) over JATS documents parsed with their DTD (npm @jats4r/dtds), so
that ID attributes are IDs, as JATS4R's checks expect.

Three things between the packages, each said where it is done:
- the DTD is the one the package's OASIS catalog names for the document's public
  identifier, as lxml finds it in test_supplement.py; Saxon reads it relative to the
  document's base URI, set to the DTD's address (SaxonC 13.1.1's own catalog resolution,
  set_catalog_files, fails on every second document it parses: "I/O error reported by
  XML parser");
- the XML parser's entity limits are the JDK's defaults (64,000 expansions, 50,000,000
  characters in all), set through Saxon's parserProperty feature: SaxonC's parser comes
  with 2,500 and 100,000, which the JATS DTD's modules alone exceed;
- jats4r.sch declares XSLT functions after its patterns and uses the xsd: prefix without
  declaring it (the ISO skeleton it was written for takes functions anywhere and declares
  xsd: itself); SchXslt 1.10 copies only the functions before the first pattern, so the
  schema is given to it with its functions first and an <ns prefix="xsd">.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from conftest import REPO

VENV = REPO / ".venv"
SCHEMATRONS = VENV / "jats4r-node" / "node_modules" / "@jats4r" / "schematrons" / "schematrons"
DTDS = VENV / "jats4r-node" / "node_modules" / "@jats4r" / "dtds" / "schema"
SCHXSLT_WHEEL = VENV / "schemas" / "camat-0.2.8-py3-none-any.whl"
SCH = "http://purl.oclc.org/dsdl/schematron"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
XSL = "http://www.w3.org/1999/XSL/Transform"
PARSER_PROPERTY = ("http://saxon.sf.net/feature/parserProperty?uri="
                   "http%3A//www.oracle.com/xml/jaxp/properties/")
LIMITS = {"entityExpansionLimit": "64000", "totalEntitySizeLimit": "50000000"}


def installed() -> bool:
    return (SCHEMATRONS / "1.0" / "jats4r.sch").is_file() and SCHXSLT_WHEEL.is_file() \
        and (DTDS / "catalog.xml").is_file()


def catalog_dtd(public_id: str) -> Path:
    """The DTD the package's OASIS catalog gives for a public identifier."""
    catalog = etree.parse(str(DTDS / "catalog.xml"))
    [uri] = [e.get("uri") for e in catalog.iter("{*}public") if e.get("publicId") == public_id]
    return DTDS / uri


def schema_for_schxslt() -> str:
    """jats4r.sch with its XSLT functions before its patterns and the xsd: prefix declared."""
    schema = etree.parse(str(SCHEMATRONS / "1.0" / "jats4r.sch"))
    root = schema.getroot()
    last_ns = root.findall(f"{{{SCH}}}ns")[-1]
    for function in reversed(root.findall(f"{{{XSL}}}function")):
        last_ns.addnext(function)
    last_ns.addnext(etree.Element(f"{{{SCH}}}ns", prefix="xsd",
                                  uri="http://www.w3.org/2001/XMLSchema"))
    return etree.tostring(schema, encoding="unicode")


def findings(documents: dict[str, bytes], public_id: str, work: Path
             ) -> dict[str, dict[str, list[str]]]:
    """For each document: its findings in each phase ("errors", "warnings"), as text."""
    from saxonche import PySaxonProcessor

    with zipfile.ZipFile(SCHXSLT_WHEEL) as wheel:  # SchXslt's own files, unmodified
        wheel.extractall(work, [n for n in wheel.namelist() if "/schxslt/" in n])
    [pipeline] = work.rglob("schxslt/pipeline-for-svrl.xsl")
    dtd = catalog_dtd(public_id)
    found: dict[str, dict[str, list[str]]] = {path: {} for path in documents}
    with PySaxonProcessor(license=False) as saxon:
        for name, value in LIMITS.items():
            saxon.set_configuration_property(PARSER_PROPERTY + name, value)
        builder = saxon.new_document_builder()
        builder.set_base_uri((SCHEMATRONS / "1.0" / "jats4r.sch").as_uri())
        schema = builder.parse_xml(xml_text=schema_for_schxslt())
        xslt = saxon.new_xslt30_processor()
        compiler = xslt.compile_stylesheet(stylesheet_file=str(pipeline))
        parsed = {}
        for path, data in documents.items():
            reader = saxon.new_document_builder()
            reader.set_base_uri(dtd.as_uri())  # the DOCTYPE's system id resolves to the DTD
            parsed[path] = reader.parse_xml(xml_text=data.decode("utf-8"))
        for phase in ("errors", "warnings"):
            compiler.set_parameter("phase", saxon.make_string_value(phase))
            validator = xslt.compile_stylesheet(
                stylesheet_text=compiler.transform_to_string(xdm_node=schema))
            for path, document in parsed.items():
                report = etree.fromstring(validator.transform_to_string(xdm_node=document)
                                          .encode("utf-8"))
                found[path][phase] = [" ".join(e.findtext(f"{SVRL}text").split())
                                      for e in report.iter(f"{SVRL}failed-assert",
                                                           f"{SVRL}successful-report")]
    return found
