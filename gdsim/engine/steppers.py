"""Each problem's stepper: the run class that moves it, named by the problem's ``stepper``.

"numpy" problems move balls with gdsim's optimizers (:class:`gdsim.engine.run.Run`); "torch"
problems train a network with torch.optim (:class:`gdsim.engine.network_run.NetworkRun`, which
imports torch only when it is built). Both answer the engine the same way.
"""

from __future__ import annotations

from gdsim.core.problem import Problem
from gdsim.engine.network_run import NetworkRun
from gdsim.engine.run import Run
from gdsim.engine.spec import RunSpec

STEPPERS: dict[str, type] = {"numpy": Run, "torch": NetworkRun}


def make_run(run_id: int, spec: RunSpec, problem: Problem, seed: int, max_steps: int) -> Run | NetworkRun:
    """A run of ``spec`` on ``problem`` with the problem's stepper."""
    return STEPPERS[problem.stepper](run_id, spec, problem, seed, max_steps)
