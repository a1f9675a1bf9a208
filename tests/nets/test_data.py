"""Data sets offline (MNIST from files the test writes, nothing downloaded) and messages for bad input."""

import gzip
import socket
import urllib.request

import numpy as np
import pytest

from gdsim.core.errors import InputError
from gdsim.nets.datasets import load_data, read_idx
from gdsim.nets.spec import DataSpec
from gdsim.session.scenario import parse_scenario
from gdsim.session.simulate import simulate
from tests.nets.conftest import network_scenario


@pytest.fixture
def no_network(monkeypatch):
    """Any attempt to open a connection fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("gdsim tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)


def idx_bytes(array: np.ndarray) -> bytes:
    """LeCun's IDX format, written independently of gdsim's reader."""
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(n).to_bytes(4, "big") for n in array.shape)
    return header + array.astype(np.uint8).tobytes()


def small_mnist(rng):
    images = rng.integers(0, 256, (30, 28, 28), dtype=np.uint8)
    return images, np.arange(30) % 10, images[:10], np.arange(10) % 10


@pytest.mark.parametrize("packed", [False, True])
def test_mnist_reads_the_four_idx_files_gzipped_or_not(tmp_path, no_network, packed):
    x_train, y_train, x_test, y_test = small_mnist(np.random.default_rng(0))
    for stem, array in (("train-images-idx3-ubyte", x_train), ("train-labels-idx1-ubyte", y_train),
                        ("t10k-images-idx3-ubyte", x_test), ("t10k-labels-idx1-ubyte", y_test)):
        data = idx_bytes(array)
        if packed:
            (tmp_path / (stem + ".gz")).write_bytes(gzip.compress(data))
        else:
            (tmp_path / stem).write_bytes(data)
    data = load_data(DataSpec("mnist", path=str(tmp_path)), True)
    assert data.x_train.shape == (30, 784) and data.image_shape == (28, 28)
    assert np.allclose(data.x_train * 255, x_train.reshape(30, -1))
    assert data.y_val.tolist() == y_test.tolist() and data.classes == 10


def test_mnist_reads_keras_npz_and_trains_article_002s_mlp(tmp_path, no_network):
    x_train, y_train, x_test, y_test = small_mnist(np.random.default_rng(1))
    np.savez(tmp_path / "mnist.npz", x_train=x_train, y_train=y_train, x_test=x_test, y_test=y_test)
    recording = simulate(network_scenario({"name": "mnist", "path": str(tmp_path / "mnist.npz")},
                                          {"name": "mlp", "hidden": [128]}, steps=3,
                                          runs=[{"optimizer": "adam", "batch_size": 10}]))
    assert recording["runs"][0]["steps"] == 3
    _, problem = parse_scenario(network_scenario({"name": "mnist", "path": str(tmp_path / "mnist.npz")},
                                                 {"name": "mlp", "hidden": [128]}, runs=[]))
    assert problem.title == "MLP 784-128-10 on mnist" and problem.dim == 784 * 128 + 128 + 128 * 10 + 10


def test_every_built_in_data_set_loads_offline_and_trains(no_network):
    for name in ("digits", "moons", "circles", "spirals", "xor", "blobs", "sine"):
        model = {"name": "cnn"} if name == "digits" else {"name": "mlp", "hidden": [4]}
        recording = simulate(network_scenario({"name": name, "n": 100}, model, steps=2,
                                              runs=[{"optimizer": "sgd", "batch_size": 10}]))
        assert recording["runs"][0]["status"] == "max_steps", name


def test_a_csv_of_the_users_own(tmp_path):
    path = tmp_path / "points.csv"
    path.write_text("x1,x2,label\n" + "\n".join(f"{i % 7},{i % 3},{i % 2}" for i in range(40)) + "\n")
    data = load_data(DataSpec("csv", path=str(path), val_fraction=0.25), True)
    assert data.x_train.shape == (30, 2) and data.classes == 2
    path.write_text("1,2,0\n3,x,1\n")
    with pytest.raises(InputError, match="line 2: not a list of numbers"):
        load_data(DataSpec("csv", path=str(path)), True)


@pytest.mark.parametrize(("problem", "runs", "path", "words"), [
    ({"data": {"name": "mnits"}}, None, "problem.data.name", "must be one of digits, mnist"),
    ({"data": {"name": "mnist"}}, None, "problem.data.path", "gdsim never downloads"),
    ({"data": {"name": "mnist", "path": "/nonexistent/mnist.npz"}}, None, "problem.data.path", "does not exist"),
    ({"model": {"name": "transformer"}}, None, "problem.model.name", "must be one of linear, logistic, mlp, cnn"),
    ({"model": {"name": "mlp", "hidden": [64, 0]}}, None, "problem.model.hidden[1]", "from 1 to 4096"),
    ({"model": {"name": "mlp", "activation": "gelu"}}, None, "problem.model.activation", "relu"),
    ({"model": {"name": "cnn"}, "data": {"name": "moons"}}, None, "problem.model.name", "needs images"),
    ({"loss": "hinge"}, None, "problem.loss", "cross_entropy"),
    ({"loss": "mse"}, None, "problem.loss", "use cross_entropy"),
    ({}, [{"optimizer": "adamm"}], "runs[0].optimizer", "unknown optimizer 'adamm'"),
    ({}, [{"optimizer": "adam", "hyper": {"lr": -1}}], "runs[0].hyper.lr", "at least 0"),
    ({}, [{"optimizer": "adam", "hyper": {"momentum": 0.9}}], "runs[0].hyper.momentum", "has no hyperparameter"),
    ({}, [{"optimizer": "adam", "batch_size": 100000}], "runs[0].batch_size", "larger than the data set"),
    ({}, [{"optimizer": "adam", "start": [0, 0]}], "runs[0].start", "initial weights"),
    ({}, [{"optimizer": "adam", "eval_every": 0}], "runs[0].eval_every", "at least 1"),
])
def test_bad_names_and_values_get_a_message_with_the_key_path(problem, runs, path, words):
    base = network_scenario()
    base["problem"].update({key: value for key, value in problem.items()})
    if runs is not None:
        base["runs"] = runs
    with pytest.raises(InputError) as caught:
        parse_scenario(base)
    assert caught.value.path == path
    assert words in caught.value.message


def test_eval_every_is_refused_on_other_problems():
    data = {"format": "gdsim.scenario", "version": 2, "problem": {"kind": "landscape", "name": "rosenbrock"},
            "runs": [{"optimizer": "adam", "eval_every": 10}]}
    with pytest.raises(InputError) as caught:
        parse_scenario(data)
    assert caught.value.path == "runs[0].eval_every" and "only networks" in caught.value.message


def test_a_broken_idx_file_says_what_is_wrong(tmp_path):
    path = tmp_path / "train-images-idx3-ubyte"
    path.write_bytes(idx_bytes(np.zeros((2, 3, 3)))[:-1])
    with pytest.raises(InputError, match="its header"):
        read_idx(path)
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputError, match="magic number"):
        read_idx(path)


def test_the_digits_are_scikit_learns_read_without_importing_it():
    """Importing scikit-learn takes over a second, holding the interpreter lock in long stretches
    while the window waits: its bundled digits are read from its file (the oracle: its own loader)."""
    import subprocess
    import sys

    from sklearn.datasets import load_digits

    from gdsim.nets.datasets import _digits

    x, y, shape = _digits()
    digits = load_digits()
    np.testing.assert_array_equal(x, digits.data / 16.0)
    np.testing.assert_array_equal(y, digits.target)
    assert shape == (8, 8)
    probe = "import sys; from gdsim.nets.datasets import _digits; _digits(); print('sklearn' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          check=True).stdout.strip() == "False"
