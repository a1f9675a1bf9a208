"""Buffers that grow in turns.

Every run records a point at every step, so the buffers the window keeps per run (a trace's columns,
a trail's points) fill in lockstep and would all double in the same frame: 4 runs on the 1D curve
stalled the GUI thread 43 ms at 131,072 points (6.5 ms to copy a trace's columns, 5 ms its trail's,
each). A buffer may grow early, once it is three quarters full, when it is given the frame's turn;
the owner of several gives the turn to one buffer per frame, so they double one after another.
"""

from __future__ import annotations

#: How full a buffer may get before it grows early, on its turn.
EARLY = 0.75
#: The smallest capacity.
SMALLEST = 256


def grown_capacity(needed: int, capacity: int, turn: bool) -> int | None:
    """The capacity a buffer of ``capacity`` rows grows to for ``needed`` rows, or None to keep it:
    grown when it must, or when it is three quarters full and has the ``turn``."""
    if needed > capacity:
        return max(SMALLEST, 2 * needed)
    if turn and needed > EARLY * capacity:
        return max(SMALLEST, 2 * capacity)
    return None
