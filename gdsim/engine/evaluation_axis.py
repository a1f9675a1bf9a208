"""A run's gradient evaluations at its recorded steps, from the counts its frames carry.

A race is fair in gradient evaluations, not in steps: SAM evaluates two gradients a step, LBFGS up to
its ``max_eval``. Each frame carries its run's count after the frame's step (the optimizer's own
``evaluations``, or ``ball_steps`` for gdsim's NumPy optimizers, which take one a step). The counts
are the optimizer's since it was made: after a live change of optimizer the count goes on from the
run's total at the change (the frame before it). A recorded step between two frames takes the
count of its place between them, so the counts are exact at every frame and at every step of an
optimizer that takes the same number each step (all but LBFGS's line searches).
"""

from __future__ import annotations

import numpy as np

from gdsim.engine.snapshot import RunFrame


def frame_count(frame: RunFrame) -> float:
    """The first ball's gradient evaluations since its optimizer was made, as ``frame`` carries them."""
    counts = frame.ball_steps if frame.evaluations is None else frame.evaluations
    return float(counts[0])


class EvaluationAxis:
    """One run's (step, total evaluations) at each frame, and the evaluations at any recorded step."""

    def __init__(self) -> None:
        self._steps = np.zeros(64)
        self._counts = np.zeros(64)
        #: Anchors kept (the first is step 0, no evaluations).
        self.length = 1
        #: Evaluations the run had taken before its current optimizer was made.
        self._offset = 0.0
        self._last: RunFrame | None = None

    def take(self, frame: RunFrame, optimizer_changed: bool = False) -> None:
        """Add ``frame``'s count; ``optimizer_changed``: the run got a new optimizer since the last frame."""
        last = self._last
        self._last = frame
        if last is None or (frame.restart and frame.step == 0):  # a new run, or back at its start
            self.length, self._offset = 1, 0.0
        elif optimizer_changed:  # the new count starts at the change: ball_steps goes on, a torch count restarts
            self._offset = float(self._counts[self.length - 1])
            if frame.evaluations is None:
                self._offset -= float(last.ball_steps[0])
        newest = self._steps[self.length - 1]
        if not len(frame.ball_steps) or frame.step < newest:
            return  # a network (no balls), or a step already counted
        index = self.length - 1 if frame.step == newest else self.length
        if index == len(self._steps):
            self._steps = np.concatenate([self._steps, np.zeros(index)])
            self._counts = np.concatenate([self._counts, np.zeros(index)])
        self._steps[index], self._counts[index] = frame.step, self._offset + frame_count(frame)
        self.length = index + 1

    def at(self, steps: np.ndarray) -> np.ndarray:
        """The run's total gradient evaluations after each of ``steps`` (steps it has recorded)."""
        return np.interp(steps, self._steps[: self.length], self._counts[: self.length])
