"""A short note on a filled box in a plot, the same size at any zoom, cheap to change every frame."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QRectF, QSizeF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPainter, QTransform

#: Room between the box's edge and the text (pixels), as a text document's margin.
PADDING_PX = 4.0
#: A width no note reaches, for laying out a note that is not wrapped.
UNWRAPPED = 1e6
TOP_LEFT = Qt.AlignmentFlag.AlignLeft.value | Qt.AlignmentFlag.AlignTop.value
WRAP = Qt.TextFlag.TextWordWrap.value
DONT_CLIP = Qt.TextFlag.TextDontClip.value


class NoteItem(pg.GraphicsObject):
    """Text on a box at a point of its parent (a plot's data), drawn in pixels.

    pyqtgraph's TextItem lays its text out in a text document on every change and checks the view's
    transform on every paint; a note that changes every frame (the slope under a rolling ball) is
    laid out here by the painter, measured once per change, and follows the view only when the view
    changes.

    Parameters
    ----------
    color
        The text's colour.
    fill
        The box's brush.
    anchor
        Which point of the box sits at the item's position: (0, 0) its top left, (1, 1) its bottom
        right.
    """

    def __init__(self, color: str = "#000000", fill: QBrush | None = None,
                 anchor: tuple[float, float] = (0.0, 0.0)) -> None:
        super().__init__()
        self._color = QColor(color)
        self._fill = fill if fill is not None else QBrush(Qt.BrushStyle.NoBrush)
        self._anchor = anchor
        self._text = ""
        self._font = QFont()
        self._width: float | None = None
        self._size = QSizeF()
        self._rect = QRectF()
        self._parent_transform: QTransform | None = None

    # --- what it shows ------------------------------------------------------------------------

    def setText(self, text: str) -> None:  # noqa: N802 - as pyqtgraph's TextItem
        if text != self._text:
            self._text = text
            self._lay_out()

    def toPlainText(self) -> str:  # noqa: N802 - as pyqtgraph's TextItem
        return self._text

    def setFont(self, font: QFont) -> None:  # noqa: N802 - as Qt's text items
        self._font = QFont(font)
        self._lay_out()

    def setAnchor(self, anchor: tuple[float, float]) -> None:  # noqa: N802 - as pyqtgraph's TextItem
        if tuple(anchor) != self._anchor:
            self._anchor = (float(anchor[0]), float(anchor[1]))
            self._lay_out()

    def set_width(self, width: float | None) -> None:
        """Wrap the text to a box ``width`` pixels wide (None: a line per paragraph)."""
        if width != self._width:
            self._width = width
            self._lay_out()

    def fit_width(self, most: float) -> None:
        """Wrap the text to a box ``most`` pixels wide if it is wider on one line, else unwrap it."""
        natural = self._size.width() if self._width is None else self._measure(None).width()
        self.set_width(None if natural <= most else most)

    def width(self) -> float | None:
        """The width the text is wrapped to (None: not wrapped)."""
        return self._width

    def size(self) -> QSizeF:
        """The box's size in pixels."""
        return QSizeF(self._size)

    def _measure(self, width: float | None) -> QSizeF:
        """The box's size for the text wrapped to ``width`` pixels (None: not wrapped)."""
        if not self._text:
            return QSizeF()
        inner = UNWRAPPED if width is None else max(1.0, width - 2 * PADDING_PX)
        flags = TOP_LEFT | (WRAP if width is not None else 0)
        text = QFontMetricsF(self._font).boundingRect(QRectF(0, 0, inner, UNWRAPPED), flags, self._text)
        return QSizeF(text.width() + 2 * PADDING_PX, text.height() + 2 * PADDING_PX)

    def _lay_out(self) -> None:
        size = self._measure(self._width)
        self.prepareGeometryChange()
        self._size = size
        ax, ay = self._anchor
        self._rect = QRectF(-ax * size.width(), -ay * size.height(), size.width(), size.height())
        self.update()

    def _flags(self) -> int:
        return TOP_LEFT | (WRAP if self._width is not None else 0)

    # --- drawing ------------------------------------------------------------------------------

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return QRectF(self._rect)

    def paint(self, painter: QPainter, option, widget=None) -> None:
        if not self._text:
            return
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._fill)
        painter.drawRect(self._rect)
        painter.setPen(self._color)
        painter.setFont(self._font)
        # not clipped to the box: a device whose metrics differ from the screen's (a print, an SVG) may
        # lay the text out a little wider than it was measured
        painter.drawText(self._rect.adjusted(PADDING_PX, PADDING_PX, -PADDING_PX, -PADDING_PX),
                         self._flags() | DONT_CLIP, self._text)

    def viewTransformChanged(self) -> None:  # noqa: N802 - pyqtgraph's hook
        """Undo the parent's scale (keeping its translation), so the note is drawn in pixels."""
        parent = self.parentItem()
        transform = parent.sceneTransform() if parent is not None else QTransform()
        if transform == self._parent_transform:
            return
        self._parent_transform = transform
        inverse, invertible = transform.inverted()
        if not invertible:
            return
        self.setTransform(QTransform(inverse.m11(), inverse.m12(), inverse.m21(), inverse.m22(), 0.0, 0.0))
