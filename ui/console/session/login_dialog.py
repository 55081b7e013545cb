"""Sign in to a central service: server address (recent ones offered), user, password.

The password is sent once, in a background job of a :class:`~ui.tasks.TaskRunner`
(:func:`ui.console.session.connect.sign_in`), so the dialog stays responsive while a distant
service answers; the token the service returns goes to the OS keyring and the
password is dropped. Failures are shown in the dialog, in Russian, saying what to
do: wrong password, service unreachable, TLS, not a central service, a version too
old on either side.

"Work offline" appears when this workstation has a cache for the chosen server:
the console then opens from it without a connection.

GUI thread. The background sign-in is waited for before the dialog closes, and its
answer delivered: a session that arrives after "Cancel" is closed, not leaked.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from cur_desktop.credentials import TokenStore, normalise_server
from ui.console.session import servers
from ui.console.session.connect import Session, SignInError, sign_in
from ui.tasks import TaskRunner

_ERROR_STYLE = "QLabel { color: #b3261e; }"
_SIGN_IN = "sign-in"


class LoginDialog(QDialog):
    """``exec()`` → Accepted with :attr:`session` set, or :attr:`offline_server` set."""

    def __init__(
        self,
        store: TokenStore,
        settings: QSettings,
        *,
        server: str | None = None,
        login: str | None = None,
        cache_path: Callable[[str], Path] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._settings = settings
        self._cache_for = cache_path or servers.cache_path_for
        self._closing = False
        self.session: Session | None = None
        self.offline_server: str | None = None
        self._tasks = TaskRunner(self, name="sign-in")
        self.setWindowTitle(self.tr("Sign in to the central service"))
        self.setModal(True)
        self.setMinimumWidth(520)

        intro = QLabel(
            self.tr(
                "Sign in with the account the Regional Management Centre gave you. "
                "The password is not stored: the workstation keeps only an access token."
            )
        )
        intro.setWordWrap(True)
        self.server = QComboBox()
        self.server.setEditable(True)
        self.server.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.server.addItems(servers.recent_servers(settings))
        editor = self.server.lineEdit()
        assert editor is not None  # an editable combo box has one
        editor.setPlaceholderText("http://cur.example:8080")
        self.login = QLineEdit()
        self.login.setPlaceholderText(self.tr("user name"))
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        form = QFormLayout()
        form.addRow(self.tr("&Server:"), self.server)
        form.addRow(self.tr("&User:"), self.login)
        form.addRow(self.tr("&Password:"), self.password)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(_ERROR_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error.hide()
        self.buttons = QDialogButtonBox()
        self.sign_in_button = QPushButton(self.tr("Sign &in"))
        self.offline_button = QPushButton(self.tr("Work &offline"))
        self.offline_button.setToolTip(
            self.tr("Open this server's local cache without connecting; actions wait in the outbox")
        )
        cancel = QPushButton(self.tr("Cancel"))
        self.buttons.addButton(self.sign_in_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.offline_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.sign_in_button.clicked.connect(self.try_sign_in)
        self.offline_button.clicked.connect(self._work_offline)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        # Enter signs in. Made default only now that the button is in the dialog: set
        # before, the dialog did not know it and took the first button of the box (the
        # often hidden «work offline») as its default when shown.
        self.sign_in_button.setDefault(True)

        self.server.currentTextChanged.connect(self._server_changed)
        if server:
            self.server.setCurrentText(server)
        self._server_changed(self.server.currentText())
        if login:
            self.login.setText(login)
        (self.password if self.login.text() else self.login).setFocus()
        if not self.server.currentText():
            self.server.setFocus()

    # -- state ---------------------------------------------------------------------------

    def server_url(self) -> str:
        return self.server.currentText().strip()

    def _server_changed(self, text: str) -> None:
        url = text.strip()
        remembered = servers.last_login(self._settings, url) if url else ""
        if remembered and not self.login.isModified():
            self.login.setText(remembered)
        self.offline_button.setVisible(bool(url) and servers.has_cache(self._cache_for(url)))

    def busy(self) -> bool:
        return self._tasks.busy(_SIGN_IN)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    # -- actions -------------------------------------------------------------------------

    def try_sign_in(self) -> None:
        """Check the fields, then sign in in the background."""
        if self.busy():
            return
        server, login, password = self.server_url(), self.login.text().strip(), self.password.text()
        if not server:
            self.show_error(self.error_text(SignInError("bad_url", "")))
            self.server.setFocus()
            return
        if not login or not password:
            self.show_error(self.tr("Enter the user name and the password."))
            (self.login if not login else self.password).setFocus()
            return
        self.show_error("")
        self._set_busy(busy=True)
        store = self._store

        def attempt() -> Session | SignInError:  # no UI here: it runs off the GUI thread
            try:
                return sign_in(server, login, password, store)
            except SignInError as exc:
                return exc

        self._tasks.submit(_SIGN_IN, attempt, self._answered, self._failed)

    def _answered(self, answer: object) -> None:
        if self._closing:  # cancelled while the service was answering
            if isinstance(answer, Session):
                answer.client.close()
            return
        self._set_busy(busy=False)
        if isinstance(answer, Session):
            self.session = answer
            servers.remember(self._settings, answer.server, answer.login)
            self.accept()
            return
        assert isinstance(answer, SignInError)
        self.show_error(self.error_text(answer))
        if answer.code == "bad_credentials":
            self.password.clear()  # typed again; after a network error it stays for the retry
        self.password.setFocus()

    def _failed(self, _error: Exception) -> None:
        """A bug, not a refusal (logged by the runner): say so and let the operator retry."""
        if not self._closing:
            self._set_busy(busy=False)
            self.show_error(self.error_text(SignInError("internal", self.server_url())))

    def _work_offline(self) -> None:
        url = normalise_server(self.server_url())
        if url:
            self.offline_server = url
            servers.remember(self._settings, url, self.login.text().strip())
            self.accept()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.server, self.login, self.password, self.sign_in_button):
            widget.setEnabled(not busy)
        self.sign_in_button.setText(self.tr("Connecting…") if busy else self.tr("Sign &in"))

    def error_text(self, error: SignInError) -> str:
        """The translated, actionable message of a sign-in failure."""
        server = error.server
        d = error.details
        if error.code == "too_many_attempts":  # the service's login limits
            seconds = int(d.get("seconds", "1") or 1)
            return self.tr("Too many attempts, try again in %n s.", "", seconds)
        texts = {
            "bad_credentials": self.tr("Wrong user name or password."),
            "unreachable": self.tr(
                "The central service at %1 cannot be reached. Check the address and the "
                "network connection."
            ),
            "tls": self.tr(
                "The secure connection to %1 failed: the server's certificate is not trusted "
                "or the server does not speak HTTPS at this address."
            ),
            "not_a_service": self.tr(
                "%1 answers, but it is not a central service of the Regional Management Centre."
            ),
            "server_too_old": self.tr(
                "The central service at %1 is too old for this program (version %2; "
                "version %3 or newer is needed). Ask the administrators to update it."
            ),
            "client_too_old": self.tr(
                "This program is too old for the central service at %1 (version %2; "
                "the service needs %3 or newer). Update the program."
            ),
            "bad_url": self.tr("Enter the server address, for example http://cur.example:8080."),
        }
        text = texts.get(error.code)
        if text is None:
            text = self.tr(
                "The central service at %1 answered with an error (%2). Try again later."
            )
            return text.replace("%1", server).replace("%2", d.get("error", error.code))
        if error.code in ("server_too_old", "client_too_old"):
            text = text.replace("%2", d.get("version", "?")).replace("%3", d.get("needed", "?"))
        text = text.replace("%1", server)
        if error.code in ("unreachable", "tls") and servers.has_cache(self._cache_for(server)):
            text += " " + self.tr("You can work offline from this workstation's cache.")
        return text

    # -- closing -------------------------------------------------------------------------

    def done(self, result: int) -> None:
        self._finish_background()
        super().done(result)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        self._finish_background()
        super().closeEvent(event)

    def _finish_background(self) -> None:
        """Wait for a sign-in still running; a late success is closed, not leaked."""
        if self.session is None and self.offline_server is None:
            self._closing = True
        self._tasks.wait()
