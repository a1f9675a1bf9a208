"""AdamW: Adam with decoupled weight decay, on by default (torch.optim.AdamW)."""

from __future__ import annotations

from gdsim.core.optimizers.adam import AMSGRAD, Adam
from gdsim.core.optimizers.base import MAXIMIZE, betas_hyper, decoupled_weight_decay_hyper, eps_hyper, lr_hyper


class AdamW(Adam):
    """torch.optim.AdamW: Adam's update after shrinking θ by (1 − lr·λ); λ defaults to 0.01."""

    name = "adamw"
    title = "AdamW"
    rule = ("θ ← θ(1 − lr·λ);  m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  "
            "θ ← θ − lr/(1−β₁ᵗ) · m / (√(v/(1−β₂ᵗ)) + eps)")
    hypers = (
        lr_hyper(0.001),
        betas_hyper(),
        eps_hyper(1e-8),
        decoupled_weight_decay_hyper(0.01),
        AMSGRAD,
        MAXIMIZE,
    )

    def _decoupled(self) -> bool:
        return True
