"""The sources' own status vocabularies mapped onto our lifecycle (DOMAIN.md §3, §5).

ПОС integration status codes and back-office stages, «Инцидент Менеджмент»
closing reasons, statuses and importance, and Open311 statuses: each word a
source uses for where a message stands, mapped to an :class:`Outcome` in the
canonical lifecycle (plus the author's reaction or the rejection reason the
word carries). Keys are lower-case, «ё» written as «е», words separated by
single spaces; importers normalise what they read the same way before looking
up (the central service's importers look them up: ``central/importers/mapping.py``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from cur_desktop.domain.enums import Importance, Reaction, Status


@dataclass(frozen=True, slots=True)
class Outcome:
    """Where a source status word puts an appeal in our lifecycle."""

    status: Status
    reaction: Reaction | None = None
    rejection_reason: str | None = None  # RejectionReason.code


_S = Status
#: ПОС integration status codes (DOMAIN.md §3), matched case-insensitively.
POS_STATUS_CODES: Mapping[str, Outcome] = {
    "moderation_new": Outcome(_S.NEW),
    "moderation_accept": Outcome(_S.ROUTED),
    "moderation_decline": Outcome(_S.REJECTED),
    "forward_to_parent": Outcome(_S.ROUTED),
    "forward_to_subordinate": Outcome(_S.ROUTED),
    "set_executor": Outcome(_S.ROUTED),
    "take_to_work": Outcome(_S.IN_PROGRESS),
    "postpone": Outcome(_S.IN_PROGRESS),
    "send_response": Outcome(_S.ANSWERED),
}

#: ПОС back-office stages: модерация → координация → исполнение → согласование/утверждение.
POS_STAGES: Mapping[str, Outcome] = {
    **dict.fromkeys(("модерация", "на модерации", "новое", "новый"), Outcome(_S.NEW)),
    **dict.fromkeys(
        ("координация", "на координации", "распределение", "назначение исполнителя"),
        Outcome(_S.ROUTED),
    ),
    **dict.fromkeys(
        (
            "исполнение",
            "на исполнении",
            "в работе",
            "согласование",
            "утверждение",
            "согласование утверждение",
            "на согласовании",
            "на утверждении",
            "доработка",
            "на доработке",
            "возвращено на доработку",
            "перенос срока",
        ),
        Outcome(_S.IN_PROGRESS),
    ),
    "промежуточный ответ": Outcome(_S.INTERIM_ANSWER),
    **dict.fromkeys(
        ("ответ дан", "ответ направлен", "дан ответ", "решено", "завершено", "выполнено"),
        Outcome(_S.ANSWERED),
    ),
    **dict.fromkeys(("закрыто", "закрыт", "оценено"), Outcome(_S.CLOSED)),
    **dict.fromkeys(
        ("отклонено", "отклонено модератором", "отказано", "отказ"), Outcome(_S.REJECTED)
    ),
    **dict.fromkeys(
        ("переадресовано", "перенаправлено", "направлено по компетенции"),
        Outcome(_S.REDIRECTED),
    ),
    **dict.fromkeys(("повторно открыто", "возобновлено"), Outcome(_S.REOPENED)),
}

#: ИМ «Причина закрытия»: how an incident was closed and what the author felt.
IM_CLOSING_REASONS: Mapping[str, Outcome] = {
    "автор доволен": Outcome(_S.CLOSED, Reaction.SATISFIED),
    "автор нейтрален": Outcome(_S.CLOSED, Reaction.NEUTRAL),
    "автор недоволен": Outcome(_S.CLOSED, Reaction.DISSATISFIED),
    "автор не доволен": Outcome(_S.CLOSED, Reaction.DISSATISFIED),
    **dict.fromkeys(("дан ответ", "ответ дан"), Outcome(_S.ANSWERED)),
    **dict.fromkeys(
        ("не требует ответа", "автор не ответил", "без оценки", "закрыто по сроку"),
        Outcome(_S.CLOSED),
    ),
    **dict.fromkeys(("спам", "реклама"), Outcome(_S.REJECTED, rejection_reason="spam")),
    **dict.fromkeys(("дубль", "дубликат"), Outcome(_S.REJECTED, rejection_reason="duplicate")),
    **dict.fromkeys(
        ("удален автором", "удалено автором", "пост удален"),
        Outcome(_S.REJECTED, rejection_reason="deleted_by_author"),
    ),
    **dict.fromkeys(
        ("не относится к региону", "другой регион"),
        Outcome(_S.REJECTED, rejection_reason="other_region"),
    ),
    **dict.fromkeys(
        ("не относится к компетенции", "не в компетенции"),
        Outcome(_S.REJECTED, rejection_reason="not_competence"),
    ),
    **dict.fromkeys(
        ("нецензурная лексика", "оскорбления"), Outcome(_S.REJECTED, rejection_reason="obscene")
    ),
    **dict.fromkeys(("переадресовано", "передано по компетенции"), Outcome(_S.REDIRECTED)),
}

#: ИМ «Статус» of an incident still open (used when no closing reason is given).
IM_STATUSES: Mapping[str, Outcome] = {
    **dict.fromkeys(("новый", "новое", "новый инцидент"), Outcome(_S.NEW)),
    **dict.fromkeys(("назначен", "на распределении", "передан исполнителю"), Outcome(_S.ROUTED)),
    "в работе": Outcome(_S.IN_PROGRESS),
    "промежуточный ответ": Outcome(_S.INTERIM_ANSWER),
    **dict.fromkeys(("ответ дан", "дан ответ", "ожидает оценки"), Outcome(_S.ANSWERED)),
    **dict.fromkeys(("закрыт", "закрыто"), Outcome(_S.CLOSED)),
}

IMPORTANCE: Mapping[str, Importance] = {
    **dict.fromkeys(("обычная", "обычный", "normal"), Importance.NORMAL),
    **dict.fromkeys(("высокая", "высокий", "high"), Importance.HIGH),
    **dict.fromkeys(("лс", "личное сообщение", "личные сообщения", "private"), Importance.PRIVATE),
}

#: Open311 ``status``: the standard's open/closed plus common server extensions.
OPEN311_STATUSES: Mapping[str, Outcome] = {
    "open": Outcome(_S.ROUTED),
    **dict.fromkeys(("acknowledged", "investigating", "action scheduled"), Outcome(_S.ROUTED)),
    "in progress": Outcome(_S.IN_PROGRESS),
    **dict.fromkeys(("closed", "fixed"), Outcome(_S.ANSWERED)),
    "archived": Outcome(_S.CLOSED),
    "duplicate": Outcome(_S.REJECTED, rejection_reason="duplicate"),
    **dict.fromkeys(("not councils responsibility", "internal referral"), Outcome(_S.REDIRECTED)),
}
