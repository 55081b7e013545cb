"""The console's «Новое обращение» (Ctrl+Shift+N): the registration form wired to the cache.

:class:`RegistrationDesk` owns one :class:`~widgets.registration_form.RegistrationForm`
per console window and answers what it asks:

- «already reported?» lookups run :func:`cur_desktop.cache.queries.nearby.nearby_open`
  on the desk's own :class:`~ui.tasks.TaskRunner` (never on the GUI thread; the
  newest lookup wins), and the best candidate's categorisation is offered as the
  suggested theme, category and body;
- a registration is stored by :class:`cur_desktop.cache.registrations.Registrations`
  (the outbox command, the provisional row in the queue, the provisional number
  shown at once) and the sync is woken through the window's action submitter; when
  the sync confirms it (:meth:`refresh`, on every cache change) the form shows the
  real number;
- «я тоже» is an ordinary operator command (``me_too``) through the same submitter.

The municipality follows the address through the region's gazetteer
(:mod:`cur_desktop.regions.gazetteer`), built off the GUI thread when the form
first opens. GUI thread.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from cur_desktop.cache.queries.nearby import NearbyAppeal, NearbyQuery, known_streets, nearby_open
from cur_desktop.cache.registrations import Registrations
from cur_desktop.domain.enums import Action
from cur_desktop.domain.lifecycle import Command
from cur_desktop.domain.registration import REGISTRARS, Registration
from cur_desktop.suggest.category_search import SEP, CategoryIndex
from cur_desktop.text.lemmas import words
from ui.tasks import TaskRunner
from widgets.registration_form import RegistrationForm, Suggested

if TYPE_CHECKING:
    from cur_desktop.regions.gazetteer import Gazetteer
    from ui.console.window import ConsoleWindow

log = logging.getLogger(__name__)


def _gazetteer(context_dicts: object) -> Gazetteer | None:
    """The region's gazetteer (the built-in pack's region, as the console's SLA setup)."""
    from cur_desktop.domain.dictionaries import Dictionaries
    from cur_desktop.regions.gazetteer import Gazetteer
    from cur_desktop.regions.pack import builtin_pack_dir, load_pack

    if not isinstance(context_dicts, Dictionaries):
        return None
    pack = load_pack(builtin_pack_dir())
    return Gazetteer.for_region(context_dicts, pack.code, pack_dir=builtin_pack_dir())


#: A category path needs this much evidence from the text (one word naming few paths).
CATEGORY_EVIDENCE = 0.5
#: A word naming more paths than this tells nothing about the category («работа»).
CATEGORY_WORD_PATHS = 8


def category_from_text(index: CategoryIndex, text: str) -> tuple[str | None, str | None]:
    """Theme and category the caller's words name in the region's category tree.

    Each word of three letters or more is looked up in the tree by lemma
    (:class:`~cur_desktop.suggest.category_search.CategoryIndex`); a word that names
    few paths votes for them (1 / their number). The best paths' common part is
    suggested, down to the category: «не горят фонари» → lighting, whichever of its
    subcategories. (None, None) when the words name nothing clearly.
    """
    votes: dict[str, float] = {}
    for word in set(words(text)):
        if len(word) < 3:
            continue
        paths = [e.code for e in index.search(word) if SEP in e.code]
        if not paths or len(paths) > CATEGORY_WORD_PATHS:
            continue
        for code in paths:
            votes[code] = votes.get(code, 0.0) + 1 / len(paths)
    if not votes:
        return None, None
    top = max(votes.values())
    if top < CATEGORY_EVIDENCE:
        return None, None
    best = [code.split(SEP) for code, score in votes.items() if score == top]
    common = best[0]
    for parts in best[1:]:
        n = 0
        while n < min(len(common), len(parts)) and common[n] == parts[n]:
            n += 1
        common = common[:n]
    theme = common[0] if common else None
    category = common[1] if len(common) > 1 else None
    return theme, category


class RegistrationDesk(QObject):
    """The registration form of one console window and what it asks of the cache."""

    def __init__(self, window: ConsoleWindow) -> None:
        super().__init__(window)
        self._window = window
        self._context = window.context
        self._runner = TaskRunner(self, name="registration-lookups")
        self._store = Registrations(self._context.cache.engine, clock=self._context.clock)
        self.form: RegistrationForm | None = None
        self._key: str | None = None  # the registration last stored from the form
        self._attached: NearbyAppeal | None = None
        self._index: tuple[object, CategoryIndex] | None = None  # per dictionaries
        # (provisional id, real id): the operator had the provisional row selected
        self._follow: tuple[int, int] | None = None
        window.queue.loaded.connect(self._queue_loaded)

    @property
    def allowed(self) -> bool:
        return self._context.identity.role in REGISTRARS

    def open(self) -> RegistrationForm | None:
        """Show the form (built on first use); None when this role may not register."""
        if not self.allowed:
            self._window.status.showMessage(self.tr("This role does not register appeals"), 8000)
            return None
        if self.form is None:
            self.form = self._build()
        self.form.show()
        self.form.raise_()
        self.form.activateWindow()
        return self.form

    def _municipalities(self) -> list[str]:
        """The municipalities this operator's scope is limited to (none: the whole region)."""
        parts = (p.strip() for p in self._context.identity.scope.split(","))
        return [p for p in parts if p.isdigit() and len(p) in (8, 11)]

    def _municipality_name(self, oktmo: str) -> str:
        dicts = self._context.dictionaries
        found = dicts.municipality(oktmo) if dicts is not None else None
        return found.display_name if found is not None else oktmo

    def _build(self) -> RegistrationForm:
        ctx = self._context
        own = self._municipalities()
        default = own[0] if len(own) == 1 else None
        form = RegistrationForm(
            ctx.dictionaries,
            personal_data=not ctx.masked,
            default_municipality=default,
            parent=self._window,
        )
        form.lookup_requested.connect(self._lookup)
        form.register_requested.connect(self._register)
        form.me_too_requested.connect(self._me_too)
        engine = ctx.cache.engine
        dicts = ctx.dictionaries
        self._runner.submit("streets", lambda: known_streets(engine), form.set_streets)
        self._runner.submit("gazetteer", lambda: _gazetteer(dicts), self._gazetteer_ready)
        self._categories()
        return form

    def _gazetteer_ready(self, gazetteer: Gazetteer | None) -> None:
        if self.form is not None and gazetteer is not None:
            self.form.set_municipality_of(gazetteer.municipality_in)

    # -- what the form asks ----------------------------------------------------------------

    def _lookup(self, query: NearbyQuery) -> None:
        engine = self._context.cache.engine
        now = self._context.clock()
        index = self._categories()

        def job() -> tuple[list[NearbyAppeal], tuple[str | None, str | None]]:
            named = category_from_text(index, query.text) if index else (None, None)
            return nearby_open(engine, query, now=now), named

        self._runner.submit("nearby", job, self._found)

    def _categories(self) -> CategoryIndex | None:
        """The category tree's index (built off the GUI thread; None until it is)."""
        dicts = self._context.dictionaries
        if self._index is not None and self._index[0] is dicts:
            return self._index[1]
        if dicts is not None and not self._runner.busy("categories"):
            index_of = CategoryIndex
            self._runner.submit(
                "categories", lambda: (dicts, index_of(dicts)), self._categories_ready
            )
        return None

    def _categories_ready(self, built: tuple[object, CategoryIndex]) -> None:
        self._index = built
        if self.form is not None:
            self.form.lookup_again()

    def _found(self, result: tuple[list[NearbyAppeal], tuple[str | None, str | None]]) -> None:
        form = self.form
        if form is None:
            return
        found, (theme, category) = result
        form.show_candidates(found)
        if theme is not None:  # what the caller's words name in the region's tree
            form.set_suggestions(Suggested(theme, category, None, None, self.tr("by the text")))
        best = next((h for h in found if h.theme or h.category or h.body), None)
        # the same house's municipality, when the address alone did not name one
        place = next((h.municipality for h in found if h.same_house and h.municipality), None)
        if best is not None or place is not None:
            form.set_suggestions(
                Suggested(
                    best.theme if best else None,
                    best.category if best else None,
                    best.body if best else None,
                    place,
                    f"№ {(best or found[0]).number}",
                )
            )

    def _register(self, registration: Registration) -> None:
        form = self.form
        assert form is not None
        own = self._municipalities()
        if own and registration.municipality not in own:
            # the service would refuse it (out of scope): say so while the caller is here
            form.show_error(
                self.tr("Choose a municipality of your own: %1").replace(
                    "%1", ", ".join(self._municipality_name(m) for m in own)
                )
            )
            form.municipality.setFocus()
            return
        actor = self._context.identity.login
        try:
            stored = self._store.store(registration, actor=actor)
        except Exception:
            log.exception("a registration could not be stored")
            form.show_error(self.tr("The registration could not be stored: see the log."))
            return
        log.info("registration stored in the outbox")
        self._key = stored.key
        form.show_registered(stored.number)
        self._window.actions.stored([stored.key])
        self._window.refresh()

    def _me_too(self, appeal_id: int, params: dict[str, object]) -> None:
        form = self.form
        assert form is not None
        hit = form.current_candidate()
        keys = self._window.actions.submit(
            [appeal_id],
            Command(Action.ME_TOO, {k: v for k, v in params.items() if isinstance(v, str)}),
        )
        if not keys or hit is None:
            form.show_error(self.tr("The appeal is no longer in the cache."))
            return
        self._attached = hit
        form.show_attached(hit.number, hit.me_too + 1)

    # -- what the sync did ---------------------------------------------------------------

    def refresh(self) -> None:
        """The cache changed: a registration the form showed may now have its real number."""
        if self.form is None or self._key is None:
            return
        row = self._store.get(self._key)
        if row is None:
            return
        if row.state == "confirmed" and row.number:
            self.form.show_registered(row.provisional_number, row.number)
            self._key = None
            if self._current() == row.provisional_id and row.appeal_id:
                self._follow = (row.provisional_id, row.appeal_id)  # once the queue is read
        elif row.state == "refused":
            self.form.show_error(
                self.tr("The service refused registration %1: see the outbox.").replace(
                    "%1", row.provisional_number
                )
            )
            self._key = None

    def _queue_loaded(self, _count: int) -> None:
        """The queue was read again: the real appeal takes the provisional row's place."""
        follow, self._follow = self._follow, None
        if follow is None:
            return
        if self._current() == follow[0]:
            self._window.show_appeal(follow[1])

    def _current(self) -> int | None:
        current = self._window.queue.table.current_appeal_id()
        return None if current is None else int(current)

    def idle(self) -> bool:
        return not self._runner.busy()

    def shutdown(self) -> None:
        self._runner.shutdown()
        if self.form is not None:
            focused = QApplication.focusWidget()
            if focused is not None and self.form.isAncestorOf(focused):
                focused.clearFocus()  # not while it is being deleted (focusChanged then)
            self.form.close()
            self.form.deleteLater()  # before the window: nothing of it outlives the console
            self.form = None
