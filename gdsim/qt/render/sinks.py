"""Where frames go: an MP4 or a GIF (through ffmpeg), one PNG, or a folder of numbered PNGs.

Every sink writes beside the output under a hidden temporary name and renames it into place in
``finish``; ``abort`` (an interruption, an error) deletes what was written, so the output is either
whole or absent. Frames arrive as a QImage in ``Format_RGB32`` (B, G, R, 255 in memory: ffmpeg's
``bgra``) and are piped to ffmpeg as they are, with no conversion.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from pathlib import Path

from PySide6.QtGui import QImage

from gdsim.qt.render.job import FRAME_NAME, FRAME_PATTERN

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
    """Frames piped to ffmpeg (``imageio_ffmpeg.write_frames``), written to a temporary file."""

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

    def write(self, image: QImage) -> None:
        self._writer.send(image.constBits())
        self.frames += 1

    def finish(self) -> None:
        self._writer.close()  # waits for ffmpeg to finish the file
        if self.temporary.stat().st_size == 0:
            raise OSError(f"ffmpeg wrote nothing for {self.out}")
        os.replace(self.temporary, self.out)

    def abort(self) -> None:
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
