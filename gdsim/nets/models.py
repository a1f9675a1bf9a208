"""The models a network problem trains: linear and logistic regression, an MLP, a small CNN.

Weights are drawn from a torch.Generator with torch's own default initialisation (every weight and
bias uniform in ±1/√fan_in, what ``nn.Linear`` and ``nn.Conv2d`` do with the global generator), so
the same seed gives the same network anywhere.
"""

from __future__ import annotations

import math

import torch
from torch import nn

from gdsim.nets.datasets import DataSet
from gdsim.nets.spec import ModelSpec

ACTIVATION_LAYERS = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}


def build_model(spec: ModelSpec, data: DataSet) -> nn.Module:
    """An untrained model for ``data`` (inputs: its features; outputs: its classes, or one number)."""
    inputs, outputs = data.features, data.outputs
    if spec.name in ("linear", "logistic"):
        return nn.Sequential(nn.Linear(inputs, outputs))
    if spec.name == "mlp":
        layers: list[nn.Module] = []
        width = inputs
        for hidden in spec.hidden:
            layers += [nn.Linear(width, hidden), ACTIVATION_LAYERS[spec.activation]()]
            width = hidden
        layers.append(nn.Linear(width, outputs))
        return nn.Sequential(*layers)
    height, width = data.image_shape
    return nn.Sequential(
        nn.Unflatten(1, (1, height, width)),
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * (height // 4) * (width // 4), outputs),
    )


@torch.no_grad()
def initialize(model: nn.Module, generator: torch.Generator) -> None:
    """Draw every weight and bias uniformly in ±1/√fan_in from ``generator`` (torch's default scheme)."""
    for module in model.modules():
        if isinstance(module, nn.Linear | nn.Conv2d):
            fan_in = module.weight[0].numel()
            bound = 1.0 / math.sqrt(fan_in)
            module.weight.uniform_(-bound, bound, generator=generator)
            if module.bias is not None:
                module.bias.uniform_(-bound, bound, generator=generator)
