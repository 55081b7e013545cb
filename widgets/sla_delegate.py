"""Paints a deadline cell as a coloured chip: green on time, amber at risk, red overdue.

The model gives the text and the :class:`~widgets.sla_format.Deadline` of the cell
(:data:`~widgets.queue_model.DEADLINE_ROLE`); this delegate only draws. A chip rather
than a full-cell background keeps row selection visible and reads well at the
distance an operator sits from a 1920×1080 screen.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QBrush, QPainter
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from widgets.queue_model import DEADLINE_ROLE
from widgets.sla_format import Deadline, sla_colours

_ModelIndex = QModelIndex | QPersistentModelIndex
_PAD_X = 8
_MARGIN = 3
_RADIUS = 4.0


class SlaDelegate(QStyledItemDelegate):
    """Draws the deadline chip over the normal (selection-aware) cell background."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: _ModelIndex) -> None:
        deadline = index.data(DEADLINE_ROLE)
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        # The cell itself (selection, focus, alternating colour) without text.
        base = QStyleOptionViewItem(option)
        self.initStyleOption(base, index)
        base.text = ""
        base.backgroundBrush = QBrush()  # the chip carries the colour, not the cell
        style = option.widget.style() if option.widget is not None else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, base, painter, option.widget)
        if not isinstance(deadline, Deadline):
            painter.save()
            painter.setPen(option.palette.color(option.palette.ColorRole.PlaceholderText))
            painter.drawText(option.rect, int(Qt.AlignmentFlag.AlignCenter), text)
            painter.restore()
            return
        colours = sla_colours(deadline.state.status)
        metrics = option.fontMetrics
        width = min(metrics.horizontalAdvance(text) + 2 * _PAD_X, option.rect.width() - 2 * _MARGIN)
        chip = QRect(
            option.rect.right() - _MARGIN - width,
            option.rect.top() + _MARGIN,
            width,
            option.rect.height() - 2 * _MARGIN,
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, on=True)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colours.background)
        painter.drawRoundedRect(chip, _RADIUS, _RADIUS)
        painter.setPen(colours.foreground)
        elided = metrics.elidedText(text, Qt.TextElideMode.ElideRight, chip.width() - _PAD_X)
        painter.drawText(chip, int(Qt.AlignmentFlag.AlignCenter), elided)
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: _ModelIndex) -> QSize:  # noqa: N802
        hint = super().sizeHint(option, index)
        return QSize(hint.width() + 2 * (_PAD_X + _MARGIN), hint.height() + 2 * _MARGIN)
