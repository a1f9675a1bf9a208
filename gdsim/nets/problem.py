"""A network as a gdsim Problem: its loss over the flattened weights, and what a run trains.

The Problem interface is served for what a network has: ``value`` and ``gradient`` of the full
training loss at (N, D) flattened weight vectors (the landscape slices use them). It has no drawable
domain, no default start and no known minima; ``stepper = "torch"`` tells the engine to train it with
:class:`gdsim.nets.trainer.Trainer` instead of moving NumPy balls.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.nn import functional

from gdsim.core.problem import Problem
from gdsim.nets import runtime
from gdsim.nets.datasets import DataSet, load_data
from gdsim.nets.models import build_model, initialize
from gdsim.nets.spec import NetworkSpec, parse_network

MODEL_TITLES = {"linear": "Linear regression", "logistic": "Logistic regression", "cnn": "CNN"}
#: Cells per side of the decision-boundary grid of a 2D data set.
BOUNDARY_CELLS = 64
#: Misclassified validation samples a frame names (the network view shows them as a grid).
MISCLASSIFIED_SHOWN = 24


class NetworkProblem(Problem):
    """A model, its data (as tensors on the run device) and its loss.

    Parameters
    ----------
    spec
        The checked problem settings.
    data
        The loaded data set.
    """

    stepper = "torch"

    def __init__(self, spec: NetworkSpec, data: DataSet) -> None:
        self.spec = spec
        self.data = data
        self.device = runtime.device()
        self.name = "network"
        self.title = self._title()
        self.formula = "cross-entropy" if spec.classification else "mean squared error"
        self.param_names = ()
        self.domain = None
        self.start = None
        self.critical_points = ()
        self.n_samples = len(data.x_train)
        self.n_evaluated = len(data.x_train) + len(data.x_val)
        self.template = self.new_model()
        self._dim = sum(p.numel() for p in self.template.parameters())
        as_tensor = self.tensor
        self.x_train, self.y_train = as_tensor(data.x_train), as_tensor(data.y_train)
        self.x_val, self.y_val = as_tensor(data.x_val), as_tensor(data.y_val)
        self._boundary_axes = self._decision_grid()

    def _title(self) -> str:
        model = self.spec.model
        if model.name == "mlp":
            name = f"MLP {'-'.join(str(w) for w in (self.data.features, *model.hidden, self.data.outputs))}"
        else:
            name = MODEL_TITLES[model.name]
        return f"{name} on {self.data.name}"

    @property
    def dim(self) -> int:
        """The number of weights (every parameter of the model)."""
        return self._dim

    @property
    def classification(self) -> bool:
        return self.spec.classification

    def tensor(self, array: np.ndarray) -> torch.Tensor:
        return torch.from_numpy(np.ascontiguousarray(array)).to(self.device)

    def new_model(self) -> nn.Module:
        """An untrained model (its weights are torch's default draw: initialise it before use)."""
        return build_model(self.spec.model, self.data).to(self.device)

    def initial_model(self, seed: int, init_seed: int | None = None) -> nn.Module:
        """The model a run starts from: with ``init_seed`` None, the one every run of a scenario with
        ``seed`` shares (weights from its "weights" stream); else the weights a plain torch script
        gets from ``torch.manual_seed(init_seed)`` before building the model."""
        model = build_model(self.spec.model, self.data)
        if init_seed is None:
            generator = runtime.generator(seed, "weights")
        else:
            generator = torch.Generator().manual_seed(init_seed)
        initialize(model, generator)
        return model.to(self.device)

    def loss(self, output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        if self.spec.classification:
            return functional.cross_entropy(output, target)
        return functional.mse_loss(output, target)

    @torch.no_grad()
    def evaluate(self, model: nn.Module) -> tuple[float, float | None, float | None]:
        """Full training loss, validation loss and validation accuracy (None for regression or
        without validation samples)."""
        train = float(self.loss(model(self.x_train), self.y_train))
        if not len(self.x_val):
            return train, None, None
        output = model(self.x_val)
        val = float(self.loss(output, self.y_val))
        accuracy = float((output.argmax(1) == self.y_val).float().mean()) if self.classification else None
        return train, val, accuracy

    @torch.no_grad()
    def validation_errors(self, model: nn.Module, most: int = MISCLASSIFIED_SHOWN
                          ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """A classifier's confusion matrix on the validation samples ((C, C) counts, row: true class,
        column: predicted), the indices of the first ``most`` misclassified validation samples and
        their predicted classes; None for regression or without validation samples."""
        if not self.classification or not len(self.x_val):
            return None
        predicted = model(self.x_val).argmax(1).cpu().numpy()
        truth = self.data.y_val
        classes = self.data.classes or int(max(predicted.max(), truth.max())) + 1
        confusion = np.bincount(truth * classes + predicted, minlength=classes * classes).reshape(classes, classes)
        wrong = np.flatnonzero(predicted != truth)[:most]
        return confusion, wrong, predicted[wrong]

    def boundary_axes(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The grid over which a 2D classifier's decision is drawn (the data's extent and a margin,
        worked out once); None for other data."""
        return self._boundary_axes

    def _decision_grid(self) -> tuple[np.ndarray, np.ndarray] | None:
        if self.data.features != 2 or not self.classification:
            return None
        points = np.concatenate([self.data.x_train, self.data.x_val])
        low, high = points.min(axis=0), points.max(axis=0)
        margin = 0.1 * (high - low)
        return tuple(np.linspace(lo, hi, BOUNDARY_CELLS) for lo, hi in zip(low - margin, high + margin, strict=True))

    @torch.no_grad()
    def class_probabilities(self, model: nn.Module) -> np.ndarray | None:
        """(cells, cells, classes) softmax of ``model`` over :meth:`boundary_axes` (row i: y = axes[1][i])."""
        axes = self.boundary_axes()
        if axes is None:
            return None
        xx, yy = np.meshgrid(*axes, indexing="xy")
        grid = self.tensor(np.column_stack([xx.ravel(), yy.ravel()]).astype(np.float32))
        probabilities = torch.softmax(model(grid), dim=1).cpu().numpy()
        return probabilities.reshape(len(axes[1]), len(axes[0]), -1)

    # --- the Problem interface over flattened weights ------------------------------------------------

    def _losses(self, theta: np.ndarray, with_grad: bool) -> tuple[np.ndarray, np.ndarray | None]:
        model = self.template
        params = list(model.parameters())
        losses, grads = np.empty(len(theta)), np.empty(theta.shape) if with_grad else None
        for i, row in enumerate(np.asarray(theta, dtype=np.float32)):
            with torch.no_grad():
                torch.nn.utils.vector_to_parameters(self.tensor(row), params)
            with torch.set_grad_enabled(with_grad):
                loss = self.loss(model(self.x_train), self.y_train)
            losses[i] = float(loss)
            if with_grad:
                grad = torch.autograd.grad(loss, params)
                grads[i] = torch.cat([g.reshape(-1) for g in grad]).cpu().numpy()
        return losses, grads

    def value(self, theta: np.ndarray) -> np.ndarray:
        """Full training loss at each of N flattened weight vectors: (N, D) -> (N,)."""
        return self._losses(theta, False)[0]

    def gradient(self, theta: np.ndarray) -> np.ndarray:
        """Gradient of the full training loss at each of N flattened weight vectors: (N, D) -> (N, D)."""
        return self._losses(theta, True)[1]


def flat_weights(model: nn.Module) -> torch.Tensor:
    """Every parameter of ``model`` as one detached vector (the order of ``model.parameters()``)."""
    return torch.nn.utils.parameters_to_vector(model.parameters()).detach()


def build_network_problem(spec: Mapping[str, Any]) -> NetworkProblem:
    """The problem a scenario's ``{"kind": "network", ...}`` object describes (reads its data)."""
    checked = parse_network(spec)
    return NetworkProblem(checked, load_data(checked.data, checked.classification))
