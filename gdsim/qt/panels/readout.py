"""The selected run in numbers: step, θ, J(θ), the gradient, and its next update with the numbers put in.

Every number shown comes from the run's latest frame, computed by the engine at the run's current
step (the update written out is the one the engine will take next: the gradient it uses, the
direction d and the point θ' in θ' = θ − lr·d). Nothing here evaluates the problem or an update rule.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from gdsim.core.optimizers import OPTIMIZERS
from gdsim.core.problem import Problem
from gdsim.engine.snapshot import RunFrame
from gdsim.engine.spec import RunSpec
from gdsim.engine.status import Status, status_counts
from gdsim.qt.panels.formatting import format_number, format_vector
from gdsim.qt.panels.monospace import monospace_font


def vector(values: np.ndarray) -> str:
    """A point or gradient: ``(a, b)``, or a plain number for one parameter."""
    return format_number(values[0]) if len(values) == 1 else format_vector(values)


def _caveats(spec: RunSpec) -> list[str]:
    """Why the gradient the update uses differs from ∇J(θ)."""
    notes = []
    if spec.batch_size is not None:
        notes.append(f"a batch of {spec.batch_size}")
    if spec.grad_noise:
        notes.append(f"noise σ = {format_number(spec.grad_noise)}")
    if spec.clip_norm is not None:
        notes.append(f"clipped to length {format_number(spec.clip_norm)}")
    return notes


def counts_text(statuses: np.ndarray) -> str:
    """``3 running, 1 diverged`` for a swarm's statuses."""
    return ", ".join(f"{count} {status.label}" for status, count in status_counts(statuses))


def network_lines(frame: RunFrame, problem: Problem) -> list[str]:
    """A network run: the model, its number of weights, the batch loss, the newest evaluation."""
    lines = [problem.title, f"{problem.dim:,} weights · {problem.formula}",
             f"batch loss = {format_number(float(frame.loss[0]), 6)}", f"lr = {format_number(frame.lr)}"]
    if frame.network.newest is not None:
        step, train, val, accuracy = frame.network.newest
        lines += ["", f"at update {step}:", f"training loss   = {format_number(train, 6)}"]
        if val is not None:
            lines.append(f"validation loss = {format_number(val, 6)}")
        if accuracy is not None:
            lines.append(f"validation accuracy = {100 * accuracy:.2f}%")
    if frame.reason and Status(int(frame.status[0])) != Status.RUNNING:
        lines.append(f"stopped: {frame.reason}")
    return lines


class Readout(QWidget):
    """Monospace numbers for one run, replaced on every :meth:`show_run`."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = QLabel(self)
        self.label.setObjectName("readout")
        self.label.setFont(monospace_font())
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.setContentsMargins(4, 4, 4, 4)
        scroll = QScrollArea(self)  # long lines (large fonts, many digits) scroll rather than clip
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(self.label)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(scroll)
        self.show_run(None, None, None)

    def text(self) -> str:
        """The text shown."""
        return self.label.text()

    def show_run(self, frame: RunFrame | None, spec: RunSpec | None, problem: Problem | None) -> None:
        """Show ``frame`` of a run with settings ``spec`` on ``problem`` (None: nothing selected)."""
        if frame is None or spec is None or problem is None:
            text = "No run selected."
        else:
            text = "\n".join(self._lines(frame, spec, problem))
        if text != self.label.text():
            self.label.setText(text)

    def _lines(self, frame: RunFrame, spec: RunSpec, problem: Problem) -> list[str]:
        cls = OPTIMIZERS.get(spec.optimizer)
        title = cls.title if cls else spec.optimizer
        name = spec.label if spec.label == title else f"{spec.label} · {title}"
        if frame.is_swarm:
            lines = [f"{name} · step {frame.step} · {len(frame.positions)} balls", counts_text(frame.status)]
            finite = frame.loss[np.isfinite(frame.loss)]
            if finite.size:
                lines.append(f"best J = {format_number(float(finite.min()))}")
            return lines
        status = Status(int(frame.status[0]))
        lines = [f"{name} · step {frame.step} · {status.label}"]
        if frame.network is not None:
            return lines + network_lines(frame, problem)
        theta = frame.positions[0]
        names = ", ".join(problem.param_names)
        lines.append(f"θ = ({names}) = {format_vector(theta)}" if problem.dim > 1 else
                     f"θ = {names} = {format_number(theta[0])}")
        lines.append(f"J(θ) = {format_number(float(frame.loss[0]), 6)}")
        if frame.reason and status != Status.RUNNING:
            lines.append(f"stopped: {frame.reason}")
        if frame.gradient is not None:
            grad = frame.gradient[0]
            lines += [f"g = ∇J(θ) = {vector(grad)}", f"‖g‖ = {format_number(float(np.linalg.norm(grad)))}"]
        coming = frame.next_update
        if coming is None:
            return lines
        lines += [f"lr = {format_number(coming.lr)}", ""]
        if cls is not None:
            lines.append(cls.rule.replace(";  ", "\n"))
            if frame.velocity is not None and cls.velocity_state:
                lines.append(f"{cls.velocity_state} = {vector(frame.velocity[0])}")
        caveats = _caveats(spec)
        if caveats:
            lines.append(f"g used = {vector(coming.gradient)}   ({', '.join(caveats)})")
        if spec.update == "sequential":
            lines.append("(coordinates are updated one at a time)")
        lines += ["next step:",
                  "θ ← θ − lr·d",
                  f"  = {vector(theta)} − {format_number(coming.lr)}·{vector(coming.direction)}",
                  f"  = {vector(coming.position)}"]
        return lines
