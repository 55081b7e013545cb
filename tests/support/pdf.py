"""The text of a written PDF, as poppler's ``pdftotext`` reads it."""

from __future__ import annotations

import subprocess
from pathlib import Path


def pdf_text(path: Path, *options: str) -> str:
    """``pdftotext [options] path -``: ``-layout`` keeps columns, ``-raw`` the content
    stream's order (a table's cells row by row), none reads lines as laid out."""
    done = subprocess.run(
        ["pdftotext", *options, str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout
