"""Recent files and the last file, kept between launches in QSettings.

Names are stored as absolute paths. A stored name that is not a regular file's absolute path any more
(deleted, a folder, not text, too long for the system, in a folder that cannot be read) is left out,
never an error: what the settings hold must not stop gdsim from starting.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QSettings

#: How many recent files the File menu lists.
MAX_RECENT = 8


def existing_file(name: object) -> Path | None:
    """``name`` as a path when it is the absolute path of a regular file that exists; else None."""
    if not isinstance(name, str) or not name:
        return None
    try:
        path = Path(name)
        return path if path.is_absolute() and path.is_file() else None
    except (OSError, ValueError):  # too long, a NUL, a folder that cannot be read
        return None


def recent_files(settings: QSettings) -> list[Path]:
    """The recent files that still exist, newest first."""
    value = settings.value("files/recent", [])
    names = [value] if isinstance(value, str) else list(value) if isinstance(value, list | tuple) else []
    return [path for path in map(existing_file, names) if path is not None]


def remember_file(settings: QSettings, path: Path) -> None:
    """Put ``path`` first in the recent files and make it the last file."""
    path = Path(path).resolve()
    names = [str(path)] + [str(p) for p in recent_files(settings) if p.resolve() != path]
    settings.setValue("files/recent", names[:MAX_RECENT])
    remember_last(settings, path)


def remember_last(settings: QSettings, path: Path) -> None:
    """Make ``path`` (stored as an absolute path) the file the next launch opens."""
    settings.setValue("files/last", os.path.abspath(path))  # (no file system call: closing never fails here)


def last_file(settings: QSettings) -> Path | None:
    """The file open when the window last closed, if it is still a regular file."""
    return existing_file(settings.value("files/last", ""))
