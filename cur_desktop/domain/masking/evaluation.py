"""Recall and precision of the masker per kind over a labelled set (tests and the benchmark).

A labelled span counts as found when every letter and digit of it lies inside a
masked span (of any kind: masked is masked; «[ФИО]» over a birth date still hides
it). A masked span counts as right when it overlaps a labelled span; one that
overlaps none is a false alarm of its kind (the word the wall lost for nothing).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from cur_desktop.domain.masking.spans import Span


@dataclass
class KindScore:
    labelled: int = 0
    found: int = 0
    masked: int = 0
    right: int = 0
    missed: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.labelled if self.labelled else 1.0

    @property
    def precision(self) -> float:
        return self.right / self.masked if self.masked else 1.0


def score(
    records: Iterable[Mapping[str, Any]], find: Callable[[str], list[Span]]
) -> dict[str, KindScore]:
    """Per kind: labelled spans found and masked spans right, over ``records``."""
    out: dict[str, KindScore] = {}
    for record in records:
        text = str(record["text"])
        gold = [(int(s["start"]), int(s["end"]), str(s["kind"])) for s in record["spans"]]
        found = find(text)
        covered = bytearray(len(text))
        for span in found:
            covered[span.start : span.end] = b"\x01" * (span.end - span.start)
        for start, end, kind in gold:
            k = out.setdefault(kind, KindScore())
            k.labelled += 1
            if all(covered[i] or not text[i].isalnum() for i in range(start, end)):
                k.found += 1
            else:
                k.missed.append(f"{text[start:end]!r} in {record['id']}")
        for span in found:
            k = out.setdefault(span.kind, KindScore())
            k.masked += 1
            if any(span.start < end and start < span.end for start, end, _ in gold):
                k.right += 1
            else:
                k.false_alarms.append(f"{text[span.start : span.end]!r} in {record['id']}")
    return out
