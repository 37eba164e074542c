"""XML names the generator's XML outputs share (JATS, DataCite): the xml: and xlink:
namespaces, in ElementTree's {uri}name form."""

from __future__ import annotations

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
XLINK = "http://www.w3.org/1999/xlink"
HREF = f"{{{XLINK}}}href"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
