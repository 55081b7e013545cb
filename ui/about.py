"""The About box and the "newer version available" notice.

The About box answers the two questions a municipal administrator asks on the phone
with the region's support: which version is installed, and which preset this
workstation runs with (centre, service, region pack, municipalities, default mode,
the file it came from). It opens from the console's Help menu and from F1 on the
wall (:func:`install_about_shortcut`).

:func:`show_update_notice` tells the operator, without blocking work, that the
central service announces a newer client (``latest_client_version`` of ``GET /me``,
compared in :mod:`cur_desktop.client_version`).

GUI thread only. Both windows are non-modal and delete themselves when closed.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt, qVersion
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from cur_desktop import __version__
from cur_desktop.client_version import UpdateNotice
from cur_desktop.preset import Preset, PresetError, find_preset, preset_candidates


def _mode_label(mode: str) -> str:
    if mode == "wall":
        return QCoreApplication.translate("AboutDialog", "wall")
    return QCoreApplication.translate("AboutDialog", "operator console")


def build_kind() -> str:
    """``installed build`` for a frozen bundle, ``from source`` for a checkout."""
    if getattr(sys, "frozen", False):
        return QCoreApplication.translate("AboutDialog", "installed build")
    return QCoreApplication.translate("AboutDialog", "from source")


class AboutDialog(QDialog):
    """Version, build and the workstation's preset."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        preset: Preset | None = None,
        preset_error: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About"))
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("Regional Management Centre: operator console and wall"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        version = self.tr("Version %1 (%2), Qt %3")
        version = version.replace("%1", __version__).replace("%2", build_kind())
        layout.addWidget(QLabel(version.replace("%3", qVersion())))
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignRight)
        self.fields: dict[str, QLabel] = {}
        if preset is not None:
            self._add_preset(form, preset)
        elif preset_error is not None:
            error = self.tr("not usable: %1").replace("%1", preset_error)
            self._add(form, "error", self.tr("Preset"), error)
        else:
            places = ", ".join(str(p) for p in preset_candidates())
            none = self.tr("none (looked in %1)").replace("%1", places)
            self._add(form, "none", self.tr("Preset"), none)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.close)
        layout.addWidget(buttons)

    def _add(self, form: QFormLayout, key: str, label: str, value: str) -> None:
        text = QLabel(value)
        text.setWordWrap(True)
        text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        text.setMinimumWidth(420)
        form.addRow(label, text)
        self.fields[key] = text

    def _add_preset(self, form: QFormLayout, preset: Preset) -> None:
        info = preset.summary()
        dash = "—"
        self._add(form, "centre", self.tr("Centre"), info["centre"] or dash)
        self._add(form, "server", self.tr("Central service"), info["server"] or dash)
        self._add(form, "region_pack", self.tr("Region pack"), info["region_pack"] or dash)
        scope = info["municipalities"] or self.tr("the whole region")
        self._add(form, "municipalities", self.tr("Municipalities (OKTMO)"), scope)
        self._add(
            form, "default_mode", self.tr("Opens by default"), _mode_label(preset.default_mode)
        )
        self._add(form, "ca_certificate", self.tr("CA certificate"), info["ca_certificate"] or dash)
        self._add(form, "file", self.tr("Preset file"), info["file"])


def show_about(parent: QWidget | None = None) -> AboutDialog:
    """Open the About box (non-modal) with the preset this workstation finds now."""
    try:
        dialog = AboutDialog(parent, preset=find_preset())
    except PresetError as exc:
        dialog = AboutDialog(parent, preset_error=str(exc))
    dialog.setModal(False)
    dialog.show()
    return dialog


def install_about_shortcut(widget: QWidget) -> QShortcut:
    """F1 in ``widget``'s window opens the About box: the wall has no menus."""
    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), widget)
    shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
    shortcut.activated.connect(lambda: show_about(widget))
    return shortcut


def update_notice_text(notice: UpdateNotice) -> str:
    if notice.required:
        text = QCoreApplication.translate(
            "AboutDialog",
            "The central service requires version %1 or newer; this workstation runs %2. "
            "Ask the centre's administrator to install the new version.",
        )
    else:
        text = QCoreApplication.translate(
            "AboutDialog",
            "Version %1 is available; this workstation runs %2. "
            "Work can go on; ask the centre's administrator to install the update.",
        )
    return text.replace("%1", notice.latest).replace("%2", notice.current)


def show_update_notice(parent: QWidget | None, notice: UpdateNotice) -> QMessageBox:
    """A non-modal notice that the service announces a newer client version."""
    icon = QMessageBox.Icon.Warning if notice.required else QMessageBox.Icon.Information
    title = QCoreApplication.translate("AboutDialog", "Newer version available")
    ok = QMessageBox.StandardButton.Ok
    box = QMessageBox(icon, title, update_notice_text(notice), ok, parent)
    box.setObjectName("updateNotice")
    box.setWindowModality(Qt.WindowModality.NonModal)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.show()
    return box
