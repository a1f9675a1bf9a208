"""Training through gdsim against a bare torch loop, the articles' accuracies, determinism, divergence."""

import math
import queue

import numpy as np
import pytest
import torch
from torch.utils.data import DataLoader, TensorDataset

from gdsim.core.errors import InputError
from gdsim.engine.commands import Play, Quit, Reset, SetHyper, SetOptimizer, Taken
from gdsim.engine.driver import drive
from gdsim.engine.engine import Engine
from gdsim.nets.runtime import generator
from gdsim.session.recording import parse_recording
from gdsim.session.scenario import parse_scenario
from gdsim.session.simulate import replay, simulate
from tests.nets.conftest import network_scenario


def engine_for(data):
    scenario, problem = parse_scenario(data)
    return Engine(scenario, problem)


def shuffled_batches(problem, seed, run, batch_size):
    """Epoch after epoch, a DataLoader's batches with the run's batch generator (shuffle=True)."""
    data = TensorDataset(torch.from_numpy(problem.data.x_train), torch.from_numpy(problem.data.y_train))
    loader = DataLoader(data, batch_size=batch_size, shuffle=True, generator=generator(seed, "batches", run))
    while True:
        yield from loader


def bare_loop(problem, seed, steps, make_optimizer, batch_size, changes=None, scheduler=None, clip_norm=None,
              run=0, model=None):
    """The usual torch loop: the scenario's initial weights (or ``model``), a DataLoader seeded with the
    run's batch generator, torch's optimizer and lr_scheduler, nothing of gdsim's trainer. ``changes``
    maps an update index to a function applied to the optimizer before it."""
    model = problem.initial_model(seed) if model is None else model
    optimizer = make_optimizer(model.parameters())
    lr_scheduler = scheduler(optimizer) if scheduler else None
    batches = shuffled_batches(problem, seed, run, batch_size)
    losses = []
    for t in range(steps):
        if changes and t in changes:
            optimizer = changes[t](optimizer, model)
        x, y = next(batches)
        optimizer.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        losses.append(loss.item())
        loss.backward()
        if clip_norm:
            torch.nn.utils.clip_grad_norm_(model.parameters(), clip_norm)
        optimizer.step()
        if lr_scheduler:
            lr_scheduler.step()
    return np.array(losses), model


def test_training_through_gdsim_is_the_bare_torch_loop_step_for_step():
    data = network_scenario(steps=60, runs=[{"optimizer": "adam", "hyper": {"lr": 0.01, "betas": [0.8, 0.99]},
                                             "batch_size": 50, "clip_norm": 1.0,
                                             "schedule": {"name": "step_lr", "step_size": 20, "gamma": 0.5}}])
    engine = engine_for(data)
    engine.run_to_end()
    run = engine.runs[0]
    ours = np.frombuffer(run.losses, dtype=float)
    theirs, model = bare_loop(engine.problem, 0, 60, lambda p: torch.optim.Adam(p, lr=0.01, betas=(0.8, 0.99)), 50,
                              scheduler=lambda o: torch.optim.lr_scheduler.StepLR(o, 20, 0.5), clip_norm=1.0)
    assert np.array_equal(ours, theirs)
    for mine, bare in zip(run.trainer.model.parameters(), model.parameters(), strict=True):
        assert torch.equal(mine, bare)


def test_schedules_are_torchs_lr_scheduler_classes_and_batches_a_dataloaders_order():
    """Two runs, each with its own batch generator: a cosine schedule behind a linear warmup
    (SequentialLR) and inverse-time decay (LambdaLR), against bare loops with those torch classes."""
    cosine = {"name": "cosine_annealing_lr", "T_max": 30, "eta_min": 0.001, "warmup_steps": 10,
              "warmup_start_factor": 0.25}
    data = network_scenario(steps=70, runs=[{"optimizer": "sgd", "hyper": {"lr": 0.2, "momentum": 0.9},
                                             "batch_size": 100, "schedule": cosine},
                                            {"optimizer": "adam", "hyper": {"lr": 0.01}, "batch_size": 64,
                                             "schedule": {"name": "inverse_time", "k": 0.05}}], seed=3)
    engine = engine_for(data)
    engine.run_to_end()
    lr_scheduler = torch.optim.lr_scheduler

    def warmup_cosine(optimizer):
        return lr_scheduler.SequentialLR(optimizer, [lr_scheduler.LinearLR(optimizer, 0.25, total_iters=10),
                                                     lr_scheduler.CosineAnnealingLR(optimizer, 30, 0.001)], [10])

    sgd, _ = bare_loop(engine.problem, 3, 70, lambda p: torch.optim.SGD(p, lr=0.2, momentum=0.9), 100,
                       scheduler=warmup_cosine)
    adam, _ = bare_loop(engine.problem, 3, 70, lambda p: torch.optim.Adam(p, lr=0.01), 64, run=1,
                        scheduler=lambda o: lr_scheduler.LambdaLR(o, lambda t: 1 / (1 + 0.05 * t)))
    assert np.array_equal(np.frombuffer(engine.runs[0].losses, dtype=float), sgd)
    assert np.array_equal(np.frombuffer(engine.runs[1].losses, dtype=float), adam)
    # the rates taken are the closed forms' (gdsim's documented schedules) to rounding
    from gdsim.core.schedules import make_schedule

    closed = [make_schedule(cosine).lr(t, 0.2) for t in range(70)]
    assert np.allclose(np.frombuffer(engine.runs[0].rates, dtype=float), closed, rtol=1e-9, atol=1e-15)


def test_a_live_change_of_lr_rescales_the_torch_schedule_and_a_new_optimizer_keeps_its_place():
    schedule = {"name": "step_lr", "step_size": 10, "gamma": 0.5}
    engine = engine_for(network_scenario(steps=40, runs=[{"optimizer": "sgd", "hyper": {"lr": 0.2},
                                                          "batch_size": 32, "schedule": schedule}]))
    engine.advance(15)
    engine.apply(SetHyper(0, "lr", 0.4))
    assert engine.runs[0].lr == 0.4 * 0.5  # the coming update, in the schedule's second step
    engine.advance(10)
    engine.apply(SetOptimizer(0, "adam", {"lr": 0.01}))
    assert engine.runs[0].lr == pytest.approx(0.01 * 0.25, rel=1e-12)
    engine.run_to_end()
    rates = np.frombuffer(engine.runs[0].rates, dtype=float)
    expected = [0.2] * 10 + [0.1] * 5 + [0.2] * 5 + [0.1] * 5 + [0.0025] * 5 + [0.00125] * 10
    assert np.allclose(rates, expected, rtol=1e-12, atol=0)


def test_a_runs_init_seed_gives_it_the_weights_torch_manual_seed_gives_a_bare_script():
    data = network_scenario(steps=30, runs=[{"optimizer": "sgd", "hyper": {"lr": 0.1}, "batch_size": 64},
                                            {"optimizer": "sgd", "hyper": {"lr": 0.1}, "batch_size": 64},
                                            {"optimizer": "sgd", "hyper": {"lr": 0.1}, "batch_size": 64,
                                             "init_seed": 11},
                                            {"optimizer": "sgd", "hyper": {"lr": 0.1}, "batch_size": 64,
                                             "init_seed": 12}])
    engine = engine_for(data)
    weights = [run.trainer.weights() for run in engine.runs.values()]
    assert np.array_equal(weights[0], weights[1])  # no init_seed: the scenario's shared weights
    assert not np.array_equal(weights[0], weights[2]) and not np.array_equal(weights[2], weights[3])
    engine.run_to_end()
    torch.manual_seed(11)
    model = torch.nn.Sequential(torch.nn.Linear(64, 32), torch.nn.ReLU(), torch.nn.Linear(32, 10))
    theirs, trained = bare_loop(engine.problem, 0, 30, lambda p: torch.optim.SGD(p, lr=0.1), 64, run=2, model=model)
    assert np.array_equal(np.frombuffer(engine.runs[2].losses, dtype=float), theirs)
    for mine, bare in zip(engine.runs[2].trainer.model.parameters(), trained.parameters(), strict=True):
        assert torch.equal(mine, bare)
    from gdsim.session.scenario import scenario_to_dict

    assert [run["init_seed"] for run in scenario_to_dict(engine.current_scenario())["runs"]] == [None, None, 11, 12]
    for bad, message in (("x", "runs[2].init_seed"), (-1, "runs[2].init_seed")):
        broken = {**data, "runs": [*data["runs"][:2], {**data["runs"][2], "init_seed": bad}]}
        with pytest.raises(InputError) as caught:
            parse_scenario(broken)
        assert caught.value.path == message
    landscape = {"format": "gdsim.scenario", "version": 2, "problem": {"kind": "landscape", "name": "bowl"},
                 "runs": [{"init_seed": 1}]}
    with pytest.raises(InputError, match="only networks have initial weights") as caught:
        parse_scenario(landscape)
    assert caught.value.path == "runs[0].init_seed"


def test_live_commands_act_as_the_same_changes_in_a_bare_loop():
    engine = engine_for(network_scenario(steps=30, runs=[{"optimizer": "sgd", "hyper": {"lr": 0.1},
                                                          "batch_size": 32}]))
    engine.advance(10)
    engine.apply(SetHyper(0, "lr", 0.05))
    engine.advance(10)
    engine.apply(SetOptimizer(0, "rmsprop", {"lr": 0.001}))
    engine.run_to_end()

    def lower_rate(optimizer, model):
        optimizer.param_groups[0]["lr"] = 0.05
        return optimizer

    changes = {10: lower_rate, 20: lambda optimizer, model: torch.optim.RMSprop(model.parameters(), lr=0.001)}
    theirs, _ = bare_loop(engine.problem, 0, 30, lambda p: torch.optim.SGD(p, lr=0.1), 32, changes)
    assert np.array_equal(np.frombuffer(engine.runs[0].losses, dtype=float), theirs)


@pytest.mark.slow
def test_an_mlp_on_digits_reaches_90_percent_within_400_updates_and_moons_95():
    digits = simulate(network_scenario({"name": "digits"}, {"name": "mlp", "hidden": [64]}, steps=400,
                                       runs=[{"optimizer": "adam", "hyper": {"lr": 0.001}, "batch_size": 64}]))
    assert digits["runs"][0]["final"]["val_accuracy"] >= 0.9
    moons = simulate(network_scenario({"name": "moons", "n": 400, "noise": 0.1}, {"name": "mlp", "hidden": [32, 32]},
                                      steps=400, runs=[{"optimizer": "adam", "hyper": {"lr": 0.01}, "batch_size": 32}]))
    assert moons["runs"][0]["final"]["val_accuracy"] >= 0.95


def test_the_same_scenario_twice_gives_identical_losses_and_runs_share_initial_weights():
    data = network_scenario(steps=40, runs=[{"optimizer": "adam", "batch_size": 64},
                                            {"optimizer": "sgd", "hyper": {"lr": 0.1}, "batch_size": 64}])
    first, second = simulate(data), simulate(data)
    for a, b in zip(first["runs"], second["runs"], strict=True):
        assert np.array_equal(a["loss"], b["loss"]) and a["eval"] == b["eval"]
    assert first["runs"][0]["eval"]["train_loss"][0] == first["runs"][1]["eval"]["train_loss"][0]
    other_seed = simulate({**data, "seed": 1})
    assert other_seed["runs"][0]["eval"]["train_loss"][0] != first["runs"][0]["eval"]["train_loss"][0]


def test_a_huge_learning_rate_is_marked_diverged_at_the_update_whose_loss_is_not_finite():
    data = network_scenario({"name": "sine", "n": 100}, {"name": "linear"}, steps=200,
                            runs=[{"optimizer": "sgd", "hyper": {"lr": 50.0}, "batch_size": 20}])
    recording = simulate(data)
    run = recording["runs"][0]
    losses = np.array(run["loss"], dtype=float)
    first_bad = int(np.flatnonzero(~np.isfinite(losses))[0])
    assert run["status"] == "diverged"
    assert run["diverged_at"] == first_bad + 1 == len(losses)
    assert np.all(np.isfinite(losses[:first_bad]))


def test_a_recording_holds_every_update_and_the_evaluations_and_replays_exactly(tmp_path):
    data = network_scenario({"name": "blobs", "n": 200}, {"name": "mlp", "hidden": [8], "activation": "tanh"},
                            steps=50, runs=[{"optimizer": "nadam", "batch_size": 16, "eval_every": 20}])
    recording = simulate(data)
    run = recording["runs"][0]
    assert len(run["loss"]) == 50 == run["steps"]
    assert run["eval"]["step"] == [0, 20, 40, 50]
    assert set(run["final"]) == {"train_loss", "val_loss", "val_accuracy"}
    assert run["final"]["train_loss"] == run["eval"]["train_loss"][-1]
    from gdsim.session.jsonio import dumps, loads

    again = replay(parse_recording(loads(dumps(recording))))
    assert np.array_equal(again["runs"][0]["loss"], run["loss"])


def test_regression_has_no_accuracy():
    recording = simulate(network_scenario({"name": "sine", "n": 100}, {"name": "mlp", "hidden": [16]}, steps=20,
                                          runs=[{"optimizer": "adam", "batch_size": 10}]))
    assert recording["runs"][0]["final"]["val_accuracy"] is None


def test_momentum_ema_is_the_moving_average_rule():
    engine = engine_for(network_scenario({"name": "moons", "n": 100}, {"name": "logistic"}, steps=5,
                                         runs=[{"optimizer": "momentum_ema", "hyper": {"lr": 0.5, "beta": 0.8}}]))
    model = engine.problem.initial_model(0)
    x, y = engine.problem.x_train, engine.problem.y_train
    velocity = [torch.zeros_like(p) for p in model.parameters()]
    expected = []
    for _ in range(5):
        model.zero_grad()
        loss = torch.nn.functional.cross_entropy(model(x), y)
        expected.append(loss.item())
        loss.backward()
        with torch.no_grad():
            for p, v in zip(model.parameters(), velocity, strict=True):
                v.copy_(0.8 * v + 0.2 * p.grad)
                p -= 0.5 * v
    engine.run_to_end()
    assert np.allclose(np.frombuffer(engine.runs[0].losses, dtype=float), expected, rtol=1e-6, atol=0)


def test_the_driver_streams_network_frames_without_a_path():
    engine = engine_for(network_scenario({"name": "circles", "n": 200}, {"name": "mlp", "hidden": [8]}, steps=60,
                                         runs=[{"optimizer": "adam", "batch_size": 20, "eval_every": 10}]))
    inbox = queue.Queue()
    frames = []
    for snapshot in drive(engine, inbox):
        frames.append(snapshot.runs[0])
        if snapshot.loaded is not None:
            assert snapshot.loaded.grid is None
            inbox.put(Play())
        elif snapshot.finished:
            inbox.put(Quit())
        inbox.put(Taken())
    assert frames[0].restart and frames[0].network.evals.steps.tolist() == [0]
    steps = np.concatenate([f.points.steps for f in frames])
    assert steps.tolist() == list(range(60))
    assert all(f.points.path.shape[1:] == (1, 0) and f.positions.shape == (1, 0) for f in frames)
    evals = np.concatenate([f.network.evals.steps for f in frames])
    assert evals.tolist() == [0, 10, 20, 30, 40, 50, 60]
    boundary = next(f.network for f in frames if f.network.probabilities is not None)
    assert boundary.probabilities.shape == (64, 64, 2)
    assert np.allclose(boundary.probabilities.sum(axis=2), 1, atol=1e-5)
    assert math.isclose(frames[-1].loss[0], engine.runs[0].losses[-1])


def test_reset_starts_again_from_the_initial_weights_and_batches():
    engine = engine_for(network_scenario(steps=20, runs=[{"optimizer": "sgd", "hyper": {"lr": 0.1}, "batch_size": 64}]))
    engine.advance(5)
    first = list(engine.runs[0].losses)
    engine.apply(Reset())
    frame = engine.snapshot().runs[0]
    assert frame.restart and frame.step == 0 and len(frame.points) == 0
    engine.advance(5)
    assert list(engine.runs[0].losses) == first
