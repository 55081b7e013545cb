"""Why the lifecycle refuses a command: one exception with a stable, translatable code."""

from __future__ import annotations

from cur_desktop.domain.appeal import JsonScalar


class TransitionRefused(Exception):  # noqa: N818 - a refusal is an outcome, not a bug
    """A command the lifecycle (or its parameters) does not allow.

    ``code`` is stable and translated by the UI: ``forbidden_role``,
    ``wrong_status``, ``missing_param``, ``invalid_param``, ``unknown_code``,
    ``taken_by_other``, ``not_taken``, ``already_paused``, ``not_paused``,
    ``needs_theme``, ``too_long``; for a colleague's appeal (``holding.py``)
    ``taken_by_other`` (params ``taken_by``: the holder's login, ``action``),
    ``holder_active`` (``take_over`` before the holder has been idle long enough:
    ``taken_by``, ``idle_minutes``, ``idle_hours``) and ``heads_only`` (the region lets
    only heads take over: ``taken_by``). The service adds ``taken_by_name``, the
    holder's display name, to every refusal that names a holder.
    """

    def __init__(self, code: str, reason: str, /, **params: JsonScalar) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason
        self.params: dict[str, JsonScalar] = params
