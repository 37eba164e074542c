"""The bottom stage: what every other stage uses — errors, what a build may read, reading
files, the site-folder layout, the cache, formatting, the worker pool, the Outputs type.
It imports nothing of the package."""
