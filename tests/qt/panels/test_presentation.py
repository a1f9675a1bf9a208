"""Presentation mode enlarges the application font: every panel's text follows it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from gdsim.engine.commands import RemoveRun


@pytest.fixture
def large_font(qapp):
    """Double the application font for one test, as presentation mode does."""
    normal = QFont(QApplication.font())
    large = QFont(normal)
    large.setPointSizeF(normal.pointSizeF() * 2)
    QApplication.setFont(large)
    yield large
    QApplication.setFont(normal)


def test_section_titles_messages_and_numbers_follow_the_application_font(qtbot, runs_panel, large_font):
    from gdsim.qt.panels import Readout

    qtbot.wait(10)
    editor = runs_panel.editor
    size = large_font.pointSizeF()
    assert editor.font().pointSizeF() == size
    for section in editor.sections.values():
        assert section.toggleButton().font().pointSizeF() == size
    assert editor.optimizer.editors["lr"].field.error.font().pointSizeF() == size
    readout = Readout()
    qtbot.addWidget(readout)
    assert readout.label.font().pointSizeF() == size
    assert readout.label.font().fixedPitch() or readout.label.font().styleHint() == QFont.StyleHint.TypeWriter


def test_delete_removes_the_selected_run(qtbot, runs_panel):
    runs_panel.list.setFocus()
    with qtbot.waitSignal(runs_panel.session.command, timeout=1000) as blocker:
        qtbot.keyClick(runs_panel.list, Qt.Key.Key_Delete)
    assert blocker.args == [RemoveRun(0)]
