"""XML names the generator's XML outputs share (JATS, DataCite): the xml: and xlink:
namespaces, in ElementTree's {uri}name form, and serialise(), which writes a tree with
the prefixes its caller names.

ElementTree picks prefixes from one process-wide table that any library may change:
importing WeasyPrint calls register_namespace('', ''), which drops every default
namespace registered before it, so a build that printed a PDF wrote `ns0:` where a
build from the cache did not. serialise() never reads that table: it rewrites every
{uri}name to its prefixed form first and declares the prefixes on the root itself.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Mapping

XML = "http://www.w3.org/XML/1998/namespace"
XML_LANG = f"{{{XML}}}lang"
XLINK = "http://www.w3.org/1999/xlink"
HREF = f"{{{XLINK}}}href"
XML_SPACE = f"{{{XML}}}space"


def _prefixed(name: str, prefixes: Mapping[str, str], attribute: bool) -> str:
    """name ({uri}local or local) with the prefix its namespace has in prefixes."""
    if not name.startswith("{"):
        return name
    uri, local = name[1:].split("}", 1)
    if uri == XML:
        return f"xml:{local}"
    if uri not in prefixes or (attribute and not prefixes[uri]):
        raise ValueError(f"no prefix given for the namespace of {name}")
    return f"{prefixes[uri]}:{local}" if prefixes[uri] else local


def serialise(root: ET.Element, namespaces: Mapping[str, str]) -> str:
    """root as XML text, with exactly the namespace declarations of namespaces (prefix ->
    URI; "" for the default namespace), whatever ElementTree's registry holds."""
    prefixes = {uri: prefix for prefix, uri in namespaces.items()}
    copy = _renamed(root, prefixes)
    for prefix, uri in sorted(namespaces.items(), reverse=True):
        copy.attrib = {("xmlns:" + prefix if prefix else "xmlns"): uri, **copy.attrib}
    return ET.tostring(copy, encoding="unicode")


def _renamed(element: ET.Element, prefixes: Mapping[str, str]) -> ET.Element:
    """A copy of element and its descendants with every name in its prefixed form."""
    copy = ET.Element(_prefixed(element.tag, prefixes, False),
                      {_prefixed(k, prefixes, True): v for k, v in element.attrib.items()})
    copy.text, copy.tail = element.text, element.tail
    copy.extend(_renamed(child, prefixes) for child in element)
    return copy
