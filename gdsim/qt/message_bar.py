"""Non-modal messages above the view: each stays until dismissed or replaced; the window stays usable.

A message may carry a ``key``: showing another message with the same key replaces it (the
divergence report of a session is one message that grows, not a stack), and ``dismiss_key`` takes
it away when what it reports is over (a reset, a new problem). A message may also carry details
(a bug's traceback): one sentence is shown, the details behind its "Details" button, selectable
for a bug report.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPlainTextEdit, QToolButton, QVBoxLayout, QWidget

#: Background and border colours per kind of message.
KINDS = {
    "info": ("#e8f1fb", "#0072B2"),
    "warning": ("#fdf1e3", "#E69F00"),
    "error": ("#fbe9e7", "#D55E00"),
}
#: At most this many messages are shown; older ones give way.
MAX_SHOWN = 3


#: Lines of details shown at most before the details scroll.
DETAILS_LINES = 12


class _Message(QFrame):
    """One message: its text, its details behind a button (if any), a close button, and its key."""

    def __init__(self, text: str, kind: str, key: str | None, bar: MessageBar) -> None:
        super().__init__(bar)
        self.key = key
        self.setObjectName("message")
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextFormat(Qt.TextFormat.PlainText)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details_button = QToolButton(self)
        self.details_button.setObjectName("message_details")
        self.details_button.setCheckable(True)
        self.close_button = close = QToolButton(self)
        close.setObjectName("dismiss_message")
        close.setText("✕")
        close.setAutoRaise(True)
        self.details = QPlainTextEdit(self)
        self.details.setObjectName("message_details_text")
        self.details.setReadOnly(True)
        self.details.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.details.setMaximumHeight(self.details.fontMetrics().lineSpacing() * DETAILS_LINES)
        self.details.setVisible(False)
        self.details_button.toggled.connect(self.details.setVisible)
        row = QHBoxLayout()
        row.addWidget(self.label, 1)
        row.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        column = QVBoxLayout(self)
        column.setContentsMargins(8, 4, 4, 4)
        column.addLayout(row)
        column.addWidget(self.details)
        close.clicked.connect(lambda: bar.remove(self))
        self.set(text, kind)
        self.retranslate()

    def retranslate(self) -> None:
        """The buttons' texts in the current language (the message itself is said by who showed it)."""
        self.details_button.setText(self.tr("Details"))
        self.details_button.setToolTip(self.tr("Show what went wrong, for a bug report"))
        self.close_button.setToolTip(self.tr("Dismiss"))

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set(self, text: str, kind: str, details: str | None = None) -> None:
        background, border = KINDS[kind]
        self.setStyleSheet(f"QFrame#message {{ background: {background}; border: 1px solid {border};"
                           " border-radius: 3px; }")
        self.label.setText(text)
        self.details.setPlainText(details or "")
        self.details_button.setVisible(bool(details))
        if not details:
            self.details_button.setChecked(False)

    @property
    def text(self) -> str:
        return self.label.text()


class MessageBar(QWidget):
    """A stack of dismissable messages (divergence, errors, files that could not be opened)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("messages")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._shown: list[_Message] = []
        self.setVisible(False)

    def messages(self) -> list[str]:
        """The texts shown, oldest first."""
        return [message.text for message in self._shown]

    def details(self) -> list[str]:
        """The details behind each message's "Details" button ("" for none), oldest first."""
        return [message.details.toPlainText() for message in self._shown]

    def show_message(self, text: str, kind: str = "warning", key: str | None = None,
                     details: str | None = None) -> None:
        """Show ``text`` (with ``details`` behind a button, if given); it replaces the message filed
        under ``key``, and is not shown twice."""
        for message in self._shown:
            if key is not None and message.key == key:
                if (message.text, message.details.toPlainText()) != (text, details or ""):
                    message.set(text, kind, details)
                return
        if text in self.messages():
            return
        message = _Message(text, kind, key, self)
        message.set(text, kind, details)
        self._shown.append(message)
        self._layout.addWidget(message)
        while len(self._shown) > MAX_SHOWN:
            self.remove(self._shown[0])
        self.setVisible(True)

    def dismiss(self, text: str) -> None:
        """Take away the message showing ``text``."""
        for message in self._shown:
            if message.text == text:
                self.remove(message)
                return

    def dismiss_key(self, key: str) -> None:
        """Take away the message filed under ``key``, if any."""
        for message in self._shown:
            if message.key == key:
                self.remove(message)
                return

    def remove(self, message: _Message) -> None:
        if message in self._shown:
            self._shown.remove(message)
            message.deleteLater()
        self.setVisible(bool(self._shown))

    def clear(self) -> None:
        for message in list(self._shown):
            self.remove(message)
