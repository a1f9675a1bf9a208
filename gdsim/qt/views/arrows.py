"""Arrows drawn as line segments (shaft and two barbs), many at once in one item."""

from __future__ import annotations

import numpy as np

#: Barb length as a fraction of the arrow, and its angle to the shaft (radians).
HEAD = 0.3
HEAD_ANGLE = 0.45


def arrow_segments(tails: np.ndarray, vectors: np.ndarray, length: float, half: float | None = None) -> np.ndarray:
    """Points (6M, 2) of M arrows along ``vectors``, for a curve item with connect='pairs'.

    Every arrow is ``length`` long, or, with ``half`` given, ``length * |v| / (|v| + half)``: long
    for a steep slope, half as long at ``|v| = half``, vanishing where the vector does (at a minimum).
    Zero or non-finite vectors give no arrow.
    """
    norms = np.linalg.norm(vectors, axis=1)
    ok = np.isfinite(norms) & (norms > 0) & np.isfinite(tails).all(axis=1)
    if not ok.any():
        return np.empty((0, 2))
    direction = vectors[ok] / norms[ok, None]
    tail = tails[ok]
    if half is not None:
        length = length * (norms[ok] / (norms[ok] + half))[:, None]
    tip = tail + length * direction
    out = [tail, tip]
    for angle in (HEAD_ANGLE, -HEAD_ANGLE):
        c, s = np.cos(angle), np.sin(angle)
        back = -np.column_stack([c * direction[:, 0] - s * direction[:, 1], s * direction[:, 0] + c * direction[:, 1]])
        out += [tip, tip + HEAD * length * back]
    return np.stack(out, axis=1).reshape(-1, 2)
