"""Loss-landscape slices: the origin is the model's loss, PCA centres on the final weights, filter
normalisation matches Li et al., and the slice is a landscape gdsim draws."""

import numpy as np
import pytest
import torch

from gdsim.core.grid import landscape_grid
from gdsim.engine.engine import Engine
from gdsim.nets import runtime
from gdsim.nets.landscape import SliceLandscape, filter_normalized_directions, loss_slice, pca_directions
from gdsim.session.scenario import parse_scenario
from tests.nets.conftest import network_scenario


@pytest.fixture(scope="module")
def trained():
    scenario, problem = parse_scenario(network_scenario(steps=100, runs=[
        {"optimizer": "adam", "hyper": {"lr": 0.01}, "batch_size": 64, "eval_every": 10}]))
    engine = Engine(scenario, problem)
    engine.run_to_end()
    return engine.runs[0]


def test_the_slice_at_its_origin_is_the_models_loss_and_the_grid_is_a_landscape(trained):
    run = trained
    computed = loss_slice(run.problem, run.trainer.weights(), "random", seed=0, checkpoints=run.checkpoints,
                          path_loss=run.evals["train_loss"], size=11, span=0.5)
    centre = computed.grid.values[5, 5]
    assert centre == pytest.approx(run.final()["train_loss"], rel=1e-6)
    landscape = SliceLandscape(computed, "slice")
    a, b = computed.grid.axes
    assert landscape.value(np.array([[a[3], b[7]]]))[0] == pytest.approx(computed.grid.values[7, 3])
    drawn = landscape_grid(landscape, resolution=21)
    assert drawn.values.shape == (21, 21) and np.isfinite(drawn.values).all()
    # the final checkpoint is the centre: its projection is the origin, and the plane's loss there its true loss
    assert np.allclose(computed.path[-1], 0, atol=1e-9)
    assert computed.plane_loss[-1] == pytest.approx(computed.path_loss[-1], rel=1e-6)


def test_filter_normalised_directions_follow_the_weights_row_norms_and_skip_biases(trained):
    weights = trained.trainer.weights()
    directions = filter_normalized_directions(trained.problem, weights, runtime.generator(0, "directions"))
    offset = 0
    for param in trained.problem.template.parameters():
        size = param.numel()
        part_d = directions[0, offset : offset + size].reshape(param.shape)
        part_w = weights[offset : offset + size].reshape(param.shape)
        if param.dim() == 1:
            assert not part_d.any()
        else:
            assert np.allclose(np.linalg.norm(part_d, axis=1), np.linalg.norm(part_w, axis=1), rtol=1e-5)
        offset += size
    again = filter_normalized_directions(trained.problem, weights, runtime.generator(0, "directions"))
    assert np.array_equal(directions, again)


def test_pca_of_the_trajectory_centres_on_the_final_weights(trained):
    run = trained
    final = run.checkpoints[-1][1].astype(float)
    computed = loss_slice(run.problem, final, "pca", seed=0, checkpoints=run.checkpoints,
                          path_loss=run.evals["train_loss"], size=5)
    assert np.allclose(computed.path[-1], 0, atol=1e-9)
    assert 0 < computed.explained[1] <= computed.explained[0] < 1
    # the oracle: torch's own PCA of the same matrix spans the same plane
    offsets = torch.tensor(np.array([w for _, w in run.checkpoints], dtype=float) - final)
    _, _, v = torch.linalg.svd(offsets, full_matrices=False)
    directions, _ = pca_directions(np.array([w for _, w in run.checkpoints]), final)
    assert np.allclose(np.abs(directions @ v[:2].numpy().T), np.eye(2), atol=1e-6)
    assert np.allclose(computed.path_loss, run.evals["train_loss"])


def test_a_slice_reports_progress_row_by_row_and_can_be_cancelled(trained):
    rows = []
    computed = loss_slice(trained.problem, trained.trainer.weights(), "random", seed=0, size=7,
                          progress=lambda row, total: rows.append((row, total)), cancelled=lambda: len(rows) >= 3)
    assert computed is None and rows == [(1, 7), (2, 7), (3, 7)]


def drive_until(engine, commands, stop):
    """Drive ``engine``, sending ``commands`` after the first snapshot, until ``stop(snapshot)``."""
    import queue

    from gdsim.engine.commands import Quit, Taken
    from gdsim.engine.driver import drive

    inbox = queue.Queue()
    seen = []
    for snapshot in drive(engine, inbox):
        seen.append(snapshot)
        if len(seen) == 1:
            for command in commands:
                inbox.put(command)
        elif stop(snapshot):
            inbox.put(Quit())
        inbox.put(Taken())
    return seen


def test_the_worker_computes_a_slice_row_by_row_and_the_2d_landscape_draws_it():
    from gdsim.engine.commands import CancelSlice, ComputeSlice, Step

    scenario, problem = parse_scenario(network_scenario({"name": "moons", "n": 200}, {"name": "mlp", "hidden": [8]},
                                                        steps=60, runs=[{"optimizer": "adam", "batch_size": 20,
                                                                         "eval_every": 10}]))
    engine = Engine(scenario, problem)
    engine.advance(40)
    seen = drive_until(engine, [ComputeSlice(0, "pca", size=9), Step(5)],
                       lambda s: s.landscape_slice is not None or s.errors)
    progress = [s.slice_progress for s in seen if s.slice_progress]
    assert progress == [(row, 9) for row in range(1, 10)]
    run_id, landscape = seen[-1].landscape_slice
    assert run_id == 0 and landscape.dim == 2 and landscape.slice.explained is not None
    assert landscape.slice.path_steps.tolist() == [0, 10, 20, 30, 40]
    assert landscape_grid(landscape, resolution=30).values.shape == (30, 30)

    cancelled = drive_until(Engine(scenario, problem), [ComputeSlice(0, "random", size=41), CancelSlice()],
                            lambda s: True)
    assert all(s.landscape_slice is None for s in cancelled)
    refused = drive_until(Engine(scenario, problem), [ComputeSlice(0, "pca")], lambda s: s.errors)
    assert refused[-1].errors[0].path == "method" and "three evaluations" in refused[-1].errors[0].message


def test_runs_roll_on_the_slice_their_position_at_the_centre_is_the_origin_and_the_plane_loss_its_loss():
    """A finished run sliced around its final weights sits at the origin of the plane, with the plane's
    loss there equal to its true loss; every run (a second optimizer, one added later, one reset) then
    streams two numbers per update, the projections of its weights by least squares (numpy's lstsq)."""
    from gdsim.engine.commands import AddRun, ComputeSlice, Reset
    from gdsim.engine.spec import RunSpec

    scenario, problem = parse_scenario(network_scenario({"name": "moons", "n": 200}, {"name": "mlp", "hidden": [8]},
                                                        steps=60, runs=[{"optimizer": "adam", "batch_size": 20,
                                                                         "eval_every": 10},
                                                                        {"optimizer": "sgd", "batch_size": 20,
                                                                         "hyper": {"lr": 0.1}}]))
    engine = Engine(scenario, problem)
    engine.run_to_end()
    seen = drive_until(engine, [ComputeSlice(0, "random", size=9)], lambda s: s.landscape_slice is not None)
    landscape = seen[-1].landscape_slice[1]
    frame = seen[-1].runs[0]
    assert frame.restart and frame.positions.shape == (1, 2)
    assert np.array_equal(frame.positions[0], [0.0, 0.0])  # the slice is centred on these very weights
    step, true, plane = frame.network.on_plane
    assert step == 60 and plane == pytest.approx(true, rel=1e-6) and true == engine.runs[0].final()["train_loss"]
    assert frame.points.path.shape == (60, 1, 2) and np.isfinite(frame.points.path).all()
    # the other run: its weights' least-squares coordinates on the plane
    other = engine.runs[1]
    directions = landscape.slice.directions
    offset = other.trainer.weights().astype(float) - landscape.slice.center
    expected = np.linalg.lstsq(directions.T, offset, rcond=None)[0]
    assert np.allclose(seen[-1].runs[1].positions[0], expected, rtol=1e-6, atol=1e-9)
    # from a reset on, every update adds its projection; a run added later rolls on the plane as well
    engine.apply(Reset())
    engine.apply(AddRun(RunSpec(optimizer="adam", batch_size=20)))
    engine.advance(5)
    snapshot = engine.snapshot()
    assert [len(f.points.path) for f in snapshot.runs] == [5, 5, 5]
    for run, frame in zip(engine.runs.values(), snapshot.runs, strict=True):
        offset = run.trainer.weights().astype(float) - landscape.slice.center
        assert np.allclose(frame.positions[0], np.linalg.lstsq(directions.T, offset, rcond=None)[0], atol=1e-7)
    assert np.array_equal(snapshot.runs[0].points.path[0], snapshot.runs[2].points.path[0])  # shared start
