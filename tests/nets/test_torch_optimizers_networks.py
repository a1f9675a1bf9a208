"""Networks train with the classes of torch.optim and pytorch_optimizer by name, as a bare torch loop does."""

import numpy as np
import pytest

from gdsim.engine.engine import Engine
from gdsim.session.scenario import parse_scenario
from tests.nets.conftest import network_scenario
from tests.nets.test_training import bare_loop

torch = pytest.importorskip("torch")
pytorch_optimizer = pytest.importorskip("pytorch_optimizer", reason="pytorch-optimizer is not installed")


def test_a_network_trained_with_a_pytorch_optimizer_class_is_the_bare_torch_loop():
    data = network_scenario(steps=25, runs=[{"optimizer": "pytorch_optimizer.Lion",
                                             "hyper": {"lr": 3e-4, "betas": [0.9, 0.98]}, "batch_size": 40}])
    engine = Engine(*parse_scenario(data))
    engine.run_to_end()
    ours = np.frombuffer(engine.runs[0].losses, dtype=float)
    theirs, _ = bare_loop(engine.problem, 0, 25, lambda p: pytorch_optimizer.Lion(p, lr=3e-4, betas=(0.9, 0.98)), 40)
    assert np.array_equal(ours, theirs) and theirs[-1] < theirs[0]
