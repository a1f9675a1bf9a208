"""The main view of a problem with no landscape to draw (more than two parameters): a short note."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gdsim.engine.spec import RunSpec
from gdsim.qt.declarations import problem_title
from gdsim.qt.messages import fill
from gdsim.qt.views.protocol import Picture, register_view
from gdsim.qt.views.style import PRESENTATION_SCALE, Style


@register_view
class NoLandscapeView(QWidget):
    """Says why there is no picture and where the runs' progress is shown."""

    key = "none"
    title = "No landscape"
    placement = "main"
    places_starts = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(f"view_{self.key}")
        self.style = Style()
        self._picture: Picture | None = None
        self.note = QLabel("", self)
        self.note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.note)
        self.set_presentation(False)

    @classmethod
    def applies_to(cls, picture: Picture) -> bool:
        return picture.grid is None

    def set_problem(self, picture: Picture) -> None:
        self._picture = picture
        self.retranslate()

    def retranslate(self) -> None:
        """The note in the current language."""
        if self._picture is None:
            return
        problem = self._picture.problem
        self.note.setText(fill(self.tr("%1 has %2 parameters: there is no landscape to draw.\n"
                                       "Its loss and the runs' progress are in the plot below."),
                               problem_title(problem.title), problem.dim))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def draw(self, runs, specs: Mapping[int, RunSpec], selected: int | None) -> bool:
        """Nothing to draw: the loss plot shows the runs."""
        return False

    def set_preview(self, path: np.ndarray | None, color: str = "#000000") -> None:
        """No path to preview without a landscape."""

    def set_arrows(self, gradient: bool, velocity: bool) -> None:
        """No arrows without a landscape."""

    def set_presentation(self, on: bool) -> None:
        self.style.scale = PRESENTATION_SCALE if on else 1.0
        self.note.setFont(self.style.font(11.0))

    @property
    def watched(self) -> QWidget:
        return self.note
