"""The cache's read API: every query a screen runs, Qt-free and typed.

Screens (``ui/``, ``widgets/``) never build SQL or touch the cache's tables; they ask
these modules for ids, counts, plain rows and dataclasses, and hand back opaque
queue queries they were given. Keeping the SQL here means a query is tested without
Qt against a real cache file, and a schema change touches one package.

* :mod:`.queue` — a queue as SQL: filter, full-text terms, order; its ids and count;
* :mod:`.filters` — the filter bar's values and the conditions they mean;
* :mod:`.risk` — "at risk and overdue" as one condition from the SLA rules;
* :mod:`.queues` — the built-in work queues and the navigator's counts;
* :mod:`.saved` — an operator's saved queues (the one table a screen writes);
* :mod:`.related` — appeals related to one appeal, for its detail pane;
* :mod:`.status` — what the status bar reads: link, last sync, unsent actions;
* :mod:`.news` — new high-importance appeals, for the notifier.

Every function takes the cache (or its engine) and opens its own pooled connection,
so any of them may run on any thread.
"""
