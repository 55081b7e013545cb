"""The situation-room wall: full-screen windows that rotate wall pages, unattended.

``cur-desktop wall`` (:func:`ui.wall.app.run_wall`) reads a layout file
(:mod:`ui.wall.layout`), places one frameless window per layout entry on the screen
it names (:mod:`ui.wall.placement`, re-run on every hot-plug by :mod:`ui.wall.shell`),
rotates each window's playlist (:mod:`ui.wall.rotation`), recomputes the figures off
the GUI thread (:mod:`ui.wall.data_worker`) and keeps the cache current with the sync
engine when a server is given (:mod:`ui.wall.sync_worker`). The pages themselves live
in :mod:`widgets.wall`. Nothing here ever opens a dialog: errors go to the log and
to the status strip at the bottom of each window (:mod:`ui.wall.status_strip`).
"""
