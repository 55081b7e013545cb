"""The sources' status vocabularies land on real lifecycle states and known reason codes."""

from __future__ import annotations

from cur_desktop.domain.dictionaries_io import load_default_dictionaries
from cur_desktop.domain.enums import Reaction, Status
from cur_desktop.domain.external_codes import (
    IM_CLOSING_REASONS,
    IM_STATUSES,
    OPEN311_STATUSES,
    POS_STAGES,
    POS_STATUS_CODES,
)

ALL = (POS_STATUS_CODES, POS_STAGES, IM_CLOSING_REASONS, IM_STATUSES, OPEN311_STATUSES)


def test_every_pos_status_code_of_real_integrations_is_mapped() -> None:
    codes = {
        "MODERATION_NEW": Status.NEW,
        "MODERATION_ACCEPT": Status.ROUTED,
        "MODERATION_DECLINE": Status.REJECTED,
        "FORWARD_TO_PARENT": Status.ROUTED,
        "FORWARD_TO_SUBORDINATE": Status.ROUTED,
        "SET_EXECUTOR": Status.ROUTED,
        "TAKE_TO_WORK": Status.IN_PROGRESS,
        "POSTPONE": Status.IN_PROGRESS,
        "SEND_RESPONSE": Status.ANSWERED,
    }
    for code, status in codes.items():
        assert POS_STATUS_CODES[code.lower()].status is status


def test_im_author_reactions() -> None:
    assert IM_CLOSING_REASONS["автор доволен"].reaction is Reaction.SATISFIED
    assert IM_CLOSING_REASONS["автор нейтрален"].reaction is Reaction.NEUTRAL
    assert IM_CLOSING_REASONS["автор недоволен"].reaction is Reaction.DISSATISFIED
    assert all(o.status is Status.CLOSED for o in IM_CLOSING_REASONS.values() if o.reaction)


def test_rejections_name_known_reasons_and_keys_are_normalised() -> None:
    reasons = {r.code for r in load_default_dictionaries().rejection_reasons}
    for table in ALL:
        for word, outcome in table.items():
            assert word == " ".join(word.lower().replace("ё", "е").split()), word
            if outcome.rejection_reason is not None:
                assert outcome.status is Status.REJECTED
                assert outcome.rejection_reason in reasons
