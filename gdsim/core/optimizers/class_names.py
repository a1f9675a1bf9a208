"""Optimizer classes named in files, as text: ``torch.optim.<Class>`` and ``pytorch_optimizer.<Class>``.

Only the two module prefixes and a class name of letters, digits and underscores (starting with a
letter) pass, so any other name (``os.system``, ``torch.optim.__class__``) is refused here, before
anything is imported. gdsim.nets resolves the names that pass.
"""

from __future__ import annotations

import re
from typing import Any

from gdsim.core.errors import InputError
from gdsim.core.params import describe

#: The modules whose optimizer classes a scenario may name, by the prefix written in a file.
MODULES = ("torch.optim", "pytorch_optimizer")
_NAME = re.compile(r"(torch\.optim|pytorch_optimizer)\.([A-Za-z][A-Za-z0-9_]*)")


def is_class_name(name: Any) -> bool:
    """Whether ``name`` is written as a class of torch.optim or pytorch_optimizer (text only)."""
    return isinstance(name, str) and name.startswith(tuple(prefix + "." for prefix in MODULES))


def split_class_name(name: Any) -> tuple[str, str]:
    """(module, class name) of a class name; InputError, importing nothing, for any other text."""
    match = _NAME.fullmatch(name) if isinstance(name, str) else None
    if match is None:
        raise InputError("", f"unknown optimizer {describe(name)}: write a gdsim name (adam, ...) or "
                             "torch.optim.<Class> or pytorch_optimizer.<Class>", "optimizer.class_name",
                         {"value": describe(name)})
    return match.group(1), match.group(2)
