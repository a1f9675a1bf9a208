"""gdsim's learning-rate schedules as torch.optim.lr_scheduler objects, for network runs.

Every schedule gdsim offers (:mod:`gdsim.core.schedules`) maps to torch's own class, built as a plain
training script builds it on the run's optimizer, and stepped after each ``optimizer.step()``:

- ``constant``: no scheduler; with a warmup, ``LinearLR(start_factor=s, total_iters=w)`` alone.
- ``step_lr``: ``StepLR(step_size, gamma)``; ``exponential_lr``: ``ExponentialLR(gamma)``;
  ``cosine_annealing_lr``: ``CosineAnnealingLR(T_max, eta_min)``; ``inverse_time``:
  ``LambdaLR(lambda t: 1 / (1 + k·t))``.
- a warmup in front of them: ``SequentialLR([LinearLR(start_factor=s, total_iters=w), main],
  milestones=[w])``.

Live changes keep the closed forms' meaning: a new base rate rescales the whole schedule (the rate of
the coming update becomes the closed form's at the current step, and every scheduler's base rate the
new one); a new optimizer or schedule at update t gets a scheduler stepped t times, as if it had been
there from the start.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any

import torch
from torch.optim import lr_scheduler

from gdsim.core.params import check_params
from gdsim.core.schedules import SCHEDULE_PARAMS, make_schedule

Scheduler = lr_scheduler.LRScheduler


def _options(spec: Mapping[str, Any] | None) -> tuple[str, dict[str, Any]]:
    """The schedule's name and every option, checked, defaults filled in."""
    make_schedule(spec)  # the checks and their messages
    spec = spec or {"name": "constant"}
    name = spec["name"]
    given = {key: value for key, value in spec.items() if key != "name"}
    return name, check_params(given, SCHEDULE_PARAMS[name][1], owner=f"schedule {name}", noun="option")


def _main(optimizer: torch.optim.Optimizer, name: str, options: Mapping[str, Any]) -> Scheduler | None:
    if name == "step_lr":
        return lr_scheduler.StepLR(optimizer, options["step_size"], options["gamma"])
    if name == "exponential_lr":
        return lr_scheduler.ExponentialLR(optimizer, options["gamma"])
    if name == "cosine_annealing_lr":
        return lr_scheduler.CosineAnnealingLR(optimizer, options["T_max"], options["eta_min"])
    if name == "inverse_time":
        k = options["k"]
        return lr_scheduler.LambdaLR(optimizer, lambda t: 1.0 / (1.0 + k * t))
    return None


def torch_scheduler(optimizer: torch.optim.Optimizer, spec: Mapping[str, Any] | None) -> Scheduler | None:
    """torch's scheduler for gdsim's schedule ``spec`` on ``optimizer`` (None: a constant rate).

    Built at the optimizer's current rate, which is the base rate. InputError for a schedule gdsim
    refuses (as :func:`gdsim.core.schedules.make_schedule`).
    """
    name, options = _options(spec)
    warmup, start = options["warmup_steps"], options["warmup_start_factor"]
    if not warmup:
        return _main(optimizer, name, options)
    linear = lr_scheduler.LinearLR(optimizer, start_factor=start, end_factor=1.0, total_iters=warmup)
    main = _main(optimizer, name, options)
    if main is None:
        return linear
    return lr_scheduler.SequentialLR(optimizer, [linear, main], milestones=[warmup])


def scheduler_at(optimizer: torch.optim.Optimizer, spec: Mapping[str, Any] | None, base_lr: float,
                 step: int) -> Scheduler | None:
    """A scheduler for ``spec`` on ``optimizer`` with base rate ``base_lr``, stepped ``step`` times (a
    schedule or optimizer changed at update ``step``): the coming update's rate is then the one a
    scheduler there from the start would give."""
    for group, share in zip(optimizer.param_groups, _shares(optimizer), strict=True):
        group["lr"] = group["initial_lr"] = base_lr * share if base_lr is not None else None  # a class without one
    scheduler = torch_scheduler(optimizer, spec)
    if scheduler is not None and step:
        with warnings.catch_warnings():  # torch warns of scheduler steps before any optimizer step
            warnings.simplefilter("ignore", UserWarning)
            for _ in range(step):
                scheduler.step()
    return scheduler


def rebase(optimizer: torch.optim.Optimizer, scheduler: Scheduler | None, spec: Mapping[str, Any] | None,
           base_lr: float, step: int) -> None:
    """A live change of the base rate: the whole schedule scaled to ``base_lr`` from update ``step`` on."""
    rate = float(make_schedule(spec).lr(step, base_lr))
    shares = _shares(optimizer)
    for group, share in zip(optimizer.param_groups, shares, strict=True):
        group["lr"] = rate * share
        group["initial_lr"] = base_lr * share
    for each in _schedulers(scheduler):
        each.base_lrs = [base_lr * share for share in shares]
        each._last_lr = [rate * share for share in shares]


def _shares(optimizer: torch.optim.Optimizer) -> list[float]:
    """Each parameter group's rate as a share of the first group's: 1 for all but a class that gives
    some groups a rate of their own (the Muon family's AdamW group of biases, ``adamw_lr``), which a
    schedule then scales alike, as torch's schedulers scale every group from its own initial rate."""
    rates = [group.get("initial_lr", group.get("lr")) for group in optimizer.param_groups]
    if any(rate is None for rate in rates) or not rates[0]:  # a class with no "lr" of its own (AliG: max_lr)
        return [1.0] * len(rates)
    return [rate / rates[0] for rate in rates]


def _schedulers(scheduler: Scheduler | None) -> list[Scheduler]:
    if scheduler is None:
        return []
    return [scheduler, *getattr(scheduler, "_schedulers", ())]
