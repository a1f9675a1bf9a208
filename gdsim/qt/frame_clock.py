"""The frame clock: about 60 times a second, draw what changed, unless the last frame is unpainted.

Simulation speed and drawing speed are independent: snapshots update the models as they arrive,
and the clock asks the views to draw at most once per tick. A tick is skipped while the previous
frame has not been painted yet (the watched widget has had no paint event since), so a slow paint
never queues up work.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

#: Give up waiting for a paint after this long (the widget may be hidden or minimised).
PAINT_WAIT_SECONDS = 0.25


class FrameClock(QObject):
    """Calls ``draw()`` on a timer; ``draw`` returns True when it changed something on screen.

    Parameters
    ----------
    draw
        Draws what changed since the last call; returns whether anything did.
    watched
        The widget whose paint events mark a frame as shown (the shown view's viewport); change it
        with :meth:`watch`.
    interval_ms
        Timer interval (16 ms: about 60 Hz).

    Signals
    -------
    shown()
        The frame last drawn has been painted (or the wait for its paint was given up).
    """

    shown = Signal()

    def __init__(self, draw: Callable[[], bool], watched: QWidget | None = None, interval_ms: int = 16,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._draw = draw
        self._watched: QWidget | None = None
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self._tick)
        self._waiting_since: float | None = None
        self._drawn_at = 0.0
        #: Frames painted, ticks skipped because the last frame was still unpainted.
        self.painted = 0
        self.skipped = 0
        self.watch(watched)

    def watch(self, widget: QWidget | None) -> None:
        """Watch ``widget``'s paints from now on (the view that is shown)."""
        if widget is self._watched:
            return
        if self._watched is not None:
            self._watched.removeEventFilter(self)
        self._watched = widget
        self._waiting_since = None
        if widget is not None:
            widget.installEventFilter(self)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._watched and event.type() == QEvent.Type.Paint:
            self.painted += 1
            if self._waiting_since is not None:
                self._waiting_since = None
                # the paint is about to happen: say so once it is done (the next turn of the loop)
                QTimer.singleShot(0, self.shown.emit)
        return False

    def poke(self) -> None:
        """New data arrived: draw it now if the last frame is painted and a frame interval has
        passed since it was drawn (otherwise the timer's next tick draws it). Drawing on arrival
        keeps a frame from waiting for the timer when the data comes between two ticks."""
        if (self._timer.isActive() and self._waiting_since is None
                and time.perf_counter() - self._drawn_at >= 0.9 * self._timer.interval() / 1000):
            self._tick()

    def _tick(self) -> None:
        if self._waiting_since is not None:
            if time.perf_counter() - self._waiting_since < PAINT_WAIT_SECONDS:
                self.skipped += 1
                return
            self._waiting_since = None
            self.shown.emit()
        now = time.perf_counter()
        if self._draw():
            # only a frame that was drawn holds the next one back: a tick that found nothing new
            # must not make the data arriving just after it wait for the following tick
            self._drawn_at = self._waiting_since = now
