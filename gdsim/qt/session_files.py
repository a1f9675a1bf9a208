"""The window's files: new, open, save, save as (a scenario or a recording), recent files, dropped
files, and the prompt before unsaved changes are lost.

Files are read, checked and written in superqt function workers; the GUI thread only asks and shows
the outcome. A recording is made in the engine's thread (``EngineBridge.take_recording``) and
written in a function worker. Save keeps the kind of the open file: a recording stays a recording.
Saving returns once the file is written (a local event loop runs meanwhile, so the window keeps
drawing), which lets the unsaved-changes prompt save before it goes on.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEventLoop
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gdsim.core.errors import InputError
from gdsim.engine.spec import Scenario
from gdsim.qt.messages import fill, located_text
from gdsim.qt.recent_files import recent_files, remember_file
from gdsim.qt.scenario_files import (
    RECORDING,
    SCENARIO,
    OpenedFile,
    default_scenario,
    open_session_file,
    write_session_file,
)
from gdsim.qt.session_model import OpenFile
from gdsim.qt.workers import describe_bug, run_in_worker

#: The context of this module's translated texts.
TEXTS = "SessionFiles"
OPEN_FILTER = QT_TRANSLATE_NOOP("SessionFiles", "gdsim scenarios and recordings (*.json);;All files (*)")
SCENARIO_FILTER = QT_TRANSLATE_NOOP("SessionFiles", "gdsim scenario (*.json)")
RECORDING_FILTER = QT_TRANSLATE_NOOP("SessionFiles", "gdsim recording (*.gdsim.json)")
#: Save As's file types; the one chosen decides what is written.
SAVE_FILTERS = {SCENARIO: SCENARIO_FILTER, RECORDING: RECORDING_FILTER}
SUFFIXES = {SCENARIO: ".json", RECORDING: ".gdsim.json"}


#: What went wrong with a file, by action ("open", "save"): bad input, the system's reason, a bug.
COULD_NOT = {
    "open": (QT_TRANSLATE_NOOP("SessionFiles", "Could not open %1. %2"),
             QT_TRANSLATE_NOOP("SessionFiles", "Could not open %1: %2"),
             QT_TRANSLATE_NOOP("SessionFiles", "Could not open %1 because of a bug in gdsim:")),
    "save": (QT_TRANSLATE_NOOP("SessionFiles", "Could not save %1. %2"),
             QT_TRANSLATE_NOOP("SessionFiles", "Could not save %1: %2"),
             QT_TRANSLATE_NOOP("SessionFiles", "Could not save %1 because of a bug in gdsim:")),
}


def _translated(source: str) -> str:
    return QCoreApplication.translate(TEXTS, source)


def could_not(action: str, path: Path, error: BaseException) -> tuple[str, str | None]:
    """A message naming the file (``action``: "open" or "save"): the reason for bad input in one
    sentence; for a bug, that sentence and the traceback as details (for a bug report)."""
    bad_input, system, bug = (_translated(template) for template in COULD_NOT[action])
    if isinstance(error, InputError):
        return fill(bad_input, path.name, located_text(error)), None
    if isinstance(error, OSError):
        return fill(system, path.name, error.strerror or error), None
    return fill(bug, path.name), describe_bug(error)


def with_suffix(path: Path, kind: str) -> Path:
    """``path`` with the kind's suffix added if it does not end in .json already."""
    return path if path.name.lower().endswith(".json") else path.with_name(path.name + SUFFIXES[kind])


class SessionFiles:
    """File handling of the main window (a mixin: it uses the window's ``session``, ``bridge``,
    ``messages``, ``settings``, ``recent_menu``, status bar, ``replay``, ``recorder`` and
    ``take_session_recording``)."""

    #: The open request whose answer is awaited; a newer request supersedes it.
    _opening: object | None = None
    _writing = False

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in recent_files(self.settings):
            self.recent_menu.addAction(path.name, lambda p=path: self.open_file(p)).setToolTip(str(path))
        self.recent_menu.setEnabled(True)

    def confirm_discard(self) -> bool:
        """True if there are no unsaved changes, or the person saved or chose to discard them."""
        if not self.recorder.confirm_close():
            return False
        if not self.session.modified:
            return True
        answer = QMessageBox.question(
            self, _translated(QT_TRANSLATE_NOOP("SessionFiles", "Unsaved changes")),
            _translated(QT_TRANSLATE_NOOP("SessionFiles", "The session has changes that are not saved. Save them "
                                                          "first?")),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # --- opening ---------------------------------------------------------------------------------

    def new_session(self) -> None:
        if self.confirm_discard():
            self._opening = None
            self.pending_file = OpenFile()
            self.bridge.load(default_scenario())

    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        path = self.session.file.path
        name, _ = QFileDialog.getOpenFileName(
            self, _translated(QT_TRANSLATE_NOOP("SessionFiles", "Open a scenario or a recording")),
            str(path.parent) if path else "", _translated(OPEN_FILTER))
        if name:
            self.open_file(Path(name), confirmed=True)

    def open_file(self, path: Path, lesson: bool = False, confirmed: bool = False) -> None:
        """Open a scenario or a recording (replayed to its end); a bad file leaves the session as it is.

        The file is read, checked and its engine built in a function worker. ``lesson`` files open
        untitled, so saving asks for a new name rather than overwriting the lesson.
        """
        if confirmed or self.confirm_discard():
            self._read(Path(path), lesson)

    def open_first(self, path: Path) -> None:
        """Open the file a launch starts with; if it cannot be opened, the default session loads."""
        self._read(Path(path), False, lambda: self.bridge.load(default_scenario()))

    def _read(self, path: Path, lesson: bool, otherwise=None) -> None:
        request = self._opening = object()

        def opened(result: OpenedFile) -> None:
            if self._opening is not request:
                return
            self._opening = None
            if not lesson:
                remember_file(self.settings, path)
            self.adopt_opened(result, OpenFile() if lesson else OpenFile(path, result.kind, None))

        def failed(error: BaseException) -> None:
            if self._opening is not request:
                return
            self._opening = None
            text, details = could_not("open", path, error)
            self.messages.show_message(text, "error", details=details)
            if otherwise is not None:
                otherwise()

        run_in_worker(open_session_file, path, returned=opened, errored=failed)

    def adopt_opened(self, result: OpenedFile, file: OpenFile) -> None:
        """Show a file read in a worker: its engine is adopted (a recording is replayed); the session
        belongs to ``file`` once its engine's first snapshot is shown (_on_loaded), so a save in
        between still writes the session shown to the file it came from."""
        self.pending_file = file
        if result.replay is not None:
            self.replay.begin(result.replay)
        self.bridge.adopt(result.engine)

    # --- saving ----------------------------------------------------------------------------------

    def save(self) -> bool:
        """Save to the open file, as the kind it is (or ask for a file); True if saved."""
        file = self.session.file
        if file.path is None:
            return self.save_as()
        return self._save_to(file.path, file.kind)

    def save_as(self) -> bool:
        """Ask for a file and a kind (scenario or recording) and save; True if saved."""
        file = self.session.file
        start = str(file.path) if file.path else f"{file.kind}{SUFFIXES[file.kind]}"
        filters = {kind: _translated(text) for kind, text in SAVE_FILTERS.items()}
        name, chosen = QFileDialog.getSaveFileName(self, _translated(QT_TRANSLATE_NOOP("SessionFiles", "Save as")),
                                                   start, ";;".join(filters.values()), filters[file.kind])
        if not name:
            return False
        kind = RECORDING if chosen == filters[RECORDING] else SCENARIO
        return self._save_to(with_suffix(Path(name), kind), kind)

    def save_recording(self, path: Path) -> bool:
        """Write a recording of everything so far to ``path`` (the session's own file is unchanged)."""
        path = Path(path)
        outcome = self._write(path, RECORDING, None)
        if isinstance(outcome, str):
            self.messages.show_message(outcome, "error")
            return False
        self.statusBar().showMessage(fill(_translated(QT_TRANSLATE_NOOP("SessionFiles", "Saved the recording %1")),
                                          path), 4000)
        return True

    def _save_to(self, path: Path, kind: str) -> bool:
        scenario = self.session.scenario()
        outcome = self._write(path, kind, scenario)
        if isinstance(outcome, str):
            self.messages.show_message(outcome, "error")
            return False
        self.session.set_file(OpenFile(path, kind, scenario))
        remember_file(self.settings, path)
        self.statusBar().showMessage(fill(_translated(QT_TRANSLATE_NOOP("SessionFiles", "Saved %1")), path), 4000)
        return True

    def _write(self, path: Path, kind: str, scenario: Scenario | None) -> Path | str:
        """Write ``scenario``, or for ``kind`` "recording" a recording of the engine, to ``path`` in a
        worker; the file written, or a message.

        Returns when the file is written: a local event loop runs meanwhile, so the window keeps
        drawing and the engine can answer for a recording (made in its own thread).
        """
        if self._writing:
            return fill(_translated(QT_TRANSLATE_NOOP("SessionFiles", "Could not save %1: another save is still "
                                                                      "being written.")), path.name)
        loop = QEventLoop()
        outcome: list[Path | str] = []

        def finish(value: Path | str) -> None:
            outcome.append(value)
            loop.quit()

        def write(content) -> None:
            run_in_worker(write_session_file, path, content, returned=finish,
                          errored=lambda error: finish("\n".join(filter(None, could_not("save", path, error)))))

        self._writing = True
        try:
            if kind == RECORDING:
                self.take_session_recording(write, lambda text: finish(fill(_translated(COULD_NOT["save"][0]),
                                                                            path.name, text)))
            else:
                write(scenario)
            if not outcome:
                loop.exec()
        finally:
            self._writing = False
        return outcome[0]

    # --- dropped files ---------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith(".json"):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.open_file(Path(urls[0].toLocalFile()))
