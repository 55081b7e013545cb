"""``python -m cur_desktop.regions SRC OUT``: build region packs (see the builder)."""

from cur_desktop.regions.builder import main

raise SystemExit(main())
