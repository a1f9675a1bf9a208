"""Every optimizer a run can name, for a picker: gdsim's own, torch.optim's and pytorch_optimizer's classes.

Each entry says how the optimizer lays out a run's balls, what its step needs (a closure that
recomputes the loss, Hessian-vector products), the most balls a run of it may have, and its help (a
class's docstring's first paragraph). It only reads what the optimizers declare: the layout table,
the closure list and the swarm caps of :mod:`gdsim.nets.optimizer_layouts`, the unsupported classes
and the declarations of :mod:`gdsim.nets.torch_optimizers`.

gdsim's own optimizers are listed without torch (:func:`gdsim_entries`). Listing a torch module's
classes imports torch (and pytorch_optimizer): :func:`torch_entries` is meant for a worker thread,
never for start-up. A picker lists the classes from the committed table written from these entries
(:mod:`gdsim.engine.optimizer_catalog_table`), which needs no torch.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gdsim.core.errors import InputError
from gdsim.core.optimizers import OPTIMIZERS
from gdsim.core.optimizers.class_names import MODULES

#: The picker's groups, in order: gdsim's own optimizers, then the two modules whose classes a run may name.
GROUPS = ("gdsim", *MODULES)
#: gdsim's own optimizers move every ball in one NumPy array, element by element.
NUMPY = "numpy"
#: Layouts that step the balls one tensor or one optimizer at a time: a run of them has a capped swarm.
SLOW_LAYOUTS = ("tensor", "ball")


@dataclass(frozen=True)
class CatalogEntry:
    """One optimizer as a picker shows it.

    Attributes
    ----------
    name
        What a scenario writes (``adam``, ``torch.optim.Adam``, ``pytorch_optimizer.Lion``).
    group
        One of :data:`GROUPS`.
    title
        The short name shown (gdsim's title, or the class name).
    layout
        ``"numpy"`` (gdsim's own), or the torch layout of :mod:`gdsim.nets.ball_optimizer`
        (``"swarm"``: one tensor holds every ball; ``"tensor"``: one tensor per ball; ``"ball"``: one
        optimizer per ball); None for a class the table does not list (probed when first used) or
        cannot run.
    max_balls
        The most balls a run of it may have, for a layout in :data:`SLOW_LAYOUTS` (None: no cap of
        its own).
    needs_closure
        Its step recomputes the loss and gradient through a closure (LBFGS, the SAM family).
    needs_hessian
        Its step takes Hessian-vector products (autograd through the landscape).
    help
        The class's docstring's first paragraph (gdsim's own: its update rule).
    unsupported
        Why gdsim cannot run it ("" when it can).
    declaration
        What the hyperparameter editors are built from: gdsim's optimizer class, or the
        :class:`~gdsim.nets.torch_optimizers.TorchOptimizerClass` (None when unsupported).
    """

    name: str
    group: str
    title: str
    layout: str | None
    max_balls: int | None
    needs_closure: bool
    needs_hessian: bool
    help: str
    unsupported: str = ""
    declaration: Any = None

    @property
    def supported(self) -> bool:
        return not self.unsupported


def gdsim_entries() -> list[CatalogEntry]:
    """gdsim's own optimizers (NumPy, torch.optim's exact rules), without importing torch."""
    return [CatalogEntry(name, "gdsim", cls.title, NUMPY, None, False, False, cls.rule, declaration=cls)
            for name, cls in OPTIMIZERS.items()]


def torch_entries(module: str) -> list[CatalogEntry]:
    """Every optimizer class of ``module`` (one of :data:`MODULES`), supported or not, sorted by name.

    Imports torch, and pytorch_optimizer for its group (InputError ``optimizer.not_installed`` when it
    is missing): call it in a worker.
    """
    from gdsim.nets.optimizer_layouts import LAYOUT, MAX_BALLS, NEEDS_CLOSURE
    from gdsim.nets.optimizer_needs import needs_of
    from gdsim.nets.torch_optimizers import (
        UNSUPPORTED,
        class_names,
        first_paragraph,
        resolve_class,
        torch_optimizer_class,
    )

    if module == "pytorch_optimizer":
        try:
            import pytorch_optimizer  # noqa: F401 - only to say clearly that it is missing
        except ImportError:
            raise InputError("", "pytorch_optimizer is not installed (pip install pytorch-optimizer)",
                             "optimizer.not_installed", {"value": module}) from None
    entries = []
    for name in class_names(module):
        cls = resolve_class(name)
        needs_hessian = needs_of(name).hessian
        title, help_text = name.rsplit(".", 1)[1], first_paragraph(cls.__doc__)
        try:
            declaration, reason = torch_optimizer_class(name), ""
        except InputError as error:
            declaration, reason = None, UNSUPPORTED.get(name) or error.params.get("reason") or str(error)
        layout = LAYOUT.get(name) if declaration is not None else None
        cap = MAX_BALLS[layout] if layout in SLOW_LAYOUTS else None
        entries.append(CatalogEntry(name, module, title, layout, cap, name in NEEDS_CLOSURE, needs_hessian,
                                    help_text, reason, declaration))
    return sorted(entries, key=lambda entry: entry.title.lower())


def torch_catalog() -> dict[str, list[CatalogEntry] | InputError]:
    """Both torch modules' entries by group; a group that cannot be listed holds its InputError instead."""
    groups: dict[str, list[CatalogEntry] | InputError] = {}
    for module in MODULES:
        try:
            groups[module] = torch_entries(module)
        except InputError as error:
            groups[module] = error
    return groups
