"""Conflict situations: which appeals are one, for which reasons, and whether settled.

:func:`detect` reads slim facts of appeals (:class:`AppealFacts`, what the cache holds)
and the region's :class:`~cur_desktop.problems.conflict_rules.ConflictRules`, and says
for each appeal that is a conflict situation *why* — every reason with what it points
at (the earlier appeal of a repeat, the rating given). A reason names no person: the
author and the address are compared as keys and never copied into a reason.

"The same problem" (the repeat rules) is the same category when both appeals have
one, else texts whose content lemmas overlap enough (Jaccard over lemmas of three
letters or more, the region's ``min_similarity``).

A resolution (the ``resolve_conflict`` action, :class:`Resolution`) settles the
reasons it names: an appeal stays a conflict while its newest resolution says «not
settled» or a reason appeared that the resolution did not cover (:func:`still_open`).

Pure and Qt-free; any thread.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from cur_desktop.domain.enums import Flag, Reaction
from cur_desktop.problems.conflict_rules import ConflictRules
from cur_desktop.text.lemmas import lemmatize

DAY = 86_400.0
_MIN_LEMMA = 3
_STEM = 6  # letters of a marker's first lemma every inflected form still contains
_DIGITS = re.compile(r"\D+")
_SPACES = re.compile(r"[\s,.;:«»\"'()-]+")
#: a house in a folded address: «д 5», «дом 12а», or a number ending it («ленина 5/2»)
_HOUSE = re.compile(r"\bд(?:ом)?\s*\d|\d+\s*[а-я]?(?:/\d+)?(?:\s*(?:кв|корп|стр|к)\s*\d+)*$")


class ReasonCode(StrEnum):
    """Why an appeal is a conflict situation (the rule that found it)."""

    LOW_RATING = "low_rating"
    DISSATISFIED = "dissatisfied"
    REOPENED = "reopened"
    REPEAT_AUTHOR = "repeat_author"
    REPEAT_ADDRESS = "repeat_address"
    HIGHER_BODY = "higher_body"
    HIGH_REACH = "high_reach"


@dataclass(frozen=True, slots=True)
class Reason:
    code: ReasonCode
    earlier_id: int | None = None  # the earlier appeal a repeat or an escalation is about
    value: int | None = None  # the rating given, the «я тоже» count


@dataclass(frozen=True, slots=True)
class AppealFacts:
    """What the rules read of one appeal (times in seconds since the epoch, UTC)."""

    id: int
    created_at: float
    text: str = ""
    source: str = ""
    category: str | None = None
    municipality: str | None = None
    author_key: str = ""  # a contact of the author, folded; "" when unknown
    address_key: str = ""  # the address, folded; "" when none
    rating: int | None = None
    reaction: str | None = None
    reopened: bool = False
    flags: int = 0
    me_too: int = 0


@dataclass(frozen=True, slots=True)
class Resolution:
    """The newest ``resolve_conflict`` of an appeal."""

    resolved: bool
    how: str = ""
    reasons: frozenset[str] = frozenset()
    at: float = 0.0
    actor: str = ""


@dataclass(frozen=True, slots=True)
class Conflict:
    appeal_id: int
    reasons: tuple[Reason, ...]
    resolution: Resolution | None = None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(r.code.value for r in self.reasons))

    @property
    def open(self) -> bool:
        return still_open(self.codes, self.resolution)


def still_open(codes: Iterable[str], resolution: Resolution | None) -> bool:
    """A conflict is open unless settled, for every reason it has now."""
    if resolution is None or not resolution.resolved:
        return True
    if not resolution.reasons:  # settled as a whole
        return False
    return not set(codes) <= resolution.reasons


def author_key(name: str | None, phone: str | None, email: str | None, profile: str | None) -> str:
    """One author's key: the phone's last ten digits, else the e-mail, profile or name."""
    digits = _DIGITS.sub("", phone or "")
    if len(digits) >= 7:
        return "tel:" + digits[-10:]
    for prefix, value in (("mail:", email), ("url:", profile), ("name:", name)):
        folded = " ".join((value or "").casefold().replace("ё", "е").split())
        if folded:
            return prefix + folded
    return ""


def address_key(address: str | None, private: bool = False) -> str:
    """An address folded for comparison (case, «ё», punctuation, spaces).

    "" unless it names a house: a street or a village alone is a place many people
    write about, not «the same address» of a repeated appeal.
    """
    del private  # a private address is still the same place; it is never shown here
    folded = _SPACES.sub(" ", (address or "").casefold().replace("ё", "е")).strip()
    return folded if len(folded) >= 6 and _HOUSE.search(folded) else ""


class _Seen:
    """One appeal while detecting: its lemmas read only when a rule needs them."""

    __slots__ = ("_sequence", "facts")

    def __init__(self, facts: AppealFacts) -> None:
        self.facts = facts
        self._sequence: tuple[str, ...] | None = None

    @property
    def sequence(self) -> tuple[str, ...]:
        if self._sequence is None:
            self._sequence = _lemmas_of(self.facts.text)
        return self._sequence

    @property
    def lemmas(self) -> frozenset[str]:
        return _content_of(self.sequence)


@lru_cache(maxsize=100_000)
def _lemmas_of(text: str) -> tuple[str, ...]:
    return tuple(lemmatize(text))


@lru_cache(maxsize=100_000)
def _content_of(sequence: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w for w in sequence if len(w) >= _MIN_LEMMA)


def _may_name(text: str, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """A cheap first look: the text holds the start of some phrase's first lemma."""
    return _stems(phrases).search(text.casefold().replace("ё", "е")) is not None


@lru_cache(maxsize=16)
def _stems(phrases: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    stems = sorted({re.escape(p[0][:_STEM]) for p in phrases if p}) or ["(?!)"]
    return re.compile("|".join(stems))


def detect(
    facts: Sequence[AppealFacts], rules: ConflictRules, *, only: Iterable[int] | None = None
) -> dict[int, tuple[Reason, ...]]:
    """Every appeal among ``facts`` that is a conflict situation, with its reasons.

    ``facts`` may hold earlier appeals kept only as the other side of a repeat;
    ``only`` limits the answer to these ids (all of ``facts`` when None).
    """
    wanted = None if only is None else set(only)
    ordered = sorted(facts, key=lambda f: (f.created_at, f.id))
    by_author: dict[str, list[_Seen]] = defaultdict(list)
    by_address: dict[str, list[_Seen]] = defaultdict(list)
    found: dict[int, tuple[Reason, ...]] = {}
    for f in ordered:
        seen = _Seen(f)
        if wanted is None or f.id in wanted:
            reasons = [
                *_own_reasons(f, rules),
                *_repeats(seen, by_author, by_address, rules),
                *_escalation(seen, by_author, by_address, rules),
            ]
            if reasons:
                found[f.id] = tuple(reasons)
        if f.author_key:
            by_author[f.author_key].append(seen)
        if f.address_key:
            by_address[f.address_key].append(seen)
    return found


def _own_reasons(f: AppealFacts, rules: ConflictRules) -> list[Reason]:
    reasons: list[Reason] = []
    if rules.low_rating and f.rating is not None and f.rating <= rules.max_rating:
        reasons.append(Reason(ReasonCode.LOW_RATING, value=f.rating))
    if rules.dissatisfied and f.reaction == Reaction.DISSATISFIED.value:
        reasons.append(Reason(ReasonCode.DISSATISFIED))
    if rules.reopened and f.reopened:
        reasons.append(Reason(ReasonCode.REOPENED))
    if rules.high_reach and f.source in rules.reach_sources:
        resonant = rules.reach_resonance_flag and bool(f.flags & Flag.RESONANCE)
        if f.me_too >= rules.reach_min_me_too or resonant:
            reasons.append(Reason(ReasonCode.HIGH_REACH, value=f.me_too))
    return reasons


def similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """Jaccard similarity of two lemma sets (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def same_problem(a: _Seen, b: _Seen, min_similarity: float) -> bool:
    if a.facts.category and b.facts.category:
        return a.facts.category == b.facts.category
    return similarity(a.lemmas, b.lemmas) >= min_similarity


def _earlier(
    seen: _Seen, candidates: Sequence[_Seen], days: float, min_similarity: float | None
) -> _Seen | None:
    """The newest earlier appeal within ``days`` (about the same problem, if asked)."""
    since = seen.facts.created_at - days * DAY
    for other in reversed(candidates):
        if other.facts.created_at < since:
            return None
        if min_similarity is None or same_problem(seen, other, min_similarity):
            return other
    return None


def _repeats(
    seen: _Seen,
    by_author: Mapping[str, list[_Seen]],
    by_address: Mapping[str, list[_Seen]],
    rules: ConflictRules,
) -> list[Reason]:
    f = seen.facts
    reasons: list[Reason] = []
    if rules.repeat_author and f.author_key:
        other = _earlier(
            seen,
            by_author.get(f.author_key, ()),
            rules.repeat_author_days,
            rules.repeat_author_similarity,
        )
        if other is not None:
            reasons.append(Reason(ReasonCode.REPEAT_AUTHOR, earlier_id=other.facts.id))
    if rules.repeat_address and f.address_key:
        other = _earlier(
            seen,
            by_address.get(f.address_key, ()),
            rules.repeat_address_days,
            rules.repeat_address_similarity,
        )
        if other is not None and (not reasons or other.facts.author_key != f.author_key):
            reasons.append(Reason(ReasonCode.REPEAT_ADDRESS, earlier_id=other.facts.id))
    return reasons


def _has_phrase(sequence: tuple[str, ...], phrases: Iterable[tuple[str, ...]]) -> bool:
    present = set(sequence)
    for phrase in phrases:
        if not set(phrase) <= present:
            continue
        n = len(phrase)
        if any(sequence[i : i + n] == phrase for i in range(len(sequence) - n + 1)):
            return True
    return False


def _escalation(
    seen: _Seen,
    by_author: Mapping[str, list[_Seen]],
    by_address: Mapping[str, list[_Seen]],
    rules: ConflictRules,
) -> list[Reason]:
    """An appeal to a higher body about an earlier one: a marker, and the earlier one."""
    if not rules.higher_body or not _may_name(seen.facts.text, rules.higher_markers):
        return []
    if not _has_phrase(seen.sequence, rules.higher_markers):
        return []
    f = seen.facts
    days = rules.higher_body_days
    for key, index in ((f.author_key, by_author), (f.address_key, by_address)):
        other = _earlier(seen, index.get(key, ()), days, None) if key else None
        if other is not None:
            return [Reason(ReasonCode.HIGHER_BODY, earlier_id=other.facts.id)]
    if _has_phrase(seen.sequence, rules.earlier_markers):
        return [Reason(ReasonCode.HIGHER_BODY)]
    return []
