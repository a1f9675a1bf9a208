"""Full screen for a projector: only the central views (the main view, the views beside it, the loss
plot and the captions drawn over the view), every panel, bar and menu hidden, and back as it was."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QDockWidget, QMainWindow, QToolBar


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


def leave_full_screen(window: QMainWindow, layout: Layout) -> None:
    """Show the window as it was before :func:`enter_full_screen`."""
    window.menuBar().show()
    window.statusBar().show()
    window.restoreState(layout.state)
    if layout.maximized:
        window.showMaximized()
    else:
        window.showNormal()
