"""What a run's optimizer name means: one of gdsim's NumPy optimizers, or a torch optimizer class.

``adam``, ``sgd``, ... are gdsim's own (:mod:`gdsim.core.optimizers`); ``torch.optim.<Class>`` and
``pytorch_optimizer.<Class>`` are classes of those two modules, run on a NumPy problem's balls by
:class:`gdsim.nets.ball_optimizer.BallOptimizer` (torch is imported then, not before). Either answers
the run through the same interface (``hyper``, ``set_hyper``, ``begin_step``, ``update``, ``clone``),
so the run's stepping, recording and replay are the same for both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from gdsim.core.errors import InputError
from gdsim.core.optimizers import make_optimizer, optimizer_class
from gdsim.core.optimizers.class_names import is_class_name, split_class_name

if TYPE_CHECKING:
    from gdsim.engine.run import Run


def optimizer_declaration(name: Any) -> Any:
    """The declaration of optimizer ``name`` (``title``, ``hypers``, ``defaults``, ``validate``).

    A dotted name outside torch.optim and pytorch_optimizer is refused without importing anything.
    """
    if isinstance(name, str) and "." in name:
        split_class_name(name)  # refuses any other dotted name, importing nothing
        from gdsim.nets.torch_optimizers import torch_optimizer_class

        return torch_optimizer_class(name)
    return optimizer_class(name)


def make_run_optimizer(run: Run, name: str, hyper: Mapping[str, Any] | None) -> Any:
    """A fresh optimizer ``name`` for ``run``'s balls; a torch class computes its closure's gradients
    with the run's problem, on the coming update's batch, noised and clipped as the run's are."""
    if not is_class_name(name):
        return make_optimizer(name, run.theta.shape, hyper)
    from gdsim.nets import runtime
    from gdsim.nets.ball_optimizer import BallOptimizer
    from gdsim.nets.optimizer_layouts import MAX_BALLS, layout_of, needs_closure_of
    from gdsim.nets.optimizer_needs import needs_of

    def gradient_at(theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        problem = run.problem
        loss = problem.batch_value(theta, run.batch)
        return loss, run._transform(problem.batch_gradient(theta, run.batch), run.noise_rng)

    def loss_in(theta):  # the run's loss in torch, on the coming update's batch
        return run.problem.loss_in(theta, run.batch)

    declaration = optimizer_declaration(name)
    needs = needs_of(name)
    if needs.hessian or needs.float_loss:
        try:
            run.problem.loss_in(run.theta[:1])  # a problem or formula computed in NumPy only says so here
        except (NotImplementedError, InputError) as error:
            raise InputError("optimizer", f"{name} needs the loss in torch (autograd), and here: {error}",
                             "optimizer.unsupported", {"value": name, "reason": str(error)}) from None
    hyper = planned_hyper(name, hyper, run.max_steps)
    layout, balls = layout_of(name), len(run.theta)
    if balls > MAX_BALLS[layout]:
        how = "one tensor per ball" if layout == "tensor" else "one optimizer per ball"
        raise InputError("start", f"{name} steps {how} (its statistics are per tensor or couple all parameters), "
                         f"which is slow: at most {MAX_BALLS[layout]} balls, not {balls}", "start.too_many",
                         {"count": balls, "max": MAX_BALLS[layout]})
    rng_state = runtime.generator(run.seed, "optimizer", run.id).get_state()
    return BallOptimizer(declaration, run.theta.shape, hyper, gradient_at, layout, rng_state,
                         needs_closure_of(name), loss_in)


def planned_hyper(name: str, hyper: Mapping[str, Any] | None, steps: int) -> Mapping[str, Any] | None:
    """``hyper`` with a torch class's planned number of updates (Ranger21's ``num_iterations``, for its
    warm-up and warm-down) set to the run's ``steps`` unless the scenario sets it."""
    if not is_class_name(name) or "num_iterations" in (hyper or {}):
        return hyper
    if not any(h.name == "num_iterations" for h in optimizer_declaration(name).hypers):
        return hyper
    return {**(hyper or {}), "num_iterations": max(1, steps)}
