"""natasha's news NER (slovnet, shipped inside the PyPI packages): PER spans, loaded once.

The model finds names a dictionary does not know and in contexts no rule lists
(13 of 15 planted names on hand-written texts, measured in ``ACCURACY.md``);
:mod:`.names` adds what it misses. Loading takes about a second and ~30 MB, so it
happens on the first text that needs it, once per process, under a lock; the
tagger itself is not thread-safe, so calls are serialised too.
"""

from __future__ import annotations

import threading
from typing import Any

_lock = threading.Lock()
_model: tuple[Any, Any] | None = None


def _load() -> tuple[Any, Any]:
    global _model
    if _model is None:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter

        _model = (Segmenter(), NewsNERTagger(NewsEmbedding()))
    return _model


def person_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges natasha tags as persons (PER)."""
    if not text.strip():
        return []
    from natasha import Doc

    with _lock:
        segmenter, tagger = _load()
        doc = Doc(text)
        doc.segment(segmenter)
        doc.tag_ner(tagger)
        return [(int(s.start), int(s.stop)) for s in doc.spans if s.type == "PER"]


def loaded() -> bool:
    return _model is not None
