"""SHA256SUMS.txt, made last: every file of the offline copy but itself, in the format
`sha256sum -c` reads (the same file in site/ and in the zip)."""

from __future__ import annotations

import hashlib
from typing import Mapping

from reportsite.core.outputs import Outputs
from reportsite.outputs.plan import CHECKSUMS


def add_checksums(outputs: Outputs) -> None:
    """SHA256SUMS.txt over every file of the offline copy made so far."""
    files = outputs.files.without(outputs.server_only)
    outputs.add(CHECKSUMS, checksums(files), "the files of the site")


def checksums(files: Mapping[str, bytes]) -> bytes:
    """SHA256SUMS.txt in the format `sha256sum -c` reads (files read one at a time)."""
    return "".join(f"{hashlib.sha256(files[path]).hexdigest()}  {path}\n"
                   for path in sorted(files)).encode()
