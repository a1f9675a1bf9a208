"""Simulation speed: a slider from 1 step per second (log scale) to flat out.

A scenario may set its own pace (a lesson's speed a person can follow): :meth:`SpeedSlider.set_speed`
shows it (the slider at the nearest position, the label the exact pace) and sends it.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

#: Slider positions per factor of ten, and the highest paced speed's exponent (10^4 steps/s).
PER_DECADE = 10
DECADES = 4
FLAT_OUT = PER_DECADE * DECADES + 1
#: The window's own speed, for a session whose scenario sets no pace (None: flat out).
DEFAULT_SPEED: float | None = None


def speed_at(position: int) -> float | None:
    """Steps per second at slider ``position``; None (flat out) at the right end."""
    if position >= FLAT_OUT:
        return None
    return round(10 ** (position / PER_DECADE), 2 if position < PER_DECADE else 0)


def position_of(speed: float | None) -> int:
    """The slider position nearest to ``speed`` (steps per second; None: flat out)."""
    if speed is None:
        return FLAT_OUT
    return min(FLAT_OUT - 1, max(0, round(PER_DECADE * math.log10(speed))))


def speed_text(speed: float | None) -> str:
    """"flat out" or "N steps/s", in the current language."""
    if speed is None:
        return QCoreApplication.translate("SpeedSlider", "flat out")
    return QCoreApplication.translate("SpeedSlider", "%1 steps/s").replace("%1", f"{speed:g}")


class SpeedSlider(QWidget):
    """Emits ``speed_changed(float | None)``: steps per second, None for flat out."""

    speed_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._speed: float | None = speed_at(FLAT_OUT)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, FLAT_OUT)
        self.slider.setValue(FLAT_OUT)
        self.slider.setMinimumWidth(160)
        self.slider.setMaximumWidth(280)
        self.label = QLabel(self)
        self.title = QLabel(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.slider)
        layout.addWidget(self.label)
        layout.addStretch(1)
        self.slider.valueChanged.connect(self._moved)
        self.retranslate()

    @property
    def speed(self) -> float | None:
        return self._speed

    def set_speed(self, speed: float | None) -> None:
        """Run at ``speed`` steps per second (None: flat out), as a scenario's pace asks; emits
        ``speed_changed`` with the exact value even when the slider's nearest position differs."""
        self.slider.blockSignals(True)
        self.slider.setValue(position_of(speed))
        self.slider.blockSignals(False)
        self._show(speed)

    def _moved(self, position: int) -> None:
        self._show(speed_at(position))

    def _show(self, speed: float | None) -> None:
        self._speed = speed
        self.label.setText(speed_text(speed))
        self.speed_changed.emit(speed)

    def retranslate(self) -> None:
        """Show every text in the current language."""
        self.title.setText(self.tr("Speed"))
        self.slider.setToolTip(self.tr("Simulation speed, from 1 step per second to as fast as the engine goes."))
        self.label.setText(speed_text(self._speed))
        widest = max(speed_text(10_000.0), speed_text(None), key=self.label.fontMetrics().horizontalAdvance)
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(widest))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
