"""reportsite: a static site generator for trilingual research reports."""

__version__ = "0.1.0"
