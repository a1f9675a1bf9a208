"""Small builders shared by the engine tests."""

from gdsim.engine.engine import Engine
from gdsim.engine.spec import RunSpec, Scenario, StopSpec


def sgd_run(lr: float, start=(10.0,), **changes) -> RunSpec:
    return RunSpec(label=f"sgd {lr}", optimizer="sgd", hyper={"lr": lr}, start=start, **changes)


def engine_on(name: str, *runs: RunSpec, steps: int = 100, seed: int = 0) -> Engine:
    return Engine(Scenario(problem={"kind": "landscape", "name": name}, runs=runs, steps=steps, seed=seed))


__all__ = ["StopSpec", "engine_on", "sgd_run"]
