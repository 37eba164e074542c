"""reportsite: a static site generator for multilingual research reports."""

import os
import sys

__version__ = "0.1.0"


def command_name() -> str:
    """How the user runs the generator, for hints in messages: `reportsite` when installed
    (pip install .), else this repository's `python build.py`."""
    return "reportsite" if os.path.basename(sys.argv[0] or "") == "reportsite" \
        else "python build.py"
