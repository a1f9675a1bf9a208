"""Sweeps end to end: the file, the command, the closed forms of SGD on quadratics, and the executors."""

from __future__ import annotations

import csv
import json
import math
import os
from pathlib import Path

import numpy as np
import pytest

from gdsim.cli import main
from gdsim.core.errors import InputError
from gdsim.session.simulate import simulated_engine
from gdsim.session.sweep import parse_sweep
from gdsim.session.sweep_exec import DIED, executor, run_on_pool
from gdsim.session.sweep_run import run_group


def sweep_file(tmp_path: Path, **fields) -> Path:
    data = {"format": "gdsim.sweep", "version": 1, "problem": {"kind": "landscape", "name": "bowl"}, "steps": 1000,
            "seeds": [0], "optimizers": [{"optimizer": "sgd"}], "lr": [0.5]}
    data.update(fields)
    path = tmp_path / "sweep.json"
    path.write_text(json.dumps(data))
    return path


def read_rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def without_seconds(text: str) -> list[list[str]]:
    rows = list(csv.reader(text.splitlines()))
    column = rows[0].index("seconds")
    return [row[:column] + row[column + 1:] for row in rows]


def test_sgd_on_the_bowl_diverges_exactly_above_lr_1(tmp_path, capsys):
    # x_{t+1} = (1 - 2 lr) x_t on x² + y²: |1 - 2 lr| > 1 exactly when lr > 1 (lr = 1 bounces for ever)
    rates = [0.1, 0.5, 0.9, 0.99, 1.0, 1.01, 1.05, 1.5, 3.0]
    path = sweep_file(tmp_path, lr=rates, seeds=[0, 1, 2], start={"random": 2})
    out = tmp_path / "results.csv"
    assert main(["sweep", str(path), "-o", str(out), "--quiet"]) == 0
    rows = read_rows(out)
    assert len(rows) == len(rates) * 3
    for row in rows:
        assert (row["diverged"] == "true") == (float(row["lr"]) > 1.0), row
        if row["diverged"] == "true":
            assert int(row["diverged_at"]) > 0
    summary = read_rows(tmp_path / "results.summary.csv")
    assert summary[0]["optimizer"] == "SGD"
    assert float(summary[0]["converging_lr_to"]) == 1.0
    assert "SGD" in capsys.readouterr().out


def test_steps_to_threshold_match_the_closed_form_on_x_squared(tmp_path):
    x0, threshold = 1.7, 1e-6
    rates = [0.01, 0.05, 0.13, 0.3, 0.45, 0.62, 0.8, 0.93]
    path = sweep_file(tmp_path, problem={"kind": "landscape", "name": "x_squared"}, start=[x0], lr=rates,
                      threshold=threshold, optimizers=[{"optimizer": "sgd"}, {"optimizer": "sgd", "label": "again"}])
    out = tmp_path / "results.csv"
    assert main(["sweep", str(path), "-o", str(out), "--quiet"]) == 0
    rows = read_rows(out)
    for row in rows:
        lr = float(row["lr"])
        expected = math.ceil(math.log(threshold / x0**2) / (2 * math.log(abs(1 - 2 * lr))))
        assert int(row["steps_to_threshold"]) == expected, row
        assert row["diverged"] == "false"


def test_the_comparison_columns_match_the_closed_form_on_x_squared(tmp_path):
    # x ← (1 − 2 lr) x on J = x²: lr 0.5 lands on 0 in one step; lr > 1 diverges; elsewhere
    # J after k steps is (1 − 2 lr)^(2k) x0²
    x0, steps = 1.5, 60  # |x| passes the engine's 1e6 within 60 steps at lr 1.2 (1.4^40) and 1.5 (2^20)
    rates = [0.1, 0.3, 0.5, 0.8, 1.2, 1.5]
    path = sweep_file(tmp_path, problem={"kind": "landscape", "name": "x_squared"}, start=[x0], lr=rates,
                      seeds=[0, 1, 2], steps=steps, threshold=1e-6, outcome="best_loss")
    out = tmp_path / "results.csv"
    assert main(["sweep", str(path), "-o", str(out), "--quiet"]) == 0
    (line,) = read_rows(tmp_path / "results.summary.csv")
    assert float(line["best_lr"]) == 0.5 and float(line["best_median"]) == 0.0
    assert float(line["final_loss"]) == float(line["final_loss_min"]) == float(line["final_loss_max"]) == 0.0
    assert float(line["steps_to_threshold"]) == 1.0
    assert float(line["diverged_share"]) == 2 / 6  # lr 1.2 and 1.5, every seed
    assert int(line["cells"]) == 18 and line["val_accuracy"] == ""
    assert float(line["seconds"]) > 0
    assert (float(line["converging_lr_from"]), float(line["converging_lr_to"])) == (0.1, 0.8)
    # ranked by final loss instead, at a rate that does not land on 0: (1 − 2 lr)^(2 steps) x0²
    sweep, problem = parse_sweep(json.loads(path.read_text()) | {"lr": [0.1, 0.3], "outcome": "final_loss"})
    from gdsim.session.sweep_results import summarize

    (summary,) = summarize(sweep, [r for rows in executor(sweep, problem) for r in rows])
    assert summary.best_lr == 0.3
    assert summary.final_loss == pytest.approx((1 - 2 * 0.3) ** (2 * steps) * x0**2, rel=1e-12)
    assert summary.steps_to_threshold == math.ceil(math.log(1e-6 / x0**2) / (2 * math.log(abs(1 - 2 * 0.3))))
    assert summary.diverged_share == 0.0


def test_vectorized_and_one_at_a_time_give_identical_csvs(tmp_path):
    optimizers = [{"optimizer": name} for name in ("sgd", "adam", "rmsprop", "nadam", "radam", "adagrad")]
    optimizers.append({"optimizer": "sgd", "hyper": {"momentum": 0.9, "nesterov": True}})
    path = sweep_file(tmp_path, problem={"kind": "landscape", "name": "rosenbrock"}, start={"random": 3},
                      steps=300, seeds=[0, 5], optimizers=optimizers, lr={"from": 1e-4, "to": 0.5, "count": 7},
                      threshold=0.05)
    texts = []
    for flags in ([], ["--one-at-a-time"]):
        out = tmp_path / f"results{len(flags)}.csv"
        assert main(["sweep", str(path), "-o", str(out), "--quiet", *flags]) == 0
        texts.append(out.read_text())
    assert without_seconds(texts[0]) == without_seconds(texts[1])
    rows = read_rows(tmp_path / "results0.csv")
    assert any(row["diverged"] == "true" for row in rows) and any(row["steps_to_threshold"] for row in rows)


def test_mini_batch_cells_are_the_runs_a_scenario_makes():
    # a cell is the scenario run with that optimizer, rate, batch size and seed (batches from the seed)
    data = {"x": [[0.5], [1.0], [1.5], [2.0], [3.0]], "y": [1.2, 1.9, 3.1, 4.2, 5.8]}
    problem_spec = {"kind": "regression", "data": data}
    entries = [{"optimizer": "sgd", "batch_size": 1}, {"optimizer": "adam", "batch_size": 2}]
    sweep, problem = parse_sweep({
        "format": "gdsim.sweep", "version": 1, "problem": problem_spec, "steps": 200, "seeds": [0, 1],
        "optimizers": entries, "lr": [0.01, 0.2]})
    rows = {r.index: r for group in executor(sweep, problem) for r in group}
    for cell in sweep.cells:
        entry = entries[cell.entry]
        engine = simulated_engine({"format": "gdsim.scenario", "version": 2, "problem": problem_spec, "steps": 200,
                                   "seed": cell.seed, "runs": [{**entry, "hyper": {"lr": cell.lr}}]})
        assert rows[cell.index].final_loss == float(engine.runs[0].final_loss()[0])
    assert rows[0].final_loss != rows[1].final_loss  # the two seeds drew different batches


def test_a_process_pool_gives_the_in_process_rows(tmp_path):
    path = sweep_file(tmp_path, problem={"kind": "landscape", "name": "rosenbrock"}, start={"random": 2},
                      steps=200, seeds=[0, 1], optimizers=[{"optimizer": "adam"}, {"optimizer": "sgd"},
                                                            {"optimizer": "rmsprop"}], lr=[1e-3, 1e-2, 0.1])
    here, pooled = tmp_path / "here.csv", tmp_path / "pool.csv"
    assert main(["sweep", str(path), "-o", str(here), "--quiet"]) == 0
    assert main(["sweep", str(path), "-o", str(pooled), "--quiet", "--workers", "2"]) == 0
    assert without_seconds(here.read_text()) == without_seconds(pooled.read_text())


def test_a_dask_local_cluster_gives_the_in_process_rows(tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed (gdsim[distributed])")
    path = sweep_file(tmp_path, problem={"kind": "landscape", "name": "rosenbrock"}, start={"random": 2},
                      steps=150, seeds=[0, 1], lr=[1e-3, 1e-2, 0.1],
                      optimizers=[{"optimizer": "adam"}, {"optimizer": "sgd", "hyper": {"momentum": 0.9}}])
    here, remote = tmp_path / "here.csv", tmp_path / "dask.csv"
    assert main(["sweep", str(path), "-o", str(here), "--quiet"]) == 0
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        assert main(["sweep", str(path), "-o", str(remote), "--quiet", "--scheduler",
                     cluster.scheduler_address]) == 0
    assert without_seconds(here.read_text()) == without_seconds(remote.read_text())


# --- a worker that dies ------------------------------------------------------------------------------

DOOMED_CELL = 4


def dying_group(sweep, group, problem=None):
    """run_group, but the worker running the doomed cell exits at once: always, or only the first time
    (while the marker file named by GDSIM_TEST_DIE_ONCE does not exist yet)."""
    if DOOMED_CELL in group:
        marker = os.environ.get("GDSIM_TEST_DIE_ONCE")
        if marker is None:
            os._exit(3)
        if not os.path.exists(marker):
            Path(marker).touch()
            os._exit(3)
    return run_group(sweep, group, problem)


@pytest.mark.parametrize("once", [True, False], ids=["dies-once", "dies-always"])
def test_a_killed_workers_cell_is_retried_then_marked_failed(tmp_path, monkeypatch, once):
    if once:
        monkeypatch.setenv("GDSIM_TEST_DIE_ONCE", str(tmp_path / "died"))
    else:
        monkeypatch.delenv("GDSIM_TEST_DIE_ONCE", raising=False)
    sweep, problem = parse_sweep({
        "format": "gdsim.sweep", "version": 1, "problem": {"kind": "landscape", "name": "bowl"}, "steps": 50,
        "seeds": [0, 1], "optimizers": [{"optimizer": "sgd"}], "lr": [0.1, 0.3, 0.7], "start": {"random": 1}})
    expected = {r.index: r for rows in executor(sweep, problem, vectorized=False) for r in rows}
    got = {r.index: r for rows in run_on_pool(sweep, problem, 2, vectorized=False, task=dying_group) for r in rows}
    assert sorted(got) == sorted(expected)
    for index, result in got.items():
        if index == DOOMED_CELL and not once:
            assert result.failed and result.error == DIED
        else:
            assert not result.failed
            assert result.final_loss == expected[index].final_loss
    assert once == (tmp_path / "died").exists()


# --- bad input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("change", "path"), [
    ({"optimizers": [{"optimizer": "sgd", "hyper": {"momentum": -1}}]}, "optimizers[0].hyper.momentum"),
    ({"optimizers": [{"optimizer": "sgd"}, {"optimizer": "nope"}]}, "optimizers[1].optimizer"),
    ({"optimizers": [{"optimizer": "sgd", "hyper": {"lr": 0.1}}]}, "optimizers[0].hyper.lr"),
    ({"lr": [0.1, -0.2]}, "lr[1]"),
    ({"lr": {"from": 1e-3, "to": 1.0}}, "lr.count"),
    ({"lr": {"from": 1.0, "to": 0.1, "count": 3}}, "lr.to"),
    ({"seeds": [0, "a"]}, "seeds[1]"),
    ({"start": [1.0]}, "start"),
    ({"optimizers": [{"optimizer": "sgd", "batch_size": 2}]}, "optimizers[0].batch_size"),
    ({"steps": 10_000_000, "start": {"random": 5000}}, ""),
    ({"outcome": "steps_to_threshold"}, "outcome"),
    ({"colour": 1}, "colour"),
    ({"version": 2}, "version"),
])
def test_bad_sweep_files_are_refused_naming_the_key(tmp_path, capsys, change, path):
    file = sweep_file(tmp_path, **change)
    out = tmp_path / "results.csv"
    assert main(["sweep", str(file), "-o", str(out)]) == 2
    message = capsys.readouterr().err
    assert message.count("\n") == 1 and message.startswith("gdsim: ")
    assert f"{file}: {path}" in message
    assert not out.exists()
    with pytest.raises(InputError) as caught:
        parse_sweep(json.loads(file.read_text()))
    assert caught.value.path == path


def test_interrupted_sweep_keeps_a_valid_partial_csv(tmp_path, monkeypatch):
    import gdsim.session.sweep_exec as sweep_exec

    def interrupted(sweep, problem, *args):
        groups = sweep.groups(problem)
        yield run_group(sweep, groups[0], problem)
        raise KeyboardInterrupt

    monkeypatch.setattr(sweep_exec, "executor", interrupted)
    path = sweep_file(tmp_path, optimizers=[{"optimizer": "sgd"}, {"optimizer": "adam"}], lr=[0.1, 0.2])
    out = tmp_path / "results.csv"
    assert main(["sweep", str(path), "-o", str(out), "--quiet"]) == 130
    rows = read_rows(out)
    assert [row["optimizer"] for row in rows] == ["SGD", "SGD"]
    assert np.isfinite([float(row["final_loss"]) for row in rows]).all()
    assert (tmp_path / "results.summary.csv").exists()


def test_a_cells_scenario_runs_exactly_the_cell():
    # the window opens a cell as a scenario: simulated on its own, it ends where the sweep's row says
    from gdsim.session.sweep import cell_scenario
    from gdsim.session.sweep_results import median_grid

    sweep, problem = parse_sweep({
        "format": "gdsim.sweep", "version": 1, "problem": {"kind": "landscape", "name": "rosenbrock"},
        "steps": 300, "seeds": [3, 4, 5], "start": {"random": 1},
        "optimizers": [{"optimizer": "adam"}, {"optimizer": "sgd", "hyper": {"momentum": 0.9}}],
        "lr": [1e-3, 3e-2, 0.5]})
    results = [r for rows in executor(sweep, problem) for r in rows]
    for result in results[::4]:
        cell = sweep.cells[result.index]
        engine = simulated_engine(cell_scenario(sweep, cell.entry, cell.lr, cell.seed))
        if result.diverged:
            assert engine.runs[0].diverged_at[0] == result.diverged_at
        else:
            assert float(engine.runs[0].final_loss()[0]) == result.final_loss
    medians, diverged = median_grid(sweep, results)
    for (entry, column), value in np.ndenumerate(medians):
        cells = [r for r in results if sweep.cells[r.index].entry == entry and r.lr == sweep.lrs[column]]
        losses = [math.inf if r.diverged else r.final_loss for r in cells]
        assert value == np.median(losses)
        assert diverged[entry, column] == any(r.diverged for r in cells)


def test_an_unreachable_dask_scheduler_is_bad_input_and_nothing_is_written(tmp_path, capsys, monkeypatch):
    pytest.importorskip("distributed", reason="dask.distributed is not installed (gdsim[distributed])")
    import gdsim.session.sweep_exec as sweep_exec

    monkeypatch.setattr(sweep_exec, "CONNECT_SECONDS", 1)
    out = tmp_path / "results.csv"
    assert main(["sweep", str(sweep_file(tmp_path)), "-o", str(out), "--scheduler", "tcp://127.0.0.1:9"]) == 2
    message = capsys.readouterr().err
    assert message.startswith("gdsim: --scheduler: cannot reach the Dask scheduler at tcp://127.0.0.1:9")
    assert message.count("\n") == 1 and not out.exists()
