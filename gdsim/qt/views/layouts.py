"""Which main views the window shows: the 2D landscape, the 3D surface, or both side by side (split).

Split shows the two views of the same runs, in the same colours, drawn on the same frame clock. The
choice is a group of actions (the View menu and the toolbar share them); the choices that need the 3D
view are disabled, with the reason as their tooltip, where there is no OpenGL (known at once on a
platform without it; elsewhere found out after the window's first frame, or when the View menu
opens or a layout needs it, whichever comes first). A scenario may ask for
a layout (its "view" list); where the views of a layout do not apply to a problem (a 1D curve), the
first main view that applies is shown.

A network has its own main view, and a layout of its own ("Network", offered only for networks).
Once a slice of its loss is computed, the 2D and 3D views apply too (to the slice): the 2D, 3D and
split layouts show the slice, each large enough to read at a projector, and "Network" shows the
network's curves again.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QSplitter, QWidget

from gdsim.qt.gl import GLSupport, gl_support, known_gl_support
from gdsim.qt.i18n import mark_source

#: Each layout's main views, by registry key, left to right.
LAYOUTS = {"2d": ("2d",), "3d": ("3d",), "split": ("2d", "3d"), "network": ("network",)}
#: The text of each layout's action, and its tooltip.
LAYOUT_TEXTS = {"2d": ("&2D", QT_TRANSLATE_NOOP("MainWindow", "The landscape from above: heatmap and contours")),
                "3d": ("&3D", QT_TRANSLATE_NOOP("MainWindow", "The landscape as a surface the balls roll on (drag to "
                                                              "turn it)")),
                "split": ("2D + 3D", QT_TRANSLATE_NOOP("MainWindow", "Both, side by side: the same runs on the same "
                                                                     "clock")),
                "network": (QT_TRANSLATE_NOOP("MainWindow", "&Network"),
                            QT_TRANSLATE_NOOP("MainWindow", "The network's own view: validation curves, and its "
                                                            "decision or mistakes (2D and 3D show its loss slice)"))}
#: The view that needs OpenGL.
GL_VIEW = "3d"
#: The layout offered only where its view applies (a network's).
OWN_LAYOUT = "network"


def layout_asked(views: tuple[str, ...] | None) -> str | None:
    """The layout a scenario's "view" list asks for; None when it names neither "2d" nor "3d"."""
    main = {view for view in views or () if view in ("2d", "3d")}
    if not main:
        return None
    return "split" if len(main) == 2 else main.pop()


class MainViews(QSplitter):
    """The central area: every main view, those of the current layout shown side by side."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setChildrenCollapsible(False)
        self._shown: list[QWidget] = []

    def addWidget(self, widget: QWidget) -> None:  # noqa: N802 - QSplitter's
        """Add a main view, hidden but for the first (so no view is shown before it is chosen)."""
        super().addWidget(widget)
        widget.setVisible(self.count() == 1)

    def show_views(self, views: list[QWidget]) -> None:
        """Show ``views`` (in this order of preference: the first is the one the clock watches),
        sharing the width equally; hide the others."""
        for index in range(self.count()):
            widget = self.widget(index)
            widget.setVisible(widget in views)
        self._shown = list(views)
        self.setSizes([1000 if self.widget(i) in views else 0 for i in range(self.count())])

    def shown(self) -> list[QWidget]:
        """The views shown, the watched one first."""
        return self._shown or [self.widget(0)]

    def currentWidget(self) -> QWidget:  # noqa: N802 - as QStackedWidget's, which this replaced
        """The view shown first (the one the frame clock watches)."""
        return self.shown()[0]

    def setCurrentWidget(self, widget: QWidget) -> None:  # noqa: N802 - as QStackedWidget's
        """Show ``widget`` alone."""
        self.show_views([widget])


class ViewLayouts(QObject):
    """The choice of layout: exclusive checkable actions, one per layout.

    Signals
    -------
    changed(str)
        The person chose another layout (not sent by :meth:`set_layout`).
    """

    changed = Signal(str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.group = QActionGroup(self)
        self.group.setExclusive(True)
        self.actions: dict[str, QAction] = {}
        for key, (text, tip) in LAYOUT_TEXTS.items():
            action = QAction(text, parent)
            action.setObjectName(f"layout_{key}")
            action.setCheckable(True)
            mark_source(action, text, tip)  # the window's retranslate() says the tip in its language
            tip = QCoreApplication.translate("MainWindow", tip)
            action.setToolTip(tip)
            action.setStatusTip(tip)
            action.toggled.connect(lambda on, key=key: self._chosen(key) if on else None)
            self.group.addAction(action)
            self.actions[key] = action
        #: Whether OpenGL works, once known (making a context to find out waits for :meth:`check_gl`).
        self.gl: GLSupport | None = None
        support = known_gl_support()
        if support is not None:
            self._take_gl_support(support)
        self.actions[OWN_LAYOUT].setVisible(False)
        self.layout = "2d"
        self.actions[self.layout].setChecked(True)

    def check_gl(self) -> GLSupport:
        """Whether OpenGL works (checked once); where it does not, the layouts that need it are
        disabled, their tooltip saying why."""
        if self.gl is None:
            self._take_gl_support(gl_support())
        return self.gl

    def _take_gl_support(self, support: GLSupport) -> None:
        self.gl = support
        if support.available:
            return
        for key, action in self.actions.items():
            if GL_VIEW in LAYOUTS[key]:
                action.setEnabled(False)
                mark_source(action, LAYOUT_TEXTS[key][0], support.reason)  # (no translation: said in English)
                action.setToolTip(support.reason)
                action.setStatusTip(support.reason)

    def set_layout(self, key: str) -> str:
        """Switch to layout ``key`` without sending ``changed``; "" if done, else why not (no OpenGL)."""
        if GL_VIEW in LAYOUTS[key]:
            self.check_gl()
        if not self.actions[key].isEnabled():
            return self.actions[key].toolTip()
        self.layout = key
        self.actions[key].setChecked(True)  # the group unchecks the others; _chosen sees no change
        return ""

    def arrange(self, area: MainViews, applying: Sequence[str], view: Callable[[str], QWidget]) -> QWidget:
        """Show in ``area`` the views of the current layout among ``applying`` (the keys of the main views
        that apply to the problem; the first of them when none of the layout's does), each made by
        ``view(key)`` (built when first shown); the watched view."""
        self.actions[OWN_LAYOUT].setVisible(OWN_LAYOUT in applying)
        if self.layout == OWN_LAYOUT and OWN_LAYOUT not in applying:
            self.set_layout("2d")
        keys = [key for key in LAYOUTS[self.layout] if key in applying] or list(applying[:1])
        area.show_views([view(key) for key in keys])
        return area.currentWidget()

    def _chosen(self, key: str) -> None:
        if GL_VIEW in LAYOUTS[key] and not self.check_gl().available:
            self.actions[self.layout].setChecked(True)  # chosen before the check could say no
            return
        if key != self.layout:
            self.layout = key
            self.changed.emit(key)
