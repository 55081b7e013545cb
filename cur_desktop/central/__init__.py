"""The central service: the single source of truth that workstations sync from (issue 3).

Layers, bottom up (``docs/central.md`` for operators, ``docs/sync-protocol.md`` for the
contract with the desktop):

* storage — ``schema`` (tables), ``migrations``/``migrate``, ``db`` (engines,
  transactions), ``rows`` (the service's own columns on top of
  :mod:`cur_desktop.protocol.columns`); what the service shares with the desktop
  (the wire codec, the ``Change`` type) is :mod:`cur_desktop.protocol`; nothing
  outside this package imports the service (``ui`` only starts it, through ``child``);
* the feed — ``feed`` (positions that cannot be skipped), ``writes`` (the one write
  path), ``notify`` (telling live streams);
* the service — ``service.CentralService`` over ``actions``, ``reads``, ``imports``,
  ``auth``, ``scope``, ``privacy``, ``region``;
* HTTP — ``api``, ``deps``, ``stream``, ``server``;
* entry points — ``cli`` (``cur-central``), ``runner``, ``bootstrap``, ``demo``, ``demo_activity``;
  the importers live in ``importers``.
"""
