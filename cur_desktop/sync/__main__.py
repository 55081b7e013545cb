"""``python -m cur_desktop.sync``: the headless sync command (see :mod:`cur_desktop.sync.cli`)."""

import sys

from cur_desktop.sync.cli import main

sys.exit(main())
