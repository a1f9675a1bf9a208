"""The caption layer: a scenario's captions over the main view, between their steps, in the language shown.

A caption is large enough to read on a projector (its font follows the view's height), word-wrapped
in a dark, semi-opaque box, and never covers a ball: it sits at the bottom of the view's data area
(where subtitles are) or at its top, and moves only when the place it is in would cover a ball
(then to the place covering the fewest, farthest from the nearest; where both cover a ball, a
narrower box in a corner of the data area is tried too). The window and the video renderer use the
same overlay (:class:`CaptionOverlay`), a child widget of the area the main view fills, as small as
its box, so the view's repaints elsewhere never repaint it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from PySide6.QtCore import QEvent, QObject, QRect, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

#: The caption's font height, as a fraction of the area's height, and its bounds in pixels.
FONT_FRACTION = 0.05
MIN_FONT_PX, MAX_FONT_PX = 14, 46
#: The box is at most this fraction of the area's width, and its text at most this fraction of its height.
WIDTH_FRACTION = 0.86
HEIGHT_FRACTION = 0.34
#: Room between the box and the area's edge, as a fraction of the area's height.
MARGIN_FRACTION = 0.025
#: A ball closer to the box than this (pixels: a ball's radius and a gap) counts as covered.
BALL_CLEARANCE = 16.0
BOX_COLOR = QColor(20, 24, 32, 215)
TEXT_COLOR = QColor(255, 255, 255)
#: Where a caption may sit, in order of preference (subtitles are at the bottom).
PLACES = ("bottom", "top")
#: Where it goes when both of those cover a ball: a narrower box in a corner of the data area.
CORNERS = ("bottom left", "bottom right", "top left", "top right")
#: A corner box is at most this fraction of the area's width.
CORNER_WIDTH_FRACTION = 0.45
_TEXT_FLAGS = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)


def caption_in(texts: Mapping[str, str], language: str) -> str:
    """A caption's text in ``language``, else in English, else in any language it has."""
    return texts.get(language) or texts.get("en") or next(iter(texts.values()), "")


def caption_text(captions: Sequence[Mapping[str, Any]], step: int, language: str) -> str:
    """The captions shown at ``step`` (``from_step <= step <= to_step``), one per line; "" if none."""
    return "\n".join(caption_in(c["text"], language) for c in captions if c["from_step"] <= step <= c["to_step"])


def covered_balls(box: QRectF, balls: np.ndarray, clearance: float = BALL_CLEARANCE) -> tuple[int, float]:
    """How many ``balls`` (K, 2 pixels) lie within ``clearance`` of ``box``, and the distance from
    the box to the nearest ball (inf when there is none)."""
    if not len(balls):
        return 0, float("inf")
    dx = np.maximum.reduce([box.left() - balls[:, 0], np.zeros(len(balls)), balls[:, 0] - box.right()])
    dy = np.maximum.reduce([box.top() - balls[:, 1], np.zeros(len(balls)), balls[:, 1] - box.bottom()])
    distance = np.hypot(dx, dy)
    return int((distance < clearance).sum()), float(distance.min())


def covered(box: QRectF, balls: np.ndarray, notes: Sequence[QRect] = ()) -> tuple[int, float]:
    """How many balls and notes (rectangles of text the view writes) ``box`` covers, and the distance
    from the box to the nearest ball."""
    count, nearest = covered_balls(box, balls)
    return count + sum(box.intersects(QRectF(note)) for note in notes), nearest


def choose_place(boxes: Mapping[str, QRectF], balls: np.ndarray, current: str | None,
                 notes: Sequence[QRect] = ()) -> str:
    """Where the caption goes: it stays in ``current`` while that covers no ball and no note;
    otherwise the place covering the fewest, then the one farthest from the nearest ball, then the
    first of ``boxes``."""
    if current in boxes and covered(boxes[current], balls, notes)[0] == 0:
        return current
    scores = {place: covered(box, balls, notes) for place, box in boxes.items()}
    return min(boxes, key=lambda place: (scores[place][0], -scores[place][1], list(boxes).index(place)))


class CaptionLayout:
    """The caption's font and box for a view of height ``height`` whose data area is ``area`` (the
    font follows the view's height; the text wraps to ``width_fraction`` of the area's width)."""

    def __init__(self, text: str, area: QRect, height: int, family: str,
                 width_fraction: float = WIDTH_FRACTION) -> None:
        self.text = text
        self.area = QRect(area)
        self.height = height
        self.margin = max(4, round(MARGIN_FRACTION * height))
        pixels = int(np.clip(round(FONT_FRACTION * height), MIN_FONT_PX, MAX_FONT_PX))
        room = QRect(0, 0, max(40, int(width_fraction * area.width())), 100_000)
        while True:
            self.font = QFont(family)
            self.font.setPixelSize(pixels)
            self.padding = max(4, pixels // 2)
            inner = room.adjusted(0, 0, -2 * self.padding, 0)
            self.text_rect = QFontMetrics(self.font).boundingRect(inner, _TEXT_FLAGS, text)
            if pixels <= MIN_FONT_PX or self.text_rect.height() <= HEIGHT_FRACTION * area.height():
                break
            pixels -= 2
        self.box_size = QSize(self.text_rect.width() + 2 * self.padding, self.text_rect.height() + self.padding)

    def box(self, place: str) -> QRect:
        """The box's rectangle at ``place`` of the data area: "top" or "bottom", centred across it,
        or a corner ("top left", "bottom right", ...)."""
        area, w, h = self.area, self.box_size.width(), self.box_size.height()
        vertical, _, side = place.partition(" ")
        if side == "left":
            x = area.x() + self.margin
        elif side == "right":
            x = area.right() + 1 - self.margin - w
        else:
            x = area.x() + (area.width() - w) // 2
        y = area.y() + self.margin if vertical == "top" else area.bottom() - self.margin - h
        return QRect(x, y, w, h)


class CaptionOverlay(QWidget):
    """The caption box over ``host`` (the widget the main view fills): set the captions and the
    language, then show it at each step with where the balls are (:meth:`show_at` or :meth:`follow`)."""

    def __init__(self, host: QWidget) -> None:
        super().__init__(host)
        self.setObjectName("captions")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_NoSystemBackground)
        self.captions: tuple[Mapping[str, Any], ...] = ()
        self.language = "en"
        self.enabled = True
        #: The caption's text and place as last shown ("" and None when hidden).
        self.text = ""
        self.place: str | None = None
        self._layout: CaptionLayout | None = None
        #: The layouts of the current text and area: the full-width box and the corner box.
        self._layouts: tuple[CaptionLayout, ...] = ()
        self._step = 0
        self._balls = np.empty((0, 2))
        self._area: QRect | None = None
        self._notes: tuple[QRect, ...] = ()
        self.hide()
        host.installEventFilter(self)

    def set_captions(self, captions: Sequence[Mapping[str, Any]], language: str) -> None:
        """The scenario's captions and the language to show them in."""
        self.captions, self.language = tuple(captions), language
        self.show_at(self._step, self._balls, self._area, self._notes)

    def bind(self, session) -> None:
        """Follow a session model (its scenario's captions and its language)."""
        def update(*_args) -> None:
            self.set_captions(session.base.captions, session.options.language)

        session.loaded.connect(update)
        session.options_changed.connect(update)
        update()

    def follow(self, view: QWidget, runs) -> None:
        """Show the caption of the runs' current step (the furthest run's) in ``view``'s data area,
        clear of its balls (the whole host and no balls for a view that does not say where they are)."""
        step = max((trace.frame.step for trace in runs if trace.frame is not None), default=0)
        if not self.enabled or not caption_text(self.captions, step, self.language):
            self.show_at(step, np.empty((0, 2)))  # nothing to place: where the balls are is not asked
            return
        host = self.parentWidget()
        ball_points, plot_rect = getattr(view, "ball_points", None), getattr(view, "plot_rect", None)
        note_rects = getattr(view, "note_rects", None)
        balls = ball_points(host) if ball_points is not None else np.empty((0, 2))
        area = plot_rect(host) if plot_rect is not None else None
        self.show_at(step, balls, area, note_rects(host) if note_rects is not None else ())

    def show_at(self, step: int, balls: np.ndarray, area: QRect | None = None, notes: Sequence[QRect] = ()) -> None:
        """Show the caption of ``step`` (or nothing) at the top or the bottom of ``area`` (pixels of
        the host; None: all of it), placed clear of ``balls`` (K, 2: pixels of the host) and of the
        view's ``notes`` (rectangles in pixels of the host)."""
        self._step, self._balls, self._area, self._notes = step, balls, area, tuple(notes)
        text = caption_text(self.captions, step, self.language) if self.enabled else ""
        host = self.parentWidget()
        area = host.rect() if area is None or area.width() < 40 or area.height() < 40 else area
        if not text or area.width() < 40 or area.height() < 40:
            self.text, self.place = "", None
            self.hide()
            return
        layouts = self._layouts
        if not layouts or (layouts[0].text, layouts[0].area, layouts[0].height) != (text, area, host.height()):
            family = self.font().family()
            layouts = self._layouts = (CaptionLayout(text, area, host.height(), family),
                                       CaptionLayout(text, area, host.height(), family, CORNER_WIDTH_FRACTION))
        wide, narrow = layouts
        notes = self._notes
        boxes = {place: QRectF(wide.box(place)) for place in PLACES}
        if all(covered(box, balls, notes)[0] for box in boxes.values()):  # a corner, if one is clear
            boxes.update((place, QRectF(narrow.box(place))) for place in CORNERS)
        place = choose_place(boxes, balls, self.place, notes)
        layout = self._layout = wide if place in PLACES else narrow
        box = layout.box(place)
        changed = (text, place) != (self.text, self.place) or self.geometry() != box
        self.text, self.place = text, place
        if changed or self.isHidden():
            self.setGeometry(box)
            self.show()
            self.raise_()  # above the view the stacked area shows now
            self.update()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self.parentWidget() and event.type() == QEvent.Type.Resize:
            self.show_at(self._step, self._balls, None, self._notes)  # the area is known again at the next frame
        return super().eventFilter(watched, event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        layout = self._layout
        if layout is None or not self.text:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(BOX_COLOR)
        radius = layout.padding * 0.6
        painter.drawRoundedRect(QRectF(self.rect()), radius, radius)
        painter.setFont(layout.font)
        painter.setPen(TEXT_COLOR)
        painter.drawText(self.rect().adjusted(layout.padding, 0, -layout.padding, 0), _TEXT_FLAGS, self.text)
        painter.end()
