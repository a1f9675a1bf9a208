"""One run's training state in torch: the model, torch.optim's optimizer, the batches, the losses.

Each :meth:`Trainer.step` is exactly one iteration of the usual torch loop (zero the gradients,
forward the batch, backward, clip, step), so training through gdsim equals a bare loop with the same
initial weights, batches and optimizer, step for step. Batches come from gdsim's BatchSampler (the
run's ``batch_size`` and ``sampling``, on the run's own seeded stream), the rate of each update from
gdsim's schedule of the base rate (torch.optim.lr_scheduler's values, in closed form, so a live
change of lr rescales the whole schedule as it does for the NumPy optimizers).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import torch

from gdsim.core.random_streams import stream
from gdsim.core.sampling import BatchSampler
from gdsim.core.schedules import Schedule, make_schedule
from gdsim.nets import runtime
from gdsim.nets.optimizers import TorchOptimizer
from gdsim.nets.problem import NetworkProblem, flat_weights


class Trainer:
    """Trains a copy of the scenario's initial model.

    Parameters
    ----------
    problem
        The network problem.
    seed, run_id
        The scenario seed (initial weights are shared by every run) and the run (its batches and noise).
    optimizer, hyper, schedule, clip_norm, grad_noise, batch_size, sampling
        The run's settings, as in a scenario's run object.
    """

    def __init__(self, problem: NetworkProblem, seed: int, run_id: int, optimizer: str,
                 hyper: Mapping[str, Any], schedule: Mapping[str, Any] | None, clip_norm: float | None,
                 grad_noise: float, batch_size: int | None, sampling: str) -> None:
        self.problem = problem
        self.model = problem.initial_model(seed)
        self.params = list(self.model.parameters())
        self.optimizer = TorchOptimizer(optimizer, self.params, hyper)
        self.schedule: Schedule = make_schedule(schedule)
        self.clip_norm = clip_norm
        self.grad_noise = grad_noise
        self.noise = runtime.generator(seed, "noise", run_id, problem.device) if grad_noise else None
        self.sampler = BatchSampler(problem.n_samples, batch_size, sampling, stream(seed, run_id, "batches"))
        self.step_count = 0
        self.epoch = 0
        self.last_lr = self.lr

    def renew_optimizer(self, name: str, hyper: Mapping[str, Any]) -> None:
        """Switch to optimizer ``name`` with fresh state, from the next update on."""
        self.optimizer = TorchOptimizer(name, self.params, hyper)

    def set_batches(self, batch_size: int | None, sampling: str, seed: int, run_id: int) -> None:
        """New batch settings from the next update on (the run's batch stream starts again)."""
        self.sampler = BatchSampler(self.problem.n_samples, batch_size, sampling, stream(seed, run_id, "batches"))

    @property
    def lr(self) -> float:
        """The rate of the coming update."""
        return self.schedule.lr(self.step_count, self.optimizer.hyper["lr"])

    def step(self) -> float:
        """One update on the next batch; returns the batch loss at the weights before it (``last_lr`` is
        the update's rate).

        A non-finite loss leaves the weights as they are (the run has diverged at this update).
        """
        problem = self.problem
        batch, self.epoch = self.sampler.next()
        if batch is None:
            x, y = problem.x_train, problem.y_train
        else:
            index = torch.from_numpy(batch).to(problem.device)
            x, y = problem.x_train[index], problem.y_train[index]
        optimizer = self.optimizer
        self.last_lr = lr = self.schedule.lr(self.step_count, optimizer.hyper["lr"])
        optimizer.set_rate(lr)
        optimizer.torch.zero_grad()
        loss = problem.loss(self.model(x), y)
        value = loss.item()
        if not math.isfinite(value):
            return value
        optimizer.backward(loss)
        if self.grad_noise:
            for param in self.params:
                noise = torch.randn(param.shape, generator=self.noise, device=param.device)
                param.grad.add_(noise, alpha=self.grad_noise)
        if self.clip_norm is not None:
            torch.nn.utils.clip_grad_norm_(self.params, self.clip_norm)
        optimizer.step(lambda: problem.loss(self.model(x), y))
        self.step_count += 1
        return value

    def evaluate(self) -> tuple[float, float | None, float | None]:
        """Full training loss, validation loss and accuracy of the current weights."""
        self.model.eval()
        try:
            return self.problem.evaluate(self.model)
        finally:
            self.model.train()

    def weights(self) -> np.ndarray:
        """The current weights, flattened (float32, a copy)."""
        return flat_weights(self.model).cpu().numpy().copy()

    def class_probabilities(self) -> np.ndarray | None:
        return self.problem.class_probabilities(self.model)

    def validation_errors(self) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """The confusion matrix and misclassified validation samples of the current weights
        (:meth:`gdsim.nets.problem.NetworkProblem.validation_errors`)."""
        return self.problem.validation_errors(self.model)
