#!/usr/bin/env python3
"""Build the site: python build.py [build|check] [--root DIR] [--out DIR] [--strict]."""

import sys

from reportsite.cli import main

if __name__ == "__main__":
    sys.exit(main())
