"""Guard against the PySide6 6.12.0 ``None`` reference leak (see pyproject's pin).

PySide6-Essentials 6.12.0's ``QObject.property("unset")`` drops one reference to
``None`` per call. Python 3.11 then deallocates ``None`` and aborts with "Fatal Python
error: none_dealloc", typically about a second into pyqtgraph repainting (pyqtgraph asks
items for unset dynamic properties while painting). Python >= 3.12 makes ``None``
immortal, which hides the bug there. The dependency pin excludes 6.12; these tests fail
if a future PySide6 lets the bug (or one like it) back in.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap

import PySide6
from PySide6.QtCore import QObject

PIN_NOTE = (
    "PySide6 6.12.0 drops references to None (Python 3.11 aborts with none_dealloc); "
    "pyproject.toml pins PySide6-Essentials<6.12 and explains why beside the pin"
)

REPAINT_SCRIPT = textwrap.dedent(
    """
    import sys
    import time

    import numpy as np
    import pyqtgraph as pg
    from PySide6.QtWidgets import QApplication

    app = QApplication([])
    plot = pg.PlotWidget()
    # clip-to-view and downsampling make pyqtgraph read its unset dynamic properties
    # (xViewRangeWasChanged, styleWasChanged, ...) on every update: the buggy path.
    curve = plot.plot(np.arange(200), np.sin(np.arange(200) / 10.0))
    curve.setClipToView(True)
    curve.setDownsampling(auto=True, method="peak")
    x = np.arange(200)
    plot.resize(400, 300)
    plot.show()
    none_before = sys.getrefcount(None)
    started = time.monotonic()
    frames = 0
    while frames < 2000 and time.monotonic() - started < 5.0:
        curve.setData(x, np.sin((x + frames) / 10.0))
        plot.repaint()
        if frames % 50 == 0:
            plot.grab()
        app.processEvents()
        frames += 1
    plot.close()
    print(
        f"frames={frames} none_delta={sys.getrefcount(None) - none_before}"
        f" none_refs={none_before}"
    )
    """
)


def _version_tuple(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split(".")[:2] if part.isdigit())


def test_pyside_version_is_below_the_broken_release() -> None:
    assert _version_tuple(PySide6.__version__) < (6, 12), PIN_NOTE


def test_property_lookup_keeps_references_to_none(qapp: object) -> None:
    obj = QObject()
    obj.property("warm_up_the_wrapper")
    gc.collect()
    gc.disable()  # a collection in the middle could free containers that hold None
    try:
        before = sys.getrefcount(None)
        for _ in range(1000):
            obj.property("no_such_property")
        after = sys.getrefcount(None)
    finally:
        gc.enable()
    # A leak of new references would be harmless here; a lost one is the 6.12.0 bug.
    assert after >= before, f"None lost {before - after} references in 1000 calls. {PIN_NOTE}"


def test_pyqtgraph_repainting_survives_thousands_of_frames() -> None:
    """Run in a subprocess: the bug kills the interpreter, which must fail, not abort us."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    run = subprocess.run(
        [sys.executable, "-c", REPAINT_SCRIPT],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, f"repaint process died ({run.returncode}): {run.stderr}\n{PIN_NOTE}"
    assert "none_dealloc" not in run.stderr
    stats = dict(part.split("=") for part in run.stdout.split())
    assert int(stats["frames"]) >= 1000, run.stdout  # ~1.5 property reads per frame
    assert int(stats["none_delta"]) > -500, f"{run.stdout}\n{PIN_NOTE}"
