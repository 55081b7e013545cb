"""Problem control (issue 17): conflict situations found by the region's rules.

Qt-free. :mod:`conflict_rules` reads the region's ``conflict_rules.json``;
:mod:`conflicts` detects (pure); :mod:`conflict_cache` runs the detection over the
local cache for the console's «Конфликтные» queue and counts conflicts for the
desk, the reports and the wall (:func:`conflict_cache.conflict_counts`).
"""
