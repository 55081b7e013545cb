"""Where this user's files live: the one module that asks ``platformdirs``.

Every per-user path of the product is named here, so a reader finds them in one
place and a test run (or a support session) can move all of them at once:
``$CUR_DESKTOP_HOME`` puts the five folders under one directory, as qutebrowser's
``--temp-basedir`` does, and a child process started with it inherits the move.

The folders (Linux defaults; Windows and macOS get their own from platformdirs):

- data ``~/.local/share/cur-desktop``: caches per server, the wall's cache, demo data,
  saved wall screens;
- config ``~/.config/cur-desktop``: ``settings.ini`` (:mod:`cur_desktop.settings.store`)
  and the token file when the OS has no keyring;
- cache ``~/.cache/cur-desktop``: what may be deleted at any time;
- state ``~/.local/state/cur-desktop``: run records (:mod:`cur_desktop.runs`);
- log ``~/.local/state/cur-desktop/log``: crash reports kept for support.

Nothing here creates a folder: the writer of a file creates its parent. Qt-free.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

#: One folder for everything (tests, support, a second profile on one account).
HOME_ENV = "CUR_DESKTOP_HOME"
APP_NAME = "cur-desktop"


@dataclass(frozen=True)
class Folders:
    """The user's five folders of this product."""

    data: Path
    config: Path
    cache: Path
    state: Path
    log: Path

    # -- named files and folders (every per-user path the product writes) -------------

    @property
    def settings_file(self) -> Path:
        """The user's settings (QSettings INI format, with a schema version)."""
        return self.config / "settings.ini"

    @property
    def tokens_file(self) -> Path:
        """Access tokens when the OS has no keyring (:mod:`cur_desktop.credentials`)."""
        return self.config / "tokens.json"

    @property
    def servers_dir(self) -> Path:
        """One cache folder per central service the console signed in to."""
        return self.data / "servers"

    @property
    def wall_cache(self) -> Path:
        """The wall's cache when neither ``--cache`` nor its memory names one."""
        return self.data / "wall" / "cache.sqlite"

    @property
    def wall_screens_dir(self) -> Path:
        """Saved wall screens (Ctrl+Shift+S, SIGUSR1)."""
        return self.data / "wall-screens"

    @property
    def demo_dir(self) -> Path:
        """The demo region's generated cache."""
        return self.data / "demo"

    @property
    def central_demo_db(self) -> Path:
        """The demo's embedded central service database."""
        return self.data / "central-demo" / "central.sqlite"

    @property
    def runs_dir(self) -> Path:
        """One record per running process; one left behind means that run crashed."""
        return self.state / "runs"

    @property
    def crash_reports_dir(self) -> Path:
        """Copies of the crash records found at start-up, for support."""
        return self.log / "crashes"


def folders() -> Folders:
    """This user's folders, ``$CUR_DESKTOP_HOME`` first, else the platform's own."""
    home = os.environ.get(HOME_ENV)
    if home:
        return folders_under(Path(home))
    from platformdirs import PlatformDirs

    dirs = PlatformDirs(APP_NAME, appauthor=False)
    return Folders(
        data=dirs.user_data_path,
        config=dirs.user_config_path,
        cache=dirs.user_cache_path,
        state=dirs.user_state_path,
        log=dirs.user_log_path,
    )


def folders_under(home: Path) -> Folders:
    """The five folders inside one directory."""
    return Folders(
        data=home / "data",
        config=home / "config",
        cache=home / "cache",
        state=home / "state",
        log=home / "state" / "log",
    )
