"""A learning-rate x optimizer sweep (issue 17): 10 optimizers x 30 learning rates x 10 seeds on
Rosenbrock, 1,000 steps each (3,000 runs), measured as ``gdsim sweep`` measures them (final and best
loss, steps to a threshold, divergence, distance to the minimum).

Three sides, taking turns in this process:

- gdsim: the in-process executor, one swarm per optimizer (300 balls, a rate per ball);
- bare: plain NumPy loops written as a person would (the update rules of ``bare_loops.py``) over each
  optimizer's 300 balls at once, with the same per-step measurement (the loss at every point, its
  running minimum, the first step under the threshold); no divergence handling;
- one at a time: gdsim running every cell alone (``--one-at-a-time``), timed on one seed (300 cells)
  and multiplied by 10, since the full 3,000 take minutes.

``--more-seeds`` repeats it with 100 seeds (3,000 balls per swarm), to show which part of the cost is
per step and which per ball. ``--digits`` adds the network sweep: an MLP on the digits, 3 optimizers
x 8 learning rates x 2 seeds, in process against 2 local workers (torch is imported then, in the
workers too).
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.bare_loops import BETA1, BETA2, EPS, rosenbrock_gradient  # noqa: E402
from benchmarks.timing import load_average, paired_ratio, taking_turns  # noqa: E402
from gdsim.session.limits import NO_LIMITS  # noqa: E402
from gdsim.session.sweep import parse_sweep  # noqa: E402
from gdsim.session.sweep_exec import run_in_process, run_on_pool  # noqa: E402
from gdsim.session.sweep_run import cell_starts  # noqa: E402

NAMES = ("sgd", "momentum_ema", "adam", "adamw", "rmsprop", "adagrad", "adadelta", "adamax", "nadam", "radam")
STEPS, THRESHOLD = 1000, 1e-4
SWEEP = {"format": "gdsim.sweep", "version": 1, "problem": {"kind": "landscape", "name": "rosenbrock"},
         "steps": STEPS, "seeds": list(range(10)), "start": {"random": 1},
         "optimizers": [{"optimizer": name} for name in NAMES], "lr": {"from": 1e-5, "to": 1.0, "count": 30},
         "threshold": THRESHOLD}


def rosenbrock(p: np.ndarray) -> np.ndarray:
    x, y = p[:, 0], p[:, 1]
    return (1.0 - x) ** 2 + 100.0 * (y - x * x) ** 2


def bare_rule(name: str, lr: np.ndarray, p: np.ndarray):
    """The update rule ``step(p, g, t) -> p`` of ``name`` with torch's defaults (as in bare_loops.py)."""
    m, v, u = np.zeros_like(p), np.zeros_like(p), np.zeros_like(p)
    state = {"m": m, "v": v, "u": u, "mu_product": 1.0}
    rho_inf = 2 / (1 - BETA2) - 1
    alpha = {"rmsprop": 0.99, "adadelta": 0.9}.get(name, 0.0)

    def step(p: np.ndarray, g: np.ndarray, t: int) -> np.ndarray:
        m, v, u = state["m"], state["v"], state["u"]
        if name == "sgd":
            return p - lr * g
        if name == "momentum_ema":
            state["m"] = 0.9 * m + 0.1 * g
            return p - lr * state["m"]
        if name in ("rmsprop", "adagrad"):
            state["v"] = v = alpha * v + (1 - alpha) * g * g if name == "rmsprop" else v + g * g
            return p - lr * g / (np.sqrt(v) + (EPS if name == "rmsprop" else 1e-10))
        if name == "adadelta":
            state["v"] = v = alpha * v + (1 - alpha) * g * g
            delta = np.sqrt(u + 1e-6) / np.sqrt(v + 1e-6) * g
            state["u"] = alpha * u + (1 - alpha) * delta * delta
            return p - lr * delta
        state["m"] = m = BETA1 * m + (1 - BETA1) * g
        if name == "adamax":
            state["u"] = u = np.maximum(BETA2 * u, np.abs(g) + EPS)
            return p - lr / (1 - BETA1**t) * m / u
        state["v"] = v = BETA2 * v + (1 - BETA2) * g * g
        if name in ("adam", "adamw"):
            if name == "adamw":
                p = p * (1 - lr * 0.01)
            return p - lr / (1 - BETA1**t) * m / (np.sqrt(v / (1 - BETA2**t)) + EPS)
        if name == "nadam":
            mu = BETA1 * (1 - 0.5 * 0.96 ** (t * 0.004))
            mu_next = BETA1 * (1 - 0.5 * 0.96 ** ((t + 1) * 0.004))
            state["mu_product"] *= mu
            product = state["mu_product"]
            denom = np.sqrt(v / (1 - BETA2**t)) + EPS
            return p - lr * (1 - mu) / (1 - product) * g / denom - lr * mu_next / (1 - product * mu_next) * m / denom
        m_hat = m / (1 - BETA1**t)  # radam
        rho_t = rho_inf - 2 * t * BETA2**t / (1 - BETA2**t)
        if rho_t > 5:
            rect = math.sqrt((rho_t - 4) * (rho_t - 2) * rho_inf / ((rho_inf - 4) * (rho_inf - 2) * rho_t))
            return p - lr * m_hat * rect * math.sqrt(1 - BETA2**t) / (np.sqrt(v) + EPS)
        return p - lr * m_hat

    return step


def bare_sweep(starts: np.ndarray, lrs: np.ndarray) -> list[tuple[np.ndarray, ...]]:
    """Every optimizer over all its balls at once, measuring each step's loss as the sweep does."""
    out = []
    with np.errstate(all="ignore"):
        for name in NAMES:
            p = starts.copy()
            step = bare_rule(name, lrs, p)
            loss = rosenbrock(p)
            best, reached = loss.copy(), np.where(loss <= THRESHOLD, 0, -1)
            for t in range(1, STEPS + 1):
                p = step(p, rosenbrock_gradient(p), t)
                loss = rosenbrock(p)
                np.fmin(best, loss, out=best)
                newly = (reached < 0) & (loss <= THRESHOLD)
                if newly.any():
                    reached[newly] = t
            out.append((p, loss, best, reached))
    return out


def rosenbrock_table(rounds: int, seeds: int = 10) -> None:
    sweep, problem = parse_sweep({**SWEEP, "seeds": list(range(seeds))}, NO_LIMITS)
    cells = sweep.cells[: len(sweep.lrs) * len(sweep.seeds)]
    starts = np.concatenate([cell_starts(sweep, problem, cell.seed) for cell in cells])
    lrs = np.array([cell.lr for cell in cells])[:, None]
    one_seed = parse_sweep({**SWEEP, "seeds": [0]}, NO_LIMITS)

    def through_gdsim() -> None:
        for _ in run_in_process(sweep, problem):
            pass

    def one_at_a_time() -> None:
        for _ in run_in_process(*one_seed, vectorized=False):
            pass

    samples = taking_turns({"gdsim": through_gdsim, "bare": lambda: bare_sweep(starts, lrs),
                            "one at a time (1 seed)": one_at_a_time}, rounds)
    print(f"\n{len(sweep.cells):,} runs on Rosenbrock ({len(sweep.seeds)} seeds), 1,000 steps each ({rounds} rounds, "
          f"medians; {load_average()})")
    print(f"{'side':<34} {'CPU s':>8} {'wall s':>8}")
    for name, sample in samples.items():
        scale = len(sweep.seeds) if name.startswith("one") else 1
        label = f"one at a time (1 seed x {scale})" if scale > 1 else name
        print(f"{label:<34} {sample.cpu_median * scale:>8.2f} {sample.wall_median * scale:>8.2f}")
    print(f"gdsim / bare: {paired_ratio(samples['gdsim'], samples['bare']).text()}")
    ratio = paired_ratio(samples["one at a time (1 seed)"], samples["gdsim"])
    print(f"one at a time (x{len(sweep.seeds)}) / gdsim: {statistics.median(ratio.cpu) * len(sweep.seeds):.1f} cpu")


DIGITS = {"format": "gdsim.sweep", "version": 1, "steps": 300, "seeds": [0, 1],
          "problem": {"kind": "network", "data": {"name": "digits", "seed": 0, "val_fraction": 0.2},
                      "model": {"name": "mlp", "hidden": [128], "activation": "relu"}, "loss": "cross_entropy"},
          "optimizers": [{"optimizer": "sgd", "hyper": {"momentum": 0.9}, "batch_size": 32},
                         {"optimizer": "adam", "batch_size": 32}, {"optimizer": "rmsprop", "batch_size": 32}],
          "lr": {"from": 1e-4, "to": 0.3, "count": 8}}


def digits_table() -> None:
    sweep, problem = parse_sweep(DIGITS)
    began = time.perf_counter()
    here = [r for rows in run_in_process(sweep, problem) for r in rows]
    in_process = time.perf_counter() - began
    began = time.perf_counter()
    pooled = [r for rows in run_on_pool(sweep, problem, 2) for r in rows]
    pool = time.perf_counter() - began
    same = sorted((r.index, r.final_loss) for r in here) == sorted((r.index, r.final_loss) for r in pooled)
    print(f"\ndigits MLP, 3 optimizers x 8 lrs x 2 seeds, 300 steps ({load_average()})")
    print(f"in process: {in_process:.1f} s wall; 2 local workers: {pool:.1f} s wall ({in_process / pool:.2f}x); "
          f"same rows: {same}")


def main() -> None:
    rounds = 1 if "--quick" in sys.argv else 3
    rosenbrock_table(rounds)
    if "--more-seeds" in sys.argv:  # the same sweep with 10x the balls per swarm: the per-step overhead shared
        rosenbrock_table(rounds, seeds=100)
    if "--digits" in sys.argv:
        digits_table()


if __name__ == "__main__":
    main()
