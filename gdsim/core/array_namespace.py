"""The array module an array belongs to: NumPy for NumPy arrays and numbers, torch for torch tensors.

Landscapes, typed formulas and data problems compute their loss once over ``xp`` (``xp.sin``,
``xp.exp``, ``xp.asarray``, ...): on NumPy arrays that is NumPy, exactly as before; on torch tensors it
builds torch's graph, so autograd differentiates the loss (twice, for Hessian-vector products).
torch is never imported here: a tensor's module is found among the modules already imported.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

import numpy as np


def namespace(*arrays: Any) -> ModuleType:
    """``numpy`` unless one of ``arrays`` is a torch tensor (or another array library's array whose
    top-level module offers NumPy's names), then that array's module."""
    for array in arrays:
        kind = type(array)
        if kind is np.ndarray or kind is float or kind is int or isinstance(array, np.generic):
            continue
        module = sys.modules.get(kind.__module__.partition(".")[0])
        if module is not None and module is not np and hasattr(module, "sin"):
            return module
    return np
