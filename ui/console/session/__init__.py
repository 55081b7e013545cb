"""The console's session with a central service: sign-in, tokens, the sync thread, notices.

See docs/console-session.md. Everything here runs in the GUI thread except
:class:`ui.sync_worker.SyncWorker`'s own thread.
"""
