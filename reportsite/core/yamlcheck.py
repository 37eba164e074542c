"""The base of every reader of a site's YAML files (site.yaml, datapackage.yaml): values
checked key by key, each problem recorded with its file, line and key path, and nothing
silently repaired. `Localized`, text in every language of the site, is declared here."""

from __future__ import annotations

import re
from typing import Any, Mapping

from reportsite.core.errors import Report, did_you_mean
from reportsite.core.sources import KeyPath, line_of

# Text in every language of the site: {"kk": "...", "ru": "...", "en": "..."}.
Localized = Mapping[str, str]


class YamlChecker:
    """Checks one parsed YAML file, recording problems with their lines in report."""

    def __init__(self, shown: str, lines: dict[KeyPath, int], report: Report,
                 languages: tuple[str, ...] = ()):
        self.shown, self.lines, self.report = shown, lines, report
        self.languages = languages  # the site's, once known

    def fail(self, at: KeyPath, message: str) -> None:
        """Record an error at a key path: 'authors[0].email: ...'."""
        label = "".join(f"[{k}]" if isinstance(k, int) else f".{k}" for k in at).lstrip(".")
        self.report.error(self.shown, line_of(self.lines, at), f"{label}: {message}")

    def keys(self, at: KeyPath, value: Any, allowed: set[str] | tuple[str, ...],
             required: tuple[str, ...] = (), example: str | None = None) -> bool:
        """A mapping with only allowed keys (an unknown one gets the close match) and
        every required one; False if it is not a mapping or lacks a required key."""
        if not isinstance(value, dict):
            self.fail(at, "expected a mapping of keys" + (f" such as {example}" if example else ""))
            return False
        for key in value:
            if key not in allowed:
                self.fail(at + (key,), f"unknown key '{key}'" + did_you_mean(str(key), allowed))
        for key in required:
            if key not in value:
                self.fail(at, f"missing required key '{key}'")
        return all(key in value for key in required)

    def text(self, at: KeyPath, value: Any) -> str | None:
        """A non-empty string, stripped."""
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.fail(at, f"expected non-empty text, got {value!r}")
        return None

    def pattern(self, at: KeyPath, value: Any, regex: re.Pattern, what: str) -> str | None:
        """An optional string matching regex."""
        if value is None:
            return None
        if not isinstance(value, str) or not regex.match(value):
            self.fail(at, f"expected {what}, got {value!r}")
            return None
        return value

    def other_languages(self, at: KeyPath, value: Mapping) -> None:
        """Record each key of a per-language mapping that is not a language of the site."""
        for lang in value:
            if lang not in self.languages:
                self.fail(at + (lang,), f"'{lang}' is not one of the site's languages"
                          + did_you_mean(str(lang), self.languages))
