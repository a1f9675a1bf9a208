"""torch.optim's own optimizers under gdsim's names, with hyperparameters checked by gdsim's declarations,
and the classes of torch.optim and pytorch_optimizer by their own names (``torch.optim.Rprop``,
``pytorch_optimizer.Lion``: :mod:`gdsim.nets.torch_optimizers`).

``momentum_ema`` (v ← βv + (1−β)g, θ ← θ − lr·v, v from zero) has no torch.optim class (SGD's
momentum starts its buffer at g and does not average); :class:`MomentumEMA` is that rule as a
torch.optim.Optimizer.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import torch

from gdsim.core.errors import InputError
from gdsim.core.optimizers import optimizer_class
from gdsim.core.optimizers.class_names import is_class_name
from gdsim.nets.torch_optimizers import torch_optimizer_class

TORCH_CLASSES: dict[str, str] = {
    "sgd": "SGD", "adam": "Adam", "adamw": "AdamW", "rmsprop": "RMSprop", "adagrad": "Adagrad",
    "adadelta": "Adadelta", "adamax": "Adamax", "nadam": "NAdam", "radam": "RAdam",
}


class MomentumEMA(torch.optim.Optimizer):
    """Momentum as a moving average of gradients: v ← βv + (1−β)g;  θ ← θ − lr·v (v starts at 0)."""

    def __init__(self, params: Iterable[torch.Tensor], lr: float = 0.01, beta: float = 0.9) -> None:
        super().__init__(params, {"lr": lr, "beta": beta})

    @torch.no_grad()
    def step(self, closure=None):  # noqa: D102 - torch's signature
        for group in self.param_groups:
            for param in group["params"]:
                if param.grad is None:
                    continue
                state = self.state[param]
                if "velocity" not in state:
                    state["velocity"] = torch.zeros_like(param)
                velocity = state["velocity"]
                velocity.mul_(group["beta"]).add_(param.grad, alpha=1.0 - group["beta"])
                param.add_(velocity, alpha=-group["lr"])
        return None


def _torch_values(hyper: Mapping[str, Any]) -> dict[str, Any]:
    return {name: tuple(value) if isinstance(value, list | tuple) else value for name, value in hyper.items()}


class TorchOptimizer:
    """One run's torch optimizer and its hyperparameters as gdsim declares them.

    ``hyper`` holds every hyperparameter (defaults filled, checked by gdsim's declaration of the
    optimizer ``name``); ``lr`` is the base rate that a schedule scales.
    """

    def __init__(self, name: str, params: Iterable[torch.Tensor], hyper: Mapping[str, Any] | None = None) -> None:
        self.name = name
        self.hyper = self._declaration().validate(hyper or {})
        values = _torch_values(self.hyper)
        if is_class_name(name):
            from gdsim.nets.optimizer_layouts import needs_closure_of

            if needs_closure_of(name):
                raise InputError("", f"{name} steps with a closure (it recomputes the loss), which network "
                                     "training does not give yet: race it on a landscape", "text")
            self.torch = self._declaration().construct(values, list(params))
            return
        cls = MomentumEMA if name == "momentum_ema" else getattr(torch.optim, TORCH_CLASSES[name])
        self.torch = cls(list(params), **values)

    def _declaration(self):
        return torch_optimizer_class(self.name) if is_class_name(self.name) else optimizer_class(self.name)

    def set_hyper(self, name: str, value: Any) -> None:
        """Change one hyperparameter from the next update on (checked together with the others)."""
        self.hyper = self._declaration().validate({**self.hyper, name: value})
        if name == "lr":
            return  # the trainer scales the schedule to the new base rate (Trainer.follow_base_rate)
        for group in self.torch.param_groups:
            group[name] = _torch_values({name: self.hyper[name]})[name]
