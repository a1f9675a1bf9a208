"""The card a video opens with: the scenario's title, and the problem under it."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QColor, QFont, QImage, QPainter

#: How long the card is shown (seconds).
TITLE_SECONDS = 2.5
BACKGROUND = QColor(20, 24, 32)
TITLE_COLOR = QColor(255, 255, 255)
SUBTITLE_COLOR = QColor(190, 200, 215)
_FLAGS = int(Qt.AlignmentFlag.AlignHCenter) | int(Qt.TextFlag.TextWordWrap)


def paint_title_card(image: QImage, title: str, subtitle: str = "") -> QImage:
    """Paint the card over ``image`` (its size decides the fonts) and return it."""
    width, height = image.width(), image.height()
    image.fill(BACKGROUND)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
    title_font = QFont()
    title_font.setPixelSize(max(16, height // 12))
    title_font.setBold(True)
    sub_font = QFont()
    sub_font.setPixelSize(max(12, height // 26))
    room = QRect(width // 10, 0, width * 8 // 10, height)
    painter.setFont(sub_font)
    sub_box = painter.boundingRect(room, _FLAGS, subtitle) if subtitle else QRect()
    gap = sub_font.pixelSize() if subtitle else 0
    painter.setFont(title_font)
    title_box = painter.boundingRect(room, _FLAGS, title)
    top = (height - title_box.height() - gap - sub_box.height()) // 2
    painter.setPen(TITLE_COLOR)
    painter.drawText(QRect(room.x(), top, room.width(), title_box.height()), _FLAGS, title)
    if subtitle:
        painter.setFont(sub_font)
        painter.setPen(SUBTITLE_COLOR)
        painter.drawText(QRect(room.x(), top + title_box.height() + gap, room.width(), sub_box.height()), _FLAGS,
                         subtitle)
    painter.end()
    return image
