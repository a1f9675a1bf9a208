"""Where a sweep's cells run: in this process, on a local process pool, or on a Dask cluster.

Each executor yields the results of groups of cells as they finish (in any order); the rows are the
same whichever runs them, because every cell is seeded by itself (:mod:`gdsim.session.sweep_run`).
A worker that dies takes its cells with it: they are run again once, each on its own, and a cell
whose worker dies again is marked failed (its row says why); the other rows are kept. A cell that
raises is marked failed at once (running it again would raise again).
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Collection, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool

from gdsim.core.errors import InputError
from gdsim.core.problem import Problem
from gdsim.session.sweep import Sweep
from gdsim.session.sweep_run import CellResult, failed_result, run_group

DIED = "its worker died twice"
#: Seconds to wait for a Dask scheduler to answer.
CONNECT_SECONDS = 10


def _raised(sweep: Sweep, group: tuple[int, ...], error: BaseException) -> list[CellResult]:
    reason = f"raised {type(error).__name__}: {error}"
    return [failed_result(sweep, index, reason) for index in group]


def run_in_process(sweep: Sweep, problem: Problem, vectorized: bool = True,
                   done: Collection[int] = ()) -> Iterator[list[CellResult]]:
    """Run every group here, one after the other; a group whose cells are all in ``done`` (cell
    indices: a sweep resumed) is left out."""
    done = frozenset(done)
    for group in sweep.groups(problem, vectorized):
        if done.issuperset(group):
            continue
        try:
            yield run_group(sweep, group, problem)
        except (ArithmeticError, ValueError, RuntimeError) as error:
            yield _raised(sweep, group, error)


def run_on_pool(sweep: Sweep, problem: Problem, workers: int, vectorized: bool = True,
                task: Callable[..., list[CellResult]] = run_group) -> Iterator[list[CellResult]]:
    """Run the groups on ``workers`` local processes (spawned: nothing of this process is shared).

    At most ``workers`` groups are in flight. When a worker dies, the pool breaks and every group in
    flight is suspect: each is run again on its own in a fresh pool, and marked failed if that worker
    dies too. ``task(sweep, group)`` runs a group in a worker (a module-level function, importable there).
    """
    queue = [(group, 0) for group in sweep.groups(problem, vectorized)]
    queue.reverse()
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    in_flight: dict[Future, tuple[tuple[int, ...], int]] = {}
    try:
        while queue or in_flight:
            while queue and len(in_flight) < workers and not any(a for _, a in in_flight.values()):
                group, attempt = queue[-1]
                if attempt and in_flight:  # a group run again runs alone
                    break
                queue.pop()
                in_flight[pool.submit(task, sweep, group)] = (group, attempt)
            done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
            broken = False
            for future in done:
                group, attempt = in_flight.pop(future)
                error = future.exception()
                if error is None:
                    yield future.result()
                elif isinstance(error, BrokenProcessPool):
                    broken = True
                    if attempt:
                        yield [failed_result(sweep, index, DIED) for index in group]
                    else:
                        queue.append((group, 1))
                else:
                    yield _raised(sweep, group, error)
            if broken:
                for group, _ in in_flight.values():  # every other group in flight died with the pool
                    queue.append((group, 1))
                in_flight.clear()
                pool.shutdown(wait=True, cancel_futures=True)
                pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def run_on_dask(sweep: Sweep, problem: Problem, scheduler, vectorized: bool = True
                ) -> Iterator[list[CellResult]]:
    """Run the groups on the Dask distributed cluster at ``scheduler`` (``tcp://host:8786``), or on a
    ``distributed.Client`` passed in its place. The cluster is reached here, before any cell runs (an
    InputError if it cannot be); the groups' results come from the iterator returned. A group whose
    worker died (``KilledWorker``, after Dask's own rescheduling) is submitted once more, then marked
    failed."""
    try:
        from distributed import Client
    except ImportError:
        raise InputError("--scheduler", "running on a Dask cluster needs dask.distributed: pip install "
                                        "\"gdsim[distributed]\"", "sweep.no_dask") from None
    if isinstance(scheduler, Client):
        return _dask_results(sweep, problem, scheduler, vectorized, owned=False)
    try:
        client = Client(scheduler, timeout=CONNECT_SECONDS)
    except (OSError, TimeoutError, ValueError) as error:
        raise InputError("--scheduler", f"cannot reach the Dask scheduler at {scheduler}: {error}",
                         "sweep.scheduler", {"scheduler": str(scheduler), "reason": str(error)}) from None
    return _dask_results(sweep, problem, client, vectorized, owned=True)


def _dask_results(sweep: Sweep, problem: Problem, client, vectorized: bool, owned: bool
                  ) -> Iterator[list[CellResult]]:
    from distributed import as_completed

    try:
        attempts = {}
        futures = []
        for group in sweep.groups(problem, vectorized):
            future = client.submit(run_group, sweep, group, pure=False)
            attempts[future.key] = (group, 0)
            futures.append(future)
        pending = as_completed(futures)
        for future in pending:
            group, attempt = attempts.pop(future.key)
            if future.status == "finished":
                yield future.result()
                continue
            error = future.exception()
            if _worker_died(error) and not attempt:
                retry = client.submit(run_group, sweep, group, pure=False)
                attempts[retry.key] = (group, 1)
                pending.add(retry)
            elif _worker_died(error):
                yield [failed_result(sweep, index, DIED) for index in group]
            else:
                yield _raised(sweep, group, error)
    finally:
        if owned:
            client.close()


def _worker_died(error: BaseException | None) -> bool:
    from distributed.scheduler import KilledWorker

    return isinstance(error, KilledWorker | OSError)


def executor(sweep: Sweep, problem: Problem, workers: int | None = None, scheduler=None,
             vectorized: bool = True) -> Iterator[list[CellResult]]:
    """The results of every group, from the executor asked for (in process unless ``workers`` or
    ``scheduler`` is given)."""
    if scheduler is not None:
        return run_on_dask(sweep, problem, scheduler, vectorized)
    if workers is not None and workers > 1:
        return run_on_pool(sweep, problem, workers, vectorized)
    return run_in_process(sweep, problem, vectorized)
