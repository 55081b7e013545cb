"""What the central service and the desktop share: the protocol, and nothing else.

The service (:mod:`cur_desktop.central`) is a leaf that nothing in the client
imports; the client's sync engine, cache and outbox speak to it only through the
forms defined here, which both sides import:

* :mod:`~cur_desktop.protocol.wire` — an appeal and a history line as JSON, and
  the product's one epoch-seconds codec;
* :mod:`~cur_desktop.protocol.changes` — the change feed's ``Change`` (one type
  for both sides) and the snapshot's items;
* :mod:`~cur_desktop.protocol.columns` — an appeal as flat column values, the
  storage form of the service's tables and of the workstation's cache alike.

Imports only :mod:`cur_desktop.domain` (an import-linter contract keeps it so).
"""
