"""The replay timeline under the views: play/pause, step, the pace (x1, x2, x4, max), a slider over
the recording's ticks with its events marked, and the tick shown. It only shows and asks: the replay
controller (gdsim.qt.replay) decides."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolButton,
    QWidget,
)

from gdsim.qt.messages import fill

#: The replay paces offered: times the recorded pace, None for as fast as the engine goes.
FACTORS: dict[str, float | None] = {"×1": 1.0, "×2": 2.0, "×4": 4.0, QT_TRANSLATE_NOOP("Timeline", "max"): None}
#: Colours of the marks: engine events (they change the trajectories) and transport presses.
EVENT_COLOUR, TRANSPORT_COLOUR = "#D55E00", "#999999"


class MarkedSlider(QSlider):
    """A horizontal slider with short marks above its groove at given values."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.marks: list[tuple[int, str]] = []
        self.setMinimumHeight(26)

    def set_marks(self, marks: list[tuple[int, str]]) -> None:
        """``(value, colour)`` pairs."""
        self.marks = marks
        self.update()

    def mark_x(self, value: int) -> int:
        """The x pixel of ``value`` along the groove."""
        option = QStyleOptionSlider()
        self.initStyleOption(option)
        groove = self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                             QStyle.SubControl.SC_SliderGroove, self)
        handle = self.style().subControlRect(QStyle.ComplexControl.CC_Slider, option,
                                             QStyle.SubControl.SC_SliderHandle, self)
        span = groove.width() - handle.width()
        offset = QStyle.sliderPositionFromValue(self.minimum(), self.maximum(), value, max(span, 1))
        return groove.x() + handle.width() // 2 + offset

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        super().paintEvent(event)
        if not self.marks:
            return
        painter = QPainter(self)
        height = max(4, self.height() // 4)
        for value, colour in self.marks:
            painter.setPen(QPen(QColor(colour), 2))
            x = self.mark_x(value)
            painter.drawLine(x, 0, x, height)
        painter.end()


class Timeline(QWidget):
    """Signals: ``play_clicked()``, ``step_clicked()``, ``factor_changed(float | None)``,
    ``seek_requested(int)`` (the slider moved by the person)."""

    play_clicked = Signal()
    step_clicked = Signal()
    factor_changed = Signal(object)
    seek_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("timeline")
        self.play_button = QToolButton(self)
        self.play_button.setObjectName("timeline_play")
        self.play_button.setIcon(self._icon(QStyle.StandardPixmap.SP_MediaPlay))
        self.step_button = QToolButton(self)
        self.step_button.setObjectName("timeline_step")
        self.step_button.setIcon(self._icon(QStyle.StandardPixmap.SP_MediaSkipForward))
        self.factor = QComboBox(self)
        self.factor.setObjectName("timeline_speed")
        for name, factor in FACTORS.items():
            self.factor.addItem(name, factor)
        self.slider = MarkedSlider(self)
        self.slider.setObjectName("timeline_slider")
        self.label = QLabel("", self)
        self.label.setObjectName("timeline_tick")
        self.label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        row = QHBoxLayout(self)
        row.setContentsMargins(6, 2, 6, 2)
        self.title = QLabel(self)
        row.addWidget(self.title)
        for widget in (self.play_button, self.step_button, self.factor):
            row.addWidget(widget)
        row.addWidget(self.slider, 1)
        row.addWidget(self.label)
        self.play_button.clicked.connect(self.play_clicked)
        self.step_button.clicked.connect(self.step_clicked)
        self.factor.currentIndexChanged.connect(lambda _index: self.factor_changed.emit(self.speed_factor))
        self.slider.valueChanged.connect(self._moved)
        self._playing = False
        self.retranslate()

    def retranslate(self) -> None:
        """The timeline's texts in the current language."""
        self.title.setText(self.tr("Replay"))
        self.step_button.setToolTip(self.tr("One step of the recording"))
        self.factor.setToolTip(self.tr("The replay's pace: the recorded pace, twice, four times, or as fast as it "
                                       "goes"))
        for index, name in enumerate(FACTORS):
            self.factor.setItemText(index, QCoreApplication.translate("Timeline", name))
        self.slider.setToolTip(self.tr("Drag to any step of the recording; marks show when a setting changed"))
        self.label.setMinimumWidth(self.label.fontMetrics().horizontalAdvance(
            self._tick_text(99_999_999, 99_999_999)))
        self.show_playing(self._playing)
        self.show_tick(self.slider.value())

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _tick_text(self, tick: int, end: int) -> str:
        return fill(self.tr("step %1 / %2"), f"{tick:,}", f"{end:,}")

    @property
    def speed_factor(self) -> float | None:
        return self.factor.currentData()

    def set_recording(self, end: int, marks: list[tuple[int, str]]) -> None:
        """A recording of ``end`` ticks with ``(tick, colour)`` marks."""
        self.slider.blockSignals(True)
        self.slider.setRange(0, end)
        self.slider.setPageStep(max(1, end // 20))
        self.slider.blockSignals(False)
        self.slider.set_marks(marks)

    def show_tick(self, tick: int) -> None:
        """The tick the views show (the slider follows without asking for a seek)."""
        if not self.slider.isSliderDown():
            self.slider.blockSignals(True)
            self.slider.setValue(tick)
            self.slider.blockSignals(False)
        self.label.setText(self._tick_text(tick, self.slider.maximum()))

    def show_playing(self, playing: bool) -> None:
        pixmap = QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay
        self.play_button.setIcon(self._icon(pixmap))
        self._playing = playing
        self.play_button.setToolTip(self.tr("Pause the replay") if playing else
                                    self.tr("Play the recording at its recorded pace, or pause it"))

    def _icon(self, pixmap: QStyle.StandardPixmap):
        return self.style().standardIcon(pixmap)

    def _moved(self, value: int) -> None:
        self.label.setText(self._tick_text(value, self.slider.maximum()))
        self.seek_requested.emit(value)
