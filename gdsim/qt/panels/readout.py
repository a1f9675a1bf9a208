"""The selected run in numbers: step, θ, J(θ), the gradient, and its update rule with the numbers put in.

Only numbers the engine sent are shown; nothing here evaluates the problem.
"""

from __future__ import annotations

import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from gdsim.core.optimizers import OPTIMIZERS
from gdsim.core.problem import Problem
from gdsim.engine.run import STATUS_NAMES
from gdsim.engine.snapshot import RunFrame
from gdsim.engine.spec import RunSpec
from gdsim.qt.panels.formatting import format_number, format_vector
from gdsim.qt.panels.monospace import monospace_font


def vector(values: np.ndarray) -> str:
    """A point or gradient: ``(a, b)``, or a plain number for one parameter."""
    return format_number(values[0]) if len(values) == 1 else format_vector(values)


def _sgd_lines(spec: RunSpec, frame: RunFrame, theta: np.ndarray, grad: np.ndarray) -> list[str]:
    """SGD's update written out: weight decay, momentum and the step, each with its numbers."""
    h = OPTIMIZERS["sgd"].validate(spec.hyper)
    lr, lines = frame.lr, []
    if h["maximize"]:
        grad = -grad
        lines.append(f"g ← −g = {vector(grad)}")
    if h["weight_decay"]:
        grad = grad + h["weight_decay"] * theta
        lines.append(f"g ← g + λ·θ = {vector(grad)}")
    direction, name = grad, "g"
    if h["momentum"]:
        mu, tau = h["momentum"], h["dampening"]
        if frame.step == 0 or frame.velocity is None:
            buffer = grad
            lines.append(f"b ← g = {vector(buffer)}")
        else:
            old = frame.velocity[0]
            buffer = mu * old + (1.0 - tau) * grad
            lines += [f"b ← μ·b + (1−τ)·g = {format_number(mu)}·{vector(old)}",
                      f"      + {format_number(1.0 - tau)}·{vector(grad)}",
                      f"  = {vector(buffer)}"]
        direction, name = (grad + mu * buffer, "(g + μ·b)") if h["nesterov"] else (buffer, "b")
    new = theta - lr * direction
    lines += [f"θ ← θ − lr·{name}",
              f"  = {vector(theta)} − {format_number(lr)}·{vector(direction)}",
              f"  = {vector(new)}"]
    return lines


def _caveats(spec: RunSpec) -> list[str]:
    notes = []
    if spec.grad_noise:
        notes.append(f"noise σ = {format_number(spec.grad_noise)} is added to g")
    if spec.clip_norm is not None:
        notes.append(f"g is clipped to length {format_number(spec.clip_norm)}")
    if spec.batch_size is not None:
        notes.append(f"the step uses a batch of {spec.batch_size}, not the full g")
    if spec.update == "sequential":
        notes.append("coordinates are updated one at a time")
    return [f"({note})" for note in notes]


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
        self._loss: dict[int, tuple[int, float]] = {}
        self.show_run(None, None, None)

    def text(self) -> str:
        """The text shown."""
        return self.label.text()

    def show_run(self, frame: RunFrame | None, spec: RunSpec | None, problem: Problem | None) -> None:
        """Show ``frame`` of a run with settings ``spec`` on ``problem`` (None: nothing selected)."""
        if frame is None or spec is None or problem is None:
            self.label.setText("No run selected.")
            return
        self.label.setText("\n".join(self._lines(frame, spec, problem)))

    def _remember_loss(self, frame: RunFrame) -> tuple[int, float] | None:
        if frame.restart:
            self._loss.pop(frame.run_id, None)
        if len(frame.loss):
            self._loss[frame.run_id] = (int(frame.steps[-1]), float(np.ravel(frame.loss[-1])[0]))
        if frame.final_loss is not None and len(frame.final_loss):
            self._loss[frame.run_id] = (frame.step, float(frame.final_loss[0]))
        return self._loss.get(frame.run_id)

    def _lines(self, frame: RunFrame, spec: RunSpec, problem: Problem) -> list[str]:
        cls = OPTIMIZERS.get(spec.optimizer)
        title = cls.title if cls else spec.optimizer
        n = len(frame.positions)
        status = STATUS_NAMES[int(frame.status[0])].replace("_", " ") if n == 1 else f"{n} balls"
        name = spec.label if spec.label == title else f"{spec.label} · {title}"
        lines = [f"{name} · step {frame.step} · {status}"]
        loss = self._remember_loss(frame)
        if n != 1:
            counts = np.bincount(frame.status.astype(np.int64), minlength=len(STATUS_NAMES))
            lines.append(", ".join(f"{c} {STATUS_NAMES[i].replace('_', ' ')}" for i, c in enumerate(counts) if c))
            if frame.final_loss is not None and len(frame.final_loss):
                lines.append(f"best J = {format_number(float(np.nanmin(frame.final_loss)))}")
            return lines
        theta = frame.positions[0]
        names = ", ".join(problem.param_names)
        lines.append(f"θ = ({names}) = {format_vector(theta)}" if problem.dim > 1 else
                     f"θ = {names} = {format_number(theta[0])}")
        if loss is not None:
            at = "" if loss[0] == frame.step else f"   (at step {loss[0]})"
            lines.append(f"J(θ) = {format_number(loss[1], 6)}{at}")
        if frame.reason and frame.status[0] != 0:
            lines.append(f"stopped: {frame.reason}")
        if frame.gradient is None:
            return lines
        grad = frame.gradient[0]
        lines += [f"g = ∇J(θ) = {vector(grad)}",
                  f"‖g‖ = {format_number(float(np.linalg.norm(grad)))}",
                  f"lr = {format_number(frame.lr)}", ""]
        if frame.status[0] != 0:
            return lines
        if spec.optimizer == "sgd":
            lines += _sgd_lines(spec, frame, theta, grad)
        elif cls is not None:
            lines.append(cls.rule.replace(";  ", "\n"))
            if frame.velocity is not None and cls.velocity_state:
                lines.append(f"{cls.velocity_state} = {vector(frame.velocity[0])}")
        return lines + _caveats(spec)
