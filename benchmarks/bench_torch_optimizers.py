"""Torch optimizer classes through gdsim's ball path (issue 16), against the NumPy engine and a bare loop.

1. 10,000 balls of Adam x 1,000 steps on Rosenbrock: the engine with ``torch.optim.Adam`` (the ball
   path: NumPy gradient into .grad, ``step(closure)``) against the engine with gdsim's NumPy ``adam``
   (timed in a spawned worker that never imports torch, as bench_torch.py does) and a bare torch loop
   (gradient into .grad, step) in this process. Rounds take turns; paired ratios, median [spread].
2. Per-step cost of one ball through the path for a class of each layout (ms per step, CPU).
3. Import time of pytorch_optimizer in a fresh interpreter (after torch), and that starting gdsim's
   window imports neither.
4. Per-step cost of one ball through the path for classes with an adapter (AdaHessian's create_graph
   gradient through the torch landscape, Muon's 1×D matrix, LOMO's fused backward, AliG's float closure,
   AdamMini's module), against a bare torch loop of the same class on Rosenbrock (paired rounds).

Usage: python benchmarks/bench_torch_optimizers.py [--quick] [--adapters (part 4 only)]
"""

from __future__ import annotations

import functools
import multiprocessing
import statistics
import subprocess
import sys
import time

import numpy as np
from bare_loops import rosenbrock_gradient
from bench_torch import engine_cpu_seconds
from timing import load_average

from gdsim.engine.engine import Engine
from gdsim.engine.spec import RunSpec, Scenario

LR = 0.001
#: A class of each layout, and LBFGS (several gradient evaluations a step).
ONE_BALL = ("torch.optim.Adam", "pytorch_optimizer.Lion", "pytorch_optimizer.Lamb", "pytorch_optimizer.Prodigy",
            "pytorch_optimizer.SAM", "torch.optim.LBFGS")


def engine_for(optimizer: str, balls: int, steps: int) -> Engine:
    start = {"random": balls} if balls > 1 else None
    run = RunSpec(label=optimizer, optimizer=optimizer, hyper={"lr": LR}, start=start)
    return Engine(Scenario(problem={"kind": "landscape", "name": "rosenbrock"}, runs=(run,), steps=steps, seed=0))


def through_engine(optimizer: str, balls: int, steps: int) -> np.ndarray:
    engine = engine_for(optimizer, balls, steps)
    engine.run_to_end()
    return engine.runs[0].theta


def bare_torch_adam(start: np.ndarray, steps: int) -> np.ndarray:
    import torch

    p = torch.tensor(start, dtype=torch.float64)
    optimizer = torch.optim.Adam([p], lr=LR)
    for _ in range(steps):
        p.grad = torch.from_numpy(rosenbrock_gradient(p.numpy()))
        optimizer.step()
    return p.numpy()


def cpu(work) -> float:
    started = time.process_time()
    work()
    return time.process_time() - started


def swarm(balls: int, steps: int, rounds: int) -> None:
    start = engine_for("adam", balls, steps).runs[0].start
    gap = np.max(np.abs(through_engine("torch.optim.Adam", balls, steps) - through_engine("adam", balls, steps)))
    path_s, numpy_s, bare_s = [], [], []
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        for _ in range(rounds):
            seconds, imported = pool.apply(engine_cpu_seconds, ("adam", balls, steps))
            if imported:
                sys.exit("the NumPy engine's worker imported torch")
            numpy_s.append(seconds)
            path_s.append(cpu(lambda: through_engine("torch.optim.Adam", balls, steps)))
            bare_s.append(cpu(lambda: bare_torch_adam(start, steps)))

    def ratio(a, b):
        r = [x / y for x, y in zip(a, b, strict=True)]
        return f"{statistics.median(r):.2f} [{min(r):.2f}-{max(r):.2f}]"

    print(f"{balls} balls of Adam x {steps} steps on Rosenbrock, {rounds} rounds; median CPU ms; {load_average()}")
    print(f"  torch.optim.Adam path {statistics.median(path_s) * 1e3:8.0f}   NumPy engine adam "
          f"{statistics.median(numpy_s) * 1e3:8.0f}   bare torch loop {statistics.median(bare_s) * 1e3:8.0f}")
    print(f"  path / NumPy engine {ratio(path_s, numpy_s)};  path / bare torch loop {ratio(path_s, bare_s)};  "
          f"max |path - NumPy| {gap:.1e}")


def one_ball(steps: int) -> None:
    print(f"one ball x {steps} steps, ms per step (CPU, median of 3); {load_average()}")
    from gdsim.nets.optimizer_layouts import layout_of

    for name in ONE_BALL:
        through_engine(name, 1, 5)
        times = [cpu(lambda name=name: through_engine(name, 1, steps)) for _ in range(3)]
        engine = engine_for(name, 1, steps)
        engine.run_to_end()
        evaluations = engine.runs[0].optimizer.evaluations[0]
        print(f"  {name:<28} layout {layout_of(name):<7} {statistics.median(times) / steps * 1e3:7.3f} ms/step"
              f"   {evaluations / steps:5.2f} gradient evaluations/step")
    numpy_times = [cpu(lambda: through_engine("adam", 1, steps)) for _ in range(3)]
    print(f"  {'gdsim adam (NumPy)':<28} {'':14} {statistics.median(numpy_times) / steps * 1e3:7.3f} ms/step")


def rosenbrock_torch(p):  # noqa: ANN001, ANN201 - a torch tensor holding one ball
    x, y = p.reshape(-1)[0], p.reshape(-1)[1]
    return (1 - x) ** 2 + 100 * (y - x * x) ** 2


def bare_adapted(name: str, steps: int) -> None:
    """``steps`` updates of one ball from Rosenbrock's start by class ``name``, in its own protocol."""
    import pytorch_optimizer as po
    import torch

    matrix = name.endswith("Muon")
    p = torch.nn.Parameter(torch.tensor([-1.5, 2.0], dtype=torch.float64).reshape((1, 2) if matrix else (2,)))
    holder = torch.nn.Module()
    holder.p = p
    cls = vars(po)[name.split(".")[-1]]
    optimizer = {"pytorch_optimizer.Muon": lambda: cls([{"params": [p], "use_muon": True}], lr=LR),
                 "pytorch_optimizer.AliG": lambda: cls([p], max_lr=LR)}.get(
        name, lambda: cls(holder, lr=LR) if name.endswith(("LOMO", "AdamMini")) else cls([p], lr=LR))()
    for _ in range(steps):
        if name.endswith("LOMO"):
            optimizer.fused_backward(rosenbrock_torch(p), LR)
        elif name.endswith(("AdaHessian", "SophiaH")):
            (p.grad,) = torch.autograd.grad(rosenbrock_torch(p), [p], create_graph=True)
            optimizer.step()
        else:
            optimizer.zero_grad()
            loss = rosenbrock_torch(p)
            loss.backward()
            optimizer.step(functools.partial(float, loss.item()) if name.endswith("AliG") else None)


#: Classes with an adapter (gdsim.nets.optimizer_needs), one of each kind.
ADAPTED = ("pytorch_optimizer.AdaHessian", "pytorch_optimizer.SophiaH", "pytorch_optimizer.Muon",
           "pytorch_optimizer.LOMO", "pytorch_optimizer.AdaLOMO", "pytorch_optimizer.AliG",
           "pytorch_optimizer.AdamMini")


def adapted_one_ball(steps: int, rounds: int) -> None:
    import torch

    print(f"one ball x {steps} steps through the path against a bare torch loop of the class, ms per step "
          f"(CPU, median of {rounds} paired rounds); {load_average()}")
    default = torch.get_default_dtype()
    torch.set_default_dtype(torch.float64)  # the bare loops' scalars in float64, as the path's are
    try:
        for name in ADAPTED:
            through_engine(name, 1, 5)
            path_s, bare_s = [], []
            for _ in range(rounds):
                path_s.append(cpu(lambda name=name: through_engine(name, 1, steps)))
                bare_s.append(cpu(lambda name=name: bare_adapted(name, steps)))
            ratios = [a / b for a, b in zip(path_s, bare_s, strict=True)]
            print(f"  {name:<30} path {statistics.median(path_s) / steps * 1e3:7.3f}   bare "
                  f"{statistics.median(bare_s) / steps * 1e3:7.3f} ms/step   path / bare "
                  f"{statistics.median(ratios):.2f} [{min(ratios):.2f}-{max(ratios):.2f}]")
    finally:
        torch.set_default_dtype(default)
    print(load_average())


def import_times() -> None:
    code = ("import time, torch; t = time.perf_counter(); import pytorch_optimizer; "
            "print(time.perf_counter() - t)")
    seconds = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                                    check=True).stdout) for _ in range(3)]
    startup = ("import sys, gdsim.cli, gdsim.qt.app, gdsim.qt.main_window; "
               "print(sorted(m for m in ('torch', 'pytorch_optimizer') if m in sys.modules))")
    imported = subprocess.run([sys.executable, "-c", startup], capture_output=True, text=True, check=True,
                              env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""}).stdout.strip()
    print(f"import pytorch_optimizer after torch: {statistics.median(seconds):.2f} s "
          f"[{min(seconds):.2f}-{max(seconds):.2f}]; imported at window start-up: {imported}; {load_average()}")


if __name__ == "__main__":
    import torch

    torch.set_num_threads(1)
    quick = "--quick" in sys.argv
    if "--adapters" in sys.argv:
        adapted_one_ball(200 if quick else 1_000, 3 if quick else 5)
        sys.exit()
    swarm(10_000, 100 if quick else 1_000, 2 if quick else 3)
    one_ball(200 if quick else 1_000)
    import_times()
    adapted_one_ball(200 if quick else 1_000, 3 if quick else 5)
