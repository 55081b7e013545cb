"""Build helpers of the frozen app and its installers (imported by the spec and the tests).

The folder ``packaging/`` is not a Python package on purpose: a top-level ``packaging``
would shadow the PyPI library of that name, which pip, pytest and PyInstaller import.
Put ``packaging/`` on ``sys.path`` and import ``curpack``. Everything here is plain
Python (no Qt, no PyInstaller at import time) so the tests run without a build.
"""
