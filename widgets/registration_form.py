"""«Новое обращение»: register a hotline call, a visitor or a letter while the citizen talks.

Keyboard first: every field has a mnemonic, Tab walks the fields in the order a
call goes (channel, caller, address, what happened, importance), the text field
passes Tab on, Ctrl+Enter registers, Ctrl+Shift+M attaches the caller to the chosen
«already reported» appeal («я тоже»), F4 goes to that list, Ctrl+Shift+N empties the
form for the next call, Esc closes.

The form knows no cache and no service. It asks (signals) and is told (methods):

- :attr:`lookup_requested` — a :class:`~cur_desktop.cache.queries.nearby.NearbyQuery`
  shortly after the text or the address changed; the console runs the query off the
  GUI thread and answers with :meth:`show_candidates`;
- :attr:`register_requested` — a checked
  :class:`~cur_desktop.domain.registration.Registration`; the console stores it and
  answers with :meth:`show_registered` (the provisional number at once, the real one
  when the service confirms it);
- :attr:`me_too_requested` — (appeal id, command parameters) for «я тоже»; answered
  with :meth:`show_attached`.

Suggestions of theme, category and body arrive through :meth:`set_suggestions`
(from whatever can suggest them: the «already reported» appeals' categorisation, a
suggestion model); a suggestion fills a field the operator has not set and is
marked as suggested, never overriding the operator's choice.

The author's fields exist only for roles allowed personal data (152-ФЗ): for the
others they are not built at all. The municipality follows the address through the
region's gazetteer until the operator picks one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import QSignalBlocker, QStringListModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.cache.queries.nearby import NearbyAppeal, NearbyQuery
from cur_desktop.domain.appeal import JsonScalar
from cur_desktop.domain.dictionaries import Dictionaries
from cur_desktop.domain.enums import Importance, Kind
from cur_desktop.domain.refusal import TransitionRefused
from cur_desktop.domain.registration import (
    DEFAULT_KIND,
    Channel,
    Registration,
    registration_from_params,
)

LOOKUP_DELAY_MS = 350
REGISTER_KEYS = ("Ctrl+Return", "Ctrl+Enter")
ME_TOO_KEY = "Ctrl+Shift+M"
NEXT_CALL_KEY = "Ctrl+Shift+N"  # as the console's «Новое обращение»
CANDIDATES_KEY = "F4"
MIN_TEXT_FOR_LOOKUP = 8

#: What finds the municipality an address names (the region's gazetteer).
MunicipalityOf = Callable[[str], "str | None"]


@dataclass(frozen=True, slots=True)
class Suggested:
    """Codes suggested for the new appeal, and where they come from (shown to the operator)."""

    theme: str | None = None
    category: str | None = None
    body: str | None = None
    municipality: str | None = None  # when the address alone does not tell
    source: str = ""


class RegistrationForm(QDialog):
    """One registration at a time; stays open after registering to read the number out."""

    lookup_requested = Signal(object)  # NearbyQuery
    register_requested = Signal(object)  # Registration
    me_too_requested = Signal(int, object)  # appeal id, command parameters

    def __init__(
        self,
        dictionaries: Dictionaries | None,
        *,
        personal_data: bool,
        municipality_of: MunicipalityOf | None = None,
        streets: Sequence[str] = (),
        default_municipality: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("registration_form")
        self.setWindowTitle(self.tr("New appeal"))
        self._dicts = dictionaries
        self._personal = personal_data
        self._municipality_of = municipality_of
        self._default_municipality = default_municipality
        self._municipality_chosen = False  # by the operator: the address no longer moves it
        self._suggested_fields: set[str] = set()
        self._candidates: list[NearbyAppeal] = []
        self._filling = False
        self._lookup_timer = QTimer(self)
        self._lookup_timer.setSingleShot(True)
        self._lookup_timer.setInterval(LOOKUP_DELAY_MS)
        self._lookup_timer.timeout.connect(self._request_lookup)

        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.channel = QComboBox()
        for channel, label in self._channel_labels():
            self.channel.addItem(label, channel.value)
        form.addRow(self._label(self.tr("&Channel:"), self.channel), self.channel)

        self.kind = QComboBox()
        for kind, label in (
            (Kind.APPEAL, self.tr("Appeal (59-FZ)")),
            (Kind.MESSAGE, self.tr("Message")),
        ):
            self.kind.addItem(label, kind.value)
        form.addRow(self._label(self.tr("&Kind:"), self.kind), self.kind)
        self.channel.currentIndexChanged.connect(self._channel_changed)

        self.author_name: QLineEdit | None = None
        self.author_phone: QLineEdit | None = None
        self.author_email: QLineEdit | None = None
        if personal_data:
            self.author_name = QLineEdit()
            self.author_name.setPlaceholderText(self.tr("Surname, name"))
            form.addRow(self._label(self.tr("&Caller:"), self.author_name), self.author_name)
            self.author_phone = QLineEdit()
            self.author_phone.setPlaceholderText("+7 …")
            form.addRow(self._label(self.tr("&Phone:"), self.author_phone), self.author_phone)
            self.author_email = QLineEdit()
            form.addRow(self._label(self.tr("E-&mail:"), self.author_email), self.author_email)

        self.address = QLineEdit()
        self.address.setPlaceholderText(self.tr("Settlement, street, house"))
        self._streets = QStringListModel(list(streets), self)
        completer = QCompleter(self._streets, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.address.setCompleter(completer)
        self.address_private = QCheckBox(self.tr("the caller's &home (personal data)"))
        address_row = QHBoxLayout()
        address_row.addWidget(self.address, 1)
        address_row.addWidget(self.address_private)
        form.addRow(self._label(self.tr("&Address:"), self.address), address_row)

        self.municipality = QComboBox()
        self.municipality.addItem(self.tr("— not known —"), None)
        for mun in sorted(
            dictionaries.municipalities if dictionaries else (),
            key=lambda m: m.display_name.casefold(),
        ):
            self.municipality.addItem(mun.display_name, mun.oktmo)
        form.addRow(self._label(self.tr("M&unicipality:"), self.municipality), self.municipality)

        self.text = QPlainTextEdit()
        self.text.setTabChangesFocus(True)
        self.text.setPlaceholderText(
            self.tr("What happened, where, since when — in the caller's words")
        )
        self.text.setMinimumHeight(110)
        form.addRow(self._label(self.tr("&Text:"), self.text), self.text)

        self.importance = QComboBox()
        for level, label in (
            (Importance.NORMAL, self.tr("Normal")),
            (Importance.HIGH, self.tr("High")),
        ):
            self.importance.addItem(label, level.value)
        form.addRow(self._label(self.tr("&Importance:"), self.importance), self.importance)

        self.theme = self._code_box(
            [(t.code, t.name) for t in dictionaries.themes] if dictionaries else []
        )
        form.addRow(self._label(self.tr("T&heme:"), self.theme), self.theme)
        self.category = self._code_box([])
        form.addRow(self._label(self.tr("Cate&gory:"), self.category), self.category)
        self.body = self._code_box(
            [(b.code, b.name) for b in dictionaries.bodies] if dictionaries else []
        )
        form.addRow(self._label(self.tr("&Body:"), self.body), self.body)
        self.suggestion_note = QLabel()
        self.suggestion_note.setObjectName("suggestion_note")
        self.suggestion_note.setWordWrap(True)
        self.suggestion_note.hide()
        form.addRow("", self.suggestion_note)

        self.message = QLabel()
        self.message.setObjectName("registration_message")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.register_button = QPushButton(self.tr("&Register"))
        self.register_button.setToolTip(self.tr("Ctrl+Enter"))
        self.register_button.setDefault(False)
        self.register_button.setAutoDefault(False)
        self.register_button.clicked.connect(self.submit)
        self.clear_button = QPushButton(self.tr("Next call"))
        self.clear_button.setToolTip(NEXT_CALL_KEY)
        self.clear_button.setAutoDefault(False)
        self.clear_button.clicked.connect(self.clear)
        buttons = QHBoxLayout()
        buttons.addWidget(self.message, 1)
        buttons.addWidget(self.clear_button)
        buttons.addWidget(self.register_button)

        left = QVBoxLayout()
        left.addLayout(form)
        left.addLayout(buttons)

        self.candidates = QListWidget()
        self.candidates.setObjectName("already_reported")
        self.candidates.setWordWrap(True)
        self.candidates.setAlternatingRowColors(True)
        self.candidates.itemActivated.connect(lambda _item: self.attach())
        self.candidates_note = QLabel(self._hint())
        self.candidates_note.setWordWrap(True)
        self.me_too_button = QPushButton(self.tr("The caller &too («я тоже»)"))
        self.me_too_button.setToolTip(
            self.tr("Ctrl+Shift+M: attach the caller to the chosen appeal, not a new one")
        )
        self.me_too_button.setAutoDefault(False)
        self.me_too_button.setEnabled(False)
        self.me_too_button.clicked.connect(self.attach)
        self.candidates.currentRowChanged.connect(
            lambda row: self.me_too_button.setEnabled(row >= 0)
        )
        box = QGroupBox(self.tr("Already reported? (F4)"))
        side = QVBoxLayout(box)
        side.addWidget(self.candidates_note)
        side.addWidget(self.candidates, 1)
        side.addWidget(self.me_too_button)

        box.setMinimumWidth(380)  # a candidate's title, address and reasons on a few lines
        main = QHBoxLayout(self)
        main.addLayout(left, 3)
        main.addWidget(box, 2)

        # keys the console's own actions do not use, working wherever the focus is in the form
        for keys, slot in (
            (REGISTER_KEYS[0], self.submit),
            (REGISTER_KEYS[1], self.submit),
            (ME_TOO_KEY, self.attach),
            (NEXT_CALL_KEY, self.clear),
            (CANDIDATES_KEY, self._focus_candidates),
        ):
            shortcut = QShortcut(QKeySequence(keys), self, slot)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        self.text.textChanged.connect(self._schedule_lookup)
        self.address.textChanged.connect(self._address_changed)
        self.municipality.activated.connect(self._municipality_picked)
        self.theme.currentIndexChanged.connect(self._theme_changed)
        for box_ in (self.theme, self.category, self.body):
            box_.activated.connect(lambda _i, b=box_: self._chosen(b))
        self.clear()
        self.resize(1100, 640)

    # -- what the console tells the form ---------------------------------------------------

    def show_candidates(self, found: Sequence[NearbyAppeal]) -> None:
        """The answer to :attr:`lookup_requested`: «already reported» candidates, best first."""
        current = self.current_candidate()
        self._candidates = list(found)
        self.candidates.clear()
        for hit in self._candidates:
            reasons = [self.tr("same house") if hit.same_house else self.tr("same street")]
            if hit.same_category:
                reasons.append(self.tr("same category"))
            if hit.shared_words:
                reasons.append(self.tr("words: %1").replace("%1", ", ".join(hit.shared_words[:5])))
            title = hit.title or hit.text[:80]
            lines = [
                f"№ {hit.number} · {title}",
                hit.address,
                " · ".join(reasons)
                + "  ·  "
                + self.tr("«я тоже»: %1").replace("%1", str(hit.me_too)),
            ]
            item = QListWidgetItem("\n".join(lines))
            item.setData(Qt.ItemDataRole.UserRole, hit.appeal_id)
            item.setToolTip(hit.text)
            self.candidates.addItem(item)
        if self._candidates:
            self.candidates_note.setText(
                self.tr(
                    "Maybe already reported: attach the caller with Ctrl+Shift+M, not a new appeal."
                )
            )
            keep = next(
                (
                    i
                    for i, h in enumerate(self._candidates)
                    if current and h.appeal_id == current.appeal_id
                ),
                0,
            )
            self.candidates.setCurrentRow(keep)
        else:
            self.candidates_note.setText(self.tr("Nothing open about this nearby."))
            self.me_too_button.setEnabled(False)

    def set_suggestions(self, suggested: Suggested) -> None:
        """Fill the theme, category and body the operator has not set, marked as suggested."""
        filled = []
        for name, box, code in (
            ("theme", self.theme, suggested.theme),
            ("category", self.category, suggested.category),
            ("body", self.body, suggested.body),
        ):
            if code is None or (
                box.currentData() is not None and name not in self._suggested_fields
            ):
                continue
            if name == "category":
                self._fill_categories(self.theme.currentData())
            index = box.findData(code)
            if index < 0:
                continue
            self._filling = True
            box.setCurrentIndex(index)
            self._filling = False
            self._suggested_fields.add(name)
            filled.append(box.currentText())
        if suggested.municipality and not self._municipality_chosen:
            index = self.municipality.findData(suggested.municipality)
            if index > 0 and self.municipality.currentData() is None:
                self.municipality.setCurrentIndex(index)
                filled.append(self.municipality.currentText())
        if filled:
            note = self.tr("Suggested: %1").replace("%1", "; ".join(filled))
            if suggested.source:
                note += f" ({suggested.source})"
            self.suggestion_note.setText(note)
            self.suggestion_note.show()

    def set_streets(self, streets: Sequence[str]) -> None:
        """Completions for the address (the streets the cache's appeals name)."""
        self._streets.setStringList(list(streets))

    def set_municipality_of(self, municipality_of: MunicipalityOf | None) -> None:
        """What finds the municipality an address names (the gazetteer, once built)."""
        self._municipality_of = municipality_of
        if self.address.text().strip():
            self._address_changed(self.address.text())

    def lookup_again(self) -> None:
        """Ask again for what the text and address suggest (something new can answer)."""
        self._schedule_lookup()

    def show_registered(self, number: str, real_number: str | None = None) -> None:
        """Tell the operator the number to read out: provisional first, the real one later."""
        if real_number:
            text = self.tr("Registered: № %1 (it was %2 until the service confirmed it).")
            self.message.setText(text.replace("%1", real_number).replace("%2", number))
        else:
            text = self.tr("Registered: № %1 — tell the caller. The service will confirm it.")
            self.message.setText(text.replace("%1", number))
        self._registered = number

    def show_attached(self, number: str, me_too: int) -> None:
        text = self.tr("The caller is attached to № %1 («я тоже»: %2).")
        self.message.setText(text.replace("%1", number).replace("%2", str(me_too)))

    def show_error(self, text: str) -> None:
        self.message.setText(text)

    # -- reading the form ----------------------------------------------------------------

    def params(self) -> dict[str, JsonScalar]:
        """The registration command's parameters as typed (not yet checked)."""

        def line(edit: QLineEdit | None) -> str:
            return edit.text().strip() if edit is not None else ""

        return {
            "channel": self.channel.currentData(),
            "kind": self.kind.currentData(),
            "text": self.text.toPlainText().strip(),
            "address": self.address.text().strip(),
            "address_is_private": self.address_private.isChecked(),
            "municipality": self.municipality.currentData(),
            "importance": self.importance.currentData(),
            "theme": self.theme.currentData(),
            "category": self.category.currentData(),
            "body": self.body.currentData(),
            "author_name": line(self.author_name),
            "author_phone": line(self.author_phone),
            "author_email": line(self.author_email),
        }

    def registration(self) -> Registration:
        """The checked registration; :class:`TransitionRefused` says what is missing."""
        return registration_from_params(
            {k: v for k, v in self.params().items() if v not in (None, "")},
            dicts=self._dicts,
            personal_data=self._personal,
        )

    def query(self) -> NearbyQuery:
        return NearbyQuery(
            text=self.text.toPlainText(),
            address=self.address.text(),
            category=self.category.currentData(),
            municipality=self.municipality.currentData(),
        )

    def current_candidate(self) -> NearbyAppeal | None:
        row = self.candidates.currentRow()
        return self._candidates[row] if 0 <= row < len(self._candidates) else None

    def co_author(self) -> dict[str, JsonScalar]:
        """The «я тоже» command's parameters: the caller as a co-author (if PD is allowed)."""
        params: dict[str, JsonScalar] = {"channel": self.channel.currentData()}
        for name, edit in (
            ("co_author_name", self.author_name),
            ("co_author_phone", self.author_phone),
            ("co_author_email", self.author_email),
        ):
            if edit is not None and edit.text().strip():
                params[name] = edit.text().strip()
        return params

    # -- actions ---------------------------------------------------------------------------

    def submit(self) -> None:
        try:
            registration = self.registration()
        except TransitionRefused as refused:
            self._refused(refused)
            return
        self.register_requested.emit(registration)

    def attach(self) -> None:
        hit = self.current_candidate()
        if hit is None:
            self.show_error(self.tr("Choose an appeal in «Already reported?» first (F4)."))
            return
        self.me_too_requested.emit(hit.appeal_id, self.co_author())

    def clear(self) -> None:
        """An empty form for the next call (the channel stays: calls come one after another)."""
        self._lookup_timer.stop()
        for edit in (self.author_name, self.author_phone, self.author_email, self.address):
            if edit is not None:
                edit.clear()
        self.text.clear()
        self.address_private.setChecked(False)
        self.importance.setCurrentIndex(0)
        for box in (self.theme, self.category, self.body):
            box.setCurrentIndex(0)
        self._suggested_fields.clear()
        self.suggestion_note.hide()
        self._municipality_chosen = False
        self._select_municipality(self._default_municipality)
        self.message.clear()
        self._registered = ""
        self.show_candidates([])
        self.candidates_note.setText(self._hint())
        first = self.author_name if self.author_name is not None else self.address
        first.setFocus(Qt.FocusReason.OtherFocusReason)

    # -- inside --------------------------------------------------------------------------

    def _hint(self) -> str:
        return self.tr("Type the address and the text: open appeals nearby appear here.")

    def _channel_labels(self) -> list[tuple[Channel, str]]:
        return [
            (Channel.HOTLINE, self.tr("Hotline call")),
            (Channel.RECEPTION, self.tr("Visitor at the reception")),
            (Channel.LETTER, self.tr("Letter")),
            (Channel.EMAIL, self.tr("E-mail")),
            (Channel.OTHER, self.tr("Other")),
        ]

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(buddy)
        return label

    def _code_box(self, items: Sequence[tuple[str, str]]) -> QComboBox:
        box = QComboBox()
        box.addItem(self.tr("—"), None)
        for code, name in sorted(items, key=lambda i: i[1].casefold()):
            box.addItem(name, code)
        return box

    def _fill_categories(self, theme: str | None) -> None:
        keep = self.category.currentData()
        blocker = QSignalBlocker(self.category)
        self.category.clear()
        self.category.addItem(self.tr("—"), None)
        if self._dicts is not None and theme:
            for cat in sorted(self._dicts.categories_of(theme), key=lambda c: c.name.casefold()):
                self.category.addItem(cat.name, cat.code)
        index = self.category.findData(keep)
        self.category.setCurrentIndex(max(index, 0))
        del blocker

    def _theme_changed(self) -> None:
        self._fill_categories(self.theme.currentData())

    def _chosen(self, box: QComboBox) -> None:
        name = {id(self.theme): "theme", id(self.category): "category", id(self.body): "body"}[
            id(box)
        ]
        self._suggested_fields.discard(name)
        if name == "category":
            self._schedule_lookup()

    def _channel_changed(self) -> None:
        channel = Channel(self.channel.currentData())
        self.kind.setCurrentIndex(max(self.kind.findData(DEFAULT_KIND[channel].value), 0))

    def _address_changed(self, address: str) -> None:
        if not self._municipality_chosen and self._municipality_of is not None:
            found = self._municipality_of(address) if address.strip() else None
            self._select_municipality(found or self._default_municipality)
        self._schedule_lookup()

    def _select_municipality(self, oktmo: str | None) -> None:
        index = self.municipality.findData(oktmo) if oktmo else 0
        self.municipality.setCurrentIndex(max(index, 0))

    def _municipality_picked(self, _index: int) -> None:
        self._municipality_chosen = True
        self._schedule_lookup()

    def _schedule_lookup(self) -> None:
        if not self._filling:
            self._lookup_timer.start()

    def _request_lookup(self) -> None:
        query = self.query()
        if not query.address.strip() or len(query.text.strip()) < MIN_TEXT_FOR_LOOKUP:
            return
        self.lookup_requested.emit(query)

    def _focus_candidates(self) -> None:
        self.candidates.setFocus(Qt.FocusReason.ShortcutFocusReason)
        if self.candidates.currentRow() < 0 and self.candidates.count():
            self.candidates.setCurrentRow(0)

    def _refused(self, refused: TransitionRefused) -> None:
        param = str(refused.params.get("param", ""))
        fields: dict[str, QWidget] = {
            "text": self.text,
            "address": self.address,
            "municipality": self.municipality,
            "theme": self.theme,
            "category": self.category,
            "body": self.body,
        }
        messages = {
            "text": self.tr("Type what the caller reports."),
            "too_long": self.tr("The text is too long."),
        }
        if refused.code == "too_long":
            self.show_error(messages["too_long"])
        elif param == "text":
            self.show_error(messages["text"])
        else:
            self.show_error(self.tr("Check the field: %1").replace("%1", param or refused.code))
        widget = fields.get(param)
        if widget is not None:
            widget.setFocus(Qt.FocusReason.OtherFocusReason)
