"""One run's training state in torch: the model, torch.optim's optimizer, the batches, the losses.

Each :meth:`Trainer.step` is exactly one iteration of the usual torch loop (zero the gradients,
forward the batch, backward, clip, step the optimizer, step the scheduler), so training through gdsim
equals a bare loop with the same initial weights, batches, optimizer and scheduler, step for step.
Batches come from the run's own torch.Generator (:mod:`gdsim.nets.batches`: a shuffled run sees
the order of a DataLoader with that generator), the rate of each update from torch.optim.lr_scheduler's
classes (:mod:`gdsim.nets.schedulers`; a live change of lr rescales the whole schedule, as it does
for the NumPy optimizers).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np
import torch

from gdsim.nets import runtime
from gdsim.nets.batches import TorchBatches
from gdsim.nets.optimizers import TorchOptimizer
from gdsim.nets.problem import NetworkProblem, flat_weights
from gdsim.nets.schedulers import rebase, scheduler_at


class Trainer:
    """Trains a copy of the scenario's initial model.

    Parameters
    ----------
    problem
        The network problem.
    seed, run_id
        The scenario seed and the run (its batches and noise).
    optimizer, hyper, schedule, clip_norm, grad_noise, batch_size, sampling, init_seed
        The run's settings, as in a scenario's run object (``init_seed`` None: the weights every run
        of the scenario shares).
    """

    def __init__(self, problem: NetworkProblem, seed: int, run_id: int, optimizer: str,
                 hyper: Mapping[str, Any], schedule: Mapping[str, Any] | None, clip_norm: float | None,
                 grad_noise: float, batch_size: int | None, sampling: str, init_seed: int | None = None) -> None:
        self.problem = problem
        self.model = problem.initial_model(seed, init_seed)
        self.params = list(self.model.parameters())
        self.step_count = 0
        self.schedule = schedule
        self.optimizer = TorchOptimizer(optimizer, self.params, hyper)
        self.scheduler = scheduler_at(self.optimizer.torch, schedule, self.optimizer.hyper["lr"], 0)
        self._base_lr = self.optimizer.hyper["lr"]
        self.clip_norm = clip_norm
        self.grad_noise = grad_noise
        self.noise = runtime.generator(seed, "noise", run_id, problem.device) if grad_noise else None
        self.set_batches(batch_size, sampling, seed, run_id)
        self.last_lr = self.lr

    def renew_optimizer(self, name: str, hyper: Mapping[str, Any]) -> None:
        """Switch to optimizer ``name`` with fresh state, from the next update on (its scheduler as if
        there from the start)."""
        self.optimizer = TorchOptimizer(name, self.params, hyper)
        self.set_schedule(self.schedule)

    def set_schedule(self, schedule: Mapping[str, Any] | None) -> None:
        """A new schedule from the next update on, at the rate it gives there."""
        self.schedule = schedule
        self._base_lr = self.optimizer.hyper["lr"]
        self.scheduler = scheduler_at(self.optimizer.torch, schedule, self._base_lr, self.step_count)

    def follow_base_rate(self) -> None:
        """After a live change of the optimizer's ``lr``: the whole schedule scaled to it."""
        base = self.optimizer.hyper["lr"]
        if base != self._base_lr:
            self._base_lr = base
            rebase(self.optimizer.torch, self.scheduler, self.schedule, base, self.step_count)

    def set_batches(self, batch_size: int | None, sampling: str, seed: int, run_id: int) -> None:
        """New batch settings from the next update on (the run's batch stream starts again)."""
        generator = runtime.generator(seed, "batches", run_id)
        self.batches = TorchBatches(self.problem.n_samples, batch_size, sampling, generator)
        self.epoch = self.batches.epoch

    @property
    def lr(self) -> float:
        """The rate of the coming update (NaN for a class that takes none, as A2Grad)."""
        rate = self.optimizer.torch.param_groups[0].get("lr")
        return float(rate) if rate is not None else math.nan

    def step(self) -> float:
        """One update on the next batch; returns the batch loss at the weights before it (``last_lr`` is
        the update's rate).

        A non-finite loss leaves the weights as they are (the run has diverged at this update).
        """
        problem = self.problem
        batch, self.epoch = self.batches.next()
        if batch is None:
            x, y = problem.x_train, problem.y_train
        else:
            index = batch.to(problem.device)
            x, y = problem.x_train[index], problem.y_train[index]
        optimizer = self.optimizer
        self.last_lr = self.lr
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
        optimizer.sync_rate()
        optimizer.step(lambda: problem.loss(self.model(x), y))
        if self.scheduler is not None:
            self.scheduler.step()
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
