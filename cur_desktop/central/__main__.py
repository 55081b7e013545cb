"""``python -m cur_desktop.central``: the same as the ``cur-central`` command."""

import sys

from cur_desktop.central.cli import main

sys.exit(main())
