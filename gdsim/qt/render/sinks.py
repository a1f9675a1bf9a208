"""Where frames go: an MP4 or a GIF (through ffmpeg), one PNG, or a folder of numbered PNGs.

Every sink writes beside the output under a hidden temporary name and renames it into place in
``finish``; ``abort`` (an interruption, an error) deletes what was written, so the output is either
whole or absent. Frames arrive as a QImage in ``Format_RGB32`` (B, G, R, 255 in memory: ffmpeg's
``bgra``) and are piped to ffmpeg as they are, with no conversion.
"""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import tempfile
import threading
from pathlib import Path

from PySide6.QtGui import QImage

from gdsim.qt.render.job import FRAME_NAME, FRAME_PATTERN

#: Frames copied and waiting for the pipe to ffmpeg, at most.
FRAMES_AHEAD = 3
#: libx264's settings: quality (lower is better), speed, and the pixel format every player reads.
MP4_PARAMS = ["-crf", "23", "-preset", "veryfast"]
#: A GIF gets a palette made from its own frames (ffmpeg's palettegen and paletteuse): true colours,
#: and a file a fraction of Pillow's; only the changed rectangle of each frame is re-dithered.
GIF_FILTER = ("split[frames][copy];[frames]palettegen=stats_mode=diff[palette];"
              "[copy][palette]paletteuse=dither=bayer:bayer_scale=4:diff_mode=rectangle")


def temporary_beside(out: Path, suffix: str) -> Path:
    """A new, empty, hidden file in ``out``'s folder (ffmpeg reads the format from ``suffix``)."""
    handle, name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=f".partial{suffix}", dir=out.parent)
    os.close(handle)
    return Path(name)


class FfmpegSink:
    """Frames piped to ffmpeg (``imageio_ffmpeg.write_frames``), written to a temporary file.

    The pipe is fed by a thread of its own: writing a frame blocks until ffmpeg has read it, and the
    write releases the interpreter lock, so the next frame is drawn meanwhile (drawing and encoding
    overlap instead of taking turns). A frame is copied before it is queued, as the canvas draws the
    next one into the same image.
    """

    def __init__(self, out: Path, size: tuple[int, int], fps: float, gif: bool) -> None:
        import imageio_ffmpeg

        self.out = out
        self.temporary = temporary_beside(out, ".gif" if gif else ".mp4")
        if gif:
            options = {"codec": "gif", "pix_fmt_out": "pal8", "macro_block_size": 1,
                       "output_params": ["-vf", GIF_FILTER, "-loop", "0"]}
        else:
            options = {"codec": "libx264", "pix_fmt_out": "yuv420p", "macro_block_size": 16,
                       "output_params": list(MP4_PARAMS)}
        self._writer = imageio_ffmpeg.write_frames(str(self.temporary), size, pix_fmt_in="bgra", fps=fps,
                                                   quality=None, ffmpeg_log_level="error", **options)
        self._writer.send(None)
        self.frames = 0
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=FRAMES_AHEAD)
        self._failure: BaseException | None = None
        self._stopping = False
        self._thread = threading.Thread(target=self._pipe, name="ffmpeg pipe", daemon=True)
        self._thread.start()

    def _pipe(self) -> None:
        """In the pipe's thread: hand each queued frame to ffmpeg until the end (None)."""
        while (frame := self._queue.get()) is not None:
            if self._failure is None and not self._stopping:
                try:
                    self._writer.send(frame)
                except BaseException as error:  # noqa: BLE001 - raised again in the caller's thread
                    self._failure = error

    def write(self, image: QImage) -> None:
        if self._failure is not None:
            raise self._failure
        self._queue.put(bytes(image.constBits()))
        self.frames += 1

    def _end_pipe(self) -> None:
        self._queue.put(None)
        self._thread.join()

    def finish(self) -> None:
        self._end_pipe()
        if self._failure is not None:
            raise self._failure
        self._writer.close()  # waits for ffmpeg to finish the file
        if self.temporary.stat().st_size == 0:
            raise OSError(f"ffmpeg wrote nothing for {self.out}")
        os.replace(self.temporary, self.out)

    def abort(self) -> None:
        self._stopping = True  # the frames still queued are dropped
        with contextlib.suppress(queue.Empty):
            while True:
                self._queue.get_nowait()
        if self._thread.is_alive():
            self._end_pipe()
        with contextlib.suppress(BaseException):  # the writer re-raises what it is thrown
            self._writer.throw(KeyboardInterrupt)  # which kills ffmpeg at once
        self.temporary.unlink(missing_ok=True)


class StillSink:
    """One PNG: the last frame written."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.temporary = temporary_beside(out, ".png")
        self.frames = 0

    def write(self, image: QImage) -> None:
        if not image.save(str(self.temporary), "PNG"):
            raise OSError(f"could not write {self.temporary}")
        self.frames += 1

    def finish(self) -> None:
        os.replace(self.temporary, self.out)

    def abort(self) -> None:
        self.temporary.unlink(missing_ok=True)


class FolderSink:
    """Numbered PNG frames in a folder, filled under a temporary name and renamed at the end
    (replacing a folder of earlier frames)."""

    def __init__(self, out: Path) -> None:
        self.out = out
        self.temporary = Path(tempfile.mkdtemp(prefix=f".{out.name}.partial-", dir=out.parent))
        self.frames = 0

    def write(self, image: QImage) -> None:
        path = self.temporary / FRAME_NAME.format(self.frames)
        if not image.save(str(path), "PNG"):
            raise OSError(f"could not write {path}")
        self.frames += 1

    def finish(self) -> None:
        if self.out.is_dir():  # earlier frames only (checked before rendering)
            for old in self.out.glob(FRAME_PATTERN):
                old.unlink()
            self.out.rmdir()
        os.replace(self.temporary, self.out)

    def abort(self) -> None:
        shutil.rmtree(self.temporary, ignore_errors=True)


def open_sink(kind: str, out: Path, size: tuple[int, int], fps: float):
    """The sink for an output ``kind`` ("mp4", "gif", "png" or "frames")."""
    if kind in ("mp4", "gif"):
        return FfmpegSink(out, size, fps, gif=kind == "gif")
    return StillSink(out) if kind == "png" else FolderSink(out)
