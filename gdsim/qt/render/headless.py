"""Rendering without a screen: the offscreen platform, and whether OpenGL can be used.

On the offscreen platform there is no OpenGL context (``QOpenGLContext().create()`` is false) and a
GL view would crash the process, so a view that needs OpenGL (``needs_gl = True`` on its class) is
refused with a message before it is built (the check is :func:`gdsim.qt.gl.gl_support`).
"""

from __future__ import annotations

import os

#: The environment variable Qt reads for its platform plug-in.
PLATFORM_VARIABLE = "QT_QPA_PLATFORM"


def has_display() -> bool:
    """Whether an X11 or Wayland display is there to draw on."""
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def choose_platform(offscreen: bool = False) -> str | None:
    """Set Qt's platform to "offscreen" when asked or when there is no display (call it before the
    QApplication exists); returns the platform chosen, or None when Qt chooses."""
    if offscreen or not has_display():
        os.environ[PLATFORM_VARIABLE] = "offscreen"
    return os.environ.get(PLATFORM_VARIABLE)


def needs_gl(view_class: type) -> bool:
    """Whether a view class draws with OpenGL."""
    return bool(getattr(view_class, "needs_gl", False))
