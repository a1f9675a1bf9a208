"""The window's views by key, each built the first time it is needed (a session on a 2D landscape
never builds the 1D view nor the data view: a third of the window's construction at start-up)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from PySide6.QtWidgets import QWidget

from gdsim.qt.views.protocol import VIEWS


class LazyViews(Mapping[str, QWidget]):
    """Every registered view (gdsim.qt.views.protocol.VIEWS) by key; ``build(key)`` makes one when it
    is first asked for. Iterating gives every key; :meth:`built` only the views made so far."""

    def __init__(self, build: Callable[[str], QWidget]) -> None:
        self._build = build
        self._views: dict[str, QWidget] = {}

    def __getitem__(self, key: str) -> QWidget:
        view = self._views.get(key)
        if view is None:
            if key not in VIEWS:
                raise KeyError(key)
            view = self._views[key] = self._build(key)
        return view

    def __iter__(self) -> Iterator[str]:
        return iter(VIEWS)

    def __len__(self) -> int:
        return len(VIEWS)

    def get_built(self, key: str) -> QWidget | None:
        """View ``key`` if it was made, else None (nothing is built)."""
        return self._views.get(key)

    def built(self) -> list[QWidget]:
        """The views made so far, in the order they were made."""
        return list(self._views.values())
