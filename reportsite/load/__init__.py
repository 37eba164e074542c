"""Loading a site folder: site.yaml, the records, pages, references, the data package, UI
catalogs and the theme lookup, each checked; `load_site` returns the frozen `Site`.
Imports only core/."""
