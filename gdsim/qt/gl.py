"""Whether this desktop can draw with OpenGL: one safe check, made once, before any GL widget exists.

A GL widget on a platform without OpenGL (Qt's offscreen platform, some remote desktops) crashes the
process rather than raising, so the 3D view, and anything else that draws with OpenGL (the video
renderer), asks :func:`gl_support` first and offers its GL features only when it says yes. The check
creates a bare ``QOpenGLContext`` (safe everywhere) and imports nothing from pyqtgraph.opengl. Making
that context loads the display's OpenGL driver (54 ms or more with Mesa), so the window asks
:func:`known_gl_support` while it starts and makes the full check after its first frame.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass

from PySide6.QtGui import QGuiApplication, QOpenGLContext

#: Qt platforms known to have no OpenGL (their GL widgets crash).
NO_GL_PLATFORMS = ("offscreen", "minimal", "vnc", "linuxfb")
#: The oldest OpenGL pyqtgraph's 3D items draw with.
LOWEST_VERSION = (2, 1)


@dataclass(frozen=True)
class GLSupport:
    """Whether OpenGL can be used, and if not, why (a sentence for a tooltip or an error)."""

    available: bool
    reason: str = ""


#: The answer, once known (a display's OpenGL does not come and go while the process runs).
_checked: list[GLSupport] = []


def gl_support() -> GLSupport:
    """Whether an OpenGL context can be made on this display (checked once; needs a Qt application)."""
    if QGuiApplication.instance() is None:
        return GLSupport(False, "OpenGL is checked once a Qt application runs, and none does.")
    if not _checked:
        _checked.append(_check())
    return _checked[0]


def known_gl_support() -> GLSupport | None:
    """The answer when it is known without making a context (checked before, a platform without
    OpenGL, PyOpenGL missing); None when only :func:`gl_support` can tell."""
    if _checked:
        return _checked[0]
    if QGuiApplication.instance() is None:
        return gl_support()
    refused = _refused_without_context()
    if refused is not None:
        _checked.append(refused)
    return refused


def _refused_without_context() -> GLSupport | None:
    platform = QGuiApplication.platformName()
    if platform in NO_GL_PLATFORMS:
        return GLSupport(False, f"The 3D view needs OpenGL, which Qt's {platform!r} platform does not have "
                                "(run on a desktop, or under Xvfb with QT_QPA_PLATFORM=xcb).")
    if importlib.util.find_spec("OpenGL") is None:
        return GLSupport(False, "The 3D view needs PyOpenGL, which is not installed (pip install PyOpenGL).")
    return None


def _check() -> GLSupport:
    refused = _refused_without_context()
    if refused is not None:
        return refused
    context = QOpenGLContext()
    if not context.create():
        return GLSupport(False, "The 3D view needs OpenGL, and no OpenGL context could be made on this display "
                                "(a remote desktop without GL?).")
    version = context.format().version()
    if not context.isOpenGLES() and version < LOWEST_VERSION:
        return GLSupport(False, f"The 3D view needs OpenGL {LOWEST_VERSION[0]}.{LOWEST_VERSION[1]}; this display "
                                f"offers {version[0]}.{version[1]}.")
    return GLSupport(True)
