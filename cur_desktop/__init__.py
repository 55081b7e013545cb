"""cur-desktop: operator console and situation-room wall of a Regional Management Centre."""

__version__ = "0.1.0"
