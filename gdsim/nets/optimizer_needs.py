"""What a torch optimizer class needs beyond "gradient into .grad, then step": the small adapters.

Most classes of torch.optim and pytorch_optimizer take a list of tensors and step from their
``.grad``. A few need more, and gdsim gives it to them here, once, for balls and networks alike:

* ``hessian`` (AdaHessian, SophiaH): ``.grad`` carries the loss's graph (a ``create_graph``
  gradient), so the class takes Hessian-vector products through the landscape, the typed formula or
  the network. On a ball its value is the run's own gradient (noise and clipping included).
* ``matrices`` (the Muon family): the class orthogonalises 2D parameters; each ball is a (1, D)
  matrix, and a network's weight matrices go to the group it marks ``use_muon`` (its biases to the
  AdamW group, for the classes that have one).
* ``module`` (AdamMini, LOMO, AdaLOMO): the class is built over a torch.nn.Module holding the tensors.
* ``fused`` (LOMO, AdaLOMO): the update happens inside ``fused_backward(loss, lr)``. A ball's loss there
  is the linear surrogate ⟨θ, g⟩, whose gradient is exactly the run's gradient ``g``. Both compute in
  float32 (their own code), so a float64 ball is rounded to float32 at each update.
* ``rate`` (AliG): the hyperparameter that gdsim's ``lr`` (and its schedule) sets: AliG's step is
  the Polyak step (loss / ‖g‖²) capped at ``max_lr``; ``float_loss``: its closure returns the loss as
  a float.
* ``arguments`` (FAdam): constructor arguments gdsim passes: FAdam keeps its state in float32 unless
  told otherwise, and then fails on float64 balls; gdsim keeps it in float64.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import torch
from torch import nn


@dataclass(frozen=True)
class Needs:
    """What one class needs (see the module's description)."""

    hessian: bool = False
    matrices: str = ""  # "use_muon": groups flagged use_muon; "only": the class takes matrices only
    module: bool = False
    fused: bool = False
    rate: str = "lr"
    float_loss: bool = False
    arguments: Mapping[str, Any] = field(default_factory=dict)

    def notes(self) -> tuple[str, ...]:
        """Short phrases for the picker: what this class needs, in English."""
        return tuple(note for wanted, note in (
            (self.hessian, "Hessian-vector products (autograd through the loss)"),
            (bool(self.matrices), "each ball as a 1×D matrix"),
            (self.module, "a torch.nn.Module"),
            (self.fused, "updates inside backward, in float32"),
            (self.rate != "lr", f"lr sets {self.rate}"),
        ) if wanted)


PLAIN = Needs()
_MUON = Needs(matrices="use_muon")
NEEDS: dict[str, Needs] = {
    "pytorch_optimizer.AdaHessian": Needs(hessian=True),
    "pytorch_optimizer.SophiaH": Needs(hessian=True),
    **{f"pytorch_optimizer.{name}": _MUON for name in ("AdaGO", "AdaMuon", "Muon", "MuonClip", "NorMuon")},
    "pytorch_optimizer.SpectralSphere": Needs(matrices="only"),
    "torch.optim.Muon": Needs(matrices="only"),
    "pytorch_optimizer.AdamMini": Needs(module=True),
    "pytorch_optimizer.LOMO": Needs(module=True, fused=True),
    "pytorch_optimizer.AdaLOMO": Needs(module=True, fused=True),
    "pytorch_optimizer.AliG": Needs(rate="max_lr", float_loss=True),
    "pytorch_optimizer.FAdam": Needs(arguments={"momentum_dtype": torch.float64, "fim_dtype": torch.float64}),
}


def needs_of(name: str) -> Needs:
    """What class ``name`` needs (:data:`PLAIN` for most)."""
    return NEEDS.get(name, PLAIN)


class ParameterHolder(nn.Module):
    """A torch.nn.Module holding given tensors as its parameters ``p0``, ``p1``, ... (the same objects)."""

    def __init__(self, tensors: list[torch.Tensor]) -> None:
        super().__init__()
        for index, tensor in enumerate(tensors):
            if not isinstance(tensor, nn.Parameter):
                raise TypeError("a module's parameters must be torch.nn.Parameter")
            self.register_parameter(f"p{index}", tensor)


def parameters_for(needs: Needs, params: list[torch.Tensor]) -> Any:
    """What the class's constructor takes in place of the list ``params``: groups for the Muon family,
    a module for the classes built over one, or the list itself."""
    if needs.module:
        return ParameterHolder(params)
    if needs.matrices == "use_muon":
        matrices = [p for p in params if p.ndim >= 2]
        others = [p for p in params if p.ndim < 2]
        return [group for group in ({"params": matrices, "use_muon": True}, {"params": others, "use_muon": False})
                if group["params"]]
    return params
