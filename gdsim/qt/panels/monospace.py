"""A fixed-pitch font that keeps the size of the application font (presentation mode scales it)."""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase


def monospace_font() -> QFont:
    """The system's fixed font with only its family set, so size and weight follow the parent's font."""
    font = QFont()
    font.setFamilies(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont).families())
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    return font
