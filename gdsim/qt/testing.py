"""Driving the gdsim window from GUI tests: a driver that acts as a person would and reads back what
each panel shows, as plain data parsed from the widgets' own texts (numbers as shown).

The pytest fixture ``gdsim_window`` (gdsim.pytest_plugin) hands tests a :class:`WindowDriver`.
Every widget it reads has a stable object name, so tests of other projects can find them too:
``status_step`` (status bar), ``readout`` (the selected run), ``results`` (the results table),
``loss_plot``, ``view_2d``, ``view_1d``, ``view_data``, the actions ``play``, ``step``, ``reset``,
``presentation``.
"""

from __future__ import annotations

import math
import re
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEventLoop, Qt

from gdsim.qt.main_window import MainWindow
from gdsim.qt.panels.formatting import DASH, parse_number

_STATUS_STEP = re.compile(r"(\d[\d,]*)")  # the first number: the step, in either language
_READOUT_STEP = re.compile(r"· step ([\d,]+) ·")


def shown_number(text: str) -> float | None:
    """A number as a panel shows it (Unicode minus, "1e−9", "∞", "—" for none) as a float."""
    text = text.strip()
    if not text or text == DASH:
        return None
    if text in ("∞", "−∞"):
        return math.copysign(math.inf, -1.0 if text.startswith("−") else 1.0)
    if text == "NaN":
        return math.nan
    return parse_number(text.replace("best ", ""))


_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def tick_value(text: str) -> float:
    """The number a tick label stands for: plain ("0.5", "−2") or with a power of ten ("10³",
    "2·10⁻²")."""
    text = text.strip().replace("−", "-")
    mantissa, _, power = text.rpartition("10") if "·10" in text or text.startswith("10") else ("", "", "")
    if power and all(c in "⁰¹²³⁴⁵⁶⁷⁸⁹⁻" for c in power):
        factor = float(mantissa.rstrip("·")) if mantissa else 1.0
        return factor * 10.0 ** int(power.translate(_SUPERSCRIPTS))
    return float(text)


class WindowDriver:
    """Acts on a gdsim window as a person would and reports what it shows.

    Parameters
    ----------
    window
        A shown MainWindow.
    qtbot
        pytest-qt's qtbot, used for waiting.
    """

    def __init__(self, window: MainWindow, qtbot) -> None:
        self.window = window
        self.qtbot = qtbot

    # --- acting -------------------------------------------------------------------------------

    def open(self, path: str | Path, timeout: float = 15.0) -> None:
        """Open a scenario or recording file and wait until its problem is shown."""
        path = Path(path).resolve()
        window = self.window
        loads = window.loads
        window.open_file(path, confirmed=True)
        self._wait(lambda: window.loads > loads or any(path.name in m for m in window.messages.messages()),
                   timeout, f"{path.name} to open")
        if window.loads == loads:
            raise ValueError(f"gdsim could not open {path}: {window.messages.messages()[-1]}")
        self.settle()

    def play(self) -> None:
        """Press play (nothing if already playing) and wait until the engine plays."""
        if not self.window.playing:
            self.window.play_action.trigger()
        self._wait(lambda: self.window.playing or self.window.snapshot.finished, 5.0, "the session to play")

    def pause(self) -> None:
        """Press pause (nothing if paused) and wait until the engine has stopped and panels show it."""
        if self.window.playing:
            self.window.play_action.trigger()
        self._wait(lambda: not self.window.playing, 5.0, "the session to pause")
        self.settle()

    def step(self, n: int = 1, timeout: float = 10.0) -> None:
        """Press Step ``n`` times and wait until the selected run has taken them (or stopped)."""
        start = self._selected_step()
        for _ in range(n):
            self.window.step_action.trigger()
        self._wait(lambda: self._selected_step() >= start + n or self.window.snapshot.finished, timeout,
                   f"{n} steps")
        self.settle()

    def reset(self, timeout: float = 10.0) -> None:
        """Press Reset and wait until the selected run is back at step 0."""
        self.window.reset_action.trigger()
        self._wait(lambda: self._selected_step() == 0, timeout, "the reset")
        self.settle()

    def wait_until_step(self, n: int, timeout: float = 10.0) -> None:
        """Wait until the selected run has reached step ``n`` (or finished) and the panels show it."""
        self._wait(lambda: self._selected_step() >= n or self.window.snapshot.finished, timeout, f"step {n}")
        self._wait(lambda: (self.shown()["status_step"] or 0) >= min(n, self._selected_step()), timeout,
                   f"the panels to show step {n}")

    def set_hyper(self, run: int, name: str, value: Any, timeout: float = 5.0) -> None:
        """Set a hyperparameter of run ``run`` (its index in the runs list) as a person would: select
        the run, type the value into its field and press Enter (a switch or a pair is set through
        the session model); then wait until the engine has applied it."""
        session = self.window.session
        run_id = list(session.runs)[run]
        self.window.runs_panel.list.setCurrentRow(run)
        editor = self.window.runs_panel.editor.optimizer.editors[name]
        field = getattr(editor, "field", None)
        if field is not None and isinstance(value, int | float) and not isinstance(value, bool):
            field.edit.setFocus()
            field.edit.selectAll()
            self.qtbot.keyClicks(field.edit, repr(float(value)))
            self.qtbot.keyClick(field.edit, Qt.Key.Key_Return)
        else:
            session.set_hyper(run_id, name, value)
        self._wait(lambda: session.caught_up and session.runs[run_id].hyper.get(name) == value, timeout,
                   f"the engine to apply {name} = {value}")

    def set_presentation(self, on: bool) -> None:
        """Switch presentation mode (F5) on or off."""
        self.window.presentation_action.setChecked(on)
        self.settle()

    def grab(self, path: str | Path) -> Path:
        """Save a screenshot of the window to ``path`` (PNG)."""
        self.settle()
        path = Path(path)
        if not self.window.grab().save(str(path)):
            raise OSError(f"could not write {path}")
        return path

    def settle(self, frames: int = 3) -> None:
        """Let the frame clock draw a few frames (about 16 ms each)."""
        for _ in range(frames):
            self.qtbot.wait(20)

    # --- reading ------------------------------------------------------------------------------

    def shown(self) -> dict[str, Any]:
        """What each panel shows now, as plain data (numbers as shown, parsed)."""
        window = self.window
        return {
            "status_step": self._status_step(),
            "readout": self._readout(),
            "results": self._results(),
            "loss_axis": self._loss_axis(),
            "caption": None,  # lessons' captions are not shown in the window yet
            "language": window.session.options.language,
        }

    def _status_step(self) -> int | None:
        match = _STATUS_STEP.search(self.window.step_label.text())
        return int(match.group(1).replace(",", "")) if match else None

    def _readout(self) -> dict[str, float | None]:
        lines = self.window.readout.text().splitlines()
        step = _READOUT_STEP.search(lines[0]) if lines else None
        values: dict[str, float | None] = {"step": int(step.group(1).replace(",", "")) if step else None,
                                           "loss": None, "lr": None}
        for line in lines:
            if line.startswith("J(θ) = "):
                values["loss"] = shown_number(line.removeprefix("J(θ) = "))
            elif line.startswith("lr = "):
                values["lr"] = shown_number(line.removeprefix("lr = "))
        return values

    def _results(self) -> list[dict[str, Any]]:
        table = self.window.results
        rows = []
        for row in range(table.table.rowCount()):
            steps = table.text(row, 2)
            rows.append({"label": table.text(row, 0), "status": table.text(row, 1),
                         "steps": int(steps.replace(",", "")) if steps.replace(",", "").isdigit() else None,
                         "final_loss": shown_number(table.text(row, 3))})
        return rows

    def _loss_axis(self) -> dict[str, Any]:
        axis = self.window.loss_plot.axis_shown()
        return {"log": axis["log"], "label": axis["label"], "ticks": [tick_value(t) for t in axis["ticks"]]}

    # --- waiting --------------------------------------------------------------------------------

    def _selected_step(self) -> int:
        frame = self.window.live.frame(self.window.session.selected)
        return frame.step if frame is not None else 0

    def _wait(self, condition, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"gdsim: waited {timeout:g} s for {what}")
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
            time.sleep(0.005)
