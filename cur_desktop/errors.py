"""Errors a person can act on, as opposed to bugs.

A :class:`UserError` carries a message fit to show as it is (a bad path, a
malformed file with the place of the fault); anything else escaping a command is
a bug and is logged with its traceback.
"""

from __future__ import annotations


class UserError(Exception):
    """A failure caused by input or environment, explained in its message."""
