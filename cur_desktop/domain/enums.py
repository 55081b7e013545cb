"""Closed vocabularies of the domain: the codes that code branches on.

Open vocabularies (themes, categories, bodies, rejection reasons, templates) are
regional data and live in :mod:`cur_desktop.domain.dictionaries`. What is here is
what the lifecycle, the SLA engine and the sync protocol must know by name.
Values are stable wire and storage codes: never rename one.
"""

from __future__ import annotations

from enum import IntFlag, StrEnum


class Source(StrEnum):
    """The channel a message came through (DOMAIN.md §3)."""

    POS = "pos"  # Платформа обратной связи «Госуслуги. Решаем вместе»
    IM = "im"  # «Инцидент Менеджмент»: social-media monitoring
    PORTAL = "portal"  # regional / municipal feedback portal
    HOTLINE = "hotline"  # governor's hotline / contact centre
    GOSPUBLIC = "gospublic"  # comments on official pages (госпаблики)
    OPEN311 = "open311"  # an Open311 GeoReport v2 server
    # registered by hand at a console (issue 20); the hotline above is one of them too
    RECEPTION = "reception"  # a visitor at a reception (личный приём)
    LETTER = "letter"  # a paper letter
    EMAIL = "email"  # an e-mail to the centre's address
    OTHER = "other"  # any other channel an operator registers by hand


class Kind(StrEnum):
    """Legal kind of a message: it decides which norms apply."""

    APPEAL = "appeal"  # обращение under 59-ФЗ
    MESSAGE = "message"  # сообщение (ПОС, portals)
    INCIDENT = "incident"  # social-media incident (ИМ)


class Importance(StrEnum):
    """Importance as ИМ assigns it: Обычная / Высокая / ЛС (private message)."""

    NORMAL = "normal"
    HIGH = "high"
    PRIVATE = "private"


class Status(StrEnum):
    """The canonical lifecycle (DOMAIN.md §5)."""

    NEW = "new"  # модерация
    ROUTED = "routed"  # на рассмотрении
    IN_PROGRESS = "in_progress"  # в работе
    INTERIM_ANSWER = "interim_answer"  # промежуточный ответ
    ANSWERED = "answered"  # ответ дан
    CLOSED = "closed"  # закрыто (with satisfaction)
    REJECTED = "rejected"  # отклонено
    REDIRECTED = "redirected"  # переадресовано
    REOPENED = "reopened"  # повторно открыто

    @property
    def is_open(self) -> bool:
        """Open appeals are those someone still has to act on."""
        return self not in _FINAL

    @property
    def counts_sla(self) -> bool:
        """Whether a deadline is running in this status."""
        return self in _SLA_RUNNING


_FINAL = frozenset({Status.ANSWERED, Status.CLOSED, Status.REJECTED, Status.REDIRECTED})
_SLA_RUNNING = frozenset(
    {Status.NEW, Status.ROUTED, Status.IN_PROGRESS, Status.INTERIM_ANSWER, Status.REOPENED}
)


class Reaction(StrEnum):
    """ИМ author's reaction on closing: «Автор доволен / нейтрален / недоволен»."""

    SATISFIED = "satisfied"
    NEUTRAL = "neutral"
    DISSATISFIED = "dissatisfied"


class Flag(IntFlag):
    """Operator marks on an appeal; stored as a bit mask."""

    NONE = 0
    CONFLICT = 1  # конфликтная ситуация
    DISINFORMATION = 2  # недостоверная информация
    REPEAT = 4  # повторное
    RESONANCE = 8  # резонансное
    IMPORTANT = 16  # the "important" lane
    NEEDS_CATEGORY = 32  # требует категоризации: an import met a category it does not know
    SOURCE_OVERDUE = 64  # ПОС «Просрочено»: the platform's own verdict, kept from its export
    FAST_TRACK = 128  # ПОС «Фаст-трек»: the platform handles the message on its fast track


class Role(StrEnum):
    """Who acts (DOMAIN.md §2; issue 3 §5)."""

    OPERATOR = "operator"  # ЦУР operator (руководитель/сотрудник отраслевого блока)
    THEME_HEAD = "theme_head"  # ответственный за отраслевой блок
    CUR_HEAD = "cur_head"  # руководитель ЦУР
    CURATOR = "curator"  # куратор: reads everything, changes nothing
    MUNICIPAL_OPERATOR = "municipal_operator"  # оператор МЦУ
    WALL = "wall"  # the situation-room wall: read-only, no personal data
    SYSTEM = "system"  # importers, source integrations, the demo generator

    @property
    def sees_personal_data(self) -> bool:
        return self is not Role.WALL


class Action(StrEnum):
    """Every command the lifecycle knows. Wire codes: never rename."""

    CREATE = "create"
    TAKE = "take"  # mark as mine so nobody else works on it
    TAKE_OVER = "take_over"  # «Забрать себе»: take a colleague's appeal (holding.py)
    RELEASE = "release"
    TAKE_INTO_WORK = "take_into_work"
    CATEGORISE = "categorise"
    ROUTE = "route"
    POSTPONE = "postpone"
    REQUEST_INFO = "request_info"  # wait for the citizen: SLA clock paused
    INFO_RECEIVED = "info_received"  # the citizen answered: clock runs again
    INTERIM_ANSWER = "interim_answer"
    ANSWER = "answer"
    RETURN_FOR_REWORK = "return_for_rework"
    CLOSE = "close"
    RATE = "rate"  # citizen satisfaction arrives
    REOPEN = "reopen"
    REJECT = "reject"
    REDIRECT = "redirect"
    FLAG = "flag"
    UNFLAG = "unflag"
    SET_IMPORTANCE = "set_importance"
    MERGE = "merge"  # this appeal is a duplicate of another
    ADD_NOTE = "add_note"
    ME_TOO = "me_too"  # another citizen reports the same problem: «я тоже», a co-author
    RESOLVE_CONFLICT = "resolve_conflict"  # a conflict situation settled, or not, and how
    DISINFO_CASE = "disinfo_case"  # the appeal belongs to a disinformation case, in a status
    MEASURE = "measure"  # a head links the appeal's problem to a measure (what, who, due)
