"""How each torch optimizer class lays out a swarm of balls, and the classes gdsim cannot run.

The table was written by :func:`probe_layout` over torch.optim and pytorch_optimizer 4.1.0 and is
checked by tests/nets/test_torch_optimizers_layouts.py (five balls in one run equal five separate runs
to 1e-12 for every class); a class not in the table is probed when first used.
"""

from __future__ import annotations

import functools

import numpy as np
import torch

from gdsim.nets.ball_optimizer import LAYOUTS, BallOptimizer, float64_scalars
from gdsim.nets.optimizer_needs import PLAIN, needs_of
from gdsim.nets.torch_optimizers import TorchOptimizerClass, torch_optimizer_class

#: Most balls a run may have in each layout (one optimizer step per ball is slow in Python).
MAX_BALLS = {"swarm": 100_000, "tensor": 400, "ball": 100}
PROBE_STARTS = np.array([[-1.2, 1.5], [0.5, -0.4], [1.7, 2.2], [0.9, 0.2], [-0.6, -0.7]])
#: Classes whose default rate throws a ball off Rosenbrock within 20 steps: probed at a gentler one.
PROBE_HYPER = {name: {"lr": 1e-4} for name in ("torch.optim.ASGD", "pytorch_optimizer.ASGD",
                                               "pytorch_optimizer.DualAdam", "pytorch_optimizer.SGDSaI",
                                               "pytorch_optimizer.ScheduleFreeSGD")}
#: Classes that draw random numbers: a ball's draws depend on the balls stepped before it, so a swarm
#: equals separate runs in distribution only (replay is exact: the run's stream is seeded).
#: Classes whose step needs a closure (it recomputes the loss and gradient: LBFGS, the SAM family); the
#: others get none, as a closure makes every torch optimizer evaluate it once more at the same point.
NEEDS_CLOSURE = ("torch.optim.LBFGS", "pytorch_optimizer.BSAM", "pytorch_optimizer.FriendlySAM",
                 "pytorch_optimizer.LBFGS", "pytorch_optimizer.LookSAM", "pytorch_optimizer.SAM")
RANDOM = ("pytorch_optimizer.BSAM", "pytorch_optimizer.Gravity", "pytorch_optimizer.Kron",
          "pytorch_optimizer.AdaHessian", "pytorch_optimizer.SophiaH")  # Hutchinson's random probes


def rosenbrock_value(theta):  # noqa: ANN001, ANN201 - a NumPy array or a torch tensor
    """Rosenbrock's loss at each row of ``theta`` (NumPy or torch: autograd runs through it)."""
    x, y = theta[:, 0], theta[:, 1]
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def rosenbrock(theta: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Rosenbrock's loss and gradient at each row of ``theta`` (the probe's landscape)."""
    x, y = theta[:, 0], theta[:, 1]
    grad = np.column_stack([-2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)])
    return rosenbrock_value(theta), grad


def run_balls(declaration: TorchOptimizerClass, starts: np.ndarray, layout: str, steps: int,
              hyper: dict | None = None, seed: int = 0) -> np.ndarray:
    """The balls after ``steps`` updates on Rosenbrock (the probe's and the tests' run)."""
    optimizer = BallOptimizer(declaration, starts.shape, hyper, rosenbrock, layout,
                              torch.Generator().manual_seed(seed).get_state(), needs_closure_of(declaration.name),
                              rosenbrock_value)
    theta = starts.copy()
    lr = optimizer.hyper["lr"]
    with np.errstate(all="ignore"):
        for _ in range(steps):
            optimizer.begin_step()
            theta = optimizer.update(theta, rosenbrock(theta)[1], lr)
    return theta


def separate_runs(declaration: TorchOptimizerClass, starts: np.ndarray, steps: int, hyper: dict | None = None
                  ) -> np.ndarray:
    """Each ball run alone (its own (D,) tensor and optimizer): what any layout must equal."""
    return np.vstack([run_balls(declaration, start[None], "ball", steps, hyper) for start in starts])


def probe_layout(declaration: TorchOptimizerClass, steps: int = 10) -> str:
    """The cheapest layout in which five balls in one run equal five separate runs to 1e-12."""
    hyper = PROBE_HYPER.get(declaration.name)
    alone = separate_runs(declaration, PROBE_STARTS, steps, hyper)
    for layout in LAYOUTS[:-1]:
        together = run_balls(declaration, PROBE_STARTS, layout, steps, hyper)
        if np.allclose(together, alone, rtol=1e-12, atol=1e-12, equal_nan=True):
            return layout
    return "ball"


def probe_needs_closure(declaration: TorchOptimizerClass) -> bool:
    """Whether a step without a closure fails (the class evaluates the loss itself); False for the
    classes whose needs say how they step (:mod:`gdsim.nets.optimizer_needs`)."""
    if needs_of(declaration.name) is not PLAIN:
        return False
    with float64_scalars():
        ball = torch.nn.Parameter(torch.tensor(PROBE_STARTS[0]))
        optimizer = declaration.construct(declaration.defaults(), [ball])
        if callable(getattr(optimizer, "train", None)):
            optimizer.train()
        ball.grad = torch.tensor(rosenbrock(PROBE_STARTS[:1])[1][0])
        try:
            optimizer.step()
        except Exception:  # noqa: BLE001 - any failure means it wants the closure
            return True
    return False


@functools.cache
def needs_closure_of(name: str) -> bool:
    """Whether class ``name`` needs a closure: from the table, or probed once for a class it does not list."""
    return name in NEEDS_CLOSURE if name in LAYOUT else probe_needs_closure(torch_optimizer_class(name))


def needs_notes(name: str) -> tuple[str, ...]:
    """What class ``name`` needs beyond (backward, step), as short English phrases for the picker
    (Hessian-vector products, a 1×D matrix per ball, a module, a fused float32 backward, ...); empty for most."""
    return needs_of(name).notes()


@functools.cache
def layout_of(name: str) -> str:
    """The layout of class ``name``: from the table, or probed once for a class it does not list."""
    return LAYOUT.get(name) or probe_layout(torch_optimizer_class(name))


#: Each supported class's layout, as :func:`probe_layout` found it.
LAYOUT: dict[str, str] = {
    "torch.optim.ASGD": "swarm", "torch.optim.Adadelta": "swarm", "torch.optim.Adagrad": "swarm",
    "torch.optim.Adam": "swarm", "torch.optim.AdamW": "swarm", "torch.optim.Adamax": "swarm",
    "torch.optim.NAdam": "swarm", "torch.optim.RAdam": "swarm", "torch.optim.RMSprop": "swarm",
    "torch.optim.Rprop": "swarm", "torch.optim.SGD": "swarm", "pytorch_optimizer.ADOPT": "swarm",
    "pytorch_optimizer.APOLLO": "swarm", "pytorch_optimizer.ASGD": "swarm", "pytorch_optimizer.AccSGD": "swarm",
    "pytorch_optimizer.AdEMAMix": "swarm", "pytorch_optimizer.AdaBelief": "swarm",
    "pytorch_optimizer.AdaBound": "swarm", "pytorch_optimizer.AdaDelta": "swarm",
    "pytorch_optimizer.AdaMax": "swarm", "pytorch_optimizer.AdaMod": "swarm", "pytorch_optimizer.AdaNorm": "swarm",
    "pytorch_optimizer.AdaPNM": "swarm", "pytorch_optimizer.AdaShift": "swarm",
    "pytorch_optimizer.AdaSmooth": "swarm", "pytorch_optimizer.Adam": "swarm", "pytorch_optimizer.AdamC": "swarm",
    "pytorch_optimizer.AdamG": "swarm", "pytorch_optimizer.AdamP": "swarm", "pytorch_optimizer.AdamW": "swarm",
    "pytorch_optimizer.AdamWSN": "swarm", "pytorch_optimizer.Adan": "swarm", "pytorch_optimizer.AggMo": "swarm",
    "pytorch_optimizer.Ano": "swarm", "pytorch_optimizer.BCOS": "swarm", "pytorch_optimizer.DAdaptLion": "swarm",
    "pytorch_optimizer.DiffGrad": "swarm", "pytorch_optimizer.DualAdam": "swarm",
    "pytorch_optimizer.EXAdam": "swarm", "pytorch_optimizer.EmoFact": "swarm", "pytorch_optimizer.EmoLynx": "swarm",
    "pytorch_optimizer.FOCUS": "swarm", "pytorch_optimizer.FTRL": "swarm", "pytorch_optimizer.Fira": "swarm",
    "pytorch_optimizer.GaLore": "swarm", "pytorch_optimizer.Grams": "swarm",
    "pytorch_optimizer.GrokFastAdamW": "swarm", "pytorch_optimizer.Kate": "swarm",
    "pytorch_optimizer.LaProp": "swarm", "pytorch_optimizer.Lion": "swarm", "pytorch_optimizer.Lookahead": "swarm",
    "pytorch_optimizer.MADGRAD": "swarm", "pytorch_optimizer.MSVAG": "swarm", "pytorch_optimizer.NAdam": "swarm",
    "pytorch_optimizer.PAdam": "swarm", "pytorch_optimizer.PID": "swarm", "pytorch_optimizer.PNM": "swarm",
    "pytorch_optimizer.QHAdam": "swarm", "pytorch_optimizer.QHM": "swarm", "pytorch_optimizer.RAdam": "swarm",
    "pytorch_optimizer.RMSprop": "swarm", "pytorch_optimizer.SGD": "swarm", "pytorch_optimizer.SGDW": "swarm",
    "pytorch_optimizer.SPAM": "swarm", "pytorch_optimizer.SRMM": "swarm",
    "pytorch_optimizer.ScalableShampoo": "swarm", "pytorch_optimizer.ScheduleFreeAdamW": "swarm",
    "pytorch_optimizer.ScheduleFreeRAdam": "swarm", "pytorch_optimizer.ScheduleFreeSGD": "swarm",
    "pytorch_optimizer.ScheduleFreeWrapper": "swarm", "pytorch_optimizer.SignSGD": "swarm",
    "pytorch_optimizer.SimplifiedAdEMAMix": "swarm", "pytorch_optimizer.StableAdamW": "swarm",
    "pytorch_optimizer.Tiger": "swarm", "pytorch_optimizer.VSGD": "swarm", "pytorch_optimizer.Yogi": "swarm",
    "pytorch_optimizer.FAdam": "swarm", "pytorch_optimizer.LOMO": "swarm",
    "torch.optim.Adafactor": "tensor", "pytorch_optimizer.A2Grad": "tensor", "pytorch_optimizer.AdaFactor": "tensor",
    "pytorch_optimizer.AdaTAM": "tensor", "pytorch_optimizer.Adalite": "tensor", "pytorch_optimizer.Aida": "tensor",
    "pytorch_optimizer.Alice": "tensor", "pytorch_optimizer.Amos": "tensor", "pytorch_optimizer.ApolloDQN": "tensor",
    "pytorch_optimizer.CAME": "tensor", "pytorch_optimizer.Conda": "tensor", "pytorch_optimizer.DASH": "tensor",
    "pytorch_optimizer.FlashAdamW": "tensor", "pytorch_optimizer.Fromage": "tensor",
    "pytorch_optimizer.LARS": "tensor", "pytorch_optimizer.Lamb": "tensor", "pytorch_optimizer.MARS": "tensor",
    "pytorch_optimizer.Nero": "tensor", "pytorch_optimizer.NovoGrad": "tensor",
    "pytorch_optimizer.OrthoGrad": "tensor", "pytorch_optimizer.RACS": "tensor", "pytorch_optimizer.ROSE": "tensor",
    "pytorch_optimizer.Ranger": "tensor", "pytorch_optimizer.SCION": "tensor",
    "pytorch_optimizer.SCIONLight": "tensor", "pytorch_optimizer.SGDP": "tensor",
    "pytorch_optimizer.SGDSaI": "tensor", "pytorch_optimizer.SM3": "tensor", "pytorch_optimizer.SOAP": "tensor",
    "pytorch_optimizer.SPlus": "tensor", "pytorch_optimizer.Shampoo": "tensor",
    "pytorch_optimizer.StableSPAM": "tensor", "pytorch_optimizer.TAM": "tensor",
    "torch.optim.Muon": "tensor", "pytorch_optimizer.AdaGO": "tensor", "pytorch_optimizer.AdaMuon": "tensor",
    "pytorch_optimizer.Muon": "tensor", "pytorch_optimizer.MuonClip": "tensor", "pytorch_optimizer.NorMuon": "tensor",
    "pytorch_optimizer.SpectralSphere": "tensor", "pytorch_optimizer.AdamMini": "tensor",
    "pytorch_optimizer.AdaLOMO": "tensor",
    "torch.optim.LBFGS": "ball", "pytorch_optimizer.AdaGC": "ball", "pytorch_optimizer.Adai": "ball",
    "pytorch_optimizer.AdamS": "ball", "pytorch_optimizer.BSAM": "ball", "pytorch_optimizer.DAdaptAdaGrad": "ball",
    "pytorch_optimizer.DAdaptAdam": "ball", "pytorch_optimizer.DAdaptAdan": "ball",
    "pytorch_optimizer.DAdaptSGD": "ball", "pytorch_optimizer.EmoNavi": "ball",
    "pytorch_optimizer.FriendlySAM": "ball", "pytorch_optimizer.Gravity": "ball", "pytorch_optimizer.Kron": "ball",
    "pytorch_optimizer.LBFGS": "ball", "pytorch_optimizer.LookSAM": "ball", "pytorch_optimizer.Prodigy": "ball",
    "pytorch_optimizer.Ranger21": "ball", "pytorch_optimizer.SAM": "ball", "pytorch_optimizer.SWATS": "ball",
    "pytorch_optimizer.TRAC": "ball", "pytorch_optimizer.AdaHessian": "ball", "pytorch_optimizer.SophiaH": "ball",
    "pytorch_optimizer.AliG": "ball",
}
