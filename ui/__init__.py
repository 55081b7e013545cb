"""Screens and the application shell of cur-desktop (start-up, windows, dialogs).

May import ``widgets`` and the Qt-free core ``cur_desktop``. Importing this package
imports nothing heavy: each screen imports pandas or pyqtgraph where it needs them.
"""
