"""The optimizer registry: lower-case torch.optim names mapped to vectorized optimizers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gdsim.core.errors import InputError
from gdsim.core.optimizers.adadelta import Adadelta
from gdsim.core.optimizers.adagrad import Adagrad
from gdsim.core.optimizers.adam import Adam
from gdsim.core.optimizers.adamax import Adamax
from gdsim.core.optimizers.adamw import AdamW
from gdsim.core.optimizers.base import Optimizer
from gdsim.core.optimizers.momentum_ema import MomentumEMA
from gdsim.core.optimizers.nadam import NAdam
from gdsim.core.optimizers.radam import RAdam
from gdsim.core.optimizers.rmsprop import RMSprop
from gdsim.core.optimizers.sgd import SGD
from gdsim.core.params import describe

OPTIMIZERS: dict[str, type[Optimizer]] = {
    cls.name: cls for cls in (SGD, MomentumEMA, Adam, AdamW, RMSprop, Adagrad, Adadelta, Adamax, NAdam, RAdam)
}

__all__ = ["OPTIMIZERS", "Optimizer", "make_optimizer", "optimizer_class"]


def optimizer_class(name: str) -> type[Optimizer]:
    """The optimizer registered as ``name``; InputError listing the known names otherwise."""
    try:
        return OPTIMIZERS[name]
    except (KeyError, TypeError):
        raise InputError("", f"unknown optimizer {describe(name)}; known: {', '.join(OPTIMIZERS)}", "choice.unknown",
                         {"value": describe(name), "choices": list(OPTIMIZERS)}) from None


def make_optimizer(name: str, shape: tuple[int, int], hyper: Mapping[str, Any] | None = None) -> Optimizer:
    """A fresh optimizer ``name`` for ``shape`` = (N balls, D parameters)."""
    return optimizer_class(name)(shape, hyper)
