"""Files made from data rather than templates: the published data package, the
per-language chart downloads, and the citation files (CFF, BibTeX, RIS)."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any, Mapping

import yaml

from .charts import ChartRender
from .config import SiteConfig
from .data import DataPackage, Resource
from .rows import Field


def _json(value: Any) -> bytes:
    """Deterministic, readable JSON."""
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode()


def _field_descriptor(field: Field, original: str) -> dict[str, Any]:
    """A Table Schema field, with our multilingual extras kept beside the standard keys."""
    out: dict[str, Any] = {"name": field.name, "type": field.type,
                           "title": field.titles[original], "titles": dict(field.titles)}
    if field.descriptions:
        out["description"] = field.descriptions[original]
        out["descriptions"] = dict(field.descriptions)
    if field.unit:
        out["unit"] = field.unit
    if field.constraints:
        out["constraints"] = dict(field.constraints)
    if isinstance(field.labels, str):
        out["labels"] = field.labels
        if field.names:  # the names used instead of CLDR's, per code and language
            out["names"] = {k: dict(v) for k, v in field.names.items()}
    elif field.labels:
        out["labels"] = {k: dict(v) for k, v in field.labels.items()}
    if field.formula:
        out["formula"] = field.formula
    return out


def _resource_descriptor(resource: Resource, original: str) -> dict[str, Any]:
    """A Data Resource descriptor for a CSV file."""
    return {
        "name": resource.name, "path": resource.path, "format": "csv",
        "mediatype": "text/csv", "encoding": "utf-8",
        "title": resource.titles[original], "titles": dict(resource.titles),
        "description": resource.descriptions[original],
        "descriptions": dict(resource.descriptions),
        "sources": [{"title": (f"[{s.reference}], " if s.reference else "") + s.locator[original],
                     "reference": s.reference, "locator": dict(s.locator)}
                    for s in resource.sources],
        "schema": {"fields": [_field_descriptor(f, original) for f in resource.fields],
                   "primaryKey": list(resource.primary_key)},
        "derived": [_field_descriptor(f, original) for f in resource.derived],
    }


def data_files(data: DataPackage, original: str) -> dict[str, bytes]:
    """data/datapackage.json, each CSV as written, and each dataset as JSON rows."""
    descriptor = {
        "name": data.name, "title": data.titles[original], "titles": dict(data.titles),
        "description": data.descriptions[original], "descriptions": dict(data.descriptions),
        "licenses": [dict(x) for x in data.licenses],
        "resources": [_resource_descriptor(r, original) for r in data.resources.values()],
    }
    files = {"data/datapackage.json": _json(descriptor)}
    for resource in data.resources.values():
        files[f"data/{resource.path}"] = resource.csv_bytes
        names = [f.name for f in resource.all_fields]
        files[f"data/{resource.name}.json"] = _json([{n: row[n] for n in names}
                                                    for row in resource.rows])
    return files


def chart_files(charts: Mapping[tuple[str, str], ChartRender]) -> dict[str, bytes]:
    """<lang>/figures/<id>.svg, .png and .csv (the plotted data, headed in that language)."""
    files = {}
    for (chart_id, lang), render in sorted(charts.items()):
        folder = f"{lang}/figures/{chart_id}"
        files[f"{folder}.svg"] = render.svg.encode()
        files[f"{folder}.png"] = render.png
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow([title for _, title, _ in render.columns])
        writer.writerows([row.get(name) for name, _, _ in render.columns] for row in render.rows)
        files[f"{folder}.csv"] = buffer.getvalue().encode()
    return files


def _family_given(name: str) -> tuple[str, str]:
    """'M.Sh. Nazarova' -> ('Nazarova', 'M.Sh.'): the last word is the family name."""
    parts = name.split()
    return parts[-1], " ".join(parts[:-1])


def citation_cff(config: SiteConfig, lang: str = "en") -> bytes:
    """CITATION.cff (Citation File Format 1.2.0) for this edition of the site."""
    authors = []
    for author in config.authors:
        family, given = _family_given(author.name[lang])
        entry: dict[str, Any] = {"family-names": family, "given-names": given,
                                 "affiliation": author.affiliation[lang]}
        if author.email:
            entry["email"] = author.email
        if author.orcid:
            entry["orcid"] = f"https://orcid.org/{author.orcid}"
        authors.append(entry)
    title = config.title[lang] + (f": {config.subtitle[lang]}" if config.subtitle else "")
    cff: dict[str, Any] = {
        "cff-version": "1.2.0",
        "message": "If you use this work, please cite it as below.",
        "type": "dataset",
        "title": title,
        "authors": authors,
        "version": config.version,
        "date-released": config.date.isoformat(),
        "license": config.license.spdx,
        "keywords": list(config.keywords[lang]),
    }
    if config.doi:
        cff["doi"] = config.doi
    if config.base_url:
        cff["url"] = config.base_url
    return yaml.safe_dump(cff, sort_keys=False, allow_unicode=True, width=1000).encode()


def _bibtex_escape(text: str) -> str:
    """Escape BibTeX's special characters."""
    return re.sub(r"([{}&%$#_])", r"\\\1", text)


def citation_bib(config: SiteConfig, lang: str = "en") -> bytes:
    """citation.bib: one @misc entry for this edition."""
    authors = " and ".join("{}, {}".format(*_family_given(a.name[lang])) for a in config.authors)
    title = config.title[lang] + (f": {config.subtitle[lang]}" if config.subtitle else "")
    fields = [("author", authors), ("title", "{" + title + "}"),
              ("year", str(config.date.year)), ("version", config.version),
              ("language", ", ".join(config.languages)),
              ("keywords", ", ".join(config.keywords[lang]))]
    if config.doi:
        fields.append(("doi", config.doi))
    if config.base_url:
        fields.append(("url", config.base_url))
    body = ",\n".join(f"  {key} = {{{_bibtex_escape(value) if key != 'title' else value}}}"
                      for key, value in fields)
    return f"@misc{{{config.slug}-{config.version},\n{body}\n}}\n".encode()


def citation_ris(config: SiteConfig, lang: str = "en") -> bytes:
    """citation.ris: the same reference in RIS, for reference managers."""
    title = config.title[lang] + (f": {config.subtitle[lang]}" if config.subtitle else "")
    lines = ["TY  - DATA"]
    lines += [f"AU  - {family}, {given}" for family, given in
              (_family_given(a.name[lang]) for a in config.authors)]
    lines += [f"TI  - {title}", f"PY  - {config.date.year}",
              f"DA  - {config.date.strftime('%Y/%m/%d')}", f"ET  - {config.version}"]
    lines += [f"KW  - {word}" for word in config.keywords[lang]]
    lines += [f"LA  - {code}" for code in config.languages]
    if config.doi:
        lines.append(f"DO  - {config.doi}")
    if config.base_url:
        lines.append(f"UR  - {config.base_url}")
    lines.append("ER  - ")
    return ("\r\n".join(lines) + "\r\n").encode()


def og_locale(lang: str) -> str:
    """Open Graph locale from CLDR's likely region: kk -> kk_KZ, ru -> ru_RU, en -> en_US."""
    from babel.core import get_global

    likely = get_global("likely_subtags").get(lang, lang).split("_")
    return f"{lang}_{likely[-1]}" if len(likely) > 1 else lang


def site_url(config: SiteConfig, path: str, from_lang_folder: bool = True) -> str:
    """Absolute URL with base_url, else a link relative to a page in a language folder."""
    if config.base_url:
        return config.base_url + path
    return ("../" if from_lang_folder else "") + path


def scholarly_jsonld(config: SiteConfig, lang: str, page_keys: list[str], key: str,
                     data: DataPackage | None) -> list[dict[str, Any]]:
    """JSON-LD for a page: the ScholarlyArticle in this language, linked to its
    translations, and on the data page the Dataset with each CSV."""
    article_key = "article" if "article" in page_keys else key
    def article_id(code: str) -> str:
        return site_url(config, f"{code}/{article_key}.html")
    people = [{"@type": "Person", "name": a.name[lang],
               "affiliation": {"@type": "Organization", "name": a.affiliation[lang]},
               **({"email": a.email} if a.email else {})} for a in config.authors]
    article: dict[str, Any] = {
        "@context": "https://schema.org", "@type": "ScholarlyArticle", "@id": article_id(lang),
        "headline": config.title[lang], "name": config.title[lang]
        + (f": {config.subtitle[lang]}" if config.subtitle else ""),
        "inLanguage": lang, "author": people, "datePublished": config.date.isoformat(),
        "version": config.version, "keywords": list(config.keywords[lang]),
        "license": config.license.url, "isAccessibleForFree": True,
    }
    if config.doi:
        article["identifier"] = f"https://doi.org/{config.doi}"
    if lang == config.original:
        article["workTranslation"] = [{"@id": article_id(c)} for c in config.languages if c != lang]
    else:
        article["translationOfWork"] = {"@id": article_id(config.original)}
    graph = [article]
    if data is not None and key == "data":
        licence = data.licenses[0] if data.licenses else {}
        graph.append({
            "@context": "https://schema.org", "@type": "Dataset", "name": data.titles[lang],
            "description": data.descriptions[lang], "inLanguage": lang,
            "license": licence.get("path", config.license.url), "creator": people,
            "isBasedOn": {"@id": article_id(lang)}, "version": config.version,
            "distribution": [{"@type": "DataDownload", "encodingFormat": "text/csv",
                              "name": r.titles[lang], "contentUrl": site_url(config, f"data/{r.path}")}
                             for r in data.resources.values()]
            + [{"@type": "DataDownload", "encodingFormat": "application/json",
                "name": "datapackage.json", "contentUrl": site_url(config, "data/datapackage.json")}],
        })
    return graph


def sitemap(config: SiteConfig, page_keys: list[str]) -> bytes:
    """sitemap.xml (needs base_url) with xhtml:link alternates for every language."""
    base = config.base_url or ""
    lines = ['<?xml version="1.0" encoding="UTF-8"?>',
             '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
             'xmlns:xhtml="http://www.w3.org/1999/xhtml">']
    for key in page_keys:
        for lang in config.languages:
            lines.append(f"  <url><loc>{base}{lang}/{key}.html</loc>")
            for other in config.languages:
                lines.append(f'    <xhtml:link rel="alternate" hreflang="{other}" '
                             f'href="{base}{other}/{key}.html"/>')
            default = f"{base}index.html" if key == "index" else f"{base}{config.original}/{key}.html"
            lines.append(f'    <xhtml:link rel="alternate" hreflang="x-default" href="{default}"/>')
            lines.append(f"    <lastmod>{config.date.isoformat()}</lastmod></url>")
    lines.append("</urlset>")
    return ("\n".join(lines) + "\n").encode()


def robots(config: SiteConfig) -> bytes:
    """robots.txt pointing at the sitemap (needs base_url)."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {config.base_url}sitemap.xml\n".encode()
