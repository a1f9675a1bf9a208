"""torch.optim's own optimizers under gdsim's names, with hyperparameters checked by gdsim's declarations,
and the classes of torch.optim and pytorch_optimizer by their own names (``torch.optim.Rprop``,
``pytorch_optimizer.Lion``: :mod:`gdsim.nets.torch_optimizers`).

A network's update is :meth:`TorchOptimizer.backward` then :meth:`TorchOptimizer.step`: for most
classes ``loss.backward()`` then ``step()``; a class that needs a closure (LBFGS, the SAM family) gets
one that recomputes the batch's loss and gradient; AdaHessian and SophiaH get a ``create_graph``
gradient; LOMO and AdaLOMO update inside ``fused_backward``; AliG gets the loss as a float
(:mod:`gdsim.nets.optimizer_needs`).

``momentum_ema`` (v ← βv + (1−β)g, θ ← θ − lr·v, v from zero) has no torch.optim class (SGD's
momentum starts its buffer at g and does not average); :class:`MomentumEMA` is that rule as a
torch.optim.Optimizer.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import torch

from gdsim.core.errors import InputError
from gdsim.core.optimizers import optimizer_class
from gdsim.core.optimizers.class_names import is_class_name
from gdsim.nets.optimizer_needs import PLAIN, needs_of
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
        self.params = list(params)
        self.needs, self.closure = PLAIN, False
        self._loss: float | None = None
        values = _torch_values(self.hyper)
        if is_class_name(name):
            from gdsim.nets.optimizer_layouts import needs_closure_of

            self.needs, self.closure = needs_of(name), needs_closure_of(name)
            if self.needs.matrices == "only" and any(p.ndim != 2 for p in self.params):
                raise InputError("", f"{name} updates 2D (matrix) parameters only, and this network has others "
                                     "(biases): race it on a landscape, where each ball is a 1×D matrix",
                                 "optimizer.matrices_only", {"optimizer": name})
            self.torch = self._declaration().construct(values, self.params)
            if callable(getattr(self.torch, "train", None)):
                self.torch.train()  # schedule-free optimizers step in train mode
            return
        cls = MomentumEMA if name == "momentum_ema" else getattr(torch.optim, TORCH_CLASSES[name])
        self.torch = cls(self.params, **values)

    def backward(self, loss: torch.Tensor) -> None:
        """The gradient of ``loss`` into each parameter's ``.grad`` (with its graph for a Hessian-based
        class); LOMO and AdaLOMO update the weights here, inside their own backward."""
        if self.needs.float_loss:
            self._loss = loss.item()
        if self.needs.fused:
            self.torch.fused_backward(loss, self.rate)
        elif self.needs.hessian:
            grads = torch.autograd.grad(loss, self.params, create_graph=True)
            for param, grad in zip(self.params, grads, strict=True):
                param.grad = grad
        else:
            loss.backward()

    def step(self, loss_at: Callable[[], torch.Tensor]) -> None:
        """One update from the gradients :meth:`backward` left; ``loss_at()`` recomputes the batch's loss at
        the current weights for a class that steps with a closure."""
        if self.needs.fused:
            return  # the update happened in backward
        if self.needs.float_loss:
            self.torch.step(lambda: self._loss)
        elif self.closure:
            def closure() -> torch.Tensor:
                with torch.enable_grad():
                    self.torch.zero_grad()
                    loss = loss_at()
                    self.backward(loss)
                return loss

            self.torch.step(closure)
        else:
            self.torch.step()
        if self.needs.hessian:
            for param in self.params:
                if param.grad is not None:
                    param.grad = param.grad.detach()  # the graph is not kept past the step

    @property
    def rate(self) -> float:
        """The coming update's rate (its scheduler's)."""
        return self.torch.param_groups[0]["lr"]

    def _declaration(self):
        return torch_optimizer_class(self.name) if is_class_name(self.name) else optimizer_class(self.name)

    def set_hyper(self, name: str, value: Any) -> None:
        """Change one hyperparameter from the next update on (checked together with the others)."""
        self.hyper = self._declaration().validate({**self.hyper, name: value})
        if name == "lr":
            return  # the trainer scales the schedule to the new base rate (Trainer.follow_base_rate)
        for group in self.torch.param_groups:
            group[name] = _torch_values({name: self.hyper[name]})[name]

    def sync_rate(self) -> None:
        """Give a class that takes its rate under another name (AliG's ``max_lr``) the rate its scheduler
        set in ``lr`` for the coming update."""
        if self.needs.rate != "lr":
            for group in self.torch.param_groups:
                group[self.needs.rate] = group["lr"]
