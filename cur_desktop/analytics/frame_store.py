"""The wall's columns kept in arrays with spare room: a sync batch costs its own size.

:class:`FrameStore` holds each column of the wall's frame in a numpy array longer
than the frame (code columns as category codes, new codes appended to the
categories), and an index from appeal id to row. A batch of
changed and new appeals is written in place: a changed appeal's row is
overwritten, a new one goes into the spare room at the end (the arrays grow by
half when it is full: amortised, a copy per many batches), an appeal that left
(merged, pruned) is replaced by the last row. :meth:`FrameStore.frame` is a
DataFrame of views of the arrays' first rows, built without copying a value.

At a million appeals, the frame copied per batch of 300 cost ~600 ms; written in
place it costs what the batch does (``bench/bench_wall_aggregates.py``).

Row order: the rows read first keep the cache's order (by id); new appeals follow
in the order they arrive, and a removed row's place is taken by the last row. The
aggregates do not depend on the order of rows.

Ownership: the arrays are shared by every frame the store handed out. A frame is
valid until the next :meth:`FrameStore.apply`; :attr:`FrameStore.version` tells
whether it still is (``cur_desktop.analytics.wall_frame`` reads everything again
rather than refresh a frame whose store has moved on). Not thread-safe: one
writer, and nobody reads a frame while it is refreshed (the wall's worker does
both, one after the other). Qt-free; numpy and pandas are imported inside.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt
    import pandas as pd

#: Spare room when a store is made: an eighth of the rows, at least this many.
MIN_SPARE = 4096
#: Ids up to this multiple of the capacity (plus a million) are indexed by a dense array;
#: any larger id (a sparse id space) goes to a dict.
DENSE_FACTOR = 8
DENSE_SLACK = 1_000_000


def _codes_dtype(n_categories: int) -> Any:
    """The integer type pandas keeps codes in for this many categories (so it never
    converts, that is copies, the codes handed to it)."""
    import numpy as np

    for dtype in (np.int8, np.int16, np.int32):
        if n_categories < np.iinfo(dtype).max:
            return dtype
    return np.int64


class FrameStore:
    """Columns with spare room, an id → row index, updated in place (module doc)."""

    def __init__(
        self,
        columns: Sequence[str],
        categorical: frozenset[str],
        integers: frozenset[str],
    ) -> None:
        self.columns = tuple(columns)
        self.categorical = categorical
        self.integers = integers
        self.rows = 0
        self.capacity = 0
        self.version = 0
        self._data: dict[str, npt.NDArray[Any]] = {}
        self._categories: dict[str, pd.Index] = {}
        self._code_of: dict[str, dict[Any, int]] = {}  # category -> code, per column
        self._dense: npt.NDArray[np.int64] = _empty_positions(0)
        self._far: dict[int, int] = {}

    # --- building -----------------------------------------------------------------------

    @classmethod
    def from_frame(
        cls,
        df: pd.DataFrame,
        *,
        categorical: frozenset[str],
        integers: frozenset[str],
    ) -> FrameStore:
        """A store holding ``df``'s rows (copied once, with spare room)."""
        import numpy as np
        import pandas as pd

        store = cls(tuple(df.columns), categorical, integers)
        rows = len(df)
        store.capacity = rows + max(rows // 8, MIN_SPARE)
        for name in store.columns:
            column = df[name]
            if name in categorical:
                categories = pd.Index(column.cat.categories)
                source = column.cat.codes.to_numpy()
                dtype = _codes_dtype(len(categories))
                store._categories[name] = categories
                store._code_of[name] = {v: k for k, v in enumerate(categories.tolist())}
            else:
                source = column.to_numpy()
                dtype = np.int64 if name in integers else np.float64
            array = np.empty(store.capacity, dtype=dtype)
            array[:rows] = source
            store._data[name] = array
        store.rows = rows
        store._index(store._data["id"][:rows], np.arange(rows, dtype=np.int64))
        return store

    def frame(self) -> pd.DataFrame:
        """The rows held, as a DataFrame of views (no value copied)."""
        import pandas as pd

        n = self.rows
        data: dict[str, Any] = {}
        for name in self.columns:
            if name in self.categorical:
                dtype = pd.CategoricalDtype(self._categories[name], ordered=False)
                data[name] = pd.Categorical.from_codes(
                    _read_only(self._data[name][:n]), dtype=dtype, validate=False
                )
            else:
                data[name] = _read_only(self._data[name][:n])
        return pd.DataFrame(data, columns=list(self.columns), copy=False)

    # --- the id index -------------------------------------------------------------------

    def rows_of(self, ids: Sequence[int]) -> npt.NDArray[np.int64]:
        """The row of each id, -1 for ids not held."""
        import numpy as np

        wanted = np.asarray(ids, dtype=np.int64)
        out = np.full(len(wanted), -1, dtype=np.int64)
        dense = (wanted >= 0) & (wanted < len(self._dense))
        out[dense] = self._dense[wanted[dense]]
        if self._far:
            for k in np.flatnonzero(~dense):
                out[k] = self._far.get(int(wanted[k]), -1)
        return out

    def _index(self, ids: npt.NDArray[np.int64], rows: npt.NDArray[np.int64]) -> None:
        import numpy as np

        if not len(ids):
            return
        limit = DENSE_FACTOR * max(self.capacity, 1) + DENSE_SLACK
        top = int(ids.max())
        if top >= len(self._dense) and len(self._dense) < limit:
            size = min(limit, max(top + 1, len(self._dense) + len(self._dense) // 2))
            grown = _empty_positions(size)
            grown[: len(self._dense)] = self._dense
            self._dense = grown
            for far in [i for i in self._far if i < size]:  # now within the dense range
                grown[far] = self._far.pop(far)
        dense = (ids >= 0) & (ids < len(self._dense))
        self._dense[ids[dense]] = rows[dense]
        for k in np.flatnonzero(~dense):
            self._far[int(ids[k])] = int(rows[k])

    def _unindex(self, appeal_id: int) -> None:
        if 0 <= appeal_id < len(self._dense):
            self._dense[appeal_id] = -1
        else:
            self._far.pop(appeal_id, None)

    # --- a batch ------------------------------------------------------------------------

    def apply(self, upserts: Sequence[tuple[Any, ...]], removals: Sequence[int]) -> None:
        """Write a batch: ``upserts`` (tuples in column order, ``id`` first) are overwritten
        or appended, ``removals`` (ids) leave. Ids held by neither side are ignored."""
        import numpy as np

        self.version += 1
        for appeal_id in removals:
            self._remove(int(appeal_id))
        if not upserts:
            return
        values = self._batch_columns(upserts)
        ids = values["id"]
        # an id twice in one batch: the last tuple wins, as a row by row write would
        _, last = np.unique(ids[::-1], return_index=True)
        keep = np.sort(len(ids) - 1 - last)
        ids = ids[keep]
        rows = self.rows_of(ids.tolist())
        new = rows < 0
        n_new = int(new.sum())
        if self.rows + n_new > self.capacity:
            self._grow(self.rows + n_new)
        rows[new] = np.arange(self.rows, self.rows + n_new, dtype=np.int64)
        for name in self.columns:
            self._data[name][rows] = values[name][keep]
        self._index(ids[new], rows[new])
        self.rows += n_new

    def _batch_columns(self, upserts: Sequence[tuple[Any, ...]]) -> dict[str, Any]:
        """The batch's columns as arrays of the store's types (codes for categories)."""
        import numpy as np

        out: dict[str, Any] = {}
        for name, values in zip(self.columns, zip(*upserts, strict=True), strict=True):
            if name in self.categorical:
                code_of = self._code_of[name]
                unknown = [v for v in values if v is not None and v not in code_of]
                if unknown:
                    self._add_categories(name, unknown)
                    code_of = self._code_of[name]
                codes = [-1 if v is None else code_of[v] for v in values]
                out[name] = np.array(codes, dtype=self._data[name].dtype)
            else:
                dtype = np.int64 if name in self.integers else np.float64
                out[name] = np.array(values, dtype=dtype)  # None -> NaN for floats
        return out

    def _add_categories(self, name: str, unknown: Sequence[Any]) -> None:
        """New codes (rare: a new theme, status, municipality) go after the known ones,
        as ``union_categoricals`` puts a later chunk's codes when the frame is read: the
        held codes stay valid (converted once if they need a wider integer type)."""
        import pandas as pd

        old = self._categories[name]
        added = list(dict.fromkeys(unknown))
        merged = pd.Index([*old.tolist(), *added], dtype=old.dtype if len(old) else None)
        self._code_of[name] = {v: k for k, v in enumerate(merged.tolist())}
        dtype = _codes_dtype(len(merged))
        column = self._data[name]
        if column.dtype != dtype:
            self._data[name] = column.astype(dtype)
        self._categories[name] = merged

    def _remove(self, appeal_id: int) -> None:
        row = int(self.rows_of([appeal_id])[0])
        if row < 0:
            return
        last = self.rows - 1
        if row != last:
            for array in self._data.values():
                array[row] = array[last]
            self._index(self._data["id"][row : row + 1].copy(), _one(row))
        self._unindex(appeal_id)
        self.rows = last

    def _grow(self, needed: int) -> None:
        import numpy as np

        capacity = max(needed, self.capacity + self.capacity // 2, MIN_SPARE)
        for name, array in self._data.items():
            grown = np.empty(capacity, dtype=array.dtype)
            grown[: self.rows] = array[: self.rows]
            self._data[name] = grown
        self.capacity = capacity


def _empty_positions(size: int) -> npt.NDArray[np.int64]:
    import numpy as np

    return np.full(size, -1, dtype=np.int64)


def _read_only(view: npt.NDArray[Any]) -> npt.NDArray[Any]:
    """A view nobody can write through (a reader must never change the store's rows)."""
    view.flags.writeable = False
    return view


def _one(row: int) -> npt.NDArray[np.int64]:
    import numpy as np

    return np.array([row], dtype=np.int64)
