"""Which engine tick each video frame shows, and how fast the simulation plays in a video by default."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

#: Without a pace, the whole run lasts about this long (seconds) ...
RUN_SECONDS = 10.0
#: ... slowed so that each caption is on screen at least this long ...
CAPTION_SECONDS = 2.5
#: ... as long as the video stays within this length (seconds).
LONGEST_SECONDS = 40.0
#: Never slower than this many steps per second.
SLOWEST = 2.0


def default_pace(end_tick: int, captions: Sequence[Mapping[str, Any]] = ()) -> float:
    """Steps per second for a video of a run ending at ``end_tick`` when the scenario sets no pace.

    The run takes about :data:`RUN_SECONDS`; it slows down so the shortest caption (within the run)
    shows for :data:`CAPTION_SECONDS`, unless the video would then exceed :data:`LONGEST_SECONDS`;
    never below :data:`SLOWEST` steps per second.
    """
    pace = end_tick / RUN_SECONDS
    spans = [min(c["to_step"], end_tick) - c["from_step"] + 1 for c in captions if c["from_step"] <= end_tick]
    if spans:
        pace = min(pace, max(min(spans) / CAPTION_SECONDS, end_tick / LONGEST_SECONDS))
    return max(pace, SLOWEST)


def frame_ticks(end_tick: int, steps_per_second: float, fps: float) -> np.ndarray:
    """The engine tick shown by each frame: tick 0 first, ``end_tick`` last, ``steps_per_second / fps``
    ticks apart (frames repeat a tick when the pace is slower than the frame rate)."""
    if end_tick <= 0:
        return np.zeros(1, dtype=np.int64)
    frames = math.ceil(end_tick * fps / steps_per_second) + 1
    ticks = np.round(np.arange(frames) * (steps_per_second / fps)).astype(np.int64)
    return np.minimum(ticks, end_tick)
