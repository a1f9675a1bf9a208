"""A y axis whose log-scale labels do not collide: numbers only at 1, 2 and 5 times a power of ten.

pyqtgraph puts a tick at every 2…9 subdivision of a short log axis and labels each one, so the
labels of a loss plot spanning one or two decades run into each other. The ticks stay; the labels
of the other subdivisions are left blank.
"""

from __future__ import annotations

import numpy as np

from gdsim.qt.views.axes import PlainAxis

LABELLED_MANTISSAS = (1.0, 2.0, 5.0)


class LogFriendlyAxis(PlainAxis):
    """A PlainAxis that labels only the 1, 2 and 5 subdivisions of each decade in log mode."""

    def logTickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:  # noqa: N802 - Qt/pyqtgraph override
        strings = super().logTickStrings(values, scale, spacing)
        exponents = np.asarray(values, dtype=float)
        mantissas = 10 ** (exponents - np.floor(exponents + 1e-9))
        keep = np.isclose(mantissas[:, None], LABELLED_MANTISSAS, rtol=1e-6).any(axis=1)
        return [text if kept else "" for text, kept in zip(strings, keep, strict=True)]
