"""The selected run in numbers: step, θ, J(θ), the gradient, and its next update with the numbers put in.

Every number shown comes from the run's latest frame, computed by the engine at the run's current
step (the update written out is the one the engine will take next: the gradient it uses, the
direction d and the point θ' in θ' = θ − lr·d). Nothing here evaluates the problem or an update rule.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QEvent, QRect, QSize, Qt
from PySide6.QtGui import QAction, QFontMetrics, QGuiApplication, QKeySequence, QPainter, QPaintEvent
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QVBoxLayout, QWidget

from gdsim.core.optimizers import OPTIMIZERS
from gdsim.core.problem import Problem
from gdsim.engine.snapshot import RunFrame
from gdsim.engine.spec import RunSpec
from gdsim.engine.status import Status, status_counts
from gdsim.qt.declarations import optimizer_rule, optimizer_title, problem_title
from gdsim.qt.messages import fill, reason_text, status_text
from gdsim.qt.panels.formatting import format_number, format_vector
from gdsim.qt.panels.monospace import monospace_font

#: Qt's translation function; lupdate finds the texts of its calls.
translate = QCoreApplication.translate


def vector(values: np.ndarray) -> str:
    """A point or gradient: ``(a, b)``, or a plain number for one parameter."""
    return format_number(values[0]) if len(values) == 1 else format_vector(values)


def _caveats(spec: RunSpec) -> list[str]:
    """Why the gradient the update uses differs from ∇J(θ)."""
    notes = []
    if spec.batch_size is not None:
        notes.append(fill(translate("Readout", "a batch of %1"), spec.batch_size))
    if spec.grad_noise:
        notes.append(fill(translate("Readout", "noise σ = %1"), format_number(spec.grad_noise)))
    if spec.clip_norm is not None:
        notes.append(fill(translate("Readout", "clipped to length %1"), format_number(spec.clip_norm)))
    return notes


def counts_text(statuses: np.ndarray) -> str:
    """``3 running, 1 diverged`` for a swarm's statuses, in the current language."""
    return ", ".join(f"{count} {status_text(status)}" for status, count in status_counts(statuses))


#: The copy action's name: Qt's own (context, text), translated by Qt's catalogue (qtbase_*.qm), not gdsim's.
_COPY = ("QLineEdit", "&Copy")
#: Every digit mapped to 0, for measuring a line's shape.
_DIGITS_AS_ZERO = str.maketrans("123456789", "000000000")


class PlainLines(QWidget):
    """Lines of plain text painted one by one, cheap to replace on every frame.

    A QLabel lays its text out in a QTextDocument and asks its parents for a new layout on every new
    text (2.7-3.1 ms a frame with the readout's dozen lines). Here a new text only repaints, and the
    size asked of the layout changes only when the lines need more room, or much less (a handful of
    characters), or their count changes: numbers that grow or shrink by a digit leave the dock alone.
    The text is copied whole, with the "Copy" of the context menu or the copy shortcut.
    """

    #: Characters a line may shrink by before the widget asks for less room.
    SLACK_CHARS = 6
    MARGIN = 4

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._text = ""
        self._lines: list[str] = []
        self._hint = QSize(0, 0)
        self._widths: dict[str, int] = {}
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._copy = copy = QAction(QCoreApplication.translate(*_COPY), self)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(self.copy)
        self.addAction(copy)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

    def text(self) -> str:
        """The text shown."""
        return self._text

    def setText(self, text: str) -> None:  # noqa: N802 - QLabel's name, for the code that reads it
        """Show ``text``; repaint the lines that changed (all, if their number did), and ask for a
        new layout only if the size it needs changed enough."""
        if text == self._text:
            return
        before = self._lines
        self._text = text
        self._lines = text.split("\n")
        self.setAccessibleDescription(text)
        if self._fit(force=False) or len(before) != len(self._lines):
            self.update()
            return
        step = self.fontMetrics().lineSpacing()
        for row, (old, new) in enumerate(zip(before, self._lines, strict=True)):
            if old != new:  # a pixel more on each side, for antialiased glyphs that reach past the row
                self.update(0, self.MARGIN + row * step - 1, self.width(), step + 2)

    def copy(self) -> None:
        """Put the whole text on the clipboard."""
        QGuiApplication.clipboard().setText(self._text)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._hint

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        return self._hint

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if event.type() == QEvent.Type.FontChange:
            self._fit(force=True)
        elif event.type() == QEvent.Type.LanguageChange:
            self._copy.setText(QCoreApplication.translate(*_COPY))
        super().changeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        painter = QPainter(self)
        painter.setPen(self.palette().color(self.foregroundRole()))
        metrics = self.fontMetrics()
        step = metrics.lineSpacing()
        region = event.region()
        width = self.width()
        for row, line in enumerate(self._lines):
            top = self.MARGIN + row * step
            if top > event.rect().bottom():
                break
            if line and region.intersects(QRect(0, top, width, step)):
                painter.drawText(self.MARGIN, top + metrics.ascent(), line)
        painter.end()

    def _fit(self, force: bool) -> bool:
        """Ask for the size the lines need, if it changed enough; whether it did."""
        metrics = self.fontMetrics()
        if force:
            self._widths.clear()
        width = max((self._width(line, metrics) for line in self._lines), default=0) + 2 * self.MARGIN
        height = len(self._lines) * metrics.lineSpacing() + 2 * self.MARGIN
        slack = self.SLACK_CHARS * metrics.horizontalAdvance("0")
        hint = self._hint
        if force or height != hint.height() or width > hint.width() or width < hint.width() - slack:
            self._hint = QSize(width, height)
            self.updateGeometry()
            return True
        return False

    def _width(self, line: str, metrics: QFontMetrics) -> int:
        """The line's width in pixels, measured once per shape: its digits all as wide as a 0 (they are,
        in a fixed-pitch font), so a number ticking over is not measured again."""
        shape = line.translate(_DIGITS_AS_ZERO)
        width = self._widths.get(shape)
        if width is None:
            if len(self._widths) > 256:
                self._widths.clear()
            width = self._widths[shape] = metrics.horizontalAdvance(shape)
        return width


def network_lines(frame: RunFrame, problem: Problem) -> list[str]:
    """A network run: the model, its number of weights, the batch loss, the newest evaluation."""
    lines = [problem_title(problem.title),
             fill(translate("Readout", "%1 weights · %2"), f"{problem.dim:,}", problem_title(problem.formula)),
             fill(translate("Readout", "batch loss = %1"), format_number(float(frame.loss[0]), 6)),
             f"lr = {format_number(frame.lr)}"]
    if frame.network.newest is not None:
        step, train, val, accuracy = frame.network.newest
        lines += ["", fill(translate("Readout", "at update %1:"), step),
                  fill(translate("Readout", "training loss   = %1"), format_number(train, 6))]
        if val is not None:
            lines.append(fill(translate("Readout", "validation loss = %1"), format_number(val, 6)))
        if accuracy is not None:
            lines.append(fill(translate("Readout", "validation accuracy = %1%"), f"{100 * accuracy:.2f}"))
    if frame.reason and Status(int(frame.status[0])) != Status.RUNNING:
        lines.append(fill(translate("Readout", "stopped: %1"), reason_text(frame.reason)))
    return lines


class Readout(QWidget):
    """Monospace numbers for one run, replaced on every :meth:`show_run`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = PlainLines(self)
        self.label.setObjectName("readout")
        self.label.setFont(monospace_font())
        scroll = QScrollArea(self)  # long lines (large fonts, many digits) scroll rather than clip
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self._shown: tuple = (None, None, None)
        self.show_run(None, None, None)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.show_run(*self._shown)
        super().changeEvent(event)

    def text(self) -> str:
        """The text shown."""
        return self.label.text()

    def show_run(self, frame: RunFrame | None, spec: RunSpec | None, problem: Problem | None) -> None:
        """Show ``frame`` of a run with settings ``spec`` on ``problem`` (None: nothing selected)."""
        self._shown = (frame, spec, problem)
        if frame is None or spec is None or problem is None:
            text = translate("Readout", "No run selected.")
        else:
            text = "\n".join(self._lines(frame, spec, problem))
        if text != self.label.text():
            self.label.setText(text)

    def _lines(self, frame: RunFrame, spec: RunSpec, problem: Problem) -> list[str]:
        cls = OPTIMIZERS.get(spec.optimizer)
        title = optimizer_title(cls) if cls else spec.optimizer
        name = spec.label if spec.label in (title, getattr(cls, "title", None)) else f"{spec.label} · {title}"
        step = fill(translate("Readout", "step %1"), frame.step)
        if frame.is_swarm:
            balls = fill(translate("Readout", "%1 balls"), len(frame.positions))
            lines = [f"{name} · {step} · {balls}", counts_text(frame.status)]
            finite = frame.loss[np.isfinite(frame.loss)]
            if finite.size:
                lines.append(fill(translate("Readout", "best J = %1"), format_number(float(finite.min()))))
            return lines
        status = Status(int(frame.status[0]))
        lines = [f"{name} · {step} · {status_text(status)}"]
        if frame.network is not None:
            return lines + network_lines(frame, problem)
        theta = frame.positions[0]
        names = ", ".join(problem.param_names)
        lines.append(f"θ = ({names}) = {format_vector(theta)}" if problem.dim > 1 else
                     f"θ = {names} = {format_number(theta[0])}")
        lines.append(f"J(θ) = {format_number(float(frame.loss[0]), 6)}")
        if frame.reason and status != Status.RUNNING:
            lines.append(fill(translate("Readout", "stopped: %1"), reason_text(frame.reason)))
        if frame.gradient is not None:
            grad = frame.gradient[0]
            lines += [f"g = ∇J(θ) = {vector(grad)}", f"‖g‖ = {format_number(float(np.linalg.norm(grad)))}"]
        coming = frame.next_update
        if coming is None:
            return lines
        lines += [f"lr = {format_number(coming.lr)}", ""]
        if cls is not None:
            lines.append(optimizer_rule(cls).replace(";  ", "\n"))
            if frame.velocity is not None and cls.velocity_state:
                lines.append(f"{cls.velocity_state} = {vector(frame.velocity[0])}")
        caveats = _caveats(spec)
        if caveats:
            lines.append(fill(translate("Readout", "g used = %1   (%2)"), vector(coming.gradient), ", ".join(caveats)))
        if spec.update == "sequential":
            lines.append(translate("Readout", "(coordinates are updated one at a time)"))
        lines += [translate("Readout", "next step:"),
                  "θ ← θ − lr·d",
                  f"  = {vector(theta)} − {format_number(coming.lr)}·{vector(coming.direction)}",
                  f"  = {vector(coming.position)}"]
        return lines
