"""The 3D view's OpenGL scene: the surface, its contours, the minima, balls, trails, swarms, arrows.

This module imports pyqtgraph.opengl, so it is imported only when the 3D view is first shown (never
at start-up, and never where :func:`gdsim.qt.gl.gl_support` says no: a GL widget without OpenGL
crashes the process). The scene's geometry comes from :mod:`gdsim.qt.views.surface_geometry`; here
it becomes GL items. Shading is baked into vertex colours under a fixed light (as a hill-shaded map),
so the items need no shader of their own. Every array given to an item is finite.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pyqtgraph.opengl as gl
from OpenGL import GL
from pyqtgraph.opengl.GLGraphicsItem import GLGraphicsItem
from pyqtgraph.opengl.GLViewWidget import GLViewMixin
from PySide6.QtCore import QPointF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QCursor,
    QFont,
    QImage,
    QMatrix4x4,
    QOffscreenSurface,
    QOpenGLContext,
    QPainter,
    QSurfaceFormat,
    QVector3D,
)
from PySide6.QtOpenGL import QOpenGLBuffer, QOpenGLFramebufferObject, QOpenGLFramebufferObjectFormat
from PySide6.QtWidgets import QWidget

from gdsim.qt.views.surface_geometry import HALF_WIDTH, HeightField

#: Where the light comes from (a direction in the scene, towards the light): upper left, in front.
LIGHT = np.array([-0.45, -0.55, 1.0]) / np.linalg.norm([-0.45, -0.55, 1.0])
#: The colour of the walls the surface stands on.
WALL = (0.78, 0.81, 0.85)
#: The camera a view starts with and returns to (degrees; distance in scene units).
CAMERA = {"distance": 5.4, "elevation": 42.0, "azimuth": -62.0, "fov": 40.0}
#: The camera starts as near as shows this far across and up from its centre (scene units): the box seen
#: from the starting angles, with a margin.
FIT_ACROSS, FIT_UP = 1.55, 1.4
#: A press that moves less than this (pixels) before its release is a click, not an orbit.
CLICK_SLOP = 4
#: The landscape is drawn coarse while the camera moves, and in full this long after its last move.
SETTLE_MS = 150
#: Drawn upside down, the frame reads back top row first: the row order a QImage keeps.
FLIP = QMatrix4x4(1, 0, 0, 0, 0, -1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1)
#: Drawing order: the surface first, then lines on it, then balls, then arrows and pins.
DEPTH_SURFACE, DEPTH_LINES, DEPTH_BALLS, DEPTH_OVERLAY = 0, 1, 2, 3


def rgba(color: str, alpha: float = 1.0) -> tuple[float, float, float, float]:
    """A colour name or #hex as floats 0..1."""
    c = QColor(color)
    return (c.redF(), c.greenF(), c.blueF(), alpha)


def shaded(colors: np.ndarray, normals: np.ndarray, ambient: float, highlight: float = 0.0) -> np.ndarray:
    """``colors`` (N, 4) lit by :data:`LIGHT` on surfaces of unit ``normals`` (N, 3): diffuse light
    over ``ambient``, and a white highlight of strength ``highlight`` where the normal meets the light."""
    facing = np.clip(normals @ LIGHT, 0.0, 1.0)
    lit = colors.copy()
    lit[:, :3] = colors[:, :3] * (ambient + (1 - ambient) * facing)[:, None]
    if highlight:
        lit[:, :3] += highlight * facing[:, None] ** 24
    return np.clip(lit, 0.0, 1.0).astype(np.float32)


def surface_mesh(field: HeightField, fractions: np.ndarray, colormap: pg.ColorMap) -> gl.MeshData:
    """The height field as a triangle mesh coloured by ``fractions`` (ny, nx, 0..1) and hill-shaded,
    standing on walls down to the floor (a block, not a floating sheet one sees under); cells and
    wall pieces touching an undefined point are left out."""
    uu, vv = np.meshgrid(field.u, field.v)
    z = field.z
    defined = np.isfinite(z)
    zz = np.where(defined, z, 0.0)
    dz_dv, dz_du = np.gradient(zz, field.v, field.u)
    normals = np.dstack([-dz_du, -dz_dv, np.ones_like(zz)]).reshape(-1, 3)
    normals /= np.linalg.norm(normals, axis=1, keepdims=True)
    colors = colormap.map(np.nan_to_num(fractions.ravel(), nan=1.0), mode="float")
    colors = np.column_stack([colors[:, :3], np.ones(len(colors))])
    ny, nx = z.shape
    index = np.arange(ny * nx).reshape(ny, nx)
    a, b, c, d = index[:-1, :-1], index[:-1, 1:], index[1:, 1:], index[1:, :-1]
    whole = (defined[:-1, :-1] & defined[:-1, 1:] & defined[1:, 1:] & defined[1:, :-1]).ravel()
    faces = [np.column_stack([a.ravel(), b.ravel(), c.ravel()])[whole],
             np.column_stack([a.ravel(), c.ravel(), d.ravel()])[whole]]
    vertexes = [np.column_stack([uu.ravel(), vv.ravel(), zz.ravel()])]
    lit = [shaded(colors, normals, ambient=0.62)]
    count = ny * nx
    # the four walls: each edge of the surface joined to its shadow on the floor
    for edge, outward in ((index[0, :], (0, -1, 0)), (index[-1, :], (0, 1, 0)),
                          (index[:, 0], (-1, 0, 0)), (index[:, -1], (1, 0, 0))):
        top = vertexes[0][edge]
        bottom = top * [1, 1, 0]
        n = len(edge)
        k = np.arange(n - 1)
        ok = defined.ravel()[edge][:-1] & defined.ravel()[edge][1:]
        tops, bottoms = count + k, count + n + k
        faces += [np.column_stack([tops, tops + 1, bottoms + 1])[ok], np.column_stack([tops, bottoms + 1, bottoms])[ok]]
        vertexes += [top, bottom]
        wall = np.tile([*WALL, 1.0], (2 * n, 1))
        lit.append(shaded(wall, np.tile(np.array(outward, dtype=float), (2 * n, 1)), ambient=0.7))
        count += 2 * n
    return gl.MeshData(vertexes=np.concatenate(vertexes).astype(np.float32),
                       faces=np.concatenate(faces).astype(np.uint32), vertexColors=np.concatenate(lit))


_shared: list[QOpenGLContext] = []


def shared_context() -> QOpenGLContext:
    """One context every canvas shares its objects with: pyqtgraph compiles each shader program once
    per process and keeps its id, which is valid only in contexts that share objects."""
    if not _shared:
        context = QOpenGLContext()
        if not context.create():
            raise RuntimeError("no OpenGL context could be made")
        _shared.append(context)
    return _shared[0]


class Canvas(GLViewMixin, QWidget):
    """The 3D scene, drawn by OpenGL into an offscreen framebuffer and shown as an image.

    A GL widget in a window makes Qt compose the whole window through OpenGL on every repaint of any
    widget in it; with a software renderer (Mesa's llvmpipe: remote desktops, Xvfb) that cost about
    80 ms per repaint of a results table. Drawn offscreen, the scene costs only its own drawing, the
    window stays a plain raster window, and a hidden canvas draws just as well (the video renderer).

    The landscape is drawn once per camera into a framebuffer of its own (``static`` items, with
    ``detailed`` ones in full detail and their ``coarse`` stand-ins while the camera moves: orbit,
    pan, zoom, a camera following a ball); full detail returns :data:`SETTLE_MS` after the last move.

    Mouse: orbit (left drag), pan (Ctrl + left drag, or middle drag), zoom (wheel). A left press
    where ``grabs`` says yes (a start) drags that point instead of turning the camera.

    Signals
    -------
    clicked(QPointF, bool)
        A left click that did not move (a start to place there); the bool is Shift.
    hovered(object)
        The pointer moved over the widget with no button down (a QPointF), or left it (None).
    dragged(QPointF)
        A left drag that began where ``grabs`` said yes moved to this pixel.
    drag_finished(QPointF, bool)
        That drag ended here; the bool is Shift.
    """

    clicked = Signal(QPointF, bool)
    hovered = Signal(object)
    dragged = Signal(QPointF)
    drag_finished = Signal(QPointF, bool)

    def __init__(self, parent=None) -> None:
        self._context = QOpenGLContext()
        self._context.setShareContext(shared_context())
        self._surface = QOffscreenSurface()
        self._fbo: QOpenGLFramebufferObject | None = None
        self._background: QOpenGLFramebufferObject | None = None
        self._background_key: tuple | None = None
        self._static_version = 0
        #: The items drawn once per camera (the landscape), not every frame: ``static`` always,
        #: ``detailed`` when the camera is still and ``coarse`` (their stand-ins) while it moves.
        self.static: set = set()
        self.detailed: set = set()
        self.coarse: set = set()
        #: Whether the camera moved less than SETTLE_MS ago.
        self.moving = False
        self._image = QImage()
        self._image_coarse = False
        self._dirty = True
        self._initialized = False
        #: Texts drawn over the scene: (scene point (3,), text, QFont, QColor).
        self.labels: list[tuple[np.ndarray, str, QFont, QColor]] = []
        #: Whether a left press at a pixel picks up a point to drag (set by the view), else it orbits.
        self.grabs = None
        super().__init__(parent)
        if not self._context.create():
            raise RuntimeError("no OpenGL context could be made")
        self._surface.setFormat(self._context.format())
        self._surface.create()
        self._settle = QTimer(self)
        self._settle.setObjectName("surface_settle")
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setBackgroundColor("w")
        self._pressed_at: QPointF | None = None
        self._dragging = False
        self._home_center = (0.0, 0.0, 0.3)
        self._at_home = True
        self.reset_camera()

    # --- what GLViewMixin expects of a GL widget ----------------------------------------------

    def context(self) -> QOpenGLContext:
        return self._context

    def isValid(self) -> bool:  # noqa: N802 - GLViewMixin's
        return self._initialized

    def makeCurrent(self) -> None:  # noqa: N802 - GLViewMixin's
        self._context.makeCurrent(self._surface)

    def update(self) -> None:
        """Draw the scene again at the next paint."""
        self._dirty = True
        super().update()

    def addItem(self, item) -> None:  # noqa: N802 - GLViewMixin's
        if self._initialized:
            self.makeCurrent()
        super().addItem(item)

    # --- drawing ------------------------------------------------------------------------------

    def render(self, full: bool = False) -> QImage:
        """Draw the scene into the framebuffer (if anything changed) and return it as an image;
        ``full`` draws the landscape in full detail even while the camera moves (a video's frame).

        The landscape's items are drawn once per camera and size into a framebuffer of their own,
        colour and depth; each frame copies that and draws only the runs' items over it, upside down,
        so the pixels read back in a QImage's row order straight into the image kept for it.
        """
        coarse = self.moving and not full
        if not self._dirty and not self._image.isNull() and not (full and self._image_coarse):
            return self._image
        ratio = self.devicePixelRatioF()
        width, height = max(1, round(self.width() * ratio)), max(1, round(self.height() * ratio))
        self.makeCurrent()
        if not self._initialized:
            self._initialized = True
            self.initializeGL()
        size = QSize(width, height)
        if self._fbo is None or self._fbo.size() != size:
            self._fbo, self._background = self._framebuffer(size), self._framebuffer(size)
            self._background_key = None
        region = (0, 0, width, height)
        self._projectionStack[:] = [FLIP * self.projectionMatrix(region, region)]
        self.setModelview()
        key = (width, height, self._static_version, repr(self.cameraParams()), self.opts["bgcolor"], coarse)
        if key != self._background_key:
            self._background_key = key
            self._background.bind()
            GL.glViewport(*region)
            GL.glClearColor(*self.opts["bgcolor"])
            GL.glClear(GL.GL_DEPTH_BUFFER_BIT | GL.GL_COLOR_BUFFER_BIT)
            self._draw_items([item for item in self.items
                              if item in self.static or item in (self.coarse if coarse else self.detailed)])
        both = GL.GL_COLOR_BUFFER_BIT | GL.GL_DEPTH_BUFFER_BIT
        QOpenGLFramebufferObject.blitFramebuffer(self._fbo, self._background, both, GL.GL_NEAREST)
        self._fbo.bind()
        GL.glViewport(*region)
        landscape = self.static | self.detailed | self.coarse
        self._draw_items([item for item in self.items if item not in landscape])
        if self._image.size() != size:
            self._image = QImage(size, QImage.Format.Format_RGB32)
        # into the image's own pixels (a copy someone keeps is detached from them first), as 0xAARRGGBB
        # words: QImage's RGB32, which a raster window paints without converting
        pixels = np.frombuffer(self._image.bits(), dtype=np.uint8)
        GL.glReadPixels(0, 0, width, height, GL.GL_BGRA, GL.GL_UNSIGNED_INT_8_8_8_8_REV, pixels.ctypes.data)
        self._fbo.release()
        self._context.doneCurrent()
        self._image.setDevicePixelRatio(ratio)
        self._image_coarse = coarse
        self._dirty = False
        return self._image

    @staticmethod
    def _framebuffer(size: QSize) -> QOpenGLFramebufferObject:
        form = QOpenGLFramebufferObjectFormat()
        # depth alone: copying a combined depth-stencil buffer took llvmpipe 20 times as long
        form.setAttachment(QOpenGLFramebufferObject.Attachment.Depth)
        return QOpenGLFramebufferObject(size, form)

    def _draw_items(self, items: list) -> None:
        """Draw top-level ``items`` (and their children) in depth order, as GLViewMixin does."""
        for item in sorted(items, key=lambda i: i.depthValue()):
            if item.visible() and item.parentItem() is None:
                self._modelViewStack.append(self.currentModelView() * item.transform())
                try:
                    self.drawItemTree(item)
                finally:
                    self._modelViewStack.pop()

    def static_changed(self) -> None:
        """The landscape's items changed: draw them again at the next frame."""
        self._static_version += 1
        self.update()

    def grabFramebuffer(self) -> QImage:  # noqa: N802 - as a GL widget's
        """The scene as drawn now in full detail, with its labels."""
        image = self.render(full=True).copy()
        painter = QPainter(image)
        self._paint_labels(painter)
        painter.end()
        return image

    def paintEvent(self, event) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.drawImage(0, 0, self.render())
        self._paint_labels(painter)
        painter.end()

    def _paint_labels(self, painter: QPainter) -> None:
        if not self.labels:
            return
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing)
        pixels = self.project(np.array([point for point, *_ in self.labels]))
        for (x, y), (_point, text, font, color) in zip(pixels, self.labels, strict=True):
            if np.isfinite(x) and np.isfinite(y):
                painter.setFont(font)
                painter.setPen(color)
                metrics = painter.fontMetrics()  # centred on the point
                painter.drawText(QPointF(x - metrics.horizontalAdvance(text) / 2, y + metrics.capHeight() / 2), text)

    # --- the camera ---------------------------------------------------------------------------

    def reset_camera(self, center: tuple[float, float, float] | None = None) -> None:
        """Back to the camera a view starts with, looking at ``center`` (default: the last one given),
        from as near as lets the whole box show at this widget's shape; it follows the widget's shape
        until the camera is turned, panned or zoomed."""
        if center is not None:
            self._home_center = center
        fov = np.radians(CAMERA["fov"])  # across; the field of view up and down follows the shape
        tall = 2 * np.arctan(np.tan(fov / 2) * max(self.height(), 1) / max(self.width(), 1))  # never 0 (hidden)
        distance = max(FIT_ACROSS / np.tan(fov / 2), FIT_UP / np.tan(tall / 2))
        self.setCameraParams(center=QVector3D(*self._home_center), **{**CAMERA, "distance": float(distance)})
        self._at_home = True

    def look_at(self, center: np.ndarray) -> None:
        """Turn the camera's centre to ``center`` (scene units), keeping its distance and angles."""
        self._at_home = False
        self._camera_moves()
        self.setCameraPosition(pos=QVector3D(*(float(c) for c in center)))

    def orbit(self, azim: float, elev: float) -> None:
        """Turn the camera (degrees) around its centre: the mouse's left drag, the arrow keys."""
        self._camera_moves()
        super().orbit(azim, elev)

    def pan(self, dx: float, dy: float, dz: float, relative: str = "global") -> None:
        """Move the camera's centre: Ctrl + left drag, middle drag."""
        self._camera_moves()
        super().pan(dx, dy, dz, relative)

    def wheelEvent(self, event) -> None:  # noqa: N802 - Qt override
        self._at_home = False
        self._camera_moves()
        super().wheelEvent(event)

    def _camera_moves(self) -> None:
        """The camera moves: the landscape is drawn coarse until it has been still for SETTLE_MS."""
        self.moving = True
        self._settle.start()

    def _settled(self) -> None:
        self.moving = False
        self.update()

    def resizeEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        if self._at_home:
            self.reset_camera()
        self.update()

    def mvp(self) -> np.ndarray:
        """The 4×4 matrix from scene to clip coordinates, as this widget draws with it."""
        viewport = self.getViewport()
        matrix: QMatrix4x4 = self.projectionMatrix(viewport, viewport) * self.viewMatrix()
        return np.array(matrix.data(), dtype=float).reshape(4, 4).T

    def project(self, points: np.ndarray) -> np.ndarray:
        """Widget pixel coordinates (N, 2) of scene points (N, 3) (y down, as Qt's)."""
        points = np.asarray(points, dtype=float).reshape(-1, 3)
        if self.width() < 1 or self.height() < 1:  # not laid out yet: nothing is anywhere on screen
            return np.full((len(points), 2), np.nan)
        clip = np.column_stack([points, np.ones(len(points))]) @ self.mvp().T
        ndc = clip[:, :3] / clip[:, 3:]
        return np.column_stack([(ndc[:, 0] + 1) / 2 * self.width(), (1 - ndc[:, 1]) / 2 * self.height()])

    def ray(self, pixel: QPointF) -> tuple[np.ndarray, np.ndarray]:
        """The ray (origin, direction) through widget pixel ``pixel``, in scene coordinates."""
        x = 2 * pixel.x() / max(self.width(), 1) - 1
        y = 1 - 2 * pixel.y() / max(self.height(), 1)
        inverse = np.linalg.inv(self.mvp())
        near, far = (inverse @ np.array([x, y, depth, 1.0]) for depth in (-1.0, 1.0))
        near, far = near[:3] / near[3], far[:3] / far[3]
        return near, far - near

    # --- the mouse ----------------------------------------------------------------------------

    def _grabs(self, pixel: QPointF) -> bool:
        return self.grabs is not None and bool(self.grabs(pixel))

    def mousePressEvent(self, event) -> None:  # noqa: N802 - Qt override
        left = event.button() == Qt.MouseButton.LeftButton
        self._pressed_at = event.position() if left else None
        self._dragging = left and self._grabs(event.position())
        if self._dragging:
            self.setCursor(QCursor(Qt.CursorShape.ClosedHandCursor))
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: N802 - Qt override
        if event.buttons() == Qt.MouseButton.NoButton:
            self.hovered.emit(event.position())
            if self._grabs(event.position()):
                self.setCursor(QCursor(Qt.CursorShape.OpenHandCursor))
            else:
                self.unsetCursor()
            return
        if self._dragging:
            if (event.position() - self._pressed_at).manhattanLength() >= CLICK_SLOP:
                self.dragged.emit(event.position())
            return
        self._at_home = False
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event) -> None:  # noqa: N802 - Qt override
        pressed, self._pressed_at = self._pressed_at, None
        dragging, self._dragging = self._dragging, False
        left = pressed is not None and event.button() == Qt.MouseButton.LeftButton
        shift = bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
        if left and (event.position() - pressed).manhattanLength() < CLICK_SLOP:
            self.clicked.emit(event.position(), shift)
        elif left and dragging:
            self.drag_finished.emit(event.position(), shift)
        if dragging:
            self.unsetCursor()
        super().mouseReleaseEvent(event)

    def leaveEvent(self, event) -> None:  # noqa: N802 - Qt override
        self.hovered.emit(None)
        super().leaveEvent(event)


class Lines:
    """A GL line item fed from (M, 2, 3) segments: rows with a non-finite end are left out.

    Only lines drawn once per camera at rest (the landscape's) are antialiased: software OpenGL draws
    smooth lines about five times slower, too slow for lines drawn every frame.
    """

    def __init__(self, canvas: Canvas, color, width: float, depth: int, smooth: bool = False) -> None:
        self.item = gl.GLLinePlotItem(mode="lines", color=color, width=width, antialias=smooth,
                                      glOptions="translucent")
        self.item.setDepthValue(depth)
        canvas.addItem(self.item)

    def set(self, segments: np.ndarray, color=None, width: float | None = None) -> None:
        segments = np.asarray(segments, dtype=float).reshape(-1, 2, 3)
        segments = segments[np.isfinite(segments).all(axis=(1, 2))]
        options = {"pos": segments.reshape(-1, 3).astype(np.float32)}
        if color is not None:
            options["color"] = color
        if width is not None:
            options["width"] = width
        self.item.setData(**options)
        self.item.setVisible(len(segments) > 0)

    def remove(self, canvas: Canvas) -> None:
        canvas.removeItem(self.item)


def path_segments(points: np.ndarray) -> np.ndarray:
    """Consecutive points (K, 3) as segments (K−1, 2, 3)."""
    return np.stack([points[:-1], points[1:]], axis=1) if len(points) > 1 else np.empty((0, 2, 3))


def wide_lines() -> bool:
    """Whether the current context draws lines wider than a pixel (a core forward-compatible one refuses)."""
    form = QOpenGLContext.currentContext().format()
    return not (form.profile() == QSurfaceFormat.OpenGLContextProfile.CoreProfile
                and not form.testOption(QSurfaceFormat.FormatOption.DeprecatedFunctions))


class _Strip:
    """One line strip's points (finite ones; the rest are zeros never drawn), growing at its end, and
    the GL buffer they are copied to: only the points added since the last frame are uploaded."""

    def __init__(self) -> None:
        self.points = np.zeros((0, 3), dtype=np.float32)
        self.finite = np.zeros(0, dtype=bool)
        self.count = 0
        self.uploaded = 0
        self.capacity = 0
        self.stretches: list[tuple[int, int]] = []
        self.color = (0.0, 0.0, 0.0, 1.0)
        self.width = 1.0
        self.buffer: QOpenGLBuffer | None = None

    def set(self, keep: int, tail: np.ndarray) -> None:
        keep = min(keep, self.count)
        count = keep + len(tail)
        if count > len(self.points):  # room for twice as many: growing is rare, appending cheap
            points, finite = np.zeros((max(2 * count, 256), 3), dtype=np.float32), np.zeros(max(2 * count, 256), bool)
            points[:keep], finite[:keep] = self.points[:keep], self.finite[:keep]
            self.points, self.finite = points, finite
        ok = np.isfinite(tail).all(axis=1)
        self.points[keep:count] = np.where(ok[:, None], tail, 0.0)
        self.finite[keep:count] = ok
        self.count, self.uploaded = count, min(self.uploaded, keep)
        last = self.stretches[-1] if self.stretches else (0, 0)
        if ok.all() and last[0] < keep <= sum(last) and count - last[0] > 1:  # the usual frame: it grows
            self.stretches[-1] = (last[0], count - last[0])
            return
        edges = np.flatnonzero(np.diff(np.concatenate([[False], self.finite[:count], [False]]).astype(np.int8)))
        self.stretches = [(int(a), int(b - a)) for a, b in zip(edges[::2], edges[1::2], strict=True) if b - a > 1]

    def upload(self) -> None:
        """Copy what changed into the GL buffer (the context is current)."""
        if self.buffer is None:
            self.buffer = QOpenGLBuffer(QOpenGLBuffer.Type.VertexBuffer)
            self.buffer.create()
        self.buffer.bind()
        if self.capacity < len(self.points):
            self.buffer.allocate(self.points, self.points.nbytes)
            self.capacity = len(self.points)
        elif self.uploaded < self.count:
            tail = self.points[self.uploaded:self.count]
            self.buffer.write(self.uploaded * tail.itemsize * 3, tail, tail.nbytes)
        self.buffer.release()
        self.uploaded = self.count


class Strips(GLGraphicsItem):
    """Many line strips (every run's trail), each in its own colour and width, drawn as one item.

    A trail grows by a few points a frame: each strip keeps its points in a GL buffer of its own with
    room to grow, and a frame uploads only the points added since the last. One item for all trails
    (not one each) also spares a frame most of the Python work of drawing an item.
    """

    def __init__(self, canvas: Canvas, depth: int) -> None:
        super().__init__()
        self.setGLOptions("translucent")
        self.setDepthValue(depth)
        self._strips: dict = {}
        self._retired: list[QOpenGLBuffer] = []
        canvas.addItem(self)

    def set(self, key, keep: int, tail: np.ndarray, color, width: float) -> None:
        """Strip ``key`` keeps its first ``keep`` points and goes on through ``tail`` (K, 3); it breaks
        where a point is not finite."""
        strip = self._strips.setdefault(key, _Strip())
        strip.set(keep, np.asarray(tail, dtype=np.float32).reshape(-1, 3))
        strip.color, strip.width = tuple(color), float(width)
        self.update()

    def discard(self, key) -> None:
        """Stop drawing strip ``key`` (its GL buffer is freed at the next paint)."""
        strip = self._strips.pop(key, None)
        if strip is not None and strip.buffer is not None:
            self._retired.append(strip.buffer)
        self.update()

    def points(self, key) -> np.ndarray:
        """Strip ``key``'s points as drawn (K, 3), NaN where it breaks; empty if there is none."""
        strip = self._strips.get(key)
        if strip is None:
            return np.empty((0, 3))
        return np.where(strip.finite[:strip.count, None], strip.points[:strip.count], np.nan)

    def paint(self) -> None:
        for buffer in self._retired:
            buffer.destroy()
        self._retired.clear()
        shown = [strip for strip in self._strips.values() if strip.stretches]
        if not shown:
            return
        self.setupGLState()
        for strip in shown:
            strip.upload()
        program = gl.GLLinePlotItem.getShaderProgram()
        mvp = np.array(self.mvpMatrix().data(), dtype=np.float32)
        wide = wide_lines()
        GL.glEnableVertexAttribArray(0)
        with program:
            GL.glUniformMatrix4fv(GL.glGetUniformLocation(program, "u_mvp"), 1, False, mvp)
            for strip in shown:
                strip.buffer.bind()
                GL.glVertexAttribPointer(0, 3, GL.GL_FLOAT, False, 0, None)
                strip.buffer.release()
                GL.glVertexAttrib4f(1, *strip.color)
                if wide:
                    GL.glLineWidth(strip.width)
                for first, count in strip.stretches:
                    GL.glDrawArrays(GL.GL_LINE_STRIP, first, count)
        GL.glDisableVertexAttribArray(0)
        GL.glLineWidth(1.0)


class Balls:
    """Every run's ball, lit spheres in one mesh (one item to draw, not one per ball)."""

    MESH = gl.MeshData.sphere(rows=14, cols=20)

    def __init__(self, canvas: Canvas) -> None:
        vertexes = self.MESH.vertexes()
        self._unit = vertexes / np.linalg.norm(vertexes, axis=1, keepdims=True)
        self._faces = self.MESH.faces().astype(np.uint32)
        self._lit: dict[str, np.ndarray] = {}
        self.item = gl.GLMeshItem(smooth=True, computeNormals=False, glOptions="opaque")
        self.item.setDepthValue(DEPTH_BALLS)
        self.item.setVisible(False)
        canvas.addItem(self.item)

    def set(self, balls: list[tuple[np.ndarray, float, str]]) -> None:
        """Spheres of radius r in colour c at each centre p, for each (p, r, c) of ``balls``."""
        if not balls:
            self.item.setVisible(False)
            return
        n = len(self._unit)
        vertexes = np.concatenate([self._unit * radius + center for center, radius, _color in balls])
        faces = np.concatenate([self._faces + k * n for k in range(len(balls))])
        colors = np.concatenate([self._shaded(color) for *_place, color in balls])
        self.item.setMeshData(meshdata=gl.MeshData(vertexes=vertexes.astype(np.float32), faces=faces,
                                                   vertexColors=colors))
        self.item.setVisible(True)

    def _shaded(self, color: str) -> np.ndarray:
        if color not in self._lit:
            self._lit[color] = shaded(np.tile(rgba(color), (len(self._unit), 1)), self._unit, ambient=0.45,
                                      highlight=0.45)
        return self._lit[color]


class Points:
    """Many balls as round points (a swarm)."""

    def __init__(self, canvas: Canvas) -> None:
        self.item = gl.GLScatterPlotItem(pxMode=True, glOptions="translucent")
        self.item.setDepthValue(DEPTH_BALLS)
        canvas.addItem(self.item)

    def set(self, points: np.ndarray, colors, size: float) -> None:
        """Draw the finite rows of ``points`` (N, 3) in ``colors`` (one RGBA, or (N, 4))."""
        points = np.asarray(points, dtype=float).reshape(-1, 3)
        keep = np.isfinite(points).all(axis=1)
        if isinstance(colors, np.ndarray):
            colors = np.ascontiguousarray(colors[keep], dtype=np.float32)
        self.item.setData(pos=points[keep].astype(np.float32), color=colors, size=size)
        self.item.setVisible(bool(keep.any()))

    def remove(self, canvas: Canvas) -> None:
        canvas.removeItem(self.item)


class Landscape:
    """The items that change only with the problem or the height scale: the surface, its contours, a
    frame on the floor with the axes' names, and a pin on every known minimum. While the camera moves
    a coarse surface and plain contours stand in for the full surface and the smooth contours."""

    def __init__(self, canvas: Canvas) -> None:
        self.canvas = canvas
        self.surface, self.coarse_surface = (gl.GLMeshItem(smooth=True, computeNormals=False, glOptions="opaque")
                                             for _ in range(2))
        for surface in (self.surface, self.coarse_surface):
            surface.setDepthValue(DEPTH_SURFACE)
            surface.setVisible(False)  # until it has a mesh
            canvas.addItem(surface)
        self.contours = Lines(canvas, (0.15, 0.15, 0.15, 0.55), 1.0, DEPTH_LINES, smooth=True)
        self.coarse_contours = Lines(canvas, (0.15, 0.15, 0.15, 0.55), 1.0, DEPTH_LINES)
        self.frame = Lines(canvas, (0.35, 0.35, 0.35, 1.0), 1.5, DEPTH_LINES, smooth=True)
        self.pins = Lines(canvas, (0.0, 0.0, 0.0, 1.0), 2.5, DEPTH_OVERLAY, smooth=True)
        self.pin_heads = gl.GLScatterPlotItem(pxMode=True, glOptions="translucent", color=(0, 0, 0, 1), size=9)
        self.pin_heads.setDepthValue(DEPTH_OVERLAY)
        canvas.addItem(self.pin_heads)
        canvas.static.update({self.frame.item, self.pins.item, self.pin_heads})
        canvas.detailed.update({self.surface, self.contours.item})
        canvas.coarse.update({self.coarse_surface, self.coarse_contours.item})

    def set(self, meshes: tuple[gl.MeshData, gl.MeshData], contours: tuple[np.ndarray, np.ndarray],
            minima: np.ndarray, pin: float, top: float, names: tuple[str, str, str], scale: float) -> None:
        """Show the surface ``meshes`` and its ``contours`` (M, 2, 3) on it (each full, and coarse for a
        moving camera), pins of height ``pin`` on ``minima`` (K, 3), a floor frame with a height axis
        to ``top``, and the axes' ``names``."""
        for surface, mesh in zip((self.surface, self.coarse_surface), meshes, strict=True):
            surface.setMeshData(meshdata=mesh)
            surface.setVisible(True)
        for lines, segments in zip((self.contours, self.coarse_contours), contours, strict=True):
            lines.set(segments, width=1.0 * scale)
        w = HALF_WIDTH
        corners = np.array([[-w, -w, 0], [w, -w, 0], [w, w, 0], [-w, w, 0], [-w, -w, 0]], dtype=float)
        frame = np.concatenate([path_segments(corners), [[[-w, w, 0], [-w, w, top]]]])
        self.frame.set(frame, width=1.5 * scale)
        minima = minima[np.isfinite(minima).all(axis=1)].reshape(-1, 3)
        tops = minima + [0, 0, pin]
        self.pins.set(np.stack([minima, tops], axis=1), width=2.5 * scale)
        self.pin_heads.setData(pos=tops.astype(np.float32), size=9 * scale)
        self.pin_heads.setVisible(len(tops) > 0)
        font = QFont()
        font.setPointSizeF(11 * scale)
        places = ([0.0, -w * 1.15, 0.0], [w * 1.15, 0.0, 0.0], [-w * 1.12, w, top / 2])  # J: beside its pole
        color = QColor(40, 40, 40)
        self.canvas.labels = [(np.array(place), name, font, color) for name, place in zip(names, places, strict=True)]
        self.canvas.static_changed()
