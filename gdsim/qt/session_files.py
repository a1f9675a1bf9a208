"""The window's files: new, open, save, save as, recordings, recent files, dropped files, and the
prompt before unsaved changes are lost. Reading and recording happen in the worker thread."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from gdsim.engine.spec import Scenario
from gdsim.qt.recent_files import recent_files, remember_file
from gdsim.qt.scenario_files import default_scenario, read_scenario_file
from gdsim.session.recording import make_recording, save_recording
from gdsim.session.scenario import save_scenario

FILE_FILTER = "gdsim scenarios (*.json);;All files (*)"


class SessionFiles:
    """File handling of the main window (a mixin: it uses the window's bridge, messages and state)."""

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for path in recent_files(self.settings):
            self.recent_menu.addAction(path.name, lambda p=path: self.open_file(p)).setToolTip(str(path))
        self.recent_menu.setEnabled(True)

    def confirm_discard(self) -> bool:
        """True if there are no unsaved changes, or the person saved or chose to discard them."""
        if not self.isWindowModified():
            return True
        answer = QMessageBox.question(
            self, "Unsaved changes", "The session has changes that are not saved. Save them first?",
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    def new_session(self) -> None:
        if self.confirm_discard():
            self._load(default_scenario(), None)

    def open_dialog(self) -> None:
        if not self.confirm_discard():
            return
        folder = str(self.path.parent) if self.path else ""
        name, _ = QFileDialog.getOpenFileName(self, "Open a scenario", folder, FILE_FILTER)
        if name:
            self.open_file(Path(name), confirmed=True)

    def open_file(self, path: Path, lesson: bool = False, confirmed: bool = False) -> None:
        """Open a scenario (or a recording's scenario); a bad file leaves the session as it is.

        The file is read and checked in the worker thread; ``lesson`` files are opened untitled, so
        saving asks for a new name rather than overwriting the lesson.
        """
        if not confirmed and not self.confirm_discard():
            return
        path = Path(path)

        def opened(scenario: Scenario | None, error: BaseException | None) -> None:
            if error is not None:
                text = str(error) if not isinstance(error, OSError) else f"{path.name}: {error.strerror}"
                self.messages.show_message(f"Could not open {path.name}. {text}", "error")
                return
            if not lesson:
                remember_file(self.settings, path)
            self._load(scenario, None if lesson else path)

        self.bridge.call(lambda _engine: read_scenario_file(path), opened)

    def _load(self, scenario: Scenario, path: Path | None) -> None:
        self._pending_saved = (scenario, path)
        self.messages.clear()
        self.bridge.load(scenario)

    def save(self) -> bool:
        """Save to the current file (or ask for one); True if saved."""
        if self.path is None:
            return self.save_as()
        return self._save_to(self.path)

    def save_as(self) -> bool:
        name, _ = QFileDialog.getSaveFileName(self, "Save the scenario", str(self.path or "scenario.json"),
                                              FILE_FILTER)
        return bool(name) and self._save_to(Path(name))

    def _save_to(self, path: Path) -> bool:
        if self.snapshot is None:
            return False
        scenario = self.snapshot.scenario
        try:
            save_scenario(scenario, path)
        except OSError as error:
            self.messages.show_message(f"Could not save {path.name}: {error.strerror}", "error")
            return False
        self.path, self._saved = path, scenario
        remember_file(self.settings, path)
        self.setWindowModified(False)
        title = (scenario.title or {}).get("en") or (self.problem.title if self.problem else "")
        self.setWindowTitle(f"{title} — {path.name}[*] — gdsim")
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def save_recording_dialog(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, "Save a recording", "recording.json", FILE_FILTER)
        if name:
            self.save_recording(Path(name))

    def save_recording(self, path: Path) -> None:
        """Write a recording of everything so far; built and written in the worker thread."""

        def saved(_result: object, error: BaseException | None) -> None:
            if error is not None:
                self.messages.show_message(f"Could not save the recording {path.name}: {error}", "error")
            else:
                self.statusBar().showMessage(f"Saved the recording {path}", 4000)

        self.bridge.call(lambda engine: save_recording(make_recording(engine), path), saved)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile() and urls[0].toLocalFile().lower().endswith(".json"):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        urls = event.mimeData().urls()
        if urls and urls[0].isLocalFile():
            event.acceptProposedAction()
            self.open_file(Path(urls[0].toLocalFile()))

