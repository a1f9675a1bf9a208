"""Shared scenario builders for the network tests (torch is imported by these tests only)."""

import pytest

pytest.importorskip("torch")


def network_scenario(data=None, model=None, runs=None, steps=100, seed=0, loss=None):
    problem = {"kind": "network", "data": data or {"name": "digits"},
               "model": model or {"name": "mlp", "hidden": [32]}}
    if loss is not None:
        problem["loss"] = loss
    return {"format": "gdsim.scenario", "version": 2, "problem": problem, "steps": steps, "seed": seed,
            "runs": [{"optimizer": "adam", "hyper": {"lr": 0.01}, "batch_size": 64}] if runs is None else runs}
