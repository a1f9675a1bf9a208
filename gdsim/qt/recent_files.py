"""Recent files and the last file, kept between launches in QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

#: How many recent files the File menu lists.
MAX_RECENT = 8


def recent_files(settings: QSettings) -> list[Path]:
    """The recent files that still exist, newest first."""
    value = settings.value("files/recent", [])
    names = [value] if isinstance(value, str) else list(value or [])
    return [Path(name) for name in names if Path(name).is_file()]


def remember_file(settings: QSettings, path: Path) -> None:
    """Put ``path`` first in the recent files and make it the last file."""
    path = path.resolve()
    names = [str(path)] + [str(p) for p in recent_files(settings) if p.resolve() != path]
    settings.setValue("files/recent", names[:MAX_RECENT])
    settings.setValue("files/last", str(path))


def last_file(settings: QSettings) -> Path | None:
    """The file open when the window last closed, if it still exists."""
    name = settings.value("files/last", "")
    return Path(name) if name and Path(name).is_file() else None
