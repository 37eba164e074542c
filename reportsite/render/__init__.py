"""Rendering: the Jinja environments, prose (shortcodes, Markdown, the raw-HTML audit),
charts, a page's HTML and JSON-LD, and templates rendered outside a content page.
Imports only core/ and load/."""
