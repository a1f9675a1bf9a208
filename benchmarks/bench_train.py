"""Training a network through gdsim against a bare torch loop, the landscape slice loop against vmap.

1. Training: article 002's MLP (here on digits: 64-128-10, Adam lr 1e-3, batch 64) through gdsim's
   Engine driven by ``drive()`` with an inbox queue, a consumer taking every snapshot (what the window
   does), against the usual torch loop with the same initial weights, data, batches (the order a
   DataLoader with shuffle=True and the run's torch.Generator gives, as index tensors), optimizer and
   steps, recording each batch loss and evaluating the full training and validation loss and
   accuracy at the same updates. Sides take turns in one process
   with one torch thread; the paired ratio gdsim / bare has a target of at most 1.10.
2. The 41x41 slice on digits around the trained weights: gdsim's row-by-row loop against torch.vmap
   over each row (torch.func.functional_call), seconds each, and the largest difference.
3. Start-up: importing the window's modules imports no torch, sklearn or sympy (timed in a subprocess).

Usage: python benchmarks/bench_train.py [--quick]
"""

from __future__ import annotations

import queue
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import torch
from timing import load_average, paired_ratio, taking_turns

from gdsim.engine.commands import Play, Quit, Taken
from gdsim.engine.driver import drive
from gdsim.engine.engine import Engine
from gdsim.nets.landscape import filter_normalized_directions, loss_slice
from gdsim.nets.runtime import generator
from gdsim.session.scenario import parse_scenario

BATCH, LR, SEED = 64, 1e-3, 0


def scenario(steps: int, eval_every: int) -> dict:
    return {"format": "gdsim.scenario", "version": 2, "steps": steps, "seed": SEED,
            "problem": {"kind": "network", "data": {"name": "digits"}, "model": {"name": "mlp", "hidden": [128]}},
            "runs": [{"optimizer": "adam", "hyper": {"lr": LR}, "batch_size": BATCH, "eval_every": eval_every}]}


def through_gdsim(spec, problem, plane=None) -> Engine:
    """The engine driven as the window drives it: play, take every snapshot, quit when finished (the
    problem, its data as tensors, is built once, as the bare loop's is). With ``plane`` (a slice), the
    run is projected on it at every update, as in the window once a slice is shown."""
    engine = Engine(spec, problem)
    if plane is not None:
        engine.plane = plane
        for run in engine.runs.values():
            run.set_plane(plane)
    inbox: queue.Queue = queue.Queue()
    inbox.put(Play())
    for snapshot in drive(engine, inbox):
        if snapshot.finished and snapshot.loaded is None:
            inbox.put(Quit())
        inbox.put(Taken())
    return engine


def dataloader_order(n: int, batch: int, generator: torch.Generator):
    """The batches of ``DataLoader(data, batch, shuffle=True, generator=generator)``, as index tensors,
    epoch after epoch (its iterator's base seed, the permutation, the sampler's remainder draw)."""
    while True:
        torch.empty((), dtype=torch.int64).random_(generator=generator)
        yield from torch.randperm(n, generator=generator).split(batch)
        torch.randperm(n, generator=generator)


def bare(problem, steps: int, eval_every: int) -> tuple[list[float], list[tuple[float, float, float]]]:
    """The usual torch loop with the same weights, batches, optimizer and evaluations."""
    model = problem.initial_model(SEED)
    optimizer = torch.optim.Adam(model.parameters(), lr=LR)
    batches = dataloader_order(problem.n_samples, BATCH, generator(SEED, "batches", 0))
    x, y, x_val, y_val = problem.x_train, problem.y_train, problem.x_val, problem.y_val
    loss_fn = torch.nn.functional.cross_entropy
    losses, evals = [], []

    def evaluate() -> None:
        with torch.no_grad():
            train = loss_fn(model(x), y).item()
            out = model(x_val)
            evals.append((train, loss_fn(out, y_val).item(), (out.argmax(1) == y_val).float().mean().item()))

    evaluate()
    for t in range(1, steps + 1):
        index = next(batches)
        optimizer.zero_grad()
        loss = loss_fn(model(x[index]), y[index])
        losses.append(loss.item())
        loss.backward()
        optimizer.step()
        if t % eval_every == 0 or t == steps:
            evaluate()
    return losses, evals


def training(rounds: int, steps: int) -> None:
    print(f"training: MLP 64-128-10 on digits, Adam, batch {BATCH}, {steps} updates, {rounds} rounds taking turns; "
          f"{load_average()}")
    for eval_every in (25, steps):
        spec, problem = parse_scenario(scenario(steps, eval_every))
        engine = through_gdsim(spec, problem)
        losses, _ = bare(problem, steps, eval_every)
        assert np.array_equal(np.frombuffer(engine.runs[0].losses, dtype=float), losses), "not the same training"
        times = taking_turns({"gdsim": lambda s=spec, p=problem: through_gdsim(s, p),
                              "bare": lambda p=problem, e=eval_every: bare(p, steps, e)}, rounds)
        ratio = paired_ratio(times["gdsim"], times["bare"])
        label = f"evaluations every {eval_every}" if eval_every < steps else "evaluation at the end only"
        print(f"  {label:<30} gdsim {1e6 * times['gdsim'].cpu_median / steps:7.1f} us/update, bare "
              f"{1e6 * times['bare'].cpu_median / steps:7.1f} us/update; gdsim / bare = {ratio.text()} "
              "(target <= 1.10)")
    spec, problem = parse_scenario(scenario(steps, 25))
    plane = engine_slice(spec, problem)
    times = taking_turns({"projected": lambda: through_gdsim(spec, problem, plane),
                          "bare": lambda: bare(problem, steps, 25)}, rounds)
    print(f"  {'projected on a slice, every 25':<30} gdsim {1e6 * times['projected'].cpu_median / steps:7.1f} "
          f"us/update, bare {1e6 * times['bare'].cpu_median / steps:7.1f} us/update; gdsim / bare = "
          f"{paired_ratio(times['projected'], times['bare']).text()} (the plane's two numbers per update)")


def engine_slice(spec, problem):
    """A small slice (3x3, random directions) around the initial weights, as the engine computes it."""
    engine = Engine(spec, problem)
    *_, landscape = engine.slice_job(0, "random", 3, 1.0)
    return landscape


def vmap_slice(problem, center: np.ndarray, directions: np.ndarray, axis: np.ndarray) -> np.ndarray:
    """The same slice with torch.vmap over each row (one functional_call per row of points)."""
    model = problem.template
    names = [name for name, _ in model.named_parameters()]
    shapes = [p.shape for p in model.parameters()]
    sizes = [p.numel() for p in model.parameters()]
    base = torch.from_numpy(center.astype(np.float32))
    d = torch.from_numpy(directions.astype(np.float32))

    def loss_at(flat: torch.Tensor) -> torch.Tensor:
        params = {n: part.reshape(s) for n, part, s in zip(names, flat.split(sizes), shapes, strict=True)}
        return problem.loss(torch.func.functional_call(model, params, (problem.x_train,)), problem.y_train)

    batched = torch.vmap(loss_at)
    values = np.empty((len(axis), len(axis)))
    a = torch.from_numpy(axis.astype(np.float32))
    with torch.no_grad():
        for row, b in enumerate(axis):
            points = base + a[:, None] * d[0] + float(b) * d[1]
            values[row] = batched(points).numpy()
    return values


def slice_speed(steps: int) -> None:
    engine = through_gdsim(*parse_scenario(scenario(steps, 25)))
    run = engine.runs[0]
    center = run.trainer.weights().astype(float)
    problem = run.problem
    axis = np.linspace(-1, 1, 41)
    directions = filter_normalized_directions(problem, center, generator(SEED, "directions"))
    started = time.perf_counter()
    looped = loss_slice(problem, center, "random", SEED, size=41).grid.values
    loop_seconds = time.perf_counter() - started
    started = time.perf_counter()
    mapped = vmap_slice(problem, center, directions, axis)
    vmap_seconds = time.perf_counter() - started
    print(f"slice 41x41 on digits (MLP 64-128-10, {problem.n_samples} training samples), one thread: loop "
          f"{loop_seconds:.2f} s, vmap by rows {vmap_seconds:.2f} s; largest difference "
          f"{np.nanmax(np.abs(looped - mapped)):.1e}; {load_average()}")


def start_up() -> None:
    code = ("import sys, time; t = time.perf_counter(); import gdsim.cli, gdsim.qt.app, gdsim.qt.main_window; "
            "print(f'{time.perf_counter() - t:.2f}', sorted(m for m in ('torch', 'sklearn', 'sympy') "
            "if m in sys.modules))")
    root = Path(__file__).resolve().parents[1]
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root,
                            env={"QT_QPA_PLATFORM": "offscreen", "PATH": ""}, check=True)
    seconds, heavy = result.stdout.split(maxsplit=1)
    print(f"start-up: the window's modules import in {seconds} s, heavy libraries imported: {heavy.strip()}")


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    torch.set_num_threads(1)
    training(3 if quick else 7, 300 if quick else 1000)
    slice_speed(300)
    start_up()
