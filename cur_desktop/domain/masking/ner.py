"""natasha's news NER (slovnet, shipped inside the PyPI packages): PER spans, loaded once.

The model finds names a dictionary does not know and in contexts no rule lists
(13 of 15 planted names on hand-written texts, measured in ``ACCURACY.md``);
:mod:`.names` adds what it misses. Loading takes about a second and ~30 MB, so it
happens on the first text that needs it, once per process, under a lock; the
tagger itself is not thread-safe, so calls are serialised too.

The tagger's matrices are small: with BLAS free to use every core, a busy machine
made it ten times slower (23 texts/s instead of 240 here), so each call runs with
one BLAS thread (threadpoolctl, a scikit-learn dependency, when it is installed).
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

_lock = threading.Lock()
_model: list[tuple[Any, Any, Any]] = []  # the one loaded model, once loaded


def _one_blas_thread() -> Any:
    try:
        from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]
    except ImportError:  # pragma: no cover - scikit-learn brings it
        return None
    return ThreadpoolController()


def _load() -> tuple[Any, Any, Any]:
    if not _model:
        from natasha import NewsEmbedding, NewsNERTagger, Segmenter

        _model.append((Segmenter(), NewsNERTagger(NewsEmbedding()), _one_blas_thread()))
    return _model[0]


def person_spans(text: str) -> list[tuple[int, int]]:
    """Character ranges natasha tags as persons (PER)."""
    if not text.strip():
        return []
    from natasha import Doc

    with _lock:
        segmenter, tagger, threads = _load()
        doc = Doc(text)
        doc.segment(segmenter)
        limit = (
            threads.limit(limits=1, user_api="blas")
            if threads is not None
            else contextlib.nullcontext()
        )
        with limit:
            doc.tag_ner(tagger)
        return [(int(s.start), int(s.stop)) for s in doc.spans if s.type == "PER"]


def loaded() -> bool:
    return bool(_model)
