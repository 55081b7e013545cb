"""Paths and settings of this user, in one place.

- :mod:`cur_desktop.settings.folders`: every per-user folder and file (the only module
  that asks ``platformdirs``; ``$CUR_DESKTOP_HOME`` moves them all);
- :mod:`cur_desktop.settings.store`: the settings file's schema version and migrations.

What a run uses, strongest first: the command line; the centre's preset
(:mod:`cur_desktop.preset`, written by the region's IT, e.g. the server); the user's
settings (what the user chose or used last); the built-in defaults. A preset thus
applies on top of the settings without writing into them: removing the preset
brings the user's own choice back.

The shipped files (fonts, translations, region data) are not per-user: they are
found by :func:`cur_desktop.paths.resources_dir`.
"""

from __future__ import annotations

from cur_desktop.settings.folders import HOME_ENV, Folders, folders, folders_under
from cur_desktop.settings.store import SCHEMA_KEY, SCHEMA_VERSION, migrate, schema_version

__all__ = [
    "HOME_ENV",
    "SCHEMA_KEY",
    "SCHEMA_VERSION",
    "Folders",
    "folders",
    "folders_under",
    "migrate",
    "schema_version",
]
