"""The window at a projector: full screen, and the side panels of presentation mode.

Full screen shows only the central views (the main view, the views beside it, the loss plot and the
captions drawn over the view), every panel, bar and menu hidden. Presentation mode's larger text
needs more room than a 1280x720 projector gives two columns of stacked panels, so the panels become
tabs of one column beside the views, the lesson on top. Both are undone as they were.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar, QToolBar


@dataclass(frozen=True)
class Layout:
    """What full screen hid: the window's dock and toolbar state and whether it was maximized."""

    state: QByteArray
    maximized: bool


def enter_full_screen(window: QMainWindow) -> Layout:
    """Hide the docks, toolbars, menu bar and status bar and fill the screen; returns what to restore.

    The window's actions keep their shortcuts (they are the window's own, not the menus'), so F11,
    Space, S and R still work.
    """
    layout = Layout(window.saveState(), window.isMaximized())
    for child in (*window.findChildren(QDockWidget), *window.findChildren(QToolBar)):
        if child.parent() is window:
            child.hide()
    window.menuBar().hide()
    window.statusBar().hide()
    window.showFullScreen()
    return layout


def stack_as_tabs(window: QMainWindow, docks: list[QDockWidget], share: float,
                  on_top: QDockWidget | None = None, tab_points: float | None = None) -> QByteArray:
    """Make the visible ``docks`` tabs of one panel, ``share`` of the window's width, beside the first
    of them (``on_top`` the tab shown); returns the window's state before, for ``restoreState``.

    The tabs' names are drawn at ``tab_points`` (the window's usual size) when given: they are for
    the person at the computer, and at presentation size four of them can need more than the
    column's width (they were cut to "L…", "Select…").
    """
    before = window.saveState()
    shown = [dock for dock in docks if dock.isVisible()]
    for dock in shown[1:]:
        window.tabifyDockWidget(shown[0], dock)
    if shown:
        window.resizeDocks(shown[:1], [int(share * window.width())], Qt.Orientation.Horizontal)
    if on_top is not None and on_top in shown:
        on_top.raise_()
    if tab_points is not None:
        for bar in dock_tab_bars(window):
            font = QFont(bar.font())
            font.setPointSizeF(tab_points)
            bar.setFont(font)
    return before


def dock_tab_bars(window: QMainWindow) -> list[QTabBar]:
    """The tab bars of ``window``'s tabbed docks."""
    return [bar for bar in window.findChildren(QTabBar) if bar.parent() is window]


def leave_full_screen(window: QMainWindow, layout: Layout) -> None:
    """Show the window as it was before :func:`enter_full_screen`."""
    window.menuBar().show()
    window.statusBar().show()
    window.restoreState(layout.state)
    if layout.maximized:
        window.showMaximized()
    else:
        window.showNormal()
