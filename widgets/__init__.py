"""Reusable Qt widgets and item models of cur-desktop.

Everything here may import Qt and the Qt-free core (``cur_desktop``), never ``ui``.
Widgets read data through plain callables or models handed to them: they do not open
the local cache themselves, so each can be shown and tested with any input.
"""
