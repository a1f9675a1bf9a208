"""Non-modal messages above the view: each stays until dismissed; the window stays usable."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QToolButton, QVBoxLayout, QWidget

#: Background and border colours per kind of message.
KINDS = {
    "info": ("#e8f1fb", "#0072B2"),
    "warning": ("#fdf1e3", "#E69F00"),
    "error": ("#fbe9e7", "#D55E00"),
}
#: At most this many messages are shown; older ones give way.
MAX_SHOWN = 4


class MessageBar(QWidget):
    """A stack of dismissable messages (divergence, errors, files that could not be opened)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._frames: list[tuple[str, QFrame]] = []
        self.setVisible(False)

    def messages(self) -> list[str]:
        """The texts shown, oldest first."""
        return [text for text, _ in self._frames]

    def show_message(self, text: str, kind: str = "warning") -> None:
        """Show ``text`` (once: a message already shown is not repeated)."""
        if text in self.messages():
            return
        background, border = KINDS[kind]
        frame = QFrame(self)
        frame.setObjectName("message")
        frame.setStyleSheet(f"QFrame#message {{ background: {background}; border: 1px solid {border};"
                            " border-radius: 3px; }")
        label = QLabel(text, frame)
        label.setWordWrap(True)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        close = QToolButton(frame)
        close.setText("✕")
        close.setAutoRaise(True)
        close.setToolTip("Dismiss")
        row = QHBoxLayout(frame)
        row.setContentsMargins(8, 4, 4, 4)
        row.addWidget(label, 1)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        close.clicked.connect(lambda: self.dismiss(text))
        self._frames.append((text, frame))
        self._layout.addWidget(frame)
        while len(self._frames) > MAX_SHOWN:
            self.dismiss(self._frames[0][0])
        self.setVisible(True)

    def dismiss(self, text: str) -> None:
        for i, (shown, frame) in enumerate(self._frames):
            if shown == text:
                del self._frames[i]
                frame.deleteLater()
                break
        self.setVisible(bool(self._frames))

    def clear(self) -> None:
        for text in self.messages():
            self.dismiss(text)
