"""Simulation speed: a slider from 1 step per second (log scale) to flat out."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSlider, QWidget

#: Slider positions per factor of ten, and the highest paced speed's exponent (10^4 steps/s).
PER_DECADE = 10
DECADES = 4
FLAT_OUT = PER_DECADE * DECADES + 1


def speed_at(position: int) -> float | None:
    """Steps per second at slider ``position``; None (flat out) at the right end."""
    if position >= FLAT_OUT:
        return None
    return round(10 ** (position / PER_DECADE), 2 if position < PER_DECADE else 0)


def speed_text(speed: float | None) -> str:
    return "flat out" if speed is None else f"{speed:g} steps/s"


class SpeedSlider(QWidget):
    """Emits ``speed_changed(float | None)``: steps per second, None for flat out."""

    speed_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.slider = QSlider(Qt.Orientation.Horizontal, self)
        self.slider.setRange(0, FLAT_OUT)
        self.slider.setValue(FLAT_OUT)
        self.slider.setMinimumWidth(160)
        self.slider.setMaximumWidth(280)
        self.slider.setToolTip("Simulation speed, from 1 step per second to as fast as the engine goes.")
        self.label = QLabel(speed_text(None), self)
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance("10000 steps/s"))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 0)
        layout.addWidget(QLabel("Speed", self))
        layout.addWidget(self.slider)
        layout.addWidget(self.label)
        layout.addStretch(1)
        self.slider.valueChanged.connect(self._moved)

    @property
    def speed(self) -> float | None:
        return speed_at(self.slider.value())

    def _moved(self, position: int) -> None:
        speed = speed_at(position)
        self.label.setText(speed_text(speed))
        self.speed_changed.emit(speed)
