"""File > Export video… and File > Export image… in the window.

Export video renders the session as it stands (its scenario from step 0, the views the window
shows, the captions in the window's language) in another process (:mod:`.video_export`), with a
progress dialog whose Cancel stops it. Export image saves the main view, the loss plot or the
whole window as PNG or SVG.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMainWindow, QMenu, QProgressDialog, QWidget

from gdsim.qt.i18n import mark_source, retranslate_marked
from gdsim.qt.messages import fill
from gdsim.qt.render.image_export import save_widget_image
from gdsim.qt.render.video_export import VideoExport

#: The context of this module's dialogs and messages (the actions are the window's: "MainWindow").
TEXTS = "ExportActions"
VIDEO_FILTERS = QT_TRANSLATE_NOOP("ExportActions", "MP4 video (*.mp4);;GIF animation (*.gif)")
IMAGE_FILTERS = QT_TRANSLATE_NOOP("ExportActions", "PNG image (*.png);;SVG drawing (*.svg)")
#: What Export image can save, and how to find it in the window.
IMAGE_SUBJECTS = {
    QT_TRANSLATE_NOOP("ExportActions", "The main view"): lambda window: window.main_views.currentWidget(),
    QT_TRANSLATE_NOOP("ExportActions", "The loss plot"): lambda window: window.loss_plot,
    QT_TRANSLATE_NOOP("ExportActions", "The whole window"): lambda window: window,
}


def _translated(source: str) -> str:
    return QCoreApplication.translate(TEXTS, source)


def add_export_actions(window: QMainWindow, menu: QMenu) -> None:
    """Add Export video… and Export image… to ``menu`` (the window's File menu)."""
    texts = ((QT_TRANSLATE_NOOP("MainWindow", "Export &video…"),
              QT_TRANSLATE_NOOP("MainWindow", "Render the session from its start as an MP4 or a GIF, with its "
                                              "captions"), "export_video", lambda: ask_video(window)),
             (QT_TRANSLATE_NOOP("MainWindow", "Export &image…"),
              QT_TRANSLATE_NOOP("MainWindow", "Save the main view, the loss plot or the whole window as PNG or SVG"),
              "export_image", lambda: ask_image(window)))
    for text, tip, name, slot in texts:
        action = QAction(window)
        action.setObjectName(name)
        mark_source(action, text, tip)  # translated now and on LanguageChange, with the window's actions
        retranslate_marked((action,), "MainWindow")
        action.triggered.connect(slot)
        menu.addAction(action)


def _chosen_path(name: str, selected_filter: str) -> Path:
    """The name chosen, with the suffix of the filter chosen if it has none."""
    path = Path(name)
    if not path.suffix:
        path = path.with_suffix("." + selected_filter.split("*.")[-1].rstrip(")"))
    return path


def ask_video(window: QMainWindow) -> None:
    """Ask where to write the video, then start it."""
    name, chosen = QFileDialog.getSaveFileName(window, _translated(QT_TRANSLATE_NOOP("ExportActions", "Export video")),
                                               "", _translated(VIDEO_FILTERS))
    if name:
        export_video(window, _chosen_path(name, chosen))


def export_video(window: QMainWindow, out: Path) -> VideoExport:
    """Render the window's session to ``out`` (.mp4 or .gif) in another process, with a progress dialog."""
    views = [type(view).key for view in window._shown_views() if type(view).key != "none"]
    export = VideoExport(window.session.scenario(), out, views, window.session.options.language, window)
    dialog = QProgressDialog(fill(_translated(QT_TRANSLATE_NOOP("ExportActions", "Rendering %1…")), out.name),
                             _translated(QT_TRANSLATE_NOOP("ExportActions", "Cancel")), 0, 0, window)
    dialog.setObjectName("export_progress")
    dialog.setWindowTitle(_translated(QT_TRANSLATE_NOOP("ExportActions", "Export video")))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(0)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)
    dialog.canceled.connect(export.cancel)

    def progressed(done: int, total: int) -> None:
        dialog.setMaximum(total)
        dialog.setValue(done)

    def finished(ok: bool, text: str) -> None:
        dialog.canceled.disconnect(export.cancel)
        dialog.close()
        dialog.deleteLater()
        window.messages.show_message(text, "info" if ok else "warning")
        export.deleteLater()

    export.progressed.connect(progressed)
    export.finished.connect(finished)
    dialog.show()
    window.video_export = export  # tests and the person's Cancel find it here
    return export


def ask_image(window: QMainWindow) -> None:
    """Ask what to export and where, then save it."""
    title = _translated(QT_TRANSLATE_NOOP("ExportActions", "Export image"))
    subjects = {_translated(subject): find for subject, find in IMAGE_SUBJECTS.items()}
    subject, ok = QInputDialog.getItem(window, title, _translated(QT_TRANSLATE_NOOP("ExportActions", "Export:")),
                                       list(subjects), 0, False)
    if not ok:
        return
    name, chosen = QFileDialog.getSaveFileName(window, title, "", _translated(IMAGE_FILTERS))
    if name:
        export_image(window, subjects[subject](window), _chosen_path(name, chosen))


def export_image(window: QMainWindow, widget: QWidget, path: Path) -> bool:
    """Save ``widget`` to ``path`` (.png or .svg) and say so in the window's message bar."""
    try:
        save_widget_image(widget, path)
    except OSError as error:
        window.messages.show_message(fill(_translated(QT_TRANSLATE_NOOP("ExportActions", "Could not export the "
                                                                                          "image: %1")),
                                          error.strerror or error), "warning")
        return False
    window.messages.show_message(fill(_translated(QT_TRANSLATE_NOOP("ExportActions", "Image written to %1.")), path),
                                 "info")
    return True
