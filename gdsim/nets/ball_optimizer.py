"""A torch optimizer moving gdsim's balls: the NumPy optimizer interface over torch.optim's ``step``.

One step protocol for every class: the problem's NumPy gradient is copied into the ``.grad`` of float64
tensors holding the balls, the rate of the update into each parameter group, then
``optimizer.step(closure)``. The closure (for LBFGS, the SAM family, ...) recomputes the loss and
the gradient at the tensors' current values through the run's own gradient function; each closure
call at a new point counts as one more gradient evaluation of the balls it covers.

Balls are laid out as the class needs (:mod:`gdsim.nets.optimizer_layouts`): "swarm" puts every ball
in one (N, D) tensor (exact for optimizers acting per element), "tensor" gives each ball its own (D,)
tensor in one optimizer (per-tensor statistics), "ball" gives each ball its own optimizer (optimizers
coupled across all their parameters). Classes that need more (Hessian-vector products, matrices, a
module, a fused backward, a float loss: :mod:`gdsim.nets.optimizer_needs`) get it in the same step.
Optimizers that draw random numbers draw from the run's own
seeded torch state (the global generator is swapped in for the step and restored after), so a
recording replays exactly.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np
import torch

from gdsim.nets.optimizer_needs import needs_of
from gdsim.nets.torch_optimizers import TorchOptimizerClass

#: theta (k, D) -> (loss (k,), gradient (k, D)) on the coming update's batch.
GradientAt = Callable[[np.ndarray], tuple[np.ndarray, np.ndarray]]
#: theta (k, D) torch tensor -> loss (k,) torch tensor on the coming update's batch (autograd runs through it).
LossIn = Callable[[torch.Tensor], torch.Tensor]
LAYOUTS = ("swarm", "tensor", "ball")


@contextmanager
def float64_scalars() -> Iterator[None]:
    """torch's default dtype float64 while an optimizer is built or steps, so that its scalar state (NAdam's
    product of momenta, step counts) is float64 as the balls are."""
    old = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)
    try:
        yield
    finally:
        torch.set_default_dtype(old)


def copy_optimizer(optimizer: torch.optim.Optimizer, memo: dict[int, Any]) -> torch.optim.Optimizer:
    """A deep copy of ``optimizer`` with every attribute (``copy.deepcopy`` keeps only torch's state,
    groups and defaults, and pytorch_optimizer's classes keep settings such as ``maximize`` beside them);
    an optimizer it wraps (SAM's base, Lookahead's inner one) is copied the same way."""
    twin = object.__new__(type(optimizer))
    memo[id(optimizer)] = twin
    for key, value in optimizer.__dict__.items():
        wrapped = isinstance(value, torch.optim.Optimizer) and id(value) not in memo
        twin.__dict__[key] = copy_optimizer(value, memo) if wrapped else copy.deepcopy(value, memo)
    return twin


class BallOptimizer:
    """One run's torch optimizer(s) over ``shape`` = (N balls, D parameters).

    Parameters
    ----------
    declaration
        The class and its declared hyperparameters.
    shape
        (N, D).
    hyper
        The hyperparameters (checked here; defaults filled).
    gradient_at
        The run's loss and gradient at any points (the closure's oracle).
    layout
        One of :data:`LAYOUTS`.
    rng_state
        The initial state of the run's torch random stream (``torch.Generator.get_state()``).
    closure
        Whether to give ``step`` a closure (only classes that need one get it: any other evaluates it
        once more at the same point).
    loss_in
        The run's loss in torch (autograd runs through it): what Hessian-based classes differentiate
        twice and what AliG's float closure returns; None where the problem has none.
    """

    velocity_state = None

    def __init__(self, declaration: TorchOptimizerClass, shape: tuple[int, int], hyper: Mapping[str, Any] | None,
                 gradient_at: GradientAt, layout: str, rng_state: torch.Tensor, closure: bool,
                 loss_in: LossIn | None = None) -> None:
        self.declaration = declaration
        self.needs = needs_of(declaration.name)
        if (self.needs.hessian or self.needs.float_loss) and loss_in is None:
            raise ValueError(f"{declaration.name} needs the loss in torch (loss_in)")
        self.loss_in = loss_in
        self.name = declaration.name
        self.hyper = declaration.validate(hyper or {})
        self.layout = layout
        self.gradient_at = gradient_at
        self.closure = closure
        self.t = 0
        self.state: dict[str, np.ndarray] = {}
        n, d = shape
        #: Gradient evaluations of each ball so far (one per update, plus the closure's extra ones).
        self.evaluations = np.zeros(n, dtype=np.int64)
        self._rng_state = rng_state
        self._last: np.ndarray | None = None
        with float64_scalars():
            self._build(declaration, n, d, layout)

    def _build(self, declaration: TorchOptimizerClass, n: int, d: int, layout: str) -> None:
        make = lambda *size: torch.nn.Parameter(torch.zeros(*size, dtype=torch.float64))  # noqa: E731
        one = (1, d) if self.needs.matrices else (d,)
        if layout == "swarm":
            self._tensors = [make(n, d)]
            self._optimizers = [declaration.construct(self.hyper, self._tensors)]
        elif layout == "tensor":
            self._tensors = [make(*one) for _ in range(n)]
            self._optimizers = [declaration.construct(self.hyper, self._tensors)]
        else:
            self._tensors = [make(*one) for _ in range(n)]
            self._optimizers = [declaration.construct(self.hyper, [tensor]) for tensor in self._tensors]
        for optimizer in self._optimizers:
            if callable(getattr(optimizer, "train", None)):
                optimizer.train()  # schedule-free optimizers step in train mode

    def clone(self) -> BallOptimizer:
        """An independent copy (its tensors, optimizers and random state), sharing the gradient function."""
        twin = copy.copy(self)
        memo: dict[int, Any] = {}
        twin._tensors = copy.deepcopy(self._tensors, memo)
        if self.needs.fused:  # its hooks close over the optimizer and its tensors: build it anew, then load
            twin._optimizers = []
            for index, optimizer in enumerate(self._optimizers):
                tensors = twin._tensors[index:index + 1] if self.layout == "ball" else twin._tensors
                with float64_scalars():
                    fresh = self.declaration.construct(self.hyper, tensors)
                fresh.load_state_dict(optimizer.state_dict())
                twin._optimizers.append(fresh)
        else:
            twin._optimizers = [copy_optimizer(optimizer, memo) for optimizer in self._optimizers]
        twin.evaluations = self.evaluations.copy()
        twin._rng_state = self._rng_state.clone()
        return twin

    def set_hyper(self, name: str, value: Any) -> None:
        """Change one hyperparameter from the next update on (checked with the others by the class)."""
        self.hyper = self.declaration.validate({**self.hyper, name: value})
        if name == "lr":
            return
        for optimizer in self._optimizers:
            for group in optimizer.param_groups:
                group[name] = self.hyper[name]

    def begin_step(self) -> None:
        """Count the step (torch keeps its own step counts)."""
        self.t += 1

    def velocity(self) -> None:
        """torch optimizers draw no velocity arrow."""
        return None

    # --- the step ---------------------------------------------------------------------------

    def _rows(self, index: int) -> slice:
        """The balls the ``index``-th optimizer moves."""
        if self.layout == "ball":
            return slice(index, index + 1)
        return slice(None)

    def _tensors_of(self, index: int) -> list[torch.Tensor]:
        """The tensors the ``index``-th optimizer moves."""
        return [self._tensors[index]] if self.layout == "ball" else self._tensors

    def _closure(self, optimizer_index: int, given: np.ndarray) -> Callable[[], torch.Tensor]:
        """Loss and gradient at the tensors' current values (a new point costs one evaluation)."""
        rows, tensors = self._rows(optimizer_index), self._tensors_of(optimizer_index)

        def closure() -> torch.Tensor:
            with torch.no_grad():
                point = self._read(tensors, given.shape)
            loss, grad = self.gradient_at(point)
            if not np.array_equal(point, given):
                self.evaluations[rows] += 1
            self._write_grads(tensors, grad)
            return torch.tensor(float(np.sum(loss)), dtype=torch.float64)

        return closure

    @staticmethod
    def _read(tensors: list[torch.Tensor], shape: tuple[int, ...]) -> np.ndarray:
        return np.stack([t.detach().numpy() for t in tensors]).reshape(shape) if len(tensors) > 1 else \
            tensors[0].detach().numpy().reshape(shape).copy()

    @staticmethod
    def _write_grads(tensors: list[torch.Tensor], grad: np.ndarray) -> None:
        if len(tensors) == 1:
            tensors[0].grad = torch.tensor(grad.reshape(tensors[0].shape), dtype=torch.float64)
            return
        for tensor, row in zip(tensors, grad, strict=True):
            tensor.grad = torch.tensor(row, dtype=torch.float64).reshape(tensor.shape)

    @staticmethod
    def _wanted(tensors: list[torch.Tensor], grad: np.ndarray) -> list[torch.Tensor]:
        """``grad`` as one torch tensor shaped as each of ``tensors``."""
        rows = [grad] if len(tensors) == 1 else list(grad)
        return [torch.from_numpy(np.ascontiguousarray(row)).reshape(t.shape)
                for t, row in zip(tensors, rows, strict=True)]

    def _points(self, tensors: list[torch.Tensor]) -> torch.Tensor:
        """The balls the tensors hold as one (k, D) tensor, in autograd's graph."""
        if len(tensors) == 1:
            return tensors[0].reshape(-1, tensors[0].shape[-1])
        return torch.stack([t.reshape(-1) for t in tensors])

    def _write_graph_grads(self, tensors: list[torch.Tensor], grad: np.ndarray, rows: slice) -> None:
        """``.grad`` whose value is ``grad`` and whose graph is the loss's gradient, so that the class's
        Hessian-vector products differentiate the loss. The value is g + (grad − g) with g autograd's
        gradient: exactly ``grad`` where the two are within a factor of 2 (Sterbenz), as the noiseless,
        unclipped gradient always is. Each Hessian-vector product the class then takes (a backward
        pass through the points) counts as one more gradient evaluation of the balls ``rows``."""
        with torch.enable_grad():
            points = self._points(tensors)
            loss = self.loss_in(points).sum()
            graph = torch.autograd.grad(loss, tensors, create_graph=True)
        points.register_hook(lambda _: self._count(rows))
        for tensor, through, wanted in zip(tensors, graph, self._wanted(tensors, grad), strict=True):
            tensor.grad = through + (wanted - through).detach()

    def _count(self, rows: slice) -> None:
        self.evaluations[rows] += 1

    def _step(self, optimizer: torch.optim.Optimizer, index: int, given: np.ndarray, grad: np.ndarray,
              lr: float) -> None:
        """One step of the ``index``-th optimizer from the points ``given`` with gradient ``grad``."""
        needs, tensors = self.needs, self._tensors_of(index)
        if needs.fused:
            surrogate = sum((t * g).sum() for t, g in zip(tensors, self._wanted(tensors, grad), strict=True))
            optimizer.fused_backward(surrogate, lr)
            return
        if needs.hessian:
            self._write_graph_grads(tensors, grad, self._rows(index))
        else:
            self._write_grads(tensors, grad)
        for group in optimizer.param_groups:
            if needs.rate in group:
                group[needs.rate] = lr
        if needs.float_loss:
            with torch.no_grad():
                loss = float(self.loss_in(self._points(tensors)).sum())
            optimizer.step(lambda: loss)
        else:
            optimizer.step(self._closure(index, given) if self.closure else None)
        if needs.hessian:
            for tensor in tensors:
                tensor.grad = tensor.grad.detach()  # the graph is not kept past the step (nor copied)

    def update(self, theta: np.ndarray, grad: np.ndarray, lr: float, columns: slice = slice(None)) -> np.ndarray:
        """The balls after one ``step(closure)`` from ``theta`` with gradient ``grad`` at rate ``lr``."""
        if columns != slice(None):
            raise ValueError("torch optimizers update every coordinate at once")
        self.evaluations += 1
        with torch.random.fork_rng(devices=[]), float64_scalars():
            torch.set_rng_state(self._rng_state)
            for index, optimizer in enumerate(self._optimizers):
                rows, tensors = self._rows(index), self._tensors_of(index)
                given, given_grad = theta[rows], grad[rows]
                with torch.no_grad():
                    if theta is self._last:
                        pass  # the tensors hold these points already (the run took the last update as it was)
                    elif len(tensors) == 1:
                        tensors[0].copy_(torch.from_numpy(np.ascontiguousarray(given)).reshape(tensors[0].shape))
                    else:
                        for tensor, row in zip(tensors, given, strict=True):
                            tensor.copy_(torch.from_numpy(row).reshape(tensor.shape))
                self._step(optimizer, index, given, given_grad, lr)
            self._rng_state = torch.get_rng_state()
        self._last = self._read(self._tensors, theta.shape)
        return self._last
