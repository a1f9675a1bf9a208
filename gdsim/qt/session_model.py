"""The session model: what the person set, in one place, with a signal for every change.

It holds the scenario's problem and texts, the runs' settings (keyed by the engine's run ids, in
order), the selected run, the view options and the open file. Widgets read it and write to it; they
keep no copies. An edit of a run is applied here at once (the editors show it) and leaves as the
engine command it implies (``command``); the engine then acknowledges the settings it applied
(``acknowledge``), which also undoes an edit it refused and shows a change that came from elsewhere
(a replayed event). Invalid settings are refused here at once, with the engine's own checks against
the problem loaded. Nothing here computes mathematics.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal

from gdsim.core.problem import Problem
from gdsim.engine.commands import (
    AddRun,
    EngineCommand,
    MoveStart,
    RemoveRun,
    SetHyper,
    SetOptimizer,
    SetRunOption,
)
from gdsim.engine.run_checks import check_run, check_run_settings
from gdsim.engine.spec import RunSpec, Scenario


@dataclass(frozen=True)
class ViewOptions:
    """How the runs are shown: arrows, presentation mode, log y, what the loss plot's x axis counts
    ("steps" or gradient "evaluations"), the language."""

    gradient_arrows: bool = True
    velocity_arrows: bool = True
    presentation: bool = False
    log_y: bool = True
    x_axis: str = "steps"
    language: str = "en"


@dataclass(frozen=True)
class OpenFile:
    """The file the session belongs to: its path (None: untitled), its kind ("scenario" or
    "recording") and the scenario as last saved or opened (None: never saved)."""

    path: Path | None = None
    kind: str = "scenario"
    saved: Scenario | None = None


class SessionModel(QObject):
    """The person's session. Signals carry what changed; read the attributes for the values.

    Signals
    -------
    loaded()
        A new scenario is in place (new problem and runs): everything is to be shown anew.
    runs_changed()
        Runs were added, removed or reordered, or several changed at once.
    run_changed(int)
        One run's settings changed.
    selected_changed(object)
        The selected run id (or None).
    options_changed(object)
        The view options (a ViewOptions).
    file_changed(object)
        The open file (an OpenFile).
    modified_changed(bool)
        Whether the session differs from what was last saved.
    command(object)
        An engine command implied by an edit, to be sent to the engine.
    """

    loaded = Signal()
    runs_changed = Signal()
    run_changed = Signal(int)
    selected_changed = Signal(object)
    options_changed = Signal(object)
    file_changed = Signal(object)
    modified_changed = Signal(bool)
    command = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.base = Scenario(problem={})
        #: The problem the runs run on (read-only: the engine built it), for checking edits.
        self.problem: Problem | None = None
        self.runs: dict[int, RunSpec] = {}
        self.selected: int | None = None
        self.options = ViewOptions()
        self.file = OpenFile()
        self._modified = False
        self._replaying = False
        self._select_next_new = False
        #: Engine commands sent since the last load, and how many of them the engine has taken.
        self._sent = self._taken = 0
        #: The runs as shown (:meth:`shown_runs`) and what they were made from.
        self._shown: dict[int, RunSpec] = {}
        self._shown_key: tuple | None = None

    # --- reading --------------------------------------------------------------------------------

    def scenario(self) -> Scenario:
        """The session as a scenario (what Save writes)."""
        return replace(self.base, runs=tuple(self.runs.values()))

    def run(self, run_id: int | None) -> RunSpec | None:
        return self.runs.get(run_id) if run_id is not None else None

    @property
    def modified(self) -> bool:
        return self._modified

    def shown_label(self, spec: RunSpec) -> str:
        """A run's label as shown: a lesson's label in the current language, else the run's own."""
        texts = (self.base.labels or {}).get(spec.label)
        if not texts:
            return spec.label
        return texts.get(self.options.language) or texts.get("en") or spec.label

    def shown_runs(self) -> dict[int, RunSpec]:
        """The runs as the views, the results and the readout show them (labels as
        :meth:`shown_label` says); the runs themselves when the scenario has no labels to translate."""
        if not self.base.labels:
            return self.runs
        key = (list(self.runs.items()), self.options.language)
        if self._shown_key != key:
            self._shown_key = key
            self._shown = {run_id: replace(spec, label=self.shown_label(spec)) for run_id, spec in self.runs.items()}
        return self._shown

    def title(self, language: str | None = None) -> str | None:
        """The scenario's title in ``language`` (else English), if it has one."""
        titles = self.base.title or {}
        return titles.get(language or self.options.language) or titles.get("en")

    # --- from the engine --------------------------------------------------------------------------

    def load(self, scenario: Scenario, specs: tuple[tuple[int, RunSpec], ...], problem: Problem | None = None) -> None:
        """A new engine: its scenario, its runs (with the engine's run ids) and its problem."""
        self.base = replace(scenario, runs=())
        self.problem = problem
        self._sent = self._taken = 0
        self.runs = dict(specs)
        self.selected = next(iter(self.runs), None)
        self.loaded.emit()
        self.runs_changed.emit()
        self.selected_changed.emit(self.selected)
        self._update_modified()

    @property
    def sent(self) -> int:
        """Engine commands sent from here since the last load."""
        return self._sent

    @property
    def caught_up(self) -> bool:
        """The engine has taken every command this model sent since the last load."""
        return self._taken >= self._sent

    def acknowledge(self, specs: tuple[tuple[int, RunSpec], ...], taken: int) -> None:
        """The settings the engine applied after taking ``taken`` commands: once it has taken every
        command sent from here, they replace what is here (undoing refused edits, showing changes
        that came from elsewhere); an answer to older edits would undo newer ones, so it waits."""
        self._taken = taken
        if not self.caught_up:
            return
        applied = dict(specs)
        new_ids = [run_id for run_id in applied if run_id not in self.runs]
        if list(applied) != list(self.runs):
            self.runs = applied
            self.runs_changed.emit()
        else:
            changed = [run_id for run_id, spec in applied.items() if self.runs[run_id] != spec]
            self.runs = applied
            for run_id in changed:
                self.run_changed.emit(run_id)
        if self._select_next_new and new_ids:
            self._select_next_new = False
            self.select(new_ids[-1])
        elif self.selected not in self.runs:
            self.select(next(iter(self.runs), None))
        self._update_modified()

    # --- from the person ------------------------------------------------------------------------

    def select(self, run_id: int | None) -> None:
        if run_id != self.selected and (run_id is None or run_id in self.runs):
            self.selected = run_id
            self.selected_changed.emit(run_id)

    def set_options(self, **changes: Any) -> None:
        """Change view options (``gradient_arrows=False``, ``presentation=True``, ...)."""
        options = replace(self.options, **changes)
        if options != self.options:
            self.options = options
            self.options_changed.emit(options)

    def set_hyper(self, run_id: int, name: str, value: Any) -> None:
        spec = self.runs[run_id]
        self._edit(run_id, spec.with_changes(hyper={**spec.hyper, name: value}), SetHyper(run_id, name, value))

    def set_optimizer(self, run_id: int, name: str, hyper: Mapping[str, Any] | None = None) -> None:
        hyper = dict(hyper or {})
        self._edit(run_id, self.runs[run_id].with_changes(optimizer=name, hyper=hyper),
                   SetOptimizer(run_id, name, hyper))

    def set_option(self, run_id: int, name: str, value: Any) -> None:
        """A run setting other than the optimizer, its hyperparameters and the start."""
        self._edit(run_id, self.runs[run_id].with_changes(**{name: value}), SetRunOption(run_id, name, value))

    def move_start(self, run_id: int, start: Any) -> None:
        self._edit(run_id, self.runs[run_id].with_changes(start=start), MoveStart(run_id, start))

    def add_run(self, spec: RunSpec) -> None:
        """Ask the engine for a new run (it gets its id there); it is selected once acknowledged."""
        self._select_next_new = True
        self._send(AddRun(spec))

    def remove_run(self, run_id: int) -> None:
        if run_id in self.runs:
            self._send(RemoveRun(run_id))

    def _edit(self, run_id: int, spec: RunSpec, command: EngineCommand) -> None:
        """Apply ``spec`` here and send ``command``; InputError (nothing changed) if it cannot run."""
        if spec == self.runs.get(run_id):
            return
        if self.problem is None:
            check_run_settings(spec)
        else:
            check_run(spec, self.problem)
        self.runs[run_id] = spec
        self.run_changed.emit(run_id)
        self._send(command)
        self._update_modified()

    def _send(self, command: EngineCommand) -> None:
        self._sent += 1
        self.command.emit(command)

    # --- the file -------------------------------------------------------------------------------

    def set_file(self, file: OpenFile) -> None:
        """The session now belongs to ``file`` (opened, saved or new)."""
        self.file = file
        self.file_changed.emit(file)
        self._update_modified()

    def mark_saved(self, path: Path, kind: str) -> None:
        """The session was just written to ``path`` as a ``kind`` file."""
        self.set_file(OpenFile(path, kind, self.scenario()))

    def set_replaying(self, on: bool) -> None:
        """While a recording is replayed the session is the file's, whatever its settings at the
        tick shown: not modified."""
        self._replaying = on
        self._update_modified()

    def _update_modified(self) -> None:
        modified = not self._replaying and (self.file.saved is None or self.scenario() != self.file.saved)
        if modified != self._modified:
            self._modified = modified
            self.modified_changed.emit(modified)
