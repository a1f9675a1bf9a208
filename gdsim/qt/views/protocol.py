"""The view protocol and the registry of views: how the window talks to any view without naming it.

A view is a QWidget class registered with :func:`register_view`. The window builds one of each
registered view, asks each whether it applies to the problem just loaded, shows the ones that do
(``placement`` "main" in the central area, "beside" next to it), draws them on the frame clock
and watches the main view's ``watched`` widget for paints. Views that let a person place starts
(``places_starts``) also have the signals ``start_clicked(point, shift)``, ``start_dragged(point)``,
``drag_finished(point, shift)`` and ``hovered(str)``; the window connects them without knowing
which view sent them. A view that draws balls may also have ``ball_points(widget)`` and
``plot_rect(widget)``: where the balls and the data area are, in pixels of ``widget`` (the caption
layer sits in the data area, clear of the balls), and ``note_rects(widget)``: where its own notes
are written (a slope, a slice), which the caption keeps clear of too.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import ClassVar, Protocol, runtime_checkable

import numpy as np
from PySide6.QtWidgets import QWidget

from gdsim.core.grid import LandscapeGrid
from gdsim.core.problem import Problem
from gdsim.engine.spec import RunSpec


@dataclass(frozen=True)
class LandscapeDrawing:
    """What a view needs to draw a 2D landscape, prepared off the GUI thread."""

    heights: np.ndarray
    levels: np.ndarray
    contours: np.ndarray


@dataclass(frozen=True)
class Picture:
    """Everything a view is told about a newly loaded problem (all computed in the worker)."""

    problem: Problem
    grid: LandscapeGrid | None
    drawing: LandscapeDrawing | None


@runtime_checkable
class View(Protocol):
    """What the window needs of a view."""

    #: Registry key ("2d", "1d", "data", ...); a view names itself "view_<key>".
    key: ClassVar[str]
    #: The name shown to a person (a menu entry, a tooltip).
    title: ClassVar[str]
    #: "main" (the central area; one at a time) or "beside" (next to it).
    placement: ClassVar[str]
    #: Whether clicks and drags on it place starts (it then has the start signals).
    places_starts: ClassVar[bool]

    @classmethod
    def applies_to(cls, picture: Picture) -> bool:
        """Whether this view can show ``picture``'s problem."""

    def set_problem(self, picture: Picture) -> None:
        """Show a new problem and forget every run drawn before."""

    def draw(self, runs, specs: Mapping[int, RunSpec], selected: int | None) -> bool:
        """Draw what changed in ``runs`` (the live run model); True if anything on screen changed."""

    def set_preview(self, path: np.ndarray | None, color: str = "#000000") -> None:
        """Draw (or with None clear) the path a dragged start would take."""

    def set_arrows(self, gradient: bool, velocity: bool) -> None:
        """Show or hide the negative-gradient and velocity arrows."""

    def set_presentation(self, on: bool) -> None:
        """Large fonts and thick lines for a projector, or back to normal."""

    @property
    def watched(self) -> QWidget:
        """The widget whose paint events mark a frame as shown (the frame clock watches it)."""


#: Registered view classes by key, in registration order (the order the window lays them out).
VIEWS: dict[str, type] = {}


def register_view(cls: type) -> type:
    """Class decorator: add a view class to the registry under its ``key``."""
    if cls.key in VIEWS and VIEWS[cls.key] is not cls:
        raise ValueError(f"a view is already registered as {cls.key!r}")
    VIEWS[cls.key] = cls
    return cls


def views_for(picture: Picture, requested: Sequence[str] | None = None) -> list[type]:
    """The registered view classes that apply to ``picture``, in registration order.

    ``requested`` (a scenario's "view", such as ``["2d", "data"]``) narrows them to the views it
    names; names of views not registered here, or that do not apply, are ignored. One main view is
    always shown: the first requested that applies, else the first that applies.
    """
    applying = [cls for cls in VIEWS.values() if cls.applies_to(picture)]
    if requested is None:
        return applying
    chosen = [cls for cls in applying if cls.key in requested]
    if not any(cls.placement == "main" for cls in chosen):
        chosen += [cls for cls in applying if cls.placement == "main"][:1]
    return [cls for cls in applying if cls in chosen]
