"""The build: the pipeline (load, render, outputs, write), page cache keys, rendering the
pages, the checks, writing the site, the zip and the no-change stamp."""
