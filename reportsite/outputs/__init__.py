"""One module per output the build writes beside the pages, and the plan (plan.py) through
which they learn of each other's files: an output module never imports another (but its own
parts: printer of pdf, jatsbody of jats, stemming of search)."""
