"""A widget saved as a PNG (its pixels) or an SVG (its drawing), written beside the target and renamed."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from gdsim.qt.render.sinks import temporary_beside

#: Image formats by file suffix.
IMAGE_SUFFIXES = (".png", ".svg")


def save_widget_image(widget: QWidget, path: Path) -> None:
    """Save what ``widget`` shows to ``path`` (.png or .svg); OSError if it cannot be written."""
    suffix = path.suffix.lower()
    if suffix not in IMAGE_SUFFIXES:
        raise OSError(f"{path.name}: choose a name ending in .png or .svg")
    temporary = temporary_beside(path, suffix)
    try:
        if suffix == ".png":
            if not widget.grab().save(str(temporary), "PNG"):
                raise OSError(f"could not write {path}")
        else:
            generator = QSvgGenerator()
            generator.setFileName(str(temporary))
            generator.setSize(widget.size())
            generator.setViewBox(QRect(0, 0, widget.width(), widget.height()))
            generator.setTitle(widget.window().windowTitle())
            painter = QPainter(generator)
            try:
                widget.render(painter, QPoint(0, 0))
            finally:
                painter.end()
            if temporary.stat().st_size == 0:
                raise OSError(f"could not write {path}")
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
