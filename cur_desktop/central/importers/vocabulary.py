"""Names in foreign files → codes of the region's dictionaries.

Sources name things the way people do: «ЖКХ», «Ямы на дорогах», «г. Тула»,
«Администрация города Тулы». :class:`Vocabulary` matches such names against
the dictionaries' own names (normalised: case, ё/е, quotes, spaces), then the
alias tables, then — for municipalities and municipal administrations — by
Russian word stems with the generic words («муниципальный район», «городской
округ», «администрация») left out, accepting only an unambiguous match.
"""

from __future__ import annotations

import difflib
import logging
from collections import defaultdict
from collections.abc import Callable, Sequence
from typing import TypeVar, cast

from cur_desktop.central.importers.aliases import Aliases
from cur_desktop.central.importers.cells import CellError, norm, stems
from cur_desktop.domain.dictionaries import Category, Dictionaries
from cur_desktop.regions.gazetteer import Gazetteer
from cur_desktop.text.lemmas import lemma, words

log = logging.getLogger(__name__)
_T = TypeVar("_T")
_MISS = object()
_CACHE_LIMIT = 200_000

_GENERIC_WORDS = (
    "муниципальный муниципальное муниципального муниципальной район района районе округ округа "
    "городской городского город города г рп пгт рабочий рабочего поселок поселка пос мо "
    "образование образования администрация администрации сельское городское поселение "
    "поселения область области"
)

#: Words that do not tell categories apart («Ямы на дорогах» = «ямы дороги»).
_STOP_WORDS = frozenset(
    [
        "и",
        "в",
        "во",
        "на",
        "по",
        "с",
        "со",
        "для",
        "за",
        "от",
        "до",
        "из",
        "к",
        "о",
        "об",
        "не",
        "т",
        "ч",
    ]
)
#: The catch-all names of a classifier level, and our own catch-all category's name.
_OTHER_WORDS = frozenset(["иное", "прочее", "другое", "прочие", "другие", "иные вопросы"])
_OTHER = "прочие по направлению"
#: A typo is forgiven only in a name this long, against one close name (difflib ratio).
_TYPO_MIN_LENGTH = 8
_TYPO_CUTOFF = 0.9

#: A category resolved from one or more hierarchy levels.
CategoryPath = tuple[str | None, str | None, str | None]  # theme, category, subcategory


def lemma_key(text: str) -> str:
    """Order-, case- and inflection-insensitive key of a name: its content words' lemmas."""
    return " ".join(sorted({lemma(w) for w in words(text) if w not in _STOP_WORDS}))


class SoftPath:
    """A category path resolved as far as the vocabularies allow, with what they lacked."""

    __slots__ = ("category", "recognised", "subcategory", "theme", "unknown")

    def __init__(self) -> None:
        self.theme: str | None = None
        self.category: str | None = None
        self.subcategory: str | None = None
        self.unknown: list[tuple[str, str]] = []  # (column, value)
        self.recognised = False  # a value was known to name nothing of ours (alias "")

    def as_tuple(self) -> CategoryPath:
        return self.theme, self.category, self.subcategory


class Vocabulary:
    """Resolves names to codes for one region; cheap to query, built once per import."""

    def __init__(self, dictionaries: Dictionaries, aliases: Aliases | None = None) -> None:
        self.dictionaries = dictionaries
        self.aliases = aliases or Aliases()
        d = dictionaries
        self._themes = {norm(t.name): t.code for t in d.themes} | {t.code: t.code for t in d.themes}
        self._categories: dict[str, list[Category]] = defaultdict(list)
        for cat in d.categories:
            self._categories[norm(cat.name)].append(cat)
        self._municipalities: dict[str, str] = {}
        for mun in d.municipalities:
            for name in (mun.name, mun.short_name, mun.oktmo):
                if name:
                    self._municipalities.setdefault(norm(name), mun.oktmo)
        self._generic = frozenset(stems(_GENERIC_WORDS))
        self._mun_cores: dict[frozenset[str], set[str]] = defaultdict(set)
        for mun in d.municipalities:
            for name in (mun.name, mun.short_name):
                core = self._core(name)
                if core:
                    self._mun_cores[core].add(mun.oktmo)
        self._bodies: dict[str, str] = {}
        for body in d.bodies:
            for name in (body.name, body.short_name, body.code):
                if name:
                    self._bodies.setdefault(norm(name), body.code)
        self._admins = {
            b.municipalities[0]: b.code
            for b in reversed(d.bodies)
            if len(b.municipalities) == 1 and not b.themes
        }
        self._reasons = {norm(r.name): r.code for r in d.rejection_reasons}
        self._theme_lemmas = {lemma_key(t.name): t.code for t in d.themes}
        self._category_lemmas: dict[str, list[Category]] = defaultdict(list)
        for cat in d.categories:
            self._category_lemmas[lemma_key(cat.name)].append(cat)
        self._alias_lemmas: dict[str, dict[str, str]] = {}
        tables = self.aliases.tables
        self.gazetteer = Gazetteer(
            d.municipalities,
            {t: tables.get(t, {}) for t in ("municipalities", "settlements", "streets")},
        )
        self._cache: dict[tuple[str, ...], object] = {}
        self._codes: dict[str, frozenset[str]] = {
            "themes": frozenset(t.code for t in d.themes),
            "categories": frozenset(c.code for c in d.categories),
            "municipalities": frozenset(m.oktmo for m in d.municipalities),
            "bodies": frozenset(b.code for b in d.bodies),
            "rejection_reasons": frozenset(r.code for r in d.rejection_reasons),
        }

    def _core(self, name: str) -> frozenset[str]:
        return frozenset(s for s in stems(name) if s not in self._generic)

    def _alias(self, table: str, text: str) -> str | None:
        """An alias target, checked against the dictionaries (a stale alias is a config error).

        Themes and categories are also matched by their words' lemmas («Ямы во дворе» meets
        «Ямы во дворах»), so an alias table need not list every spelling.
        """
        target = self.aliases.get(table, text)
        if target is None and table in ("themes", "categories"):
            index = self._alias_lemmas.get(table)
            if index is None:
                index = {lemma_key(k): v for k, v in self.aliases.tables.get(table, {}).items()}
                self._alias_lemmas[table] = index
            target = index.get(lemma_key(text))
        if target is None or target == "" or target in self._codes[table]:
            return target
        raise CellError("bad_alias", f"alias {text.strip()!r} in {table} names unknown {target!r}")

    # --- themes and categories -------------------------------------------------

    def theme(self, text: str) -> str | None:
        """A theme code for a theme name; None for an empty cell."""
        if not text.strip():
            return None
        found = self._find_theme(text)
        if found is None:
            raise CellError("unknown_theme", f"unknown theme {text.strip()!r}")
        return found or None

    def _find_theme(self, text: str) -> str | None:
        """A theme code; ``""`` when an alias says the name is none of our themes."""
        alias = self._alias("themes", text)
        if alias is not None:
            return alias
        return self._themes.get(norm(text)) or self._theme_lemmas.get(lemma_key(text))

    def _memo(self, key: tuple[str, ...], compute: Callable[[], _T]) -> _T:
        """``compute()`` once per distinct input: exports repeat the same few names per row."""
        hit = self._cache.get(key, _MISS)
        if hit is _MISS:
            try:
                hit = compute()
            except CellError as exc:
                hit = exc
            if len(self._cache) < _CACHE_LIMIT:
                self._cache[key] = hit
        if isinstance(hit, CellError):
            raise CellError(hit.code, hit.message, hit.field)  # a fresh one: clean traceback
        return cast("_T", hit)

    def category_path(self, levels: Sequence[tuple[str, str]]) -> CategoryPath:
        """Resolve a hierarchy of ``(column, name)`` pairs (see :meth:`_category_path`)."""
        key = ("category", *(part for level in levels for part in level))
        return self._memo(key, lambda: self._category_path(levels))

    def soft_path(self, levels: Sequence[tuple[str, str]]) -> SoftPath:
        """Resolve what can be resolved; an unknown or ambiguous level is noted, not raised.

        Each level is tried on its own after an unknown one, so «Дороги» / «Яма у дома»
        keeps the theme and notes the subcategory. A stale alias (``bad_alias``) still
        raises: that is a broken configuration, not a foreign word.
        """
        key = ("soft", *(part for level in levels for part in level))
        hit = self._cache.get(key)
        if isinstance(hit, SoftPath):
            return hit
        path = SoftPath()
        theme: str | None = None
        category: Category | None = None
        subcategory: Category | None = None
        for column, text in levels:
            if not text.strip():
                continue
            try:
                # only the first level may name a theme: «Водоснабжение» under «ЖКХ» is
                # the category, not the theme again
                first = theme is None and category is None and not path.recognised
                as_theme = self._find_theme(text) if first else None
                if as_theme == "":
                    path.recognised = True
                    continue
                if as_theme is not None:
                    theme = as_theme
                    continue
                if self._is_other(text):
                    found_other = self._other(theme) if category is None else None
                    if found_other is None:
                        path.recognised = True  # «Иное» under a category: nothing finer
                        continue
                    found = found_other
                elif self._alias("categories", text) == "":
                    path.recognised = True
                    continue
                else:
                    found = self._find_soft(column, text, theme, category)
            except CellError as exc:
                if exc.code == "bad_alias":
                    raise
                path.unknown.append((column, text.strip()))
                continue
            if found.parent is None:
                category = found
            else:
                subcategory, category = found, self.dictionaries.category(found.parent)
            theme = found.theme
        path.theme = theme
        path.category = category.code if category else None
        path.subcategory = subcategory.code if subcategory else None
        if len(self._cache) < _CACHE_LIMIT:
            self._cache[key] = path
        return path

    def _category_path(self, levels: Sequence[tuple[str, str]]) -> CategoryPath:
        """Resolve a hierarchy of ``(column, name)`` pairs, most general first.

        A level may name a theme («Дороги»), a category or a subcategory; each
        narrows the next, so «Прочие по направлению» (one per theme) is found
        under the theme named before it. Every non-empty level must resolve.
        """
        theme: str | None = None
        category: Category | None = None
        subcategory: Category | None = None
        for column, text in levels:
            if not text.strip():
                continue
            as_theme = self._find_theme(text) if category is None else None
            if as_theme == "":
                continue  # an alias says: none of our themes
            if as_theme is not None and theme in (None, as_theme):
                theme = as_theme
                continue
            found = self._find_category(column, text, theme, category)
            if found.parent is None:
                category = found
            else:
                subcategory, category = found, self.dictionaries.category(found.parent)
            theme = found.theme
        return theme, category.code if category else None, subcategory.code if subcategory else None

    def _find_category(
        self, column: str, text: str, theme: str | None, parent: Category | None
    ) -> Category:
        alias = self._alias("categories", text)
        if alias:
            found = self.dictionaries.category(alias)
            assert found is not None  # checked by _alias
            candidates = [found]
        else:
            candidates = list(self._categories.get(norm(text), ()))
            if not candidates:
                candidates = list(self._category_lemmas.get(lemma_key(text), ()))
            if not candidates:
                candidates = self._close_categories(text, theme, parent)
        if parent is not None:
            candidates = [c for c in candidates if c.parent == parent.code or c is parent]
        elif theme is not None:
            candidates = [c for c in candidates if c.theme == theme]
        name = text.strip()
        if not candidates:
            where = f" under {parent.code!r}" if parent else f" in theme {theme!r}" if theme else ""
            raise CellError("unknown_category", f"unknown category {name!r}{where}", column)
        if len(candidates) > 1:
            raise CellError(
                "ambiguous_category",
                f"category {name!r} exists in several themes; name the theme first",
                column,
            )
        return candidates[0]

    def _find_soft(
        self, column: str, text: str, theme: str | None, parent: Category | None
    ) -> Category:
        """A category under the levels before it, else the one category so named anywhere.

        ПОС lists «Уборка снега» under «Дороги» and under «Дворы»: the name is the more
        specific fact, so it may move the appeal to the theme of its one category.
        """
        try:
            return self._find_category(column, text, theme, parent)
        except CellError as exc:
            if exc.code != "unknown_category" or (theme is None and parent is None):
                raise
            found = self._find_category(column, text, None, None)
            if parent is not None and found.parent not in (None, parent.code):
                raise
            return found

    @staticmethod
    def _is_other(text: str) -> bool:
        """«Иное», «Прочее», «Дороги прочее»: the catch-all of a level."""
        key = norm(text)
        return key in _OTHER_WORDS or key.endswith(" прочее")

    def _other(self, theme: str | None) -> Category | None:
        """The theme's catch-all category («Прочие по направлению»), if it has one."""
        if theme is None:
            return None
        for cat in self.dictionaries.categories_of(theme):
            if cat.parent is None and (cat.code.endswith(".other") or norm(cat.name) == _OTHER):
                return cat
        return None

    def _close_categories(
        self, text: str, theme: str | None, parent: Category | None
    ) -> list[Category]:
        """Categories one typo away («Ямы и выбоны на дорогах»), only when one name is close."""
        key = norm(text)
        if len(key) < _TYPO_MIN_LENGTH:
            return []
        names = [
            name
            for name, cats in self._categories.items()
            if any(
                (parent is None or c.parent == parent.code) and (theme is None or c.theme == theme)
                for c in cats
            )
        ]
        close = difflib.get_close_matches(key, names, n=2, cutoff=_TYPO_CUTOFF)
        return list(self._categories[close[0]]) if len(close) == 1 else []

    # --- municipalities, bodies, reasons ----------------------------------------

    def municipality(self, text: str) -> str | None:
        """An OKTMO code for a municipality name or code; None for an empty or region-wide cell."""
        return self._memo(("municipality", text), lambda: self._municipality(text))

    def _municipality(self, text: str) -> str | None:
        if not text.strip():
            return None
        alias = self._alias("municipalities", text)
        if alias is not None:
            return alias or None
        key = norm(text)
        if key.isdigit():
            return self._oktmo(key)
        found = self._municipalities.get(key)
        if found is None:
            matches = self._mun_cores.get(self._core(text), set())
            found = next(iter(matches)) if len(matches) == 1 else None
        if found is None:
            found = self.gazetteer.municipality(text)
            if found == "":
                return None  # the whole region
        if found is None:
            raise CellError("unknown_municipality", f"unknown municipality {text.strip()!r}")
        return found

    def _oktmo(self, code: str) -> str:
        """An 8- or 11-digit OKTMO, reduced to the municipality the region lists."""
        for candidate in (code, code[:8], code[:5] + "000"):
            if self.dictionaries.municipality(candidate) is not None:
                return candidate
        raise CellError("unknown_municipality", f"OKTMO {code} is not a municipality of the region")

    def body(self, text: str) -> str | None:
        """A body code for an organisation name; None for an empty cell."""
        found = self.find_body(text)
        if found is None and text.strip():
            raise CellError("unknown_body", f"unknown organisation {text.strip()!r}")
        return found

    def find_body(self, text: str) -> str | None:
        """Like :meth:`body` but None when unknown (for free-text executor columns)."""
        return self._memo(("body", text), lambda: self._find_body(text))

    def _find_body(self, text: str) -> str | None:
        if not text.strip():
            return None
        alias = self._alias("bodies", text)
        if alias:
            return alias
        found = self._bodies.get(norm(text))
        if found is None and "администрац" in norm(text):
            words = set(stems(text))
            towns = {o for core, oktmos in self._mun_cores.items() if core <= words for o in oktmos}
            if len(towns) == 1:
                found = self._admins.get(towns.pop())
        return found

    def body_municipality(self, body: str | None) -> str | None:
        """The one municipality a body serves, if it serves exactly one."""
        info = self.dictionaries.body(body) if body else None
        return info.municipalities[0] if info and len(info.municipalities) == 1 else None

    def rejection_reason(self, text: str) -> str | None:
        """A rejection-reason code by name, code or alias; unknown reasons are an error."""
        if not text.strip():
            return None
        alias = self._alias("rejection_reasons", text)
        found = alias or self._reasons.get(norm(text))
        if found is None and text.strip() in self._codes["rejection_reasons"]:
            found = text.strip()
        if found is None:
            raise CellError(
                "unknown_rejection_reason", f"unknown rejection reason {text.strip()!r}"
            )
        return found

    def known_reason(self, code: str | None) -> str | None:
        """``code`` if the region has that rejection reason, else None (logged once per call)."""
        if code is None or self.dictionaries.rejection_reason(code) is not None:
            return code
        log.warning("rejection reason %r is not in the region's dictionaries; left empty", code)
        return None
