"""superqt workers that leave the process's warning filters alone, a function worker helper, and
garbage collection kept in the GUI thread while workers run.

superqt's ``WorkerBase.run`` wraps the work in ``warnings.catch_warnings()`` with an "always" filter
and replaces ``warnings.showwarning`` for as long as the work runs. Both are process-wide state: for
the engine's worker that is the whole session, so every warning of the GUI thread would go to that
worker's ``warned`` signal (shown nowhere), the test suite's "warnings are errors" filter would
become "always", and two workers ending out of order would restore each other's state. These
subclasses keep superqt's protocol (started, yielded, returned or errored, finished) and leave the
warnings module alone: a warning in a worker follows the process's filters like any other.
"""

from __future__ import annotations

import gc
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from PySide6.QtCore import QTimer
from superqt.utils import FunctionWorker, GeneratorWorker, create_worker


class _PlainRun:
    """superqt's ``WorkerBase.run`` without the warnings capture; a RuntimeError is an error too."""

    def run(self) -> None:
        self.started.emit()
        self._running = True
        try:
            result = self.work()
            if isinstance(result, Exception):  # GeneratorWorker.work returns a RuntimeError it caught
                raise result
            if not self.abort_requested:
                self.returned.emit(result)
        except Exception as error:  # noqa: BLE001 - handed to the errored signal, which reports it
            self.errored.emit(error)
        self._running = False
        self.finished.emit()
        self._finished.emit(self)


class PlainGeneratorWorker(_PlainRun, GeneratorWorker):
    """A GeneratorWorker that does not touch the warnings module."""


class PlainFunctionWorker(_PlainRun, FunctionWorker):
    """A FunctionWorker that does not touch the warnings module."""


def run_in_worker(function: Callable[..., Any], *args: Any, returned: Callable[[Any], None],
                  errored: Callable[[BaseException], None]) -> FunctionWorker:
    """Call ``function(*args)`` in superqt's thread pool; ``returned(result)`` or ``errored(error)``
    is called in the thread that owns the callbacks' receiver (the GUI thread for a widget's methods).
    """
    return create_worker(function, *args, _start_thread=True, _worker_class=PlainFunctionWorker,
                         _connect={"returned": returned, "errored": errored})


def describe_bug(error: BaseException) -> str:
    """An unexpected error as text for a message: its traceback (it is a bug to report)."""
    return "".join(traceback.format_exception(error)).rstrip()


@contextmanager
def garbage_collected_in_gui_thread(interval_ms: int = 250) -> Iterator[None]:
    """Run Python's cycle collector only in this (the GUI) thread, on a timer, while the block runs.

    The collector otherwise runs in whichever thread happens to allocate: a worker importing sympy
    or building snapshots then destroys cycles holding the GUI thread's Qt objects, and their
    destructors, run in the worker, can deadlock with the GUI thread (seen: a file worker stuck for
    good in an import while the GUI thread waited). pyqtgraph's GarbageCollector does the same;
    this one gives the collector back as it was when the block ends.
    """
    enabled, thresholds = gc.isenabled(), gc.get_threshold()
    timer = QTimer()
    timer.setObjectName("gc_in_gui_thread")

    def collect() -> None:
        counts = gc.get_count()
        generation = -1
        for level in range(3):
            if counts[level] <= thresholds[level]:
                break
            generation = level
        if generation >= 0:
            gc.collect(generation)

    timer.timeout.connect(collect)
    gc.disable()
    timer.start(interval_ms)
    try:
        yield
    finally:
        timer.stop()
        gc.collect()
        if enabled:
            gc.enable()
